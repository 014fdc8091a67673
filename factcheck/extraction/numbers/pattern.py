"""The running-text numeral pattern, written for the `regex` engine's speed: no quantifiers."""
from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import regex

from factcheck.extraction.patterns import either as _either, literal_trie, optional as _optional

if TYPE_CHECKING:
    from factcheck.extraction.numbers.grammar import _Word

HALF = Fraction(1, 2)
SEPARATOR = regex.compile(r"[\s\-]+")
# A letter ends or starts a word; a digit does not ("11mila").
NOT_AFTER_LETTER = r"(?<![^\W\d_])"
NOT_BEFORE_LETTER = r"(?![^\W\d_])"


# ---------------------------------------------------------------------------------------------
# Regex building blocks. The pattern has no quantifiers (?, *, +, {m,n}): the regex module sets
# up every repeat of a pattern at each position it tries, and with the 400 repeats this grammar
# had, scanning ran at 3 MB/s. An optional part is "(?:x|)", a bounded repeat is nested.


def _up_to(times: int, source: str) -> str:
    """`source` repeated 0..times, greedily: "(?:x(?:x|)|)"."""
    nested = ""
    for _ in range(times):
        nested = _optional(source + nested)
    return nested


def _repeat(low: int, high: int, source: str) -> str:
    """`source` repeated low..high times, greedily."""
    return source * low + _up_to(high - low, source)


SPACES = _repeat(1, 2, r"\s")  # between words: one space, or two where text is sloppy
DIGIT_RUN = _repeat(1, 24, "[0-9]")  # a digit string up to 10^24: longer is no count
NO_MORE_DIGITS = "(?![0-9])(?![.,][0-9])"  # the whole numeral, never the start of "1.5" or "12"


def _one_of(words, either_case: bool = False) -> str:
    """Any of `words` as a trie regex (see factcheck.extraction.patterns)."""
    return literal_trie(words, either_case=either_case)


def _phrases(phrases) -> str:
    """Any of `phrases` ("per cento"), longest first; a space in one matches one or two."""
    ordered = sorted(phrases, key=len, reverse=True)
    return _either(SPACES.join(map(regex.escape, p.split())) for p in ordered)


def _digits_source(separators: dict) -> str:
    """One numeral in digits, in the locale's notation, never part of a longer one: "1.000.000"
    whole, "1.5" in Italian not at all (the dot groups three digits)."""
    decimal, thousands = regex.escape(separators["decimal"]), regex.escape(separators["thousands"])
    spaces = "".join(regex.escape(s) for s in separators.get("group_spaces") or [])
    fraction = _optional(decimal + DIGIT_RUN)
    marks = [thousands, f"[{spaces}]"] if spaces else [thousands]
    # up to 10^21; a longer grouped number stays unmatched rather than cut short
    grouped = [_repeat(1, 3, "[0-9]") + _repeat(1, 7, f"{mark}[0-9][0-9][0-9](?![0-9])") + fraction
               for mark in marks]
    # atomic: once "1.000" is read it is never re-read as "1" followed by ".000"
    alternatives = "|".join([*grouped, DIGIT_RUN + fraction, decimal + DIGIT_RUN])
    return f"(?>{alternatives}){NO_MORE_DIGITS}"


def _pattern_source(data: dict, words: dict[str, _Word], elided: dict[str, _Word], minus: list[str]) -> str:
    """The running-text regex: the parser's grammar, guarded at both ends (see number_pattern)."""

    def of(*roles, article=None, alone=None, forms=None):
        chosen = [w for w, x in (forms or words).items() if x.role in roles
                  and (article is None or x.article == article) and (alone is None or x.alone == alone)]
        return _one_of(w for w in chosen if forms or w not in elided)

    def with_elided(*roles, alone=None):
        """A word, or its elided form where a vowel-initial number word follows: "cent"+"ottanta"."""
        short = of(*roles, alone=alone, forms=elided)
        full = of(*roles, alone=alone)
        return f"(?:{short}{vowel_word}|{full})" if short != "(?!)" else full

    vowel_words = {w: x for w, x in words.items()
                   if w[0] in data.get("vowels", "") and w not in elided and x.role in ("unit", "teen", "tens")}
    vowel_word = f"(?={_one_of(vowel_words)})"
    # between two number words: nothing in "tremila", a space or hyphen in "twenty-one"
    join = _repeat(0 if data["compound_words"] else 1, 2, r"[\s\-]")
    connector = f"{SPACES}{of('and')}{SPACES}"
    unit, unit_no_article = of("unit"), of("unit", article=False)
    article, article_only = of("unit", "article", article=True), of("article")
    hundred, hundred_alone = with_elided("hundred"), with_elided("hundred", alone=True)
    scale_any, dozen, half = of("scale"), of("dozen"), of("half")
    small2 = _repeat(1, 2, "[0-9]") + NO_MORE_DIGITS
    small3 = _repeat(1, 3, "[0-9]") + NO_MORE_DIGITS
    maybe_space = _optional(r"\s")
    digits = _digits_source(data["separators"])
    suffix = f"(?-i:{_phrases(data['suffixes'])})"  # case matters: "3M" is millions, "100 m" metres

    def below_hundred(articles: bool) -> str:
        parts = [of("teen")]
        if elided:  # ventuno, trentotto
            parts.append(of("tens", forms=elided) + of("unit", forms=vowel_words))
        parts += [of("tens") + _optional(join + unit), unit if articles else unit_no_article]
        return "(?:" + "|".join(parts) + ")"

    below_any = below_hundred(True)
    count_h = f"(?:{below_any}{join}|{article_only}{join}|{small2}{maybe_space})"
    # "duecento e trecento" is two numbers: the part after a hundred is never one more hundred
    after_hundred = _optional(f"(?:{connector}|{join})(?:{below_any}|{small2})(?!{join}{hundred})")

    def group(articles: bool) -> str:
        """Below a thousand, or "forty five hundred": the count a scale word multiplies."""
        return f"(?:{count_h}{hundred}{after_hundred}|{hundred_alone}{after_hundred}|{below_hundred(articles)})"

    group_any = group(True)
    runs = []
    for value in sorted({x.value for x in words.values() if x.role == "scale"}):
        these = {w: x for w, x in words.items() if x.role == "scale" and x.value == value}
        bigger = {w: x for w, x in words.items() if x.role == "scale" and x.value > value}
        # "mila milioni": a larger scale may multiply a smaller one
        runs.append(of("scale", forms=these) + (_optional(join + of("scale", forms=bigger)) if bigger else ""))
    scale_run = "(?:" + "|".join(runs) + ")"
    then_scale = _optional(join + scale_run)
    half_tail = f"(?:{connector}{_optional(article + join)}{half})"
    digit_word = of("zero", "unit")
    fraction = (f"(?:{digit_word}{join}{digit_word}{_up_to(6, join + digit_word)}"
                f"|{_up_to(3, of('zero') + join)}{group_any}|{digit_word}|{DIGIT_RUN}{NO_MORE_DIGITS})")
    point_tail = f"(?:{SPACES}{of('point')}{SPACES}{fraction})"
    # after a scale: more counted scales, then a last group ("and" only before that) or a half;
    # "2 milioni e 3 milioni" stays two numerals
    rest = (_up_to(3, f"{join}(?:{group_any}{join}|{small3}{maybe_space}){scale_run}")
            + _optional(f"(?:{connector}|{join}){group_any}(?!{join}(?:{scale_any}|{hundred}|{dozen}))"
                        f"|{half_tail}"))
    count_words = f"(?:{group(False)}|{of('zero')})"  # "3 hundred" too
    multiplied = f"(?:{scale_run}{rest}|{dozen})"
    # tried in order; where two alternatives could match, the first gives the longer reading
    body = _either([
        f"{count_words}(?:{join}{multiplied}|{half_tail}{then_scale}|{point_tail}{then_scale}|)",
        # an article alone is no numeral: "uno dei soldati", "one of them"
        f"{article}(?:{join}{multiplied}|{half_tail}{then_scale})",
        f"{small3}{point_tail}{then_scale}",  # "1 point 1"
        # not a year: "nel 2021 milioni di persone" is no count of millions
        f"{digits}(?:(?<![0-9][0-9][0-9][0-9])(?:{maybe_space}{multiplied}|{half_tail}{then_scale})"
        f"|{maybe_space}{suffix}{NOT_BEFORE_LETTER}|)",
        f"{of('scale', alone=True)}{rest}",
        f"{half}{join}{_optional(article + join)}(?:{scale_run}|{dozen})",
    ])
    percent_symbols = [regex.escape(p) for p in data["percent"] if not p[0].isalpha()]
    percent_words = [p for p in data["percent"] if p[0].isalpha()]
    percent = _either([*(maybe_space + p for p in percent_symbols),
                       *([SPACES + _phrases(percent_words) + NOT_BEFORE_LETTER] if percent_words else [])])
    # A cheap look at the first word before the grammar runs, which most words of a text fail:
    # a number word not continued by other letters ("sette" but not "settembre"), or an article
    # followed by a multiplier ("un milione", not "un uomo").
    def spelled(chosen) -> str:
        return _one_of(chosen, either_case=True)

    number_words = [w for w, x in words.items() if x.role not in ("and", "point", "article")]
    first = [w for w, x in words.items() if w in elided or x.alone
             or (x.role in ("zero", "unit", "teen", "tens", "half") and not x.article)]
    glued = "|" + spelled({w[:3] for w in number_words}) if data["compound_words"] else ""
    multipliers = {w[:3] for w, x in words.items() if x.role in ("hundred", "scale", "dozen")}
    articles = [w for w, x in words.items() if x.article]
    connectors = [w for w, x in words.items() if x.role == "and"]
    gate = (f"(?-i:(?=[0-9]|{spelled(first)}(?:{NOT_BEFORE_LETTER}{glued})"
            f"|{spelled(articles)}{join}(?:{spelled(multipliers)}|{spelled(connectors)}\\s)))")
    after_sign = f"(?<!(?:^|\\W)[{''.join(map(regex.escape, minus))}])" if minus else ""
    return (
        # "\m" first: the regex module tests it fast at every position, then the gate rejects
        # most words. Any alternation or lookaround before it made scanning 3x slower, so a sign
        # or a leading decimal mark ("-5", ",77") is not matched at all: the lookbehinds keep such
        # a numeral silent rather than read as 5 or 77.
        f"\\m{gate}(?<![.,]){after_sign}"
        # not the decimals of "dodici virgola novantanove"
        f"(?<!{of('point')}\\s){body}"
        # not the start of a longer word: "tremendo", "twenty-first", "10-year-old"
        f"(?!\\w)(?!-[^\\W\\d_]){_optional(percent)}"
    )
