"""Rules that test themselves: every `examples:` entry of a rule set, run as a pass/fail case.

    metrics/<metric>.yaml   examples: {it: [{text, value, qualifier} | {text, date: [start, end]} | {text, none: true}]}
    checks/<check>.yaml     examples: {name: {ok: {file: text, ...}} | {finding: {file: text, ...}}}

`factcheck rules test` prints one line per example; the test suite runs the same cases.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.documents import Document


@dataclass(frozen=True, slots=True)
class Example:
    name: str      # "troops::it::1", "troops_agree::10000_vs_12000"
    path: str      # the rule file it comes from
    rule: str
    lang: str | None
    case: dict


def examples(rules) -> Iterator[Example]:
    """Every example of the rule set, metrics first, in file order."""
    for name, metric in sorted(rules.metrics.items()):
        for lang, cases in (metric.examples or {}).items():
            for number, case in enumerate(cases, 1):
                yield Example(f"{name}::{lang}::{number}", str(metric.path), name, lang, case)
    for name, check in sorted(rules.checks.items()):
        for label, case in check.examples.items():
            yield Example(f"{name}::{label}", str(check.path), name, None, case)


def failure(rules, example: Example) -> str | None:
    """Why the example fails, or None when it passes."""
    from factcheck.claims import extract

    if example.lang is not None:
        case = example.case
        table = extract([Document.from_text(case["text"], lang=example.lang)], rules=rules)
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
            expected, got = [case.get("value"), case.get("qualifier")], [claim["value"], claim["qualifier"]]
        return None if expected == got else f"expected {expected}, got {got} for {case['text']!r}"
    from factcheck.engine import evaluate

    (expect, texts), = example.case.items()
    documents = [Document.from_text(text, source=source) for source, text in texts.items()]
    findings = evaluate(extract(documents, rules=rules), rules, [rules.checks[example.rule]]).findings
    if expect == "ok":
        return None if findings.empty else "expected no finding, got: " + "; ".join(findings["message"])
    return None if len(findings) == 1 else f"expected one finding, got {len(findings)}" + \
        ("".join(f"; {m}" for m in findings["message"]))
