"""Settings, read once from config.json (or $SHOP_CONFIG) when the app is imported."""
import json
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_path: str
    media_dir: Path
    feed_cache: Path
    fx_api: str
    payments_api: str
    inventory_api: str
    mail_api: str
    sms_api: str
    carriers: tuple[str, ...]
    supplier_feeds: tuple[str, ...]


def load_settings() -> Settings:
    path = Path(os.environ.get("SHOP_CONFIG", ROOT / "config.json"))
    with open(path) as fh:
        raw = json.load(fh)
    raw["media_dir"] = ROOT / raw["media_dir"]
    raw["feed_cache"] = ROOT / raw["feed_cache"]
    raw["carriers"] = tuple(raw["carriers"])
    raw["supplier_feeds"] = tuple(raw["supplier_feeds"])
    return Settings(**raw)


settings = load_settings()
