"""Documents -> the claims table: one row per figure or event date, with its quote and offsets.

The modules, in the order a document passes through them:

    grammar      one language under one rule set: every pattern compiled once
    candidates   the spans worth reading, found near cheap triggers
    text         sentences, clauses, lines, page furniture
    context      who a figure is about, who says it, when it held; the claim row
    figures      numerals -> metric, qualifier and interval
    events       dates -> event dates (an agreement's signing)
    reader       one document: phrases -> rows, repeats merged
    pool         many documents on all cores, rows in the serial order
    numbers/, dates/  the numeral and date grammars (parse_number, parse_date)

Everything language- or rule-specific is data: the language files and the rule set.
"""
from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from factcheck.documents import Document
from factcheck.extraction.grammar import detect_language, grammar_for
from factcheck.extraction.reader import read_document
from factcheck.model import CLAIM_COLUMNS

if TYPE_CHECKING:
    from factcheck.check.ruleset import RuleSet


# the modules extraction runs: a change to one may change the claims (the checks and reports are not among them)
EXTRACTION_CODE = ("extraction", "languages", "documents.py", "decoding.py", "model.py", "intervals.py", "cache.py")


def claims_table(documents: list[Document], rules: RuleSet, lang: str | None = None,
                 published: datetime.date | None = None, jobs: int = 1, done=None, cluster=None):
    """The claims of `documents` as a DataFrame with the columns of `model.CLAIM_COLUMNS`, read on
    up to `jobs` processes or on a Dask `cluster` (the same rows in the same order however read);
    `done(n)` hears progress."""
    import pandas as pd

    from factcheck.extraction.pool import extracted_rows

    rows = extracted_rows(documents, rules, lang, published, jobs, done, cluster)
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def extract_document(document: Document, rules: RuleSet, lang: str | None = None,
                     published: datetime.date | None = None) -> list[dict]:
    """The claim rows of one document, repeated claims merged into one row."""
    lang = lang or document.lang or detect_language(document.text, rules)
    return read_document(document, grammar_for(lang, rules), document.published or published)


def extraction_key(rules: RuleSet, lang: str | None = None, published: datetime.date | None = None) -> str:
    """A digest of everything extraction depends on: factcheck's code, the language files and the
    rule set's metrics, actors, places and conventions (not its checks), and the options. Claims
    stored under another key may differ from what extraction gives now."""
    import hashlib

    from factcheck.cache import code_digest
    from factcheck.extraction.grammar import grammar_inputs

    digest = hashlib.sha256(f"{code_digest(EXTRACTION_CODE)}\0{lang}\0{published}".encode())
    for _code, language in sorted(rules.languages.items()):
        digest.update(grammar_inputs(language, rules).encode())
    return digest.hexdigest()
