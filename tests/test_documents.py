"""Articles come as plain text, Markdown with front matter, HTML pages and JSON lines: the same claims."""
from __future__ import annotations

import dataclasses
import datetime
import html
import json
import os
import time
import unicodedata
from pathlib import Path

import pytest

from conftest import SEEDS
from factcheck.api import extract
from factcheck.documents import Document, decode, read_bytes, read_documents
from factcheck.render.formats import records

IT = ("Secondo Seul, Pyongyang ha inviato oltre 10.000 soldati in Russia.\n\n"
      "Questo accordo, siglato a giugno, stabilisce un impegno reciproco.\n\n"
      "Circa 300 tra loro sono stati uccisi e oltre 2.700 feriti.\n")
EN = ("According to Seoul, Pyongyang has sent more than 10,000 troops to Russia.\n\n"
      "The pact, signed in June, commits both sides to help.\n\n"
      "About 300 of them were killed and more than 2,700 wounded.\n")


def figures(table):
    return sorted((r["metric"], r["value"], r["qualifier"], r["date_start"], r["date_end"]) for r in records(table))


def page(text: str, lang: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (f'<html lang="{lang}"><head><title>Kim e Mosca</title>'
            '<meta property="article:published_time" content="2024-11-30T08:00:00+01:00"></head><body>'
            '<nav><a href="/">Home</a> <a href="/esteri">Esteri</a></nav>'
            f'<article><h1>Kim e Mosca</h1>{paragraphs}</article>'
            '<aside><h3>Articoli correlati</h3><a href="/x">La guerra entra nel giorno 1.000</a></aside>'
            '<footer>© Riproduzione riservata</footer></body></html>')


@pytest.mark.parametrize(("text", "lang", "june"), [(IT, "it", "2024-06"), (EN, "en", "2024-06")])
def test_markdown_html_and_plain_text_give_the_same_claims(tmp_path, text, lang, june):
    (tmp_path / "plain.txt").write_text(text, encoding="utf-8")
    (tmp_path / "front.md").write_text(f"---\ntitle: Kim e Mosca\npublished: 2024-11-30\noutlet: Agenzia\n"
                                       f"lang: {lang}\n---\n{text}", encoding="utf-8")
    (tmp_path / "page.html").write_text(page(text, lang), encoding="utf-8")
    plain = extract([tmp_path / "plain.txt"], published=datetime.date(2024, 11, 30))
    for name in ("front.md", "page.html"):
        table = extract([tmp_path / name])
        assert figures(table) == figures(plain), name
        signed, = [r for r in records(table) if r["kind"] == "date"]
        assert signed["date_start"].startswith(june)  # the page's own date is the reference
    documents, _ = read_documents([tmp_path / "front.md", tmp_path / "page.html"])
    assert [(d.title, d.published) for d in documents] == [("Kim e Mosca", datetime.date(2024, 11, 30))] * 2


def test_front_matter_keeps_offsets_and_lines_of_the_file(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\npublished: 2024-11-30\n---\n" + IT, encoding="utf-8")
    for row in records(extract([path])):
        content = path.read_text(encoding="utf-8")
        assert content[row["start"]:row["end"]] in row["figure"]
        assert content.count("\n", 0, row["start"]) + 1 == row["line"]


def test_the_seeds_as_html_pages_read_as_the_seeds(tmp_path):
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        (tmp_path / f"{seed.stem}.html").write_text(page(seed.read_text(encoding="utf-8"), "it"), encoding="utf-8")
    from_pages = extract([tmp_path], published=datetime.date(2024, 11, 30))
    from_text = extract(sorted(SEEDS.glob("*.txt"))[:3], published=datetime.date(2024, 11, 30))
    assert [f[:3] for f in figures(from_pages)] == [f[:3] for f in figures(from_text)]


def test_jsonl_is_one_article_a_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": IT, "published": "2024-11-30", "lang": "it", "outlet": "A"}) + "\n\n"
                    + json.dumps({"text": EN, "published": "2024-12-01T09:00:00Z"}) + "\n", encoding="utf-8")
    documents, skipped = read_documents([path])
    assert skipped == []
    assert [(d.source, d.lang, d.published) for d in documents] == [
        ("feed.jsonl#1", "it", datetime.date(2024, 11, 30)), ("feed.jsonl#3", None, datetime.date(2024, 12, 1))]
    table = extract([path])
    assert set(table["source"]) == {"feed.jsonl#1", "feed.jsonl#3"}


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("notext.jsonl", '{"title": "x"}\n', '#1: no "text" string'),
    ("empty.html", "<html><head><title>x</title></head><body></body></html>", "no article text found in the page"),
])
def test_broken_formats_are_skipped_with_the_reason(tmp_path, name, content, reason):
    (tmp_path / name).write_text(content, encoding="utf-8")
    documents, skipped = read_documents([tmp_path / name])
    assert documents == [] and reason in f"{skipped[0].path}: {skipped[0].reason}"


def test_a_broken_jsonl_line_is_skipped_and_the_others_are_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([json.dumps({"text": IT}), "not json", "[" * 100_000, json.dumps({"text": EN}),
                               '{"text": 1' + "0" * 5000 + "}", json.dumps({"title": "no text"})]) + "\n",
                    encoding="utf-8")
    documents, skipped = read_documents([path])
    assert [d.source for d in documents] == ["feed.jsonl#1", "feed.jsonl#4"]
    assert [(s.path, s.reason.split(" (")[0]) for s in skipped] == [
        (f"{path}#2", "not JSON"), (f"{path}#3", "nested deeper than 32 levels; an article is {\"text\": ..., "
                                                 "\"published\": ...}"),
        (f"{path}#5", "not readable JSON"), (f"{path}#6", 'no "text" string')]


def test_a_jsonl_line_with_a_bad_date_is_read_with_a_note(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": IT, "published": "ieri", "lang": "xx", "title": "a\ud800b"}) + "\n",
                    encoding="utf-8")
    notes = []
    (document,), skipped = read_documents([path], note=notes.append)
    assert skipped == [] and document.published is None and document.lang is None
    assert document.title == "a\ufffdb"  # a lone surrogate cannot be written to any report
    assert notes == [f"{path}#1: published 'ieri' is not a date like 2024-11-06; ignored",
                     f"{path}#1: lang 'xx' is not one of en, it; the language is detected"]


@pytest.mark.parametrize(("front", "note"), [
    ("title: [unclosed\n", "front matter line 2: while parsing a flow sequence"),
    ("title: a\ntitle: b\n", "front matter line 3: duplicate key 'title': line 2 has it too; keep one"),
    ("published: ieri\n", "front matter: published 'ieri' is not a date like 2024-11-06; ignored"),
    ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
                                                   for p, c in zip("abcdefgh", "bcdefghi")),
     "front matter line 4: more than 10 aliases"),
    ("a: " + "[" * 60 + "]" * 60 + "\n", "front matter line 2: nested deeper than 50 levels"),
])
def test_front_matter_that_cannot_be_read_leaves_the_body_read(tmp_path, front, note):
    path = tmp_path / "a.md"
    path.write_text(f"---\n{front}---\n{IT}", encoding="utf-8")
    notes = []
    started = time.perf_counter()
    (document,), skipped = read_documents([path], note=notes.append)
    assert time.perf_counter() - started < 5
    assert skipped == [] and len(notes) == 1 and notes[0].startswith(f"{path}: {note}"), notes
    assert document.text.endswith(IT) and len(document.text) == len(path.read_text(encoding="utf-8"))
    assert [(r["metric"], r["value"]) for r in records(extract([document]))][:1] == [("troops", 10000)]


def test_aliases_within_the_budget_are_read_in_front_matter(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"---\noutlet: &o Agenzia\ntitle: *o\n---\n{IT}", encoding="utf-8")
    (document,), _ = read_documents([path])
    assert (document.outlet, document.title) == ("Agenzia", "Agenzia")


def test_front_matter_over_its_limit_is_not_parsed(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\n" + "title: x\n" * 10_000 + f"---\n{IT}", encoding="utf-8")
    notes = []
    (document,), _ = read_documents([path], note=notes.append)
    assert notes == [f"{path}: front matter longer than 64 KB is not read; the file is read as text"]
    assert document.text == path.read_text(encoding="utf-8") and document.title == ""


def test_prose_between_two_rules_is_text_not_front_matter(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"---\nUn articolo.\n---\n{IT}", encoding="utf-8")
    notes = []
    (document,), _ = read_documents([path], note=notes.append)
    assert document.text == path.read_text(encoding="utf-8") and "not front matter" in notes[0]


@pytest.mark.parametrize(("text", "value"), [
    ("Pyongyang ha inviato 11\u200bmila soldati in Russia.", 11000),   # zero-width space
    ("Pyongyang ha inviato 1\u202e0.000 soldati in Russia.", 10000),   # right-to-left override
    ("Pyongyang ha inviato 11\u00admila soldati in Russia.", 11000),   # soft hyphen
    ("Pyongyang ha inviato 10\u2066.\u2069000 soldati in Russia.", 10000),  # isolates
    ("Pyongyang ha inviato \ufeff11.000 soldati in Russia.", 11000),  # a BOM inside the text
])
def test_format_characters_neither_split_nor_merge_figures(text, value):
    document = Document.from_text(text, lang="it")
    assert not any(unicodedata.category(c) == "Cf" for c in document.text)
    assert [(r["metric"], r["value"]) for r in records(extract([document]))] == [("troops", value)]


@pytest.mark.parametrize("text", ["Pyongyang ha inviato ١٠٠٠٠ soldati.", "Pyongyang ha inviato １０.０００ soldati.",
                                  "Pyongyang ha inviato 1١ mila soldati."])
def test_other_digits_are_read_right_or_not_at_all(text):
    values = [r["value"] for r in records(extract([Document.from_text(text, lang="it")]))]
    assert set(values) <= {10000.0}


def test_file_offset_maps_the_text_back_to_the_file():
    original = "a\u200b\u200bb 11\u200bmila\u202e x\u2060"
    document = Document.from_text(original)
    assert document.text == "ab 11mila x"
    assert [original[document.file_offset(i)] for i in range(len(document.text))] == list(document.text)
    assert document.file_offset(len(document.text)) == len(original)
    plain = Document.from_text("nothing to remove")
    assert [plain.file_offset(i) for i in (0, 5, 17)] == [0, 5, 17] and plain.removed == ()
    renamed = dataclasses.replace(document, source="renamed")  # a new source keeps the map
    assert renamed.text == document.text and renamed.file_offset(4) == document.file_offset(4) == 6
    # a text given with its map to the file, still holding format characters: the two removals compose
    given = Document("s", "xy\u200cz", removed=Document.from_text("x\u200by").removed)  # file: x\u200by\u200cz
    assert given.text == "xyz" and [given.file_offset(i) for i in range(4)] == [0, 2, 4, 5]


def test_file_offset_is_cheap_on_many_removals():
    document = Document.from_text("1\u200b" * 200_000)
    assert len(document.text) == 200_000
    started = time.perf_counter()
    assert [document.file_offset(i) for i in range(0, 200_000, 1000)] == list(range(0, 400_000, 2000))
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(("data", "encoding"), [
    ("più di 10.000 soldati, è così. ".encode() * 20 + "più di 12.000 soldati, è così. ".encode("cp1252") * 20,
     "utf-8 with 60 invalid bytes replaced (it mixes UTF-8 with another encoding)"),
    ("Perché più di 10.000 soldati è così. ".encode("cp1252") * 30, "cp1252"),
    ("Это было 10.000 солдат, и это правда. ".encode("cp1251") * 30, "cp1251"),
])
def test_encodings_are_told_or_read_as_utf8_with_a_note(data, encoding):
    text, how = decode(data)
    assert how == encoding
    assert "mac" not in how and "10.000" in text


def test_a_nul_anywhere_makes_a_file_binary():
    with pytest.raises(ValueError, match="binary"):
        decode(b"Pyongyang ha inviato 10.000 soldati. " * 1000 + b"\x00")
    with pytest.raises(ValueError, match="binary"):
        decode("\ufeffPyongyang\x00 ha inviato".encode("utf-16"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifos_devices_and_links_to_them_are_skipped_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "x.txt")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    os.symlink("/dev/urandom", tmp_path / "random.md")
    (tmp_path / "ok.txt").write_text(IT, encoding="utf-8")
    started = time.perf_counter()
    documents, skipped = read_documents([tmp_path])
    assert time.perf_counter() - started < 10
    assert [d.source for d in documents] == ["ok.txt"]
    assert sorted((Path(s.path).name, s.reason) for s in skipped) == [
        ("random.md", "not a regular file: a character device, through a symbolic link"),
        ("x.txt", "not a regular file: a FIFO (named pipe)"),
        ("zero.txt", "not a regular file: a character device, through a symbolic link")]
    _, skipped = read_documents([tmp_path / "x.txt", tmp_path / "ok.txt"])  # named, too
    assert [s.reason for s in skipped] == ["not a regular file: a FIFO (named pipe)"]


def test_no_more_than_the_limit_is_ever_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(ValueError, match="over the 0.001 MB limit"):
        read_bytes(path, 1000)
    assert read_bytes(path, 1001) == b"x" * 1001
    with pytest.raises(ValueError, match="not a regular file"):
        read_bytes("/dev/zero", 1000)
