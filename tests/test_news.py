"""Realistic news copy the extractor has never seen: every entry of tests/news/<lang>.yaml is a case.

A case passes when the claims found are exactly the expected ones: a missed figure fails, and so
does an extra one. An entry marked `xfail:` is a mistake the extractor makes today; the mark is
strict, so a fix shows up as XPASS and the mark must then go. `pytest -k it::killed` runs a few.
The cases run through the rule self-test runner, as `factcheck rules test` runs rule examples.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.check.ruleset import load_rules
from factcheck.check.selftest import failure, news_examples

NEWS = Path(__file__).resolve().parent / "news"


def news_cases():
    for path in sorted(NEWS.glob("*.yaml")):
        for example in news_examples(path):
            marks = [pytest.mark.xfail(strict=True, reason=example.xfail)] if example.xfail else []
            yield pytest.param(example, id=example.name, marks=marks)


@pytest.mark.parametrize("example", list(news_cases()))
def test_news(example):
    problem = failure(load_rules(), example)
    assert problem is None, problem
