"""One rule file -> its typed object: metric, check, actor or conventions, each key validated.

A problem raises RuleFileError at the key's file:line:col, with a "did you mean" where a close
choice exists; `load_rules` collects them all. `known` is the rule set's language codes.
"""
from __future__ import annotations

import dataclasses
import enum
import typing
from pathlib import Path

from factcheck.check.ruleset import (CHECK_KEYS, METRIC_KEYS, WHERE_KEYS, Actor, Check, Conventions, Metric,
                                     VagueQuantity)
from factcheck.errors import KindError, RuleFileError
from factcheck.model import MetricKind, Severity
from factcheck.yamlfile import YamlDoc, did_you_mean

def rule_files(folder: Path, problems: list) -> list[Path]:
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


def metric_from(doc: YamlDoc, known: tuple[str, ...]) -> Metric:
    data = _mapping(doc, doc.data, ())
    _reject_unknown_keys(doc, data, METRIC_KEYS, ())
    kind = data.get("kind")
    if kind not in tuple(MetricKind):
        raise doc.error(("kind",), f"kind must be one of {', '.join(MetricKind)}, got {kind!r}"
                        + did_you_mean(kind, tuple(MetricKind)))
    terms = _words_by_language(doc, data.get("terms"), ("terms",), known)
    if not terms:
        raise doc.error(("terms",), "a metric needs `terms:` with a list of words for at least one language")
    verbs = _words_by_language(doc, data.get("verbs"), ("verbs",), known)
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
        if lang not in known or not isinstance(cases, list) \
                or not all(isinstance(c, dict) and isinstance(c.get("text"), str) for c in cases):
            raise doc.error(("examples", lang), "examples are listed per language: "
                            "{it: [{text: ..., value: ..., qualifier: ...}, {text: ..., none: true}]}")
    return Metric(doc.path.stem, kind, about, question, terms, verbs, cumulative, tuple(outranks), doc.path,
                  examples)


def actor_from(doc: YamlDoc, known: tuple[str, ...]) -> Actor:
    data = _mapping(doc, doc.data, ())
    _reject_unknown_keys(doc, data, ("about", "names"), ())
    names = _words_by_language(doc, data.get("names"), ("names",), known)
    if not names:
        raise doc.error(("names",), "an actor needs `names:` per language, e.g. {it: [Corea del Nord, nordcoreani]}")
    return Actor(doc.path.stem, str(data.get("about", "")), names, doc.path)


def check_from(doc: YamlDoc, metrics: dict[str, Metric], known: tuple[str, ...]) -> Check:
    """A check file: the keys every check has, then its kind's own keys (the kind's dataclass fields)."""
    from factcheck.check.kinds import KINDS

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
        raise doc.error((), f"a check needs `severity:`, one of {', '.join(Severity)}")
    if severity not in tuple(Severity):
        raise doc.error(("severity",), f"severity must be one of {', '.join(Severity)}, got {severity!r}"
                        + did_you_mean(severity, tuple(Severity)))
    description = data.get("description")
    if not isinstance(description, str) or not description.strip():
        raise doc.error(("description",), "a check needs a `description:` saying why it matters and what to check")
    where = _mapping(doc, data.get("where"), ("where",))
    _reject_unknown_keys(doc, where, WHERE_KEYS, ("where",))
    languages_ = _strings(doc, where.get("languages", []), ("where", "languages"))
    for index, lang in enumerate(languages_):
        if lang not in known:
            raise doc.error(("where", "languages", index), f"unknown language {lang!r}" + did_you_mean(lang, known))
    window = tuple(_iso_day(doc, where.get(key), ("where", key)) for key in ("from", "to"))
    attributions = tuple(_strings(doc, where.get("attributions", []), ("where", "attributions")))
    quote, quote_at = None, ""
    if where.get("quote") is not None:
        quote = _user_regex(doc, where["quote"], ("where", "quote"))
        line, col = doc.position("where", "quote") or (None, None)
        quote_at = f"{doc.path}:{line}"
    kind = _build_kind(doc, kind_cls, {k: v for k, v in data.items() if k in kind_keys})
    for metric in sorted(kind.metric_names()):
        if metric not in metrics:
            keys = ("metrics", kind.metrics.index(metric)) if "metrics" in kind_keys else ("expression",)
            raise doc.error(keys, f"unknown metric {metric!r}{did_you_mean(metric, metrics)}",
                            f"expected one of: {', '.join(sorted(metrics))} (a metric is a file in rules/metrics/)")
    examples = _mapping(doc, data.get("examples"), ("examples",))
    for label, case in examples.items():
        if not (isinstance(case, dict) and len(case) == 1 and set(case) <= {"ok", "finding"}
                and isinstance(next(iter(case.values())), dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in next(iter(case.values())).items())):
            raise doc.error(("examples", label), f"example {label!r} must be `ok:` or `finding:` with texts by "
                            "file name, e.g. {ok: {a.txt: \"...\", b.txt: \"...\"}}")
    return Check(doc.path.stem, kind, Severity(severity), description.strip(), str(data.get("suggestion", "")).strip(),
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
    except KindError as exc:  # a kind's own check of its keys, e.g. an expression that does not parse
        raise doc.error(exc.keys, str(exc)) from None


def _typed(doc: YamlDoc, name: str, value, hint):
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        return tuple(_strings(doc, value, (name,)))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):  # Severity: a closed set
        choices = [member.value for member in hint]
        if value not in choices:
            raise doc.error((name,), f"{name} must be one of {', '.join(choices)}, got {value!r}"
                            + did_you_mean(value, choices))
        return hint(value)
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


def conventions_from(doc: YamlDoc, known: tuple[str, ...]) -> Conventions:
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
        terms = _words_by_language(doc, words, keys, known)
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


def _words_by_language(doc: YamlDoc, value, keys: tuple, known: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    words: dict[str, tuple[str, ...]] = {}
    for lang, items in _mapping(doc, value, keys).items():
        if lang not in known:
            raise doc.error(keys + (lang,), f"unknown language {lang!r}{did_you_mean(lang, known)}",
                            f"expected one of: {', '.join(known)} (a rule set adds a language as languages/<code>.yaml)",
                            at_key=True)
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(w, str) and w.strip() for w in items):
            raise doc.error(keys + (lang,), f"{lang} must be a list of words, e.g. [soldati, truppe]")
        words[lang] = tuple(w.strip() for w in items)
    return words
