"""Project configuration: `[tool.factcheck]` in pyproject.toml, or a `factcheck.toml`.

The first folder from the current one upwards that holds either file gives the settings
(`factcheck.toml` wins over `pyproject.toml` in the same folder; a pyproject.toml without a
`[tool.factcheck]` table is passed over). Paths in the file are relative to the file's folder.
Command-line options win over the file, the file over the defaults:

    # factcheck.toml
    rules = "newsroom-rules"
    against = ["archive"]
    fail-on = "warning"
    exclude = ["archive/drafts/*"]

Every key is checked when the file is read: an unknown one stops the run with `file:line` and a
"did you mean", as rule files do.
"""
from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from factcheck.documents import MAX_BYTES
from factcheck.errors import FactcheckError

FILE_NAMES = ("factcheck.toml", "pyproject.toml")
DEFAULT = "default"
COMMAND_LINE = "command line"


@dataclass(frozen=True, slots=True)
class Key:
    """One configuration key: what it holds, its default, and the command-line option it stands for."""

    name: str
    about: str
    default: object = None
    option: str = ""  # the argparse dest of the option it stands for ("" for none)
    kind: str = "text"  # text | path | paths | globs | choice | size | count


def _severities() -> tuple[str, ...]:
    from factcheck.model import Severity

    return (*Severity, "never")


KEYS = {key.name: key for key in (
    Key("rules", "rule set folder", None, "rules", "path"),
    Key("against", "the corpus `factcheck check` compares drafts with", None, "against", "paths"),
    Key("fail-on", "exit 1 when a finding reaches this severity", "error", "fail_on", "choice"),
    Key("lang", "language of every article (unset: detected per article)", None, "lang", "choice"),
    Key("exclude", "shell-style patterns of files not to read", (), "exclude", "globs"),
    Key("max-size", "files larger than this many MB are skipped", MAX_BYTES / 1e6, "max_size", "size"),
    Key("jobs", "worker processes (for commands that run in parallel)", None, "jobs", "count"),
    Key("store", "claims store path (for commands that read or write one)", None, "store", "path"),
    Key("dask", "Dask scheduler that scan, claims and index send their work to (tcp://host:8786)", None, "dask"),
)}


@dataclass(frozen=True, slots=True)
class Setting:
    value: object
    origin: str  # "default", "command line", or "file:line"


@dataclass(frozen=True)
class Config:
    """The settings in force, each with where it came from; `path` is the file read, if any."""

    settings: dict[str, Setting]
    path: Path | None = None

    def __getitem__(self, name: str):
        return self.settings[name].value


def find_config(start: Path | None = None) -> Path | None:
    """The configuration file that applies in `start` (default: the current folder), or None."""
    folder = Path(start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in FILE_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_table(path)):
                return path
            if os.path.lexists(path) and not path.is_file():  # a FIFO, a folder, a broken link: said, not passed over
                return path
    return None


def _has_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml holds `[tool.factcheck]`; a broken one is reported when it is the one."""
    try:
        text = _read(pyproject, errors="replace")
    except (OSError, ValueError):
        return False
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return "[tool.factcheck]" in text
    return isinstance(data.get("tool"), dict) and "factcheck" in data["tool"]


MAX_CONFIG_BYTES = 1_000_000  # a configuration is a few lines


def _read(path: Path, errors: str = "strict") -> str:
    """A configuration file's text: a regular file of at most MAX_CONFIG_BYTES, in UTF-8 (ValueError
    says why not; OSError, that it cannot be read)."""
    from factcheck.decoding import read_bytes

    data = read_bytes(path, MAX_CONFIG_BYTES, option="")
    try:
        return data.decode("utf-8", errors).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ValueError(f"line {line} is not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None


def load_config(path: Path | None) -> Config:
    """Defaults, overlaid with the file at `path` (None: defaults only). Every problem is collected
    and reported at once, each as `file:line: problem`."""
    settings = {name: Setting(key.default, DEFAULT) for name, key in KEYS.items()}
    if path is None:
        return Config(settings)
    shown = display_path(path)
    try:
        text = _read(path)
    except (OSError, ValueError) as exc:  # unreadable, not a regular file, too large, not UTF-8
        raise FactcheckError(f"{shown}: cannot read the configuration: {getattr(exc, 'strerror', None) or exc}") \
            from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FactcheckError(f"{shown}:{_toml_position(exc)} not valid TOML: {_toml_problem(exc)}") from None
    except RecursionError:  # tomllib recurses once per [ or { level
        raise FactcheckError(f"{shown}: not valid TOML: arrays or tables nested hundreds deep") from None
    prefix = ("tool", "factcheck") if path.name == "pyproject.toml" else ()
    lines = key_lines(text)
    table = data
    for part in prefix:
        table = table.get(part, {}) if isinstance(table, dict) else None
    if not isinstance(table, dict):
        raise FactcheckError(f"{shown}:{lines.get(prefix, 1)}: [tool.factcheck] must be a table of keys")
    problems = []
    for name, value in table.items():
        line = lines.get((*prefix, name), lines.get(prefix, 1))
        key = KEYS.get(name)
        if key is None:
            from factcheck.yamlfile import did_you_mean

            hint = did_you_mean(name.replace("_", "-"), KEYS)
            if not prefix and name == "tool":  # a [tool.factcheck] table copied from a pyproject.toml
                hint = f" (in {path.name} the keys stand at the top, without a [tool.factcheck] header)"
            problems.append(f"{shown}:{line}: unknown key {name!r}{hint}; expected one of {', '.join(KEYS)}")
            continue
        try:
            settings[name] = Setting(_parse(key, value, path.parent), f"{shown}:{line}")
        except ValueError as exc:
            problems.append(f"{shown}:{line}: {name}: {exc}")
    if problems:
        raise FactcheckError("\n".join(problems))
    return Config(settings, path)


def _toml_position(exc: tomllib.TOMLDecodeError) -> str:
    """"3:11:" from tomllib's "... (at line 3, column 11)", so an editor can jump there; "" if absent."""
    _problem, at, where = str(exc).rpartition(" (at line ")
    line, _comma, col = where.rstrip(")").partition(", column ")
    return f"{line}:{col}:" if at and line.isdigit() and col.isdigit() else ""


def _toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    problem, at, _where = str(exc).rpartition(" (at line ")
    return problem if at else str(exc)


def _parse(key: Key, value, base: Path):
    """A key's value from TOML, checked; paths made relative to the file's folder."""
    if key.kind in ("path", "paths", "globs"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) and v for v in items) or (
                key.kind == "path" and len(items) != 1):
            shape = "a path" if key.kind == "path" else "a list of " + ("paths" if key.kind == "paths" else "patterns")
            raise ValueError(f"expected {shape} in quotes, got {value!r}")
        if key.kind == "globs":
            return tuple(items)
        paths = [str(base / item) for item in items]
        return paths[0] if key.kind == "path" else paths
    if key.kind == "choice":
        choices = _choices(key.name)
        if value not in choices:
            from factcheck.yamlfile import did_you_mean

            raise ValueError(f"{value!r} is not one of {', '.join(choices)}{did_you_mean(value, choices)}")
        return value
    if key.kind == "size":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"expected a number of MB above 0 and at most 1,000,000, got {value!r}")
        return megabytes(value)
    if key.kind == "text":
        if not isinstance(value, str) or not value:
            raise ValueError(f"expected text in quotes, got {value!r}")
        return value
    if key.kind == "count":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"expected a whole number of 1 or more, got {value!r}")
        return value
    raise AssertionError(key.kind)


def megabytes(value: float) -> float:
    """A size limit in MB: above 0 and at most a terabyte (nan and inf would pass a comparison, then
    fail as a byte count)."""
    if not 0 < value <= 1e6:
        raise ValueError(f"expected a number of MB above 0 and at most 1,000,000, got {value!r}")
    return float(value)


def _choices(name: str) -> tuple[str, ...]:
    if name == "lang":
        from factcheck import languages

        return languages.available()
    return _severities()


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line of every key of a TOML text, by its dotted path: tomllib keeps no positions, and an
    unknown key must be reported where it is. Reads table headers and `key =` lines; keys of inline
    tables and of multi-line strings are not needed for that and are not read."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    in_string = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if in_string:
            in_string = line.count('"""') % 2 == 0 and line.count("'''") % 2 == 0
            continue
        if line.startswith("["):
            header = line.lstrip("[").split("]", 1)[0]
            table = _dotted(header)
            lines.setdefault(table, number)
            continue
        name, equals, rest = line.partition("=")
        if not equals or not name.strip() or line.startswith("#"):
            continue
        dotted = _dotted(name)
        if not dotted:
            continue
        lines.setdefault(table + dotted, number)
        in_string = rest.count('"""') % 2 == 1 or rest.count("'''") % 2 == 1
    return lines


def _dotted(name: str) -> tuple[str, ...]:
    """`tool . "factcheck"` as ("tool", "factcheck"); () when it is not a bare or quoted key."""
    parts = []
    for part in name.split("."):
        part = part.strip()
        if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
            part = part[1:-1]
        elif not part or not all(c.isalnum() or c in "-_" for c in part):
            return ()
        parts.append(part)
    return tuple(parts)


def resolve(config: Config, args) -> Config:
    """The settings in force for one command: its command-line options over the file over the defaults.
    Options are those the command has; argparse leaves them None when not given."""
    settings = dict(config.settings)
    for name, key in KEYS.items():
        given = getattr(args, key.option, None) if key.option else None
        if given is not None and given != [] and given != ():
            settings[name] = Setting(given, COMMAND_LINE)
    return Config(settings, config.path)


def excluded(path: str, patterns, base: Path) -> bool:
    """Whether a file matches one of the `exclude` patterns: a pattern is matched against the file's
    path relative to `base` (the configuration's folder) and each folder above it, and against each
    name along that path, so "drafts" leaves out every drafts/ folder and "archive/2019/*" one."""
    if not patterns:
        return False
    resolved = Path(os.path.abspath(path))
    try:
        parts = resolved.relative_to(base.resolve()).parts
    except ValueError:
        parts = Path(path).parts
    for end in range(1, len(parts) + 1):
        stem, name = "/".join(parts[:end]), parts[end - 1]
        if any(fnmatch.fnmatchcase(stem, p) or fnmatch.fnmatchcase(name, p) for p in patterns):
            return True
    return False


def display_path(path) -> str:
    """A path as the user would type it from here: relative to the current folder when that is short."""
    relative = os.path.relpath(path)
    return relative if relative.split(os.sep)[:3] != [os.pardir] * 3 else str(path)


def describe(config: Config) -> str:
    """`factcheck config`: every key, its value in force, and where that came from."""
    rows = [("key", "value", "from")]
    for name, setting in config.settings.items():
        rows.append((name, _shown(KEYS[name], setting), setting.origin))
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    head = f"configuration file: {display_path(config.path) if config.path else 'none found'}\n"
    if config.path is None:
        head += ("  (looked for factcheck.toml, or pyproject.toml with [tool.factcheck], "
                 "in this folder and every folder above it)\n")
    return head + "".join(f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() + "\n" for a, b, c in rows)


def _shown(key: Key, setting: Setting) -> str:
    value = setting.value
    if value is None or value == () or value == []:
        return {"rules": "(shipped)", "lang": "(detect)", "against": "(none)", "exclude": "(none)",
                "jobs": "(every core)", "store": "(none)", "dask": "(this machine)"}.get(key.name, "(none)")
    paths = key.kind in ("path", "paths") and setting.origin != COMMAND_LINE
    items = value if isinstance(value, (list, tuple)) else [value]
    if key.kind == "size":
        return f"{value:g} MB"
    return " ".join(display_path(v) if paths else str(v) for v in items)
