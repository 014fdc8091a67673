"""Rule kinds: one module per kind, one entry per kind in `KINDS`.

A kind is a frozen dataclass whose fields are its YAML keys (besides the keys every check has:
kind, severity, description, question, suggestion, where, examples). Its `check` method reads
the claims a check selected and yields `Finding`s; the engine adds the rule's id, severity and
texts. Adding a kind is adding a module here and one line to `KINDS`.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    """Claims that cannot all be true, as one kind found them."""

    metric: str
    groups: tuple[tuple[str, ...], ...]  # claim ids, one tuple per side that agrees within itself
    message: str
    lowered: bool = False  # a conflict only when "more than N" is read as close to N
    subject: str = ""  # who the figures are about: figures about different subjects never conflict
    severity: str | None = None  # set when the kind decides it (an attributed disagreement), not the rule

    @property
    def claims(self) -> tuple[str, ...]:
        return tuple(claim for group in self.groups for claim in group)


def _kinds() -> dict[str, type]:
    from factcheck.kinds.agree import Agree
    from factcheck.kinds.range import Range
    from factcheck.kinds.relation import Relation
    from factcheck.kinds.same_date import SameDate

    return {"agree": Agree, "range": Range, "relation": Relation, "same_date": SameDate}


KINDS: dict[str, type] = _kinds()
