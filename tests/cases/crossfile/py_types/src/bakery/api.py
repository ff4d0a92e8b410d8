from typing import Optional

from fastapi import Depends, FastAPI

from bakery import paths
from bakery.paths import data_path, get_folders, save
from bakery.repos import Repositories, get_repositories
from bakery.repos import factory

app = FastAPI()


@app.get("/users/{email}")
async def user(email: str):
    repos = get_repositories("bakery.db")  # expect: PY202 (the constructors it runs connect to SQLite)
    found = repos.users.by_email(email)  # expect: PY202
    repos.orders.get_one(email)  # expect: PY202
    repos.items.get_one(email)  # expect: PY202
    await repos.items.get_one_async(email)  # an async method: not a blocking callee
    repos.items.describe()  # does nothing that blocks
    return found


@app.get("/shared")
async def shared():
    factory.shared.users.get_one(1)  # expect: PY202
    return paths.cache.get("k")  # expect: PY201


@app.get("/files/{name}")
async def files(name: str):
    target = data_path(name) / "index.json"
    if target.exists():  # expect: PY201
        return target.name
    get_folders().recipes.mkdir()  # expect: PY201
    save(name, "x")  # expect: PY202
    return None


class Controller:
    # Set by dependency injection: only the annotation says what it is.
    repos: Repositories

    async def list_users(self):
        return self.repos.users.by_email("a@b")  # expect: PY202

    def make_repos(self):
        return self.repos


@app.get("/injected/{email}")
async def injected(email: str, repos: Repositories = Depends(get_repositories)):
    # The parameter's annotation says what the dependency gives.
    return repos.users.by_email(email)  # expect: PY202


async def maybe(repos: Optional[Repositories], email: str):
    if repos is not None:
        repos.orders.get_one(email)  # expect: PY202
    held: Repositories = make()
    held.items.get_one(email)  # expect: PY202


@app.get("/unknown")
async def unknown(repo):
    return repo.get_one(1)  # a parameter of unknown type: nothing is known


def make():
    return None
