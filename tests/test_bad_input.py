"""Bad input never breaks a run, loses output, or runs code: the adversarial corpus in tests/adversarial/."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SEEDS

ADVERSARIAL = ROOT / "tests" / "adversarial"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def no_traceback(result):
    assert "Traceback" not in result.stderr + result.stdout


def test_adversarial_corpus_is_read_around_its_bad_files(tmp_path):
    report = tmp_path / "report.md"
    result = run("scan", str(ADVERSARIAL / "corpus"), "--report", str(report))
    no_traceback(result)
    assert result.returncode == 0
    reasons = {
        "binary.txt": "binary file, not text", "nul_in_text.txt": "binary file, not text",
        "empty.txt": "empty file", "blank.md": "empty file",
    }
    for name, reason in reasons.items():
        assert f"skipped {ADVERSARIAL / 'corpus' / name}: {reason}" in result.stderr
        assert f"`{ADVERSARIAL / 'corpus' / name}`: {reason}" in report.read_text(encoding="utf-8")
    assert "1 file of other types (.jpg) not read" in result.stderr
    assert "cp1252.txt: read as cp1252" in result.stderr
    assert "utf16.txt: read as utf-16" in result.stderr
    assert "invalid_utf8.txt: read as utf-8 with 1 invalid byte replaced" in result.stderr


def test_claims_of_other_encodings_point_into_the_decoded_text():
    import json

    from factcheck.documents import decode

    rows = json.loads(run("claims", str(ADVERSARIAL / "corpus"), "--format", "json").stdout)
    assert {(r["source"], r["metric"], r["value"]) for r in rows} >= {
        ("cp1252.txt", "troops", 10000.0), ("utf16.txt", "troops", 11000.0), ("invalid_utf8.txt", "troops", 11000.0)}
    for row in rows:
        text, _encoding = decode((ADVERSARIAL / "corpus" / row["source"]).read_bytes())
        assert text[row["start"]:row["end"]] in row["figure"]


def test_a_file_over_the_size_limit_is_skipped(tmp_path):
    (tmp_path / "huge.txt").write_text("Pyongyang ha inviato 10.000 soldati. " * 40_000, encoding="utf-8")
    (tmp_path / "small.txt").write_text("Pyongyang ha inviato 11.000 soldati.", encoding="utf-8")
    result = run("claims", str(tmp_path), "--max-size", "1")
    assert result.returncode == 0
    assert "huge.txt: 1.5 MB is over the 1 MB limit (--max-size)" in result.stderr


def test_symlink_loops_are_skipped(tmp_path):
    (tmp_path / "ok.txt").write_text("Pyongyang ha inviato 11.000 soldati.", encoding="utf-8")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink(tmp_path, tmp_path / "self")  # a folder that contains itself
    result = run("claims", str(tmp_path), "--format", "json")
    no_traceback(result)
    assert result.returncode == 0
    assert f"skipped {tmp_path / 'loop.txt'}: cannot read" in result.stderr
    result = run("claims", str(tmp_path / "loop.txt"), str(tmp_path / "ok.txt"))
    assert "broken or looping symbolic link" in result.stderr and result.returncode == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_skipped(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Pyongyang ha inviato 11.000 soldati.", encoding="utf-8")
    path.chmod(0)
    (tmp_path / "ok.txt").write_text("Pyongyang ha inviato 11.000 soldati.", encoding="utf-8")
    result = run("claims", str(tmp_path))
    assert "secret.txt: cannot read" in result.stderr and result.returncode == 0


def test_nothing_readable_exits_2_with_a_clear_message(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run("scan", str(tmp_path))
    assert result.returncode == 2
    assert "no article could be read from" in result.stderr
    no_traceback(result)
    (tmp_path / "empty.txt").unlink()
    result = run("scan", str(tmp_path))
    assert result.returncode == 2 and "folder holds no articles" in result.stderr


HOSTILE_RULES = sorted(p.name for p in (ADVERSARIAL / "rules").glob("*.yaml"))


@pytest.mark.parametrize("name", HOSTILE_RULES)
def test_hostile_rule_files_are_refused(tmp_path, rules_copy, name, monkeypatch):
    from factcheck.check.ruleset import load_rules
    from factcheck.errors import FactcheckError

    monkeypatch.chdir(tmp_path)
    shutil.copy(ADVERSARIAL / "rules" / name, rules_copy / "checks" / name)
    started = time.perf_counter()
    with pytest.raises(FactcheckError) as refused:
        load_rules(rules_copy)
    assert time.perf_counter() - started < 5  # refused before anything expands, compiles or runs
    assert not (tmp_path / "pwned").exists()  # the hostile rule's command never ran
    assert str(refused.value).startswith(f"{rules_copy / 'checks' / name}:"), str(refused.value)


def test_hostile_rule_files_stop_a_scan_with_one_line(tmp_path, rules_copy):
    for name in ("python_tag.yaml", "alias_bomb.yaml"):
        shutil.copy(ADVERSARIAL / "rules" / name, rules_copy / "checks" / name)
    result = run("scan", str(SEEDS), "--rules", str(rules_copy), cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert not (tmp_path / "pwned").exists()
    assert result.stderr.startswith(f"factcheck: {rules_copy / 'checks' / 'alias_bomb.yaml'}:6:7: anchors and "
                                    "aliases (&name, *name) are not allowed in this file")


def test_a_runaway_regex_stops_with_the_rules_name(tmp_path, rules_copy):
    rules = rules_copy
    shutil.copy(ADVERSARIAL / "slow_regex.yaml", rules / "checks")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Pyongyang ha inviato 10.000 soldati " + "a" * 5000 + "!",
                                               encoding="utf-8")
    (tmp_path / "corpus" / "b.txt").write_text("Pyongyang ha inviato 20.000 soldati.", encoding="utf-8")
    started = time.perf_counter()
    result = run("scan", str(tmp_path / "corpus"), "--rules", str(rules))
    assert time.perf_counter() - started < 60
    no_traceback(result)
    assert result.returncode == 2
    assert "slow_regex.yaml:7: the `where: quote:` pattern of check 'slow_regex' ran over 0.1 s on one sentence" \
        in result.stderr


def test_refuses_to_write_the_report_over_an_input(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    target = tmp_path / "seeds" / "000_4a4e53d0ee22526a.txt"
    before = target.read_bytes()
    result = run("scan", str(tmp_path / "seeds"), "--report", str(target))
    assert result.returncode == 2 and "is one of the articles read" in result.stderr
    assert target.read_bytes() == before


def test_unwritable_destination_exits_2(tmp_path):
    result = run("scan", "seeds", "--report", str(tmp_path / "no" / "such" / "folder" / "r.md"))
    assert result.returncode == 2 and "cannot write" in result.stderr
    no_traceback(result)


def test_report_is_written_atomically(tmp_path, monkeypatch):
    from factcheck.errors import FactcheckError
    from factcheck.render.files import write_atomic

    path = tmp_path / "report.md"
    path.write_text("the old report\n", encoding="utf-8")

    def interrupted(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(FactcheckError, match="cannot write"):
        write_atomic(path, "the new report\n" * 1000)
    assert path.read_text(encoding="utf-8") == "the old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left behind
