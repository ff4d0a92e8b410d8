"""File I/O in async code: builtin open, io.open, pathlib, shutil."""
import io
import json
import os
import pathlib
import shutil
from pathlib import Path


async def load(name: str) -> dict:
    with open(f"/srv/data/{name}.json") as f:  # expect: PY201
        data = json.load(f)  # ok: the open() above is the finding
    raw = io.open("/srv/data/raw.bin", "rb").read()  # expect: PY201
    text = pathlib.Path("/srv/data/readme.md").read_text()  # expect: PY201
    blob = Path("/srv/data/blob.bin").read_bytes()  # expect: PY201
    Path("/srv/data/last").write_text(name)  # expect: PY201
    Path("/srv/data/last.bin").write_bytes(blob)  # expect: PY201
    out = Path("/srv/data/out.txt")
    out.write_text(text)  # expect: PY201
    with Path("/srv/data/out.txt").open() as fh:  # expect: PY201
        fh.readline()
    return {"data": data, "raw": len(raw)}


async def housekeeping() -> None:
    shutil.copy2("/srv/a", "/srv/b")  # expect: PY201
    shutil.copyfile("/srv/a", "/srv/c")  # expect: PY201
    shutil.move("/srv/c", "/srv/d")  # expect: PY201
    shutil.rmtree("/srv/tmp", ignore_errors=True)  # expect: PY201
    where = shutil.which("git")  # ok: not a copy
    joined = os.path.join("/srv", "a")  # ok: no I/O
    p = Path("/srv") / "a"  # ok: no I/O
    print(where, joined, p.name, p.with_suffix(".bak"))  # ok: no I/O


def load_sync(name: str) -> str:
    with open(f"/srv/data/{name}.json") as f:  # ok: plain function
        return f.read()
