"""According to whom a figure is: the source its sentence (or the next, or its paragraph) names.

    "secondo l'intelligence di Seul" -> south_korea; "according to the New York Times" -> new_york_times (rules/sources/);
    "Israeli military spokesman Daniel Hagari", then "Hagari said" -> israel (a source speaks for the
    actor the article ties it to)
"""
from __future__ import annotations

from functools import cached_property
from typing import NamedTuple

from factcheck.extraction.candidates import space_after
from factcheck.extraction.text import WORD

ATTRIBUTION_REACH = 60  # characters after "secondo" / "according to" where the source is named
WORDS_BEFORE_COLON = 8  # "Il ministero della Sanità di Hamas: 40.005 vittime": a speaker's head is short
COLON_SPEAKER = 50      # "Zelensky: «...»": characters before a colon that may name who speaks
WORDS_TO_TIE = 4      # "Israeli military spokesman Daniel Hagari": an actor this close before a source is whose it is
WORDS_OF_TITLE = 6     # "il ministro della Sanità Roger Kamba": a title this close before the name's end
TIES_READ = 20        # mentions of a source read for a tie to an actor ("Hagari" after "Israeli spokesman Daniel Hagari")

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



class Attribution:
    """The sources of one document's figures; mixed into Context, whose text, grammar and actors it reads."""
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
        speaks_for = self.known_source(voice.name) or self._speaks_for(voice)
        voice = voice._replace(name=speaks_for) if speaks_for else voice
        self._last_voice = (paragraph, voice)
        return voice

    def known_source(self, name: str) -> str:
        """The rule set's id of a source by any of its names ("onu", "united nations", "un" -> un), also
        at the head of a longer name ("un secretary-general antonio guterres", "who chief tedros"); ""
        for a source the rule set does not list."""
        names = self.grammar.source_by_name
        if name in names:
            return names[name]
        words = name.split()
        return next((names[head] for n in range(len(words) - 1, 0, -1) if (head := " ".join(words[:n])) in names), "")

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
        if name in self.actor_ids or self.actors_in(start, end):
            return ""  # an actor, or an organisation named after one ("the Sudan Doctors Network")
        state = self._is_state_body(name)
        if not state and not self.text.text[start:start + 1].isupper():
            return ""  # a common noun that is no state body: "analysts", "rescuers", "officials"
        tied = self._tied_actor(start, end)
        if tied:
            return tied
        # "Hagari", as the article calls him after the first time; a body by its whole name, not "ministry"
        key = name if state or self.grammar.source_nouns.fullmatch(name.split()[-1]) else name.split()[-1]
        lowered, pos = self.text.lowered, -1
        for _ in range(TIES_READ):
            pos = lowered.find(key, pos + 1)
            # a body is introduced before it is named short ("il ministero della Salute di Beirut", then "il
            # ministero"): a later "Tunisia's Interior Ministry" is another country's
            if pos < 0 or (state and pos > start):
                break
            if pos != start and (lowered[pos - 1:pos].isalnum() or lowered[pos + len(key):pos + len(key) + 1].isalnum()):
                continue
            tied = self._tied_actor(pos, pos + len(key))
            if tied:
                return tied
        return ""

    def _tied_actor(self, start: int, end: int) -> str:
        """The actor text[start:end] belongs to: named in its clause just before it ("Turkish Defence
        Minister Hulusi Akar", "la giunta birmana" aside, "Myanmar's military"; not through an outlet's noun,
        "the Turkish agency Anadolu") or joined to it after
        ("il ministero della Salute di Beirut", "the army of Israel", "la giunta birmana")."""
        sent_start, sent_end = self.text.sentence_bounds(start)
        floor, ceiling = self.text.clause_start(start, sent_start), self.text.clause_end(end, sent_end)
        joiners = self.grammar.of_words | self.grammar.articles
        for actor_start, actor_end, actor in self.actors_in(floor, ceiling):
            if actor_end <= start and self.text.words_between(actor_end, start) <= WORDS_TO_TIE \
                    and not any(w in self.grammar.media_nouns for w in self.text.lower_words(actor_end, start)):
                return actor  # not "the Turkish agency Anadolu": an outlet stands for itself
            if actor_start >= end and all(w in joiners for w in self.text.lower_words(end, actor_start)) \
                    and self.text.words_between(end, actor_start) <= 2:
                return actor
        return ""

    @cached_property
    def actor_ids(self) -> frozenset[str]:
        return frozenset(self.grammar.actor_by_name.values())

    def _state_of(self, voice: Voice, subject: str, victims: bool) -> str:
        """The state a state body or official tied to none speaks for ("the ruling military said 1,644
        died", "secondo la polizia", "Health Minister Firass Abiad", "la premier Judith Suminwa"): for a
        toll, the victims' own, as states count their own dead; for weapons, the side the story's last
        toll was of, as states count what strikes them ("the army said Iran fired 300 missiles"); else
        the source as named. The speaker column keeps who it was."""
        source = voice.name
        if not self._is_state_body(source) and not self._titled(voice):
            return source
        side = subject if victims else self._victims
        return side if side and "+" not in side else source

    def _is_state_body(self, name: str) -> bool:
        """A state body, by name or by its head noun: "police", "the Interior Ministry", "ministero dell'interno"."""
        states = self.grammar.state_sources
        return name in states or any(w in states for w in name.replace("'", " ").replace("’", " ").split())

    def _auxiliaries_only(self, start: int, end: int, commas: bool = True) -> bool:
        """Nothing but auxiliaries (fillers: "had been", "has") between a name and its verb, and with
        `commas` closing punctuation ("Hagari, said")."""
        gap = self.text.text[start:end]
        words = self.text.lower_words(start, end)
        rest = WORD.sub("", gap)
        return all(w in self.grammar.fillers for w in words) and len(words) <= 2 \
            and not rest.strip(" ,)" if commas else " ")

    def _titled(self, voice: Voice) -> bool:
        """A person named with a state office, in the name or just before it: "health minister firass
        abiad", "la premier Judith Suminwa", "il portavoce del governo Patrick Muyaya"."""
        titles = self.grammar.state_titles
        if not titles or voice.name in self.actor_ids or not voice:
            return False
        words = self.text.lower_words(max(0, voice.start - 30), voice.end)
        return any(w in titles for w in words[-WORDS_OF_TITLE:])

    def _as_voice(self, actor: tuple[int, int, str]) -> Voice:
        """An actor named as a source, or the organisation whose name it opens: "the Sudan Doctors Network",
        "the Bangkok Post", "the Libyan Red Crescent" stand for themselves; "the Sudanese Health Ministry",
        "Israeli Prime Minister Netanyahu" speak for the state (a state body's or office's word in the name)."""
        start, end, _id = actor
        raw = self.text.text
        run = self.grammar.named_source.match(raw, end + 1) if raw[end:end + 1] == " " else None
        if run is None or self.actors_in(run.start(), run.end()):
            return actor_as_voice(actor)
        words = " ".join(self.text.lower_words(start, run.end()))
        if any(w in self._state_words for w in words.split()):  # every word of a state body's or office's name
            return actor_as_voice(actor)
        name = self._name(raw[start:run.end()])
        return Voice(name, start, run.end(), start) if name else actor_as_voice(actor)

    @cached_property
    def _state_words(self) -> frozenset[str]:
        grammar = self.grammar
        return frozenset(w for phrase in (*grammar.state_sources, *grammar.state_titles) for w in phrase.split())

    def _with_head_noun(self, voice: Voice) -> Voice:
        """A capitalised name with the source noun it completes: "ministero dell'Interno" is the ministry,
        not a source called Interno."""
        raw, grammar = self.text.text, self.grammar
        floor = max(0, voice.start - 40)
        for noun in grammar.source_nouns.finditer(raw, floor, voice.start):
            gap = raw[noun.end():voice.start]
            joiners = self.text.lower_words(noun.end(), voice.start)
            if joiners and all(w in grammar.of_words or w + "'" in grammar.of_words or w in grammar.articles
                               for w in joiners) \
                    and all(c.isalpha() or c in " '’" for c in gap):
                name = " ".join(raw[noun.start():voice.end].lower().replace("’", "'").split())
                return Voice(name, noun.start(), voice.end, min(noun.start(), voice.phrase_start))
        return voice

    def _before_colon(self, start: int, sent_start: int) -> Voice:
        """The speaker a headline names before a colon: "Zelensky: «Oltre 440 droni»", "Il ministero della
        Sanità di Hamas: 40.005 vittime"; not "Kiev, notte di terrore: 15 morti" (a place and an event)."""
        raw = self.text.text
        colon = raw.rfind(":", sent_start, start)
        head_start = max(sent_start, colon - COLON_SPEAKER)
        if colon < 0 or "," in raw[head_start:colon] or raw.rfind(":", sent_start, colon) >= 0 \
                or self.text.words_between(sent_start, colon) > WORDS_BEFORE_COLON:
            return NO_VOICE  # not "Il più letale resta quello che nel 1960 rase al suolo Agadir: ... 12mila morti"
        actors = self.actors_in(head_start, colon)
        if actors:
            return self._as_voice(actors[-1])
        # a lone capitalised word opening the sentence is as likely a noun ("Bilancio: 15 morti") as a name
        names = [Voice(self._name(m.group()), m.start(), m.end(), m.start())
                 for m in self.grammar.named_source.finditer(raw, head_start, colon)
                 if " " in m.group().strip() or raw[head_start:m.start()].strip()]
        named = next((n for n in reversed(names) if n.name), None)
        return self._with_head_noun(named) if named else self._source_noun(head_start, colon)

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
        figures = self.quantities_between(cue.end(), end)  # "secondo il ministro Abduljalil sono morti quattro
        end = figures[0].start if figures else end       # soccorritori greci": the source is named before a figure
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
        return self._as_voice(before[-1]) if before else NO_VOICE

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
            if name and self._auxiliaries_only(names.end(), cue.start()) and not self.actors_in(names.start(), names.end()):
                named = self._with_head_noun(Voice(name, names.start(), names.end(), min(phrase, names.start())))
            break
        if named and self._auxiliaries_only(named.end, cue.start(), commas=False):
            return named  # its subject: "15 dead in Kyiv, before Interior Minister Ihor Klymenko revised",
            # "Cecopi had been reporting 211 dead"
        before = self.actors_in(floor, cue.start())
        if before:  # "L'Agenzia di spionaggio di Seul, nota come Nis, ha fornito stime"
            return self._as_voice(before[-1])._replace(phrase_start=min(phrase, before[-1][0]))
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
        return self._named_by_apposition(noun) or \
            Voice(" ".join(noun.group().lower().split()), noun.start(), noun.end(), noun.start())

    def _named_by_apposition(self, noun) -> Voice:
        """The name a source noun that is no state body gives right after it: "l'agenzia Efe", "the
        Turkish agency Anadolu", "il quotidiano israeliano Haaretz" are Efe, Anadolu and Haaretz."""
        if " ".join(noun.group().lower().split()) in self.grammar.state_sources:
            return NO_VOICE
        raw, pos = self.text.text, noun.end()
        actor = self.grammar.actors.match(self.text.lowered, pos + 1) if raw[pos:pos + 1] == " " else None
        if actor and not raw[actor.start():actor.start() + 1].isupper():  # "israeliano": a demonym between
            pos = actor.end()
        run = self.grammar.named_source.match(raw, pos + 1) if raw[pos:pos + 1] == " " else None
        name = self._name(run.group()) if run else ""
        if not name or self.actors_in(run.start(), run.end()):
            return NO_VOICE
        return Voice(name, noun.start(), run.end(), noun.start())  # named where its noun stands, before the demonym

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
            return self._as_voice(actors[-1 if last else 0])
        known = list(self.grammar.known_sources.finditer(self.text.text, start, end))
        if known:
            match = known[-1 if last else 0]
            return Voice(" ".join(match.group().lower().split()), match.start(), match.end(), match.start())
        runs = list(self.grammar.named_source.finditer(self.text.text, start, end))
        for names in reversed(runs) if last else runs:
            name = self._name(names.group())
            if name:
                return self._with_head_noun(Voice(name, names.start(), names.end(), names.start()))
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


def actor_as_voice(actor: tuple[int, int, str]) -> Voice:
    start, end, name = actor
    return Voice(name, start, end, start)
