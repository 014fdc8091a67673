"""The geometry of one document's text: sentences, clauses, lines, words, and page furniture.

Computed lazily and once per document: most documents need only a few sentences looked up, and
each lookup is a bisection.
"""
from __future__ import annotations

import bisect
import re
from functools import cached_property

import regex

from factcheck.extraction.grammar import Grammar

CLAUSE_BREAK = regex.compile(r"[,;:()\[\]\n—–]|(?<=\w)[.!?](?=\s|$)")
SENTENCE_BREAK = regex.compile(r"[.!?…]+[\"»”’)]*\s+(?=[\p{Lu}\p{N}\"«“‘])|\n\s*")
WORD = regex.compile(r"\w+(?:[-'’]\w+)*")
NEWLINE = re.compile(r"\n")


class Text:
    """One document's text, with the positions of its sentences, clauses and lines."""

    def __init__(self, text: str, grammar: Grammar):
        self.text = text
        self.grammar = grammar
        self._furniture: dict[int, bool] = {}

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [0] + [m.end() for m in SENTENCE_BREAK.finditer(self.text)]

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in NEWLINE.finditer(self.text)]

    @cached_property
    def _lower_case(self) -> tuple[str, bool]:
        lowered = self.text.lower()
        if len(lowered) == len(self.text):
            return lowered, True
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text), False

    @property
    def lowered(self) -> str:
        """The text in lower case, for scans (computed once, shared by every reader); where lower-casing
        would move offsets (rare letters such as "İ"), those letters are left as they are."""
        return self._lower_case[0]

    @property
    def lowered_exactly(self) -> bool:
        """`lowered` is the text's `str.lower()`: no letter grew when lower-cased."""
        return self._lower_case[1]

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        start = self.sentence_starts[i]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def line_of(self, pos: int) -> tuple[int, int, int]:
        """(line number, column, line start) of `pos`, 1-based."""
        i = bisect.bisect_right(self.line_starts, pos) - 1
        return i + 1, pos - self.line_starts[i] + 1, self.line_starts[i]

    def line_text(self, number: int) -> str:
        if not 1 <= number <= len(self.line_starts):
            return ""
        start = self.line_starts[number - 1]
        end = self.line_starts[number] - 1 if number < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    def clause_end(self, pos: int, limit: int) -> int:
        match = CLAUSE_BREAK.search(self.text, pos, limit)
        return match.start() if match else limit

    def clause_start(self, pos: int, floor: int) -> int:
        last = floor
        for match in CLAUSE_BREAK.finditer(self.text, floor, pos):
            last = match.end()
        return last

    def words_between(self, start: int, end: int) -> int:
        return len(WORD.findall(self.text, start, end))

    def lower_words(self, start: int, end: int) -> list[str]:
        return [w.lower() for w in WORD.findall(self.text, start, end)]

    def next_word(self, pos: int):
        """The word one space after `pos` ("missile attack", "ha firmato il decreto"), else None."""
        return WORD.match(self.text, pos + 1) if self.text[pos:pos + 1] == " " else None

    def is_furniture(self, pos: int) -> bool:
        """Page furniture: timestamps, reading times, and titles in a block of links to other articles."""
        line, _col, _ = self.line_of(pos)
        known = self._furniture.get(line)
        if known is None:  # once per line: a dense line holds hundreds of figures
            known = self._furniture[line] = self._line_is_furniture(line)
        return known

    def _line_is_furniture(self, line: int) -> bool:
        here = self.line_text(line)
        if self.grammar.reading_time.search(here):
            return True
        previous = self.line_text(line - 1) if line > 1 else ""
        if self.grammar.link_marker.match(previous):
            return True
        return self._is_timestamp_line(here) or (self._is_timestamp_line(previous) and is_title(here))

    def is_timestamp(self, end: int) -> bool:
        """A clock time right after a date that ends at `end`: "20 novembre 2024 · 03:15"."""
        return bool(self.grammar.timestamp_after.match(self.text, end))

    def _is_timestamp_line(self, line: str) -> bool:
        match = self.grammar.dates.match(line.strip())
        if not match:
            return False
        rest = line.strip()[match.end():]
        after = self.grammar.timestamp_after
        return bool(after.match(rest)) and not WORD.search(after.sub("", rest, count=1))


def is_title(line: str) -> bool:
    """A short line with no sentence end: the look of a link to another article."""
    stripped = line.strip()
    return 0 < len(stripped) <= 160 and not stripped.endswith((".", "!", "?", "…"))
