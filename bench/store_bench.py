"""Benchmark: whole `factcheck` processes a newsroom runs, each beside its baseline, median of N runs.

    python bench/store_bench.py [--articles 10000] [--runs 3]

Builds N articles from seeds/ (as extract_bench.py does), then times, as separate processes:
  1. `factcheck check` of a one-line draft against seeds/, against `python -c "import pandas"`
     (the floor of any Python data tool's start),
  2. `factcheck claims DIR` on the N files with --jobs 1 and with every core (ratio: the speed-up),
  3. `factcheck index DIR --store S` from nothing; again on the unchanged archive; after one file changed,
  4. `factcheck check DRAFT --against S` (the pre-commit hook) against `check DRAFT --against DIR`
     (what the hook did before the store: extract the whole archive on every commit).
Grammars are cached on disk (`factcheck.cache`) as in daily use: one run before the timings fills it.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_bench import build_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FACTCHECK = [sys.executable, "-m", "factcheck"]
DRAFT = "Secondo il Pentagono, oltre 12.000 soldati nordcoreani sono ormai in Russia.\n"
OTHER_STORY = "La Protezione civile conta almeno 300 morti dopo il terremoto in Turchia.\n"


def timed(command, runs: int, prepare=None, ok=(0,)) -> float:
    """The median wall time of `command` over `runs` runs (`prepare()` before each, untimed); a run
    that exits with another code than `ok` stops the benchmark."""
    times = []
    for _ in range(runs):
        if prepare:
            prepare()
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode not in ok:
            sys.exit(f"{' '.join(map(str, command))} failed: {result.stderr}")
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs, n = args.runs, args.articles

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        os.environ.setdefault("FACTCHECK_CACHE_DIR", str(folder / "cache"))
        archive = folder / "archive"
        archive.mkdir()
        for i, text in enumerate(build_corpus(n)):
            (archive / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        draft, other = folder / "draft.txt", folder / "other.txt"
        draft.write_text(DRAFT, encoding="utf-8")
        other.write_text(OTHER_STORY, encoding="utf-8")
        store = folder / "archive.parquet"
        subprocess.run([*FACTCHECK, "check", draft, "--against", ROOT / "seeds", "-q"], capture_output=True)

        pandas = timed([sys.executable, "-c", "import pandas"], runs)
        check = timed([*FACTCHECK, "check", draft, "--against", ROOT / "seeds", "-q"], runs, ok=(0, 1))
        print(f"start: check of a one-line draft against seeds/ {check:.2f} s; `import pandas` {pandas:.2f} s; "
              f"ratio {check / pandas:.2f}")

        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        claims = [*FACTCHECK, "claims", archive, "--format", "json", "-o", folder / "claims.json", "-q"]
        serial = timed([*claims, "--jobs", "1"], runs)
        parallel = timed([*claims, "--jobs", str(cores)], runs)
        print(f"claims on {n:,} files: --jobs 1 {serial:.2f} s ({n / serial:,.0f} articles/s); --jobs {cores} "
              f"{parallel:.2f} s ({n / parallel:,.0f} articles/s); speed-up {serial / parallel:.2f}x")

        index = [*FACTCHECK, "index", archive, "--store", store, "-q"]
        first = timed(index, 1, prepare=lambda: store.unlink(missing_ok=True))
        unchanged = timed(index, runs)
        changed_file = archive / "00007.txt"

        def change_one():
            changed_file.write_text(changed_file.read_text(encoding="utf-8") + f"\n{time.time_ns()}\n",
                                    encoding="utf-8")

        one = timed(index, runs, prepare=change_one)
        print(f"index {n:,} files: from nothing {first:.2f} s; unchanged {unchanged:.2f} s; one file changed "
              f"{one:.2f} s")

        for name, text_file in (("same story", draft), ("another story", other)):
            against_store = timed([*FACTCHECK, "check", text_file, "--against", store, "-q"], runs, ok=(0, 1))
            against_folder = timed([*FACTCHECK, "check", text_file, "--against", archive, "-q"], 1, ok=(0, 1))
            print(f"check a draft ({name}) against {n:,} articles: store {against_store:.2f} s; folder "
                  f"{against_folder:.2f} s; ratio {against_folder / against_store:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
