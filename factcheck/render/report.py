"""Findings -> the Markdown discrepancy report an editor reads in a minute.

GitHub-flavoured Markdown built with tabulate; it reads as plain text too. No clock time in it:
the same inputs give the same bytes, so committed reports diff cleanly.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from factcheck.model import Severity
from factcheck.intervals import interval_text
from factcheck.render.formats import records

QUOTE_CONTEXT = 90  # characters of the sentence kept on each side of the figure


@dataclass(frozen=True)
class RunFacts:
    sources: list[str]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    rules: list[str] = field(default_factory=list)
    seconds: float | None = None  # the run's time: only on request, as it changes every run


def render_report(claims, findings, facts: RunFacts) -> str:
    """The whole report: run facts, summary, findings, figures by metric, appendix of claims."""
    rows = {row["id"]: readable(row) for row in records(claims)}
    finding_rows = records(findings)
    parts = ["# factcheck report", "", _run_facts(facts, rows, finding_rows), "", "## Summary", "",
             _summary(finding_rows), ""]
    parts += ["## Findings", ""]
    if not finding_rows:
        parts += ["No discrepancies found.", ""]
    for number, finding in enumerate(finding_rows, 1):
        parts += _finding_section(number, finding, rows)
    parts += ["## Figures by metric", "", "Every figure, so agreement is visible too.", ""]
    parts += _figures_by_metric(rows)
    parts += ["## Appendix: all claims", "", _table(
        [[f"`{r['id']}`", r["metric"], r.get("subject") or "", _cell(r["figure"]), r["qualifier"], interval_text(r),
          _derived(r)] for r in sorted(rows.values(), key=_claim_order)],
        ["id", "metric", "about", "figure", "qualifier", "asserts", "derived"]), ""]
    return "\n".join(parts)


def _run_facts(facts: RunFacts, rows: dict, findings: list[dict]) -> str:
    stated = sum(1 for r in rows.values() if not r.get("derived"))
    values = [len(facts.sources), len(facts.skipped), stated, len(facts.rules), len(findings)]
    headers = ["sources read", "skipped", "claims", "rules", "findings"]
    if facts.seconds is not None:
        values.append(f"{facts.seconds:.2f} s")
        headers.append("time")
    lines = [_table([values], headers)]
    lines += ["", "Sources: " + ", ".join(f"`{_line(s)}`" for s in facts.sources) + "."]
    for path, reason in facts.skipped:
        lines.append(f"Skipped: `{_line(path)}`: {_line(reason)}.")
    lines.append("Rules: " + ", ".join(f"`{r}`" for r in facts.rules) + ".")
    return "\n".join(lines)


def _summary(findings: list[dict]) -> str:
    counts = [[severity, sum(1 for f in findings if f["severity"] == severity)] for severity in Severity]
    return _table(counts, ["severity", "findings"])


def _finding_section(number: int, finding: dict, rows: dict) -> list[str]:
    about = f", about {_subject(finding['subject'])}" if finding["subject"] else ""
    lines = [f"### {number}. {finding['question']} — {finding['severity']}", "",
             f"`{finding['rule']}` ({finding['kind']}, {finding['metric']}{about}): {_line(finding['message'])}", ""]
    table = []
    for side, group in enumerate(finding["groups"]):
        label = chr(ord("A") + side) if len(finding["groups"]) > 1 else ""
        for claim_id in group:
            row = rows[claim_id]
            cells = [label, f"`{row['source']}`", _cell(row["figure"]), row["qualifier"], interval_text(row),
                     _cell(row.get("attribution") or ""), row.get("as_of") or ""]
            if finding["lowered"]:
                cells.append(interval_text(_read_closely(row)))
            table.append(cells + [_quote_with_figure(row), f"`{row['source']}:{row['line']}`"])
    headers = ["side", "source", "figure", "qualifier", "asserts", "according to", "as of"]
    headers += ["read as meant"] if finding["lowered"] else []
    lines += [_table(table, headers + ["quote", "where"]), ""]
    if any(rows[c].get("derived") for c in finding["claims"]):
        lines += ["A figure marked *derived* is the sum of the source's own figures, "
                  "computed by a relation rule; each part is in the appendix.", ""]
    if finding["lowered"]:
        lines += [f"Reported as {finding['severity']}, one level below the rule's: the figures conflict only "
                  "when \"more than N\" or \"up to N\" is read as close to N, as journalists usually mean it.", ""]
    lines += [f"**Why it matters.** {_line(finding['description'])}", ""]
    if finding["suggestion"]:
        lines += [f"**What to do.** {_line(finding['suggestion'])}", ""]
    return lines


def _figures_by_metric(rows: dict) -> list[str]:
    lines = []
    for metric, subject in sorted({(r["metric"], r.get("subject") or "") for r in rows.values()}):
        members = sorted((r for r in rows.values() if r["metric"] == metric and (r.get("subject") or "") == subject),
                         key=_claim_order)
        lines += [f"### {metric}, about {_subject(subject)}" if subject else f"### {metric}", "", _table(
            [[f"`{r['source']}`", _cell(r["figure"]), r["qualifier"], interval_text(r),
              _cell(r.get("attribution") or ""), r.get("as_of") or "", _derived(r), r["count"],
              f"`{r['source']}:{r['line']}`"] for r in members],
            ["source", "figure", "qualifier", "asserts", "according to", "as of", "derived", "times", "where"]), ""]
    return lines


def _subject(subject: str) -> str:
    """"north_korea+russia" as "north_korea and russia"."""
    return " and ".join(subject.split("+"))


def readable(row: dict) -> dict:
    """Open bounds as None (for interval_text), derived rows' parts named."""
    for key in ("low", "high", "read_low", "read_high"):
        if isinstance(row.get(key), float) and math.isinf(row[key]):
            row[key] = None
    if row.get("qualifier") == "at_most" and row.get("low") == 0:
        row["low"] = None
    return row


def _read_closely(row: dict) -> dict:
    """The row with the journalist's reading as its interval ("oltre 2.700" = 2,700–3,375)."""
    close = dict(row, low=row.get("read_low"), high=row.get("read_high"))
    return readable(close) if row["kind"] == "quantity" else row


def _quote_with_figure(row: dict) -> str:
    """The sentence around the figure, the figure in bold, cut to fit a table cell."""
    quote, figure = row["quote"], row["figure"]
    at = quote.find(figure)
    if at < 0:
        return _cell(quote if len(quote) <= 2 * QUOTE_CONTEXT else quote[:2 * QUOTE_CONTEXT] + "…")
    before = quote[max(0, at - QUOTE_CONTEXT):at]
    after = quote[at + len(figure):at + len(figure) + QUOTE_CONTEXT]
    head = "…" if at > QUOTE_CONTEXT else ""
    tail = "…" if at + len(figure) + QUOTE_CONTEXT < len(quote) else ""
    return _cell(f"{head}{before}", keep_edges=True) + f"**{_cell(figure)}**" + _cell(f"{after}{tail}", keep_edges=True)


def _line(text) -> str:
    """Text on one line: article text may hold newlines or control characters that end a line."""
    return " ".join(str(text).split())


def _cell(text, keep_edges: bool = False) -> str:
    """Text safe in a pipe-table cell, on one line; `keep_edges` keeps one space at either end
    (the space between a quote and its bold figure)."""
    text = str(text)
    body = " ".join(text.split()).replace("|", "\\|").replace("*", "\\*")
    if keep_edges and body:
        body = (" " if text[:1].isspace() else "") + body + (" " if text[-1:].isspace() else "")
    return body


def _derived(row: dict) -> str:
    return "derived" if row.get("derived") else ""


def _claim_order(row: dict):
    return (row["source"], row["start"], row["metric"])


def _table(rows: list[list], headers: list[str]) -> str:
    from tabulate import tabulate

    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)
