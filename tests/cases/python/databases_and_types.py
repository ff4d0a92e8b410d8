"""Blocking database clients and ORMs reached through what a name is:
pymongo clients and what subscripting them gives, a SQLAlchemy Session,
its queries and an Engine, the Django ORM's evaluating calls, a redis
client, and parameters and variables annotated with such classes (or a
pathlib.Path). Their async counterparts are fine."""
from pathlib import Path
from typing import Optional, Union

import motor.motor_asyncio
import pymongo
from django.contrib.auth.models import User
from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from sqlalchemy import create_engine, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, sessionmaker

client = pymongo.MongoClient("mongodb://db")
db = client["shop"]
orders = db["orders"]
engine = create_engine("postgresql://db/shop")
SessionLocal = sessionmaker(bind=engine)
amongo = motor.motor_asyncio.AsyncIOMotorClient("mongodb://db")


async def mongo(order_id: str) -> dict:
    order = orders.find_one({"_id": order_id})  # expect: PY201
    db["audit"].insert_one({"order": order_id})  # expect: PY201
    client.shop.users.update_one({"_id": 1}, {"$set": {"seen": True}})  # expect: PY201
    await amongo.shop.orders.find_one({"_id": order_id})  # ok: motor is async
    return order


async def sqlalchemy_session(session: Session, user_id: int):
    user = session.query(User).filter(User.id == user_id).order_by(User.id).first()  # expect: PY201
    session.add(user)  # ok: stages the object, no I/O
    session.commit()  # expect: PY201
    with SessionLocal() as s:
        s.execute(select(User))  # expect: PY201
    with engine.connect() as conn:  # expect: PY201
        conn.execute(select(User))  # expect: PY201
    return user


async def sqlalchemy_async(session: AsyncSession) -> None:
    await session.execute(select(User))  # ok: AsyncSession
    await session.commit()  # ok: AsyncSession


async def django_view(request, pk: int):
    user = User.objects.select_related("profile").get(pk=pk)  # expect: PY201
    n = User.objects.filter(is_active=True).count()  # expect: PY201
    lazy = User.objects.filter(is_active=True)  # ok: a QuerySet is lazy
    other = await User.objects.aget(pk=pk)  # ok: the async API
    return user, n, lazy, other


async def annotated(target: Path, backup: Optional[Path], cache: Redis, old: Union[Path, None], new: Path | None) -> None:
    if target.exists():  # expect: PY201
        target.rename(backup)  # expect: PY201
    cache.set("k", "v")  # expect: PY201
    old.unlink()  # expect: PY201
    new.mkdir()  # expect: PY201
    marker: Path = target.parent / "done"
    marker.touch()  # expect: PY201


async def not_blocking(name: str, cache: AsyncRedis, items: list[Path]) -> None:
    name.strip()  # ok: a str
    await cache.set("k", "v")  # ok: redis.asyncio
    items.clear()  # ok: a list, not a Path


async def cleanup(url: str, dest: Path) -> None:
    tmp_path = None
    try:
        tmp_path = Path(dest.name + ".part")
        tmp_path.write_bytes(url.encode())  # expect: PY201
        tmp_path.replace(dest)  # expect: PY201
        tmp_path = None
    finally:
        if tmp_path is not None:
            tmp_path.unlink(missing_ok=True)  # expect: PY201


async def narrowed(qs_source):
    from django.contrib.auth.models import Group
    groups = Group.objects.exclude(name="")
    if qs_source:
        groups = groups.filter(name__in=qs_source)
    for g in groups.select_related("x").iterator():  # expect: PY201
        print(g)


async def drain(key: str) -> list:
    cache = Redis(host="cache")
    pipe = cache.pipeline()  # ok: makes the pipeline, sends nothing
    pipe.lrange(key, 0, 99)
    pipe.ltrim(key, 100, -1)
    return pipe.execute()  # expect: PY201
