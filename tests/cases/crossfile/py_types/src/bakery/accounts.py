"""Routes whose session comes from a dependency without an annotation: the
dependency's result types it."""
from fastapi import Depends, FastAPI

from bakery.sessions import generate_session, get_db, session_scope

app = FastAPI()


async def current_account(token: str, session=Depends(generate_session)):
    session.commit()  # expect: PY201
    return token


@app.get("/accounts/{name}")
async def account(name: str, db=Depends(get_db)):
    db.execute("select 1")  # expect: PY201
    return name


@app.get("/accounts/{name}/audit")
async def audit(name: str):
    with session_scope() as session:
        session.commit()  # expect: PY201
    return name
