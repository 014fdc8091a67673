"""Realistic news copy the extractor has never seen: every entry of tests/news/<lang>.yaml is a case.

A case passes when the claims found are exactly the expected ones: a missed figure fails, and so
does an extra one. An entry marked `xfail:` is a mistake the extractor makes today; the mark is
strict, so a fix shows up as XPASS and the mark must then go. `pytest -k it::killed` runs a few.
"""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from factcheck.claims import extract
from factcheck.documents import Document
from factcheck.yamlfile import load_yaml

NEWS = Path(__file__).resolve().parent / "news"
CASE_KEYS = {"name", "text", "claims", "xfail"}


def _iso(day) -> str:
    """YAML reads 2024-11-06 as a date and XXXX-06-01 as a string: both become ISO text."""
    return day.isoformat() if isinstance(day, datetime.date) else str(day)


def expected_claims(case: dict) -> set[tuple]:
    """(metric, value, qualifier) for figures, (metric, date_start, date_end) for dates."""
    expected = set()
    for claim in case["claims"]:
        if "date" in claim:
            start, end = claim["date"]
            expected.add((claim["metric"], _iso(start), _iso(end)))
        else:
            expected.add((claim["metric"], float(claim["value"]), claim["qualifier"]))
    return expected


def found_claims(text: str, lang: str) -> set[tuple]:
    table = extract([Document.from_text(text, lang=lang)])
    found = set()
    for row in table.to_dict("records"):
        if row["kind"] == "date":
            found.add((row["metric"], row["date_start"], row["date_end"]))
        else:
            found.add((row["metric"], float(row["value"]), row["qualifier"]))
    return found


def news_cases():
    for path in sorted(NEWS.glob("*.yaml")):
        lang = path.stem
        seen = set()
        for case in load_yaml(path).data:
            unknown = set(case) - CASE_KEYS
            if unknown or case["name"] in seen:
                raise ValueError(f"{path.name}: case {case['name']!r}: unknown keys {sorted(unknown)} "
                                 f"or a name used twice")
            seen.add(case["name"])
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
            yield pytest.param(lang, case, id=f"{lang}::{case['name']}", marks=marks)


@pytest.mark.parametrize(("lang", "case"), list(news_cases()))
def test_news(lang, case):
    expected = expected_claims(case)
    found = found_claims(case["text"], lang)
    assert found == expected, (f"{case['text']!r}\n  missing: {sorted(expected - found, key=str)}"
                               f"\n  extra:   {sorted(found - expected, key=str)}")
