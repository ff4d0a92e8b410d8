"""Generated client for the legacy billing API. Do not edit."""
# stackfit: ignore-file
import requests


async def invoice(n: int) -> dict:
    return requests.get(f"https://billing/{n}").json()  # ok: the whole file is ignored
