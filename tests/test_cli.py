"""The command line as users run it: output formats, exit codes, one-line errors."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT)


def test_claims_json_on_the_seeds():
    result = run("claims", "seeds", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {(r["source"][:3], r["metric"]) for r in rows} == {
        ("000", "troops"), ("000", "agreement_signed"),
        ("002", "troops"), ("002", "killed"), ("002", "wounded"), ("002", "artillery"),
        ("004", "troops"), ("004", "casualties"), ("004", "agreement_signed")}
    signed = {r["source"][:3]: (r["date_start"], r["date_end"]) for r in rows if r["kind"] == "date"}
    assert signed == {"000": ("XXXX-06-01", "XXXX-06-30"), "004": ("2024-11-06", "2024-11-06")}


def test_claims_csv_and_md():
    result = run("claims", str(SEEDS / "002_5494c6e8d10f39d0.txt"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["metric"] for r in rows} == {"troops", "killed", "wounded", "artillery"}
    result = run("claims", "seeds", "--format", "md")
    assert result.stdout.startswith("| where")
    assert "oltre 10.000" in result.stdout


def test_module_and_console_script_agree():
    script = ROOT / ".venv" / "bin" / "factcheck"
    if not script.exists():
        pytest.skip("console script not installed in .venv")
    a = subprocess.run([str(script), "claims", "seeds", "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert a.stdout == run("claims", "seeds", "--format", "json").stdout


def test_output_file_is_written(tmp_path):
    out = tmp_path / "claims.json"
    assert run("claims", "seeds", "--format", "json", "--output", str(out)).returncode == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 9


@pytest.mark.parametrize("args", [
    ("claims", "no/such/folder"),
    ("claims", "seeds", "--rules", "no/such/rules"),
    ("claims", "seeds", "--published", "yesterday"),
])
def test_errors_are_one_line_and_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


def test_skipped_files_are_named(tmp_path):
    (tmp_path / "a.txt").write_text("inviati 500 soldati", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\x01binary")
    result = run("claims", str(tmp_path), "--format", "json")
    assert result.returncode == 0
    assert "b.txt" in result.stderr and len(json.loads(result.stdout)) == 1


def test_import_is_light():
    code = "import sys, factcheck; print(any(m in sys.modules for m in ('pandas', 'dateparser')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()
    assert out == "False"


def test_rules_work_from_a_plain_install_outside_the_checkout(tmp_path):
    """`pip install .` ships rules/ inside the package: the default rule set is found from anywhere."""
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                              "--target", str(target), str(ROOT)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-500:]
    code = ("import factcheck.check.ruleset as r; rs = r.load_rules(); "
            "print(sorted(set(rs.metrics) & {'artillery', 'troops'}), str(rs.root).startswith(%r))" % str(target))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                            env={"PYTHONPATH": str(target), "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['artillery', 'troops'] True"


def test_scan_seeds_exits_1_and_prints_findings():
    result = run("scan", "seeds")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("error [agreement_date]")
    assert any(line.startswith("warning [tolls_agree]") for line in lines)
    assert not any("[troops_agree]" in line for line in lines)


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_scan_fail_on(fail_on, code):
    assert run("scan", "seeds", "--fail-on", fail_on).returncode == code


def test_scan_exits_0_when_sources_agree(tmp_path):
    (tmp_path / "a.txt").write_text("Pyongyang ha inviato oltre 10.000 soldati.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Pyongyang ha inviato 11mila soldati.", encoding="utf-8")
    result = run("scan", str(tmp_path))
    assert (result.returncode, result.stdout) == (0, "")


def test_scan_json():
    result = run("scan", "seeds", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [f["rule"] for f in findings] == ["agreement_date", "tolls_agree"]
    for finding in findings:
        assert {"rule", "severity", "metric", "sources", "message", "claims"} <= set(finding)
        assert all("quote" in claim and "line" in claim for claim in finding["claims"])


def test_scan_md_is_the_report():
    result = run("scan", "seeds", "--format", "md")
    assert result.stdout == (ROOT / "reports" / "seeds.md").read_text(encoding="utf-8")


def test_scan_broken_rules_exit_2(rules_copy):
    rules = rules_copy
    (rules / "checks" / "troops_agree.yaml").write_text("kind: agre\nseverity: error\n", encoding="utf-8")
    result = run("scan", "seeds", "--rules", str(rules))
    assert result.returncode == 2
    assert "troops_agree.yaml:1:7: unknown kind 'agre' (did you mean 'agree'?)" in result.stderr
    assert "Traceback" not in result.stderr


def test_rules_list():
    result = run("rules", "list")
    assert result.returncode == 0
    assert "| agreement_date      | same_date | agreement_in_force, agreement_ratified, agreement_signed" in result.stdout
    assert "rules/checks/troops_agree.yaml" in result.stdout


def test_rules_test_passes_on_the_shipped_rules():
    result = run("rules", "test")
    assert result.returncode == 0
    assert "PASS troops_agree::10000_vs_12000" in result.stdout
    assert result.stdout.strip().endswith("0 failed")


def test_rules_test_fails_on_a_wrong_example(rules_copy):
    path = rules_copy / "checks" / "troops_agree.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "  wrong:\n    ok: {a.txt: \"inviati 1.000 soldati\", b.txt: \"inviati 9.000 soldati\"}\n",
                    encoding="utf-8")
    result = run("rules", "test", str(rules_copy))
    assert result.returncode == 1
    assert "FAIL troops_agree::wrong: expected no finding, got:" in result.stdout


def test_rules_lint_names_file_line_col_and_suggests(rules_copy):
    (rules_copy / "checks" / "typo.yaml").write_text(
        "kind: agree\nseverity: error\ndescription: x\nmetrcs: [troops]\n", encoding="utf-8")
    (rules_copy / "checks" / "unknown_metric.yaml").write_text(
        "kind: agree\nseverity: error\ndescription: x\nmetrics: [troop]\n", encoding="utf-8")
    (rules_copy / "checks" / "bad_expression.yaml").write_text(
        "kind: relation\nseverity: error\ndescription: x\nexpression: __import__('os')\n", encoding="utf-8")
    (rules_copy / "checks" / "more").mkdir()
    (rules_copy / "checks" / "more" / "troops_agree.yaml").write_text("kind: agree\n", encoding="utf-8")
    result = run("rules", "lint", str(rules_copy))
    assert result.returncode == 1
    out = result.stdout
    assert f"{rules_copy}/checks/typo.yaml:4:1: unknown key 'metrcs' (did you mean 'metrics'?)" in out
    assert f"{rules_copy}/checks/unknown_metric.yaml:4:11: unknown metric 'troop' (did you mean 'troops'?)" in out
    assert f"{rules_copy}/checks/bad_expression.yaml:4:13: expression" in out and "column" in out
    assert "duplicate rule id 'troops_agree'" in out
    assert "more/troops_agree.yaml:1:1: a check needs `severity:`" in out
    assert out.strip().endswith("5 problems")


def test_rules_lint_clean():
    result = run("rules", "lint")
    assert (result.returncode, result.stdout) == (0, "11 metrics, 7 checks: no problems\n")


@pytest.mark.parametrize("content", [
    "kind: relation\nseverity: error\ndescription: x\nexpression: killed.__class__ <= 1\n",
    "kind: relation\nseverity: error\ndescription: x\nexpression: open('x') <= 1\n",
    "kind: relation\nseverity: error\ndescription: x\nexpression: !!python/object/apply:os.system [echo hi]\n",
])
def test_hostile_rules_are_refused_with_file_and_line(rules_copy, content):
    (rules_copy / "checks" / "hostile.yaml").write_text(content, encoding="utf-8")
    result = run("scan", "seeds", "--rules", str(rules_copy))
    assert result.returncode == 2
    assert f"{rules_copy}/checks/hostile.yaml:4" in result.stderr and "Traceback" not in result.stderr
