"""Synchronous programs: Flask and Django views, scripts, thread targets.
Nothing here runs on an asyncio loop, so nothing here is PY201."""
import shutil
import sqlite3
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from django.http import JsonResponse
from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/users/<int:user_id>")
def get_user(user_id: int):
    r = requests.get(f"https://api.example.com/users/{user_id}", timeout=5)  # ok: Flask view (WSGI thread)
    time.sleep(0.1)  # ok: Flask view
    return jsonify(r.json())


def django_view(request):
    conn = sqlite3.connect("db.sqlite3")  # ok: Django sync view
    text = Path("/srv/motd").read_text()  # ok: Django sync view
    return JsonResponse({"motd": text, "n": conn.total_changes})


def backup() -> None:
    shutil.copytree("/srv/data", "/srv/backup", dirs_exist_ok=True)  # ok: thread target
    subprocess.run(["sync"], check=True)  # ok: thread target


threading.Thread(target=backup).start()
with ThreadPoolExecutor() as pool:
    pool.submit(subprocess.run, ["true"])  # ok: executor
    pool.submit(lambda: time.sleep(0.1))  # ok: executor

if __name__ == "__main__":
    answer = input("continue? ")  # ok: a script's module level
    subprocess.run(["make"], check=True)  # ok: module level
    app.run()
