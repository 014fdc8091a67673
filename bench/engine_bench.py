"""Benchmark: the rule engine alone on generated claims tables, 100,000 to 1,000,000 claims.

    python bench/engine_bench.py [--sizes 100000 300000 1000000]

Claims are spread over articles of 10 claims each (killed, wounded, troops, casualties, weapons,
signing dates) about five subjects, with random figures and qualifiers, so every check runs and
findings are large.
Reports the time of `factcheck.check.engine.evaluate` with the shipped rules, its throughput, and the
growth from the smallest to the largest size (1.0 = linear).
"""
from __future__ import annotations

import argparse
import sys
import time


def generate(size: int, seed: int = 11):
    import numpy as np
    import pandas as pd

    from factcheck.model import CLAIM_COLUMNS

    rng = np.random.default_rng(seed)
    metrics = np.array(["troops", "killed", "wounded", "casualties", "artillery", "shells", "missiles", "drones",
                        "agreement_signed"])
    metric = metrics[rng.integers(0, len(metrics), size)]
    source = np.char.add("a", (np.arange(size) // 10).astype(str))
    value = np.round(rng.lognormal(7, 1.5, size))
    qualifier = np.array(["exact", "approx", "at_least", "at_most"])[rng.integers(0, 4, size)]
    low = np.where(qualifier == "approx", value * 0.9, np.where(qualifier == "at_most", 0.0, value))
    high = np.where(qualifier == "approx", value * 1.1, np.where(qualifier == "at_least", np.nan, value))
    is_date = metric == "agreement_signed"
    month = rng.integers(1, 13, size)
    day_start = np.char.add(np.char.add("2024-", np.char.zfill(month.astype(str), 2)), "-01")
    day_start = np.where(rng.random(size) < 0.3, np.char.replace(day_start, "2024", "XXXX"), day_start)
    subject = np.array(["north_korea", "russia", "ukraine", "gaza", "sudan"])[(np.arange(size) // 10) % 5]
    table = pd.DataFrame({
        "id": np.char.add(np.char.add(source, ":"), np.arange(size).astype(str)), "source": source,
        "metric": metric, "subject": subject, "attribution": "", "as_of": "", "population": "", "place": "",
        "aspect": "total", "event": "", "kind": np.where(is_date, "date", "quantity"),
        "value": np.where(is_date, np.nan, value), "low": np.where(is_date, np.nan, low),
        "high": np.where(is_date, np.nan, high), "qualifier": np.where(is_date, "exact", qualifier),
        "date_start": np.where(is_date, day_start, None), "date_end": np.where(is_date, day_start, None),
        "ref": None, "figure": "circa 300", "quote": "Una frase.", "start": 0, "end": 1, "line": 1, "col": 1,
        "lang": "it", "count": 1, "offsets": None,
    })
    return table[list(CLAIM_COLUMNS)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    args = parser.parse_args()

    from factcheck.check.engine import evaluate
    from factcheck.check.ruleset import load_rules

    rules = load_rules()
    evaluate(generate(1000), rules)  # warm up: imports and compiled patterns outside the timing
    timings = []
    for size in args.sizes:
        table = generate(size)
        start = time.perf_counter()
        findings = evaluate(table, rules).findings
        seconds = time.perf_counter() - start
        timings.append((size, seconds))
        print(f"engine on {size:>9,} claims: {seconds:6.2f} s, {size / seconds:,.0f} claims/s, "
              f"{len(findings):,} findings")
    (small, t_small), (large, t_large) = timings[0], timings[-1]
    print(f"growth {small:,} -> {large:,}: time x{t_large / t_small:.1f} for size x{large / small:.0f} "
          f"({(t_large / t_small) / (large / small):.2f} of linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
