"""The formats CI systems and notebooks read, each read back by its consumer: SARIF by sarif-tools
and the official 2.1.0 schema, JUnit XML by an XML parser and the Ant JUnit schema, GitHub
annotations as the runner parses them, JSON with its run metadata, and the typed claims table."""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

SCHEMAS = Path(__file__).parent / "schemas"
DRAFT = ROOT / "examples" / "draft.md"  # two conflicts with the seeds: troops (line 3) and the signing date (line 5)


def factcheck_here(*args, cwd=None, stdin: str | bytes | None = None, env: dict | None = None):
    """`factcheck ARGS` run in this process, reported as a subprocess would be (returncode, stdout,
    stderr): a fresh interpreter costs a second of imports and grammar compiling per call. The
    colour settings of the environment are left out (a pipe sees none) unless `env` gives them."""
    import contextlib
    import io
    import os
    import types

    from factcheck.cli import main

    out, err = io.StringIO(), io.StringIO()
    here, stdin_was = os.getcwd(), sys.stdin
    colour = {k: os.environ.pop(k) for k in ("NO_COLOR", "FORCE_COLOR") if k in os.environ}
    os.environ.update(env or {})
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8") if isinstance(stdin, str) else stdin),
                                     encoding="utf-8")
    try:
        os.chdir(cwd or ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse: --help, --version, usage errors
                code = exc.code
    finally:
        os.chdir(here)
        sys.stdin = stdin_was
        for key in env or {}:
            os.environ.pop(key, None)
        os.environ.update(colour)
    return types.SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


run = factcheck_here


def test_in_process_runs_are_what_the_command_prints():
    """The shortcut above gives what the installed command gives."""
    spawned = subprocess.run([sys.executable, "-m", "factcheck", "check", "examples/draft.md", "--against", "seeds",
                              "--format", "sarif"], capture_output=True, text=True, cwd=ROOT)
    here = factcheck_here("check", "examples/draft.md", "--against", "seeds", "--format", "sarif")
    assert (here.returncode, here.stdout) == (spawned.returncode, spawned.stdout) == (1, here.stdout)


@pytest.fixture(scope="module")
def check_outputs():
    """`check` of the example draft in every format (one run each)."""
    out = {}
    for name in ("text", "sarif", "github", "junit", "json"):
        result = run("check", str(DRAFT.relative_to(ROOT)), "--against", "seeds", "--format", name)
        assert result.returncode == 1, result.stderr
        out[name] = result.stdout
    return out


def diagnostics(text: str) -> list[tuple[str, int, int, str, str]]:
    """(path, line, col, severity, rule) of each compiler-style line: what every other format must say."""
    out = []
    for line in text.splitlines():
        where, severity, rule = line.split(" ")[:3]
        path, number, col = where.rstrip(":").rsplit(":", 2)
        out.append((path, int(number), int(col), severity, rule.strip("[]")))
    return out


def test_the_example_draft_has_two_conflicts(check_outputs):
    assert {(line, rule) for _path, line, _col, _sev, rule in diagnostics(check_outputs["text"])} == \
        {(3, "troops_agree"), (5, "agreement_date")}


@pytest.fixture(scope="module")
def scan_outputs():
    out = {}
    for name in ("sarif", "github", "junit", "json"):
        result = run("scan", "seeds", "--format", name)
        assert result.returncode == 1, result.stderr
        out[name] = result.stdout
    return out


def sarif_records(text: str, tmp_path: Path):
    """The results as sarif-tools reads them (its loader takes files)."""
    from sarif import loader

    path = tmp_path / "out.sarif"
    path.write_text(text, encoding="utf-8")
    return loader.load_sarif_file(str(path))


def validate_sarif(text: str) -> dict:
    import jsonschema

    log = json.loads(text)
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    return log


def test_check_sarif_is_read_by_sarif_tools_with_rule_metadata_and_columns(check_outputs, tmp_path):
    validate_sarif(check_outputs["sarif"])
    sarif = sarif_records(check_outputs["sarif"], tmp_path)
    expected = diagnostics(check_outputs["text"])
    assert [(r["Location"], r["Line"], r["Severity"], r["Code"]) for r in sarif.get_records()] == \
        [(path, line, severity, rule) for path, line, _col, severity, rule in expected]
    assert sarif.get_distinct_tool_names() == ["factcheck"]
    rule, = sarif.get_rules_by_id("troops_agree")
    from factcheck.check.ruleset import load_rules

    shipped = load_rules().checks["troops_agree"]
    assert rule["fullDescription"]["text"] == " ".join(shipped.description.split())
    assert rule["defaultConfiguration"]["level"] == "error"
    assert rule["properties"]["metrics"] == sorted(shipped.kind.metric_names())
    # the draft's line and column, as the compiler-style line gives them (examples/draft.md:3:28)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif.get_results()]
    assert [(g["startLine"], g["startColumn"]) for g in regions] == [(line, col) for _p, line, col, _s, _r in expected]


def test_scan_sarif_puts_each_finding_at_a_figure_with_the_others_related(scan_outputs, tmp_path):
    log = validate_sarif(scan_outputs["sarif"])
    run_log, = log["runs"]
    from factcheck.check.ruleset import load_rules

    assert [r["id"] for r in run_log["tool"]["driver"]["rules"]] == sorted(load_rules().checks)
    results = run_log["results"]
    assert [r["ruleId"] for r in results] == ["agreement_date", "tolls_agree"]
    date = results[0]
    where = date["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "seeds/004_78bea803d37818f1.txt"
    assert where["region"]["startLine"] == 11
    related = date["relatedLocations"][0]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "seeds/000_4a4e53d0ee22526a.txt"
    assert related["physicalLocation"]["region"]["startLine"] == 34 and related["message"]["text"] == "a giugno"
    records = sarif_records(scan_outputs["sarif"], tmp_path).get_records()
    assert {(r["Code"], r["Severity"]) for r in records} == {("agreement_date", "error"), ("tolls_agree", "warning")}


def test_sarif_names_skipped_files(tmp_path):
    (tmp_path / "a.txt").write_text("Pyongyang ha inviato 10.000 soldati.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Pyongyang ha inviato 20.000 soldati.", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    result = run("scan", str(tmp_path), "--format", "sarif")
    log = validate_sarif(result.stdout)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == \
        [str(tmp_path / "broken.txt")]


def parse_annotation(line: str) -> tuple[str, dict, str]:
    """A workflow command as the Actions runner reads it: `::name k=v,k=v::message`, escapes undone."""
    def unescape(text):
        return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",") \
            .replace("%25", "%")

    assert line.startswith("::")
    head, message = line[2:].split("::", 1)
    name, _, props = head.partition(" ")
    properties = dict(item.split("=", 1) for item in props.split(",")) if props else {}
    return name, {k: unescape(v) for k, v in properties.items()}, unescape(message)


def test_github_annotations_point_at_the_draft(check_outputs):
    annotations = [parse_annotation(line) for line in check_outputs["github"].splitlines()]
    assert [(p["file"], int(p["line"]), int(p["col"]), n, p["title"]) for n, p, _ in annotations] == \
        diagnostics(check_outputs["text"])
    assert {n for n, _p, _m in annotations} == {"error"}
    for (_n, _p, message), line in zip(annotations, check_outputs["text"].splitlines()):
        assert line.endswith(message)  # the same words as the plain line


def test_github_annotations_escape_what_would_end_a_field(tmp_path):
    draft = tmp_path / "bozza, v2: finale.md"
    draft.write_text("Pyongyang ha inviato circa 25.000 soldati in Russia.\n", encoding="utf-8")
    result = run("check", str(draft), "--against", "seeds", "--format", "github")
    (name, props, message), = [parse_annotation(line) for line in result.stdout.splitlines()]
    assert (name, props["file"], props["line"]) == ("error", str(draft), "1")
    assert "%2C" in result.stdout and "%3A" in result.stdout
    assert message.startswith("troops: ")


def junit_schema():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(SCHEMAS / "JUnit.xsd")))


def test_check_junit_is_valid_against_the_junit_schema(check_outputs):
    from lxml import etree

    document = etree.fromstring(check_outputs["junit"].encode("utf-8"))
    schema = junit_schema()
    assert schema.validate(document), schema.error_log
    expected = diagnostics(check_outputs["text"])
    suite, = ET.fromstring(check_outputs["junit"]).findall("testsuite")
    assert suite.get("name") == "examples/draft.md"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == (str(len(expected)),) * 2 + ("0",)
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [f"{rule} at line {line}, column {col}"
                                              for _p, line, col, _s, rule in expected]
    assert [c.find("failure").get("type") for c in cases] == [severity for _p, _l, _c, severity, _r in expected]
    assert cases[0].find("failure").text == check_outputs["text"].splitlines()[0]


def test_scan_junit_is_valid_and_a_clean_run_is_one_passed_case(scan_outputs, tmp_path):
    from lxml import etree

    schema = junit_schema()
    assert schema.validate(etree.fromstring(scan_outputs["junit"].encode("utf-8"))), schema.error_log
    suites = ET.fromstring(scan_outputs["junit"]).findall("testsuite")
    assert sum(int(s.get("failures")) for s in suites) == 2
    (tmp_path / "a.txt").write_text("Pyongyang ha inviato oltre 10.000 soldati.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Pyongyang ha inviato 11mila soldati.", encoding="utf-8")
    clean = run("scan", str(tmp_path), "--format", "junit")
    assert clean.returncode == 0
    assert schema.validate(etree.fromstring(clean.stdout.encode("utf-8"))), schema.error_log
    suite, = ET.fromstring(clean.stdout).findall("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")
    assert suite.find("testcase").find("failure") is None


def test_junit_drops_characters_xml_cannot_hold():
    from factcheck.render.ci import _xml

    assert _xml("a\x00b\x0bc\td\U0001F600") == "abc\td\U0001F600"


def test_json_carries_run_metadata(tmp_path):
    import factcheck

    shutil_copy = __import__("shutil").copytree
    shutil_copy(SEEDS, tmp_path / "seeds")
    (tmp_path / "seeds" / "broken.txt").write_bytes(b"\x00\x01binary")
    result = run("scan", "seeds", "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    meta = data["run"]
    assert meta["tool"] == "factcheck" and meta["version"] == factcheck.__version__
    assert meta["command"] == "scan" and meta["rules"]  # the shipped rule set's folder
    assert {s["path"] for s in meta["sources"]} == {f"seeds/{p.name}" for p in SEEDS.glob("*.txt")}
    assert meta["skipped"] == [{"path": "seeds/broken.txt", "reason": "binary file, not text"}]
    assert [f["rule"] for f in data["findings"]] == ["agreement_date", "tolls_agree"]


def test_check_json_carries_run_metadata(check_outputs):
    data = json.loads(check_outputs["json"])
    assert data["run"]["command"] == "check"
    assert {s["path"] for s in data["run"]["sources"]} >= {"examples/draft.md", "seeds/000_4a4e53d0ee22526a.txt"}
    assert [(f["path"], f["line"], f["col"], f["severity"], f["rule"]) for f in data["findings"]] == \
        diagnostics(check_outputs["text"])


@pytest.mark.parametrize(("name", "starts"), [("r.sarif", '{\n  "$schema"'), ("r.sarif.json", '{\n  "$schema"'),
                                              ("r.json", '{\n  "run"'), ("r.xml", "<?xml"), ("r.md", "# factcheck")])
def test_report_format_follows_the_file_name(tmp_path, name, starts):
    out = tmp_path / name
    result = run("scan", "seeds", "--report", str(out))
    assert result.returncode == 1, result.stderr
    assert out.read_text(encoding="utf-8").startswith(starts)
    assert result.stdout.startswith("error [agreement_date]")  # stdout keeps --format


def test_report_md_is_the_markdown_report(tmp_path):
    out = tmp_path / "seeds.md"
    run("scan", "seeds", "--report", str(out), "--format", "sarif")
    # beside a report file, every figure and the charts go to files it links; stdout cannot link them
    written = out.read_text(encoding="utf-8")
    assert written.split("## Every figure")[0] == run("scan", "seeds", "--format", "md").stdout.split("## Every figure")[0]
    assert (tmp_path / "seeds.figures.md").exists() and list((tmp_path / "seeds.charts").glob("*.svg"))


def test_report_html_goes_to_the_html_format_and_unknown_endings_are_refused(tmp_path):
    from factcheck.render.outputs import report_format
    from factcheck.render.formats import FORMATS

    if "html" in FORMATS["findings"]:
        assert report_format("Seeds.HTML", "findings") == "html"
    result = run("scan", "seeds", "--report", str(tmp_path / "report.pdf"))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "report.pdf: cannot tell the format from the name" in result.stderr and ".sarif" in result.stderr


def test_check_report_writes_sarif_beside_the_text(tmp_path, check_outputs):
    out = tmp_path / "check.sarif"
    result = run("check", str(DRAFT.relative_to(ROOT)), "--against", "seeds", "--report", str(out))
    assert result.returncode == 1 and result.stdout == check_outputs["text"]
    assert len(validate_sarif(out.read_text(encoding="utf-8"))["runs"][0]["results"]) == \
        len(check_outputs["text"].splitlines())


# --- the claims table for a notebook --------------------------------------------------------------

def test_typed_table_has_date_dtypes_a_year_flag_and_nullable_bounds():
    import pandas as pd

    from factcheck.api import extract
    from factcheck.documents import Document

    texts = {"a.txt": "Pyongyang ha inviato oltre 10.000 soldati. L'accordo è stato firmato a giugno.",
             "b.txt": "L'accordo è stato firmato il 6 novembre 2024."}  # alone: no date gives June a year
    table = extract([Document.from_text(t, source=s, lang="it") for s, t in texts.items()], typed=True)
    assert str(table["date_start"].dtype) == "datetime64[s]" and str(table["low"].dtype) == "Float64"
    dates = table[table["kind"] == "date"].sort_values("source")
    assert list(dates["year_known"]) == [False, True]
    assert [d.isoformat()[:10] for d in dates["date_start"]] == ["0004-06-01", "2024-11-06"]
    troops = table[table["metric"] == "troops"].iloc[0]
    assert troops["low"] == 10000 and pd.isna(troops["high"]) and pd.isna(troops["year_known"])
    assert pd.to_datetime(dates["date_end"]).notna().all()  # what failed on "XXXX-06-30"


def test_typed_dtypes_do_not_depend_on_the_rows():
    from factcheck.api import extract
    from factcheck.documents import Document

    def dtypes(text):
        return extract([Document.from_text(text, lang="it")], typed=True).dtypes.astype(str).to_dict()

    none, open_ended, closed = (dtypes("Nessuna cifra qui."), dtypes("inviati oltre 10.000 soldati"),
                                dtypes("inviati 10.000 soldati"))
    numeric = ("value", "low", "high", "line", "date_start", "year_known")
    assert {k: none[k] for k in numeric} == {k: open_ended[k] for k in numeric} == {k: closed[k] for k in numeric}


def test_the_default_table_and_claims_output_keep_their_strings(seed_claims):
    assert set(seed_claims.loc[seed_claims["kind"] == "date", "date_start"]) == {"XXXX-06-01", "2024-11-06"}


def test_help_of_extract_names_every_column_and_its_examples_run():
    import doctest

    import factcheck
    from factcheck.model import CLAIM_COLUMNS

    doc = factcheck.extract.__doc__
    for column in CLAIM_COLUMNS:
        assert f"\n        {column} " in doc or f" {column}," in doc or f", {column} " in doc, column
    assert "year_known" in doc
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(factcheck.extract, "extract", globs={"extract": factcheck.extract,
                                                                  "Document": factcheck.Document}):
        runner.run(test)
    assert runner.failures == 0 and runner.tries >= 4
