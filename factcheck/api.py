"""The Python API: the stages composed, as cli.py composes them for the command line."""
from __future__ import annotations

import datetime

from factcheck.documents import Document, read_documents

YEARLESS_YEAR = 4  # as in extraction.dates.span: leap (29 February exists), and no news is about year 4


def extract(inputs, *, rules=None, lang: str | None = None, published: datetime.date | None = None,
            typed: bool = False):
    """Claims of every document in `inputs` (paths, folders or `Document`s) as a pandas DataFrame.

    `rules` is a rule set folder or a loaded RuleSet (default: the shipped rules). One row per
    figure or event date, repeats within a document merged:

        >>> table = extract([Document.from_text("inviati oltre 10.000 soldati", lang="it")])
        >>> table[["metric", "figure", "qualifier", "low", "high"]]
           metric        figure qualifier      low  high
        0  troops  oltre 10.000  at_least  10000.0  None

    The columns, in order (`factcheck.model.CLAIM_COLUMNS`; JSON and CSV use the same names):

        id            "source:line:col" of the figure
        source        file name, relative to the folder given
        metric        metric id (a file of rules/metrics/)
        subject       who the figure is about: an actor id (rules/actors/), "" when none is named
        attribution   who states it ("south_korea", "un", "kyiv independent"), "" when the sentence says not
        speaker       that source as the text names it ("health minister firass abiad" for lebanon), or ""
        as_of         ISO date the figure describes ("al 20 dicembre", else the publication date), or ""
        population    who is counted, where the text says so: civilians, children, military; "" = all
        place         where the figure holds: a place or actor id ("nel Kursk" = kursk); "" = the whole story
        aspect        total (so far), increment ("altri 6mila") or period ("nelle ultime 24 ore")
        event         for event dates, which agreement, when the text names it
        kind          "quantity" or "date"
        value         the figure as written, normalised; null for dates
        low, high     the interval the sentence asserts after its qualifier; null = unbounded
        qualifier     exact, approx, at_least, at_most, range or fraction
        date_start, date_end   for dates, ISO; "XXXX-06-01" when the year is unknown
        ref           for a fraction, the id of the claim it is a share of
        figure        the figure's words as written, qualifier included ("oltre 10.000")
        quote         the sentence
        start, end    character offsets of the figure in the document's text
        line, col     where `start` is, 1-based
        lang          the language the document was read in
        count         how many times the document states this claim
        offsets       [[start, end], ...] of every statement of it

    With `typed=True` the same rows come with pandas dtypes for analysis in a notebook (the default
    keeps the strings that `factcheck claims` prints and the checks read):

        as_of, date_start, date_end   datetime64[s]; NaT where there is none. A date whose year is
                      unknown ("a giugno") is placed in year 4 (0004-06-01), never in a real year
        year_known    boolean: False for those year-less dates, <NA> for quantities
        value, low, high   Float64: <NA> for null (an open bound), whatever the rows hold
        start, end, line, col, count   Int64

        >>> text = "Pyongyang ha inviato oltre 10.000 soldati. L'accordo è stato firmato a giugno."
        >>> typed = extract([Document.from_text(text, lang="it")], typed=True)
        >>> typed[["metric", "date_start", "date_end", "year_known", "low", "high"]]
                     metric date_start   date_end  year_known      low  high
        0            troops        NaT        NaT        <NA>  10000.0  <NA>
        1  agreement_signed 0004-06-01 0004-06-30       False     <NA>  <NA>
    """
    from factcheck.check.ruleset import RuleSet, load_rules
    from factcheck.extraction import claims_table

    ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
    if isinstance(inputs, (str, Document)) or hasattr(inputs, "__fspath__"):
        inputs = [inputs]
    documents = [item for item in inputs if isinstance(item, Document)]
    paths = [item for item in inputs if not isinstance(item, Document)]
    if paths:
        read, _skipped = read_documents(paths, lang, published)
        documents += read
    table = claims_table(documents, ruleset, lang, published)
    return with_dtypes(table) if typed else table


def with_dtypes(table):
    """A copy of a claims table with the dtypes `extract(..., typed=True)` describes; the table
    given is not changed."""
    import pandas as pd

    out = table.copy()
    starts, ends, known = [], [], []
    for start, end in zip(table["date_start"], table["date_end"]):
        first, last, year_known = _span(start, end)
        starts.append(first)
        ends.append(last)
        known.append(year_known)
    out["as_of"] = _datetimes([value if isinstance(value, str) and value else None for value in table["as_of"]],
                              table.index)
    out["date_start"] = _datetimes(starts, table.index)
    out["date_end"] = _datetimes(ends, table.index)
    position = list(out.columns).index("date_end") + 1
    out.insert(position, "year_known", pd.array(known, dtype="boolean"))
    for column in ("value", "low", "high"):
        out[column] = pd.to_numeric(table[column].astype(object).where(table[column].notna(), None),
                                    errors="coerce").astype("Float64")
    for column in ("start", "end", "line", "col", "count"):
        out[column] = pd.array(table[column].tolist(), dtype="Int64")
    return out


def _span(start, end) -> tuple[str | None, str | None, bool | None]:
    """ISO start and end, a year-less span placed in YEARLESS_YEAR (its start a year earlier when it
    runs over New Year: "da novembre a febbraio"), and whether the year is known."""
    if not isinstance(start, str) or not isinstance(end, str) or not start or not end:
        return None, None, None
    if not start.startswith("XXXX"):
        return start, end, True
    first, last = f"{YEARLESS_YEAR:04d}{start[4:]}", f"{YEARLESS_YEAR:04d}{end[4:]}"
    if first > last:
        first = f"{YEARLESS_YEAR - 1:04d}{start[4:]}"
    return first, last, False


def _datetimes(values, index):
    """ISO dates as datetime64[s]: the unit that holds year 4 (nanoseconds start in 1677)."""
    import numpy as np
    import pandas as pd

    array = np.array([value if value else "NaT" for value in values], dtype="datetime64[s]")
    return pd.Series(array, index=index, dtype="datetime64[s]")
