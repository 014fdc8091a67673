"""Interval arithmetic for relations between metrics: expression trees, evaluated over intervals.

"oltre 2.700 feriti" is a range, not a number, so a relation's sides are intervals and a rule reports
a relation only when it is false for every choice of values inside them. One implementation serves
one interval (floats) and a column of them (numpy arrays).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

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

    def _with(self, operator: str, other: Interval) -> Interval:
        """The one arithmetic of `combine`, on one interval each side."""
        return Interval(*combine(operator, (self.low, self.high), (other.low, other.high)))

    def __add__(self, other: Interval) -> Interval:
        return self._with("+", other)

    def __sub__(self, other: Interval) -> Interval:
        return self._with("-", other)

    def __mul__(self, other: Interval) -> Interval:
        return self._with("*", other)

    def __truediv__(self, other: Interval) -> Interval:
        return self._with("/", other)


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
    violated = bool(violated_bounds(comparator, (left.low, left.high), (right.low, right.high), tolerance))
    match comparator:
        case Comparator.LE:
            holds = left.high <= right.low
        case Comparator.LT:
            holds = left.high < right.low
        case Comparator.GE:
            holds = right.high <= left.low
        case Comparator.GT:
            holds = right.high < left.low
        case _:
            holds = not violated and left.low == left.high and right.low == right.high
    return Verdict.VIOLATED if violated else Verdict.HOLDS if holds else Verdict.POSSIBLE


# ---------------------------------------------------------------------------------------------
# The arithmetic, once: over numpy arrays (one interval per row, so a relation is checked for
# 100,000 sources in one pass) or plain floats (one interval), with the same rules.

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
            return combine(operator, evaluate_columns(left, columns), evaluate_columns(right, columns))
    raise TypeError(f"not an expression node: {node!r}")


def combine(operator: str, a: tuple, b: tuple) -> tuple:
    """(low, high) of a (op) b for intervals a and b given as (low, high) of floats or arrays.

    0 times an open end is 0 (an open end is a bound, not a value); dividing by a maybe-zero
    figure says nothing; nan from inf - inf widens to the open end: a check never crashes."""
    import numpy as np

    (a_low, a_high), (b_low, b_high) = a, b
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        if operator == "+":
            return _open(a_low + b_low, a_high + b_high)
        if operator == "-":
            return _open(np.subtract(a_low, b_high), np.subtract(a_high, b_low))
        if operator == "*":
            corners = [np.where((np.equal(x, 0)) | (np.equal(y, 0)), 0.0, np.multiply(x, y))
                       for x in (a_low, a_high) for y in (b_low, b_high)]
            return _open(np.minimum.reduce(corners), np.maximum.reduce(corners))
        corners = [c for x in (a_low, a_high) for y in (b_low, b_high) for c in _quotients(x, y)]
        low, high = _open(np.minimum.reduce(corners), np.maximum.reduce(corners))
        maybe_zero = np.less_equal(b_low, 0) & np.greater_equal(b_high, 0)
        return np.where(maybe_zero, -np.inf, low), np.where(maybe_zero, np.inf, high)


def _quotients(a, b):
    """a / b at one corner; inf / inf is a ratio of two unbounded values: any size, known sign."""
    import numpy as np

    both = np.isinf(a) & np.isinf(b)
    signed = np.copysign(np.inf, a) * np.copysign(1.0, b)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        quotient = np.divide(a, b)
    return np.where(both, 0.0, quotient), np.where(both, signed, quotient)


def _open(low, high):
    """nan bounds (inf - inf) widened to the open ends."""
    import numpy as np

    return np.where(np.isnan(low), -np.inf, low + 0.0), np.where(np.isnan(high), np.inf, high + 0.0)


def violated_columns(relation: Relation, columns: Mapping, tolerance: float = 0.0):
    """Per row, whether `relation` is false for every choice of values: what `check` calls VIOLATED."""
    import numpy as np

    return np.asarray(violated_bounds(relation.comparator, evaluate_columns(relation.left, columns),
                                      evaluate_columns(relation.right, columns), tolerance))


def violated_bounds(comparator: Comparator, left: tuple, right: tuple, tolerance: float = 0.0):
    """Whether `left comparator right` is false for every choice of values, per row (or for one pair)."""
    import numpy as np

    (l_low, l_high), (r_low, r_high) = left, right
    match comparator:
        case Comparator.LE:
            return np.greater(l_low, r_high)
        case Comparator.LT:
            return np.greater_equal(l_low, r_high)
        case Comparator.GE:
            return np.greater(r_low, l_high)
        case Comparator.GT:
            return np.greater_equal(r_low, l_high)

    def widen(low, high):  # 0 times an open end is 0
        with np.errstate(invalid="ignore"):
            return (low - np.where(np.equal(low, 0) | (tolerance == 0), 0.0, np.abs(low) * tolerance),
                    high + np.where(np.equal(high, 0) | (tolerance == 0), 0.0, np.abs(high) * tolerance))

    (l_low, l_high), (r_low, r_high) = widen(l_low, l_high), widen(r_low, r_high)
    return ~(np.less_equal(l_low, r_high) & np.less_equal(r_low, l_high))
