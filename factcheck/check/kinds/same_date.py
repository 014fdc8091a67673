"""`same_date`: sources dating one event must name overlapping dates."""
from __future__ import annotations

import datetime
import functools
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
        chosen = selected(claims, MetricKind.DATE, self.metrics, ("id", "source", "metric", "subject", "event",
                                                                  "attribution", "as_of", "date_start", "date_end"))
        # one step of one agreement: its parties and, when the text names it, its name ("Budapest")
        chosen = chosen.assign(event=chosen["event"].fillna("") if "event" in chosen else "")
        span = functools.cache(span_of)  # a corpus names few distinct dates
        for (metric, subject, _event), group in chosen.groupby(["metric", "subject", "event"], sort=True):
            if group["source"].nunique() < 2:
                continue
            spans = [(claim_id, span(start, end)) for claim_id, start, end
                     in zip(*(group[column].to_numpy() for column in ("id", "date_start", "date_end")))]
            groups = overlapping_groups(spans)
            if len(groups) > 1:
                span_of_claim = dict(spans)
                for a, b in sides_of(Groups.of(groups, group)):
                    if not years_apart(span_of_claim[groups[a][0]], span_of_claim[groups[b][0]]):
                        yield Finding(metric, (groups[a], groups[b]), Reason.DATES_CONFLICT, subject=subject)


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


def overlapping_groups(spans: list[tuple[str, DateSpan]]) -> tuple[tuple[str, ...], ...]:
    """Claims grouped so that the dates in a group share a day.

    Dated and year-less dates are each swept in order (O(n log n)); then each year-less group joins
    the first dated group whose common days it can fall on (year-less June joins a group whose
    dates all contain 19 June 2024, never one of 6 November).
    """
    dated = _sweep([s for s in spans if not s[1].yearless])
    yearless = _sweep([s for s in spans if s[1].yearless])
    groups = [members for members, _common in dated]
    for members, common in yearless:
        home = next((i for i, (_m, dated_common) in enumerate(dated) if common.overlaps(dated_common)), None)
        if home is None:
            groups.append(members)
        else:
            groups[home] = groups[home] + members
    return tuple(tuple(sorted(g)) for g in groups)


def _sweep(spans: list[tuple[str, DateSpan]]) -> list[tuple[list[str], DateSpan]]:
    """Spans of one sort (all dated or all year-less) in groups that share days, with those days."""
    groups: list[tuple[list[str], DateSpan]] = []
    for claim_id, span in sorted(spans, key=lambda s: (s[1].start, s[1].end, s[0])):
        if groups and span.start <= groups[-1][1].end:
            members, common = groups[-1]
            members.append(claim_id)
            groups[-1] = (members, DateSpan(max(common.start, span.start), min(common.end, span.end), span.yearless))
        else:
            groups.append(([claim_id], span))
    return groups
