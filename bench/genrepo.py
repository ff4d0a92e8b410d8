#!/usr/bin/env python3
"""Writes a synthetic repository of N source files for the index benchmark
(bench/RESULTS.md, "Project index at scale"): Express services and FastAPI
services, one component per 500 files, whose route handlers call helpers
that call helpers in other files (chains of three), some ending in a
blocking call or a heavy loop, so that the index has real work to do.

    bench/genrepo.py DEST [FILES] [FUNCTIONS_PER_FILE]

Deterministic: the same arguments write the same bytes. 60% JavaScript,
40% Python. DEST is created; it must not exist or be empty.
"""
import json
import os
import random
import sys

PER_COMPONENT = 500


def js_component(root, k, nfiles, nfn, rng):
    os.makedirs(f"{root}/src/routes")
    os.makedirs(f"{root}/src/lib")
    with open(f"{root}/package.json", "w") as f:
        json.dump({"name": f"node-svc-{k}", "main": "src/server.js",
                   "dependencies": {"express": "^4.19.2"}}, f, indent=2)
    nroutes = max(1, nfiles // 4)
    nlib = max(1, nfiles - nroutes - 1)
    with open(f"{root}/src/server.js", "w") as f:
        f.write("const express = require('express');\nconst app = express();\n")
        for i in range(nroutes):
            f.write(f"require('./routes/route-{i}')(app);\n")
        f.write("app.listen(3000);\n")
    for i in range(nroutes):
        with open(f"{root}/src/routes/route-{i}.js", "w") as f:
            libs = [rng.randrange(nlib) for _ in range(nfn)]
            for j, lib in enumerate(libs):
                f.write(f"const l{j} = require('../lib/lib-{lib}');\n")
            f.write("\nmodule.exports = function routes(app) {\n")
            for j, lib in enumerate(libs):
                f.write(f"  app.get('/r{i}/{j}', async (req, res) => {{\n"
                        f"    const v = l{j}.f{rng.randrange(nfn)}(req.query.id);\n"
                        f"    res.json({{ v, at: Date.now() }});\n  }});\n")
            f.write("};\n")
    for i in range(nlib):
        with open(f"{root}/src/lib/lib-{i}.js", "w") as f:
            f.write("const fs = require('fs');\n")
            nxt = min(nlib - 1, i + 1 + rng.randrange(3))
            f.write(f"const next = require('./lib-{nxt}');\n\n")
            for j in range(nfn):
                roll = rng.random()
                f.write(f"function f{j}(x) {{\n  const y = String(x) + '-{i}-{j}';\n")
                if roll < 0.02:
                    f.write("  return fs.readFileSync(y, 'utf8');\n")
                elif roll < 0.03:
                    f.write("  let s = 0;\n  for (const a of x) {\n"
                            "    for (const b of x) s += a * b;\n  }\n  return s;\n")
                elif i < nxt and roll < 0.6:
                    f.write(f"  return next.f{rng.randrange(nfn)}(y);\n")
                else:
                    f.write("  return y.toUpperCase();\n")
                f.write("}\n\n")
            names = ", ".join(f"f{j}" for j in range(nfn))
            f.write(f"module.exports = {{ {names} }};\n")


def py_component(root, k, nfiles, nfn, rng):
    os.makedirs(f"{root}/app/routes")
    os.makedirs(f"{root}/app/services")
    with open(f"{root}/pyproject.toml", "w") as f:
        f.write(f'[project]\nname = "py-svc-{k}"\n'
                'dependencies = ["fastapi>=0.110", "requests"]\n')
    for d in ("app", "app/routes", "app/services"):
        open(f"{root}/{d}/__init__.py", "w").close()
    nroutes = max(1, (nfiles - 3) // 4)
    nsvc = max(1, nfiles - 3 - nroutes - 1)
    with open(f"{root}/app/main.py", "w") as f:
        f.write("from fastapi import FastAPI\n\n")
        for i in range(nroutes):
            f.write(f"from app.routes import r_{i}\n")
        f.write("\napp = FastAPI()\n")
        for i in range(nroutes):
            f.write(f"app.include_router(r_{i}.router)\n")
    for i in range(nroutes):
        with open(f"{root}/app/routes/r_{i}.py", "w") as f:
            svcs = [rng.randrange(nsvc) for _ in range(nfn)]
            f.write("from fastapi import APIRouter\n\n")
            for s in sorted(set(svcs)):
                f.write(f"from app.services import s_{s}\n")
            f.write('\nrouter = APIRouter()\n\n')
            for j, s in enumerate(svcs):
                f.write(f'\n@router.get("/r{i}/{j}")\nasync def h{j}(q: str):\n'
                        f"    return {{\"v\": s_{s}.f{rng.randrange(nfn)}(q)}}\n\n")
    for i in range(nsvc):
        with open(f"{root}/app/services/s_{i}.py", "w") as f:
            nxt = min(nsvc - 1, i + 1 + rng.randrange(3))
            f.write("import time\n\nimport requests\n\n")
            f.write(f"from . import s_{nxt} as nxt\n\n")
            for j in range(nfn):
                roll = rng.random()
                f.write(f"\ndef f{j}(x):\n    y = f\"{{x}}-{i}-{j}\"\n")
                if roll < 0.02:
                    f.write("    time.sleep(0.1)\n    return y\n")
                elif roll < 0.03:
                    f.write("    return requests.get(y).text\n")
                elif i < nxt and roll < 0.6:
                    f.write(f"    return nxt.f{rng.randrange(nfn)}(y)\n")
                else:
                    f.write("    return y.upper()\n")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    dest = sys.argv[1]
    files = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    nfn = int(sys.argv[3]) if len(sys.argv) > 3 else 6
    if os.path.exists(dest) and os.listdir(dest):
        sys.exit(f"genrepo: {dest} exists and is not empty")
    rng = random.Random(files * 1000 + nfn)
    js_files = files * 6 // 10
    py_files = files - js_files
    k = 0
    while js_files > 0:
        n = min(PER_COMPONENT, js_files)
        js_component(f"{dest}/services/node-{k}", k, n, nfn, rng)
        js_files -= n
        k += 1
    k = 0
    while py_files > 0:
        n = min(PER_COMPONENT, py_files)
        py_component(f"{dest}/services/py-{k}", k, n, nfn, rng)
        py_files -= n
        k += 1


if __name__ == "__main__":
    main()
