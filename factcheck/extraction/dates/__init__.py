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

import datetime
import functools

from factcheck import languages
from factcheck.languages import Language
from factcheck.extraction.dates.finder import _PatternBuilder, trigger_words
from factcheck.extraction.dates.reader import _Reader
from factcheck.extraction.dates.resolve import _unit_span
from factcheck.extraction.dates.span import YEARLESS_YEAR, DateSpan, _MAX_TEXT
from factcheck.extraction.dates.vocabulary import _RELATIVE_ROLES, _UNITS, _tokens, _vocabulary, _vocabulary_of

__all__ = ["YEARLESS_YEAR", "DateSpan", "parse_date", "date_pattern", "trigger_words"]


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
    if not isinstance(text, str) or len(text) > _MAX_TEXT:
        return None
    return _parsed(text, languages.resolve(lang), reference)


@functools.lru_cache(maxsize=1 << 16)
def _parsed(text: str, language: Language, reference: datetime.date | None) -> DateSpan | None:
    """parse_date, read once per text, language and reference: news repeat their dates ("lo scorso 6
    novembre", "a giugno") within a document and across a corpus, and a span is immutable."""
    vocab = _vocabulary_of(language)
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
