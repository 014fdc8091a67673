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

    @contextlib.contextmanager
    def counter(self, total: int | None, label: str, unit: str = "article"):
        """A function that moves a bar of `total` steps by n, for work done out of sight (in workers)."""
        if not self.enabled:
            yield lambda _n: None
            return
        from tqdm import tqdm

        bar = tqdm(desc=label, unit=unit, total=total, file=self.stream, delay=self.delay, leave=False,
                   dynamic_ncols=True)
        try:
            yield bar.update
        finally:
            bar.close()

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
