"""The closed sets every stage shares, and the columns of the claims and findings tables.

A StrEnum member is its own string ("at_least" == Qualifier.AT_LEAST), so tables, JSON and YAML
hold plain strings while code names the set it means. Adding a member here is the one place a
new severity, qualifier or reason is declared; CLI choices and error messages derive from these.
"""
from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is, worst first (the order `--fail-on` and reports use)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)

    def lower(self) -> Severity:
        """One level milder; info stays info."""
        members = list(Severity)
        return members[min(self.rank + 1, len(members) - 1)]


class Qualifier(StrEnum):
    """How a sentence asserts its figure, and so which interval it asserts."""

    EXACT = "exact"        # "11mila soldati": 11,000
    APPROX = "approx"      # "circa 11.000": ± the conventions' approx share
    AT_LEAST = "at_least"  # "oltre 10.000": 10,000 or more
    AT_MOST = "at_most"    # "fino a 300": 0 to 300
    RANGE = "range"        # "tra 200 e 300", "centinaia": both ends stated or conventional
    FRACTION = "fraction"  # "circa la metà dei militari": a share of another claim


#: the qualifiers a language file lists words for (the others come from the grammar)
WORD_QUALIFIERS = (Qualifier.EXACT, Qualifier.APPROX, Qualifier.AT_LEAST, Qualifier.AT_MOST)


class MetricKind(StrEnum):
    QUANTITY = "quantity"  # a count: troops, killed, drones
    DATE = "date"          # the date of an event: an agreement's signing


class Reason(StrEnum):
    """Why a finding was raised: the code tests and tools read; the message is written from it."""

    CONFLICT = "conflict"                  # intervals for one thing that cannot all be true
    FALLING_TOTAL = "falling_total"        # a running total lower at a later date
    UNDATED_TOTALS = "undated_totals"      # running totals that conflict, their dates unknown or different
    UNKNOWN_TIME = "unknown_time"          # figures that conflict where a date is unknown, which may explain it
    ATTRIBUTED = "attributed"              # two named sources disagree
    DATES_CONFLICT = "dates_conflict"      # dates of one event that share no day
    RELATION = "relation"                  # an arithmetic relation between metrics is false
    OUT_OF_RANGE = "out_of_range"          # a figure outside plausible bounds


#: The claims table, in column order. JSON and CSV records use the same names.
CLAIM_COLUMNS = (
    "id",          # source:line:col of the figure — stable, and tells an editor where to look
    "source",      # file name, relative to the folder given
    "metric",      # metric id from rules/metrics/
    "subject",     # who the figure is about: an actor id from rules/actors/ ("" when none is named)
    "attribution",  # who states it, when the sentence says so: an actor id or a named source ("" if none)
    "speaker",     # that source as the text names it ("health minister firass abiad" for lebanon; "" if none)
    "as_of",       # the date the figure describes (ISO): "al 20 dicembre", else the publication date, else ""
    "population",  # who is counted, where the text says so: civilians | children | military | "" (all)
    "place",       # where the figure holds: a place or actor id ("nel Kursk" -> kursk), "" = the whole story
    "aspect",      # total (so far) | increment ("altri 6mila") | period ("nelle ultime 24 ore")
    "event",       # for event dates: which agreement, when the text names it ("Memorandum di Budapest")
    "kind",        # MetricKind
    "value",       # the figure as written, normalised (null for dates)
    "low", "high",  # the interval the sentence asserts after its qualifier (null = unbounded)
    "qualifier",   # Qualifier
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

#: The findings table, in column order. JSON findings use the same names.
FINDING_COLUMNS = (
    "rule",         # the check's id (its file stem in rules/checks/)
    "severity",     # Severity, one lower when the conflict needs the close reading
    "reason",       # Reason: what kind of problem, as a code
    "kind",         # agree | same_date | relation | range
    "metric",
    "subject",      # who the figures are about (rules/actors/)
    "question",     # the metric's question: "When was the agreement signed?"
    "summary",      # what is wrong, in a few words, written from the reason
    "message",      # the summary and what each side says
    "claims",       # ids of every claim involved
    "groups",       # the same ids, one list per side that agrees within itself
    "sources",      # source names involved, sorted
    "derived",      # a claim involved was derived by a relation (killed + wounded = casualties)
    "lowered",      # conflict only when "more than N" is read as close to N
    "description",  # why it matters: the check's description
    "suggestion",
)
