"""Candidates -> figures: which metric a numeral counts, how it is qualified, the interval it asserts.

    "oltre 10.000 soldati"        troops, at_least, 10,000..
    "tra 200 e 300 droni"         drones, range, 200..300
    "circa la metà dei militari"  a share of the document's troops figure
A numeral is a figure only when a metric's word names it within a few words; ages, prices, times,
indexes, model numbers and phone numbers are not counts.
"""
from __future__ import annotations

import regex

from factcheck.extraction.candidates import Candidate
from factcheck.extraction.context import Context
from factcheck.extraction.borrowed import BorrowedCounts
from factcheck.extraction.notcounts import MODEL_BEFORE, YEAR, counts_something_else, model_name
from factcheck.extraction.numbers import Numeral, parse_numeral
from factcheck.extraction.text import CLAUSE_BREAK, WORD, Text

WORDS_TO_METRIC = 5    # "300 tra loro uccisi": the metric's word is at most this many words on
WORDS_BEFORE = 10      # "the death toll from Friday's earthquake in Myanmar has reached 2,719": metric words this close before count too
WORDS_BEFORE_RISE = 20  # "the number of people killed by ... in Lebanon has risen to 37": the subject of a rise verb
WORDS_TO_VERB_BEFORE = 1  # "ha perso oltre 300 soldati": a casualty verb this close before outranks the noun
WORDS_TO_SMALL_BEFORE = 2  # "le vittime sono almeno tre": a number word this close after its metric word
WORDS_TO_SMALL_PREDICATE = 3  # "altri quattro sono rimasti feriti": auxiliaries between a number word and its verb
WORDS_TO_OUTRANK = 3    # "300 soldati nordcoreani uccisi": a casualty word this close after a troops word wins
WORDS_TO_PREDICATE = 8  # "890 soldiers and members of the security forces have been killed": a toll's word this far
ONE = Numeral(1.0, False)
SHARED_GAP = 40        # characters between two figures that may share a predicate: "82 soldiers and 47 civilians"
ASIDE = 60             # characters of an aside between a figure's people and its predicate: ", tra cui cinque bambini,"
SHARED_LIST = 4        # figures of a list read back for the verb they share: "killed 11 soldiers, 3 children and 2 women"
DIGITS_LEAD = regex.compile(r"\d+(?:[.,]\d+)?")  # "15" of "15mila", "1,5" of "1,5 milioni"


class FigureReader(BorrowedCounts):
    """Reads the figures of one document's candidates into claim rows."""

    def __init__(self, text: Text, context: Context):
        self.text = text
        self.raw = text.text
        self.grammar = text.grammar
        self.context = context
        self._breakdown_parts: set[str] = set()  # ids of rows read as parts of a toll's breakdown

    def quantity(self, candidate: Candidate, following: Candidate | None,
                        noun_only: bool = False, changed_from: Candidate | None = None) -> dict | None:
        # the metric first: most numerals in news (years, ages, prices) name none, and stop here
        one = candidate.group == "one"  # "un morto", "one missile": a word counting one (grammar.counts_one)
        in_words = one or candidate.group == "num" and not any(c.isdigit() for c in candidate.text)
        numeral = ONE if one else parse_numeral(candidate.text, self.grammar.language) if in_words else None
        # "i due paesi", "one of them": small numbers written as words are a figure only right before its noun
        small_word = in_words and numeral is not None and numeral.value < 10 or \
            candidate.group == "vague" and self.grammar.vague[fold(candidate.text)].value < 10  # "a single strike"
        limit = self._limit_after(candidate, following)
        counts_people = self._counts_people(candidate.end, limit)
        metric = self._metric_after(candidate.end, limit, adjacent=small_word and not counts_people, noun_only=noun_only)
        if metric is None and counts_people and not noun_only:
            # "almeno 16 persone, tra cui cinque bambini, sono rimaste uccise": the predicate after an aside
            aside_end = self._aside_end(candidate.end)
            if aside_end is not None:
                past_aside = Candidate("num", aside_end, aside_end, "")
                metric = self._metric_after(aside_end, self._limit_after(past_aside, None))
        if metric is None and not noun_only and self._ends_phrase(candidate.end, limit):
            metric = self._clitic_metric(candidate.start)
        if metric is None and small_word and not counts_people and self._ends_phrase(candidate.end, limit):
            # "killing at least nine and wounding", "le vittime sono almeno tre": its word just before
            qualifier, figure_start = self._qualifier(candidate.start)
            sent_start, _ = self.text.sentence_bounds(candidate.start)
            if self._metric_before(figure_start, sent_start, max_words=WORDS_TO_SMALL_BEFORE) is None:
                return None
        elif metric is None and ((small_word and not counts_people) or not self._ends_phrase(candidate.end, limit)):
            return None
        qualifier, figure_start = self._qualifier(candidate.start)
        sent_start, _ = self.text.sentence_bounds(candidate.start)
        floor = max(sent_start, candidate.start - 200)
        if not noun_only:
            # "ha perso 300 soldati", "killed 300 soldiers", "uccide un soldato": a casualty verb just
            # before outranks the noun, and names a figure of people ("killed 100 militants and ...")
            before = self._verb_before(figure_start, floor)
            if before is not None and (metric.name in before.outranks if metric is not None else counts_people):
                metric = before
        if one and (metric is None or not metric.cumulative and self.grammar.counts_one[candidate.text.lower()] == "tolls"):
            return None  # "un drone", "un soldato ha raccontato": an article, not a count
        if not noun_only:
            metric = self._shared_predicate(metric, candidate, following) or metric
        if metric is None and not YEAR.fullmatch(candidate.text):  # "shells to Russia since 2023": a year
            # "the toll rose from 30 to 40": the metric word stands before the older count
            before = figure_start if changed_from is None else self._range_start(changed_from)
            metric = self._metric_before(before, floor, numeral_start=candidate.start)
            if metric is None and self._after_a_name_in_brackets(figure_start, candidate.end):
                metric = self._metric_before(figure_start - 1, floor)  # "i decessi ... ad Al Haouz (1.293)"
            if metric is None and self._ends_phrase(candidate.end, limit):
                metric = self.count_noun_metric(figure_start)
        if candidate.group == "num" and metric is not None:
            numeral = numeral or parse_numeral(candidate.text, self.grammar.language)
            if numeral is None or numeral.percent:
                return None
        if metric is None or self.text.is_furniture(candidate.start) or counts_something_else(self.raw, self.grammar, candidate.start,
                                                                                                candidate.end):
            return None
        if candidate.group == "vague":
            vague = self.grammar.vague[fold(candidate.text)]
            value, low, high = vague.value, vague.low, vague.high
            if qualifier == "exact" and low != high:  # "centinaia" is a range; "una sola" is one
                qualifier = "range"
            elif qualifier in ("at_least", "at_most"):  # "more than hundreds": at least a hundred
                low, high = self._interval(low if qualifier == "at_least" else high, qualifier)
        else:
            value = numeral.value
            if qualifier == "exact" and any(w in candidate.text.lower() for w in self.grammar.approximate_numerals):
                qualifier = "approx"
            low, high = self._interval(value, qualifier)
        return self.context.row(metric, candidate.start, candidate.end, figure_start, value, low, high, qualifier)

    def is_range(self, first: Candidate, second: Candidate) -> bool:
        join = self.grammar.range_join.fullmatch(self.raw, first.end, second.start)
        if not join:
            return False
        # "35 to 40" needs no opener where the language pairs "to" with none; "tra 200 e 300" needs "tra"
        opens = self.grammar.range_opens.get(" ".join(self.raw[first.end:second.start].lower().split()), frozenset())
        if "" in opens:
            return True
        opener = self.grammar.range_open.search(self.raw, max(0, first.start - 20), first.start)
        return bool(opener) and " ".join(opener.group().lower().split()) in opens

    def is_change(self, first: Candidate, second: Candidate) -> bool:
        """"The toll rose from 1,644 to 2,065", "è salito da 30 a 40": a range's opener after a verb of change."""
        opener_start = self._range_start(first)
        joined = self.grammar.range_join.fullmatch(self.raw, first.end, second.start) is not None
        changed = self.grammar.change_before.search(self.raw, max(0, opener_start - 30), opener_start) is not None
        return opener_start < first.start and joined and changed

    def range(self, first: Candidate, second: Candidate, following: Candidate | None) -> dict | None:
        low, high = parse_numeral(first.text, self.grammar.language), parse_numeral(second.text, self.grammar.language)
        if low is None or high is None or low.percent or high.percent:
            return None
        low_value = low.value * self._shared_scale(first.text, second.text, low.value, high.value)
        if low_value > high.value:
            return None
        limit = self._limit_after(second, following)
        metric = self._metric_after(second.end, limit)
        figure_start = self._range_start(first)
        if metric is None and self._ends_phrase(second.end, limit):
            sent_start, _ = self.text.sentence_bounds(first.start)
            metric = self._metric_before(figure_start, max(sent_start, first.start - 200))
        if metric is None or self.text.is_furniture(first.start) \
                or counts_something_else(self.raw, self.grammar, first.start, second.end, figure_start):
            return None
        before = self._verb_before(figure_start, max(self.text.sentence_bounds(first.start)[0], first.start - 200))
        if before is not None and metric.name in before.outranks:  # "killed 35 to 40 Pakistani troops"
            metric = before
        return self.context.row(metric, first.start, second.end, figure_start, low_value, low_value, high.value, "range")

    def _verb_before(self, figure_start: int, floor: int):
        """The casualty verb just before a figure ("ha perso 300 soldati", "killed 300 soldiers"), or
        before the first of figures joined to it by a conjunction or a comma: "killed more than 100
        militants and 35 to 40 Pakistani troops", "ha ucciso 11 soldati, 3 bambini e 2 donne"."""
        pos = figure_start
        for _ in range(SHARED_LIST):
            verb = self._metric_before(pos, floor, max_words=WORDS_TO_VERB_BEFORE)
            if verb is not None:
                return verb
            earlier = self.context.quantities_between(max(floor, pos - SHARED_GAP), pos)
            if not earlier:
                return None
            gap = self.raw[earlier[-1].end:pos]
            words = [w.lower() for w in WORD.findall(gap)]
            joined = (words and words[-1] in self.grammar.conjunctions) or gap.rstrip().endswith(",")
            if not joined or len(words) > 4 or CLAUSE_BREAK.search(gap.rstrip(" ,")):
                return None
            pos = self._qualifier(self._range_start(earlier[-1]))[1]
        return None

    def _range_start(self, first: Candidate) -> int:
        """Where a range (or a change) whose first figure is `first` starts: at its opener ("tra", "from")."""
        opener = self.grammar.range_open.search(self.raw, max(0, first.start - 20), first.start)
        return opener.start() if opener else first.start

    def _shared_scale(self, first: str, second: str, low: float, high: float) -> float:
        """"tra 12 e 15mila", "30-40mila", "between 2 and 3 million": the scale written once, on the second
        end, is the first's too; 1 where the first end is whole ("da 800 a 1.200", "from 5 to 10,000")."""
        if not first.strip().isdigit() or not any(c.isalpha() for c in second):
            return 1.0
        lead = DIGITS_LEAD.match(second.strip())
        written = parse_numeral(lead.group(), self.grammar.language) if lead else None
        if written is None or not written.value:
            return 1.0
        scale = high / written.value
        return scale if scale in (1e3, 1e6, 1e9) and low * scale <= high else 1.0

    def share_in(self, candidate: Candidate) -> float | None:
        """The share a candidate states ("la metà" 0.5, "30%" 0.3), or None for a plain figure."""
        if candidate.group == "share":
            return self.grammar.fractions.get(fold(candidate.text))
        if candidate.group == "num" and self.grammar.percent_end.search(candidate.text):
            numeral = parse_numeral(candidate.text, self.grammar.language)
            if numeral is not None and numeral.percent:
                return numeral.value / 100
        return None

    def is_share_of(self, share: Candidate, figure: Candidate) -> bool:
        of = self.grammar.of_after.match(self.raw, share.end)
        return bool(of) and of.end() == figure.start

    def share(self, candidate: Candidate, share: float, following: Candidate | None,
                     earlier: list[dict], base: dict | None = None) -> dict | None:
        """"circa la metà dei militari": a share of a figure the document states elsewhere, or of
        `base`, the figure right after it ("il 10% dei 2.000 soldati")."""
        of = self.grammar.of_after.match(self.raw, candidate.end)
        if not of:
            return None
        after = base["end"] if base else of.end()
        limit = self._limit_after(Candidate("num", after, after, ""), following)
        found = self._terms_after(after, limit)
        if not found:
            return None
        base_metric = found[0][0]
        sent_start, _ = self.text.sentence_bounds(candidate.start)
        qualifier, figure_start = self._qualifier(candidate.start)
        # what the share counts: "la perdita di circa la metà dei militari", or "metà dei soldati è stata uccisa"
        metric = self._metric_before(figure_start, max(sent_start, candidate.start - 200)) \
            or next((m for m, _ in found[1:] if m is not base_metric), None)
        if metric is None or metric is base_metric:
            return None
        base = base or next((row for row in reversed(earlier) if row["metric"] == base_metric.name
                             and row["qualifier"] != "fraction"), None)
        if base is None or self.text.is_furniture(candidate.start):
            return None
        low = base["low"] * share if base["low"] is not None else None
        high = base["high"] * share if base["high"] is not None else None
        if qualifier == "approx":
            low, high = self._widen(low, high)
        row = self.context.row(metric, candidate.start, candidate.end, figure_start, base["value"] * share, low, high,
                        "fraction")
        row["ref"] = base["id"]
        row["subject"] = base["subject"]  # half of the North Korean troops is about North Korea, whoever counts
        return row

    def after_model_name(self, candidate: Candidate) -> bool:
        """A numeral that is part of a model's name: "PzH 2000", "KN-23", "Kh-101", "Shahed-136"."""
        if candidate.group == "num" and MODEL_BEFORE.search(self.raw, max(0, candidate.start - 12), candidate.start):
            return True
        before = self.raw[max(0, candidate.start - 2):candidate.start].rstrip()
        if candidate.group != "num" or not before[-1:].isupper():  # a model name ends in a capital: "PzH"
            return False
        words = list(WORD.finditer(self.raw, max(0, candidate.start - 30), candidate.start))
        return bool(words) and not self.raw[words[-1].end():candidate.start].strip() \
            and model_name(words[-1].group())

    def _limit_after(self, candidate: Candidate, following: Candidate | None) -> int:
        _sent_start, sent_end = self.text.sentence_bounds(candidate.start)
        limit = min(sent_end, following.start) if following else sent_end
        return self.text.clause_end(candidate.end, limit)

    def _terms_after(self, pos: int, limit: int, adjacent: bool = False) -> list[tuple[object, object]]:
        """(metric, match) of the metric words after `pos`: the first, if only fillers and a few other
        words stand before it, then those closely following it ("300 soldati nordcoreani uccisi").
        With `adjacent`, only modifiers may stand before the first ("due soldati", "one ballistic missile",
        not "le due nazioni ... soldati")."""
        found: list[tuple[object, object]] = []
        for match in self.grammar.metric_terms.finditer(self.raw, pos, limit):
            if found:
                between = [w.lower() for w in WORD.findall(self.raw, found[-1][1].end(), match.start())]
                metric = self.grammar.rules.metrics[self.grammar.metric_names[match.lastgroup]]
                if found[0][0].name in metric.outranks and self._predicate_of(between):
                    found.append((metric, match))  # "890 soldiers and members of the security forces have been killed"
                    break
                if len(between) > WORDS_TO_OUTRANK or any(w in self.grammar.conjunctions for w in between):
                    break  # "uccisi 800 soldati e feriti 2.000": "feriti" is the next figure's
            else:
                written = WORD.findall(self.raw, pos, match.start())
                words = [w.lower() for w in written]
                grammar = self.grammar
                # "13 cruise and ballistic missiles", "728 Shahed drones", "148 KN-23 missiles": modifiers and
                # model names before the noun, joined by a conjunction, name no other thing
                modifiers = [w for w, low in zip(written, words) if low in grammar.modifiers or _model_word(w)
                             or adjacent and low in grammar.articles]  # "salgono a quattro i militari uccisi"
                others = sum(1 for w in words if w not in grammar.fillers and w not in grammar.people) - len(modifiers)
                # "460 patients and companions were killed", "1.200 anziani, malati e feriti": people joined
                joined = [w for w in words if w in grammar.conjunctions]
                if joined and words[0] in grammar.people and words[-1] in grammar.fillers \
                        and words[-1] not in grammar.conjunctions and words[-1] not in grammar.articles \
                        and all(w in grammar.people or w in grammar.conjunctions or w in grammar.fillers for w in words):
                    joined = []  # their predicate after an auxiliary, not "632 people and injuring 329"
                # adjacent: nothing but modifiers between ("one ballistic missile", "quattro missili Atacms"),
                # or an article ("sono tre i feriti")
                # a predicate may stand further on: "About 1,000 of them were believed to have been killed"
                farthest = WORDS_TO_PREDICATE if words and words[-1] in grammar.fillers else WORDS_TO_METRIC
                # "altri quattro sono rimasti feriti", "three have also died": a small number's own predicate
                auxiliaries = len(words) <= WORDS_TO_SMALL_PREDICATE and all(
                    w in grammar.fillers and w not in grammar.articles and w not in grammar.of_words
                    and w not in grammar.locatives for w in words)
                if len(words) > (len(modifiers) if adjacent and not auxiliaries else farthest) or others > grammar.other_words \
                        or (joined and len(joined) + len(modifiers) < len(words)):
                    return []
                following = self.text.next_word(match.end())
                if following and following.group().lower() in grammar.units:
                    return []  # "a single Patriot missile battery", "two drone factories": the noun counts the unit
            found.append((self.grammar.rules.metrics[self.grammar.metric_names[match.lastgroup]], match))
        return found

    def _aside_end(self, pos: int) -> int | None:
        """Where an aside naming some of a figure's people ends, when one follows its noun: "16 persone,
        tra cui cinque bambini, sono rimaste uccise", "Ten people, five of them children, were injured"."""
        comma = self.raw.find(",", pos, pos + ASIDE)
        if comma < 0 or len(WORD.findall(self.raw, pos, comma)) > 3:
            return None
        close = self.raw.find(",", comma + 1, comma + 1 + ASIDE)
        if close < 0 or CLAUSE_BREAK.search(self.raw, comma + 1, close):
            return None
        aside = " ".join(self.text.lower_words(comma + 1, close))
        after = self.text.next_word(close + 1)
        if after is None or after.group().lower() in self.grammar.conjunctions:
            return None  # "killing nine people, among them a girl, and wounding 2,800": the next figure's verb
        if not any(aside.startswith(m + " ") or f" {m} " in f" {aside} " for m in self.grammar.subset_markers):
            return None
        return close + 1

    def _predicate_of(self, between: list[str]) -> bool:
        """A word after a figure's noun, `between` words on, is its predicate: "1.500 soldati russi inviati
        nella regione sono stati uccisi" (an auxiliary just before it); not "... e feriti 2.000", "... after the
        attack that killed", nor "11.000 soldati inviati al fronte hanno subito gravi perdite" (the losses of a
        force are not its size)."""
        return len(between) <= WORDS_TO_PREDICATE and bool(between) and between[-1] in self.grammar.fillers \
            and between[-1] not in self.grammar.conjunctions and not any(w in self.grammar.clause_openers for w in between)

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

    def _ends_phrase(self, pos: int, limit: int) -> bool:
        """True when no other noun follows the figure: "il bilancio è salito a 300." or "killed 300 people"."""
        word = WORD.search(self.raw, pos, limit)
        if word is None:
            return True
        lowered = word.group().lower()
        elided = lowered[:lowered.find("'") + 1] if "'" in lowered else lowered  # "dall'inizio" -> "dall'"
        grammar = self.grammar
        return any(w in grammar.fillers or w in grammar.function_words or w in grammar.conjunctions
                   or w in grammar.locatives for w in (lowered, elided)) or self._counts_people(pos, limit)

    def _counts_people(self, pos: int, limit: int) -> bool:
        """The figure counts people: "nine people", "13 Palestinians", "due bambini"; not a demonym before
        an attack's word ("a single Israeli strike"), unless that word counts ("three Israeli soldiers")."""
        word = WORD.search(self.raw, pos, limit)
        if word is None or self.raw[pos:word.start()].strip() or word.group().lower() not in self.grammar.people:
            return False
        following = WORD.search(self.raw, word.end(), limit)
        if following is None or self.raw[word.end():following.start()].strip():
            return True
        grammar, after = self.grammar, following.group().lower()
        if grammar.metric_terms.match(self.raw, following.start(), limit):
            return True
        if after in grammar.attack_words:
            return False
        # "four Pakistani air defence sites": a demonym before a noun that counts no people
        return word.group().lower() not in grammar.place_by_name or after in grammar.people or any(
            after in words for words in (grammar.fillers, grammar.function_words, grammar.conjunctions, grammar.locatives))

    def _shared_predicate(self, metric, candidate: Candidate, following: Candidate | None):
        """"82 soldati e 47 civili sono stati uccisi": figures joined by a conjunction share the predicate
        after the last, when it outranks what the first one's own noun says."""
        if following is None or following.group != "num" or following.start - candidate.end > SHARED_GAP:
            return None
        gap = self.raw[candidate.end:following.start]
        words = [w.lower() for w in WORD.findall(gap)]
        # "11 soldiers, 40 civilians killed": a comma joins two counts of people (not "11,000 soldiers, 300 of them")
        listed = gap.rstrip().endswith(",") and self._counts_people(following.end, len(self.raw))
        if len(words) > 3 or not words or (words[-1] not in self.grammar.conjunctions and not listed) \
                or CLAUSE_BREAK.search(gap.rstrip(" ,")):
            return None
        _sent_start, sent_end = self.text.sentence_bounds(following.start)
        shared = self._metric_after(following.end, self.text.clause_end(following.end, sent_end))
        if shared is not None and (metric is None or metric.name in shared.outranks):
            return shared
        return None

    def _clause_subject(self, pos: int, floor: int) -> list:
        """The metric word opening an earlier clause of the sentence, as the subject of the verb at `pos`:
        "I feriti, dall'ottobre 2023 fino al cessate il fuoco entrato in vigore, sono 16.638"."""
        clause_starts = [floor] + [m.end() for m in CLAUSE_BREAK.finditer(self.raw, floor, pos)]
        for clause in reversed(clause_starts[:-1]):
            match = self.grammar.metric_terms.search(self.raw, clause, pos)
            if match and all(w in self.grammar.articles for w in self.text.lower_words(clause, match.start())):
                return [match]
        return []

    def _metric_before(self, pos: int, floor: int, max_words: int = WORDS_BEFORE, numeral_start: int | None = None):
        """The metric word closest before the figure in its clause ("the death toll ... has reached 2,719"),
        unless another figure stands between them: the word is that one's. A figure that a rise verb
        introduces ("The number of people killed by two days of blasts has risen to 37", "is likely to
        exceed 3,000") may have its word further back, as the clause's subject, even before a parenthesis
        ("I feriti, dall'ottobre 2023 fino al cessate il fuoco, sono 16.638"); a numeral counting a unit
        ("two days") is no figure."""
        start = self.text.clause_start(pos, floor)
        # the verb before the qualifier ("remains above 35,000") or the qualifier itself ("exceed 3,000")
        rises = max_words == WORDS_BEFORE and any(
            self.grammar.rise_before.search(self.raw, max(start, end - 40), end) for end in {pos, numeral_start or pos})
        # "a drone and missile attack", "un attacco di droni": words naming the attack, not what it counts
        matches = [m for m in self.grammar.metric_terms.finditer(self.raw, start, pos) if not self._names_attack(m.end())]
        if rises and not matches:
            matches = self._clause_subject(pos, floor)
        if rises and matches and self.text.words_between(matches[-1].end(), pos) > max_words:
            matches, max_words = matches[:1], WORDS_BEFORE_RISE  # the clause's subject: its first metric word
        if not matches or self.text.words_between(matches[-1].end(), pos) > max_words:
            return None
        between = [c for c in self.context.quantities_between(matches[-1].end(), pos)
                   if not counts_something_else(self.raw, self.grammar, c.start, c.end)]
        if between:
            tail = self.text.lower_words(between[-1].start, pos)
            joins = [i for i, w in enumerate(tail) if w in self.grammar.conjunctions]
            # "killed at least 36 people and driven nearly 300,000 from their homes": another verb's object
            if not joins or not rises and any(w not in self.grammar.fillers for w in tail[joins[-1] + 1:]):
                return None
        metrics = self.grammar.rules.metrics
        last = metrics[self.grammar.metric_names[matches[-1].lastgroup]]
        if len(matches) > 1 and self.text.words_between(matches[-2].end(), matches[-1].start()) <= 1:
            earlier = metrics[self.grammar.metric_names[matches[-2].lastgroup]]
            if last.name in earlier.outranks:  # "le perdite militari": losses, not troops
                return earlier
        return last

    def _names_attack(self, pos: int) -> bool:
        """The word after a metric word at `pos` names an attack: "missile attack", "drone strike", also
        through a conjunction and another such word ("drone and missile attack")."""
        following = self.text.next_word(pos)
        if following is not None and following.group().lower() in self.grammar.conjunctions:
            term = self.grammar.metric_terms.match(self.raw, following.end() + 1)
            return term is not None and self._names_attack(term.end())
        return following is not None and following.group().lower() in self.grammar.attack_words \
            and not self.grammar.metric_terms.match(self.raw, following.start())

    def _qualifier(self, pos: int) -> tuple[str, int]:
        """The qualifier ending just before `pos`, and where it starts."""
        match = self.grammar.qualifier_before.search(self.raw, max(0, pos - 40), pos)
        if not match:
            return "exact", pos
        if match.lastgroup == "at_most" and self.grammar.change_before.search(self.raw, max(0, match.start() - 30),
                                                                               match.start()):
            return "exact", match.start()  # "il bilancio è salito fino a 26": the toll reached 26, not at most 26
        return match.lastgroup, match.start()

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


def _model_word(word: str) -> bool:
    """A maker's or model's name before a noun: "Shahed", "KN-23", "170mm", "Iskander-M"."""
    return word[:1].isupper() or any(c.isdigit() for c in word)


def fold(text: str) -> str:
    """A term as the grammar's tables write it: lower case, one space, a straight apostrophe ("un’unica")."""
    return " ".join(text.lower().replace("’", "'").split())
