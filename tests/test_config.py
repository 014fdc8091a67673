"""Project configuration as a desk sets it up: found up the tree, overridden on the command line,
shown by `factcheck config`, every mistake named with file:line."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SEEDS
from test_formats import factcheck_here as run  # in this process: a fresh interpreter costs a second a call

DRAFT = "Pyongyang ha inviato circa 25.000 soldati in Russia.\n"


@pytest.fixture
def project(tmp_path):
    """A newsroom's folder: a pyproject.toml with [tool.factcheck], the archive, a draft two levels down."""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "newsroom"\n\n[tool.factcheck]\nfail-on = "never"\n'
        f'against = ["{SEEDS}"]\n', encoding="utf-8")
    deep = tmp_path / "desk" / "today"
    deep.mkdir(parents=True)
    (deep / "draft.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_settings_are_found_up_the_tree(project):
    deep = project / "desk" / "today"
    # the command itself, once: the corpus comes from the configuration
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", "draft.md"], capture_output=True, text=True,
                            cwd=deep)
    assert "draft.md:1:28: error [troops_agree]" in result.stdout
    assert result.returncode == 0  # fail-on = "never"
    assert run("scan", str(SEEDS), cwd=deep).returncode == 0


def test_command_line_options_win(project):
    deep = project / "desk" / "today"
    assert run("check", "draft.md", "--fail-on", "error", cwd=deep).returncode == 1
    shown = run("config", "--fail-on", "warning", cwd=deep).stdout
    assert setting(shown, "fail-on") == ["warning", "command", "line"]


def test_config_says_where_each_value_comes_from(project):
    result = run("config", cwd=project / "desk" / "today")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "configuration file: ../../pyproject.toml"
    rows = {line.split()[0]: line.split()[-1] for line in lines[2:]}
    assert rows["fail-on"] == "../../pyproject.toml:5"
    assert rows["against"] == "../../pyproject.toml:6"
    assert rows["rules"] == rows["lang"] == rows["max-size"] == "default"
    assert set(rows) == {"rules", "against", "fail-on", "lang", "exclude", "max-size", "jobs", "store", "dask"}


def test_factcheck_toml_wins_and_a_pyproject_without_the_table_is_passed_over(tmp_path):
    (tmp_path / "factcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert setting(run("config", cwd=inner).stdout, "fail-on") == ["never", "../factcheck.toml:1"]
    (inner / "factcheck.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    (inner / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "warning"\n', encoding="utf-8")
    assert setting(run("config", cwd=inner).stdout, "fail-on") == ["info", "factcheck.toml:1"]


def setting(shown: str, key: str) -> list[str]:
    """The value and origin `factcheck config` shows for `key`."""
    row, = [line.split()[1:] for line in shown.splitlines() if line.split()[:1] == [key]]
    return row


def test_no_config_and_an_explicit_config_file(project, tmp_path):
    deep = project / "desk" / "today"
    assert run("scan", str(SEEDS), "--no-config", cwd=deep).returncode == 1
    other = tmp_path / "strict.toml"
    other.write_text('fail-on = "error"\n', encoding="utf-8")
    assert run("scan", str(SEEDS), "--config", str(other), cwd=deep).returncode == 1
    missing = run("scan", str(SEEDS), "--config", "nowhere.toml", cwd=deep)
    assert missing.returncode == 2 and "nowhere.toml: no such configuration file" in missing.stderr


def test_relative_paths_are_relative_to_the_file(tmp_path, rules_copy):
    (tmp_path / "factcheck.toml").write_text('rules = "rules"\n', encoding="utf-8")
    (rules_copy / "checks" / "troops_agree.yaml").unlink()
    sub = tmp_path / "sub"
    sub.mkdir()
    result = run("rules", "list", cwd=sub)
    assert result.returncode == 0, result.stderr
    assert "troops_agree" not in result.stdout and "agreement_date" in result.stdout
    assert setting(run("config", cwd=sub).stdout, "rules") == ["../rules", "../factcheck.toml:1"]


@pytest.mark.parametrize(("content", "message"), [
    ('[tool.factcheck]\nfail_on = "never"\n',
     "pyproject.toml:2: unknown key 'fail_on' (did you mean 'fail-on'?); expected one of rules, against"),
    ('[tool.factcheck]\nrule = "x"\n', "pyproject.toml:2: unknown key 'rule' (did you mean 'rules'?)"),
    ('[tool.factcheck]\nfail-on = "warn"\n',
     "pyproject.toml:2: fail-on: 'warn' is not one of error, warning, info, never (did you mean 'warning'?)"),
    ('[tool.factcheck]\n\njobs = 0\n', "pyproject.toml:3: jobs: expected a whole number of 1 or more, got 0"),
    ('[tool.factcheck]\nmax-size = "big"\n', "pyproject.toml:2: max-size: expected a number of MB above 0"),
    ('[tool.factcheck]\nagainst = [1]\n', "pyproject.toml:2: against: expected a list of paths in quotes"),
    ('[tool.factcheck]\nfail-on = \n', "pyproject.toml:2:11: not valid TOML: Invalid value"),
    ('name = 3\n[tool]\nfactcheck = 1\n', "pyproject.toml:3: [tool.factcheck] must be a table of keys"),
    ('[tool.factcheck.checks]\nx = 1\n', "pyproject.toml:1: unknown key 'checks'"),
])
def test_mistakes_are_named_with_file_and_line(tmp_path, content, message):
    (tmp_path / "pyproject.toml").write_text(content, encoding="utf-8")
    result = run("scan", str(SEEDS), cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_pyproject_table_copied_into_factcheck_toml_is_explained(tmp_path):
    (tmp_path / "factcheck.toml").write_text('[tool.factcheck]\nfail-on = "never"\n', encoding="utf-8")
    result = run("scan", str(SEEDS), cwd=tmp_path)
    assert result.returncode == 2
    assert "factcheck.toml:1: unknown key 'tool' (in factcheck.toml the keys stand at the top" in result.stderr


def test_every_mistake_is_reported_at_once(tmp_path):
    (tmp_path / "factcheck.toml").write_text('langauge = "it"\njobs = -1\nfail-on = "never"\n', encoding="utf-8")
    lines = run("claims", str(SEEDS), cwd=tmp_path).stderr.splitlines()
    assert lines[0].startswith("factcheck: factcheck.toml:1: unknown key 'langauge' (did you mean 'lang'?)")
    assert lines[1].startswith("factcheck.toml:2: jobs:")
    assert len(lines) == 2


def test_exclude_leaves_out_matching_files_but_not_named_ones(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "drafts").mkdir(parents=True)
    (corpus / "a.txt").write_text("Pyongyang ha inviato oltre 10.000 soldati.", encoding="utf-8")
    (corpus / "b.tmp.txt").write_text("Pyongyang ha inviato 30.000 soldati.", encoding="utf-8")
    (corpus / "drafts" / "c.txt").write_text("Pyongyang ha inviato 50.000 soldati.", encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text('exclude = ["drafts", "*.tmp.txt"]\n', encoding="utf-8")
    rows = json.loads(run("claims", "corpus", "--format", "json", cwd=tmp_path).stdout)
    assert [r["source"] for r in rows] == ["a.txt"]
    named = json.loads(run("claims", "corpus", "corpus/drafts/c.txt", "--format", "json", cwd=tmp_path).stdout)
    assert sorted(r["source"] for r in named) == ["a.txt", "c.txt"]
    every = json.loads(run("claims", "corpus", "--format", "json", "--no-config", cwd=tmp_path).stdout)
    assert len(every) == 3
    cli = json.loads(run("claims", "corpus", "--format", "json", "--exclude", "a.txt", cwd=tmp_path).stdout)
    assert sorted(r["source"] for r in cli) == ["b.tmp.txt", "drafts/c.txt"]  # the option replaces the list


def test_max_size_and_lang_from_the_file(tmp_path):
    (tmp_path / "a.txt").write_text("Pyongyang ha inviato 10.000 soldati. " * 40, encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text('max-size = 0.001\nlang = "en"\n', encoding="utf-8")
    result = run("claims", "a.txt", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2 and "over the 0.001 MB limit" in result.stderr
    result = run("claims", "a.txt", "--format", "json", "--max-size", "1", cwd=tmp_path)
    assert json.loads(result.stdout) == []  # read as English, "soldati" names no metric


def test_key_lines_reads_headers_dotted_and_quoted_keys():
    from factcheck.config import key_lines

    text = ('[project]\nname = "x"  # a = b\n\n[tool.factcheck]\n"fail-on" = "never"\n'
            'exclude = [\n  "a=b",\n]\ntool.other = 1\nnote = """\nmax-size = 3\n"""\njobs = 2\n')
    lines = key_lines(text)
    assert lines[("tool", "factcheck")] == 4
    assert lines[("tool", "factcheck", "fail-on")] == 5
    assert lines[("tool", "factcheck", "exclude")] == 6
    assert ("tool", "factcheck", "max-size") not in lines  # inside a multi-line string
    assert lines[("tool", "factcheck", "jobs")] == 13
