"""Building blocks for the scanning patterns, written for the speed of the `regex` engine.

`regex` resets every quantifier of a pattern at each position it tries and tests alternatives
one by one, so word lists are written as tries of literal characters: one test per character
at each position, the longer word tried first ("tre" never stops short of "tredici").
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import regex


def optional(source: str) -> str:
    """ "x?" without a quantifier: "(?:x|)". `regex` sets up every quantifier of a pattern at each
    position it tries, used or not, so the scanning patterns have (next to) none."""
    return f"(?:{source}|)"


def either(alternatives: Iterable[str]) -> str:
    """Any of the regex `alternatives`, in order, each once and empty ones left out; never matches
    when there are none."""
    alternatives = list(dict.fromkeys(a for a in alternatives if a))
    return "(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)"


def spell_loosely(char: str) -> str:
    """One character of a word list as a pattern: a space matches any one space, an apostrophe
    either kind ("dell'", "dell’")."""
    return r"\s" if char == " " else "['’]" if char == "'" else regex.escape(char)


def literal_trie(words: Iterable[str], *, either_case: bool = False, atomic: bool = False,
                 spell: Callable[[str], str] | None = None) -> str:
    """Any of `words` as a trie regex; never matches when there are none.

    `either_case` spells "[tT][rR][eE]" for use inside "(?-i:...)", which `regex` matches faster
    than a case-insensitive "tre". `atomic` wraps the trie in "(?>...)". `spell` writes one
    character as a pattern (default: the character, escaped).
    """
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    if not root:
        return "(?!)"
    spell = spell or regex.escape

    def emit(node: dict) -> str:
        branches = []
        for char, child in sorted(node.items()):
            if not char:
                continue
            cases = {char, char.upper()} if either_case and len(char.upper()) == 1 else {char}
            spelled = f"[{''.join(sorted(cases))}]" if len(cases) > 1 else spell(char)
            branches.append(spelled + emit(child))
        if "" in node and branches:
            branches.append("")  # the word may end here; longer ones are tried first
        if not branches:
            return ""
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    source = emit(root)
    return f"(?>{source})" if atomic else source
