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
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import FactcheckError


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
        runs = _format_runs(self.text)
        if runs is None:
            return
        text, removed = runs
        if self.removed:  # a text given with its map to the file, yet holding format characters: both apply
            removed = _compose(self.removed, removed)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "removed", removed)

    def file_offset(self, pos: int) -> int:
        """The offset in the decoded file text of offset `pos` in `text` (the same when nothing was
        removed). An end offset maps to just after the removed characters before it."""
        if not self.removed:
            return pos
        starts, totals = self.removed
        run = bisect_right(starts, pos)
        return pos + (totals[run - 1] if run else 0)

    @classmethod
    def from_text(cls, text: str, source: str = "<text>", lang: str | None = None,
                  published: datetime.date | None = None) -> Document:
        return cls(source, text, lang, published, source)


@functools.cache
def _format_pattern():
    import regex

    return regex.compile(r"\p{Cf}+")


def _format_runs(text: str):
    """(text without format characters, their runs) or None when there are none (the common case:
    one C-speed search)."""
    pattern = _format_pattern()
    if not isinstance(text, str) or pattern.search(text) is None:
        return None
    from array import array
    from itertools import islice

    starts, totals = array("q"), array("q")
    removed = 0
    for match in islice(pattern.finditer(text), FEW_RUNS + 1):
        starts.append(match.start() - removed)
        removed += match.end() - match.start()
        totals.append(removed)
    if len(starts) > FEW_RUNS:  # a text strewn with them (hostile, or a tool's output): vectorised
        return _many_format_runs(text)
    return pattern.sub("", text), (starts, totals)


FEW_RUNS = 10_000  # runs of format characters found one match at a time; past this, with numpy


def _many_format_runs(text: str):
    """What _format_runs returns, with numpy: 10 million zero-width spaces take a second, not minutes."""
    from array import array

    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    removed = _format_table()[codes]
    positions = np.flatnonzero(removed)
    kept = codes[~removed].tobytes().decode("utf-32-le", "surrogatepass")
    in_text = positions - np.arange(len(positions))  # where each removed character stood in the new text
    first = np.flatnonzero(np.diff(in_text)) + 1  # the first character of every run but the first
    starts = np.concatenate(([0], first))
    totals = np.concatenate((first, [len(positions)])).astype(np.int64)
    runs = array("q"), array("q")
    runs[0].frombytes(in_text[starts].astype(np.int64).tobytes())
    runs[1].frombytes(totals.tobytes())
    return kept, runs


@functools.cache
def _format_table():
    """A boolean per code point: is it a format character (as the pattern reads \\p{Cf})."""
    import numpy as np

    table = np.zeros(sys.maxunicode + 1, dtype=bool)
    for match in _format_pattern().finditer("".join(map(chr, range(sys.maxunicode + 1)))):
        table[match.start():match.end()] = True
    return table


def _compose(outer, inner):
    """One map from two: `inner` maps the final text to the given text, `outer` the given text to the file."""
    from array import array

    def positions(runs, to_file):
        starts, totals = runs
        before = 0
        for start, total in zip(starts, totals):
            for k in range(total - before):  # the removed characters of a run, one by one
                yield to_file(start + before + k)
            before = total

    given = Document("", "", removed=outer)
    removed = sorted([*positions(outer, lambda p: p), *positions(inner, given.file_offset)])
    starts, totals = array("q"), array("q")
    for count, position in enumerate(removed, 1):
        start = position - (count - 1)
        if starts and starts[-1] == start:
            totals[-1] = count
        else:
            starts.append(start)
            totals.append(count)
    return starts, totals


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not read, and why: reports list these, nothing is skipped silently."""

    path: str
    reason: str


MAX_BYTES = 20_000_000  # a larger "article" is a dump or a mistake; --max-size changes it
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Legacy encodings a news page may really be in (the WHATWG Encoding Standard's, by Python's names, and
# the Windows variants of its CJK ones). A detector's pick outside these (mac_iceland, cp437, EBCDIC)
# is a guess on text it could not place, and garbles every quote.
PLAUSIBLE_ENCODINGS = frozenset((
    "ascii", "iso8859-1", "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "cp874", "cp866", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7",
    "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16", "koi8-r", "koi8-u",
    "gbk", "gb2312", "gb18030", "big5", "cp950", "euc_jp", "iso2022_jp", "shift_jis", "cp932", "euc_kr", "cp949",
    "utf-16", "utf-16-le", "utf-16-be"))


def read_bytes(path, max_bytes: int = MAX_BYTES, option: str = "--max-size") -> bytes:
    """The bytes of a regular file, at most `max_bytes` of them.

    A FIFO, a device or a socket (or a link to one) is refused before anything is read: a FIFO would
    block, /dev/zero never ends. The size is what reading gives, not what stat says (a file may grow,
    /proc files claim 0): at most max_bytes + 1 bytes are read, and one more than the limit refuses
    the file (`option` is what changes the limit, for the message). Raises ValueError with the
    reason, or OSError.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        via = ", through a symbolic link" if os.path.islink(path) else ""
        raise ValueError(f"not a regular file: {file_type(info.st_mode)}{via}")
    # O_NONBLOCK: if the path became a FIFO since, opening it must not wait for a writer
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"not a regular file: {file_type(info.st_mode)}")
        chunks, left = [], max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        limit = f"the {max_bytes / 1e6:g} MB limit" + (f" ({option})" if option else "")
        raise ValueError(f"{info.st_size / 1e6:.1f} MB is over {limit}" if info.st_size > max_bytes
                         else f"over {limit}")
    return data


def file_type(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, what in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return what
    return "not a file"


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 or a marked UTF-16/32 as such, else the encoding charset-normalizer
    finds most likely among plausible ones; among equally likely ones, cp1252, the legacy encoding of
    Western news sites. Text partly in UTF-8 (a file pasted together from two sources), or in no
    encoding that can be told, is read as UTF-8 with the broken bytes shown as "�", and says so.
    Raises ValueError for binary data: a NUL anywhere."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            if encoding == "utf-8-sig" or _reads_as_text(text):
                if "\x00" in text:
                    raise ValueError("binary file, not text")
                return text, encoding.replace("-sig", "")
            break
    if b"\x00" in data:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    repaired = data.decode("utf-8", errors="replace")
    broken = repaired.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    # characters from valid multi-byte UTF-8 sequences ("à" is C3 A0): the file was written as UTF-8,
    # at least in part; cp1252 text seldom holds even one by chance
    multibyte = len(repaired) - len(repaired.encode("ascii", "ignore")) - broken
    replaced = f"utf-8 with {broken} invalid byte{'s' if broken > 1 else ''} replaced"
    # a UTF-8 page with a few broken bytes (a bad scrape) stays UTF-8
    if multibyte and broken <= max(3, len(data) // 1000):
        return repaired, replaced
    if multibyte * 10 >= broken:
        return repaired, f"{replaced} (it mixes UTF-8 with another encoding)"
    from charset_normalizer import from_bytes

    results = list(from_bytes(_sample(data)))
    if not results:
        raise ValueError("not text in any encoding factcheck knows; save it as UTF-8")
    least = min(r.chaos for r in results)
    if least > 0.2:
        raise ValueError("does not read as text in any encoding; save it as UTF-8")
    likely = [r for r in results if r.chaos == least and _plausible(r.encoding)]
    if not likely:
        return repaired, f"{replaced} (its encoding cannot be told)"
    chosen = next((r for r in likely if r.encoding == "cp1252"), likely[0]).encoding
    try:
        return data.decode(chosen), chosen
    except UnicodeDecodeError:  # told from a sample: a byte past it this encoding lacks
        text = data.decode(chosen, errors="replace")
        broken = text.count("\ufffd")
        return text, f"{chosen} with {broken} invalid byte{'s' if broken > 1 else ''} replaced"


SAMPLE_BYTES = 1_000_000  # charset-normalizer takes 5 s on 20 MB; its head and tail tell the encoding


def _sample(data: bytes) -> bytes:
    """The head and tail of large data, cut at line ends so no character is split at the seam."""
    if len(data) <= SAMPLE_BYTES:
        return data
    head, tail = data[:SAMPLE_BYTES // 2], data[-SAMPLE_BYTES // 2:]
    head = head[:head.rfind(b"\n") + 1] or head
    tail = tail[tail.find(b"\n") + 1:] or tail
    return head + tail


def _plausible(encoding: str) -> bool:
    import codecs

    try:
        return codecs.lookup(encoding).name in PLAUSIBLE_ENCODINGS
    except LookupError:
        return False


def _reads_as_text(text: str) -> bool:
    """Mostly Latin letters, digits, spaces and punctuation, as the news factcheck reads are: bytes
    that happen to decode as UTF-16 give CJK and unassigned characters instead."""
    sample = text[:4096]
    latin = sum(1 for c in sample if c < "\u0250" or "\u2000" <= c < "\u2070")
    return bool(sample) and latin >= 0.8 * len(sample)


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
        extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - a parser of untrusted pages: its failure is this page's, not the run's
        raise ValueError(f"the page cannot be parsed ({type(exc).__name__})") from None
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise ValueError("no article text found in the page")
    meta = {"title": extracted.title, "published": extracted.date, "outlet": extracted.sitename,
            "url": extracted.url}
    return [_with_metadata({"source": source, "text": body}, {k: v for k, v in meta.items() if v}, "page")]


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


def shown(path) -> str:
    """A path as reports and messages show it, on one line: a file name that is not UTF-8 ("\\xff.txt")
    cannot be written to a UTF-8 report as it is, and one holding a newline or a bidi control would
    break or disguise the line, so those are spelled out."""
    text = os.fsencode(str(path)).decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else ascii(c)[1:-1] for c in text)


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
            files = sorted(_walk(path, skipped))
            articles = [p for p in files if p.suffix.lower() in READERS]
            others = sorted({p.suffix.lower() or "(none)" for p in files if p.suffix.lower() not in READERS})
            if not articles:
                skipped.append(Skipped(shown(path), f"folder holds no articles ({', '.join(READERS)})"))
            elif others:
                count = len(files) - len(articles)
                skipped.append(Skipped(shown(path), f"{count} file{'s' if count > 1 else ''} of other types "
                                                    f"({', '.join(shown(o) for o in others)}) not read"))
            found.extend((p, p.relative_to(path).as_posix()) for p in articles)
        elif not stat.S_ISREG(mode):
            via = ", through a symbolic link" if path.is_symlink() else ""
            skipped.append(Skipped(shown(path), f"not a regular file: {file_type(mode)}{via}"))
        elif path.suffix.lower() in READERS:
            found.append((path, path.name))
        else:
            skipped.append(Skipped(shown(path), f"unsupported file type {shown(path.suffix) or '(none)'!r}; "
                                                f"supported: {', '.join(READERS)}"))
    return found, skipped


def _walk(folder: Path, skipped: list):
    """Every file under `folder`, links to folders not followed; without recursion, so a tree nested
    thousands deep is walked too, and a subfolder that cannot be read is said, not silently left out."""
    folders = [folder]
    while folders:
        current = folders.pop()
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
                folders.append(Path(entry.path))
            else:
                yield Path(entry.path)


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
        try:
            text, encoding = decode(read_bytes(path, max_bytes))
            articles = READERS[path.suffix.lower()](text, source)
        except OSError as exc:
            skipped.append(Skipped(shown(path), f"cannot read: {exc.strerror or exc}"))
            continue
        except ValueError as exc:
            skipped.append(Skipped(shown(path), str(exc)))
            continue
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


def _note_on_stderr(text: str) -> None:
    print(f"factcheck: note: {text}", file=sys.stderr)
