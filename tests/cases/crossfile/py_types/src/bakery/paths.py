from pathlib import Path

import redis

cache = redis.Redis()


def data_path(name: str) -> Path:
    return Path("/var/lib/bakery") / name


class Folders:
    def __init__(self, root: str):
        self.recipes = Path(root) / "recipes"


def get_folders() -> "Folders":
    return Folders("/srv/bakery")


def save(name, text):
    data_path(name).write_text(text)
