"""The command line as users run it: output formats, exit codes, one-line errors."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS
from test_formats import factcheck_here as here  # in this process: a fresh interpreter costs a second a call


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
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--verbose", "--no-deps",
                              "--target", str(target), str(ROOT)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-500:]
    # the build's own output (shown with --verbose) has no warning about our configuration: the
    # setuptools warnings that once filled `make demo` ("... is absent from the `packages` configuration")
    build = [line for line in (install.stdout + install.stderr).splitlines()
             if "warning" in line.lower() and "byte-compiling is disabled" not in line  # PYTHONDONTWRITEBYTECODE
             and not line.startswith("WARNING: ")]  # pip's own, about this machine's index settings
    assert build == [], "\n".join(build)
    code = ("import factcheck.check.ruleset as r; rs = r.load_rules(); "
            "print(sorted(set(rs.metrics) & {'artillery', 'troops'}), str(rs.root).startswith(%r))" % str(target))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                            env={"PYTHONPATH": str(target), "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['artillery', 'troops'] True"


def test_every_package_folder_is_in_the_packaging_configuration():
    """A folder of Python or YAML missing from [tool.setuptools] packages is left out of a plain
    install or warned about by setuptools on every install."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    folders = {"factcheck." + ".".join(p.relative_to(ROOT / "factcheck").parts) if p != ROOT / "factcheck"
               else "factcheck" for p in (ROOT / "factcheck").rglob("*")
               if p.is_dir() and p.name != "__pycache__" and any(f.suffix in (".py", ".yaml") for f in p.iterdir())}
    folders |= {".".join(("factcheck.default_rules", *p.relative_to(ROOT / "rules").parts)).rstrip(".")
                for p in [ROOT / "rules", *(ROOT / "rules").rglob("*")]
                if p.is_dir() and any(f.suffix == ".yaml" for f in p.iterdir())}
    folders.add("factcheck")
    assert folders - listed == set()


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
    """On stdout the report cannot link the files written beside it; the rest is the same."""
    result = run("scan", "seeds", "--format", "md")
    report = (ROOT / "reports" / "seeds.md").read_text(encoding="utf-8")
    assert result.stdout.split("## Every figure")[0] == report.split("## Every figure")[0]
    assert "[seeds.figures.md](seeds.figures.md)" in report and "(seeds.charts/" in report
    assert (ROOT / "reports" / "seeds.figures.md").exists()


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
    assert out.strip().endswith("8 problems")


@pytest.mark.parametrize(("folder", "added", "names", "told"), [
    ("actors", "anatolia", "[Anatolia, Turchia]\n  en: [Anatolia]",
     "actors/turkey.yaml:3:8: 'Turchia' is already a name of anatolia (anatolia.yaml)"),
    ("sources", "agenzia", "[Ansa]\n  en: [Ansa wire]",
     "sources/ansa.yaml:3:8: 'Ansa' is already a name of agenzia (agenzia.yaml)"),
])
def test_rules_lint_refuses_a_name_in_two_actors_or_sources(rules_copy, folder, added, names, told):
    (rules_copy / folder / f"{added}.yaml").write_text(f"about: x\nnames:\n  it: {names}\n", encoding="utf-8")
    result = run("rules", "lint", str(rules_copy))
    assert result.returncode == 1
    # the first file by id keeps the name; the other is told where it is
    assert f"{rules_copy}/{told}" in result.stdout


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


# --- what a terminal gets, what a pipe gets -----------------------------------------------------

def plain_env(**extra):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    return {**env, **extra}


def test_version():
    import factcheck

    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"factcheck {factcheck.__version__}\n")


@pytest.mark.parametrize("where", ["after", "before"])
def test_quiet_prints_the_findings_and_nothing_else(where):
    args = ("scan", "seeds", "-q") if where == "after" else ("-q", "scan", "seeds")
    quiet, normal = here(*args), here("scan", "seeds")
    assert quiet.returncode == normal.returncode == 1
    assert quiet.stdout == normal.stdout
    assert quiet.stderr == "" and normal.stderr.startswith("factcheck: 5 sources read, 0 skipped")


def test_quiet_still_names_skipped_files(tmp_path):
    (tmp_path / "a.txt").write_text("inviati 500 soldati", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\x01binary")
    result = here("claims", str(tmp_path), "-q", "--format", "json")
    assert result.stderr == f"factcheck: skipped {tmp_path / 'b.txt'}: binary file, not text\n"


def test_verbose_says_what_was_read_and_how_long_it_took():
    verbose = here("scan", "seeds", "-v")
    assert verbose.stdout == here("scan", "seeds").stdout
    lines = verbose.stderr.splitlines()
    assert "factcheck: configuration: none found (defaults and command-line options)" in lines
    assert any(line.startswith("factcheck: rules: rules (") for line in lines)
    read = [line for line in lines if line.startswith("factcheck: read seeds/")]
    assert len(read) == 5 and "factcheck: read seeds/002_5494c6e8d10f39d0.txt: 4 claims" in read
    timing, = [line for line in lines if line.startswith("factcheck: time: ")]
    assert all(stage in timing for stage in ("reading", "extraction", "checks", "output", "total"))


def test_check_says_a_summary_and_verbose_lists_drafts_and_corpus():
    result = here("check", "examples/draft.md", "--against", "seeds", "-v")
    assert "factcheck: read examples/draft.md" in result.stderr
    findings = len(result.stdout.splitlines())
    assert f"factcheck: 1 draft against 5 sources (0 skipped), {findings} findings in" in result.stderr


def test_piped_output_has_no_colour_and_force_color_adds_it():
    piped = here("scan", "seeds")
    assert "\033[" not in piped.stdout + piped.stderr
    forced = here("scan", "seeds", env={"FORCE_COLOR": "1"})
    assert forced.stdout.startswith("\033[1;31merror\033[0m [\033[2magreement_date\033[0m]")
    assert '\033[1;35m"a giugno"\033[0m' in forced.stdout
    strip = __import__("re").compile(r"\033\[[0-9;]*m")
    assert strip.sub("", forced.stdout) == piped.stdout  # the same words, only coloured
    assert here("scan", "seeds", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout == piped.stdout
    github = here("check", "examples/draft.md", "--against", "seeds", "--format", "github", env={"FORCE_COLOR": "1"})
    assert github.stdout and "\033[" not in github.stdout  # machine formats are never coloured


def test_a_terminal_gets_colour(tmp_path):
    """stdout a real pseudo-terminal, as when an editor runs `factcheck check` by hand."""
    import os
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "factcheck", "check", "examples/draft.md", "--against",
                                "seeds"], stdout=follower, stderr=subprocess.DEVNULL, cwd=ROOT,
                               env=plain_env(TERM="xterm"))
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait() == 1
    shown = b"".join(chunks).decode("utf-8")
    assert "\033[1mexamples/draft.md:3:28:\033[0m \033[1;31merror\033[0m" in shown


def test_colour_follows_the_conventions():
    from factcheck.render.terminal import colour_wanted

    class Terminal:
        def isatty(self):
            return True

    assert colour_wanted(Terminal(), {}) and not colour_wanted(io.StringIO(), {})
    assert not colour_wanted(Terminal(), {"NO_COLOR": "1"}) and colour_wanted(Terminal(), {"NO_COLOR": ""})
    assert colour_wanted(io.StringIO(), {"FORCE_COLOR": "1"}) and not colour_wanted(io.StringIO(), {"FORCE_COLOR": "0"})
    assert not colour_wanted(Terminal(), {"TERM": "dumb"})
    assert not colour_wanted(Terminal(), {"FORCE_COLOR": "1", "NO_COLOR": "1"})


def test_progress_bar_shows_on_a_terminal_for_long_stages_only():
    from factcheck.render.terminal import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    with Progress(enabled=True, delay=0, stream=screen).counter(3, "extracting claims") as done:
        done(2)
        done(1)
    assert "extracting claims:" in screen.getvalue() and "/3 [" in screen.getvalue()  # a bar of 3 articles
    assert screen.getvalue().endswith("\r")  # and wiped when done: the summary line follows on a clean line
    slow = Terminal()
    with Progress(enabled=True, delay=60, stream=slow).counter(1, "extracting claims") as done:
        done(1)
    assert slow.getvalue() == ""  # a short stage shows nothing
    with Progress(enabled=False).counter(1, "x") as done:
        assert done(1) is None
    import time

    waiting = Terminal()
    with Progress(enabled=True, delay=0, stream=waiting).waiting("checking 5 drafts"):
        time.sleep(0.4)
    assert "checking 5 drafts: 00:00" in waiting.getvalue()


def test_progress_is_off_with_quiet_or_when_stderr_is_piped(monkeypatch):
    import argparse

    from factcheck.cli import Console

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stderr", Terminal())
    assert Console(argparse.Namespace()).progress.enabled
    assert not Console(argparse.Namespace(quiet=True)).progress.enabled
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not Console(argparse.Namespace()).progress.enabled


# --- standard input -----------------------------------------------------------------------------

ARTICLE = "---\ntitle: Bozza\nlang: it\n---\nPyongyang ha inviato 20.000 soldati in Russia.\n"


def test_claims_and_scan_read_standard_input_under_a_name():
    claims = here("claims", "-", "--stdin-filename", "desk/bozza.md", "--format", "json", stdin=ARTICLE)
    assert claims.returncode == 0, claims.stderr
    row, = json.loads(claims.stdout)
    assert (row["source"], row["line"], row["value"], row["lang"]) == ("desk/bozza.md", 5, 20000.0, "it")
    scan = here("scan", "-", "seeds", "--stdin-filename", "desk/bozza.md", "--format", "json", stdin=ARTICLE)
    assert scan.returncode == 1, scan.stderr
    data = json.loads(scan.stdout)
    assert data["run"]["sources"][0] == {"source": "desk/bozza.md", "path": "desk/bozza.md"}
    troops, = [f for f in data["findings"] if f["rule"] == "troops_agree"]
    assert "desk/bozza.md" in troops["sources"]
    plain = here("claims", "-", "--format", "json", stdin="inviati 300 soldati")
    assert json.loads(plain.stdout)[0]["source"] == "<stdin>"


def test_check_names_standard_input():
    result = here("check", "-", "--against", "seeds", "--stdin-filename", "bozza.md",
                  stdin="Pyongyang ha inviato circa 25.000 soldati in Russia.\n")
    assert result.stdout.startswith("bozza.md:1:28: error [troops_agree]")


def test_stdin_problems_are_one_line():
    result = here("claims", "-", "--stdin-filename", "x.pdf", stdin="x")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "no reader for '.pdf'" in result.stderr
    binary = here("claims", "-", stdin=b"\x00\x01binary")
    assert binary.returncode == 2 and "skipped <stdin>: binary file, not text" in binary.stderr


def test_check_needs_a_corpus(tmp_path):
    result = here("check", "examples/draft.md", "--no-config")
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "check needs a corpus" in result.stderr and "--against" in result.stderr


# --- README: every example is real output -------------------------------------------------------

def readme_blocks() -> list[tuple[str, str]]:
    """README's fenced blocks, in order: (language, body)."""
    blocks, lang, body = [], None, []
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if lang is None and line.startswith("```"):
            lang, body = line[3:].strip(), []
        elif lang is not None and line.startswith("```"):
            blocks.append((lang, "\n".join(body) + "\n"))
            lang = None
        elif lang is not None:
            body.append(line)
    return blocks


def readme_sessions():
    """Text blocks of `$ factcheck ...` commands and their output. One that follows a
    `# factcheck.toml` block runs in a folder holding that file (the seeds, rules and examples beside
    it); blocks with other commands (the peer suites' scorer) belong to other tests."""
    previous = ("", "")
    for lang, body in readme_blocks():
        commands = [line[2:] for line in body.splitlines() if line.startswith("$ ")]
        if lang == "text" and commands and all(c.startswith("factcheck ") or c == "echo $?" for c in commands):
            config = previous[1] if previous[0] == "toml" and previous[1].startswith("# factcheck.toml") else None
            yield pytest.param(body, config, id=commands[0])
        previous = (lang, body)


@pytest.mark.parametrize(("body", "config"), list(readme_sessions()))
def test_readme_command_examples_are_real_output(tmp_path, body, config):
    import shlex

    cwd = ROOT
    if config is not None:
        cwd = tmp_path
        (cwd / "factcheck.toml").write_text(config, encoding="utf-8")
        for name in ("seeds", "rules", "examples"):
            (cwd / name).symlink_to(ROOT / name)
    expected: dict[int, list[str]] = {}
    commands: list[str] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            commands.append(line[2:])
            expected[len(commands) - 1] = []
        else:
            expected[len(commands) - 1].append(line)
    code = None
    for n, command in enumerate(commands):
        if command == "echo $?":
            assert [str(code)] == expected[n], "exit code of the command before `echo $?` in README"
            continue
        result = here(*shlex.split(command)[1:], cwd=cwd)
        code = result.returncode
        assert result.stdout.splitlines() == expected[n], f"README shows other output for `{command}`"


def test_readme_has_command_examples_for_every_command():
    shown = {param.id.split()[1] for param in readme_sessions()}
    assert shown >= {"scan", "check", "claims", "config"}


def test_readme_python_examples_run():
    import doctest

    blocks = [body for lang, body in readme_blocks() if lang == "python" and ">>>" in body]
    assert len(blocks) >= 2
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    import os

    here = os.getcwd()
    os.chdir(ROOT)  # the examples name seeds/ as README's reader, in the checkout, does
    session: dict = {}  # one reader's session: later blocks use what earlier ones imported
    try:
        for n, body in enumerate(blocks):
            test = doctest.DocTestParser().get_doctest(body, session, f"README python block {n + 1}", "README.md", 0)
            runner.run(test, clear_globs=False)
            session = test.globs
    finally:
        os.chdir(here)
    assert runner.failures == 0


def test_readme_claims_json_record_is_real():
    block, = [body for lang, body in readme_blocks() if lang == "json"]
    shown = json.loads(block)
    rows = {row["id"]: row for row in json.loads(here("claims", "seeds", "--format", "json").stdout)}
    assert rows[shown["id"]] == shown
