"""A numeral that is no count: an age, a price, a time, an index, a code, a model's designation.

    "76° anniversario", "0800 123 4567", "03:15", "Shahed-136", "PzH 2000", "$300", "alle 10.30"
"""
from __future__ import annotations

import regex

from factcheck.extraction.text import WORD

DIGITS_ONLY = regex.compile(r"[\d.,]+")
DIGIT_SPACE = regex.compile(r"\d[ \t]")
SPACE_DIGIT = regex.compile(r"[ \t]\d")
CURRENCY_BEFORE = regex.compile(r"[$€£¥]\s*$")
CLOCK_TIME = regex.compile(r"\d{1,2}[.,:]\d{2}")
TIME_COLON_BEFORE = regex.compile(r"\d:$")
TIME_COLON_AFTER = regex.compile(r":\d")
SPACE_GROUPED = regex.compile(r"\d{1,3}(?:[ \t\u00a0\u202f]\d{3})+")
YEAR = regex.compile(r"(?:19|20)\d\d")  # a figure naming no noun of its own, written like this, is a year
MODEL_BEFORE = regex.compile(r"\p{L}[-‐‑]$")  # a designation's number is joined to its letters by a hyphen


def counts_something_else(text: str, grammar, start: int, end: int, figure_start: int | None = None) -> bool:
    """A numeral that is an age, a price, a time, an index, a model or a phone number, not a count.
    `figure_start` is where the figure's words begin ("da 8.000 a 10.000"), if before `start`."""
    written = text[start:end]
    if text[end:end + 1] in ("°", "º", "ª") or (len(written) > 1 and written[0] == "0" and written[1].isdigit()):
        return True  # "76° anniversario", "0800 123 4567"
    if DIGITS_ONLY.fullmatch(written) and (DIGIT_SPACE.fullmatch(text, max(0, start - 2), start)
                                           or SPACE_DIGIT.match(text, end)):
        return True  # digit groups side by side: a phone number or a code
    if TIME_COLON_BEFORE.search(text, max(0, start - 3), start) or TIME_COLON_AFTER.match(text, end):
        return True  # "03:15 Missili USA": the minutes of a time
    if MODEL_BEFORE.search(text, max(0, start - 12), start):
        return True  # "Shahed-136", "KN-23", "S-400", "Fattah-1": a model's designation
    if SPACE_GROUPED.fullmatch(written):
        return True  # "800 840 840": news write thousands with "." or ",", so this is a code
    if CURRENCY_BEFORE.search(text, max(0, start - 3), start):
        return True
    start = start if figure_start is None else figure_start
    before = list(WORD.finditer(text, max(0, start - 30), start))
    if before and not text[before[-1].end():start].strip():
        word = before[-1].group()
        lowered = word.lower()
        pair = " ".join(w.group().lower() for w in before[-2:])  # "at the age of 93", "release of 18 soldiers"
        if lowered in grammar.index_words or lowered + "." in grammar.index_words or lowered in grammar.negations \
                or pair in grammar.index_words:
            return True
        if model_name(word):
            return True  # "PzH 2000", "HIMARS 142": a model, not a count
        if (lowered in grammar.time_words or " ".join(w.group().lower() for w in before[-2:]) in grammar.time_words) \
                and CLOCK_TIME.fullmatch(written):
            return True
    if before and (before[-1].group().lower() in grammar.other_counts
                   or " ".join(w.group().lower() for w in before[-2:]) in grammar.other_counts):
        return True  # "i feriti 4.639 e i dispersi 373": the missing are no toll
    for word in WORD.finditer(text, end, min(len(text), end + 40)):
        lowered = word.group().lower()
        if lowered in grammar.fillers:
            continue
        if lowered in grammar.units or lowered in grammar.other_counts:
            return True
        return _prisoners_after(text, grammar, word)
    return False


def _prisoners_after(text: str, grammar, word) -> bool:
    """"18 Cambodian soldiers captured": the word right after the figure's own nouns says who they are."""
    for _ in range(3):
        lowered = word.group().lower()
        if lowered in grammar.other_counts:
            return True
        if not (lowered in grammar.people or lowered in grammar.place_by_name or grammar.metric_terms.match(text, word.start())):
            return False
        word = WORD.match(text, word.end() + 1) if text[word.end():word.end() + 1] == " " else None
        while word is not None and word.group().lower() in grammar.fillers:  # "cinque persone ancora disperse"
            word = WORD.match(text, word.end() + 1) if text[word.end():word.end() + 1] == " " else None
        if word is None:
            return False
    return False


def model_name(word: str) -> bool:
    """"PzH", "HIMARS", "ATACMS": two capitals or more in one word name a model, not a count's noun."""
    return sum(c.isupper() for c in word) >= 2
