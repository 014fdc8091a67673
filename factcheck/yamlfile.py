"""Safe YAML loading that remembers where every key stands, so errors can say path:line."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import RuleFileError


@dataclass(frozen=True, slots=True)
class YamlDoc:
    """A parsed YAML file and the line of each mapping key, keyed by its path of keys."""

    path: Path
    data: object
    lines: dict[tuple, tuple[int, int]]  # key path -> (line, column) of its key, both 1-based
    values: dict[tuple, tuple[int, int]] = field(default_factory=dict)  # key path -> where its value starts

    def position(self, *keys, at_key: bool = False) -> tuple[int, int] | None:
        """(line, column) of the value at the deepest known key along `keys` (or of the key itself)."""
        for end in range(len(keys), -1, -1):
            if not at_key and keys[:end] in self.values:
                return self.values[keys[:end]]
            if keys[:end] in self.lines:
                return self.lines[keys[:end]]
        return None

    def line(self, *keys) -> int | None:
        position = self.position(*keys)
        return position[0] if position else None

    def error(self, keys: tuple, problem: str, hint: str = "", at_key: bool = False) -> RuleFileError:
        line, col = self.position(*keys, at_key=at_key) or (None, None)
        return RuleFileError(self.path, line, problem, hint, col)


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
        raise RuleFileError(path, line, problem, "", mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, None, str(exc)) from None
    finally:
        loader.dispose()
    lines: dict[tuple, tuple[int, int]] = {}
    values: dict[tuple, tuple[int, int]] = {}
    if node is not None:
        _record_lines(node, (), lines, values)
    return YamlDoc(path, data, lines, values)


def _record_lines(node, keys: tuple, lines: dict, values: dict) -> None:
    import yaml

    lines.setdefault(keys, (node.start_mark.line + 1, node.start_mark.column + 1))
    values.setdefault(keys, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[keys + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _record_lines(value_node, keys + (key,), lines, values)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, keys + (index,), lines, values)


def did_you_mean(word: str, choices) -> str:
    """' (did you mean 'x'?)' when a close choice exists, else ''."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
