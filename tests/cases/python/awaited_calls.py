"""Awaited calls and async libraries with blocking-looking names."""
import asyncio

import aiofiles
import aiosqlite
import anyio
import asyncpg
import httpx
from aiofiles import open as aopen


async def fine(path: str, url: str, dsn: str) -> None:
    async with aiofiles.open(path) as f:  # ok: aiofiles
        await f.read()  # ok: awaited
    async with aopen(path, "w") as f:  # ok: aiofiles under another name
        await f.write("x")  # ok: awaited
    text = await anyio.Path(path).read_text()  # ok: anyio.Path, awaited
    async with httpx.AsyncClient(timeout=5) as client:
        r = await client.post(url, json={"n": len(text)})  # ok: AsyncClient
        r.raise_for_status()  # ok: not I/O
    db = await aiosqlite.connect("app.db")  # ok: aiosqlite, awaited
    await db.close()  # ok: awaited
    pg = await asyncpg.connect(dsn)  # ok: asyncpg, awaited
    await pg.close()  # ok: awaited
    reader, writer = await asyncio.open_connection("example.com", 80)  # ok: asyncio streams
    writer.close()
    await writer.wait_closed()  # ok: awaited
    proc = await asyncio.create_subprocess_shell("ls", stdout=asyncio.subprocess.PIPE)  # ok: asyncio subprocess
    await proc.communicate()  # ok: awaited
    infos = await asyncio.get_running_loop().getaddrinfo("example.com", 443)  # ok: loop.getaddrinfo
    await asyncio.wait_for(asyncio.sleep(1), timeout=2)  # ok: asyncio
    print(reader, infos)  # ok: not blocking I/O in the catalogue
