"""Built objects kept on disk between runs, keyed by everything they are built from.

A compiled grammar takes a second or more to build (the `regex` module parses and optimises its
patterns in Python) but a few milliseconds to load: `regex` pickles a pattern with its compiled
code. So a run loads what an earlier run built, when the key matches: a digest of the inputs (the
language file and the rule set's words, as data), of factcheck's own code, and of the Python and
`regex` versions. An entry whose key or checksum does not match is rebuilt, never trusted.

    FACTCHECK_CACHE_DIR   where entries live (default: $XDG_CACHE_HOME/factcheck, else ~/.cache/factcheck)
    FACTCHECK_NO_CACHE=1  build everything, read and write nothing

A cache that cannot be written costs only time: the run goes on with what it built.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

MAGIC = b"factcheck-cache 1\n"
KEEP = 32  # entries kept; the oldest beyond these go when a new one is written


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is off."""
    if os.environ.get("FACTCHECK_NO_CACHE"):
        return None
    if os.environ.get("FACTCHECK_CACHE_DIR"):
        return Path(os.environ["FACTCHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "factcheck"


@functools.cache
def code_digest(parts: tuple[str, ...] = ()) -> str:
    """A digest of factcheck's own source (only the modules and folders `parts` names, if given) and
    of the libraries a built object depends on."""
    import regex

    digest = hashlib.sha256(f"{sys.version}\0{regex.__version__}\0".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        if not parts or any(name == part or name.startswith(part + "/") for part in parts):
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cached(kind: str, inputs: str, build, code: tuple[str, ...] = ()):
    """What `build()` returns for these `inputs` (a text that changes whenever the result would),
    loaded from the cache when an earlier run built it, else built and stored. `code`: the parts of
    factcheck the result is built by (`code_digest`; default all of it)."""
    folder = cache_dir()
    if folder is None:
        return build()
    key = hashlib.sha256(f"{code_digest(code)}\0{kind}\0{inputs}".encode()).hexdigest()
    path = folder / f"{kind}-{key[:32]}.pickle"
    found = _load(path, key)
    if found is not None:
        return found
    value = build()
    _store(path, key, value)
    return value


def _load(path: Path, key: str):
    """The entry at `path` if it is whole and built for `key`, else None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header_size = len(MAGIC) + 64 + 1 + 64 + 1
    header, payload = data[:header_size], data[header_size:]
    expected = MAGIC + key.encode() + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n"
    if header != expected:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a library changed under the entry: rebuild it
        return None


def _store(path: Path, key: str, value) -> None:
    temporary = None
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as file:
            temporary = file.name
            file.write(MAGIC + key.encode() + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        os.replace(temporary, path)
        temporary = None
        _prune(path.parent)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
