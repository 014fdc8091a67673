"""Rules that test themselves: every `examples:` entry of a rule set, run as a pass/fail case.

    languages/<code>.yaml   numbers: examples: {text: value | null}; dates: examples: {text: [start, end] | null}
    metrics/<metric>.yaml   examples: {it: [{text, value, qualifier} | {text, date: [start, end]} | {text, none: true}]}
    checks/<check>.yaml     examples: {name: {ok: {file: text, ...}} | {finding: {file: text, ...}}}
    a news corpus file      [{name, text, claims: [{metric, value, qualifier} | {metric, date}], xfail?}]

`factcheck rules test` prints one line per example and the test suite runs the same cases, under the
same stable names ("numbers::it::11mila", "troops::it::1", "troops_agree::10000_vs_12000"), so
`pytest -k troops` and the PASS/FAIL lines speak of one thing.
"""
from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck.documents import Document


@dataclass(frozen=True, slots=True)
class Example:
    name: str      # stable id: "numbers::it::11mila", "troops::it::1", "troops_agree::10000_vs_12000"
    path: str      # the file it comes from
    run: Callable[[object, "Example"], str | None]  # (rules, example) -> why it fails, or None
    case: object   # the example as written
    lang: str | None = None
    rule: str = ""   # the metric or check it exercises
    xfail: str = ""  # a news case the extractor gets wrong today, and why


def examples(rules) -> Iterator[Example]:
    """Every example of the rule set: languages, then metrics, then checks, in file order."""
    for code, language in sorted(rules.languages.items()):
        for section, run in (("numbers", _number_example), ("dates", _date_example)):
            for text, expected in (language.section(section).get("examples") or {}).items():
                yield Example(f"{section}::{code}::{text}", str(language.path), run, (text, expected), code)
    for name, metric in sorted(rules.metrics.items()):
        for lang, cases in (metric.examples or {}).items():
            for number, case in enumerate(cases, 1):
                yield Example(f"{name}::{lang}::{number}", str(metric.path), _metric_example, case, lang, name)
    for name, check in sorted(rules.checks.items()):
        for label, case in check.examples.items():
            yield Example(f"{name}::{label}", str(check.path), _check_example, case, rule=name)


def news_examples(path: Path) -> Iterator[Example]:
    """The cases of one news corpus file, `<lang>.yaml`: realistic copy and what an editor tables."""
    from factcheck.yamlfile import load_yaml

    lang = path.stem
    seen = set()
    for case in load_yaml(path).data:
        unknown = set(case) - {"name", "text", "claims", "xfail"}
        if unknown or case["name"] in seen:
            raise ValueError(f"{path.name}: case {case['name']!r}: unknown keys {sorted(unknown)} or a name used twice")
        seen.add(case["name"])
        yield Example(f"{lang}::{case['name']}", str(path), _news_example, case, lang, xfail=case.get("xfail", ""))


def failure(rules, example: Example) -> str | None:
    """Why the example fails, or None when it passes."""
    return example.run(rules, example)


def _number_example(rules, example: Example) -> str | None:
    from factcheck.extraction.numbers import parse_number

    text, expected = example.case
    got = parse_number(text, rules.language(example.lang))
    if expected is None:
        return None if got is None else f"{text!r} is no numeral, got {got:g}"
    if got is None or not math.isclose(got, expected, rel_tol=1e-12):
        return f"{text!r}: expected {expected:g}, got {'nothing' if got is None else format(got, 'g')}"
    return None


def _date_example(rules, example: Example) -> str | None:
    from factcheck.extraction.dates import parse_date

    text, expected = example.case
    language = rules.language(example.lang)
    found = parse_date(text, language, language.section("dates").get("reference"))
    if expected is None:
        return None if found is None else f"{text!r} is no single date, got {found}"
    want = tuple(day if isinstance(day, datetime.date) else datetime.date.fromisoformat(str(day)) for day in expected)
    if found is None or (found.start, found.end) != want:
        return f"{text!r}: expected {want[0]}..{want[1]}, got {found}"
    return None


def _metric_example(rules, example: Example) -> str | None:
    from factcheck.extraction import claims_table

    case = example.case
    table = claims_table([Document.from_text(case["text"], lang=example.lang)], rules)
    found = table[table["metric"] == example.rule]
    if case.get("none"):
        return None if found.empty else f"expected no {example.rule} claim in {case['text']!r}, got " + \
            ", ".join(found["figure"])
    if len(found) != 1:
        return f"expected one {example.rule} claim in {case['text']!r}, got {len(found)}"
    claim = found.iloc[0]
    if "date" in case:
        expected, got = [str(d) for d in case["date"]], [claim["date_start"], claim["date_end"]]
    else:
        expected = [_plain(case.get("value")), case.get("qualifier")]
        got = [_plain(claim["value"]), claim["qualifier"]]
    return None if expected == got else f"expected {expected}, got {got} for {case['text']!r}"


def _check_example(rules, example: Example) -> str | None:
    from factcheck.check.engine import evaluate
    from factcheck.extraction import claims_table

    (expect, texts), = example.case.items()
    documents = [Document.from_text(text, source=source) for source, text in texts.items()]
    findings = evaluate(claims_table(documents, rules), rules, [rules.checks[example.rule]]).findings
    if expect == "ok":
        return None if findings.empty else "expected no finding, got: " + "; ".join(findings["message"])
    return None if len(findings) == 1 else f"expected one finding, got {len(findings)}" + \
        ("".join(f"; {m}" for m in findings["message"]))


def _news_example(rules, example: Example) -> str | None:
    """A news case passes when the claims found are exactly the expected ones, no more, no less."""
    from factcheck.extraction import claims_table

    case = example.case
    expected = {_news_key(claim) for claim in case["claims"]}
    table = claims_table([Document.from_text(case["text"], lang=example.lang)], rules)
    found = {_news_key(row) for row in table.to_dict("records")}
    if found == expected:
        return None
    return (f"{case['text']!r}\n  missing: {sorted(expected - found, key=str)}"
            f"\n  extra:   {sorted(found - expected, key=str)}")


def _news_key(claim: dict) -> tuple:
    """(metric, value, qualifier) of a figure, (metric, first day, last day) of a date, as ISO text."""
    if claim.get("date") is not None or claim.get("date_start") is not None:
        start, end = claim["date"] if "date" in claim else (claim["date_start"], claim["date_end"])
        return claim["metric"], _iso(start), _iso(end)
    return claim["metric"], float(claim["value"]), claim["qualifier"]


def _iso(day) -> str:
    """YAML reads 2024-11-06 as a date and XXXX-06-01 as a string: both become ISO text."""
    return day.isoformat() if isinstance(day, datetime.date) else str(day)


def _plain(value):
    """300, not np.float64(300.0), in a FAIL line."""
    return None if value is None else float(value)
