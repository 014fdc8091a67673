"""Findings in the formats CI systems read: SARIF 2.1.0, GitHub workflow annotations, JUnit XML.

Both commands that report findings feed these: `scan` (a finding sits at its first figure; the
other figures are related locations) and `check` (a diagnostic sits at the draft's figure).
Each format is one function of a `Run`, registered in `formats.FORMATS`.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
UNUSED_IGNORE_HELP = ("A `<!-- factcheck: ignore RULE -->` comment in a draft that suppresses nothing on its line "
                      "or the next: remove it, so stale acknowledgements do not pile up.")


@dataclass(frozen=True, slots=True)
class Place:
    path: str
    line: int | None = None
    col: int | None = None
    end_col: int | None = None
    text: str = ""  # what is there: the figure as written


@dataclass(frozen=True, slots=True)
class Located:
    """One finding where a CI system shows it."""

    rule: str
    severity: str
    message: str
    place: Place
    related: tuple[Place, ...] = ()
    properties: tuple[tuple[str, object], ...] = ()


def located(run) -> list[Located]:
    """The run's findings (scan) or diagnostics (check), each at a place in a file."""
    if run.findings is None:
        return [_from_diagnostic(d) for d in run.diagnostics]
    from factcheck.render.formats import records

    paths = dict(run.meta.sources) if run.meta else {}
    claims = {row["id"]: row for row in records(run.claims)}
    out = []
    for finding in records(run.findings):
        # the first figure a source states is where the finding sits: a derived total has no place of its own
        involved = sorted((claims[c] for c in finding["claims"] if c in claims), key=lambda c: bool(c.get("derived")))
        places = [_place(claim, paths) for claim in involved]
        placed = [p for p in places if p.line is not None] or places or [Place("")]
        out.append(Located(finding["rule"], finding["severity"], finding["message"], placed[0], tuple(placed[1:]),
                           (("reason", finding["reason"]), ("metric", finding["metric"]),
                            ("subject", finding["subject"]), ("sources", finding["sources"]))))
    return out


def _from_diagnostic(d) -> Located:
    against = f" (vs {', '.join(d.vs)})" if d.vs else ""
    return Located(d.rule, d.severity, d.message + against, Place(d.path, d.line, d.col))


def _place(claim: dict, paths: dict) -> Place:
    line, col = _number(claim.get("line")), _number(claim.get("col"))
    start, end = _number(claim.get("start")), _number(claim.get("end"))
    figure = str(claim.get("figure") or "")
    end_col = col + (end - start) if None not in (col, start, end) and "\n" not in figure else None
    return Place(paths.get(claim["source"], claim["source"]), line, col, end_col, figure)


def _number(value) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


# --- SARIF 2.1.0 -------------------------------------------------------------------------------

def sarif(run) -> str:
    """A SARIF 2.1.0 log: one run, the rule set's checks as rules, one result per finding."""
    from factcheck import __version__

    items = located(run)
    rules = _rule_descriptors(run, items)
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    results = []
    for item in items:
        result = {"ruleId": item.rule, "ruleIndex": index[item.rule], "level": SARIF_LEVEL.get(item.severity, "note"),
                  "message": {"text": item.message}, "locations": [_sarif_location(item.place)]}
        if item.related:
            result["relatedLocations"] = [dict(_sarif_location(p), id=n, message={"text": p.text})
                                          for n, p in enumerate(item.related, 1)]
        if item.properties:
            result["properties"] = dict(item.properties)
        results.append(result)
    meta = run.meta
    invocation = {"executionSuccessful": True}
    skipped = meta.skipped if meta else ()
    if skipped:  # a file not read is worth telling: its figures were not checked
        invocation["toolExecutionNotifications"] = [
            {"level": "warning", "message": {"text": f"skipped: {reason}"},
             "locations": [_sarif_location(Place(path))]} for path, reason in skipped]
    driver = {"name": "factcheck", "version": __version__, "semanticVersion": __version__, "rules": rules}
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": driver},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",  # `col` counts characters, as Python strings do
        "results": results,
        "properties": {"rules": meta.rules_path if meta else "", "sources": len(meta.sources) if meta else 0},
    }]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _rule_descriptors(run, items) -> list[dict]:
    """Every check of the rule set (id, description, severity, kind, metrics), and any other rule a
    result names (`unused-ignore`)."""
    ruleset = run.meta.rules if run.meta else None
    checks = ruleset.checks if ruleset is not None else {}
    descriptors = []
    for name, check in sorted(checks.items()):
        description = " ".join(str(check.description or name).split())
        help_text = description + (f" {' '.join(str(check.suggestion).split())}" if check.suggestion else "")
        descriptors.append({
            "id": name, "name": name,
            "shortDescription": {"text": _first_sentence(description)},
            "fullDescription": {"text": description},
            "help": {"text": help_text},
            "defaultConfiguration": {"level": SARIF_LEVEL.get(str(check.severity), "note")},
            "properties": {"kind": check.kind_name, "metrics": sorted(check.kind.metric_names()),
                           "severity": str(check.severity)},
        })
    known = {d["id"] for d in descriptors}
    for rule in sorted({item.rule for item in items} - known):
        text = UNUSED_IGNORE_HELP if rule == "unused-ignore" else rule
        descriptors.append({"id": rule, "name": rule, "shortDescription": {"text": _first_sentence(text)},
                            "fullDescription": {"text": text}, "defaultConfiguration": {"level": "warning"}})
    return descriptors


def _first_sentence(text: str) -> str:
    head, dot, _rest = text.partition(". ")
    return head + dot.strip() if dot else text


def _sarif_location(place: Place) -> dict:
    from urllib.parse import quote

    physical = {"artifactLocation": {"uri": quote(place.path.replace("\\", "/"), safe="/:")}}
    if place.line is not None:
        region = {"startLine": place.line}
        if place.col is not None:
            region["startColumn"] = place.col
            if place.end_col is not None and place.end_col > place.col:
                region["endColumn"] = place.end_col
        physical["region"] = region
    return {"physicalLocation": physical}


# --- GitHub workflow annotations -----------------------------------------------------------------

def github(run) -> str:
    """`::error file=draft.md,line=3,col=28,title=troops_agree::message`, one line each: GitHub
    Actions shows each on the file's line in the pull request."""
    lines = []
    for item in located(run):
        props = []
        if item.place.path:
            props.append(f"file={_property(item.place.path)}")
        if item.place.line is not None:
            props.append(f"line={item.place.line}")
            if item.place.col is not None:
                props.append(f"col={item.place.col}")
        props.append(f"title={_property(item.rule)}")
        lines.append(f"::{GITHUB_COMMAND.get(item.severity, 'notice')} {','.join(props)}::{_data(item.message)}\n")
    return "".join(lines)


def _data(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped, as the runner reads them back."""
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# --- JUnit XML ---------------------------------------------------------------------------------

def junit(run) -> str:
    """JUnit XML valid against the Apache Ant schema, which CI test-report views read: one test suite
    per file with findings, one failed test case per finding (its type the severity); a run with no
    finding is one passed case."""
    import datetime
    import socket
    import xml.etree.ElementTree as ET

    from factcheck import __version__

    meta = run.meta
    items = located(run)
    started = (meta.started if meta and meta.started else datetime.datetime.now(datetime.timezone.utc))
    stamp = started.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    seconds = f"{meta.seconds:.3f}" if meta and meta.seconds is not None else "0"
    host = socket.gethostname() or "localhost"
    groups: dict[str, list[Located]] = {}
    for item in items:
        groups.setdefault(item.place.path or "factcheck", []).append(item)
    if not groups:
        groups["factcheck"] = []
    root = ET.Element("testsuites")
    for number, (path, members) in enumerate(sorted(groups.items())):
        suite = ET.SubElement(root, "testsuite", {
            "name": _xml(path), "package": "factcheck", "id": str(number), "timestamp": stamp, "hostname": host,
            "tests": str(max(len(members), 1)), "failures": str(len(members)), "errors": "0", "skipped": "0",
            "time": seconds})
        properties = ET.SubElement(suite, "properties")
        for name, value in (("factcheck.version", __version__), ("command", meta.command if meta else ""),
                            ("rules", meta.rules_path if meta else ""),
                            ("sources", str(len(meta.sources)) if meta else "0")):
            ET.SubElement(properties, "property", {"name": name, "value": _xml(value)})
        for item in members:
            where = f"line {item.place.line}" if item.place.line is not None else "the file"
            where += f", column {item.place.col}" if item.place.col is not None else ""
            case = ET.SubElement(suite, "testcase", {"name": _xml(f"{item.rule} at {where}"),
                                                     "classname": _xml(path), "time": "0"})
            failure = ET.SubElement(case, "failure", {"message": _xml(item.message), "type": item.severity})
            failure.text = _xml(f"{path}:{item.place.line or 1}:{item.place.col or 1}: {item.severity} "
                                f"[{item.rule}] {item.message}")
        if not members:
            ET.SubElement(suite, "testcase", {"name": "no findings", "classname": "factcheck", "time": "0"})
        ET.SubElement(suite, "system-out").text = ""
        skipped = meta.skipped if meta else ()
        ET.SubElement(suite, "system-err").text = _xml("".join(f"skipped {p}: {r}\n" for p, r in skipped))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml(text) -> str:
    """Text XML 1.0 can hold: articles may carry control characters, which no parser accepts."""
    return "".join(c for c in str(text) if c in "\t\n\r" or ("\x20" <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd")
                   or c >= "\U00010000")
