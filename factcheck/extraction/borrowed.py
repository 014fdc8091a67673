"""Figures that name no noun of their own and count what the text before them counted: the next entry
of a list ("oltre 2.300 morti: circa 1.500 sul versante turco e 810 su quello siriano"), some of a
figure before ("tra cui due bambini", "300 tra loro"), a figure a short sentence leaves bare ("The
opposition says more than 2,400."), and the noun a partitive clitic stands for ("ne contano 7.000").
"""
from __future__ import annotations

from factcheck.extraction.candidates import Candidate
from factcheck.extraction.notcounts import YEAR, counts_something_else
from factcheck.extraction.numbers import parse_numeral
from factcheck.extraction.text import WORD

WORDS_TO_MORE = 15      # "five more", that far from the figure it adds to
LISTED_WORDS = 6       # "2.300 morti: circa 1.500 sul versante turco e 810": words between two figures of a list
ELLIPTIC_WORDS = 8     # "The opposition says more than 2,400.": a sentence this short may leave its noun unsaid
WORDS_TO_COUNT_NOUN = 4  # "the count had risen to 214": a count noun this close before the figure
WORDS_TO_CLITIC = 4     # "ne contano oggi almeno 7.000": a partitive clitic this close before the figure
BREAKDOWN_MARKS = (":", "–", "—", "(")  # "13 morti: otto civili e cinque soldati", "12 killed – 11 civilians and one soldier"


class BorrowedCounts:
    """Mixed into FigureReader, whose text, grammar and metric words these read."""

    def of_them(self, row: dict, candidate: Candidate, earlier: list[dict]) -> dict:
        """A figure of some of the people a figure before it counts ("circa 300 tra loro uccisi", "1,000 of
        them were killed", "Of the 11,000 soldiers sent, 4,000 ...") is about whom that one is about."""
        if not earlier or earlier[-1]["kind"] != "quantity" or not earlier[-1]["subject"]:
            return row
        sent_start, _ = self.text.sentence_bounds(candidate.start)
        following = self.text.lower_words(candidate.end, min(len(self.raw), candidate.end + 25))[:3]
        opening = self.text.lower_words(sent_start, sent_start + 10)[:1]  # "Of the estimated 11,000 soldiers, 4,000"
        of_those = opening and opening[0] in self.grammar.of_words and earlier[-1]["start"] >= sent_start \
            and "," in self.raw[earlier[-1]["end"]:candidate.start]
        if of_those or any(" ".join(following[:i]) in self.grammar.subset_markers for i in (1, 2, 3)):
            previous_start, _ = self.text.sentence_bounds(max(0, sent_start - 1))
            if earlier[-1]["start"] >= previous_start:
                row["subject"] = earlier[-1]["subject"]
                self.context.same_side(row)
        return row

    def breakdown(self, row: dict, earlier: list[dict]) -> dict:
        """A toll broken down by who died is the toll's, whatever noun each part has: "i cambogiani uccisi
        sono 13: otto civili e cinque soldati", "28 wounded, including 24 civilians and four servicemen",
        "12 people had been killed – 11 civilians and one soldier" (never troops)."""
        if not earlier or earlier[-1]["kind"] != "quantity" or row["kind"] != "quantity":
            return row
        previous = earlier[-1]
        metric = self.grammar.rules.metrics[previous["metric"]]
        if (row["metric"] != metric.name and row["metric"] not in metric.outranks) \
                or previous["start"] < self.text.sentence_bounds(row["start"])[0]:
            return row
        figure_start = self._qualifier(row["start"])[1]
        gap, words = self.raw[previous["end"]:figure_start], self.text.lower_words(previous["end"], figure_start)
        opens = gap.strip() == "," or any(mark in gap for mark in BREAKDOWN_MARKS) or any(
            " ".join(words[i:j]) in self.grammar.subset_markers for i in range(len(words)) for j in range(i + 1, len(words) + 1))
        # the next part of the same breakdown: "otto civili e cinque soldati" (parts are FigureReader's record)
        joined = previous["id"] in self._breakdown_parts and any(w in self.grammar.conjunctions for w in words)
        if len(words) > LISTED_WORDS + 4 or not (opens or joined) or "." in gap:
            return row
        self._breakdown_parts.add(row["id"])
        return {**row, "metric": previous["metric"]}

    def subset(self, candidate: Candidate, following: Candidate | None, earlier: list[dict]) -> dict | None:
        """ "almeno 20 persone sono state uccise, tra cui due bambini", "20 killed, among them 3 children",
        "almeno 40.005, di cui 40 nelle ultime ventiquattro ore": a figure of the previous one's metric, in its
        sentence, counting some of its people."""
        words = self.text.lower_words(max(0, candidate.start - 25), candidate.start)[-3:]
        if not earlier or not any(" ".join(words[i:]) in self.grammar.subset_markers for i in range(len(words))):
            return None
        sent_start, _ = self.text.sentence_bounds(candidate.start)
        previous = earlier[-1]
        if previous["start"] < sent_start or previous["kind"] != "quantity":
            return None
        limit = self._limit_after(candidate, following)
        if not self._ends_phrase(candidate.end, limit):  # "tra cui due bambini", "di cui 40 nelle ultime 24 ore"
            return None
        if self._other_predicate(candidate.end, limit):
            return None
        return self._counted_as(candidate, previous)

    def _other_predicate(self, pos: int, limit: int) -> bool:
        """A figure borrowing another's noun is followed by a predicate of its own that no metric names:
        "212 dead, of whom 183 had been formally identified" counts the identified, not a toll."""
        grammar, auxiliaries = self.grammar, 0
        word = None
        for word in WORD.finditer(self.raw, pos, limit):
            lowered = word.group().lower()
            if lowered not in grammar.fillers:
                break
            auxiliaries += not (lowered in grammar.locatives or lowered in grammar.function_words
                                or lowered in grammar.of_words or lowered in grammar.articles)
        else:
            return False
        if not auxiliaries or not word.group().islower():  # "three in greater Casablanca": no predicate
            return False
        lowered = word.group().lower()
        return not (lowered in grammar.people or lowered in grammar.locatives or lowered in grammar.function_words
                    or lowered in grammar.conjunctions or lowered in grammar.more_after or lowered in grammar.of_words
                    or grammar.metric_terms.match(self.raw, word.start()))

    def _counted_as(self, candidate: Candidate, previous: dict, smallest: float = 0) -> dict | None:
        """The row of a numeral that counts what the `previous` row counts (a subset, an ellipsis)."""
        numeral = parse_numeral(candidate.text, self.grammar.language)
        if numeral is None or numeral.percent or numeral.value < smallest \
                or counts_something_else(self.raw, self.grammar, candidate.start, candidate.end):
            return None
        qualifier, figure_start = self._qualifier(candidate.start)
        low, high = self._interval(numeral.value, qualifier)
        metric = self.grammar.rules.metrics[previous["metric"]]
        return self.context.row(metric, candidate.start, candidate.end, figure_start, numeral.value, low, high,
                                qualifier)

    def elliptic(self, candidate: Candidate, earlier: list[dict]) -> dict | None:
        """"I morti salgono a 2.056. Per l'opposizione sono già oltre 2.400": a figure ending a short sentence
        that names no metric counts what the last figure of the sentence before, in its paragraph, counted."""
        if not earlier or candidate.group != "num" or YEAR.fullmatch(candidate.text):
            return None
        previous = earlier[-1]
        sent_start, sent_end = self.text.sentence_bounds(candidate.start)
        rest = self.raw[candidate.end:sent_end].strip().strip(".;:!?»\"'”)")
        if rest.startswith(","):  # "Ieri sera erano 205, di cui 202 nella sola Comunità Valenciana."
            words = self.text.lower_words(candidate.end, sent_end)
            rest = "" if any(" ".join(words[:n]) in self.grammar.subset_markers for n in (1, 2, 3)) else rest
            sent_end = candidate.end
        if rest or self.text.words_between(sent_start, sent_end) > ELLIPTIC_WORDS \
                or self.grammar.metric_terms.search(self.raw, sent_start, sent_end):
            return None
        before_start, before_end = self.text.sentence_bounds(max(0, sent_start - 1))
        if not before_start <= previous["start"] < before_end or "\n" in self.raw[before_end:sent_start]:
            return None
        return self._counted_as(candidate, previous, smallest=10)  # "sono due": too small to stand alone

    def listed(self, candidate: Candidate, following: Candidate | None, earlier: list[dict]) -> dict | None:
        """"oltre 2.300 morti: circa 1.500 sul versante turco e 810 su quello siriano": a figure naming
        no noun, in a list right after a figure of its sentence, counts what that one counted."""
        if not earlier or candidate.group not in ("num", "one") or YEAR.fullmatch(candidate.text):
            return None
        following_word = self.text.next_word(candidate.end)
        if candidate.group == "one" and (following_word is None or following_word.group().lower() not in self.grammar.locatives):
            return None  # "due in Castiglia-La Mancia e una in Andalusia": one, in a list by place
        previous = earlier[-1]
        sent_start, _sent_end = self.text.sentence_bounds(candidate.start)
        if previous["start"] < sent_start or previous["kind"] != "quantity" \
                or not self._ends_phrase(candidate.end, self._limit_after(candidate, following)):
            return None
        if following is not None and all(w in self.grammar.of_words or w in self.grammar.articles
                                         for w in self.text.lower_words(candidate.end, following.start)):
            return None  # "in all 483 of the 524 targets": part of another count
        qualifier_start = self._qualifier(candidate.start)[1]
        gap = self.raw[previous["end"]:qualifier_start]
        words = self.text.lower_words(previous["end"], qualifier_start)
        if words and words[-1] in self.grammar.actor_blockers and words[-1] not in self.grammar.locatives:
            return None  # "ha parlato il sindaco alle 10": a preposition's object, no entry of the list
        names, metrics = self.grammar.metric_names, self.grammar.rules.metrics  # only the earlier figure's words between
        terms = {names[m.lastgroup] for m in self.grammar.metric_terms.finditer(self.raw, previous["end"], qualifier_start)}
        # "killed at least 36 people and driven nearly 300,000 from their homes": another verb's object
        written = WORD.findall(self.raw, previous["end"], qualifier_start)
        joins = [i for i, w in enumerate(written) if w.lower() in self.grammar.conjunctions]
        if joins and not self._place_entry(candidate, gap) and any(
                w.islower() and w not in self.grammar.fillers and w not in self.grammar.locatives
                for w in written[joins[-1] + 1:]):
            return None
        after = self.text.next_word(candidate.end)  # "Five soldiers were killed on Thursday and five more on Friday"
        more = after is not None and after.group().lower() in self.grammar.more_after
        if not any(mark in gap for mark in ":,–—") and not any(w in self.grammar.conjunctions for w in words) \
                or len(words) > (WORDS_TO_MORE if more or self._place_entry(candidate, gap) else LISTED_WORDS) \
                or terms - {previous["metric"], *metrics[previous["metric"]].outranks}:
            return None
        if self._other_predicate(candidate.end, self._limit_after(candidate, following)):
            return None
        row = self._counted_as(candidate, previous)
        if row and more:  # more of the same: whose they were
            row["subject"], row["population"] = previous["subject"], previous["population"]
            self.context.same_side(row)
        return row

    def _clitic_metric(self, pos: int):
        """The metric of the noun a partitive clitic before the figure stands for ("3.000-4.000 soldati;
        gli analisti ne contano oggi almeno 7.000"): the last metric word before the clitic, in its
        sentence or the one before."""
        clitics = self.grammar.partitive_clitics
        if not clitics:
            return None
        sent_start, _ = self.text.sentence_bounds(pos)
        words = list(WORD.finditer(self.raw, max(sent_start, pos - 60), pos))[-WORDS_TO_CLITIC:]
        clitic = next((w for w in reversed(words) if w.group().lower() in clitics
                       or self.raw[w.start():w.end() + 1].lower() in clitics), None)
        grammar = self.grammar
        if clitic is None:
            return None
        between = self.text.lower_words(clitic.end(), self._qualifier(pos)[1])
        if any(w in grammar.articles or w in grammar.of_words or w in grammar.actor_blockers
                                 for w in between):
            return None  # "ne ha parlato il sindaco alle 10": no count of it
        own = self.grammar.metric_terms.search(self.raw, clitic.end(), pos)
        if own:  # "ne hanno ferite altre 56": the verb after the clitic names what it counts
            return self.grammar.rules.metrics[self.grammar.metric_names[own.lastgroup]]
        return self._metric_named_before(clitic.start())

    def _metric_named_before(self, pos: int):
        """The metric of the last metric word before `pos`, in its sentence or the one before (not an
        attack's: "drone strike"), or None."""
        sent_start, _ = self.text.sentence_bounds(pos)
        floor = self.text.sentence_bounds(max(0, sent_start - 1))[0] if sent_start else 0
        terms = [m for m in self.grammar.metric_terms.finditer(self.raw, floor, pos) if not self._names_attack(m.end())]
        return self.grammar.rules.metrics[self.grammar.metric_names[terms[-1].lastgroup]] if terms else None

    def count_noun_metric(self, figure_start: int):
        """"Nel pomeriggio i servizi di emergenza avevano aggiornato il conto a 62", "the count had risen
        to 214": a noun for any count (`count_nouns`) just before the figure counts what the text before counted."""
        nouns = self.grammar.count_nouns
        if not nouns:
            return None
        words = list(WORD.finditer(self.raw, max(0, figure_start - 40), figure_start))[-WORDS_TO_COUNT_NOUN:]
        noun = next((w for w in reversed(words) if w.group().lower() in nouns), None)
        return self._metric_named_before(noun.start()) if noun else None

    def _after_a_name_in_brackets(self, start: int, end: int) -> bool:
        """"Al Haouz (1.293)", "Chichaoua (103)": a figure alone in brackets right after a name."""
        raw = self.raw
        return raw[start - 1:start] == "(" and raw[end:end + 1] == ")" and raw[start - 2:start - 1] == " " \
            and raw[:start - 2].rstrip()[-1:].isalpha() and bool(WORD.findall(raw, max(0, start - 40), start - 2)[-1:]) \
            and WORD.findall(raw, max(0, start - 40), start - 2)[-1][:1].isupper()

    def _place_entry(self, candidate: Candidate, gap: str) -> bool:
        """A list's entry by place: a name before the figure ("and Taroudant, the second hardest-hit province,
        980", "Al Haouz (1.293)") or a locative and a name after it ("190 in Taroudant", "three in greater
        Casablanca"): such lists run longer than plain ones."""
        if any(w[:1].isupper() for w in WORD.findall(gap)):
            return True
        after = self.text.lower_words(candidate.end, min(len(self.raw), candidate.end + 30))[:1]
        following = WORD.findall(self.raw, candidate.end, min(len(self.raw), candidate.end + 40))[1:3]
        return bool(after) and after[0] in self.grammar.locatives and any(w[:1].isupper() for w in following)
