"""Supplier price feeds."""
from pathlib import Path

import requests

from app.config import settings


def download_feed(url: str) -> Path:
    """Stream one supplier's CSV into the local feed cache and return its path."""
    settings.feed_cache.mkdir(parents=True, exist_ok=True)
    target = settings.feed_cache / url.rstrip("/").replace("https://", "").replace("/", "_")
    with requests.get(url, stream=True, timeout=30) as resp:
        resp.raise_for_status()
        with open(target, "wb") as fh:
            for chunk in resp.iter_content(chunk_size=64 * 1024):
                fh.write(chunk)
    return target
