"""The grammar of one language under one rule set: every pattern the readers use, compiled once.

Patterns are built from data only: the language file (factcheck/languages/<code>.yaml, or the
rule set's own languages/) and the rule set (metric words, actors, conventions). Word lists
become literal tries, the fastest form for the `regex` engine (see patterns.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from factcheck.extraction.dates import date_pattern
from factcheck.extraction.dates import trigger_words as date_triggers
from factcheck.extraction.numbers import number_pattern
from factcheck.extraction.numbers import trigger_words as number_triggers
from factcheck.extraction.numbers import word_stem
from factcheck.extraction.patterns import literal_trie, spell_loosely
from factcheck.languages import Language

if TYPE_CHECKING:
    from factcheck.check.ruleset import RuleSet

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
    language: Language
    rules: RuleSet
    triggers: re.Pattern          # a digit or a word start every candidate contains, in lower-cased text
    triggers_any_case: regex.Pattern  # the same, for the rare text that lower-casing would lengthen
    date_triggers: frozenset[str]  # the triggers a date may hold (digits aside): the date pattern runs only near them
    dates: regex.Pattern          # date expressions
    quantities: regex.Pattern     # share | vague | numeral, leftmost-longest
    metric_terms: regex.Pattern   # one named group per quantity metric
    metric_names: dict[str, str]  # group name -> metric id
    qualifier_before: regex.Pattern
    range_open: regex.Pattern     # anchored at the end of the text before a figure
    range_join: regex.Pattern     # the whole gap between two figures of a range
    range_opens: dict[str, frozenset[str]]  # a join ("to") -> the openers it pairs with ("from"; "" = none needed)
    of_after: regex.Pattern       # "dei" after a share
    vague: dict[str, object]      # lower-cased term -> VagueQuantity
    fractions: dict[str, float]   # lower-cased share word -> share
    fillers: frozenset[str]       # words that may stand between a figure and its metric's word
    people: frozenset[str]        # nouns that count people, demonyms included: "9 people", "13 Palestinians"
    modifiers: frozenset[str]     # words that qualify a noun before it: "13 cruise missiles"
    subset_markers: frozenset[str]  # "tra cui due bambini": some of the figure just before
    time_of_day: regex.Pattern    # "alle 4 del mattino", "at 4 a.m. local time (0200 GMT)"
    clock_time: regex.Pattern     # a time of day written as one: "at 4 a.m.", "alle 13 ora locale", "dalle 17"
    conjunctions: frozenset[str]  # a metric word after one of these belongs to another figure
    joins_actors: frozenset[str]  # "in Turchia e Siria": two actors joined by one of these are one side
    units: frozenset[str]         # "23 anni", "3 miliardi di euro": the figure counts these
    index_words: frozenset[str]   # "giorno 1.000": an index, not a count
    time_words: frozenset[str]    # "alle 4,30": a time
    negations: frozenset[str]     # "no one", "not one missile": a count denied
    rise_before: regex.Pattern    # "has risen to", "è salito a", just before a figure's words
    change_before: regex.Pattern  # "rose", "è salito", just before "from X to Y": a change, not a range
    clause_openers: frozenset[str]  # "that", "che", "dopo": what follows is another clause
    other_counts: frozenset[str]  # "missing", "dispersi": counts of people no metric is about
    counts_one: dict[str, str]    # "un" -> "tolls" ("un morto"), "one" -> "anything" ("one missile")
    ones: re.Pattern              # those words before a space: a scan of its own, as "un" is everywhere
    approximate_numerals: tuple[str, ...]  # "un migliaio" is about a thousand
    deadline: regex.Pattern       # "entro la fine di giugno": a deadline, anchored before a date
    actors: re.Pattern            # every actor's names, lower-cased, as one word trie
    actor_by_name: dict[str, str]  # a name as matched -> actor id
    state_titles: frozenset[str]  # offices whose holder speaks for a state: "ministro", "premier", "governor"
    source_by_name: dict[str, str]  # a source's name, lower-cased, any language ("onu", "united nations") -> source id
    actor_blockers: frozenset[str]  # "a Mosca": an actor after these words is not the figure's
    agent_markers: frozenset[str]  # "uccisi dal fuoco israeliano": an actor after these struck, not fell
    places: re.Pattern            # place and actor names, lower-cased, as one word trie
    place_by_name: dict[str, str]  # a name as matched -> place id (an actor's id for a country)
    locatives: frozenset[str]     # "nel Kursk", "in Turchia": a place after these is where a figure holds
    increments: frozenset[str]    # "altri 6mila": the figure adds to a total
    periods: regex.Pattern        # "nelle ultime 24 ore": the figure counts one period
    populations: dict[str, str]   # a noun -> who it counts: civilians, children, military
    attack_words: frozenset[str]   # "raid russo", "Russian drones": an actor before these struck
    attribution_cues: regex.Pattern  # "secondo", "according to": the source is named after them
    attribution_verbs: regex.Pattern  # "said", "ha riferito": the source is the verb's subject
    attribution_openers: regex.Pattern  # "Per l'intelligence di Seul, ...": a cue only where a clause opens
    statement_anaphors: regex.Pattern  # "Lo ha riferito il ministero": the next sentence names the source
    source_nouns: regex.Pattern   # "police", "officials", "la polizia": sources written without a capital
    interceptions: regex.Pattern  # "747 droni abbattuti", "shot down 35 drones": the defender's figure
    speaker_pronouns: frozenset[str]  # "he said", "by his count": the speaker named before
    state_sources: frozenset[str]  # "the junta", "il ministero": sources that speak for a state
    known_sources: regex.Pattern   # "Medici senza frontiere": names of sources not all in capitals
    instruments: frozenset[str]    # "memorandum": an agreement's noun that names an instrument of its own
    more_after: frozenset[str]     # "and five more on Friday": a figure this follows counts what the one before did
    own_losses: frozenset[str]    # "ammette", "of its": a toll its speaker gives as its own
    buildings: frozenset[str]     # "the Saudi Hospital": a demonym beside these names a building
    count_nouns: frozenset[str]   # "il conto", "the tally": a count of whatever the text counted before
    partitive_clitics: frozenset[str]  # "ne contano almeno 7.000": the figure counts the noun named before
    media_nouns: frozenset[str]   # "the Turkish agency Anadolu": an outlet stands for itself, not for its country
    as_of_words: regex.Pattern    # "al" / "as of", opening a date or just before it
    when_words: regex.Pattern     # "since August 17, 1999, when some 17,000 died": the clause after a date is of that day
    not_sources: frozenset[str]   # "secondo cui": no source follows
    function_words: frozenset[str]
    of_words: frozenset[str]      # "Memorandum di Budapest", "Treaty of Versailles": what joins a name
    articles: frozenset[str]      # "the", "l'" (as words: "l"): skipped when reading the word before a name
    other_words: int              # how many other words may
    date_events: list[tuple[object, regex.Pattern, regex.Pattern, regex.Pattern]]  # (metric, terms, verbs, starts)
    link_marker: regex.Pattern
    reading_time: regex.Pattern
    timestamp_after: regex.Pattern  # "· 03:15", "ore 10.15" after a date: a page's timestamp
    named_source: regex.Pattern   # a run of capitalised words, joined by "of", "di": "New York Times"
    not_names: frozenset[str]     # capitalised words that name no source: weekdays, months
    percent_end: regex.Pattern    # a numeral that ends as a percentage does ("30%", "30 per cento")


def grammar_for(lang: str, rules: RuleSet) -> Grammar:
    """The grammar of language `lang` as the rule set defines it: built once per process, and
    loaded from the disk cache (`factcheck.cache`) when an earlier run built the same one."""
    from factcheck.cache import cached

    language = rules.language(lang)

    def load() -> Grammar:
        from factcheck.extraction import EXTRACTION_CODE

        fields = cached("grammar", grammar_inputs(language, rules), lambda: _portable(_build_grammar(language, rules)),
                        EXTRACTION_CODE)
        return _attached(fields, language, rules)

    return _cached(("grammar", id(language), id(rules)), load)


def grammar_inputs(language: Language, rules: RuleSet) -> str:
    """Everything a grammar is built from, as text: the language's data and the rule set's words."""
    return repr((language.code, language.data, sorted(rules.metrics.items()), sorted(rules.actors.items()),
                 sorted(rules.places.items()), rules.conventions))


def _portable(grammar: Grammar) -> dict:
    """The grammar's fields without the language and rule set it was built from (kept by the caller)."""
    fields = {name: getattr(grammar, name) for name in grammar.__dataclass_fields__
              if name not in ("language", "rules")}
    fields["date_events"] = [(metric.name, *patterns) for metric, *patterns in grammar.date_events]
    return fields


def _attached(fields: dict, language: Language, rules: RuleSet) -> Grammar:
    events = [(rules.metrics[name], *patterns) for name, *patterns in fields["date_events"]]
    return Grammar(**{**fields, "date_events": events}, language=language, rules=rules)


def _build_grammar(language: Language, rules: RuleSet) -> Grammar:
    lang, text = language.code, language.section("text")
    vague = {term.lower(): v for v in rules.conventions.vague for term in v.terms.get(lang, ())}
    fractions = {k.lower(): float(v) for k, v in text["fractions"].items()}
    # The conventions' vague words first ("un centinaio" reads as the convention says), then numerals
    # ("half a million" is a number), then shares ("half of them").
    quantities = "|".join([
        rf"(?P<vague>\m{literal_trie(vague, spell=spell_loosely)}(?!\w))",
        f"(?P<num>{number_pattern(language)})",
        rf"(?P<share>\m{literal_trie(fractions, spell=spell_loosely)}(?!\w))",
    ])
    counts_one = {w.lower(): what for w, what in text.get("counts_one", {}).items()}
    # the longest word of a vague or share term is the one to look for ("una decina" -> "decin")
    vowels = language.section("numbers").get("vowels", "")
    triggers = number_triggers(language) | date_triggers(language) | {
        word_stem(max(term.split(), key=len), vowels) for term in (*vague, *fractions)}
    # a date's month or weekday word starts where a trigger matched, so one is a prefix of the other
    date_words = date_triggers(language)
    dated = frozenset(t for t in triggers if any(d.startswith(t) or t.startswith(d) for d in date_words))
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
                           regex.compile(_words_alternation(metric.verbs[lang]), regex.IGNORECASE),
                           regex.compile(_words_alternation(metric.starts[lang]), regex.IGNORECASE)
                           if metric.starts.get(lang) else regex.compile("(?!)")))
    furniture = text["furniture"]
    flags = regex.IGNORECASE | regex.VERSION0
    actor_by_name = {}  # a name as matched ("Corea del Nord"; lower-cased when it is not capitalised) -> id
    for actor in sorted(rules.actors.values(), key=lambda a: a.name):
        for name in actor.names.get(lang, ()):
            actor_by_name.setdefault(" ".join(name.split()) if name != name.lower() else name, actor.name)
    source_by_name = {" ".join(name.lower().split()): source.name for source in sorted(rules.sources.values(), key=lambda s: s.name)
                      for names in source.names.values() for name in names}
    # sources whose name is not all capitalised words are looked for whole: "Medici senza frontiere"
    known_sources = [*text.get("known_sources", ()),
                     *(n for s in rules.sources.values() for n in s.names.get(lang, ()) if " " in n and not n.istitle())]
    # found in lower-cased text (the fastest scan), then checked against the case as written
    place_by_name = {n.lower(): a for n, a in actor_by_name.items()}  # a country is a place too
    for place in sorted(rules.places.values(), key=lambda p: p.name):
        for name in place.names.get(lang, ()):
            place_by_name[" ".join(name.lower().split())] = place.name
    # "Gaza's Health Ministry", "Ukraine’s air force": a possessive ends the name too
    actors = (r"\b" + literal_trie({name.lower() for name in actor_by_name}, spell=spell_loosely)
              + r"(?:(?![\w'’])|(?=['’]s\b))")
    percent_words = language.section("numbers")["percent"]
    joiners = _words_alternation(text["source_joiners"])
    return Grammar(
        lang=lang,
        language=language,
        rules=rules,
        triggers=re.compile(r"\d[\d.,]*|\b" + literal_trie(triggers)),
        triggers_any_case=regex.compile(r"\d[\d.,]*|\m" + literal_trie(triggers), flags),
        date_triggers=dated,
        dates=regex.compile(f"(?P<date>{date_pattern(language)})", flags),
        quantities=regex.compile(quantities, flags),
        metric_terms=regex.compile(metric_terms or "(?!)", flags),
        metric_names=metric_names,
        # "circa la metà", "oltre il 30%": an article may stand between qualifier and figure
        qualifier_before=regex.compile(f"(?:{qualifiers})(?:\\s+{_words_alternation(text['articles'])})?" + r"\s*$",
                                       flags),
        range_open=regex.compile(_words_alternation(opens) + r"\s*$", flags),
        range_join=regex.compile(r"\s*(?:" + "|".join(_term_regex(j) for j in joins) + r")\s*", flags),
        range_opens={join.lower(): frozenset(o.lower() for r in text["ranges"] if join in r["join"] for o in r["open"])
                     for join in joins},
        of_after=regex.compile(r"\s*" + _words_alternation(text["of"]) + r"\s*", flags),
        vague=vague,
        fractions=fractions,
        fillers=frozenset(w.lower() for w in text["fillers"]),
        modifiers=frozenset(w.lower() for w in text["modifiers"]),
        time_of_day=regex.compile(
            r"\(\s*\d{1,4}\s*\w{0,4}\s*\)|(?:\m(?:" + "|".join(_term_regex(w) for w in text["clock"]["before"]) + r")\s+)?"
            r"\d{1,2}(?:[.:]\d{2})?(?:\s*(?:" + "|".join(regex.escape(w) for w in text["clock"]["after"]) + r"))*", flags),
        clock_time=regex.compile(
            r"\m(?:" + "|".join(_term_regex(w) for w in text["clock"]["before"]) + r")\s+\d{1,2}(?:[.:]\d{2})?(?!\d)"
            r"(?:\s*(?:" + "|".join(regex.escape(w) for w in text["clock"]["after"]) + r"))*", flags),
        subset_markers=frozenset(" ".join(w.lower().split()) for w in text["subset_markers"]),
        # "caschi blu": a people noun of two words is known by its first
        people=frozenset({w.lower().split()[0] for w in text["people"]} | {n.lower() for n in actor_by_name if " " not in n}),
        conjunctions=frozenset(w.lower() for w in text["conjunctions"]),
        joins_actors=frozenset(w.lower() for w in text.get("joins_actors", ())),
        units=frozenset(w.lower() for w in text["not_counts"]["units"]),
        index_words=frozenset(w.lower() for w in text["not_counts"]["index_words"]),
        time_words=frozenset(w.lower() for w in text["not_counts"]["time_words"]),
        negations=frozenset(w.lower() for w in text["not_counts"].get("negations", ())),
        counts_one=counts_one,
        ones=re.compile(r"\b(?:" + literal_trie(counts_one) + r") (?=\w)" if counts_one else "(?!)", re.IGNORECASE),
        clause_openers=frozenset(w.lower() for w in text.get("clause_openers", ())),
        other_counts=frozenset(w.lower() for w in text.get("other_counts", ())),
        rise_before=regex.compile(
            _words_alternation(text["rise_verbs"]) + r"\s*$" if text.get("rise_verbs") else "(?!)",
            flags),
        change_before=regex.compile(
            _words_alternation(text["change_verbs"]) + r"\s*$" if text.get("change_verbs") else "(?!)", flags),
        approximate_numerals=tuple(w.lower() for w in text["not_counts"]["approximate_numerals"]),
        actors=re.compile(actors if actor_by_name else "(?!)"),
        actor_by_name=actor_by_name,
        actor_blockers=frozenset(w.lower() for w in text["actor_blockers"]),
        agent_markers=frozenset(w.lower() for w in text["agent_markers"]),
        places=re.compile(r"\b" + literal_trie(place_by_name, spell=spell_loosely) + r"(?:(?![\w'’])|(?=['’]s\b))"
                          if place_by_name else "(?!)"),
        place_by_name=place_by_name,
        locatives=frozenset(w.lower() for w in text["locatives"]),
        increments=frozenset(w.lower() for w in text["aspects"]["increment"]),
        periods=regex.compile(_words_alternation(text["aspects"]["period"]) if text["aspects"]["period"] else "(?!)",
                              flags),
        populations={w.lower(): who for who, words in text["populations"].items() for w in words},
        attack_words=frozenset(w.lower() for w in text["attack_words"]),
        attribution_cues=regex.compile(r"\m(?:" + _terms_trie(text["attribution_cues"]) + ")", flags),
        attribution_verbs=regex.compile(r"\m(?:" + _terms_trie(text["attribution_verbs"]) + ")"
                                        if text.get("attribution_verbs") else "(?!)", flags),
        attribution_openers=regex.compile(r"\m(?:" + _terms_trie(text["attribution_openers"]) + r")\M"
                                          if text.get("attribution_openers") else "(?!)", flags),
        statement_anaphors=regex.compile(r"\s*(?:" + _terms_trie(text["statement_anaphors"]) + r")(?:\M|(?<=['’]))"
                                         if text.get("statement_anaphors") else "(?!)", flags),
        interceptions=regex.compile(_words_alternation(text["interceptions"]) if text.get("interceptions") else "(?!)",
                                    flags),
        source_nouns=regex.compile(r"\m(?:" + _terms_trie(text["source_nouns"]) + ")"
                                   if text.get("source_nouns") else "(?!)", flags),
        as_of_words=regex.compile(_words_alternation(text["as_of_words"]), flags),
        when_words=regex.compile(r"\s*,?\s*" + _words_alternation(text["when_words"]) if text.get("when_words") else "(?!)",
                                 flags),
        not_sources=frozenset(w.lower() for w in text["not_sources"]),
        speaker_pronouns=frozenset(w.lower() for w in text.get("speaker_pronouns", ())),
        deadline=regex.compile(_words_alternation(text["deadlines"]) + r"(?:\s+\w+){0,2}\s*$", flags),
        other_words=int(text["other_words_to_metric"]),
        function_words=frozenset(w.lower() for w in text["function_words"]),
        of_words=frozenset(w.lower() for w in text["of"]),
        state_sources=frozenset(" ".join(w.lower().split()) for w in text.get("state_sources", ())),
        instruments=frozenset(" ".join(w.lower().split()) for w in text.get("instruments", ())),
        more_after=frozenset(w.lower() for w in text.get("more_after", ())),
        partitive_clitics=frozenset(w.lower() for w in text.get("partitive_clitics", ())),
        count_nouns=frozenset(w.lower() for w in text.get("count_nouns", ())),
        buildings=frozenset(w.lower() for w in text.get("buildings", ())),
        own_losses=frozenset(" ".join(w.lower().split()) for w in text.get("own_losses", ())),
        media_nouns=frozenset(w.lower() for w in text.get("media_nouns", ())),
        source_by_name=source_by_name,
        state_titles=frozenset(w.lower() for w in text.get("state_titles", ())),
        known_sources=regex.compile(r"\m(?:" + _terms_trie(known_sources) + r")\M" if known_sources else "(?!)", flags),
        articles=frozenset(w.lower().rstrip("'’") for w in text["articles"]),
        date_events=events,
        link_marker=regex.compile(r"^\s*" + _words_alternation(furniture["link_markers"]) + r"\W*$", flags),
        reading_time=regex.compile(r"\d+\s*" + _words_alternation(furniture["reading_time"]), flags),
        timestamp_after=regex.compile(r"\s*[·•|,\-–]?\s*(?:" + _words_alternation(furniture["clock_words"])
                                      + r"\s+)?\d{1,2}[:.]\d{2}\b", flags),
        not_names=frozenset(w.lower() for key in ("weekdays", "months") for w in language.section("dates")[key]),
        named_source=regex.compile(rf"(?:\p{{Lu}}[\w'’.-]*)(?:\s+(?:{joiners}\s+)?\p{{Lu}}[\w'’.-]*)*"),
        percent_end=regex.compile("(?:" + "|".join(_term_regex(p) for p in percent_words) + r")\s*$", flags),
    )




def detect_language(text: str, rules: RuleSet) -> str:
    """The rule set's language whose function words are most frequent in the text's opening."""
    sample = text[:1500].lower()
    counts = {code: len(_function_words(rules.language(code)).findall(sample)) for code in rules.languages}
    return max(sorted(counts), key=lambda code: (counts[code], code == "it"))


def _function_words(language: Language) -> re.Pattern:
    """Whole function words in lower-cased text (a trie for `re`: the fastest scan available)."""
    return _cached(("function_words", id(language)), lambda: re.compile(
        r"\b" + literal_trie({w.lower() for w in language.section("text")["function_words"]}) + r"\b"))
