"""Work handed to processes: I/O-bound targets are PY211; CPU-bound ones
are what processes are for."""
import asyncio
import importlib
import multiprocessing
import subprocess
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool, Process
from pathlib import Path

import requests


def download(url: str) -> Path:
    target = Path("/tmp") / url.rsplit("/", 1)[-1]
    with requests.get(url, stream=True, timeout=30) as resp:
        with open(target, "wb") as fh:
            for chunk in resp.iter_content(chunk_size=65536):
                fh.write(chunk)
    return target


def convert(path: str) -> int:
    return subprocess.run(["convert", path, path + ".png"]).returncode


def crunch(n: int) -> int:
    total = 0
    for i in range(n):  # ok: PY220 hints nested loops only in files that import maths
        for j in range(n):
            total += i * j
    return total


def run_job(job_name: str, url: str) -> None:
    # Loads the job's record, then runs the job's own function, found by
    # name at run time: what it does is not known, so not "only I/O".
    requests.get(url)
    module_name, function_name = job_name.rsplit(".", 1)
    func = getattr(importlib.import_module(module_name), function_name)
    func(url)


class Fetcher(multiprocessing.Process):
    def run(self) -> None:  # expect: PY211
        requests.get("https://example.com/feed")


class Cruncher(Process):
    def run(self) -> None:  # ok: CPU-bound, a process is right
        crunch(1000)


def main(urls: list[str], paths: list[str]) -> None:
    with ProcessPoolExecutor(max_workers=8) as pool:
        for p in pool.map(download, urls):  # expect: PY211
            print(p)
        pool.submit(crunch, 3000)  # ok: CPU-bound
    Process(target=convert, args=("a.jpg",)).start()  # expect: PY211
    with Pool(4) as mp:
        mp.map(convert, paths)  # expect: PY211
        mp.map(crunch, [10, 20])  # ok: CPU-bound
    Fetcher().start()
    Cruncher().start()
    Process(target=run_job, args=("jobs.resize", "a.jpg")).start()  # ok: runs a job found by name


async def handler(url: str) -> None:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as procs:
        await loop.run_in_executor(procs, download, url)  # expect: PY211
        await loop.run_in_executor(procs, crunch, 100)  # ok: CPU-bound
