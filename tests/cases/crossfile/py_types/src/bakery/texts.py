import functools
import json
from pathlib import Path


class Texts:
    # Each language's file is read once, then served from the cache.
    _dir = Path("./i18n")
    _cache: dict = {}

    @classmethod
    def _load(cls, language: str) -> dict:
        cached = cls._cache.get(language)
        if cached is not None:
            return cached
        path = cls._dir / f"{language}.json"
        with path.open("r") as file:
            data = json.load(file)
        cls._cache[language] = data
        return data

    @classmethod
    def get(cls, language: str, key: str) -> str:
        return cls._load(language)[key]

    @classmethod
    def reload(cls, language: str) -> dict:
        # No cache: every call reads the file.
        with (cls._dir / f"{language}.json").open("r") as file:
            return json.load(file)


@functools.lru_cache(maxsize=None)
def template(name: str) -> str:
    return (Path("./templates") / name).read_text()


async def greet(language: str) -> str:
    Texts.reload(language)  # expect: PY202
    return Texts.get(language, "hello") + template("greeting.html")
