"""Patterns compiled on first use (`newsmodel._lazy.LazyPattern`)."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmodel._lazy import LazyPattern

ROOT = Path(__file__).resolve().parent.parent


def test_not_compiled_until_used() -> None:
    pattern = LazyPattern(r"(a+)(b)?", re.IGNORECASE)
    assert "fullmatch" not in vars(pattern)
    assert pattern.fullmatch("AAb") is not None
    assert vars(pattern)["fullmatch"] == pattern.compiled.fullmatch  # compiled once, then direct
    assert pattern.compiled.flags & re.IGNORECASE
    with pytest.raises(AttributeError, match="groupindex"):
        pattern.groupindex  # noqa: B018 - only the methods newsmodel uses


@given(st.text(alphabet="ab-_ %", max_size=12), st.integers(0, 3))
def test_methods_are_those_of_the_pattern(text: str, pos: int) -> None:
    source = r"[ab]+(-[ab]+)*|%"
    lazy, compiled = LazyPattern(source), re.compile(source)

    def spans(found: re.Match[str] | None) -> tuple[int, int] | None:
        return None if found is None else found.span()

    assert spans(lazy.match(text, pos)) == spans(compiled.match(text, pos))
    assert spans(lazy.fullmatch(text, pos)) == spans(compiled.fullmatch(text, pos))
    assert spans(lazy.search(text, pos)) == spans(compiled.search(text, pos))
    assert lazy.findall(text) == compiled.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub("x", text, 1) == compiled.sub("x", text, 1)


def test_import_compiles_none_of_them() -> None:
    code = (
        "import gc, newsmodel\n"
        "from newsmodel._lazy import LazyPattern\n"
        "found = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]\n"
        "print(len(found), sum(len(vars(o)) > 2 for o in found))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    count, compiled = map(int, done.stdout.split())
    assert count >= 10
    assert compiled == 0


@pytest.mark.parametrize(
    ("module", "on_the_loading_path"),
    [("_dates", []), ("_canonical", ["_FORBIDDEN_ESCAPE"])],
)
def test_patterns_off_the_loading_path_compile_on_first_use(
    module: str, on_the_loading_path: list[str]
) -> None:
    # The lenient date reader, zone names and the messages of refused texts
    # need their patterns only when used: `loads` of a valid article never does.
    found = importlib.import_module(f"newsmodel.{module}")

    compiled = [name for name, value in vars(found).items() if isinstance(value, re.Pattern)]
    assert compiled == on_the_loading_path
