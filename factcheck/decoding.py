"""Bytes -> text: bounded reads of regular files only, and their encodings.

    read_bytes   a regular file's bytes, never more than the limit, never blocking on a FIFO
    decode       the text and how it was read (UTF-8, a marked UTF-16/32, a legacy web encoding)
    shown        a path as a one-line message can show it
"""
from __future__ import annotations

import os
import stat



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


def shown(path) -> str:
    """A path as reports and messages show it, on one line: a file name that is not UTF-8 ("\\xff.txt")
    cannot be written to a UTF-8 report as it is, and one holding a newline or a bidi control would
    break or disguise the line, so those are spelled out."""
    text = os.fsencode(str(path)).decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else ascii(c)[1:-1] for c in text)
