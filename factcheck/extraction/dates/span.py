"""Date spans: inclusive first and last days, year-less when the text names no year ("a giugno")."""
from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

YEARLESS_YEAR = 4  # leap, so 29 February is valid; no news is about year 4, so a leak shows

_ONE_DAY = datetime.timedelta(days=1)
_MAX_TEXT = 200  # one date expression is short; longer input is not one date
_YEARS_SEARCHED = 40  # enough for any month-day to fall on any weekday, 29 February included
_MONTHS_SEARCHED = 120  # "giovedì 21": the 21st falls on a Thursday within a few months


# ---------------------------------------------------------------------------------------------
# The span.

@dataclass(frozen=True, slots=True, order=False)
class DateSpan:
    """An inclusive span of days; a year-less one ("a giugno") sits in YEARLESS_YEAR.

        DateSpan(date(2024, 6, 1), date(2024, 6, 30))   prints 2024-06-01..2024-06-30
    A year-less span over New Year ("da novembre a febbraio") starts in YEARLESS_YEAR - 1,
    so that its end keeps the leap year's 29 February.
    """

    start: datetime.date
    end: datetime.date
    yearless: bool = False

    def __post_init__(self):
        if self.start > self.end:
            raise ValueError(f"DateSpan starts after it ends: {self.start}..{self.end}")

    @property
    def start_iso(self) -> str:
        """ "2024-06-01", or "XXXX-06-01" when the year is unknown (TimeML style)."""
        return _iso(self.start, self.yearless)

    @property
    def end_iso(self) -> str:
        return _iso(self.end, self.yearless)

    def __str__(self) -> str:
        if self.start == self.end:
            return self.start_iso
        return f"{self.start_iso}..{self.end_iso}"

    @property
    def granularity(self) -> str:
        """ "day", "month" or "year" when the span is exactly one of those, else "span"."""
        start, end = self.start, self.end
        if start == end:
            return "day"
        if start.day == 1 and end == _last_day(start.year, start.month):
            return "month"
        if start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return "year"
        return "span"

    def overlaps(self, other: DateSpan) -> bool:
        """True when one day can be in both; a year-less span stands for each year's copy.

        Year-less June never overlaps 6 November 2024, but overlaps 2024 and year-less 30 June.
        """
        if not self.yearless and not other.yearless:
            return self.start <= other.end and other.start <= self.end
        if self.yearless and other.yearless:
            # both sit in the leap years around YEARLESS_YEAR: try self one year either way
            years = range(YEARLESS_YEAR - 2, YEARLESS_YEAR + 2)
            return any(copy.overlaps(other) for copy in self._copies(years))
        yearless, dated = (self, other) if self.yearless else (other, self)
        # nine consecutive years hold every month-day, 29 February included
        years = range(dated.start.year - 1, min(dated.end.year, dated.start.year + 8) + 1)
        return any(copy.overlaps(dated) for copy in yearless._copies(years))

    def _copies(self, start_years: Iterable[int]) -> Iterable[DateSpan]:
        """This year-less span as dated spans starting in each of `start_years`.

        29 February becomes 1 March as a start and 28 February as an end in a common year;
        a span of 29 February alone has no copy there.
        """
        for year in start_years:
            shift = year - self.start.year
            start = _move_years(self.start, shift, as_end=False)
            end = _move_years(self.end, shift, as_end=True)
            if start is not None and end is not None and start <= end:
                yield DateSpan(start, end)


def _iso(day: datetime.date, yearless: bool) -> str:
    text = day.isoformat()
    return "XXXX" + text[4:] if yearless else text


def _move_years(day: datetime.date, years: int, *, as_end: bool) -> datetime.date | None:
    year = day.year + years
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return None
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return datetime.date(year, 2, 28) if as_end else datetime.date(year, 3, 1)


def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _day_span(year: int, month: int, day: int) -> DateSpan | None:
    try:
        one = datetime.date(year, month, day)
    except ValueError:
        return None
    return DateSpan(one, one)


def _month_span(year: int, month: int) -> DateSpan | None:
    if not (datetime.MINYEAR <= year <= datetime.MAXYEAR and 1 <= month <= 12):
        return None
    return DateSpan(datetime.date(year, month, 1), _last_day(year, month))


def _year_span(year: int) -> DateSpan | None:
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return None
    return DateSpan(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    year, index = divmod(year * 12 + month - 1 + months, 12)
    return year, index + 1


def _week_monday(day: datetime.date, weeks: int = 0) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday() - 7 * weeks)


@dataclass(frozen=True, slots=True)
class _Partial:
    """A calendar date as written, before a missing year is chosen: "6 novembre" is (None, 11, 6)."""

    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None  # 0 is Monday; checked only when the year must be found
    shift: int | None = None  # -1 "scorso", 0 "questo", 1 "prossimo", 2 "dopo il prossimo"


_Found = DateSpan | _Partial
