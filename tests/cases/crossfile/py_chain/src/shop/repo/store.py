import sqlite3


class Store:
    def count(self, table):
        with sqlite3.connect("shop.db") as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    async def count_async(self, table):
        return table


# A module-level instance other modules import.
store = Store()
