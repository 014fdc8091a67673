"""An editor's regular expression (a check's `where: quote:`), bounded before it is compiled.

Compiling (?:a{60000}){60000} alone takes minutes and gigabytes, and (a+)+ can backtrack without end,
so a pattern is refused, at its file:line, when it is long, repeats much or nests unbounded repeats;
matching is bounded in time too (see Check.select).
"""
from __future__ import annotations

from factcheck.yamlfile import YamlDoc

MAX_PATTERN_CHARS = 300   # an editor's `where: quote:` filter is a few words, not a program
MAX_REPEAT = 1000         # a{60000} is compiled into 60,000 copies of a
MAX_COPIES = 10_000       # (?:a{1000}){1000}: nested repeats multiply


def user_regex(doc: YamlDoc, value, keys: tuple):
    """An editor's regular expression, compiled (the `regex` module, case-insensitive). It is bounded
    before it is compiled, since compiling (?:a{60000}){60000} alone takes minutes and gigabytes, and
    it runs with a time bound, see Check.select."""
    import regex

    if not isinstance(value, str) or not value:
        raise doc.error(keys, f"{keys[-1]} must be a regular expression, got {value!r}")
    refused = regex_problem(value)
    if refused:
        raise doc.error(keys, f"the regular expression {_shorter(value)} {refused}",
                        "a quote filter needs a few words, e.g. 'secondo (Kiev|Mosca)'")
    try:
        return regex.compile(value, regex.IGNORECASE)
    except (regex.error, OverflowError, RecursionError, MemoryError) as exc:
        raise doc.error(keys, f"invalid regular expression {_shorter(value)}: {exc}") from None


def _shorter(value: str) -> str:
    return repr(value) if len(value) <= 60 else repr(value[:57] + "...")


def regex_problem(pattern: str) -> str | None:
    """Why an editor's regular expression is refused before it is compiled, or None: it is too long,
    repeats something too often (a{60000}), multiplies repeats ((a{1000}){1000}), or repeats an
    unbounded repetition ((a+)+), which can backtrack without end."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"is {len(pattern)} characters long; at most {MAX_PATTERN_CHARS}"
    too_many = f"expands to more than {MAX_COPIES:,} copies of its parts; use fewer or smaller repeats"
    frames = [[0, False]]  # per open group: copies of its atoms so far, whether it holds an unbounded repeat
    pending = None  # the last atom as (copies, unbounded), until it is known whether a quantifier follows
    i = 0
    while i < len(pattern):
        quantifier = _quantifier(pattern, i)
        if quantifier is not None:
            low, high, i = quantifier
            if pending is None:  # "*" at the start or after "(?": the compiler says what is wrong
                continue
            if max(low, high or 0) > MAX_REPEAT:
                return f"repeats something {max(low, high or 0):,} times; at most {MAX_REPEAT:,}"
            copies, unbounded = pending
            if high is None and unbounded:
                return "repeats an unbounded repetition, as (a+)+ does, which can backtrack without end"
            pending = (copies * max(low, high or 1, 1), unbounded or high is None)
            if pending[0] > MAX_COPIES:
                return too_many
            continue
        if pending is not None:
            frames[-1][0] += pending[0]
            frames[-1][1] = frames[-1][1] or pending[1]
            pending = None
        char = pattern[i]
        if char == "\\":
            i, pending = _after_escape(pattern, i), (1, False)
        elif char == "[":
            i, pending = _after_class(pattern, i), (1, False)
        elif char == "(" and pattern.startswith("(?#", i):  # a comment
            end = pattern.find(")", i)
            i = len(pattern) if end < 0 else end + 1
        elif char == "(":
            frames.append([0, False])
            i += 1
        elif char == ")":
            if len(frames) > 1:
                copies, unbounded = frames.pop()
                pending = (max(copies, 1), unbounded)
            i += 1
        else:
            pending = None if char == "|" else (1, False)
            i += 1
        if sum(frame[0] for frame in frames) > MAX_COPIES:
            return too_many
    return None


def _quantifier(pattern: str, i: int):
    """(low, high or None when unbounded, index after it) when a quantifier starts at i, else None."""
    char = pattern[i]
    if char in "*+?":
        (low, high), end = {"*": (0, None), "+": (1, None), "?": (0, 1)}[char], i + 1
    elif char == "{":
        close = pattern.find("}", i)
        low_text, comma, high_text = (pattern[i + 1:close] if close > 0 else "x").partition(",")
        parts = [low_text.strip(), high_text.strip()]
        if not any(parts) or not all(p.isdigit() or not p for p in parts) or not (comma or parts[0]):
            return None  # a literal "{", or a fuzzy constraint {e<=1} (bounded by the time limit)
        low = int(parts[0]) if parts[0] else 0
        high = (int(parts[1]) if parts[1] else None) if comma else low
        end = close + 1
    else:
        return None
    if end < len(pattern) and pattern[end] in "?+":  # lazy or possessive
        end += 1
    return low, high, end


def _after_escape(pattern: str, i: int) -> int:
    r"""The index after an escape: \d, \p{L}, \N{EM DASH}, \x{263a}, \g<name>."""
    if pattern[i + 1:i + 2] in tuple("pPNxuUg") and pattern[i + 2:i + 3] in ("{", "<"):
        close = pattern.find("}" if pattern[i + 2] == "{" else ">", i + 2)
        return len(pattern) if close < 0 else close + 1
    return min(i + 2, len(pattern))


def _after_class(pattern: str, i: int) -> int:
    """The index after a character class: [...], nested sets ([[a-z]--[aeiou]]) and [:alpha:] too."""
    depth, j = 0, i
    while j < len(pattern):
        char = pattern[j]
        if char == "\\":
            j += 2
            continue
        if char == "[":
            end = pattern.find(":]", j + 2) if pattern.startswith("[:", j) else -1
            if end > 0:
                j = end + 2
                continue
            depth, j = depth + 1, j + 1
            j += pattern.startswith("^", j)
            j += pattern.startswith("]", j)  # a leading "]" is a literal one
            continue
        if char == "]":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(pattern)
