"""Rule kinds: one module per kind, one entry per kind in `KINDS`.

A kind is a frozen dataclass whose fields are its YAML keys (besides the keys every check has:
kind, severity, description, suggestion, where, examples). It follows the `Kind` protocol: it
names the metrics it reads and yields `Finding`s from the claims a check selected; the engine adds
the rule's id, severity and texts. Adding a kind is adding a module here and one line to `KINDS`.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from factcheck.model import MetricKind, Reason, Severity

#: what each reason says, written once; {metric}, {detail} and {close} are filled in per finding
SUMMARIES = {
    Reason.CONFLICT: "{metric}: the sources' figures cannot all be true{close}",
    Reason.FALLING_TOTAL: "{metric}: a running total falls from an earlier date to a later one{close}",
    Reason.UNDATED_TOTALS: "{metric}: the figures conflict{close}; they are running totals, and their dates are "
                           "unknown or differ, which may explain it",
    Reason.UNKNOWN_TIME: "{metric}: the figures conflict{close}; when one of them held is unknown, which may "
                         "explain it",
    Reason.ATTRIBUTED: "{metric}: attributed disagreement, {detail}{close}",
    Reason.DATES_CONFLICT: "{metric}: the sources' dates cannot all be right",
    Reason.RELATION: "{detail} is false{for_close}",
    Reason.OUT_OF_RANGE: "{metric}: {detail}",
}
CLOSE_READING = " if \"more than\" / \"up to\" mean close to the figure"


@dataclass(frozen=True, slots=True)
class Finding:
    """Claims that cannot all be true, as one kind found them."""

    metric: str
    groups: tuple[tuple[str, ...], ...]  # claim ids, one tuple per side that agrees within itself
    reason: Reason
    detail: str = ""  # what the summary names besides the metric: the sources, the expression, the bounds
    lowered: bool = False  # a conflict only when "more than N" is read as close to N
    subject: str = ""  # who the figures are about: figures about different subjects never conflict
    severity: Severity | None = None  # set when the kind decides it (an attributed disagreement), not the rule

    @property
    def claims(self) -> tuple[str, ...]:
        return tuple(claim for group in self.groups for claim in group)

    @property
    def summary(self) -> str:
        close = CLOSE_READING if self.lowered else ""
        for_close = CLOSE_READING if self.lowered else " for these figures"
        return SUMMARIES[self.reason].format(metric=self.metric, detail=self.detail, close=close,
                                             for_close=for_close)


class Kind(Protocol):
    """What the engine asks of a kind; `KindBase` gives the defaults."""

    def metric_names(self) -> frozenset[str]:
        """The metrics the kind reads (checked against the rule set when it loads)."""

    def check(self, claims) -> Iterator[Finding]:
        """The findings among the claims a check selected."""

    def derived_claims(self, claims):
        """Claims the kind implies from others (a total from its parts), as a table, or None."""


class KindBase:
    """Defaults of the Kind protocol: the metrics are the `metrics:` key, nothing is derived."""

    __slots__ = ()

    def metric_names(self) -> frozenset[str]:
        return frozenset(self.metrics)

    def derived_claims(self, claims):
        return None


def selected(claims, kind: MetricKind, metrics, columns):
    """The claims of `kind` about `metrics`, with only `columns`: a kind reads a few of the table's
    columns, and copying all of them for each check costs more than some checks take."""
    mask = (claims["kind"] == kind) & claims["metric"].isin(metrics)
    return claims.loc[mask, [column for column in columns if column in claims]]


def among(values, allowed):
    """`values.isin(allowed)` for a Series of strings and distinct `allowed` ones, by one hash index
    of Python strings: Arrow's `isin` reads `allowed` one by one, many times slower."""
    import numpy as np
    import pandas as pd

    index = pd.Index(np.asarray(list(allowed), dtype=object), dtype=object)
    return index.get_indexer(values.to_numpy(dtype=object)) >= 0


def _kinds() -> dict[str, type]:
    from factcheck.check.kinds.agree import Agree
    from factcheck.check.kinds.range import Range
    from factcheck.check.kinds.relation import Relation
    from factcheck.check.kinds.same_date import SameDate

    return {"agree": Agree, "range": Range, "relation": Relation, "same_date": SameDate}


KINDS: dict[str, type] = _kinds()
