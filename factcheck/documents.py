"""Find and read the articles under the paths a user names.

A `Document` is the text factcheck reads: every offset in a claim points into `Document.text`.
Readers are looked up by file suffix in `READERS`; a format is one entry there.
"""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import FactcheckError


@dataclass(frozen=True, slots=True)
class Document:
    source: str  # the name reports show: the path relative to the folder the user named
    text: str
    lang: str | None = None  # None: detect from the text
    published: datetime.date | None = None
    path: str = ""

    @classmethod
    def from_text(cls, text: str, source: str = "<text>", lang: str | None = None,
                  published: datetime.date | None = None) -> Document:
        return cls(source, text, lang, published, source)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not read, and why: reports list these, nothing is skipped silently."""

    path: str
    reason: str


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start}); save it as UTF-8") from None


READERS = {".txt": read_text, ".md": read_text}


def find_files(paths) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """Expand files and folders (recursively, sorted) into (path, source name) pairs."""
    found: list[tuple[Path, str]] = []
    skipped: list[Skipped] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            files = sorted(p for p in _walk(path) if p.suffix.lower() in READERS)
            if not files:
                skipped.append(Skipped(str(path), f"folder holds no articles ({', '.join(READERS)})"))
            found.extend((p, p.relative_to(path).as_posix()) for p in files)
        elif path.is_file():
            if path.suffix.lower() in READERS:
                found.append((path, path.name))
            else:
                skipped.append(Skipped(str(path), f"unsupported file type {path.suffix or '(none)'!r}; "
                                                  f"supported: {', '.join(READERS)}"))
        else:
            raise FactcheckError(f"{path}: no such file or folder")
    return found, skipped


def _walk(folder: Path):
    for root, _dirs, files in os.walk(folder):
        for name in files:
            yield Path(root) / name


def read_documents(paths, lang: str | None = None,
                   published: datetime.date | None = None) -> tuple[list[Document], list[Skipped]]:
    """Read every article under `paths`; unreadable files are returned as `Skipped`, not raised."""
    files, skipped = find_files(paths)
    documents = []
    for path, source in files:
        try:
            text = READERS[path.suffix.lower()](path)
        except (OSError, ValueError) as exc:
            skipped.append(Skipped(str(path), str(exc)))
            continue
        if not text.strip():
            skipped.append(Skipped(str(path), "empty file"))
            continue
        documents.append(Document(source, text, lang, published, str(path)))
    return documents, skipped
