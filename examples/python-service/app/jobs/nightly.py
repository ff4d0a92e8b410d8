"""Nightly batch: refresh supplier feeds, then recompute portfolio risk.

Run from cron:  python -m app.jobs.nightly
"""
import logging
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from app import db
from app.config import settings
from app.services.feeds import download_feed
from app.services.risk import simulate_portfolio

log = logging.getLogger("nightly")


def refresh_feeds() -> None:
    with ProcessPoolExecutor(max_workers=8) as pool:
        for path in pool.map(download_feed, settings.supplier_feeds):
            log.info("downloaded %s", path)


def recompute_risk() -> None:
    portfolios = db.list_portfolios(settings.database_path)
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = {
            p["id"]: pool.submit(simulate_portfolio, p["exposures"], p["default_prob"], seed=p["id"])
            for p in portfolios
        }
    for portfolio_id, future in futures.items():
        db.save_var(settings.database_path, portfolio_id, future.result())
    log.info("recomputed risk for %d portfolios", len(futures))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    refresh_feeds()
    recompute_risk()


if __name__ == "__main__":
    main()
