"""`same_date`: sources dating one event must name overlapping dates."""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.dates import YEARLESS_YEAR, DateSpan
from factcheck.kinds import Finding


@dataclass(frozen=True, slots=True)
class SameDate:
    """Dates for one event that cannot all be right.

    Flags:  "siglato a giugno" vs "siglati lo scorso 6 novembre 2024" (June never contains 6 November)
    Passes: "firmato nel novembre 2024" vs "firmato il 6 novembre 2024" (the day is inside the month)
    """

    metrics: tuple[str, ...]

    def check(self, claims) -> Iterator[Finding]:
        chosen = claims[(claims["kind"] == "date") & claims["metric"].isin(self.metrics)]
        for metric, group in chosen.groupby("metric", sort=True):
            if group["source"].nunique() < 2:
                continue
            spans = [(claim_id, span_of(start, end)) for claim_id, start, end
                     in zip(group["id"], group["date_start"], group["date_end"])]
            groups = overlapping_groups(spans)
            if len(groups) > 1:
                yield Finding(metric, groups, f"{metric}: the sources' dates cannot all be right")


def span_of(start: str, end: str) -> DateSpan:
    """The span of a claim's ISO dates; "XXXX-06-01" is year-less."""
    yearless = start.startswith("XXXX")

    def day(iso: str, year: int) -> datetime.date:
        return datetime.date.fromisoformat(f"{year:04d}{iso[4:]}") if iso.startswith("XXXX") \
            else datetime.date.fromisoformat(iso)

    first = day(start, YEARLESS_YEAR)
    last = day(end, YEARLESS_YEAR)
    if last < first:  # a year-less span over New Year: "da novembre a febbraio"
        first = day(start, YEARLESS_YEAR - 1)
    return DateSpan(first, last, yearless)


def overlapping_groups(spans: list[tuple[str, DateSpan]]) -> tuple[tuple[str, ...], ...]:
    """Claims grouped so that every date in a group overlaps every other; sorted sweep for the dated
    ones, then each year-less date joins the first group all of whose dates it overlaps."""
    dated = sorted((s for s in spans if not s[1].yearless), key=lambda s: (s[1].start, s[1].end, s[0]))
    groups: list[list[tuple[str, DateSpan]]] = []
    earliest_end = None
    for claim_id, span in dated:
        if groups and span.start <= earliest_end:
            groups[-1].append((claim_id, span))
            earliest_end = min(earliest_end, span.end)
        else:
            groups.append([(claim_id, span)])
            earliest_end = span.end
    for claim_id, span in sorted((s for s in spans if s[1].yearless), key=lambda s: (s[1].start, s[0])):
        home = next((g for g in groups if all(span.overlaps(other) for _id, other in g)), None)
        if home is None:
            groups.append([(claim_id, span)])
        else:
            home.append((claim_id, span))
    return tuple(tuple(sorted(claim_id for claim_id, _span in g)) for g in groups)
