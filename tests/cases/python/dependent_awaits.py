"""Awaits in loops whose iterations depend on each other (PY205 stays
quiet) next to independent ones (the hint stays)."""
import asyncio
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


async def register_all(registry, entries: list) -> None:
    for index, entry in enumerate(entries):
        await registry.register_entry(entry)  # ok: paced, it yields every 100
        if index % 100 == 0:
            await asyncio.sleep(0)


async def convert(rows, api):
    return [await api.convert(row) async for row in rows]  # ok: a stream, in order


async def react(message, emojis: list[str]) -> None:
    for emoji in emojis:
        await message.add_reaction(emoji)  # ok: the reactions show in this order


async def unreact(message, emojis: list[str]) -> None:
    for emoji in emojis:
        await message.remove_reaction(emoji)  # expect: PY205


class Pointer:
    async def _run(self, command: str, *args) -> None:
        print(command, args)

    async def _execute(self, command: str, *args) -> None:
        await self._run(command, *args)

    async def drag(self, path: list) -> None:
        for point in path:
            await self._execute("moveTo", point.x, point.y)  # ok: one pointer, along the path

    async def add_rules(self, targets: list, rule: str) -> None:
        for target in targets:
            await self._add_rule(rule, target.id)  # ok: each rewrites the rule list in order

    async def _add_rule(self, rule: str, target: int) -> None:
        print(rule, target)

    async def scan_all(self, libraries: list) -> None:
        for library in libraries:
            self.current = library
            await self.scan(library)  # ok: each iteration sets what the scan reads

    async def scan(self, library) -> None:
        print(library, self.current)


async def install_all(repos: list, target: str) -> None:
    for repo in repos:
        await repo.install_libraries(target_dir=target)  # ok: one shared folder


async def sort_channels(channels: list) -> None:
    start = channels[0].position
    for i, channel in enumerate(sorted(channels, key=lambda c: c.name)):
        await channel.edit(position=start + i)  # ok: each move shifts the others
