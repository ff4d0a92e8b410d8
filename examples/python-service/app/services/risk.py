"""Credit risk of customer portfolios by Monte Carlo simulation."""
import random


def simulate_portfolio(
    exposures: list[float], default_prob: list[float], runs: int = 20_000, seed: int = 0
) -> float:
    """99% value-at-risk: the loss that only 1% of simulated years exceed."""
    rng = random.Random(seed)
    losses = []
    for _ in range(runs):
        loss = 0.0
        for exposure, p in zip(exposures, default_prob):
            if rng.random() < p:
                loss += exposure
        losses.append(loss)
    losses.sort()
    return losses[int(0.99 * (len(losses) - 1))]
