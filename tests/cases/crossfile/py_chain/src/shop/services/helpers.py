import sqlite3


def count_rows(table):
    with sqlite3.connect("shop.db") as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def even(n):
    return n == 0 or odd(n - 1)


def odd(n):
    return n != 0 and even(n - 1)


async def fetch_async(url):
    return url


def read_all(stream):
    chunks = []
    while True:
        chunk = stream.read(4096)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)
