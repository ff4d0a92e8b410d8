"""threading primitives in async code (PY204), and the asyncio ones that
replace them."""
import asyncio
import queue
import threading
from concurrent.futures import ThreadPoolExecutor

_lock = threading.Lock()
_ready = threading.Event()
_jobs: queue.Queue = queue.Queue()
_alock = asyncio.Lock()
POOL = ThreadPoolExecutor()


class Cache:
    guard = threading.RLock()

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.data: dict = {}

    async def get(self, key: str):
        with self.guard:  # expect: PY204
            return self.data.get(key)

    async def wait_for_data(self) -> None:
        with self.cond:  # expect: PY204
            self.cond.wait()  # expect: PY204

    def get_sync(self, key: str):
        with self.guard:  # ok: plain method, runs in a thread
            return self.data.get(key)


async def held_across_await() -> int:
    with _lock:  # expect: PY204
        await asyncio.sleep(0.1)
        return 1


async def waits() -> None:
    _lock.acquire()  # expect: PY204
    _lock.release()
    _ready.wait()  # expect: PY204
    job = _jobs.get()  # expect: PY204
    _jobs.put(job)  # ok: an unbounded queue never waits on put
    t = threading.Thread(target=print)
    t.start()
    t.join()  # expect: PY204
    fut = POOL.submit(print, "x")
    fut.result()  # expect: PY201
    POOL.submit(print, "y").result()  # expect: PY201


async def does_not_wait() -> None:
    if _lock.acquire(blocking=False):  # ok: returns at once
        _lock.release()
    _lock.acquire(False)  # ok: returns at once
    _ready.wait(0)  # ok: a poll
    _ready.wait(timeout=0)  # ok: a poll
    _jobs.get(block=False)  # ok: raises queue.Empty at once
    _jobs.get_nowait()  # ok: never waits
    _jobs.put("x", False)  # ok: raises queue.Full at once
    _ready.set()  # ok: setting never waits
    async with _alock:  # ok: asyncio.Lock
        await asyncio.wait_for(_alock.acquire(), 1)  # ok: asyncio.Lock, awaited
    await asyncio.to_thread(_ready.wait)  # ok: waits in a thread
    await asyncio.wrap_future(POOL.submit(print, "z"))  # ok: awaited


def worker() -> None:
    while True:
        item = _jobs.get()  # ok: a worker thread
        with _lock:  # ok: a worker thread
            print(item)
