"""Extraction on all cores: documents in chunks over worker processes, rows in the serial order.

Where the platform forks (Linux), workers inherit the rule set and every grammar the parent
compiled: none rebuilds one. Elsewhere each worker loads the rule set once, in its initializer.
A run with fewer documents than two chunks per worker stays in one process: starting workers
would cost more than it saves.
"""
from __future__ import annotations

import datetime
import multiprocessing
import os
import sys
from typing import TYPE_CHECKING

from factcheck.documents import Document

if TYPE_CHECKING:
    from factcheck.check.ruleset import RuleSet

CHUNK = 64  # documents per task: large enough that a task's ~1 ms of overhead is noise
WARM_SAMPLE = 32  # documents whose languages the parent compiles before forking

_worker: tuple | None = None  # (rules, lang, published) in a worker process


def available_cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extracted_rows(documents: list[Document], rules: RuleSet, lang: str | None, published: datetime.date | None,
                   jobs: int, done=None, cluster=None) -> list[dict]:
    """The claim rows of `documents`, in document order, on up to `jobs` processes, or on a Dask
    cluster (a `distributed.Client`). `done(n)` hears each time n more documents are read."""
    if cluster is not None:
        from factcheck.cluster import extracted_rows as on_cluster

        return on_cluster(cluster, documents, rules, lang, published, done or (lambda _n: None))
    done = done or (lambda _n: None)
    jobs = min(jobs, len(documents) // (2 * CHUNK))
    if jobs <= 1:
        rows = []
        for document in documents:
            rows += extract_chunk([document], rules, lang, published)
            done(1)
        return rows
    _warm(documents[:WARM_SAMPLE], rules, lang)
    chunks = [documents[i:i + CHUNK] for i in range(0, len(documents), CHUNK)]
    forking = _fork_context()
    from concurrent.futures import ProcessPoolExecutor

    context = forking or multiprocessing.get_context("spawn")
    setup = (rules, None) if forking else (None, str(rules.root))
    rows = []
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                             initargs=(*setup, lang, published)) as pool:
        for chunk, chunk_rows in zip(chunks, pool.map(_extract_chunk, chunks)):
            rows += chunk_rows
            done(len(chunk))
    return rows


def _fork_context():
    """The fork context where it is safe and available (Linux), else None."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _warm(sample: list[Document], rules: RuleSet, lang: str | None) -> None:
    """Compile, in the parent, the grammars the first documents need, so forked workers share them."""
    from factcheck.extraction.grammar import detect_language, grammar_for

    for code in sorted({lang or d.lang or detect_language(d.text, rules) for d in sample}):
        grammar_for(code, rules)


def _start_worker(rules, rules_root, lang, published) -> None:
    global _worker
    if rules is None:
        from factcheck.check.ruleset import load_rules

        rules = load_rules(rules_root)
    _worker = (rules, lang, published)


def extract_chunk(chunk: list[Document], rules: RuleSet, lang, published) -> list[dict]:
    """The claim rows of one chunk of documents (a task, here or on a Dask worker)."""
    from factcheck.extraction import extract_document

    return [row for document in chunk for row in extract_document(document, rules, lang, published)]


def _extract_chunk(chunk: list[Document]) -> list[dict]:
    return extract_chunk(chunk, *_worker)
