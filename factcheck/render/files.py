"""Writing output files so a reader never sees half of one."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from factcheck.errors import FactcheckError


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write `text` (or bytes) to `path` via a temporary file and a rename: the old file or the new, never half.

    The file gets the permissions any new file gets (0644 under umask 022: a report is for others to
    read), not the 0600 of a temporary file, and reaches the disk before the rename, so a crash
    right after it leaves the new report, not an empty one.
    """
    path = Path(path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
        # a file name that is not UTF-8 reaches the text as "\udcff": spelled out, not a crash
        binary = isinstance(text, bytes)
        with (os.fdopen(fd, "wb") if binary else
              os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="")) as handle:
            handle.write(text)
            handle.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o666 & ~current_umask())
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
        _sync_folder(path.parent)
    except OSError as exc:
        raise FactcheckError(f"{path}: cannot write ({exc.strerror or exc}); choose a writable destination") from None
    finally:
        if tmp is not None and os.path.exists(tmp):  # interrupted, or the disk is full: no litter
            os.unlink(tmp)


def current_umask() -> int:
    """The process's umask (reading it means setting it: set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk; where folders cannot be opened (Windows), it is the system's."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
