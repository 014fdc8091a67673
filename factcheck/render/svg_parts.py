"""The pieces both kinds of chart are drawn with: the palette, scales, the time axis, arrowheads,
a mark's tooltip, and fitting labels into their room. Plain SVG text, the same bytes for the same
inputs (see charts.py for why the charts are drawn by our own code)."""
from __future__ import annotations

import datetime
import math
from html import escape

from factcheck.model import Severity
from factcheck.render.chart_data import Mark, month_names

# Colours: a finding's severity, or grey when the figure is in no finding.
COLOURS = {Severity.ERROR: "#d92d20", Severity.WARNING: "#dc6803", Severity.INFO: "#1570ef"}
NEUTRAL, NEUTRAL_EDGE = "#b9c0cc", "#667085"
INK, MUTED, GRID = "#1d2939", "#667085", "#eaecf0"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif"


def colour_of(mark: Mark) -> tuple[str, str]:
    """(fill, edge) of a mark."""
    if mark.severity is None:
        return NEUTRAL, NEUTRAL_EDGE
    return COLOURS[Severity(mark.severity)], COLOURS[Severity(mark.severity)]


def linear_scale(domain_low: float, domain_high: float, range_low: float, range_high: float):
    span = (domain_high - domain_low) or 1.0
    return lambda v: range_low + (v - domain_low) / span * (range_high - range_low)


def time_axis(lo: float, hi: float, x_of, bottom: float, left: float, right: float, yearless: bool) -> list[str]:
    out, last_day = [], datetime.date.max.toordinal()
    first, last = min(max(1, math.ceil(lo)), last_day), min(max(1, int(hi)), last_day)
    for day, label in date_ticks(datetime.date.fromordinal(first), datetime.date.fromordinal(last), yearless):
        x = x_of(day.toordinal())
        if left <= x <= right:
            out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 5}" stroke="{MUTED}"/>')
            out.append(f'<text x="{x:.1f}" y="{bottom + 18}" text-anchor="middle" fill="{MUTED}" '
                       f'font-size="11">{label}</text>')
    return out


def date_ticks(first: datetime.date, last: datetime.date, yearless: bool) -> list[tuple[datetime.date, str]]:
    """At most about eight ticks: years, months or days, whichever fits the span."""
    months_short = tuple(name[:3] for name in month_names())
    days = (last - first).days
    if days > 3 * 366 and not yearless:
        years = last.year - first.year
        step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if years / s <= 8), 10 ** math.ceil(math.log10(years / 8)))
        return [(datetime.date(y, 1, 1), str(y)) for y in range(first.year, last.year + 1)
                if y % step == 0 and first <= datetime.date(y, 1, 1) <= last]
    if days > 75:
        months = (last.year - first.year) * 12 + last.month - first.month
        step = next((s for s in (1, 2, 3, 6, 12) if months / s <= 8), 12)
        ticks, year, month, shown_year = [], first.year, first.month, None
        while (year, month) <= (last.year, last.month):
            day = datetime.date(year, month, 1)
            if (month - 1) % step == 0 and first <= day <= last:
                label = months_short[month - 1]
                if not yearless and (shown_year != year):
                    label, shown_year = f"{label} {year}", year
                ticks.append((day, label))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return ticks
    step = next((s for s in (1, 2, 7, 14, 28) if days / s <= 8), 28)
    ticks, shown_year = [], None
    for n in range(0, days + 1, step):
        day = first + datetime.timedelta(days=n)
        label = f"{day.day} {months_short[day.month - 1]}"
        if not yearless and shown_year != day.year:
            label, shown_year = f"{label} {day.year}", day.year
        ticks.append((day, label))
    return ticks


def arrow(x: float, tip: float, colour: str, up: bool, stem: bool = False) -> str:
    """An arrowhead at the open end of a bar (the bar is its stem; the legend's arrow has one of its own)."""
    back = tip + 9 if up else tip - 9
    head = f'<polygon points="{x:.1f},{tip:.1f} {x - 6:.1f},{back:.1f} {x + 6:.1f},{back:.1f}" fill="{colour}"/>'
    if not stem:
        return head
    return head + (f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{back:.1f}" y2="{back + (6 if up else -6):.1f}" '
                   f'stroke="{colour}" stroke-width="3"/>')


def with_tooltip(mark: Mark, links: bool, drawing: str) -> str:
    """A mark with its tooltip (the claim and its quote), linked to its first finding when asked."""
    when = "date unknown" if mark.start is None else ("as of " + mark.start.isoformat()
                                                       if mark.start == mark.end else "")
    facts = [f"{mark.where}: “{mark.figure}” = {mark.asserts}"]
    if when and not mark.yearless:
        facts[0] += f", {when}"
    if mark.derived:
        facts.append("derived: a sum of the source's own figures")
    if mark.findings:
        facts.append("in finding " + ", ".join(mark.sides) + f" ({mark.severity})")
    facts.append(fit(" ".join(mark.quote.split()), 300))
    group = (f'<g class="mark" data-claim="{escape(mark.claim)}"'
             f'{f" data-severity={chr(34)}{mark.severity}{chr(34)}" if mark.severity else ""}>'
             f"<title>{escape(chr(10).join(facts))}</title>{drawing}</g>")
    if links and mark.findings:
        return f'<a href="#finding-{mark.findings[0]}">{group}</a>'
    return group


def by_key(marks, key) -> dict:
    """The marks grouped by `key`, in its order; within a group, lowest interval first."""
    groups: dict = {}
    for mark in sorted(marks, key=lambda m: (key(m), m.low if m.low is not None else -1.0,
                                             m.high if m.high is not None else math.inf, m.where)):
        groups.setdefault(key(mark), []).append(mark)
    return dict(sorted(groups.items()))


def spread(marks, centre: float, gap: float) -> list[tuple[Mark, float]]:
    """Marks that share a date side by side around its position, so none hides another."""
    return [(mark, centre + (n - (len(marks) - 1) / 2) * gap) for n, mark in enumerate(marks)]


def fit_start(text: str, limit: int) -> str:
    """The end of a long path, which names the file: "…bilancio-abiad.md:133"."""
    return text if len(text) <= limit else "…" + text[len(text) - limit + 1:]


def fit(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
