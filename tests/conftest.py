from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_claims():
    from factcheck.api import extract

    return extract([SEEDS])


def claims_of(text: str, lang: str = "it", **kwargs):
    """The claims of one text, as a list of dicts."""
    from factcheck.api import extract
    from factcheck.documents import Document
    from factcheck.render.formats import records

    return records(extract([Document.from_text(text, lang=lang)], **kwargs))


@pytest.fixture
def rules_copy(tmp_path):
    """A writable copy of the shipped rule set, for tests that add or break a rule."""
    import shutil

    from factcheck.check.ruleset import default_rules_dir

    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target
