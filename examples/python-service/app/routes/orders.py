import asyncio
import time

import httpx
import requests
from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from app import db
from app.config import settings
from app.services import inventory, notify

router = APIRouter(prefix="/orders", tags=["orders"])


class NewOrder(BaseModel):
    email: str
    sku: str
    quantity: int = Field(default=1, ge=1, le=100)


async def load_order(order_id: int) -> dict:
    order = await asyncio.to_thread(db.get_order, settings.database_path, order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="no such order")
    return order


@router.post("", status_code=201)
async def create_order(order: NewOrder):
    if not inventory.reserve_stock(order.sku, order.quantity):
        raise HTTPException(status_code=409, detail="out of stock")
    order_id = await asyncio.to_thread(
        db.insert_order, settings.database_path, order.email, order.sku, order.quantity
    )
    return {"id": order_id}


# A plain def endpoint: FastAPI runs it in its thread pool.
@router.get("/{order_id}")
def read_order(order_id: int):
    order = db.get_order(settings.database_path, order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="no such order")
    return order


@router.get("/{order_id}/total")
async def order_total(order_id: int, currency: str = "EUR"):
    order = await load_order(order_id)
    if currency == "EUR":
        return {"currency": "EUR", "total": order["total"]}
    resp = requests.get(
        f"{settings.fx_api}/latest", params={"base": "EUR", "symbols": currency}, timeout=5
    )
    resp.raise_for_status()
    rate = resp.json()["rates"][currency]
    return {"currency": currency, "total": round(order["total"] * rate, 2)}


@router.get("/{order_id}/shipping-quotes")
async def shipping_quotes(order_id: int, request: Request):
    order = await load_order(order_id)
    client: httpx.AsyncClient = request.app.state.http
    params = {"sku": order["sku"], "quantity": order["quantity"]}
    responses = await asyncio.gather(
        *(client.get(f"{carrier}/quote", params=params) for carrier in settings.carriers),
        return_exceptions=True,
    )
    quotes = [r.json() for r in responses if isinstance(r, httpx.Response) and r.is_success]
    return sorted(quotes, key=lambda q: q["price"])


@router.post("/{order_id}/refund")
async def refund(order_id: int, request: Request):
    client: httpx.AsyncClient = request.app.state.http
    resp = await client.post(f"{settings.payments_api}/refunds", json={"order_id": order_id})
    resp.raise_for_status()
    # The provider needs a moment before the refund shows up on the charge.
    time.sleep(1)
    charge = await client.get(f"{settings.payments_api}/charges/{order_id}")
    return charge.json()


@router.post("/late/notify")
async def notify_late_orders():
    late = await asyncio.to_thread(db.list_late_orders, settings.database_path)
    for order in late:
        await notify.send_email(
            order["email"],
            "Your order is running late",
            f"Order #{order['id']} is taking longer than promised. Sorry about that!",
        )
    return {"notified": len(late)}
