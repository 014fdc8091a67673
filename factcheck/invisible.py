"""Unicode format characters (zero-width spaces, bidi controls, soft hyphens) taken out of a text
before anything matches it, with the map that puts every offset back where it was in the file.

A map is two arrays of runs: the offset in the cleaned text where a run was removed, and how many
characters were removed up to and including it.
"""
from __future__ import annotations

import functools
import sys
from bisect import bisect_right


def offset_in_file(removed, pos: int) -> int:
    """The offset in the file's text of offset `pos` in the cleaned text; an end offset maps to just
    after the characters removed before it."""
    if not removed:
        return pos
    starts, totals = removed
    run = bisect_right(starts, pos)
    return pos + (totals[run - 1] if run else 0)


@functools.cache
def _format_pattern():
    import regex

    return regex.compile(r"\p{Cf}+")


def format_runs(text: str):
    """(text without format characters, their runs) or None when there are none (the common case:
    one C-speed search)."""
    pattern = _format_pattern()
    if not isinstance(text, str) or pattern.search(text) is None:
        return None
    from array import array
    from itertools import islice

    starts, totals = array("q"), array("q")
    removed = 0
    for match in islice(pattern.finditer(text), FEW_RUNS + 1):
        starts.append(match.start() - removed)
        removed += match.end() - match.start()
        totals.append(removed)
    if len(starts) > FEW_RUNS:  # a text strewn with them (hostile, or a tool's output): vectorised
        return _many_format_runs(text)
    return pattern.sub("", text), (starts, totals)


FEW_RUNS = 10_000  # runs of format characters found one match at a time; past this, with numpy


def _many_format_runs(text: str):
    """What _format_runs returns, with numpy: 10 million zero-width spaces take a second, not minutes."""
    from array import array

    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    removed = _format_table()[codes]
    positions = np.flatnonzero(removed)
    kept = codes[~removed].tobytes().decode("utf-32-le", "surrogatepass")
    in_text = positions - np.arange(len(positions))  # where each removed character stood in the new text
    first = np.flatnonzero(np.diff(in_text)) + 1  # the first character of every run but the first
    starts = np.concatenate(([0], first))
    totals = np.concatenate((first, [len(positions)])).astype(np.int64)
    runs = array("q"), array("q")
    runs[0].frombytes(in_text[starts].astype(np.int64).tobytes())
    runs[1].frombytes(totals.tobytes())
    return kept, runs


@functools.cache
def _format_table():
    """A boolean per code point: is it a format character (as the pattern reads \\p{Cf})."""
    import numpy as np

    table = np.zeros(sys.maxunicode + 1, dtype=bool)
    for match in _format_pattern().finditer("".join(map(chr, range(sys.maxunicode + 1)))):
        table[match.start():match.end()] = True
    return table


def compose(outer, inner):
    """One map from two: `inner` maps the final text to the given text, `outer` the given text to the file."""
    from array import array

    def positions(runs, to_file):
        starts, totals = runs
        before = 0
        for start, total in zip(starts, totals):
            for k in range(total - before):  # the removed characters of a run, one by one
                yield to_file(start + before + k)
            before = total

    removed = sorted([*positions(outer, lambda p: p), *positions(inner, lambda p: offset_in_file(outer, p))])
    starts, totals = array("q"), array("q")
    for count, position in enumerate(removed, 1):
        start = position - (count - 1)
        if starts and starts[-1] == start:
            totals[-1] = count
        else:
            starts.append(start)
            totals.append(count)
    return starts, totals
