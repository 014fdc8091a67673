"""Arbitrary bytes through the reader: decoded or refused with a reason, never a crash or a hang.

A short run is part of the suite; `make fuzz` runs many more examples (FACTCHECK_FUZZ=N sets how
many) and the big inputs through the whole command line, with their times printed.
"""
from __future__ import annotations

import datetime
import os
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.documents import READERS, Document, decode

FUZZ = int(os.environ.get("FACTCHECK_FUZZ", "0"))
EXAMPLES = FUZZ or 100
FUZZING = settings(max_examples=EXAMPLES, deadline=datetime.timedelta(seconds=5),
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# pieces that reach the corners of the readers: front matter, YAML anchors and nesting, JSON nesting and
# escapes, HTML, comments, format characters, NULs, numerals
PIECES = ["---\n", "...\n", "title: ", "published: ", "lang: ", "&a ", "*a", "<<: ", "!!python/object ", "[", "]", "{",
          "}", ", ", ": ", '"', "'", "\\", "\\u0000", "\\ud800", '{"text": "', '"}', "\n", "\r\n", "\t", " ", "\x00",
          "\u200b", "\u202e", "\u2066", "\u00ad", "\ufeff", "<!--", "-->", "<html>", "<div>", "<p>", "</p>", "<script>",
          "é", "più di", "11mila", "10.000", "1:2:3", "9" * 50, "soldati", "Pyongyang"]
RAW = [b"\xff", b"\xc3", b"\xe2\x80", b"\x00\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x92", b"\x80"]
ENCODINGS = ["utf-8", "cp1252", "utf-16", "latin-1", "mac_roman"]


@st.composite
def hostile_bytes(draw):
    """Bytes as they come: random, or hostile pieces, each in some encoding, with stray bytes between."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=3000))
    pieces = draw(st.lists(st.sampled_from(PIECES) | st.text(max_size=8) | st.sampled_from(RAW), max_size=80))
    encoding = draw(st.sampled_from(ENCODINGS))
    mixed = draw(st.booleans())  # pieces in two encodings, as a file pasted together from two sources
    return b"".join(piece if isinstance(piece, bytes) else
                    piece.encode("cp1252" if mixed and index % 2 else encoding, errors="replace")
                    for index, piece in enumerate(pieces))


def read_all_ways(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str) and "\x00" not in text and isinstance(encoding, str)
    for suffix, reader in READERS.items():
        try:
            articles = reader(text, f"fuzz{suffix}")
        except ValueError as exc:  # a reader refuses a whole file with a reason
            assert str(exc) and "\n" not in str(exc)
            continue
        for article in articles:
            assert article["source"].startswith(f"fuzz{suffix}")
            if "skip" in article:
                assert article["skip"] and "\n" not in article["skip"]
                continue
            document = Document(article["source"], article["text"], article.get("lang"), article.get("published"))
            document.text.encode("utf-8")  # whatever comes in, a report can be written
            assert all(isinstance(note, str) and "\n" not in note for note in article.get("notes", ()))
            if reader in (READERS[".txt"], READERS[".md"]):  # offsets into the file's text stay true
                assert len(document.text) + (document.removed[1][-1] if document.removed else 0) == len(text)


@FUZZING
@given(hostile_bytes())
def test_any_bytes_are_read_or_refused_with_a_reason(data):
    read_all_ways(data)


@FUZZING
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("\u200b\u200c\u202e\u2066\u00ad\ufeff"),
               max_size=300))
def test_file_offset_points_at_the_same_character(text):
    document = Document.from_text(text)
    assert [text[document.file_offset(i)] for i in range(len(document.text))] == list(document.text)
    assert document.file_offset(len(document.text)) <= len(text)


# Big inputs through the whole command line: only under `make fuzz` (each takes up to minutes).

DENSE = "Secondo Seul, Pyongyang ha inviato oltre 10.000 soldati in Russia, circa 300 sono stati uccisi e oltre 2.700 feriti. "
BIG = {
    "dense.txt": lambda: (DENSE * (19_900_000 // len(DENSE.encode()))).encode(),
    "format_characters.txt": lambda: ("1\u200b" * 4_900_000).encode(),
    "feed.jsonl": lambda: (('{"text": "' + DENSE + '"}\n') * (19_900_000 // (len(DENSE) + 12))).encode(),
    "brackets.jsonl": lambda: b"[" * 19_900_000,
    "cp1252.txt": lambda: DENSE.encode("cp1252") * (19_900_000 // len(DENSE)),
}


@pytest.mark.skipif(not FUZZ, reason="big inputs run under `make fuzz`")
@pytest.mark.parametrize("name", sorted(BIG))
def test_big_inputs_through_the_cli_are_timed(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BIG[name]())
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "factcheck", "claims", str(path), "--format", "csv",
                             "--output", str(tmp_path / "claims.csv")], capture_output=True, text=True, timeout=3600)
    elapsed = time.perf_counter() - started
    size = path.stat().st_size / 1e6
    print(f"\n{name}: {size:.1f} MB in {elapsed:.1f} s ({size / elapsed:.2f} MB/s), exit {result.returncode}; "
          f"{result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ''}")
    assert result.returncode in (0, 2) and "Traceback" not in result.stderr
