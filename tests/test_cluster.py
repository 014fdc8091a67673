"""A Dask LocalCluster extracts and checks a generated corpus: the same claims and findings as one machine."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from conftest import SEEDS
from test_jobs import generated_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_a_cluster_extracts_and_checks_what_one_process_does(cluster):
    from factcheck.check.engine import evaluate
    from factcheck.check.ruleset import load_rules
    from factcheck.cluster import parts_mapper
    from factcheck.documents import Document
    from factcheck.extraction import claims_table

    documents = [Document(f"{i:04d}.txt", text) for i, text in enumerate(generated_corpus(600))]
    rules = load_rules()
    with distributed.Client(cluster) as client:
        seen = []
        remote = claims_table(documents, rules, cluster=client, done=seen.append)
        local = claims_table(documents, rules)
        pd.testing.assert_frame_equal(remote, local)
        assert sum(seen) == len(documents)
        spread = evaluate(local, rules, map_parts=parts_mapper(client)).findings
    whole = evaluate(local, rules).findings
    assert len(whole) > 5 and whole["subject"].nunique() > 1  # several parts, several findings
    pd.testing.assert_frame_equal(spread, whole)


def test_scan_with_dask_writes_the_report_a_local_scan_writes(cluster, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    for i, text in enumerate(generated_corpus(300)):
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    runs = []
    for extra in ([], ["--dask", cluster.scheduler_address]):
        result = subprocess.run([sys.executable, "-m", "factcheck", "scan", str(folder), "--format", "md", "-q",
                                 "--no-config", *extra], capture_output=True, text=True, timeout=300)
        assert result.returncode in (0, 1), result.stderr
        runs.append(result.stdout)
    assert runs[0] == runs[1] and "troops" in runs[0]


def test_an_unreachable_scheduler_is_one_line():
    result = subprocess.run([sys.executable, "-m", "factcheck", "claims", "seeds", "--dask", "tcp://127.0.0.1:9",
                             "--no-config"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "cannot reach the Dask scheduler" in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


def test_index_on_a_cluster_writes_partitions_that_scan_and_check_read_as_the_folder(cluster, tmp_path):
    import json

    import pyarrow.parquet as pq

    folder = tmp_path / "archive"
    folder.mkdir()
    for i, text in enumerate(generated_corpus(600)):
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "archive.parquet"

    def factcheck(*args):
        result = subprocess.run([sys.executable, "-m", "factcheck", *map(str, args), "-q", "--no-config"],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode in (0, 1), result.stderr
        return result.stdout

    factcheck("index", folder, "--store", store, "--dask", cluster.scheduler_address)
    partitions = sorted(p.name for p in store.glob("part-*.parquet"))
    assert store.is_dir() and len(partitions) >= 3  # one per chunk, written by the workers
    assert pq.read_table(store).num_rows == len(json.loads(factcheck("claims", folder, "--format", "json")))
    for command in (["scan", "--format", "md"], ["scan", "--format", "json"], ["claims", "--format", "csv"]):
        assert factcheck(*command, store) == factcheck(*command, folder)
    seeds = tmp_path / "seeds.parquet"  # a draft meets a conflict among the seeds' few figures
    factcheck("index", SEEDS, "--store", seeds, "--dask", cluster.scheduler_address)
    draft = tmp_path / "draft.md"
    draft.write_text("Pyongyang ha inviato circa 25.000 soldati in Russia.\n", encoding="utf-8")
    against = factcheck("check", draft, "--against", seeds)
    assert seeds.is_dir() and against == factcheck("check", draft, "--against", SEEDS) and "troops_agree" in against
    # brought up to date on this machine: one changed file, the same folder layout
    changed = folder / "0007.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("soldati", "soldati e 90.000 soldati", 1),
                       encoding="utf-8")
    factcheck("index", "--store", store)
    assert store.is_dir() and factcheck("scan", "--format", "json", store) == factcheck(
        "scan", "--format", "json", folder)
