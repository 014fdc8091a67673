"""Languages are data: a rule set adds one as a YAML file, and lint names every mistake in it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck.api import extract
from factcheck.check.ruleset import load_rules
from factcheck.cli import main
from factcheck.documents import Document

SPANISH = Path(__file__).resolve().parent / "languages" / "es.yaml"


@pytest.fixture()
def spanish_rules(rules_copy) -> Path:
    (rules_copy / "languages").mkdir()
    shutil.copy(SPANISH, rules_copy / "languages" / "es.yaml")
    return rules_copy


def test_a_third_language_is_one_yaml_file(spanish_rules):
    text = "Pyongyang ha enviado más de 10.000 soldados a Rusia, según Seúl."
    table = extract([Document.from_text(text, lang="es")], rules=str(spanish_rules))
    assert table[["metric", "value", "qualifier", "low", "subject"]].to_dict("records") == [
        {"metric": "troops", "value": 10000.0, "qualifier": "at_least", "low": 10000.0, "subject": "north_korea"}]


def test_the_third_language_is_detected_and_reads_dates(spanish_rules):
    text = "El tratado entre Rusia y Corea del Norte, firmado el 19 de junio de 2024, entró en vigor."
    table = extract([Document.from_text(text)], rules=str(spanish_rules))
    assert table[["metric", "date_start", "date_end", "lang"]].to_dict("records") == [
        {"metric": "agreement_signed", "date_start": "2024-06-19", "date_end": "2024-06-19", "lang": "es"}]


def test_rules_test_runs_the_language_examples(spanish_rules, capsys):
    assert main(["rules", "test", str(spanish_rules)]) == 0
    out = capsys.readouterr().out
    assert "PASS numbers::es::tres mil" in out and "PASS dates::es::en junio" in out


def test_lint_names_every_mistake_of_a_language_file_with_its_line(spanish_rules, capsys):
    path = spanish_rules / "languages" / "es.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  month_first: false", "  month_first: maybe")  # not true or false
    text = text.replace("  conjunctions: [y, o, pero, mientras]", "  conjuctions: [y, o]")  # misspelt key
    path.write_text(text, encoding="utf-8")
    assert main(["rules", "lint", str(spanish_rules)]) == 1
    out = capsys.readouterr().out
    lines = text.splitlines()
    month_line = next(i for i, line in enumerate(lines, 1) if "month_first" in line)
    typo_line = next(i for i, line in enumerate(lines, 1) if "conjuctions" in line)
    assert f"es.yaml:{month_line}:16: expected true or false, got 'maybe'" in out
    assert f"es.yaml:{typo_line}:3: unknown key 'conjuctions' (did you mean 'conjunctions'?); expected one of:" in out
    assert "missing conjunctions" in out
    assert out.rstrip().endswith("3 problems")


def test_a_language_file_may_only_name_metrics_the_rule_set_has(spanish_rules):
    path = spanish_rules / "languages" / "es.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  wounded: [heridos]", "  wonded: [heridos]"),
                    encoding="utf-8")
    from factcheck.errors import RuleSetError

    with pytest.raises(RuleSetError, match=r"es\.yaml:\d+: unknown metric 'wonded' \(did you mean 'wounded'\?\)"):
        load_rules(spanish_rules)


def test_the_command_line_reads_a_rule_set_language(spanish_rules, tmp_path, capsys):
    article = tmp_path / "articulo.txt"
    article.write_text("Pyongyang ha enviado más de 10.000 soldados a Rusia.\n", encoding="utf-8")
    assert main(["claims", str(article), "--rules", str(spanish_rules), "--lang", "es", "--format", "csv", "-q"]) == 0
    assert "troops,north_korea" in capsys.readouterr().out
    assert main(["claims", str(article), "--lang", "xx", "-q"]) == 2
    assert "unknown language 'xx'" in capsys.readouterr().err
