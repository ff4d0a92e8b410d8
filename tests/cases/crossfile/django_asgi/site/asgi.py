"""Served by uvicorn (`uvicorn site.asgi:application`, as requirements.txt
says): Django under ASGI runs its sync views in threads."""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")
application = get_asgi_application()
