"""Client objects: a blocking client assigned to a name (module level,
local, `with ... as`, an attribute) stays blocking when used later."""
import httpx
import requests
import urllib3

HTTP = requests.Session()
HTTP.headers["User-Agent"] = "app/1.0"  # ok: module level
CLIENT = httpx.Client(base_url="https://api.example.com")
POOL = urllib3.PoolManager()
ASYNC_CLIENT = httpx.AsyncClient(base_url="https://api.example.com")


async def module_level_clients() -> None:
    HTTP.get("https://example.com/")  # expect: PY201
    CLIENT.post("/events", json={})  # expect: PY201
    POOL.request("GET", "https://example.com/")  # expect: PY201
    await ASYNC_CLIENT.get("/health")  # ok: AsyncClient, awaited
    data = HTTP.get("https://example.com/api").json()  # expect: PY201
    resp = CLIENT.get("/items")  # expect: PY201
    resp.raise_for_status()  # ok: the response is already in memory
    print(data, resp.json())  # ok: parsing a body already read


async def local_clients() -> None:
    with requests.Session() as s:
        s.put("https://example.com/x", data=b"1")  # expect: PY201
    with httpx.Client() as c:
        c.get("https://example.com/")  # expect: PY201
    sess = requests.sessions.Session()
    sess.delete("https://example.com/x")  # expect: PY201
    urllib3.request("GET", "https://example.com/")  # expect: PY201
    httpx.stream("GET", "https://example.com/big")  # expect: PY201
    async with httpx.AsyncClient() as ac:
        await ac.get("https://example.com/")  # ok: AsyncClient


async def local_rebinding() -> None:
    CLIENT = httpx.AsyncClient()  # a local name shadows the module-level blocking client
    await CLIENT.get("https://example.com/")  # ok: the local AsyncClient, awaited
    await CLIENT.aclose()  # ok: awaited


class GitHub:
    def __init__(self, token: str) -> None:
        self.session = requests.Session()  # ok: constructing a Session does no I/O
        self.session.headers["Authorization"] = f"token {token}"

    async def repo(self, name: str) -> dict:
        return self.session.get(f"https://api.github.com/repos/{name}").json()  # expect: PY201

    def repo_sync(self, name: str) -> dict:
        return self.session.get(f"https://api.github.com/repos/{name}").json()  # ok: plain method
