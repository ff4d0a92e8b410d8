#!/usr/bin/env python3
"""A plain asyncio program: a CLI prompt, a small TCP client, a worker.

In a project of its own (no server entry: a library as far as stackfit
knows), its async functions may run on anyone's loop, so it is checked as a
library is. A script like it beside a service would be the service's
script, not its code."""
import asyncio
import os
import sys
import time


async def prompt_user() -> str:
    name = input("name? ")  # expect: PY201
    return name


async def prompt_user_ok() -> str:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, input, "name? ")  # ok: input runs in the executor


async def ping(host: str) -> int:
    proc = await asyncio.create_subprocess_exec("ping", "-c", "1", host)  # ok: asyncio subprocess
    return await proc.wait()  # ok: awaited


async def ping_blocking(host: str) -> int:
    return os.system(f"ping -c 1 {host}")  # expect: PY201


async def heartbeat() -> None:
    print("alive", file=sys.stderr)  # ok: print is not in the catalogue
    await asyncio.sleep(5)  # ok: asyncio.sleep


async def main() -> None:
    hb = asyncio.create_task(heartbeat())
    name = await prompt_user_ok()
    code = await ping(name)
    time.sleep(0.1)  # expect: PY201
    hb.cancel()
    print(code)


if __name__ == "__main__":
    started = time.monotonic()  # ok: not blocking
    time.sleep(0.01)  # ok: module level, before the loop runs
    asyncio.run(main())
