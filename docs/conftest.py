"""Run the docs pages' examples from the repository root, where their paths start."""

from __future__ import annotations

from pathlib import Path

import pytest

collect_ignore = ["conf.py"]
collect_ignore_glob = ["_build/*"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make relative paths such as ``examples/...`` in the examples resolve."""
    monkeypatch.chdir(ROOT)
