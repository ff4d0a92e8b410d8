"""Loops and recursion that look heavy and are not: nothing says the data
is large (a device's few outlets, two config schemas, enum values, state),
a walk over nested data, recursion over a structure's children or in
exclusive branches, and string work that numpy would not help."""
import asyncio
import enum
import json
import math


class Mode(enum.Enum):
    AUTO = "auto"
    ECO = "eco"
    BOOST = "boost"


DEFAULTS = {"interval": 30, "retries": 3, "timeout": 10}


class Switch:
    def __init__(self, hub) -> None:
        self.hub = hub
        self.devices = {}

    async def async_update(self) -> None:
        for device in self.devices.values():  # ok: state of an object, a handful of devices
            for outlet in self.devices.values():
                if device["id"] == outlet["parent"]:
                    device["on"] = outlet["on"]
        for mode in Mode:  # ok: enum values
            for other in Mode:
                if mode.value < other.value:
                    await asyncio.sleep(0)

    async def async_merge(self, options: dict) -> dict:
        merged = {}
        for key in DEFAULTS:  # ok: a literal schema and the options of one entry
            for opt in options:
                if key == opt:
                    merged[key] = options[opt]
        return merged

    async def async_points(self, raw: str) -> int:
        points = json.loads(raw)
        n = 0
        for point in points:  # ok: nested data, each reading once
            for reading in point["readings"]:
                n += reading["value"] * 2
        return n


def to_typed(data):
    if isinstance(data, dict):
        return {k: to_typed(v) for k, v in data.items()}  # ok: a walk
    if isinstance(data, list):
        return [to_typed(x) for x in data]  # ok: a walk
    return data


def walk(node, depth: int = 0) -> int:
    total = walk(node.left, depth + 1) if node.left else 0  # ok: descends
    return total + (walk(node.right, depth + 1) if node.right else 0)


async def fetch_with_retry(client, url: str, retries: int = 3):
    try:
        return await client.get(url)
    except OSError:
        if retries == 0:
            raise
        return await fetch_with_retry(client, url, retries - 1)  # ok: one retry per call


def choose(n: int) -> int:
    if n % 2:
        return choose(n - 1)  # ok: one branch or the other
    elif n > 2:
        return choose(n // 2)
    return n


async def handler(request):
    return to_typed(await request.json()), walk(request), choose(10)


def render(rows: list[dict], columns: list[str]) -> str:
    lines = []
    for row in rows:  # ok: formats strings, not numbers
        cells = []
        for col in columns:
            width = len(col) + 2 * math.ceil(len(str(row[col])) / 2)
            cells.append(f"{row[col]:>{width}}")
        lines.append(" | ".join(cells))
    return "\n".join(lines)


def tokens(texts: list[str], stops: list[str]) -> list[str]:
    out = []
    for text in texts:  # ok: tokenising
        for word in stops:
            out.append(text.replace(word, " ").strip() + str(len(word) * 2))
    return out


def distances(xs: list[float], ys: list[float]) -> list[float]:
    out = []
    for x in xs:  # expect: PY220
        for y in ys:
            out.append(math.sqrt(x * x + y * y))
    return out


def features(lines: list[str], tokenizer, describe) -> list:
    out = []
    for line in lines:  # ok: `i + 1` is a position, not numeric work
        words = tokenizer.split(line)
        for i, word in enumerate(words):
            out.append(describe(word, i + 1, words))
    return out


def differences(xs: list[float], ys: list[float]) -> list:
    out = []
    for x in xs:  # expect: PY220
        for i, y in enumerate(ys):
            out.append(x - y - i)
    return out


async def cart_lines(store, user_id: int) -> list[str]:
    items = await store.list_items(user_id)
    groups: dict = {}
    for item in items:
        groups.setdefault(item["type"], []).append(item)
    lines = []
    for kind, items in groups.items():  # ok: each group's items, one walk over the cart
        lines.append(kind)
        for item in items:
            lines.append(f"{item['name']} x{item['qty']}: {item['price'] * item['qty']}")
    return lines
