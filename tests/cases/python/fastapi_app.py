"""A FastAPI service: `async def` endpoints run on the event loop; plain
`def` endpoints run in FastAPI's thread pool and may block."""
import asyncio
import json
import subprocess
import time

import httpx
import requests
from fastapi import FastAPI, Request

app = FastAPI()
SETTINGS = json.load(open("settings.json"))  # ok: module level, start-up
API = SETTINGS["api"]


@app.get("/slow")
async def slow():
    time.sleep(0.5)  # expect: PY201
    return {"ok": True}


@app.get("/fine")
async def fine():
    await asyncio.sleep(0.5)  # ok: asyncio.sleep
    await asyncio.to_thread(time.sleep, 1)  # ok: runs in a thread
    return {"ok": True}


@app.get("/users/{user_id}")
async def get_user(user_id: int):
    r = requests.get(f"{API}/users/{user_id}", timeout=5)  # expect: PY201
    return r.json()


@app.post("/users")
async def create_user(request: Request):
    body = await request.json()  # ok: awaited
    r = requests.post(f"{API}/users", json=body, timeout=5)  # expect: PY201
    return r.json()


@app.get("/proxy")
async def proxy(url: str):
    return httpx.get(url).text  # expect: PY201


@app.get("/proxy-ok")
async def proxy_ok(url: str):
    async with httpx.AsyncClient() as client:
        r = await client.get(url)  # ok: AsyncClient, awaited
    return r.text


@app.get("/proxy-ok2")
async def proxy_ok2(url: str):
    r = await httpx.AsyncClient().get(url)  # ok: AsyncClient, awaited
    return r.text


@app.get("/git")
async def git_head():
    out = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, check=True)  # expect: PY201
    return {"head": out.stdout.decode().strip()}


@app.get("/config")
async def config():
    with open("settings.json") as f:  # expect: PY201
        return json.load(f)


@app.get("/sync-endpoint")
def sync_endpoint():
    time.sleep(0.5)  # ok: a plain def endpoint runs in the thread pool
    r = requests.get(f"{API}/ping", timeout=5)  # ok: thread pool
    with open("settings.json") as f:  # ok: thread pool
        return {"settings": json.load(f), "ping": r.status_code}


@app.on_event("startup")
async def warm_up():
    subprocess.check_call(["./warm-cache.sh"])  # ok: start-up code (on_event("startup"))
