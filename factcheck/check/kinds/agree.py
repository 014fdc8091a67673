"""`agree`: the figures sources give for one quantity must fit one interval."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
import datetime

from factcheck.check.kinds import Finding, KindBase, selected
from factcheck.model import MetricKind, Reason, Severity


KEY = ["_population", "_aspect"]
PERIOD_WINDOW = 2  # days: "overnight" reported the next morning and the day after is one night
# tolls of "soldati" and tolls that name nobody are one count in a war story; civilians and children are not
SAME_AS_EVERYONE = {"military": ""}
MAX_SIDES = 3  # groups beyond this are each set against the largest, two sides a finding
MAX_OUTLIERS = 5  # groups set against the largest, at most: a key with more disagrees everywhere
FALL_RATIO = 0.5  # from another source, a later total this share of an earlier one or more fell
REVISION_DAYS = 7  # one article giving a lower figure for a date this close revises itself
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
        chosen = selected(claims, MetricKind.QUANTITY, self.metrics, COLUMNS)
        if chosen.empty:
            return
        # the comparison key: the same thing, in the same place, counted the same way. A count for one
        # period ("overnight") or an increment is no running total, and is compared only within days
        aspect = chosen["aspect"].fillna("total")
        chosen = chosen.assign(_population=chosen["population"].fillna("").replace(SAME_AS_EVERYONE),
                               _place=chosen["place"].fillna(""), _aspect=aspect,
                               cumulative=chosen["cumulative"] & (aspect == "total"))
        keys = ["metric", "subject", *KEY]
        chosen = chosen[may_disagree(chosen, keys)]
        seen: set[tuple] = set()
        for (metric, subject, *_rest), keyed in chosen.groupby(keys, sort=True):
            for group in (part for placed in in_places(keyed) for part in self._in_windows(placed)):
                if bool(group["cumulative"].iloc[0]):
                    for finding in self._running_total(metric, subject, group):
                        if finding.groups not in seen:
                            seen.add(finding.groups)
                            yield finding
                    continue
                for low, high, lowered in (("low", "high", False), ("read_low", "read_high", True)):
                    groups = conflicting_groups(group, low, high, self.tolerance)
                    if groups is None:
                        continue
                    for a, b in sides_of(groups):
                        finding = self._judge(metric, subject, groups, a, b, lowered)
                        if finding is None:
                            continue
                        sides = finding.groups
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
                groups = conflicting_groups(same_day, low, high, self.tolerance)
                for a, b in sides_of(groups):
                    finding = self._judge(metric, subject, groups, a, b, lowered)
                    if finding is not None:
                        found = True
                        yield finding
            for earlier, later, same_source in falling(dated, low, high)[:MAX_FALLS]:
                found = True
                yield Finding(metric, ((earlier,), (later,)), Reason.FALLING_TOTAL, lowered=lowered, subject=subject,
                              severity=None if same_source else self.attributed_severity)
            if not undated.empty:
                groups = conflicting_groups(group, low, high, self.tolerance)
                for a, b in sides_of(groups):
                    sides = groups.apart(a, b)
                    if sides and not (groups.dated[a] and groups.dated[b]):  # a side of undated figures only
                        found = True
                        yield Finding(metric, sides, Reason.UNDATED_TOTALS,
                                      lowered=lowered, subject=subject, severity=Severity.WARNING)
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
        days = dated["as_of"].map({day: _ordinal(day) for day in dated["as_of"].unique()})
        order = days.sort_values(kind="stable")
        cuts = np.flatnonzero(np.diff(order.to_numpy()) > window) + 1
        for part in np.split(order.index.to_numpy(), cuts) if len(order) else [[]]:
            yield pd.concat([dated.loc[part], undated]) if len(part) else undated

    def _judge(self, metric, subject, groups: Groups, a: int, b: int, lowered) -> Finding | None:
        """The finding groups `a` and `b` make, in the light of who says what and when."""
        sides = groups.apart(a, b)
        if sides is None:
            return None
        if (groups.undated[a] or groups.undated[b]) and (groups.dated[a] or groups.dated[b]):
            # a dated figure against one of unknown date
            return Finding(metric, sides, Reason.UNKNOWN_TIME, lowered=lowered, subject=subject,
                           severity=Severity.WARNING)
        if groups.named_apart(a, b):
            names = f"{groups.name[a]} vs {groups.name[b]}" if groups.name[a] != groups.name[b] \
                else f"{groups.speaker[a]} vs {groups.speaker[b]}"
            return Finding(metric, sides, Reason.ATTRIBUTED, names, lowered, subject, self.attributed_severity)
        return Finding(metric, sides, Reason.CONFLICT, lowered=lowered, subject=subject)


COLUMNS = ("id", "source", "metric", "subject", "attribution", "speaker", "as_of", "population", "place", "aspect",
           "cumulative", "low", "high", "read_low", "read_high")  # what `Agree.check` reads


def _ordinal(day: str) -> int:
    return datetime.date.fromisoformat(str(day)[:10]).toordinal()


def falling(claims, low: str, high: str) -> list[tuple[str, str, bool]]:
    """(earlier claim, later claim, whether one source says both) for each figure below one stated
    at an earlier date: a running total can grow, never fall.

    The claim a figure falls from is, of the earlier dates' claims, the first with the largest lower
    bound (by date, then id); it is found for every date at once by running maxima over the dates."""
    import numpy as np

    if claims.empty:
        return []
    ordered = claims.sort_values(["as_of", "id"])
    days = ordered["as_of"].to_numpy()
    lows, highs = ordered[low].to_numpy(dtype=float), ordered[high].to_numpy(dtype=float)
    starts = np.r_[0, np.flatnonzero(days[1:] != days[:-1]) + 1]
    day_of = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(days)]))
    top = np.maximum.reduceat(lows, starts)
    # each date's first claim with its largest lower bound, and the date the highest so far was first reached
    first_top = np.minimum.reduceat(np.where(lows == top[day_of], np.arange(len(lows)), len(lows)), starts)
    before = np.maximum.accumulate(top)
    raised = np.r_[True, top[1:] > before[:-1]]
    highest = first_top[np.maximum.accumulate(np.where(raised, np.arange(len(top)), 0))]
    # for each claim, the highest of the dates before its own (none on the first date)
    rows = np.flatnonzero(day_of > 0)
    earlier = highest[day_of[rows] - 1]
    floor = lows[earlier]
    rows, earlier, floor = rows[highs[rows] < floor], earlier[highs[rows] < floor], floor[highs[rows] < floor]
    ids, sources = ordered["id"].to_numpy(), ordered["source"].to_numpy()
    names = ordered["attribution"].to_numpy()
    said = (names[rows] != "") & (names[rows] == names[earlier])
    same = said | (sources[rows] == sources[earlier])
    # a fall to less than half is another count (one strike's toll after the war's) more often than a
    # revision, even when the same voice gives both in two articles ("Israel": its army, then its
    # police); one article revising its own figure down within days is flagged, not the 1999 quake's
    # toll that it recalls beside this one's
    ordinal = np.array([_ordinal(day) for day in days[starts]])  # one per date: the table is sorted by date
    revised = (sources[rows] == sources[earlier]) & (ordinal[day_of[rows]] - ordinal[day_of[earlier]] <= REVISION_DAYS)
    kept = revised | (highs[rows] >= FALL_RATIO * floor)
    return [(ids[e], ids[r], bool(s)) for r, e, s in zip(rows[kept], earlier[kept], same[kept])]


class Groups:
    """Claims split into groups that each share a common value, and what judging two groups reads:
    per group, its distinct sources and voices (attributions) and whether it holds dated and
    undated figures. Members are listed (sorted by id) only for the groups a finding names."""

    def __init__(self, labels, claims, bounds=None):
        import numpy as np

        self.labels, self.ids = labels, claims["id"].to_numpy()
        self.bounds = bounds  # (low, high) per claim, as grouped: what `apart` reads
        self.count = int(labels.max()) + 1
        first = np.unique(labels, return_index=True)[1]
        self.sources, self.source = _distinct(labels, claims["source"].to_numpy(), first, self.count)
        self.names, self.name = _distinct(labels, claims["attribution"].to_numpy(), first, self.count)
        self.speakers, self.speaker = _distinct(labels, _voice_column(claims).to_numpy(), first, self.count)
        undated = claims["as_of"].to_numpy() == "" if "as_of" in claims else np.zeros(len(labels), bool)
        self.undated = np.bincount(labels, weights=undated, minlength=self.count) > 0
        self.dated = np.bincount(labels, weights=~undated, minlength=self.count) > 0
        self._members: dict[int, tuple[str, ...]] = {}

    @classmethod
    def of(cls, groups: tuple[tuple[str, ...], ...], claims) -> Groups:
        """The groups of claims listed by id (each list sorted)."""
        import numpy as np

        group_of = {claim_id: n for n, members in enumerate(groups) for claim_id in members}
        made = cls(np.array([group_of[claim_id] for claim_id in claims["id"]], dtype=np.intp), claims)
        made._members = dict(enumerate(groups))
        return made

    def first(self, group: int) -> int:
        """The position of the group's first member (by id)."""
        import numpy as np

        rows = np.flatnonzero(self.labels == group)
        return int(rows[self.ids[rows].tolist().index(self.members(group)[0])])

    def apart(self, a: int, b: int) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """The sides of a finding between groups `a` and `b`: each group's members that the other group's
        common value rules out. A vague member that fits both ("a fine aprile" beside "giovedì 24" and
        "30 aprile"; "at least 30" beside 40 and 3,000) sides with neither; None when a side is left empty."""
        import numpy as np

        if self.bounds is None:
            return self.members(a), self.members(b)
        low, high = (np.nan_to_num(np.asarray(x, dtype=float), nan=fill) for x, fill in zip(self.bounds, (-np.inf, np.inf)))
        sides = []
        for own, other in ((a, b), (b, a)):
            theirs = self.labels == other
            core_low, core_high = low[theirs].max(), high[theirs].min()
            kept = (self.labels == own) & ~((low <= core_high) & (high >= core_low))
            if not kept.any():
                return None
            sides.append(tuple(sorted(self.ids[kept])))
        return sides[0], sides[1]

    def members(self, group: int) -> tuple[str, ...]:
        if group not in self._members:
            self._members[group] = tuple(sorted(self.ids[self.labels == group]))
        return self._members[group]

    def named_apart(self, a: int, b: int) -> bool:
        """Each group in one named voice, and the two voices differ ("secondo Kiev" vs "secondo Mosca"),
        or one article quotes two speakers of one side ("police reported 15 dead, before the interior
        minister revised it to 10")."""
        if self.names[a] == self.names[b] == 1 and self.name[a] != "" and self.name[b] != "" \
                and self.name[a] != self.name[b]:
            return True
        one_article = self.sources[a] == self.sources[b] == 1 and self.source[a] == self.source[b]
        return one_article and self.speakers[a] == self.speakers[b] == 1 and self.speaker[a] != "" \
            and self.speaker[b] != "" and self.speaker[a] != self.speaker[b]

    def voices(self, a: int, b: int) -> bool:
        """Two groups from two articles, or one article quoting two named sources ("police reported
        15 dead, before the minister revised it to 10"): one article giving two figures in its own
        voice updates itself, it does not contradict itself."""
        return self.sources[a] > 1 or self.sources[b] > 1 or self.source[a] != self.source[b] or self.named_apart(a, b)


def _distinct(labels, values, first, count):
    """(number of distinct values in each group, one value of each group)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values)
    pairs = np.unique(labels.astype(np.int64) * len(uniques) + codes)
    return np.bincount(pairs // len(uniques), minlength=count), values[first]


def conflicting_groups(group, low_column: str, high_column: str, tolerance: float) -> Groups | None:
    """Claims split into groups that each share a common value, when more than one group is needed
    and they come from more than one source; else None.

    Sorted by lower bound, a group runs while each claim's lower bound is within every member's
    upper bound, so the group starting at claim g ends at the smallest, over the claims from g on,
    of the first claim above each one's upper bound: one suffix minimum finds every group's end,
    in O(n log n) and with no Python loop over the claims.
    """
    import numpy as np

    low = group[low_column].to_numpy(dtype=float) * (1 - tolerance)
    high = group[high_column].to_numpy(dtype=float) * (1 + tolerance)
    bounds = (low, high)
    if low.size < 2 or low.max() <= high.min():
        return None
    if group["source"].nunique() < 2 and _voices(group) < 2:
        return None  # one article, one voice: it updates or repeats itself, it does not disagree
    # claims with equal bounds are interchangeable, and members are sorted by id, so the same
    # claims give the same groups whatever their order
    order = np.lexsort((high, low))
    low, high = low[order], high[order]
    above = np.maximum(np.searchsorted(low, high, side="right"), np.arange(1, low.size + 1))
    ends = np.minimum.accumulate(above[::-1])[::-1].tolist()
    starts = [0]
    while (end := ends[starts[-1]]) < low.size:
        starts.append(end)
    labels = np.empty(low.size, dtype=np.intp)
    labels[order] = np.repeat(np.arange(len(starts)), np.diff([*starts, low.size]))
    return Groups(labels, group, bounds)


def _voice_column(claims):
    """Each claim's voice: its speaker as written, else its attribution. Two officials of one state
    quoted in one article ("police reported 15 dead", "the interior minister said 10") are two voices."""
    attribution = claims["attribution"].fillna("")
    if "speaker" not in claims:
        return attribution
    speaker = claims["speaker"].fillna("")
    return speaker.where(speaker != "", attribution)


def _voices(group) -> int:
    return _voice_column(group).replace("", None).nunique()


def may_disagree(claims, keys: list[str]):
    """The claims of keys whose figures do not all share a value under one of the two readings: only
    those can conflict or fall (every finding sets a claim's upper bound below another's lower one, and
    places, windows and days only split a key into parts). Most keys of a real corpus agree, or hold
    one figure: they are ruled out by four grouped reductions, not a Python loop each."""
    import numpy as np

    grouped = claims.groupby(keys, sort=False)
    mask = np.zeros(len(claims), dtype=bool)
    for low, high in (("low", "high"), ("read_low", "read_high")):
        mask |= (grouped[low].transform("max") > grouped[high].transform("min")).to_numpy()
    return mask


def in_places(group):
    """The group per place it names ("6.760 morti in Siria" is never set against a toll for Turkey);
    figures that name no place belong to every part, as they may hold anywhere in the story."""
    places = sorted(set(group["_place"].unique()) - {""})
    if len(places) <= 1:
        yield group
        return
    for place in places:
        yield group[group["_place"].isin((place, ""))]


def sides_of(groups: Groups | None) -> list[tuple[int, int]]:
    """The findings' sides, as pairs of groups: every pair when there are a few, else the group
    most sources agree with set against each of the others ("4 sources agree on about 11,000; 1
    says 25,000")."""
    import numpy as np

    if groups is None:
        return []
    one_article = groups.sources.max() == 1 and len(set(groups.source)) == 1
    if groups.count <= MAX_SIDES or one_article:
        # one article: only its named voices can disagree ("per la giunta 2.056; per l'opposizione oltre
        # 2.400"), whatever other figures it gives in its own voice
        return [(a, b) for a in range(groups.count) for b in range(a + 1, groups.count) if groups.voices(a, b)]
    sources = groups.sources
    largest = int(np.argmax(sources))  # the first of the largest
    # the outliers most sources stand behind first; the appendix lists every figure
    others = [int(i) for i in np.lexsort((np.arange(groups.count), -sources)) if i != largest][:MAX_OUTLIERS]
    return [(min(i, largest), max(i, largest)) for i in sorted(others) if groups.voices(i, largest)]
