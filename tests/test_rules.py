"""Rule sets are data: metrics are added in YAML, and a broken file names itself and its line."""
from __future__ import annotations

import pytest

from conftest import ROOT, claims_of
from factcheck.errors import FactcheckError
from factcheck.check.ruleset import load_rules


def test_shipped_metrics():
    metrics = load_rules().metrics
    assert {"troops", "killed", "wounded", "casualties", "artillery", "shells", "missiles", "drones",
            "agreement_signed"} <= set(metrics)
    assert metrics["agreement_signed"].kind == "date"
    assert metrics["killed"].cumulative and not metrics["troops"].cumulative


def test_a_new_metric_is_yaml_only(rules_copy):
    (rules_copy / "metrics" / "tanks.yaml").write_text(
        "kind: quantity\nabout: main battle tanks\nterms:\n  it: [carri armati, tank]\n  en: [tanks]\n",
        encoding="utf-8")
    rows = claims_of("La Russia ha perso oltre 300 carri armati.", rules=rules_copy)
    assert [(r["metric"], r["value"], r["qualifier"]) for r in rows] == [("tanks", 300, "at_least")]
    rows = claims_of("Russia lost about 300 tanks.", "en", rules=rules_copy)
    assert [(r["metric"], r["value"]) for r in rows] == [("tanks", 300)]


@pytest.mark.parametrize(("content", "line", "message"), [
    ("kind: quantity\nterms: {it: [x]}\ntemrs: {en: [y]}\n", 3, "unknown key 'temrs' (did you mean 'terms'?)"),
    ("kind: quantiy\nterms: {it: [x]}\n", 1, "did you mean 'quantity'?"),
    ("kind: quantity\nterms: {itt: [x]}\n", 2, "unknown language 'itt' (did you mean 'it'?)"),
    ("kind: quantity\nterms: {it: [x]\n", 2, ""),
    ("kind: date\nterms: {it: [accordo]}\n", None, "needs `verbs:`"),
    ("kind: quantity\nterms: !!python/object/apply:os.system [echo hi]\n", 2, "not allowed"),
])
def test_broken_metric_file_names_file_and_line(rules_copy, content, line, message):
    path = rules_copy / "metrics" / "broken.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FactcheckError) as caught:
        load_rules(rules_copy)
    text = str(caught.value)
    assert text.startswith(f"{path}:{line}:" if line else str(path))
    assert message in text


def test_rules_folder_must_exist(tmp_path):
    with pytest.raises(FactcheckError, match="rules folder not found"):
        load_rules(tmp_path / "nope")


def test_libyaml_and_the_bounded_loader_read_every_shipped_file_alike(monkeypatch):
    """The fast path (libyaml, for files with no anchors, duplicates or depth) gives what the bounded
    pure-Python loader gives: the same values and the same line of every key."""
    from factcheck import yamlfile

    shipped = sorted((ROOT / "rules").rglob("*.yaml")) + sorted((ROOT / "factcheck" / "languages").glob("*.yaml")) \
        + sorted((ROOT / "tests" / "corpus").rglob("gold.yaml"))
    fast = [yamlfile.parse_yaml(p.read_text(encoding="utf-8"), p) for p in shipped]
    monkeypatch.setattr(yamlfile, "_plain_document", lambda text: None)
    slow = [yamlfile.parse_yaml(p.read_text(encoding="utf-8"), p) for p in shipped]
    assert len(shipped) > 250
    assert [(d.data, d.lines, d.values) for d in fast] == [(d.data, d.lines, d.values) for d in slow]


def test_a_file_libyaml_could_read_with_a_duplicate_key_is_still_refused(tmp_path):
    from factcheck.errors import RuleFileError
    from factcheck.yamlfile import parse_yaml

    with pytest.raises(RuleFileError) as refused:
        parse_yaml("about: x\nnames:\n  it: [a]\nabout: y\n", tmp_path / "x.yaml")
    assert "duplicate key 'about'" in str(refused.value) and refused.value.line == 4
