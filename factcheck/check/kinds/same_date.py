"""`same_date`: sources dating one event must name overlapping dates."""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.extraction.dates import YEARLESS_YEAR, DateSpan
from factcheck.check.kinds import Finding, KindBase, selected
from factcheck.check.kinds.agree import Groups, sides_of
from factcheck.model import MetricKind, Reason


SAME_AGREEMENT_DAYS = 366


@dataclass(frozen=True, slots=True)
class SameDate(KindBase):
    """Dates for one event that cannot all be right.

    Flags:  "siglato a giugno" vs "siglati lo scorso 6 novembre 2024" (June never contains 6 November)
    Passes: "firmato nel novembre 2024" vs "firmato il 6 novembre 2024" (the day is inside the month)
    """

    metrics: tuple[str, ...]

    def check(self, claims) -> Iterator[Finding]:
        import numpy as np

        chosen = selected(claims, MetricKind.DATE, self.metrics, ("id", "source", "metric", "subject", "event",
                                                                  "attribution", "as_of", "date_start", "date_end"))
        # one step of one agreement: its parties and, when the text names it, its name ("Budapest")
        chosen = chosen.assign(event=chosen["event"].fillna("") if "event" in chosen else "")
        for (metric, subject, _event), group in chosen.groupby(["metric", "subject", "event"], sort=True):
            if group["source"].nunique() < 2:
                continue
            # claims dated alike always share a group: the sweep runs over the distinct spans only
            spans, of_claim = distinct_spans(group["date_start"].to_numpy(), group["date_end"].to_numpy())
            grouped = overlapping_groups(spans)
            if len(grouped) > 1:
                group_of_span = np.empty(len(spans), dtype=np.intp)
                for n, members in enumerate(grouped):
                    group_of_span[members] = n
                days = np.array([(s.start.toordinal(), s.end.toordinal()) for s in spans], dtype=float)[of_claim]
                groups = Groups(group_of_span[of_claim], group, (days[:, 0], days[:, 1]))
                for a, b in sides_of(groups):
                    sides = groups.apart(a, b)
                    if sides and not years_apart(*(spans[of_claim[groups.first(side)]] for side in (a, b))):
                        yield Finding(metric, sides, Reason.DATES_CONFLICT, subject=subject)


def distinct_spans(starts, ends) -> tuple[list[DateSpan], object]:
    """(the distinct spans of claims' ISO dates, each claim's position among them)."""
    import numpy as np
    import pandas as pd

    start_codes, start_days = pd.factorize(starts, use_na_sentinel=False)
    end_codes, end_days = pd.factorize(ends, use_na_sentinel=False)
    pairs, of_claim = np.unique(start_codes.astype(np.int64) * len(end_days) + end_codes, return_inverse=True)
    spans = [span_of(start_days[pair // len(end_days)], end_days[pair % len(end_days)]) for pair in pairs.tolist()]
    return spans, of_claim.reshape(-1)


def years_apart(a: DateSpan, b: DateSpan) -> bool:
    """Dates of one step more than a year apart date two agreements between the same parties (a 2021
    charter and a 2025 deal), not one agreement dated wrongly; a year-less date can be either."""
    if a.yearless or b.yearless:
        return False
    first, second = sorted((a, b), key=lambda s: s.start)
    return (second.start - first.end).days > SAME_AGREEMENT_DAYS


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


def overlapping_groups(spans: list[DateSpan]) -> list[list[int]]:
    """Spans (as positions in `spans`) grouped so that the dates in a group share a day.

    Dated and year-less dates are each swept in order (O(n log n)); then each year-less group joins
    the first dated group whose common days it can fall on (year-less June joins a group whose
    dates all contain 19 June 2024, never one of 6 November).
    """
    dated = _sweep([(n, span) for n, span in enumerate(spans) if not span.yearless])
    yearless = _sweep([(n, span) for n, span in enumerate(spans) if span.yearless])
    groups = [members for members, _common in dated]
    for members, common in yearless:
        home = next((i for i, (_m, dated_common) in enumerate(dated) if common.overlaps(dated_common)), None)
        if home is None:
            groups.append(members)
        else:
            groups[home] = groups[home] + members
    return groups


def _sweep(spans: list[tuple[int, DateSpan]]) -> list[tuple[list[int], DateSpan]]:
    """Distinct spans of one sort (all dated or all year-less) in groups that share days, with those days."""
    groups: list[tuple[list[int], DateSpan]] = []
    for n, span in sorted(spans, key=lambda s: (s[1].start, s[1].end)):
        if groups and span.start <= groups[-1][1].end:
            members, common = groups[-1]
            members.append(n)
            groups[-1] = (members, DateSpan(max(common.start, span.start), min(common.end, span.end), span.yearless))
        else:
            groups.append(([n], span))
    return groups
