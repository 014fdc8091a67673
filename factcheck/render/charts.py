"""Figures over time as SVG: one chart per metric and subject whose figures fall on more than one date.

    charts(run)               -> [Chart, ...]  (metric, subject, the claims placed on a time axis; chart_data.py)
    chart_svg(chart)          -> "<svg ...>"   (the same text inline in the HTML report and in a file)
    write_charts(run, folder) -> [(metric, subject, path), ...]  standalone .svg files for the Markdown report

This module draws the two kinds of chart; what each shows comes from chart_data.py, the pieces
both are drawn with (palette, axes, tooltips) from svg_parts.py.

A quantity chart puts each figure at its `as_of` date, its interval a vertical bar (a point when
exact), an open end an arrow past the axis; a date chart gives each claimed date a row, its span a
bar on the time axis (a point for a day). Figures in a finding take that finding's severity colour
and the others stay grey, so a conflict shows at a glance; each mark has a tooltip with its quote.

Why SVG written by our own small code, and not a plotting library (each checked on the registry):
matplotlib is a 10 MB wheel with Pillow, fonttools, kiwisolver and contourpy behind it, for a few
bars and points, and its SVG carries generated ids and a date unless told otherwise; Vega-Lite
through altair draws at view time from about 1 MB of JavaScript to inline in every report, and a
standalone SVG of it needs vl-convert, a 34 MB binary. A chart here is a date axis, a value axis,
bars, points and arrows: a few hundred lines of text with no dependency, the same bytes for the
same inputs, readable with JavaScript off, and one SVG for the HTML page and the Markdown report.
"""
from __future__ import annotations

import datetime
import math
from html import escape
from pathlib import Path

from factcheck.intervals import format_number
from factcheck.model import MetricKind, Severity
from factcheck.render.chart_data import Chart, Mark, charts, log_scale
from factcheck.render.svg_parts import (COLOURS, FONT, GRID, INK, MUTED, NEUTRAL, NEUTRAL_EDGE, arrow, by_key,
                                        colour_of, fit, fit_start, linear_scale, spread, time_axis, with_tooltip)

WIDTH = 960
LEGEND = 30         # height of the legend row under the plot
LANE = 34           # height of one row of a date chart
LABELS = 330        # width of the row labels of a date chart
UNDATED = 96        # width of the "date unknown" column of a quantity chart
ARROW = 12          # how far an open end's arrow pokes past the axis


def write_charts(run, folder) -> list[tuple[str, str, Path]]:
    """Each chart of `run` as a standalone SVG file in `folder` (made if missing), named by its slug;
    returns (metric, subject, path) for the Markdown report to link."""
    from factcheck.errors import FactcheckError
    from factcheck.render.files import write_atomic

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FactcheckError(f"{folder}: cannot make the charts folder ({exc.strerror or exc})") from None
    written = []
    for chart in charts(run):
        path = folder / f"{chart.slug}.svg"
        write_atomic(path, '<?xml version="1.0" encoding="UTF-8"?>\n' + chart_svg(chart, standalone=True))
        written.append((chart.metric, chart.subject, path))
    return written



def chart_svg(chart: Chart, links: bool = False, standalone: bool = False) -> str:
    """The chart as SVG text. `links`: a mark in a finding links to it (#finding-N, in the HTML report);
    `standalone`: a file of its own, with the namespace a bare .svg needs."""
    body, height = (_date_chart if chart.kind == MetricKind.DATE else _quantity_chart)(chart, links)
    namespace = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    if standalone:  # a file of its own says what it shows; in the HTML report its caption does
        heading = f"{chart.title}{' (log scale)' if chart.log_scale else ''}"
        body = [f'<text x="10" y="20" font-size="14" font-weight="600">{escape(heading)}</text>',
                '<g transform="translate(0 28)">', *body, "</g>"]
        height += 28
    return (f'<svg{namespace} class="chart-svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
            f'role="img" font-family="{escape(FONT)}" font-size="12" fill="{INK}">'
            f"<title>{escape(chart.title)}: figures over time</title>"
            f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>' + "".join(body) + "</svg>\n")


# ---------------------------------------------------------------- quantity charts: value over as_of


def _quantity_chart(chart: Chart, links: bool) -> tuple[list[str], int]:
    top, bottom, left = 26, 246, 74
    dated = [m for m in chart.marks if m.start is not None]
    undated = [m for m in chart.marks if m.start is None]
    right = WIDTH - 20 - (UNDATED if undated else 0)
    days = [m.start.toordinal() for m in dated]
    first, last = min(days), max(days)
    pad = max(1.0, (last - first) * 0.06)
    x_of = linear_scale(first - pad, last + 1 + pad, left, right)
    y_of, ticks, log = _value_scale(chart.marks, bottom, top)
    out = []
    for value, label in ticks:
        y = y_of(value)
        out.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}" font-size="11">{label}</text>')
    out += time_axis(first - pad, last + 1 + pad, x_of, bottom, left, right, yearless=False)
    positions = []
    for day, members in by_key(dated, lambda m: m.start.toordinal()).items():
        centre = x_of(day + 0.5)
        positions += spread(members, centre, 14)
    if undated:
        column = right + 14
        out.append(f'<line x1="{column}" x2="{column}" y1="{top}" y2="{bottom}" stroke="{GRID}" stroke-dasharray="4 3"/>')
        out.append(f'<text x="{(column + WIDTH - 20) / 2:.1f}" y="{bottom + 18}" text-anchor="middle" fill="{MUTED}" '
                   'font-size="11">date unknown</text>')
        width = WIDTH - 20 - column - 16
        positions += spread(undated, column + 8 + width / 2, min(14.0, width / max(1, len(undated))))
    # grey first, so the marks in findings are drawn on top
    for mark, x in sorted(positions, key=lambda item: item[0].severity is not None):
        out.append(with_tooltip(mark, links, _quantity_mark(mark, x, y_of, bottom, top, log)))
    out.append(f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="{MUTED}"/>')
    out += _legend(chart, bottom + 40)
    return out, bottom + 40 + LEGEND


def _quantity_mark(mark: Mark, x: float, y_of, bottom: float, top: float, log: bool) -> str:
    fill, edge = colour_of(mark)
    face = "#ffffff" if mark.derived else fill
    low = mark.low if mark.low is not None and not (log and mark.low <= 0) else None
    high = mark.high
    if low is not None and high is not None and low == high:
        return f'<circle cx="{x:.1f}" cy="{y_of(low):.1f}" r="5.5" fill="{face}" stroke="{edge}" stroke-width="2"/>'
    y_low = y_of(low) if low is not None else bottom
    y_high = y_of(high) if high is not None else top - ARROW + 6
    if y_low - y_high < 8:  # a narrow interval still shows as a bar, not a speck
        y_low, y_high = (y_low + y_high) / 2 + 4, (y_low + y_high) / 2 - 4
    parts = [f'<rect x="{x - 4:.1f}" y="{y_high:.1f}" width="8" height="{y_low - y_high:.1f}" rx="3" '
             f'fill="{face}" stroke="{edge}" stroke-width="{1.5 if mark.derived else 1}"/>']
    if high is None:
        parts.append(arrow(x, top - ARROW, edge, up=True))
    if low is None:
        parts.append(arrow(x, y_low + (8 if log else 0), edge, up=False))  # "up to 300": open below
    if mark.value is not None and (low is None or mark.value > low) and (high is None or mark.value < high):
        y = y_of(mark.value)
        parts.append(f'<line x1="{x - 7:.1f}" x2="{x + 7:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{edge}" '
                     'stroke-width="2"/>')
    return "".join(parts)


def _value_scale(marks, bottom: float, top: float):
    """y(value), the ticks [(value, label)], and whether the scale is logarithmic (figures that
    span more than a factor of 50, as 82 soldiers and 40,000 do, would be a flat line otherwise)."""
    values = [v for m in marks for v in (m.low, m.high, m.value) if v is not None]
    positive = [v for v in values if v > 0]
    highest = max(values, default=1.0) or 1.0
    if log_scale(marks):
        floor, ceiling = math.floor(math.log10(min(positive))), math.ceil(math.log10(highest))
        ceiling = max(ceiling, floor + 1)
        scale = linear_scale(floor, ceiling, bottom, top)
        steps = (1, 2, 5) if ceiling - floor <= 3 else (1,)
        ticks = [(float(m * 10 ** e), _short(m * 10 ** e)) for e in range(floor, ceiling + 1) for m in steps
                 if m * 10 ** e <= 10 ** ceiling]
        return (lambda v: scale(math.log10(v)) if v > 0 else bottom), ticks, True
    step = _nice_step(highest * 1.08 / 5)
    ceiling = math.ceil(highest * 1.08 / step) * step
    scale = linear_scale(0, ceiling, bottom, top)
    ticks = [(n * step, _short(n * step)) for n in range(int(round(ceiling / step)) + 1)]
    return scale, ticks, False


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _short(value: float) -> str:
    """Axis labels: 12,000 as 12k, 2,500,000 as 2.5M."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return format_number(round(value / size, 2)) + suffix
    return format_number(round(value, 2))


# ---------------------------------------------------------------- date charts: one row per claimed date


def _date_chart(chart: Chart, links: bool) -> tuple[list[str], int]:
    marks = sorted((m for m in chart.marks if m.start is not None),
                   key=lambda m: (m.yearless, m.start, m.end or m.start, m.where))
    left, right, top = LABELS + 10, WIDTH - 24, 14
    bottom = top + LANE * len(marks)
    stated = [m for m in marks if not m.yearless]
    yearless_axis = not stated
    if stated:
        first = min(m.start for m in stated)
        last = max(m.end or m.start for m in stated)
        for mark in marks:  # a year-less span is drawn in the years shown; make room for one when none is
            if mark.yearless and not _yearless_instances(mark, first, last):
                first = min(first, _recent_instance(mark, last))
    else:
        first, last = min(m.start for m in marks), max(m.end or m.start for m in marks)
    lo, hi = first.toordinal(), last.toordinal() + 1
    pad = max(3.0, (hi - lo) * 0.05)
    x_of = linear_scale(lo - pad, hi + pad, left, right)
    out = time_axis(lo - pad, hi + pad, x_of, bottom, left, right, yearless=yearless_axis)
    for lane, mark in enumerate(marks):
        y = top + LANE * lane + LANE / 2
        if lane % 2 == 0:
            out.append(f'<rect x="0" y="{y - LANE / 2:.1f}" width="{right}" height="{LANE}" fill="#f9fafb"/>')
        out.append(f'<text x="10" y="{y - 3:.1f}" font-weight="600">{escape(fit(mark.figure, 36))}</text>')
        note = f"{mark.asserts} · "
        note += fit_start(mark.where, max(12, 56 - len(note)))
        out.append(f'<text x="10" y="{y + 11:.1f}" fill="{MUTED}" font-size="10.5">{escape(fit(note, 58))}</text>')
        if mark.sides:
            out.append(f'<text x="{LABELS}" y="{y - 3:.1f}" text-anchor="end" font-size="11" font-weight="700" '
                       f'fill="{colour_of(mark)[1]}">{escape(" ".join(mark.sides))}</text>')
        if mark.yearless and stated:
            spans = _yearless_instances(mark, first, last)
        else:
            spans = [(mark.start, mark.end or mark.start)]
        out.append(with_tooltip(mark, links, "".join(_span(mark, a, b, x_of, y) for a, b in spans)))
    out.append(f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="{MUTED}"/>')
    out += _legend(chart, bottom + 40)
    return out, bottom + 40 + LEGEND


def _span(mark: Mark, start: datetime.date, end: datetime.date, x_of, y: float) -> str:
    fill, edge = colour_of(mark)
    if start == end:
        x = x_of(start.toordinal() + 0.5)
        return (f'<path d="M{x:.1f} {y - 7:.1f} L{x + 7:.1f} {y:.1f} L{x:.1f} {y + 7:.1f} L{x - 7:.1f} {y:.1f} Z" '
                f'fill="{"#ffffff" if mark.yearless else fill}" stroke="{edge}" stroke-width="2"/>')
    x0, x1 = x_of(start.toordinal()), x_of(end.toordinal() + 1)
    width = max(4.0, x1 - x0)
    dash = ' stroke-dasharray="3 2"' if mark.yearless else ""
    return (f'<rect x="{(x0 + x1 - width) / 2:.1f}" y="{y - 6:.1f}" width="{width:.1f}" height="12" rx="3" '
            f'fill="{fill}" fill-opacity="{0.35 if mark.yearless else 0.9}" stroke="{edge}" stroke-width="1.5"{dash}/>')


def _yearless_instances(mark: Mark, first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The year-less span in each year from `first` to `last` where it falls inside them."""
    out = []
    for year in range(first.year, last.year + 1):
        start, end = _in_year(mark.start, year), _in_year(mark.end or mark.start, year)
        if start and end and start >= first and end <= last:
            out.append((start, end))
    return out


def _recent_instance(mark: Mark, last: datetime.date) -> datetime.date:
    """The start of the latest year-less span that ends by `last` (as factcheck reads "a giugno": the most recent)."""
    for year in range(last.year, last.year - 5, -1):
        start, end = _in_year(mark.start, year), _in_year(mark.end or mark.start, year)
        if start and end and end <= last:
            return start
    return _in_year(mark.start, last.year - 1) or last


def _in_year(day: datetime.date, year: int) -> datetime.date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


def _legend(chart: Chart, y: float) -> list[str]:
    """What the shapes and colours mean, under the plot: a standalone SVG explains itself."""
    items = []  # (draw(x) -> svg, width of the drawing, label)
    if chart.kind == MetricKind.DATE:
        items.append((lambda x: f'<path d="M{x + 6} {y - 11} L{x + 12} {y - 5} L{x + 6} {y + 1} L{x} {y - 5} Z" '
                                f'fill="{NEUTRAL}" stroke="{NEUTRAL_EDGE}" stroke-width="1.5"/>', 12, "a day"))
        items.append((lambda x: f'<rect x="{x}" y="{y - 10}" width="22" height="10" rx="3" fill="{NEUTRAL}" '
                                f'stroke="{NEUTRAL_EDGE}"/>', 22, "a month or a year"))
        if any(m.yearless for m in chart.marks):
            items.append((lambda x: f'<rect x="{x}" y="{y - 10}" width="22" height="10" rx="3" fill="{NEUTRAL}" '
                                    f'fill-opacity="0.35" stroke="{NEUTRAL_EDGE}" stroke-dasharray="3 2"/>', 22,
                          "year not stated: drawn in every year shown"))
    else:
        items.append((lambda x: f'<circle cx="{x + 6}" cy="{y - 5}" r="5" fill="{NEUTRAL}" stroke="{NEUTRAL_EDGE}" '
                                'stroke-width="1.5"/>', 12, "exact figure"))
        items.append((lambda x: f'<rect x="{x + 2}" y="{y - 13}" width="8" height="16" rx="3" fill="{NEUTRAL}" '
                                f'stroke="{NEUTRAL_EDGE}"/>', 12, "interval"))
        items.append((lambda x: arrow(x + 6, y - 13, NEUTRAL_EDGE, up=True, stem=True), 12, "open end"))
        if any(m.derived for m in chart.marks):
            items.append((lambda x: f'<rect x="{x + 2}" y="{y - 13}" width="8" height="16" rx="3" fill="#ffffff" '
                                    f'stroke="{NEUTRAL_EDGE}" stroke-width="1.5"/>', 12, "derived (a sum)"))
    for severity in (s for s in Severity if any(m.severity == s for m in chart.marks)):
        items.append((lambda x, c=COLOURS[severity]: f'<rect x="{x}" y="{y - 10}" width="12" height="10" rx="2" '
                                                     f'fill="{c}"/>', 12,
                      f"in {'an' if severity[0] in 'aeiou' else 'a'} {severity} finding"))
    if any(m.severity is None for m in chart.marks):
        items.append((lambda x: f'<rect x="{x}" y="{y - 10}" width="12" height="10" rx="2" fill="{NEUTRAL}"/>', 12,
                      "in no finding"))
    out, x = [], 10.0
    for draw, width, label in items:
        out.append(draw(round(x, 1)))
        out.append(f'<text x="{x + width + 6:.1f}" y="{y}" fill="{MUTED}" font-size="11">{escape(label)}</text>')
        x += width + 6 + 6.5 * len(label) + 20  # about 6.5 px a character at 11 px
    return out
