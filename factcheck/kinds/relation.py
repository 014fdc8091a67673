"""`relation`: an arithmetic relation between metrics, read with interval arithmetic."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from factcheck import expressions
from factcheck.kinds import Finding


@dataclass(frozen=True, slots=True)
class Relation:
    """Figures that break an arithmetic relation for every value their qualifiers allow.

    Flags:  "300 uccisi e 2.700 feriti" with "11mila soldati" under `killed + wounded <= troops`?
            No: 3,000 <= 11,000. It flags "5.000 uccisi e 7.000 feriti" with "10.000 soldati".
    Passes: "circa 300 uccisi, oltre 2.700 feriti" under `casualties ~= killed + wounded`
            with no casualties figure: then it derives one (derive: true) for the other checks.
    """

    expression: str  # e.g. "killed + wounded <= troops"; parsed by a small safe parser, never eval
    scope: Literal["source", "corpus"] = "source"  # within each source, or the corpus's figures together
    tolerance: float = 0.0  # relative widening for ~= and =
    derive: bool = False  # "casualties ~= killed + wounded": a source with killed and wounded gains casualties
    relation: expressions.Relation = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        try:
            parsed = expressions.parse_relation(self.expression)
        except expressions.ExpressionError as exc:
            error = ValueError(f"expression: {exc}")
            error.keys = ("expression",)
            raise error from None
        if self.derive and parsed.derives is None:
            error = ValueError("derive: true needs an expression of the form `metric ~= ...` or `metric = ...`")
            error.keys = ("derive",)
            raise error
        object.__setattr__(self, "relation", parsed)

    def metric_names(self) -> frozenset[str]:
        return self.relation.metrics

    def check(self, claims) -> Iterator[Finding]:
        metrics = self.relation.metrics
        chosen = claims[(claims["kind"] == "quantity") & claims["metric"].isin(metrics)]
        keys = ["source"] if self.scope == "source" else []
        groups = chosen.groupby(keys, sort=True) if keys else [((), chosen)]
        name = sorted(metrics)[0] if self.relation.derives is None else self.relation.derives
        for _key, group in groups:
            if set(group["metric"]) != metrics:
                continue
            ids = tuple(sorted(group["id"]))
            if self._verdict(group, "low", "high") is expressions.Verdict.VIOLATED:
                yield Finding(name, (ids,), f"{self.expression} is false for these figures")
            elif self._verdict(group, "read_low", "read_high") is expressions.Verdict.VIOLATED:
                yield Finding(name, (ids,), f"{self.expression} is false if \"more than\" / \"up to\" mean close "
                                            "to the figure", lowered=True)

    def _verdict(self, group, low: str, high: str):
        return self.relation.check(hull(group, low, high), self.tolerance)


def hull(group, low: str, high: str) -> dict[str, expressions.Interval]:
    """Per metric, the smallest interval holding every claim's: what the figures allow together."""
    bounds = group.groupby("metric").agg(low=(low, "min"), high=(high, "max"))
    return {metric: expressions.Interval(row.low, row.high) for metric, row in bounds.iterrows()}
