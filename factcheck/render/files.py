"""Writing output files so a reader never sees half of one."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from factcheck.errors import FactcheckError


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` via a temporary file and a rename: the old file or the new, never half."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        if "tmp" in locals() and os.path.exists(tmp):
            os.unlink(tmp)
        raise FactcheckError(f"{path}: cannot write ({exc.strerror or exc}); choose a writable destination") from None
