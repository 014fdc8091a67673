"""The Markdown report: committed for the seeds, regenerated identically, readable as text."""
from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT


def test_committed_seed_report_is_what_the_main_command_writes(tmp_path):
    out = tmp_path / "seeds.md"
    result = subprocess.run([sys.executable, "-m", "factcheck", "scan", "seeds", "--report", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1, result.stderr  # an error on the seeds: the agreement's date
    assert out.read_text(encoding="utf-8") == (ROOT / "reports" / "seeds.md").read_text(encoding="utf-8"), \
        "reports/seeds.md is stale: run `make demo` and commit it"


def test_seed_report_tells_the_editor_what_conflicts():
    report = (ROOT / "reports" / "seeds.md").read_text(encoding="utf-8")
    assert "### 1. When was the agreement signed? — error" in report
    assert "**a giugno**" in report and "**lo scorso 6 novembre 2024**" in report
    assert "`000_4a4e53d0ee22526a.txt:34`" in report and "`004_78bea803d37818f1.txt:11`" in report
    assert "How many casualties (killed and wounded) were there? — warning" in report
    assert "derived" in report
    assert "Worst first:\n1. **error** When was the agreement signed?" in report
    assert "## Every figure" in report
    assert "troops_agree" not in report.split("## Findings")[1]
    assert max(len(line) for line in report.splitlines() if line.startswith("|")) <= 160


CLAIM = st.fixed_dictionaries({
    "source": st.sampled_from(["a.txt", "b.md", "c|d.txt"]),
    "metric": st.sampled_from(["troops", "killed", "wounded", "casualties", "agreement_signed"]),
    "low": st.one_of(st.none(), st.floats(0, 1e9)),
    "width": st.one_of(st.none(), st.floats(0, 1e6)),
    "qualifier": st.sampled_from(["exact", "approx", "at_least", "at_most", "range", "fraction"]),
    "figure": st.text(max_size=30),
    "quote": st.text(max_size=200),
    "day": st.dates(),
    "yearless": st.booleans(),
})


@settings(max_examples=60, deadline=None)
@given(st.lists(CLAIM, max_size=12))
def test_report_builds_for_arbitrary_claims(claims):
    import pandas as pd

    from factcheck.model import CLAIM_COLUMNS
    from factcheck.check.engine import evaluate
    from factcheck.render.report import RunFacts, render_report
    from factcheck.check.ruleset import load_rules

    rows = []
    for n, c in enumerate(claims):
        row = dict.fromkeys(CLAIM_COLUMNS)
        is_date = c["metric"] == "agreement_signed"
        low = None if is_date else c["low"]
        high = None if low is None or c["width"] is None else low + c["width"]
        start = c["day"].isoformat()
        if c["yearless"]:
            start = "XXXX" + start[4:]
        row.update(id=f"{c['source']}:{n + 1}:1", source=c["source"], metric=c["metric"],
                   kind="date" if is_date else "quantity", value=low, low=low if not is_date else None,
                   high=high, qualifier=c["qualifier"], figure=c["figure"], quote=c["quote"],
                   date_start=start if is_date else None, date_end=start if is_date else None,
                   start=0, end=1, line=n + 1, col=1, lang="it", count=1, offsets=[[0, 1]])
        if not is_date and low is None:
            row["low"] = 0.0
        rows.append(row)
    rules = load_rules()
    evaluation = evaluate(pd.DataFrame(rows, columns=list(CLAIM_COLUMNS)), rules)
    report = render_report(evaluation.claims, evaluation.findings, RunFacts(["a.txt"], [], sorted(rules.checks)))
    assert report.startswith("# factcheck report")
    for line in report.splitlines():
        if line.startswith("|"):
            assert line.endswith("|")


def test_timing_is_in_the_report_only_on_request(tmp_path):
    out = tmp_path / "timed.md"
    subprocess.run([sys.executable, "-m", "factcheck", "scan", "seeds", "--report", str(out), "--timing"],
                   capture_output=True, text=True, cwd=ROOT)
    facts = out.read_text(encoding="utf-8").split("## Findings")[0]
    assert re.search(r"7 rules in \d+\.\d\d s:", facts)
    assert " s:" not in (ROOT / "reports" / "seeds.md").read_text(encoding="utf-8").split("## Findings")[0]
