"""A Dask LocalCluster extracts and checks a generated corpus: the same claims and findings as one machine."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

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
