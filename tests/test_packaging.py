"""The package as users get it: its namespace, docstrings, version, import cost and files."""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.resources
import inspect
import json
import re
import shlex
import subprocess
import sys
import types
from pathlib import Path

import pytest

import newsmodel

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(newsmodel.__file__).resolve().parent


def _public_names() -> set[str]:
    """Return the names the package namespace actually exports (not modules, not dunders)."""
    # dir(), not vars(): some names load on first use (the module's __getattr__).
    return {
        name
        for name in dir(newsmodel)
        if not name.startswith("_")
        and not isinstance(getattr(newsmodel, name), types.ModuleType)
        and type(getattr(newsmodel, name)).__module__ != "__future__"  # `annotations`
    }


def _isort_key(name: str) -> tuple[int, str]:
    """Sort as ruff's RUF022 does: CONSTANTS, then Classes, then functions."""
    if name.isupper():
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


def test_all_lists_exactly_the_public_names() -> None:
    """`newsmodel.__all__` names every public name in the namespace, and nothing else."""
    assert _public_names() == set(newsmodel.__all__)


def test_all_has_no_duplicates_and_is_sorted() -> None:
    """`__all__` is sorted (constants, classes, functions, each alphabetically), each once."""
    assert sorted(set(newsmodel.__all__), key=_isort_key) == newsmodel.__all__


def test_every_name_in_all_exists() -> None:
    """Every name in `__all__` is an attribute of the package (so star-imports work)."""
    assert [] == [name for name in newsmodel.__all__ if not hasattr(newsmodel, name)]


def _documented_data_names() -> set[str]:
    """
    Return the module-level names of the package's source that carry documentation.

    A data name (a constant, a type alias) cannot hold a docstring of its own, so
    it is documented the way Sphinx reads: a ``#:`` comment on the line above the
    assignment, or a string literal just after it.
    """
    documented: set[str] = set()
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        body = ast.parse(source).body
        for index, node in enumerate(body):
            if isinstance(node, ast.Assign):
                targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                targets = [node.target.id]
            else:
                continue
            comment_above = node.lineno >= 2 and lines[node.lineno - 2].strip().startswith("#:")
            following = body[index + 1] if index + 1 < len(body) else None
            string_after = (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            )
            if comment_above or string_after:
                documented.update(targets)
    return documented


@pytest.mark.parametrize("name", newsmodel.__all__)
def test_every_public_name_has_a_docstring(name: str) -> None:
    """Each public class and function has its own docstring; each data name a doc comment."""
    value = getattr(newsmodel, name)
    if inspect.isclass(value) or inspect.isfunction(value):
        own = value.__dict__.get("__doc__") if inspect.isclass(value) else value.__doc__
        assert (name, True) == (name, bool(own and own.strip()))
    else:
        assert (name, True) == (name, name in _documented_data_names())


def _undocumented_members(cls: type) -> list[str]:
    """Return the public methods and properties defined on *cls* that lack a docstring."""
    missing = []
    for member, value in vars(cls).items():
        if member.startswith("_"):
            continue
        function = value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
        if isinstance(function, property) or inspect.isfunction(function):
            doc = function.__doc__
            if not (doc and doc.strip()):
                missing.append(f"{cls.__name__}.{member}")
    return missing


def test_every_public_method_and_property_has_a_docstring() -> None:
    """The methods and properties of the public classes are documented too."""
    classes = [getattr(newsmodel, name) for name in newsmodel.__all__]
    missing = [
        member for cls in classes if inspect.isclass(cls) for member in _undocumented_members(cls)
    ]
    assert [] == missing


def test_api_reference_documents_every_public_name() -> None:
    """docs/api.md has a directive for every name in `__all__` (a missing one is not rendered)."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(
        re.findall(r"^\.\. (?:auto\w+|py:\w+):: (?:newsmodel\.)?(\w+)", text, re.MULTILINE)
    )
    assert [] == [name for name in newsmodel.__all__ if name not in documented]


def test_version_comes_from_the_package_metadata() -> None:
    """`__version__` is the installed distribution's version, served lazily, not stored."""
    assert importlib.metadata.version("pynewsmodel") == newsmodel.__version__
    assert "__version__" not in vars(newsmodel)


def test_unknown_attribute_raises_attribute_error() -> None:
    """The module `__getattr__` that serves `__version__` does not invent other names."""
    name = "no_such_name"
    with pytest.raises(AttributeError, match="no_such_name"):
        getattr(newsmodel, name)


_NOT_IMPORTED = (
    "hypothesis",
    "newsmodel.strategies",
    "newsmodel.cli",
    "newsmodel._generated_jsonld",  # the JSON-LD writers, with `_jsonld`
    "newsmodel._wild",  # the importers' repairs: the lenient date reader is in _dates
    "newsmodel._byline",
    "extruct",
    "dateutil.parser",
    "pydantic",  # the classes' pydantic hooks load it only when pydantic calls them
    "pydantic_core",
    "newsmodel.pydantic",
    # a misspelt key's suggestion only (issue 10: import time)
    "html",
    "difflib",
)


def test_import_pulls_in_no_optional_or_heavy_modules() -> None:
    """`import newsmodel` (in a fresh interpreter) imports no test, CLI or lenient-only module."""
    code = "import json, sys, newsmodel; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded = set(json.loads(result.stdout))
    assert "newsmodel" in loaded
    assert [] == [
        name
        for name in sorted(loaded)
        if any(name == banned or name.startswith(banned + ".") for banned in _NOT_IMPORTED)
    ]


def test_package_ships_py_typed() -> None:
    """The package carries the PEP 561 marker, so type checkers use its annotations."""
    assert importlib.resources.files("newsmodel").joinpath("py.typed").is_file()
    installed = [str(path) for path in importlib.metadata.files("pynewsmodel") or []]
    package_files = [path for path in installed if path.startswith("newsmodel/")]
    # A regular install records the package's files; an editable one records only
    # a .pth pointing at src/, which the check above covers.
    if package_files:
        assert "newsmodel/py.typed" in package_files


def test_distribution_name_is_pynewsmodel_everywhere() -> None:
    """
    The distribution is ``pynewsmodel``: ``newsmodel`` on the index is another project.

    Every install line in the README and the docs names it, so that no user installs the
    unrelated package by following them.
    """
    from newsmodel._distribution import DISTRIBUTION, install_hint

    assert "pynewsmodel" == DISTRIBUTION == importlib.metadata.metadata(DISTRIBUTION)["Name"]
    assert 'pip install "pynewsmodel[html]"' == install_hint("html")
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    wrong = [
        f"{page.name}: {line.strip()}"
        for page in pages
        for line in page.read_text(encoding="utf-8").splitlines()
        if re.search(r"pip install (?:-\S+ )*[\"']?newsmodel\b", line)
    ]
    assert [] == wrong


def test_package_ships_the_worked_example() -> None:
    """The worked example is package data, byte for byte the repository's examples/ file."""
    shipped = importlib.resources.files("newsmodel") / "examples" / _EXAMPLE
    assert (ROOT / "examples" / _EXAMPLE).read_bytes() == shipped.read_bytes()


_EXAMPLE = "kyiv-independent-2024-10-13.json"


def test_getting_started_runs_outside_a_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/getting-started.md's examples pass from a directory that is not a checkout."""
    import doctest

    monkeypatch.chdir(tmp_path)
    result = doctest.testfile(
        str(ROOT / "docs" / "getting-started.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS,
        verbose=False,
        report=False,
    )
    assert (0, True) == (result.failed, result.attempted > 5)


# ----------------------------------------------------- README, CI and docs pages


def _shell_blocks(markdown: str) -> list[str]:
    """Return the lines of the ```sh blocks of a markdown text."""
    blocks = re.findall(r"^```sh\n(.*?)^```", markdown, re.MULTILINE | re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs exactly the README's command that installs everything and runs the checks."""
    ci = ROOT / ".ci" / "run"
    if not ci.exists():
        pytest.skip("no .ci/run here (an unpacked sdist)")
    commands = [line for line in _shell_blocks(_readme()) if "scripts/check" in line]
    assert 1 == len(commands)
    ci_lines = [line.strip() for line in ci.read_text(encoding="utf-8").splitlines()]
    assert [commands[0]] == [line for line in ci_lines if "scripts/check" in line and "&&" in line]


def _readme() -> str:
    """Return the README's text."""
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_example_command_prints_the_canonical_example() -> None:
    """The README's first command validates the example, then prints its canonical JSON."""
    commands = [line for line in _shell_blocks(_readme()) if "examples/" in line]
    assert 1 == len(commands)
    steps = [shlex.split(step) for step in commands[0].split(" && ")[2:]]
    assert [".venv/bin/newsmodel"] * 2 == [argv[0] for argv in steps]
    for argv in steps[:-1]:  # the validation succeeds quietly on stdout
        check = subprocess.run(
            [sys.executable, "-m", "newsmodel", *argv[1:]],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        assert (0, "") == (check.returncode, check.stdout)
    result = subprocess.run(
        [sys.executable, "-m", "newsmodel", *steps[-1][1:]],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    example = ROOT / "examples" / "kyiv-independent-2024-10-13.json"
    assert example.read_text(encoding="utf-8") == result.stdout


_SPEC_CODES = {
    "missing",
    "unknown_field",
    "type",
    "empty",
    "url",
    "timezone",
    "date_order",
    "language",
    "duplicate",
    "invalid",
    "json",
}


def test_validation_page_shows_every_code_with_a_doctested_example() -> None:
    """Every code of the validation page's table has an example that a doctest prints."""
    text = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| .* \| `([^`]+)` \|$", text, re.MULTILINE)
    assert _SPEC_CODES <= {code for code, _ in rows}
    outputs = set(text.splitlines())
    for code, example in rows:
        assert (code, True) == (code, f": {code}: " in example and example in outputs)


def test_the_library_never_imports_the_command_line() -> None:
    """Only ``newsmodel.cli`` (and ``python -m newsmodel``) may import the CLI package."""
    package = ROOT / "src" / "newsmodel"
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path.is_relative_to(package / "cli") or path.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [alias.name for alias in node.names]
                relative = node.level == 1 and (node.module or "").split(".")[0] == "cli"
                bare = node.level == 1 and not node.module and "cli" in names
                absolute = (node.module or "").startswith("newsmodel.cli")
                if relative or bare or absolute:
                    offenders.append(f"{path.relative_to(package)}:{node.lineno}")
            elif isinstance(node, ast.Import) and any(
                alias.name.startswith("newsmodel.cli") for alias in node.names
            ):
                offenders.append(f"{path.relative_to(package)}:{node.lineno}")
    assert offenders == []


#: Imports against the layers of docs/architecture.md that the page names as exceptions.
_LAYER_EXCEPTIONS = {("_models", "pydantic"), ("_rules", "_body")}


def _module_layers() -> dict[str, int]:
    """The layer of each module, as the "Modules" table of docs/architecture.md gives it."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split("## Modules", 1)[1].split("\n\n", 3)[2]
    layers: dict[str, int] = {}
    layer = -1
    for row in table.splitlines():
        if not row.startswith("| ") or row.startswith(("| layer", "| ---")):
            continue
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if cells[0]:
            layer += 1
        for name in re.findall(r"`([A-Za-z_]+)/?`", cells[1]):
            layers[name] = layer
    return layers


def test_modules_import_only_from_the_layers_above_them() -> None:
    """docs/architecture.md's module table is the truth: every module is in it, in its layer."""
    layers = _module_layers()
    package = ROOT / "src" / "newsmodel"
    modules = {path.stem for path in package.glob("*.py")} - {"__init__", "__main__"}
    assert modules | {"cli"} == set(layers)
    against: list[str] = []
    for module in sorted(modules):
        tree = ast.parse((package / f"{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or node.level != 1:
                continue
            names = [node.module.split(".")[0]] if node.module else [a.name for a in node.names]
            against.extend(
                f"{module} imports {name} (line {node.lineno})"
                for name in names
                if layers.get(name, -1) > layers[module] and (module, name) not in _LAYER_EXCEPTIONS
            )
    assert against == []
