"""Every `examples:` entry of the shipped metrics is a test case: `pytest -k troops` runs one metric."""
from __future__ import annotations

import pytest

from factcheck.claims import extract
from factcheck.documents import Document
from factcheck.rules import default_rules_dir, load_rules
from factcheck.yamlfile import load_yaml


def metric_examples():
    for path in sorted((default_rules_dir() / "metrics").glob("*.yaml")):
        examples = load_yaml(path).data.get("examples") or {}
        for lang, cases in examples.items():
            for number, case in enumerate(cases, 1):
                yield pytest.param(path.stem, lang, case, id=f"{path.stem}::{lang}::{number}")


@pytest.mark.parametrize(("metric", "lang", "case"), list(metric_examples()))
def test_metric_example(metric, lang, case):
    table = extract([Document.from_text(case["text"], lang=lang)], rules=load_rules())
    found = table[table["metric"] == metric]
    if case.get("none"):
        assert found.empty, f"{case['text']!r} should give no {metric} claim, got {found.to_dict('records')}"
        return
    assert len(found) == 1, f"{case['text']!r}: expected one {metric} claim, got {table.to_dict('records')}"
    claim = found.iloc[0]
    if "date" in case:
        assert [claim["date_start"], claim["date_end"]] == [str(d) for d in case["date"]]
    else:
        assert claim["value"] == case["value"]
        assert claim["qualifier"] == case["qualifier"]


def test_every_shipped_metric_has_examples_in_both_languages():
    for path in sorted((default_rules_dir() / "metrics").glob("*.yaml")):
        examples = load_yaml(path).data.get("examples") or {}
        assert set(examples) >= {"it", "en"}, f"{path.name} needs examples in it and en"


def check_examples():
    rules = load_rules()
    for name, check in sorted(rules.checks.items()):
        for example, case in check.examples.items():
            yield pytest.param(name, case, id=f"{name}::{example}")


@pytest.mark.parametrize(("check", "case"), list(check_examples()))
def test_check_example(check, case):
    from factcheck.engine import evaluate

    rules = load_rules()
    (expect, texts), = case.items()
    documents = [Document.from_text(text, source=source) for source, text in texts.items()]
    findings = evaluate(extract(documents, rules=rules), rules, [rules.checks[check]]).findings
    if expect == "ok":
        assert findings.empty, f"expected no finding, got {findings['message'].tolist()}"
    else:
        assert expect == "finding"
        assert len(findings) == 1, f"expected one finding, got {findings['message'].tolist()}"


def test_every_shipped_check_has_both_kinds_of_example():
    for name, check in load_rules().checks.items():
        kinds = {next(iter(case)) for case in check.examples.values()}
        assert kinds == {"ok", "finding"}, f"{name} needs `ok:` and `finding:` examples"
