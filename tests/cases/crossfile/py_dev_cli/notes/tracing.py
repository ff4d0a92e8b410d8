"""Tracing of requests to files, for debugging."""
import json
import os


def is_blank(value):
    return value is None or value == ""


def is_trace_enabled():
    """Set NOTES_TRACE_DIR to keep a trace of each request."""
    return not is_blank(os.getenv("NOTES_TRACE_DIR"))


def snapshots_enabled():
    # An ordinary feature switch: not development code.
    return bool(os.getenv("NOTES_SNAPSHOT_DIR"))


def write_trace(data):
    with open(os.path.join(os.getenv("NOTES_TRACE_DIR"), "trace.json"), "w") as f:
        json.dump(data, f)


def dump_debug(data):
    # Called only from development branches: a test's, not the service's.
    with open("/tmp/notes-debug.json", "w") as f:
        json.dump(data, f)
