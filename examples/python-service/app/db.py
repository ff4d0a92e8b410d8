"""SQLite access. Every function here blocks: call it from async code via asyncio.to_thread."""
import json
import sqlite3
from contextlib import closing

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    total REAL NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'new',
    created_at TEXT NOT NULL DEFAULT (datetime('now')),
    promised_at TEXT
);
CREATE TABLE IF NOT EXISTS portfolios (
    id INTEGER PRIMARY KEY,
    customer TEXT NOT NULL,
    exposures TEXT NOT NULL,
    default_prob TEXT NOT NULL,
    var_99 REAL
);
"""


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


def init_db(path: str) -> None:
    with closing(connect(path)) as conn:
        conn.executescript(SCHEMA)


def get_order(path: str, order_id: int) -> dict | None:
    with closing(connect(path)) as conn:
        row = conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
    return dict(row) if row else None


def insert_order(path: str, email: str, sku: str, quantity: int) -> int:
    with closing(connect(path)) as conn, conn:
        cur = conn.execute(
            "INSERT INTO orders (email, sku, quantity) VALUES (?, ?, ?)", (email, sku, quantity)
        )
        return cur.lastrowid


def list_late_orders(path: str) -> list[dict]:
    with closing(connect(path)) as conn:
        rows = conn.execute(
            "SELECT id, email FROM orders WHERE status = 'new' AND promised_at < datetime('now')"
        ).fetchall()
    return [dict(row) for row in rows]


def list_baskets(path: str) -> list[list[str]]:
    """SKUs bought by the same customer on the same day."""
    with closing(connect(path)) as conn:
        rows = conn.execute(
            "SELECT group_concat(sku) AS skus FROM orders GROUP BY email, date(created_at)"
        ).fetchall()
    return [row["skus"].split(",") for row in rows]


def daily_summary(path: str) -> list[dict]:
    with closing(connect(path)) as conn:
        rows = conn.execute(
            "SELECT date(created_at) AS day, count(*) AS orders, sum(total) AS revenue"
            " FROM orders GROUP BY day ORDER BY day DESC LIMIT 30"
        ).fetchall()
    return [dict(row) for row in rows]


def list_portfolios(path: str) -> list[dict]:
    with closing(connect(path)) as conn:
        rows = conn.execute("SELECT id, exposures, default_prob FROM portfolios").fetchall()
    return [
        {"id": r["id"], "exposures": json.loads(r["exposures"]), "default_prob": json.loads(r["default_prob"])}
        for r in rows
    ]


def save_var(path: str, portfolio_id: int, var_99: float) -> None:
    with closing(connect(path)) as conn, conn:
        conn.execute("UPDATE portfolios SET var_99 = ? WHERE id = ?", (var_99, portfolio_id))
