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
    "subject",      # who the figures are about (rules/actors/)
    "question",     # the metric's question: "When was the agreement signed?"
    "summary",      # what is wrong, in a few words: "troops: the sources' figures cannot all be true"
    "message",      # the summary and what each side says
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
    found = [(check, finding)
             for check in sorted(checks if checks is not None else rules.checks.values(), key=lambda c: c.name)
             for finding in check.kind.check(check.select(table))]
    rows = _finding_rows(found, table, rules)
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
    # no subject is a subject too: figures naming nobody are compared among themselves
    for column in ("subject", "attribution", "as_of"):
        table[column] = table[column].fillna("").astype(str) if column in table else ""
    table["cumulative"] = table["metric"].map({name: m.cumulative for name, m in rules.metrics.items()}) \
        .fillna(False).astype(bool)
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
    from factcheck.kinds.relation import READINGS, UNIT_SEPARATOR, bounds_by_source, columns

    derived = []
    for check in sorted(rules.checks.values(), key=lambda c: c.name):
        relation = getattr(check.kind, "relation", None)
        if relation is None or not check.kind.derive:
            continue
        target, parts = relation.derives, relation.metrics - {relation.derives}
        chosen = check.select(table)
        chosen = chosen[(chosen["kind"] == "quantity") & chosen["metric"].isin(parts | {target})]
        # per source and subject: "300 soldati russi uccisi" and "2.700 ucraini feriti" add up to nobody's total
        chosen = chosen.assign(unit=chosen["source"] + UNIT_SEPARATOR + chosen["subject"])
        stating_target = set(chosen.loc[chosen["metric"] == target, "unit"])
        chosen = chosen[~chosen["unit"].isin(stating_target)]
        bounds = bounds_by_source(chosen.assign(source=chosen["unit"]), parts)
        if bounds.empty:
            continue
        (low, high), (read_low, read_high) = (expressions.evaluate_columns(relation.right, columns(bounds, *r))
                                              for r in READINGS)
        derived.append(_derived_rows(chosen[chosen["unit"].isin(bounds.index)], bounds.index, target,
                                     low, high, read_low, read_high, relation.text))
    if not derived:
        return table
    return pd.concat([table, *derived], ignore_index=True)


def _derived_rows(parts, units, metric, low, high, read_low, read_high, expression: str):
    """One claim per source and subject: the value its parts imply, placed at its first part, marked derived."""
    import numpy as np
    import pandas as pd

    ordered = parts.sort_values(["unit", "start"])
    grouped = ordered.groupby("unit", sort=True)
    first = grouped.first().loc[units]
    size = len(units)
    return pd.DataFrame({
        "id": [f"{source}:derived:{metric}:{subject}" if subject else f"{source}:derived:{metric}"
               for source, subject in zip(first["source"], first["subject"])],
        "source": first["source"].to_numpy(), "metric": metric, "subject": first["subject"].to_numpy(),
        "attribution": first["attribution"].to_numpy(), "as_of": first["as_of"].to_numpy(), "cumulative": True,
        "kind": "quantity", "value": None, "low": np.broadcast_to(low, size), "high": np.broadcast_to(high, size),
        "qualifier": "range", "date_start": None, "date_end": None, "ref": None,
        "figure": grouped["figure"].agg(" + ".join).loc[units].to_numpy(),
        "quote": [f"derived by {expression}: {quote}" for quote in
                  grouped["quote"].agg(lambda q: " | ".join(dict.fromkeys(q))).loc[units]],
        "start": first["start"].to_numpy(), "end": first["end"].to_numpy(), "line": first["line"].to_numpy(),
        "col": first["col"].to_numpy(), "lang": first["lang"].to_numpy(), "count": 1,
        "offsets": [[] for _ in range(size)], "derived": True,
        "parts": grouped["id"].agg(sorted).loc[units].to_numpy(),
        "read_low": np.broadcast_to(read_low, size), "read_high": np.broadcast_to(read_high, size),
    })


def lower(severity: str) -> str:
    return SEVERITIES[min(SEVERITIES.index(severity) + 1, len(SEVERITIES) - 1)]


def _finding_rows(found, table, rules: RuleSet) -> list[dict]:
    """Findings as table rows. Sources and derived flags are looked up for all findings at once, and
    only the few claims each message names are described: a finding may hold 100,000 claims."""
    import pandas as pd

    import numpy as np

    if not found:
        return []
    claims = [finding.claims for _check, finding in found]
    positions = pd.Index(table["id"]).get_indexer([claim for ids in claims for claim in ids])
    cuts = np.cumsum([len(ids) for ids in claims])[:-1]
    sources = [sorted(set(chunk)) for chunk in np.split(table["source"].to_numpy()[positions], cuts)]
    derived = [bool(chunk.any()) for chunk in np.split(table["derived"].to_numpy(dtype=bool)[positions], cuts)]
    named = {claim for _check, finding in found for group in finding.groups[:MESSAGE_SIDES]
             for claim in group[:MESSAGE_CLAIMS]}
    named_rows = table.loc[table["id"].isin(named), list(DESCRIBED)]
    described = {row[0]: describe(dict(zip(DESCRIBED, row))) for row in named_rows.itertuples(index=False)}
    rows = []
    for n, (check, finding) in enumerate(found):
        sides = [_side(group, described) for group in finding.groups[:MESSAGE_SIDES]]
        if len(finding.groups) > MESSAGE_SIDES:
            sides[-1] += f" and {len(finding.groups) - MESSAGE_SIDES} more groups"
        metric = rules.metrics.get(finding.metric)
        rows.append({
            "rule": check.name,
            "severity": finding.severity or (lower(check.severity) if finding.lowered else check.severity),
            "kind": check.kind_name,
            "metric": finding.metric,
            "subject": finding.subject,
            "question": metric.question if metric else finding.metric,
            "summary": finding.message,
            "message": f"{finding.message}: " + " vs ".join(sides),
            "claims": list(claims[n]),
            "groups": [list(group) for group in finding.groups],
            "sources": sources[n],
            "derived": bool(derived[n]),
            "lowered": finding.lowered,
            "description": check.description,
            "suggestion": check.suggestion,
        })
    return rows


MESSAGE_CLAIMS = 3  # claims a message names per side; the report's table lists them all
MESSAGE_SIDES = 4   # sides a message names
DESCRIBED = ("id", "source", "figure", "kind", "qualifier", "low", "high", "date_start", "date_end", "derived")


def _side(group, described: dict) -> str:
    named = " and ".join(described[claim_id] for claim_id in group[:MESSAGE_CLAIMS])
    return named + (f" and {len(group) - MESSAGE_CLAIMS} more" if len(group) > MESSAGE_CLAIMS else "")


def describe(claim) -> str:
    """One claim in a message: `002.txt says "circa 300" (270–330)`."""
    derived = " (derived)" if claim.get("derived") else ""
    return f"{claim['source']} says \"{claim['figure']}\" ({interval_text(claim)}){derived}"

