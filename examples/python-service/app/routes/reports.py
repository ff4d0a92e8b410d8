import asyncio
import threading
import time

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


# "Frequently bought together": how many baskets hold each pair of SKUs.
@router.get("/basket-affinity")
async def basket_affinity(min_count: int = 5, limit: int = 50):
    baskets = await asyncio.to_thread(db.list_baskets, settings.database_path)
    skus = sorted({sku for basket in baskets for sku in basket})
    pairs = []
    for i in range(len(skus)):
        for j in range(i + 1, len(skus)):
            count = sum(1 for basket in baskets if skus[i] in basket and skus[j] in basket)
            if count >= min_count:
                pairs.append({"skus": [skus[i], skus[j]], "count": count})
    pairs.sort(key=lambda p: -p["count"])
    return pairs[:limit]
