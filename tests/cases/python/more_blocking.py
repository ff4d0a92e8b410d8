"""The rest of the catalogue: file objects opened elsewhere, os and os.path
file-system calls, sockets, mail and FTP clients, redis, sync primitives
that PY201 leaves to PY204."""
import glob
import gzip
import os
import os.path
import smtplib
import socket
import sys
import tempfile
from ftplib import FTP

import redis
import redis.asyncio as aredis

AUDIT_LOG = open("/var/log/app/audit.log", "a")  # ok: module level
CACHE = redis.Redis(host="cache")  # ok: constructing the client does no I/O
ACACHE = aredis.Redis(host="cache")


class Store:
    def __init__(self, path: str) -> None:
        self.journal = open(path, "ab")  # ok: __init__ is not async code

    async def append(self, record: bytes) -> None:
        self.journal.write(record)  # expect: PY201
        self.journal.flush()  # expect: PY201


async def audit(event: str) -> None:
    AUDIT_LOG.write(event + "\n")  # expect: PY201
    CACHE.incr("events")  # expect: PY201
    await ACACHE.incr("events")  # ok: redis.asyncio, awaited


async def files(root: str) -> list[str]:
    if os.path.exists(root):  # expect: PY201
        names = os.listdir(root)  # expect: PY201
    else:
        os.makedirs(root, exist_ok=True)  # expect: PY201
        names = []
    size = os.path.getsize(os.path.join(root, "x"))  # expect: PY201
    found = glob.glob(os.path.join(root, "*.json"))  # expect: PY201
    with gzip.open(os.path.join(root, "x.gz")) as fh:  # expect: PY201
        fh.read()  # ok: the gzip.open above is the finding
    with tempfile.NamedTemporaryFile() as tmp:  # expect: PY201
        tmp.write(b"x")  # ok: opened in this function
    base = os.path.basename(root)  # ok: pure string work
    norm = os.path.normpath(root)  # ok: pure string work
    return names + found + [str(size), base, norm]


async def network(host: str) -> bytes:
    sock = socket.create_connection((host, 25))  # expect: PY201
    sock.sendall(b"EHLO x\r\n")  # expect: PY201
    data = sock.recv(1024)  # expect: PY201
    with smtplib.SMTP(host) as smtp:  # expect: PY201
        smtp.send_message(msg=None)  # expect: PY201
    ftp = FTP(host)  # expect: PY201
    ftp.retrlines("LIST")  # expect: PY201
    name = socket.getfqdn()  # expect: PY201
    line = sys.stdin.readline()  # expect: PY201
    return data + name.encode() + line.encode()
