"""Every `examples:` entry of the shipped rules is a test case: `pytest -k troops` runs one metric.

The README's example rules run the same way, so the guide cannot rot.
"""
from __future__ import annotations

import pytest

from conftest import ROOT
from factcheck.check.selftest import examples, failure
from factcheck.check.ruleset import load_rules


@pytest.mark.parametrize("example", list(examples(load_rules())), ids=lambda e: e.name)
def test_shipped_example(example):
    assert failure(load_rules(), example) is None, failure(load_rules(), example)


def test_every_shipped_metric_has_examples_in_both_languages():
    for name, metric in load_rules().metrics.items():
        assert set(metric.examples) >= {"it", "en"}, f"{name} needs examples in it and en"


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
def test_readme_example_rules_work(rules_copy, relative, body):
    rules_dir = rules_copy
    (rules_copy.parent / relative).write_text(body, encoding="utf-8")
    rules = load_rules(rules_dir)
    stem = relative.rsplit("/", 1)[1][:-5]
    if relative.startswith("rules/actors/"):  # an actor has no examples: it must load and name a subject
        from conftest import claims_of

        assert stem in rules.actors
        row, = claims_of("La giunta ha schierato 5.000 soldati birmani.", rules=rules_dir)
        assert row["subject"] == stem
        return
    own = [e for e in examples(rules) if e.rule == stem]
    assert own, f"{relative} has no examples"
    for example in own:
        assert failure(rules, example) is None, failure(rules, example)


def test_readme_has_example_rules():
    assert {p.id for p in readme_rules()} >= {"rules/checks/drones_agree.yaml", "rules/metrics/tanks.yaml"}


def test_a_failing_example_says_why(rules_copy):
    rules_dir = rules_copy
    path = rules_dir / "checks" / "troops_agree.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  wrong_on_purpose:\n    finding: {a.txt: \"11mila soldati\", "
                    "b.txt: \"circa 11.000 soldati\"}\n", encoding="utf-8")
    rules = load_rules(rules_dir)
    example, = [e for e in examples(rules) if e.name == "troops_agree::wrong_on_purpose"]
    assert failure(rules, example) == "expected one finding, got 0"
