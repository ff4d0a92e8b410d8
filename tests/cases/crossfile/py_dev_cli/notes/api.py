import os

from fastapi import FastAPI

from . import settings
from .tracing import dump_debug, is_trace_enabled, snapshots_enabled, write_trace

app = FastAPI()


@app.post("/notes")
async def create_note(body: dict):
    if is_trace_enabled():
        write_trace(body)  # ok: only when the tracing switch is set
    if settings.DEBUG:
        dump_debug(body)  # ok: development runs only
        open("/tmp/last-note.json").read()  # ok: development runs only
    elif os.getenv("NOTES_ENV") == "development" and body:
        dump_debug(body)  # ok: development runs only
    if snapshots_enabled():
        write_trace(body)  # expect: PY202
    if settings.SNAPSHOTS:
        open("/tmp/snapshot.json").read()  # expect: PY201
    if os.getenv("NOTES_AB_TESTING"):
        open("/tmp/variant.json").read()  # expect: PY201
    if not settings.DEBUG:
        open("/tmp/served.json").read()  # expect: PY201
    return {"ok": True}
