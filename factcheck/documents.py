"""Find and read the articles under the paths a user names.

A `Document` is the text factcheck reads: every offset in a claim points into `Document.text`.
Readers are looked up by file suffix in `READERS`; a format is one entry there:

    .txt    the text as it is
    .md     the text, with YAML front matter (title, published, outlet, url, lang) read and blanked
            out in place, so offsets and lines still match the file
    .html   the article's text and metadata, as trafilatura (and htmldate, for the date) extract them
    .jsonl  one article a line: {"text": ..., and the front matter's fields}; sources are file.jsonl#N

Whatever the input, reading ends in a Document, a `Skipped` with its reason, or a note beside a
Document: only regular files are opened, never more than `max_bytes` of one is read, and a reader
refuses what it cannot read (a broken JSON line, front matter that is not YAML) without losing the
rest of the file.
"""
from __future__ import annotations

import datetime
import functools
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.decoding import MAX_BYTES, decode, file_type, read_bytes, shown  # noqa: F401 - also imported from here
from factcheck.errors import FactcheckError
from factcheck.invisible import compose, format_runs, offset_in_file


@dataclass(frozen=True, slots=True)
class Document:
    r"""An article as factcheck reads it.

    `text` holds no Unicode format characters (category Cf: zero-width spaces, bidi controls, soft
    hyphens): invisible, they would split "11\u200bmila" into 11 and "mila", or turn "1\u202e0.000" into
    1 and 0. `file_offset` maps an offset in `text` back to the text as decoded from the file.
    """

    source: str  # the name reports show: the path relative to the folder the user named
    text: str
    lang: str | None = None  # None: detect from the text
    published: datetime.date | None = None
    path: str = ""
    encoding: str = "utf-8"  # how the file's bytes were read
    title: str = ""
    outlet: str = ""
    url: str = ""
    notes: tuple[str, ...] = ()  # what was read around: "front matter line 3: ...; ignored"
    # the format characters taken out of `text`, as runs: (offsets in `text`, characters removed so far)
    removed: tuple = field(default=(), repr=False, compare=False)

    def __post_init__(self):
        runs = format_runs(self.text)
        if runs is None:
            return
        text, removed = runs
        if self.removed:  # a text given with its map to the file, yet holding format characters: both apply
            removed = compose(self.removed, removed)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "removed", removed)

    def file_offset(self, pos: int) -> int:
        """The offset in the decoded file text of offset `pos` in `text` (the same when nothing was
        removed). An end offset maps to just after the removed characters before it."""
        return offset_in_file(self.removed, pos)

    @classmethod
    def from_text(cls, text: str, source: str = "<text>", lang: str | None = None,
                  published: datetime.date | None = None) -> Document:
        return cls(source, text, lang, published, source)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not read, and why: reports list these, nothing is skipped silently."""

    path: str
    reason: str


METADATA = ("title", "published", "outlet", "url", "lang")
FRONT_MATTER_CHARS = 65_536  # front matter is a few lines of metadata; past this, `---` is a rule
FRONT_MATTER_ALIASES = 10    # YAML aliases allowed in front matter: enough for a shared value, no bomb
MAX_JSON_DEPTH = 32          # an article line is {"text": ..., "published": ...}: two levels


# A reader turns a file's text into articles: dicts with "source" and "text", the metadata keys, and
# "notes" (what was read around). An article that cannot be read is {"source": ..., "skip": why}.


def read_text(text: str, source: str) -> list[dict]:
    return [{"source": source, "text": text}]


def read_markdown(text: str, source: str) -> list[dict]:
    """Front matter between `---` lines gives metadata; it is blanked, not cut, to keep offsets.
    Front matter that cannot be read is left out with a note: the article is still read."""
    from factcheck.errors import RuleFileError
    from factcheck.yamlfile import parse_yaml

    first = text.find("\n")
    if first < 0 or text[:first].strip() != "---":
        return read_text(text, source)
    end = None
    pos = first + 1
    while pos < min(len(text), FRONT_MATTER_CHARS):  # line by line: a closing line is short
        newline = text.find("\n", pos, FRONT_MATTER_CHARS)
        line_end = newline if newline >= 0 else min(len(text), FRONT_MATTER_CHARS)
        if text[pos:line_end].strip() in ("---", "..."):
            end = line_end
            break
        if newline < 0:
            break
        pos = newline + 1
    if end is None:
        import re

        if re.search(r"^(?:---|\.\.\.)[ \t\r]*$", text[FRONT_MATTER_CHARS:], re.MULTILINE):
            return [{"source": source, "text": text, "notes": [f"front matter longer than {FRONT_MATTER_CHARS // 1024} "
                                                                 "KB is not read; the file is read as text"]}]
        return read_text(text, source)
    closing_line = text.count("\n", 0, end) + 1
    blank = "".join(c if c == "\n" else " " for c in text[:end])
    body = {"source": source, "text": blank + text[end:]}
    try:
        meta = parse_yaml(text[first + 1:pos], source, first_line=2, aliases=FRONT_MATTER_ALIASES).data or {}
    except RuleFileError as exc:
        where = f"front matter line {exc.line}" if exc.line else "front matter"
        return [{**body, "notes": [f"{where}: {exc.problem}; ignored, the text is read"]}]
    if not isinstance(meta, dict):  # prose between two horizontal rules, not metadata
        return [{"source": source, "text": text,
                 "notes": [f"lines 1-{closing_line} between `---` are not front matter (keys such as title:, "
                           "published:); read as text"]}]
    return [_with_metadata(body, meta, "front matter")]


def read_html(text: str, source: str) -> list[dict]:
    """The article of a web page, without menus and related links, by trafilatura."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(_without_attribute_floods(text), with_metadata=True,
                                                include_comments=False)
    except Exception as exc:  # noqa: BLE001 - a parser of untrusted pages: its failure is this page's, not the run's
        raise ValueError(f"the page cannot be parsed ({type(exc).__name__})") from None
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise ValueError("no article text found in the page")
    meta = {"title": extracted.title, "published": extracted.date, "outlet": extracted.sitename,
            "url": extracted.url}
    return [_with_metadata({"source": source, "text": body}, {k: v for k, v in meta.items() if v}, "page")]


MAX_ATTRIBUTES = 200  # on one element; pages have a dozen. libxml2 and trafilatura take quadratic time in them


@functools.cache
def _markup():
    """A start tag (its name, then its attributes), and a quoted attribute value."""
    import re

    return re.compile(r"(<[A-Za-z][^\s<>/]*)([^<>]*)>"), re.compile(r"\"[^\"]*\"|'[^']*'")


def _without_attribute_floods(page: str) -> str:
    """The page with the attributes of an element that has more than MAX_ATTRIBUTES taken out:
    200,000 attributes on one <p> took hours to parse; its text is kept."""
    if page.count("=") <= MAX_ATTRIBUTES and page.count(" ") <= MAX_ATTRIBUTES:
        return page
    start_tag, quoted = _markup()

    def bounded(tag):
        attributes = tag.group(2)
        if attributes.count("=") <= MAX_ATTRIBUTES and (len(attributes) <= 20 * MAX_ATTRIBUTES or len(
                quoted.sub("", attributes).split(maxsplit=MAX_ATTRIBUTES)) <= MAX_ATTRIBUTES):  # name=value, or bare names
            return tag.group(0)
        return tag.group(1) + ">"

    return start_tag.sub(bounded, page)


def read_jsonl(text: str, source: str) -> list[dict]:
    """One article a line; a line that is not an article is skipped as `file.jsonl#LINE: why`, and
    the other lines are read."""
    import json

    articles = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        name = f"{source}#{number}"
        too_deep = {"source": name, "skip": f"nested deeper than {MAX_JSON_DEPTH} levels; an article is "
                                            "{\"text\": ..., \"published\": ...}"}
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            articles.append({"source": name, "skip": f"not JSON ({exc.msg} at column {exc.colno})"})
            continue
        except RecursionError:  # json recurses once per level: [[[[... 100,000 deep ends here, cleanly
            articles.append(too_deep)
            continue
        except ValueError as exc:  # a number of 5,000 digits
            articles.append({"source": name, "skip": f"not readable JSON ({str(exc).split(':')[0]})"})
            continue
        if line.count("[") + line.count("{") > MAX_JSON_DEPTH and _depth_over(record, MAX_JSON_DEPTH):
            articles.append(too_deep)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            articles.append({"source": name, "skip": "no \"text\" string"})
            continue
        if "\x00" in record["text"]:
            articles.append({"source": name, "skip": "binary: its text holds NUL characters"})
            continue
        if "\\ud" in line or "\\uD" in line:  # a surrogate can only come from an escape
            record = {k: _valid_unicode(v) for k, v in record.items()}
        meta = {k: v for k, v in record.items() if k != "text"}
        articles.append(_with_metadata({"source": name, "text": record["text"]}, meta, ""))
    return articles


def _depth_over(value, limit: int) -> bool:
    """True when lists and objects in `value` nest deeper than `limit` (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False


def _valid_unicode(value):
    """JSON may spell lone surrogates ("\\ud800"), which no output can encode: they become "�"."""
    if isinstance(value, str):
        import re

        return re.sub("[\ud800-\udfff]", "\ufffd", value)  # one for one: offsets stay true
    return value


def _with_metadata(article: dict, meta: dict, where: str) -> dict:
    """The article with the metadata it states; a field that cannot be read is left out with a note."""
    from factcheck import languages

    notes = article.setdefault("notes", [])
    where = f"{where}: " if where else ""
    published = meta.get("published")
    if published is not None:
        if isinstance(published, datetime.datetime):
            published = published.date()
        if not isinstance(published, datetime.date):
            try:
                published = datetime.date.fromisoformat(str(published)[:10])
            except ValueError:
                notes.append(f"{where}published {_short(published)} is not a date like 2024-11-06; ignored")
                published = None
        if published is not None:
            article["published"] = published
    lang = meta.get("lang")
    if lang is not None:
        if isinstance(lang, str) and lang in languages.available():
            article["lang"] = lang
        else:
            notes.append(f"{where}lang {_short(lang)} is not one of {', '.join(languages.available())}; "
                         "the language is detected")
    for key in ("title", "outlet", "url"):
        if meta.get(key) is not None:
            article[key] = " ".join(str(meta[key]).split())[:1000]
    return article


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


READERS = {".txt": read_text, ".md": read_markdown, ".markdown": read_markdown, ".html": read_html,
           ".htm": read_html, ".jsonl": read_jsonl}


def find_files(paths) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """Expand files and folders (recursively, sorted) into (path, source name) pairs.

    Symbolic links to folders are not followed (no loops); a broken or looping link is skipped, and
    so are FIFOs, devices and sockets (when named, here; in a folder, when read).
    """
    found: list[tuple[Path, str]] = []
    skipped: list[Skipped] = []
    for arg in paths:
        path = Path(arg)
        try:
            mode = path.stat().st_mode
        except OSError:
            mode = None
        if mode is None:
            if path.is_symlink():
                skipped.append(Skipped(shown(path), "broken or looping symbolic link"))
            elif os.path.lexists(path):
                skipped.append(Skipped(shown(path), "cannot read: permission denied"))
            else:
                raise FactcheckError(f"{shown(path)}: no such file or folder")
        elif stat.S_ISDIR(mode):
            files = sorted(_walk(path, skipped))  # (parts under the folder, path): sorted as Paths sort
            articles = [(parts, name) for parts, name in files if _suffix(name) in READERS]
            others = sorted({_suffix(name) or "(none)" for _parts, name in files if _suffix(name) not in READERS})
            if not articles:
                skipped.append(Skipped(shown(path), f"folder holds no articles ({', '.join(READERS)})"))
            elif others:
                count = len(files) - len(articles)
                skipped.append(Skipped(shown(path), f"{count} file{'s' if count > 1 else ''} of other types "
                                                    f"({', '.join(shown(o) for o in others)}) not read"))
            found.extend((Path(name), "/".join(parts)) for parts, name in articles)
        elif not stat.S_ISREG(mode):
            via = ", through a symbolic link" if path.is_symlink() else ""
            skipped.append(Skipped(shown(path), f"not a regular file: {file_type(mode)}{via}"))
        elif path.suffix.lower() in READERS:
            found.append((path, path.name))
        else:
            skipped.append(Skipped(shown(path), f"unsupported file type {shown(path.suffix) or '(none)'!r}; "
                                                f"supported: {', '.join(READERS)}"))
    return found, skipped


def _suffix(path: str) -> str:
    """The ending Path.suffix gives, lower-cased, for a path as text (10,000 Paths cost more than the walk)."""
    ending = os.path.splitext(path)[1].lower()
    return "" if ending == "." else ending


def _walk(folder: Path, skipped: list):
    """Every file under `folder` as (its parts under the folder, its path), links to folders not
    followed; without recursion, so a tree nested thousands deep is walked too, and a subfolder that
    cannot be read is said, not silently left out."""
    folders = [(folder, ())]
    while folders:
        current, above = folders.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as exc:
            skipped.append(Skipped(shown(current), f"cannot read folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            try:
                inside = entry.is_dir(follow_symlinks=False)
            except OSError:
                inside = False
            if inside:
                folders.append((entry.path, (*above, entry.name)))
            else:
                yield (*above, entry.name), entry.path


def read_documents(paths, lang: str | None = None, published: datetime.date | None = None,
                   max_bytes: int = MAX_BYTES, note=None) -> tuple[list[Document], list[Skipped]]:
    """Read every article under `paths`; files that cannot be read come back as `Skipped`, with why.
    `lang` overrides every article's; `published` is the date of articles that do not state theirs.
    `note(text)` hears what was read around (ignored front matter, an unreadable date), each as
    "PATH: what"; by default such notes go to stderr as `factcheck: note: PATH: what`."""
    note = note or _note_on_stderr
    files, skipped = find_files(paths)
    documents = []
    for path, source in files:
        read, not_read = read_file(path, source, lang, published, max_bytes, note)
        documents += read
        skipped += not_read
    return documents, skipped


def read_file(path: Path, source: str, lang: str | None = None, published: datetime.date | None = None,
              max_bytes: int = MAX_BYTES, note=None, data: bytes | None = None) -> tuple[list[Document], list[Skipped]]:
    """The articles of one file (a .jsonl holds many), and what in it could not be read. `data`: the
    file's bytes when the caller has read them already (the claims store hashes them first)."""
    note = note or _note_on_stderr
    documents, skipped = [], []
    try:
        text, encoding = decode(read_bytes(path, max_bytes) if data is None else data)
        articles = READERS.get(path.suffix.lower(), read_text)(text, source)
    except (OSError, ValueError) as exc:
        return [], [unreadable(path, exc)]
    for article in articles:
        where = shown(f"{path}{article['source'][len(source):]}")
        if "skip" in article:
            skipped.append(Skipped(where, article["skip"]))
            continue
        if not article["text"].strip():
            empty = "empty file" if article["source"] == source else "empty article"
            skipped.append(Skipped(where, empty))
            continue
        notes = tuple(article.get("notes", ()))
        for text_ in notes:
            note(f"{where}: {text_}")
        documents.append(Document(
            shown(article["source"]), article["text"], lang or article.get("lang"),
            article.get("published") or published, str(path), encoding, article.get("title", ""),
            article.get("outlet", ""), article.get("url", ""), notes))
    return documents, skipped


STDIN_NAME = "<stdin>"


def read_stdin(name: str = STDIN_NAME, lang: str | None = None, published: datetime.date | None = None,
               max_bytes: int = MAX_BYTES, note=None, stream=None) -> tuple[list[Document], list[Skipped]]:
    """Standard input read as a file called `name` would be (its ending picks the reader: `draft.md`
    reads front matter; unnamed, it is text), whatever the locale, never more than `max_bytes`:
    empty, binary or too large, it is skipped as a file is."""
    suffix = Path(name).suffix.lower()
    if name != STDIN_NAME and suffix not in READERS:
        raise FactcheckError(f"--stdin-filename {shown(name)}: no reader for {suffix or 'a name without an ending'!r}; "
                             f"expected one of {', '.join(READERS)}")
    data = (stream or sys.stdin.buffer).read(max_bytes + 1)  # one byte over the limit is enough to refuse it
    if len(data) > max_bytes:
        return [], [Skipped(shown(name), f"over the {max_bytes / 1e6:g} MB limit (--max-size)")]
    return read_file(Path(name), name, lang, published, max_bytes, note, data=data)


def unreadable(path, exc: OSError | ValueError) -> Skipped:
    """A file skipped for what reading it raised: an OSError (permissions, gone) or a ValueError (not
    a regular file, over the size limit, binary)."""
    return Skipped(shown(path), f"cannot read: {exc.strerror or exc}" if isinstance(exc, OSError) else str(exc))


def _note_on_stderr(text: str) -> None:
    print(f"factcheck: note: {text}", file=sys.stderr)
