"""Relations between metrics: a parser that refuses everything but arithmetic, checked over intervals."""
from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from factcheck.errors import FactcheckError
from factcheck.check.expressions import (BinaryOp, Comparator, ExpressionError, Interval, Metric, Negation, Number,
                                   Relation, Verdict, evaluate, format_expression, parse_relation)

INF = math.inf
HOLDS, VIOLATED, POSSIBLE = Verdict.HOLDS, Verdict.VIOLATED, Verdict.POSSIBLE


def verdict(text: str, tolerance: float = 0.0, **values: tuple[float | None, float | None]) -> Verdict:
    return parse_relation(text).check({k: Interval.of(*v) for k, v in values.items()}, tolerance)


# ---------------------------------------------------------------------------------------------
# Parsing what editors write.

def test_precedence_and_left_associativity():
    relation = parse_relation("a - b - c * d / 2 <= -(e + 1)")
    minus = BinaryOp("-", BinaryOp("-", Metric("a"), Metric("b")),
                     BinaryOp("/", BinaryOp("*", Metric("c"), Metric("d")), Number(2)))
    assert relation.left == minus
    assert relation.right == Negation(BinaryOp("+", Metric("e"), Number(1)))
    assert relation.comparator is Comparator.LE


@pytest.mark.parametrize(("text", "comparator"), [
    ("a<=b", Comparator.LE), ("a<b", Comparator.LT), ("a>=b", Comparator.GE), ("a>b", Comparator.GT),
    ("a==b", Comparator.EQ), ("a=b", Comparator.EQ), ("a~=b", Comparator.APPROX),
])
def test_every_comparator_reads_without_spaces(text, comparator):
    assert parse_relation(text).comparator is comparator


def test_whitespace_is_free_and_text_is_kept():
    text = "\t(killed+ wounded)/troops\n<   1 "
    relation = parse_relation(text)
    assert relation.text == text
    assert str(relation) == "(killed + wounded) / troops < 1"


def test_decimals_and_unary_minus():
    relation = parse_relation("killed <= 0.5 * troops - -3")
    assert relation.right == BinaryOp("-", BinaryOp("*", Number(0.5), Metric("troops")), Negation(Number(3)))


def test_metrics_are_every_name_used():
    assert parse_relation("(killed + wounded) / troops < 1").metrics == {"killed", "wounded", "troops"}
    assert parse_relation("1 < 2").metrics == frozenset()


@pytest.mark.parametrize(("text", "derived"), [
    ("casualties ~= killed + wounded", "casualties"),
    ("casualties = killed + wounded", "casualties"),
    ("casualties == killed", "casualties"),
    ("killed + wounded ~= casualties", None),  # the defined metric stands alone on the left
    ("casualties <= killed + wounded", None),
    ("-casualties ~= killed", None),
    ("casualties ~= casualties * 1", None),  # circular: defines nothing
])
def test_derives(text, derived):
    assert parse_relation(text).derives == derived


# ---------------------------------------------------------------------------------------------
# Refusing everything else, with the column an editor needs.

REFUSED = {
    "a_call": ("wounded + f(x) <= troops", 12, "unexpected '(' after 'f' at column 12: calls are not allowed; "
               "expected an operator (+ - * /) or a comparison (<= < >= > = ~=)"),
    "dunder_import": ("__import__('os') <= 1", 11, "calls are not allowed"),
    "an_attribute": ("a.b <= 1", 2, "attributes are not allowed"),
    "indexing": ("a[0] <= 1", 2, "indexing is not allowed"),
    "single_quotes": ("a <= 'b'", 6, "quotes are not allowed"),
    "double_quotes": ('"a" <= b', 1, "quotes are not allowed"),
    "a_power": ("a ** 2 <= b", 3, "powers are not allowed"),
    "a_semicolon": ("a <= b; c <= d", 7, "write one relation per rule"),
    "two_comparators": ("a < b < c", 7, "only one comparison is allowed"),
    "no_comparator": ("killed + wounded", 17, "a relation compares two sides"),
    "empty": ("", 1, "the relation is empty"),
    "blank": ("   ", 4, "the relation is empty"),
    "too_long": ("a <= " + "1 + " * 124 + "1", 501, "expected at most 500"),
    "too_deep": ("a <= " + "(" * 51 + "b" + ")" * 51, 56, "nesting is deeper than 50"),
    "too_deep_minus": ("a <= " + "-" * 51 + "b", 56, "nesting is deeper than 50"),
    "uppercase": ("Killed <= troops", 1, "metric names are lowercase: write 'killed'"),
    "an_exponent": ("1e5 <= troops", 2, "write numbers in full"),
    "a_trailing_dot": ("1. <= troops", 2, "write decimals as in 0.5"),
    "two_dots": ("1.2.3 <= troops", 4, "a number has one '.' at most"),
    "a_comma": ("killed <= 10,000", 13, "write numbers without separators"),
    "unclosed": ("(a + b <= c", 8, "a comparison cannot be inside parentheses"),
    "unclosed_at_end": ("a <= (b + c", 12, "'(' at column 6 is not closed"),
    "unopened": ("a) <= b", 2, "there is no '(' to close"),
    "comparator_reversed": ("a => b", 4, "write '>=', not '=>'"),
    "not_equal": ("a != b", 3, "'not equal' is not a check"),
    "lone_tilde": ("a ~ b", 3, "write '~=' for approximately equal"),
    "missing_operand": ("a <= b +", 9, "unexpected end of text after '+' at column 9; expected a number"),
    "implicit_product": ("a <= 2(b)", 7, "write '*' to multiply"),
    "unary_plus": ("a <= +b", 6, "unexpected '+' after '<=' at column 6; expected a number"),
    "keyword": ("a <= b and c", 8, "unexpected 'and' after 'b' at column 8"),
    "lambda": ("lambda: 1 <= 2", 7, "unexpected ':' after 'lambda' at column 7"),
    "non_ascii_letter": ("città <= 1", 5, "unexpected 'à' after 'citt' at column 5: metric names use only a-z, 0-9 and _"),
    "huge_number": ("9" * 400 + " <= a", 1, "the number is too large"),
}


@pytest.mark.parametrize(("text", "column", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_refused_with_column(text, column, message):
    with pytest.raises(ExpressionError) as caught:
        parse_relation(text)
    assert caught.value.column == column
    assert message in str(caught.value)
    assert str(caught.value) == caught.value.message and "\n" not in str(caught.value)
    assert isinstance(caught.value, FactcheckError)  # the CLI turns it into exit code 2


def test_limits_are_inclusive():
    assert parse_relation("a <= " + "(" * 50 + "b" + ")" * 50).metrics == {"a", "b"}
    assert parse_relation("a <= " + "1 + " * 123 + "12").metrics == {"a"}  # 499 characters


def test_text_that_is_not_a_string_is_refused():
    with pytest.raises(ExpressionError, match="expected a relation as text"):
        parse_relation(12)


@given(st.text(max_size=120) | st.text(alphabet="ab_019. +-*/()<=>~!'\"[];,E\t", max_size=120))
def test_parser_raises_only_expression_errors(text):
    try:
        relation = parse_relation(text)
    except ExpressionError as error:
        assert 1 <= error.column <= len(text) + 1
    else:
        assert parse_relation(str(relation)) == Relation(relation.left, relation.comparator, relation.right,
                                                         str(relation))


# ---------------------------------------------------------------------------------------------
# Round trip: a tree printed and read back is the same tree.

NAMES = st.from_regex(r"[a-z_][a-z0-9_]{0,7}", fullmatch=True)
NUMBERS = st.integers(0, 10**9).map(float) | st.floats(0, 1e9, allow_nan=False, allow_infinity=False)
TREES = st.recursive(
    NUMBERS.map(Number) | NAMES.map(Metric),
    lambda inner: inner.map(Negation) | st.builds(BinaryOp, st.sampled_from("+-*/"), inner, inner),
    max_leaves=12,
)


def nesting(node) -> int:
    if isinstance(node, Negation):
        return 1 + nesting(node.operand)
    if isinstance(node, BinaryOp):
        return 1 + max(nesting(node.left), nesting(node.right))
    return 0


@given(TREES, st.sampled_from(list(Comparator)), TREES)
def test_printed_trees_parse_back(left, comparator, right):
    text = f"{format_expression(left)} {comparator} {format_expression(right)}"
    assume(len(text) <= 500 and nesting(left) <= 50 and nesting(right) <= 50)
    relation = parse_relation(text)
    assert (relation.left, relation.comparator, relation.right) == (left, comparator, right)


@pytest.mark.parametrize(("value", "text"), [(1e-7, "0.0000001"), (1e22, "10000000000000000000000"),
                                             (2.5, "2.5"), (3.0, "3"), (0.0, "0")])
def test_numbers_print_without_exponents(value, text):
    assert format_expression(Number(value)) == text


def test_only_needed_parentheses_are_printed():
    text = "a - (b - c) - -(d * e) / (f / g) <= (1 + 2) * 3"
    assert str(parse_relation(text)) == text
    assert str(parse_relation("((a + b)) + ((c)) <= --d")) == "a + b + c <= --d"


# ---------------------------------------------------------------------------------------------
# Intervals: open ends, nan, and soundness.

def test_interval_helpers():
    assert Interval.point(3) == Interval(3.0, 3.0)
    assert Interval.of(None, 5) == Interval(-INF, 5)
    assert Interval.of(2700, None) == Interval(2700, INF)
    assert 5 in Interval.of(None, None) and 6 not in Interval(1, 5)


def test_nan_bounds_are_unknown_ends():
    """A claims table stores an unbounded end as NaN; read it as open, never as a number."""
    assert Interval(math.nan, 5) == Interval(-INF, 5)
    assert Interval(5, math.nan) == Interval(5, INF)
    assert str(Interval(-0.0, 0.0).low) == "0.0"


def test_an_empty_interval_is_a_bug():
    with pytest.raises(ValueError, match="empty interval"):
        Interval(5, 1)


@pytest.mark.parametrize(("a", "op", "b", "result"), [
    (Interval(1, 2), "+", Interval(10, INF), Interval(11, INF)),
    (Interval(1, 2), "-", Interval(10, INF), Interval(-INF, -8)),
    (Interval(-1, 2), "*", Interval(3, 4), Interval(-4, 8)),
    (Interval(0, 0), "*", Interval(1, INF), Interval(0, 0)),  # 0 * inf is 0: an open end is no value
    (Interval(0, 1), "*", Interval(1, INF), Interval(0, INF)),
    (Interval(-1, 1), "*", Interval(0, INF), Interval(-INF, INF)),
    (Interval(1, 2), "/", Interval(-1, 1), Interval(-INF, INF)),
    (Interval(1, 2), "/", Interval(0, 4), Interval(-INF, INF)),
    (Interval(1, 2), "/", Interval(4, 8), Interval(0.125, 0.5)),
    (Interval(1, INF), "/", Interval(1, INF), Interval(0, INF)),  # inf / inf: any size, known sign
    (Interval(-INF, -1), "/", Interval(1, INF), Interval(-INF, 0)),
    (Interval(INF, INF), "+", Interval(-INF, -INF), Interval(-INF, INF)),  # inf - inf: unknown
])
def test_arithmetic_at_open_ends(a, op, b, result):
    assert evaluate(BinaryOp(op, Metric("a"), Metric("b")), {"a": a, "b": b}) == result


def test_arithmetic_never_raises_on_inf_or_nan():
    bounds = [-INF, -2.0, -0.0, 0.0, 3.0, INF, math.nan]
    intervals = [Interval(low, high) for low, high in itertools.product(bounds, repeat=2)
                 if math.isnan(low) or math.isnan(high) or low <= high]
    for a, b in itertools.product(intervals, repeat=2):
        for result in (a + b, a - b, a * b, a / b, -a):
            assert result.low <= result.high, (a, b, result)
        for comparator in Comparator:
            assert Relation(Metric("a"), comparator, Metric("b"), "").check({"a": a, "b": b}, 0.1) in Verdict


def intervals(draw, finite: bool = False) -> Interval:
    low, high = sorted(draw(st.floats(-1e12, 1e12)) for _ in range(2))
    if not finite:
        low = draw(st.sampled_from([low, -INF]))
        high = draw(st.sampled_from([high, INF]))
    return Interval(low, high)


def inside(draw, interval: Interval) -> float:
    return draw(st.floats(min_value=max(interval.low, -1e300), max_value=min(interval.high, 1e300)))


@pytest.mark.parametrize("op", ["+", "-", "*", "/"])
@given(data=st.data())
def test_interval_arithmetic_contains_every_pointwise_result(op, data):
    a, b = intervals(data.draw), intervals(data.draw)
    x, y = inside(data.draw, a), inside(data.draw, b)
    assume(op != "/" or y != 0)
    pointwise = {"+": x + y, "-": x - y, "*": x * y, "/": x / y if y else 0.0}[op]
    assert pointwise in evaluate(BinaryOp(op, Number(x), Number(y)), {})
    assert pointwise in evaluate(BinaryOp(op, Metric("a"), Metric("b")), {"a": a, "b": b})


# ---------------------------------------------------------------------------------------------
# Verdicts at the boundaries.

@pytest.mark.parametrize(("text", "left", "right", "expected"), [
    ("a <= b", (1, 2), (2, 3), HOLDS),  # touching
    ("a <= b", (3, 4), (1, 2), VIOLATED),
    ("a <= b", (2, 3), (1, 2), POSSIBLE),  # touching the other way: a = b = 2 is allowed
    ("a <= b", (1, 3), (2, 4), POSSIBLE),
    ("a <= b", (5, None), (None, 4), VIOLATED),
    ("a <= b", (None, 4), (5, None), HOLDS),
    ("a <= b", (None, None), (1, 1), POSSIBLE),
    ("a < b", (1, 2), (2, 3), POSSIBLE),  # touching: a = b = 2 breaks it, a = 1 keeps it
    ("a < b", (1, 2), (2.5, 3), HOLDS),
    ("a < b", (2, 3), (1, 2), VIOLATED),  # touching: the best case a = b = 2 still breaks it
    ("a < b", (5, None), (None, 5), VIOLATED),
    ("a >= b", (2, 3), (1, 2), HOLDS),
    ("a >= b", (1, 2), (3, 4), VIOLATED),
    ("a >= b", (1, 2), (2, 3), POSSIBLE),
    ("a > b", (2, 3), (1, 2), POSSIBLE),
    ("a > b", (1, 2), (2, 3), VIOLATED),
    ("a > b", (3, None), (None, 2), HOLDS),
    ("a = b", (1, 2), (2, 3), POSSIBLE),  # touching intervals overlap
    ("a = b", (1, 2), (2.5, 3), VIOLATED),
    ("a == b", (2, 2), (2, 2), HOLDS),
    ("a ~= b", (2, 2), (2, 2), HOLDS),
    ("a ~= b", (2, 2), (1, 3), POSSIBLE),
    ("a ~= b", (1, None), (None, 0), VIOLATED),
])
def test_comparator_verdicts(text, left, right, expected):
    assert verdict(text, a=left, b=right) is expected


@pytest.mark.parametrize(("tolerance", "expected"), [(0.0, VIOLATED), (0.04, VIOLATED), (0.05, HOLDS)])
def test_tolerance_widens_each_side_relatively(tolerance, expected):
    # 10000 widens to 9500..10500 at 5%, 11000 to 10450..11550: they meet
    assert verdict("a ~= b", tolerance, a=(10000, 10000), b=(11000, 11000)) is expected


def test_tolerance_on_open_ends_and_zero():
    assert verdict("a ~= b", 0.1, a=(0, 0), b=(None, None)) is POSSIBLE
    assert verdict("a ~= b", 0.0, a=(0, 0), b=(0, 0)) is HOLDS
    with pytest.raises(ValueError, match="tolerance"):
        verdict("a ~= b", -0.1, a=(0, 0), b=(0, 0))


def test_casualties_from_killed_and_wounded():
    casualties, killed = (4950, 6050), (270, 330)
    assert verdict("casualties ~= killed + wounded", casualties=casualties, killed=killed,
                   wounded=(2700, None)) is POSSIBLE  # "oltre 2.700 feriti" may reach 5,000 together
    assert verdict("casualties ~= killed + wounded", casualties=casualties, killed=killed,
                   wounded=(2700, 3375)) is VIOLATED  # at most 3,705 against at least 4,950


def test_ratio_relation():
    assert verdict("(killed + wounded) / troops < 1", killed=(5000, 5000), wounded=(7000, 7000),
                   troops=(10000, 10000)) is VIOLATED
    assert verdict("killed <= 0.5 * troops", killed=(300, None), troops=(11000, 11000)) is POSSIBLE


def test_a_missing_metric_is_named():
    with pytest.raises(KeyError, match="wounded"):
        parse_relation("killed + wounded <= troops").check({"killed": Interval.point(1), "troops": Interval.point(2)})


def test_sides_are_what_a_report_shows():
    relation = parse_relation("killed + wounded <= troops")
    values = {"killed": Interval.point(300), "wounded": Interval.of(2700, None), "troops": Interval.point(11000)}
    assert relation.sides(values) == (Interval(3000, INF), Interval(11000, 11000))


# --- columns: the vectorised arithmetic agrees with the scalar one ------------------------------

BOUND = st.one_of(st.sampled_from([-math.inf, math.inf, 0.0, -0.0]), st.floats(-1e6, 1e6, allow_nan=False))
INTERVAL = st.tuples(BOUND, BOUND).map(sorted).filter(lambda b: not (b[0] == b[1] and math.isinf(b[0])))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["a + b <= c", "a - b < c", "a * b >= c", "a / b > c", "a ~= b + c", "-a + 2 * b = c / 4",
                        "(a + b) / c <= 1"]),
       st.lists(st.tuples(INTERVAL, INTERVAL, INTERVAL), min_size=1, max_size=6),
       st.sampled_from([0.0, 0.1]))
def test_columns_agree_with_scalar_checks(text, rows, tolerance):
    import numpy as np

    from factcheck.check.expressions import Interval, Verdict, parse_relation, violated_columns

    relation = parse_relation(text)
    columns = {name: (np.array([r[i][0] for r in rows]), np.array([r[i][1] for r in rows]))
               for i, name in enumerate("abc")}
    vector = violated_columns(relation, columns, tolerance)
    for n, row in enumerate(rows):
        values = {name: Interval(*row[i]) for i, name in enumerate("abc")}
        assert bool(vector[n]) == (relation.check(values, tolerance) is Verdict.VIOLATED), (text, row)
