"""Local names that shadow a module are not the module."""
import asyncio
import subprocess
import time

import requests


class FakeClock:
    def sleep(self, seconds: float) -> None:
        self.now = seconds


async def injected(requests, subprocess) -> None:
    requests.get("https://example.com/")  # ok: `requests` is a parameter (an async test double)
    subprocess.run(["true"])  # ok: `subprocess` is a parameter


async def local_rebind() -> None:
    time = FakeClock()
    time.sleep(1)  # ok: a local `time`
    sleep = asyncio.sleep
    await sleep(1)  # ok: asyncio.sleep under another name


async def method_names(clock: FakeClock, worker) -> None:
    clock.sleep(1)  # ok: a method called sleep
    worker.run(["true"])  # ok: a method called run
    await worker.open("x")  # ok: a method called open, awaited


async def module_again() -> None:
    time.sleep(1)  # expect: PY201
    requests.get("https://example.com/")  # expect: PY201
    subprocess.run(["true"])  # expect: PY201


def open(path: str) -> str:  # a module-level function named open
    return path.upper()


async def uses_own_open() -> str:
    return open("x")  # ok: this module's own open(), not the builtin
