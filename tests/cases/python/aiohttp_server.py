import asyncio
import os
import shutil
import time

import aiohttp
import requests
from aiohttp import web

session = requests.Session()  # ok: module level, no request yet
UPLOADS = "/srv/uploads"


async def index(request: web.Request) -> web.Response:
    r = session.get("https://example.com/banner", timeout=3)  # expect: PY201
    return web.Response(text=r.text)


async def upload(request: web.Request) -> web.Response:
    data = await request.post()  # ok: awaited
    field = data["file"]
    with open(os.path.join(UPLOADS, field.filename), "wb") as out:  # expect: PY201
        shutil.copyfileobj(field.file, out)  # expect: PY201
    shutil.copy(os.path.join(UPLOADS, field.filename), "/srv/backup/")  # expect: PY201
    return web.Response(status=201)


async def fetch_ok(request: web.Request) -> web.Response:
    async with aiohttp.ClientSession() as s:
        async with s.get("https://example.com/") as resp:  # ok: aiohttp
            text = await resp.text()  # ok: awaited
    return web.Response(text=text)


async def per_request_session(request: web.Request) -> web.Response:
    s = requests.Session()
    r = s.post("https://example.com/hook", json={"path": request.path})  # expect: PY201
    return web.json_response(r.json())


async def sleepy(request: web.Request) -> web.Response:
    time.sleep(float(request.query.get("s", "0.1")))  # expect: PY201
    return web.Response(text="zzz")


async def on_startup(app: web.Application) -> None:
    shutil.rmtree("/tmp/app-cache", ignore_errors=True)  # ok: start-up code (app.on_startup)


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/", index)
    app.router.add_post("/upload", upload)
    app.router.add_get("/ok", fetch_ok)
    app.router.add_post("/hook", per_request_session)
    app.router.add_get("/sleepy", sleepy)
    app.on_startup.append(on_startup)
    os.makedirs(UPLOADS, exist_ok=True)  # ok: sync factory
    return app


if __name__ == "__main__":
    time.sleep(0.1)  # ok: module level
    web.run_app(make_app())
