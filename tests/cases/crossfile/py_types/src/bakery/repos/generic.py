import sqlite3


class Generic:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    def get_one(self, key):
        return self.conn.execute("SELECT * FROM t WHERE k = ?", (key,)).fetchone()

    async def get_one_async(self, key):
        return key

    def describe(self):
        return "a repository"


class Users(Generic):
    def by_email(self, email):
        return self.get_one(email)
