"""The numeral parser: generators of (value, next token index), longest reading first."""
from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from factcheck.extraction.numbers.grammar import _Token
from factcheck.extraction.numbers.pattern import HALF


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
