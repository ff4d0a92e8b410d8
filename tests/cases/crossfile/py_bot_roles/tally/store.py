"""A lazily built singleton: its constructor's read runs once."""
import json


class Store:
    _instance = None

    def __init__(self) -> None:
        with open("data/store.json") as f:
            self.data = json.load(f)

    @classmethod
    def get_instance(cls) -> "Store":
        if cls._instance is None:
            cls._instance = Store()
        return cls._instance
