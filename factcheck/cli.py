"""The `factcheck` command. Exit codes: 0 clean, 1 findings at the fail level, 2 usage or input errors.

Options come from the command line, else from the project's configuration (`factcheck.config`),
else from the defaults. stdout carries the command's output only; stderr the run's summary,
what was skipped, and with -v what was read and how long each stage took.
"""
from __future__ import annotations

import argparse
import datetime
import sys

from factcheck.corpus import (Console, cluster_wanted, jobs_wanted, load_ruleset, read_claims, read_corpus_or_stores,
                              rules_path)
from factcheck.errors import FactcheckError
from factcheck.model import Severity
from factcheck.render.formats import FORMATS, Run
from factcheck.render.outputs import emit, output, report_formats


class Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line that says where to look for help."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from factcheck import __version__

    common = Parser(add_help=False)
    # SUPPRESS: given before or after the command, neither level resets what the other set
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="print the output and errors only: no summary, notes or progress")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="also say what was read, and how long each stage took")
    common.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                        help="read settings from FILE (default: factcheck.toml or pyproject.toml [tool.factcheck], "
                             "found from the current folder up)")
    common.add_argument("--no-config", action="store_true", default=argparse.SUPPRESS,
                        help="ignore configuration files: command-line options and defaults only")
    parser = Parser(prog="factcheck", description="Find conflicting figures and dates across news articles.",
                    parents=[common])
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)

    def command(name: str, text: str, run):
        sub = commands.add_parser(name, help=text, description=text, parents=[common])
        if run is not None:
            sub.set_defaults(run=run)
        return sub

    scan = command("scan", "check the articles against the rules; report the discrepancies", run_scan)
    scan.add_argument("paths", nargs="*", metavar="PATH",
                      help="article files or folders (read recursively), or claims stores (.parquet, made by "
                           "`factcheck index`); - reads standard input")
    scan.add_argument("--claims", action="append", default=[], metavar="STORE",
                      help="also check the claims of this store without reading any article (repeatable): "
                           "the rules alone, run again after an editor changed them")
    scan.add_argument("--report", metavar="FILE",
                      help="also write a report to FILE (atomically), in the format its name ends with: "
                           + report_formats("findings"))
    scan.add_argument("--format", choices=list(FORMATS["findings"]), default="text",
                      help="findings on stdout: one line each (text, the default), the report (md), JSON, "
                           "SARIF, GitHub workflow annotations or JUnit XML")
    scan.add_argument("--timing", action="store_true",
                      help="put the run's time in the report's run facts (off by default: reports stay identical "
                           "from run to run)")
    _reading_options(scan, fail_on=True, dask=True)
    _stdin_option(scan)

    check = command("check", "pre-publish check: a draft's figures against a corpus", run_check)
    check.add_argument("drafts", nargs="+", metavar="DRAFT", help="draft files or folders; - reads standard input")
    check.add_argument("--against", nargs="+", metavar="CORPUS",
                       help="articles to check the drafts against: files, folders or a claims store (default: "
                            "`against`, else `store`, in the configuration); end the list with -- when drafts follow it")
    check.add_argument("--format", choices=list(FORMATS["diagnostics"]), default="text",
                       help="one line per finding, path:line:col (default), JSON, SARIF, GitHub workflow "
                            "annotations or JUnit XML")
    check.add_argument("--report", metavar="FILE",
                       help="also write the findings to FILE, in the format its name ends with: "
                            + report_formats("diagnostics"))
    _reading_options(check, fail_on=True)
    _stdin_option(check)

    claims = command("claims", "the table of every figure and event date in the articles", run_claims)
    claims.add_argument("paths", nargs="+", metavar="PATH",
                        help="article files or folders (read recursively); - reads standard input")
    claims.add_argument("--format", choices=list(FORMATS["claims"]), default="md", help="output format (default: md)")
    claims.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    _reading_options(claims, fail_on=False, dask=True)
    _stdin_option(claims)

    index = command("index", "extract an archive's claims once into a store, then only what changed", run_index)
    index.add_argument("paths", nargs="*", metavar="ARCHIVE",
                       help="article files or folders (default: those the store was made from)")
    index.add_argument("--store", metavar="FILE.parquet",
                       help="the claims store to create or bring up to date (default: `store` in the configuration); "
                            "with --dask, a folder of Parquet partitions, on a disk every worker can write to")
    _reading_options(index, fail_on=False, dask=True)

    config = command("config", "the settings in force, and where each comes from", run_config)
    config.add_argument("--against", nargs="+", metavar="CORPUS", help="as for `check`")
    _reading_options(config, fail_on=True, published=False)

    evaluate = command("eval", "score extraction and checks against gold annotations", run_eval)
    evaluate.add_argument("gold", nargs="+", metavar="GOLD", help="gold files (YAML; see README) or folders of them")
    evaluate.add_argument("--rules", metavar="DIR", help="rule set folder (default: the shipped rules/)")
    evaluate.add_argument("--split", choices=["tune", "holdout"], help="score only the articles of this part")
    evaluate.add_argument("--show", type=int, default=20, metavar="N", help="misses and false figures listed (20)")
    evaluate.add_argument("--fail-under", type=float, metavar="SHARE",
                          help="exit 1 when recall or precision is below this share (0.9)")

    rules = command("rules", "list, test or lint a rule set", None)
    actions = rules.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=Parser)
    for action, text, run in (("list", "a table of the rules", run_rules_list),
                              ("test", "run every rule's examples: a pass / fail line each", run_rules_test),
                              ("lint", "check every rule file; every problem as file:line:col", run_rules_lint)):
        sub = actions.add_parser(action, help=text, parents=[common])
        sub.add_argument("dir", nargs="?", metavar="DIR",
                         help="rule set folder (default: `rules` in the configuration, else the shipped rules/)")
        sub.set_defaults(run=run)
    return parser


def _reading_options(command: argparse.ArgumentParser, fail_on: bool, published: bool = True,
                     dask: bool = False) -> None:
    """The options every command that reads articles shares. Their defaults are None: a value not
    given comes from the configuration, else from `factcheck.config.KEYS`."""
    from factcheck import languages
    from factcheck.documents import MAX_BYTES

    command.add_argument("--rules", metavar="DIR", help="rule set folder (default: the shipped rules/)")
    # any language of the rule set, its own languages/ included: checked when the rule set is loaded
    command.add_argument("--lang", metavar="CODE", help="language of every article: "
                         f"{', '.join(languages.available())} or one of the rule set's languages/ (default: detect)")
    if published:
        command.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                             help="publication date of plain-text articles: the reference for year-less dates")
    command.add_argument("--max-size", type=_megabytes, metavar="MB",
                         help=f"skip files larger than this (default: {MAX_BYTES / 1e6:g} MB)")
    command.add_argument("--exclude", action="append", metavar="GLOB",
                         help="leave out files matching this shell-style pattern (repeatable; replaces the "
                              "configuration's list); files named on the command line are always read")
    command.add_argument("--jobs", "-j", type=_positive, metavar="N",
                         help="extract on N processes (default: every core available; the same output however many)")
    if dask:
        command.add_argument("--dask", metavar="ADDRESS",
                             help="send extraction and checks to the Dask scheduler at ADDRESS (tcp://host:8786); "
                                  "needs factcheck[dask]")
    if fail_on:
        command.add_argument("--fail-on", choices=[*Severity, "never"],
                             help="exit 1 when a finding reaches this severity (default: error)")


def _stdin_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--stdin-filename", metavar="NAME",
                         help="the name to give standard input (-): reports show it, and its ending chooses "
                              "the reader (.md, .html, .jsonl; default .txt)")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def _megabytes(text: str) -> float:
    from factcheck.config import megabytes

    try:
        return megabytes(float(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of MB above 0 and at most 1,000,000, such as 20 or 0.5") from None


def _iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-11-06") from None


# --- settings -------------------------------------------------------------------------------------

def apply_config(args) -> None:
    """Fill every option not given on the command line from the configuration, else the defaults;
    `args.settings` keeps where each value came from (for `factcheck config` and -v)."""
    from pathlib import Path

    from factcheck.config import find_config, load_config, resolve

    if getattr(args, "no_config", False):
        path = None
    elif getattr(args, "config", None):
        path = Path(args.config)
        if not (path.exists() or path.is_symlink()):
            raise FactcheckError(f"{args.config}: no such configuration file (--config)")
    else:
        path = find_config()
    settings = resolve(load_config(path), args)
    args.settings = settings
    if args.command == "rules":
        args.dir = args.dir if args.dir is not None else settings["rules"]
        return
    if args.command == "eval":
        args.rules = args.rules if args.rules is not None else settings["rules"]
        return
    from factcheck.config import KEYS

    for name, key in KEYS.items():
        setattr(args, key.option, settings[name])


# --- commands -------------------------------------------------------------------------------------

def run_claims(args) -> int:
    console = Console(args)
    _rules, documents, skipped, table = read_claims(args, console)
    emit(FORMATS["claims"][args.format](Run(table)), args.output, documents)
    console.stage("output")
    console.say(f"{len(documents)} sources read, {len(skipped)} skipped, {len(table)} claims "
                f"in {console.elapsed():.2f} s")
    console.timings()
    return 0


def run_scan(args) -> int:
    from factcheck.check.engine import evaluate
    from factcheck.cluster import parts_mapper
    from factcheck.render.report import RunFacts

    console = Console(args)
    started = datetime.datetime.now(datetime.timezone.utc)
    rules, documents, skipped, table = read_claims(args, console)
    with console.progress.waiting(f"checking {len(table):,} claims"):
        cluster = cluster_wanted(args)
        evaluation = evaluate(table, rules, map_parts=parts_mapper(cluster) if cluster else None)
    console.stage("checks")
    facts = RunFacts(sorted(d.source for d in documents), [(s.path, s.reason) for s in skipped], sorted(rules.checks),
                     console.elapsed() if args.timing else None)
    run = Run(evaluation.claims, evaluation.findings, facts=facts,
              meta=run_meta("scan", rules, documents, skipped, started, console))
    output(run, "findings", args, documents)
    console.stage("output")
    # run facts with the time on stderr: the report itself stays byte-identical from run to run
    console.say(f"{len(documents)} sources read, {len(skipped)} skipped, {len(table)} claims, "
                f"{len(rules.checks)} rules, {len(evaluation.findings)} findings in {console.elapsed():.2f} s")
    console.timings()
    return exit_code(evaluation.findings["severity"], args.fail_on)


def run_check(args) -> int:
    from factcheck.check.drafts import check_drafts, read_drafts

    console = Console(args)
    started = datetime.datetime.now(datetime.timezone.utc)
    against = args.against or ([args.store] if args.store else None)
    if not against:
        raise FactcheckError("check needs a corpus to compare the drafts with: --against CORPUS..., or "
                             "`against` or `store` in factcheck.toml or in pyproject.toml's [tool.factcheck]")
    console.describe_settings(args)
    rules = load_ruleset(args, console)
    console.stage("rules")
    drafts = read_drafts(args.drafts, args.stdin_filename, int(args.max_size * 1e6))
    corpus, skipped, stored = read_corpus_or_stores(against, args, console, rules)
    console.stage("reading")
    for document in [*drafts, *corpus]:
        console.detail(f"read {document.path or document.source}")
    with console.progress.waiting(f"checking {len(drafts)} draft{'s' if len(drafts) > 1 else ''} against "
                                  f"{len(corpus):,} articles"):
        diagnostics = check_drafts(drafts, corpus, rules, args.lang, args.published, jobs_wanted(args), stored)
    console.stage("checks")
    corpus += [document for store in stored for document in store.documents]
    run = Run(None, diagnostics=diagnostics, meta=run_meta("check", rules, [*drafts, *corpus], skipped, started,
                                                         console))
    output(run, "diagnostics", args, [*drafts, *corpus])
    console.stage("output")
    console.say(f"{len(drafts)} draft{'s' if len(drafts) > 1 else ''} against {len(corpus)} sources "
                f"({len(skipped)} skipped), {len(diagnostics)} findings in {console.elapsed():.2f} s")
    console.timings()
    return exit_code([d.severity for d in diagnostics], args.fail_on)


def run_index(args) -> int:
    from pathlib import Path

    from factcheck.corpus import kept_by_excludes
    from factcheck.store import SUFFIX, index

    console = Console(args)
    if not args.store:
        raise FactcheckError(f"index needs a store to write: --store FILE{SUFFIX}, or `store` in factcheck.toml")
    store = Path(args.store)
    if not store.name.lower().endswith(SUFFIX):
        raise FactcheckError(f"--store {store}: a claims store is a {SUFFIX} file; name it FILE{SUFFIX}")
    paths = args.paths or None  # None: the folders the store was made from
    rules = load_ruleset(args, console)
    console.stage("rules")
    with console.progress.counter(None, "extracting claims") as done:  # how many changed is found as it goes
        result = index(paths, store, rules, args.lang, args.published, int(args.max_size * 1e6), jobs_wanted(args),
                       note=lambda text: console.say(f"note: {text}"), done=done, cluster=cluster_wanted(args),
                       keeper=lambda roots: kept_by_excludes(roots, args))
    console.stage("indexing")
    for item in result.skipped:
        console.warn(f"skipped {item.path}: {item.reason}")
    what = f"{result.claims} claims in {store}" if result.written else f"{store} is up to date"
    console.say(f"{result.files} files: {result.extracted} read and extracted, {result.unchanged} unchanged, "
                f"{result.removed} gone; {what} in {console.elapsed():.2f} s")
    console.timings()
    return 0


def run_config(args) -> int:
    from factcheck.config import describe

    sys.stdout.write(describe(args.settings))
    return 0


def run_meta(command: str, rules, documents, skipped, started, console: Console):
    from factcheck.render.formats import RunMeta

    return RunMeta(command, rules, rules_path(rules), tuple((d.source, d.path or d.source) for d in documents),
                   tuple((s.path, s.reason) for s in skipped), started, console.elapsed())


def run_eval(args) -> int:
    from factcheck.check.ruleset import load_rules
    from factcheck.evaluation import evaluate_gold, gold_files, recall_precision, report

    score = evaluate_gold(gold_files(args.gold), load_rules(args.rules), args.split)
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


def _internal_error(exc: Exception) -> int:
    import os

    if os.environ.get("FACTCHECK_DEBUG"):
        raise exc
    print(f"factcheck: internal error: {type(exc).__name__}: {exc} (this is a bug in factcheck; "
          "please report it with the command; FACTCHECK_DEBUG=1 shows the traceback)", file=sys.stderr)
    return 2


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        apply_config(args)
        return args.run(args)
    except FactcheckError as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `factcheck scan ... | head`: the reader left, nothing is wrong
        return 0
    except OSError as exc:
        if exc.filename is None:
            return _internal_error(exc)
        # a path the system refuses where no reader expected it (a name too long, a folder gone): the user's to fix
        from factcheck.decoding import shown

        name = shown(exc.filename)
        name = name if len(name) <= 200 else f"{name[:100]}...{name[-60:]}"
        print(f"factcheck: {name}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug of ours: one line, not a traceback, unless asked
        return _internal_error(exc)
    finally:
        if getattr(args, "cluster", None) is not None:
            args.cluster.close()
