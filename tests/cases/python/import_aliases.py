"""Every way of naming a blocking function: module aliases, from-imports
with and without `as`, dotted module imports, and submodule imports."""
import http.client
import socket as sk
import sqlite3 as sql
import subprocess as sp
import time as t
import urllib.request
import urllib.request as ur
from os import popen, system
from shutil import copytree
from subprocess import check_output as co
from subprocess import run
from time import sleep
from time import sleep as nap
from urllib import request as urlreq

import requests as rq
from requests import Session


async def aliases(host: str) -> None:
    t.sleep(1)  # expect: PY201
    sleep(1)  # expect: PY201
    nap(1)  # expect: PY201
    sp.call(["true"])  # expect: PY201
    run(["true"], check=True)  # expect: PY201
    co(["uname", "-a"])  # expect: PY201
    system("true")  # expect: PY201
    popen("ls").read()  # expect: PY201
    copytree("/srv/a", "/srv/b")  # expect: PY201
    sk.gethostbyname(host)  # expect: PY201
    sql.connect("app.db")  # expect: PY201
    rq.get(f"https://{host}/")  # expect: PY201
    Session().get(f"https://{host}/")  # expect: PY201
    urllib.request.urlopen(f"https://{host}/")  # expect: PY201
    ur.urlretrieve(f"https://{host}/f", "/tmp/f")  # expect: PY201
    urlreq.urlopen(f"https://{host}/")  # expect: PY201
    conn = http.client.HTTPSConnection(host)  # ok: the constructor does not connect
    conn.request("GET", "/")  # expect: PY201
    conn.getresponse().read()  # expect: PY201
    conn.close()


def not_async(host: str) -> None:
    t.sleep(1)  # ok: plain function
    nap(1)  # ok: plain function
    rq.get(f"https://{host}/")  # ok: plain function
    urlreq.urlopen(f"https://{host}/")  # ok: plain function
