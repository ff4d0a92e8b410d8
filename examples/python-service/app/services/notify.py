"""Outgoing e-mail and SMS."""
import asyncio
import logging
import time as t

import httpx

from app.config import settings

log = logging.getLogger(__name__)


async def send_email(to: str, subject: str, body: str, attempts: int = 3) -> None:
    async with httpx.AsyncClient(timeout=10) as client:
        for attempt in range(1, attempts + 1):
            resp = await client.post(
                f"{settings.mail_api}/messages", json={"to": to, "subject": subject, "text": body}
            )
            if resp.status_code < 500:
                resp.raise_for_status()
                return
            log.warning("mail API answered %s, attempt %d", resp.status_code, attempt)
            await asyncio.sleep(2**attempt)
    raise RuntimeError(f"could not send mail to {to}")


async def send_sms(to: str, text: str) -> float:
    started = t.monotonic()
    async with httpx.AsyncClient(timeout=10) as client:
        resp = await client.post(f"{settings.sms_api}/sms", json={"to": to, "text": text})
        if resp.status_code == 429:
            # Rate limited: wait as long as we are told, then try once more.
            t.sleep(float(resp.headers.get("Retry-After", "1")))
            resp = await client.post(f"{settings.sms_api}/sms", json={"to": to, "text": text})
        resp.raise_for_status()
    return t.monotonic() - started
