#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (corpus/<target>/), except
lsp's, which are hand-made. Run from anywhere; the files are committed,
so this is only needed to change them. Each target gets a few ordinary
inputs and the nasty ones: 10,000-deep nesting, invalid
UTF-8, NUL bytes and a huge single line. The first byte of a config input
chooses the file (0 .stackfit.json, 1 package.json, 2 pyproject.toml), of
a regex input the flags (see fuzz_regex.c)."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DEEP = 10000


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


JS_APP = """\
#!/usr/bin/env node
// stackfit: ignore-file
const fs = require('node:fs');
const { readFileSync: r } = require('fs');
import * as cp from 'child_process';
const crypto = require('crypto');
const express = require('express');
const { helper } = require('./helper');
const app = express();
app.get('/a', async (req, res) => {
  const x = fs.readFileSync(req.query.p); // stackfit: ignore[JS101, js102]
  // stackfit: ignore
  const y = r('/etc/hosts');
  for (let i = 0; i < 1e7; i++) { for (const k of req.body) { x[i] += k * 2; } }
  while (Date.now() < t) {}
  const re = /(\\w+\\s?)*$/; new RegExp("(a|a)*b");
  for (const u of req.body.urls) { await fetch(u); }
  crypto.pbkdf2Sync('p', 's', 1e5, 64, 'sha512'); cp.execSync('ls');
  res.json(helper(x, y));
});
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
module.exports = { fib, handler: async () => fib(30) };
export default function () { Atomics.wait(a, 0, 0); }
// stackfit: ignore-file
"""

PY_APP = """\
\"\"\"Docstring.\"\"\"
# stackfit: ignore-file
import asyncio, time, threading, requests
import time as t
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor
from flask import Flask
from .helpers import pause

lock = threading.Lock()


async def handler(xs):
    time.sleep(1)  # stackfit: ignore[PY201, py999]
    # stackfit: ignore
    t.sleep(2)
    pause()
    requests.get("http://x")
    with lock:
        pass
    for x in xs:
        await x
    for i in range(10**7):
        xs[i] += i * 2
    with open("f") as f:
        return f.read()


def cpu(n):
    return sum(i * i for i in range(n))


ThreadPoolExecutor().submit(cpu, 10**8)
ProcessPoolExecutor().submit(requests.get, "u")
asyncio.to_thread(cpu, 1)
"""

BAD_UTF8 = b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc\xed\xa0\x80"


def js():
    write("javascript", "app.js", JS_APP)
    write("javascript", "empty", b"")
    write("javascript", "deep_calls", "f(() => [" * DEEP + "])" * DEEP + "\n")
    write("javascript", "deep_blocks",
          "async function f() {\n" + "if (a) {" * DEEP
          + "fs.readFileSync(p);" + "}" * DEEP + "}\n")
    write("javascript", "deep_unclosed", "(" * DEEP + "{[" * DEEP)
    write("javascript", "invalid_utf8",
          b"const s = '" + BAD_UTF8 + b"'; // stackfit: ignore[" + BAD_UTF8
          + b"]\nasync function \xff() { fs.readFileSync('\xc3'); }"
          + b" /* \xff stackfit: ignore */\n")
    write("javascript", "nul_bytes",
          b"async function f() {\0 fs.readFileSync('\0'); } // stackfit:\0 "
          b"ignore\n\0\0\0/(a+\0)+$/.test(x)\n")
    unit = ("function a%d(b){return require('fs').readFileSync(b)+"
            "/(x+x+)+y/.test(b)}app.get('/%d',async(q,s)=>{a%d(q);"
            "for(let i=0;i<1e6;i++)s.x+=i});")
    write("javascript", "huge_line",
          "".join(unit % (i, i, i) for i in range(2500)) + "\n")


TS_APP = """\
// stackfit: ignore-file
import fs = require('node:fs');
import type { Stats } from 'fs';
import { type Dirent, readdirSync } from 'fs';
import express, { Request, Response } from 'express';
import { Controller, Get, Param } from '@nestjs/common';
import { UsersService } from './users.service.js';
import { helper } from '@app/helper';
interface Repo<T> { find(id: string): T; }
type H = (req: Request, res: Response) => void;
enum E { A = 1, B = A << 2 }
declare module 'x' { export const y: number; }
namespace N { export function f(): void {} }
abstract class Base<T extends object = {}> { abstract load(id: string): T; }
@Controller('users')
export class UsersController extends Base<{}> implements Repo<string> {
  private readonly cache: Map<string, string> = new Map();
  constructor(private readonly users: UsersService, @Inject(X) readonly x?: X | null) { super(); }
  @Get(':id') @Header('a', 'b')
  findOne(@Param('id') id: string, f: typeof import('fs'), g: typeof fs.promises): string {
    for (let i: number = 0; i < 1e7; i++) { this.cache.set(`${i}`, id); } // stackfit: ignore[JS103]
    return this.users!.findOne(id as string) ?? f.readFileSync(id satisfies string, 'utf8');
  }
  load(id: string): {} { return (<any>fs).statSync(id)!; }
}
const app = express();
app.get('/a', async (req: Request<{ p: string }>, res: Response): Promise<void> => {
  const x: Stats = fs.statSync(req.query.p as string); // stackfit: ignore[JS101]
  for (const u of req.body.urls as string[]) { await fetch(u); }
  res.json(helper<string>(x, readdirSync('.') as Dirent[]));
});
function over(a: string): void;
function over(a: any) { while (Date.now() < a) {} }
export = app;
"""

TSX_APP = """\
import express from 'express';
import { renderToString } from 'react-dom/server';
import * as fs from 'fs';
type P = { title: string };
const Page = ({ title }: P): JSX.Element => <div title={title}>{title}<br /></div>;
const pick = <T,>(xs: T[]): T => xs[0];
express().get('/p', (req, res) => {
  res.send(renderToString(<Page title={pick([fs.readFileSync('a', 'utf8')])} />));
});
"""


def ts():
    for target, app in (("typescript", TS_APP), ("tsx", TSX_APP)):
        write(target, "app" + (".ts" if target == "typescript" else ".tsx"),
              app)
        write(target, "empty", b"")
        write(target, "deep_generics",
              "let x: " + "A<" * DEEP + "B" + ">" * DEEP + ";\n")
        write(target, "deep_assertions",
              "async function f() {\n  " + "(" * DEEP + "fs"
              + " as any)!" * DEEP + ".readFileSync(p);\n}\n")
        write(target, "deep_unions",
              "function f(a: " + " | ".join(["A"] * DEEP) + ") { a.b(); }\n")
        write(target, "deep_decorators",
              "class C {\n" + "@D() " * DEEP + "m(): void {}\n}\n")
        write(target, "deep_unclosed", "(" * DEEP + "<" * DEEP + "{[" * DEEP)
        write(target, "invalid_utf8",
              b"const s: string = '" + BAD_UTF8
              + b"'; // stackfit: ignore[" + BAD_UTF8
              + b"]\nasync function \xff(a: \xc3): Promise<\xff> {"
              + b" fs.readFileSync('\xc3'); }\n")
        write(target, "nul_bytes",
              b"async function f(x: T\0): void {\0 fs.readFileSync('\0'); }"
              b" // stackfit:\0 ignore\n\0\0@\0 class C {}\n")
    write("tsx", "deep_jsx",
          "const x = " + "<a>" * DEEP + "{fs.readFileSync(p)}" + "</a>" * DEEP
          + ";\n")
    unit = ("function a%d(b: string): string {return require('fs')"
            ".readFileSync(b)+/(x+x+)+y/.test(b)}app.get('/%d',async(q: Q,"
            "s: S)=>{a%d(q);for(let i: number=0;i<1e6;i++)s.x+=i});")
    write("typescript", "huge_line",
          "".join(unit % (i, i, i) for i in range(2500)) + "\n")


def py():
    write("python", "app.py", PY_APP)
    write("python", "empty", b"")
    write("python", "deep_brackets", "x = " + "[" * DEEP + "]" * DEEP + "\n")
    write("python", "deep_calls",
          "async def f():\n    " + "g(" * DEEP + ")" * DEEP + "\n")
    write("python", "deep_indent",
          "async def f():\n" + "".join(
              " " * (i + 1) + "if a:\n" for i in range(600))
          + " " * 601 + "time.sleep(1)\n")
    write("python", "deep_unclosed", "(" * DEEP + "{[" * DEEP)
    write("python", "invalid_utf8",
          b"s = '" + BAD_UTF8 + b"'  # stackfit: ignore[" + BAD_UTF8
          + b"]\nasync def f\xff():\n    time.sleep(1)  # \xc3 stackfit: "
          b"ignore\n")
    write("python", "nul_bytes",
          b"async def f():\n\0    time.sleep(\0)  # stackfit:\0ignore\n\0")
    unit = "x%d = [time.sleep(i) for i in range(10**6) if i %% 7];" 
    write("python", "huge_line",
          "".join(unit % i for i in range(6000)) + "\n")


CONFIG_JSON = """{
  "rules": {"JS101": "error", "blocking-call-in-async": "off", "PY205": "hint"},
  "include": ["src", "app"],
  "exclude": ["legacy/**", "*.generated.js"],
  "cli": ["tools"],
  "tests": ["e2e"],
  "blocking": {
    "python": [{"name": "mylib.fetch_sync", "kind": "network", "replacement": "mylib.fetch"}],
    "javascript": [{"name": "db.querySync", "kind": "sync-fs", "replacement": "db.query"}]
  },
  "thresholds": {"heavyLoopWork": 1000000},
  "maxFileSize": 5242880,
  "reportUnusedIgnores": true
}
"""

PYPROJECT = """\
[project]
name = "svc"
version = "1.0"
dependencies = ["fastapi>=0.110", 'uvicorn[standard]']

[tool.stackfit]
rules = { PY201 = "error", "await-in-loop" = "off" }
include = ["app"]
exclude = ["legacy/**"]
reportUnusedIgnores = false

[tool.stackfit.thresholds]
heavyLoopWork = 5e5

[[tool.stackfit.blocking.python]]
name = "mylib.fetch_sync"
kind = "network"
replacement = \"\"\"mylib.fetch\"\"\"

[tool.other]
x = 1979-05-27T07:32:00Z
y = [1, 2.5, true, 'lit', "esc\\u00e9\\t"]
"""


def config():
    write("config", "stackfit_json", b"\0" + CONFIG_JSON.encode())
    write("config", "package_json",
          b"\1" + ('{"name": "x", "bin": {"x": "cli.js"}, "stackfit": %s}'
                   % CONFIG_JSON).encode())
    write("config", "pyproject_toml", b"\2" + PYPROJECT.encode())
    write("config", "bad_values",
          b'\0{"rules": {"JS999": "loud"}, "include": [1], '
          b'"thresholds": {"heavyLoopWork": -1}, "maxFileSize": 1e300}')
    write("config", "deep_json", b"\0" + b"[" * DEEP + b"]" * DEEP)
    write("config", "deep_json_objects",
          b"\1{\"stackfit\": " + b"{\"a\": " * DEEP + b"1" + b"}" * DEEP
          + b"}")
    write("config", "deep_toml_arrays",
          b"\2[tool.stackfit]\ninclude = " + b"[" * DEEP + b"]" * DEEP
          + b"\n")
    write("config", "deep_toml_tables",
          b"\2[tool.stackfit]\nrules = " + b"{a = " * DEEP + b"1"
          + b"}" * DEEP + b"\n")
    write("config", "deep_toml_dotted",
          b"\2" + b"[" + b".".join([b"t"] * DEEP) + b"]\nx = 1\n")
    write("config", "invalid_utf8",
          b"\0{\"include\": [\"" + BAD_UTF8 + b"\"], \"rules\": {\""
          + BAD_UTF8 + b"\": \"off\"}}")
    write("config", "invalid_utf8_toml",
          b"\2[tool.stackfit]\ninclude = ['" + BAD_UTF8 + b"']\n"
          + BAD_UTF8 + b" = 1\n")
    write("config", "nul_bytes",
          b"\0{\"include\": [\"a\0b\"], \"exclude\": [\"\\u0000\"]}")
    write("config", "nul_bytes_toml",
          b"\2[tool.stackfit]\ninclude = [\"a\0b\", \"\\u0000\"]\n\0")
    write("config", "huge_line",
          b"\0{\"exclude\": [" + b",".join(
              b'"dir%d/**/*.gen.js"' % i for i in range(5000)) + b"]}")
    write("config", "huge_line_toml",
          b"\2[tool.stackfit]\nexclude = [" + b",".join(
              b"'d%d/**'" % i for i in range(5000)) + b"]\n")


def regex():
    for i, (flag, pat) in enumerate([
            (0, rb"(a+)+$"), (1, rb"(\w+\s?)*$"), (0, rb"[a-z]+(-[a-z]+)*"),
            (2, rb"(?<year>\d{4})-\k<year>\p{L}+[\u{1F600}-\u{1F64F}]"),
            (3, rb"[\p{L}--[a-z]]&&[[a-z]--x]"), (4, rb"(a|a)*b"),
            (5, rb"^(?=.*\d)(?!x)(?:a{2,}|b{1,20})*?\1\2\b\B[^\]\\-]$"),
            (0, rb"(\w+){1,20}@"), (0, rb"(a*)*[")]):
        write("regex", "pattern%d" % i, bytes([flag]) + pat)
    write("regex", "deep_groups", b"\0" + b"(" * DEEP + b"a+" + b")+" * DEEP
          + b"$")
    write("regex", "deep_unclosed", b"\0" + b"(?:" * DEEP)
    write("regex", "deep_classes", b"\3" + b"[" * DEEP + b"]" * DEEP)
    write("regex", "invalid_utf8", b"\2(" + BAD_UTF8 + b"+)+$")
    write("regex", "nul_bytes", b"\0(a\0+)+\0$")
    write("regex", "huge_line", b"\0" + b"(ab|cd)" * 3000 + b"+$")


# The daemon's inputs: the first byte says where the rest is cut in two.
# ROOT and EXE are what fuzz_daemon.c replaces by its workspace's root and
# the identity of its executable (the same length, so that a frame's
# Content-Length holds). The valid requests are those the client sends
# (`stackfit check app.js lib/tool.py`, `check --staged` with app.js
# staged, `audit .` and `audit --format json --no-cache --jobs 2 .`), each
# after the stackfit/status the client asks first.
ROOT = "/tmp/stackfit-fuzz-XXXXXX/ws"
EXE = "FINGERPRINT_HERE"
OID1 = "5d1c3ab2b4f0e3d2c1a0b9f8e7d6c5b4a3f2e1d0"
OID2 = "0123456789abcdef0123456789abcdef01234567"


def frame(body):
    if isinstance(body, str):
        body = body.encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def request(i, method, params=None):
    m = {"jsonrpc": "2.0", "id": i, "method": method}
    if params is not None:
        m["params"] = params
    return frame(json.dumps(m, separators=(",", ":")))


def request_params(**kw):
    p = {"version": "0.1.0", "exe": EXE, "root": ROOT, "format": 0,
         "failOn": 2, "color": False, "cache": True, "jobs": 0,
         "unusedIgnores": False}
    p.update(kw)
    return p


def check_params(paths, **kw):
    return request_params(args=list(paths), checked=list(paths), **kw)


STATUS = request(1, "stackfit/status")


def daemon():
    def w(name, data, cut=0x80):
        write("daemon", name, bytes([cut]) + data)
    check = check_params(["app.js", "lib/tool.py"])
    index = {"paths": ["app.js", "lib/tool.py", "package.json"],
             "oids": [OID1, OID2, OID1], "changed": ["app.js"]}
    staged = check_params([], staged=index)
    audit_json = request_params(format=1, cache=False, jobs=2)
    w("status", STATUS)
    w("check", STATUS + request(2, "stackfit/check", check))
    w("check_staged", STATUS + request(2, "stackfit/check", staged))
    w("audit", STATUS + request(2, "stackfit/audit", request_params()))
    w("audit_json", STATUS + request(2, "stackfit/audit", audit_json))
    w("profile", STATUS + request(2, "stackfit/profile", audit_json))
    # Pieces: the first byte cuts inside the header, then inside the body.
    w("check_cut_header", request(2, "stackfit/check", check), 3)
    w("check_cut_body", request(2, "stackfit/check", check), 200)
    w("shutdown_then_status", request(1, "shutdown") + STATUS)
    w("exit_then_status",
      frame('{"jsonrpc":"2.0","method":"exit"}') + STATUS)
    w("bad_messages", b"garbage\r\n\r\n" + frame("{not json") +
      frame('{"id":1,"method":"stackfit/status"}') +
      frame('{"jsonrpc":"2.0","id":2,"method":"stackfit/nope"}') +
      frame('{"jsonrpc":"2.0","id":{},"method":"stackfit/status"}') +
      frame('{"jsonrpc":"2.0","id":3,"method":7}') +
      frame('{"jsonrpc":"2.0","id":4,"result":null}') +
      frame("[]") + frame('"x"') + frame("null") +
      frame('{"jsonrpc":"2.0","id":5,"method":"stackfit/status",'
            '"params":[1]}') + STATUS)
    wrong = [
        {"version": 1}, {"version": "0.0.0"}, {},
        check_params(["app.js"], exe="0000000000000000"),
        check_params(["app.js"], exe=7),
        check_params(["app.js"], root="/"),
        check_params(["app.js"], root=ROOT + "/"),
        check_params(["app.js"], root=ROOT + "/.."),
        request_params(args={"a": 1}, checked=["app.js"]),
        request_params(args=["app.js", "x"], checked=["app.js"]),
        request_params(args=[1], checked=["app.js"]),
        request_params(checked=["app.js"]),
        check_params(["app.js"], format="json"),
        check_params(["app.js"], format=99),
        check_params(["app.js"], failOn=-5),
        check_params(["app.js"], jobs=100000),
        check_params(["app.js"], jobs=-1),
        check_params(["app.js"], jobs=2 ** 63 - 1),
        check_params(["app.js"], color="yes"),
        check_params(["app.js"], staged=[]),
        check_params(["app.js"], staged={"paths": ["app.js"]}),
    ]
    w("wrong_params", b"".join(request(i, m, p) for i, p in enumerate(wrong)
                               for m in ("stackfit/audit", "stackfit/check",
                                         "stackfit/profile")) + STATUS)
    paths = [["../x.js"], ["a/../../x.js"], ["/etc/passwd"], [""],
             ["app.js\0.py"], ["lib/.."], ["./app.js"], ["a//b.js"],
             [ROOT + "/app.js"], [".."]]
    w("bad_paths", b"".join(
        request(i, "stackfit/check", check_params(p))
        for i, p in enumerate(paths)) + b"".join(
        request(100 + i, "stackfit/check", check_params(
            [], staged={"paths": p, "oids": [OID1] * len(p),
                        "changed": p}))
        for i, p in enumerate(paths)) + STATUS)
    # Files that are not in the workspace: a note each.
    w("empty_workspace",
      request(1, "stackfit/check", check_params(["gone.js"])) +
      request(2, "stackfit/check", check_params([])) + STATUS)
    # Valid but odd: a file twice, every format, 256 jobs, a long path
    # prefix, nothing checked, an index with files that are not there.
    w("odd_values", b"".join([
        request(1, "stackfit/check", check_params(
            ["app.js", "app.js", "lib/tool.py"])),
        request(2, "stackfit/check", check_params(
            [], staged={"paths": ["app.js", "new.js"],
                        "oids": [OID1, OID2],
                        "changed": ["new.js", "new.js", "x.js"]})),
        request(3, "stackfit/profile", request_params(format=3)),
        request(4, "stackfit/audit", request_params(
            format=4, jobs=256, pathPrefix="../../" + "x" * 10000)),
        request(5, "stackfit/audit", request_params(format=2)),
        request(6, "stackfit/check", check_params(
            [], staged={"paths": [], "oids": [], "changed": []})),
    ]) + STATUS)
    # Once cut to "app.js" by the C string it became.
    w("nul_path", request(1, "stackfit/check",
                          check_params(["app.js\0.py"])) +
      request(2, "stackfit/check",
              check_params(["lib/tool.py\0"])) + STATUS)
    staged_bad = [
        {"paths": ["b.js", "a.js"], "oids": [OID1, OID2], "changed": []},
        {"paths": ["a.js", "a.js"], "oids": [OID1, OID1], "changed": []},
        {"paths": ["a.js"], "oids": ["xyz"], "changed": []},
        {"paths": ["a.js"], "oids": [OID1.upper()], "changed": []},
        {"paths": ["a.js"], "oids": [OID1 + "0"], "changed": []},
        {"paths": ["a.js"], "oids": [OID1 * 2][:1], "changed": [7]},
        {"paths": ["a.js"], "oids": [OID1, OID2], "changed": []},
        {"paths": [7], "oids": [OID1], "changed": []},
        {"paths": ["a.js"], "oids": [OID1], "changed": ["../a.js"]},
    ]
    w("bad_staged", b"".join(
        request(i, "stackfit/check", check_params([], staged=t))
        for i, t in enumerate(staged_bad)) + STATUS)
    many = ["d%d/f%d.js" % (i % 50, i) for i in range(3000)]
    w("huge_arrays",
      request(1, "stackfit/check", check_params(many)) +
      request(2, "stackfit/check", check_params([], staged={
          "paths": sorted(many), "oids": [OID1] * len(many),
          "changed": many})) + STATUS)
    w("huge_length", b"Content-Length: 99999999999999999999\r\n\r\n{" +
      b"Content-Length: 67108865\r\n\r\n" + b"x" * 100 + STATUS)
    w("bad_headers", b"Content-Length: -1\r\n\r\n" +
      b"Content-Length: 1e3\r\n\r\n" + b"Content-Type: x\r\n\r\n" +
      b"Content-Length: 5\r\nContent-Length: 6\r\n\r\n" +
      b"X" * 9000 + b"\r\n\r\n" + STATUS)
    w("partial_frame", STATUS + b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")
    w("deep_params", frame(b'{"jsonrpc":"2.0","id":1,"method":'
                           b'"stackfit/check","params":' + b"[" * DEEP +
                           b"]" * DEEP + b"}") + STATUS)
    w("nul_and_utf8", frame(b'{"jsonrpc":"2.0","id":1,"method":'
                            b'"stackfit/status\\u0000x"}') +
      frame(b'{"jsonrpc":"2.0","id":2,"method":"' + BAD_UTF8 + b'"}') +
      frame(b"\0\0\0\0") + STATUS)

js()
ts()
py()
config()
regex()
daemon()
