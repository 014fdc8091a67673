"""`agree`: the figures sources give for one quantity must fit one interval."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
import datetime

from factcheck.check.kinds import Finding, KindBase
from factcheck.model import MetricKind, Reason, Severity


KEY = ["_population", "_aspect"]
PERIOD_WINDOW = 2  # days: "overnight" reported the next morning and the day after is one night
# tolls of "soldati" and tolls that name nobody are one count in a war story; civilians and children are not
SAME_AS_EVERYONE = {"military": ""}
MAX_SIDES = 3  # groups beyond this are each set against the largest, two sides a finding
MAX_OUTLIERS = 5  # groups set against the largest, at most: a key with more disagrees everywhere
FALL_RATIO = 0.5  # from another source, a later total this share of an earlier one or more fell
MAX_FALLS = 3  # falls of one running total reported: the first few say what to check


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
    window: float | None = None  # days: a state (troops present) is compared only with figures this close in time

    def check(self, claims) -> Iterator[Finding]:
        chosen = claims[(claims["kind"] == MetricKind.QUANTITY) & claims["metric"].isin(self.metrics)]
        if chosen.empty:
            return
        # the comparison key: the same thing, in the same place, counted the same way. A count for one
        # period ("overnight") or an increment is no running total, and is compared only within days
        aspect = chosen["aspect"].fillna("total")
        chosen = chosen.assign(_population=chosen["population"].fillna("").replace(SAME_AS_EVERYONE),
                               _place=chosen["place"].fillna(""), _aspect=aspect,
                               cumulative=chosen["cumulative"] & (aspect == "total"))
        seen: set[tuple] = set()
        for (metric, subject, *_rest), keyed in chosen.groupby(["metric", "subject", *KEY], sort=True):
            for group in (part for placed in in_places(keyed) for part in self._in_windows(placed)):
                if bool(group["cumulative"].iloc[0]):
                    for finding in self._running_total(metric, subject, group):
                        if finding.groups not in seen:
                            seen.add(finding.groups)
                            yield finding
                    continue
                for low, high, lowered in (("low", "high", False), ("read_low", "read_high", True)):
                    groups = conflicting_groups(group, low, high, self.tolerance)
                    if not groups:
                        continue
                    said = _said(group)
                    for sides in sides_of(groups, group):
                        finding = self._judge(metric, subject, said, sides, lowered)
                        if sides not in seen:
                            seen.add(sides)
                            yield finding
                    break

    def _running_total(self, metric, subject, group) -> Iterator[Finding]:
        """A running total (killed, wounded): sources must agree on one day; from day to day it may
        grow, never fall; a figure of unknown date that conflicts is a warning that says so."""
        dated, undated = group[group["as_of"] != ""], group[group["as_of"] == ""]
        for low, high, lowered in (("low", "high", False), ("read_low", "read_high", True)):
            found = False
            for _day, same_day in dated.groupby("as_of", sort=True):
                said = _said(same_day)
                for sides in sides_of(conflicting_groups(same_day, low, high, self.tolerance), same_day):
                    found = True
                    yield self._judge(metric, subject, said, sides, lowered)
            for earlier, later, same_source in falling(dated, low, high)[:MAX_FALLS]:
                found = True
                yield Finding(metric, ((earlier,), (later,)), Reason.FALLING_TOTAL, lowered=lowered, subject=subject,
                              severity=None if same_source else self.attributed_severity)
            if not undated.empty:
                undated_ids = set(undated["id"])
                for sides in sides_of(conflicting_groups(group, low, high, self.tolerance), group):
                    if any(set(side) <= undated_ids for side in sides):
                        found = True
                        yield Finding(metric, sides, Reason.UNDATED_TOTALS, lowered=lowered, subject=subject,
                                      severity=Severity.WARNING)
            if found:
                return

    def _in_windows(self, group):
        """The group cut where its dates are more than `window` days apart; figures of unknown date
        belong to every part. Running totals are never cut: they are read over time."""
        import numpy as np
        import pandas as pd

        window = self.window if (group["_aspect"] == "total").all() else min(self.window or PERIOD_WINDOW,
                                                                                PERIOD_WINDOW)
        if window is None or bool(group["cumulative"].iloc[0]):
            yield group
            return
        dated, undated = group[group["as_of"] != ""], group[group["as_of"] == ""]
        days = dated["as_of"].map(lambda d: datetime.date.fromisoformat(str(d)[:10]).toordinal())
        order = days.sort_values(kind="stable")
        cuts = np.flatnonzero(np.diff(order.to_numpy()) > window) + 1
        for part in np.split(order.index.to_numpy(), cuts) if len(order) else [[]]:
            yield pd.concat([dated.loc[part], undated]) if len(part) else undated

    def _judge(self, metric, subject, said: dict, groups, lowered) -> Finding:
        """The finding a conflict makes, in the light of who says what and when; `said` maps a claim
        id to its (as_of, attribution)."""
        dates = [said[c][0] for g in groups for c in g]
        if "" in dates and any(dates):  # a dated figure against one of unknown date
            return Finding(metric, groups, Reason.UNKNOWN_TIME, lowered=lowered, subject=subject,
                           severity=Severity.WARNING)
        sides = [{said[c][1] for c in g} for g in groups]
        if all(len(names) == 1 and "" not in names for names in sides) and len(set().union(*sides)) > 1:
            names = " vs ".join(next(iter(names)) for names in sides)
            return Finding(metric, groups, Reason.ATTRIBUTED, names, lowered, subject, self.attributed_severity)
        return Finding(metric, groups, Reason.CONFLICT, lowered=lowered, subject=subject)


def _said(claims) -> dict:
    """claim id -> (as_of, attribution), for judging findings without slicing the table."""
    return dict(zip(claims["id"].to_numpy(), zip(claims["as_of"].to_numpy(), claims["attribution"].to_numpy())))


def falling(claims, low: str, high: str) -> list[tuple[str, str, bool]]:
    """(earlier claim, later claim, whether one source says both) for each figure below one stated
    at an earlier date: a running total can grow, never fall."""
    ordered = claims.sort_values(["as_of", "id"])
    falls = []
    highest = None  # the claim with the largest lower bound seen at earlier dates
    for _as_of, same_day in ordered.groupby("as_of", sort=True):
        if highest is not None:
            for row in same_day.itertuples(index=False):
                if getattr(row, high) < highest[low]:
                    said = bool(row.attribution) and row.attribution == highest["attribution"]
                    same = said or row.source == highest["source"]
                    # from another source, a fall to less than half is another count (one strike's toll
                    # after the war's) more often than a revision; one source revising down is flagged
                    if same or getattr(row, high) >= FALL_RATIO * highest[low]:
                        falls.append((highest["id"], row.id, same))
        top = same_day.loc[same_day[low].idxmax()]
        if highest is None or top[low] > highest[low]:
            highest = top
    return falls


def conflicting_groups(group, low_column: str, high_column: str, tolerance: float) -> tuple[tuple[str, ...], ...]:
    """Claims split into groups that each share a common value, when more than one group is needed
    and they come from more than one source; else ().

    Sorting by lower bound and sweeping is O(n log n) and never compares n² pairs: a claim joins
    the current group while its lower bound is within every member's upper bound.
    """
    import numpy as np

    low = group[low_column].to_numpy(dtype=float) * (1 - tolerance)
    high = group[high_column].to_numpy(dtype=float) * (1 + tolerance)
    if low.size < 2 or low.max() <= high.min():
        return ()
    if group["source"].nunique() < 2 and group["attribution"].replace("", None).nunique() < 2:
        return ()  # one article, one voice: it updates or repeats itself, it does not disagree
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


def in_places(group):
    """The group per place it names ("6.760 morti in Siria" is never set against a toll for Turkey);
    figures that name no place belong to every part, as they may hold anywhere in the story."""
    places = sorted(set(group["_place"]) - {""})
    if len(places) <= 1:
        yield group
        return
    for place in places:
        yield group[group["_place"].isin((place, ""))]


def sides_of(groups: tuple[tuple[str, ...], ...], claims) -> list[tuple[tuple[str, ...], ...]]:
    """The findings' sides: every pair of groups when there are a few, else the group most sources
    agree with set against each of the others ("4 sources agree on about 11,000; 1 says 25,000")."""
    source_of = dict(zip(claims["id"].to_numpy(), claims["source"].to_numpy()))
    said_by = dict(zip(claims["id"].to_numpy(), claims["attribution"].to_numpy()))

    def voices(a, b) -> bool:
        """Two sides from two articles, or one article quoting two named sources ("police reported
        15 dead, before the minister revised it to 10"): one article giving two figures in its own
        voice updates itself, it does not contradict itself."""
        if len({source_of[c] for c in (*a, *b)}) > 1:
            return True
        names_a, names_b = {said_by[c] for c in a}, {said_by[c] for c in b}
        return "" not in names_a | names_b and len(names_a) == len(names_b) == 1 and names_a != names_b

    if len(groups) <= MAX_SIDES:
        return [(a, b) for i, a in enumerate(groups) for b in groups[i + 1:] if voices(a, b)]
    sources = [len({source_of[c] for c in g}) for g in groups]
    largest = max(range(len(groups)), key=lambda i: (sources[i], -i))
    # the outliers most sources stand behind first; the appendix lists every figure
    others = sorted((i for i in range(len(groups)) if i != largest), key=lambda i: (-sources[i], i))[:MAX_OUTLIERS]
    return [(groups[min(i, largest)], groups[max(i, largest)]) for i in sorted(others)
            if voices(groups[i], groups[largest])]
