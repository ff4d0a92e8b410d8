import json
import time

from flask import Flask, Response, jsonify  # expect: ST302
from flask_sock import Sock

app = Flask(__name__)
sock = Sock(app)


@app.get("/health")
def health():
    return jsonify(ok=True)


@sock.route("/prices")
def prices(ws):
    while True:
        ws.send(json.dumps({"price": 42}))
        time.sleep(1)


@app.get("/events")
def events():
    def stream():
        yield "data: hello\n\n"

    return Response(stream(), mimetype="text/event-stream")
