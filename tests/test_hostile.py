"""Hostile input, generated at test time: no hang, no blow-up, no lost article, no silent wrong figure.

Each case of the corpus is read on its own under a time bound, then the whole corpus goes through
the command line once: the bad files are skipped with their reason, the good ones all read.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

ADVERSARIAL = ROOT / "tests" / "adversarial"
SECONDS = 10  # per case, generous for a loaded CI machine: reading any of these takes milliseconds
TROOPS = "Secondo Seul, Pyongyang ha inviato 11.000 soldati in Russia."
LAUGHS = 'lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 9)}]\n" for i in range(1, 9))


def special(kind):
    """A builder for a file that is not a regular one."""
    def build(path: Path):
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "socket":
            server = socket.socket(socket.AF_UNIX)
            server.bind(str(path))
            server.close()
        elif kind == "loop":
            os.symlink(path.name, path)
        else:
            os.symlink(kind, path)
    return build


# name -> (what the file holds: bytes, text or a builder; what reading it gives)
#   ("skip", reason) | ("read", [(metric, value)], note or "") ; a jsonl case lists its lines' outcomes
CASES = {
    "fifo.txt": (special("fifo"), ("skip", "not a regular file: a FIFO (named pipe)")),
    "zero.txt": (special("/dev/zero"), ("skip", "not a regular file: a character device, through a symbolic link")),
    "urandom.md": (special("/dev/urandom"), ("skip", "not a regular file: a character device, through a symbolic link")),
    "socket.txt": (special("socket"), ("skip", "not a regular file: a socket")),
    "loop.txt": (special("loop"), ("skip", "cannot read: Too many levels of symbolic links")),
    "late_nul.txt": ((TROOPS + " ") * 200 + "\x00", ("skip", "binary file, not text")),
    "utf16_no_bom.txt": (TROOPS.encode("utf-16-le"), ("skip", "binary file, not text")),
    "over_limit.txt": ((TROOPS + "\n") * 20_000, ("skip", "1.2 MB is over the 1 MB limit (--max-size)")),
    "mixed.txt": ((TROOPS + " È così. ").encode() * 10 + "Perché è così. ".encode("cp1252") * 10,
                  ("read", [("troops", 11000)], "mixes UTF-8 with another encoding")),
    "zero_width.txt": ("Pyongyang ha inviato 11\u200bmila soldati in Russia.", ("read", [("troops", 11000)], "")),
    "bidi.txt": ("Pyongyang ha inviato 1\u202e0.000 soldati in Russia.", ("read", [("troops", 10000)], "")),
    "many_format_characters.txt": ("\u200b\u2066" * 100_000 + TROOPS, ("read", [("troops", 11000)], "")),
    "\udcff.txt": (TROOPS, ("read", [("troops", 11000)], "")),  # a file name that is not UTF-8
    "front_bomb.md": (f"---\n{LAUGHS}---\n{TROOPS}\n", ("read", [("troops", 11000)], "more than 10 aliases")),
    "front_loop.md": (f"---\na: &a [x, *a]\n---\n{TROOPS}\n", ("read", [("troops", 11000)], "is inside the value")),
    "front_unclosed.md": (f"---\ntitle: [x\n---\n{TROOPS}\n", ("read", [("troops", 11000)], "front matter line 2")),
    "front_duplicate.md": (f"---\ntitle: a\ntitle: b\n---\n{TROOPS}\n", ("read", [("troops", 11000)], "duplicate key")),
    "front_deep.md": (f"---\na: {'[' * 5000}\n---\n{TROOPS}\n", ("read", [("troops", 11000)], "nested deeper")),
    "front_number.md": (f"---\na: {'1:' * 5000}1\n---\n{TROOPS}\n", ("read", [("troops", 11000)], "a number of more")),
    "front_tag.md": (f"---\na: !!python/object/apply:os.system [touch pwned]\n---\n{TROOPS}\n",
                     ("read", [("troops", 11000)], "not allowed")),
    "front_date.md": (f"---\npublished: ieri\nlang: klingon\n---\n{TROOPS}\n",
                      ("read", [("troops", 11000)], "published 'ieri' is not a date")),
    "lines.jsonl": ("\n".join([
        "[" * 100_000,                                      # 1: RecursionError before
        json.dumps({"text": TROOPS}),                       # 2: read
        "{not json",                                        # 3
        '{"text": 1' + "0" * 5000 + "}",                    # 4: int() refuses 5,000 digits
        json.dumps({"text": "a\x00b"}),                     # 5: NUL
        json.dumps({"text": TROOPS + " \ud800"}),           # 6: a lone surrogate, read as "�"
        json.dumps({"text": TROOPS, "published": [[[[]]]]}),  # 7: a date that is not one, noted
        json.dumps([TROOPS]),                               # 8: not an object
    ]), [("skip", "nested deeper than 32 levels"), ("read", [("troops", 11000)], ""), ("skip", "not JSON"),
         ("skip", "not readable JSON"), ("skip", "NUL characters"), ("read", [("troops", 11000)], ""),
         ("read", [("troops", 11000)], "is not a date"), ("skip", 'no "text" string')]),
    "attributes.html": ("<html><body><article><p " + " ".join(f"a{i}=x" for i in range(60_000)) + f">{TROOPS}</p>"
                        f"<p>{TROOPS} Il portavoce lo ha confermato.</p></article></body></html>",
                        ("read", [("troops", 11000)], "")),  # quadratic in libxml2 and trafilatura: minutes before
    "deep.html": ("<html><body>" + "<div>" * 50_000 + f"<p>{TROOPS}</p>" + "</div>" * 50_000 + "</body></html>",
                  ("any",)),
}


def write_case(folder: Path, name: str) -> Path:
    content, _expected = CASES[name]
    path = Path(os.fsdecode(os.fsencode(folder / name)))
    if callable(content):
        content(path)
    else:
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    for name in CASES:
        write_case(folder, name)
    return folder


def outcomes(documents, skipped, notes):
    """What reading gave, in the terms of CASES, by source suffix ("#2" for a line, "" for the file)."""
    from factcheck.api import extract
    from factcheck.render.formats import records

    found = {}
    for skip in skipped:
        found[skip.path.rpartition("#")[2] if "#" in skip.path else ""] = ("skip", skip.reason)
    for document in documents:
        claims = sorted({(r["metric"], r["value"]) for r in records(extract([document]))})
        said = [n for n in notes if n.startswith(document.path + document.source[len(Path(document.path).name):])]
        said += [document.encoding] if document.encoding != "utf-8" else []
        found[document.source.rpartition("#")[2] if "#" in document.source else ""] = ("read", claims, said)
    return found


def matches(outcome, expected) -> bool:
    if expected[0] == "any":
        return True
    if outcome[0] != expected[0]:
        return False
    if expected[0] == "skip":
        return expected[1] in outcome[1]
    claims, said = outcome[1], outcome[2]
    return claims == expected[1] and (any(expected[2] in n for n in said) if expected[2] else not said)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_file_is_read_or_refused_in_time(tmp_path, name, monkeypatch):
    from factcheck.documents import read_documents

    monkeypatch.chdir(tmp_path)
    path = write_case(tmp_path, name)
    notes = []
    started = time.perf_counter()
    documents, skipped = read_documents([tmp_path], max_bytes=1_000_000, note=notes.append)
    found = outcomes(documents, skipped, notes)
    assert time.perf_counter() - started < SECONDS
    assert not (tmp_path / "pwned").exists()
    expected = CASES[name][1]
    if isinstance(expected, list):  # one outcome per line of a jsonl file
        assert len(found) == len(expected)
        for number, want in enumerate(expected, 1):
            assert matches(found[str(number)], want), (number, found[str(number)], want)
    else:
        assert len(found) == 1 and matches(found[""], expected), (found, expected)
    for document in documents:
        assert "\x00" not in document.text
        document.text.encode("utf-8")  # no lone surrogate reaches a report
        assert path.exists() or path.is_symlink()


def test_the_hostile_corpus_through_the_cli(corpus, tmp_path):
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "factcheck", "claims", str(corpus), "--format", "json",
                             "--max-size", "1"], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    elapsed = time.perf_counter() - started
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr[-2000:]
    assert elapsed < 120
    rows = json.loads(result.stdout)
    by_source = {}
    for row in rows:
        by_source.setdefault(row["source"], set()).add((row["metric"], row["value"]))
    read = {name for name, (_content, expected) in CASES.items()
            if isinstance(expected, tuple) and expected[0] == "read"}
    shown = {name: os.fsencode(name).decode("utf-8", "backslashreplace") for name in read}
    for name in read:  # every good article is read, with its one right figure
        assert by_source[shown[name]] == {("troops", CASES[name][1][1][0][1])}, name
    assert {s for s in by_source if s.startswith("lines.jsonl#")} == {"lines.jsonl#2", "lines.jsonl#6", "lines.jsonl#7"}
    assert not any(value in (0.0, 1.0) for values in by_source.values() for _metric, value in values)
    for name, (_content, expected) in CASES.items():
        if isinstance(expected, tuple) and expected[0] == "skip":
            assert f"skipped {corpus / name}: {expected[1]}" in result.stderr
    assert not (tmp_path / "pwned").exists()


# Rule files: every hostile one refused quickly, and `rules lint` names every problem of every file.

def test_rules_lint_survives_every_hostile_rule_file_at_once(rules_copy):
    for path in (ADVERSARIAL / "rules").glob("*.yaml"):
        shutil.copy(path, rules_copy / "checks" / path.name)
    shutil.copy(ADVERSARIAL / "conventions_bomb.yaml", rules_copy / "conventions.yaml")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "factcheck", "rules", "lint", str(rules_copy)],
                            capture_output=True, text=True, timeout=120)
    assert time.perf_counter() - started < 60
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    named = {line.split(":")[0] for line in result.stdout.splitlines() if line.startswith(str(rules_copy))}
    assert named == {str(rules_copy / "checks" / p.name) for p in (ADVERSARIAL / "rules").glob("*.yaml")} \
        | {str(rules_copy / "conventions.yaml")}
    assert f"{rules_copy / 'conventions.yaml'}:3:7: anchors and aliases" in result.stdout
    assert f"{rules_copy / 'checks' / 'duplicate_key.yaml'}:6:1: duplicate key 'severity': line 3 has it too" \
        in result.stdout


def test_lint_names_every_problem_of_a_file(rules_copy):
    from factcheck.check.ruleset import load_rules
    from factcheck.errors import RuleSetError

    (rules_copy / "metrics" / "tanks.yaml").write_text(
        "kind: quantity\nabout: tanks\ncumulativ: false\nterms: {it: [carri armati], xx: [tanks]}\n"
        "examples:\n  it:\n"
        "    - {text: \"oltre 300 carri armati\", value: 300, qualifier: at_leats}\n"
        "    - {text: \"circa 300 carri armati\", value: trecento, qualifier: approx}\n"
        "    - {text: \"300 carri armati\", value: 300, qualifier: exact, nope: 1}\n"
        "    - {text: \"10 carri\", none: maybe}\n", encoding="utf-8")
    (rules_copy / "checks" / "tanks_agree.yaml").write_text(
        "kind: agree\nseverity: eror\nmetrics: [tank]\nwhere: {languages: [itt], from: ieri, quote: '(a+)+'}\n"
        "examples:\n  bad: {ok: [x]}\n", encoding="utf-8")
    with pytest.raises(RuleSetError) as caught:
        load_rules(rules_copy)
    problems = [(Path(p.path).name, p.line, p.problem.split(" (")[0].split(",")[0]) for p in caught.value.problems]
    assert problems == [
        ("tanks.yaml", 3, "unknown key 'cumulativ'"),
        ("tanks.yaml", 4, "unknown language 'xx'"),
        ("tanks.yaml", 7, "qualifier must be one of exact"),
        ("tanks.yaml", 8, "value must be a number"),
        ("tanks.yaml", 9, "unknown key 'nope'"),
        ("tanks.yaml", 10, "none must be true or false"),
        ("tanks_agree.yaml", 2, "severity must be one of error"),
        ("tanks_agree.yaml", 1, "a check needs a `description:` saying why it matters and what to check"),
        ("tanks_agree.yaml", 4, "unknown language 'itt'"),
        ("tanks_agree.yaml", 4, "from must be a date like 2024-11-06"),
        ("tanks_agree.yaml", 4, "the regular expression '(a+)+' repeats an unbounded repetition"),
        ("tanks_agree.yaml", 3, "unknown metric 'tank'"),
        ("tanks_agree.yaml", 6, "example 'bad' must be `ok:` or `finding:` with texts by file name"),
    ]
    assert "did you mean 'at_least'?" in caught.value.problems[2].problem


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
@pytest.mark.parametrize("where", ["checks/x.yaml", "languages/xx.yaml", "conventions.yaml"])
def test_a_rule_file_that_is_not_a_regular_file_is_refused_not_read(rules_copy, where, kind):
    path = rules_copy / where
    path.parent.mkdir(exist_ok=True)
    path.unlink(missing_ok=True)
    special(kind)(path)
    for command in (["rules", "lint", str(rules_copy)], ["scan", str(SEEDS), "--rules", str(rules_copy)]):
        result = subprocess.run([sys.executable, "-m", "factcheck", "--no-config", *command], capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == (1 if command[0] == "rules" else 2), result.stderr
        assert f"{path}: not a regular file: a " in result.stdout + result.stderr
        assert "internal error" not in result.stderr


@pytest.mark.parametrize(("key", "value", "said"), [
    ("window", "-1", "window must be a number of 0 or more, got -1"),
    ("window", ".nan", "window must be a number of 0 or more, got nan"),
    ("window", ".inf", "window must be a number of 0 or more, got inf"),
    ("tolerance", "1.5", "tolerance must be a share between 0 and 1 (0.10 = 10 %), got 1.5"),
    ("metrics", "[]", "metrics must name at least one, got []"),  # a check that would never fire
    ("suggestion", "[a]", "suggestion must be text, got ['a']"),
])
def test_a_check_setting_that_means_nothing_is_refused_at_its_line(rules_copy, key, value, said):
    from factcheck.check.ruleset import load_rules
    from factcheck.errors import RuleSetError

    path = rules_copy / "checks" / "troops_agree.yaml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{key}:")]
    path.write_text("\n".join([f"{key}: {value}", *lines]) + "\n", encoding="utf-8")
    with pytest.raises(RuleSetError) as caught:
        load_rules(rules_copy)
    assert [(p.line, p.problem) for p in caught.value.problems] == [(1, said)]


@pytest.mark.parametrize(("term", "said"), [
    ("*", "'*' matches too many words; a * follows at least 3 letters (soldat*)"),  # every word a troops word
    ("so*", "'so*' matches too many words"),
    ("sol*dati", "'sol*dati' has a * inside"),
    ("a" * 100_000, "is 100,000 characters long; a word or name has at most 100"),  # RecursionError before
])
def test_a_metric_word_that_would_match_as_not_meant_is_refused(rules_copy, term, said):
    from factcheck.check.ruleset import load_rules
    from factcheck.errors import RuleSetError

    path = rules_copy / "metrics" / "troops.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("it: [soldat*,", f"it: [\"{term}\", soldat*,", 1), encoding="utf-8")
    with pytest.raises(RuleSetError) as caught:
        load_rules(rules_copy)
    assert said in caught.value.problems[0].problem and str(caught.value.problems[0].path) == str(path)


# An editor's regular expression: bounded when compiled, and in total when run.

@pytest.mark.parametrize(("pattern", "why"), [
    ("(?:a{60000}){60000}", "repeats something 60,000 times; at most 1,000"),
    ("(?:(?:a{100}){100}){100}", "expands to more than 10,000 copies"),
    ("(a+)+$", "repeats an unbounded repetition"),
    (r"(?:\w+\s?)*:", "repeats an unbounded repetition"),
    ("x" * 301, "is 301 characters long; at most 300"),
])
def test_a_regex_that_would_blow_up_is_refused_before_it_is_compiled(rules_copy, pattern, why):
    from factcheck.check.ruleset import load_rules
    from factcheck.errors import FactcheckError

    (rules_copy / "checks" / "quoted.yaml").write_text(
        f"kind: agree\nseverity: error\ndescription: x\nmetrics: [troops]\nwhere:\n  quote: '{pattern}'\n",
        encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(FactcheckError, match="quoted.yaml:6:10: the regular expression") as caught:
        load_rules(rules_copy)
    assert time.perf_counter() - started < 5 and why in str(caught.value)


@pytest.mark.parametrize("pattern", [r"secondo (kiev|mosca)", r"\b(oltre|più di)\s+\d", r"[\w.]+ soldati{1,3}",
                                     r"(?i)^Pyongyang", r"a{1000}", r"(?:ab)+c", r"\p{Lu}\w+"])
def test_ordinary_regexes_pass_the_bounds(pattern):
    from factcheck.check.userregex import regex_problem

    assert regex_problem(pattern) is None


class Counting:
    """A compiled pattern that counts its searches, and can be slow."""

    def __init__(self, pattern, delay=0.0):
        import regex

        self.pattern, self.delay, self.searched = regex.compile(pattern, regex.IGNORECASE), delay, []

    def search(self, text, timeout=None):
        self.searched.append(text)
        time.sleep(self.delay)
        if self.delay and timeout is not None and self.delay >= timeout:
            raise TimeoutError
        return self.pattern.search(text)


def quote_check(pattern):
    import dataclasses

    from factcheck.check.ruleset import load_rules

    return dataclasses.replace(load_rules().checks["troops_agree"], quote=pattern, quote_at="rules/x.yaml:6")


def test_each_distinct_sentence_is_matched_once():
    import pandas as pd

    pattern = Counting("seul")
    check = quote_check(pattern)
    claims = pd.DataFrame({"quote": ["secondo Seul, 10.000", "secondo Kiev, 12.000"] * 500, "lang": "it",
                           "source": "a.txt"})
    assert len(check.select(claims)) == 500
    assert len(check.select(claims)) == 500  # a second run of the check: all known already
    assert sorted(pattern.searched) == ["secondo Kiev, 12.000", "secondo Seul, 10.000"]


def test_a_slow_regex_is_bounded_in_total_per_check_and_run(monkeypatch):
    import pandas as pd

    from factcheck.check import ruleset
    from factcheck.errors import FactcheckError

    monkeypatch.setattr(ruleset, "REGEX_CHECK_SECONDS", 0.2)
    monkeypatch.setattr(ruleset, "_regex_spent", [0.0])
    claims = pd.DataFrame({"quote": [f"frase numero {i}" for i in range(1000)], "lang": "it", "source": "a.txt"})
    started = time.perf_counter()
    with pytest.raises(FactcheckError, match=r"rules/x.yaml:6: the `where: quote:` pattern of check 'troops_agree' "
                                             r"stopped after \d+ sentences: this pattern may take 0.2 s in a run"):
        quote_check(Counting("zzz", delay=0.01)).select(claims)
    assert time.perf_counter() - started < 2
    monkeypatch.setattr(ruleset, "REGEX_CHECK_SECONDS", 2.0)
    monkeypatch.setattr(ruleset, "REGEX_RUN_SECONDS", 0.3)
    with pytest.raises(FactcheckError, match="every check's patterns may take 0.3 s in a run"):
        quote_check(Counting("yyy", delay=0.01)).select(claims)


# Drafts, stdin and output files.

def test_an_unclosed_ignore_comment_does_not_hang_check(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("Pyongyang ha inviato 12.000 soldati.\n<!-- factcheck: ignore " + " " * 5000 + "\n"
                     + "<!-- factcheck: ignore " * 20_000, encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", str(draft), "--against", str(SEEDS)],
                            capture_output=True, text=True, timeout=120)
    assert time.perf_counter() - started < 60
    assert result.returncode in (0, 1) and f"{draft}:1:22: " in result.stdout and "[troops_agree]" in result.stdout


def test_ignore_comments_are_found_in_linear_time():
    from factcheck.check.drafts import _apply_ignores
    from factcheck.documents import Document

    for text in ("<!-- factcheck: ignore " + " " * 50_000, "<!-- factcheck: ignore a, b -->" * 20_000,
                 "<!--" * 100_000, "<!-- factcheck: ignore a -->\n" * 20_000):
        started = time.perf_counter()
        _apply_ignores(Document.from_text(text), [])
        assert time.perf_counter() - started < 1, text[:40]


def test_binary_stdin_to_check_is_refused_whatever_the_locale():
    for locale in ("C", "C.UTF-8"):
        result = subprocess.run([sys.executable, "-m", "factcheck", "check", "-", "--against", str(SEEDS)],
                                input=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", capture_output=True, timeout=120,
                                env={**os.environ, "LC_ALL": locale, "PYTHONUTF8": "0", "PYTHONIOENCODING": ""})
        assert result.returncode == 2
        assert result.stderr.decode().splitlines() == ["factcheck: <stdin>: binary file, not text"]


@pytest.mark.parametrize(("given", "options", "said"), [
    (b"", [], "factcheck: <stdin>: empty file"),
    (b" \n\t\n", ["--stdin-filename", "bozza.md"], "factcheck: bozza.md: empty file"),
    (TROOPS.encode() * 20_000, ["--max-size", "1"], "factcheck: <stdin>: over the 1 MB limit (--max-size)"),
])
def test_a_draft_on_stdin_that_cannot_be_read_stops_check_as_a_file_does(given, options, said):
    result = subprocess.run([sys.executable, "-m", "factcheck", "--no-config", "check", "-", "--against", str(SEEDS),
                             *options], input=given, capture_output=True, timeout=120)
    assert result.returncode == 2 and result.stderr.decode().splitlines() == [said]


def test_a_draft_on_stdin_is_read_as_a_file_of_its_name():
    draft = f"---\ntitle: Inviati 99.000 soldati\noutlet: Ansa\n---\n{TROOPS.replace('11.000', '12.000')}\n"
    result = subprocess.run([sys.executable, "-m", "factcheck", "--no-config", "check", "-", "--against", str(SEEDS),
                             "--stdin-filename", "bozza.md", "--format", "json"], input=draft.encode(),
                            capture_output=True, timeout=120)
    assert result.returncode == 1, result.stderr
    diagnostics = json.loads(result.stdout)["findings"]
    assert {(d["path"], d["line"]) for d in diagnostics} == {("bozza.md", 5)}  # the front matter's title is not read


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_reports_honour_the_umask(tmp_path, umask, mode):
    from factcheck.render.files import write_atomic

    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "report.md", "# report\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == mode


@pytest.mark.parametrize("size", ["nan", "inf", "-1", "0", "1e300"])
def test_a_size_limit_that_is_no_size_is_refused(tmp_path, size):
    (tmp_path / "factcheck.toml").write_text(f"max-size = {size}\n", encoding="utf-8")
    for command, where in ((["claims", str(SEEDS)], "factcheck.toml:1: max-size: expected a number of MB above 0"),
                           (["--no-config", "claims", str(SEEDS), "--max-size", size], "argument --max-size: ")):
        result = subprocess.run([sys.executable, "-m", "factcheck", *command], cwd=tmp_path,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 2 and where in result.stderr, result.stderr
        assert "internal error" not in result.stderr


@pytest.mark.parametrize(("content", "said"), [
    ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "factcheck.toml: not valid TOML: arrays or tables nested hundreds deep"),
    ("x = " + "{a=" * 5000 + "1" + "}" * 5000 + "\n", "factcheck.toml: not valid TOML: arrays or tables nested hundreds deep"),
    ("dask = 5\n", "factcheck.toml:1: dask: expected text in quotes, got 5"),
    ("rules = 'Perch\xe9'\n".encode("latin-1"), "factcheck.toml: cannot read the configuration: line 1 is not UTF-8 (byte 0xe9)"),
    ("x = '" + "a" * 2_000_000 + "'\n", "factcheck.toml: cannot read the configuration: 2.0 MB is over the 1 MB limit"),
    (special("fifo"), "factcheck.toml: cannot read the configuration: not a regular file: a FIFO (named pipe)"),
    (special("/dev/zero"), "factcheck.toml: cannot read the configuration: not a regular file: a character device"),
])
def test_a_configuration_file_that_cannot_be_read_is_said_in_one_line(tmp_path, content, said):
    path = tmp_path / "factcheck.toml"
    if callable(content):
        content(path)
    else:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = subprocess.run([sys.executable, "-m", "factcheck", "claims", str(SEEDS)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.startswith(f"factcheck: {said}"), result.stderr


def test_a_path_the_system_refuses_is_said_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "factcheck", "--no-config", "scan", str(SEEDS), "--rules",
                             "a/" * 3000], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.endswith("a/a: File name too long\n"), result.stderr
    assert len(result.stderr) < 300


def test_reports_reach_the_disk_before_the_rename(tmp_path, monkeypatch):
    from factcheck.render.files import write_atomic

    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    write_atomic(tmp_path / "report.md", "# report\n")
    assert calls[:2] == ["fsync", "replace"]
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == "# report\n"


def test_a_claims_file_with_a_name_that_is_not_utf8_is_written(tmp_path):
    (tmp_path / "corpus").mkdir()
    (Path(os.fsdecode(os.fsencode(tmp_path / "corpus")) + "/\udcff.txt")).write_text(TROOPS, encoding="utf-8")
    out = tmp_path / "claims.md"
    result = subprocess.run([sys.executable, "-m", "factcheck", "claims", str(tmp_path / "corpus"), "-o", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "\\xff.txt" in out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
