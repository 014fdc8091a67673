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
from fractions import Fraction
from typing import Iterator

import regex

from factcheck import languages
from factcheck.languages import Language
from factcheck.extraction.patterns import literal_trie

HALF = Fraction(1, 2)
# A whole-string numeral longer than this is prose; the bound also keeps backtracking small.
MAX_LENGTH = 300
PLAIN_DIGITS = regex.compile(r"[0-9]+")
SEPARATOR = regex.compile(r"[\s\-]+")
# A letter ends or starts a word; a digit does not ("11mila").
NOT_AFTER_LETTER = r"(?<![^\W\d_])"
NOT_BEFORE_LETTER = r"(?![^\W\d_])"


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
    grammar = _grammar(lang)
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
# Regex building blocks. The pattern has no quantifiers (?, *, +, {m,n}): the regex module sets
# up every repeat of a pattern at each position it tries, and with the 400 repeats this grammar
# had, scanning ran at 3 MB/s. An optional part is "(?:x|)", a bounded repeat is nested.


def _optional(source: str) -> str:
    return f"(?:{source}|)"


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


def _either(alternatives) -> str:
    """Any of the regex `alternatives`, in order; never matches when there are none."""
    alternatives = list(alternatives)
    return "(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)"


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


# ---------------------------------------------------------------------------------------------
# The parser: generators of (value, next token index), longest reading first


def _is(tokens: list[_Token], i: int, role: str) -> bool:
    return i < len(tokens) and tokens[i].role == role


def _small(tokens, i, limit) -> Iterator[tuple[Fraction, int]]:
    """Digits written plainly below `limit`: the "3" of "3 hundred and 21"."""
    if _is(tokens, i, "digits") and tokens[i].integer and tokens[i].value < limit:
        yield tokens[i].value, i + 1


def _below_hundred(tokens, i) -> Iterator[tuple[Fraction, int]]:
    if i >= len(tokens):
        return
    token = tokens[i]
    if token.role == "teen" or token.role == "unit":
        yield token.value, i + 1
    elif token.role == "tens":
        if _is(tokens, i + 1, "unit"):
            yield token.value + tokens[i + 1].value, i + 2
        yield token.value, i + 1


def _group(tokens, i) -> Iterator[tuple[Fraction, int]]:
    """A number below a thousand, or a count of hundreds: "trecentoquarantadue", "sixty hundred"."""
    counts = [*_below_hundred(tokens, i), *_small(tokens, i, 100)]
    if _is(tokens, i, "article"):
        counts.append((Fraction(1), i + 1))
    for count, j in counts:
        if _is(tokens, j, "hundred"):
            yield from _after_hundred(tokens, j + 1, count * 100)
    if _is(tokens, i, "hundred") and tokens[i].alone:
        yield from _after_hundred(tokens, i + 1, Fraction(100))
    yield from _below_hundred(tokens, i)


def _after_hundred(tokens, i, hundreds) -> Iterator[tuple[Fraction, int]]:
    j = i + 1 if _is(tokens, i, "and") else i
    for value, k in [*_below_hundred(tokens, j), *_small(tokens, j, 100)]:
        yield hundreds + value, k
    yield hundreds, i


def _scale_run(tokens, i) -> Iterator[tuple[Fraction, int]]:
    """A scale word, or two where the second multiplies the first: "mila milioni"."""
    if _is(tokens, i, "scale"):
        value = tokens[i].value
        if _is(tokens, i + 1, "scale") and tokens[i + 1].value > value:
            yield value * tokens[i + 1].value, i + 2
        yield value, i + 1


def _half(tokens, i) -> Iterator[int]:
    """ "mezzo", "a half", "un mezzo": the index after it."""
    if i < len(tokens) and tokens[i].article and _is(tokens, i + 1, "half"):
        yield i + 2
    if _is(tokens, i, "half"):
        yield i + 1


def _rest(tokens, i, total, last_scale) -> Iterator[tuple[Fraction, int]]:
    """What follows a scale word: "... duemila duecento", "... e mezzo", "... and twelve"."""
    for count, j in [*_group(tokens, i), *_small(tokens, i, 1000)]:
        for scale, k in _scale_run(tokens, j):
            yield from _rest(tokens, k, total + count * scale, scale)
    j = i + 1 if _is(tokens, i, "and") else i
    for value, k in _group(tokens, j):
        yield total + value, k
    if _is(tokens, i, "and"):
        for k in _half(tokens, i + 1):
            yield total + last_scale * HALF, k
    yield total, i


def _fraction(tokens, i) -> Iterator[tuple[str, int]]:
    """The digits after "virgola"/"point": "nove nove" and "novantanove" are both "99"."""
    digits, readings = "", []
    j = i
    while j < len(tokens) and (tokens[j].role in ("zero", "unit") or (tokens[j].role == "digits" and tokens[j].integer)):
        digits += tokens[j].text if tokens[j].role == "digits" else str(tokens[j].value)
        j += 1
        readings.append((digits, j))
    yield from reversed(readings)
    zeros = 0
    while _is(tokens, i + zeros, "zero"):
        zeros += 1
    for value, k in _group(tokens, i + zeros):
        yield "0" * zeros + str(value), k


def _numeral(tokens, i) -> Iterator[tuple[Fraction, int]]:
    """Every reading of tokens[i:], longest and most natural first."""
    counts = [(value, j, "words") for value, j in _group(tokens, i)]
    if _is(tokens, i, "zero"):
        counts.append((Fraction(0), i + 1, "words"))
    if _is(tokens, i, "digits"):
        counts.append((tokens[i].value, i + 1, "digits"))
    if _is(tokens, i, "article"):  # "a": only as the count of something
        counts.append((Fraction(1), i + 1, "article"))
    for count, j, kind in counts:
        if kind != "article":
            yield count, j
        if kind == "digits" and _is(tokens, j, "suffix"):
            yield count * tokens[j].value, j + 1
        if kind != "article" and count.denominator == 1 and _is(tokens, j, "point"):
            for digits, k in _fraction(tokens, j + 1):
                value = Fraction(f"{count}.{digits}")
                yield value, k
                for scale, m in _scale_run(tokens, k):
                    yield value * scale, m
        for scale, k in _scale_run(tokens, j):
            yield from _rest(tokens, k, count * scale, scale)
        if _is(tokens, j, "dozen"):
            yield count * tokens[j].value, j + 1
        if _is(tokens, j, "and"):
            for k in _half(tokens, j + 1):
                yield count + HALF, k
                for scale, m in _scale_run(tokens, k):
                    yield (count + HALF) * scale, m
    if _is(tokens, i, "half"):  # "mezzo milione", "half a dozen"
        j = i + 2 if i + 1 < len(tokens) and tokens[i + 1].article else i + 1
        for scale, k in _scale_run(tokens, j):
            yield scale * HALF, k
        if _is(tokens, j, "dozen"):
            yield tokens[j].value * HALF, j + 1
    if _is(tokens, i, "scale") and tokens[i].alone:  # "mille", "thousand nine hundred twenty"
        yield from _rest(tokens, i + 1, tokens[i].value, tokens[i].value)


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
