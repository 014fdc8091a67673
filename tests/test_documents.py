"""Articles come as plain text, Markdown with front matter, HTML pages and JSON lines: the same claims."""
from __future__ import annotations

import datetime
import html
import json

import pytest

from conftest import SEEDS
from factcheck.api import extract
from factcheck.documents import read_documents
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
    ("bad.jsonl", '{"text": "ok"}\nnot json\n', "line 2 is not JSON"),
    ("notext.jsonl", '{"title": "x"}\n', 'line 1 has no "text" string'),
    ("bad.md", "---\ntitle: [unclosed\n---\ntesto\n", "front matter is not valid YAML"),
    ("date.md", "---\npublished: ieri\n---\ntesto\n", "published 'ieri' is not a date"),
    ("empty.html", "<html><head><title>x</title></head><body></body></html>", "no article text found in the page"),
])
def test_broken_formats_are_skipped_with_the_reason(tmp_path, name, content, reason):
    (tmp_path / name).write_text(content, encoding="utf-8")
    documents, skipped = read_documents([tmp_path / name])
    assert documents == [] and reason in skipped[0].reason
