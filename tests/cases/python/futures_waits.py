"""The event loop's thread waiting for work handed to a thread pool: a
result, wait or as_completed on concurrent futures, and the end of a
`with ThreadPoolExecutor(...)` block that submitted work (its exit shuts
the pool down and waits)."""
import asyncio
import concurrent.futures
from concurrent.futures import ThreadPoolExecutor, as_completed

POOL = ThreadPoolExecutor(max_workers=4)


class Cache:
    def __init__(self, database) -> None:
        self.database = database

    async def update(self, values: dict) -> None:
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:  # expect: PY201
            executor.submit(self.database.cursor().execute, "update t", values)

    async def fetch_one(self, values: dict):
        row = None
        with ThreadPoolExecutor(max_workers=1) as executor:  # expect: PY201
            for future in as_completed([executor.submit(self.database.execute, "q", values)]):  # ok: reported at the with
                row = future.result()
        return row


async def gather_results(fs: list) -> list:
    done, _ = concurrent.futures.wait(fs)  # expect: PY201
    return [f.result() for f in as_completed(fs)]  # expect: PY201


async def one_result() -> int:
    fut = POOL.submit(sum, [1, 2])
    return fut.result()  # expect: PY201


async def through_the_loop(fn) -> int:
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor() as pool:  # ok: the work is awaited before the block ends
        return await loop.run_in_executor(pool, fn)


async def wrapped() -> int:
    return await asyncio.wrap_future(POOL.submit(sum, [1, 2]))  # ok: awaited


async def stop() -> None:
    POOL.shutdown(wait=False)  # ok: returns at once


def sync_batch(rows: list) -> None:
    with ThreadPoolExecutor() as pool:  # ok: not async code
        for r in rows:
            pool.submit(print, r)


def on_done(future: concurrent.futures.Future) -> None:
    if future.exception():  # ok: a done callback's future is done
        print(future.exception())  # ok: a done callback's future is done


async def watch() -> None:
    fut = POOL.submit(sum, [1, 2])
    fut.add_done_callback(on_done)
    fut.add_done_callback(lambda f: print(f.result()))  # ok: done
