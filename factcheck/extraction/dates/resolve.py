"""Resolution: from what was written to a span, against the reference date (the most recent past one)."""
from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import replace

from factcheck.extraction.dates.span import _Found, _Partial
from factcheck.extraction.dates.span import DateSpan, YEARLESS_YEAR, _MONTHS_SEARCHED, _ONE_DAY, _YEARS_SEARCHED, _add_months, _day_span, _last_day, _month_span, _week_monday, _year_span

SOON = datetime.timedelta(days=7)  # a day-and-month this close after the reference is ahead, not a year back

def _resolve(found: _Found | None, reference: datetime.date | None) -> DateSpan | None:
    """The span a partial date names; a missing year comes from past resolution.

    (None, 6, None) with reference 2024-11-29 -> June 2024; without a reference, year-less.
    """
    if found is None or isinstance(found, DateSpan):
        return found
    year, month, day = found.year, found.month, found.day
    if year is not None:
        if month is None:
            return _year_span(year) if day is None else None
        return _month_span(year, month) if day is None else _day_span(year, month, day)
    if month is None:  # "giovedì 21": the latest 21st that was a Thursday
        if day is None or found.weekday is None or reference is None:
            return None

        def in_month(months_on: int) -> DateSpan | None:
            return _day_span(*_add_months(reference.year, reference.month, months_on), day)
        return _nearest(in_month, None, reference, found.weekday, _MONTHS_SEARCHED)
    if reference is None:
        span = _resolve(replace(found, year=YEARLESS_YEAR), None)
        return None if span is None else replace(span, yearless=True)

    def in_year(years_on: int) -> DateSpan | None:
        return _resolve(replace(found, year=reference.year + years_on), None)
    weekday = found.weekday if day is not None else None
    return _nearest(in_year, found.shift, reference, weekday, _YEARS_SEARCHED)


def _nearest(copy: Callable[[int], DateSpan | None], shift: int | None, reference: datetime.date,
             weekday: int | None, limit: int) -> DateSpan | None:
    """The copy (`copy(n)`: n years or months on) that `shift` names, per TimeML past resolution.

    None: the latest starting on or before the reference; -1 ("scorso"): the latest ending
    before it; 0 ("questo"): the reference's own; n > 0: the n-th starting after it.
    """
    def fits(span: DateSpan | None) -> bool:
        return span is not None and (weekday is None or span.start.weekday() == weekday)

    if shift == 0:  # "this January 29": the year is the reference's; a weekday that does not fit it
        return copy(0)  # ("Tuesday this January 29") is the writer's slip, the day as written stands
    if shift is None:
        # "dal 19 gennaio" in a report of 16 January, "domenica 19 gennaio": a day just ahead is that
        # day, as news announces what starts soon; further ahead, the most recent past one
        soon = [span for span in (copy(0), copy(1)) if fits(span) and span.granularity == "day"
                and reference < span.start <= reference + SOON]
        if soon:
            return soon[0]
    if shift is None or shift < 0:
        for n in range(0, -limit, -1):
            span = copy(n)
            if fits(span) and (span.end < reference if shift else span.start <= reference):
                return span
        return None
    found = 0
    for n in range(limit):
        span = copy(n)
        if fits(span) and span.start > reference:
            found += 1
            if found == shift:
                return span
    return None


def _join(first: _Found, last: _Found, reference: datetime.date | None) -> DateSpan | None:
    """One span from the start of `first` to the end of `last`, each lending the other what it
    leaves out: "dal 3 al 5 giugno 2024", "da novembre a febbraio 2024" (November 2023)."""
    first, last = _lend_month(first, last), _lend_month(last, first)
    if first is None or last is None:
        return None
    if _lacks_year(first):
        last_span = _resolve(last, reference)
        first_span = _lend_year(first, last_span, later=False)
    elif _lacks_year(last):
        first_span = _resolve(first, reference)
        last_span = _lend_year(last, first_span, later=True)
    else:
        first_span, last_span = _resolve(first, reference), _resolve(last, reference)
    if first_span is None or last_span is None:
        return None
    return DateSpan(min(first_span.start, last_span.start), max(first_span.end, last_span.end),
                    yearless=first_span.yearless and last_span.yearless)


def _lacks_year(found: _Found) -> bool:
    return isinstance(found, _Partial) and found.year is None


def _lend_month(side: _Found | None, other: _Found | None) -> _Found | None:
    """ "dal 3 al 5 giugno": a bare day takes its month and year from the other end."""
    if not (isinstance(side, _Partial) and side.month is None and side.day is not None):
        return side
    if not (isinstance(other, _Partial) and other.month is not None):
        return None
    return replace(side, month=other.month, year=other.year)


def _lend_year(side: _Partial, anchor: DateSpan | None, *, later: bool) -> DateSpan | None:
    """`side` in the anchor's year, moved one year on when it would come out of order."""
    if anchor is None:
        return None
    year = anchor.end.year if later else anchor.start.year
    span = _resolve(replace(side, year=year, shift=None), None)
    if span is not None and (span.end < anchor.start if later else span.start > anchor.end):
        span = _resolve(replace(side, year=year + (1 if later else -1), shift=None), None)
    if span is not None and anchor.yearless:
        span = replace(span, yearless=True)
    return span


def _unit_span(reference: datetime.date, unit: str, count: int) -> DateSpan | None:
    """The day, Monday-to-Sunday week, month or year `count` units from the reference's."""
    if unit == "day":
        day = reference + datetime.timedelta(days=count)
        return DateSpan(day, day)
    if unit == "week":
        monday = _week_monday(reference, count)
        return DateSpan(monday, monday + 6 * _ONE_DAY)
    if unit == "month":
        return _month_span(*_add_months(reference.year, reference.month, count))
    return _year_span(reference.year + count)


def _weekday_near(reference: datetime.date, weekday: int, shift: int | None) -> datetime.date:
    """ "venerdì": the latest on or before the reference; "scorso" strictly before; "prossimo"
    strictly after (n-th for n > 1); "questo": in the reference's Monday-to-Sunday week."""
    today = reference.weekday()
    if shift is None:
        return reference - datetime.timedelta(days=(today - weekday) % 7)
    if shift < 0:
        return reference - datetime.timedelta(days=(today - weekday - 1) % 7 + 1)
    if shift == 0:
        return _week_monday(reference) + datetime.timedelta(days=weekday)
    return reference + datetime.timedelta(days=(weekday - today - 1) % 7 + 1 + 7 * (shift - 1))


def _nth_in_month(year: int, month: int, nth: int, weekday: int | None) -> DateSpan | None:
    """The nth weekday of a month (nth -1: the last); with weekday None, the nth day."""
    if _month_span(year, month) is None or nth == 0:
        return None
    last = _last_day(year, month)
    if weekday is None:
        return DateSpan(last, last) if nth == -1 else _day_span(year, month, nth)
    if nth == -1:
        day = last - datetime.timedelta(days=(last.weekday() - weekday) % 7)
    else:
        first = datetime.date(year, month, 1)
        day = first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return DateSpan(day, day) if day.month == month else None
