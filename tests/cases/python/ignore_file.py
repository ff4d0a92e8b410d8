# stackfit: ignore-file
# A vendored script kept as it is.
import time

import requests


async def vendored() -> None:
    time.sleep(1)  # ok: the whole file is ignored
    requests.get("https://example.com/")  # ok: the whole file is ignored
