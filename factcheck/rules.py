"""Load a rule set folder into typed objects, validating every file before anything runs.

    rules/metrics/<metric>.yaml   what a figure is: its kind and trigger words per language
    rules/conventions.yaml        how qualified and vague figures become intervals

Every problem is collected and raised once, each naming `file:line`.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from factcheck import languages
from factcheck.errors import FactcheckError, RuleFileError
from factcheck.yamlfile import YamlDoc, did_you_mean, load_yaml

METRIC_KINDS = ("quantity", "date")
METRIC_KEYS = ("kind", "about", "cumulative", "outranks", "terms", "verbs", "examples")


@dataclass(frozen=True, slots=True)
class Metric:
    """What a figure is about, and the words that name it in each language."""

    name: str
    kind: str
    about: str
    terms: dict[str, tuple[str, ...]]
    verbs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cumulative: bool = False
    # metrics whose word this one's overrides when both name one figure: "300 soldati uccisi" is killed
    outranks: tuple[str, ...] = ()
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
    vague: tuple[VagueQuantity, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleSet:
    root: Path
    metrics: dict[str, Metric]
    conventions: Conventions

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
    metric_files = sorted((root / "metrics").glob("*.yaml"))
    if not metric_files:
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
    conventions = Conventions()
    conventions_path = root / "conventions.yaml"
    if conventions_path.exists():
        try:
            conventions = _conventions_from(load_yaml(conventions_path))
        except RuleFileError as exc:
            problems.append(exc)
    if problems:
        raise RuleSetError(problems)
    return RuleSet(root, metrics, conventions)


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
    return Metric(doc.path.stem, kind, str(data.get("about", "")), terms, verbs, cumulative, tuple(outranks),
                  doc.path)


def _conventions_from(doc: YamlDoc) -> Conventions:
    data = _mapping(doc, doc.data, ())
    _reject_unknown_keys(doc, data, ("approx", "vague"), ())
    approx = data.get("approx", 0.10)
    if not isinstance(approx, (int, float)) or isinstance(approx, bool) or not 0 <= approx < 1:
        raise doc.error(("approx",), f"approx must be a share between 0 and 1 (0.10 = ±10 %), got {approx!r}")
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
    return Conventions(float(approx), tuple(vague))


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
                            f"expected one of: {', '.join(allowed)}")


def _words_by_language(doc: YamlDoc, value, keys: tuple) -> dict[str, tuple[str, ...]]:
    known = languages.available()
    words: dict[str, tuple[str, ...]] = {}
    for lang, items in _mapping(doc, value, keys).items():
        if lang not in known:
            raise doc.error(keys + (lang,), f"unknown language {lang!r}{did_you_mean(lang, known)}",
                            f"expected one of: {', '.join(known)} (a language is a file in factcheck/languages/)")
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(w, str) and w.strip() for w in items):
            raise doc.error(keys + (lang,), f"{lang} must be a list of words, e.g. [soldati, truppe]")
        words[lang] = tuple(w.strip() for w in items)
    return words
