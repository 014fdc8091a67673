"""Extraction on several processes gives the rows a single process gives, in the same order."""
from __future__ import annotations

import random
import subprocess
import sys

import pandas as pd

from conftest import SEEDS


def generated_corpus(count: int) -> list[str]:
    """The seeds with their figures moved about: many articles, none the same."""
    import re

    rng = random.Random(3)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]

    def moved(match):
        value = int(match.group().replace(".", ""))
        return match.group() if 1900 <= value <= 2100 else f"{max(1, int(value * rng.uniform(0.5, 1.5))):,}".replace(",", ".")

    return [re.sub(r"\b\d{1,3}(?:\.\d{3})+\b|\b\d+\b", moved, seeds[i % len(seeds)]) for i in range(count)]


def test_two_workers_give_the_rows_of_one_process_in_its_order():
    from factcheck.check.ruleset import load_rules
    from factcheck.documents import Document
    from factcheck.extraction import claims_table
    from factcheck.extraction.pool import CHUNK

    documents = [Document(f"{i:04d}.txt", text) for i, text in enumerate(generated_corpus(4 * CHUNK + 7))]
    rules = load_rules()
    seen = []
    serial = claims_table(documents, rules, jobs=1)
    parallel = claims_table(documents, rules, jobs=2, done=seen.append)
    pd.testing.assert_frame_equal(serial, parallel)
    assert sum(seen) == len(documents) and len(seen) > 1  # progress by chunk
    assert serial["source"].nunique() > 100  # and many articles have figures


def test_jobs_on_the_command_line_give_the_same_bytes(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    for i, text in enumerate(generated_corpus(300)):
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        result = subprocess.run([sys.executable, "-m", "factcheck", "scan", str(folder), "--format", "json",
                                 "--jobs", jobs, "-q", "--no-config"], capture_output=True, timeout=300)
        assert result.returncode in (0, 1), result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and len(outputs[0]) > 1000


def test_jobs_must_be_a_positive_whole_number():
    result = subprocess.run([sys.executable, "-m", "factcheck", "claims", str(SEEDS), "--jobs", "0"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "'0' is not a whole number of 1 or more" in result.stderr
    assert result.stderr.count("\n") == 1
