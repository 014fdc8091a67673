"""The `numbers:` section of a language, indexed: every word with its role, and one compiled grammar."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction

import regex

from factcheck import languages
from factcheck.languages import Language

from factcheck.extraction.numbers.pattern import (NOT_AFTER_LETTER, NOT_BEFORE_LETTER, SEPARATOR, _digits_source, _either,
                                                 _one_of, _pattern_source, _phrases)


# ---------------------------------------------------------------------------------------------
# Vocabulary: the YAML section, checked and indexed


@dataclass(frozen=True, slots=True)
class _Word:
    """What one number word does in the grammar."""

    role: str  # zero unit teen tens hundred scale dozen half and point article
    value: Fraction = Fraction(0)
    article: bool = False  # "un", "one": a numeral alone in a string, not in running text
    alone: bool = False  # "cento", "mille": a number with no count before it


@dataclass(frozen=True, slots=True)
class _Token:
    role: str  # a _Word role, or "digits" / "suffix"
    value: Fraction
    text: str = ""  # digits as written, for "1 point 05"
    article: bool = False
    alone: bool = False
    integer: bool = False  # digits with no decimal mark and no grouping: "21", "0033"


ROLES = {"zero": "zero", "units": "unit", "teens": "teen", "tens": "tens",
         "hundreds": "hundred", "scales": "scale", "dozens": "dozen", "halves": "half",
         "connectors": "and", "decimal_words": "point"}


def _vocabulary(language: Language) -> tuple[dict, dict[str, _Word]]:
    """The `numbers:` data of a language (validated when loaded), every word casefolded with its role."""
    data = language.section("numbers")
    articles = {w.casefold() for w in data["articles"]}
    alone = {w.casefold() for w in data["alone"]}
    words: dict[str, _Word] = {}
    for key, role in ROLES.items():
        entries = data[key] if isinstance(data[key], dict) else dict.fromkeys(data[key], 0)
        for word, value in entries.items():
            word = word.casefold()
            words[word] = _Word(role, Fraction(value), word in articles, word in alone)
    for word in articles - words.keys():  # "a": 1, but only before a multiplier
        words[word] = _Word("article", Fraction(1), article=True)
    return data, words


def _elided(data: dict, words: dict[str, _Word]) -> dict[str, _Word]:
    """Forms that drop their last vowel before a vowel: "vent" of ventuno, "cent" of centotto."""
    vowels = data.get("vowels", "")
    return {w.casefold()[:-1]: words[w.casefold()] for w in data["elide"] if w[-1] in vowels}


# ---------------------------------------------------------------------------------------------
# The compiled grammar of one language


@dataclass(frozen=True, slots=True)
class _Grammar:
    """One language's numerals: the tokenizer and value parser's data, and the text pattern."""

    words: dict[str, _Word]
    suffixes: dict[str, Fraction]
    decimal: str
    thousands: str
    sign: regex.Pattern
    percent: regex.Pattern
    digits: regex.Pattern
    suffix: regex.Pattern
    glued_word: regex.Pattern | None
    free_word: regex.Pattern
    pattern: str

    def tokenize(self, text: str) -> list[_Token] | None:
        """Words and digit groups of `text`, or None where something is not part of a numeral."""
        tokens: list[_Token] = []
        position = 0
        while position < len(text):
            if tokens:
                gap = SEPARATOR.match(text, position)
                if gap:
                    position = gap.end()
            match = self.digits.match(text, position)
            if match:
                tokens.append(self._digits_token(match.group()))
                position = match.end()
                suffix = self.suffix.match(text, position)
                if suffix:
                    tokens.append(_Token("suffix", self.suffixes[suffix.group().strip()]))
                    position = suffix.end()
                continue
            match = (self.glued_word and self.glued_word.match(text, position)) or self.free_word.match(text, position)
            word = match and self.words.get(match.group().casefold())
            if not word:
                return None
            tokens.append(_Token(word.role, word.value, article=word.article, alone=word.alone))
            position = match.end()
        return tokens

    def decimal_string(self, written: str) -> str:
        """Digits in Python's notation: "6.700,54" -> "6700.54" in Italian."""
        return "".join(written.replace(self.thousands, "").split()).replace(self.decimal, ".")

    def _digits_token(self, written: str) -> _Token:
        return _Token("digits", Fraction(self.decimal_string(written)), written, integer=written.isdigit())


def _grammar(lang: str | Language) -> _Grammar:
    return _grammar_of(languages.resolve(lang))


@functools.cache
def _grammar_of(language: Language) -> _Grammar:
    data, words = _vocabulary(language)
    elided = _elided(data, words)
    separators = data["separators"]
    symbols = [m for m in data["minus"] if not m[0].isalpha()]
    minus_words = [m for m in data["minus"] if m[0].isalpha()]
    sign = regex.compile(_either([*map(regex.escape, symbols), *(_phrases([w]) + NOT_BEFORE_LETTER for w in minus_words)])
                         + r"\s*", regex.IGNORECASE)
    percent_symbols = [p for p in data["percent"] if not p[0].isalpha()]
    percent_words = [p for p in data["percent"] if p[0].isalpha()]
    percent = regex.compile(_either([*(r"\s*" + regex.escape(p) for p in percent_symbols),
                                     *(r"\s+" + _phrases([p]) for p in percent_words)]) + r"\Z", regex.IGNORECASE)
    suffixes = {s: Fraction(v) for s, v in data["suffixes"].items()}
    suffix = regex.compile(rf"\s?{_phrases(suffixes)}{NOT_BEFORE_LETTER}")  # case matters: M, not m
    digits = regex.compile(_digits_source(separators))
    compound = bool(data["compound_words"])
    free_roles = {"and", "point", "article"}
    number_words = [w for w, x in words.items() if x.role not in free_roles]
    glued_word = None
    if compound:  # "tremiladuecento": number words follow each other with no space
        lookahead = _one_of(w for w in number_words if w[0] in data.get("vowels", "") and words[w].role in ("unit", "teen", "tens"))
        glued_word = regex.compile(f"(?:{_one_of(elided)}(?={lookahead})|{_one_of(number_words)})", regex.IGNORECASE)
    free = [w for w in words if words[w].role in free_roles or not compound]
    free_word = regex.compile(f"{NOT_AFTER_LETTER}{_one_of(free)}{NOT_BEFORE_LETTER}", regex.IGNORECASE)
    words = {**words, **elided}
    return _Grammar(words, suffixes, separators["decimal"], separators["thousands"], sign, percent,
                    digits, suffix, glued_word, free_word, _pattern_source(data, words, elided, symbols))
