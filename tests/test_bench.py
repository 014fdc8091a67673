"""The benchmark script keeps working (its figures are in README; timing is not a unit test)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_benchmark_runs_on_a_small_corpus():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "extract_bench.py"), "--articles", "20",
                             "--baseline", "3"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for line in ("factcheck extraction:", "baseline search_dates", "ratio:", "whole process"):
        assert line in result.stdout


def test_store_benchmark_runs_on_a_small_archive():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "store_bench.py"), "--articles", "150",
                             "--runs", "1"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for line in ("start: check of a one-line draft", "claims on 150 files", "index 150 files: from nothing",
                 "check a draft (another story) against 150 articles: store"):
        assert line in result.stdout, result.stdout
