"""The shape of a language file, declared once: every problem found with its file:line:col.

A language file has three sections read by three stages (`numbers:` by the numeral grammar,
`dates:` by the date grammar, `text:` by the claim reader) and optional `metrics:` and `actors:`
sections that add this language's words to a rule set. Each key below says what it holds; the
validator walks the file once and reports every mismatch, not only the first.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from factcheck.yamlfile import did_you_mean

class Problem(NamedTuple):
    keys: tuple  # the path of keys to the value
    problem: str
    at_key: bool = False  # point at the key itself (an unknown key), not at its value
QUOTE_HINT = "quote yes, no, on, off: YAML reads them as true/false"


class Spec:
    """What one value of a language file must be."""

    def problems(self, value, keys: tuple) -> Iterator[Problem]:
        raise NotImplementedError


@dataclass(frozen=True)
class Words(Spec):
    """A list of words or phrases; `count` when the list has a fixed length (12 months)."""

    count: int | None = None
    what: str = "words"
    blank: bool = False  # "" or " " allowed: a range with no opening word, a space that groups digits

    def problems(self, value, keys):
        if not isinstance(value, list) or not all(isinstance(w, str) and (self.blank or w.strip()) for w in value):
            yield keys, f"expected a list of {self.what} ({QUOTE_HINT})"
        elif self.count is not None and len(value) != self.count:
            yield keys, f"expected {self.count} {self.what}, got {len(value)}"


@dataclass(frozen=True)
class Number(Spec):
    whole: bool = False
    low: float | None = None
    high: float | None = None
    positive: bool = False

    def describe(self) -> str:
        kind = "a whole number" if self.whole else "a number"
        if self.low is not None and self.high is not None:
            return f"{kind} from {self.low:g} to {self.high:g}"
        return f"a positive {kind[2:]}" if self.positive else kind

    def problems(self, value, keys):
        ok = isinstance(value, int if self.whole else (int, float)) and not isinstance(value, bool)
        if ok and self.positive:
            ok = value > 0
        if ok and self.low is not None:
            ok = self.low <= value <= self.high
        if not ok:
            yield keys, f"expected {self.describe()}, got {value!r}"


@dataclass(frozen=True)
class Choice(Spec):
    choices: tuple

    def problems(self, value, keys):
        if value not in self.choices:
            yield keys, (f"expected one of {', '.join(map(str, self.choices))}, got {value!r}"
                         + did_you_mean(value, self.choices))


@dataclass(frozen=True)
class Flag(Spec):
    def problems(self, value, keys):
        if not isinstance(value, bool):
            yield keys, f"expected true or false, got {value!r}"


@dataclass(frozen=True)
class Day(Spec):
    def problems(self, value, keys):
        if not isinstance(value, datetime.date):
            yield keys, f"expected a date like 2024-11-29, got {value!r}"


@dataclass(frozen=True)
class Text(Spec):
    def problems(self, value, keys):
        if not isinstance(value, str):
            yield keys, f"expected text, got {value!r}"


@dataclass(frozen=True)
class Optional(Spec):
    """`null` or the inner spec (an example whose text is no number)."""

    inner: Spec

    def problems(self, value, keys):
        if value is not None:
            yield from self.inner.problems(value, keys)


@dataclass(frozen=True)
class Pair(Spec):
    """[first, last]: an example date span."""

    item: Spec

    def problems(self, value, keys):
        if not isinstance(value, list) or len(value) != 2:
            yield keys, "expected [first day, last day]"
            return
        for index, item in enumerate(value):
            yield from self.item.problems(item, keys + (index,))


@dataclass(frozen=True)
class WordMap(Spec):
    """A mapping of words to values of one spec: {mila: 1000}."""

    value: Spec

    def problems(self, value, keys):
        if not isinstance(value, dict) or not all(isinstance(w, str) for w in value):
            yield keys, f"expected a mapping of words to values ({QUOTE_HINT})"
            return
        for word, item in value.items():
            yield from self.value.problems(item, keys + (word,))


@dataclass(frozen=True)
class Section(Spec):
    """A mapping with known keys: unknown keys get a did-you-mean, missing required ones are named."""

    fields: dict[str, Spec]
    optional: frozenset[str] = frozenset()
    checks: tuple[Callable[[dict], Iterator[Problem]], ...] = field(default=())

    def problems(self, value, keys):
        if not isinstance(value, dict):
            yield keys, f"expected a mapping with keys {', '.join(self.fields)}"
            return
        for key in value:
            if key not in self.fields:
                yield Problem(keys + (key,), f"unknown key {key!r}{did_you_mean(key, self.fields)}; expected "
                              "one of: " + ", ".join(self.fields), at_key=True)
        missing = [k for k in self.fields if k not in value and k not in self.optional]
        if missing:
            yield keys, f"missing {', '.join(missing)} (write [] or {{}} when empty)"
        for key, spec in self.fields.items():
            if key in value:
                yield from spec.problems(value[key], keys + (key,))
        if not missing:
            for check in self.checks:
                for sub, problem in check(value):
                    yield Problem(keys + sub, problem)


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec

    def problems(self, value, keys):
        if not isinstance(value, list):
            yield keys, "expected a list"
            return
        for index, item in enumerate(value):
            yield from self.item.problems(item, keys + (index,))


def _roles_known(section: dict) -> Iterator[Problem]:
    """`alone` and `elide` name words the other lists define."""
    def words(*lists):
        return {w.casefold() for key in lists if isinstance(section.get(key), (dict, list)) for w in section[key]}

    for index, word in enumerate(section.get("alone") or []):
        if isinstance(word, str) and word.casefold() not in words("hundreds", "scales"):
            yield ("alone", index), f"{word!r} is in neither hundreds nor scales"
    for index, word in enumerate(section.get("elide") or []):
        if isinstance(word, str) and word.casefold() not in words("tens", "hundreds"):
            yield ("elide", index), f"{word!r} is in neither tens nor hundreds"


POSITIVE = Number(positive=True)
WORDS = Words()

NUMBERS = Section({
    "separators": Section({"decimal": Text(), "thousands": Text(), "group_spaces": Words(blank=True),
                           "apostrophes": WORDS}, optional=frozenset({"apostrophes"})),
    "compound_words": Flag(),
    "vowels": Text(),
    "minus": WORDS, "percent": WORDS, "zero": WORDS,
    "units": WordMap(POSITIVE), "teens": WordMap(POSITIVE), "tens": WordMap(POSITIVE),
    "elide": WORDS, "hundreds": WordMap(POSITIVE), "scales": WordMap(POSITIVE), "alone": WORDS,
    "dozens": WordMap(POSITIVE), "halves": WORDS, "connectors": WORDS, "decimal_words": WORDS,
    "articles": WORDS, "suffixes": WordMap(POSITIVE),
    "examples": WordMap(Optional(Number())),
}, optional=frozenset({"examples", "vowels"}), checks=(_roles_known,))

DATES = Section({
    "reference": Day(),
    "months": Words(12, "month names, January first"),
    "month_abbreviations": WordMap(Number(whole=True, low=1, high=12)),
    "capitalized_only": WORDS,
    "weekdays": Words(7, "weekday names, Monday first"),
    "weekday_abbreviations": WordMap(Number(whole=True, low=1, high=7)),
    "month_first": Flag(),
    "numeric_order": Choice(("dmy", "mdy")),
    "articles": WORDS,
    "contractions": WordMap(WORDS),
    "lead_words": WORDS, "year_lead_words": WORDS, "of_words": WORDS,
    "past_words": WORDS, "next_words": WORDS, "this_words": WORDS, "after_next_words": WORDS,
    "ordinals": WordMap(Number(whole=True, low=-1, high=31)),
    "ordinal_suffixes": WORDS,
    "units": WordMap(Choice(("day", "week", "month", "year"))),
    "days_from_today": WordMap(Number(whole=True, low=-7, high=7)),
    "month_parts": WordMap(Choice(("early", "mid", "late"))),
    "ago_words": WORDS, "hence_words": WORDS, "later_words": WORDS, "anchor_words": WORDS,
    "not_before_dates": WORDS,
    "ranges": WordMap(WORDS),
    "year_suffixes": WORDS,
    "examples": WordMap(Optional(Pair(Day()))),
}, optional=frozenset({"reference", "examples", "month_parts"}))

TEXT = Section({
    "function_words": WORDS,
    "qualifiers": Section({"exact": WORDS, "approx": WORDS, "at_least": WORDS, "at_most": WORDS},
                          optional=frozenset({"exact", "approx", "at_least", "at_most"})),
    "ranges": ListOf(Section({"open": Words(blank=True),
                              "join": WORDS})),
    "fractions": WordMap(POSITIVE),
    "articles": WORDS, "of": WORDS, "fillers": WORDS, "people": WORDS, "modifiers": WORDS,
    "subset_markers": WORDS,
    "clock": Section({"before": WORDS, "after": WORDS}),
    "other_words_to_metric": Number(whole=True, low=0, high=10),
    "not_counts": Section({"units": WORDS, "index_words": WORDS, "time_words": WORDS,
                           "approximate_numerals": WORDS, "negations": WORDS}, optional=frozenset({"negations"})),
    "conjunctions": WORDS, "deadlines": WORDS, "attribution_cues": WORDS, "not_sources": WORDS,
    "as_of_words": WORDS, "actor_blockers": WORDS, "agent_markers": WORDS, "attack_words": WORDS,
    "source_joiners": WORDS,
    "aspects": Section({"increment": WORDS, "period": WORDS}),
    "populations": WordMap(WORDS),
    "locatives": WORDS,
    "furniture": Section({"link_markers": WORDS, "reading_time": WORDS, "clock_words": WORDS}),
    "attribution_verbs": WORDS, "source_nouns": WORDS, "speaker_pronouns": WORDS,
    "counts_one": WordMap(Choice(("tolls", "anything"))), "rise_verbs": WORDS,
    "clause_openers": WORDS, "other_counts": WORDS, "joins_actors": WORDS,
    "state_sources": WORDS, "known_sources": WORDS, "instruments": WORDS, "when_words": WORDS, "more_after": WORDS, "attribution_openers": WORDS, "statement_anaphors": WORDS,
    "interceptions": WORDS, "partitive_clitics": WORDS, "media_nouns": WORDS, "change_verbs": WORDS, "state_titles": WORDS, "count_nouns": WORDS, "buildings": WORDS, "own_losses": WORDS,
}, optional=frozenset({"own_losses", "buildings", "change_verbs", "state_titles", "count_nouns", "interceptions", "partitive_clitics", "media_nouns", "state_sources", "known_sources", "instruments", "when_words", "more_after", "attribution_openers", "statement_anaphors", "attribution_verbs", "source_nouns", "speaker_pronouns", "counts_one", "rise_verbs",
                       "clause_openers", "other_counts", "joins_actors"}))


@dataclass(frozen=True)
class MetricWords(Spec):
    """Words this language adds to a rule set's metrics: {troops: [soldados]}, and for a date
    metric its nouns and verbs: {agreement_signed: {terms: [acuerdo], verbs: [firmado]}}."""

    def problems(self, value, keys):
        if not isinstance(value, dict):
            yield keys, "expected a mapping of metric ids to words"
            return
        event = Section({"terms": WORDS, "verbs": WORDS})
        for metric, words in value.items():
            yield from (event if isinstance(words, dict) else WORDS).problems(words, keys + (metric,))


LANGUAGE = Section({
    "numbers": NUMBERS,
    "dates": DATES,
    "text": TEXT,
    "metrics": MetricWords(),
    "actors": WordMap(WORDS),
}, optional=frozenset({"metrics", "actors"}))


def problems(data) -> list[Problem]:
    """Every way `data` (a parsed language file) differs from the schema, in file order of keys."""
    return list(LANGUAGE.problems(data, ()))
