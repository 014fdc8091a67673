"""The pre-publish check: a draft's figures against a corpus, reported as compilers report errors.

    draft.md:3:24: error [troops_agree] troops: the sources' figures cannot all be true (vs 002.txt:16 "circa 11.000")

A draft acknowledges a known discrepancy inline, like `# noqa`, with an HTML comment on the
figure's line or the line before: `<!-- factcheck: ignore agreement_date -->`. An acknowledgement
that suppresses nothing is reported too, so stale ones do not pile up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.documents import Document

# the inside of an acknowledgement comment: one pass over it, no overlapping quantifiers to backtrack on
IGNORE = re.compile(r"\s*factcheck:\s*ignore(?=\s)([\w\s,-]*)", re.IGNORECASE)
UNUSED_IGNORE = "unused-ignore"
VS_CLAIMS = 3  # corpus claims named after "vs"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: str
    rule: str
    message: str
    vs: tuple[str, ...] = field(default=())  # 'source:line "figure"' of the corpus side


def read_drafts(paths, stdin_name: str | None = None, max_bytes: int | None = None) -> list[Document]:
    """Drafts named on the command line, each named as given (so editors can click the output);
    `-` is standard input, read as a file called `stdin_name` would be. A draft that cannot be read
    stops the check: its figures would go unchecked."""
    from dataclasses import replace
    from pathlib import Path

    from factcheck.documents import MAX_BYTES, STDIN_NAME, read_documents, read_stdin
    from factcheck.errors import FactcheckError

    max_bytes = max_bytes or MAX_BYTES
    drafts = []
    for path in paths:
        if path == "-":
            documents, skipped = read_stdin(stdin_name or STDIN_NAME, max_bytes=max_bytes)
        else:
            documents, skipped = read_documents([path], max_bytes=max_bytes)
        if skipped:
            raise FactcheckError(f"{skipped[0].path}: {skipped[0].reason}")
        folder = Path(path)
        drafts += documents if path == "-" else \
            [replace(d, source=path if folder.is_file() else (folder / d.source).as_posix()) for d in documents]
    return drafts


def check_drafts(drafts: list[Document], corpus: list[Document], rules, lang=None, published=None,
                 jobs: int = 1, stores=()) -> list[Diagnostic]:
    """Findings that involve a draft's figures, one diagnostic per draft figure, ignores applied.
    `stores`: claims stores (`factcheck.store.Stored`) of the corpus, beside the `corpus` articles."""
    import pandas as pd

    from factcheck.check.engine import evaluate
    from factcheck.extraction import claims_table

    from pathlib import Path

    draft_sources = {d.source for d in drafts}
    draft_files = {Path(d.path).resolve() for d in drafts if d.path and Path(d.path).exists()}
    # a draft saved inside the corpus folder is not its own witness
    corpus = [d for d in corpus if d.source not in draft_sources and Path(d.path).resolve() not in draft_files]
    draft_claims = claims_table(drafts, rules, lang, published)
    metrics, subjects = reach(draft_claims, rules)
    witnesses = [claims_table(corpus, rules, lang, published, jobs), *(s.claims_about(metrics, subjects) for s in stores)]
    witnesses = [t[t["metric"].isin(metrics) & t["subject"].isin(subjects) & ~t["source"].isin(draft_sources)]
                 for t in witnesses]
    evaluation = evaluate(pd.concat([draft_claims, *witnesses], ignore_index=True), rules)
    table = evaluation.claims
    # id -> (source, line, col, figure) as plain tuples: a finding over an archive names thousands of claims
    where = dict(zip(table["id"], zip(table["source"], table["line"], table["col"], table["figure"])))
    diagnostics = []
    for finding in evaluation.findings.to_dict("records"):
        for group in finding["groups"]:
            # a draft figure is set against the other sides; within a relation, against its other figures
            others = [g for g in finding["groups"] if g is not group] or [group]
            theirs = [where[c] for g in others for c in g if where[c][0] not in draft_sources][:VS_CLAIMS]
            vs = tuple(f'{source}:{line} "{figure}"' for source, line, _col, figure in theirs)
            for source, line, col, _figure in (where[c] for c in group if where[c][0] in draft_sources):
                diagnostics.append(Diagnostic(source, int(line), int(col), finding["severity"], finding["rule"],
                                              finding["summary"], vs))
    kept = []
    for draft in drafts:
        kept += _apply_ignores(draft, _one_per_figure([d for d in diagnostics if d.path == draft.source]))
    return sorted(set(kept), key=lambda d: (d.path, d.line, d.col, d.rule))


def reach(draft_claims, rules) -> tuple[set[str], set[str]]:
    """The metrics and subjects of the corpus claims that can meet a draft's in a check, so that a
    draft checked against them gets the findings it gets against the whole corpus, at a fraction
    of the cost (a draft against a 10,000-article archive). Every kind compares figures about one
    subject only; `agree`, `same_date` and `range` compare a metric's figures with each other only;
    a `relation` within each source (`scope: source`) never sets one source's figures against
    another's. So the corpus claims needed are those of the draft's metrics, and every metric of a
    relation over the corpus, or of one deriving totals (`derive: true`: a source's derived total
    meets the draft's, and it is derived only where the source states no total), that touches
    those: repeated until nothing is added."""
    from factcheck.check.kinds.agree import Agree
    from factcheck.check.kinds.range import Range
    from factcheck.check.kinds.relation import Relation
    from factcheck.check.kinds.same_date import SameDate

    widening = [check.kind.metric_names() for check in rules.checks.values()
                if not isinstance(check.kind, (Agree, Range, SameDate, Relation))  # a kind this does not know
                or isinstance(check.kind, Relation) and (check.kind.scope != "source" or check.kind.derive)]
    metrics = set(draft_claims["metric"])
    while grown := {name for names in widening if names & metrics for name in names} - metrics:
        metrics |= grown
    return metrics, set(draft_claims["subject"])


def _one_per_figure(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A draft figure that several findings of one rule set against the corpus is one line, the worst
    severity first, naming the corpus figures of them all."""
    from dataclasses import replace

    from factcheck.model import Severity

    merged: dict[tuple, Diagnostic] = {}
    for d in sorted(diagnostics, key=lambda d: Severity(d.severity).rank):
        key = (d.path, d.line, d.col, d.rule)
        first = merged.get(key)
        merged[key] = d if first is None else replace(first, vs=tuple(dict.fromkeys(first.vs + d.vs))[:VS_CLAIMS])
    return list(merged.values())


def _apply_ignores(draft: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop diagnostics acknowledged on their line or the line before; report acknowledgements unused."""
    ignores: dict[tuple[int, str], tuple[int, int]] = {}  # (line, rule) -> (line, col) of the comment
    # lines counted up to offset `counted`: one pass over the text, however many comments it holds
    line, counted, line_start = 1, 0, 0
    for start, rules in _ignore_comments(draft.text):
        line += draft.text.count("\n", counted, start)
        line_start = max(line_start, draft.text.rfind("\n", counted, start) + 1)
        counted = start
        # the column in the file: format characters taken out of the text before it still count
        col = draft.file_offset(start) - (draft.file_offset(line_start - 1) + 1 if line_start else 0) + 1
        for rule in rules:  # "agreement-date" names agreement_date: ids are written both ways
            ignores[(line, rule.replace("-", "_"))] = (line, col)
    used = set()
    kept = []
    for diagnostic in diagnostics:
        key = next((k for k in ((diagnostic.line, diagnostic.rule), (diagnostic.line - 1, diagnostic.rule))
                    if k in ignores), None)
        if key is None:
            kept.append(diagnostic)
        else:
            used.add(key)
    for key, (line, col) in sorted(ignores.items()):
        if key not in used:
            kept.append(Diagnostic(draft.source, line, col, "warning", UNUSED_IGNORE,
                                   f"`ignore {key[1]}` suppresses nothing on this line or the next; remove it"))
    return kept


def _ignore_comments(text: str):
    """(offset, rule ids) of each `<!-- factcheck: ignore a, b -->`, in linear time: each comment is
    found with str.find and its inside matched once, so "<!-- factcheck: ignore " and 5,000 spaces
    with no "-->" cost one scan, not a backtracking search."""
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            return  # no comment after this one can close either
        match = IGNORE.fullmatch(text, start + 4, end)
        if match:
            yield start, [rule for rule in re.split(r"[\s,]+", match.group(1)) if rule]
        pos = end + 3
