"""Load a rule set folder into typed objects, validating every file before anything runs.

    rules/metrics/<metric>.yaml   what a figure is: its kind and trigger words per language
    rules/checks/<check>.yaml     what must hold across sources: a kind (factcheck/kinds/) and its keys
    rules/actors/<actor>.yaml     who a figure is about: names, demonyms and capitals per language
    rules/places/<place>.yaml     where a figure holds: a region or city, names per language
    rules/sources/<source>.yaml   who states figures: an agency, a UN body, an outlet, names per language
    rules/conventions.yaml        how qualified and vague figures become intervals
    rules/languages/<code>.yaml   a language of the rule set's own, or one replacing a shipped one

Every problem is collected and raised once, each naming `file:line`.
"""
from __future__ import annotations

import dataclasses
import fnmatch
import functools
from dataclasses import dataclass, field
from pathlib import Path

from factcheck import languages
from factcheck.errors import FactcheckError, RuleFileError, RuleSetError
from factcheck.languages import Language
from factcheck.model import Severity
from factcheck.yamlfile import did_you_mean, load_yaml

METRIC_KEYS = ("kind", "about", "question", "cumulative", "fired", "outranks", "terms", "verbs", "starts", "examples")
CHECK_KEYS = ("kind", "severity", "description", "suggestion", "where", "examples")
WHERE_KEYS = ("languages", "sources", "from", "to", "quote", "attributions")
REGEX_SECONDS = 0.1        # a rule's regular expression gets this long per sentence; more is a runaway pattern
REGEX_CHECK_SECONDS = 2.0  # ... and this long for all the sentences of one check in one run
REGEX_RUN_SECONDS = 10.0   # ... and every check's patterns together, in one run (one process)
_regex_spent = [0.0]       # seconds this run's `where: quote:` patterns have taken so far
_quote_matched: dict = {}  # (pattern, sentence) -> whether it matches: each sentence is searched once


@dataclass(frozen=True, slots=True)
class Metric:
    """What a figure is about, and the words that name it in each language."""

    name: str
    kind: str
    about: str
    question: str  # what an editor asks of it: "How many troops were sent?"
    terms: dict[str, tuple[str, ...]]
    verbs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cumulative: bool = False
    # metrics whose word this one's overrides when both name one figure: "300 soldati uccisi" is killed
    outranks: tuple[str, ...] = ()
    path: Path | None = None
    examples: dict = field(default_factory=dict)
    # words from which an agreement runs, right after its noun: "tregua dal 19 gennaio", "a ceasefire from April 1"
    starts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # launched at a side (missiles, drones, shells): a figure whose sentence names nobody is the
    # attacker's, one brought down ("747 droni abbattuti") the defender's
    fired: bool = False


@dataclass(frozen=True, slots=True)
class Actor:
    """Who or what figures are about: "11mila soldati nordcoreani" and "i militari di Pyongyang" are
    about north_korea. Capitalised names match as written ("US" is not "us"), others in any case."""

    name: str
    about: str
    names: dict[str, tuple[str, ...]]
    path: Path | None = None


@dataclass(frozen=True, slots=True)
class VagueQuantity:
    """A word such as "centinaia" read as an interval by convention."""

    name: str
    value: float
    low: float
    high: float | None
    terms: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Conventions:
    approx: float = 0.10
    # "more than N" read as a journalist means it: N up to N·(1 + slack); "up to N": N·(1 - slack) to N
    slack: float = 0.25
    vague: tuple[VagueQuantity, ...] = ()


@dataclass(frozen=True, slots=True)
class Check:
    """One rule file of rules/checks/: which claims it reads and what must hold among them."""

    name: str
    kind: object  # an instance of a class in factcheck.check.kinds.KINDS
    severity: Severity
    description: str
    suggestion: str
    languages: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # shell-style patterns of source names: "ansa/*.txt"
    window: tuple[str | None, str | None] = (None, None)  # ISO dates: dated claims must fall in it
    attributions: tuple[str, ...] = ()  # only figures stated by these sources ("ukraine", "new york times")
    quote: object = None  # a compiled regular expression the claim's sentence must match
    quote_at: str = ""    # file:line of that expression, for its errors
    examples: dict = field(default_factory=dict)
    path: Path | None = None

    @property
    def kind_name(self) -> str:
        from factcheck.check.kinds import KINDS

        return next(name for name, cls in KINDS.items() if isinstance(self.kind, cls))

    def select(self, claims):
        """The claims this check reads, by its `where:` filters (the kind picks its metrics)."""
        mask = None
        if self.languages:
            mask = claims["lang"].isin(self.languages)
        if self.sources:
            by_source = claims["source"].map(lambda s: any(fnmatch.fnmatchcase(s, p) for p in self.sources))
            mask = by_source if mask is None else mask & by_source
        if self.attributions:
            by_whom = claims["attribution"].isin(self.attributions) if "attribution" in claims else False
            mask = by_whom if mask is None else mask & by_whom
        start, end = self.window
        if start or end:
            # a date claim is kept when its span meets the window, a figure when its as_of falls in it;
            # what cannot be placed (year-less dates, figures of unknown date) stays
            first = claims["date_start"].where(claims["date_start"].notna(), claims.get("as_of"))
            last = claims["date_end"].where(claims["date_end"].notna(), claims.get("as_of"))
            first, last = first.fillna("").astype(str), last.fillna("").astype(str)
            placed = (first != "") & ~first.str.startswith("XXXX")
            inside = ~placed | ((last >= (start or "")) & (first <= (end or "9999")))
            mask = inside if mask is None else mask & inside
        if self.quote is not None:
            quotes = claims["quote"].astype(str)
            matches = quotes.map(self._quote_matches(quotes.unique())).astype(bool)
            mask = matches if mask is None else mask & matches
        return claims if mask is None else claims[mask]

    def _quote_matches(self, quotes) -> dict[str, bool]:
        """Whether each distinct sentence matches `where: quote:`, each searched once: a claim's sentence
        is shared by its other claims and often by other checks' runs. Each search is bounded, and so
        are all of this check's searches, and all of the run's."""
        import time

        found, spent = {}, 0.0
        for quote in quotes:
            known = _quote_matched.get((self.quote, quote))
            if known is not None:
                found[quote] = known
                continue
            check_left, run_left = REGEX_CHECK_SECONDS - spent, REGEX_RUN_SECONDS - _regex_spent[0]
            limit = min(REGEX_SECONDS, check_left, run_left)
            started = time.perf_counter()
            try:
                if limit <= 0:
                    raise TimeoutError
                found[quote] = self.quote.search(quote, timeout=limit) is not None
            except TimeoutError:
                raise self._runaway(limit < REGEX_SECONDS, run_left < check_left, len(found)) from None
            finally:
                elapsed = time.perf_counter() - started
                spent += elapsed
                _regex_spent[0] += elapsed
            if len(_quote_matched) > 100_000:  # a long-lived process reads new sentences for ever
                _quote_matched.clear()
            _quote_matched[(self.quote, quote)] = found[quote]
        return found

    def _runaway(self, out_of_budget: bool, whole_run: bool, sentences: int) -> FactcheckError:
        pattern = f"{self.quote_at}: the `where: quote:` pattern of check {self.name!r}"
        if not out_of_budget:
            return FactcheckError(f"{pattern} ran over {REGEX_SECONDS} s on one sentence; simplify it (nested "
                                  "repetition such as (a|aa)* backtracks without end)")
        budget, whose = (REGEX_RUN_SECONDS, "every check's patterns") if whole_run else \
            (REGEX_CHECK_SECONDS, "this pattern")
        return FactcheckError(f"{pattern} stopped after {sentences:,} sentences: {whose} may take {budget:g} s "
                              "in a run; simplify it or narrow the check (where: languages, sources)")


@dataclass(frozen=True, slots=True)
class RuleSet:
    root: Path
    metrics: dict[str, Metric]
    conventions: Conventions
    checks: dict[str, Check] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    languages: dict[str, Language] = field(default_factory=dict)  # the shipped ones and the rule set's own
    places: dict[str, Actor] = field(default_factory=dict)  # where figures hold: rules/places/<place>.yaml
    sources: dict[str, Actor] = field(default_factory=dict)  # who states figures: rules/sources/<source>.yaml

    def metrics_of_kind(self, kind: str) -> list[Metric]:
        return [m for m in self.metrics.values() if m.kind == kind]

    def language(self, code: str) -> Language:
        if code not in self.languages:
            raise FactcheckError(f"unknown language {code!r}{did_you_mean(code, self.languages)}: expected one "
                                 f"of {', '.join(sorted(self.languages))} (a rule set adds one as languages/<code>.yaml)")
        return self.languages[code]


def default_rules_dir() -> Path:
    """The rule set shipped with factcheck (the checkout's rules/ folder, installed as package data)."""
    from importlib import resources

    return Path(str(resources.files("factcheck.default_rules")))


@functools.cache
def load_rules(root: Path | str | None = None) -> RuleSet:
    """Load and validate the rule set in `root` (default: the shipped one): once per process, and
    from the disk cache (`factcheck.cache`) when an earlier run read the same files."""
    from factcheck.cache import cached

    root = Path(root) if root is not None else default_rules_dir()
    if not root.is_dir():
        raise FactcheckError(f"{root}: rules folder not found; pass --rules DIR with a folder holding metrics/")
    inputs = _files_read(root)
    return _read_rules(root) if inputs is None else cached("rules", inputs, lambda: _read_rules(root))


def _files_read(root: Path) -> str | None:
    """A digest of every file a rule set is read from (its YAML and the shipped languages), or None
    when one cannot be read as a rule file (reading the rule set will say why): a FIFO named x.yaml
    would block, a link to /dev/zero never end."""
    import hashlib

    from factcheck.decoding import read_bytes
    from factcheck.yamlfile import MAX_YAML_BYTES

    digest = hashlib.sha256(str(root.resolve()).encode())
    try:
        for path in [*sorted(root.rglob("*.yaml")), *sorted(languages.shipped_dir().glob("*.yaml"))]:
            digest.update(b"\0" + str(path).encode() + b"\0" + read_bytes(path, MAX_YAML_BYTES, option=""))
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def _read_rules(root: Path) -> RuleSet:
    from factcheck.check.rulefiles import actor_from, check_from, conventions_from, metric_from, rule_files

    problems: list[RuleFileError] = []
    langs = _languages(root, problems)
    known = tuple(sorted(langs))
    metrics: dict[str, Metric] = {}
    metric_files = rule_files(root / "metrics", problems)
    if not metric_files and not problems:
        raise FactcheckError(f"{root}: no metrics/*.yaml files; a rule set needs at least one metric")
    for path in metric_files:
        _read(path, lambda doc: metric_from(doc, known), metrics, problems)
    for metric in metrics.values():
        for index, other in enumerate(metric.outranks):
            if other not in metrics:
                problems.append(load_yaml(metric.path).error(
                    ("outranks", index), f"unknown metric {other!r}{did_you_mean(other, metrics)}",
                    f"expected one of: {', '.join(sorted(metrics))}"))
    checks: dict[str, Check] = {}
    for path in rule_files(root / "checks", problems):
        _read(path, lambda doc: check_from(doc, metrics, known), checks, problems)
    actors: dict[str, Actor] = {}
    places: dict[str, Actor] = {}  # a place has the shape of an actor: names per language
    sources: dict[str, Actor] = {}  # so has a source: "Onu", "United Nations" and "UN" are one voice
    for folder, found in (("actors", actors), ("places", places), ("sources", sources)):
        for path in rule_files(root / folder, problems):
            _read(path, lambda doc: actor_from(doc, known), found, problems)
    read: dict = {}
    if (root / "conventions.yaml").exists():
        _read(root / "conventions.yaml", lambda doc: conventions_from(doc, known), read, problems)
    conventions = read.get("conventions", Conventions())
    problems += _words_of_languages(langs, metrics, actors)
    problems += _names_in_two_actors(actors) + _names_in_two_actors(sources)
    if problems:
        raise RuleSetError(problems)
    return RuleSet(root, _with_language_words(metrics, langs), conventions, checks,
                   _with_language_names(actors, langs), langs, places, sources)




def _read(path: Path, build, into: dict, problems: list) -> None:
    """into[stem] = build(the file's YAML); a broken file adds every one of its problems instead."""
    try:
        into[path.stem] = build(load_yaml(path))
    except RuleFileError as exc:
        problems.append(exc)
    except RuleSetError as exc:  # every problem of the file
        problems += exc.problems


def _languages(root: Path, problems: list) -> dict[str, Language]:
    """The shipped languages, then the rule set's languages/<code>.yaml, each adding or replacing one."""
    found = {code: languages.load(code) for code in languages.available()}
    for path in sorted((root / "languages").glob("*.yaml")):
        language, trouble = languages.read_file(path)
        problems += trouble
        if language is not None:
            found[language.code] = language
    return found


def _names_in_two_actors(actors: dict[str, Actor]) -> list[RuleFileError]:
    """A name is one actor's: the same name in two files would silently go to the first."""
    problems, owner = [], {}
    for actor in sorted(actors.values(), key=lambda a: a.name):
        for lang, names in actor.names.items():
            for index, name in enumerate(names):
                key = (lang, " ".join(name.split()) if name != name.lower() else name)
                first = owner.setdefault(key, actor)
                if first is not actor and actor.path is not None:
                    problems.append(load_yaml(actor.path).error(
                        ("names", lang, index), f"{name!r} is already a name of {first.name} ({first.path.name})",
                        "a name belongs to one actor: remove it from one of the two files"))
    return problems


def _words_of_languages(langs: dict[str, Language], metrics: dict, actors: dict) -> list[RuleFileError]:
    """A language file's `metrics:` and `actors:` name metrics and actors the rule set has."""
    problems = []
    for language in langs.values():
        for section, known, what in (("metrics", metrics, "metric"), ("actors", actors, "actor")):
            for name in language.section(section):
                if name not in known:
                    line = _line_of_key(language.path, section, name)
                    problems.append(RuleFileError(language.path, line, f"unknown {what} {name!r}"
                                                  f"{did_you_mean(name, known)}", f"expected one of: {', '.join(sorted(known))}"))
    return problems


def _line_of_key(path: Path, *keys) -> int | None:
    return load_yaml(path).line(*keys)


def _with_language_words(metrics: dict[str, Metric], langs: dict[str, Language]) -> dict[str, Metric]:
    """Metrics with the words language files give them: `metrics: {troops: [soldados]}` in es.yaml."""
    merged = dict(metrics)
    for code, language in sorted(langs.items()):
        for name, words in language.section("metrics").items():
            metric = merged[name]
            terms, verbs = (words.get("terms", []), words.get("verbs", [])) if isinstance(words, dict) else (words, [])
            merged[name] = dataclasses.replace(
                metric, terms={**metric.terms, code: (*metric.terms.get(code, ()), *terms)},
                verbs={**metric.verbs, code: (*metric.verbs.get(code, ()), *verbs)} if verbs else metric.verbs)
    return merged


def _with_language_names(actors: dict[str, Actor], langs: dict[str, Language]) -> dict[str, Actor]:
    """Actors with the names language files give them: `actors: {spain: [España, español]}`."""
    merged = dict(actors)
    for code, language in sorted(langs.items()):
        for name, names in language.section("actors").items():
            actor = merged[name]
            merged[name] = dataclasses.replace(actor, names={**actor.names, code: (*actor.names.get(code, ()), *names)})
    return merged
