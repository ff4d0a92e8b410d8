"""A stand-in for a mode's main language server (pyright, pylsp...): answers
initialize, publishes one diagnostic (source "other") for each opened
document, and exits on exit. For the lsp-mode add-on test."""
import json
import sys


def read():
    length = None
    while True:
        line = sys.stdin.buffer.readline()
        if not line:
            sys.exit(0)
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(sys.stdin.buffer.read(length))


def write(msg):
    body = json.dumps(msg).encode()
    sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    sys.stdout.buffer.flush()


while True:
    m = read()
    method = m.get("method")
    if method == "initialize":
        write({"jsonrpc": "2.0", "id": m["id"],
               "result": {"capabilities": {"textDocumentSync": 1}}})
    elif method == "textDocument/didOpen":
        uri = m["params"]["textDocument"]["uri"]
        write({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
               "params": {"uri": uri, "diagnostics": [{
                   "range": {"start": {"line": 0, "character": 0},
                             "end": {"line": 0, "character": 6}},
                   "severity": 3, "source": "other",
                   "message": "from the other server"}]}})
    elif method == "shutdown":
        write({"jsonrpc": "2.0", "id": m["id"], "result": None})
    elif method == "exit":
        sys.exit(0)
    elif "id" in m:
        write({"jsonrpc": "2.0", "id": m["id"], "result": None})
