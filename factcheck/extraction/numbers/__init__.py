"""Numerals in Italian and English: "11mila" -> 11000.0, "2,7 milioni" -> 2700000.0.

Every word, separator and multiplier comes from the `numbers:` section of
`factcheck/languages/<lang>.yaml`; this module is only the grammar that combines them.
The grammar is written twice, on purpose: once as a regular expression that finds numerals
in running text (`number_pattern`: fast, no values) and once as a small backtracking parser
that computes the value of one numeral (`parse_numeral`). The parser accepts everything the
pattern matches (a property test holds the two together); the pattern is the stricter one,
because running text is noisier than a string already known to be a numeral.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import regex

from factcheck import languages
from factcheck.languages import Language

from factcheck.extraction.numbers.grammar import _grammar, _vocabulary
from factcheck.extraction.numbers.parser import _numeral

# A whole-string numeral longer than this is prose; the bound also keeps backtracking small.
MAX_LENGTH = 300
PLAIN_DIGITS = regex.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class Numeral:
    """The value of one numeral and whether it was a percentage ("30 per cento" -> 30.0, True)."""

    value: float
    percent: bool


def parse_number(text: str, lang: str | Language = "it") -> float | None:
    """The value of `text` when the whole of it is one numeral, else None (never raises).

        >>> parse_number("2,7 milioni")
        2700000.0
    """
    numeral = parse_numeral(text, lang)
    return None if numeral is None else numeral.value


def parse_numeral(text: str, lang: str | Language = "it") -> Numeral | None:
    """`text` read as one whole numeral, percentages marked; None when it is not one.

        >>> parse_numeral("30 per cento")
        Numeral(value=30.0, percent=True)
    """
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > MAX_LENGTH:
        return None
    if PLAIN_DIGITS.fullmatch(text):  # the common cases first, with no grammar: "2024", "10.000"
        return Numeral(float(text), False)
    return _parsed(text, languages.resolve(lang))


@functools.lru_cache(maxsize=1 << 16)
def _parsed(text: str, language: Language) -> Numeral | None:
    """parse_numeral past its shortcut, read once per text and language: a corpus repeats its
    numerals ("10.000", "11mila", "tre") and a Numeral is immutable."""
    grammar = _grammar(language)
    if grammar.digits.fullmatch(text):
        return Numeral(float(grammar.decimal_string(text)), False)
    sign = grammar.sign.match(text)
    if sign:
        text = text[sign.end():]
    percent = grammar.percent.search(text)
    if percent:
        text = text[:percent.start()]
    tokens = grammar.tokenize(text)
    if not tokens:
        return None
    value = next((v for v, end in _numeral(tokens, 0) if end == len(tokens)), None)
    if value is None:
        return None
    try:
        number = float(-value if sign else value)
    except OverflowError:
        return None
    return Numeral(number, percent is not None) if math.isfinite(number) else None


def number_pattern(lang: str | Language) -> str:
    """Source of one regex that finds numerals in running text, longest first.

    Compile it with `regex.IGNORECASE`; it has no flags or capturing groups of its own, so it
    can also be one alternative of a larger pattern. Every match is accepted by `parse_number`.

        >>> regex.compile(number_pattern("it"), regex.I).findall("oltre 10.000 soldati, 11mila")
        ['10.000', '11mila']
    """
    return _grammar(lang).pattern


def trigger_words(lang: str | Language) -> frozenset[str]:
    """Word starts that every numeral written in words begins with (a digit starts the others).

    A scan for these is far cheaper than `number_pattern`, so callers run the full pattern only
    near them. A word stands for its compounds ("due" for "duecento") and, without its final
    vowel, for its elided forms ("vent" for "ventuno").
    """
    language = languages.resolve(lang)
    data, _words = _vocabulary(language)
    vowels = data.get("vowels", "")
    articles = {a.casefold() for a in data["articles"]}
    words: set[str] = set(data["zero"]) | set(data["halves"])
    for key in ("units", "teens", "tens", "hundreds", "scales", "dozens"):
        words.update(data[key])
    return frozenset(word_stem(w.casefold(), vowels) for w in words if w.casefold() not in articles)


def word_stem(word: str, vowels: str) -> str:
    """A word without the final vowel its language may drop ("venti" -> "vent"); short words whole."""
    return word[:-1] if len(word) > 4 and word[-1] in vowels else word
