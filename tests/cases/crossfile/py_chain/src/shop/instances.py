from fastapi import APIRouter

from shop.repo.store import Store, store

router = APIRouter()
local_store = Store()


class Cache:
    def warm(self):
        import time

        time.sleep(1)


cache = Cache()


@router.get("/counts")
async def counts():
    a = store.count("orders")  # expect: PY202
    b = local_store.count("orders")  # expect: PY202
    cache.warm()  # expect: PY202
    c = await store.count_async("orders")  # an async method: not a blocking callee
    return {"a": a, "b": b, "c": c}
