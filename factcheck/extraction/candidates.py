"""Text -> candidates: the spans worth reading (dates, numerals, vague words, shares), found fast.

One cheap scan of the lower-cased text finds triggers (digits, number and month words); the full
patterns run only in windows around them. Candidates are then grouped into phrases: a figure alone,
a range of two figures ("tra 200 e 300"), or a share and its base ("il 10% dei 2.000 soldati").
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from factcheck.extraction.grammar import Grammar
from factcheck.extraction.text import WORD, Text

SPACE = regex.compile(r"\s")
TRIGGER_BEFORE, TRIGGER_AFTER = 30, 40  # characters a candidate may reach around a trigger it contains


@dataclass(slots=True)
class Candidate:
    """A span the candidate pattern found, before it is known to be a claim."""

    group: str  # date | share | vague | num
    start: int
    end: int
    text: str


def trigger_windows(source: Text) -> list[tuple[int, int, bool]]:
    """Stretches of text around digits and number or month words, where every candidate lies, each
    with whether it may hold a date (a digit, a month or weekday word: date_pattern's triggers).

    Scanning for triggers runs many times faster than the full patterns, and most of a news text
    has none. Windows start at a word's start and end at a space, so word-boundary checks at their
    edges read as they would in the whole text.
    """
    text, grammar = source.text, source.grammar
    exact = source.lowered_exactly
    triggers = grammar.triggers.finditer(source.lowered) if exact else grammar.triggers_any_case.finditer(text)
    date_triggers = grammar.date_triggers
    windows: list[tuple[int, int, bool]] = []
    low = reach = -1  # the open window's start, and its last trigger's end plus TRIGGER_AFTER
    dated = False
    for trigger in triggers:
        start, end = trigger.span()
        # a trigger joins the open window when it starts by the window's end: `reach`, moved on to a space
        if low < 0 or start - TRIGGER_BEFORE > reach and start - TRIGGER_BEFORE > space_after(text, reach):
            if low >= 0:
                windows.append((low, space_after(text, reach), dated))
            low, dated = word_start(text, max(0, start - TRIGGER_BEFORE)), False
        reach = min(len(text), end + TRIGGER_AFTER)
        dated = dated or not exact or text[start].isdigit() or trigger.group() in date_triggers
    if low >= 0:
        windows.append((low, space_after(text, reach), dated))
    return windows


def word_start(text: str, pos: int) -> int:
    space = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos))
    return space + 1


def space_after(text: str, pos: int) -> int:
    match = SPACE.search(text, pos)
    return match.start() if match else len(text)


def find_candidates(text: str | Text, grammar: Grammar) -> list[Candidate]:
    """Dates and quantities in text order; a numeral inside a date ("6 novembre 2024") is the date's,
    a word counting one inside a numeral ("un milione") the numeral's."""
    source = text if isinstance(text, Text) else Text(text, grammar)
    text = source.text
    windows = trigger_windows(source)
    dates = [Candidate("date", m.start(), m.end(), m.group())
             for low, high, dated in windows if dated for m in grammar.dates.finditer(text, low, high)]
    quantities = [Candidate(m.lastgroup, m.start(), m.end(), m.group())
                  for low, high, _ in windows for m in grammar.quantities.finditer(text, low, high)]
    quantities = _with_outside(quantities, ones_before_a_noun(text, grammar))
    return _with_outside(dates, quantities)


def ones_before_a_noun(text: str, grammar: Grammar) -> list[Candidate]:
    """"un morto", "one ballistic missile": a word of `counts_one` whose next word counts people, names a
    metric or qualifies its noun. The Italian article is in most sentences, so it is no trigger: this
    scan of its own keeps the few worth reading."""
    found = []
    for match in grammar.ones.finditer(text):
        following = WORD.match(text, match.end())
        word = following.group().lower() if following else ""
        # "due in Castiglia-La Mancia e una in Andalusia": one, the last entry of a list by place
        listed = word in grammar.locatives and text[max(0, match.start() - 5):match.start()].split()[-1:] \
            and text[max(0, match.start() - 5):match.start()].split()[-1].lower() in grammar.conjunctions
        if word in grammar.people or word in grammar.modifiers or grammar.metric_terms.match(text, match.end()) or listed:
            found.append(Candidate("one", match.start(), match.end() - 1, text[match.start():match.end() - 1]))
    return found


def _with_outside(spans: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    """`spans` and the `candidates` that overlap none of them (both in text order), in text order."""
    if not candidates or not spans:
        return spans or candidates
    starts = [s.start for s in spans]
    merged = list(spans)
    for c in candidates:
        i = bisect.bisect_right(starts, c.start) - 1
        inside = i >= 0 and spans[i].end > c.start or i + 1 < len(spans) and spans[i + 1].start < c.end
        if not inside:
            merged.append(c)
    merged.sort(key=lambda c: c.start)
    return merged
