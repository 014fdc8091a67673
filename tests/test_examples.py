"""Every `examples:` entry of the shipped rules is a test case: `pytest -k troops` runs one metric.

The README's example rules run the same way, so the guide cannot rot.
"""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from factcheck.claims import extract
from factcheck.documents import Document
from factcheck.engine import evaluate
from factcheck.rules import default_rules_dir, load_rules
from factcheck.yamlfile import load_yaml


def assert_metric_example(rules, metric: str, lang: str, case: dict) -> None:
    table = extract([Document.from_text(case["text"], lang=lang)], rules=rules)
    found = table[table["metric"] == metric]
    if case.get("none"):
        assert found.empty, f"{case['text']!r} should give no {metric} claim, got {found.to_dict('records')}"
        return
    assert len(found) == 1, f"{case['text']!r}: expected one {metric} claim, got {table.to_dict('records')}"
    claim = found.iloc[0]
    if "date" in case:
        assert [claim["date_start"], claim["date_end"]] == [str(d) for d in case["date"]]
    else:
        assert (claim["value"], claim["qualifier"]) == (case["value"], case["qualifier"])


def assert_check_example(rules, check: str, case: dict) -> None:
    (expect, texts), = case.items()
    documents = [Document.from_text(text, source=source) for source, text in texts.items()]
    findings = evaluate(extract(documents, rules=rules), rules, [rules.checks[check]]).findings
    if expect == "ok":
        assert findings.empty, f"expected no finding, got {findings['message'].tolist()}"
    else:
        assert expect == "finding", f"an example is `ok:` or `finding:`, not {expect!r}"
        assert len(findings) == 1, f"expected one finding, got {findings['message'].tolist()}"


def metric_examples():
    for path in sorted((default_rules_dir() / "metrics").glob("*.yaml")):
        examples = load_yaml(path).data.get("examples") or {}
        for lang, cases in examples.items():
            for number, case in enumerate(cases, 1):
                yield pytest.param(path.stem, lang, case, id=f"{path.stem}::{lang}::{number}")


def check_examples():
    for name, check in sorted(load_rules().checks.items()):
        for example, case in check.examples.items():
            yield pytest.param(name, case, id=f"{name}::{example}")


@pytest.mark.parametrize(("metric", "lang", "case"), list(metric_examples()))
def test_metric_example(metric, lang, case):
    assert_metric_example(load_rules(), metric, lang, case)


@pytest.mark.parametrize(("check", "case"), list(check_examples()))
def test_check_example(check, case):
    assert_check_example(load_rules(), check, case)


def test_every_shipped_metric_has_examples_in_both_languages():
    for path in sorted((default_rules_dir() / "metrics").glob("*.yaml")):
        examples = load_yaml(path).data.get("examples") or {}
        assert set(examples) >= {"it", "en"}, f"{path.name} needs examples in it and en"


def test_every_shipped_check_has_both_kinds_of_example():
    for name, check in load_rules().checks.items():
        kinds = {next(iter(case)) for case in check.examples.values()}
        assert kinds == {"ok", "finding"}, f"{name} needs `ok:` and `finding:` examples"


def readme_rules():
    """The README's YAML blocks that start with a `# rules/...yaml` line: (path, text)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in text.split("```yaml\n")[1:]:
        body = block.split("```", 1)[0]
        first = body.splitlines()[0]
        if first.startswith("# rules/") and first.endswith(".yaml"):
            yield pytest.param(first[2:], body, id=first[2:])


@pytest.mark.parametrize(("relative", "body"), list(readme_rules()))
def test_readme_example_rules_work(tmp_path, relative, body):
    rules_dir = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules_dir)
    path = tmp_path / relative
    path.write_text(body, encoding="utf-8")
    rules = load_rules(rules_dir)
    examples = load_yaml(path).data["examples"]
    if relative.startswith("rules/metrics/"):
        for lang, cases in examples.items():
            for case in cases:
                assert_metric_example(rules, path.stem, lang, case)
    else:
        for case in examples.values():
            assert_check_example(rules, path.stem, case)


def test_readme_has_example_rules():
    assert {p.id for p in readme_rules()} >= {"rules/checks/drones_agree.yaml", "rules/metrics/tanks.yaml"}
