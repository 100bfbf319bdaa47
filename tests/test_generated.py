"""
The generated checkers, loaders and dumpers (src/newsmodel/_generated.py).

The module is written at development time by scripts/generate.py. These tests
check that the checked-in file is what the generator writes now (drift), that it
is real, debuggable source, and that every field of every model class is
checked, loaded and dumped by it.
"""

from __future__ import annotations

import importlib.util
import inspect
import shutil
import subprocess
import sys
import traceback
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import newsmodel as nm
from newsmodel import _canonical, _generated, _generated_jsonld, _jsonld, _models, _wire
from newsmodel._feed import Feed
from newsmodel._rules import FieldRule, field_rules

if TYPE_CHECKING:
    import enum
    from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "generate.py"
GENERATED = ROOT / "src" / "newsmodel" / "_generated.py"
GENERATED_JSONLD = ROOT / "src" / "newsmodel" / "_generated_jsonld.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -------------------------------------------------------------------- drift


def test_the_checked_in_module_is_what_the_generator_writes() -> None:
    rendered = _generator().render()
    assert GENERATED.read_text(encoding="utf-8") == rendered, (
        "src/newsmodel/_generated.py is out of date: run python scripts/generate.py"
    )


def test_the_checked_in_jsonld_writers_are_what_the_generator_writes() -> None:
    rendered = _generator().render_jsonld()
    assert GENERATED_JSONLD.read_text(encoding="utf-8") == rendered, (
        "src/newsmodel/_generated_jsonld.py is out of date: run python scripts/generate.py"
    )


def test_check_exits_1_when_the_jsonld_writers_drift(tmp_path: Path) -> None:
    generator = _generator()
    stale = tmp_path / "_generated_jsonld.py"
    stale.write_text(GENERATED_JSONLD.read_text(encoding="utf-8").replace('"caption"', '"x"'))
    assert generator.main(["--check", "--jsonld-target", str(stale)]) == 1
    assert generator.main(["--jsonld-target", str(stale)]) == 0  # rewritten
    assert stale.read_text(encoding="utf-8") == GENERATED_JSONLD.read_text(encoding="utf-8")


def test_a_row_with_no_writer_stops_the_generator() -> None:
    """A row that is neither plain nor written by hand is an error, not a silent gap."""
    generator = _generator()
    functions = frozenset({"_content_url"})
    start = {"@type": "ImageObject"}
    with pytest.raises(TypeError, match=r"Image\.contentUrl: the row is not a plain value"):
        generator.write_jsonld_writer("Image", start, {"@type": None}, functions)


def test_hand_code_for_a_property_the_table_lacks_stops_the_generator() -> None:
    generator = _generator()
    hand = {"@type": None, "contentUrl": "_content_url", "nonesuch": "_content_url"}
    with pytest.raises(TypeError, match="nonesuch"):
        generator.write_jsonld_writer("Image", None, hand, frozenset({"_content_url"}))


def test_hand_code_that_jsonld_does_not_define_stops_the_generator() -> None:
    generator = _generator()
    hand = {"@type": None, "contentUrl": "_nonesuch"}
    with pytest.raises(TypeError, match="_jsonld has no function '_nonesuch'"):
        generator.write_jsonld_writer("Image", None, hand, frozenset({"_content_url"}))


def test_every_node_of_the_table_has_a_generated_writer() -> None:
    from newsmodel._schemaorg import NODE_CLASSES

    assert set(NODE_CLASSES) == set(_jsonld.WRITERS)
    for node in NODE_CLASSES:
        stem = "".join(f"_{c.lower()}" if c.isupper() else c for c in node).lstrip("_")
        assert callable(getattr(_generated_jsonld, f"write_{stem}"))


def test_check_exits_1_on_drift_and_0_when_up_to_date(tmp_path: Path) -> None:
    generator = _generator()
    stale = tmp_path / "_generated.py"
    stale.write_text(GENERATED.read_text(encoding="utf-8").replace("load_article", "load_it"))
    assert generator.main(["--check", "--target", str(stale)]) == 1
    assert generator.main(["--check", "--target", str(GENERATED)]) == 0
    assert generator.main(["--target", str(stale)]) == 0  # rewritten
    assert stale.read_text(encoding="utf-8") == GENERATED.read_text(encoding="utf-8")


@pytest.mark.parametrize("generated", [GENERATED, GENERATED_JSONLD], ids=lambda p: p.stem)
def test_a_broken_generated_module_does_not_stop_its_regeneration(
    tmp_path: Path, generated: Path
) -> None:
    # The script reads the models with a stand-in in place of the modules it
    # writes, so a stale or broken file cannot stop it: here, one that raises.
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    broken = tmp_path / "src" / "newsmodel" / generated.name
    broken.write_text("raise ImportError('stale')\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / "generate.py")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert broken.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8")


def test_the_header_says_generated_and_how_to_regenerate() -> None:
    head = GENERATED.read_text(encoding="utf-8").splitlines()[:2]
    assert head[0] == "# Generated by scripts/generate.py from the field rules: do not edit."
    assert "python scripts/generate.py" in head[1]


# -------------------------------------------------------------- debuggable


@pytest.mark.parametrize(
    "function",
    [
        _generated.load_article,
        _generated.check_person,
        _generated.dump_tag,
        _generated_jsonld.write_image,
        _generated_jsonld.write_article,
    ],
    ids=lambda f: f.__name__,
)
def test_inspect_gives_the_real_source(function: Any) -> None:
    source = inspect.getsource(function)
    path = Path(inspect.getsourcefile(function) or "")
    assert path in (GENERATED, GENERATED_JSONLD)
    assert source.startswith(f"def {function.__name__}(")
    assert len(source.splitlines()) > 5
    assert source in path.read_text(encoding="utf-8")


def test_helper_names_come_from_classes_and_fields() -> None:
    names = set(vars(_generated))
    for cls in _models.MODEL_CLASSES:
        stem = "".join(f"_{c.lower()}" if c.isupper() else c for c in cls.__name__).lstrip("_")
        assert {f"check_{stem}", f"load_{stem}", f"dump_{stem}"} <= names
        for field in attrs.fields(cls):
            assert f"_set_{stem}_{field.name.lstrip('_')}" in names
    assert "load_person_or_organization" in names
    assert not [name for name in names if any(char.isdigit() for char in name)]


def test_a_traceback_shows_the_generated_jsonld_writer_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(_generated_jsonld, "_content_url", broken)
    image = nm.Image(url="https://example.com/i.jpg")
    with pytest.raises(RuntimeError) as caught:
        _generated_jsonld.write_image(image)
    frame = traceback.extract_tb(caught.value.__traceback__)[1]
    assert (frame.name, frame.filename) == ("write_image", str(GENERATED_JSONLD))
    assert frame.line == "_content_url(o, out)"


def test_a_traceback_shows_the_generated_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(_generated, "_wire_url", broken)
    payload = {
        "url": "not a url",
        "headline": "h",
        "language": "en",
        "date_published": "2024-10-13T21:04:00+03:00",
    }
    with pytest.raises(RuntimeError) as caught:
        nm.from_dict(payload)
    frame = next(
        f for f in traceback.extract_tb(caught.value.__traceback__) if f.name == "load_article"
    )
    assert frame.filename == str(GENERATED)
    lines = GENERATED.read_text(encoding="utf-8").splitlines()
    assert frame.lineno is not None
    assert lines[frame.lineno - 1].strip() == '_wire_url(url, path, "url", report)'
    assert frame.line == '_wire_url(url, path, "url", report)'


def test_no_code_is_generated_at_import() -> None:
    # A fresh interpreter imports newsmodel without newsmodel compiling any text
    # (attrs compiles the classes' __init__ and friends: that is attrs' business).
    code = (
        "import builtins, linecache, sys\n"
        "calls = []\n"
        "real = builtins.compile\n"
        "def spy(*a, **k):\n"
        "    calls.append(sys._getframe(1).f_code.co_filename)\n"
        "    return real(*a, **k)\n"
        "builtins.compile = spy\n"
        "import newsmodel\n"
        "print([c for c in calls if 'newsmodel' in c])\n"
        "print([k for k in linecache.cache if k.startswith('<newsmodel')])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.split() == ["[]", "[]"]


def test_no_newsmodel_module_compiles_code_at_import() -> None:
    # Every module of the package, each imported in a fresh interpreter, compiles
    # no text of its own and registers no "<newsmodel ...>" source: the JSON-LD
    # writers too are generated at development time. A module whose optional
    # dependency is missing is skipped; __main__ would run the CLI.
    code = (
        "import builtins, importlib, linecache, pkgutil, sys\n"
        "calls = []\n"
        "real = builtins.compile\n"
        "def spy(*a, **k):\n"
        "    calls.append(sys._getframe(1).f_code.co_filename)\n"
        "    return real(*a, **k)\n"
        "builtins.compile = spy\n"
        "import newsmodel\n"
        "names = [m.name for m in pkgutil.walk_packages(newsmodel.__path__, 'newsmodel.')]\n"
        "for name in names:\n"
        "    if name != 'newsmodel.__main__':\n"
        "        try:\n"
        "            importlib.import_module(name)\n"
        "        except ModuleNotFoundError as error:\n"
        "            if (error.name or 'newsmodel').startswith('newsmodel'):\n"
        "                raise\n"
        "print(len(names))\n"
        "print(sorted({c for c in calls if 'newsmodel' in c}))\n"
        "print([k for k in linecache.cache if k.startswith('<newsmodel')])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    count, compiled, registered = done.stdout.splitlines()
    assert int(count) > 20  # the walk found the package's modules
    assert compiled == "[]"
    assert registered == "[]"


# ---------------------------------------------------- every field, every way

_VALUES: dict[str, object] = {
    "url": "https://example.com/a",
    "text": "Some text\nin two lines",
    "text_line": "One line",
    "slug": "a-slug",
    "language": "uk",
    "positive_int": 7,
    "bool": False,
    "datetime": datetime(2024, 10, 13, 21, 4, tzinfo=timezone.utc),
    "date_or_datetime": date(2024, 10, 13),
    # a structured block, so that the body's blocks are loaded and dumped, not only texts
    "block": nm.Heading(level=2, content=("A heading",)),
}


def _value(field: FieldRule) -> object:
    """A valid value for *field* that is not its default."""
    if field.rule is not None:
        value = _VALUES[field.rule.name]
    elif field.enum is not None:
        members: list[enum.Enum] = list(field.enum)
        value = next(member for member in members if member != field.default)
    else:
        value = _minimal(field.classes[-1])
    return (value,) if field.sequence else value


def _minimal(cls: type, **given: object) -> Any:
    """An instance of *cls* with its required fields and *given* set."""
    required = {f.key: _value(f) for f in field_rules(cls) if f.required and f.key not in given}
    return cls(**required, **given)


_FIELDS = [
    pytest.param(cls, field, id=f"{cls.__name__}.{field.key}")
    for cls in _models.MODEL_CLASSES
    for field in field_rules(cls)
]


def test_the_models_are_all_generated() -> None:
    assert set(_models.MODEL_CLASSES) == _models._MODELS
    assert set(_generated.LOADERS) == set(_models.MODEL_CLASSES)
    assert set(_generated.DUMPERS) == set(_models.MODEL_CLASSES)


@pytest.mark.parametrize(("cls", "field"), _FIELDS)
def test_every_field_is_dumped_and_loaded(cls: type, field: FieldRule) -> None:
    obj = _minimal(cls, **{field.key: _value(field)})
    values = _canonical.to_json_values(obj)
    assert field.key in values
    assert _canonical.load_object(cls, values) == obj
    assert _wire.dump_object(obj) == _generated.DUMPERS[cls](obj)


@pytest.mark.parametrize(("cls", "field"), _FIELDS)
def test_every_field_is_checked_made_and_loaded(cls: type, field: FieldRule) -> None:
    bad = object()
    with pytest.raises(nm.ValidationError) as made:
        _minimal(cls, **{field.key: bad})
    assert [e.path for e in made.value.errors] == [f"$.{field.key}"]
    values = _canonical.to_json_values(_minimal(cls))
    values[field.key] = {"an": "object"} if not field.classes else 3
    with pytest.raises(nm.ValidationError) as loaded:
        _canonical.load_object(cls, values)
    assert [e.path for e in loaded.value.errors] == [f"$.{field.key}"]


@pytest.mark.parametrize("field", field_rules(Feed), ids=lambda f: f.key)
def test_every_feed_field_is_checked(field: FieldRule) -> None:
    required: dict[str, Any] = {
        f.key: _value(f) for f in field_rules(Feed) if f.required and f.key != field.key
    }
    bad: dict[str, Any] = {field.key: object()}
    with pytest.raises(nm.ValidationError) as made:
        Feed(**required, **bad)
    assert [e.path for e in made.value.errors] == [f"$.{field.key}"]


def test_a_date_text_read_as_a_date_is_not_taken_for_a_datetime() -> None:
    # One reader, one per-article cache of parsed texts: a datetime field must not
    # take the date that a date-or-datetime field made of the same text.
    payload = {
        "url": "https://example.com/a",
        "headline": "H",
        "language": "en",
        "date_published": "2024-10-13T21:04:00+03:00",
        "quotes": [{"text": "Q", "speaker": {"type": "person", "name": "P"}, "date": "2024-10-13"}],
        "related": [
            {"url": "https://example.com/b", "headline": "B", "date_published": "2024-10-13"}
        ],
    }
    with pytest.raises(nm.ValidationError) as caught:
        nm.from_dict(payload)
    assert [(e.path, e.input) for e in caught.value.errors] == [
        ("$.related[0].date_published", "2024-10-13")
    ]
    assert nm.from_dict(payload, lenient=True, default_tz="UTC").related[0].date_published == (
        datetime(2024, 10, 13, tzinfo=timezone.utc)
    )
