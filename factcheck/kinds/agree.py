"""`agree`: the figures sources give for one quantity must fit one interval."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from factcheck.kinds import Finding


@dataclass(frozen=True, slots=True)
class Agree:
    """Sources give intervals for one metric that cannot all be true.

    Flags:  "inviati 10.000 soldati" vs "inviati 12.000 soldati"
    Passes: "oltre 10.000 soldati" vs "11mila soldati" (10,000..∞ contains 11,000)
    """

    metrics: tuple[str, ...]
    tolerance: float = 0.0  # relative: 0.05 lets 10.000 meet 10.400

    def check(self, claims) -> Iterator[Finding]:
        chosen = claims[(claims["kind"] == "quantity") & claims["metric"].isin(self.metrics)]
        for (metric, subject), group in chosen.groupby(["metric", "subject"], sort=True):
            strict = conflicting_groups(group, "low", "high", self.tolerance)
            if strict:
                yield Finding(metric, strict, f"{metric}: the sources' figures cannot all be true", subject=subject)
                continue
            read_closely = conflicting_groups(group, "read_low", "read_high", self.tolerance)
            if read_closely:
                yield Finding(metric, read_closely,
                              f"{metric}: the figures conflict only if \"more than\" / \"up to\" mean close to "
                              "the figure", lowered=True, subject=subject)


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
