"""Benchmark: whole `factcheck` processes a newsroom runs, each beside its baseline, median of N runs.

    python bench/store_bench.py [--articles 10000] [--runs 3]

Builds N articles from seeds/ (as extract_bench.py does), then times, as separate processes:
  1. `factcheck check` of a one-line draft against seeds/, against `python -c "import pandas"`
     (the floor of any Python data tool's start),
  2. `factcheck claims DIR` on the N files with --jobs 1 and with every core (ratio: the speed-up),
  3. `factcheck index DIR --store S` from nothing; again on the unchanged archive; after one file changed,
  4. `factcheck check DRAFT --against S` (the pre-commit hook) against `check DRAFT --against DIR`
     (what the hook did before the store: extract the whole archive on every commit),
  5. with --dask: `index --dask` on a LocalCluster of one single-threaded worker per core, against
     `index --jobs CORES` (a folder of partitions against one file), and the core-seconds per
     article it spends, times a million: what a 1M-article run costs on a cluster's cores.
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
    parser.add_argument("--dask", action="store_true", help="also time index --dask on a LocalCluster")
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
        if args.dask:
            dask_index(archive, folder, n, cores, runs)
    return 0


def dask_index(archive: Path, folder: Path, n: int, cores: int, runs: int) -> None:
    import shutil

    from distributed import LocalCluster

    store = folder / "partitioned.parquet"

    def remove():
        shutil.rmtree(store) if store.is_dir() else store.unlink(missing_ok=True)

    local = timed([*FACTCHECK, "index", archive, "--store", store, "--jobs", str(cores), "-q"], runs, prepare=remove)
    with LocalCluster(n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        command = [*FACTCHECK, "index", archive, "--store", store, "--dask", cluster.scheduler_address, "-q"]
        timed(command, 1, prepare=remove)  # the workers load the rule set and build their grammars once
        on_dask = timed(command, runs, prepare=remove)
    per_article = on_dask * cores / n
    print(f"index {n:,} files on a LocalCluster of {cores} workers: {on_dask:.2f} s ({n / on_dask:,.0f} articles/s); "
          f"--jobs {cores} {local:.2f} s; ratio {on_dask / local:.2f}; {per_article * 1e3:.2f} core-ms per article, "
          f"so 1M articles = {per_article * 1e6 / 3600:.1f} core-hours")


if __name__ == "__main__":
    sys.exit(main())
