"""Where a command's output goes: stdout in --format, and --report FILE in the format its name ends with.

    output(run, what, args, documents)  stdout (coloured on a terminal) and the --report file
    emit(text, destination, documents)  stdout, or a file written atomically, never over an article read
    report_format(path, what)           the format --report FILE writes

The command line only parses; this is what it does with the text the FORMATS registry makes.
"""
from __future__ import annotations

import sys

from factcheck.corpus import refuse_overwriting_inputs
from factcheck.errors import FactcheckError
from factcheck.render.formats import FORMATS, Run

# `--report FILE` writes the format its name ends with (the longest ending wins: x.sarif.json is SARIF)
REPORT_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".sarif": "sarif",
                   ".sarif.json": "sarif", ".json": "json", ".xml": "junit", ".txt": "text"}


def report_formats(what: str) -> str:
    """`.md, .html, .sarif, .json, .xml (junit)`: one ending per format the command writes."""
    first: dict[str, str] = {}
    for suffix, name in REPORT_SUFFIXES.items():
        if name in FORMATS[what] and name != "text":
            first.setdefault(name, suffix)
    return ", ".join(suffix + (f" ({name})" if suffix[1:] != name else "") for name, suffix in first.items())


def output(run: Run, what: str, args, documents) -> None:
    """The findings on stdout in --format (coloured on a terminal), and in --report FILE's format."""
    from dataclasses import replace

    from factcheck.render.terminal import Style, colour_wanted

    if args.report:
        form = report_format(args.report, what)
        if form == "md" and what == "findings":
            run = with_appendix(run, args.report, documents)
        emit(FORMATS[what][form](run), args.report, documents)
    sys.stdout.write(FORMATS[what][args.format](replace(run, style=Style(colour_wanted(sys.stdout)))))


def with_appendix(run: Run, report: str, documents) -> Run:
    """Beside a Markdown report: every figure in REPORT.figures.md and the charts in REPORT.charts/,
    so the report's size grows with the findings, not with the corpus."""
    from dataclasses import replace
    from pathlib import Path

    from factcheck.render.charts import write_charts
    from factcheck.render.report import render_appendix

    path = Path(report)
    appendix = path.with_name(path.stem + ".figures.md")
    emit(render_appendix(run.claims), str(appendix), documents)
    charts = write_charts(run, path.with_name(path.stem + ".charts"))
    links = [(metric, subject, chart.relative_to(path.parent).as_posix()) for metric, subject, chart in charts]
    return replace(run, facts=replace(run.facts, appendix=appendix.name, charts=links))


def report_format(path: str, what: str) -> str:
    """The format `--report FILE` writes, by the ending of FILE's name."""
    name = path.lower()
    for suffix in sorted(REPORT_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            if REPORT_SUFFIXES[suffix] in FORMATS[what]:
                return REPORT_SUFFIXES[suffix]
            raise FactcheckError(f"--report {path}: no {REPORT_SUFFIXES[suffix]} report for this command; end the "
                                 "name with one of " + report_formats(what))
    raise FactcheckError(f"--report {path}: cannot tell the format from the name; end it with one of "
                         + report_formats(what))


def emit(text: str, destination: str | None, documents) -> None:
    """`text` to stdout, or written atomically to `destination` (never over an article read)."""
    from pathlib import Path

    from factcheck.render.files import write_atomic

    if destination is None:
        sys.stdout.write(text)
        return
    refuse_overwriting_inputs(destination, documents)
    write_atomic(Path(destination), text)
