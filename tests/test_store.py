"""The claims store: `factcheck index` extracts an archive once, then only what changed; `scan`
and `check --against` read a store as they read the folder it was made from."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from conftest import SEEDS

NEW_ARTICLE = ("Kiev, 20 novembre 2024. Secondo l'intelligence ucraina, circa 15.000 soldati nordcoreani "
               "sono ormai schierati nella regione di Kursk.\n")


def factcheck(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "factcheck", *map(str, args), "--no-config"], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "archive"
    shutil.copytree(SEEDS, folder)
    (folder / "nested").mkdir()
    (folder / "nested" / "kursk.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    return folder


def replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def index(archive, store, *extra):
    result = factcheck("index", *([archive] if archive else []), "--store", store, *extra)
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_a_store_gives_the_findings_and_claims_of_the_folder_byte_for_byte(archive, tmp_path):
    store = tmp_path / "archive.parquet"
    said = index(archive, store)
    assert "6 files: 6 read and extracted, 0 unchanged, 0 gone" in said
    for command in (["scan", "--format", "json"], ["claims", "--format", "json"], ["scan", "--format", "md"]):
        from_folder, from_store = factcheck(*command, archive), factcheck(*command, store)
        assert from_folder.returncode == from_store.returncode and from_folder.returncode in (0, 1)
        assert from_store.stdout == from_folder.stdout and len(from_store.stdout) > 1000
    assert factcheck("scan", "--claims", store, "--format", "json").stdout == factcheck(
        "scan", archive, "--format", "json").stdout


def test_an_unchanged_archive_is_not_read_again_and_one_change_reads_one_file(archive, tmp_path):
    store = tmp_path / "archive.parquet"
    index(archive, store)
    written = store.stat().st_mtime_ns
    assert "0 read and extracted, 6 unchanged" in index(archive, store)
    assert store.stat().st_mtime_ns == written  # not rewritten
    (archive / "nested" / "kursk.txt").touch()  # a new time, the same bytes: not extracted again
    assert "0 read and extracted, 6 unchanged" in index(archive, store)
    (archive / "nested" / "kursk.txt").write_text(NEW_ARTICLE.replace("15.000", "19.000"), encoding="utf-8")
    assert "1 read and extracted, 5 unchanged" in index(None, store)  # the folders it was made from
    claims = factcheck("claims", store, "--format", "csv").stdout
    assert "19.000" in claims and "15.000" not in claims
    (archive / "nested" / "kursk.txt").unlink()
    assert "0 read and extracted, 5 unchanged, 1 gone" in index(archive, store)
    assert "19.000" not in factcheck("claims", store, "--format", "csv").stdout
    assert factcheck("scan", store, "--format", "json").stdout == factcheck("scan", archive, "--format", "json").stdout


def test_a_draft_against_a_store_gets_the_lines_it_gets_against_the_folder(archive, tmp_path):
    store = tmp_path / "archive.parquet"
    index(archive, store)
    draft = tmp_path / "draft.md"
    draft.write_text("Pyongyang ha inviato circa 25.000 soldati in Russia.\n", encoding="utf-8")
    against_folder = factcheck("check", draft, "--against", archive)
    against_store = factcheck("check", draft, "--against", store)
    assert against_store.returncode == against_folder.returncode == 1
    assert against_store.stdout == against_folder.stdout and "troops_agree" in against_store.stdout


def test_check_reads_the_configured_store_when_no_corpus_is_named(archive, tmp_path):
    store = tmp_path / "archive.parquet"
    index(archive, store)
    (tmp_path / "factcheck.toml").write_text('store = "archive.parquet"\n', encoding="utf-8")
    (tmp_path / "draft.md").write_text("Pyongyang ha inviato circa 25.000 soldati in Russia.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", "draft.md"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "troops_agree" in result.stdout, result.stderr


def test_a_store_indexed_under_other_metric_words_is_refused_until_indexed_again(archive, tmp_path, rules_copy):
    store = tmp_path / "archive.parquet"
    index(archive, store, "--rules", rules_copy)
    replace_in(rules_copy / "metrics" / "troops.yaml", "it: [soldat*,", "it: [alpini, soldat*,")
    stale = factcheck("scan", store, "--rules", rules_copy)
    assert stale.returncode == 2 and stale.stderr.count("\n") == 1
    assert "factcheck index --store" in stale.stderr and str(store) in stale.stderr
    assert "6 read and extracted" in index(None, store, "--rules", rules_copy)  # every file, under the new words
    assert factcheck("scan", store, "--rules", rules_copy).returncode in (0, 1)


def test_editing_a_check_needs_no_new_index(archive, tmp_path, rules_copy):
    store = tmp_path / "archive.parquet"
    index(archive, store, "--rules", rules_copy)
    replace_in(rules_copy / "checks" / "troops_agree.yaml", "severity: error", "severity: warning")
    result = factcheck("scan", "--claims", store, "--rules", rules_copy, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert '"rule": "troops_agree"' in result.stdout and '"severity": "error"' not in result.stdout.split(
        '"rule": "troops_agree"')[1].split('"rule"')[0]


@pytest.mark.parametrize("make, expected", [
    (lambda p: p.write_bytes(b"not parquet at all"), "not a readable claims store"),
    (lambda p: __import__("pyarrow.parquet").parquet.write_table(__import__("pyarrow").table({"a": [1]}), p),
     "a Parquet file, but not a factcheck claims store"),
])
def test_a_file_that_is_no_store_is_one_line(tmp_path, make, expected):
    path = tmp_path / "x.parquet"
    make(path)
    for command in (["scan", path], ["check", SEEDS / "000_4a4e53d0ee22526a.txt", "--against", path]):
        result = factcheck(*command)
        assert result.returncode == 2 and expected in result.stderr and result.stderr.count("\n") == 1, result.stderr


def test_index_refuses_a_store_name_without_parquet_and_a_missing_archive(tmp_path, archive):
    result = factcheck("index", archive, "--store", tmp_path / "claims.db")
    assert result.returncode == 2 and "a claims store is a .parquet file" in result.stderr
    result = factcheck("index", "--store", tmp_path / "new.parquet")
    assert result.returncode == 2 and "name the archive to index" in result.stderr
    result = factcheck("index", tmp_path / "nowhere", "--store", tmp_path / "new.parquet")
    assert result.returncode == 2 and "no such file or folder" in result.stderr
    assert not (tmp_path / "new.parquet").exists()
    (tmp_path / "notes.parquet").mkdir()
    (tmp_path / "notes.parquet" / "keep.txt").write_text("mine", encoding="utf-8")
    result = factcheck("index", archive, "--store", tmp_path / "notes.parquet")
    assert result.returncode == 2 and "a folder that is not a claims store" in result.stderr
    assert [p.name for p in (tmp_path / "notes.parquet").iterdir()] == ["keep.txt"]  # left as it was


DRAFTS = ["Pyongyang ha inviato circa 25.000 soldati in Russia.",
          "Nel Kursk i nordcoreani hanno avuto 3.000 morti e 4.000 feriti, 1.000 soldati in tutto.",
          "Le perdite nordcoreane sono circa 90.000 tra morti e feriti.",
          "L'accordo tra Russia e Corea del Nord è stato firmato il 3 marzo 2023.",
          "Pyongyang ha inviato 2.000 pezzi di artiglieria e 300 missili a Mosca."]


@pytest.mark.parametrize("text", DRAFTS)
def test_a_draft_meets_the_claims_it_would_meet_in_the_whole_store(archive, tmp_path, monkeypatch, text):
    """Only the store's claims a check can set against the draft's are read: the same diagnostics
    as the draft checked against every claim of the store."""
    from factcheck.check import drafts
    from factcheck.check.ruleset import load_rules
    from factcheck.documents import Document
    from factcheck.extraction import claims_table
    from factcheck.store import read_store

    store = tmp_path / "archive.parquet"
    index(archive, store)
    rules, draft = load_rules(), Document("draft.md", text + "\n", path="draft.md")
    narrowed = drafts.check_drafts([draft], [], rules, stores=[read_store(store)])
    everything = read_store(store).claims
    metrics, _subjects = drafts.reach(claims_table([draft], rules), rules)
    assert set(everything["metric"]) - metrics  # some claims were left out
    monkeypatch.setattr(drafts, "reach", lambda _claims, _rules: (set(everything["metric"]),
                                                                   set(everything["subject"])))
    assert narrowed and narrowed == drafts.check_drafts([draft], [], rules, stores=[read_store(store)])

CELLS = {"text": st.one_of(st.none(), st.text()), "number": st.one_of(st.none(), st.floats(), st.integers(-2**53, 2**53)),
         "whole": st.integers(-2**63, 2**63 - 1), "offsets": st.lists(st.lists(st.integers(0, 10**6), min_size=2, max_size=2)),
         "nested": st.one_of(st.none(), st.lists(st.one_of(st.text(), st.integers())), st.dictionaries(st.text(), st.text()))}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.fixed_dictionaries(CELLS), max_size=6))
def test_the_claims_json_writer_writes_the_bytes_json_dumps_writes(rows):
    """`claims --format json` lays rows out itself, column by column (strings as pandas' str dtype,
    floats with NaN and infinities, lists): byte for byte json.dumps' output."""
    import json

    import pandas as pd

    from factcheck.render.formats import json_records, records

    table = pd.DataFrame(rows, columns=list(CELLS))
    assert json_records(table) == json.dumps(records(table), ensure_ascii=False, indent=2)
