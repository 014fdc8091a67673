"""Per-language data: one YAML file per language code, `<code>.yaml` in this folder.

Adding a language is adding a file: everything language-specific (number words,
separators, months, qualifiers, function words for detection) lives there.
"""
from __future__ import annotations

import functools
from importlib import resources

from factcheck.errors import FactcheckError


def available() -> tuple[str, ...]:
    """Language codes that have a data file, sorted."""
    return tuple(sorted(p.name[:-5] for p in resources.files(__name__).iterdir()
                        if p.name.endswith(".yaml")))


@functools.cache
def load(lang: str) -> dict:
    """The parsed data file of `lang` (cached: it is read once per process)."""
    import yaml

    if lang not in available():
        raise FactcheckError(f"unknown language {lang!r}: expected one of {', '.join(available())}")
    text = resources.files(__name__).joinpath(f"{lang}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}
