"""Tables -> text: every output format of every command, in one registry.

    FORMATS[what][name](run) -> str
    what   claims (factcheck claims), findings (factcheck scan), diagnostics (factcheck check)
Adding an output format is one function here and one entry in FORMATS.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from factcheck.intervals import interval_text


def records(table) -> list[dict]:
    """Table rows as plain dicts: NaN becomes None, numpy scalars become Python numbers."""
    rows = []
    for row in table.to_dict(orient="records"):
        rows.append({key: _plain(value) for key, value in row.items()})
    return rows


def _plain(value):
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


@dataclass(frozen=True)
class Run:
    """What a command has to show: its claims, and the findings or diagnostics made of them."""

    claims: object  # the claims table
    findings: object = None  # the findings table
    diagnostics: list = field(default_factory=list)  # check.drafts.Diagnostic, for `factcheck check`
    facts: object = None  # render.report.RunFacts


def claims_json(run: Run) -> str:
    return json.dumps(records(run.claims), ensure_ascii=False, indent=2) + "\n"


def claims_csv(run: Run) -> str:
    return run.claims.to_csv(index=False, lineterminator="\n")


def claims_markdown(run: Run) -> str:
    table = run.claims
    from tabulate import tabulate

    rows = [[f"{r['source']}:{r['line']}", r["metric"], r["subject"], r["figure"], r["qualifier"],
             interval_text(r), r["count"]] for r in records(table)]
    headers = ["where", "metric", "about", "figure", "qualifier", "asserts", "times"]
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True) + "\n"


def findings_text(run: Run) -> str:
    """One line per finding, for terminals and logs."""
    return "".join(f"{f['severity']} [{f['rule']}] {f['message']}\n" for f in records(run.findings))


def findings_markdown(run: Run) -> str:
    from factcheck.render.report import render_report

    return render_report(run.claims, run.findings, run.facts)


def findings_json(run: Run) -> str:
    """{"findings": [...]}, each finding with its claims in full."""
    from factcheck.render.report import readable

    by_id = {row["id"]: readable(row) for row in records(run.claims)}
    keep = ("id", "source", "metric", "kind", "value", "low", "high", "qualifier", "date_start", "date_end",
            "figure", "quote", "start", "end", "line", "col", "derived")
    out = []
    for finding in records(run.findings):
        finding["claims"] = [{key: by_id[c].get(key) for key in keep} for c in finding["claims"]]
        out.append(finding)
    return json.dumps({"findings": out}, ensure_ascii=False, indent=2) + "\n"


def diagnostic_line(d) -> str:
    against = f" (vs {', '.join(d.vs)})" if d.vs else ""
    return f"{d.path}:{d.line}:{d.col}: {d.severity} [{d.rule}] {d.message}{against}"


def diagnostics_text(run: Run) -> str:
    """One line per draft figure in conflict, `path:line:col: severity [rule] ...`, as compilers write."""
    return "".join(diagnostic_line(d) + "\n" for d in run.diagnostics)


def diagnostics_json(run: Run) -> str:
    findings = [{"path": d.path, "line": d.line, "col": d.col, "severity": d.severity, "rule": d.rule,
                 "message": d.message, "vs": list(d.vs)} for d in run.diagnostics]
    return json.dumps({"findings": findings}, ensure_ascii=False, indent=2) + "\n"


FORMATS = {
    "claims": {"md": claims_markdown, "json": claims_json, "csv": claims_csv},
    "findings": {"text": findings_text, "md": findings_markdown, "json": findings_json},
    "diagnostics": {"text": diagnostics_text, "json": diagnostics_json},
}
