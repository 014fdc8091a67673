"""The pre-commit hook, run by the real pre-commit against a temporary git repository.

pre-commit installs factcheck from this repository's last commit into an environment of its own,
as it would for a newsroom, so this test takes a minute on a fresh machine.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEEDS

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
ENV = {**os.environ, "GIT_AUTHOR_NAME": "desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
       "GIT_COMMITTER_NAME": "desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}


def git(*args, cwd) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=ENV).stdout.strip()


def test_hook_checks_staged_drafts_against_the_archive(tmp_path):
    assert PRE_COMMIT.exists(), "pre-commit comes with the test extras: pip install -e '.[test]'"
    newsroom = tmp_path / "newsroom"
    shutil.copytree(SEEDS, newsroom / "archive")
    (newsroom / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {git('rev-parse', 'HEAD', cwd=ROOT)}\n    hooks:\n"
        "      - id: factcheck\n        args: [--against, archive, --]\n        exclude: ^archive/\n",
        encoding="utf-8")
    draft = newsroom / "draft.md"
    draft.write_text("Pyongyang ha inviato circa 25.000 soldati in Russia.\n", encoding="utf-8")
    git("init", "-q", cwd=newsroom)
    git("add", ".", cwd=newsroom)
    env = {**ENV, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def hook():
        return subprocess.run([str(PRE_COMMIT), "run", "--files", "draft.md"], cwd=newsroom, capture_output=True,
                              text=True, env=env, timeout=900)

    failed = hook()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "draft.md:1:28: error [troops_agree] troops:" in failed.stdout
    draft.write_text("Pyongyang ha inviato circa 11.000 soldati in Russia.\n", encoding="utf-8")
    passed = hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
