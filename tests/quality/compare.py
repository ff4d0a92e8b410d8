#!/usr/bin/env python3
"""Compares stackfit's PY201 findings with ruff's ASYNC2xx findings on the
same files (those with an `async def`), line by line, and prints the lines
only one tool reports, with the source line, for explanation in
tests/QUALITY.md. Usage: compare.py CORPUS STACKFIT_JSON RUFF_JSONL"""
import json
import os
import re
import sys


def main() -> int:
    corpus, sf_path, ruff_path = sys.argv[1:4]
    report = json.load(open(sf_path))
    ruff = [json.loads(line) for line in open(ruff_path) if line.strip()]
    asyncs = set()
    for top, _, names in os.walk(corpus):
        for n in names:
            if n.endswith(".py"):
                p = os.path.join(top, n)
                with open(p, encoding="utf-8", errors="replace") as fh:
                    if re.search(r"\basync\s+def\b", fh.read()):
                        asyncs.add(os.path.relpath(p, corpus))
    sf = {(d["path"], d["line"]): d for d in report["diagnostics"]
          if d["rule"] == "PY201" and d["path"] in asyncs}
    rf = {(r["path"], r["line"]): r for r in ruff}
    both = sorted(sf.keys() & rf.keys())
    only_sf = sorted(sf.keys() - rf.keys())
    only_rf = sorted(rf.keys() - sf.keys())

    def src(path: str, line: int) -> str:
        with open(os.path.join(corpus, path), encoding="utf-8",
                  errors="replace") as fh:
            return fh.read().splitlines()[line - 1].strip()

    print(f"files with async def: {len(asyncs)}")
    print(f"PY201: {len(sf)}  ruff ASYNC2xx: {len(rf)}  both: {len(both)}")
    for title, keys, table in (("both", both, rf), ("only stackfit", only_sf, sf),
                               ("only ruff", only_rf, rf)):
        print(f"\n## {title} ({len(keys)})")
        for k in keys:
            d = table[k]
            tag = d.get("code") or d.get("rule")
            print(f"{k[0]}:{k[1]} {tag}  {src(*k)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
