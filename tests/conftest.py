from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# the suite builds grammars into a cache of its own (shared by the commands it runs), never the user's
os.environ.setdefault("FACTCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="factcheck-test-cache-"))

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
