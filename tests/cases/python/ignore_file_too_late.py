"""Module docstring."""
import time

# stackfit: ignore-file  -- too late: code came before this comment


async def late() -> None:
    time.sleep(1)  # expect: PY201
