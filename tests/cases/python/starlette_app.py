import shutil
from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse
from starlette.concurrency import run_in_threadpool
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

TEMPLATES = Path(__file__).parent / "templates"
BASE_HTML = (TEMPLATES / "base.html").read_text()  # ok: module level


async def homepage(request):
    body = Path(TEMPLATES, "home.html").read_text()  # expect: PY201
    return HTMLResponse(BASE_HTML.replace("{{ body }}", body))


async def avatar(request):
    p = TEMPLATES / "avatars" / f"{request.path_params['name']}.png"
    return PlainTextResponse(p.read_bytes())  # expect: PY201


async def save_note(request):
    note = Path("/srv/notes") / request.path_params["name"]
    note.write_text((await request.body()).decode())  # expect: PY201
    return JSONResponse({"saved": str(note)})


async def static_info(request):
    p = Path("/srv/static") / request.path_params["name"]
    return JSONResponse({"name": p.name, "suffix": p.suffix})  # ok: pure path arithmetic


async def archive(request):
    src = request.path_params["name"]
    await run_in_threadpool(shutil.copy, f"/srv/notes/{src}", "/srv/archive/")  # ok: a thread, by reference
    return JSONResponse({"archived": src})


async def chat(websocket: WebSocket):
    await websocket.accept()  # ok: awaited
    log = Path("/srv/chat.log")
    text = await websocket.receive_text()  # ok: awaited
    with log.open("a") as f:  # expect: PY201
        f.write(text + "\n")  # ok: the open() above is the finding
    await websocket.send_text(text)  # ok: awaited
    await websocket.close()  # ok: awaited


app = Starlette(
    routes=[
        Route("/", homepage),
        Route("/avatar/{name}", avatar),
        Route("/notes/{name}", save_note, methods=["POST"]),
        Route("/static/{name}", static_info),
        Route("/archive/{name}", archive, methods=["POST"]),
        WebSocketRoute("/ws", chat),
    ]
)
