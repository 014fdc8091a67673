"""Benchmark: the rule engine alone on generated claims tables, 100,000 to 1,000,000 claims.

    python bench/engine_bench.py [--sizes 100000 300000 1000000] [--repeat 3]

Claims are spread over articles of 10 claims each (killed, wounded, troops, casualties, weapons,
signing dates) about five subjects, with random figures and qualifiers, so every check runs and
findings are large.
Reports, per size, the median of `--repeat` runs of `factcheck.check.engine.evaluate` with the
shipped rules and its throughput, beside a baseline run in the same process on the same table (one
pandas sort and one groupby: see `baseline`) and their ratio; then the growth from the smallest to
the largest size (1.0 = linear). `--memory` reports instead the peak memory of one run per size.

    python bench/engine_bench.py --memory --sizes 3000000
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


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
        "metric": metric, "subject": subject, "attribution": "", "speaker": "", "as_of": "", "population": "", "place": "",
        "aspect": "total", "event": "", "kind": np.where(is_date, "date", "quantity"),
        "value": np.where(is_date, np.nan, value), "low": np.where(is_date, np.nan, low),
        "high": np.where(is_date, np.nan, high), "qualifier": np.where(is_date, "exact", qualifier),
        "date_start": np.where(is_date, day_start, None), "date_end": np.where(is_date, day_start, None),
        "ref": None, "figure": "circa 300", "quote": "Una frase.", "start": 0, "end": 1, "line": 1, "col": 1,
        "lang": "it", "count": 1, "offsets": None,
    })
    return table[list(CLAIM_COLUMNS)]


KEY = ["metric", "subject", "population", "place", "aspect"]  # the comparison key agree groups by


def baseline(table):
    """What pandas alone takes for the engine's basic moves: one sort of the table by metric,
    subject and source, and one groupby of it by the comparison key with each key's widest interval."""
    table.sort_values(["metric", "subject", "source"])
    table.groupby(KEY, sort=True).agg(low=("low", "min"), high=("high", "max"))


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def peak_memory(size: int) -> tuple[float, float]:
    """(GiB the process holds with the table generated, GiB at the peak of the engine's run), in a fresh
    process. Generating takes more memory than the table, so the peak is reset after it (Linux:
    /proc/self/clear_refs) and read from /proc/self/status."""
    code = ("import sys; sys.path.insert(0, sys.argv[2]); from engine_bench import generate, memory_gib; "
            "from factcheck.check.engine import evaluate; from factcheck.check.ruleset import load_rules; "
            "rules = load_rules(); table = generate(int(sys.argv[1])); before = memory_gib('VmRSS'); "
            "open('/proc/self/clear_refs', 'w').write('5'); evaluate(table, rules); "
            "print(before, memory_gib('VmHWM'))")
    result = subprocess.run([sys.executable, "-c", code, str(size), str(Path(__file__).parent)],
                            capture_output=True, text=True, check=True)
    return tuple(float(gib) for gib in result.stdout.split())


def memory_gib(field: str) -> float:
    """A memory figure of this process from /proc/self/status: VmRSS (now) or VmHWM (the peak)."""
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith(field + ":"))) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the median is reported")
    parser.add_argument("--memory", action="store_true",
                        help="instead, the peak memory of one run per size, each in a fresh process")
    args = parser.parse_args()

    if args.memory:
        for size in args.sizes:
            table, peak = peak_memory(size)
            print(f"engine on {size:>9,} claims: peak memory {peak:.2f} GiB (before the run, with the table: {table:.2f} GiB)")
        return 0

    from factcheck.check.engine import evaluate
    from factcheck.check.ruleset import load_rules

    rules = load_rules()
    evaluate(generate(1000), rules)  # warm up: imports and compiled patterns outside the timing
    timings = []
    for size in args.sizes:
        table = generate(size)
        engine, base = [], []
        for _run in range(args.repeat):  # alternated, so the machine's load falls on both alike
            seconds, evaluation = timed(evaluate, table, rules)
            engine.append(seconds)
            base.append(timed(baseline, table)[0])
        seconds, base_seconds = statistics.median(engine), statistics.median(base)
        timings.append((size, seconds))
        print(f"engine on {size:>9,} claims: {seconds:6.2f} s, {size / seconds:,.0f} claims/s, "
              f"{len(evaluation.findings):,} findings")
        print(f"baseline sort + groupby on {size:>9,} claims: {base_seconds:6.2f} s; "
              f"ratio: engine is {seconds / base_seconds:.1f}x the baseline")
    (small, t_small), (large, t_large) = timings[0], timings[-1]
    print(f"growth {small:,} -> {large:,}: time x{t_large / t_small:.1f} for size x{large / small:.0f} "
          f"({(t_large / t_small) / (large / small):.2f} of linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
