from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from app import db
from app.config import settings
from app.routes import media, orders, reports

# Create the tables before the first request arrives.
db.init_db(settings.database_path)
settings.media_dir.mkdir(parents=True, exist_ok=True)


@asynccontextmanager
async def lifespan(app: FastAPI):
    # One connection pool for all outgoing HTTP calls.
    async with httpx.AsyncClient(timeout=10) as client:
        app.state.http = client
        yield


app = FastAPI(title="Shop API", version="0.9.0", lifespan=lifespan)
app.include_router(orders.router)
app.include_router(media.router)
app.include_router(reports.router)


@app.get("/healthz")
async def healthz():
    return {"ok": True}
