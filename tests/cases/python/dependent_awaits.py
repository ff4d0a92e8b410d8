"""Awaits in loops whose iterations depend on each other (PY205 stays
quiet) next to independent ones (the hint stays)."""
from sqlalchemy.ext.asyncio import AsyncSession


async def merge_into(target: dict, name: str, store) -> None:
    target.update(await store.read_json(name))


async def merged(store, names: list[str]) -> dict:
    out = {}
    for name in names:
        await merge_into(out, name, store)  # ok: later names override earlier ones
    return out


async def checkout_all(repos: list) -> None:
    for repo in repos:
        for commit in repo.commits:
            await repo.checkout(commit)  # ok: one working tree, one commit at a time


async def versions(settings, start: int, end: int) -> None:
    for v in range(start, end):
        await settings.set("schema_version", v)  # ok: the same key each time


async def lookups(session: AsyncSession, ids: list[int], repo) -> list:
    out = []
    for i in ids:
        out.append(await repo.get_by_id(i, session))  # ok: one session runs one statement at a time
    return out


async def send_chunks(message, chunks: list[str]) -> None:
    for index, chunk in enumerate(chunks):
        await message.answer(chunk)  # ok: parts of one reply, in order


async def independent(client, urls: list[str]) -> list:
    pages = []
    for url in urls:
        pages.append(await client.get(url))  # expect: PY205
    return pages
