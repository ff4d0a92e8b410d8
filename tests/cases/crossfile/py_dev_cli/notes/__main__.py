"""`notes`: serves the API; `notes --edit` changes the settings at the terminal."""
import asyncio
import sys

import uvicorn

from .api import app


def run_once(flags, func):
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(func(flags))
    finally:
        loop.close()


async def edit_settings(flags):
    # Run in place by run_once, from main: the terminal, before serving.
    name = input("instance name> ")  # ok: start-up, not a handler
    print(flags, name)


def main():
    flags = sys.argv[1:]
    if "--edit" in flags:
        run_once(flags, edit_settings)
        return
    uvicorn.run(app)


if __name__ == "__main__":
    main()
