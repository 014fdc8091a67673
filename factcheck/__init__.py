"""factcheck: find conflicting figures and dates across news articles.

    >>> import factcheck
    >>> factcheck.parse_number("11mila")
    11000.0

The public API is imported lazily so that `import factcheck` stays light:
pandas and dateparser load only when a function that needs them runs.
"""
from __future__ import annotations

__all__ = ["parse_number", "parse_date", "extract", "DateSpan", "Document"]
__version__ = "0.1.0"

_EXPORTS = {
    "parse_number": "factcheck.extraction.numbers",
    "parse_date": "factcheck.extraction.dates",
    "DateSpan": "factcheck.extraction.dates",
    "extract": "factcheck.api",
    "Document": "factcheck.documents",
}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + __all__)
