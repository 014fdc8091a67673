"""Calendar dates as inclusive spans: "giugno 2024" -> 2024-06-01..2024-06-30.

    >>> str(parse_date("lo scorso 6 novembre", "it", reference=datetime.date(2024, 11, 29)))
    '2024-11-06'

`parse_date` reads one whole expression; `date_pattern` finds expressions in running text.
What the words mean (months, "scorso", "tra ... e") is data in the `dates:` section of
factcheck/languages/<lang>.yaml; this module is the grammar over it. A month or day named
without a year is the most recent one on or before `reference` (past resolution); without a
reference it stays year-less. Relative phrases the grammar does not know go to dateparser,
imported only then, and only with a reference to anchor them.
"""
from __future__ import annotations

import calendar
import datetime
import functools
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

import regex

from factcheck import languages
from factcheck.languages import Language
from factcheck.extraction.patterns import literal_trie, spell_loosely

__all__ = ["YEARLESS_YEAR", "DateSpan", "parse_date", "date_pattern"]

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


# ---------------------------------------------------------------------------------------------
# The language data: the `dates:` section, read once per language into word roles.

_ROLE_LISTS = {  # YAML list -> the role each listed word or phrase plays
    "lead_words": "lead",
    "of_words": "of",
    "ago_words": "ago",
    "hence_words": "hence",
    "later_words": "later",
    "year_suffixes": "era",
    "anchor_words": "anchor",
}
_SHIFT_LISTS = {"past_words": -1, "this_words": 0, "next_words": 1, "after_next_words": 2}
_ROLE_MAPS = {  # YAML mapping of word -> value
    "month_abbreviations": "month",
    "weekday_abbreviations": "weekday",
    "ordinals": "ordinal",
    "units": "unit",
    "days_from_today": "deictic",
}
_UNITS = ("day", "week", "month", "year")
_BEFORE_ROLES = ("lead", "range_open", "shift", "weekday")  # date_pattern may put these first
# roles that make a phrase relative, worth handing to dateparser when the grammar fails
_RELATIVE_ROLES = ("deictic", "unit", "shift", "weekday", "ago", "hence", "later")


@dataclass(frozen=True, slots=True)
class _Glue:
    """What goes before phrases are looked up: articles dropped, contractions undone, "31st"."""

    words: Mapping[tuple[str, ...], str]  # folded words -> what stays: "" (article) or "di" (del)
    longest: int
    ordinal_suffixes: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    lang: Language
    data: Mapping[str, object]  # the `dates:` section as loaded, for date_pattern
    glue: _Glue
    roles: Mapping[tuple[str, ...], Mapping[str, object]]  # glued phrase -> {role: value}
    longest: int  # words in the longest phrase
    day_first: bool  # numeric dates: 3/4/2015 is 3 April


def _vocabulary(lang: str | Language) -> _Vocabulary:
    return _vocabulary_of(languages.resolve(lang))


@functools.cache
def _vocabulary_of(language: Language) -> _Vocabulary:
    """The `dates:` section of a language (validated when loaded) as word roles."""
    data = language.section("dates")
    words = {_raw_key(article): "" for article in data["articles"]}
    for base, forms in data["contractions"].items():
        words.update((_raw_key(form), _fold(base)) for form in forms)
    glue = _Glue(words, max(map(len, words), default=1),
                 frozenset(_fold(s) for s in data["ordinal_suffixes"]))
    roles: dict[tuple[str, ...], dict[str, object]] = {}

    def add(phrase: str, role: str, value: object = True) -> None:
        roles.setdefault(tuple(t.text for t in _glued(phrase, glue)), {})[role] = value

    for number, name in enumerate(data["months"], 1):
        add(name, "month", number)
    for number, name in enumerate(data["weekdays"]):
        add(name, "weekday", number)
    for key, role in _ROLE_MAPS.items():
        for word, value in data[key].items():
            add(word, role, value - 1 if role == "weekday" else value)  # YAML counts Monday as 1
    for key, role in _ROLE_LISTS.items():
        for word in data[key]:
            add(word, role)
    for key, shift in _SHIFT_LISTS.items():
        for word in data[key]:
            add(word, "shift", shift)
    for opener, closers in data["ranges"].items():
        add(opener, "range_open", frozenset(_fold(c) for c in closers))
    return _Vocabulary(lang=language, data=data, glue=glue, roles=roles, longest=max(map(len, roles)),
                       day_first=data["numeric_order"] == "dmy")


# ---------------------------------------------------------------------------------------------
# Tokens: words, numbers and numeric dates, with the role the vocabulary gives each.

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_TOKEN = regex.compile(r"""
      (?P<numeric>\d+(?P<sep>[/.-])\d+(?:(?P=sep)\d+)?)(?![/.-]?\d)   # 3/3/2015, 2015-03, 10.31.1974
    | (?P<number>\d+)
    | (?P<word>[^\W\d_]+(?:-[^\W\d_]+)*)                              # "twenty-one" is one word
    | (?P<other>[^\s,.;:/\-–—·()\[\]"«»“”])                           # ', °, and what is no date
""", regex.VERBOSE)


def _fold(text: str) -> str:
    """Case- and accent-free form for lookups: "Lunedì" -> "lunedi"."""
    decomposed = unicodedata.normalize("NFD", text.casefold().translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _raw_tokens(text: str) -> list[regex.Match]:
    text = unicodedata.normalize("NFC", text).casefold().translate(_APOSTROPHES)
    return list(_TOKEN.finditer(text))


def _raw_key(phrase: str) -> tuple[str, ...]:
    return tuple(_fold(m.group()) for m in _raw_tokens(phrase))


@dataclass(frozen=True, slots=True)
class _Token:
    text: str  # folded: "lunedi"
    raw: str  # lower-cased as written: "ventitré", for number words
    roles: Mapping[str, object]  # {"weekday": 0}, {"number": 2024, "digits": 4}, ...


def _glued(text: str, glue: _Glue) -> list[_Token]:
    """Words and numbers of `text`, articles dropped and contractions undone, without roles.

    "dall'agosto al 2021" -> da, agosto, a, 2021;  "31st" -> 31 (ordinal)
    """
    raw = _raw_tokens(text)
    tokens: list[_Token] = []
    i = 0
    while i < len(raw):
        match = raw[i]
        if match.group("numeric"):
            parts = tuple(match.group("numeric").split(match.group("sep")))
            tokens.append(_Token(match.group(), match.group(), {"numeric": parts, "sep": match.group("sep")}))
            i += 1
            continue
        if match.group("number"):
            roles = {"number": int(match.group()), "digits": len(match.group())}
            following = raw[i + 1] if i + 1 < len(raw) else None
            if following is not None and following.start() == match.end() \
                    and _fold(following.group()) in glue.ordinal_suffixes:
                roles["ordinal_number"] = True  # "31st", "1°"
                i += 1
            tokens.append(_Token(match.group(), match.group(), roles))
            i += 1
            continue
        for size in range(min(glue.longest, len(raw) - i), 0, -1):
            kept = glue.words.get(tuple(_fold(m.group()) for m in raw[i:i + size]))
            if kept is not None:
                if kept:
                    tokens.append(_Token(kept, kept, {}))
                i += size
                break
        else:
            tokens.append(_Token(_fold(match.group()), match.group(), {}))
            i += 1
    return tokens


def _tokens(text: str, vocab: _Vocabulary) -> list[_Token]:
    """The glued tokens of `text`, each phrase the vocabulary knows joined, with its roles.

    "il mese dopo il prossimo" -> mese {unit: month}, "dopo prossimo" {shift: 2}
    """
    glued = _glued(text, vocab.glue)
    tokens: list[_Token] = []
    i = 0
    while i < len(glued):
        if glued[i].roles:  # numbers
            tokens.append(glued[i])
            i += 1
            continue
        for size in range(min(vocab.longest, len(glued) - i), 0, -1):
            key = tuple(t.text for t in glued[i:i + size])
            if key in vocab.roles:
                break
        else:
            key, size = (glued[i].text,), 1
        tokens.append(_Token(" ".join(key), " ".join(t.raw for t in glued[i:i + size]),
                             vocab.roles.get(key, {})))
        i += size
    return tokens


@functools.lru_cache(maxsize=4096)
def _number_word(word: str, lang: Language) -> int | None:
    """ "ventidue" -> 22 through factcheck.extraction.numbers, when that module is there; else None."""
    try:
        from factcheck.extraction.numbers import parse_number
    except ImportError:  # written in parallel: digits work without it
        return None
    value = parse_number(word, lang)
    if value is None or isinstance(value, bool) or value != int(value):
        return None
    return int(value)


# ---------------------------------------------------------------------------------------------
# The grammar: each rule reads all of an expression's tokens or gives up.

@dataclass(frozen=True, slots=True)
class _Partial:
    """A calendar date as written, before a missing year is chosen: "6 novembre" is (None, 11, 6)."""

    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None  # 0 is Monday; checked only when the year must be found
    shift: int | None = None  # -1 "scorso", 0 "questo", 1 "prossimo", 2 "dopo il prossimo"


_Found = DateSpan | _Partial


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
        for rule in (self.days_from_today, self.offset, self.unit_span, self.nth_in_month,
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


# ---------------------------------------------------------------------------------------------
# Resolution: from what was written to a span, against the reference.

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

    if shift == 0:
        span = copy(0)
        return span if fits(span) else None
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


# ---------------------------------------------------------------------------------------------
# Public API.

def parse_date(text: str, lang: str | Language = "it", reference: datetime.date | None = None) -> DateSpan | None:
    """The span that `text`, one whole date expression, names; None when it is not one date.

        parse_date("giugno 2024")                      -> 2024-06-01..2024-06-30
        parse_date("a giugno")                         -> XXXX-06-01..XXXX-06-30 (year-less)
        parse_date("a giugno", reference=2024-11-29)   -> 2024-06-01..2024-06-30
        parse_date("ieri", reference=2024-11-29)       -> 2024-11-28; without reference None
    """
    if isinstance(reference, datetime.datetime):
        reference = reference.date()  # a datetime cannot be compared with a date
    vocab = _vocabulary(lang)
    if not isinstance(text, str) or len(text) > _MAX_TEXT:
        return None
    tokens = _tokens(text, vocab)
    if not tokens:
        return None
    try:
        found = _Reader(tokens, vocab, reference).read()
    except OverflowError:  # "99999 anni fa", "next monday" from 9999-12-31: beyond the calendar
        found = None
    relative = any(role in token.roles for token in tokens for role in _RELATIVE_ROLES)
    anchored_elsewhere = any("anchor" in token.roles for token in tokens)  # "three days later"
    if found is None and reference is not None and relative and not anchored_elsewhere:
        future = any(token.roles.get("shift", 0) > 0 or "hence" in token.roles or "later" in token.roles
                     or token.roles.get("deictic", 0) > 0 for token in tokens)
        found = _parse_with_dateparser(text.strip(), vocab.lang, reference, "future" if future else "past")
    return found


def _parse_with_dateparser(text: str, lang: Language, reference: datetime.date, prefer: str) -> DateSpan | None:
    """dateparser's reading of a relative phrase the grammar does not know, as a span."""
    parser = _date_data_parser(lang, reference, prefer)
    try:
        data = parser.get_date_data(text)
    except Exception:  # noqa: BLE001 - dateparser fails in many ways on odd text; that is "no date"
        return None
    if data is None or data.date_obj is None:
        return None
    # the whole day, Monday-to-Sunday week, month or year that dateparser's period names
    return _unit_span(data.date_obj.date(), data.period if data.period in _UNITS else "day", 0)


@functools.lru_cache(maxsize=64)
def _date_data_parser(lang: Language, reference: datetime.date, prefer: str):
    """One DateDataParser per language, reference and preference (they are settings)."""
    from dateparser.date import DateDataParser

    settings = {
        # noon: "an hour ago" stays on the reference day
        "RELATIVE_BASE": datetime.datetime.combine(reference, datetime.time(12)),
        "PREFER_DATES_FROM": prefer,
        "DATE_ORDER": _vocabulary(lang).data["numeric_order"].upper(),
    }
    return DateDataParser(languages=[lang.code], settings=settings)


def date_pattern(lang: str | Language) -> str:
    """Source of one regex finding date expressions in running text (`regex`, IGNORECASE).

    A match is the whole expression with its preposition and "scorso" words, ready for
    parse_date: "siglato a giugno, stabilisce" -> "a giugno". Only non-capturing groups and
    no global flags, so a caller can make it one alternative of a larger pattern.
    """
    return _pattern_of(languages.resolve(lang))


@functools.cache
def _pattern_of(language: Language) -> str:
    return _PatternBuilder(_vocabulary_of(language).data).pattern()


# ---------------------------------------------------------------------------------------------
# The pattern: built from the same data, allowing only day-month pairs a calendar has.
#
# Speed, measured: `regex` resets every quantifier of a pattern (?, *, +, {m,n}) at each of
# the positions it tries, so a pattern with thousands of them crawls even where they never
# run. This one has a handful: optional parts are written "(?:x|)", spaces as one "\s",
# word lists as atomic literal tries. Look-arounds cost nothing until they run, so which
# words must precede a date ("a giugno", "nel 2024", "tra il 2017 e il 2021") is a
# look-behind at the date's core, and calendar checks are look-aheads at digits.
# Inside, matching is case-sensitive whatever the caller's flags: a word matches in lower
# case or capitalised (and in capitals for capitalized_only words), as literals compare
# fastest.

_ALL_MONTHS = tuple(range(1, 13))
_MONTHS_30 = (4, 6, 9, 11)
_DAY = r"(?:3[01]|[12][0-9]|0[1-9]|[1-9])(?![0-9])"
_NUMERIC_MONTH = r"(?:1[0-2]|0[1-9]|[1-9])(?![0-9])"
_NUMBER_END = r"(?![.,][0-9]|[0-9])"  # not "2024,5" nor "20245"
_YEAR = r"[12][0-9][0-9][0-9]" + _NUMBER_END
_LEAP_YEAR = r"(?:[12][0-9](?:0[48]|[2468][048]|[13579][26])|(?:12|16|20|24|28)00)" + _NUMBER_END
_RANGE_YEAR = r"(?:1[89]|20)[0-9][0-9]" + _NUMBER_END  # "tra 1000 e 2000 persone" is no range
_SPACE = r"\s"
_DIGIT = "(?:0|1|2|3|4|5|6|7|8|9)"  # where a pattern starts, "[0-9]" would stop `regex` skipping ahead


def _either(alternatives: Iterable[str]) -> str:
    alternatives = list(dict.fromkeys(a for a in alternatives if a))
    return "(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)"


def _optional(rx: str) -> str:
    """ "x?" without a quantifier: see the note on speed above."""
    return f"(?:{rx}|)"


def _literal_trie(words: Iterable[str]) -> str:
    """`words` as one atomic trie of literal characters: "gen|genn" -> (?>gen(?:n|))."""
    return literal_trie(words, atomic=True, spell=spell_loosely)


def _words_rx(words: Iterable[str], tail: str = "", elided_tail: str = "", cased: Iterable[str] = (),
              capitals: bool = False) -> str:
    """Whole words as literal tries, one per first character (lower case tried first).

    A word matches in lower case or capitalised, with or without its accents ("lunedi");
    a `cased` one ("may" the month) only as "May" or "MAY"; with `capitals`, all in capitals
    too ("AD"). It is followed by `tail`, or if elided ("dell'") by `elided_tail`. A word
    ending in a letter must end there: "maggio" is not "maggiormente".
    """
    cased = {_fold(w) for w in cased}
    groups: dict[str, set[str]] = {}  # lower-case first letter -> the rest of each spelling
    exact: dict[str, set[str]] = {}  # the same, for spellings that keep their case
    for word in words:
        if _fold(word) in cased:
            for spelling in (word.capitalize(), word.upper()):
                exact.setdefault(spelling[0], set()).add(spelling[1:])
            continue
        for spelling in {word.casefold(), _fold(word)}:
            groups.setdefault(spelling[0], set()).add(spelling[1:])
            if capitals:
                exact.setdefault(spelling[0].upper(), set()).add(spelling[1:].upper())
    branches = []
    for first, rests in [*sorted(groups.items()), *sorted(exact.items())]:  # exact: "M" of "May"
        elided = {r for r in rests if r.endswith("'")}
        closed = {r for r in rests - elided if not (first + r)[-1:].isalnum()}  # "a.d.", "°"
        spaced = rests - elided - closed
        ends = [f"{_literal_trie(spaced)}\\b{tail}" if spaced else "",
                f"{_literal_trie(closed)}{tail}" if closed else "",
                f"{_literal_trie(elided)}{elided_tail}" if elided else ""]
        branches.append((first, _either(ends)))
    # literal first letters, lower case first: `regex` tests them faster than "[dD]" classes
    lower = [regex.escape(first) + ends for first, ends in branches]
    upper = [regex.escape(first.upper()) + ends for first, ends in branches if first not in exact]
    return _either(lower + upper) if branches else "(?!)"


def _after_words_rx(words: Iterable[str]) -> str:
    """Look-behind: one of `words` stands just before: "nel ", "durante il ", elided "nell'"."""
    words = set(words)
    spaced = {w for w in words if not w.endswith("'")}
    elided = words - spaced
    alternatives = [f"\\b{_words_rx(spaced)}{_SPACE}" if spaced else "",
                    f"\\b{_words_rx(elided)}{_optional(_SPACE)}" if elided else ""]
    return f"(?<={_either(alternatives)})"


class _PatternBuilder:
    """date_pattern's pieces, each a method named for the text it finds."""

    def __init__(self, data: Mapping[str, object]):
        self.data = data

    def forms(self, words: Iterable[str]) -> list[str]:
        """`words` and their articulated forms: "di" -> di, del, dello, dell', ..."""
        words = list(words)
        return words + [form for base in words for form in self.data["contractions"].get(base, ())]

    def shift_words(self) -> list[str]:
        return [*self.data["past_words"], *self.data["next_words"], *self.data["this_words"]]

    def articles(self) -> list[str]:
        return [a for a in self.data["articles"] if not a.startswith("'")]  # not "'s"

    def month(self, months: Iterable[int] = _ALL_MONTHS, *, full: bool = True, abbreviated: bool = True) -> str:
        """Names of `months`; an abbreviation may end in a dot. capitalized_only words keep case."""
        months = set(months)
        names = [n for i, n in enumerate(self.data["months"], 1) if full and i in months]
        short = [n for n, i in self.data["month_abbreviations"].items() if abbreviated and i in months]
        cased = self.data["capitalized_only"]
        return _either([_words_rx(names, cased=cased) if names else "",
                        _words_rx(short, _optional(r"\."), cased=cased) if short else ""])

    def day(self) -> str:
        """ "6", "06", "6th", "1°"; look-behind: not the end of a longer number."""
        suffixes = self.data["ordinal_suffixes"]
        return rf"(?<![0-9.,]){_DAY}{_optional(_words_rx(suffixes)) if suffixes else ''}"

    def of(self) -> str:
        """ " ", " di ", " of ": between a day and its month."""
        return f"{_SPACE}{_optional(_words_rx(self.data['of_words'], _SPACE))}"

    def to_year(self) -> str:
        """ " ", ", ", " del ": between a month and its year."""
        of_words = [w for w in self.forms(self.data["of_words"]) if not w.endswith("'")]
        return _either([f"{_SPACE}{_words_rx(of_words, _SPACE)}", _SPACE, f",{_SPACE}"])

    def impossible_day(self, day_first: bool) -> str:
        """Negative look-ahead for days a month lacks: 31 novembre, 30 February, and 29
        February before a year that is not a leap year."""
        short, february = self.month((2, *_MONTHS_30)), self.month([2])
        if day_first:
            return (f"(?!31{self.of()}{short}|30{self.of()}{february}"
                    f"|29{self.of()}{february}{self.to_year()}(?!{_LEAP_YEAR})[0-9])")
        comma = f"{_optional(',')}{_SPACE}"
        return (f"(?!{short}{_SPACE}31(?![0-9])|{february}{_SPACE}30(?![0-9])"
                f"|{february}{_SPACE}29{comma}(?!{_LEAP_YEAR})[0-9])")

    def day_month(self) -> str:
        """ "6 novembre [2024]", "6th of November": full names; abbreviations need the year,
        since "vinto in 3 set" is a tennis score."""
        return (f"{self.impossible_day(True)}{self.day()}{self.of()}"
                f"(?:{self.month(abbreviated=False)}{_optional(self.to_year() + _YEAR)}"
                f"|{self.month(full=False)}{self.to_year()}{_YEAR})")

    def month_led(self) -> str:
        """ "novembre 2024", "dic. 2013", and where text puts the month first "November 6, 2024"."""
        by_year = f"{self.to_year()}{_YEAR}"
        if not self.data["month_first"]:
            return f"{self.month()}{by_year}"
        by_day = f"{_SPACE}{self.day()}{_optional(_either([_SPACE, f',{_SPACE}']) + _YEAR)}"
        return f"{self.impossible_day(False)}{self.month()}(?:{by_year}|{by_day})"

    def numeric(self) -> str:
        """ "3/3/2015", "31/10/74", "10.31.1974", "2015-03-03": either day-month order, since
        parse_date reads the other when the language's own is impossible."""
        forms = []
        for sep in ("/", "-", "."):
            s = regex.escape(sep)
            year = _YEAR if sep == "." else _either([_YEAR, r"[0-9][0-9]" + _NUMBER_END])  # "3.3.15": a version
            forms.append(f"{_either([f'{_DAY}{s}{_NUMERIC_MONTH}', f'{_NUMERIC_MONTH}{s}{_DAY}'])}{s}{year}")
            if sep != ".":
                forms.append(rf"[12][0-9][0-9][0-9]{s}{_NUMERIC_MONTH}{s}{_DAY}")
        # the calendar, in both orders: no 31/04 nor 04/31, no 30/02, 29/02 only in leap years
        short, february, sep = r"(?:0[2469]|[2469]|11)", r"(?:02|2)", r"[/.-]"  # short: no 31st
        impossible = (rf"(?!(?:31{sep}{short}|{short}{sep}31|30{sep}{february}|{february}{sep}30)(?![0-9])"
                      rf"|(?:29{sep}{february}|{february}{sep}29){sep}(?!{_LEAP_YEAR})"
                      rf"|[0-9][0-9][0-9][0-9]{sep}(?:{short}{sep}31|{february}{sep}30)(?![0-9])"
                      rf"|(?!{_LEAP_YEAR}){sep.join(['[0-9][0-9][0-9][0-9]', february, '29'])}(?![0-9]))")
        start = r"(?<![0-9.,/-])(?=(?:[0-9][0-9][0-9][0-9]|[0-9][0-9]|[0-9])[/.-][0-9])"
        return f"{start}{impossible}{_either(forms)}(?![/.-][0-9])"

    def month_alone(self) -> str:
        """ "a giugno", "lo scorso giugno", "giugno scorso", "in June": a month name alone needs
        a preposition or "scorso" next to it; "Giugno" alone is too often a name."""
        named = self.month(abbreviated=False)
        return _either([f"{_after_words_rx([*self.forms(self.data['lead_words']), *self.shift_words()])}{named}",
                        f"{named}(?={self.shift_after()})"])

    def year_alone(self) -> str:
        """ "nel 2024", "dal 2017", "in 2014 AD": a bare year needs its preposition."""
        era = _optional(_SPACE + _words_rx(self.data["year_suffixes"], capitals=True)) if self.data["year_suffixes"] else ""
        return f"{_after_words_rx(self.data['year_lead_words'])}{_YEAR}{era}"

    def date_range(self) -> str:
        """ "tra il 2017 e il 2021", "dal 3 al 5 giugno", "between June and August 2024"."""
        articles = _optional(_words_rx(self.articles(), _SPACE, _optional(_SPACE)))
        piece = _either([self.day_month(), f"{self.month()}{self.to_year()}{_YEAR}",
                         self.month(abbreviated=False), _RANGE_YEAR])
        short, february = self.month(_MONTHS_30), self.month([2])
        alternatives = []
        for opener, closers in self.data["ranges"].items():
            openers = self.forms([opener])
            after_opener = _after_words_rx(
                [*openers, *(f"{o} {a}" for o in openers if not o.endswith("'") for a in self.articles())])
            closes = f"{_SPACE}{_words_rx(self.forms(closers), _SPACE, _optional(_SPACE))}{articles}"
            # "dal 3 al 5 giugno": the first day takes the second's month, so must exist in it
            second = f"{closes}{_DAY}{self.of()}"
            first_day_exists = (f"(?!(?:30|31){second}{february}|31{second}{short}"
                                f"|29{second}{february}{self.to_year()}(?!{_LEAP_YEAR})[0-9])")
            alternatives.append(f"{after_opener}(?:{piece}{closes}{piece}"
                                f"|{first_day_exists}{self.day()}{closes}{self.day_month()})")
        return _either(alternatives)

    def shift_after(self) -> str:
        return f"{_SPACE}{_words_rx([*self.data['past_words'], *self.data['next_words']])}"

    def before_word(self) -> str:
        """One word that may stand before a date, with what separates it from the next."""
        data = self.data
        words = {*self.forms([*data["lead_words"], *data["ranges"]]), *self.articles(), *self.shift_words(),
                 *data["weekdays"], *(w.split()[0] for w in data["year_lead_words"])}
        return _words_rx(words - set(data["not_before_dates"]), _either([_SPACE, f",{_SPACE}"]), _optional(_SPACE))

    def core(self) -> str:
        """What a date is built around: digits or a month name, checked with what precedes."""
        by_digit = _either([self.date_range(), self.numeric(), self.day_month(), self.year_alone()])
        by_name = _either([self.month_led(), self.date_range(), self.month_alone()])
        month_word = self.month()
        return f"(?:(?={_DIGIT}){by_digit}|(?={month_word}){by_name}){_optional(self.shift_after())}"

    def pattern(self) -> str:
        before = self.before_word()
        # up to two words before the core ("lo scorso", "on the"). Atomic: such a word never
        # starts a core, so once read it is not given back. No quantifier: see above.
        return f"\\b(?-i:(?>{_optional(before + _optional(before))}){self.core()})"


def trigger_words(lang: str | Language) -> frozenset[str]:
    """Words one of which every `date_pattern` match without a digit contains: month names and
    their abbreviations. A scan for these and digits is far cheaper than the date pattern."""
    data = _vocabulary(lang).data
    return frozenset(_fold(w) for w in (*data["months"], *data["month_abbreviations"]))
