"""Date candidates -> event dates: "l'accordo, siglato a giugno" is when the agreement was signed.

A date is an event's date when one of the event's verbs stands right beside it and one of its
nouns is close to that verb; a deadline ("entro la fine di giugno") and a page's timestamp are not.
"""
from __future__ import annotations

import datetime

import regex

from factcheck.extraction.candidates import Candidate
from factcheck.extraction.context import Context
from factcheck.extraction.dates import DateSpan, parse_date
from factcheck.extraction.text import CLAUSE_BREAK, WORD, Text

NAMED_AFTER = regex.compile(r"\s+(?P<joiner>\w+)\s+(?P<name>\p{Lu}[\w'’-]*)")  # "Memorandum di Budapest"
SECOND_CLAUSE = regex.compile(r"[;:()\n]")  # what ends the subject a date opening its sentence may have
YEAR_NEAR = regex.compile(r"(?<![\d.,])(?:1[89]|20)\d\d(?![\d.,])")  # "il trattato del 2000", "the 2000 treaty"
WORDS_TO_VERB = 4      # "siglato a giugno", "signed the pact on 6 November"
WORDS_NOUN_TO_VERB = 12  # "Gli accordi tra Russia e Corea del Nord sono stati firmati": the agreement before its verb
WORDS_VERB_TO_NOUN = 4   # "signed the minerals deal", "Firmato nel 2024, il patto": after its verb, close
OPENING_ASIDE = 60  # characters of an aside after an opening date: "Domenica 26 ottobre, a margine del vertice,"
WORDS_OPENING_TO_VERB = 8  # "Il 28 marzo 2023 la rappresentante per il Commercio Katherine Tai e ... firmarono"
WORDS_VERB_OBJECT_DATE = 10  # "signed a declaration of principles in Qatar on Saturday": the object between
WORDS_TO_START = 2       # "tregua di un mese dal 1° aprile" is too far: "la tregua dal", "ceasefire from"


class EventReader:
    """Reads the event dates of one document's date candidates into claim rows."""

    def __init__(self, text: Text, context: Context):
        self.text = text
        self.raw = text.text
        self.grammar = text.grammar
        self.context = context
        self.published = context.published

    def claims(self, dates: list[Candidate]) -> list[dict]:
        """Event dates: a date next to an event verb, with the event's noun in the same sentence."""
        lang = self.grammar.language
        events = [(candidate, *event) for candidate in dates
                  if not self.text.is_timestamp(candidate.end) and not self.text.is_furniture(candidate.start)
                  and (event := self._date_event(candidate)) is not None]
        clocked = self._clock_events()
        if not events and not clocked:
            return []  # most dates date no event: none is parsed
        parsed = {}
        reference = self.published or self._latest_day(dates, parsed)
        rows = []
        for candidate, metric, noun in sorted(events + clocked, key=lambda event: event[0].start):
            if candidate.group == "clock":  # "took effect at 4 a.m.": the day the text last told, else
                span = self._day_told(candidate, reference)  # the publication day or the day before
            else:
                span = parsed[candidate.start] if candidate.start in parsed else parse_date(candidate.text, lang)
            narrated = self._year_told(candidate, parsed) if span is not None and span.yearless \
                and candidate.group != "clock" else None
            if narrated is not None:  # "signed on 11 May 2023 ... a ceasefire signed on 20 May of that year"
                span = parse_date(candidate.text, lang, datetime.date(narrated, 12, 31)) or span
            elif reference is not None and (span is None or span.yearless):  # "a giugno", "on Wednesday"
                span = parse_date(candidate.text, lang, reference) or span
            if span is None:
                continue
            qualifier = "range" if span.granularity == "span" else "exact"
            row = self.context.row(metric, candidate.start, candidate.end, candidate.start, None, None, None, qualifier)
            row["date_start"], row["date_end"] = span.start_iso, span.end_iso
            row["event"] = self.event_name(noun)
            rows.append(row)
        return rows

    def _clock_events(self) -> list[tuple]:
        """Events at a time of day with no date after it in its sentence: "la tregua è entrata in vigore alle
        13 ora locale", "the ceasefire took effect at 4 a.m." (the day is read from the text before, see
        `_day_told`)."""
        found = []
        for match in self.grammar.clock_time.finditer(self.raw):
            _sent_start, sent_end = self.text.sentence_bounds(match.start())
            if self.context.dates_between(match.start(), sent_end):
                continue  # "at 4 a.m. on Wednesday", "from 1 April": the date is the event's, the time read through
            candidate = Candidate("clock", match.start(), match.end(), match.group())
            event = self._date_event(candidate)
            if event is not None and not self.text.is_furniture(match.start()):
                found.append((candidate, *event))
        return found

    def _day_told(self, candidate: Candidate, reference: datetime.date | None) -> DateSpan | None:
        """The day of a time of day: the last day its sentence or the one before gave ("agreed on Saturday
        ... took effect at 5 p.m."), else the publication day or the one before (news tell today's events
        and yesterday's); None when neither is known."""
        told = self._last_full_day(candidate, lambda earlier: parse_date(earlier.text, self.grammar.language, reference))
        if told is not None:
            return DateSpan(told.end, told.end)
        return DateSpan(reference - datetime.timedelta(days=1), reference) if reference else None

    def _year_told(self, candidate: Candidate, parsed: dict) -> int | None:
        """The year of the last full date the text gave before a date without one, in its sentence or
        the one before: the story is told in that year ("firmata il 12 maggio 2023 ... la tregua entrata
        in vigore il 22 maggio successivo"); None when there is none."""
        def read(earlier: Candidate) -> DateSpan | None:
            if earlier.start not in parsed:
                parsed[earlier.start] = parse_date(earlier.text, self.grammar.language)
            return parsed[earlier.start]
        told = self._last_full_day(candidate, read)
        return told.end.year if told is not None else None

    def _last_full_day(self, candidate: Candidate, read) -> DateSpan | None:
        """The last date to the day (not "the 1994 memorandum", not year-less) that `read` finds among the
        dates before `candidate` in its sentence or the one before, in its paragraph."""
        sent_start, _ = self.text.sentence_bounds(candidate.start)
        floor = self.text.sentence_bounds(sent_start - 1)[0] if sent_start and "\n" not in self.raw[sent_start - 2:sent_start] \
            else sent_start
        for earlier in reversed(self.context.dates_between(floor, candidate.start)):
            span = read(earlier)
            if span is not None and not span.yearless and span.granularity == "day":
                return span
        return None

    def _latest_day(self, dates: list[Candidate], parsed: dict):
        """The latest full date the document states: the reference when it has no publication date.
        Each date read is kept in `parsed` (by its start), so none is read twice."""
        for c in dates:
            if not self.text.is_timestamp(c.end) and not self.text.is_furniture(c.start):
                parsed[c.start] = parse_date(c.text, self.grammar.language)
        return max((s.end for s in parsed.values() if s and not s.yearless and s.granularity == "day"), default=None)

    def _date_event(self, candidate: Candidate):
        """The event a date is the date of: its verb right beside it ("siglato a giugno"), the event's
        noun close to the verb ("accordo, siglato"), and no deadline ("entro la fine di giugno")."""
        if self.grammar.deadline.search(self.raw, max(0, candidate.start - 40), candidate.start):
            return None
        sent_start, sent_end = self.text.sentence_bounds(candidate.start)
        chosen, nearest = None, None
        for metric, terms, verbs, starts in self.grammar.date_events:
            # "tregua dal 19 gennaio", "a two-week ceasefire from April 1": the day it runs from
            start = self._start_word(starts, candidate, sent_start)
            noun = start and self._near(terms, start.start(), start.end(), sent_start, start.start(), WORDS_TO_START)
            if noun:
                return metric, noun[0]
            # "firmato da Vladimir Putin e Kim Jong-un il 19 giugno": the names between are the signers
            found = self._near(verbs, candidate.start, candidate.end, sent_start, sent_end, WORDS_TO_VERB, names_free=True) \
                or self._opening_verb(verbs, candidate, sent_start, sent_end) \
                or self._verb_and_object_before(verbs, terms, candidate, sent_start)
            if found is None or (nearest is not None and found[1] >= nearest):
                continue  # "ratified on 9 November, months after it was signed": the closer verb names the step
            verb = found[0]
            # the agreement before its verb, as its subject ("Gli accordi tra Russia e Corea del Nord sono stati
            # firmati"), or right after it, as its object ("signed the pact") - not "firmato il decreto ... l'intesa"
            noun = self._near(terms, verb.start(), verb.end(), sent_start, verb.start(), WORDS_NOUN_TO_VERB,
                              across_clauses=True) \
                or self._near(terms, verb.start(), verb.end(), verb.end(), sent_end, WORDS_VERB_TO_NOUN,
                              across_clauses=True, names_free=True)  # "firmarono ad Addis Abeba, con l'Onu ..., l'Accordo"
            if not noun and verb.end() <= candidate.start and found[1] == 0:
                # the date between the verb and its object: "hanno firmato mercoledì 30 aprile, nella sede del
                # Tesoro a Washington, l'accordo"; not "ha firmato sabato la legge che ratifica il trattato"
                object_next = self._takes_object(candidate.end)
                noun = self._near(terms, candidate.start, candidate.end, candidate.end, sent_end,
                                  WORDS_VERB_TO_NOUN if object_next else WORDS_NOUN_TO_VERB, across_clauses=not object_next)
            if not noun and not self._takes_object(verb.end()):
                noun = self._named_elsewhere(terms, verb, sent_start)
            if noun:
                chosen, nearest = (metric, noun[0]), found[1]
        return chosen

    def _opening_verb(self, verbs: regex.Pattern, candidate: Candidate, sent_start: int, sent_end: int):
        """The main verb of a sentence the date opens, the subject between: "On 1 May, Economy Minister
        Yuliia Svyrydenko and US Treasury Secretary Scott Bessent signed the minerals deal"."""
        lead = self.raw[sent_start:candidate.start].strip(" -–—•*")
        if lead:
            return None
        after = regex.match(r"\s*,", self.raw[candidate.end:sent_end])
        start = candidate.end + (after.end() if after else 0)
        # the subject may hold commas ("Il 24 febbraio 2013 undici Paesi, tra cui Congo e Ruanda, firmarono"),
        # not a second clause ("On 1 May, the ministers met in Kyiv; the deal had been signed earlier")
        stop = SECOND_CLAUSE.search(self.raw, start, sent_end)
        ceiling = stop.start() if stop else sent_end
        found = self._near(verbs, candidate.start, start, start, ceiling, WORDS_OPENING_TO_VERB, across_clauses=True,
                           names_free=True)
        aside = self.raw.find(",", start, min(ceiling, start + OPENING_ASIDE)) if after else -1
        if found is None and aside >= 0:  # "Domenica 26 ottobre, a margine del vertice dell'Asean, i due premier hanno firmato"
            found = self._near(verbs, candidate.start, aside + 1, aside + 1, ceiling, WORDS_OPENING_TO_VERB,
                               across_clauses=True, names_free=True)
        return found

    def _verb_and_object_before(self, verbs: regex.Pattern, terms: regex.Pattern, candidate: Candidate, sent_start: int):
        """The verb of a clause that names its object, and perhaps a place, before the date: "signed a
        declaration of principles in Qatar on Saturday", "ha firmato l'intesa a Roma il 12 marzo"."""
        found = self._near(verbs, candidate.start, candidate.end, sent_start, candidate.start, WORDS_VERB_OBJECT_DATE,
                           names_free=True)
        if found is None or not self._near(terms, found[0].start(), found[0].end(), found[0].end(), candidate.start,
                                            WORDS_VERB_TO_NOUN):
            return None
        return found

    def _start_word(self, starts: regex.Pattern, candidate: Candidate, sent_start: int):
        """The word a date runs from, opening it ("dal 19 gennaio") or just before it ("from 1 April")."""
        opening = starts.match(self.raw, candidate.start, candidate.end)
        if opening:  # the whole phrase, where the date holds only its end: "a partire da" of "da martedì"
            longer = [m for m in starts.finditer(self.raw, max(sent_start, candidate.start - 20), opening.end(),
                                                 overlapped=True) if m.end() == opening.end()]
            return min(longer, key=lambda m: m.start(), default=opening)
        before = list(starts.finditer(self.raw, max(sent_start, candidate.start - 40), candidate.start))
        # "ceasefire set for 8:30 a.m. on January 19": a time of day between is no word
        gap = before and self.grammar.time_of_day.sub(" ", self.raw[before[-1].end():candidate.start])
        return before[-1] if before and not gap.strip() else None

    def _takes_object(self, pos: int) -> bool:
        """An article right after the verb opens its object: "ha firmato il decreto", "signed the law"."""
        word = self.text.next_word(pos)
        return word is not None and word.group().lower().rstrip("'’") in self.grammar.articles

    def _named_elsewhere(self, terms: regex.Pattern, verb, sent_start: int):
        """The agreement a verb with no object of its own is about, named as its subject however far
        before it in the sentence ("L'intesa era stata firmata a fine aprile, al termine di una trattativa
        tortuosa, e ratificata dalla Verkhovna Rada l'8 maggio"). Not the sentence before: measured on
        articles, that reached more wrong dates than right ones."""
        before = list(terms.finditer(self.raw, sent_start, verb.start()))
        return (before[-1], 0) if before else None

    def event_name(self, noun) -> str:
        """Which agreement, when the text names it: "Memorandum di Budapest", "the Budapest Memorandum",
        "il trattato del 2000" -> "hungary" (a place or actor by its id), "2000"; "" for "l'accordo" alone."""
        name = []
        before = list(WORD.finditer(self.raw, max(0, noun.start() - 40), noun.start()))
        if before and not self.raw[before[-1].end():noun.start()].strip() and before[-1].group()[:1].isupper() \
                and before[-1].group().lower() not in self.grammar.function_words:
            name.append(before[-1].group())
        after = NAMED_AFTER.match(self.raw, noun.end())
        if after and after.group("joiner").lower() in self.grammar.of_words:
            name.append(after.group("name"))
        year = YEAR_NEAR.search(self.raw, max(0, noun.start() - 6), min(len(self.raw), noun.end() + 10))
        if year and (year.end() <= noun.start() or year.start() >= noun.end()):
            name.append(year.group())
        instrument = " ".join(noun.group().lower().split())
        if not name and instrument in self.grammar.instruments:
            name.append(instrument)  # "un memorandum d'intenti" is not the deal it prepares
        # a place's name in any language is one: "la Dichiarazione di Gedda" is "the Jeddah Declaration"
        places = self.grammar.place_by_name
        return " ".join(places.get(" ".join(part.lower().split()), part.lower()) for part in name)

    def _near(self, pattern: regex.Pattern, start: int, end: int, floor: int, ceiling: int, max_words: int,
              across_clauses: bool = False, names_free: bool = False):
        """(match, words between) of the closest match of `pattern` within `max_words` of the span
        start..end, by default in its clause, names between not counted with `names_free`; None when
        there is none."""
        best = None
        for match in pattern.finditer(self.raw, floor, ceiling):
            if match.end() <= start:
                gap = (match.end(), start)
            elif match.start() >= end:
                gap = (end, match.start())
            else:
                continue
            # "came into force at 4 a.m. local time (0200 GMT) on Wednesday": a time of day between is no word
            between = self.grammar.time_of_day.sub(" ", self.raw[gap[0]:gap[1]])
            words = sum(1 for w in WORD.findall(between) if not (names_free and w[:1].isupper()))
            if words <= max_words and (across_clauses or not CLAUSE_BREAK.search(between)) \
                    and (best is None or words < best[1]):
                best = (match, words)
        return best
