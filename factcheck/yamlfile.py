"""Safe YAML loading that remembers where every key stands, so errors can say path:line.

YAML from outside (a rule file, a gold file, an article's front matter) is bounded before anything
is built from it: the composer counts every node as it reads it, so an alias bomb ("billion laughs",
700 bytes that expand to gigabytes) is refused at its file:line before it expands, and so is a
document nested too deep or a number too long to convert. Rule files take no anchors at all; front
matter a few. A key given twice is an error naming both lines, not a silent "the second one wins".
"""
from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import RuleFileError

MAX_YAML_BYTES = 1_000_000  # the largest rule or gold file is about 30 KB
MAX_DEPTH = 50              # levels of nesting, aliases expanded; rule files use 4
MAX_NODES = 50_000          # values (scalars, lists, mappings) once aliases are expanded; gold files hold 3,000
MAX_NUMBER_CHARS = 100      # int("1" * 5000) fails and "1:2:...:9" in base 60 takes quadratic time


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


def load_yaml(path: Path, max_bytes: int = MAX_YAML_BYTES) -> YamlDoc:
    """Parse `path` with the safe loader: tags that build Python objects, anchors and aliases are refused."""
    from factcheck.documents import read_bytes

    path = Path(path)
    try:
        data = read_bytes(path, max_bytes, option="")
    except OSError as exc:
        raise RuleFileError(path, None, f"cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:  # not a regular file, or over the size limit
        raise RuleFileError(path, None, str(exc), "a rule file is a small text file") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RuleFileError(path, line, f"not UTF-8 (byte 0x{data[exc.start]:02x})", "save the file as UTF-8") from None
    return parse_yaml(text.removeprefix("\ufeff"), path)


def parse_yaml(text: str, path, first_line: int = 1, aliases: int = 0) -> YamlDoc:
    """Parse YAML `text` from `path` (its first line is line `first_line` of the file), allowing at most
    `aliases` aliases (0: anchors refused outright). Every problem raises RuleFileError at file:line."""
    import yaml

    shift = first_line - 1
    loader = None
    try:
        fast = _plain_document(text)
        if fast is not None:
            node, data = fast
        else:
            loader = _bounded_loader_class()(text, aliases, first_line)
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        # An unclosed bracket is reported at the end of the file; the line that opened it helps more.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 + shift if mark else None
        problem = exc.problem or str(exc)
        if exc.context and exc.problem_mark:
            problem = f"{exc.context}: {problem} (at line {exc.problem_mark.line + 1 + shift})"
        if "tag:yaml.org,2002:python/" in str(exc):
            problem = "YAML tags that construct Python objects are not allowed"
        raise RuleFileError(path, line, problem, "", mark.column + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:  # a control character: say where, on one line
        line = text.count("\n", 0, exc.position) + 1 + shift
        raise RuleFileError(path, line, f"character U+{exc.character:04X} is not allowed in YAML",
                             "remove the control character") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, None, " ".join(str(exc).split())) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # a value the constructor cannot build
        raise RuleFileError(path, None, f"a value cannot be read: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[tuple, tuple[int, int]] = {}
    values: dict[tuple, tuple[int, int]] = {}
    if node is not None:
        _record_lines(node, lines, values, shift)
    return YamlDoc(Path(path), data, lines, values)


def _plain_document(text: str):
    """(node, data) by libyaml for the common file (a rule file, a language, front matter): no anchors
    or aliases, at most MAX_DEPTH levels and MAX_NODES values, no duplicate key, no long number, as
    libyaml's event stream shows first. None for anything else, or anything libyaml refuses: the
    bounded pure-Python loader then reads it and says what is wrong. libyaml reads a rule set of
    hundreds of files several times faster."""
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return None
    depth = values = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return None
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return None
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                values += 1
                if values > MAX_NODES:
                    return None
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None
    stack = [node] if node is not None else []
    while stack:  # what the bounded loader refuses, checked on the tree
        item = stack.pop()
        if isinstance(item, yaml.MappingNode):
            keys = [(k.tag, k.value) for k, _v in item.value if isinstance(k, yaml.ScalarNode)]
            if len(set(keys)) < len(keys):
                return None
            stack.extend(n for pair in item.value for n in pair)
        elif isinstance(item, yaml.SequenceNode):
            stack.extend(item.value)
        elif item.tag.endswith((":int", ":float")) and len(item.value) > MAX_NUMBER_CHARS:
            return None
    try:
        data = yaml.constructor.SafeConstructor().construct_document(node) if node is not None else None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return None
    return node, data


@functools.cache
def _bounded_loader_class():
    """SafeLoader whose composer measures each node as it is read (pure Python: libyaml's composer
    cannot be watched). Built on first use so `import factcheck` does not import yaml."""
    import yaml
    from yaml.composer import ComposerError

    class BoundedLoader(yaml.SafeLoader):
        def __init__(self, text: str, aliases: int, first_line: int):
            super().__init__(text)
            self.first_line = first_line
            self.alias_budget = aliases
            self.aliases_seen = 0
            self.values_seen = 0
            self.depth = 0
            self.open_anchors: set[str] = set()
            # id(node) -> (values, levels) the node stands for once aliases are expanded
            self.measures: dict[int, tuple[int, int]] = {}

        def compose_node(self, parent, index):
            event = self.peek_event()
            mark = event.start_mark
            if event.anchor is not None and self.alias_budget == 0:
                raise ComposerError(None, None, "anchors and aliases (&name, *name) are not allowed in this file; "
                                    "write the value out", mark)
            if isinstance(event, yaml.AliasEvent):
                self.aliases_seen += 1
                if self.aliases_seen > self.alias_budget:
                    raise ComposerError(None, None, f"more than {self.alias_budget} aliases (*name); "
                                        "write the values out", mark)
                if event.anchor in self.open_anchors:
                    raise ComposerError(None, None, f"alias *{event.anchor} is inside the value it names "
                                        "(a loop)", mark)
                node = super().compose_node(parent, index)
                self._count(self.measures[id(node)][0], mark)
                self._check(self.measures[id(node)][1], mark, expanded=True)
                return node
            self._count(1, mark)
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
            if event.anchor is not None:
                self.open_anchors.add(event.anchor)
            node = super().compose_node(parent, index)
            self.open_anchors.discard(event.anchor)
            self.depth -= 1
            self.measures[id(node)] = measure = self._measure(node)
            self._check(measure[1], mark, expanded=False)
            if isinstance(node, yaml.MappingNode):
                _refuse_duplicate_keys(node, self.first_line)
            elif isinstance(node, yaml.ScalarNode) and node.tag.endswith((":int", ":float")) \
                    and len(node.value) > MAX_NUMBER_CHARS:
                raise ComposerError(None, None, f"a number of more than {MAX_NUMBER_CHARS} characters", mark)
            return node

        def _measure(self, node) -> tuple[int, int]:
            if isinstance(node, yaml.ScalarNode):
                return 1, 1
            children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else node.value
            measures = [self.measures[id(child)] for child in children]
            return 1 + sum(m[0] for m in measures), 1 + max((m[1] for m in measures), default=0)

        def _count(self, values: int, mark) -> None:
            """A running count of the document's values, aliases expanded: a bomb stops where it
            crosses the limit, before the rest of it is read."""
            self.values_seen += values
            if self.values_seen > MAX_NODES:
                how = " once aliases are expanded" if self.aliases_seen else ""
                raise ComposerError(None, None, f"more than {MAX_NODES:,} values{how}", mark)

        def _check(self, levels: int, mark, expanded: bool) -> None:
            how = " once aliases are expanded" if expanded or self.aliases_seen else ""
            if self.depth + levels > MAX_DEPTH:
                raise ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels{how}", mark)

    def _refuse_duplicate_keys(node, first_line: int) -> None:
        first: dict[tuple[str, str], object] = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = (key_node.tag, key_node.value)
            if key in first:
                raise ComposerError(None, None, f"duplicate key {key_node.value!r}: line "
                                    f"{first[key].line + first_line} has it too; keep one", key_node.start_mark)
            first[key] = key_node.start_mark

    return BoundedLoader


def _record_lines(root, lines: dict, values: dict, shift: int) -> None:
    """Where each key path starts. Each node is visited once, so an alias is never walked again
    (the composer already bounded the document; this pass must not expand it either)."""
    import yaml

    seen: set[int] = set()
    stack = [(root, ())]
    while stack:
        node, keys = stack.pop()
        where = (node.start_mark.line + 1 + shift, node.start_mark.column + 1)
        lines.setdefault(keys, where)
        values.setdefault(keys, where)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in reversed(node.value):
                key = keys + (key_node.value,)
                lines[key] = (key_node.start_mark.line + 1 + shift, key_node.start_mark.column + 1)
                stack.append((value_node, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, keys + (index,)) for index, item in reversed(list(enumerate(node.value))))


def did_you_mean(word: str, choices) -> str:
    """' (did you mean 'x'?)' when a close choice exists, else ''."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
