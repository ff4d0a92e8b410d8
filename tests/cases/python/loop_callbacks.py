"""Plain functions registered with the event loop run on it."""
import asyncio
import functools
import shutil
import signal
import subprocess
import threading
import time


def flush_metrics() -> None:
    with open("/var/lib/app/metrics.json", "w") as f:  # expect: PY201
        f.write("{}")


def on_done(fut: asyncio.Future) -> None:
    time.sleep(0.01)  # expect: PY201


def rotate_logs() -> None:
    shutil.move("/var/log/app.log", "/var/log/app.log.1")  # expect: PY201


def reload_config() -> None:
    subprocess.run(["systemctl", "reload", "app"], check=False)  # expect: PY201


def from_other_thread() -> None:
    time.sleep(0.01)  # expect: PY201


def on_task_done(name: str, task: asyncio.Task) -> None:
    with open(f"/var/lib/app/{name}.done", "w"):  # expect: PY201
        pass


def on_sighup() -> None:
    subprocess.call(["logrotate", "/etc/logrotate.d/app"])  # expect: PY201


def thread_body() -> None:
    time.sleep(1)  # ok: runs in its own thread


class Poller:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def start(self) -> None:
        self.loop.call_later(1.0, self.tick)

    def tick(self) -> None:
        subprocess.check_output(["uptime"])  # expect: PY201
        self.loop.call_later(1.0, self.tick)


async def work() -> int:
    await asyncio.sleep(0.1)  # ok: asyncio.sleep
    return 1


async def main() -> None:
    loop = asyncio.get_running_loop()
    loop.call_soon(flush_metrics)
    loop.call_later(60, rotate_logs)
    loop.call_at(loop.time() + 5, reload_config)
    task = asyncio.create_task(work())
    task.add_done_callback(on_done)
    other = asyncio.create_task(work())
    other.add_done_callback(functools.partial(on_task_done, "other"))
    loop.call_soon(lambda: time.sleep(0.01))  # expect: PY201
    threading.Thread(target=lambda: loop.call_soon_threadsafe(from_other_thread)).start()
    threading.Thread(target=thread_body, daemon=True).start()  # ok: a thread target
    loop.add_signal_handler(signal.SIGHUP, on_sighup)
    Poller(loop).start()
    await asyncio.gather(task, other)  # ok: awaited


asyncio.run(main())
