"""What a command reads, and what it says about it on stderr.

    Console        the summary, notes, skips and -v details on stderr, and the progress bar
    read_corpus    the articles under the paths named (- is standard input), without the excluded
    read_claims    the rule set and the claims of the articles, stage by stage
"""
from __future__ import annotations

import sys
import time

from factcheck.errors import FactcheckError

STDIN = "-"


class Console:
    """What a command says on stderr, by -q / -v, and its progress bar."""

    def __init__(self, args):
        from factcheck.render.terminal import Progress

        self.quiet = getattr(args, "quiet", False)
        self.verbose = getattr(args, "verbose", False) and not self.quiet
        self.progress = Progress(enabled=not self.quiet and sys.stderr.isatty())
        self.started = time.perf_counter()
        self.stages: list[tuple[str, float]] = []
        self._mark = self.started

    def say(self, text: str) -> None:
        """The summary and notes: not with -q."""
        if not self.quiet:
            print(f"factcheck: {text}", file=sys.stderr)

    def detail(self, text: str) -> None:
        """What was read, and timings: with -v only."""
        if self.verbose:
            print(f"factcheck: {text}", file=sys.stderr)

    def warn(self, text: str) -> None:
        """What was skipped: always, as a file not read is a figure not checked."""
        print(f"factcheck: {text}", file=sys.stderr)

    def stage(self, name: str) -> None:
        """The stage that just ended, for -v's timings."""
        now = time.perf_counter()
        self.stages.append((name, now - self._mark))
        self._mark = now

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def timings(self) -> None:
        self.detail("time: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.stages)
                    + f"; total {self.elapsed():.2f} s")

    def describe_settings(self, args) -> None:
        settings = getattr(args, "settings", None)
        if settings is not None:
            from factcheck.config import display_path

            self.detail(f"configuration: {display_path(settings.path)}" if settings.path
                        else "configuration: none found (defaults and command-line options)")


# --- reading --------------------------------------------------------------------------------------

def load_ruleset(args, console: Console):
    from factcheck.check.ruleset import load_rules

    rules = load_rules(args.rules)
    console.detail(f"rules: {rules_path(rules)} ({len(rules.checks)} checks, {len(rules.metrics)} metrics)")
    return rules


def rules_path(rules) -> str:
    from factcheck.config import display_path

    return display_path(rules.root)


def read_claims(args, console: Console):
    """The rule set, the documents' claims table and what was skipped, warning on stderr per skip."""
    from factcheck.extraction import claims_table

    import pandas as pd

    console.describe_settings(args)
    rules = load_ruleset(args, console)
    console.stage("rules")
    documents, skipped, stored = read_corpus_or_stores([*args.paths, *getattr(args, "claims", [])], args, console,
                                                       rules, stdin_allowed=True)
    console.stage("reading")
    with console.progress.counter(len(documents), "extracting claims") as done:
        table = claims_table(documents, rules, args.lang, args.published, jobs_wanted(args), done, cluster_wanted(args))
    if stored:
        table = pd.concat([*(store.claims for store in stored), table], ignore_index=True)
        documents = [*(d for store in stored for d in store.documents), *documents]
    console.stage("extraction")
    if console.verbose:
        counts = table["source"].value_counts()
        for document in documents:
            console.detail(f"read {document.path or document.source}: {counts.get(document.source, 0)} claims")
    return rules, documents, skipped, table


def cluster_wanted(args):
    """A client of the Dask scheduler --dask (or the configuration's `dask`) names, made once; else None."""
    if not getattr(args, "dask", None):
        return None
    if getattr(args, "cluster", None) is None:
        from factcheck.cluster import connect

        args.cluster = connect(args.dask)
    return args.cluster


def jobs_wanted(args) -> int:
    """--jobs, else the configuration's `jobs`, else every core available."""
    from factcheck.extraction.pool import available_cores

    return getattr(args, "jobs", None) or available_cores()


def read_corpus_or_stores(paths, args, console: Console, rules, stdin_allowed: bool = False):
    """The articles under `paths` that are not claims stores, what was skipped, and the stores named
    (`factcheck.store`), their claims extracted as they would be now."""
    from factcheck.store import is_store, read_store

    if not paths:
        raise FactcheckError("name the articles to read: files, folders, - (standard input) or a claims store")
    stored = [read_store(path, rules, args.lang, args.published) for path in paths if is_store(path)]
    others = [path for path in paths if not is_store(path)]
    documents, skipped = read_corpus(others, args, console, stdin_allowed) if others else ([], [])
    for store in stored:
        console.detail(f"read {store.path}: {len(store.documents)} articles, {store.count} claims")
        for item in store.skipped:
            console.warn(f"skipped {item.path}: {item.reason} (when {store.path} was indexed)")
    return documents, [*skipped, *(item for store in stored for item in store.skipped)], stored


def read_corpus(paths, args, console: Console, stdin_allowed: bool = True):
    """The readable articles under `paths` (- is standard input), saying on stderr what was skipped
    or read as non-UTF-8, and leaving out what the `exclude` patterns name."""
    from factcheck.documents import read_documents

    files = [p for p in paths if p != STDIN]
    documents, skipped = [], []
    if files:
        with console.progress.waiting("reading articles"):
            documents, skipped = read_documents(files, args.lang, args.published, int(args.max_size * 1e6),
                                                note=lambda text: console.say(f"note: {text}"))
        documents, skipped = _without_excluded(documents, skipped, files, args)
    if STDIN in paths:
        if not stdin_allowed:
            raise FactcheckError("- (standard input) can be read once: name it among the drafts only")
        read, not_read = read_stdin(args, console)
        documents, skipped = read + documents, not_read + skipped
    for item in skipped:
        console.warn(f"skipped {item.path}: {item.reason}")
    for document in documents:
        if document.encoding != "utf-8":
            console.say(f"note: {document.path}: read as {document.encoding}")
    if not documents:
        raise FactcheckError("no article could be read from " + ", ".join(map(str, paths))
                             + "; see the lines above for why")
    return documents, skipped


def _without_excluded(documents, skipped, paths, args):
    """Leave out what the `exclude` patterns match, except files named on the command line."""
    if not args.exclude:
        return documents, skipped
    kept = kept_by_excludes(paths, args)
    return [d for d in documents if kept(d.path, d.source)], [s for s in skipped if kept(s.path)]


def kept_by_excludes(paths, args):
    """kept(path, source=None): whether the `exclude` patterns leave a file (or a .jsonl's article) in;
    a file named in `paths` is always in."""
    import os
    from pathlib import Path

    from factcheck.config import COMMAND_LINE, excluded

    patterns = args.exclude or ()
    if not patterns:
        return lambda _path, _source=None: True
    origin = args.settings.settings["exclude"].origin if getattr(args, "settings", None) else COMMAND_LINE
    base = args.settings.path.parent if origin != COMMAND_LINE and args.settings.path else Path.cwd()
    named = {os.path.abspath(p) for p in paths if Path(p).is_file()}

    def kept(path: str, source: str | None = None) -> bool:
        # a file named on the command line is read (under its name, or name#line for .jsonl);
        # its copy inside a named folder is not
        name = Path(path).name
        if os.path.abspath(path) in named and (source is None or source == name or source.startswith(name + "#")):
            return True
        return not excluded(path, patterns, base)

    return kept


def read_stdin(args, console: Console):
    """Standard input as one article named `--stdin-filename` (default `<stdin>`)."""
    from factcheck.documents import STDIN_NAME, read_stdin as read

    return read(args.stdin_filename or STDIN_NAME, args.lang, args.published, int(args.max_size * 1e6),
                note=lambda text: console.say(f"note: {text}"))


def refuse_overwriting_inputs(destination: str, documents) -> None:
    """A report written over an article it reads would destroy the evidence."""
    import os

    try:
        target = os.stat(destination)
    except OSError:
        return  # a new file is no article; else a stat per article, far cheaper than resolving each path
    for document in documents:
        if document.path and _same_file(document.path, target):
            raise FactcheckError(f"{destination}: is one of the articles read; choose another file for the output")


def _same_file(path: str, target) -> bool:
    import os

    try:
        return os.path.samestat(os.stat(path), target)
    except OSError:
        return False
