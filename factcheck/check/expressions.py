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
from typing import NamedTuple

from factcheck.check.arithmetic import (BinaryOp, Comparator, Interval, Metric, Negation, Node, Number, Relation,
                                        Verdict, evaluate, evaluate_columns, format_expression, violated_columns)
from factcheck.errors import FactcheckError

__all__ = ["Comparator", "ExpressionError", "Interval", "Relation", "Verdict", "evaluate", "evaluate_columns",
           "format_expression", "parse_relation", "violated_columns", "Number", "Metric", "Negation", "BinaryOp"]

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
