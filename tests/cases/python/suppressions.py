"""Suppression comments in Python."""
import time

import requests


async def suppressed() -> None:
    time.sleep(1)  # stackfit: ignore
    # ok: the next line but one is covered by the ignore[PY201] alone above it
    # stackfit: ignore[PY201]
    requests.get("https://example.com/")
    # stackfit: ignore[PY201, PY202]
    time.sleep(2)  # ok: PY201 is in the list above
    time.sleep(3)  # stackfit: ignore[py201]


async def not_suppressed() -> None:
    # stackfit: ignore[PY202]
    time.sleep(1)  # expect: PY201
    # stackfit: ignore

    time.sleep(2)  # expect: PY201
    time.sleep(3)  # stackfit: ignore
    time.sleep(4)  # expect: PY201
    # stackfit: ignored on purpose
    time.sleep(5)  # expect: PY201
    # stackfit: ignore[JS101]
    time.sleep(6)  # expect: PY201
