"""Client for the warehouse's inventory API (the old synchronous one)."""
import time

import requests

from app.config import settings


def reserve_stock(sku: str, quantity: int) -> bool:
    """Place a hold on stock. The warehouse answers 202 and confirms the hold later."""
    resp = requests.post(
        f"{settings.inventory_api}/holds", json={"sku": sku, "quantity": quantity}, timeout=5
    )
    if resp.status_code == 409:
        return False
    resp.raise_for_status()
    hold_url = resp.headers["Location"]
    for _ in range(20):
        hold = requests.get(hold_url, timeout=5).json()
        if hold["state"] != "pending":
            return hold["state"] == "confirmed"
        time.sleep(0.25)
    raise TimeoutError(f"stock hold for {sku} still pending after 5 s")
