"""Claims tables as JSON, CSV or Markdown, and writing files so a reader never sees half of one."""
from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

from factcheck.errors import FactcheckError


def records(table) -> list[dict]:
    """Table rows as plain dicts: NaN becomes None, numpy scalars become Python numbers."""
    rows = []
    for row in table.to_dict(orient="records"):
        rows.append({key: _plain(value) for key, value in row.items()})
    return rows


def _plain(value):
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def claims_json(table) -> str:
    return json.dumps(records(table), ensure_ascii=False, indent=2) + "\n"


def claims_csv(table) -> str:
    return table.to_csv(index=False, lineterminator="\n")


def format_number(value) -> str:
    """10000.0 -> "10,000"; 2.5 -> "2.5"; None -> "" (an open bound)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _bound(value):
    """None for an open end, however a table writes it (None, NaN, ±inf)."""
    return None if value is None or (isinstance(value, float) and not math.isfinite(value)) else value


def interval_text(row: dict) -> str:
    """How a claim reads as an interval: "9,900–12,100", "≥ 10,000", "2024-11-06"."""
    if row["kind"] == "date":
        start, end = row["date_start"], row["date_end"]
        return start if start == end else f"{start}..{end}"
    low, high = _bound(row["low"]), _bound(row["high"])
    if high is None:
        return f"≥ {format_number(low)}"
    if low is None or (low == 0 and row["qualifier"] == "at_most"):
        return f"≤ {format_number(high)}"
    if low == high:
        return format_number(low)
    return f"{format_number(low)}–{format_number(high)}"


def claims_markdown(table) -> str:
    from tabulate import tabulate

    rows = [[f"{r['source']}:{r['line']}", r["metric"], r["subject"], r["figure"], r["qualifier"],
             interval_text(r), r["count"]] for r in records(table)]
    headers = ["where", "metric", "about", "figure", "qualifier", "asserts", "times"]
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True) + "\n"


FORMATS = {"json": claims_json, "csv": claims_csv, "md": claims_markdown}


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
