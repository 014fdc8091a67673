"""Dates: parse_date on every form in both languages, DateSpan at the calendar's edges,
date_pattern in running text, and properties checked on generated text."""
from __future__ import annotations

import datetime
import subprocess
import sys

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import languages
from factcheck.extraction.dates import YEARLESS_YEAR, DateSpan, date_pattern, parse_date
from factcheck.errors import FactcheckError

D = datetime.date
REF = D(2024, 11, 29)  # a Friday
LANGS = ("it", "en")


def span(start: str, end: str | None = None) -> tuple[D, D]:
    return D.fromisoformat(start), D.fromisoformat(end or start)


def yearless(start: str, end: str | None = None) -> DateSpan:
    """ "06-01" -> the year-less span that prints XXXX-06-01."""
    first = D.fromisoformat(f"{YEARLESS_YEAR:04d}-{start}")
    return DateSpan(first, D.fromisoformat(f"{YEARLESS_YEAR:04d}-{end}") if end else first, yearless=True)


def as_date(value) -> D:
    return value if isinstance(value, D) else D.fromisoformat(str(value))


# -- forms --------------------------------------------------------------------------------------

FORMS = [  # lang, text, reference, expected (start, end) or a DateSpan for year-less ones
    # Italian: days
    ("it", "6 novembre 2024", None, span("2024-11-06")),
    ("it", "il 19 giugno", REF, span("2024-06-19")),
    ("it", "il 19 giugno", None, yearless("06-19")),
    ("it", "lo scorso 6 novembre", REF, span("2024-11-06")),
    ("it", "lo scorso 6 novembre", None, yearless("11-06")),
    ("it", "il 6 novembre scorso", REF, span("2024-11-06")),
    ("it", "lo scorso 6 novembre 2024", D(2030, 1, 1), span("2024-11-06")),
    ("it", "domenica 10 febbraio", D(2013, 2, 12), span("2013-02-10")),
    ("it", "1° maggio 2024", None, span("2024-05-01")),
    ("it", "il 2 Ott.", D(2016, 11, 7), span("2016-10-02")),
    ("it", "16 giu 2014", None, span("2014-06-16")),
    ("it", "dell'11 settembre 2001", None, span("2001-09-11")),
    # Italian: numeric, day first
    ("it", "3/3/2015", None, span("2015-03-03")),
    ("it", "31/10/74", D(2013, 2, 12), span("1974-10-31")),
    ("it", "2015-03-03", None, span("2015-03-03")),
    ("it", "il 21-04-2016", None, span("2016-04-21")),
    ("it", "il 02/22/2016", None, span("2016-02-22")),  # day first impossible: month first
    ("it", "29/2", D(2023, 3, 1), span("2020-02-29")),  # the latest 29 February
    # Italian: months and years
    ("it", "a giugno", REF, span("2024-06-01", "2024-06-30")),
    ("it", "a giugno", None, yearless("06-01", "06-30")),
    ("it", "a dicembre", REF, span("2023-12-01", "2023-12-31")),
    ("it", "giugno scorso", REF, span("2024-06-01", "2024-06-30")),
    ("it", "lo scorso novembre", REF, span("2023-11-01", "2023-11-30")),
    ("it", "il prossimo giugno", REF, span("2025-06-01", "2025-06-30")),
    ("it", "novembre 2024", None, span("2024-11-01", "2024-11-30")),
    ("it", "del novembre 2024", None, span("2024-11-01", "2024-11-30")),
    ("it", "genn. 2013", None, span("2013-01-01", "2013-01-31")),
    ("it", "dic 2013", None, span("2013-12-01", "2013-12-31")),
    ("it", "Febbraio", D(2016, 11, 7), span("2016-02-01", "2016-02-29")),
    ("it", "agosto 99", REF, span("1999-08-01", "1999-08-31")),
    ("it", "nel 2024", None, span("2024-01-01", "2024-12-31")),
    ("it", "2024", None, span("2024-01-01", "2024-12-31")),
    # Italian: ranges
    ("it", "tra il 2017 e il 2021", None, span("2017-01-01", "2021-12-31")),
    ("it", "dal 2017 al 2021", None, span("2017-01-01", "2021-12-31")),
    ("it", "da marzo a giugno 2024", None, span("2024-03-01", "2024-06-30")),
    ("it", "dal 3 al 5 giugno 2024", None, span("2024-06-03", "2024-06-05")),
    ("it", "da novembre a febbraio 2024", None, span("2023-11-01", "2024-02-29")),
    ("it", "da novembre a febbraio", None,
     DateSpan(D(YEARLESS_YEAR - 1, 11, 1), D(YEARLESS_YEAR, 2, 29), yearless=True)),
    ("it", "2017-2021", None, span("2017-01-01", "2021-12-31")),
    # Italian: relative, read by the grammar
    ("it", "ieri", REF, span("2024-11-28")),
    ("it", "l'altro ieri", REF, span("2024-11-27")),
    ("it", "il mese scorso", REF, span("2024-10-01", "2024-10-31")),
    ("it", "l'anno scorso", REF, span("2023-01-01", "2023-12-31")),
    ("it", "martedì scorso", REF, span("2024-11-26")),
    ("it", "venerdì", REF, span("2024-11-29")),  # on or before the reference
    ("it", "tre settimane fa", REF, span("2024-11-08")),
    ("it", "il 20 del prossimo mese", REF, span("2024-12-20")),
    ("it", "ultima domenica di marzo 2014", None, span("2014-03-30")),
    ("it", "lunedì di questa settimana", REF, span("2024-11-25")),
    # English
    ("en", "November 6, 2024", None, span("2024-11-06")),
    ("en", "6th November 2024", None, span("2024-11-06")),
    ("en", "on 6 November", REF, span("2024-11-06")),
    ("en", "the 6th of November", None, yearless("11-06")),
    ("en", "Sunday, Feb 10", D(2013, 2, 12), span("2013-02-10")),
    ("en", "10/31/1974", None, span("1974-10-31")),
    ("en", "02/09/16", REF, span("2016-02-09")),  # month first in English
    ("en", "13/03/2014", None, span("2014-03-13")),  # month first impossible: day first
    ("en", "02/29", D(1702, 1, 1), span("1696-02-29")),  # 1700 was no leap year
    ("en", "in June", REF, span("2024-06-01", "2024-06-30")),
    ("en", "in June", None, yearless("06-01", "06-30")),
    ("en", "last June", REF, span("2024-06-01", "2024-06-30")),
    ("en", "next March", D(2013, 2, 12), span("2013-03-01", "2013-03-31")),
    ("en", "June 2024", None, span("2024-06-01", "2024-06-30")),
    ("en", "Sept. 2013", None, span("2013-09-01", "2013-09-30")),
    ("en", "in 2014 AD", None, span("2014-01-01", "2014-12-31")),
    ("en", "between 2017 and 2021", None, span("2017-01-01", "2021-12-31")),
    ("en", "from June to August 2024", None, span("2024-06-01", "2024-08-31")),
    ("en", "yesterday", REF, span("2024-11-28")),
    ("en", "last month", REF, span("2024-10-01", "2024-10-31")),
    ("en", "the first Monday of this month", REF, span("2024-11-04")),
    ("en", "a week ago", REF, span("2024-11-22")),
    ("en", "last week's sunday", REF, span("2024-11-24")),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), FORMS,
                         ids=[f"{lang}::{text}::{ref or 'no-reference'}" for lang, text, ref, _ in FORMS])
def test_form(lang, text, reference, expected):
    found = parse_date(text, lang, reference)
    assert found is not None, f"{text!r} gave None"
    if isinstance(expected, DateSpan):
        assert found == expected
    else:
        assert (found.start, found.end, found.yearless) == (*expected, False)


NOT_ONE_DATE = [
    ("it", "il 15"),  # a bare day: which month?
    ("it", "prima del 2017"),  # an open interval
    ("it", "31 novembre 2024"),
    ("it", "29 febbraio 2023"),
    ("it", "30/02/2015"),
    ("it", "tra 1000 e 2000 persone"),
    ("it", "ieri sera e oggi"),
    ("en", "three days later"),  # counted from another event, not from the reference
    ("en", "the number 42"),
    ("en", ""),
]


@pytest.mark.parametrize(("lang", "text"), NOT_ONE_DATE, ids=[f"{lang}::{text}" for lang, text in NOT_ONE_DATE])
def test_not_one_date(lang, text):
    assert parse_date(text, lang, REF) is None


@pytest.mark.parametrize("text", ["ieri", "il mese scorso", "martedì scorso", "tre settimane fa"])
def test_relative_needs_a_reference(text):
    assert parse_date(text, "it") is None


def test_number_words_come_from_the_numeral_grammar():
    from factcheck.extraction.numbers import parse_number

    assert parse_number("ventidue", "it") == 22
    assert parse_date("ventidue di giugno", "it", REF) == DateSpan(D(2024, 6, 22), D(2024, 6, 22))
    assert parse_date("dieci di Settembre, duemila", "it", REF) == DateSpan(D(2000, 9, 10), D(2000, 9, 10))


def test_dateparser_reads_what_the_grammar_does_not():
    assert parse_date("yesterday morning", "en", REF) == DateSpan(D(2024, 11, 28), D(2024, 11, 28))


def test_a_datetime_reference_is_read_as_its_date():
    assert parse_date("ieri", "it", datetime.datetime(2024, 11, 29, 23, 59)).start == D(2024, 11, 28)


def test_unknown_language_is_an_error():
    with pytest.raises(FactcheckError):
        parse_date("2024", "xx")


def test_import_does_not_load_dateparser():
    code = "import sys, factcheck.extraction.dates; sys.exit('dateparser' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# -- DateSpan -----------------------------------------------------------------------------------

def test_span_prints_iso_and_timeml():
    assert str(DateSpan(D(2024, 6, 1), D(2024, 6, 30))) == "2024-06-01..2024-06-30"
    assert str(DateSpan(D(2024, 11, 6), D(2024, 11, 6))) == "2024-11-06"
    june = yearless("06-01", "06-30")
    assert (str(june), june.start_iso, june.end_iso) == ("XXXX-06-01..XXXX-06-30", "XXXX-06-01", "XXXX-06-30")


@pytest.mark.parametrize(("start", "end", "granularity"), [
    ("2024-11-06", "2024-11-06", "day"),
    ("2024-02-01", "2024-02-29", "month"),
    ("2024-01-01", "2024-12-31", "year"),
    ("2017-01-01", "2021-12-31", "span"),
    ("2024-06-03", "2024-06-05", "span"),
])
def test_granularity(start, end, granularity):
    assert DateSpan(*span(start, end)).granularity == granularity


def test_a_span_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        DateSpan(D(2024, 2, 1), D(2024, 1, 31))


OVERLAPS = [  # a, b, overlap?
    (DateSpan(*span("2024-01-01", "2024-01-31")), DateSpan(*span("2024-01-31", "2024-02-05")), True),  # touching
    (DateSpan(*span("2024-01-01", "2024-01-31")), DateSpan(*span("2024-02-01", "2024-02-29")), False),
    (DateSpan(*span("2024-11-06")), DateSpan(*span("2024-11-06")), True),
    (yearless("06-01", "06-30"), DateSpan(*span("2024-11-06")), False),  # "a giugno" vs 6 novembre 2024
    (yearless("06-01", "06-30"), DateSpan(*span("2024-01-01", "2024-12-31")), True),
    (yearless("06-01", "06-30"), DateSpan(*span("2024-06-30")), True),
    (yearless("06-01", "06-30"), DateSpan(*span("2024-07-01")), False),
    (yearless("06-01", "06-30"), DateSpan(*span("2023-12-31", "2024-01-01")), False),
    (yearless("11-01", "12-31"), DateSpan(*span("2023-12-31", "2024-01-01")), True),
    (yearless("02-29"), DateSpan(*span("2023-01-01", "2023-12-31")), False),  # no 29 February in 2023
    (yearless("02-29"), DateSpan(*span("2024-02-29")), True),
    (yearless("02-29"), DateSpan(*span("2023-02-28", "2023-03-01")), False),
    (yearless("02-29"), DateSpan(*span("2017-01-01", "2021-12-31")), True),  # 2020
    (yearless("02-01", "02-29"), DateSpan(*span("2023-02-28")), True),
    (yearless("06-01", "06-30"), yearless("06-30"), True),
    (yearless("06-01", "06-30"), yearless("07-01"), False),
    (yearless("02-29"), yearless("02-29"), True),
    (yearless("02-29"), yearless("03-01"), False),
    (DateSpan(D(YEARLESS_YEAR - 1, 11, 1), D(YEARLESS_YEAR, 2, 29), yearless=True), yearless("01-15"), True),
    (DateSpan(D(YEARLESS_YEAR - 1, 11, 1), D(YEARLESS_YEAR, 2, 29), yearless=True), yearless("07-01"), False),
    (DateSpan(D(YEARLESS_YEAR - 1, 11, 1), D(YEARLESS_YEAR, 2, 29), yearless=True),
     DateSpan(*span("2025-01-10")), True),
]


@pytest.mark.parametrize(("a", "b", "expected"), OVERLAPS, ids=[f"{a}~{b}" for a, b, _ in OVERLAPS])
def test_overlaps(a, b, expected):
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected  # symmetric


# -- date_pattern in running text ---------------------------------------------------------------

def find(lang: str, text: str) -> list[str]:
    return [m.group() for m in regex.compile(date_pattern(lang), regex.IGNORECASE).finditer(text)]


IN_TEXT = [
    ("it", "Questo accordo, siglato a giugno, stabilisce", ["a giugno"]),
    ("it", "siglati lo scorso 6 novembre 2024, secondo cui", ["lo scorso 6 novembre 2024"]),
    ("it", "L'accordo del novembre 2024 prevede", ["del novembre 2024"]),
    ("it", "Trump, che già tra il 2017 e il 2021 aveva provato", ["tra il 2017 e il 2021"]),
    ("it", "nel 2024 il governo", ["nel 2024"]),
    ("it", "20 novembre 2024 · 03:15", ["20 novembre 2024"]),
    ("it", "dal 3 al 5 giugno 2024 a Roma", ["dal 3 al 5 giugno 2024"]),
    ("it", "da marzo a giugno 2024", ["da marzo a giugno 2024"]),
    ("it", "il 6 novembre scorso, e giugno scorso", ["il 6 novembre scorso", "giugno scorso"]),
    ("it", "dell'11 settembre 2001 e nell'agosto 2015", ["dell'11 settembre 2001", "nell'agosto 2015"]),
    ("it", "il 3/3/2015 e il 31/10/74", ["il 3/3/2015", "il 31/10/74"]),
    ("it", "Nel 2024 e NEL 2025", ["Nel 2024"]),  # capitals only for capitalized_only words
    ("it", "domenica 10 febbraio", ["domenica 10 febbraio"]),
    ("it", "il 29 febbraio 2024, non il 29 febbraio 2023", ["il 29 febbraio 2024", "febbraio 2023"]),
    ("en", "signed on 6 November 2024, by", ["on 6 November 2024"]),
    ("en", "signed in June, last June and June 2024", ["in June", "last June", "June 2024"]),
    ("en", "on November 6, 2024 and in 2024", ["on November 6, 2024", "in 2024"]),
    ("en", "between 2017 and 2021", ["between 2017 and 2021"]),
    ("en", "in May 2024 they may", ["in May 2024"]),
    ("en", "on the 6th of November", ["on the 6th of November"]),
    ("en", "in 2014 AD", ["in 2014 AD"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), IN_TEXT, ids=[f"{lang}::{text}" for lang, text, _ in IN_TEXT])
def test_pattern_finds(lang, text, expected):
    assert find(lang, text) == expected


GUARDS = [
    ("it", "smarzo e maggiormente"),  # inside words
    ("it", "ha vinto in 3 set"),  # "set" only with a year
    ("it", "in 2000 casi"),  # a count, not a year
    ("it", "tra 1000 e 2000 persone"),
    ("it", "il 30 febbraio e il 31/04/2020"),
    ("it", "a Roma il 15 scorso"),
    ("it", "Giugno è un nome"),  # a month alone needs a word next to it
    ("en", "you may want to march on"),  # verbs
    ("en", "the top 5 may be"),
    ("en", "version 3.3.15 and 10.000 troops"),
]


@pytest.mark.parametrize(("lang", "text"), GUARDS, ids=[f"{lang}::{text}" for lang, text in GUARDS])
def test_pattern_ignores(lang, text):
    assert find(lang, text) == []


@pytest.mark.parametrize("lang", LANGS)
def test_pattern_embeds_as_one_alternative(lang):
    source = date_pattern(lang)
    assert regex.compile(source).groups == 0  # no capturing or named groups
    combined = regex.compile(f"(?P<date>{source})|(?P<num>[0-9]+)", regex.IGNORECASE | regex.VERSION0)
    text = {"it": "nel 2024 oltre 10 soldati", "en": "in 2024 over 10 soldiers"}[lang]
    assert [m.lastgroup for m in combined.finditer(text)] == ["date", "num"]


@pytest.mark.parametrize("lang", LANGS)
def test_pattern_keeps_quantifiers_few(lang):
    """`regex` resets every quantifier at each position it tries: thousands of them (say, a
    trie written with "?") make the pattern crawl on ordinary text even where they never run."""
    quantifiers = regex.findall(r"(?<!\\)(?:[*+]|\?(?![:=!<>P])|\{[0-9])", date_pattern(lang))
    assert len(quantifiers) <= 10


# -- properties ---------------------------------------------------------------------------------

def date_words(lang: str) -> list[str]:
    """Words and numbers that date expressions are made of, with some that are not."""
    data = languages.load(lang).data["dates"]
    words = [*data["months"], *data["month_abbreviations"], *data["weekdays"], *data["lead_words"],
             *data["articles"], *data["past_words"], *data["next_words"], *data["this_words"],
             *data["of_words"], *data["year_lead_words"], *data["year_suffixes"], *data["ranges"],
             *(c for closers in data["ranges"].values() for c in closers),
             *(f for forms in data["contractions"].values() for f in forms)]
    return words + ["2024", "2017", "1999", "2023", "1000", "29", "30", "31", "1", "6", "12", "99",
                    "3/3/2015", "31/02/2015", "29/02/2023", "29/2/2024", "2015-02-29", "10.31.1974",
                    "May", "casa", "Roma", ",", "."]


def texts_of(lang: str):
    word = st.sampled_from(date_words(lang)).flatmap(
        lambda w: st.sampled_from([w, w.capitalize(), w.upper()]))
    gap = st.sampled_from([" ", " ", ", ", "'", ""])
    return st.lists(st.tuples(word, gap), min_size=1, max_size=8).map(
        lambda parts: "".join(w + g for w, g in parts))


references = st.one_of(st.none(), st.dates(min_value=D(1500, 1, 1), max_value=D(2200, 12, 31)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=40), texts_of("it"), texts_of("en")),
       lang=st.sampled_from(LANGS), reference=references)
def test_parse_date_never_raises(text, lang, reference):
    found = parse_date(text, lang, reference)
    assert found is None or found.start <= found.end


@pytest.mark.parametrize("lang", LANGS)
def test_every_pattern_match_parses(lang):
    pattern = regex.compile(date_pattern(lang), regex.IGNORECASE)

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=texts_of(lang), reference=references)
    def check(text, reference):
        # a weekday alone ("mercoledì") names a day only against a reference: extraction always gives one
        for match in pattern.finditer(text):
            assert parse_date(match.group(), lang, reference or D(2024, 11, 29)) is not None, \
                f"{match.group()!r} (in {text!r}) is matched but not parsed"
    check()


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=D(1000, 1, 1), max_value=D(2999, 12, 31)))
def test_italian_day_month_year_round_trips(day):
    months = languages.load("it").data["dates"]["months"]
    text = f"{day.day} {months[day.month - 1]} {day.year}"
    assert parse_date(text, "it") == DateSpan(day, day)
    assert find("it", f"siglato il {text}, secondo") == [f"il {text}"]


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=D(1000, 1, 1), max_value=D(2999, 12, 31)))
def test_english_month_day_year_round_trips(day):
    months = languages.load("en").data["dates"]["months"]
    text = f"{months[day.month - 1].capitalize()} {day.day}, {day.year}"
    assert parse_date(text, "en") == DateSpan(day, day)
    assert find("en", f"signed on {text}, by") == [f"on {text}"]
