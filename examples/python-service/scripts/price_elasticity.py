"""Estimate the price elasticity of demand for each SKU from a sales export.

    python scripts/price_elasticity.py sales.csv > elasticity.csv

The export has one row per sale: sku,unit_price,quantity
"""
import csv
import math
import sys
from collections import defaultdict


def load_sales(path: str) -> dict[str, list[tuple[float, int]]]:
    sales: dict[str, list[tuple[float, int]]] = defaultdict(list)
    with open(path, newline="") as fh:
        for row in csv.DictReader(fh):
            sales[row["sku"]].append((float(row["unit_price"]), int(row["quantity"])))
    return sales


def elasticities(sales: dict[str, list[tuple[float, int]]]) -> dict[str, float]:
    """Least-squares slope of log(quantity) against log(price), per SKU."""
    result = {}
    for sku, points in sales.items():
        n = len(points)
        sx = sy = sxx = sxy = 0.0
        for price, quantity in points:
            x, y = math.log(price), math.log(quantity)
            sx += x
            sy += y
            sxx += x * x
            sxy += x * y
        denominator = n * sxx - sx * sx
        if n >= 3 and denominator:
            result[sku] = (n * sxy - sx * sy) / denominator
    return result


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    writer = csv.writer(sys.stdout)
    writer.writerow(["sku", "elasticity"])
    for sku, value in sorted(elasticities(load_sales(argv[1])).items()):
        writer.writerow([sku, f"{value:.3f}"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
