"""Ledger entries written through the shared connection, from async code and
from a sync helper that async code calls."""
from bakery import ledger


async def add_entry(name: str) -> None:
    with ledger.conn as conn:
        with conn.cursor() as cursor:
            cursor.execute("insert into entries values (%s)", (name,))  # expect: PY201


def entry_count() -> int:
    with ledger.conn as conn:
        with conn.cursor() as cursor:
            cursor.execute("select count(*) from entries")
            return cursor.fetchone()[0]


async def report() -> dict:
    return {"entries": entry_count()}  # expect: PY202
