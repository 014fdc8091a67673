"""A claims store: an archive's claims extracted once, and kept up to date file by file.

    factcheck index archive/ --store archive.parquet     # extract what is new or changed
    factcheck check draft.md --against archive.parquet   # a draft against the archive, in well under a second
    factcheck scan archive.parquet                       # the rules alone, after an editor changed them

One Parquet file (written through pyarrow, replaced atomically): the claims table, and in its
metadata the files indexed (size, modification time and SHA-256 of each, the articles it gave and
what in it was skipped), the folders indexed, and the extraction key (`extraction_key`: factcheck's
code, the languages and the rule set's words, not its checks). A file whose size and time are
unchanged is not read; one whose bytes are unchanged is not extracted; a store under another key
is extracted again whole. Parquet, not a database: pandas and Dask read it as it is, it needs no
server or lock, and an archive's claims are written once and read whole.

With `--dask`, the store is a folder of the same name: one Parquet partition per chunk of
articles, written by the Dask worker that extracted it (no claim travels back to this process),
beside `_factcheck.json`, the manifest. Commands read either layout alike; pandas, pyarrow and
Dask read the folder as one Parquet dataset.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.documents import Document, Skipped
from factcheck.errors import FactcheckError

FORMAT = 1
METADATA_KEY = b"factcheck.store"
SUFFIX = ".parquet"
MANIFEST = "_factcheck.json"  # a folder store's manifest (Parquet readers skip names starting with _)
NUMBERS = {"value": "float64", "low": "float64", "high": "float64", "start": "int64", "end": "int64",
           "line": "int64", "col": "int64", "count": "int64"}


@dataclass
class Stored:
    """What a store holds: the articles its claims come from (without their text), what was skipped,
    and its claims, read when first asked for (`claims`), or only those a draft can meet (`claims_about`)."""

    path: Path
    manifest: dict = field(repr=False)
    parquet: object = field(default=None, repr=False)  # the open pyarrow.parquet.ParquetFile

    @property
    def key(self) -> str:
        return self.manifest["key"]

    @property
    def roots(self) -> list[str]:
        return self.manifest["roots"]

    @property
    def files(self) -> dict:
        """resolved path -> what the file gave when it was indexed"""
        return self.manifest["files"]

    @property
    def count(self) -> int:
        return self.manifest["claims"]

    @functools.cached_property
    def documents(self) -> list[Document]:
        return _documents(self.manifest)

    @functools.cached_property
    def skipped(self) -> list[Skipped]:
        return _skipped(self.manifest)

    @functools.cached_property
    def claims(self):
        return self._read()

    def claims_about(self, metrics, subjects):
        """Only the claims in these metrics about these subjects (what a draft can meet): filtered
        in Arrow, the others never converted."""
        return self._read({"metric": metrics, "subject": subjects})

    @property
    def is_folder(self) -> bool:
        return self.path.is_dir()

    def _read(self, among: dict | None = None):
        """The claims table, or its rows whose columns hold one of `among`'s values (column -> set),
        in the order a folder scan gives."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        try:
            if self.is_folder:  # pyarrow's dataset reader skips the partitions the filters rule out
                filters = [(column, "in", sorted(values)) for column, values in (among or {}).items()] or None
                table = pq.read_table(self.path, filters=filters, schema=claims_schema())
            else:  # one file: read whole and filtered, faster than the dataset reader's start
                table = (self.parquet or pq.ParquetFile(self.path)).read()
                if among:
                    masks = [pc.is_in(table[column], value_set=pa.array(sorted(values), pa.string()))
                             for column, values in among.items()]
                    table = table.filter(functools.reduce(pc.and_, masks))
        except Exception as exc:  # noqa: BLE001 - pyarrow's errors have no common base
            raise FactcheckError(f"{self.path}: not a readable claims store ({exc}); index the archive again") from None
        offsets = table.column("offsets").to_pylist()
        claims = table.drop_columns(["offsets"]).to_pandas()
        claims["offsets"] = offsets
        return in_scan_order(claims, self.files) if self.is_folder else claims  # partitions come in any order


@dataclass(frozen=True)
class Indexed:
    """What `index` did."""

    files: int
    extracted: int      # files read and extracted again
    unchanged: int
    removed: int        # files gone from the archive since the last run
    claims: int | None  # None: not rewritten, nothing changed
    skipped: list[Skipped]

    @property
    def written(self) -> bool:
        return self.claims is not None


def is_store(path) -> bool:
    """Whether `path` names a claims store (an existing .parquet file, or folder)."""
    return str(path).lower().endswith(SUFFIX) and Path(path).exists()


def read_store(path, rules=None, lang=None, published=None) -> Stored:
    """The store at `path`. With `rules`, its claims must have been extracted as they would be now
    (same code, languages, words and options), else a one-line error says to index it again."""
    path = Path(path)
    manifest, parquet = _manifest(path)
    if rules is not None:
        from factcheck.extraction import extraction_key

        if manifest["key"] != extraction_key(rules, lang, published):
            raise FactcheckError(f"{path}: its claims were extracted by another version of factcheck, or under "
                                 "other languages, metric words, actors, places or options; bring it up to date "
                                 f"with `factcheck index --store {path}`")
    return Stored(path, manifest, parquet)


def _manifest(path: Path):
    """The store's manifest, and the file opened (its footer read once; None for a folder store)."""
    import pyarrow.parquet as pq

    parquet = None
    try:
        if path.is_dir():
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        else:
            parquet = pq.ParquetFile(path)
            manifest = json.loads((parquet.schema_arrow.metadata or {})[METADATA_KEY])
    except (KeyError, FileNotFoundError):
        raise FactcheckError(f"{path}: a Parquet {'folder' if parquet is None else 'file'}, but not a factcheck "
                             "claims store; make one with `factcheck index ARCHIVE --store FILE.parquet`") from None
    except Exception as exc:  # noqa: BLE001
        raise FactcheckError(f"{path}: not a readable claims store ({exc}); index the archive again") from None
    if manifest.get("format") != FORMAT:
        raise FactcheckError(f"{path}: a claims store of format {manifest.get('format')}; this factcheck reads "
                             f"format {FORMAT}: index the archive again")
    return manifest, parquet


def index(roots: list[str] | None, store: Path, rules, lang=None, published=None, max_bytes=None, jobs: int = 1,
          note=None, keeper=None, done=None, cluster=None) -> Indexed:
    """Bring the store at `store` up to date with the articles under `roots` (None: the folders it
    was made from): files new or changed since the last run are read and extracted, the claims of
    the others kept, those of files gone dropped. `keeper(roots)` gives the test a file must pass to
    be read (the `exclude` patterns, which spare files the roots name). Writes the store only when
    something changed."""
    from factcheck.decoding import MAX_BYTES, read_bytes
    from factcheck.documents import find_files, read_file, unreadable
    from factcheck.extraction import claims_table, extraction_key

    max_bytes = max_bytes or MAX_BYTES
    key = extraction_key(rules, lang, published)
    old = None
    if store.exists():
        try:
            old = read_store(store)
        except FactcheckError:
            if roots is None:
                raise
            old = None  # unreadable, or another format: rebuilt whole
    if roots is None:
        if old is None:
            raise FactcheckError(f"{store}: no such store yet; name the archive to index: "
                                 f"factcheck index ARCHIVE... --store {store}")
        roots = old.roots
    current = old is not None and old.key == key
    reusable = old.files if current else {}
    files, not_found = find_files(roots)
    keep = keeper(roots) if keeper else (lambda _path: True)
    files = [(path, source) for path, source in files if keep(str(path))]
    entries, fresh, kept_sources, reused = {}, [], set(), 0
    for path, source in files:
        resolved = os.path.abspath(path)
        previous = reusable.get(resolved)
        previous = previous if previous and previous["source"] == source else None
        info = None
        try:
            info = os.stat(path)
            if previous and (previous["size"], previous["mtime_ns"]) == (info.st_size, info.st_mtime_ns):
                entry = previous  # not read: its size and time are those indexed
            else:
                data = read_bytes(path, max_bytes)
                digest = hashlib.sha256(data).hexdigest()
                if previous and previous["sha256"] == digest:  # touched, not changed: not extracted
                    entry = {**previous, "size": info.st_size, "mtime_ns": info.st_mtime_ns}
                else:
                    documents, skipped = read_file(path, source, lang, published, max_bytes, note, data)
                    entries[resolved] = _entry(path, source, info, digest, documents, skipped)
                    fresh += documents
                    continue
        except (OSError, ValueError) as exc:
            entries[resolved] = _entry(path, source, info, None, [], [unreadable(path, exc)])
            continue
        entries[resolved] = entry  # what the last run extracted from it holds
        kept_sources.update(d["source"] for d in entry["documents"])
        reused += 1
    removed = len(set(reusable) - set(entries))
    manifest = {"format": FORMAT, "key": key, "claims": None, "roots": sorted({os.path.abspath(r) for r in roots}),
                "files": entries, "not_found": [[s.path, s.reason] for s in not_found]}
    if current and not fresh and not removed and entries == old.files:
        return Indexed(len(files), 0, reused, 0, None, _skipped(manifest))
    import pandas as pd

    parts = [old.claims[old.claims["source"].isin(kept_sources)]] if kept_sources else []
    if cluster is not None or store.is_dir():  # a folder of partitions
        count = _write_folder(store, parts, fresh, manifest, rules, lang, published, jobs, done, cluster)
        return Indexed(len(files), len(files) - reused, reused, removed, count, _skipped(manifest))
    parts.append(claims_table(fresh, rules, lang, published, jobs, done))
    claims = in_scan_order(pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0], entries)
    _write(store, claims, {**manifest, "claims": len(claims)})
    return Indexed(len(files), len(files) - reused, reused, removed, len(claims), _skipped(manifest))


def in_scan_order(claims, files: dict):
    """The claims in the order a folder scan gives: by file (as `files` lists them), then as extracted."""
    order = {d["source"]: i for i, d in enumerate(d for entry in files.values() for d in entry["documents"])}
    return claims.iloc[claims["source"].map(order).argsort(kind="stable")].reset_index(drop=True)


def _entry(path, source, info, digest, documents, skipped) -> dict:
    return {"source": source, "path": str(path), "size": info.st_size if info else None,
            "mtime_ns": info.st_mtime_ns if info else None, "sha256": digest,
            "documents": [{"source": d.source, "path": d.path, "lang": d.lang, "encoding": d.encoding,
                           "published": d.published.isoformat() if d.published else None, "title": d.title,
                           "outlet": d.outlet, "url": d.url} for d in documents],
            "skipped": [[s.path, s.reason] for s in skipped]}


def _documents(manifest: dict) -> list[Document]:
    import datetime

    return [Document(d["source"], "", d["lang"], datetime.date.fromisoformat(d["published"]) if d["published"] else None,
                     d["path"], d["encoding"], d["title"], d["outlet"], d["url"])
            for entry in manifest["files"].values() for d in entry["documents"]]


def _skipped(manifest: dict) -> list[Skipped]:
    return [Skipped(path, reason) for entry in manifest["files"].values() for path, reason in entry["skipped"]] + \
        [Skipped(path, reason) for path, reason in manifest.get("not_found", [])]


def _write(store: Path, claims, manifest: dict) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from factcheck.model import CLAIM_COLUMNS
    from factcheck.render.files import write_atomic

    table = pa.Table.from_pandas(claims[list(CLAIM_COLUMNS)], preserve_index=False)
    metadata = {**(table.schema.metadata or {}), METADATA_KEY: json.dumps(manifest, ensure_ascii=False).encode()}
    buffer = pa.BufferOutputStream()
    pq.write_table(table.replace_schema_metadata(metadata), buffer, compression="zstd")
    write_atomic(store, buffer.getvalue().to_pybytes())


def claims_schema():
    """The Arrow types of the claims columns: every partition of a folder store has the same."""
    import pyarrow as pa

    from factcheck.model import CLAIM_COLUMNS

    types = {"offsets": pa.list_(pa.list_(pa.int64()))}
    return pa.schema([(name, types.get(name) or pa.type_for_alias(NUMBERS.get(name, "string")))
                      for name in CLAIM_COLUMNS])


def write_partition(path, claims) -> int:
    """One partition of a folder store (on the Dask worker that extracted its claims); its claim count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from factcheck.model import CLAIM_COLUMNS

    if len(claims):
        table = pa.Table.from_pandas(claims[list(CLAIM_COLUMNS)], schema=claims_schema(), preserve_index=False)
        pq.write_table(table, path, compression="zstd")
    return len(claims)


def _write_folder(store: Path, kept, fresh, manifest, rules, lang, published, jobs, done, cluster) -> int:
    """The folder store: the claims kept in one partition, the fresh ones in one per chunk (written
    by the Dask workers, or here), built beside the store and swapped in whole."""
    import shutil
    import tempfile

    from factcheck.extraction import claims_table
    from factcheck.render.files import current_umask

    if store.is_dir() and not (store / MANIFEST).is_file() and any(store.iterdir()):
        raise FactcheckError(f"{store}: a folder that is not a claims store; name a new or existing store")
    building = Path(tempfile.mkdtemp(prefix=f".{store.name}.", suffix=".tmp", dir=store.parent))
    try:
        os.chmod(building, 0o777 & ~current_umask())
        count = sum(write_partition(building / "part-00000.parquet", claims) for claims in kept)
        if cluster is not None:
            from factcheck.cluster import extract_partitions

            count += extract_partitions(cluster, fresh, rules, lang, published, building, done)
        else:
            count += write_partition(building / "part-00001.parquet",
                                     claims_table(fresh, rules, lang, published, jobs, done))
        (building / MANIFEST).write_text(json.dumps({**manifest, "claims": count}, ensure_ascii=False),
                                         encoding="utf-8")
        if store.exists():  # the old store moved aside, the new one renamed in, the old one removed
            old = store.with_name(f".{store.name}.{os.getpid()}.old")
            os.replace(store, old)
            os.replace(building, store)
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        else:
            os.replace(building, store)
    except OSError as exc:
        raise FactcheckError(f"{store}: cannot write the store ({exc.strerror or exc}); choose a writable "
                             "folder") from None
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)
    return count

