"""One rule file -> its typed object: metric, check, actor or conventions, each key validated.

Every problem in a file is found, each as a RuleFileError at the key's file:line:col with a "did
you mean" where a close choice exists; a file with one problem raises it, a file with several raises
RuleSetError with all of them, and `load_rules` collects them across files. `known` is the rule
set's language codes.
"""
from __future__ import annotations

import dataclasses
import datetime
import enum
import math
import typing
from pathlib import Path

from factcheck.check.ruleset import (CHECK_KEYS, METRIC_KEYS, WHERE_KEYS, Actor, Check, Conventions, Metric,
                                     VagueQuantity)
from factcheck.check.userregex import user_regex
from factcheck.errors import KindError, RuleFileError, RuleSetError
from factcheck.model import MetricKind, Qualifier, Severity
from factcheck.yamlfile import YamlDoc, did_you_mean

EXAMPLE_KEYS = ("text", "value", "qualifier", "date", "none")  # of a metric's example


class Problems:
    """The problems found in one file: `add` one and go on; `check` raises them all at the end."""

    def __init__(self, doc: YamlDoc):
        self.doc, self.found = doc, []

    def add(self, keys: tuple, problem: str, hint: str = "", at_key: bool = False) -> None:
        self.found.append(self.doc.error(keys, problem, hint, at_key))

    def attempt(self, default, function, *args):
        """function(*args), or `default` with its RuleFileError recorded."""
        try:
            return function(*args)
        except RuleFileError as exc:
            self.found.append(exc)
            return default

    def check(self) -> None:
        if len(self.found) == 1:
            raise self.found[0]
        if self.found:
            raise RuleSetError(self.found)


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
    problems = Problems(doc)
    data = _mapping(doc, doc.data, ())
    _reject_unknown_keys(problems, data, METRIC_KEYS, ())
    kind = data.get("kind")
    if kind not in tuple(MetricKind):
        problems.add(("kind",), f"kind must be one of {', '.join(MetricKind)}, got {kind!r}"
                     + did_you_mean(kind, tuple(MetricKind)))
    before = len(problems.found)
    terms = _words_by_language(problems, data.get("terms"), ("terms",), known)
    if not terms and len(problems.found) == before:
        problems.add(("terms",), "a metric needs `terms:` with a list of words for at least one language")
    before = len(problems.found)
    verbs = _words_by_language(problems, data.get("verbs"), ("verbs",), known)
    if kind == "date" and not verbs and len(problems.found) == before:
        problems.add(("verbs",), "a date metric needs `verbs:` (e.g. signed) to tie a date to its event")
    starts = _words_by_language(problems, data.get("starts"), ("starts",), known) if "starts" in data else {}
    outranks = data.get("outranks", [])
    if not isinstance(outranks, list) or not all(isinstance(m, str) for m in outranks):
        problems.add(("outranks",), f"outranks must be a list of metric ids, e.g. [troops], got {outranks!r}")
        outranks = []
    cumulative, fired = data.get("cumulative", False), data.get("fired", False)
    for key, flag in (("cumulative", cumulative), ("fired", fired)):
        if not isinstance(flag, bool):
            problems.add((key,), f"{key} must be true or false, got {flag!r}")
    about = str(data.get("about", ""))
    if not isinstance(data.get("question", ""), str):
        problems.add(("question",), f"question must be text, got {data['question']!r}")
    question = str(data.get("question") or f"What do the sources say about {about or doc.path.stem}?")
    examples = problems.attempt({}, _mapping, doc, data.get("examples"), ("examples",))
    for lang, cases in examples.items():
        if lang not in known:
            problems.add(("examples", lang), f"unknown language {lang!r}{did_you_mean(lang, known)}",
                         f"expected one of: {', '.join(known)}", at_key=True)
        elif not isinstance(cases, list):
            problems.add(("examples", lang), "examples are listed per language: "
                         "{it: [{text: ..., value: ..., qualifier: ...}, {text: ..., none: true}]}")
        else:
            for index, case in enumerate(cases):
                _metric_example(problems, case, ("examples", lang, index), kind)
    problems.check()
    return Metric(doc.path.stem, kind, about, question, terms, verbs, cumulative, tuple(outranks), doc.path,
                  examples, starts, fired is True)


def _metric_example(problems: Problems, case, keys: tuple, kind) -> None:
    """One example of a metric: `{text, value, qualifier}`, `{text, date: [first, last]}` or `{text, none: true}`."""
    if not isinstance(case, dict) or not isinstance(case.get("text"), str):
        problems.add(keys, "an example is {text: ..., value: ..., qualifier: ...} or {text: ..., none: true}")
        return
    _reject_unknown_keys(problems, case, EXAMPLE_KEYS, keys)
    none = case.get("none", False)
    if not isinstance(none, bool):
        problems.add(keys + ("none",), f"none must be true or false, got {none!r}")
    if none:
        return
    if kind == MetricKind.DATE or "date" in case:
        dates = case.get("date")
        if not (isinstance(dates, list) and len(dates) == 2 and all(_example_day(d) for d in dates)):
            problems.add(keys + ("date",), f"date must be [first day, last day], e.g. [2024-06-01, 2024-06-30] "
                         f"(XXXX-06-01 when the year is unknown), got {dates!r}")
        return
    value = case.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.add(keys + ("value",), f"value must be a number, e.g. 10000, got {value!r}")
    qualifier = case.get("qualifier")
    if qualifier not in tuple(Qualifier):
        problems.add(keys + ("qualifier",), f"qualifier must be one of {', '.join(Qualifier)}, got {qualifier!r}"
                     + did_you_mean(qualifier, tuple(Qualifier)))


def _example_day(value) -> bool:
    """A date of an example: 2024-06-01 (YAML reads it as a date) or XXXX-06-01."""
    if isinstance(value, datetime.date):
        return True
    text = str(value)
    try:
        datetime.date.fromisoformat(text.replace("XXXX-", "2000-", 1) if text.startswith("XXXX-") else text)
    except ValueError:
        return False
    return True


def actor_from(doc: YamlDoc, known: tuple[str, ...]) -> Actor:
    problems = Problems(doc)
    data = _mapping(doc, doc.data, ())
    _reject_unknown_keys(problems, data, ("about", "names"), ())
    before = len(problems.found)
    names = _words_by_language(problems, data.get("names"), ("names",), known)
    if not names and len(problems.found) == before:
        problems.add(("names",), "an actor needs `names:` per language, e.g. {it: [Corea del Nord, nordcoreani]}")
    problems.check()
    return Actor(doc.path.stem, str(data.get("about", "")), names, doc.path)


def check_from(doc: YamlDoc, metrics: dict[str, Metric], known: tuple[str, ...]) -> Check:
    """A check file: the keys every check has, then its kind's own keys (the kind's dataclass fields)."""
    from factcheck.check.kinds import KINDS

    problems = Problems(doc)
    data = _mapping(doc, doc.data, ())
    kind_name = data.get("kind")
    kind_cls = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    if kind_cls is None:
        problems.add(("kind",), f"unknown kind {kind_name!r}" + did_you_mean(kind_name, KINDS),
                     f"expected one of: {', '.join(sorted(KINDS))}")
        # the kind is unknown, so are its keys: accept any kind's, to report what else is wrong
        kind_keys = sorted({f.name for cls in KINDS.values() for f in dataclasses.fields(cls) if f.init})
    else:
        kind_keys = [f.name for f in dataclasses.fields(kind_cls) if f.init]
    _reject_unknown_keys(problems, data, (*CHECK_KEYS, *kind_keys), ())
    severity = data.get("severity")
    if severity is None:
        problems.add((), f"a check needs `severity:`, one of {', '.join(Severity)}")
    elif severity not in tuple(Severity):
        problems.add(("severity",), f"severity must be one of {', '.join(Severity)}, got {severity!r}"
                     + did_you_mean(severity, tuple(Severity)))
    description = data.get("description")
    if not isinstance(description, str) or not description.strip():
        problems.add(("description",), "a check needs a `description:` saying why it matters and what to check")
    if not isinstance(data.get("suggestion", ""), str):
        problems.add(("suggestion",), f"suggestion must be text, got {data['suggestion']!r}")
    where = problems.attempt({}, _mapping, doc, data.get("where"), ("where",))
    _reject_unknown_keys(problems, where, WHERE_KEYS, ("where",))
    languages_ = problems.attempt([], _strings, doc, where.get("languages", []), ("where", "languages"))
    for index, lang in enumerate(languages_):
        if lang not in known:
            problems.add(("where", "languages", index), f"unknown language {lang!r}" + did_you_mean(lang, known))
    window = tuple(problems.attempt(None, _iso_day, doc, where.get(key), ("where", key)) for key in ("from", "to"))
    attributions = tuple(problems.attempt([], _strings, doc, where.get("attributions", []), ("where", "attributions")))
    sources = tuple(problems.attempt([], _strings, doc, where.get("sources", []), ("where", "sources")))
    quote, quote_at = None, ""
    if where.get("quote") is not None:
        quote = problems.attempt(None, user_regex, doc, where["quote"], ("where", "quote"))
        line, _col = doc.position("where", "quote") or (None, None)
        quote_at = f"{doc.path}:{line}"
    kind = None
    if kind_cls is not None:
        kind = _build_kind(problems, kind_cls, {k: v for k, v in data.items() if k in kind_keys})
    for metric in sorted(kind.metric_names()) if kind is not None else ():
        if metric not in metrics:
            keys = ("metrics", kind.metrics.index(metric)) if "metrics" in kind_keys else ("expression",)
            problems.add(keys, f"unknown metric {metric!r}{did_you_mean(metric, metrics)}",
                         f"expected one of: {', '.join(sorted(metrics))} (a metric is a file in rules/metrics/)")
    examples = problems.attempt({}, _mapping, doc, data.get("examples"), ("examples",))
    for label, case in examples.items():
        if not (isinstance(case, dict) and len(case) == 1 and set(case) <= {"ok", "finding"}
                and isinstance(next(iter(case.values())), dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in next(iter(case.values())).items())):
            problems.add(("examples", label), f"example {label!r} must be `ok:` or `finding:` with texts by "
                         "file name, e.g. {ok: {a.txt: \"...\", b.txt: \"...\"}}")
    problems.check()
    return Check(doc.path.stem, kind, Severity(severity), description.strip(), str(data.get("suggestion", "")).strip(),
                 tuple(languages_), sources, window, attributions, quote, quote_at, examples, doc.path)


def _iso_day(doc: YamlDoc, value, keys: tuple) -> str | None:
    """A `where:` date as an ISO string (YAML reads 2024-11-06 as a date already)."""
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


def _build_kind(problems: Problems, cls: type, params: dict):
    """An instance of a kind's dataclass from its YAML keys, each checked against the field's type;
    None when a key is missing or wrong (each recorded)."""
    doc = problems.doc
    hints = typing.get_type_hints(cls)
    values, complete = {}, True
    for field_ in (f for f in dataclasses.fields(cls) if f.init):
        name, hint = field_.name, hints[field_.name]
        required = field_.default is dataclasses.MISSING and field_.default_factory is dataclasses.MISSING
        if name not in params:
            if required:
                problems.add((), f"kind {doc.data.get('kind')!r} needs `{name}:`")
                complete = False
            continue
        try:
            values[name] = _typed(doc, name, params[name], hint)
        except RuleFileError as exc:
            problems.found.append(exc)
            complete = False
    if not complete:
        return None
    try:
        return cls(**values)
    except KindError as exc:  # a kind's own check of its keys, e.g. an expression that does not parse
        problems.add(exc.keys, str(exc))
        return None


def _typed(doc: YamlDoc, name: str, value, hint):
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        names = tuple(_strings(doc, value, (name,)))
        if not names:  # a check of no metric never fires: a silent no-op is worse than an error
            raise doc.error((name,), f"{name} must name at least one, got []")
        return names
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
    if hint is float:  # days, counts and shares: none is negative, infinite or nan
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise doc.error((name,), f"{name} must be a number, got {value!r}")
        if not 0 <= value < math.inf or (name == "tolerance" and value >= 1):
            what = "a share between 0 and 1 (0.10 = 10 %)" if name == "tolerance" else "a number of 0 or more"
            raise doc.error((name,), f"{name} must be {what}, got {value!r}")
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
    problems = Problems(doc)
    data = _mapping(doc, doc.data, ())
    _reject_unknown_keys(problems, data, ("approx", "slack", "vague"), ())
    shares = {}
    for key, default in (("approx", 0.10), ("slack", 0.25)):
        share = data.get(key, default)
        if not isinstance(share, (int, float)) or isinstance(share, bool) or not 0 <= share < 1:
            problems.add((key,), f"{key} must be a share between 0 and 1 (0.10 = 10 %), got {share!r}")
            share = default
        shares[key] = float(share)
    vague = []
    for name, entry in problems.attempt({}, _mapping, doc, data.get("vague", {}), ("vague",)).items():
        keys = ("vague", name)
        entry = problems.attempt(None, _mapping, doc, entry, keys)
        if entry is None:
            continue
        numbers = {}
        for key in ("value", "low", "high"):
            number = entry.get(key)
            if key == "high" and number is None:
                numbers[key] = None
                continue
            if not isinstance(number, (int, float)) or isinstance(number, bool):
                problems.add(keys + (key,), f"vague quantity {name!r} needs a number for {key!r}, got {number!r}")
                number = 0
            numbers[key] = float(number)
        words = {k: v for k, v in entry.items() if k not in ("value", "low", "high")}
        terms = _words_by_language(problems, words, keys, known)
        vague.append(VagueQuantity(str(name), numbers["value"], numbers["low"], numbers["high"], terms))
    problems.check()
    return Conventions(shares["approx"], shares["slack"], tuple(vague))


def _mapping(doc: YamlDoc, value, keys: tuple) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        where = ".".join(map(str, keys)) or "the file"
        raise doc.error(keys, f"{where} must be a mapping of keys to values, got {type(value).__name__}")
    return value


def _reject_unknown_keys(problems: Problems, data: dict, allowed, keys: tuple) -> None:
    for key in data:
        if key not in allowed:
            problems.add(keys + (key,), f"unknown key {key!r}{did_you_mean(key, allowed)}",
                         f"expected one of: {', '.join(allowed)}", at_key=True)


def _words_by_language(problems: Problems, value, keys: tuple, known: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    words: dict[str, tuple[str, ...]] = {}
    for lang, items in problems.attempt({}, _mapping, problems.doc, value, keys).items():
        if lang not in known:
            problems.add(keys + (lang,), f"unknown language {lang!r}{did_you_mean(lang, known)}",
                         f"expected one of: {', '.join(known)} (a rule set adds a language as languages/<code>.yaml)",
                         at_key=True)
            continue
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(w, str) and w.strip() for w in items):
            problems.add(keys + (lang,), f"{lang} must be a list of words, e.g. [soldati, truppe]")
            continue
        for index, word in enumerate(items):
            problem = _word_problem(word.strip())
            if problem:
                problems.add(keys + (lang, index), f"{word[:40]!r}{'...' if len(word) > 40 else ''} {problem}")
        words[lang] = tuple(w.strip() for w in items)
    return words


MAX_WORD_CHARS = 100  # a term or a name is a few words; each character is a level of the grammar's trie
MIN_STEM_CHARS = 3    # "mort*" reads morti, morte; "*" alone would make every word a troops word


def _word_problem(word: str) -> str | None:
    """Why a rule word cannot be matched as meant, or None."""
    if len(word) > MAX_WORD_CHARS:
        return f"is {len(word):,} characters long; a word or name has at most {MAX_WORD_CHARS}"
    if "*" in word.rstrip("*") or word.endswith("**"):
        return "has a * inside; a * stands for any ending, at the end of a word (soldat*)"
    if word.endswith("*") and len(word.rstrip("*").strip()) < MIN_STEM_CHARS:
        return f"matches too many words; a * follows at least {MIN_STEM_CHARS} letters (soldat*)"
    return None
