"""Blocking callables handed to a thread by reference are the fix. Calling
the blocking function while building the arguments is still the fault."""
import asyncio
import functools
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

POOL = ThreadPoolExecutor(max_workers=4)


async def offloaded(url: str, src: str, dst: str) -> None:
    loop = asyncio.get_running_loop()
    await asyncio.to_thread(time.sleep, 1)  # ok: runs in a thread
    await asyncio.to_thread(shutil.copy, src, dst)  # ok: runs in a thread
    await loop.run_in_executor(None, requests.get, url)  # ok: default executor
    await loop.run_in_executor(POOL, functools.partial(subprocess.run, ["sync"], check=True))  # ok: partial, not called here
    await loop.run_in_executor(None, lambda: Path(src).read_text())  # ok: lambda in the executor
    await asyncio.to_thread(Path(src).read_bytes)  # ok: a bound method by reference
    fut = loop.run_in_executor(POOL, shutil.rmtree, "/tmp/x")  # ok: executor
    await fut


async def not_offloaded(url: str, src: str) -> None:
    await asyncio.to_thread(open(src).read)  # expect: PY201
    await asyncio.to_thread(time.sleep(1))  # expect: PY201
    await asyncio.to_thread(print, requests.get(url).status_code)  # expect: PY201
