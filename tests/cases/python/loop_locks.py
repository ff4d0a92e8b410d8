"""threading locks taken on the event loop's thread in a program that starts
no threads (PY204): they wait only when a task suspends while holding a
plain lock. An RLock is re-entered at once by every task of that thread."""
import asyncio
import threading

_state_lock = threading.Lock()
_session_lock = threading.RLock()
_cond = threading.Condition()


class Client:
    _token_lock = threading.RLock()

    def __init__(self) -> None:
        self.session = None
        self.token = None

    async def close(self) -> None:
        with _session_lock:  # ok: re-entered at once, no thread holds it
            if self.session is not None:
                await self.session.close()

    async def refresh(self) -> None:
        with self._token_lock:  # ok: an RLock on the loop's one thread
            self.token = await self.fetch_token()

    async def fetch_token(self) -> str:
        await asyncio.sleep(0)
        return "t"


async def bump(counter: dict) -> None:
    with _state_lock:  # ok: no await inside, no thread: nobody else holds it
        counter["n"] = counter.get("n", 0) + 1


async def bump_slowly(counter: dict) -> None:
    with _state_lock:  # expect: PY204
        await asyncio.sleep(0.1)
        counter["n"] = counter.get("n", 0) + 1


async def wait_for_work() -> None:
    with _cond:  # ok: the Condition's lock is an RLock
        _cond.wait()  # expect: PY204
