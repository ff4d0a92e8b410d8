import asyncio
import threading
import time
from collections import Counter

from fastapi import APIRouter

from app import db
from app.config import settings

router = APIRouter(prefix="/reports", tags=["reports"])

SUMMARY_TTL = 300.0
_summary_lock = threading.Lock()
_summary_cache: dict[str, tuple[float, list[dict]]] = {}


@router.get("/summary")
async def summary():
    with _summary_lock:
        cached = _summary_cache.get("daily")
        if cached is None or cached[0] < time.monotonic():
            rows = await asyncio.to_thread(db.daily_summary, settings.database_path)
            cached = (time.monotonic() + SUMMARY_TTL, rows)
            _summary_cache["daily"] = cached
    return cached[1]


# "Frequently bought together": how often each pair of SKUs shares a basket.
@router.get("/basket-affinity")
async def basket_affinity(min_count: int = 5, limit: int = 50):
    baskets = await asyncio.to_thread(db.list_baskets, settings.database_path)
    pairs: Counter[tuple[str, str]] = Counter()
    for basket in baskets:
        items = sorted(set(basket))
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                pairs[items[i], items[j]] += 1
    return [
        {"skus": [a, b], "count": n}
        for (a, b), n in pairs.most_common(limit)
        if n >= min_count
    ]
