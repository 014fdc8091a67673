"""The `factcheck` command. Exit codes: 0 clean, 1 findings at the fail level, 2 usage or input errors."""
from __future__ import annotations

import argparse
import datetime
import sys
import time

from factcheck.errors import FactcheckError
from factcheck.model import Severity
from factcheck.render.formats import FORMATS, Run


class Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line that says where to look for help."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from factcheck import __version__

    parser = Parser(prog="factcheck", description="Find conflicting figures and dates across news articles.")
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)

    scan = commands.add_parser("scan", help="check the articles against the rules; report the discrepancies")
    scan.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (read recursively)")
    scan.add_argument("--report", metavar="FILE.md", help="write the Markdown report to FILE.md (atomically)")
    scan.add_argument("--format", choices=list(FORMATS["findings"]), default="text",
                      help="findings on stdout as the report (md), JSON or one line each (default: text)")
    scan.add_argument("--timing", action="store_true",
                      help="put the run's time in the report's run facts (off by default: reports stay identical "
                           "from run to run)")
    _reading_options(scan, fail_on=True)
    scan.set_defaults(run=run_scan)

    check = commands.add_parser("check", help="pre-publish check: a draft's figures against a corpus")
    check.add_argument("drafts", nargs="+", metavar="DRAFT", help="draft files or folders; - reads standard input")
    check.add_argument("--against", nargs="+", required=True, metavar="CORPUS",
                       help="articles to check the drafts against (files or folders); end the list with -- "
                            "when drafts follow it")
    check.add_argument("--format", choices=list(FORMATS["diagnostics"]), default="text",
                       help="one line per finding, path:line:col (default), or JSON")
    _reading_options(check, fail_on=True)
    check.set_defaults(run=run_check)

    claims = commands.add_parser("claims", help="the table of every figure and event date in the articles")
    claims.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (read recursively)")
    claims.add_argument("--format", choices=list(FORMATS["claims"]), default="md", help="output format (default: md)")
    claims.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    _reading_options(claims, fail_on=False)
    claims.set_defaults(run=run_claims)

    evaluate = commands.add_parser("eval", help="score extraction and checks against gold annotations")
    evaluate.add_argument("gold", nargs="+", metavar="GOLD", help="gold files (YAML; see README) or folders of them")
    evaluate.add_argument("--rules", metavar="DIR", help="rule set folder (default: the shipped rules/)")
    evaluate.add_argument("--split", choices=["tune", "holdout"], help="score only the articles of this part")
    evaluate.add_argument("--show", type=int, default=20, metavar="N", help="misses and false figures listed (20)")
    evaluate.add_argument("--fail-under", type=float, metavar="SHARE",
                          help="exit 1 when recall or precision is below this share (0.9)")
    evaluate.set_defaults(run=run_eval)

    rules = commands.add_parser("rules", help="list, test or lint a rule set")
    actions = rules.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=Parser)
    for action, text, run in (("list", "a table of the rules", run_rules_list),
                              ("test", "run every rule's examples: a pass / fail line each", run_rules_test),
                              ("lint", "check every rule file; every problem as file:line:col", run_rules_lint)):
        sub = actions.add_parser(action, help=text)
        sub.add_argument("dir", nargs="?", metavar="DIR", help="rule set folder (default: the shipped rules/)")
        sub.set_defaults(run=run)
    return parser


def _reading_options(command: argparse.ArgumentParser, fail_on: bool) -> None:
    """The options every command that reads articles shares."""
    from factcheck import languages
    from factcheck.documents import MAX_BYTES

    command.add_argument("--rules", metavar="DIR", help="rule set folder (default: the shipped rules/)")
    command.add_argument("--lang", choices=languages.available(), help="language of every article (default: detect)")
    command.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                         help="publication date of plain-text articles: the reference for year-less dates")
    command.add_argument("--max-size", type=float, default=MAX_BYTES / 1e6, metavar="MB",
                         help=f"skip files larger than this (default: {MAX_BYTES / 1e6:g} MB)")
    if fail_on:
        command.add_argument("--fail-on", choices=[*Severity, "never"], default="error",
                             help="exit 1 when a finding reaches this severity (default: error)")


def _iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-11-06") from None


def read_claims(args):
    """The rule set, the documents' claims table and what was skipped, warning on stderr per skip."""
    from factcheck.extraction import claims_table
    from factcheck.check.ruleset import load_rules

    rules = load_rules(args.rules)
    documents, skipped = read_corpus(args.paths, args)
    table = claims_table(documents, rules, args.lang, args.published)
    return rules, documents, skipped, table


def read_corpus(paths, args):
    """The readable articles under `paths`, saying on stderr what was skipped or read as non-UTF-8."""
    from factcheck.documents import read_documents

    documents, skipped = read_documents(paths, args.lang, args.published, int(args.max_size * 1e6))
    for item in skipped:
        print(f"factcheck: skipped {item.path}: {item.reason}", file=sys.stderr)
    for document in documents:
        if document.encoding != "utf-8":
            print(f"factcheck: note: {document.path}: read as {document.encoding}", file=sys.stderr)
    if not documents:
        raise FactcheckError("no article could be read from " + ", ".join(map(str, paths))
                             + "; see the lines above for why")
    return documents, skipped


def refuse_overwriting_inputs(destination: str, documents) -> None:
    """A report written over an article it reads would destroy the evidence."""
    from pathlib import Path

    target = Path(destination).resolve()
    for document in documents:
        if document.path and Path(document.path).resolve() == target:
            raise FactcheckError(f"{destination}: is one of the articles read; choose another file for the output")


def run_claims(args) -> int:
    _rules, documents, _skipped, table = read_claims(args)
    emit(FORMATS["claims"][args.format](Run(table)), args.output, documents)
    return 0


def run_scan(args) -> int:
    from factcheck.check.engine import evaluate
    from factcheck.render.report import RunFacts

    started = time.perf_counter()
    rules, documents, skipped, table = read_claims(args)
    evaluation = evaluate(table, rules)
    facts = RunFacts(sorted(d.source for d in documents), [(s.path, s.reason) for s in skipped], sorted(rules.checks),
                     time.perf_counter() - started if args.timing else None)
    run = Run(evaluation.claims, evaluation.findings, facts=facts)
    if args.report:
        emit(FORMATS["findings"]["md"](run), args.report, documents)
    sys.stdout.write(FORMATS["findings"][args.format](run))
    # run facts with the time on stderr: the report itself stays byte-identical from run to run
    print(f"factcheck: {len(documents)} sources read, {len(skipped)} skipped, {len(table)} claims, "
          f"{len(rules.checks)} rules, {len(evaluation.findings)} findings in {time.perf_counter() - started:.2f} s",
          file=sys.stderr)
    return exit_code(evaluation.findings["severity"], args.fail_on)


def run_check(args) -> int:
    from factcheck.check.drafts import check_drafts, read_drafts
    from factcheck.check.ruleset import load_rules

    rules = load_rules(args.rules)
    drafts = read_drafts(args.drafts)
    corpus, _skipped = read_corpus(args.against, args)
    diagnostics = check_drafts(drafts, corpus, rules, args.lang, args.published)
    sys.stdout.write(FORMATS["diagnostics"][args.format](Run(None, diagnostics=diagnostics)))
    return exit_code([d.severity for d in diagnostics], args.fail_on)


def emit(text: str, destination: str | None, documents) -> None:
    """`text` to stdout, or written atomically to `destination` (never over an article read)."""
    from pathlib import Path

    from factcheck.render.files import write_atomic

    if destination is None:
        sys.stdout.write(text)
        return
    refuse_overwriting_inputs(destination, documents)
    write_atomic(Path(destination), text)


def run_eval(args) -> int:
    from pathlib import Path

    from factcheck.check.ruleset import load_rules
    from factcheck.evaluation import evaluate_gold, recall_precision, report

    paths = []
    for name in args.gold:
        path = Path(name)
        if path.is_dir():
            paths += sorted(path.rglob("gold.yaml"))
        elif path.is_file():
            paths.append(path)
        else:
            raise FactcheckError(f"{path}: no such gold file or folder")
    if not paths:
        raise FactcheckError(f"{', '.join(args.gold)}: no gold.yaml files found")
    score = evaluate_gold(paths, load_rules(args.rules), args.split)
    sys.stdout.write(report(score, args.show))
    recall, precision = recall_precision(score)
    return 1 if args.fail_under is not None and min(recall, precision) < args.fail_under else 0


def run_rules_list(args) -> int:
    from tabulate import tabulate

    from factcheck.check.ruleset import load_rules

    rules = load_rules(args.dir)
    rows = [[name, check.kind_name, ", ".join(sorted(check.kind.metric_names())), check.severity,
             _relative(check.path, rules.root)]
            for name, check in sorted(rules.checks.items())]
    print(tabulate(rows, headers=["id", "kind", "metric", "severity", "file"], tablefmt="github"))
    print()
    rows = [[name, metric.kind, metric.question, _relative(metric.path, rules.root)]
            for name, metric in sorted(rules.metrics.items())]
    print(tabulate(rows, headers=["metric", "kind", "question", "file"], tablefmt="github"))
    return 0


def _relative(path, root) -> str:
    from pathlib import Path

    try:
        return Path(path).relative_to(root.parent).as_posix()
    except ValueError:
        return str(path)


def run_rules_test(args) -> int:
    from factcheck.check.selftest import examples, failure
    from factcheck.check.ruleset import load_rules

    rules = load_rules(args.dir)
    failed = total = 0
    for example in examples(rules):
        total += 1
        problem = failure(rules, example)
        if problem is None:
            print(f"PASS {example.name}")
        else:
            failed += 1
            print(f"FAIL {example.name}: {problem} ({_relative(example.path, rules.root)})")
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


def run_rules_lint(args) -> int:
    from factcheck.check.ruleset import RuleSetError, load_rules

    try:
        rules = load_rules(args.dir)
    except RuleSetError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem{'s' if len(exc.problems) > 1 else ''}")
        return 1
    print(f"{len(rules.metrics)} metrics, {len(rules.checks)} checks: no problems")
    return 0


def exit_code(severities, fail_on: str) -> int:
    """1 when a severity reaches `fail_on`, else 0."""
    if fail_on == "never":
        return 0
    return 1 if any(Severity(s).rank <= Severity(fail_on).rank for s in severities) else 0


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except FactcheckError as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `factcheck scan ... | head`: the reader left, nothing is wrong
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug of ours: one line, not a traceback, unless asked
        import os

        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        print(f"factcheck: internal error: {type(exc).__name__}: {exc} (this is a bug in factcheck; "
              "please report it with the command; FACTCHECK_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 2
