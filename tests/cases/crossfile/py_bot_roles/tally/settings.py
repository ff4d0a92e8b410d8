import functools
import json


@functools.lru_cache(maxsize=1)
def get_settings() -> dict:
    with open("settings.json") as f:
        return json.load(f)
