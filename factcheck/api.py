"""The Python API: the stages composed, as cli.py composes them for the command line."""
from __future__ import annotations

import datetime

from factcheck.documents import Document, read_documents


def extract(inputs, *, rules=None, lang: str | None = None, published: datetime.date | None = None):
    """Claims of every document in `inputs` (paths, folders or `Document`s) as a pandas DataFrame.

    `rules` is a rule set folder or a loaded RuleSet (default: the shipped rules). One row per
    figure or event date; the columns are those of `factcheck.model.CLAIM_COLUMNS`:

        >>> extract([Document.from_text("inviati oltre 10.000 soldati", lang="it")])[["metric", "low"]]
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
    return claims_table(documents, ruleset, lang, published)
