"""Languages are data: one YAML file per language code, validated against one schema.

The shipped files live in this folder (`it.yaml`, `en.yaml`); a rule set may add a language or
replace a shipped one with `languages/<code>.yaml` of its own. Everything language-specific
(number words, separators, months, qualifiers, function words, metric words) lives in those
files; the grammars in `factcheck.extraction` only combine it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from factcheck.errors import FactcheckError, RuleFileError, RuleSetError


@dataclass(frozen=True, eq=False)
class Language:
    """One validated language file. Compared by identity: grammars are cached per Language."""

    code: str
    path: Path
    data: dict = field(repr=False)

    def section(self, name: str) -> dict:
        return self.data.get(name) or {}


def shipped_dir() -> Path:
    return Path(str(resources.files(__name__)))


@functools.cache
def available() -> tuple[str, ...]:
    """Codes of the shipped languages, sorted."""
    return tuple(sorted(p.stem for p in shipped_dir().glob("*.yaml")))


@functools.cache
def load(code: str) -> Language:
    """The shipped language `code` (read and validated once per process)."""
    if code not in available():
        raise FactcheckError(f"unknown language {code!r}: expected one of {', '.join(available())} "
                             "(a rule set adds one as languages/<code>.yaml)")
    return load_file(shipped_dir() / f"{code}.yaml")


def load_file(path: Path) -> Language:
    """A language file, validated; every problem in it raised at once as `file:line:col: ...`."""
    language, problems = read_file(path)
    if problems:
        raise RuleSetError(problems)
    return language


def read_file(path: Path) -> tuple[Language | None, list[RuleFileError]]:
    """A language file and the problems found in it (lint reports them all)."""
    from factcheck.languages import schema
    from factcheck.yamlfile import load_yaml

    try:
        doc = load_yaml(Path(path))
    except RuleFileError as exc:
        return None, [exc]
    problems = [doc.error(found[0], found[1], at_key=len(found) > 2 and found[2])
                for found in schema.problems(doc.data)]
    return (None if problems else Language(Path(path).stem, Path(path), doc.data)), problems


def resolve(lang: str | Language) -> Language:
    """A Language given either itself or a shipped language's code."""
    return lang if isinstance(lang, Language) else load(lang)
