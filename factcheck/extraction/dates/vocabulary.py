"""The `dates:` section of a language, read once into word roles, and text into tokens that carry them."""
from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import regex

from factcheck import languages
from factcheck.languages import Language


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
    "month_parts": "part",
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
        for word, value in (data.get(key) or {}).items():
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
# numbers in ASCII digits only: regex knows digits of newer Unicode than int() reads ("\U0001e5f1")
_TOKEN = regex.compile(r"""
      (?P<numeric>[0-9]+(?P<sep>[/.-])[0-9]+(?:(?P=sep)[0-9]+)?)(?![/.-]?[0-9])   # 3/3/2015, 2015-03, 10.31.1974
    | (?P<number>[0-9]+)
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
