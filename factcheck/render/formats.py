"""Tables -> text: every output format of every command, in one registry.

    FORMATS[what][name](run) -> str
    what   claims (factcheck claims), findings (factcheck scan), diagnostics (factcheck check)
Adding an output format is one function here and one entry in FORMATS. The formats CI systems
read (SARIF, GitHub annotations, JUnit XML) are in render/ci.py, colour for terminals in terminal.py.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from factcheck.intervals import interval_text
from factcheck.render import ci


def records(table) -> list[dict]:
    """Table rows as plain dicts: NaN becomes None, numpy scalars become Python numbers.
    Column by column (one `tolist` each), not cell by cell: 20,000 claims in 0.05 s, not 0.7 s."""
    names = list(table.columns)
    return [dict(zip(names, row)) for row in zip(*(plain_column(table[name]) for name in names))]


def plain_column(column) -> list:
    """One column's values as Python objects, NaN as None."""
    values = column.tolist()
    kind = column.dtype.kind
    if kind in "iub":  # whole numbers and booleans hold no NaN
        return values
    if kind == "f" or str(column.dtype) == "str":  # floats, and strings whose missing value is NaN
        return [None if value.__class__ is float and value != value else value for value in values]
    return [_plain(value) for value in values]


def _plain(value):
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def json_records(table) -> str:
    """`json.dumps(records(table), ensure_ascii=False, indent=2)`, byte for byte, in a fraction of
    the time: each column encoded at once, by its type, with the json module's own C functions,
    and the rows laid out as its indented encoder lays them."""
    if table.empty:
        return "[]"
    keys = (_JSON_STRING(str(name)).replace("%", "%%") for name in table.columns)
    row = "  {\n" + ",\n".join(f"    {key}: %s" for key in keys) + "\n  }"  # one % per row fills it
    return "[\n" + ",\n".join(map(row.__mod__, zip(*(_json_column(table[name]) for name in table.columns)))) + "\n]"


def _json_column(column) -> list[str]:
    """A column's values as JSON texts, NaN as null."""
    kind = column.dtype.kind
    if kind in "iu":
        return list(map(int.__repr__, column.tolist()))
    if kind == "f":
        return ["null" if value != value else float.__repr__(value) if value - value == 0 else json.dumps(value)
                for value in column.tolist()]  # NaN; finite; infinite
    if str(column.dtype) == "str":
        return ["null" if value.__class__ is float else _JSON_STRING(value) for value in column.tolist()]
    return list(map(_json_value, plain_column(column)))


_JSON_STRING = json.encoder.encode_basestring  # the C encoder of a string, ensure_ascii=False
_JSON_CONSTANTS = {None: "null", True: "true", False: "false"}


def _json_value(value) -> str:
    """One value as `json.dumps(..., ensure_ascii=False, indent=2)` writes it inside a row."""
    if isinstance(value, str):
        return _JSON_STRING(value)
    if value is None or value is True or value is False:
        return _JSON_CONSTANTS[value]
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return float.__repr__(value) if value == value and value not in (math.inf, -math.inf) else \
            json.dumps(value)
    if isinstance(value, list) and value and all(pair.__class__ is list and len(pair) == 2 and
                                                 pair[0].__class__ is int and pair[1].__class__ is int
                                                 for pair in value):  # a claim's offsets: [[start, end], ...]
        return "[\n" + ",\n".join(f"      [\n        {start},\n        {end}\n      ]"
                                   for start, end in value) + "\n    ]"
    # any other list or dict: indented one row level deeper
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")


@dataclass(frozen=True)
class Run:
    """What a command has to show: its claims, and the findings or diagnostics made of them."""

    claims: object  # the claims table
    findings: object = None  # the findings table
    diagnostics: list = field(default_factory=list)  # check.drafts.Diagnostic, for `factcheck check`
    facts: object = None  # render.report.RunFacts
    meta: RunMeta | None = None  # what was read, for JSON, SARIF and JUnit
    style: object = None  # render.terminal.Style: colour for the text formats on a terminal


@dataclass(frozen=True)
class RunMeta:
    """Where a run's findings come from: formats meant for machines carry it beside the findings."""

    command: str  # scan | check
    rules: object = None  # the RuleSet: SARIF describes its checks
    rules_path: str = ""  # the rule set's folder, as the user would type it
    sources: tuple = ()  # (source name, path) of every document read
    skipped: tuple = ()  # (path, reason) of every file not read
    started: object = None  # datetime of the run's start (JUnit's timestamp)
    seconds: float | None = None

    def as_json(self) -> dict:
        from factcheck import __version__

        return {"tool": "factcheck", "version": __version__, "command": self.command, "rules": self.rules_path,
                "sources": [{"source": s, "path": p} for s, p in self.sources],
                "skipped": [{"path": p, "reason": r} for p, r in self.skipped]}


def claims_json(run: Run) -> str:
    return json_records(run.claims) + "\n"


def claims_csv(run: Run) -> str:
    return run.claims.to_csv(index=False, lineterminator="\n")


def claims_markdown(run: Run) -> str:
    table = run.claims
    from tabulate import tabulate

    rows = [[f"{r['source']}:{r['line']}", r["metric"], r["subject"], r["figure"], r["qualifier"],
             interval_text(r), r["count"]] for r in records(table)]
    headers = ["where", "metric", "about", "figure", "qualifier", "asserts", "times"]
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True) + "\n"


def findings_text(run: Run) -> str:
    """One line per finding, for terminals and logs."""
    style = run.style
    if style is None or not style.enabled:
        return "".join(f"{f['severity']} [{f['rule']}] {f['message']}\n" for f in records(run.findings))
    figures = dict(zip(run.claims["id"], run.claims["figure"]))
    lines = []
    for f in records(run.findings):
        message = f["message"]
        for claim in f["claims"][:20]:  # the message names a few per side; quoted as `"figure"`
            if isinstance(figures.get(claim), str):
                quoted = f'"{figures[claim]}"'
                message = message.replace(quoted, style.figure(quoted))
        lines.append(f"{style.severity(f['severity'])} [{style.rule(f['rule'])}] {message}\n")
    return "".join(lines)


def findings_markdown(run: Run) -> str:
    from factcheck.render.report import render_report

    return render_report(run.claims, run.findings, run.facts)


def findings_json(run: Run) -> str:
    """{"findings": [...]}, each finding with its claims in full."""
    from factcheck.render.report import readable

    by_id = {row["id"]: readable(row) for row in records(run.claims)}
    keep = ("id", "source", "metric", "kind", "value", "low", "high", "qualifier", "date_start", "date_end",
            "figure", "quote", "start", "end", "line", "col", "derived")
    out = []
    for finding in records(run.findings):
        finding["claims"] = [{key: by_id[c].get(key) for key in keep} for c in finding["claims"]]
        out.append(finding)
    return json.dumps(_with_meta({"findings": out}, run), ensure_ascii=False, indent=2) + "\n"


def _with_meta(document: dict, run: Run) -> dict:
    """The run's metadata beside the findings, as "run" (version, rule set, sources read and skipped)."""
    return {"run": run.meta.as_json(), **document} if run.meta is not None else document


def diagnostic_line(d, style=None) -> str:
    if style is None or not style.enabled:
        against = f" (vs {', '.join(d.vs)})" if d.vs else ""
        return f"{d.path}:{d.line}:{d.col}: {d.severity} [{d.rule}] {d.message}{against}"
    vs = []
    for side in d.vs:  # 'source:line "figure"'
        where, quote, figure = side.partition(' "')
        vs.append(where + " " + style.figure('"' + figure) if quote else side)
    against = f" (vs {', '.join(vs)})" if vs else ""
    return (f"{style.where(f'{d.path}:{d.line}:{d.col}:')} {style.severity(d.severity)} [{style.rule(d.rule)}] "
            f"{d.message}{against}")


def diagnostics_text(run: Run) -> str:
    """One line per draft figure in conflict, `path:line:col: severity [rule] ...`, as compilers write."""
    return "".join(diagnostic_line(d, run.style) + "\n" for d in run.diagnostics)


def diagnostics_json(run: Run) -> str:
    findings = [{"path": d.path, "line": d.line, "col": d.col, "severity": d.severity, "rule": d.rule,
                 "message": d.message, "vs": list(d.vs)} for d in run.diagnostics]
    return json.dumps(_with_meta({"findings": findings}, run), ensure_ascii=False, indent=2) + "\n"


def findings_html(run: Run) -> str:
    from factcheck.render.html import render_html  # loaded only when asked for

    return render_html(run)


FORMATS = {
    "claims": {"md": claims_markdown, "json": claims_json, "csv": claims_csv},
    "findings": {"text": findings_text, "md": findings_markdown, "json": findings_json, "html": findings_html,
                 "sarif": ci.sarif, "github": ci.github, "junit": ci.junit},
    "diagnostics": {"text": diagnostics_text, "json": diagnostics_json,
                    "sarif": ci.sarif, "github": ci.github, "junit": ci.junit},
}
