"""The pre-publish check, as an editor runs it on a draft before publishing."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

DRAFT = ("# Bozza\n\nPyongyang ha inviato circa 25.000 soldati in Russia.\n\n"
         "L'accordo è stato firmato il 12 settembre 2024 a Mosca.\n")


def check(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "factcheck", "check", *args], capture_output=True, text=True,
                          cwd=ROOT, input=stdin)


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_draft_that_contradicts_the_seeds_points_at_both_lines(draft):
    result = check(str(draft), "--against", "seeds")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{draft}:3:28: error [troops_agree] troops:")
    # "oltre 10.000" fits 25,000 too: only the figures that rule the draft out are named
    assert '(vs 002_5494c6e8d10f39d0.txt:16 "circa 11.000", 004_78bea803d37818f1.txt:3 "11mila")' in lines[0]
    assert lines[1].startswith(f"{draft}:5:27: error [agreement_date] agreement_signed:")
    assert DRAFT.splitlines()[2][27:].startswith("25.000")  # col 28 is the figure
    assert len(lines) == 2


def test_draft_that_agrees_exits_0(tmp_path):
    path = tmp_path / "ok.md"
    path.write_text("Pyongyang ha inviato circa 11.000 soldati in Russia.\n", encoding="utf-8")
    result = check(str(path), "--against", "seeds")
    assert (result.returncode, result.stdout) == (0, "")


def test_draft_on_standard_input_and_json():
    result = check("-", "--against", "seeds", "--format", "json", stdin=DRAFT)
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["line"], f["rule"]) for f in findings] == [
        ("<stdin>", 3, "troops_agree"), ("<stdin>", 5, "agreement_date")]


def test_only_the_other_side_is_named(tmp_path):
    path = tmp_path / "nov.md"
    path.write_text("Gli accordi tra Russia e Corea del Nord sono stati firmati il 6 novembre 2024.\n", encoding="utf-8")
    line, = check(str(path), "--against", "seeds").stdout.splitlines()
    assert line.endswith('(vs 000_4a4e53d0ee22526a.txt:34 "a giugno")')


def test_inline_acknowledgement_suppresses_and_unused_ones_are_reported(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(DRAFT.replace("Pyongyang", "<!-- factcheck: ignore troops_agree -->\nPyongyang")
                    .replace("L'accordo", "L'accordo <!-- factcheck: ignore agreement-date, troops_agree -->"),
                    encoding="utf-8")
    result = check(str(path), "--against", "seeds", "--fail-on", "warning")
    lines = result.stdout.splitlines()
    assert lines == [f"{path}:6:11: warning [unused-ignore] `ignore troops_agree` suppresses nothing on this line "
                     "or the next; remove it"]
    assert result.returncode == 1
    assert check(str(path), "--against", "seeds").returncode == 0  # warnings do not fail by default


def test_usage_errors_exit_2(draft):
    assert check(str(draft)).returncode == 2  # no --against
    result = check(str(draft), "--against", "no/such/corpus")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_a_draft_inside_the_corpus_is_not_compared_with_itself(tmp_path):
    import shutil

    shutil.copytree(ROOT / "seeds", tmp_path / "corpus")
    draft = tmp_path / "corpus" / "draft.md"
    draft.write_text("Pyongyang ha inviato circa 11.000 soldati in Russia.\n", encoding="utf-8")
    result = check(str(draft), "--against", str(tmp_path / "corpus"))
    assert (result.returncode, result.stdout) == (0, "")
    draft.write_text("Pyongyang ha inviato circa 25.000 soldati in Russia.\n", encoding="utf-8")
    assert "troops_agree" in check(str(draft), "--against", str(tmp_path / "corpus")).stdout
