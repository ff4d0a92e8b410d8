#!/usr/bin/env python3
"""The real-applications corpus: check out, audit, sample and score.

The corpus lists (apps/node.tsv, apps/python.tsv), the hand judgements
(apps/judged/<name>.tsv) and the recall sets (apps/misses/<name>.tsv) live
beside this script; the checkouts and audit results live outside the
repository (/work/corpus by default). tests/QUALITY.md, "Real applications",
says how the corpus was chosen and judged. Python 3 standard library only.

  apps.py fetch-list                       the apps of every list
  apps.py checkout DIR [--mirror DIR]      clone each app into DIR/<name> at its commit
  apps.py files [--apps DIR]               source files per app (for the corpus table)
  apps.py run --bin BIN --label L          audit each app into RESULTS/L/<name>.json
  apps.py sample --label L                 the findings to judge (seeded sample per rule)
  apps.py score --label L                  precision, worth acting on, recall, causes

Every command takes --dir DIR (a folder holding node.tsv and/or
python.tsv, judged/ and misses/; default: apps/ beside this script;
repeatable, the first folder holding a set's list has that set), --set
node|python|all (default all) and --only NAME,... (still sampling over
the whole set). Exit status: 0 done, 1 a run failed or
(score --strict) something is left to judge, 2 bad input or usage.
"""

import argparse
import collections
import hashlib
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, "apps")
DEFAULT_APPS = "/work/corpus/apps"
DEFAULT_RESULTS = "/work/corpus/results"
SETS = ("node", "python")

LIST_HEADER = ["name", "repo", "commit", "language", "kind", "what"]
JUDGED_HEADER = ["rule", "path", "line", "verdict", "worth", "cause", "note"]
MISSES_HEADER = ["rule", "path", "line", "found", "class", "note"]
LANGUAGES = {"javascript", "typescript", "python"}
KINDS = {"service", "bot", "integration", "dashboard", "worker"}
VERDICTS = {"correct", "wrong"}
WORTH = {"yes", "no", "-"}
CAUSES = {"script-cli", "startup", "test-dev", "browser", "build", "cheap-loop",
          "linear-recursion", "non-numeric", "dependent-iterations",
          "not-blocking", "unreachable", "other", "-"}
MISS_CLASSES = {"sqlalchemy", "django-orm", "pymongo", "redis", "psycopg2",
                "futures-wait", "annotation-types", "js-module-props",
                "typescript", "repository-objects", "other", "-"}
# Severities as the JSON report spells them, grouped as tests/QUALITY.md
# reports them: an error (JS104) counts with the warnings.
SEVERITY_GROUP = {"error": "warnings", "warning": "warnings",
                  "info": "info", "hint": "hints"}
SOURCE_EXTENSIONS = {
    "javascript": (".js", ".mjs", ".cjs", ".jsx"),
    "typescript": (".ts", ".tsx", ".mts", ".cts"),
    "python": (".py",),
}
SKIP_DIRS = {"node_modules", ".git", "dist", "build", "__pycache__", ".venv",
             "venv", "env"}


class InputError(Exception):
    """Bad input: the message names the file, the line and the problem."""


def die(message):
    print(f"apps.py: {message}", file=sys.stderr)
    sys.exit(2)


def read_tsv(path, header):
    """Rows of a tab-separated file with the given header, as dicts.

    Each row also carries "_where" (path:line) for messages."""
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].rstrip("\r").split("\t") != header:
        raise InputError(f"{path}:1: the header must be {', '.join(header)} "
                         "(tab-separated)")
    for number, text in enumerate(lines[1:], start=2):
        text = text.rstrip("\r")
        if not text.strip() or text.startswith("#"):
            continue
        fields = text.split("\t")
        if len(fields) != len(header):
            raise InputError(f"{path}:{number}: {len(fields)} fields, expected "
                             f"{len(header)} ({', '.join(header)}), tab-separated")
        row = dict(zip(header, fields))
        row["_where"] = f"{path}:{number}"
        rows.append(row)
    return rows


def check_in(row, field, allowed):
    if row[field] not in allowed:
        raise InputError(f"{row['_where']}: {field} {row[field]!r} is not one of "
                         f"{', '.join(sorted(allowed))}")


def check_line(row):
    if not row["line"].isdigit() or int(row["line"]) < 1:
        raise InputError(f"{row['_where']}: line {row['line']!r} is not a 1-based number")
    return int(row["line"])


def load_apps(args):
    """The apps of the selected lists, in list order."""
    apps = []
    names = {}
    for s in (SETS if args.set == "all" else (args.set,)):
        # The first --dir holding the set's list has it (and the judgements
        # and misses of its apps).
        found = [d for d in args.dir if os.path.exists(os.path.join(d, f"{s}.tsv"))]
        if not found:
            if args.set != "all":
                raise InputError(f"no {s}.tsv in {', '.join(args.dir)}")
            continue
        path = os.path.join(found[0], f"{s}.tsv")
        for row in read_tsv(path, LIST_HEADER):
            row["dir"] = found[0]
            check_in(row, "language", LANGUAGES)
            check_in(row, "kind", KINDS)
            if len(row["commit"]) != 40 or any(c not in "0123456789abcdef" for c in row["commit"]):
                raise InputError(f"{row['_where']}: commit must be 40 lowercase hex digits")
            if row["repo"].count("/") != 1:
                raise InputError(f"{row['_where']}: repo must be owner/name")
            if row["name"] in names:
                raise InputError(f"{row['_where']}: name {row['name']!r} already used at "
                                 f"{names[row['name']]}")
            names[row["name"]] = row["_where"]
            row["set"] = s
            apps.append(row)
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - set(names)
        if unknown:
            raise InputError(f"--only: no app named {', '.join(sorted(unknown))}")
        apps = [a for a in apps if a["name"] in wanted]
    return apps


def load_judged(args, app):
    """(rule, path, line) -> judgement row, for one app."""
    path = os.path.join(app["dir"], "judged", f"{app['name']}.tsv")
    judged = {}
    if not os.path.exists(path):
        return judged
    for row in read_tsv(path, JUDGED_HEADER):
        row["line"] = check_line(row)
        check_in(row, "verdict", VERDICTS)
        check_in(row, "worth", WORTH)
        check_in(row, "cause", CAUSES)
        if row["verdict"] == "wrong" and row["worth"] != "-":
            raise InputError(f"{row['_where']}: a wrong finding's worth is '-'")
        if row["verdict"] == "correct" and row["worth"] == "-":
            raise InputError(f"{row['_where']}: a correct finding's worth is yes or no")
        if row["verdict"] == "wrong" and row["cause"] == "-":
            raise InputError(f"{row['_where']}: a wrong finding needs a cause")
        key = (row["rule"], row["path"], row["line"])
        if key in judged:
            raise InputError(f"{row['_where']}: {key[0]} {key[1]}:{key[2]} already judged at "
                             f"{judged[key]['_where']}")
        judged[key] = row
    return judged


def load_misses(args, app):
    path = os.path.join(app["dir"], "misses", f"{app['name']}.tsv")
    if not os.path.exists(path):
        return []
    rows = read_tsv(path, MISSES_HEADER)
    seen = {}
    for row in rows:
        row["line"] = check_line(row)
        check_in(row, "found", {"yes", "no"})
        check_in(row, "class", MISS_CLASSES)
        if row["found"] == "yes" and row["class"] != "-":
            raise InputError(f"{row['_where']}: a found line's class is '-'")
        if row["found"] == "no" and row["class"] == "-":
            raise InputError(f"{row['_where']}: a miss needs a class")
        key = (row["rule"], row["path"], row["line"])
        if key in seen:
            raise InputError(f"{row['_where']}: already listed at {seen[key]}")
        seen[key] = row["_where"]
    return rows


def result_path(args, app):
    return os.path.join(args.results, args.label, f"{app['name']}.json")


def load_findings(args, app):
    """The distinct findings of one app's audit, or None when it has no result.

    Findings are keyed by (rule, path, line): two findings of one rule on one
    line (two calls in one statement) are one judgement."""
    path = result_path(args, app)
    if not os.path.exists(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        diagnostics = report["diagnostics"]
    except (ValueError, KeyError, TypeError) as e:
        raise InputError(f"{path}: not a stackfit JSON report ({e})")
    findings = {}
    for d in diagnostics:
        try:
            key = (d["rule"], d["path"], int(d["line"]))
            severity = d["severity"]
        except (KeyError, TypeError, ValueError) as e:
            raise InputError(f"{path}: a diagnostic without rule/path/line/severity ({e})")
        f = findings.get(key)
        if f is None:
            findings[key] = {
                "app": app["name"], "set": app["set"], "rule": key[0], "path": key[1],
                "line": key[2], "severity": severity, "message": d.get("message", ""),
                "related": {(r.get("path"), r.get("line")) for r in d.get("related", [])},
                "count": 1,
            }
        else:
            f["count"] += 1
            f["related"] |= {(r.get("path"), r.get("line")) for r in d.get("related", [])}
    return findings


def rank(seed, f):
    """A finding's place in the seeded order: a hash of the seed and the
    finding, so a finding keeps its place when other findings come or go
    (the sample of a later run keeps the findings already judged)."""
    text = f"{seed}\t{f['app']}\t{f['rule']}\t{f['path']}\t{f['line']}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sampled(findings, seed, per_rule):
    """The findings to judge: per app set and rule, all when at most
    per_rule, else the per_rule first in the seeded order."""
    strata = collections.defaultdict(list)
    for f in findings:
        strata[(f["set"], f["rule"])].append(f)
    chosen = set()
    sizes = {}
    for stratum, fs in strata.items():
        fs.sort(key=lambda f: rank(seed, f))
        sizes[stratum] = len(fs)
        for f in fs[:per_rule]:
            chosen.add((f["app"], f["rule"], f["path"], f["line"]))
    return chosen, sizes


def fid(f):
    return (f["app"], f["rule"], f["path"], f["line"])


def short(text, width):
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def pct(n, d):
    return f"{100 * n / d:.0f}%" if d else "–"


# ----------------------------------------------------------------- commands

def cmd_fetch_list(args):
    apps = load_apps(args)
    for a in apps:
        print("\t".join([a["name"], a["repo"], a["commit"], a["language"], a["kind"], a["set"]]))
    return 0


def find_bare_repository(root):
    """A bare git directory at or under root (depth 3), as fetch lays them out."""
    for depth in range(4):
        for dirpath, dirnames, filenames in os.walk(root):
            if dirpath[len(root):].count(os.sep) != depth:
                continue
            if "HEAD" in filenames and "objects" in dirnames:
                return dirpath
    return None


def git(*argv, cwd=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(["git", *argv], cwd=cwd, env=env, capture_output=True, text=True)


def cmd_checkout(args):
    apps = load_apps(args)
    os.makedirs(args.target, exist_ok=True)
    failed = 0
    for a in apps:
        dest = os.path.join(args.target, a["name"])
        if os.path.isdir(os.path.join(dest, ".git")):
            head = git("-C", dest, "rev-parse", "HEAD").stdout.strip()
            if head == a["commit"]:
                print(f"{a['name']}: already at {a['commit'][:12]}")
                continue
            r = git("-C", dest, "checkout", "-q", a["commit"])
        else:
            if args.mirror:
                mirror = find_bare_repository(
                    os.path.join(args.mirror, a["repo"].replace("/", "+")))
                if mirror is None:
                    print(f"{a['name']}: no bare repository for {a['repo']} under {args.mirror}",
                          file=sys.stderr)
                    failed += 1
                    continue
                source = mirror
            else:
                source = f"https://github.com/{a['repo']}"
            r = git("clone", "-q", "--no-checkout", source, dest)
            if r.returncode == 0:
                r = git("-C", dest, "checkout", "-q", a["commit"])
        if r.returncode != 0:
            print(f"{a['name']}: git failed: {r.stderr.strip()}", file=sys.stderr)
            failed += 1
        else:
            print(f"{a['name']}: {a['repo']}@{a['commit'][:12]} in {dest}")
    return 1 if failed else 0


def source_files(root):
    """git ls-files when root is a work tree, else a walk; vendored and
    generated folders skipped like stackfit skips them."""
    r = git("-C", root, "ls-files", "-z")
    if r.returncode == 0:
        paths = [p for p in r.stdout.split("\0") if p]
    else:
        paths = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
            paths += [os.path.relpath(os.path.join(dirpath, n), root) for n in filenames]
    return [p for p in paths if not SKIP_DIRS.intersection(p.split("/")[:-1])]


def cmd_files(args):
    apps = load_apps(args)
    print("| name | .js/.mjs/.cjs/.jsx | .ts/.tsx/.mts/.cts (no .d.ts) | .py | audited |")
    print("|---|---|---|---|---|")
    for a in apps:
        root = os.path.join(args.apps, a["name"])
        if not os.path.isdir(root):
            print(f"| {a['name']} | not checked out | | | |")
            continue
        counts = collections.Counter()
        for p in source_files(root):
            for lang, exts in SOURCE_EXTENSIONS.items():
                if p.endswith(exts) and not p.endswith(".d.ts"):
                    counts[lang] += 1
        audited = "–"
        if args.label and os.path.exists(result_path(args, a)):
            with open(result_path(args, a), encoding="utf-8") as f:
                audited = str(json.load(f).get("files", "?"))
        print(f"| {a['name']} | {counts['javascript']} | {counts['typescript']} | "
              f"{counts['python']} | {audited} |")
    return 0


def cmd_run(args):
    apps = load_apps(args)
    out = os.path.join(args.results, args.label)
    os.makedirs(out, exist_ok=True)
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        raise InputError(f"{args.bin}: not an executable")
    failed = 0
    for a in apps:
        root = os.path.join(args.apps, a["name"])
        if not os.path.isdir(root):
            print(f"{a['name']}: not checked out in {args.apps} (apps.py checkout)",
                  file=sys.stderr)
            failed += 1
            continue
        dest = result_path(args, a)
        start = time.monotonic()
        with open(dest + ".tmp", "w", encoding="utf-8") as f:
            r = subprocess.run([binary, "audit", "--format", "json", "--no-progress",
                                "--no-cache", root], stdout=f, stderr=subprocess.PIPE,
                               text=True, cwd="/")
        took = time.monotonic() - start
        if r.returncode not in (0, 1):
            print(f"{a['name']}: exit {r.returncode}: {r.stderr.strip()[:500]}", file=sys.stderr)
            os.unlink(dest + ".tmp")
            failed += 1
            continue
        os.replace(dest + ".tmp", dest)
        with open(dest, encoding="utf-8") as f:
            report = json.load(f)
        rules = collections.Counter(d["rule"] for d in report["diagnostics"])
        summary = " ".join(f"{k} {v}" for k, v in sorted(rules.items())) or "no findings"
        print(f"{a['name']}: {report['files']} files, {took:.1f} s: {summary}")
    return 1 if failed else 0


def collect(args):
    """Findings (list), judgements and misses of every app with a result.

    With --only, the other apps of the set are still read, so that the
    sample drawn per set and rule is the same as without it; the caller
    narrows to the named apps with only()."""
    only, args.only = args.only, None
    try:
        apps = load_apps(args)
    finally:
        args.only = only
    if only:
        unknown = set(only.split(",")) - {a["name"] for a in apps}
        if unknown:
            raise InputError(f"--only: no app named {', '.join(sorted(unknown))}")
    findings, judged, misses, missing = [], {}, [], []
    for a in apps:
        fs = load_findings(args, a)
        js = load_judged(args, a)
        for key, row in js.items():
            judged[(a["name"],) + key] = row
        for row in load_misses(args, a):
            row["app"] = a["name"]
            row["set"] = a["set"]
            misses.append(row)
        if fs is None:
            missing.append(a["name"])
            continue
        findings += fs.values()
    if missing:
        print(f"apps.py: no result for label {args.label}: {', '.join(missing)}",
              file=sys.stderr)
    # Judgement files of apps no list names are read by nothing: say so
    # (when every list is read, so that --set node is quiet about Python).
    names = {a["name"] for a in apps}
    for d in sorted({a["dir"] for a in apps}) if args.set == "all" else ():
        for sub in ("judged", "misses"):
            folder = os.path.join(d, sub)
            if not os.path.isdir(folder):
                continue
            for f in sorted(os.listdir(folder)):
                if f.endswith(".tsv") and f[:-4] not in names:
                    print(f"apps.py: {os.path.join(folder, f)}: no app named {f[:-4]!r} "
                          "in the selected lists; not read", file=sys.stderr)
    return apps, findings, judged, misses, missing


def narrow(args, apps, findings, judged, misses, missing):
    """The part of collect()'s answer that --only names."""
    if not args.only:
        return apps, findings, judged, misses, missing
    keep = set(args.only.split(","))
    return ([a for a in apps if a["name"] in keep],
            [f for f in findings if f["app"] in keep],
            {k: v for k, v in judged.items() if k[0] in keep},
            [m for m in misses if m["app"] in keep],
            [m for m in missing if m in keep])


def cmd_sample(args):
    everything = collect(args)
    chosen, sizes = sampled(everything[1], args.seed, args.per_rule)
    _, findings, judged, _, _ = narrow(args, *everything)
    rows = [f for f in findings if fid(f) in chosen]
    if args.unjudged:
        rows = [f for f in rows if fid(f) not in judged]
    rows.sort(key=lambda f: (f["app"], f["path"], f["line"], f["rule"]))
    for (s, rule), n in sorted(sizes.items()):
        if n > args.per_rule:
            print(f"# {s} {rule}: {n} findings, sample of {args.per_rule} (seed {args.seed})")
    for f in rows:
        mark = "judged" if fid(f) in judged else "todo"
        print("\t".join([f["app"], f["rule"], f["path"], str(f["line"]), mark,
                         short(f["message"], args.width)]))
    return 0


def related_hit(f, row):
    return f["path"] == row["path"] and f["line"] == row["line"] or \
        (row["path"], row["line"]) in f["related"]


def cmd_score(args):
    everything = collect(args)
    chosen, sizes = sampled(everything[1], args.seed, args.per_rule)
    apps, findings, judged, misses, missing = narrow(args, *everything)
    present = {fid(f): f for f in findings}
    group_of_rule = {}
    for f in findings:
        group_of_rule[f["rule"]] = SEVERITY_GROUP.get(f["severity"], f["severity"])

    # Per (set, rule) strata: findings, judged, correct, worth; overall
    # precision weights each stratum's precision by its findings, so that a
    # rule judged on a sample counts as much as its findings.
    stat = collections.defaultdict(lambda: collections.Counter())
    for f in findings:
        s = stat[(f["set"], f["rule"])]
        s["findings"] += 1
        j = judged.get(fid(f))
        if j is None:
            s["todo" if fid(f) in chosen else "unsampled"] += 1
            continue
        s["judged"] += 1
        s["correct"] += j["verdict"] == "correct"
        s["worth"] += j["worth"] == "yes"

    def row_of(counters):
        total = collections.Counter()
        est_correct = est_worth = 0.0
        for c in counters:
            total.update(c)
            if c["judged"]:
                est_correct += c["findings"] * c["correct"] / c["judged"]
                est_worth += c["findings"] * c["worth"] / c["judged"]
        covered = sum(c["findings"] for c in counters if c["judged"])
        sampled_any = any(c["unsampled"] for c in counters)
        if sampled_any and covered:
            precision = f"{100 * est_correct / covered:.0f}%*"
            worth = f"{total['worth']} ({100 * est_worth / covered:.0f}%*)"
        else:
            precision = pct(total["correct"], total["judged"])
            worth = f"{total['worth']} ({pct(total['worth'], total['judged'])})"
        return [str(total["findings"]), str(total["judged"]), str(total["correct"]),
                precision, worth, str(total["todo"]), str(total["unsampled"])]

    sets = [s for s in SETS if any(a["set"] == s for a in apps)]
    title = f"label {args.label}: {len(apps) - len(missing)} apps"
    if missing:
        title += f" ({len(missing)} without a result: {', '.join(missing)})"
    print(f"## Precision ({title})\n")
    print("| set | rule | findings | judged | correct | precision | worth acting on | to judge | not sampled |")
    print("|---|---|---|---|---|---|---|---|---|")
    for s in sets:
        rules = sorted(r for (ss, r) in stat if ss == s)
        for r in rules:
            print("| " + " | ".join([s, r] + row_of([stat[(s, r)]])) + " |")
        for group in ("warnings", "hints", "info"):
            cs = [stat[(s, r)] for r in rules if group_of_rule[r] == group]
            if cs:
                print("| " + " | ".join([s, f"**{group}**"] + row_of(cs)) + " |")
    if len(sets) > 1:
        for group in ("warnings", "hints", "info"):
            cs = [c for (s, r), c in stat.items() if group_of_rule[r] == group]
            if cs:
                print("| " + " | ".join(["all", f"**{group}**"] + row_of(cs)) + " |")
    print()
    print(f"Findings are distinct (rule, path, line). Per set and rule, all findings are judged "
          f"when at most {args.per_rule}, else a sample of {args.per_rule} (seed {args.seed}); "
          f"`*` marks a precision estimated over sampled rules (each rule's precision weighted by "
          f"its findings). Worth acting on: findings judged worth changing (and their share).")
    sampled_rules = [f"{s} {r} ({n})" for (s, r), n in sorted(sizes.items()) if n > args.per_rule]
    if sampled_rules:
        print(f"Sampled: {', '.join(sampled_rules)}.")
    print()

    # Recall: the judged-true set is every correct judgement plus every
    # misses line; an item is found when a finding of its rule is at its
    # line or names its line among the finding's related locations.
    by_rule_app = collections.defaultdict(list)
    for f in findings:
        by_rule_app[(f["app"], f["rule"])].append(f)
    truth = []
    for key, row in judged.items():
        if row["verdict"] == "correct":
            truth.append({"app": key[0], "rule": key[1], "path": key[2], "line": key[3],
                          "source": "judged", "class": "-", "note": row["note"],
                          "set": next(a["set"] for a in apps if a["name"] == key[0])})
    for row in misses:
        truth.append({"app": row["app"], "rule": row["rule"], "path": row["path"],
                      "line": row["line"], "source": "misses",
                      "class": row["class"] if row["found"] == "no" else "-",
                      "note": row["note"], "set": row["set"]})
    # An item counted once even when listed both as a correct finding and a
    # misses line (found: yes).
    unique = {}
    for t in truth:
        unique.setdefault((t["app"], t["rule"], t["path"], t["line"]), t)
    truth = list(unique.values())
    have_result = {a["name"] for a in apps} - set(missing)
    truth = [t for t in truth if t["app"] in have_result]
    lost = []
    found = collections.Counter()
    total = collections.Counter()
    for t in truth:
        hit = any(related_hit(f, t) for f in by_rule_app[(t["app"], t["rule"])])
        t["found"] = hit
        for s in (t["set"], "all"):
            total[s] += 1
            found[s] += hit
        if not hit:
            lost.append(t)
    print("## Recall on the judged-true set\n")
    print("| set | judged-true | found | recall |")
    print("|---|---|---|---|")
    for s in sets + (["all"] if len(sets) > 1 else []):
        print(f"| {s} | {total[s]} | {found[s]} | {pct(found[s], total[s])} |")
    print()
    classes = collections.defaultdict(lambda: [0, 0])
    for t in truth:
        if t["source"] == "misses" and t["class"] != "-":
            classes[t["class"]][0] += 1
            classes[t["class"]][1] += t["found"]
    if classes:
        print("Misses of the before run by class (lines; found by this run): " + ", ".join(
            f"{c} {n} ({k})" for c, (n, k) in sorted(classes.items())) + ".\n")

    # Causes of the wrong findings still reported, and of correct findings
    # not worth acting on.
    wrong = collections.defaultdict(list)
    notworth = collections.Counter()
    for f in findings:
        j = judged.get(fid(f))
        if j is None:
            continue
        if j["verdict"] == "wrong":
            wrong[j["cause"]].append((f, j))
        elif j["worth"] == "no" and j["cause"] != "-":
            notworth[j["cause"]] += 1
    if wrong:
        n = sum(len(v) for v in wrong.values())
        print(f"## Wrong findings by cause ({n})\n")
        print("| cause | wrong | rules | example |")
        print("|---|---|---|---|")
        for cause, items in sorted(wrong.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            rules = collections.Counter(f["rule"] for f, _ in items)
            f, j = items[0]
            print(f"| {cause} | {len(items)} | "
                  + ", ".join(f"{r} {k}" for r, k in sorted(rules.items()))
                  + f" | {f['app']} `{f['path']}:{f['line']}`: {short(j['note'], args.width)} |")
        print()
    if notworth:
        print("Correct but not worth acting on, by cause: " + ", ".join(
            f"{c} {k}" for c, k in notworth.most_common()) + ".\n")

    gone = [(k, j) for k, j in judged.items()
            if k[0] in have_result and k not in present and j["verdict"] == "wrong"]
    if gone:
        print(f"Wrong findings judged earlier and absent from this run: {len(gone)}.\n")

    if lost:
        print(f"## Judged-true, not found by this run ({len(lost)})\n")
        for t in sorted(lost, key=lambda t: (t["app"], t["path"], t["line"])):
            cls = "" if t["class"] == "-" else f" [{t['class']}]"
            print(f"- {t['app']} {t['rule']} `{t['path']}:{t['line']}` ({t['source']}){cls}: "
                  f"{short(t['note'], args.width)}")
        print()
    todo = [f for f in findings if fid(f) in chosen and fid(f) not in judged]
    if todo:
        print(f"## Not judged yet ({len(todo)})\n")
        for f in sorted(todo, key=fid):
            print(f"- {f['app']} {f['rule']} `{f['path']}:{f['line']}`: "
                  f"{short(f['message'], args.width)}")
        print()
    if args.per_app:
        print("## Per app\n")
        print("| app | set | findings | judged | correct | wrong | worth acting on | misses |")
        print("|---|---|---|---|---|---|---|---|")
        for a in apps:
            fs = [f for f in findings if f["app"] == a["name"]]
            js = [judged[fid(f)] for f in fs if fid(f) in judged]
            ms = [m for m in misses if m["app"] == a["name"] and m["found"] == "no"]
            print(f"| {a['name']} | {a['set']} | {len(fs)} | {len(js)} | "
                  f"{sum(j['verdict'] == 'correct' for j in js)} | "
                  f"{sum(j['verdict'] == 'wrong' for j in js)} | "
                  f"{sum(j['worth'] == 'yes' for j in js)} | {len(ms)} |")
        print()
    return 1 if args.strict and (todo or missing) else 0


def main(argv):
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--dir", action="append",
                        help="folder of node.tsv and/or python.tsv with their judged/ and misses/; "
                        f"repeatable, the first holding a list wins (default: {DEFAULT_DIR})")
    common.add_argument("--set", choices=("node", "python", "all"), default="all")
    common.add_argument("--only", help="comma-separated app names")
    results = argparse.ArgumentParser(add_help=False)
    results.add_argument("--label", required=True, help="the run's label (a binary's commit)")
    results.add_argument("--results", default=DEFAULT_RESULTS, help="default: %(default)s")
    pick = argparse.ArgumentParser(add_help=False)
    pick.add_argument("--seed", type=int, default=10)
    pick.add_argument("--per-rule", type=int, default=30)
    pick.add_argument("--width", type=int, default=140, help="longest message or note shown")

    p = argparse.ArgumentParser(prog="apps.py", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("fetch-list", parents=[common], help="the apps of the lists")
    c = sub.add_parser("checkout", parents=[common], help="clone each app at its commit")
    c.add_argument("target", metavar="DIR")
    c.add_argument("--mirror", help="a folder of bare repositories named owner+name")
    c = sub.add_parser("files", parents=[common], help="source files per app")
    c.add_argument("--apps", default=DEFAULT_APPS)
    c.add_argument("--label", help="also show the files a run audited")
    c.add_argument("--results", default=DEFAULT_RESULTS)
    c = sub.add_parser("run", parents=[common, results], help="audit each app")
    c.add_argument("--bin", required=True)
    c.add_argument("--apps", default=DEFAULT_APPS)
    c = sub.add_parser("sample", parents=[common, results, pick], help="the findings to judge")
    c.add_argument("--unjudged", action="store_true", help="only those not judged yet")
    c = sub.add_parser("score", parents=[common, results, pick], help="precision and recall")
    c.add_argument("--per-app", action="store_true", help="also a table per app")
    c.add_argument("--strict", action="store_true",
                   help="exit 1 when a sampled finding is not judged or an app has no result")
    args = p.parse_args(argv)
    if not getattr(args, "dir", None):
        args.dir = [DEFAULT_DIR]
    commands = {"fetch-list": cmd_fetch_list, "checkout": cmd_checkout, "files": cmd_files,
                "run": cmd_run, "sample": cmd_sample, "score": cmd_score}
    try:
        return commands[args.command](args)
    except InputError as e:
        die(str(e))
    except BrokenPipeError:
        return 0
    except OSError as e:
        die(f"{e.filename or ''}: {e.strerror}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
