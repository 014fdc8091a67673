"""`relation`: an arithmetic relation between metrics, read with interval arithmetic."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from factcheck.check import expressions
from factcheck.check.arithmetic import evaluate_columns, violated_columns
from factcheck.errors import KindError
from factcheck.check.kinds import Finding, selected
from factcheck.check.kinds.agree import SAME_AS_EVERYONE
from factcheck.model import MetricKind, Reason

READINGS = (("low", "high"), ("read_low", "read_high"))  # strict, then as a journalist means it
UNIT_SEPARATOR = "\x1f"  # joins a source and a subject into the unit a relation is checked in
PART_COLUMNS = ("id", "source", "metric", "subject", "population", "place", "aspect", "attribution", "as_of",
                *(bound for reading in READINGS for bound in reading), "figure", "quote", "start", "end", "line",
                "col", "lang")  # what a derived claim is made of


@dataclass(frozen=True, slots=True)
class Relation:
    """Figures that break an arithmetic relation for every value their qualifiers allow.

    Flags:  "1.000 soldati: 800 uccisi e 900 feriti" under `killed + wounded <= troops`
    Passes: "11mila soldati: 300 uccisi e 2.700 feriti"; and with `casualties ~= killed + wounded`
            and `derive: true`, a source with killed and wounded but no total gains a derived one.
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
            raise KindError(f"expression {self.expression!r}: {exc}", ("expression",)) from None
        if self.derive and parsed.derives is None:
            raise KindError("derive: true needs an expression of the form `metric ~= ...` or `metric = ...`",
                            ("derive",))
        object.__setattr__(self, "relation", parsed)

    def metric_names(self) -> frozenset[str]:
        return self.relation.metrics

    def derived_claims(self, claims):
        """Per source and subject, the total `derive: true` implies where only its parts are stated."""
        import numpy as np

        if not self.derive:
            return None
        relation = self.relation
        target, parts = relation.derives, relation.metrics - {relation.derives}
        chosen = selected(claims, MetricKind.QUANTITY, parts | {target}, PART_COLUMNS)
        # per source and subject: "300 soldati russi uccisi" and "2.700 ucraini feriti" add up to nobody's total
        unit, _names = unit_codes(chosen)
        chosen = chosen.assign(unit=unit)
        chosen = chosen[~np.isin(unit, unit[(chosen["metric"] == target).to_numpy()])]
        bounds = bounds_by_source(chosen.assign(source=chosen["unit"]), parts)
        if bounds.empty:
            return None
        (low, high), (read_low, read_high) = (evaluate_columns(relation.right, columns(bounds, *r))
                                              for r in READINGS)
        return _derived_rows(chosen[np.isin(chosen["unit"].to_numpy(), bounds.index.to_numpy())], bounds.index,
                             target, low, high, read_low, read_high, relation.text)

    def check(self, claims) -> Iterator[Finding]:
        import numpy as np

        metrics = self.relation.metrics
        chosen = selected(claims, MetricKind.QUANTITY, metrics, ("id", "source", "metric", "subject", "place",
                                                                 "population", *(b for r in READINGS for b in r)))
        # the figures of one source about one subject, place and population, or (corpus) of every source
        unit, names = unit_codes(chosen, by_source=self.scope != "corpus")
        chosen = chosen.assign(source=unit)
        bounds = bounds_by_source(chosen, metrics)
        if bounds.empty:
            return
        strict, close = (violated_columns(self.relation, columns(bounds, low, high), self.tolerance)
                         for low, high in READINGS)
        flagged = bounds.index[strict | close]
        if flagged.empty:
            return
        strict_sources = set(bounds.index[strict].tolist())
        involved = chosen[np.isin(unit, flagged.to_numpy())].sort_values(["source", "id"])
        sources = involved["source"].to_numpy()
        cuts = np.flatnonzero(sources[1:] != sources[:-1]) + 1
        name = self.relation.derives or sorted(metrics)[0]
        for code, ids in zip(sources[np.r_[0, cuts]].tolist(), np.split(involved["id"].to_numpy(), cuts)):
            subject = names[code].split(UNIT_SEPARATOR)[1]
            yield Finding(name, (tuple(ids),), Reason.RELATION, self.expression, lowered=code not in strict_sources,
                          subject=subject)


def unit_codes(claims, by_source: bool = True):
    """(each claim's unit as an integer, the units' names by integer): the unit a relation holds in is
    one source's figures about one subject, place and population ("300 civili uccisi" never counts
    against "11mila soldati"); without `by_source`, every source's. Integers number the names in
    sorted order, so they sort as the names would; a name is joined only once per distinct unit."""
    import numpy as np
    import pandas as pd

    parts = [claims["subject"], claims["place"].fillna(""),
             claims["population"].fillna("").replace(SAME_AS_EVERYONE)]
    if by_source:
        parts.insert(0, claims["source"])
    code, factorized = np.zeros(len(claims), dtype=np.int64), []
    for part in parts:  # the distinct combinations so far, numbered, one part at a time
        part_codes, uniques = pd.factorize(part, use_na_sentinel=False)
        factorized.append((part_codes, np.asarray(uniques, dtype=object)))
        code = np.unique(code * len(uniques) + part_codes, return_inverse=True)[1].reshape(-1)
    first = np.unique(code, return_index=True)[1]  # a claim of each distinct unit, in code order
    joined = [UNIT_SEPARATOR.join(unit) for unit in zip(*(uniques[codes[first]].tolist()
                                                         for codes, uniques in factorized))]
    if not by_source:
        joined = ["corpus" + UNIT_SEPARATOR + unit for unit in joined]
    names, rank = np.unique(np.array(joined, dtype=object), return_inverse=True)
    return rank.reshape(-1)[code], names


def bounds_by_source(claims, metrics, require=None):
    """Per source (rows) and metric, the smallest interval holding every claim's, under both readings;
    only sources stating every metric in `require` (default: all of `metrics`)."""
    table = claims.groupby(["source", "metric"], sort=True).agg(
        low=("low", "min"), high=("high", "max"), read_low=("read_low", "min"), read_high=("read_high", "max"))
    wide = table.unstack("metric")
    needed = sorted(require if require is not None else metrics)
    if wide.empty or not set(needed) <= set(wide["low"].columns):
        return wide.iloc[0:0]
    return wide[wide["low"][needed].notna().all(axis=1)]


def columns(bounds, low: str, high: str) -> dict:
    """{metric: (low array, high array)} of a `bounds_by_source` table, for expressions' column functions."""
    return {metric: (bounds[low][metric].to_numpy(dtype=float), bounds[high][metric].to_numpy(dtype=float))
            for metric in bounds[low].columns}


def _derived_rows(parts, units, metric, low, high, read_low, read_high, expression: str):
    """One claim per source and subject: the value its parts imply, placed at its first part, marked derived."""
    import numpy as np
    import pandas as pd

    ordered = parts.sort_values(["unit", "start"])
    first = ordered.groupby("unit", sort=True).first().loc[units]
    # joined in one pass over the sorted parts: a pandas aggregation calling Python per unit is slower
    unit = ordered["unit"].to_numpy()
    bounds = np.r_[0, np.flatnonzero(unit[1:] != unit[:-1]) + 1, len(unit)].tolist()

    def per_unit(column, join):
        values = ordered[column].tolist()
        joined = pd.Series([join(values[a:b]) for a, b in zip(bounds, bounds[1:])], index=unit[bounds[:-1]])
        return joined.loc[units].to_numpy()

    size = len(units)
    return pd.DataFrame({
        # a unit whose places (or populations) are all missing has NaN here, not "": it names none
        "id": [":".join([f"{source}:derived:{metric}",
                         *(part for part in (subject, place, population) if isinstance(part, str) and part)])
               for source, subject, place, population in zip(*(first[column].tolist() for column in
                                                                ("source", "subject", "place", "population")))],
        "source": first["source"].to_numpy(), "metric": metric, "subject": first["subject"].to_numpy(),
        "population": first["population"].to_numpy(), "place": first["place"].to_numpy(),
        "aspect": first["aspect"].to_numpy(), "event": "",
        "attribution": first["attribution"].to_numpy(), "as_of": first["as_of"].to_numpy(), "cumulative": True,
        "kind": "quantity", "value": None, "low": np.broadcast_to(low, size), "high": np.broadcast_to(high, size),
        "qualifier": "range", "date_start": None, "date_end": None, "ref": None,
        "figure": per_unit("figure", " + ".join),
        "quote": [f"derived by {expression}: {quote}" for quote in
                  per_unit("quote", lambda quotes: " | ".join(dict.fromkeys(quotes)))],
        "start": first["start"].to_numpy(), "end": first["end"].to_numpy(), "line": first["line"].to_numpy(),
        "col": first["col"].to_numpy(), "lang": first["lang"].to_numpy(), "count": 1,
        "offsets": [[] for _ in range(size)], "derived": True,
        "parts": per_unit("id", sorted),
        "read_low": np.broadcast_to(read_low, size), "read_high": np.broadcast_to(read_high, size),
    })
