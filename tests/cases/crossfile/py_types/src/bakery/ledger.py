"""One psycopg2 connection for the whole service, made at import."""
import os

import psycopg2

conn = psycopg2.connect(os.environ.get("DATABASE_URL", ""))
