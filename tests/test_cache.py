"""The disk cache of built grammars and rule sets: loaded when the key matches, rebuilt otherwise."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS

CLAIMS = [sys.executable, "-m", "factcheck", "claims", str(SEEDS), "--format", "json", "-q"]


def run_claims(cache: Path, *extra: str, **env) -> str:
    environment = {**os.environ, "FACTCHECK_CACHE_DIR": str(cache), **env}
    result = subprocess.run([*CLAIMS, *extra], capture_output=True, text=True, env=environment, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def entries(cache: Path) -> list[str]:
    return sorted(p.name.split("-")[0] for p in cache.glob("*.pickle"))


def test_a_second_run_loads_what_the_first_built_and_reads_the_same(tmp_path):
    cache = tmp_path / "cache"
    built = run_claims(cache, "--no-config")
    assert entries(cache) == ["grammar", "rules"]  # the seeds are Italian: one grammar
    stamps = {p: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert run_claims(cache, "--no-config") == built
    assert {p: p.stat().st_mtime_ns for p in cache.iterdir()} == stamps  # loaded, not rewritten


def test_a_corrupt_or_truncated_entry_is_rebuilt_not_trusted(tmp_path):
    cache = tmp_path / "cache"
    expected = run_claims(cache)
    for entry in cache.glob("*.pickle"):
        data = entry.read_bytes()
        entry.write_bytes(data[:-100] + b"x" * 100)  # same header, payload no longer matches its checksum
    assert run_claims(cache) == expected
    truncated = next(cache.glob("grammar-*.pickle"))
    truncated.write_bytes(truncated.read_bytes()[:10])
    assert run_claims(cache) == expected


def test_a_new_rule_word_builds_a_new_grammar_and_a_comment_does_not(tmp_path, rules_copy):
    cache = tmp_path / "cache"
    metric = rules_copy / "metrics" / "troops.yaml"
    run_claims(cache, "--rules", str(rules_copy))
    grammars, rule_sets = set(cache.glob("grammar-*.pickle")), set(cache.glob("rules-*.pickle"))
    metric.write_text(metric.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    run_claims(cache, "--rules", str(rules_copy))
    assert set(cache.glob("rules-*.pickle")) - rule_sets  # the files changed: the rule set is read again
    assert set(cache.glob("grammar-*.pickle")) == grammars  # but a grammar is keyed by its words, not bytes
    metric.write_text(metric.read_text(encoding="utf-8").replace("it: [soldat*,", "it: [alpini, soldat*,"),
                      encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("Sul confine sono arrivati 3.000 alpini.", encoding="utf-8")
    environment = {**os.environ, "FACTCHECK_CACHE_DIR": str(cache)}
    result = subprocess.run([sys.executable, "-m", "factcheck", "claims", str(draft), "--rules", str(rules_copy),
                             "--format", "csv", "-q"], capture_output=True, text=True, env=environment, timeout=120)
    assert result.returncode == 0, result.stderr
    assert set(cache.glob("grammar-*.pickle")) - grammars
    assert "troops" in result.stdout and "3.000" in result.stdout  # the new word reads, from the new grammar


def test_no_cache_reads_and_writes_nothing(tmp_path):
    cache = tmp_path / "cache"
    run_claims(cache, FACTCHECK_NO_CACHE="1")
    assert not cache.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions")
def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert run_claims(cache)
    finally:
        cache.chmod(0o700)


def test_a_cache_path_that_is_a_file_costs_only_time(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    assert run_claims(blocker) == run_claims(tmp_path / "other")
