"""`agree`: the figures sources give for one quantity must fit one interval."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
import numpy as np

from factcheck.check.kinds import Finding, KindBase
from factcheck.model import MetricKind, Reason, Severity


@dataclass(frozen=True, slots=True)
class Agree(KindBase):
    """Sources give intervals for one metric about one subject that cannot all be true.

    Flags:  "inviati 10.000 soldati" vs "inviati 12.000 soldati"
    Passes: "oltre 10.000 soldati" vs "11mila soldati" (10,000..∞ contains 11,000); a running total
            (killed, wounded) that grows from one date to a later one.
    Two named sources that disagree ("secondo Kiev" vs "secondo Mosca") are an attributed
    disagreement, reported at `attributed_severity`, quoting both.
    """

    metrics: tuple[str, ...]
    tolerance: float = 0.0  # relative: 0.05 lets 10.000 meet 10.400
    attributed_severity: Severity = Severity.WARNING

    def check(self, claims) -> Iterator[Finding]:
        chosen = claims[(claims["kind"] == MetricKind.QUANTITY) & claims["metric"].isin(self.metrics)]
        for (metric, subject), group in chosen.groupby(["metric", "subject"], sort=True):
            for low, high, lowered in (("low", "high", False), ("read_low", "read_high", True)):
                groups = conflicting_groups(group, low, high, self.tolerance)
                if groups:
                    finding = self._judge(metric, subject, group, groups, low, high, lowered)
                    if finding is not None:
                        yield finding
                    break

    def _judge(self, metric, subject, group, groups, low, high, lowered) -> Finding | None:
        """The finding a conflict makes, in the light of who says what and when."""
        involved = group  # the groups share out every claim of the metric and subject
        known = bool((involved["as_of"] != "").all())
        if bool(involved["cumulative"].iloc[0]) and not (known and involved["as_of"].nunique() == 1):
            if known:
                falls = falling(involved, low, high)
                if not falls:
                    return None  # a running total that grows with time
                same_source = any(a == b and a for a, b in falls)
                return Finding(metric, groups, Reason.FALLING_TOTAL, lowered=lowered, subject=subject,
                               severity=None if same_source else self.attributed_severity)
            return Finding(metric, groups, Reason.UNDATED_TOTALS, lowered=lowered, subject=subject,
                           severity=Severity.WARNING)
        if (involved["attribution"] != "").all():
            said_by = dict(zip(involved["id"], involved["attribution"]))
            sides = [{said_by[claim] for claim in g} for g in groups]
            if all(len(names) == 1 for names in sides) and len(set().union(*sides)) > 1:
                names = " vs ".join(next(iter(names)) for names in sides)
                return Finding(metric, groups, Reason.ATTRIBUTED, names, lowered, subject, self.attributed_severity)
        return Finding(metric, groups, Reason.CONFLICT, lowered=lowered, subject=subject)


def falling(claims, low: str, high: str) -> list[tuple[str, str]]:
    """(earlier attribution, later attribution) of each figure below one stated at an earlier date:
    a running total can grow, never fall."""
    ordered = claims.sort_values("as_of")
    falls = []
    highest: tuple[float, str] | None = None  # the largest lower bound seen at earlier dates, and who said it
    for _as_of, same_day in ordered.groupby("as_of", sort=True):
        if highest is not None:
            for row in same_day.itertuples(index=False):
                if getattr(row, high) < highest[0]:
                    falls.append((highest[1], row.attribution))
        top = same_day.loc[same_day[low].idxmax()]
        if highest is None or top[low] > highest[0]:
            highest = (top[low], top["attribution"])
    return falls


def conflicting_groups(group, low_column: str, high_column: str, tolerance: float) -> tuple[tuple[str, ...], ...]:
    """Claims split into groups that each share a common value, when more than one group is needed
    and they come from more than one source; else ().

    Sorting by lower bound and sweeping is O(n log n) and never compares n² pairs: a claim joins
    the current group while its lower bound is within every member's upper bound.
    """
    low = group[low_column].to_numpy(dtype=float) * (1 - tolerance)
    high = group[high_column].to_numpy(dtype=float) * (1 + tolerance)
    if low.size < 2 or low.max() <= high.min():
        return ()
    if group["source"].nunique() < 2:
        return ()
    # claims with equal bounds are interchangeable, and each group is sorted by id below, so the same
    # claims give the same groups whatever their order
    order = np.lexsort((high, low))
    ids, low, high = group["id"].to_numpy()[order], low[order], high[order]
    starts = [0]
    ceiling = high[0]
    for i in range(1, len(ids)):
        if low[i] <= ceiling:
            ceiling = min(ceiling, high[i])
        else:
            starts.append(i)
            ceiling = high[i]
    return tuple(tuple(sorted(chunk)) for chunk in np.split(ids, starts[1:]))
