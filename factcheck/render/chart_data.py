"""What the charts show, before any drawing: which metric and subject get a chart, and each claim
as a `Mark` (its place in time, its interval, the findings it is in).

    charts(run) -> [Chart, ...]  (metric, subject, the claims placed on a time axis)

Kept apart from the SVG so the HTML report's tables (`asserts_text`, `open_ends`) read claims the
way the charts do without loading any drawing code.
"""
from __future__ import annotations

import datetime
import functools
import math
from dataclasses import dataclass

from factcheck.intervals import bound, interval_text
from factcheck.model import MetricKind, Severity

YEARLESS_DISPLAY = 2000  # a leap year, to draw year-less spans when no claim states a year


@dataclass(frozen=True)
class Mark:
    """One claim as drawn: where it sits in time, its interval, and the findings it is in."""

    claim: str                   # the claim's id
    where: str                   # source:line
    figure: str                  # as written
    asserts: str                 # interval_text of the claim
    quote: str
    start: datetime.date | None  # as_of (quantity) or span start (date); None: undated
    end: datetime.date | None
    yearless: bool               # a date span whose year no source states ("a giugno")
    low: float | None            # quantity interval; None = open end
    high: float | None
    value: float | None
    derived: bool
    findings: tuple[int, ...]    # numbers of the findings this claim is in, as the reports number them
    severity: str | None         # the worst of those findings' severities
    sides: tuple[str, ...] = ()  # "#2 A": finding 2, side A


@dataclass(frozen=True)
class Chart:
    metric: str
    subject: str
    kind: str                    # MetricKind
    marks: tuple[Mark, ...]

    @property
    def slug(self) -> str:
        """A stable file and anchor name: agreement_signed--north_korea+russia."""
        name = f"{self.metric}--{self.subject}" if self.subject else self.metric
        return "".join(c if c.isalnum() or c in "_+-." else "_" for c in name)

    @property
    def log_scale(self) -> bool:
        return self.kind != MetricKind.DATE and log_scale(self.marks)

    @property
    def title(self) -> str:
        about = " and ".join(self.subject.split("+"))
        return f"{self.metric}, about {about}" if self.subject else f"{self.metric} (no subject named)"


def charts(run) -> list[Chart]:
    """A chart for every metric and subject whose figures fall on more than one date, by metric then subject."""
    from factcheck.render.formats import records

    rows = [open_ends(row) for row in records(run.claims)]
    in_findings: dict[str, list[tuple[int, str, str]]] = {}
    if run.findings is not None:
        for number, finding in enumerate(records(run.findings), 1):
            groups = finding["groups"] if finding["groups"] and len(finding["groups"]) > 1 else [finding["claims"]]
            for side, group in enumerate(groups):
                letter = f" {chr(ord('A') + side)}" if len(groups) > 1 else ""
                for claim in group:
                    in_findings.setdefault(claim, []).append((number, finding["severity"], f"#{number}{letter}"))
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((row["metric"], row.get("subject") or ""), []).append(row)
    out = []
    for (metric, subject), members in sorted(groups.items()):
        kind = members[0]["kind"]
        marks = tuple(_mark(row, in_findings.get(row["id"], [])) for row in members)
        if kind == MetricKind.DATE:
            dates = {(m.start, m.end, m.yearless) for m in marks if m.start is not None}
        else:
            dates = {m.start for m in marks if m.start is not None}
        if len(dates) > 1:
            out.append(Chart(metric, subject, kind, marks))
    return out


def open_ends(row: dict) -> dict:
    """The row with every open end None: ±inf from the engine, and the 0 of "up to 300" (as the text
    says no lower bound, a chart draws it as an arrow)."""
    for key in ("low", "high", "read_low", "read_high"):
        if key in row:
            row[key] = bound(row[key])
    if row.get("qualifier") == "at_most" and row.get("low") == 0:
        row["low"] = None
    return row


def asserts_text(row: dict) -> str:
    """What a claim asserts, as an editor reads it: "≥ 10,000", "6 November 2024", "June, year not stated"."""
    if row["kind"] == MetricKind.DATE:
        start, start_yearless = _day(row.get("date_start"))
        end, end_yearless = _day(row.get("date_end"))
        if start is not None and end is not None:
            return date_text(start, end, start_yearless or end_yearless or row.get("year_known") is False)
    return interval_text(row)


def log_scale(marks) -> bool:
    """Whether the figures span more than a factor of 50 (82 soldiers and 40,000): a flat line on a linear scale."""
    positive = [v for m in marks for v in (m.low, m.high, m.value) if v is not None and v > 0]
    return bool(positive) and max(positive) / min(positive) > 50


def _mark(row: dict, findings: list[tuple[int, str, str]]) -> Mark:
    severity = min((Severity(s) for _, s, _ in findings), key=lambda s: s.rank, default=None)
    if row["kind"] == MetricKind.DATE:
        start, start_yearless = _day(row.get("date_start"))
        end, end_yearless = _day(row.get("date_end"))
        yearless = start_yearless or end_yearless or row.get("year_known") is False
    else:
        start, yearless = _day(row.get("as_of"))
        start = None if yearless else start  # a year-less "as of" places a figure nowhere on a time axis
        end = start
    value = row.get("value")
    return Mark(row["id"], f"{row['source']}:{row['line']}", str(row["figure"]), asserts_text(row), str(row["quote"]),
                start, end, yearless, bound(row.get("low")), bound(row.get("high")),
                bound(value) if isinstance(value, (int, float)) else None, bool(row.get("derived")),
                tuple(number for number, _, _ in findings), severity, tuple(side for _, _, side in findings))


@functools.cache
def month_names() -> tuple[str, ...]:
    """The months as the reports name them. The reports are written in English: en.yaml's months, capitalised."""
    from factcheck import languages

    return tuple(name.capitalize() for name in languages.load("en").section("dates")["months"])


def date_text(start: datetime.date, end: datetime.date, yearless: bool = False) -> str:
    """A span as an editor says it: "6 November 2024", "June 2024", "2017–2021", "June, year not stated"."""
    def year(day: datetime.date) -> str:
        return ", year not stated" if yearless else f" {day.year}"

    months = month_names()
    whole_months = start.day == 1 and (end + datetime.timedelta(days=1)).day == 1
    if start == end:
        return f"{start.day} {months[start.month - 1]}{year(start)}"
    if whole_months and start.month == 1 and end.month == 12 and not yearless:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if whole_months and (start.year, start.month) == (end.year, end.month):
        return f"{months[start.month - 1]}{year(start)}"
    if whole_months:
        head = months[start.month - 1] + ("" if start.year == end.year else year(start))
        return f"{head} – {months[end.month - 1]}{year(end)}"
    head = f"{start.day} {months[start.month - 1]}" + ("" if start.year == end.year else year(start))
    return f"{head} – {end.day} {months[end.month - 1]}{year(end)}"


def _day(text) -> tuple[datetime.date | None, bool]:
    """An ISO day as a date, and whether its year is unknown ("XXXX-06-01" reads as 2000-06-01, True)."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None, False
    if isinstance(text, datetime.datetime):
        return text.date(), False
    if isinstance(text, datetime.date):
        return text, False
    text = str(text)[:10]
    yearless = text.startswith("XXXX")
    if yearless:
        text = f"{YEARLESS_DISPLAY}{text[4:]}"
    try:
        return datetime.date.fromisoformat(text), yearless
    except ValueError:
        return None, False
