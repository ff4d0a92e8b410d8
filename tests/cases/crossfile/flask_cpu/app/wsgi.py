from flask import Flask, jsonify  # expect: ST303

from app.models import tree_score

app = Flask(__name__)


@app.get("/score/<int:depth>")
def score(depth):
    # A WSGI handler runs on a server thread; this recursion holds the GIL.
    return jsonify(score=tree_score(depth))
