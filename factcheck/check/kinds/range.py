"""`range`: a figure outside plausible bounds is a typo or an extraction error."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.check.kinds import Finding, KindBase, selected
from factcheck.model import MetricKind, Reason
from factcheck.intervals import format_number


@dataclass(frozen=True, slots=True)
class Range(KindBase):
    """A figure no source could mean: "110.000 soldati" typed for "11.000".

    Flags:  "inviati 110.000.000 soldati" (max 3,000,000)
    Passes: "inviati 11.000 soldati"
    """

    metrics: tuple[str, ...]
    min: float = 0.0
    max: float | None = None

    def check(self, claims) -> Iterator[Finding]:
        chosen = selected(claims, MetricKind.QUANTITY, self.metrics,
                          ("id", "metric", "subject", "figure", "low", "high"))
        too_low = chosen["high"] < self.min
        too_high = chosen["low"] > self.max if self.max is not None else False
        bounds = f"{format_number(self.min)}–{format_number(self.max) if self.max is not None else '∞'}"
        for row in chosen[too_low | too_high].sort_values("id").itertuples(index=False):
            yield Finding(row.metric, ((row.id,),), Reason.OUT_OF_RANGE,
                          f"{row.figure!r} is outside the plausible {bounds}", subject=row.subject)
