"""One document -> its claim rows: candidates grouped into phrases, each phrase read into rows.

    find_candidates   spans worth reading          (candidates.py)
    phrases           a figure, a range, a share with its base, or a date
    FigureReader      figures -> rows              (figures.py)
    EventReader       dates -> event-date rows     (events.py)
    merge_repeats     a claim stated twice is one row, counted twice
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.documents import Document
from factcheck.extraction.candidates import Candidate, find_candidates
from factcheck.extraction.context import Context
from factcheck.extraction.events import EventReader
from factcheck.extraction.figures import FigureReader
from factcheck.extraction.grammar import Grammar
from factcheck.extraction.text import Text


@dataclass(frozen=True, slots=True)
class Phrase:
    """Candidates read together: kind is figure | range | share | share_of_base | date."""

    kind: str
    parts: tuple[Candidate, ...]
    following: Candidate | None  # the next candidate: a figure's words stop before it
    share: float | None = None
    changed_from: Candidate | None = None  # "rose from 30 to 40": the older count, whose words name the metric too


def read_document(document: Document, grammar: Grammar, published: datetime.date | None) -> list[dict]:
    """The claim rows of one document, in text order, repeated claims merged."""
    text = Text(document.text, grammar)
    candidates = find_candidates(text, grammar)
    context = Context(text, document.source, published, candidates)
    figures = FigureReader(text, context)
    quantities: list[dict] = []
    dates: list[Candidate] = []
    # a model number ("14 PzH 2000 howitzers") is neither a figure nor the end of the one before it
    for phrase in phrases([c for c in candidates if not figures.after_model_name(c)], figures):
        first = phrase.parts[0]
        if phrase.kind == "date":
            dates.append(first)
            continue
        if phrase.kind == "range":
            row = figures.range(first, phrase.parts[1], phrase.following)
        elif phrase.kind == "figure":
            row = figures.quantity(first, phrase.following, changed_from=phrase.changed_from)
            if row:
                row = figures.of_them(row, first, quantities)
            else:
                row = figures.subset(first, phrase.following, quantities) or figures.elliptic(first, quantities) \
                    or figures.listed(first, phrase.following, quantities)
            if row:
                row = figures.breakdown(row, quantities)
        elif phrase.kind == "share":
            row = figures.share(first, phrase.share, phrase.following, quantities)
        else:  # "il 10% dei 2.000 soldati è rimasto ferito": the share and its base in one phrase
            base = figures.quantity(phrase.parts[1], phrase.following, noun_only=True)
            if not base:
                continue
            quantities.append(base)
            row = figures.share(first, phrase.share, phrase.following, quantities, base)
        if row:
            quantities.append(row)
    rows = quantities + EventReader(text, context).claims(dates)
    rows.sort(key=lambda row: row["start"])
    return in_file(merge_repeats(rows), text, document)


def in_file(rows: list[dict], text: Text, document: Document) -> list[dict]:
    """Offsets and columns true to the file, where format characters (zero-width spaces, bidi
    controls) were taken out of the text before reading it. Ids keep the line and column read."""
    if not document.removed:
        return rows
    to_file = document.file_offset
    for row in rows:
        _line, _col, line_start = text.line_of(row["start"])
        row["col"] = to_file(row["start"]) - to_file(line_start) + 1
        row["start"], row["end"] = to_file(row["start"]), to_file(row["end"])
        row["offsets"] = [[to_file(start), to_file(end)] for start, end in row["offsets"]]
    return rows


def phrases(candidates: list[Candidate], figures: FigureReader) -> Iterator[Phrase]:
    """The candidates in text order, grouped into the phrases they form."""
    i = 0
    while i < len(candidates):
        candidate = candidates[i]
        following = candidates[i + 1] if i + 1 < len(candidates) else None
        after_next = candidates[i + 2] if i + 2 < len(candidates) else None
        if candidate.group == "date":
            yield Phrase("date", (candidate,), following)
        elif candidate.group == "num" and following is not None and following.group == "num" \
                and figures.is_change(candidate, following):
            yield Phrase("figure", (following,), after_next, changed_from=candidate)  # the older count is no claim
            i += 1
        elif candidate.group == "num" and following is not None and following.group == "num" \
                and figures.is_range(candidate, following):
            yield Phrase("range", (candidate, following), after_next)
            i += 1
        elif candidate.group in ("num", "vague", "share", "one"):
            share = figures.share_in(candidate)
            if share is None:
                yield Phrase("figure", (candidate,), following)
            elif following is not None and following.group == "num" and figures.is_share_of(candidate, following):
                yield Phrase("share_of_base", (candidate, following), after_next, share)
                i += 1
            else:
                yield Phrase("share", (candidate,), following, share)
        i += 1


MERGE_KEY = ("metric", "subject", "population", "place", "aspect", "kind", "value", "low", "high", "qualifier", "date_start",
             "date_end", "ref")  # a claim repeated is one; 11 civilians and 11 dead in all are two


def merge_repeats(rows: list[dict]) -> list[dict]:
    """One row per distinct claim: a figure repeated in the document adds to `count` and `offsets`."""
    merged: dict[tuple, dict] = {}
    kept_id: dict[str, str] = {}
    for row in rows:
        if row["ref"] is not None:
            row["ref"] = kept_id.get(row["ref"], row["ref"])
        key = tuple(row[k] for k in MERGE_KEY)
        first = merged.get(key)
        if first is None:
            merged[key] = row
        else:
            first["count"] += 1
            first["offsets"].append([row["start"], row["end"]])
            # "oltre 10.000 soldati", then "secondo Washington, oltre 10.000 soldati": one claim, attributed
            for field in ("attribution", "as_of"):
                first[field] = first[field] or row[field]
        kept_id[row["id"]] = merged[key]["id"]
    return list(merged.values())
