"""Awaits in loops (PY205): independent calls one after the other, and the
loops where the order or the result matters."""
import asyncio

import httpx


async def fetch_all(client: httpx.AsyncClient, urls: list[str]) -> list[str]:
    pages = []
    for url in urls:
        r = await client.get(url)  # expect: PY205
        pages.append(r.text)
    return pages


async def comprehension(client: httpx.AsyncClient, ids: list[int]) -> list[dict]:
    return [(await client.get(f"/users/{i}")).json() for i in ids]  # expect: PY205


async def one_hint_per_loop(client: httpx.AsyncClient, ids: list[int]) -> None:
    for i in ids:
        await client.get(f"/a/{i}")  # expect: PY205
        await client.get(f"/b/{i}")  # ok: the loop has its hint


async def gathered(client: httpx.AsyncClient, urls: list[str]) -> list[httpx.Response]:
    return await asyncio.gather(*(client.get(u) for u in urls))  # ok: concurrent


async def retry(client: httpx.AsyncClient, url: str) -> httpx.Response:
    for attempt in range(5):
        r = await client.get(url)  # ok: the result decides whether to go on
        if r.status_code < 500:
            return r
        await asyncio.sleep(2**attempt)  # ok: pacing
    raise RuntimeError(url)


async def first_match(client: httpx.AsyncClient, mirrors: list[str]) -> str:
    for m in mirrors:
        r = await client.head(m)  # ok: stops at the first that answers
        if r.is_success:
            break
    return m


async def paginate(client: httpx.AsyncClient) -> list[dict]:
    items, cursor = [], None
    while True:
        page = await client.get("/items", params={"cursor": cursor})  # ok: a while loop
        items += page.json()["items"]
        cursor = page.json().get("next")
        if cursor is None:
            return items


async def chain(step, x: int, n: int) -> int:
    for _ in range(n):
        x = await step(x)  # ok: each result feeds the next call
    return x


async def stream(ws, reader, messages: list[str], conn, rows: list[tuple]) -> None:
    async for msg in reader:
        await ws.send_text(msg)  # ok: async for
    for m in messages:
        await ws.send_text(m)  # ok: sends to one socket stay in order
    for row in rows:
        await conn.execute("insert into t values ($1, $2)", *row)  # ok: one connection
    for t in [asyncio.create_task(asyncio.sleep(1)) for _ in range(3)]:
        await t  # ok: the tasks already run concurrently


def not_async(client, urls):
    for u in urls:
        client.get(u)  # ok: no await at all


async def broadcast(clients: list, text: str, handlers: list, stack: list) -> None:
    for ws in clients:
        await ws.send_str(text)  # expect: PY205
    for handler in handlers:
        await handler()  # ok: hooks run in order by contract
    for cm in stack:
        await cm.__aexit__(None, None, None)  # ok: the async protocol


async def notify_all(emails: list[str]) -> None:
    for e in emails:
        await send_email(e)  # expect: PY205


async def send_email(to: str) -> None:
    await asyncio.sleep(0.1)


async def header_and_raise(loop, host: str, paths: list[str]) -> list:
    found = [a for _, a in await loop.getaddrinfo(host, 80)]  # ok: awaited once, before the loop
    for p in paths:
        if await exists_remote(p):  # ok: the first match raises out of the loop
            raise LookupError(p)
    return found


async def exists_remote(path: str) -> bool:
    return bool(path)
