"""Intervals as editors read them: "9,900–12,100", "≥ 10,000", "2024-11-06".

An open end is None in the claims table and ±inf in the engine's arithmetic; `bound` reads any
spelling, so every stage prints an interval the same way.
"""
from __future__ import annotations

import math


def format_number(value) -> str:
    """10000.0 -> "10,000"; 2.5 -> "2.5"; None -> "" (an open bound)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def bound(value):
    """None for an open end, however a table writes it (None, NaN, ±inf)."""
    return None if value is None or (isinstance(value, float) and not math.isfinite(value)) else value


def interval_text(row: dict) -> str:
    """How a claim reads as an interval: "9,900–12,100", "≥ 10,000", "2024-11-06"."""
    if row["kind"] == "date":
        start, end = row["date_start"], row["date_end"]
        return start if start == end else f"{start}..{end}"
    low, high = bound(row["low"]), bound(row["high"])
    if high is None:
        return f"≥ {format_number(low)}"
    if low is None or (low == 0 and row["qualifier"] == "at_most"):
        return f"≤ {format_number(high)}"
    if low == high:
        return format_number(low)
    return f"{format_number(low)}–{format_number(high)}"
