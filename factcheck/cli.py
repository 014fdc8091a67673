"""The `factcheck` command. Exit codes: 0 clean, 1 findings at the fail level, 2 usage or input errors."""
from __future__ import annotations

import argparse
import datetime
import sys

from factcheck.errors import FactcheckError


class Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line that says where to look for help."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from factcheck import languages

    parser = Parser(prog="factcheck", description="Find conflicting figures and dates across news articles.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)

    claims = commands.add_parser("claims", help="the table of every figure and event date in the articles")
    claims.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (read recursively)")
    claims.add_argument("--format", choices=["json", "csv", "md"], default="md", help="output format (default: md)")
    claims.add_argument("--rules", metavar="DIR", help="rule set folder (default: the shipped rules/)")
    claims.add_argument("--lang", choices=languages.available(), help="language of every article (default: detect)")
    claims.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                        help="publication date of plain-text articles: the reference for year-less dates")
    claims.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    claims.set_defaults(run=run_claims)
    return parser


def _iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-11-06") from None


def run_claims(args) -> int:
    from pathlib import Path

    from factcheck.claims import extract
    from factcheck.documents import read_documents
    from factcheck.output import FORMATS, write_atomic
    from factcheck.rules import load_rules

    rules = load_rules(args.rules)
    documents, skipped = read_documents(args.paths, args.lang, args.published)
    for item in skipped:
        print(f"factcheck: skipped {item.path}: {item.reason}", file=sys.stderr)
    if not documents:
        raise FactcheckError("no article could be read from " + ", ".join(args.paths))
    table = extract(documents, rules=rules, lang=args.lang, published=args.published)
    text = FORMATS[args.format](table)
    if args.output:
        write_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0


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
