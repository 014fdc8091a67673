"""Arithmetic relations between metrics, as editors write them in rules: "killed + wounded <= troops".

A relation is data typed by an editor, so it is read by the small parser below and never by
Python's eval: only numbers, metric ids, + - * /, parentheses and one comparison get through;
anything else is refused with its column and what was expected there. Sides are evaluated over
intervals, because "oltre 2.700 feriti" is a range, not a number, and a rule reports a relation
only when it is false for every choice of values inside those ranges.

    >>> relation = parse_relation("casualties ~= killed + wounded")
    >>> relation.check({"casualties": Interval.of(4950, 6050), "killed": Interval.of(270, 330),
    ...                 "wounded": Interval.of(2700, 3375)})
    <Verdict.VIOLATED: 'violated'>
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from factcheck.errors import FactcheckError

__all__ = ["Comparator", "ExpressionError", "Interval", "Relation", "Verdict", "evaluate",
           "format_expression", "parse_relation", "Number", "Metric", "Negation", "BinaryOp"]

MAX_LENGTH = 500
MAX_DEPTH = 50  # '(' and unary '-' inside one another; also bounds the parser's recursion
DIGITS = "0123456789"
NAME_START = "abcdefghijklmnopqrstuvwxyz_"
NAME_CHARS = NAME_START + DIGITS
WORD_CHARS = NAME_CHARS + NAME_START.upper()  # read whole, so "Killed" is refused as one word
COMPARATOR_TEXTS = ("<=", ">=", "==", "~=", "<", ">", "=")  # two characters before one
OPERAND = "a number, a metric name, '-' or '('"
OPERATOR_OR_COMPARISON = "an operator (+ - * /) or a comparison (<= < >= > = ~=)"
OPERATOR_OR_END = "an operator (+ - * /) or the end of the relation"
OPERATOR_OR_CLOSE = "an operator (+ - * /) or ')'"


class ExpressionError(FactcheckError):
    """A relation that is not arithmetic between metrics; prints as one line, column 1-based."""

    def __init__(self, message: str, column: int):
        self.message, self.column = message, column
        super().__init__(message)


# ---------------------------------------------------------------------------------------------
# Intervals.

@dataclass(frozen=True, slots=True)
class Interval:
    """Every value a figure may take: "oltre 2.700" is Interval(2700, inf).

    ±inf is an open end. nan, which only unbounded arithmetic such as inf - inf produces, means
    "unknown" and is widened to the open end: a check must never crash on a figure.
    """

    low: float
    high: float

    def __post_init__(self):
        low, high = float(self.low) + 0.0, float(self.high) + 0.0  # + 0.0: no "-0" in reports
        object.__setattr__(self, "low", -math.inf if math.isnan(low) else low)
        object.__setattr__(self, "high", math.inf if math.isnan(high) else high)
        if self.low > self.high:
            raise ValueError(f"empty interval: low {low} is above high {high}")

    @classmethod
    def point(cls, x: float) -> Interval:
        return cls(x, x)

    @classmethod
    def of(cls, low: float | None, high: float | None) -> Interval:
        """Bounds as claims store them: None is unbounded ("oltre 10.000" is of(10000, None))."""
        return cls(-math.inf if low is None else low, math.inf if high is None else high)

    def __contains__(self, x: float) -> bool:
        return self.low <= x <= self.high

    def __neg__(self) -> Interval:
        return Interval(-self.high, -self.low)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return self + -other

    def __mul__(self, other: Interval) -> Interval:
        corners = [_times(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(corners), max(corners))

    def __truediv__(self, other: Interval) -> Interval:
        if other.low <= 0 <= other.high:  # dividing by a maybe-zero figure says nothing
            return Interval(-math.inf, math.inf)
        corners = [q for a in (self.low, self.high) for b in (other.low, other.high) for q in _quotients(a, b)]
        return Interval(min(corners), max(corners))


def _times(a: float, b: float) -> float:
    """a * b, where 0 * inf is 0: an open end is a bound, not a value, and 0 times any value is 0."""
    return 0.0 if a == 0 or b == 0 else a * b


def _quotients(a: float, b: float) -> tuple[float, ...]:
    """a / b at one corner; inf / inf is a ratio of two unbounded values: any size, known sign."""
    if math.isinf(a) and math.isinf(b):
        return 0.0, math.copysign(math.inf, a) * math.copysign(1.0, b)
    return (a / b,)


# ---------------------------------------------------------------------------------------------
# Expression trees.

@dataclass(frozen=True, slots=True)
class Number:
    value: float


@dataclass(frozen=True, slots=True)
class Metric:
    id: str


@dataclass(frozen=True, slots=True)
class Negation:
    operand: Node


@dataclass(frozen=True, slots=True)
class BinaryOp:
    operator: str  # + - * /
    left: Node
    right: Node


Node = Number | Metric | Negation | BinaryOp
ARITHMETIC = {"+": Interval.__add__, "-": Interval.__sub__, "*": Interval.__mul__, "/": Interval.__truediv__}
PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def evaluate(node: Node, values: Mapping[str, Interval]) -> Interval:
    """The interval of `node` when each metric lies in values[metric]; KeyError names a missing one."""
    match node:
        case Number(value):
            return Interval.point(value)
        case Metric(id):
            return values[id]
        case Negation(operand):
            return -evaluate(operand, values)
        case BinaryOp(operator, left, right):
            return ARITHMETIC[operator](evaluate(left, values), evaluate(right, values))
    raise TypeError(f"not an expression node: {node!r}")


def format_expression(node: Node) -> str:
    """The text of `node` with only the parentheses it needs; it parses back to `node`.

        BinaryOp("-", Metric("a"), BinaryOp("-", Metric("b"), Number(2.5)))  prints  a - (b - 2.5)
    """
    match node:
        case Number(value):
            text = format(Decimal(repr(float(value))), "f")  # the grammar has no exponents
            return text.rstrip("0").rstrip(".") if "." in text else text
        case Metric(id):
            return id
        case Negation(operand):
            text = format_expression(operand)
            return f"-({text})" if isinstance(operand, BinaryOp) else f"-{text}"
        case BinaryOp(operator, left, right):
            level = PRECEDENCE[operator]
            left_text, right_text = format_expression(left), format_expression(right)
            if isinstance(left, BinaryOp) and PRECEDENCE[left.operator] < level:
                left_text = f"({left_text})"
            if isinstance(right, BinaryOp) and PRECEDENCE[right.operator] <= level:  # left-associative
                right_text = f"({right_text})"
            return f"{left_text} {operator} {right_text}"
    raise TypeError(f"not an expression node: {node!r}")


def _metrics(node: Node) -> frozenset[str]:
    match node:
        case Metric(id):
            return frozenset([id])
        case Negation(operand):
            return _metrics(operand)
        case BinaryOp(_, left, right):
            return _metrics(left) | _metrics(right)
    return frozenset()


# ---------------------------------------------------------------------------------------------
# Relations.

class Comparator(StrEnum):
    LE = "<="
    LT = "<"
    GE = ">="
    GT = ">"
    EQ = "=="  # "=" is read as "=="
    APPROX = "~="  # same check as "==", said for figures that are estimates


class Verdict(StrEnum):
    HOLDS = "holds"  # true for every choice of values inside the intervals
    VIOLATED = "violated"  # false for every choice: the only verdict a rule reports
    POSSIBLE = "possible"  # true for some choices, false for others


@dataclass(frozen=True, slots=True)
class Relation:
    """One comparison between two arithmetic sides, as parsed from `text`."""

    left: Node
    comparator: Comparator
    right: Node
    text: str

    def __str__(self) -> str:
        return f"{format_expression(self.left)} {self.comparator} {format_expression(self.right)}"

    @property
    def metrics(self) -> frozenset[str]:
        return _metrics(self.left) | _metrics(self.right)

    @property
    def derives(self) -> str | None:
        """The metric this relation defines: `casualties ~= killed + wounded` gives casualties."""
        defining = self.comparator in (Comparator.EQ, Comparator.APPROX) and isinstance(self.left, Metric)
        if defining and self.left.id not in _metrics(self.right):  # "a = a * 1" defines nothing
            return self.left.id
        return None

    def sides(self, values: Mapping[str, Interval]) -> tuple[Interval, Interval]:
        """Both sides evaluated: what a report shows next to a violated relation."""
        return evaluate(self.left, values), evaluate(self.right, values)

    def check(self, values: Mapping[str, Interval], tolerance: float = 0.0) -> Verdict:
        """Whether the relation holds for the figures in `values`; `tolerance` is relative, for = and ~=."""
        if not tolerance >= 0:
            raise ValueError(f"tolerance must be 0 or more, got {tolerance}")
        left, right = self.sides(values)
        return compare(left, self.comparator, right, tolerance)


def compare(left: Interval, comparator: Comparator, right: Interval, tolerance: float = 0.0) -> Verdict:
    """The verdict of `left comparator right` over every choice of values inside the intervals."""
    match comparator:
        case Comparator.LE:
            return _verdict(violated=left.low > right.high, holds=left.high <= right.low)
        case Comparator.LT:
            return _verdict(violated=left.low >= right.high, holds=left.high < right.low)
        case Comparator.GE:
            return compare(right, Comparator.LE, left)
        case Comparator.GT:
            return compare(right, Comparator.LT, left)
    wide_left, wide_right = _widen(left, tolerance), _widen(right, tolerance)
    overlap = wide_left.low <= wide_right.high and wide_right.low <= wide_left.high
    points = left.low == left.high and right.low == right.high
    return _verdict(violated=not overlap, holds=overlap and points)


def _verdict(violated: bool, holds: bool) -> Verdict:
    return Verdict.VIOLATED if violated else Verdict.HOLDS if holds else Verdict.POSSIBLE


def _widen(interval: Interval, tolerance: float) -> Interval:
    return Interval(interval.low - _times(abs(interval.low), tolerance),
                    interval.high + _times(abs(interval.high), tolerance))


# ---------------------------------------------------------------------------------------------
# Columns: the same arithmetic over numpy arrays, one interval per row, so a relation is checked
# for 100,000 sources in one pass. tests/test_expressions.py checks it agrees with the above.

def evaluate_columns(node: Node, columns: Mapping) -> tuple:
    """(low, high) arrays of `node` when metric m lies in columns[m] = (low array, high array)."""
    import numpy as np

    match node:
        case Number(value):
            return np.float64(value), np.float64(value)
        case Metric(id):
            return columns[id]
        case Negation(operand):
            low, high = evaluate_columns(operand, columns)
            return -high, -low
        case BinaryOp(operator, left, right):
            (a_low, a_high), (b_low, b_high) = evaluate_columns(left, columns), evaluate_columns(right, columns)
            with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
                if operator == "+":
                    return _open(a_low + b_low, a_high + b_high)
                if operator == "-":
                    return _open(a_low - b_high, a_high - b_low)
                if operator == "*":
                    corners = [np.where((a == 0) | (b == 0), 0.0, a * b) for a in (a_low, a_high) for b in (b_low, b_high)]
                    return _open(np.minimum.reduce(corners), np.maximum.reduce(corners))
                corners = [c for a in (a_low, a_high) for b in (b_low, b_high) for c in _column_quotients(a, b)]
                low, high = _open(np.minimum.reduce(corners), np.maximum.reduce(corners))
                maybe_zero = (b_low <= 0) & (b_high >= 0)  # dividing by a maybe-zero figure says nothing
                return np.where(maybe_zero, -np.inf, low), np.where(maybe_zero, np.inf, high)
    raise TypeError(f"not an expression node: {node!r}")


def _column_quotients(a, b):
    """a / b at one corner, as `_quotients`: inf / inf is any size with a known sign."""
    import numpy as np

    both = np.isinf(a) & np.isinf(b)
    signed = np.copysign(np.inf, a) * np.copysign(1.0, b)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        quotient = a / b
    return np.where(both, 0.0, quotient), np.where(both, signed, quotient)


def _open(low, high):
    """nan bounds (inf - inf) widened to the open ends, as `Interval` does."""
    import numpy as np

    return np.where(np.isnan(low), -np.inf, low + 0.0), np.where(np.isnan(high), np.inf, high + 0.0)


def violated_columns(relation: Relation, columns: Mapping, tolerance: float = 0.0):
    """Per row, whether `relation` is false for every choice of values: what `check` calls VIOLATED."""
    import numpy as np

    (l_low, l_high), (r_low, r_high) = (evaluate_columns(relation.left, columns),
                                        evaluate_columns(relation.right, columns))
    match relation.comparator:
        case Comparator.LE:
            return np.asarray(l_low > r_high)
        case Comparator.LT:
            return np.asarray(l_low >= r_high)
        case Comparator.GE:
            return np.asarray(r_low > l_high)
        case Comparator.GT:
            return np.asarray(r_low >= l_high)

    def widen(low, high):  # as `_widen`: 0 times an open end is 0
        with np.errstate(invalid="ignore"):
            return (low - np.where((low == 0) | (tolerance == 0), 0.0, np.abs(low) * tolerance),
                    high + np.where((high == 0) | (tolerance == 0), 0.0, np.abs(high) * tolerance))

    (l_low, l_high), (r_low, r_high) = widen(l_low, l_high), widen(r_low, r_high)
    return np.asarray(~((l_low <= r_high) & (r_low <= l_high)))


# ---------------------------------------------------------------------------------------------
# The parser.

class Token(NamedTuple):
    kind: str  # number, name, operator, comparator, (, ), end; or refused: not in the grammar
    text: str
    column: int  # 1-based


def parse_relation(text: str) -> Relation:
    """`text` as a Relation; anything but arithmetic, metric ids and one comparison is an ExpressionError.

        >>> str(parse_relation("(killed+wounded) / troops<1"))
        '(killed + wounded) / troops < 1'
    """
    if not isinstance(text, str):
        raise ExpressionError(f"unexpected {type(text).__name__} at column 1; expected a relation as text, "
                              "such as 'killed <= troops'", 1)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"unexpected text at column {MAX_LENGTH + 1}: the relation has {len(text)} "
                              f"characters; expected at most {MAX_LENGTH}", MAX_LENGTH + 1)
    return _Parser(text).relation()


def _tokens(text: str) -> list[Token]:
    tokens, i = [], 0
    while i < len(text):
        start, char = i, text[i]
        if char.isspace():
            i += 1
            continue
        if char in DIGITS:
            kind, i = "number", _skip(text, i, DIGITS)
            if text[i:i + 1] == "." and i + 1 < len(text) and text[i + 1] in DIGITS:
                i = _skip(text, i + 1, DIGITS)
        elif char in WORD_CHARS:
            i = _skip(text, i, WORD_CHARS)
            kind = "name" if all(c in NAME_CHARS for c in text[start:i]) else "refused"
        elif text.startswith("**", i) or text.startswith("!=", i):
            kind, i = "refused", i + 2
        elif char in "+-*/":
            kind, i = "operator", i + 1
        elif char in "()":
            kind, i = char, i + 1
        else:
            comparator = next((c for c in COMPARATOR_TEXTS if text.startswith(c, i)), None)
            kind, i = ("comparator", i + len(comparator)) if comparator else ("refused", i + 1)
        tokens.append(Token(kind, text[start:i], start + 1))
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


def _skip(text: str, i: int, allowed: str) -> int:
    while i < len(text) and text[i] in allowed:
        i += 1
    return i


class _Parser:
    """Recursive descent, one method per grammar rule; each error names what it found and expected."""

    def __init__(self, text: str):
        self.text, self.tokens, self.index = text, _tokens(text), 0
        self.open_columns: list[int] = []  # of '(' and '-' not yet closed, for depth and hints

    def relation(self) -> Relation:
        left = self.sum()
        if self.token.kind != "comparator":
            lone = self.token.kind == "end"
            raise self.unexpected(OPERATOR_OR_COMPARISON, "a relation compares two sides, as in "
                                  "'killed + wounded <= troops'" if lone else self.unmatched_hint())
        comparator = Comparator("==" if self.token.text == "=" else self.token.text)
        self.index += 1
        right = self.sum()
        if self.token.kind != "end":
            two = self.token.kind == "comparator"
            raise self.unexpected(OPERATOR_OR_END, "only one comparison is allowed" if two else self.unmatched_hint())
        return Relation(left, comparator, right, self.text)

    def sum(self) -> Node:
        node = self.product()
        while self.token.kind == "operator" and self.token.text in ("+", "-"):
            operator = self.advance().text
            node = BinaryOp(operator, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.token.kind == "operator" and self.token.text in ("*", "/"):
            operator = self.advance().text
            node = BinaryOp(operator, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.token.kind == "operator" and self.token.text == "-":
            self.open(self.advance())
            node = Negation(self.unary())
            self.open_columns.pop()
            return node
        return self.atom()

    def atom(self) -> Node:
        token = self.token
        if token.kind == "number":
            value = float(token.text)
            if not math.isfinite(value):
                raise ExpressionError(f"unexpected {_quote(token.text)} at column {token.column}: "
                                      "the number is too large; expected at most 308 digits", token.column)
            self.advance()
            return Number(value)
        if token.kind == "name":
            return Metric(self.advance().text)
        if token.kind == "(":
            self.open(self.advance())
            node = self.sum()
            if self.token.kind != ")":
                inner = "a comparison cannot be inside parentheses" if self.token.kind == "comparator" else ""
                raise self.unexpected(OPERATOR_OR_CLOSE, inner or f"'(' at column {token.column} is not closed")
            self.advance()
            self.open_columns.pop()
            return node
        raise self.unexpected(OPERAND, "the relation is empty" if self.index == 0 and token.kind == "end" else "")

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        self.index += 1
        return self.tokens[self.index - 1]

    def open(self, token: Token) -> None:
        self.open_columns.append(token.column)
        if len(self.open_columns) > MAX_DEPTH:
            raise ExpressionError(f"unexpected {_quote(token.text)} at column {token.column}: nesting is deeper "
                                  f"than {MAX_DEPTH}; expected a simpler relation", token.column)

    def unmatched_hint(self) -> str:
        return "there is no '(' to close" if self.token.kind == ")" else ""

    def unexpected(self, expected: str, hint: str = "") -> ExpressionError:
        token, previous = self.token, self.tokens[self.index - 1] if self.index else None
        found = "end of text" if token.kind == "end" else _quote(token.text)
        after = f" after {_quote(previous.text)}" if previous else ""
        hint = hint or _token_hint(token, previous)
        return ExpressionError(f"unexpected {found}{after} at column {token.column}"
                               f"{': ' + hint if hint else ''}; expected {expected}", token.column)


REFUSAL_HINTS = {
    "[": "indexing is not allowed", ".": "write decimals as in 0.5", "**": "powers are not allowed",
    "^": "powers are not allowed", "'": "quotes are not allowed", '"': "quotes are not allowed",
    ";": "write one relation per rule", ",": "write numbers without separators, as in 10000 or 0.5",
    "!=": "'not equal' is not a check: write what must hold", "~": "write '~=' for approximately equal",
}


def _token_hint(token: Token, previous: Token | None) -> str:
    """Why a token is refused, for the mistakes editors (and attackers) make most."""
    text, before = token.text, previous.kind if previous else ""
    touching = previous is not None and token.column == previous.column + len(previous.text)
    if text == "(" and before == "name":
        return "calls are not allowed"
    if text == "(" and before in ("number", ")"):
        return "write '*' to multiply"
    if text == "." and before == "name" and touching:
        return "attributes are not allowed"
    if before == "number" and touching and text[:1] in ("e", "E"):
        return "write numbers in full, as in 100000"
    if before == "number" and touching and text == ".":
        return "a number has one '.' at most" if "." in previous.text else "write decimals as in 0.5"
    if token.kind == "comparator" and before == "comparator" and touching and text + previous.text in COMPARATOR_TEXTS:
        return f"write {text + previous.text!r}, not {previous.text + text!r}"
    if text in REFUSAL_HINTS:
        return REFUSAL_HINTS[text]
    if token.kind == "refused" and text[0] in WORD_CHARS:
        return f"metric names are lowercase: write {text.lower()!r}"
    if text.isalpha():
        return "metric names use only a-z, 0-9 and _"
    return ""


def _quote(text: str) -> str:
    return repr(text if len(text) <= 20 else text[:20] + "…")
