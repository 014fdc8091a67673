"""Find and read the articles under the paths a user names.

A `Document` is the text factcheck reads: every offset in a claim points into `Document.text`.
Readers are looked up by file suffix in `READERS`; a format is one entry there:

    .txt    the text as it is
    .md     the text, with YAML front matter (title, published, outlet, url, lang) read and blanked
            out in place, so offsets and lines still match the file
    .html   the article's text and metadata, as trafilatura (and htmldate, for the date) extract them
    .jsonl  one article a line: {"text": ..., and the front matter's fields}; sources are file.jsonl#N
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
    encoding: str = "utf-8"  # how the file's bytes were read
    title: str = ""
    outlet: str = ""
    url: str = ""

    @classmethod
    def from_text(cls, text: str, source: str = "<text>", lang: str | None = None,
                  published: datetime.date | None = None) -> Document:
        return cls(source, text, lang, published, source)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not read, and why: reports list these, nothing is skipped silently."""

    path: str
    reason: str


MAX_BYTES = 20_000_000  # a larger "article" is a dump or a mistake; --max-size changes it
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 or a marked UTF-16/32 as such, else the encoding charset-normalizer
    finds most likely; among equally likely ones, cp1252, the legacy encoding of Western news sites."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            if encoding == "utf-8-sig" or _reads_as_text(text):
                return text, encoding.replace("-sig", "")
            break
    if b"\x00" in data[:4096]:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # a UTF-8 page with a few broken bytes (a bad scrape) stays UTF-8, the broken bytes shown as "�"
    repaired = data.decode("utf-8", errors="replace")
    broken = repaired.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    if broken <= max(3, len(data) // 1000) and _has_utf8_sequences(data):
        return repaired, f"utf-8 with {broken} invalid byte{'s' if broken > 1 else ''} replaced"
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        raise ValueError("not text in any encoding factcheck knows; save it as UTF-8")
    least = min(r.chaos for r in results)
    if least > 0.2:
        raise ValueError("does not read as text in any encoding; save it as UTF-8")
    likely = [r for r in results if r.chaos == least]
    chosen = next((r for r in likely if r.encoding == "cp1252"), likely[0])
    return str(chosen), chosen.encoding


def _has_utf8_sequences(data: bytes) -> bool:
    """Some valid multi-byte UTF-8 ("à" is C3 A0): the file was written as UTF-8, not cp1252."""
    import re

    return re.search(rb"[\xc2-\xf4][\x80-\xbf]", data) is not None


def _reads_as_text(text: str) -> bool:
    """Mostly Latin letters, digits, spaces and punctuation, as the news factcheck reads are: bytes
    that happen to decode as UTF-16 give CJK and unassigned characters instead."""
    sample = text[:4096]
    latin = sum(1 for c in sample if c < "\u0250" or "\u2000" <= c < "\u2070")
    return bool(sample) and latin >= 0.8 * len(sample)


METADATA = ("title", "published", "outlet", "url", "lang")


def read_text(text: str, source: str) -> list[dict]:
    return [{"source": source, "text": text}]


def read_markdown(text: str, source: str) -> list[dict]:
    """Front matter between `---` lines gives metadata; it is blanked, not cut, to keep offsets."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return read_text(text, source)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return read_text(text, source)
    import yaml

    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ValueError(f"front matter is not valid YAML (line {mark.line + 2 if mark else '?'})") from None
    if not isinstance(meta, dict):
        raise ValueError("front matter must be a mapping of keys (title, published, outlet, url, lang)")
    blank = "\n".join(" " * len(line) for line in lines[:end + 1])
    return [_with_metadata({"source": source, "text": blank + text[len(blank):]}, meta, "front matter")]


def read_html(text: str, source: str) -> list[dict]:
    """The article of a web page, without menus and related links, by trafilatura."""
    import trafilatura

    extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise ValueError("no article text found in the page")
    meta = {"title": extracted.title, "published": extracted.date, "outlet": extracted.sitename,
            "url": extracted.url}
    return [_with_metadata({"source": source, "text": body}, {k: v for k, v in meta.items() if v}, "page")]


def read_jsonl(text: str, source: str) -> list[dict]:
    """One article a line; a line that is not an article is an error naming the line."""
    import json

    articles = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {number} is not JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise ValueError(f"line {number} has no \"text\" string")
        meta = {k: v for k, v in record.items() if k != "text"}
        articles.append(_with_metadata({"source": f"{source}#{number}", "text": record["text"]}, meta,
                                       f"line {number}"))
    return articles


def _with_metadata(article: dict, meta: dict, where: str) -> dict:
    from factcheck import languages

    published = meta.get("published")
    if published is not None:
        if isinstance(published, datetime.datetime):
            published = published.date()
        if not isinstance(published, datetime.date):
            try:
                published = datetime.date.fromisoformat(str(published)[:10])
            except ValueError:
                raise ValueError(f"{where}: published {published!r} is not a date like 2024-11-06") from None
        article["published"] = published
    lang = meta.get("lang")
    if lang is not None:
        if lang not in languages.available():
            raise ValueError(f"{where}: lang {lang!r} is not one of {', '.join(languages.available())}")
        article["lang"] = lang
    for key in ("title", "outlet", "url"):
        if meta.get(key) is not None:
            article[key] = str(meta[key])
    return article


READERS = {".txt": read_text, ".md": read_markdown, ".markdown": read_markdown, ".html": read_html,
           ".htm": read_html, ".jsonl": read_jsonl}


def find_files(paths) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """Expand files and folders (recursively, sorted) into (path, source name) pairs.

    Symbolic links to folders are not followed (no loops); a broken or looping link is skipped.
    """
    found: list[tuple[Path, str]] = []
    skipped: list[Skipped] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            files = sorted(_walk(path))
            articles = [p for p in files if p.suffix.lower() in READERS]
            others = sorted({p.suffix.lower() or "(none)" for p in files if p.suffix.lower() not in READERS})
            if not articles:
                skipped.append(Skipped(str(path), f"folder holds no articles ({', '.join(READERS)})"))
            elif others:
                count = len(files) - len(articles)
                skipped.append(Skipped(str(path), f"{count} file{'s' if count > 1 else ''} of other types "
                                                  f"({', '.join(others)}) not read"))
            found.extend((p, p.relative_to(path).as_posix()) for p in articles)
        elif path.is_file():
            if path.suffix.lower() in READERS:
                found.append((path, path.name))
            else:
                skipped.append(Skipped(str(path), f"unsupported file type {path.suffix or '(none)'!r}; "
                                                  f"supported: {', '.join(READERS)}"))
        elif path.is_symlink():
            skipped.append(Skipped(str(path), "broken or looping symbolic link"))
        else:
            raise FactcheckError(f"{path}: no such file or folder")
    return found, skipped


def _walk(folder: Path):
    for root, _dirs, files in os.walk(folder, followlinks=False):
        for name in files:
            yield Path(root) / name


def read_documents(paths, lang: str | None = None, published: datetime.date | None = None,
                   max_bytes: int = MAX_BYTES) -> tuple[list[Document], list[Skipped]]:
    """Read every article under `paths`; files that cannot be read come back as `Skipped`, with why.
    `lang` overrides every article's; `published` is the date of articles that do not state theirs."""
    files, skipped = find_files(paths)
    documents = []
    for path, source in files:
        try:
            size = path.stat().st_size
            if size > max_bytes:
                skipped.append(Skipped(str(path), f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit "
                                                  "(--max-size)"))
                continue
            text, encoding = decode(path.read_bytes())
            articles = READERS[path.suffix.lower()](text, source)
        except OSError as exc:
            skipped.append(Skipped(str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        except ValueError as exc:
            skipped.append(Skipped(str(path), str(exc)))
            continue
        for article in articles:
            if not article["text"].strip():
                empty = "empty file" if article["source"] == source else "empty article"
                skipped.append(Skipped(f"{path}{article['source'][len(source):]}", empty))
                continue
            documents.append(Document(
                article["source"], article["text"], lang or article.get("lang"),
                article.get("published") or published, str(path), encoding, article.get("title", ""),
                article.get("outlet", ""), article.get("url", "")))
    return documents, skipped
