import asyncio
import json
import shutil
import subprocess
from pathlib import Path

from fastapi import APIRouter, HTTPException, UploadFile

from app.config import settings

router = APIRouter(prefix="/media", tags=["media"])


def media_path(name: str) -> Path:
    if Path(name).name != name or name.startswith("."):
        raise HTTPException(status_code=400, detail="bad file name")
    return settings.media_dir / name


@router.post("/{name}", status_code=201)
async def upload(name: str, file: UploadFile):
    target = media_path(name)
    data = await file.read()

    def save() -> int:
        with open(target, "wb") as fh:
            return fh.write(data)

    size = await asyncio.to_thread(save)
    return {"name": name, "bytes": size}


@router.get("/{name}/probe")
async def probe(name: str):
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_format", "-of", "json", str(media_path(name))],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise HTTPException(status_code=422, detail=result.stderr.strip())
    return json.loads(result.stdout)["format"]


@router.get("/{name}/meta")
async def metadata(name: str):
    sidecar = media_path(name).with_suffix(".json")
    try:
        return json.loads(open(sidecar).read())
    except FileNotFoundError:
        raise HTTPException(status_code=404, detail="no metadata") from None


@router.post("/{name}/copy/{new_name}", status_code=201)
async def copy(name: str, new_name: str):
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, shutil.copyfile, media_path(name), media_path(new_name))
    return {"name": new_name}
