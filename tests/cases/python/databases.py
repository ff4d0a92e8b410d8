import sqlite3

import psycopg2
import pymysql
from fastapi import FastAPI

app = FastAPI()
DB = sqlite3.connect("app.db", check_same_thread=False)  # ok: module level
DB.execute("create table if not exists hits (path text)")  # ok: module level


@app.get("/sqlite")
async def sqlite_handler():
    conn = sqlite3.connect("app.db")  # expect: PY201
    rows = conn.execute("select 1").fetchall()  # expect: PY201
    return {"rows": rows}


@app.get("/hits")
async def hits():
    DB.execute("insert into hits values ('/hits')")  # expect: PY201
    return {"n": DB.execute("select count(*) from hits").fetchone()[0]}  # expect: PY201


@app.get("/pg")
async def pg_handler():
    conn = psycopg2.connect("dbname=app")  # expect: PY201
    conn.close()
    return {}


@app.get("/mysql")
async def mysql_handler():
    conn = pymysql.connect(host="db", user="app", database="app")  # expect: PY201
    conn.close()
    return {}


@app.get("/sqlite-sync")
def sqlite_sync():
    conn = sqlite3.connect("app.db")  # ok: plain def endpoint, thread pool
    return {"rows": conn.execute("select 1").fetchall()}  # ok: thread pool
