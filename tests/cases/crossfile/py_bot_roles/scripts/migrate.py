#!/usr/bin/env python3
"""A one-off migration script: asyncio, but nobody else's loop."""
import asyncio
import json
import sys


async def migrate(path: str) -> None:
    with open(path) as f:  # ok: a script
        rows = json.load(f)
    for row in rows:
        await asyncio.sleep(0)
        print(row)


if __name__ == "__main__":
    asyncio.run(migrate(sys.argv[1]))
