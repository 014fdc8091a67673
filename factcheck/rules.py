"""Load a rule set folder into typed objects, validating every file before anything runs.

    rules/metrics/<metric>.yaml   what a figure is: its kind and trigger words per language
    rules/checks/<check>.yaml     what must hold across sources: a kind (factcheck/kinds/) and its keys
    rules/actors/<actor>.yaml     who a figure is about: names, demonyms and capitals per language
    rules/conventions.yaml        how qualified and vague figures become intervals

Every problem is collected and raised once, each naming `file:line`.
"""
from __future__ import annotations

import dataclasses
import fnmatch
import functools
import typing
from dataclasses import dataclass, field
from pathlib import Path

from factcheck import languages
from factcheck.errors import FactcheckError, RuleFileError
from factcheck.yamlfile import YamlDoc, did_you_mean, load_yaml

METRIC_KINDS = ("quantity", "date")
METRIC_KEYS = ("kind", "about", "question", "cumulative", "outranks", "terms", "verbs", "examples")
SEVERITIES = ("error", "warning", "info")
CHECK_KEYS = ("kind", "severity", "description", "suggestion", "where", "examples")
WHERE_KEYS = ("languages", "sources", "from", "to", "quote", "attributions")
REGEX_SECONDS = 0.1  # a rule's regular expression gets this long per quote; more is a runaway pattern


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
    kind: object  # an instance of a class in factcheck.kinds.KINDS
    severity: str
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
        from factcheck.kinds import KINDS

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
            matches = claims["quote"].map(self._quote_matches).astype(bool)
            mask = matches if mask is None else mask & matches
        return claims if mask is None else claims[mask]

    def _quote_matches(self, quote) -> bool:
        try:
            return self.quote.search(str(quote), timeout=REGEX_SECONDS) is not None
        except TimeoutError:
            raise FactcheckError(f"{self.quote_at}: the `where: quote:` pattern of check {self.name!r} ran over "
                                 f"{REGEX_SECONDS} s on one sentence; simplify it (nested repetition such as "
                                 "(a+)+ backtracks without end)") from None


@dataclass(frozen=True, slots=True)
class RuleSet:
    root: Path
    metrics: dict[str, Metric]
    conventions: Conventions
    checks: dict[str, Check] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)

    def metrics_of_kind(self, kind: str) -> list[Metric]:
        return [m for m in self.metrics.values() if m.kind == kind]


def default_rules_dir() -> Path:
    """The rule set shipped with factcheck (the checkout's rules/ folder, installed as package data)."""
    from importlib import resources

    return Path(str(resources.files("factcheck.default_rules")))


@functools.cache
def load_rules(root: Path | str | None = None) -> RuleSet:
    """Load and validate the rule set in `root` (default: the shipped one)."""
    root = Path(root) if root is not None else default_rules_dir()
    if not root.is_dir():
        raise FactcheckError(f"{root}: rules folder not found; pass --rules DIR with a folder holding metrics/")
    problems: list[RuleFileError] = []
    metrics: dict[str, Metric] = {}
    metric_files = _rule_files(root / "metrics", problems)
    if not metric_files and not problems:
        raise FactcheckError(f"{root}: no metrics/*.yaml files; a rule set needs at least one metric")
    for path in metric_files:
        try:
            metrics[path.stem] = _metric_from(load_yaml(path))
        except RuleFileError as exc:
            problems.append(exc)
    for metric in metrics.values():
        for index, other in enumerate(metric.outranks):
            if other not in metrics:
                problems.append(load_yaml(metric.path).error(
                    ("outranks", index), f"unknown metric {other!r}{did_you_mean(other, metrics)}",
                    f"expected one of: {', '.join(sorted(metrics))}"))
    checks: dict[str, Check] = {}
    for path in _rule_files(root / "checks", problems):
        try:
            checks[path.stem] = _check_from(load_yaml(path), metrics)
        except RuleFileError as exc:
            problems.append(exc)
    actors: dict[str, Actor] = {}
    for path in _rule_files(root / "actors", problems):
        try:
            actors[path.stem] = _actor_from(load_yaml(path))
        except RuleFileError as exc:
            problems.append(exc)
    conventions = Conventions()
    conventions_path = root / "conventions.yaml"
    if conventions_path.exists():
        try:
            conventions = _conventions_from(load_yaml(conventions_path))
        except RuleFileError as exc:
            problems.append(exc)
    if problems:
        raise RuleSetError(problems)
    return RuleSet(root, metrics, conventions, checks, actors)


def _rule_files(folder: Path, problems: list) -> list[Path]:
    """The YAML files under `folder`, subfolders too; a rule's id is its file stem, so two files
    with one stem are a problem (the second is skipped)."""
    seen: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.yaml")):
        if path.stem in seen:
            problems.append(RuleFileError(path, None, f"duplicate rule id {path.stem!r}: {seen[path.stem]} has it too",
                                          "a rule's id is its file name; rename one of them"))
            continue
        seen[path.stem] = path
    return list(seen.values())


class RuleSetError(FactcheckError):
    """Every problem found in a rule set, one `file:line: problem` per line."""

    def __init__(self, problems: list[RuleFileError]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _metric_from(doc: YamlDoc) -> Metric:
    data = _mapping(doc, doc.data, ())
    _reject_unknown_keys(doc, data, METRIC_KEYS, ())
    kind = data.get("kind")
    if kind not in METRIC_KINDS:
        raise doc.error(("kind",), f"kind must be one of {', '.join(METRIC_KINDS)}, got {kind!r}"
                        + did_you_mean(kind, METRIC_KINDS))
    terms = _words_by_language(doc, data.get("terms"), ("terms",))
    if not terms:
        raise doc.error(("terms",), "a metric needs `terms:` with a list of words for at least one language")
    verbs = _words_by_language(doc, data.get("verbs"), ("verbs",))
    if kind == "date" and not verbs:
        raise doc.error(("verbs",), "a date metric needs `verbs:` (e.g. signed) to tie a date to its event")
    outranks = data.get("outranks", [])
    if not isinstance(outranks, list) or not all(isinstance(m, str) for m in outranks):
        raise doc.error(("outranks",), f"outranks must be a list of metric ids, e.g. [troops], got {outranks!r}")
    cumulative = data.get("cumulative", False)
    if not isinstance(cumulative, bool):
        raise doc.error(("cumulative",), f"cumulative must be true or false, got {cumulative!r}")
    about = str(data.get("about", ""))
    question = str(data.get("question") or f"What do the sources say about {about or doc.path.stem}?")
    examples = _mapping(doc, data.get("examples"), ("examples",))
    for lang, cases in examples.items():
        if lang not in languages.available() or not isinstance(cases, list) \
                or not all(isinstance(c, dict) and isinstance(c.get("text"), str) for c in cases):
            raise doc.error(("examples", lang), "examples are listed per language: "
                            "{it: [{text: ..., value: ..., qualifier: ...}, {text: ..., none: true}]}")
    return Metric(doc.path.stem, kind, about, question, terms, verbs, cumulative, tuple(outranks), doc.path,
                  examples)


def _actor_from(doc: YamlDoc) -> Actor:
    data = _mapping(doc, doc.data, ())
    _reject_unknown_keys(doc, data, ("about", "names"), ())
    names = _words_by_language(doc, data.get("names"), ("names",))
    if not names:
        raise doc.error(("names",), "an actor needs `names:` per language, e.g. {it: [Corea del Nord, nordcoreani]}")
    return Actor(doc.path.stem, str(data.get("about", "")), names, doc.path)


def _check_from(doc: YamlDoc, metrics: dict[str, Metric]) -> Check:
    """A check file: the keys every check has, then its kind's own keys (the kind's dataclass fields)."""
    from factcheck.kinds import KINDS

    data = _mapping(doc, doc.data, ())
    kind_name = data.get("kind")
    if kind_name not in KINDS:
        raise doc.error(("kind",), f"unknown kind {kind_name!r}" + did_you_mean(kind_name, KINDS),
                        f"expected one of: {', '.join(sorted(KINDS))}")
    kind_cls = KINDS[kind_name]
    kind_keys = [f.name for f in dataclasses.fields(kind_cls) if f.init]
    _reject_unknown_keys(doc, data, (*CHECK_KEYS, *kind_keys), ())
    severity = data.get("severity")
    if severity is None:
        raise doc.error((), f"a check needs `severity:`, one of {', '.join(SEVERITIES)}")
    if severity not in SEVERITIES:
        raise doc.error(("severity",), f"severity must be one of {', '.join(SEVERITIES)}, got {severity!r}"
                        + did_you_mean(severity, SEVERITIES))
    description = data.get("description")
    if not isinstance(description, str) or not description.strip():
        raise doc.error(("description",), "a check needs a `description:` saying why it matters and what to check")
    where = _mapping(doc, data.get("where"), ("where",))
    _reject_unknown_keys(doc, where, WHERE_KEYS, ("where",))
    languages_ = _strings(doc, where.get("languages", []), ("where", "languages"))
    for index, lang in enumerate(languages_):
        if lang not in languages.available():
            raise doc.error(("where", "languages", index), f"unknown language {lang!r}"
                            + did_you_mean(lang, languages.available()))
    window = tuple(_iso_day(doc, where.get(key), ("where", key)) for key in ("from", "to"))
    attributions = tuple(_strings(doc, where.get("attributions", []), ("where", "attributions")))
    quote, quote_at = None, ""
    if where.get("quote") is not None:
        quote = _user_regex(doc, where["quote"], ("where", "quote"))
        line, col = doc.position("where", "quote") or (None, None)
        quote_at = f"{doc.path}:{line}"
    kind = _build_kind(doc, kind_cls, {k: v for k, v in data.items() if k in kind_keys})
    for index, metric in enumerate(getattr(kind, "metrics", ())):
        if metric not in metrics:
            raise doc.error(("metrics", index), f"unknown metric {metric!r}{did_you_mean(metric, metrics)}",
                            f"expected one of: {', '.join(sorted(metrics))} (a metric is a file in rules/metrics/)")
    for metric in getattr(kind, "metric_names", lambda: ())():
        if metric not in metrics:
            raise doc.error(("expression",), f"unknown metric {metric!r}{did_you_mean(metric, metrics)}",
                            f"expected one of: {', '.join(sorted(metrics))}")
    examples = _mapping(doc, data.get("examples"), ("examples",))
    for label, case in examples.items():
        if not (isinstance(case, dict) and len(case) == 1 and set(case) <= {"ok", "finding"}
                and isinstance(next(iter(case.values())), dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in next(iter(case.values())).items())):
            raise doc.error(("examples", label), f"example {label!r} must be `ok:` or `finding:` with texts by "
                            "file name, e.g. {ok: {a.txt: \"...\", b.txt: \"...\"}}")
    return Check(doc.path.stem, kind, severity, description.strip(), str(data.get("suggestion", "")).strip(),
                 tuple(languages_), tuple(_strings(doc, where.get("sources", []), ("where", "sources"))),
                 window, attributions, quote, quote_at, examples, doc.path)


def _user_regex(doc: YamlDoc, value, keys: tuple):
    """An editor's regular expression, compiled (the `regex` module, case-insensitive); it runs with a
    time bound, see Check.select."""
    import regex

    if not isinstance(value, str) or not value:
        raise doc.error(keys, f"{keys[-1]} must be a regular expression, got {value!r}")
    try:
        return regex.compile(value, regex.IGNORECASE)
    except regex.error as exc:
        raise doc.error(keys, f"invalid regular expression {value!r}: {exc}") from None


def _iso_day(doc: YamlDoc, value, keys: tuple) -> str | None:
    """A `where:` date as an ISO string (YAML reads 2024-11-06 as a date already)."""
    import datetime

    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise doc.error(keys, f"{keys[-1]} must be a date like 2024-11-06, got {value!r}") from None


def _strings(doc: YamlDoc, value, keys: tuple) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise doc.error(keys, f"{'.'.join(map(str, keys))} must be a list of names, got {value!r}")
    return value


def _build_kind(doc: YamlDoc, cls: type, params: dict):
    """An instance of a kind's dataclass from its YAML keys, each checked against the field's type."""
    hints = typing.get_type_hints(cls)
    values = {}
    for field_ in (f for f in dataclasses.fields(cls) if f.init):
        name, hint = field_.name, hints[field_.name]
        required = field_.default is dataclasses.MISSING and field_.default_factory is dataclasses.MISSING
        if name not in params:
            if required:
                raise doc.error((), f"kind {doc.data.get('kind')!r} needs `{name}:`")
            continue
        values[name] = _typed(doc, name, params[name], hint)
    try:
        return cls(**values)
    except ValueError as exc:  # a kind's own check of its keys, e.g. an expression that does not parse
        raise doc.error(getattr(exc, "keys", ()), str(exc)) from None


def _typed(doc: YamlDoc, name: str, value, hint):
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        return tuple(_strings(doc, value, (name,)))
    if origin is typing.Literal:
        if value not in args:
            raise doc.error((name,), f"{name} must be one of {', '.join(map(str, args))}, got {value!r}"
                            + did_you_mean(value, args))
        return value
    if args and type(None) in args:  # an optional number: `max: null` is no bound
        if value is None:
            return None
        hint = next(a for a in args if a is not type(None))
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise doc.error((name,), f"{name} must be a number, got {value!r}")
        return float(value)
    if hint is bool:
        if not isinstance(value, bool):
            raise doc.error((name,), f"{name} must be true or false, got {value!r}")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise doc.error((name,), f"{name} must be text, got {value!r}")
        return value
    raise TypeError(f"kind field {name} has a type the loader does not know: {hint}")


def _conventions_from(doc: YamlDoc) -> Conventions:
    data = _mapping(doc, doc.data, ())
    _reject_unknown_keys(doc, data, ("approx", "slack", "vague"), ())
    shares = {}
    for key, default in (("approx", 0.10), ("slack", 0.25)):
        share = data.get(key, default)
        if not isinstance(share, (int, float)) or isinstance(share, bool) or not 0 <= share < 1:
            raise doc.error((key,), f"{key} must be a share between 0 and 1 (0.10 = 10 %), got {share!r}")
        shares[key] = float(share)
    vague = []
    for name, entry in _mapping(doc, data.get("vague", {}), ("vague",)).items():
        keys = ("vague", name)
        entry = _mapping(doc, entry, keys)
        numbers = {}
        for key in ("value", "low", "high"):
            number = entry.get(key)
            if key == "high" and number is None:
                numbers[key] = None
                continue
            if not isinstance(number, (int, float)) or isinstance(number, bool):
                raise doc.error(keys + (key,), f"vague quantity {name!r} needs a number for {key!r}, got {number!r}")
            numbers[key] = float(number)
        words = {k: v for k, v in entry.items() if k not in ("value", "low", "high")}
        terms = _words_by_language(doc, words, keys)
        vague.append(VagueQuantity(str(name), numbers["value"], numbers["low"], numbers["high"], terms))
    return Conventions(shares["approx"], shares["slack"], tuple(vague))


def _mapping(doc: YamlDoc, value, keys: tuple) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        where = ".".join(map(str, keys)) or "the file"
        raise doc.error(keys, f"{where} must be a mapping of keys to values, got {type(value).__name__}")
    return value


def _reject_unknown_keys(doc: YamlDoc, data: dict, allowed, keys: tuple) -> None:
    for key in data:
        if key not in allowed:
            raise doc.error(keys + (key,), f"unknown key {key!r}{did_you_mean(key, allowed)}",
                            f"expected one of: {', '.join(allowed)}", at_key=True)


def _words_by_language(doc: YamlDoc, value, keys: tuple) -> dict[str, tuple[str, ...]]:
    known = languages.available()
    words: dict[str, tuple[str, ...]] = {}
    for lang, items in _mapping(doc, value, keys).items():
        if lang not in known:
            raise doc.error(keys + (lang,), f"unknown language {lang!r}{did_you_mean(lang, known)}",
                            f"expected one of: {', '.join(known)} (a language is a file in factcheck/languages/)",
                            at_key=True)
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(w, str) and w.strip() for w in items):
            raise doc.error(keys + (lang,), f"{lang} must be a list of words, e.g. [soldati, truppe]")
        words[lang] = tuple(w.strip() for w in items)
    return words
