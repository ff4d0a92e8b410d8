"""CPU-heavy loops: in async code (PY203) and in plain code (PY220)."""
import asyncio
import math

N = 10**7


async def pairs(request) -> int:
    items = await request.json()
    total = 0
    for a in items:  # expect: PY203
        for b in items:
            total += a * b
    return total


async def pairs_of_a_parameter(items: list[int]) -> int:
    total = 0
    for a in items:  # ok: nothing in this file says how many there are
        for b in items:
            total += a * b
    return total


async def literal_bound() -> float:
    s = 0.0
    for i in range(N):  # expect: PY203
        s += math.sqrt(i)
    return s


async def comprehension(xs: list[float]) -> list[float]:
    return [x * y for x in range(1000) for y in range(2000)]  # expect: PY203


async def spin() -> None:
    while True:  # expect: PY203
        math.factorial(20)


async def waits_each_time(urls: list[str], session) -> list[str]:
    out = []
    for u in urls:  # ok: awaits in the loop
        for part in u.split("/"):
            out.append(await session.get(part))  # expect: PY205
    return out


async def small(xs: list[int]) -> int:
    t = 0
    for x in xs:  # ok: one pass is linear
        t += x
    for i in range(100):  # ok: 100 iterations
        t += i
    while True:  # ok: leaves the loop
        t -= 1
        if t < 0:
            break
    return t


async def offloaded(items: list[int]) -> int:
    def count() -> int:
        return sum(a * b for a in items for b in items)

    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, count)  # ok: not on the loop


def matrix(a: list[list[float]], b: list[list[float]]) -> list[list[float]]:
    n = len(a)
    out = [[0.0] * n for _ in range(n)]
    for i in range(n):  # expect: PY220
        for j in range(n):
            for k in range(n):
                out[i][j] += a[i][k] * b[k][j]
    return out


def strings(words: list[str], stop: set[str]) -> list[str]:
    kept = []
    for w in words:  # ok: no arithmetic (comparisons only)
        for s in stop:
            if w == s:
                kept.append(w)
    return kept


def serve() -> None:
    while True:  # ok: a server loop, not a numeric one
        handle = 1 + 1
        print(handle)


for i in range(2000):  # expect: PY220
    for j in range(1000):
        N += i * j


def labels(xs: list[str], ys: list[str]) -> list[str]:
    out = []
    for a in xs:  # ok: string formatting is not arithmetic
        for b in ys:
            out.append("%s-%s" % (a, b) + "!")
    return out


def find(rows: list[list[int]], want: int) -> int:
    for r in rows:  # ok: a search that stops at the first match
        for cell in r:
            if cell * 2 == want:
                return cell
    return -1


async def walk_scopes(tasks: list, root) -> int:
    n = 0
    for task in tasks:  # ok: the inner while walks a short parent chain
        scope = task.scope
        while scope is not root:
            scope = scope.parent
            n += 1
    return n


async def grep(request, pattern: str) -> int:
    hits = 0
    for doc in await request.json():  # expect: PY203
        for line in doc["text"].split("\n"):
            if pattern in line:
                hits += 1
    return hits


async def parse_keys(request) -> int:
    n = 0
    for spec in await request.json():  # ok: the few parts of each key
        for part in spec.split("|"):
            n += len(part) * 2
    return n


async def match_lines(request, pattern) -> list[int]:
    content = (await request.body()).decode()
    lines = []
    for match in pattern.finditer(content):  # ok: counts over the lines of one match
        end = len(content[: match.end()].splitlines())
        start = end - len(match.group(0).splitlines())
        for i in range(start, end):
            lines.append(i)
    return lines
