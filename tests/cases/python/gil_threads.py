"""CPU-bound work handed to threads (PY210), resolved through functions,
methods, partials and lambdas; and thread targets that are fine."""
import asyncio
import functools
import hashlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import requests


def simulate(exposures: list[float], probs: list[float], runs: int = 20_000) -> float:
    losses = []
    for _ in range(runs):
        loss = 0.0
        for exposure, p in zip(exposures, probs):
            if p > 0.5:
                loss += exposure
        losses.append(loss)
    return max(losses)


def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def checksum_all(blobs: list[bytes]) -> list[str]:
    out = []
    for blob in blobs:  # ok: hashlib releases the GIL on big buffers
        for _ in range(3):
            out.append(hashlib.sha256(blob * 2).hexdigest())
    return out


def matmul(a, b):
    for i in range(len(a)):
        for j in range(len(b)):
            a[i][j] = np.dot(a[i], b[j]) + 1  # numpy does the work
    return a


def fetch_all(urls: list[str]) -> list[int]:
    sizes = []
    for u in urls:
        for attempt in range(3):
            sizes.append(len(requests.get(u).content) + attempt)  # I/O
    return sizes


def drive(xs: list[float], ys: list[float]) -> float:
    return simulate(xs, ys) + 1  # follows the same-file helper


class Engine:
    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=4)

    def crunch(self, points: list[tuple[int, int]]) -> int:
        total = 0
        for a in points:
            for b in points:
                total += (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2
        return total

    def walk(self, grid: list[list[int]]) -> int:
        total = 0
        for row in grid:  # linear: every cell once
            for cell in row:
                total += cell * cell
        return total

    def start(self, grid: list[list[int]]) -> None:
        self.pool.submit(self.crunch, grid)  # expect: PY210
        threading.Thread(target=self.crunch, args=(grid,)).start()  # expect: PY210
        self.pool.submit(self.walk, grid)  # ok: one pass over the grid


class Spinner(threading.Thread):
    def run(self) -> None:  # expect: PY210
        acc = 0
        for i in range(10**7):
            acc += i * i


class Poller(threading.Thread):
    def run(self) -> None:  # ok: waits between polls
        while True:
            time.sleep(1)


def main(xs: list[float], ys: list[float], grid: list[list[int]], urls: list[str]) -> None:
    threading.Thread(target=simulate, args=(xs, ys)).start()  # expect: PY210
    t = threading.Thread(None, fib, args=(30,))  # expect: PY210
    t.start()
    with ThreadPoolExecutor(max_workers=8) as pool:
        pool.submit(functools.partial(simulate, xs), ys)  # expect: PY210
        pool.submit(lambda: simulate(xs, ys))  # expect: PY210
        pool.submit(drive, xs, ys)  # expect: PY210
        list(pool.map(fib, range(30)))  # expect: PY210
        pool.submit(checksum_all, [b"x"])  # ok: hashlib releases the GIL
        pool.submit(matmul, grid, grid)  # ok: numpy releases the GIL
        pool.submit(fetch_all, urls)  # ok: I/O-bound, threads are right
        pool.submit(print, "done")  # ok: not a function of this file
    Engine().start(grid)
    Spinner().start()
    Poller().start()


async def handler(xs: list[float], ys: list[float]) -> float:
    loop = asyncio.get_running_loop()
    a = await asyncio.to_thread(simulate, xs, ys)  # expect: PY210
    b = await loop.run_in_executor(None, fib, 25)  # expect: PY210
    c = await loop.run_in_executor(None, fetch_all, ["u"])  # ok: I/O
    return a + b + len(c)


def serve(listener, handle) -> None:
    while True:
        conn = listener.accept()  # may wait: the listener is not typed
        for chunk in conn:
            for byte in chunk:
                handle(byte + 1)


def run_job(job, items: list[list[int]]) -> int:
    total = 0
    for row in items:
        for x in row:
            total += job(x)  # a callable passed in: could do anything
    return total


def start_servers(listener, items) -> None:
    threading.Thread(target=serve, args=(listener, print)).start()  # ok: waits on accept()
    threading.Thread(target=run_job, args=(print, items)).start()  # ok: calls what it is given
