import asyncio

from fastapi import FastAPI

from shop import reserve, count_rows
from . import services
from .services import helpers
from .services.helpers import fib, even, fetch_async, read_all

app = FastAPI()


@app.post("/orders")
async def create_order(sku: str):
    if not reserve(sku):  # expect: PY202
        return {"ok": False}
    return {"rows": count_rows("orders")}  # expect: PY202


@app.get("/fib")
async def fib_endpoint(n: int):
    return {"value": fib(n)}  # expect: PY202


@app.get("/parity")
async def parity(n: int):
    return {"even": even(n)}  # mutual recursion that never blocks


@app.get("/rows")
async def rows():
    a = await asyncio.to_thread(helpers.count_rows, "orders")  # passed, not called
    b = await fetch_async("x")  # an async helper is not a blocking callee
    c = services.inventory.reserve("x")  # expect: PY202
    return {"a": a, "b": b, "c": c}


@app.post("/pay")
async def pay(order_id: int):
    # Two hops away, in two other files: billing.charge -> gateway.post_charge.
    return services.billing.charge(order_id, 10)  # expect: PY202


@app.post("/upload")
async def upload(stream):
    return read_all(stream)  # a loop that breaks is not endless


def sync_view():
    return reserve("y")  # plain code may block
