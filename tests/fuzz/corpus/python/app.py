"""Docstring."""
# stackfit: ignore-file
import asyncio, time, threading, requests
import time as t
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor
from flask import Flask
from .helpers import pause

lock = threading.Lock()


async def handler(xs):
    time.sleep(1)  # stackfit: ignore[PY201, py999]
    # stackfit: ignore
    t.sleep(2)
    pause()
    requests.get("http://x")
    with lock:
        pass
    for x in xs:
        await x
    for i in range(10**7):
        xs[i] += i * 2
    with open("f") as f:
        return f.read()


def cpu(n):
    return sum(i * i for i in range(n))


ThreadPoolExecutor().submit(cpu, 10**8)
ProcessPoolExecutor().submit(requests.get, "u")
asyncio.to_thread(cpu, 1)
