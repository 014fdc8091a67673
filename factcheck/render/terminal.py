"""What a terminal gets and a pipe does not: colour, and a progress bar on long runs.

Colour follows the usual conventions: `NO_COLOR` (set and not empty) turns it off, `FORCE_COLOR`
turns it on where stdout is not a terminal (CI logs that render ANSI), `TERM=dumb` turns it off;
otherwise there is colour only when the output is a terminal. Piped output is plain, byte for byte.
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading

PROGRESS_DELAY = 2.0  # seconds of work before a bar appears: short runs stay quiet


def colour_wanted(stream, environ=None) -> bool:
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "").lower() not in ("", "0", "false", "no"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Style:
    """Wraps pieces of a text line in ANSI colours; `Style(False)` leaves every piece as it is."""

    SEVERITY = {"error": "1;31", "warning": "33", "info": "36"}

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def _wrap(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled and text else text

    def severity(self, severity: str) -> str:
        return self._wrap(severity, self.SEVERITY.get(str(severity), "1"))

    def figure(self, text: str) -> str:
        return self._wrap(text, "1;35")

    def where(self, text: str) -> str:
        return self._wrap(text, "1")

    def rule(self, text: str) -> str:
        return self._wrap(text, "2")


PLAIN = Style(False)


class Progress:
    """A progress bar on stderr for runs long enough to need one, when stderr is a terminal.

    Silent when `enabled` is false (piped, or -q): the bar never appears in logs or captured output.
    """

    def __init__(self, enabled: bool, delay: float = PROGRESS_DELAY, stream=None):
        self.enabled, self.delay, self.stream = enabled, delay, stream or sys.stderr

    def over(self, items, label: str, unit: str = "article", total: int | None = None):
        """`items`, counted on a bar labelled `label` that shows after `delay` seconds."""
        if not self.enabled:
            return items
        from tqdm import tqdm

        return tqdm(items, desc=label, unit=unit, total=total, file=self.stream, delay=self.delay, leave=False,
                    dynamic_ncols=True)

    def counted(self, items: list, label: str, unit: str = "article") -> list:
        """`items` as a list that moves the bar as a stage iterates over it: the stage (extraction)
        needs no hook of its own, and gets an ordinary list when there is no bar to show."""
        if not self.enabled:
            return items
        return _Counted(items, self, label, unit)

    @contextlib.contextmanager
    def waiting(self, label: str):
        """For a step with no count to show (reading a corpus inside another stage): the time spent
        so far, updated while the step runs, shown after `delay` seconds."""
        if not self.enabled:
            yield
            return
        done = threading.Event()

        def tick():
            if done.wait(self.delay):
                return
            from tqdm import tqdm

            bar = tqdm(desc=label, total=None, file=self.stream, leave=False, bar_format="{desc}: {elapsed}",
                       dynamic_ncols=True)
            while not done.wait(0.25):
                bar.refresh()
            bar.close()

        ticker = threading.Thread(target=tick, daemon=True)
        ticker.start()
        try:
            yield
        finally:
            done.set()
            ticker.join()


class _Counted(list):
    """A list whose iteration moves a progress bar (copies and slices are plain lists)."""

    def __init__(self, items, progress: Progress, label: str, unit: str):
        super().__init__(items)
        self._progress, self._label, self._unit = progress, label, unit

    def __iter__(self):
        bar = self._progress.over(list.__iter__(self), self._label, self._unit, total=len(self))
        try:
            yield from bar
        finally:
            bar.close()
