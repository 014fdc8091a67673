"""The date grammar: each rule reads all of an expression's tokens or gives up, leaving what was written."""
from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import replace

from factcheck.extraction.dates.resolve import _join, _nth_in_month, _resolve, _unit_span, _weekday_near
from factcheck.extraction.dates.span import DateSpan, YEARLESS_YEAR, _Found, _Partial, _add_months, _day_span, _week_monday
from factcheck.extraction.dates.vocabulary import _BEFORE_ROLES, _Token, _Vocabulary, _number_word

# ---------------------------------------------------------------------------------------------
# The grammar: each rule reads all of an expression's tokens or gives up.

MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, None)}  # first and last day; None: the month's last


class _Reader:
    """One expression's tokens and the rules that read them."""

    def __init__(self, tokens: list[_Token], vocab: _Vocabulary, reference: datetime.date | None):
        self.tokens, self.vocab, self.reference = tokens, vocab, reference

    def read(self) -> DateSpan | None:
        """The span the tokens name. When they do not read as a whole, the words that may
        come before a date ("nel", "on", "scorso", "domenica") are left out one at a time."""
        found = self.date_range() or self.single()
        start = 0
        while found is None and start < len(self.tokens) - 1 \
                and any(role in self.tokens[start].roles for role in _BEFORE_ROLES):
            start += 1
            rest = _Reader(self.tokens[start:], self.vocab, self.reference)
            found = rest.date_range() or rest.single()
        return _resolve(found, self.reference)

    def single(self) -> _Found | None:
        for rule in (self.month_part, self.days_from_today, self.offset, self.unit_span, self.nth_in_month,
                     self.day_of_relative_month, self.weekday_in_week, self.shifted_weekday,
                     self.calendar):
            found = rule()
            if found is not None:
                return found
        return None

    # -- one token ----------------------------------------------------------------------------

    def role(self, i: int, role: str):
        return self.tokens[i].roles.get(role) if 0 <= i < len(self.tokens) else None

    def day(self, i: int) -> tuple[int, int] | None:
        """ "6", "6th", "1°", "primo", "third", "ventidue" -> (day, next index)."""
        number, ordinal = self.role(i, "number"), self.role(i, "ordinal")
        if number is not None:
            value = number if self.role(i, "digits") <= 2 else None
        elif ordinal is not None:
            value = ordinal
        else:
            value = self.number_word(i)
        return (value, i + 1) if value is not None and 1 <= value <= 31 else None

    def year(self, i: int) -> tuple[int, int] | None:
        """ "2024", "2014 AD", "duemiladiciotto" -> (year, next index)."""
        number = self.role(i, "number")
        if number is not None:
            value = number if self.role(i, "digits") == 4 else None
        else:
            value = self.number_word(i)
        if value is None or not 1000 <= value <= datetime.MAXYEAR:
            return None
        return value, i + 1 + (self.role(i + 1, "era") is not None)

    def short_year(self, i: int) -> tuple[int, int] | None:
        """ "74" -> 1974: two digits after a month or in a numeric date."""
        if self.role(i, "digits") != 2 or self.role(i, "ordinal_number"):
            return None
        return _full_year(self.role(i, "number"), self.reference), i + 1

    def count(self, i: int) -> tuple[int, int] | None:
        number = self.role(i, "number")
        value = number if number is not None else self.number_word(i)
        return (value, i + 1) if value is not None and value > 0 else None

    def number_word(self, i: int) -> int | None:
        if not 0 <= i < len(self.tokens) or self.tokens[i].roles:
            return None  # only words the date vocabulary does not know can be numbers
        return _number_word(self.tokens[i].raw, self.vocab.lang)

    def relative(self, i: int, unit: str) -> tuple[int, int] | None:
        """ "il mese scorso", "next month", "the month" -> (how many units on, next index)."""
        shift = self.role(i, "shift")
        if shift is not None:
            return (shift, i + 2) if self.role(i + 1, "unit") == unit else None
        if self.role(i, "unit") != unit:
            return None
        after = self.role(i + 1, "shift")
        return (after, i + 2) if after is not None else (0, i + 1)

    def month_ref(self, i: int) -> tuple[tuple[int, int], int] | None:
        """ "settembre 2014", "luglio", "questo mese", "last month" -> ((year, month), next index)."""
        month = self.role(i, "month")
        if month is not None:
            after = i + 1 + (self.role(i + 1, "of") is not None)
            year = self.year(after) or self.year_ref(after)
            if year is not None:
                return (year[0], month), year[1]
            if self.reference is None:
                return None
            span = _resolve(_Partial(None, month, None), self.reference)
            return (span.start.year, month), i + 1
        relative = self.relative(i, "month")
        if relative is None or self.reference is None:
            return None
        return _add_months(self.reference.year, self.reference.month, relative[0]), relative[1]

    def year_ref(self, i: int) -> tuple[int, int] | None:
        relative = self.relative(i, "year")
        if relative is None or self.reference is None:
            return None
        return self.reference.year + relative[0], relative[1]

    def at_end(self, i: int) -> bool:
        return i == len(self.tokens)

    # -- rules --------------------------------------------------------------------------------

    def date_range(self) -> DateSpan | None:
        """ "tra il 2017 e il 2021", "dal 3 al 5 giugno 2024", "between June and August", "2017-2021"."""
        if len(self.tokens) == 1 and self.role(0, "numeric"):
            parts = self.role(0, "numeric")
            if len(parts) == 2 and all(len(p) == 4 for p in parts):
                return _join(_Partial(int(parts[0]), None, None), _Partial(int(parts[1]), None, None),
                             self.reference)
            return None
        closers = self.role(0, "range_open")
        if not closers:
            return None
        for middle in range(2, len(self.tokens) - 1):
            if self.tokens[middle].text in closers:
                first = _Reader(self.tokens[1:middle], self.vocab, self.reference).single()
                last = _Reader(self.tokens[middle + 1:], self.vocab, self.reference).single()
                if first is not None and last is not None:
                    return _join(first, last, self.reference)
        return None

    def days_from_today(self) -> DateSpan | None:
        """ "ieri", "dopodomani", "the day before yesterday"."""
        days = self.role(0, "deictic")
        if days is None or len(self.tokens) != 1 or self.reference is None:
            return None
        day = self.reference + datetime.timedelta(days=days)
        return DateSpan(day, day)

    def offset(self) -> DateSpan | None:
        """ "tre settimane fa", "a week hence", "tra due giorni", "tre anni fa".

        Days and weeks give a day; months and years give the whole month or year, since
        "tre anni fa" does not mean this very day three years ago.
        """
        i, sign = 0, None
        if self.role(0, "later") is not None:
            i, sign = 1, 1
        count, i = self.count(i) or (1, i)  # "una settimana fa": the article was dropped
        unit = self.role(i, "unit")
        if unit is None:
            return None
        if unit == "week":  # "una settimana fa" is a day: seven days ago
            unit, count = "day", 7 * count
        i += 1
        if sign is None:
            if self.role(i, "ago") is not None:
                sign = -1
            elif self.role(i, "hence") is not None:
                sign = 1
            else:
                return None
            i += 1
        if not self.at_end(i) or self.reference is None:
            return None
        return _unit_span(self.reference, unit, sign * count)

    def unit_span(self) -> DateSpan | None:
        """ "il mese scorso", "quest'anno", "next year", "l'anno dopo il prossimo"."""
        if len(self.tokens) != 2 or self.reference is None:
            return None
        for unit_at, shift_at in ((0, 1), (1, 0)):
            unit, shift = self.role(unit_at, "unit"), self.role(shift_at, "shift")
            if unit is not None and shift is not None:
                return _unit_span(self.reference, unit, shift)
        return None

    def nth_in_month(self) -> DateSpan | None:
        """ "terzo martedì di settembre 2014", "last Sunday of March", "l'ultimo giorno di ottobre"."""
        nth = self.role(0, "ordinal")
        weekday = self.role(1, "weekday")
        if nth is None or (weekday is None and self.role(1, "unit") != "day"):
            return None
        i = 2 + (self.role(2, "of") is not None)
        month = self.month_ref(i)
        if month is None or not self.at_end(month[1]):
            return None
        (year, number), _ = month
        return _nth_in_month(year, number, nth, weekday)

    def day_of_relative_month(self) -> DateSpan | None:
        """ "il 20 del prossimo mese", "20th day of next month", "20 of this month"."""
        day = self.day(0)
        if day is None:
            return None
        i = day[1] + (self.role(day[1], "unit") == "day")
        if self.role(i, "of") is None:
            return None
        relative = self.relative(i + 1, "month")
        if relative is None or not self.at_end(relative[1]) or self.reference is None:
            return None
        year, month = _add_months(self.reference.year, self.reference.month, relative[0])
        return _day_span(year, month, day[0])

    def weekday_in_week(self) -> DateSpan | None:
        """ "lunedì di questa settimana", "wednesday next week", "last week's sunday"."""
        weekday = self.role(0, "weekday")
        if weekday is not None:
            week = self.relative(1 + (self.role(1, "of") is not None), "week")
            end = week[1] if week else None
        else:
            week = self.relative(0, "week")
            weekday = self.role(week[1], "weekday") if week else None
            end = week[1] + 1 if week else None
        if week is None or weekday is None or not self.at_end(end) or self.reference is None:
            return None
        day = _week_monday(self.reference, week[0]) + datetime.timedelta(days=weekday)
        return DateSpan(day, day)

    def shifted_weekday(self) -> DateSpan | None:
        """ "martedì scorso", "next monday", "questo venerdì", "ultima domenica", "Friday"."""
        shift = None
        if len(self.tokens) == 1:
            weekday = self.role(0, "weekday")
        elif len(self.tokens) == 2:
            weekday, shift = self.role(0, "weekday"), self.role(1, "shift")
            if weekday is None:
                weekday, shift = self.role(1, "weekday"), self.role(0, "shift")
            if shift is None:
                return None
        else:
            return None
        if weekday is None or self.reference is None:
            return None
        day = _weekday_near(self.reference, weekday, shift)
        return DateSpan(day, day)

    def month_part(self) -> DateSpan | None:
        """ "fine aprile", "late April 2025", "inizio di maggio": ten days or so of a month."""
        part = self.role(0, "part")
        if part is None:
            return None
        at = 1 + (self.role(1, "of") is not None)
        for partial, end in self.calendar_dates(at):
            if partial.month is None or partial.day is not None or not self.at_end(end):
                continue
            month = _resolve(partial, self.reference)
            if month is None:
                return None
            first, last = MONTH_PARTS[part]
            start = month.start.replace(day=first)
            return DateSpan(start, month.end if last is None else month.start.replace(day=last), month.yearless)
        return None

    def calendar(self) -> _Partial | None:
        """ "domenica 10 febbraio", "lo scorso 6 novembre", "giugno 2024", "3/3/2015", "2024"."""
        i, shift, weekday = 0, None, None
        while (self.role(i, "weekday") is not None and weekday is None) or self.role(i, "shift") is not None:
            # "domenica scorsa 10 febbraio", "lo scorso domenica 10": the first shift counts
            shift = shift if shift is not None else self.role(i, "shift")
            weekday = weekday if weekday is not None else self.role(i, "weekday")
            i += 1
        for partial, end in self.calendar_dates(i):
            after = self.role(end, "shift")
            if after is not None:
                end += 1
                shift = shift if shift is not None else after
            if self.at_end(end) and (weekday is None or partial.day is not None):  # not "mar 2015"
                return replace(partial, weekday=weekday, shift=shift)
        return None

    def calendar_dates(self, i: int) -> Iterable[tuple[_Partial, int]]:
        """Every reading of a calendar date starting at token i, longest first."""
        numeric = self.role(i, "numeric")
        if numeric is not None:
            partial = _numeric_date(numeric, self.role(i, "sep"), self.vocab.day_first, self.reference)
            if partial is not None:
                yield partial, i + 1
            return
        first_day = self.day(i)
        if first_day is not None:  # "6 novembre 2024", "due di agosto", "31st Oct 74"
            at = first_day[1] + (self.role(first_day[1], "of") is not None)
            month = self.role(at, "month")
            if month is not None:
                after = at + 1 + (self.role(at + 1, "of") is not None)  # "6 novembre del 2024"
                year = self.year(after) or self.short_year(after)
                if year is not None:
                    yield _Partial(year[0], month, first_day[0]), year[1]
                yield _Partial(None, month, first_day[0]), at + 1
        month = self.role(i, "month")
        if month is not None:
            at = i + 1 + (self.role(i + 1, "of") is not None)
            day = self.day(at)  # "November 6, 2024", "Settembre, il ventuno"
            if day is not None:
                year = self.year(day[1]) or self.short_year(day[1])
                if year is not None:
                    yield _Partial(year[0], month, day[0]), year[1]
                yield _Partial(None, month, day[0]), day[1]
            year = self.year(at) or self.year_ref(at) or self.short_year(at)
            if year is not None:  # "giugno 2024", "giugno del prossimo anno", "agosto 99"
                yield _Partial(year[0], month, None), year[1]
            yield _Partial(None, month, None), i + 1
        year = self.year(i)
        if year is not None:
            yield _Partial(year[0], None, None), year[1]
        if first_day is not None:  # "giovedì 21": a day alone, which only a weekday can place
            yield _Partial(None, None, first_day[0]), first_day[1]


def _full_year(two_digits: int, reference: datetime.date | None) -> int:
    """ "74" -> 1974: the latest such year at most ten years after the reference.

    Without a reference: 1950..2049.
    """
    if reference is None:
        return (2000 if two_digits < 50 else 1900) + two_digits
    limit = reference.year + 10
    return limit - (limit - two_digits) % 100


def _numeric_date(parts: tuple[str, ...], sep: str, day_first: bool,
                  reference: datetime.date | None) -> _Partial | None:
    """ "3/3/2015", "2015-03-03", "31/10/74", "2015-3", "3/2015", "29/2" as a partial date.

    Day and month are read in the language's order, or the other one when that is impossible.
    """
    values = [int(p) for p in parts]
    lengths = [len(p) for p in parts]
    if len(parts) == 3:
        if lengths[0] == 4:
            readings = [(values[0], values[1], values[2])]
        elif lengths[2] in (2, 4) and max(lengths[:2]) <= 2:
            year = values[2] if lengths[2] == 4 else _full_year(values[2], reference)
            first, second = values[0], values[1]
            orders = [(second, first), (first, second)]  # (month, day) day first, then month first
            readings = [(year, m, d) for m, d in (orders if day_first else orders[::-1])]
        else:
            return None
        for year, month, day in readings:
            if year >= 1000 and _day_span(year, month, day) is not None:
                return _Partial(year, month, day)
        return None
    if sep == ".":  # "3.15" is a decimal, "2015.3" a version
        return None
    if lengths == [4, 4]:
        return None  # "2017-2021" is a range, read by _Reader.date_range
    if lengths[0] == 4 and lengths[1] <= 2 and values[0] >= 1000 and 1 <= values[1] <= 12:
        return _Partial(values[0], values[1], None)  # "2015-3"
    if lengths[1] == 4 and lengths[0] <= 2 and values[1] >= 1000 and 1 <= values[0] <= 12:
        return _Partial(values[1], values[0], None)  # "3/2015"
    if max(lengths) <= 2:  # "29/2": a year-less day
        orders = [(values[1], values[0]), (values[0], values[1])]
        for month, day in orders if day_first else orders[::-1]:
            if _day_span(YEARLESS_YEAR, month, day) is not None:
                return _Partial(None, month, day)
    return None
