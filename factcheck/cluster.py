"""Work on a Dask cluster (`dask.distributed`): extraction in chunks, then the checks per subject.

    factcheck scan archive/ --dask tcp://scheduler.desk:8786
    factcheck index archive/ --store /shared/archive.parquet --dask tcp://scheduler.desk:8786

This process reads the articles and sends them to the workers in chunks, with the rule set
(scattered once to every worker): workers need factcheck installed, not the archive's folders.
`index` makes the store a folder of Parquet partitions, one per chunk, each written by the worker
that extracted it: the store's folder must be on a disk every worker can write to.
Each worker builds a grammar once (or loads it from its own disk cache). The checks run per
subject, one task each, as every kind compares figures about one subject only; the findings, their
order and the report are those of a run on one machine.
"""
from __future__ import annotations

from factcheck.errors import FactcheckError

CHUNK = 256  # documents per task: Dask spends about 2 ms on each task, extraction ~1 ms per article


def connect(address: str):
    """A client of the scheduler at `address` (tcp://host:8786), or a one-line error."""
    try:
        from distributed import Client
    except ImportError:
        raise FactcheckError("--dask needs dask.distributed: pip install 'factcheck[dask]'") from None
    try:
        return Client(address, timeout=10, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise FactcheckError(f"--dask {address}: cannot reach the Dask scheduler ({exc}); is it running?") from None


def extracted_rows(client, documents, rules, lang, published, done) -> list[dict]:
    """The claim rows of `documents` extracted on the cluster, in document order."""
    from distributed import as_completed

    from factcheck.extraction.pool import extract_chunk

    chunks = [documents[i:i + CHUNK] for i in range(0, len(documents), CHUNK)]
    if not chunks:
        return []
    shared = client.scatter(rules, broadcast=True)
    futures = client.map(extract_chunk, chunks, rules=shared, lang=lang, published=published, pure=False)
    sizes = {future.key: len(chunk) for future, chunk in zip(futures, chunks)}
    for future in as_completed(futures, loop=client.loop):
        done(sizes[future.key])
    return [row for rows in client.gather(futures) for row in rows]


def extract_partitions(client, documents, rules, lang, published, folder, done) -> int:
    """Extract `documents` on the cluster, each chunk's claims written by its worker as
    `folder/part-NNNNN.parquet` (from 00001); the number of claims written."""
    from distributed import as_completed

    chunks = [documents[i:i + CHUNK] for i in range(0, len(documents), CHUNK)]
    if not chunks:
        return 0
    shared = client.scatter(rules, broadcast=True)
    paths = [str(folder / f"part-{n:05d}.parquet") for n in range(1, len(chunks) + 1)]
    futures = client.map(_extract_partition, chunks, paths, rules=shared, lang=lang, published=published,
                         pure=False)
    sizes = {future.key: len(chunk) for future, chunk in zip(futures, chunks)}
    try:
        for future in as_completed(futures, loop=client.loop):
            done(sizes[future.key])
        return sum(client.gather(futures))
    except OSError as exc:
        raise FactcheckError(f"{folder.parent}: a Dask worker could not write its part of the store ({exc}); "
                             "put the store on a disk every worker can write to") from None


def _extract_partition(chunk, path, rules, lang, published) -> int:
    from factcheck.extraction import claims_table
    from factcheck.store import write_partition

    return write_partition(path, claims_table(chunk, rules, lang, published))


def parts_mapper(client):
    """`map_parts` for `check.engine.evaluate`: each part a task on the cluster, results in order."""
    def map_parts(function, parts):
        futures = client.map(function, parts, pure=False)
        return client.gather(futures)

    return map_parts
