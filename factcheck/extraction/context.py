"""Who a figure is about, who says it, and when it held; and the claim row that carries them.

    subject       "11mila soldati nordcoreani" -> north_korea (the actor lexicon, rules/actors/)
    attribution   "secondo l'intelligence di Seul" -> south_korea; "according to the New York Times"
    as_of         "al 20 dicembre" -> that day; else the publication date
"""
from __future__ import annotations

import bisect
import datetime
from functools import cached_property

from factcheck.extraction.attribution import NO_VOICE, Attribution, Voice
from factcheck.extraction.candidates import Candidate, word_start
from factcheck.extraction.dates import parse_date
from factcheck.extraction.text import CLAUSE_BREAK, WORD, Text

ACTORS_IN_OPENING = 3000  # characters read for a document's main actors
WORDS_TO_PLACE = 6     # "15 persone sono morte a Kiev": a place this close to a figure is where it holds
WORDS_TO_AGENT = 8     # "300 drones and missiles launched by Iran": an agent this close after a figure owns it
WORDS_TO_ACTOR = 4     # "10.000 soldati della Corea del Nord": an actor this close after a figure is its
WORDS_IN_AGENT_PHRASE = 3  # "dai ribelli dell'M23": words between an agent marker and its actor
WORDS_TO_INTERCEPTION = 8  # "ha abbattuto o neutralizzato con la guerra elettronica 747 droni": a figure brought down


class Context(Attribution):
    """The who and when of one document's figures, read from its text on demand."""

    def __init__(self, text: Text, source: str, published: datetime.date | None, candidates: list[Candidate]):
        self.text = text
        self.grammar = text.grammar
        self.source = source
        self.published = published
        self.candidates = candidates
        self._victims = ""  # the side of the last toll read, for tolls whose sentence names nobody
        self._owner = (-1, "")  # (paragraph, actor) of the last troops or weapons read, for figures whose sentence names nobody
        self._last_voice = (-1, NO_VOICE)  # (paragraph, voice) of the last figure whose source is named
        self._quantities = [c for c in candidates if c.group != "date"]
        self._quantity_starts = [c.start for c in self._quantities]
        self._date_starts = [c.start for c in candidates if c.group == "date"]
        self._dates = [c for c in candidates if c.group == "date"]

    def actors_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, actor id) of the actors named in text[start:end]."""
        by_name = self.grammar.actor_by_name
        raw = self.text.text
        found = []
        for match in self.grammar.actors.finditer(self.text.lowered, start, end):
            name = " ".join(raw[match.start():match.end()].split())
            actor = by_name.get(name) or by_name.get(name.lower())  # "US" as written; "nordcoreani" in any case
            if actor:
                found.append((match.start(), match.end(), actor))
        return found

    @cached_property
    def actor_mentions(self) -> list[tuple[int, int, str]]:
        """The actors the document's opening names (its headline and lead say who the story is about);
        read only when a figure's own sentence names none."""
        raw = self.text.text
        return self.actors_in(0, min(len(raw), word_start(raw, ACTORS_IN_OPENING)))

    @cached_property
    def main_actor(self) -> str:
        """The first actor of the title (the first line), else the most named one, else ""."""
        starts = self.text.line_starts
        title_end = starts[1] if len(starts) > 1 else len(self.text.text)
        in_title = self.actors_in(0, title_end)
        if in_title:
            return in_title[0][2]
        most = self._most_named(1)
        return most[0] if most else ""

    @cached_property
    def event_subject(self) -> str:
        """An agreement is between the document's two most named actors: "north_korea+russia"."""
        return "+".join(sorted(self._most_named(2)))

    @cached_property
    def story_places(self) -> frozenset[str]:
        """The actors whose land the story happens in: named after a locative in its opening ("in
        Syria"), or joined to one that is ("in Turchia e Siria")."""
        places, joined_from = set(), 0  # the end of the last place named: "e Siria" may follow it
        for start, end, actor in self.actor_mentions:
            between = self.text.lower_words(joined_from, start) if joined_from else []
            if self._after(start, self.grammar.locatives) or (
                    len(between) == 1 and between[0] in self.grammar.joins_actors):
                places.add(actor)
                joined_from = end
            else:
                joined_from = 0
        return frozenset(places)

    @cached_property
    def story_attackers(self) -> frozenset[str]:
        """The actors the story's opening names striking ("Russian strike", "raid israeliani", "uccisi dai
        russi"): a toll whose sentence names nobody is never theirs."""
        return frozenset(actor for start, end, actor in self.actor_mentions if self._attacks(start, end, acts_only=True))

    def _most_named(self, count: int) -> list[str]:
        tally: dict[str, int] = {}
        for _start, _end, actor in self.actor_mentions:
            tally[actor] = tally.get(actor, 0) + 1
        return sorted(tally, key=lambda a: -tally[a])[:count]  # ties: the first named

    def subject_of(self, start: int, end: int, victims: bool = False, voice: Voice = NO_VOICE,
                   soldiers: bool = False, fired: bool = False) -> str:
        """Who a figure is about: an actor right after it ("11mila soldati nordcoreani", "soldati della
        Corea del Nord"), else the last one before it in its sentence ("Pyongyang ha inviato 200 pezzi"),
        else the document's main actor.

        A toll (`victims`) is the victims' side: the place they fell counts ("15 morti a Kiev"), and
        the attacker does not ("un raid russo ha ucciso 15 persone", "killed by Israeli fire"). Nor does
        who states the figure (its `voice`: "Israel counted 180 missiles", "secondo il servizio geologico
        degli Stati Uniti, le vittime potrebbero essere migliaia"), unless nobody else is named. A toll
        of `soldiers` may be the attacker's own ("300 tra loro uccisi" of the troops a story sends).
        Weapons `fired` at a side are the attacker's, unless brought down ("747 droni abbattuti"): then
        the defender's."""
        sent_start, sent_end = self.text.sentence_bounds(start)
        limit = self.text.clause_end(end, sent_end)
        spoken = [a for a in self.actors_in(sent_start, sent_end) if voice.phrase_start <= a[0] < voice.end]
        after = [a for a in self.actors_in(end, limit) if a not in spoken]
        grammar = self.grammar
        for i, (actor_start, _actor_end, actor) in enumerate(after[:1] if not victims else after):
            words = self.text.lower_words(end, actor_start)
            blocked = grammar.agent_markers if victims else grammar.actor_blockers
            if len(words) <= WORDS_TO_ACTOR and not any(w in blocked or w in grammar.clause_openers for w in words):
                if victims:  # "killed in Turkey and Syria": the toll of both
                    actor = self._victims = self._joined(actor, _actor_end, after[i + 1:])
                else:
                    self._owner = (self._paragraph(start), actor)
                return actor
        interception = self._interception(start, end) if fired else None
        if interception:  # "la difesa aerea ha abbattuto 747 droni"
            return self._defender(interception, sent_start, sent_end, voice)
        if not victims:  # "300 drones and missiles launched by Iran": the agent after its verb owns them
            for actor_start, _actor_end, actor in after:
                words = self.text.lower_words(end, actor_start)
                if len(words) <= WORDS_TO_AGENT and self._after(actor_start, grammar.agent_markers) \
                        and not self._after(actor_start, grammar.actor_blockers):
                    self._owner = (self._paragraph(start), actor)
                    return actor
        before = [a for a in self.actors_in(sent_start, start) if a not in spoken]
        if victims and spoken and self._own_losses(sent_start, start, end):
            return spoken[-1][2]  # "Baku ammette: 192 soldati uccisi", "Azerbaijan said 192 of its servicemen"
        if victims:  # not the attacker: "un raid russo ha ucciso", "uccisi dai russi"
            named = before
            before = [a for a in before if not self._attacks(a[0], a[1]) and not self._after_agent(a[0])
                      and not self._beside_source(a) and not self._names_building(a)]
            if before:
                self._victims = before[-1][2]
                if len(before) > 1:  # "in Turchia e Siria i morti sono": both
                    joined = self._joined(before[-2][2], before[-2][1], before[-1:])
                    self._victims = joined if "+" in joined else self._victims
                return self._victims
            # a toll whose sentence names nobody is its speaker's side when the story happens there ("Syria's
            # health ministry said 812 died"), else the previous toll's side ("le persone uccise in Libano
            # sono 2.350 ... Nel nord, 21 morti"), else the story's main side: never an attacker the sentence
            # or the story names ("Russian missiles struck Odesa, killing 14", "after Wednesday's Russian strike")
            attackers = {a[2] for a in named}
            speakers = [a[2] for a in reversed(spoken) if a[2] in self.story_places]
            for side in (*speakers, self._victims):
                if side and side not in attackers:
                    return side
            attackers |= frozenset() if soldiers else self.story_attackers
            for side in (self.main_actor, *self._most_named(3)):
                if side and side not in attackers:
                    return side
            return self._victims or self.main_actor
        # not the target ("ha lanciato contro Israele 170 droni", "sent to Russia"); else whose the last
        # such figure was ("... launched by Iran. By his count, the salvo comprised 170 drones")
        before = [a for a in before if not self._after(a[0], grammar.actor_blockers)]
        paragraph = self._paragraph(start)
        if before:
            self._owner = (paragraph, before[-1][2])
        if self._owner[0] == paragraph:
            return self._owner[1]
        # a sentence naming nobody ("Oltre 800 droni in una notte", "Israel counted about 180 missiles"):
        # the one side the story names striking, never who states the figure, as states count what hits them
        if fired:
            speakers = {a[2] for a in spoken}
            attackers = sorted(self.story_attackers - speakers)
            if len(attackers) == 1:
                return attackers[0]
            if self.main_actor and self.main_actor not in speakers:
                return self.main_actor
        if spoken:
            return spoken[-1][2]
        # "Madrid è stata la prima a muoversi. Un contingente di 65 effettivi è decollato": the side the
        # paragraph last named, not as a target, sends them
        earlier = [a for a in self.actors_in(paragraph + 1, sent_start) if not self._after(a[0], grammar.actor_blockers)]
        return earlier[-1][2] if earlier else self.main_actor

    def _interception(self, start: int, end: int):
        """The figure counts weapons brought down: an interception word just after it ("747 droni
        abbattuti", "35 drones were shot down") or before it in its clause ("la difesa aerea ha abbattuto
        o neutralizzato con la guerra elettronica 747 droni"), not of a part ("intercepted 99% of the 300")."""
        raw, grammar = self.text.text, self.grammar
        sent_start, sent_end = self.text.sentence_bounds(start)
        after_end = self.text.clause_end(end, sent_end)
        words_after = list(WORD.finditer(raw, end, after_end))[:WORDS_TO_INTERCEPTION]
        after = words_after and grammar.interceptions.search(raw, end, words_after[-1].end())
        if after:  # not "the 300 drones launched by Iran were brought down": those are Iran's
            return None if self.actors_in(end, after.start()) else after
        floor = self.text.clause_start(start, sent_start)
        words_before = list(WORD.finditer(raw, floor, start))[-WORDS_TO_INTERCEPTION - 2:]
        found = list(grammar.interceptions.finditer(raw, words_before[0].start(), start)) if words_before else []
        if found and not any(w in grammar.of_words for w in self.text.lower_words(found[-1].end(), start)):
            return found[-1]
        return None

    def _defender(self, interception, sent_start: int, sent_end: int, voice: Voice) -> str:
        """Who brought weapons down: the side named just before the interception word ("Mosca sostiene di
        aver intercettato"), or after it as its agent ("shot down by Ukraine's air force"), else the side
        that says so ("According to the air force, air defences shot down"), else the land the story
        happens in, else the side its sentence names as the target ("contro l'Ucraina"), else the story's
        main side that is no attacker."""
        grammar = self.grammar
        named = self.actors_in(sent_start, sent_end)
        before = [a for a in named if a[1] <= interception.start()
                  and not self._after(a[0], grammar.actor_blockers) and not self._attacks(a[0], a[1])]
        if before:
            return before[-1][2]
        agents = [a[2] for a in named if a[0] >= interception.end() and self._after(a[0], grammar.agent_markers)]
        targets = [a[2] for a in named if self._after(a[0], grammar.actor_blockers)]
        stating = [voice.name] if voice.name in self.actor_ids else []
        # where both sides strike ("a Ukrainian drone strike" in a story of Russian raids), neither is ruled out
        attackers = self.story_attackers if len(self.story_attackers) == 1 else frozenset()
        for side in (*agents[:1], *stating, *sorted(self.story_places - attackers), *targets, self.main_actor):
            if side and side not in attackers:
                return side
        return self.main_actor

    def same_side(self, row: dict) -> None:
        """A toll whose subject was set from the figure it is part of: the next toll naming nobody is theirs too."""
        if self.grammar.rules.metrics[row["metric"]].cumulative:
            self._victims = row["subject"]

    def _after_agent(self, pos: int) -> bool:
        """An actor in an agent's phrase: "uccisi dai russi", "conquistato dai ribelli dell'M23", "killed by
        Israeli forces of the army" (people and force nouns between the marker and the actor)."""
        grammar = self.grammar
        return self._after(pos, grammar.agent_markers, reach=50, most=WORDS_IN_AGENT_PHRASE + 1, skip=lambda w: (
            w in grammar.articles or w in grammar.of_words or w + "'" in grammar.of_words or w in grammar.people
            or w in grammar.attack_words))

    def _beside_source(self, actor: tuple[int, int, str]) -> bool:
        """An actor that says whose a source is ("ripreso dal quotidiano israeliano Haaretz", "the Turkish
        agency Anadolu"): a source noun right before or after it that is no state body (a state counts
        its own dead: "il ministero della Salute libanese")."""
        start, end, _ = actor
        raw, nouns, states = self.text.text, self.grammar.source_nouns, self.grammar.state_sources
        after = WORD.search(raw, end, min(len(raw), end + 20))
        if after and after.group() in ("s", "S"):  # "Gaza's": the word after the possessive
            after = WORD.search(raw, after.end(), min(len(raw), end + 20))
        noun = after and not raw[end:after.start()].strip(" '’sS") and nouns.match(raw, after.start())
        if noun and " ".join(noun.group().lower().split()) not in states:
            return True
        floor = max(0, start - 40)
        before = raw[floor:start].rstrip()
        return any(m.end() == floor + len(before) and " ".join(m.group().lower().split()) not in states
                   for m in nouns.finditer(raw, floor, floor + len(before)))

    def _own_losses(self, sent_start: int, start: int, end: int) -> bool:
        """A toll its speaker gives as its own: admitted ("Baku ammette", "Russia acknowledged") or owned
        ("192 of its servicemen", "dei suoi soldati"; `own_losses` in the language file)."""
        own = self.grammar.own_losses
        if not own:
            return False
        after = " ".join(self.text.lower_words(end, min(len(self.text.text), end + 20))[:2])
        before = self.text.lower_words(sent_start, start)
        return after in own or any(w in own for w in before) or \
            any(" ".join(before[i:i + 2]) in own for i in range(len(before) - 1))

    def _names_building(self, actor: tuple[int, int, str]) -> bool:
        """A demonym that names a building, not whose dead lie there: "the Saudi Hospital", "l'ospedale
        saudita di El Fasher" (`buildings` in the language file: the noun right after or before it)."""
        start, end, _ = actor
        buildings = self.grammar.buildings
        after = self.text.next_word(end)
        before = self.text.lower_words(max(0, start - 20), start)[-1:]
        return bool(buildings) and (after is not None and after.group().lower() in buildings
                                    or bool(before) and before[0] in buildings)

    def _joined(self, actor: str, end: int, following: list[tuple[int, int, str]]) -> str:
        """`actor`, or "syria+turkey" when the next actor is joined to it by a conjunction alone."""
        if following:
            between = self.text.lower_words(end, following[0][0])
            if len(between) == 1 and between[0] in self.grammar.joins_actors and following[0][2] != actor:
                return "+".join(sorted((actor, following[0][2])))
        return actor

    def _paragraph(self, pos: int) -> int:
        return self.text.text.rfind("\n", 0, pos)

    def _after(self, pos: int, words: frozenset[str], reach: int = 25, most: int | None = None, skip=None) -> bool:
        """The word just before `pos`, articles (or up to `most` words `skip` accepts) aside, is one of
        `words` ("contro l'Ucraina", "against the US"); words are read `reach` characters back."""
        previous = self.text.lower_words(max(0, pos - reach), pos)
        skip = skip or (lambda w: w in self.grammar.articles)
        skipped = 0
        while previous and (most is None or skipped < most) and skip(previous[-1]):
            previous.pop()
            skipped += 1
        return bool(previous) and previous[-1] in words

    def _attacks(self, start: int, end: int, acts_only: bool = False) -> bool:
        """An actor named as the one who strikes: "Russian drones", "Israeli strikes" (the attack word
        after it), "un raid russo", "attacco israeliano" (an adjective after it; "to hit Turkey" names
        the target). `acts_only`: by an act, not by its forces ("Turkish soldiers", "the Turkish army"
        are sent to a quake as well as to war)."""
        grammar, raw = self.grammar, self.text.text
        reach = min(len(raw), end + 40)
        stop = CLAUSE_BREAK.search(raw, end, reach)  # "KYIV — Russia launched": the dateline strikes nothing
        words = self.text.lower_words(end, stop.start() if stop else reach)[:2]
        if acts_only:
            words = [w for w in words if w not in grammar.people and w not in grammar.state_sources
                     and not grammar.metric_terms.fullmatch(w)]
        return any(w in grammar.attack_words for w in words) or \
            (raw[start:start + 1].islower() and self._after(start, grammar.attack_words))

    def as_of(self, start: int) -> str:
        """The date a figure describes: a date its sentence gives with "al" / "as of", else the publication
        date ("finora", "so far" and most figures describe the day they are published), else ""."""
        raw = self.text.text
        sent_start, sent_end = self.text.sentence_bounds(start)
        for date in self.dates_between(sent_start, start):
            # "since August 17, 1999, when some 17,000 people died": the figure's clause is of that day
            when = self.grammar.when_words.match(raw, date.end)
            if when and not CLAUSE_BREAK.search(raw, when.end(), start):
                span = parse_date(date.text, self.grammar.language, self.published)
                if span is not None and not span.yearless:
                    return span.end_iso
        for date in self.dates_between(sent_start, sent_end):
            # "al 20 dicembre" opens the date; "as of January" straddles its start ("of January" is the date)
            near = self.grammar.as_of_words.finditer(raw, max(0, date.start - 20), min(date.end, date.start + 12))
            if not any(m.start() <= date.start and (m.end() >= date.start or not raw[m.end():date.start].strip())
                       for m in near):
                continue
            span = parse_date(date.text, self.grammar.language, self.published)
            if span is not None and not span.yearless:
                return span.end_iso
        return self.published.isoformat() if self.published else ""

    def quantities_between(self, start: int, end: int) -> list[Candidate]:
        """The numerals and quantity words the scan found starting in text[start:end]."""
        i = bisect.bisect_left(self._quantity_starts, start)
        j = bisect.bisect_left(self._quantity_starts, end)
        return self._quantities[i:j]

    def dates_between(self, start: int, end: int) -> list[Candidate]:
        """The date candidates the scan found in text[start:end]: no second scan of the text."""
        i = bisect.bisect_left(self._date_starts, start)  # by bisection: a dense text has dates by the thousand
        j = bisect.bisect_left(self._date_starts, end)
        return [c for c in self._dates[i:j] if c.end <= end]

    def place_of(self, start: int, end: int) -> str:
        """Where a figure holds: the place its clause names after a locative ("15 morti a Kiev",
        "killed in Kursk") or right before it in a list ("and Marrakesh 15"), the closest to the
        figure; "" when none (the whole story)."""
        sent_start, sent_end = self.text.sentence_bounds(start)
        floor, ceiling = self.text.clause_start(start, sent_start), self.text.clause_end(end, sent_end)
        best = None
        raw = self.text.text
        for match in self.grammar.places.finditer(self.text.lowered, floor, ceiling):
            # a place is a proper name: "nei mali del paese" names none
            place = self.grammar.place_by_name.get(" ".join(match.group().split()), "")
            # "Ouarzazate recorded 41 deaths and Marrakesh 15": a list entry by place names it right before
            entry = place in self.grammar.rules.places and match.end() <= start \
                and not raw[match.end():start].strip(" ")
            if raw[match.start():match.start() + 1].isupper() and (entry or self._after(match.start(), self.grammar.locatives)):
                gap = (end, match.start()) if match.start() >= end else (match.end(), start)
                distance = self.text.words_between(*gap)
                if distance <= WORDS_TO_PLACE and (best is None or distance < best[0]):
                    best = (distance, self.grammar.place_by_name.get(" ".join(match.group().split()), ""))
        return best[1] if best else ""

    def population_of(self, start: int, end: int, figure_start: int) -> str:
        """Who a figure counts, from the nouns right after it or just before it: "300 civili", "i bambini
        morti sono 40"; "" when the text does not say (everyone)."""
        populations = self.grammar.populations
        _sent_start, sent_end = self.text.sentence_bounds(start)
        after = self.text.lower_words(end, self.text.clause_end(end, sent_end))[:3]
        before = self.text.lower_words(self.text.clause_start(figure_start, _sent_start), figure_start)[-4:]
        return next((populations[w] for w in (*after, *reversed(before)) if w in populations), "")

    def aspect_of(self, start: int, figure_start: int) -> str:
        """total, increment ("altri 6mila", "another 2,000") or period ("nelle ultime 24 ore", "overnight")."""
        words = self.text.lower_words(max(0, figure_start - 30), figure_start)
        if words and words[-1] in self.grammar.increments:
            return "increment"
        sent_start, sent_end = self.text.sentence_bounds(start)
        clause = self.text.clause_start(figure_start, sent_start), self.text.clause_end(start, sent_end)
        if self.grammar.periods.search(self.text.text, *clause):  # "725 morti in una sola notte, a quota 2.790"
            return "period"
        return "total"

    def row(self, metric, start: int, end: int, figure_start: int, value, low, high, qualifier: str) -> dict:
        """The claim row of a figure text[figure_start:end] (its numeral at start..end), in context."""
        line, col, _ = self.text.line_of(start)
        sent_start, sent_end = self.text.sentence_bounds(start)
        voice = self.voice_of(start)
        population = self.population_of(start, end, figure_start) if metric.kind == "quantity" else ""
        subject = self.event_subject if metric.kind == "date" else \
            self.subject_of(start, end, metric.cumulative, voice, soldiers=population == "military", fired=metric.fired)
        return {
            "id": f"{self.source}:{line}:{col}",
            "source": self.source,
            "metric": metric.name,
            "subject": subject,
            "attribution": self._state_of(voice, subject, metric.cumulative) if metric.kind == "quantity"
            else voice.name,
            "speaker": " ".join(self.text.text[voice.start:voice.end].lower().replace("’", "'").split()) if voice else "",
            "as_of": self.as_of(start) if metric.kind == "quantity" else "",
            "population": population,
            "place": _narrower(self.place_of(start, end), subject) if metric.kind == "quantity" else "",
            "aspect": self.aspect_of(start, figure_start) if metric.kind == "quantity" else "",
            "event": "",
            "kind": metric.kind,
            "value": tidy(value),
            "low": tidy(low),
            "high": tidy(high),
            "qualifier": qualifier,
            "date_start": None,
            "date_end": None,
            "ref": None,
            "figure": self.text.text[figure_start:end],
            "quote": self.text.text[sent_start:sent_end].strip(),
            "start": start,
            "end": end,
            "line": line,
            "col": col,
            "lang": self.grammar.lang,
            "count": 1,
            "offsets": [[start, end]],
        }


def _narrower(place: str, subject: str) -> str:
    """The place a figure holds, or "" where it is the subject's whole land: "killed in Lebanon" is
    Lebanon's toll, to compare with any other ("in Turkey" of a toll "in Turkey and Syria" too)."""
    return "" if place and place in subject.split("+") else place


def tidy(number: float | None) -> float | None:
    """1650.0000000000002 -> 1650.0: interval arithmetic must not print float noise in reports."""
    return None if number is None else round(float(number), 6)
