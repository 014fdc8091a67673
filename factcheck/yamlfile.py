"""Safe YAML loading that remembers where every key stands, so errors can say path:line."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import RuleFileError


@dataclass(frozen=True, slots=True)
class YamlDoc:
    """A parsed YAML file and the line of each mapping key, keyed by its path of keys."""

    path: Path
    data: object
    lines: dict[tuple, int]

    def line(self, *keys) -> int | None:
        """The line of the deepest known key along `keys` (1-based), or None."""
        for end in range(len(keys), -1, -1):
            if keys[:end] in self.lines:
                return self.lines[keys[:end]]
        return None

    def error(self, keys: tuple, problem: str, hint: str = "") -> RuleFileError:
        return RuleFileError(self.path, self.line(*keys), problem, hint)


def load_yaml(path: Path) -> YamlDoc:
    """Parse `path` with the safe loader: tags that build Python objects are refused."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, None, f"cannot read: {exc}") from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        # An unclosed bracket is reported at the end of the file; the line that opened it helps more.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        if exc.context and exc.problem_mark:
            problem = f"{exc.context}: {problem} (at line {exc.problem_mark.line + 1})"
        if "python/" in str(exc):
            problem = "YAML tags that construct Python objects are not allowed"
        raise RuleFileError(path, line, problem) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, None, str(exc)) from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    if node is not None:
        _record_lines(node, (), lines)
    return YamlDoc(path, data, lines)


def _record_lines(node, keys: tuple, lines: dict[tuple, int]) -> None:
    import yaml

    lines.setdefault(keys, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[keys + (key,)] = key_node.start_mark.line + 1
            _record_lines(value_node, keys + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, keys + (index,), lines)


def did_you_mean(word: str, choices) -> str:
    """' (did you mean 'x'?)' when a close choice exists, else ''."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
