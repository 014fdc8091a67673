"""Errors a user can act on: each prints as one line naming where and what to do."""
from __future__ import annotations


class FactcheckError(Exception):
    """A problem with the user's input or configuration (exit code 2)."""


class RuleFileError(FactcheckError):
    """A problem in a YAML file, located at path:line."""

    def __init__(self, path, line: int | None, problem: str, hint: str = "", col: int | None = None):
        self.path, self.line, self.col, self.problem, self.hint = str(path), line, col, problem, hint
        where = f"{self.path}:{line}" if line else self.path
        where += f":{col}" if line and col else ""
        text = f"{where}: {problem}"
        super().__init__(text + (f"\n  {hint}" if hint else ""))


class RuleSetError(FactcheckError):
    """Every problem found in a rule set (or language file), one `file:line:col: problem` per line."""

    def __init__(self, problems: list[RuleFileError]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class KindError(ValueError):
    """A kind refused its own keys (an expression that does not parse): `keys` is where in the file."""

    def __init__(self, problem: str, keys: tuple = ()):
        super().__init__(problem)
        self.keys = keys
