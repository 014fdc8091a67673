"""The benchmark script keeps working (its figures are in README; timing is not a unit test)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_benchmark_runs_on_a_small_corpus():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "extract_bench.py"), "--articles", "20",
                             "--baseline", "3", "--dense-mb", "0.02", "--repeat", "1"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for line in ("factcheck extraction:", "baseline search_dates", "ratio:", "dense text (", "whole process"):
        assert line in result.stdout


def test_store_benchmark_runs_on_a_small_archive():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "store_bench.py"), "--articles", "150",
                             "--runs", "1"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for line in ("start: check of a one-line draft", "claims on 150 files", "index 150 files: from nothing",
                 "check a draft (another story) against 150 articles: store"):
        assert line in result.stdout, result.stdout


def test_engine_benchmark_prints_its_baseline_and_peak_memory():
    bench = str(ROOT / "bench" / "engine_bench.py")
    result = subprocess.run([sys.executable, bench, "--sizes", "2000", "4000", "--repeat", "1"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for line in ("engine on     2,000 claims:", "baseline sort + groupby on     4,000 claims:",
                 "ratio: engine is", "growth 2,000 -> 4,000"):
        assert line in result.stdout, result.stdout
    result = subprocess.run([sys.executable, bench, "--memory", "--sizes", "2000"], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert "engine on     2,000 claims: peak memory" in result.stdout, result.stdout
