"""`factcheck eval`: a figure found, one missed, one false, and a conflict pair, scored as an editor would."""
from __future__ import annotations

from factcheck.cli import main

ARTICLE_A = "Pyongyang ha inviato oltre 10.000 soldati. Nel Kursk sono morti 300 soldati nordcoreani.\n"
ARTICLE_B = "Pyongyang ha inviato 20.000 soldati in Russia, e 10.000 tifosi erano allo stadio.\n"


def gold(a_start: int, b_start: int, k_start: int, killed: str = "300", value: int = 300) -> str:
    return f"""articles:
  a.txt:
    split: tune
    published: 2025-01-10
    figures:
      - {{id: t1, metric: troops, text: "oltre 10.000", start: {a_start}, end: {a_start + 12}, value: 10000,
         qualifier: at_least, low: 10000, high: null, subject: north_korea}}
      - {{id: k1, metric: killed, text: "{killed}", start: {k_start}, end: {k_start + len(killed)}, value: {value},
         qualifier: exact, low: {value}, high: {value}, subject: north_korea}}
  b.txt:
    split: holdout
    published: 2025-01-10
    figures:
      - {{id: t2, metric: troops, text: "20.000", start: {b_start}, end: {b_start + 6}, value: 20000,
         qualifier: exact, low: 20000, high: 20000, subject: north_korea}}
conflicts:
  - {{a: a.txt#t1, b: b.txt#t2, expect: agree}}
"""


def test_eval_scores_figures_and_pairs(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (tmp_path / "gold.yaml").write_text(gold(ARTICLE_A.index("oltre"), ARTICLE_B.index("20.000"),
                                             ARTICLE_A.index("300")), encoding="utf-8")
    assert main(["eval", str(tmp_path / "gold.yaml"), "-q"]) == 0
    out = capsys.readouterr().out
    assert "| all      | 3      | 3         | 3         | 1.00     | 1.00        |" in out
    assert "error findings on pairs that agree or differ: 0/1" in out


def test_eval_lists_a_miss_with_its_line_and_fails_under_a_bar(tmp_path, capsys):
    # "una manciata" is a figure factcheck does not read (no convention says how many): a miss, at its line
    article = "Titolo\n" + ARTICLE_A.replace("sono morti 300 soldati nordcoreani", "sono morti una manciata di soldati")
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    text = gold(article.index("oltre"), ARTICLE_B.index("20.000"), article.index("una manciata"), "una manciata", 5)
    (tmp_path / "gold.yaml").write_text(text, encoding="utf-8")
    assert main(["eval", str(tmp_path / "gold.yaml"), "--split", "tune", "--fail-under", "0.9", "-q"]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'a.txt'}:2: killed" in out and "recall" in out


def test_a_malformed_gold_file_names_its_line(tmp_path, capsys):
    (tmp_path / "gold.yaml").write_text("articles:\n  a.txt:\n    split: maybe\n", encoding="utf-8")
    assert main(["eval", str(tmp_path / "gold.yaml")]) == 2
    assert "gold.yaml:" in capsys.readouterr().err
