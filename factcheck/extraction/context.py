"""Who a figure is about, who says it, and when it held; and the claim row that carries them.

    subject       "11mila soldati nordcoreani" -> north_korea (the actor lexicon, rules/actors/)
    attribution   "secondo l'intelligence di Seul" -> south_korea; "according to the New York Times"
    as_of         "al 20 dicembre" -> that day; else the publication date
"""
from __future__ import annotations

import bisect
import datetime
from functools import cached_property
from typing import NamedTuple

from factcheck.extraction.candidates import Candidate, space_after, word_start
from factcheck.extraction.dates import parse_date
from factcheck.extraction.text import CLAUSE_BREAK, WORD, Text

ATTRIBUTION_REACH = 60  # characters after "secondo" / "according to" where the source is named
COLON_SPEAKER = 50      # "Zelensky: «...»": characters before a colon that may name who speaks
ACTORS_IN_OPENING = 3000  # characters read for a document's main actors
WORDS_TO_PLACE = 6     # "15 persone sono morte a Kiev": a place this close to a figure is where it holds
WORDS_TO_AGENT = 8     # "300 drones and missiles launched by Iran": an agent this close after a figure owns it
WORDS_TO_TIE = 4      # "Israeli military spokesman Daniel Hagari": an actor this close before a source is whose it is
TIES_READ = 20        # mentions of a source read for a tie to an actor ("Hagari" after "Israeli spokesman Daniel Hagari")
WORDS_TO_ACTOR = 4     # "10.000 soldati della Corea del Nord": an actor this close after a figure is its


class Voice(NamedTuple):
    """Who states a figure, where the text names them, and where the phrase naming them starts:
    actors in that phrase speak, they do not own ("researchers from the London School of Hygiene and
    Tropical Medicine estimated 64,260 deaths in Gaza")."""
    name: str
    start: int
    end: int
    phrase_start: int

    def __bool__(self) -> bool:
        return bool(self.name)


NO_VOICE = Voice("", -1, -1, -1)


class Context:
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
                   soldiers: bool = False) -> str:
        """Who a figure is about: an actor right after it ("11mila soldati nordcoreani", "soldati della
        Corea del Nord"), else the last one before it in its sentence ("Pyongyang ha inviato 200 pezzi"),
        else the document's main actor.

        A toll (`victims`) is the victims' side: the place they fell counts ("15 morti a Kiev"), and
        the attacker does not ("un raid russo ha ucciso 15 persone", "killed by Israeli fire"). Nor does
        who states the figure (its `voice`: "Israel counted 180 missiles", "secondo il servizio geologico
        degli Stati Uniti, le vittime potrebbero essere migliaia"), unless nobody else is named. A toll
        of `soldiers` may be the attacker's own ("300 tra loro uccisi" of the troops a story sends)."""
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
        if not victims:  # "300 drones and missiles launched by Iran": the agent after its verb owns them
            for actor_start, _actor_end, actor in after:
                words = self.text.lower_words(end, actor_start)
                if len(words) <= WORDS_TO_AGENT and self._after(actor_start, grammar.agent_markers) \
                        and not self._after(actor_start, grammar.actor_blockers):
                    self._owner = (self._paragraph(start), actor)
                    return actor
        before = [a for a in self.actors_in(sent_start, start) if a not in spoken]
        if victims:  # not the attacker: "un raid russo ha ucciso", "uccisi dai russi"
            named = before
            before = [a for a in before if not self._attacks(a[0], a[1]) and not self._after(a[0], grammar.agent_markers)]
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
        return spoken[-1][2] if spoken else self.main_actor

    def same_side(self, row: dict) -> None:
        """A toll whose subject was set from the figure it is part of: the next toll naming nobody is theirs too."""
        if self.grammar.rules.metrics[row["metric"]].cumulative:
            self._victims = row["subject"]

    def _joined(self, actor: str, end: int, following: list[tuple[int, int, str]]) -> str:
        """`actor`, or "syria+turkey" when the next actor is joined to it by a conjunction alone."""
        if following:
            between = self.text.lower_words(end, following[0][0])
            if len(between) == 1 and between[0] in self.grammar.joins_actors and following[0][2] != actor:
                return "+".join(sorted((actor, following[0][2])))
        return actor

    def _paragraph(self, pos: int) -> int:
        return self.text.text.rfind("\n", 0, pos)

    def _after(self, pos: int, words: frozenset[str]) -> bool:
        """The word just before `pos`, articles aside, is one of `words` ("contro l'Ucraina", "against the US")."""
        previous = self.text.lower_words(max(0, pos - 25), pos)
        while previous and previous[-1] in self.grammar.articles:
            previous.pop()
        return bool(previous) and previous[-1] in words

    def _attacks(self, start: int, end: int, acts_only: bool = False) -> bool:
        """An actor named as the one who strikes: "Russian drones", "Israeli strikes" (the attack word
        after it), "un raid russo", "attacco israeliano" (an adjective after it; "to hit Turkey" names
        the target). `acts_only`: by an act, not by its forces ("Turkish soldiers", "the Turkish army"
        are sent to a quake as well as to war)."""
        grammar, raw = self.grammar, self.text.text
        words = self.text.lower_words(end, min(len(raw), end + 40))[:2]
        if acts_only:
            words = [w for w in words if w not in grammar.people and w not in grammar.state_sources
                     and not grammar.metric_terms.fullmatch(w)]
        return any(w in grammar.attack_words for w in words) or \
            (raw[start:start + 1].islower() and self._after(start, grammar.attack_words))

    def voice_of(self, start: int) -> Voice:
        """Who states the figure at `start`, and where its sentence names them. Two kinds of cue,
        nearest the figure first (before it, then after it): a source named after a preposition
        ("secondo l'intelligence di Seul", "according to the New York Times"), and the subject of a
        speech verb ("Zelensky said", "police reported 15 dead", "..., said Hagari"). A verb whose
        subject is a pronoun or left unsaid ("he said", "ha precisato") has the last speaker named
        before it in the paragraph; a headline may name its speaker before a colon ("Zelensky: «Oltre
        440 droni»"); a sentence naming nobody may have its source in the next one ("Lo ha riferito il
        ministero della Salute", "That's according to the health ministry")."""
        voice = self._stated_by(start) or self._stated_next(start)
        paragraph = self._paragraph(start)
        if not voice:  # "Lo ha riferito il ministero ... Nel nord, 21 morti e sei feriti"
            return self._last_voice[1] if self._last_voice[0] == paragraph else NO_VOICE
        speaks_for = self._speaks_for(voice)
        voice = voice._replace(name=speaks_for) if speaks_for else voice
        self._last_voice = (paragraph, voice)
        return voice

    def _stated_next(self, start: int) -> Voice:
        """The source the next sentence of the paragraph names for this one's figures, when it opens
        by pointing back at them ("Lo ha riferito ...", "È la stima che il Nis ha illustrato")."""
        _sent_start, sent_end = self.text.sentence_bounds(start)
        if sent_end >= len(self.text.text) or "\n" in self.text.text[start:sent_end]:
            return NO_VOICE
        anaphor = self.grammar.statement_anaphors.match(self.text.text, sent_end)
        return self._stated_by(anaphor.end()) if anaphor else NO_VOICE

    def _stated_by(self, start: int) -> Voice:
        raw = self.text.text
        sent_start, sent_end = self.text.sentence_bounds(start)
        grammar = self.grammar
        cues = [(m, False) for m in grammar.attribution_cues.finditer(raw, sent_start, sent_end)]
        cues += [(m, False) for m in grammar.attribution_openers.finditer(raw, sent_start, sent_end)
                 if not raw[sent_start:m.start()].strip() or raw[sent_start:m.start()].rstrip()[-1] == ","]
        cues += [(m, True) for m in grammar.attribution_verbs.finditer(raw, sent_start, sent_end)]
        cues.sort(key=lambda cue: (cue[0].start() > start, abs(cue[0].start() - start)))
        for cue, verb in cues:
            found = self._speaker(cue, start, sent_start, sent_end) if verb else \
                self._named_after(cue, sent_start, sent_end, grammar.attribution_openers.fullmatch(cue.group()))
            if found:
                return found
            if verb and self._pronoun_before(cue.start(), sent_start):
                return self._previous_speaker(sent_start)
        return self._before_colon(start, sent_start)

    def _speaks_for(self, voice: Voice) -> str:
        """The actor a source speaks for, where the article ties it to one: an official or a state body
        beside an actor ("Israeli military spokesman Daniel Hagari", "il ministero della Salute di Beirut"),
        or named so elsewhere in the article ("Hagari said" after that). "" for a source tied to none,
        or that stands for itself ("the New York Times", "analysts")."""
        name, start, end, _phrase = voice
        if name in self.actor_ids:
            return ""
        state = name in self.grammar.state_sources
        if not state and not self.text.text[start:start + 1].isupper():
            return ""  # a common noun that is no state body: "analysts", "rescuers", "officials"
        tied = self._tied_actor(start, end)
        if tied:
            return tied
        key = name if state else name.split()[-1]  # "Hagari", as the article calls him after the first time
        lowered, pos = self.text.lowered, -1
        for _ in range(TIES_READ):
            pos = lowered.find(key, pos + 1)
            if pos < 0:
                break
            if pos != start and (lowered[pos - 1:pos].isalnum() or lowered[pos + len(key):pos + len(key) + 1].isalnum()):
                continue
            tied = self._tied_actor(pos, pos + len(key))
            if tied:
                return tied
        return ""

    def _tied_actor(self, start: int, end: int) -> str:
        """The actor text[start:end] belongs to: named in its clause just before it ("Turkish Defence
        Minister Hulusi Akar", "la giunta birmana" aside, "Myanmar's military") or joined to it after
        ("il ministero della Salute di Beirut", "the army of Israel", "la giunta birmana")."""
        sent_start, sent_end = self.text.sentence_bounds(start)
        floor, ceiling = self.text.clause_start(start, sent_start), self.text.clause_end(end, sent_end)
        joiners = self.grammar.of_words | self.grammar.articles
        for actor_start, actor_end, actor in self.actors_in(floor, ceiling):
            if actor_end <= start and self.text.words_between(actor_end, start) <= WORDS_TO_TIE:
                return actor
            if actor_start >= end and all(w in joiners for w in self.text.lower_words(end, actor_start)) \
                    and self.text.words_between(end, actor_start) <= 2:
                return actor
        return ""

    @cached_property
    def actor_ids(self) -> frozenset[str]:
        return frozenset(self.grammar.actor_by_name.values())

    def _state_of(self, source: str, subject: str, victims: bool) -> str:
        """The state a state body tied to none speaks for ("the ruling military said 1,644 died", "secondo
        la polizia"): for a toll, the victims' own, as states count their own dead; for weapons, the side
        the story's last toll was of, as states count what strikes them ("the army said Iran fired 300
        missiles"); else the source as named."""
        if source not in self.grammar.state_sources:
            return source
        side = subject if victims else self._victims
        return side if side and "+" not in side else source

    def _before_colon(self, start: int, sent_start: int) -> Voice:
        """The speaker a headline names before a colon: "Zelensky: «Oltre 440 droni»", "Il ministero della
        Sanità di Hamas: 40.005 vittime"; not "Kiev, notte di terrore: 15 morti" (a place and an event)."""
        raw = self.text.text
        colon = raw.rfind(":", sent_start, start)
        head_start = max(sent_start, colon - COLON_SPEAKER)
        if colon < 0 or "," in raw[head_start:colon] or raw.rfind(":", sent_start, colon) >= 0:
            return NO_VOICE
        actors = self.actors_in(head_start, colon)
        if actors:
            return _voice(actors[-1])
        # a lone capitalised word opening the sentence is as likely a noun ("Bilancio: 15 morti") as a name
        names = [Voice(self._name(m.group()), m.start(), m.end(), m.start())
                 for m in self.grammar.named_source.finditer(raw, head_start, colon)
                 if " " in m.group().strip() or raw[head_start:m.start()].strip()]
        return next((n for n in reversed(names) if n.name), None) or self._source_noun(head_start, colon)

    def _previous_speaker(self, before: int) -> Voice:
        """The subject of the last speech verb in the paragraph before `before` that has one."""
        raw = self.text.text
        paragraph = raw.rfind("\n", 0, max(0, before - 1)) + 1
        for cue in reversed(list(self.grammar.attribution_verbs.finditer(raw, paragraph, before))):
            sent_start, sent_end = self.text.sentence_bounds(cue.start())
            found = self._speaker(cue, cue.start(), sent_start, sent_end)
            if found:
                return found
        return NO_VOICE

    def _named_after(self, cue, sent_start: int, sent_end: int, opener=None) -> Voice:
        """The source after "secondo" / "according to", else an actor just before it; after an `opener`
        ("Per l'intelligence di Seul"), only a source that follows it at once."""
        raw = self.text.text
        following = WORD.search(raw, cue.end(), sent_end)
        if following and following.group().lower() in self.grammar.not_sources:
            # "l'aeronautica militare ucraina, secondo cui ...": the source is the one just named
            floor = max(sent_start, cue.start() - ATTRIBUTION_REACH)
            before = [v for v in (self._source_near(floor, cue.start(), last=True), self._source_noun(floor, cue.start()))
                      if v]
            return max(before, key=lambda v: v.end) if before and not opener else NO_VOICE
        reach = min(sent_end, space_after(raw, cue.end() + ATTRIBUTION_REACH))
        end = self.text.clause_end(cue.end(), reach)
        # the first source named: "secondo un portavoce della giunta", "secondo il ministero della Salute"
        first = min((v for v in (self._source_near(cue.end(), end), self._source_noun(cue.end(), end)) if v),
                    key=lambda v: v.start, default=NO_VOICE)
        if opener:
            articles = self.grammar.articles
            return first if first and all(w in articles for w in self.text.lower_words(cue.end(), first.start)) \
                else NO_VOICE
        if first:
            return first
        before = self.actors_in(max(sent_start, cue.start() - ATTRIBUTION_REACH), cue.start())
        return _voice(before[-1]) if before else NO_VOICE

    def _speaker(self, cue, start: int, sent_start: int, sent_end: int) -> Voice:
        """The subject of a speech verb: an actor, a name or a source noun just before it (after the
        figure, when the verb follows it); else, when the figure came first, a name right after it."""
        raw = self.text.text
        floor = max(sent_start, cue.start() - ATTRIBUTION_REACH)
        if cue.start() > start:  # "35,000 killed, the ministry said": its subject is after the figure
            floor = self.text.clause_start(cue.start(), max(floor, start))
        phrase = self.text.clause_start(cue.start(), floor)
        named = None  # the run of capitalised words just before the verb, if any
        for names in reversed(list(self.grammar.named_source.finditer(raw, floor, cue.start()))):
            name = self._name(names.group())
            if name and not raw[names.end():cue.start()].strip(" ,)") and not self.actors_in(names.start(), names.end()):
                named = Voice(name, names.start(), names.end(), min(phrase, names.start()))
            break
        if named and not raw[named.end:cue.start()].strip():
            return named  # its subject: "15 dead in Kyiv, before Interior Minister Ihor Klymenko revised"
        before = self.actors_in(floor, cue.start())
        if before:  # "L'Agenzia di spionaggio di Seul, nota come Nis, ha fornito stime"
            return _voice(before[-1])._replace(phrase_start=min(phrase, before[-1][0]))
        if named:
            return named
        noun = self._source_noun(floor, cue.start())
        if noun:
            return noun._replace(phrase_start=min(phrase, noun.start))
        if cue.start() > start:  # "..., said Hagari", "ha precisato il ministro Abiad"
            end = self.text.clause_end(cue.end(), min(sent_end, space_after(raw, cue.end() + 30)))
            after = self._source_near(cue.end(), end)
            return after if after else self._source_noun(cue.end(), end, last=False)
        return NO_VOICE

    def _source_noun(self, start: int, end: int, last: bool = True) -> Voice:
        """The last (or first) source written without a capital in text[start:end] ("police", "la giunta")."""
        nouns = list(self.grammar.source_nouns.finditer(self.text.text, start, end))
        if not nouns:
            return NO_VOICE
        noun = nouns[-1 if last else 0]
        return Voice(" ".join(noun.group().lower().split()), noun.start(), noun.end(), noun.start())

    def _pronoun_before(self, pos: int, sent_start: int) -> bool:
        """A speech verb with no subject of its own: a pronoun or possessive just before it ("he said",
        "by his count"), or nothing but punctuation ("..., ha precisato")."""
        words = self.text.lower_words(max(sent_start, pos - 20), pos)
        before = self.text.text[sent_start:pos].rstrip()
        return not words or words[-1] in self.grammar.speaker_pronouns or not before[-1:].isalnum()

    def _source_near(self, start: int, end: int, last: bool = False) -> Voice:
        """An actor named in text[start:end], else a source the language knows by name ("Medici senza
        frontiere"), else its first (or `last`) run of capitalised words ("New York Times")."""
        actors = self.actors_in(start, end)
        if actors:
            return _voice(actors[-1 if last else 0])
        known = list(self.grammar.known_sources.finditer(self.text.text, start, end))
        if known:
            match = known[-1 if last else 0]
            return Voice(" ".join(match.group().lower().split()), match.start(), match.end(), match.start())
        runs = list(self.grammar.named_source.finditer(self.text.text, start, end))
        for names in reversed(runs) if last else runs:
            name = self._name(names.group())
            if name:
                return Voice(name, names.start(), names.end(), names.start())
        return NO_VOICE

    def _name(self, run: str) -> str:
        """A run of capitalised words as a source's name, lower-cased, without the function words it
        starts with ("The Lancet" -> "lancet"); "" when nothing is left or it names a day or month
        ("said on Monday" names no source called Monday; "An estimated 3,000" none called An)."""
        words = run.lower().split()
        while words and (words[0] in self.grammar.function_words or words[0] in self.grammar.not_names):
            words.pop(0)  # "The Lancet", "Venerdì Erdogan"
        elided = words[0].replace("’", "'").split("'", 1) if words else []
        if len(elided) == 2 and elided[0] in self.grammar.articles and elided[1]:
            words[0] = elided[1]  # "L'Oms" is "oms"
        if not words or all(w in self.grammar.not_names or w in self.grammar.speaker_pronouns for w in words):
            return ""  # "He said": the speaker is named before (see _previous_speaker)
        return " ".join(words)

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
        "killed in Kursk"), the closest to the figure; "" when none (the whole story)."""
        sent_start, sent_end = self.text.sentence_bounds(start)
        floor, ceiling = self.text.clause_start(start, sent_start), self.text.clause_end(end, sent_end)
        best = None
        for match in self.grammar.places.finditer(self.text.lowered, floor, ceiling):
            if self._after(match.start(), self.grammar.locatives):
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
            self.subject_of(start, end, metric.cumulative, voice, soldiers=population == "military")
        return {
            "id": f"{self.source}:{line}:{col}",
            "source": self.source,
            "metric": metric.name,
            "subject": subject,
            "attribution": self._state_of(voice.name, subject, metric.cumulative) if metric.kind == "quantity"
            else voice.name,
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


def _voice(actor: tuple[int, int, str]) -> Voice:
    start, end, name = actor
    return Voice(name, start, end, start)


def tidy(number: float | None) -> float | None:
    """1650.0000000000002 -> 1650.0: interval arithmetic must not print float noise in reports."""
    return None if number is None else round(float(number), 6)
