"""What counts as async code: the body of an `async def`, not the bodies of
the `def`, `lambda` and `class` nested in it; comprehensions and generator
expressions do run in it."""
import asyncio
import subprocess
import time
from pathlib import Path

import requests


async def handler(paths: list[str]) -> list[str]:
    def read_all() -> list[str]:
        return [Path(p).read_text() for p in paths]  # ok: nested def, run in a thread below

    texts = await asyncio.to_thread(read_all)  # ok: to_thread

    key = lambda p: p.lower()  # ok: lambda body, no I/O  # noqa: E731
    paths.sort(key=key)
    # A key function is called right here, by max(), on the loop's thread.
    longest = max(paths, key=lambda p: len(Path(p).read_text()))  # expect: PY201

    class Sink:
        def write(self, s: str) -> None:
            with open("/tmp/sink", "a") as f:  # ok: method of a nested class
                f.write(s)

    sink = Sink()
    retry = lambda: requests.get("https://example.com/")  # ok: lambda, not called here  # noqa: E731
    await asyncio.to_thread(retry)  # ok: to_thread
    sizes = [len(open(p).read()) for p in paths]  # expect: PY201
    total = sum(len(Path(p).read_bytes()) for p in paths)  # expect: PY201
    by_name = {p: open(p).readline() for p in paths}  # expect: PY201
    return texts + [longest, str(sizes), str(total), str(by_name), repr(sink)]


def outer_sync():
    async def inner() -> None:
        time.sleep(0.1)  # expect: PY201

    time.sleep(0.1)  # ok: plain function
    return inner


class Service:
    async def refresh(self) -> None:
        subprocess.run(["./refresh.sh"])  # expect: PY201

    @staticmethod
    async def probe(url: str) -> int:
        return requests.head(url).status_code  # expect: PY201

    @classmethod
    async def create(cls) -> "Service":
        time.sleep(0.01)  # expect: PY201
        return cls()

    def sync_method(self) -> None:
        time.sleep(0.01)  # ok: plain method

    async def stream(self):
        yield open("/srv/stream.txt").read()  # expect: PY201
        await asyncio.sleep(0)  # ok: asyncio.sleep

    async def __aenter__(self) -> "Service":
        subprocess.Popen(["./daemon"])  # expect: PY201
        return self

    async def __aexit__(self, *exc) -> None:
        await asyncio.sleep(0)  # ok: asyncio.sleep
