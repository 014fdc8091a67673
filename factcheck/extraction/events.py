"""Date candidates -> event dates: "l'accordo, siglato a giugno" is when the agreement was signed.

A date is an event's date when one of the event's verbs stands right beside it and one of its
nouns is close to that verb; a deadline ("entro la fine di giugno") and a page's timestamp are not.
"""
from __future__ import annotations

import regex

from factcheck.extraction.candidates import Candidate
from factcheck.extraction.context import Context
from factcheck.extraction.dates import parse_date
from factcheck.extraction.text import CLAUSE_BREAK, Text

WORDS_TO_VERB = 4      # "siglato a giugno", "signed the pact on 6 November"
WORDS_NOUN_TO_VERB = 12  # "Gli accordi tra Russia e Corea del Nord sono stati firmati": the agreement before its verb
WORDS_VERB_TO_NOUN = 4   # "signed the minerals deal", "Firmato nel 2024, il patto": after its verb, close


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
        spans = []
        for candidate in dates:
            if self.text.is_timestamp(candidate.end) or self.text.is_furniture(candidate.start):
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
            row = self.context.row(metric, candidate.start, candidate.end, candidate.start, None, None, None, qualifier)
            row["date_start"], row["date_end"] = span.start_iso, span.end_iso
            rows.append(row)
        return rows

    def _date_event(self, candidate: Candidate):
        """The event a date is the date of: its verb right beside it ("siglato a giugno"), the event's
        noun close to the verb ("accordo, siglato"), and no deadline ("entro la fine di giugno")."""
        if self.grammar.deadline.search(self.raw, max(0, candidate.start - 40), candidate.start):
            return None
        sent_start, sent_end = self.text.sentence_bounds(candidate.start)
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
        for match in pattern.finditer(self.raw, floor, ceiling):
            if match.end() <= start:
                gap = (match.end(), start)
            elif match.start() >= end:
                gap = (end, match.start())
            else:
                continue
            if self.text.words_between(*gap) <= max_words and (across_clauses or not CLAUSE_BREAK.search(self.raw, *gap)):
                return match
        return None
