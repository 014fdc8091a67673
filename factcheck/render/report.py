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

QUOTE_CONTEXT = 70   # characters of the sentence kept on each side of the figure
WORST = 3            # findings named in the report's opening lines
CLAIMS_PER_SIDE = 3  # claims of one side shown in a finding; the appendix has them all
SOURCES_LISTED = 20  # sources named in the run facts; the appendix names every one
CELL = {"where": 34, "figure": 30, "according to": 20}  # longest cell text: no table row over 160 characters


@dataclass(frozen=True)
class RunFacts:
    sources: list[str]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    rules: list[str] = field(default_factory=list)
    seconds: float | None = None  # the run's time: only on request, as it changes every run
    appendix: str | None = None   # the file beside the report that lists every figure
    charts: list = field(default_factory=list)  # (metric, subject, path) of the SVG charts beside it


def render_report(claims, findings, facts: RunFacts) -> str:
    """The report: what was read and the worst findings first, then each finding's sides and quotes.
    Its size grows with the findings, not with the corpus: every figure is listed in the appendix."""
    rows = {row["id"]: readable(row) for row in records(claims)}
    finding_rows = records(findings)
    parts = ["# factcheck report", "", _run_facts(facts, rows, finding_rows), "", "## Findings", ""]
    if not finding_rows:
        parts += ["No discrepancies found.", ""]
    explained: dict[str, int] = {}  # rule -> the finding that says why it matters, said once
    for number, finding in enumerate(finding_rows, 1):
        parts += _finding_section(number, finding, rows, explained.setdefault(finding["rule"], number))
    stated = sum(1 for r in rows.values() if not r.get("derived"))
    where = f"[{facts.appendix}]({facts.appendix})" if facts.appendix else "`factcheck claims`"
    parts += ["## Every figure", "", f"All {stated} figures, by metric and subject, are listed in {where}.", ""]
    if facts.charts:
        parts += ["Figures over time, each interval a bar, the conflicting ones marked:", ""]
        parts += [f"- [{metric}, about {_subject(subject)}]({path})" if subject else f"- [{metric}]({path})"
                  for metric, subject, path in facts.charts]
        parts += [""]
    return "\n".join(parts)


def render_appendix(claims) -> str:
    """Every figure by metric and subject, so agreement is visible too; derived figures marked."""
    rows = {row["id"]: readable(row) for row in records(claims)}
    return "\n".join(["# factcheck: every figure", "", *_figures_by_metric(rows)])


def _run_facts(facts: RunFacts, rows: dict, findings: list[dict]) -> str:
    stated = sum(1 for r in rows.values() if not r.get("derived"))
    counts = ", ".join(f"{sum(1 for f in findings if f['severity'] == s)} {s}" for s in Severity)
    time = f" in {facts.seconds:.2f} s" if facts.seconds is not None else ""
    lines = [f"{len(facts.sources)} sources read, {len(facts.skipped)} skipped, {stated} claims, "
             f"{len(facts.rules)} rules{time}: **{counts}**."]
    if findings:
        lines += ["", "Worst first:"]
        lines += [f"{n}. **{f['severity']}** {_worst_line(f, rows)}" for n, f in enumerate(findings[:WORST], 1)]
    shown = ", ".join(f"`{_line(s)}`" for s in facts.sources[:SOURCES_LISTED])
    more = f" and {len(facts.sources) - SOURCES_LISTED} more" if len(facts.sources) > SOURCES_LISTED else ""
    lines += ["", f"Sources: {shown}{more}."]
    for path, reason in facts.skipped[:SOURCES_LISTED]:
        lines.append(f"Skipped: `{_line(path)}`: {_line(reason)}.")
    if len(facts.skipped) > SOURCES_LISTED:
        lines.append(f"Skipped: {len(facts.skipped) - SOURCES_LISTED} more files (see the run's stderr).")
    lines.append("Rules: " + ", ".join(f"`{r}`" for r in facts.rules) + ".")
    return "\n".join(lines)


def _worst_line(finding: dict, rows: dict) -> str:
    """ "When was the agreement signed? a.txt "6 novembre 2024" vs b.txt "a giugno" " in one line."""
    sides = []
    for group in finding["groups"][:2]:
        row = rows[group[0]]
        others = len({rows[c]["source"] for c in group}) - 1
        also = f" (+{others} source{'s' if others > 1 else ''})" if others else ""
        sides.append(f"`{_line(row['source'])}` \"{_cell(row['figure'])[:CELL['figure']]}\"{also}")
    return f"{finding['question']} " + " vs ".join(sides)


def _finding_section(number: int, finding: dict, rows: dict, explained_in: int) -> list[str]:
    about = f" · about {_subject(finding['subject'])}" if finding["subject"] else ""
    lines = [f"### {number}. {finding['question']} — {finding['severity']}", "",
             f"`{finding['rule']}` · {finding['metric']}{about} · `{finding.get('reason', '')}`", ""]
    table, quotes = [], []
    for side, group in enumerate(finding["groups"]):
        label = chr(ord("A") + side)
        for claim_id in group[:CLAIMS_PER_SIDE]:
            row = rows[claim_id]
            cells = [label, f"`{_fit(row['source'] + ':' + str(row['line']), CELL['where'])}`",
                     _fit(_cell(row["figure"]), CELL["figure"]), interval_text(row),
                     _fit(_cell(row.get("attribution") or ""), CELL["according to"]), row.get("as_of") or ""]
            if finding["lowered"]:
                cells.append(interval_text(_read_closely(row)))
            table.append(cells)
        if len(group) > CLAIMS_PER_SIDE:
            table.append([label, f"{len(group) - CLAIMS_PER_SIDE} more agree (appendix)", "", "", "", ""]
                         + ([""] if finding["lowered"] else []))
        quotes.append(f"> **{label}** {_quote_with_figure(rows[group[0]])}")
    headers = ["side", "where", "figure", "asserts", "according to", "as of"]
    headers += ["read as meant"] if finding["lowered"] else []
    lines += [_table(table, headers), "", *(q for quote in quotes for q in (quote, ">")), ""]
    lines[-2:] = [""]  # no empty quote line at the end
    lines += [f"**Why they conflict.** {_line(finding['summary'])}.", ""]  # the sides are in the table
    if any(rows[c].get("derived") for c in finding["claims"]):
        lines += ["A figure marked *derived* is the sum of the source's own figures, "
                  "computed by a relation rule; each part is in the appendix.", ""]
    if finding["lowered"]:
        lines += [f"Reported as {finding['severity']}, one level below the rule's: the figures conflict only "
                  "when \"more than N\" or \"up to N\" is read as close to N, as journalists usually mean it.", ""]
    if explained_in != number:
        lines += [f"Why it matters and what to do: as in finding {explained_in} (`{finding['rule']}`).", ""]
        return lines
    lines += [f"**Why it matters.** {_line(finding['description'])}", ""]
    if finding["suggestion"]:
        lines += [f"**What to do.** {_line(finding['suggestion'])}", ""]
    return lines


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _figures_by_metric(rows: dict) -> list[str]:
    lines = []
    for metric, subject in sorted({(r["metric"], r.get("subject") or "") for r in rows.values()}):
        members = sorted((r for r in rows.values() if r["metric"] == metric and (r.get("subject") or "") == subject),
                         key=_claim_order)
        lines += [f"## {metric}, about {_subject(subject)}" if subject else f"## {metric}", "", _table(
            [[f"`{_fit(r['source'] + ':' + str(r['line']), CELL['where'])}`", _fit(_cell(r["figure"]), CELL["figure"]),
              interval_text(r), _fit(_cell(r.get("attribution") or ""), CELL["according to"]), r.get("as_of") or "",
              _derived(r), r["count"]] for r in members],
            ["where", "figure", "asserts", "according to", "as of", "derived", "times"]), ""]
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
