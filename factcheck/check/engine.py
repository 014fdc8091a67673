"""Claims -> findings: every check of a rule set run over the claims table.

Deterministic: the same claims and rules give the same findings in the same order, so reports
diff cleanly in version control.
"""
from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

from factcheck.check.ruleset import RuleSet
from factcheck.intervals import interval_text
from factcheck.model import FINDING_COLUMNS, Severity

@dataclass(frozen=True)
class Evaluation:
    claims: object    # the claims table with derived rows and both readings' intervals
    findings: object  # the findings table (FINDING_COLUMNS)


def evaluate(claims, rules: RuleSet, checks=None, map_parts=None) -> Evaluation:
    """Run `checks` (default: every check of `rules`) over `claims`; the input is not modified.

    `map_parts(function, parts)`, when given, runs `function` over the table's parts elsewhere (on a
    Dask cluster) and returns its results in order. The parts are the claims about one subject each:
    every kind compares figures about one subject only, so the findings are those of one whole run,
    in the same order."""
    import pandas as pd

    table = with_derived(with_readings(claims, rules), rules)
    chosen = sorted(checks if checks is not None else rules.checks.values(), key=lambda c: c.name)
    if map_parts is None:
        found = [(check, finding) for check in chosen for finding in check.kind.check(check.select(table))]
    else:
        parts = [part for _subject, part in table.groupby("subject", sort=True)]
        per_part = map_parts(functools.partial(findings_in, checks=chosen), parts)
        found = [(check, finding) for n, check in enumerate(chosen) for part in per_part for finding in part[n]]
    rows = _finding_rows(found, table, rules)
    findings = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    if not findings.empty:
        findings["_rank"] = findings["severity"].map({str(s): s.rank for s in Severity})
        findings = findings.sort_values(["_rank", "rule", "metric", "message", "subject"], kind="stable")
        findings = findings.drop(columns="_rank").reset_index(drop=True)
    return Evaluation(table, findings)


def findings_in(part, checks) -> list[list]:
    """The findings of each check among one part's claims (a task of `evaluate(map_parts=...)`)."""
    return [list(check.kind.check(check.select(part))) for check in checks]


def with_readings(claims, rules: RuleSet):
    """A copy with numeric intervals under two readings of qualified figures.

    `low`/`high`: what the sentence strictly asserts, open ends as ±inf ("oltre 10.000" = 10,000..inf).
    `read_low`/`read_high`: as a journalist means it, open ends closed by the conventions' slack
    ("oltre 10.000" = 10,000..12,500; "fino a 300" = 225..300).
    """
    import numpy as np

    # columns are shared until written (pandas copies on write): a deep copy of 3M claims costs ~1 GiB
    table = claims.copy(deep=False)
    # no subject is a subject too: figures naming nobody are compared among themselves
    for column in ("subject", "attribution", "as_of"):
        table[column] = table[column].fillna("").astype(str) if column in table else ""
    # one isin over the few running-total metrics: a map over a million strings calls Python per claim
    table["cumulative"] = table["metric"].isin([name for name, metric in rules.metrics.items() if metric.cumulative])
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
    """Add the claims kinds derive, such as the totals relations with `derive: true` imply where a
    source gives only the parts: "circa 300 uccisi e oltre 2.700 feriti" gives casualties of 2,970 or more."""
    import pandas as pd

    derived = [rows for check in sorted(rules.checks.values(), key=lambda c: c.name)
               if (rows := check.kind.derived_claims(check.select(table))) is not None]
    return pd.concat([table, *derived], ignore_index=True) if derived else table


def _finding_rows(found, table, rules: RuleSet) -> list[dict]:
    """Findings as table rows. Sources and derived flags are looked up for all findings at once, and
    only the few claims each message names are described: a finding may hold 100,000 claims."""
    import numpy as np
    import pandas as pd

    if not found:
        return []
    # each group once: a kind sets one group against several (the largest against each outlier).
    # An index of Python strings (object dtype) is many times faster to build and probe than Arrow's
    groups = list({id(group): group for _check, finding in found for group in finding.groups}.values())
    index = pd.Index(table["id"].to_numpy(dtype=object), dtype=object)
    flat = np.fromiter(itertools.chain.from_iterable(groups), dtype=object, count=sum(map(len, groups)))
    positions = index.get_indexer(flat)
    # per group, its distinct sources as codes in name order (one np.unique over every member at once)
    codes, names = pd.factorize(table["source"], sort=True)
    label = np.repeat(np.arange(len(groups)), [len(group) for group in groups])
    derived = np.bincount(label, weights=table["derived"].to_numpy(dtype=bool)[positions], minlength=len(groups)) > 0
    group_of, source_of = np.divmod(np.unique(label * len(names) + codes[positions]), len(names))
    cuts = np.searchsorted(group_of, np.arange(len(groups) + 1)).tolist()
    looked_up = {id(group): (source_of[cuts[n]:cuts[n + 1]], bool(derived[n])) for n, group in enumerate(groups)}
    names = names.to_numpy(dtype=object)
    named = list({claim: None for _check, finding in found for group in finding.groups[:MESSAGE_SIDES]
                  for claim in group[:MESSAGE_CLAIMS]})
    named_rows = table[list(DESCRIBED)].iloc[index.get_indexer(named)]
    described = {row[0]: describe(dict(zip(DESCRIBED, row)))
                 for row in zip(named, *(named_rows[column].tolist() for column in DESCRIBED[1:]))}
    fixed = {}  # per check, what every one of its findings says alike
    summaries = {}  # per (reason, metric, detail, lowered): a run has few distinct summaries
    rows = []
    for check, finding in found:
        if id(check) not in fixed:
            fixed[id(check)] = (check.kind_name, str(check.severity), str(check.severity.lower()),
                                 check.description, check.suggestion)
        kind_name, severity, lowered_severity, description, suggestion = fixed[id(check)]
        sides = [_side(group, described) for group in finding.groups[:MESSAGE_SIDES]]
        sources, derived = zip(*(looked_up[id(group)] for group in finding.groups))
        sources = sources[0] if len(sources) == 1 else functools.reduce(np.union1d, sources)
        said = (finding.reason, finding.metric, finding.detail, finding.lowered)
        if said not in summaries:
            summaries[said] = finding.summary
        summary = summaries[said]
        metric = rules.metrics.get(finding.metric)
        rows.append({
            "rule": check.name,
            "severity": str(finding.severity) if finding.severity else
                        lowered_severity if finding.lowered else severity,
            "reason": str(finding.reason),
            "kind": kind_name,
            "metric": finding.metric,
            "subject": finding.subject,
            "question": metric.question if metric else finding.metric,
            "summary": summary,
            "message": f"{summary}: " + " vs ".join(sides),
            "claims": list(itertools.chain.from_iterable(finding.groups)),
            "groups": [list(group) for group in finding.groups],
            "sources": names[sources].tolist(),
            "derived": any(derived),
            "lowered": finding.lowered,
            "description": description,
            "suggestion": suggestion,
        })
    return rows


MESSAGE_CLAIMS = 3  # claims a message names per side; the report's table lists them all
MESSAGE_SIDES = 4   # sides a message names: kinds set at most this many against each other
DESCRIBED = ("id", "source", "figure", "kind", "qualifier", "low", "high", "date_start", "date_end", "derived",
             "as_of", "attribution")


def _side(group, described: dict) -> str:
    """One side of a finding: `a.txt (2025-01-13, according to south_korea) says "circa 300" (270–330)`,
    or, when several sources agree, `3 sources agree: a.txt says ..., b.txt says ..., ...`."""
    sources = {described[claim_id][0] for claim_id in group[:MESSAGE_CLAIMS]}
    named = ", ".join(described[claim_id][1] for claim_id in group[:MESSAGE_CLAIMS])
    if len(group) > MESSAGE_CLAIMS or len(sources) > 1:
        return f"{len(group)} figures agree ({named}{', ...' if len(group) > MESSAGE_CLAIMS else ''})"
    return named


def describe(claim) -> tuple[str, str]:
    """(source, one claim in a message): `002.txt (2024-12-20, according to kiev) says "circa 300" (270–330)`."""
    derived = " (derived)" if claim.get("derived") else ""
    context = ", ".join(part for part in (claim.get("as_of") or "", f"according to {claim['attribution']}"
                                          if claim.get("attribution") else "") if part)
    context = f" ({context})" if context else ""
    return claim["source"], f"{claim['source']}{context} says \"{claim['figure']}\" ({interval_text(claim)}){derived}"

