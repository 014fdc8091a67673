"""Documents -> claims table: one row per figure or event date, with its quote and offsets.

The whole text is scanned once by one compiled pattern per language that finds every
candidate (a date, a share such as "la metà", a vague quantity, a numeral). Only the matched
spans are then read: the words just after (or before) a figure name its metric, the words
just before it its qualifier. Everything language- or rule-specific is data: the language
files (factcheck/languages/) and the rule set (rules/metrics/, rules/conventions.yaml).
"""
from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass
from functools import cached_property

import regex

from factcheck import languages
from factcheck.dates import date_pattern, parse_date
from factcheck.dates import trigger_words as date_triggers
from factcheck.documents import Document, read_documents
from factcheck.errors import FactcheckError
from factcheck.numbers import number_pattern, parse_numeral
from factcheck.numbers import trigger_words as number_triggers
from factcheck.numbers import word_stem
from factcheck.patterns import literal_trie, spell_loosely
from factcheck.rules import RuleSet, load_rules

#: The claims table, in column order. JSON and CSV records use the same names.
COLUMNS = (
    "id",          # source:line:col of the figure — stable, and tells an editor where to look
    "source",      # file name, relative to the folder given
    "metric",      # metric id from rules/metrics/
    "subject",     # who the figure is about: an actor id from rules/actors/ ("" when none is named)
    "attribution", # who states it, when the sentence says so: an actor id or a named source ("" if none)
    "as_of",       # the date the figure describes (ISO): "al 20 dicembre", else the publication date, else ""
    "kind",        # "quantity" | "date"
    "value",       # the figure as written, normalised (null for dates)
    "low", "high",  # the interval the sentence asserts after its qualifier (null = unbounded)
    "qualifier",   # exact | approx | at_least | at_most | range | fraction
    "date_start", "date_end",  # ISO dates for kind "date"; "XXXX-06-01" when the year is unknown
    "ref",         # for a fraction: the id of the claim it is a share of
    "figure",      # the figure's words as written, qualifier included ("oltre 10.000")
    "quote",       # the sentence
    "start", "end",  # character offsets of the figure in the document text, as read
    "line", "col",   # 1-based position of `start`
    "lang",
    "count",       # how many times the document states this same claim
    "offsets",     # [[start, end], ...] of every statement of it
)

WORDS_TO_METRIC = 5    # "300 tra loro uccisi": the metric's word is at most this many words on
WORDS_BEFORE = 6       # "le vittime del terremoto sono salite a 1.200": metric words this close before count too
WORDS_TO_VERB_BEFORE = 1  # "ha perso oltre 300 soldati": a casualty verb this close before outranks the noun
WORDS_TO_OUTRANK = 3   # "300 soldati nordcoreani uccisi": a casualty word this close after a troops word wins
ATTRIBUTION_REACH = 60  # characters after "secondo" / "according to" where the source is named
NAMED_SOURCE = regex.compile(r"(?:\p{Lu}[\w'’.-]*)(?:\s+(?:(?:of|the|di|del|della|dei)\s+)?\p{Lu}[\w'’.-]*)*")
ACTORS_IN_OPENING = 3000  # characters read for a document's main actors
WORDS_TO_ACTOR = 4     # "10.000 soldati della Corea del Nord": an actor this close after a figure is its
WORDS_TO_VERB = 4      # "siglato a giugno", "signed the pact on 6 November"
WORDS_NOUN_TO_VERB = 12  # "Gli accordi tra Russia e Corea del Nord sono stati firmati": the agreement before its verb
WORDS_VERB_TO_NOUN = 4   # "signed the minerals deal", "Firmato nel 2024, il patto": after its verb, close
CLAUSE_BREAK = regex.compile(r"[,;:()\[\]\n—–]|(?<=\w)[.!?](?=\s|$)")
SENTENCE_BREAK = regex.compile(r"[.!?…]+[\"»”’)]*\s+(?=[\p{Lu}\p{N}\"«“‘])|\n\s*")
WORD = regex.compile(r"\w+(?:[-'’]\w+)*")
SPACE = regex.compile(r"\s")
NEWLINE = re.compile(r"\n")
DIGITS_ONLY = regex.compile(r"[\d.,]+")
DIGIT_SPACE = regex.compile(r"\d[ \t]")
SPACE_DIGIT = regex.compile(r"[ \t]\d")
CURRENCY_BEFORE = regex.compile(r"[$€£¥]\s*$")
CLOCK_TIME = regex.compile(r"\d{1,2}[.,:]\d{2}")
TIME_COLON_BEFORE = regex.compile(r"\d:$")
TIME_COLON_AFTER = regex.compile(r":\d")
SPACE_GROUPED = regex.compile(r"\d{1,3}(?:[ \t\u00a0\u202f]\d{3})+")
TIMESTAMP_AFTER = regex.compile(r"\s*[·•|,\-–]?\s*(?:ore\s+|at\s+)?\d{1,2}[:.]\d{2}\b")


def extract(inputs, *, rules: RuleSet | str | None = None, lang: str | None = None,
            published: datetime.date | None = None):
    """Claims of every document in `inputs` (paths, folders or `Document`s) as a DataFrame.

        >>> extract([Document.from_text("inviati oltre 10.000 soldati", lang="it")])[["metric", "low"]]
    """
    import pandas as pd

    ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
    if isinstance(inputs, (str, Document)) or hasattr(inputs, "__fspath__"):
        inputs = [inputs]
    documents = [item for item in inputs if isinstance(item, Document)]
    paths = [item for item in inputs if not isinstance(item, Document)]
    if paths:
        read, _skipped = read_documents(paths, lang, published)
        documents += read
    rows = [row for document in documents for row in extract_document(document, ruleset, lang, published)]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def extract_document(document: Document, rules: RuleSet, lang: str | None = None,
                     published: datetime.date | None = None) -> list[dict]:
    """The claim rows of one document, repeated claims merged into one row."""
    lang = lang or document.lang or detect_language(document.text)
    reader = DocumentReader(document, grammar_for(lang, rules), document.published or published)
    return merge_repeats(reader.claims())


def detect_language(text: str) -> str:
    """The language whose function words are most frequent in the text's first 1,500 characters."""
    sample = text[:1500].lower()
    counts = {lang: len(_function_words(lang).findall(sample)) for lang in languages.available()}
    return max(sorted(counts), key=lambda lang: (counts[lang], lang == "it"))


def _function_words(lang: str) -> re.Pattern:
    """Whole function words in lower-cased text (a trie for `re`: the fastest scan available)."""
    return _cached(("function_words", lang), lambda: re.compile(
        r"\b" + literal_trie({w.lower() for w in _text_section(lang)["function_words"]}) + r"\b"))


_CACHE: dict = {}


def _cached(key, build):
    if key not in _CACHE:
        _CACHE[key] = build()
    return _CACHE[key]


def _term_regex(term: str) -> str:
    """A rule word as a pattern: spaces match any whitespace, a trailing * any word ending."""
    stem = term.rstrip("*")
    body = r"\s+".join(regex.escape(part) for part in stem.split())
    return body + (r"\w*" if term.endswith("*") else "")


def _terms_trie(terms) -> str:
    """A metric's words as tries (fast in `regex`): whole words, and "soldat*" stems with any ending."""
    whole = [t for t in terms if not t.endswith("*")]
    stems = [t.rstrip("*") for t in terms if t.endswith("*")]
    parts = [f"{literal_trie(whole, spell=spell_loosely)}(?!\\w)" if whole else "",
             f"{literal_trie(stems, spell=spell_loosely)}\\w*" if stems else ""]
    return "|".join(p for p in parts if p)


def _words_alternation(words) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return r"(?<!\w)(?:" + "|".join(_term_regex(w) for w in ordered) + r")(?!\w)"


# ---------------------------------------------------------------------------------------------
# The grammar of one language under one rule set: every pattern compiled once.

@dataclass
class Grammar:
    lang: str
    rules: RuleSet
    triggers: re.Pattern          # a digit or a word start every candidate contains, in lower-cased text
    triggers_any_case: regex.Pattern  # the same, for the rare text that lower-casing would lengthen
    dates: regex.Pattern          # date expressions
    quantities: regex.Pattern     # share | vague | numeral, leftmost-longest
    metric_terms: regex.Pattern   # one named group per quantity metric
    metric_names: dict[str, str]  # group name -> metric id
    qualifier_before: regex.Pattern
    range_open: regex.Pattern     # anchored at the end of the text before a figure
    range_join: regex.Pattern     # the whole gap between two figures of a range
    of_after: regex.Pattern       # "dei" after a share
    vague: dict[str, object]      # lower-cased term -> VagueQuantity
    fractions: dict[str, float]   # lower-cased share word -> share
    fillers: frozenset[str]       # words that may stand between a figure and its metric's word
    conjunctions: frozenset[str]  # a metric word after one of these belongs to another figure
    units: frozenset[str]         # "23 anni", "3 miliardi di euro": the figure counts these
    index_words: frozenset[str]   # "giorno 1.000": an index, not a count
    time_words: frozenset[str]    # "alle 4,30": a time
    approximate_numerals: tuple[str, ...]  # "un migliaio" is about a thousand
    deadline: regex.Pattern       # "entro la fine di giugno": a deadline, anchored before a date
    actors: re.Pattern            # every actor's names, lower-cased, as one word trie
    actor_by_name: dict[str, str]  # a name as matched -> actor id
    actor_blockers: frozenset[str]  # "a Mosca": an actor after these words is not the figure's
    attribution_cues: regex.Pattern  # "secondo", "according to", "said"
    as_of_words: regex.Pattern    # "al" / "as of", opening a date or just before it
    not_sources: frozenset[str]   # "secondo cui": no source follows
    function_words: frozenset[str]
    other_words: int              # how many other words may
    date_events: list[tuple[object, regex.Pattern, regex.Pattern]]  # (metric, terms, verbs)
    link_marker: regex.Pattern
    reading_time: regex.Pattern


def grammar_for(lang: str, rules: RuleSet) -> Grammar:
    return _cached(("grammar", lang, id(rules)), lambda: _build_grammar(lang, rules))


QUALIFIERS = ("exact", "approx", "at_least", "at_most")
WORD_LISTS = ("function_words", "articles", "of", "fillers", "conjunctions", "deadlines", "actor_blockers",
              "attribution_cues", "as_of_words", "not_sources")


def _text_section(lang: str) -> dict:
    """The `text:` section of a language file, checked: a mistake names the file and the key."""
    text = languages.load(lang).get("text")

    def fail(key: str, problem: str):
        raise FactcheckError(f"factcheck/languages/{lang}.yaml: text.{key}: {problem}")

    def words(key: str, value):
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            fail(key, f"expected a list of words, got {value!r} (quote words such as \"on\" or \"no\": "
                      "YAML reads them as true/false)")
        return value

    if not isinstance(text, dict):
        fail("", "the language file needs a `text:` mapping")
    for key in WORD_LISTS:
        words(key, text.get(key))
    qualifiers = text.get("qualifiers")
    if not isinstance(qualifiers, dict) or not set(qualifiers) <= set(QUALIFIERS):
        fail("qualifiers", f"expected a mapping with keys among {', '.join(QUALIFIERS)}")
    for name, value in qualifiers.items():
        words(f"qualifiers.{name}", value)
    for index, entry in enumerate(text.get("ranges") or []):
        if not isinstance(entry, dict):
            fail(f"ranges[{index}]", "expected {open: [...], join: [...]}")
        words(f"ranges[{index}].open", entry.get("open"))
        words(f"ranges[{index}].join", entry.get("join"))
    fractions = text.get("fractions")
    if not isinstance(fractions, dict) or not all(isinstance(v, (int, float)) for v in fractions.values()):
        fail("fractions", "expected a mapping of share words to numbers, e.g. {metà: 0.5}")
    not_counts = text.get("not_counts") or {}
    for key in ("units", "index_words", "time_words", "approximate_numerals"):
        words(f"not_counts.{key}", not_counts.get(key))
    furniture = text.get("furniture") or {}
    words("furniture.link_markers", furniture.get("link_markers"))
    words("furniture.reading_time", furniture.get("reading_time"))
    if not isinstance(text.get("other_words_to_metric"), int):
        fail("other_words_to_metric", "expected a whole number")
    return text


def _build_grammar(lang: str, rules: RuleSet) -> Grammar:
    text = _text_section(lang)
    vague = {term.lower(): v for v in rules.conventions.vague for term in v.terms.get(lang, ())}
    fractions = {k.lower(): float(v) for k, v in text["fractions"].items()}
    # The conventions' vague words first ("un centinaio" reads as the convention says), then numerals
    # ("half a million" is a number), then shares ("half of them").
    quantities = "|".join([
        rf"(?P<vague>\m{literal_trie(vague, spell=spell_loosely)}(?!\w))",
        f"(?P<num>{number_pattern(lang)})",
        rf"(?P<share>\m{literal_trie(fractions, spell=spell_loosely)}(?!\w))",
    ])
    # the longest word of a vague or share term is the one to look for ("una decina" -> "decin")
    triggers = number_triggers(lang) | date_triggers(lang) | {
        word_stem(max(term.split(), key=len)) for term in (*vague, *fractions)}
    quantity_metrics = rules.metrics_of_kind("quantity")
    metric_names = {f"m{i}": m.name for i, m in enumerate(quantity_metrics)}
    metric_terms = r"\m(?:" + "|".join(f"(?P<m{i}>{_terms_trie(m.terms[lang])})"
                                       for i, m in enumerate(quantity_metrics) if m.terms.get(lang)) + ")"
    qualifiers = "|".join(f"(?P<{name}>{_words_alternation(words)})"
                          for name, words in text["qualifiers"].items() if words)
    opens = [w for r in text["ranges"] for w in r["open"] if w]
    joins = [w for r in text["ranges"] for w in r["join"]]
    events = []
    for metric in rules.metrics_of_kind("date"):
        if metric.terms.get(lang) and metric.verbs.get(lang):
            events.append((metric,
                           regex.compile(_words_alternation(metric.terms[lang]), regex.IGNORECASE),
                           regex.compile(_words_alternation(metric.verbs[lang]), regex.IGNORECASE)))
    furniture = text["furniture"]
    flags = regex.IGNORECASE | regex.VERSION0
    actor_by_name = {}  # a name as matched ("Corea del Nord"; lower-cased when it is not capitalised) -> id
    for actor in sorted(rules.actors.values(), key=lambda a: a.name):
        for name in actor.names.get(lang, ()):
            actor_by_name.setdefault(" ".join(name.split()) if name != name.lower() else name, actor.name)
    # found in lower-cased text (the fastest scan), then checked against the case as written
    actors = r"\b" + literal_trie({name.lower() for name in actor_by_name}, spell=spell_loosely) + r"(?![\w'’])"
    return Grammar(
        lang=lang,
        rules=rules,
        triggers=re.compile(r"\d[\d.,]*|\b" + literal_trie(triggers)),
        triggers_any_case=regex.compile(r"\d[\d.,]*|\m" + literal_trie(triggers), flags),
        dates=regex.compile(f"(?P<date>{date_pattern(lang)})", flags),
        quantities=regex.compile(quantities, flags),
        metric_terms=regex.compile(metric_terms or "(?!)", flags),
        metric_names=metric_names,
        # "circa la metà", "oltre il 30%": an article may stand between qualifier and figure
        qualifier_before=regex.compile(f"(?:{qualifiers})(?:\\s+{_words_alternation(text['articles'])})?" + r"\s*$",
                                       flags),
        range_open=regex.compile(_words_alternation(opens) + r"\s*$", flags),
        range_join=regex.compile(r"\s*(?:" + "|".join(_term_regex(j) for j in joins) + r")\s*", flags),
        of_after=regex.compile(r"\s*" + _words_alternation(text["of"]) + r"\s*", flags),
        vague=vague,
        fractions=fractions,
        fillers=frozenset(w.lower() for w in text["fillers"]),
        conjunctions=frozenset(w.lower() for w in text["conjunctions"]),
        units=frozenset(w.lower() for w in text["not_counts"]["units"]),
        index_words=frozenset(w.lower() for w in text["not_counts"]["index_words"]),
        time_words=frozenset(w.lower() for w in text["not_counts"]["time_words"]),
        approximate_numerals=tuple(w.lower() for w in text["not_counts"]["approximate_numerals"]),
        actors=re.compile(actors if actor_by_name else "(?!)"),
        actor_by_name=actor_by_name,
        actor_blockers=frozenset(w.lower() for w in text["actor_blockers"]),
        attribution_cues=regex.compile(r"\m(?:" + _terms_trie(text["attribution_cues"]) + ")", flags),
        as_of_words=regex.compile(_words_alternation(text["as_of_words"]), flags),
        not_sources=frozenset(w.lower() for w in text["not_sources"]),
        deadline=regex.compile(_words_alternation(text["deadlines"]) + r"(?:\s+\w+){0,2}\s*$", flags),
        other_words=int(text["other_words_to_metric"]),
        function_words=frozenset(w.lower() for w in text["function_words"]),
        date_events=events,
        link_marker=regex.compile(r"^\s*" + _words_alternation(furniture["link_markers"]) + r"\W*$", flags),
        reading_time=regex.compile(r"\d+\s*" + _words_alternation(furniture["reading_time"]), flags),
    )


# ---------------------------------------------------------------------------------------------
# Reading one document.

@dataclass(slots=True)
class Candidate:
    """A span the candidate pattern found, before it is known to be a claim."""

    group: str  # date | share | vague | num
    start: int
    end: int
    text: str


TRIGGER_BEFORE, TRIGGER_AFTER = 30, 40  # characters a candidate may reach around a trigger it contains


def trigger_windows(text: str, grammar: Grammar) -> list[tuple[int, int]]:
    """Stretches of text around digits and number or month words, where every candidate lies.

    Scanning for triggers runs many times faster than the full patterns, and most of a news text
    has none. Windows start at a word's start and end at a space, so word-boundary checks at their
    edges read as they would in the whole text.
    """
    lowered = text.lower()
    triggers = grammar.triggers.finditer(lowered) if len(lowered) == len(text) \
        else grammar.triggers_any_case.finditer(text)
    windows: list[list[int]] = []
    for trigger in triggers:
        low = max(0, trigger.start() - TRIGGER_BEFORE)
        if windows and low <= windows[-1][1]:
            low = windows[-1][0]
            windows.pop()
        else:
            low = _word_start(text, low)
        high = _space_after(text, min(len(text), trigger.end() + TRIGGER_AFTER))
        windows.append([low, high])
    return [(low, high) for low, high in windows]


def _word_start(text: str, pos: int) -> int:
    space = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos))
    return space + 1


def _space_after(text: str, pos: int) -> int:
    match = SPACE.search(text, pos)
    return match.start() if match else len(text)


def find_candidates(text: str, grammar: Grammar) -> list[Candidate]:
    """Dates and quantities in text order; a numeral inside a date ("6 novembre 2024") is the date's."""
    windows = trigger_windows(text, grammar)
    dates = [Candidate("date", m.start(), m.end(), m.group())
             for low, high in windows for m in grammar.dates.finditer(text, low, high)]
    quantities = [m for low, high in windows for m in grammar.quantities.finditer(text, low, high)]
    if not dates:
        return [Candidate(m.lastgroup, m.start(), m.end(), m.group()) for m in quantities]
    starts = [d.start for d in dates]
    merged = list(dates)
    for m in quantities:
        i = bisect.bisect_right(starts, m.start()) - 1
        inside = i >= 0 and dates[i].end > m.start() or i + 1 < len(dates) and dates[i + 1].start < m.end()
        if not inside:
            merged.append(Candidate(m.lastgroup, m.start(), m.end(), m.group()))
    merged.sort(key=lambda c: c.start)
    return merged


class DocumentReader:
    def __init__(self, document: Document, grammar: Grammar, published: datetime.date | None):
        self.document = document
        self.text = document.text
        self.grammar = grammar
        self.published = published
        self.candidates = find_candidates(self.text, grammar)

    # -- structure of the text, computed only when a claim needs it --------------------------

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [0] + [m.end() for m in SENTENCE_BREAK.finditer(self.text)]

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in NEWLINE.finditer(self.text)]

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        start = self.sentence_starts[i]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def line_of(self, pos: int) -> tuple[int, int, int]:
        """(line number, column, line start) of `pos`, 1-based."""
        i = bisect.bisect_right(self.line_starts, pos) - 1
        return i + 1, pos - self.line_starts[i] + 1, self.line_starts[i]

    def line_text(self, number: int) -> str:
        if not 1 <= number <= len(self.line_starts):
            return ""
        start = self.line_starts[number - 1]
        end = self.line_starts[number] - 1 if number < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    def is_furniture(self, pos: int) -> bool:
        """Page furniture: timestamps, reading times, and titles in a block of links to other articles."""
        line, _col, _ = self.line_of(pos)
        here = self.line_text(line)
        if self.grammar.reading_time.search(here):
            return True
        previous = self.line_text(line - 1) if line > 1 else ""
        if self.grammar.link_marker.match(previous):
            return True
        return self._is_timestamp_line(here) or (self._is_timestamp_line(previous) and _is_title(here))

    def _is_timestamp_line(self, line: str) -> bool:
        match = self.grammar.dates.match(line.strip())
        if not match:
            return False
        rest = line.strip()[match.end():]
        return bool(TIMESTAMP_AFTER.match(rest)) and not WORD.search(TIMESTAMP_AFTER.sub("", rest, count=1))

    def actors_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, actor id) of the actors named in text[start:end]."""
        by_name = self.grammar.actor_by_name
        found = []
        for match in self.grammar.actors.finditer(self.lowered, start, end):
            name = " ".join(self.text[match.start():match.end()].split())
            actor = by_name.get(name) or by_name.get(name.lower())  # "US" as written; "nordcoreani" in any case
            if actor:
                found.append((match.start(), match.end(), actor))
        return found

    @cached_property
    def lowered(self) -> str:
        """The text in lower case, for scans; where lower-casing would move offsets (rare letters such as
        "İ"), those letters are left as they are."""
        lowered = self.text.lower()
        if len(lowered) == len(self.text):
            return lowered
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)

    @cached_property
    def actor_mentions(self) -> list[tuple[int, int, str]]:
        """The actors the document's opening names (its headline and lead say who the story is about);
        read only when a figure's own sentence names none."""
        return self.actors_in(0, min(len(self.text), _word_start(self.text, ACTORS_IN_OPENING)))

    @cached_property
    def main_actor(self) -> str:
        """The first actor of the title (the first line), else the most named one, else ""."""
        title_end = self.line_starts[1] if len(self.line_starts) > 1 else len(self.text)
        in_title = self.actors_in(0, title_end)
        if in_title:
            return in_title[0][2]
        most = self._most_named(1)
        return most[0] if most else ""

    def _most_named(self, count: int) -> list[str]:
        tally: dict[str, int] = {}
        for _start, _end, actor in self.actor_mentions:
            tally[actor] = tally.get(actor, 0) + 1
        return sorted(tally, key=lambda a: -tally[a])[:count]  # ties: the first named

    def subject_of(self, start: int, end: int) -> str:
        """Who a figure is about: an actor right after it ("11mila soldati nordcoreani", "soldati della
        Corea del Nord"), else the last one before it in its sentence ("Pyongyang ha inviato 200 pezzi"),
        else the document's main actor."""
        sent_start, sent_end = self.sentence_bounds(start)
        limit = self.clause_end(end, sent_end)
        after = self.actors_in(end, limit)
        if after:
            words = [w.lower() for w in WORD.findall(self.text, end, after[0][0])]
            if len(words) <= WORDS_TO_ACTOR and not any(w in self.grammar.actor_blockers for w in words):
                return after[0][2]
        before = self.actors_in(sent_start, start)
        return before[-1][2] if before else self.main_actor

    def attribution_of(self, start: int) -> str:
        """Who states the figure, when its sentence says so: the actor or named source after a cue
        ("secondo l'intelligence di Seul", "according to the New York Times") or before it ("Zelensky said")."""
        sent_start, sent_end = self.sentence_bounds(start)
        for cue in self.grammar.attribution_cues.finditer(self.text, sent_start, sent_end):
            following = WORD.search(self.text, cue.end(), sent_end)
            if following and following.group().lower() in self.grammar.not_sources:
                continue
            reach = min(sent_end, _space_after(self.text, cue.end() + ATTRIBUTION_REACH))
            after = self._source_near(cue.end(), self.clause_end(cue.end(), reach))
            if after:
                return after
            before = self.actors_in(max(sent_start, cue.start() - ATTRIBUTION_REACH), cue.start())
            if before:
                return before[-1][2]
        return ""

    def _source_near(self, start: int, end: int) -> str:
        """An actor named in text[start:end], else its first run of capitalised words ("New York Times")."""
        actors = self.actors_in(start, end)
        if actors:
            return actors[0][2]
        names = NAMED_SOURCE.search(self.text, start, end)
        return " ".join(names.group().split()).lower() if names else ""

    def as_of(self, start: int) -> str:
        """The date a figure describes: a date its sentence gives with "al" / "as of", else the publication
        date ("finora", "so far" and most figures describe the day they are published), else ""."""
        sent_start, sent_end = self.sentence_bounds(start)
        for date in self.dates_between(sent_start, sent_end):
            # "al 20 dicembre" opens the date; "as of January" straddles its start ("of January" is the date)
            near = self.grammar.as_of_words.finditer(self.text, max(0, date.start - 20), min(date.end, date.start + 12))
            if not any(m.start() <= date.start and (m.end() >= date.start or not self.text[m.end():date.start].strip())
                       for m in near):
                continue
            span = parse_date(date.text, self.grammar.lang, self.published)
            if span is not None and not span.yearless:
                return span.end_iso
        return self.published.isoformat() if self.published else ""

    def dates_between(self, start: int, end: int) -> list[Candidate]:
        """The date candidates the scan found in text[start:end]: no second scan of the text."""
        return [c for c in self.candidates if c.group == "date" and start <= c.start and c.end <= end]

    @cached_property
    def event_subject(self) -> str:
        """An agreement is between the document's two most named actors: "north_korea+russia"."""
        return "+".join(sorted(self._most_named(2)))

    def clause_end(self, pos: int, limit: int) -> int:
        match = CLAUSE_BREAK.search(self.text, pos, limit)
        return match.start() if match else limit

    def clause_start(self, pos: int, floor: int) -> int:
        last = floor
        for match in CLAUSE_BREAK.finditer(self.text, floor, pos):
            last = match.end()
        return last

    def words_between(self, start: int, end: int) -> int:
        return len(WORD.findall(self.text, start, end))

    # -- claims -------------------------------------------------------------------------------

    def claims(self) -> list[dict]:
        rows: list[dict] = []
        quantities: list[dict] = []
        dates: list[tuple[Candidate, object]] = []
        i = 0
        # a model number ("14 PzH 2000 howitzers") is neither a figure nor the end of the one before it
        candidates = [c for c in self.candidates if not self._after_model_name(c)]
        while i < len(candidates):
            candidate = candidates[i]
            following = candidates[i + 1] if i + 1 < len(candidates) else None
            if candidate.group == "date":
                dates.append(candidate)
            elif candidate.group == "num" and following is not None and following.group == "num" \
                    and self._range_between(candidate, following):
                row = self._range_claim(candidate, following, candidates[i + 2] if i + 2 < len(candidates) else None)
                if row:
                    quantities.append(row)
                i += 2
                continue
            elif candidate.group in ("num", "vague", "share"):
                share = self._share(candidate)
                if share is None:
                    row = self._quantity_claim(candidate, following)
                elif following is not None and following.group == "num" and self._share_of(candidate, following):
                    # "il 10% dei 2.000 soldati è rimasto ferito": the share and its base in one phrase
                    after = candidates[i + 2] if i + 2 < len(candidates) else None
                    base = self._quantity_claim(following, after, noun_only=True)
                    if base:
                        quantities.append(base)
                        row = self._share_claim(candidate, share, after, quantities, base)
                        if row:
                            quantities.append(row)
                    i += 2
                    continue
                else:
                    row = self._share_claim(candidate, share, following, quantities)
                if row:
                    quantities.append(row)
            i += 1
        rows.extend(quantities)
        rows.extend(self._date_claims(dates))
        rows.sort(key=lambda row: row["start"])
        return rows

    def _limit_after(self, candidate: Candidate, following: Candidate | None) -> int:
        _sent_start, sent_end = self.sentence_bounds(candidate.start)
        limit = min(sent_end, following.start) if following else sent_end
        return self.clause_end(candidate.end, limit)

    def _terms_after(self, pos: int, limit: int, adjacent: bool = False) -> list[tuple[object, object]]:
        """(metric, match) of the metric words after `pos`: the first, if only fillers and a few other
        words stand before it, then those closely following it ("300 soldati nordcoreani uccisi").
        With `adjacent`, the first must follow at once ("due soldati", not "le due nazioni ... soldati")."""
        found: list[tuple[object, object]] = []
        for match in self.grammar.metric_terms.finditer(self.text, pos, limit):
            if found:
                between = [w.lower() for w in WORD.findall(self.text, found[-1][1].end(), match.start())]
                if len(between) > WORDS_TO_OUTRANK or any(w in self.grammar.conjunctions for w in between):
                    break  # "uccisi 800 soldati e feriti 2.000": "feriti" is the next figure's
            else:
                words = [w.lower() for w in WORD.findall(self.text, pos, match.start())]
                others = sum(1 for w in words if w not in self.grammar.fillers)
                if len(words) > (0 if adjacent else WORDS_TO_METRIC) or others > self.grammar.other_words \
                        or any(w in self.grammar.conjunctions for w in words):
                    return []
            found.append((self.grammar.rules.metrics[self.grammar.metric_names[match.lastgroup]], match))
        return found

    def _metric_after(self, pos: int, limit: int, adjacent: bool = False, noun_only: bool = False):
        """The metric a figure names: its first word after, unless a closely following word outranks it."""
        found = self._terms_after(pos, limit, adjacent)
        if noun_only:
            return found[0][0] if found else None
        chosen = None
        for metric, _match in found:
            if chosen is None or chosen.name in metric.outranks:
                chosen = metric
        return chosen

    def _share_of(self, share: Candidate, figure: Candidate) -> bool:
        of = self.grammar.of_after.match(self.text, share.end)
        return bool(of) and of.end() == figure.start

    def _ends_phrase(self, pos: int, limit: int) -> bool:
        """True when no other noun follows the figure: "il bilancio è salito a 300." or "killed 300 people"."""
        word = WORD.search(self.text, pos, limit)
        if word is None:
            return True
        lowered = word.group().lower()
        elided = lowered[:lowered.find("'") + 1] if "'" in lowered else lowered  # "dall'inizio" -> "dall'"
        return any(w in self.grammar.fillers or w in self.grammar.function_words for w in (lowered, elided))

    def _metric_before(self, pos: int, floor: int, max_words: int = WORDS_BEFORE):
        start = self.clause_start(pos, floor)
        last = None
        for match in self.grammar.metric_terms.finditer(self.text, start, pos):
            last = match
        if last is None or self.words_between(last.end(), pos) > max_words:
            return None
        return self.grammar.rules.metrics[self.grammar.metric_names[last.lastgroup]]

    def _qualifier(self, pos: int) -> tuple[str, int]:
        """The qualifier ending just before `pos`, and where it starts."""
        match = self.grammar.qualifier_before.search(self.text, max(0, pos - 40), pos)
        if not match:
            return "exact", pos
        return match.lastgroup, match.start()

    def _counts_something_else(self, start: int, end: int, figure_start: int | None = None) -> bool:
        """A numeral that is an age, a price, a time, an index, a model or a phone number, not a count.
        `figure_start` is where the figure's words begin ("da 8.000 a 10.000"), if before `start`."""
        text, grammar = self.text, self.grammar
        written = text[start:end]
        if text[end:end + 1] in ("°", "º", "ª") or (len(written) > 1 and written[0] == "0" and written[1].isdigit()):
            return True  # "76° anniversario", "0800 123 4567"
        if DIGITS_ONLY.fullmatch(written) and (DIGIT_SPACE.fullmatch(text, max(0, start - 2), start)
                                               or SPACE_DIGIT.match(text, end)):
            return True  # digit groups side by side: a phone number or a code
        if TIME_COLON_BEFORE.search(text, max(0, start - 3), start) or TIME_COLON_AFTER.match(text, end):
            return True  # "03:15 Missili USA": the minutes of a time
        if SPACE_GROUPED.fullmatch(written):
            return True  # "800 840 840": news write thousands with "." or ",", so this is a code
        if CURRENCY_BEFORE.search(text, max(0, start - 3), start):
            return True
        start = start if figure_start is None else figure_start
        before = list(WORD.finditer(text, max(0, start - 30), start))
        if before and not text[before[-1].end():start].strip():
            word = before[-1].group()
            lowered = word.lower()
            if lowered in grammar.index_words or lowered + "." in grammar.index_words:
                return True
            if _model_name(word):
                return True  # "PzH 2000", "HIMARS 142": a model, not a count
            if (lowered in grammar.time_words or " ".join(w.group().lower() for w in before[-2:]) in grammar.time_words) \
                    and CLOCK_TIME.fullmatch(written):
                return True
        for word in WORD.finditer(text, end, min(len(text), end + 40)):
            lowered = word.group().lower()
            if lowered in grammar.fillers:
                continue
            return lowered in grammar.units
        return False

    def _after_model_name(self, candidate: Candidate) -> bool:
        before = self.text[max(0, candidate.start - 2):candidate.start].rstrip()
        if candidate.group != "num" or not before[-1:].isupper():  # a model name ends in a capital: "PzH"
            return False
        words = list(WORD.finditer(self.text, max(0, candidate.start - 30), candidate.start))
        return bool(words) and not self.text[words[-1].end():candidate.start].strip() \
            and _model_name(words[-1].group())

    def _share(self, candidate: Candidate) -> float | None:
        """The share a candidate states ("la metà" 0.5, "30%" 0.3), or None for a plain figure."""
        if candidate.group == "share":
            return self.grammar.fractions.get(_fold(candidate.text))
        if candidate.group == "num" and candidate.text.rstrip()[-1:] in "%toTO":
            numeral = parse_numeral(candidate.text, self.grammar.lang)
            if numeral is not None and numeral.percent:
                return numeral.value / 100
        return None

    def _quantity_claim(self, candidate: Candidate, following: Candidate | None,
                        noun_only: bool = False) -> dict | None:
        # the metric first: most numerals in news (years, ages, prices) name none, and stop here
        in_words = candidate.group == "num" and not any(c.isdigit() for c in candidate.text)
        numeral = parse_numeral(candidate.text, self.grammar.lang) if in_words else None
        # "i due paesi", "one of them": small numbers written as words are a figure only right before its noun
        small_word = in_words and numeral is not None and numeral.value < 10
        limit = self._limit_after(candidate, following)
        metric = self._metric_after(candidate.end, limit, adjacent=small_word, noun_only=noun_only)
        if metric is None and (small_word or not self._ends_phrase(candidate.end, limit)):
            return None
        qualifier, figure_start = self._qualifier(candidate.start)
        sent_start, _ = self.sentence_bounds(candidate.start)
        floor = max(sent_start, candidate.start - 200)
        if metric is None:
            metric = self._metric_before(figure_start, floor)
        elif not noun_only:
            # "ha perso 300 soldati", "killed 300 soldiers": a casualty verb just before outranks the noun
            before = self._metric_before(figure_start, floor, max_words=WORDS_TO_VERB_BEFORE)
            if before is not None and metric.name in before.outranks:
                metric = before
        if candidate.group == "num" and metric is not None:
            numeral = numeral or parse_numeral(candidate.text, self.grammar.lang)
            if numeral is None or numeral.percent:
                return None
        if metric is None or self.is_furniture(candidate.start) or self._counts_something_else(candidate.start,
                                                                                                candidate.end):
            return None
        if candidate.group == "vague":
            vague = self.grammar.vague[_fold(candidate.text)]
            value, low, high = vague.value, vague.low, vague.high
            if qualifier == "exact":
                qualifier = "range"
        else:
            value = numeral.value
            if qualifier == "exact" and any(w in candidate.text.lower() for w in self.grammar.approximate_numerals):
                qualifier = "approx"
            low, high = self._interval(value, qualifier)
        return self._row(metric, candidate.start, candidate.end, figure_start, value, low, high, qualifier)

    def _range_between(self, first: Candidate, second: Candidate) -> bool:
        join = self.grammar.range_join.fullmatch(self.text, first.end, second.start)
        if not join:
            return False
        gap = self.text[first.end:second.start]
        if gap.strip() in ("-", "–"):
            return True
        return bool(self.grammar.range_open.search(self.text, max(0, first.start - 20), first.start))

    def _range_claim(self, first: Candidate, second: Candidate, following: Candidate | None) -> dict | None:
        low, high = parse_numeral(first.text, self.grammar.lang), parse_numeral(second.text, self.grammar.lang)
        if low is None or high is None or low.percent or high.percent or low.value > high.value:
            return None
        metric = self._metric_after(second.end, self._limit_after(second, following))
        opener = self.grammar.range_open.search(self.text, max(0, first.start - 20), first.start)
        figure_start = opener.start() if opener else first.start
        if metric is None or self.is_furniture(first.start) \
                or self._counts_something_else(first.start, second.end, figure_start):
            return None
        return self._row(metric, first.start, second.end, figure_start, low.value, low.value, high.value, "range")

    def _share_claim(self, candidate: Candidate, share: float, following: Candidate | None,
                     earlier: list[dict], base: dict | None = None) -> dict | None:
        """"circa la metà dei militari": a share of a figure the document states elsewhere, or of
        `base`, the figure right after it ("il 10% dei 2.000 soldati")."""
        of = self.grammar.of_after.match(self.text, candidate.end)
        if not of:
            return None
        after = base["end"] if base else of.end()
        limit = self._limit_after(Candidate("num", after, after, ""), following)
        found = self._terms_after(after, limit)
        if not found:
            return None
        base_metric = found[0][0]
        sent_start, _ = self.sentence_bounds(candidate.start)
        qualifier, figure_start = self._qualifier(candidate.start)
        # what the share counts: "la perdita di circa la metà dei militari", or "metà dei soldati è stata uccisa"
        metric = self._metric_before(figure_start, max(sent_start, candidate.start - 200)) \
            or next((m for m, _ in found[1:] if m is not base_metric), None)
        if metric is None or metric is base_metric:
            return None
        base = base or next((row for row in reversed(earlier) if row["metric"] == base_metric.name
                             and row["qualifier"] != "fraction"), None)
        if base is None or self.is_furniture(candidate.start):
            return None
        low = base["low"] * share if base["low"] is not None else None
        high = base["high"] * share if base["high"] is not None else None
        if qualifier == "approx":
            low, high = self._widen(low, high)
        row = self._row(metric, candidate.start, candidate.end, figure_start, base["value"] * share, low, high,
                        "fraction")
        row["ref"] = base["id"]
        row["subject"] = base["subject"]  # half of the North Korean troops is about North Korea, whoever counts
        return row

    def _interval(self, value: float, qualifier: str) -> tuple[float | None, float | None]:
        if qualifier == "approx":
            return self._widen(value, value)
        if qualifier == "at_least":
            return value, None
        if qualifier == "at_most":
            return 0.0, value
        return value, value

    def _widen(self, low, high):
        share = self.grammar.rules.conventions.approx
        return (None if low is None else low * (1 - share)), (None if high is None else high * (1 + share))

    def _date_claims(self, dates: list[Candidate]) -> list[dict]:
        """Event dates: a date next to an event verb, with the event's noun in the same sentence."""
        lang = self.grammar.lang
        spans = []
        for candidate in dates:
            if self._is_timestamp(candidate) or self.is_furniture(candidate.start):
                continue
            spans.append((candidate, parse_date(candidate.text, lang)))
        reference = self.published or max(
            (span.end for _c, span in spans if span and not span.yearless and span.granularity == "day"),
            default=None)
        rows = []
        for candidate, span in spans:
            if span is None:
                continue
            metric = self._date_event(candidate)
            if metric is None:
                continue
            if span.yearless and reference is not None:
                span = parse_date(candidate.text, lang, reference) or span
            qualifier = "range" if span.granularity == "span" else "exact"
            row = self._row(metric, candidate.start, candidate.end, candidate.start, None, None, None, qualifier)
            row["date_start"], row["date_end"] = span.start_iso, span.end_iso
            rows.append(row)
        return rows

    def _is_timestamp(self, candidate: Candidate) -> bool:
        return bool(TIMESTAMP_AFTER.match(self.text, candidate.end))

    def _date_event(self, candidate: Candidate):
        """The event a date is the date of: its verb right beside it ("siglato a giugno"), the event's
        noun close to the verb ("accordo, siglato"), and no deadline ("entro la fine di giugno")."""
        if self.grammar.deadline.search(self.text, max(0, candidate.start - 40), candidate.start):
            return None
        sent_start, sent_end = self.sentence_bounds(candidate.start)
        for metric, terms, verbs in self.grammar.date_events:
            verb = self._near(verbs, candidate.start, candidate.end, sent_start, sent_end, WORDS_TO_VERB)
            if verb is None:
                continue
            # the agreement before its verb, as its subject ("Gli accordi tra Russia e Corea del Nord sono stati
            # firmati"), or right after it, as its object ("signed the pact") - not "firmato il decreto ... l'intesa"
            if self._near(terms, verb.start(), verb.end(), sent_start, verb.start(), WORDS_NOUN_TO_VERB,
                          across_clauses=True) \
                    or self._near(terms, verb.start(), verb.end(), verb.end(), sent_end, WORDS_VERB_TO_NOUN,
                                  across_clauses=True):
                return metric
        return None

    def _near(self, pattern: regex.Pattern, start: int, end: int, floor: int, ceiling: int, max_words: int,
              across_clauses: bool = False):
        """A match of `pattern` within `max_words` of the span start..end, by default in its clause."""
        for match in pattern.finditer(self.text, floor, ceiling):
            if match.end() <= start:
                gap = (match.end(), start)
            elif match.start() >= end:
                gap = (end, match.start())
            else:
                continue
            if self.words_between(*gap) <= max_words and (across_clauses or not CLAUSE_BREAK.search(self.text, *gap)):
                return match
        return None

    def _row(self, metric, start: int, end: int, figure_start: int, value, low, high, qualifier: str) -> dict:
        line, col, _ = self.line_of(start)
        sent_start, sent_end = self.sentence_bounds(start)
        return {
            "id": f"{self.document.source}:{line}:{col}",
            "source": self.document.source,
            "metric": metric.name,
            "subject": self.event_subject if metric.kind == "date" else self.subject_of(start, end),
            "attribution": self.attribution_of(start),
            "as_of": self.as_of(start) if metric.kind == "quantity" else "",
            "kind": metric.kind,
            "value": _tidy(value),
            "low": _tidy(low),
            "high": _tidy(high),
            "qualifier": qualifier,
            "date_start": None,
            "date_end": None,
            "ref": None,
            "figure": self.text[figure_start:end],
            "quote": self.text[sent_start:sent_end].strip(),
            "start": start,
            "end": end,
            "line": line,
            "col": col,
            "lang": self.grammar.lang,
            "count": 1,
            "offsets": [[start, end]],
        }


def _model_name(word: str) -> bool:
    """"PzH", "HIMARS", "ATACMS": two capitals or more in one word name a model, not a count's noun."""
    return sum(c.isupper() for c in word) >= 2


def _tidy(number: float | None) -> float | None:
    """1650.0000000000002 -> 1650.0: interval arithmetic must not print float noise in reports."""
    return None if number is None else round(float(number), 6)


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def _is_title(line: str) -> bool:
    """A short line with no sentence end: the look of a link to another article."""
    stripped = line.strip()
    return 0 < len(stripped) <= 160 and not stripped.endswith((".", "!", "?", "…"))


MERGE_KEY = ("metric", "subject", "kind", "value", "low", "high", "qualifier", "date_start", "date_end", "ref")


def merge_repeats(rows: list[dict]) -> list[dict]:
    """One row per distinct claim: a figure repeated in the document adds to `count` and `offsets`."""
    merged: dict[tuple, dict] = {}
    kept_id: dict[str, str] = {}
    for row in rows:
        if row["ref"] is not None:
            row["ref"] = kept_id.get(row["ref"], row["ref"])
        key = tuple(row[k] for k in MERGE_KEY)
        first = merged.get(key)
        if first is None:
            merged[key] = row
        else:
            first["count"] += 1
            first["offsets"].append([row["start"], row["end"]])
            # "oltre 10.000 soldati", then "secondo Washington, oltre 10.000 soldati": one claim, attributed
            for field in ("attribution", "as_of"):
                first[field] = first[field] or row[field]
        kept_id[row["id"]] = merged[key]["id"]
    return list(merged.values())
