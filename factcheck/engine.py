"""Claims -> findings: every check of a rule set run over the claims table.

Deterministic: the same claims and rules give the same findings in the same order, so reports
diff cleanly in version control.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from factcheck.output import interval_text
from factcheck.rules import RuleSet

#: The findings table, in column order. JSON findings use the same names.
FINDING_COLUMNS = (
    "rule",         # the check's id (its file stem in rules/checks/)
    "severity",     # error | warning | info, one lower when the conflict needs the close reading
    "kind",         # agree | same_date | relation | range
    "metric",
    "question",     # the metric's question: "When was the agreement signed?"
    "message",
    "claims",       # ids of every claim involved
    "groups",       # the same ids, one list per side that agrees within itself
    "sources",      # source names involved, sorted
    "derived",      # a claim involved was derived by a relation (killed + wounded = casualties)
    "lowered",      # conflict only when "more than N" is read as close to N
    "description",  # why it matters: the check's description
    "suggestion",
)
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Evaluation:
    claims: object    # the claims table with derived rows and both readings' intervals
    findings: object  # the findings table (FINDING_COLUMNS)


def evaluate(claims, rules: RuleSet, checks=None) -> Evaluation:
    """Run `checks` (default: every check of `rules`) over `claims`; the input is not modified."""
    import pandas as pd

    table = with_derived(with_readings(claims, rules), rules)
    by_id = table.set_index("id", drop=False)
    rows = []
    for check in sorted(checks if checks is not None else rules.checks.values(), key=lambda c: c.name):
        for finding in check.kind.check(check.select(table)):
            rows.append(_finding_row(check, finding, by_id, rules))
    findings = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    if not findings.empty:
        findings["_rank"] = findings["severity"].map(SEVERITIES.index)
        findings = findings.sort_values(["_rank", "rule", "metric", "message"], kind="stable")
        findings = findings.drop(columns="_rank").reset_index(drop=True)
    return Evaluation(table, findings)


def with_readings(claims, rules: RuleSet):
    """A copy with numeric intervals under two readings of qualified figures.

    `low`/`high`: what the sentence strictly asserts, open ends as ±inf ("oltre 10.000" = 10,000..inf).
    `read_low`/`read_high`: as a journalist means it, open ends closed by the conventions' slack
    ("oltre 10.000" = 10,000..12,500; "fino a 300" = 225..300).
    """
    import numpy as np

    table = claims.copy()
    if "derived" not in table:
        table["derived"] = False
        table["parts"] = None
    low = table["low"].astype(float).fillna(-math.inf).to_numpy()
    high = table["high"].astype(float).fillna(math.inf).to_numpy()
    slack = rules.conventions.slack
    at_most = (table["qualifier"] == "at_most").to_numpy()
    table["low"], table["high"] = low, high
    table["read_low"] = np.where(at_most & np.isfinite(high), high * (1 - slack), low)
    table["read_high"] = np.where(np.isinf(high) & np.isfinite(low), low * (1 + slack), high)
    return table


def with_derived(table, rules: RuleSet):
    """Add, per source, the figures relations with `derive: true` imply and the source does not state:
    "circa 300 uccisi e oltre 2.700 feriti" gives casualties of 2,970 or more."""
    import pandas as pd

    from factcheck import expressions

    derived_rows = []
    for check in sorted(rules.checks.values(), key=lambda c: c.name):
        relation = getattr(check.kind, "relation", None)
        if relation is None or not check.kind.derive:
            continue
        target, parts = relation.derives, relation.metrics - {relation.derives}
        expression = relation.right  # a deriving relation reads `target ~= expression`
        chosen = check.select(table)
        chosen = chosen[(chosen["kind"] == "quantity") & chosen["metric"].isin(parts | {target})]
        for source, group in chosen.groupby("source", sort=True):
            present = set(group["metric"])
            if target in present or not parts <= present:
                continue
            readings = [expressions.evaluate(expression, _hull(group, low, high))
                        for low, high in (("low", "high"), ("read_low", "read_high"))]
            derived_rows.append(_derived_row(source, target, group, readings, relation.text))
    if not derived_rows:
        return table
    return pd.concat([table, pd.DataFrame(derived_rows)], ignore_index=True)


def _hull(group, low: str, high: str):
    from factcheck.kinds.relation import hull

    return hull(group, low, high)


def _derived_row(source, metric, parts, readings, expression: str) -> dict:
    first = parts.sort_values("start").iloc[0]
    strict, close = readings
    figures = " + ".join(parts.sort_values("start")["figure"])
    return {
        "id": f"{source}:derived:{metric}", "source": source, "metric": metric, "kind": "quantity",
        "value": None, "low": strict.low, "high": strict.high, "qualifier": "range",
        "date_start": None, "date_end": None, "ref": None, "figure": figures,
        "quote": f"derived by {expression}: " + " | ".join(parts.sort_values("start")["quote"].unique()),
        "start": first["start"], "end": first["end"], "line": first["line"], "col": first["col"],
        "lang": first["lang"], "count": 1, "offsets": [], "derived": True,
        "parts": sorted(parts["id"]), "read_low": close.low, "read_high": close.high,
    }


def lower(severity: str) -> str:
    return SEVERITIES[min(SEVERITIES.index(severity) + 1, len(SEVERITIES) - 1)]


def _finding_row(check, finding, by_id, rules: RuleSet) -> dict:
    claims = by_id.loc[list(finding.claims)]
    sides = [" and ".join(describe(by_id.loc[claim_id]) for claim_id in group) for group in finding.groups]
    message = finding.message + ": " + " vs ".join(sides) if len(sides) > 1 else \
        finding.message + ": " + sides[0]
    metric = rules.metrics.get(finding.metric)
    return {
        "rule": check.name,
        "severity": lower(check.severity) if finding.lowered else check.severity,
        "kind": check.kind_name,
        "metric": finding.metric,
        "question": metric.question if metric else finding.metric,
        "message": message,
        "claims": list(finding.claims),
        "groups": [list(group) for group in finding.groups],
        "sources": sorted(set(claims["source"])),
        "derived": bool(claims["derived"].any()),
        "lowered": finding.lowered,
        "description": check.description,
        "suggestion": check.suggestion,
    }


def describe(claim) -> str:
    """One claim in a message: `002.txt says "circa 300" (270–330)`."""
    row = {key: (None if isinstance(value, float) and math.isinf(value) else value)
           for key, value in claim.items()}
    if row["kind"] == "quantity" and row["qualifier"] == "at_most" and row["low"] == 0:
        row["low"] = None
    derived = " (derived)" if row.get("derived") else ""
    return f"{row['source']} says \"{row['figure']}\" ({interval_text(row)}){derived}"

