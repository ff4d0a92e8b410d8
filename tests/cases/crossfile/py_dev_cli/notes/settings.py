"""Settings read once from the environment."""
import os

DEBUG = os.getenv("NOTES_DEBUG") == "1"
SNAPSHOTS = os.getenv("NOTES_SNAPSHOTS") == "1"
ENVIRONMENT = os.getenv("NOTES_ENV", "production")
