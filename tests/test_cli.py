"""The `newsmodel` command line: every command, option, output format and exit status."""

from __future__ import annotations

import importlib.metadata
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel import _reading, cli
from newsmodel.cli import _args, _discover, _progress, _tasks
from newsmodel.strategies import articles

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyiv-independent-2024-10-13.json"

Run = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    """Run the command line in this process; return its exit status, stdout and stderr."""
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def messages(payload: str | bytes) -> list[str]:
    """Return the library's `path: code: message` lines for an invalid payload."""
    with pytest.raises(nm.ValidationError) as raised:
        nm.loads(payload)
    return [str(error) for error in raised.value.errors]


def example() -> dict[str, Any]:
    """Return the worked example's payload, freshly parsed."""
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


def minimal(**changes: Any) -> dict[str, Any]:
    """Return a small valid payload, with *changes* applied."""
    data: dict[str, Any] = {
        "url": "https://example.com/news/kyiv-metro",
        "headline": "Kyiv metro extends night service",
        "language": "en",
        "date_published": "2024-10-13T21:04:00+03:00",
    }
    data.update(changes)
    return data


def summary_line(err: str) -> str:
    """Return the last line of stderr, where the summary goes."""
    return err.rstrip("\n").splitlines()[-1]


@pytest.fixture(autouse=True)
def _no_ci_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as outside CI, so that only the terminal check decides about the progress bar."""
    monkeypatch.delenv("CI", raising=False)


# ------------------------------------------------------------------ valid input


def test_valid_file_exits_0_prints_nothing_but_the_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A valid article: exit status 0, nothing on stdout, one summary line on stderr."""
    status, out, err = run(capsys, "validate", str(EXAMPLE))
    assert (0, "") == (status, out)
    assert re.fullmatch(r"newsmodel: 1 file, 1 article, 0 invalid in \d+\.\d\d s\n", err)


def test_quiet_prints_no_summary(capsys: pytest.CaptureFixture[str]) -> None:
    """--quiet leaves stderr empty on success."""
    assert (0, "", "") == run(capsys, "validate", "--quiet", str(EXAMPLE))


# ------------------------------------------------------------------ positions

BAD = """\
{
  "url": "javascript:alert(1)",
  "headline": "Kyiv metro",
  "language": "en",
  "date_published": "2024-10-13T21:04:00",
  "authors": [{"type": "person", "nmae": "Abbey"}],
  "tags": [{"name": "Kyiv"}, {"name": "KYIV"}],
  "images": [{"url": "https://example.com/a.jpg", "width": 0}]
}
"""


def test_every_problem_is_reported_at_its_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each problem is FILE:LINE:COL: path: code: message, at the offending value, in order."""
    path = tmp_path / "bad.json"
    path.write_text(BAD, encoding="utf-8")
    status, out, _ = run(capsys, "validate", str(path))
    where = {
        "$.url": "2:10",  # the value
        "$.date_published": "5:21",
        "$.authors[0].nmae": "6:34",  # an unknown field: its key
        "$.authors[0].name": "6:15",  # a missing field: the object's opening brace
        "$.tags[1].name": "7:39",
        "$.images[0].width": "8:60",
    }
    placed = [(where[line.split(":")[0]], line) for line in messages(BAD)]
    placed.sort(key=lambda item: tuple(int(n) for n in item[0].split(":")))
    expected = [f"{path}:{position}: {line}" for position, line in placed]
    assert 6 == len(expected)
    assert (1, expected) == (status, out.splitlines())


def test_invalid_json_is_reported_where_the_parser_stopped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text that is not JSON: the position is the parser's, the code `json`."""
    path = tmp_path / "broken.json"
    path.write_text('{\n  "url": "https://example.com/",\n  "headline": ,\n}\n', encoding="utf-8")
    status, out, _ = run(capsys, "validate", str(path))
    assert 1 == status
    assert out.startswith(f"{path}:3:15: $: json: expected a JSON document, found invalid JSON")


def test_paths_with_line_breaks_are_escaped_to_keep_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown key holding a newline cannot split a problem over two lines."""
    path = tmp_path / "key.json"
    path.write_text(json.dumps(minimal(**{"a\nb": 1})), encoding="utf-8")
    status, out, _ = run(capsys, "validate", str(path))
    assert (1, 1) == (status, len(out.splitlines()))
    assert f"{path}:1:" in out
    assert "$['a\\nb']: unknown_field:" in out


# ------------------------------------------------------------------ JSON Lines


def test_jsonl_problems_name_the_line_of_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In JSON Lines, LINE is the file's line; blank lines are skipped but counted."""
    good = json.dumps(minimal())
    bad_url = json.dumps(minimal(url="ftp://example.com/x"))
    lines = [good, "", bad_url, "   ", "{oops", good]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out, err = run(capsys, "validate", str(path))
    column = bad_url.index('"ftp:') + 1
    assert 1 == status
    assert [
        f"{path}:3:{column}: {messages(bad_url)[0]}",
        (
            f"{path}:5:2: $: json: expected a JSON document, found invalid JSON: "
            "unexpected character, expected a string key: line 1 column 2 (char 1)"
        ),
    ] == out.splitlines()
    assert summary_line(err).startswith("newsmodel: 1 file, 4 articles, 2 invalid, 2 errors in ")


def test_jsonl_pieces_give_the_same_report_wherever_they_are_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON Lines file read in small pieces is reported exactly as read whole."""
    lines = []
    for number in range(40):
        changes: dict[str, Any] = {"headline": f"Story {number}"}
        if number % 7 == 3:
            changes["language"] = "not a language"
        lines.append(json.dumps(minimal(**changes)) if number % 11 != 5 else "")
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")  # no final newline
    whole = run(capsys, "validate", "-q", str(path))
    for size in (1, 97, 200, 1000):
        monkeypatch.setattr(_tasks, "CHUNK_BYTES", size)
        assert (size, whole) == (size, run(capsys, "validate", "-q", str(path)))
    assert 1 == whole[0]
    assert [f"{path}:{n + 1}:" for n in range(40) if n % 7 == 3 and n % 11 != 5] == [
        line.split(" ")[0].rsplit(":", 2)[0] + ":" for line in whole[1].splitlines()
    ]


# ------------------------------------------------------------------ stdin


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Make *data* what the command reads from stdin."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_dash_reads_one_article_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'-' reads stdin as one JSON article, named <stdin> in the report."""
    payload = json.dumps(minimal(language="english"))
    _stdin(monkeypatch, payload.encode())
    status, out, _ = run(capsys, "validate", "-")
    column = payload.index('"english"') + 1
    assert (1, [f"<stdin>:1:{column}: {messages(payload)[0]}"]) == (status, out.splitlines())


def test_stdin_as_json_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--type jsonl reads stdin one article a line."""
    good = json.dumps(minimal())
    _stdin(monkeypatch, f"{good}\n{good}\n[]\n".encode())
    status, out, err = run(capsys, "validate", "--type", "jsonl", "-")
    assert 1 == status
    assert [f"<stdin>:3:1: {messages('[]')[0]}"] == out.splitlines()
    assert "3 articles, 1 invalid" in err


# ------------------------------------------------------------------ directories


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A directory of article files, some of which the defaults skip."""
    good = json.dumps(minimal())
    bad = json.dumps(minimal(url="relative/path"))
    files = {
        "a.json": bad,
        "b/c.jsonl": f"{good}\n{bad}\n",
        "b/d.ndjson": bad,
        "b/notes.txt": bad,
        "b/drafts/e.json": bad,
        ".git/f.json": bad,
        "node_modules/g.json": bad,
        "z.json": good,
    }
    for name, text in files.items():
        path = tmp_path / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "articles"


def _files(out: str) -> list[str]:
    """Return the file names of a text report, in order, once each."""
    names: list[str] = []
    for line in out.splitlines():
        name = line.split(":", 1)[0]
        if name not in names:
            names.append(name)
    return names


def test_directories_are_searched_recursively_in_sorted_order(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """By default *.json, *.jsonl and *.ndjson are checked; hidden and vendor dirs skipped."""
    status, out, err = run(capsys, "validate", str(tree))
    expected = [
        str(tree / name) for name in ("a.json", "b/c.jsonl", "b/d.ndjson", "b/drafts/e.json")
    ]
    assert (1, expected) == (status, _files(out))
    assert summary_line(err).startswith("newsmodel: 5 files, 6 articles, 4 invalid")


def test_exclude_skips_files_and_directories(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--exclude matches a name or a path relative to the directory given."""
    status, out, _ = run(
        capsys, "validate", str(tree), "--exclude", "drafts", "--exclude", "b/*.ndjson"
    )
    assert (1, [str(tree / "a.json"), str(tree / "b/c.jsonl")]) == (status, _files(out))


def test_include_replaces_the_default_patterns(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--include picks the files to check; --type says how to read them."""
    status, out, _ = run(capsys, "validate", str(tree), "--include", "*.txt", "--type", "json")
    assert (1, [str(tree / "b/notes.txt")]) == (status, _files(out))


def test_directory_without_matching_files_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory with nothing to check fails: a mistyped path must not pass CI."""
    (tmp_path / "notes.txt").write_text("{}", encoding="utf-8")
    status, out, err = run(capsys, "validate", str(tmp_path))
    assert (2, "") == (status, out)
    assert [_nothing_found(tmp_path)] == err.splitlines()


def test_an_include_or_exclude_that_leaves_nothing_is_a_usage_error(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Patterns that match no file: exit 2, the message names the patterns and the directory."""
    status, out, err = run(capsys, "validate", str(tree), "--include", "*.josn")
    assert (2, "", 1) == (status, out, len(err.splitlines()))
    assert f"no files to check in {tree}: expected files matching *.josn, found none" in err
    status, out, err = run(capsys, "validate", str(tree), "--exclude", "*")
    assert (2, "", 1) == (status, out, len(err.splitlines()))
    assert "outside *, found none" in err


def test_a_file_named_twice_is_checked_once(capsys: pytest.CaptureFixture[str]) -> None:
    """The same file reached twice is reported once."""
    status, _, err = run(capsys, "validate", str(EXAMPLE), str(EXAMPLE.parent))
    assert (0, "newsmodel: 1 file, ") == (status, summary_line(err)[:19])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_read_as_a_stream(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pipe named on the command line (no size to cut into pieces) is read line by line."""
    import threading

    fifo = tmp_path / "export.jsonl"
    os.mkfifo(fifo)
    good = json.dumps(minimal())

    def write() -> None:
        with fifo.open("w", encoding="utf-8") as stream:
            stream.write(f"{good}\n{good}\n{{}}\n")

    writer = threading.Thread(target=write)
    writer.start()
    status, out, err = run(capsys, "validate", str(fifo))
    writer.join()
    assert (1, 4) == (status, len(out.splitlines()))
    assert out.startswith(f"{fifo}:3:1: $.")
    assert "3 articles, 1 invalid" in err


def test_links_back_up_the_tree_are_not_followed(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A symbolic link to a parent directory does not make the search go round forever."""
    (tree / "b" / "up").symlink_to(tree, target_is_directory=True)
    status, out, _ = run(capsys, "validate", str(tree))
    assert (1, 4) == (status, len(_files(out)))


# ------------------------------------------------------------------ --jobs


def test_jobs_2_reports_exactly_what_jobs_1_reports(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With worker processes the report is the same, in the same order."""
    lines = [
        json.dumps(minimal(headline=f"Story {n}", id=("" if n % 9 == 0 else f"n{n}")))
        for n in range(60)
    ]
    (tree / "big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for number in range(40):
        (tree / f"many-{number:02}.json").write_text(
            json.dumps(minimal(section=" " if number % 3 == 0 else "News")), encoding="utf-8"
        )
    monkeypatch.setattr(_tasks, "CHUNK_BYTES", 500)
    monkeypatch.setattr(_tasks, "BATCH_FILES", 3)
    one = run(capsys, "validate", "--quiet", str(tree), "--jobs", "1")
    two = run(capsys, "validate", "--quiet", str(tree), "--jobs", "2")
    assert one == two
    assert 1 == one[0]
    assert 4 + 7 + 14 == len(one[1].splitlines())


def test_jobs_must_be_a_count(capsys: pytest.CaptureFixture[str]) -> None:
    """--jobs takes a number of processes; anything else is a usage error."""
    status, out, err = run(capsys, "validate", "--jobs", "-1", str(EXAMPLE))
    assert (2, "", 1) == (status, out, len(err.splitlines()))
    assert "--jobs: expected a number of processes" in err


# ------------------------------------------------------------------ formats


def test_json_format_is_one_document_with_every_problem_and_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format json prints one JSON document; each problem has file, line, column, path."""
    path = tmp_path / "bad.json"
    path.write_text(BAD, encoding="utf-8")
    status, out, _ = run(capsys, "validate", "--format", "json", str(path), str(EXAMPLE))
    report = json.loads(out)
    assert (1, False) == (status, report["valid"])
    assert {
        "file": str(path),
        "line": 2,
        "column": 10,
        "path": "$.url",
        "code": "url",
        "message": messages(BAD)[0].split(": ", 2)[2],
        "severity": "error",
    } == report["problems"][0]
    assert 6 == len(report["problems"])
    summary = {key: value for key, value in report["summary"].items() if key != "seconds"}
    assert {
        "files": 2,
        "articles": 2,
        "invalid": 1,
        "errors": 6,
        "warnings": 0,
        "unreadable": 0,
    } == summary
    assert [] == report["unreadable"]


def test_json_format_for_valid_input(capsys: pytest.CaptureFixture[str]) -> None:
    """A valid run in JSON: no problems, valid true."""
    status, out, _ = run(capsys, "validate", "--format", "json", str(EXAMPLE))
    report = json.loads(out)
    assert (0, [], True) == (status, report["problems"], report["valid"])


def test_github_format_writes_workflow_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format github: ::error commands, with properties and data escaped."""
    path = tmp_path / "a,b:c%.json"
    payload = json.dumps(minimal(url="javascript:x"))
    path.write_text(payload, encoding="utf-8")
    status, out, _ = run(capsys, "validate", "--format", "github", str(path))
    name = str(path).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    column = payload.index('"javascript') + 1
    path_code, message = messages(payload)[0].split(": url: ")
    assert (
        1,
        [f"::error file={name},line=1,col={column},title=newsmodel url::{path_code}: {message}"],
    ) == (status, out.splitlines())


# ------------------------------------------------------------------ I/O and usage problems


def test_missing_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file: exit 2, one line on stderr naming it, nothing else, no traceback."""
    missing = tmp_path / "nope.json"
    status, out, err = run(capsys, "validate", str(EXAMPLE), str(missing))
    assert (2, "", [f"newsmodel: error: cannot read {missing}: no such file or directory"]) == (
        status,
        out,
        err.splitlines(),
    )


def test_a_file_that_cannot_be_read_is_reported_and_the_rest_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read error: one line for it, the other files still checked, exit 2."""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(minimal(language="??")), encoding="utf-8")
    locked = tmp_path / "locked.json"
    locked.write_text("{}", encoding="utf-8")
    real_read = _reading.read

    def read(path: str, limit: int) -> bytes | _reading.Oversized:
        if path == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_read(path, limit)

    monkeypatch.setattr(_reading, "read", read)
    status, out, err = run(capsys, "validate", str(bad), str(locked))
    assert (2, 1) == (status, len(out.splitlines()))
    assert [f"newsmodel: error: cannot read {locked}: Permission denied"] == [
        line for line in err.splitlines() if "cannot read" in line
    ]
    assert "1 file unreadable" in summary_line(err)
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["validate"], "the following arguments are required: PATH"),
        (["validate", "--format", "xml", "a.json"], "argument --format: invalid choice"),
        (["validate", "--no-such-option", "a.json"], "unrecognized arguments: --no-such-option"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["validate", "--default-tz", "Europe/Kyiv", "a.json"], "applies only with --lenient"),
        (["validate", "--lenient", "--default-tz", "Mars/Olympus", "a.json"], "--default-tz:"),
        (["convert", "a.json"], "the following arguments are required: --to"),
        (["convert", "a.json", "--to", "json", "--indent", "x"], "--indent: expected a number"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad arguments: exit 2, one line on stderr that says what is wrong, nothing on stdout."""
    status, out, err = run(capsys, *argv)
    assert (2, "", 1) == (status, out, len(err.splitlines()))
    assert needle in err


@pytest.mark.parametrize("command", [[], ["validate"], ["convert"], ["extract"], ["schema"]])
def test_help_explains_with_examples(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """--help exits 0 and shows examples a newcomer can copy."""
    status, out, _ = run(capsys, *command, "--help")
    assert (0, True) == (status, "examples:\n  newsmodel " in out)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the installed distribution's version."""
    expected = f"newsmodel {importlib.metadata.version('pynewsmodel')}\n"
    assert (0, expected, "") == run(capsys, "--version")


# ------------------------------------------------------------------ leniency


def test_lenient_and_default_tz_read_human_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--lenient --default-tz accepts what the library's lenient reading accepts."""
    path = tmp_path / "scraped.json"
    path.write_text(json.dumps(minimal(date_published="October 13, 2024 9:04 PM")), "utf-8")
    assert 1 == run(capsys, "validate", str(path))[0]
    assert 1 == run(capsys, "validate", "--lenient", str(path))[0]
    status, out, _ = run(capsys, "validate", "--lenient", "--default-tz", "Europe/Kyiv", str(path))
    assert (0, "") == (status, out)


# ------------------------------------------------------------------ lint


def _fake_lint(article: nm.Article) -> list[nm.Finding]:
    """A stand-in for nm.lint: one finding for an article without authors."""
    if article.authors:
        return []
    return [nm.Finding("$.authors", "no_author", "expected at least one author, found none")]


def test_lint_findings_are_warnings_and_strict_makes_them_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--lint reports findings as warnings (exit 0); --strict as errors (exit 1)."""
    monkeypatch.setattr(nm, "lint", _fake_lint, raising=False)
    path = tmp_path / "a.json"
    path.write_text("{\n" + json.dumps(minimal())[1:], encoding="utf-8")
    assert (0, "") == run(capsys, "validate", str(path), str(EXAMPLE))[:2]
    status, out, err = run(capsys, "validate", "--lint", str(path), str(EXAMPLE))
    finding = "$.authors: warning: no_author: expected at least one author, found none"
    assert (0, [f"{path}:1:1: {finding}"]) == (status, out.splitlines())
    assert "1 warning" in summary_line(err)
    status, out, _ = run(capsys, "validate", "--strict", str(path), str(EXAMPLE))
    strict = "$.authors: no_author: expected at least one author, found none"
    assert (1, [f"{path}:1:1: {strict}"]) == (status, out.splitlines())


# ------------------------------------------------------------------ HTML pages

PAGE = """\
<!DOCTYPE html>
<html><head><title>x</title>
  <script type="application/ld+json">{"@type": "NewsArticle"}</script>
</head><body></body></html>
"""


def test_html_pages_are_checked_through_extract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's articles come from nm.extract; its errors and an empty page are reported."""
    results: dict[str, Any] = {
        "good.html": [nm.from_dict(minimal())],
        "empty.html": [],
        "bad.html": nm.ValidationError([nm.ErrorDetail("$.headline", "missing", "expected it")]),
    }

    def extract(html: bytes, base_url: str | None = None, **options: Any) -> list[nm.Article]:
        # The page's bytes: extract decodes them as browsers do. validate passes a
        # findings list: the article nodes extract left out are errors.
        assert (PAGE.encode(), "https://example.com/", {"findings": []}) == (
            html,
            base_url,
            options,
        )
        result = results[current[0]]
        if isinstance(result, Exception):
            raise result
        return list(result)

    monkeypatch.setattr(nm, "extract", extract, raising=False)
    current = [""]
    outcomes = {}
    for name in results:
        current[0] = name
        path = tmp_path / name
        path.write_text(PAGE, encoding="utf-8")
        status, out, _ = run(capsys, "validate", "--base-url", "https://example.com/", str(path))
        outcomes[name] = (status, out.replace(f"{path}:", ""))
    assert {
        "good.html": (0, ""),
        "empty.html": (
            1,
            (
                "3:3: $: missing: expected an article marked up in the page "
                "(JSON-LD or microdata), found none\n"
            ),
        ),
        "bad.html": (1, "3:3: $.headline: missing: expected it\n"),
    } == outcomes


# ------------------------------------------------------------------ progress bar


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        """Claim to be a terminal."""
        return True


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bar draws on a terminal; not in a pipe, not with CI set, not with --no-progress."""
    inputs = [_discover.Input("a.json", "a.json", "json", 100)]
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    bar = _progress.Progress(inputs, enabled=True)
    bar.next_draw = 0.0
    bar.advance(50, 3, 1)
    bar.clear()
    bar_text = re.escape("\r[" + "#" * 15 + "-" * 15 + "]  50%  3 articles, 1 invalid  ")
    assert re.fullmatch(bar_text + r"\d+ s\x1b\[K\r\x1b\[K", terminal.getvalue())
    assert False is _progress.Progress(inputs, enabled=False).enabled
    monkeypatch.setenv("CI", "true")
    assert False is _progress.Progress(inputs, enabled=True).enabled
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert False is _progress.Progress(inputs, enabled=True).enabled


def test_no_progress_bar_in_captured_output(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Run with stderr not a terminal, the output holds no carriage return."""
    _, out, err = run(capsys, "validate", str(tree))
    assert ("\r" in out, "\r" in err) == (False, False)


# ------------------------------------------------------------------ convert


def test_convert_to_json_writes_the_canonical_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--to json normalizes: the example comes out as its (canonical) file."""
    loose = tmp_path / "loose.json"
    loose.write_text(json.dumps(example(), indent=4, sort_keys=True), encoding="utf-8")
    expected = EXAMPLE.read_text(encoding="utf-8")
    assert (0, expected, "") == run(capsys, "convert", str(loose), "--to", "json")


def test_convert_json_lines_and_output_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A .jsonl input gives JSON Lines; -o writes to a file."""
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(minimal()) + "\n\n" + EXAMPLE.read_text("utf-8").replace("\n", "") + "\n",
        "utf-8",
    )
    target = tmp_path / "out.jsonl"
    assert (0, "", "") == run(capsys, "convert", str(source), "--to", "json", "-o", str(target))
    expected = [nm.dumps(nm.from_dict(minimal())), nm.dumps(nm.loads(EXAMPLE.read_bytes()))]
    assert expected == target.read_text("utf-8").splitlines()


def test_convert_to_ninjs(capsys: pytest.CaptureFixture[str]) -> None:
    """--to ninjs prints what nm.to_ninjs makes."""
    status, out, _ = run(capsys, "convert", str(EXAMPLE), "--to", "ninjs")
    assert (0, nm.to_ninjs(nm.loads(EXAMPLE.read_bytes()))) == (status, json.loads(out))


def test_convert_reads_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'-' reads one article from stdin; --indent sets the indentation."""
    _stdin(monkeypatch, json.dumps(minimal()).encode())
    status, out, _ = run(capsys, "convert", "-", "--to", "json", "--indent", "0")
    assert (0, nm.dumps(nm.from_dict(minimal())) + "\n") == (status, out)


def test_convert_invalid_input_reports_and_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid article: its problems on stderr as validate writes them, exit 1."""
    path = tmp_path / "bad.json"
    path.write_text(BAD, encoding="utf-8")
    status, out, err = run(capsys, "convert", str(path), "--to", "json")
    assert (1, "", 7) == (status, out, len(err.splitlines()))
    assert err.startswith(f"{path}:2:10: $.url: url: ")
    assert err.splitlines()[-1] == (
        "newsmodel convert: 1 of 1 article invalid; nothing written "
        "(--skip-invalid writes the valid ones)"
    )


def test_convert_missing_file_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing input: one line, exit 2."""
    status, out, err = run(capsys, "convert", str(tmp_path / "x.json"), "--to", "json")
    assert (2, "", 1) == (status, out, len(err.splitlines()))


def _fake_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    """Install stand-ins for the markup functions."""
    monkeypatch.setattr(
        nm, "to_jsonld", lambda a: {"@type": "NewsArticle", "headline": a.headline}, raising=False
    )
    monkeypatch.setattr(nm, "jsonld_script", lambda a: f"<script>{a.url}</script>", raising=False)
    monkeypatch.setattr(
        nm, "to_microdata", lambda a: f"<article>{a.headline}</article>\n", raising=False
    )


def test_convert_to_jsonld_and_microdata(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--to jsonld prints nm.to_jsonld's dict; --to microdata nm.to_microdata's HTML."""
    _fake_markup(monkeypatch)
    article = nm.loads(EXAMPLE.read_bytes())
    status, out, _ = run(capsys, "convert", str(EXAMPLE), "--to", "jsonld")
    assert (0, {"@type": "NewsArticle", "headline": article.headline}) == (status, json.loads(out))
    status, out, _ = run(capsys, "convert", str(EXAMPLE), "--to", "microdata")
    assert (0, f"<article>{article.headline}</article>\n") == (status, out)


def test_convert_to_page_is_a_standalone_html_page(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--to page: a whole HTML document with the JSON-LD in its head, microdata in its body."""
    _fake_markup(monkeypatch)
    article = nm.loads(EXAMPLE.read_bytes())
    status, out, _ = run(capsys, "convert", str(EXAMPLE), "--to", "page")
    head, body = out.split("</head>")
    assert 0 == status
    assert out.startswith('<!DOCTYPE html>\n<html lang="en">\n')
    assert "<title>Zelensky warns of &#x27;increasing alliance&#x27; between Russia" in head
    assert f"<script>{article.url}</script>" in head
    assert f"<article>{article.headline}</article>" in body


def test_a_preview_page_round_trips_through_extract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page --to page writes validates, and extract finds the article in it."""
    page = tmp_path / "preview.html"
    assert 0 == run(capsys, "convert", str(EXAMPLE), "--to", "page", "-o", str(page))[0]
    status, out, _ = run(capsys, "validate", str(page))
    assert (0, "") == (status, out)
    status, out, _ = run(capsys, "extract", "-q", str(page))
    found, expected = nm.loads(out), nm.loads(EXAMPLE.read_bytes())
    assert (0, expected.url, expected.headline, expected.date_published) == (
        status,
        found.url,
        found.headline,
        found.date_published,
    )


def test_a_preview_page_of_a_right_to_left_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--to page: an Arabic article's page and its <article> say dir="rtl"."""
    source = tmp_path / "article.json"
    article = nm.loads(EXAMPLE.read_bytes())
    source.write_text(nm.dumps(nm.from_dict({**nm.to_dict(article), "language": "ar"})))

    status, out, _ = run(capsys, "convert", str(source), "--to", "page")

    assert 0 == status
    assert out.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n')
    assert re.search(r'<article itemscope [^>]*lang="ar" dir="rtl">', out)


def test_extract_decodes_the_page_as_it_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Latin-1 page that says so in its <meta> reads right from the command line too."""
    node = {
        "@type": "NewsArticle",
        "headline": "Überraschung für München",
        "url": "https://a.example/",
        "datePublished": "2024-01-01T00:00:00Z",
    }
    path = tmp_path / "page.html"
    path.write_bytes(
        (
            '<html lang="de"><head><meta charset="iso-8859-1">'
            f'<script type="application/ld+json">{json.dumps(node, ensure_ascii=False)}</script>'
            "</head></html>"
        ).encode("latin-1")
    )

    status, out, _ = run(capsys, "extract", "-q", str(path))

    assert (0, "Überraschung für München") == (status, nm.loads(out).headline)


def test_extract_with_a_base_url_that_is_no_url_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--base-url must be an absolute http(s) URL: a usage error in one line."""
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")

    status, out, err = run(capsys, "extract", str(path), "--base-url", "http://[::1")

    assert (2, "") == (status, out)
    assert err.startswith("newsmodel: error: base_url: expected an absolute http or https URL")


# ------------------------------------------------------------------ extract


def test_extract_prints_canonical_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's articles as JSON Lines, or as a JSON array with --format json."""
    articles = [nm.from_dict(minimal()), nm.loads(EXAMPLE.read_bytes())]
    monkeypatch.setattr(nm, "extract", lambda html, **options: articles, raising=False)
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    status, out, _ = run(capsys, "extract", str(path))
    assert (0, [nm.dumps(a) for a in articles]) == (status, out.splitlines())
    status, out, _ = run(capsys, "extract", str(path), "--format", "json")
    assert (0, [nm.to_dict(a) for a in articles]) == (status, json.loads(out))


def test_extract_page_without_articles_is_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page with no article markup: one line saying so, exit 1."""
    monkeypatch.setattr(nm, "extract", lambda html, **options: [], raising=False)
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    status, out, err = run(capsys, "extract", str(path))
    assert (
        1,
        "",
        [
            (
                f"{path}:3:3: $: missing: expected an article marked up in the page "
                "(JSON-LD or microdata), found none"
            )
        ],
    ) == (status, out, err.splitlines())


def test_extract_reports_repairs_as_notes_unless_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repairs and drops extract reports go to stderr as notes; --quiet drops them."""
    article = nm.from_dict(minimal())
    calls: list[dict[str, Any]] = []

    def extract(html: str, **options: Any) -> list[nm.Article]:
        calls.append({key: value for key, value in options.items() if key != "findings"})
        options["findings"].append(
            nm.Finding("$['json-ld'][0].author", "repaired", "dropped 'By '")
        )
        return [article]

    monkeypatch.setattr(nm, "extract", extract, raising=False)
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    status, out, err = run(capsys, "extract", str(path), "--default-tz", "Europe/Kyiv")
    note = f"{path}:3:3: $['json-ld'][0].author: note: repaired: dropped 'By '\n"
    assert (0, nm.dumps(article) + "\n", note) == (status, out, err)
    status, out, err = run(capsys, "extract", "-q", str(path))
    assert (0, nm.dumps(article) + "\n", "") == (status, out, err)
    assert [{"base_url": None, "default_tz": "Europe/Kyiv"}, {"base_url": None}] == calls


def test_html_without_its_extra_dependencies_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When extract cannot import its HTML parser, the message says so in one line."""

    def extract(html: str, **options: Any) -> list[nm.Article]:
        raise ImportError("No module named 'lxml'")

    monkeypatch.setattr(nm, "extract", extract, raising=False)
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    for command in ("validate", "extract"):
        status, out, err = run(capsys, command, str(path))
        assert (command, 2, "", 1) == (command, status, out, len(err.splitlines()))
        assert "needs the html extra (lxml and extruct)" in err


# ------------------------------------------------------------------ schema


def test_schema_prints_the_shipped_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """`newsmodel schema` prints the package's schema.json, which nm.json_schema returns."""
    status, out, _ = run(capsys, "schema")
    shipped = (ROOT / "src" / "newsmodel" / "schema.json").read_text(encoding="utf-8")
    assert (0, shipped, nm.json_schema()) == (status, out, json.loads(out))


# ------------------------------------------------------------------ real processes


def _script() -> str:
    """Return the installed console script `newsmodel`."""
    found = shutil.which("newsmodel", path=str(Path(sys.executable).parent))
    assert found is not None, "the console script is not installed: pip install -e ."
    return found


def test_console_script_missing_file(tmp_path: Path) -> None:
    """The installed script: a missing file is one line on stderr, exit 2, no traceback."""
    result = subprocess.run(
        [_script(), "validate", "nope.json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    expected = "newsmodel: error: cannot read nope.json: no such file or directory\n"
    assert (2, "", expected) == (result.returncode, result.stdout, result.stderr)


def test_console_script_validates_the_example() -> None:
    """The installed script validates the example: exit 0, a summary line."""
    result = subprocess.run(
        [_script(), "validate", str(EXAMPLE)], capture_output=True, text=True, check=False
    )
    assert (0, "", 1) == (result.returncode, result.stdout, len(result.stderr.splitlines()))


def test_python_dash_m_runs_the_same_command() -> None:
    """`python -m newsmodel` is the command line too."""
    result = subprocess.run(
        [sys.executable, "-m", "newsmodel", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    expected = f"newsmodel {importlib.metadata.version('pynewsmodel')}\n"
    assert (0, expected) == (result.returncode, result.stdout)


def test_jobs_in_real_processes(tree: Path) -> None:
    """The console script with --jobs 2 prints what it prints with --jobs 1."""
    outputs = [
        subprocess.run(
            [_script(), "validate", "-q", "--jobs", jobs, str(tree)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "CI": "true"},
        )
        for jobs in ("1", "2")
    ]
    assert (outputs[0].returncode, outputs[0].stdout) == (outputs[1].returncode, outputs[1].stdout)
    assert (1, 4) == (outputs[0].returncode, len(outputs[0].stdout.splitlines()))


# ------------------------------------------------------------------ pre-commit hooks


def _hooks() -> list[dict[str, str]]:
    """
    Read .pre-commit-hooks.yaml with a parser just big enough for it.

    It handles a list of flat mappings of plain or quoted scalars and [a, b] lists,
    which is all the file holds (PyYAML is not a dependency).
    """
    hooks: list[dict[str, str]] = []
    for raw in (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("- "):
            hooks.append({})
            line = "  " + line[2:]
        key, _, value = line.strip().partition(":")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        hooks[-1][key] = value
    return hooks


def test_pre_commit_hooks_are_defined_for_payloads_and_pages() -> None:
    """Two hooks: JSON/JSON Lines payloads and HTML pages, run with the package's own Python."""
    hooks = {hook["id"]: hook for hook in _hooks()}
    assert ["newsmodel-validate", "newsmodel-validate-html"] == sorted(hooks)
    for hook in hooks.values():
        assert ("python", True) == (
            hook["language"],
            hook["entry"].startswith("newsmodel validate"),
        )
    assert r"\.(json|jsonl|ndjson)$" in hooks["newsmodel-validate"]["files"]
    assert r"\.html?$" in hooks["newsmodel-validate-html"]["files"]


def test_pre_commit_payload_hook_entry_runs_on_sample_files(tmp_path: Path) -> None:
    """The payload hook's entry, run as pre-commit runs it, passes good files and fails bad."""
    hook = next(h for h in _hooks() if h["id"] == "newsmodel-validate")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(minimal()) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(BAD, encoding="utf-8")
    command = hook["entry"].split()
    command[0] = _script()
    passed = subprocess.run(
        [*command, str(EXAMPLE), str(good)], capture_output=True, text=True, check=False
    )
    failed = subprocess.run(
        [*command, str(good), str(bad)], capture_output=True, text=True, check=False
    )
    assert (0, "") == (passed.returncode, passed.stdout)
    assert (1, 6) == (failed.returncode, len(failed.stdout.splitlines()))
    assert failed.stdout.startswith(f"{bad}:2:10: $.url: url: ")


GOOD_PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><title>Kyiv metro</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "url": "https://example.com/news/kyiv-metro", "headline": "Kyiv metro extends night service",
 "inLanguage": "en", "datePublished": "2024-10-13T21:04:00+03:00"}
</script>
</head><body></body></html>
"""


def test_pre_commit_html_hook_entry_runs_on_pages(tmp_path: Path) -> None:
    """The HTML hook's entry passes a page with a valid article and fails one without."""
    hook = next(h for h in _hooks() if h["id"] == "newsmodel-validate-html")
    good = tmp_path / "good.html"
    good.write_text(GOOD_PAGE, encoding="utf-8")
    bad = tmp_path / "bad.html"
    bad.write_text(PAGE, encoding="utf-8")
    command = hook["entry"].split()
    command[0] = _script()
    passed = subprocess.run([*command, str(good)], capture_output=True, text=True, check=False)
    failed = subprocess.run([*command, str(bad)], capture_output=True, text=True, check=False)
    if not hasattr(nm, "extract"):  # a version without HTML import: says so, exit 2
        assert (2, 2) == (passed.returncode, failed.returncode)
        return
    assert (0, "") == (passed.returncode, passed.stdout)
    assert (1, True) == (failed.returncode, failed.stdout.startswith(f"{bad}:3:3: $"))
    assert "Traceback" not in failed.stderr


# ------------------------------------------------------------------ the docs pages


def _console_sessions(page: str) -> list[tuple[str, str]]:
    """Return the (command, output) pairs of the ```console blocks of a docs page."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    sessions: list[tuple[str, str]] = []
    for block in re.findall(r"^```console\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            sessions.append((command, output))
    return sessions


@pytest.mark.parametrize(
    ("command", "output"), _console_sessions("cli.md"), ids=lambda value: value[:40]
)
def test_docs_cli_sessions_print_what_the_page_shows(command: str, output: str) -> None:
    """Each `$ newsmodel ...` session of docs/cli.md prints exactly what the page shows."""
    env = {
        **os.environ,
        "CI": "true",
        "PATH": f"{Path(_script()).parent}{os.pathsep}{os.environ['PATH']}",
    }
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    shown = re.sub(r" in \d+\.\d\d s$", " in 0.00 s", result.stdout, flags=re.MULTILINE)
    assert output == shown


def _yaml_blocks(page: str) -> list[str]:
    """Return the ```yaml blocks of a docs page."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return re.findall(r"^```yaml\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def test_docs_ci_commands_are_valid_command_lines() -> None:
    """Every `newsmodel ...` command in docs/ci.md's CI configurations parses."""
    import shlex

    commands = [
        line[line.index("newsmodel ") :].split(" #")[0].split(" > ")[0].split(" ||")[0]
        # A hook's entry gets the file names appended.
        + (" article.json" if "entry:" in line else "")
        for block in _yaml_blocks("ci.md")
        for line in block.splitlines()
        if ("newsmodel validate" in line or "newsmodel schema" in line)
        and not line.strip().startswith("name:")
    ]
    assert 5 == len(commands)
    for command in commands:
        args = _args.parser().parse_args(shlex.split(command)[1:])
        assert (command, True) == (command, callable(args.run))


def test_docs_ci_pre_commit_examples_use_the_shipped_hooks() -> None:
    """The hook ids the pre-commit examples of docs/ci.md name are the shipped hooks' ids."""
    shipped = {hook["id"] for hook in _hooks()}
    named = {
        match
        for block in _yaml_blocks("ci.md")
        if "repo: https://" in block
        for match in re.findall(r"- id: (\S+)", block)
    }
    assert (True, True) == (bool(named), named <= shipped)


# ------------------------------------------------------------------ convert: partial, directories


def _nothing_found(directory: Path) -> str:
    return (
        f"newsmodel: error: no files to check in {directory}: expected files matching "
        "*.json, *.jsonl, *.ndjson, found none (--include sets the patterns)"
    )


def _too_large(where: str, what: str, bound: str, option: str, found: str) -> str:
    return (
        f"{where}:1: $: too_large: expected {what} of at most {bound} bytes "
        f"(--max-{option}-bytes raises it), found {found}"
    )


def _export(tmp_path: Path, count: int, bad_every: int) -> tuple[Path, list[str], list[int]]:
    """Write a JSON Lines export where every *bad_every*-th line is invalid."""
    lines: list[str] = []
    bad: list[int] = []
    for number in range(1, count + 1):
        if number % bad_every == 0:
            bad.append(number)
            lines.append("{oops" if number % (2 * bad_every) else json.dumps(minimal(url="x")))
        else:
            lines.append(json.dumps(minimal(headline=f"Story {number}")))
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, lines, bad


def test_convert_skip_invalid_writes_the_valid_articles_and_reports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """10 bad lines of 1,000: --skip-invalid writes 990, reports 10 as validate does, exit 1."""
    path, lines, bad = _export(tmp_path, 1000, 100)
    _, reported, _ = run(capsys, "validate", "-q", str(path))
    status, out, err = run(capsys, "convert", str(path), "--to", "json", "--skip-invalid")
    valid = [nm.dumps(nm.loads(line)) for n, line in enumerate(lines, 1) if n not in bad]
    assert (1, valid) == (status, out.splitlines())
    summary = "newsmodel convert: 10 of 1,000 articles invalid and skipped; 990 written"
    assert [*reported.splitlines(), summary] == err.splitlines()
    assert 10 == len({line.split(":")[1] for line in reported.splitlines()})


def test_convert_without_skip_invalid_writes_nothing_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the flag: nothing written (not even -o's file), and the last line says why."""
    path, _, _ = _export(tmp_path, 30, 10)
    target = tmp_path / "out.jsonl"
    status, out, err = run(capsys, "convert", str(path), "--to", "ninjs", "-o", str(target))
    assert (1, "", False) == (status, out, target.exists())
    assert err.splitlines()[-1] == (
        "newsmodel convert: 3 of 30 articles invalid; nothing written "
        "(--skip-invalid writes the valid ones)"
    )


def test_convert_a_directory_writes_every_article_file_in_order(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory: every *.json/*.jsonl/*.ndjson below, in validate's order, as JSON Lines."""
    good = nm.dumps(nm.from_dict(minimal()))
    status, out, err = run(capsys, "convert", str(tree), "--to", "json", "--skip-invalid")
    _, reported, _ = run(capsys, "validate", "-q", str(tree))
    assert (1, [good, good]) == (status, out.splitlines())
    assert err.splitlines()[:-1] == reported.splitlines()
    assert err.splitlines()[-1].startswith("newsmodel convert: 4 of 6 articles invalid")
    (tree / "b" / "drafts" / "e.json").write_text(json.dumps(minimal()), encoding="utf-8")
    for name in ("a.json", "b/c.jsonl", "b/d.ndjson"):
        (tree / name).write_text(json.dumps(minimal(headline=name)) + "\n", encoding="utf-8")
    status, out, _ = run(capsys, "convert", str(tree), "--to", "jsonld")
    headlines = [json.loads(line)["headline"] for line in out.splitlines()]
    expected = ["a.json", "b/c.jsonl", "b/d.ndjson", minimal()["headline"], minimal()["headline"]]
    assert (0, expected) == (status, headlines)
    status, out, _ = run(capsys, "convert", str(tree), "--to", "page")
    assert (0, 1, 5) == (status, out.count("<html"), out.count('type="application/ld+json"'))


def test_convert_a_directory_without_article_files_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As for validate: exit 2 and a line saying what was looked for where."""
    status, out, err = run(capsys, "convert", str(tmp_path), "--to", "json")
    assert (2, "") == (status, out)
    assert [_nothing_found(tmp_path)] == err.splitlines()


# ------------------------------------------------------------------ bounded reads


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "/dev/zero"],
        ["validate", "--type", "html", "/dev/zero"],
        ["convert", "/dev/zero", "--to", "json"],
        ["extract", "/dev/zero"],
    ],
)
def test_an_endless_document_is_read_up_to_its_bound(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """/dev/zero is read up to --max-document-bytes and reported, not read until memory ends."""
    status, out, err = run(capsys, *argv, "--max-document-bytes", "4K")
    report = out if argv[0] == "validate" else err
    what = "a page" if argv[0] == "extract" else "a document"
    expected = _too_large("/dev/zero:1", what, "4,096", "document", "more than 4,096 bytes")
    assert (1, expected) == (status, report.splitlines()[0])


def test_a_file_over_the_document_bound_is_reported_with_its_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A regular file's size is known: the report gives it; the other files are still read."""
    big = tmp_path / "big.json"
    big.write_text(json.dumps(minimal(description="x" * 5000)), encoding="utf-8")
    size = big.stat().st_size
    small = tmp_path / "small.json"
    small.write_text(json.dumps(minimal()), encoding="utf-8")
    status, out, err = run(capsys, "validate", "--max-document-bytes", "1k", str(big), str(small))
    expected = _too_large(f"{big}:1", "a document", "1,024", "document", f"{size:,} bytes")
    assert (1, [expected]) == (status, out.splitlines())
    assert "2 files, 2 articles, 1 invalid" in err


def test_a_line_over_the_line_bound_is_reported_and_the_next_lines_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long line: one error at its line; the lines after it keep their numbers, any --jobs."""
    good = json.dumps(minimal())
    long = json.dumps(minimal(description="x" * 3000))
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join([good, long, good, long, "{}"]) + "\n", encoding="utf-8")
    expected = [
        _too_large(f"{path}:{line}", "a line", "2,048", "line", f"{len(long):,} bytes")
        for line in (2, 4)
    ]
    whole = run(capsys, "validate", "-q", "--max-line-bytes", "2K", str(path))
    assert (1, expected) == (whole[0], whole[1].splitlines()[:2])
    assert whole[1].splitlines()[2].startswith(f"{path}:5:1: $.url: missing")
    for size in (7, 500, 1000, 4000):  # pieces cut inside the long lines too
        monkeypatch.setattr(_tasks, "CHUNK_BYTES", size)
        assert (size, whole) == (
            size,
            run(capsys, "validate", "-q", "--max-line-bytes", "2K", str(path)),
        )
    status, out, err = run(capsys, "convert", str(path), "--to", "json", "--max-line-bytes", "2K")
    assert (1, "") == (status, out)
    assert err.splitlines()[:2] == expected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_stream_with_an_endless_line_is_bounded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pipe's over-long line is skipped without being kept; the line after it is checked."""
    import contextlib
    import threading

    fifo = tmp_path / "stream.jsonl"
    os.mkfifo(fifo)
    good = json.dumps(minimal())

    def write() -> None:
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as stream:
            for _ in range(64):  # 4 MiB, written in pieces
                stream.write(b"x" * 65536)
            stream.write(f"\n{good}\n{{}}\n".encode())

    writer = threading.Thread(target=write)
    writer.start()
    try:
        status, out, err = run(capsys, "validate", "--max-line-bytes", "64K", str(fifo))
    finally:
        writer.join(timeout=10)
        if writer.is_alive():  # the command never opened the pipe: let the writer finish
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
            writer.join()
    assert 1 == status
    expected = _too_large(f"{fifo}:1", "a line", "65,536", "line", "4,194,304 bytes")
    assert expected == out.splitlines()[0]
    assert out.splitlines()[1].startswith(f"{fifo}:3:1: $.url: missing")
    assert "3 articles, 2 invalid" in err


@pytest.mark.parametrize("value", ["0", "-1", "x", "1.5M", "16T", ""])
def test_bounds_must_be_byte_counts(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A bound that is not a positive number of bytes is a usage error."""
    status, out, err = run(capsys, "validate", "--max-line-bytes", value, str(EXAMPLE))
    assert (2, "", 1) == (status, out, len(err.splitlines()))
    assert "expected a number of bytes such as 4096, 64K or 16M" in err


def test_bounds_accept_binary_suffixes() -> None:
    """4096, 4k, 4K, 4KB, 16M and 1G mean what they say, in binary multiples."""
    assert [4096, 4096, 4096, 4096, 16 << 20, 1 << 30] == [
        _args.byte_count(text) for text in ("4096", "4k", "4K", "4KB", "16M", "1G")
    ]
    assert (16 << 20, 64 << 20) == (_reading.MAX_LINE_BYTES, _reading.MAX_DOCUMENT_BYTES)


# ------------------------------------------------------------------ a pretty-printed .jsonl


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(minimal(), indent=2),
        json.dumps([minimal(), minimal()], indent=4),
        "\n\n" + json.dumps(minimal(), indent="\t"),
        '{"url": "https://example.com/a",\n "headline": "x"}',
        "\ufeff" + json.dumps(minimal(), indent=2),
    ],
)
def test_a_pretty_printed_document_named_jsonl_is_one_clear_error(
    text: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One error that says what the file looks like, for a file, stdin and convert."""
    path = tmp_path / "article.jsonl"
    path.write_text(text + "\n", encoding="utf-8")
    first = next(n for n, line in enumerate(text.splitlines(), 1) if line.strip())
    message = (
        "$: json: expected one article a line (JSON Lines), found what looks like one JSON "
        "document spread over several lines; name it .json or write one article per line"
    )
    for jobs in ("1", "2"):
        status, out, _ = run(capsys, "validate", "-q", "-j", jobs, str(path))
        assert (1, [f"{path}:{first}:1: {message}"]) == (status, out.splitlines())
    _stdin(monkeypatch, text.encode())
    status, out, _ = run(capsys, "validate", "-q", "--type", "jsonl", "-")
    assert (1, [f"<stdin>:{first}:1: {message}"]) == (status, out.splitlines())
    status, out, err = run(capsys, "convert", str(path), "--to", "json")
    assert (1, "", f"{path}:{first}:1: {message}") == (status, out, err.splitlines()[0])


@pytest.mark.parametrize(
    "lines",
    [
        ['{"url": "https://example.com/a", "headline": "cut off'],  # one truncated line
        [json.dumps(minimal()), "{"],  # a bad line after a good one
        ["{", ""],  # an opening brace and nothing after it
        ["{oops", json.dumps(minimal())],  # broken where it stands
    ],
)
def test_json_lines_that_are_not_one_pretty_document_are_checked_line_by_line(
    lines: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only an unfinished first line continued by more lines is taken for a pretty document."""
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out, _ = run(capsys, "validate", "-q", str(path))
    assert 1 == status
    assert "spread over several lines" not in out


@given(articles(), st.sampled_from([1, 2, 4, "\t"]))
def test_any_article_pretty_printed_as_jsonl_gives_one_error(
    article: nm.Article, indent: int | str
) -> None:
    """Every article written with an indent and named .jsonl: exactly the one error."""
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "a.jsonl"
        path.write_text(json.dumps(nm.to_dict(article), indent=indent), encoding="utf-8")
        status, out = _run_quietly("validate", "-q", str(path))
    assert (1, 1) == (status, len(out.splitlines()))
    assert "spread over several lines" in out


def _run_quietly(*argv: str) -> tuple[int, str]:
    """Run the command line with stdout and stderr captured here (no fixture: Hypothesis)."""
    import contextlib

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(list(argv))
    assert "Traceback" not in err.getvalue()
    return status, out.getvalue()


# ------------------------------------------------------------------ text that is not UTF-8


LATIN_1 = b'{\n  "url": "https://example.com/a",\n  "headline": "K\xd6ln",\n  "language": "de"\n}\n'


def test_not_utf8_is_reported_where_the_loader_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A position given as 'line L, column C' is the file's, in .json and at a .jsonl's line."""
    message = "expected UTF-8 text, found not UTF-8: byte 0xD6 at line 1, column 17"

    def loads(payload: bytes, **options: Any) -> nm.Article:
        if b"\xd6" in payload:
            raise nm.ValidationError([nm.ErrorDetail("$", "json", message)])
        return nm.from_dict(json.loads(payload))

    monkeypatch.setattr(nm, "loads", loads)
    document = tmp_path / "one.json"
    document.write_bytes(b'{"headline": "K\xd6ln"}')
    lines = tmp_path / "export.jsonl"
    lines.write_bytes(json.dumps(minimal()).encode() + b'\n\n{"headline": "K\xd6ln"}\n')
    status, out, _ = run(capsys, "validate", "-q", str(document), str(lines))
    assert (1, [f"{document}:1:17: $: json: {message}", f"{lines}:3:17: $: json: {message}"]) == (
        status,
        out.splitlines(),
    )


def test_a_latin_1_file_is_reported_at_its_first_bad_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the loader's message: FILE:LINE:COL of the byte 0xD6, in .json and .jsonl."""
    with pytest.raises(nm.ValidationError) as raised:
        nm.loads(LATIN_1)
    if "not UTF-8" not in raised.value.errors[0].message:
        pytest.skip("this version's loader does not yet place bytes that are not UTF-8")
    document = tmp_path / "latin1.json"
    document.write_bytes(LATIN_1)
    lines = tmp_path / "latin1.jsonl"
    lines.write_bytes(json.dumps(minimal()).encode() + b"\n" + LATIN_1.replace(b"\n", b" "))
    status, out, _ = run(capsys, "validate", "-q", str(document), str(lines))
    column = len('  "headline": "K') + 1
    one_line_column = len(LATIN_1[: LATIN_1.index(b"\xd6")]) + 1
    assert 1 == status
    assert [f"{document}:3:{column}: $: json:", f"{lines}:2:{one_line_column}: $: json:"] == [
        line.split(" not UTF-8")[0].split(" expected")[0] for line in out.splitlines()
    ]
    assert all("byte 0xD6" in line for line in out.splitlines())


# ------------------------------------------------------------------ no tracebacks, ever


def _deep_related(depth: int) -> bytes:
    nested = "[" * depth + "]" * depth
    payload = json.dumps(minimal(related=[{"url": 0, "headline": "y"}] * 2))
    return payload.replace("0", nested).encode()


HOSTILE: dict[str, bytes] = {
    "empty": b"",
    "blank": b" \n\t\n",
    "nul": b'{"url": "https://example.com/\x00", "headline": "\x00"}\x00',
    "latin1": LATIN_1,
    "binary": bytes(range(256)) * 4,
    "deep-array": b"[" * 100_000,
    "deep-object": b'{"a":' * 50_000,
    "deep-related": _deep_related(990),
    "huge-number": b'{"url": "https://example.com/a", "word_count": 1' + b"0" * 5000 + b"}",
    "huge-float": b'{"url": 1e999999, "headline": -1e-999999}',
    "lone-surrogate": b'{"headline": "\\ud800"}',
    "deep-page": b"<html><body>" + b"<div itemscope>" * 300 + b"</body></html>",
    "page-soup": b'<script type="application/ld+json">{"@type": "NewsArticle", "author": '
    + b"[" * 5000
    + b"</script><div itemscope itemtype=x><span itemprop=headline>\xff</span>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".html"])
def test_hostile_files_never_give_a_traceback(
    name: str, suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command on every hostile file: exit 0, 1 or 2, one-line messages, no traceback."""
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(HOSTILE[name])
    commands = [["validate", str(path)], ["convert", str(path), "--to", "jsonld"]]
    if suffix == ".html":
        commands = [["validate", str(path)], ["extract", str(path)]]
    for argv in commands:
        status, out, err = run(capsys, *argv)
        assert (argv, True) == (argv, status in (0, 1, 2))
        assert "Traceback" not in out + err
        if argv[0] == "validate" and suffix != ".html":  # JSON Lines may hold no article
            assert (argv, 1) == (argv, status) or name in ("blank", "empty")


def test_directories_named_like_files_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory named a.json or page.html: one line, exit 2, for every command."""
    for name in ("a.json", "a.jsonl", "page.html"):
        (tmp_path / name).mkdir()
    for argv in (
        ["validate", str(tmp_path / "a.json")],
        ["convert", str(tmp_path / "a.jsonl"), "--to", "json"],
        ["extract", str(tmp_path / "page.html")],
    ):
        status, out, err = run(capsys, *argv)
        assert (argv, 2, "", 1) == (argv, status, out, len(err.splitlines()))


def test_a_file_name_that_is_not_utf8_is_written_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name with bytes the file system does not decode is escaped, not a crash."""
    name = os.fsdecode(b"\xff-bad.json")
    (tmp_path / name).write_text("{}", encoding="utf-8")
    status, out, err = run(capsys, "validate", str(tmp_path))
    assert (1, True) == (status, bool(out))
    assert "Traceback" not in err


@given(st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_any_bytes_give_a_report_never_an_exception(data: bytes) -> None:
    """Any bytes, as .json, .jsonl and through convert: exit 1 or 0, never an exception."""
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        for suffix in (".json", ".jsonl"):
            path = Path(directory) / f"x{suffix}"
            path.write_bytes(data)
            assert _run_quietly("validate", "-q", str(path))[0] in (0, 1)
            assert _run_quietly("convert", str(path), "--to", "json")[0] in (0, 1)


@pytest.mark.parametrize(
    "error", [RecursionError("maximum recursion depth"), KeyError("microdata"), IndexError("x")]
)
def test_an_unexpected_exception_is_reported_for_its_input(
    error: Exception,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bug met on one input: one line for that input, exit 1, the other inputs still checked."""
    real_loads = nm.loads

    def loads(payload: bytes, **options: Any) -> nm.Article:
        if b"boom" in payload:
            raise error
        return real_loads(payload, **options)

    def extract(html: bytes, **options: Any) -> list[nm.Article]:
        raise error

    monkeypatch.setattr(nm, "loads", loads)
    monkeypatch.setattr(nm, "extract", extract, raising=False)
    boom = tmp_path / "boom.jsonl"
    boom.write_text(json.dumps(minimal()) + "\n" + json.dumps(minimal(headline="boom")) + "\n")
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    internal = (
        "$: internal: expected to check this input, found a bug in newsmodel instead "
        f"({type(error).__name__}: "
    )
    status, out, err = run(capsys, "validate", "-q", str(boom), str(EXAMPLE), str(page))
    assert (1, [f"{boom}:2:1: {internal}", f"{page}:3:3: {internal}"]) == (
        status,
        [line[: line.index("(") + len(type(error).__name__) + 3] for line in out.splitlines()],
    )
    status, out, err = run(capsys, "convert", str(boom), "--to", "json", "--skip-invalid")
    assert (1, 1, f"{boom}:2:1: {internal}") == (
        status,
        len(out.splitlines()),
        err.splitlines()[0][: len(f"{boom}:2:1: {internal}")],
    )
    status, out, err = run(capsys, "extract", str(page))
    assert (1, "", 1) == (status, out, len(err.splitlines()))
    assert err.startswith(f"{page}:3:3: {internal}")


# ------------------------------------------------------------------ zones


@pytest.mark.parametrize(
    "zone", ["America", "../../etc/passwd", "Europe/" + "x" * 300, "Mars/Olympus", "UTC\x00"]
)
@pytest.mark.parametrize("command", ["validate", "convert", "extract"])
def test_an_invalid_zone_is_one_line_and_exit_2(
    zone: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--default-tz with a value that is not a zone: exit 2, one line naming the option."""
    argv = [command, "--default-tz", zone, str(EXAMPLE)]
    if command != "extract":
        argv.append("--lenient")
    if command == "convert":
        argv += ["--to", "json"]
    status, out, err = run(capsys, *argv)
    assert (2, "", 1) == (status, out, len(err.splitlines()))
    assert f"newsmodel {command}: error: --default-tz: " in err


# ------------------------------------------------------------------ day order and page encodings


def test_dayfirst_and_monthfirst_reach_loads_and_extract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--dayfirst/--monthfirst become dayfirst=True/False; given neither, no keyword at all."""
    calls: list[tuple[str, dict[str, Any]]] = []
    article = nm.from_dict(minimal())

    def loads(payload: bytes, **options: Any) -> nm.Article:
        calls.append(("loads", options))
        return article

    def extract(html: bytes, **options: Any) -> list[nm.Article]:
        calls.append(("extract", options))
        return [article]

    monkeypatch.setattr(nm, "loads", loads)
    monkeypatch.setattr(nm, "extract", extract, raising=False)
    document = tmp_path / "a.json"
    document.write_text("{}", encoding="utf-8")
    lines = tmp_path / "b.jsonl"
    lines.write_text("{}\n", encoding="utf-8")
    page = tmp_path / "c.html"
    page.write_text(PAGE, encoding="utf-8")
    for flag, value in (("--dayfirst", True), ("--monthfirst", False)):
        calls.clear()
        assert 0 == run(capsys, "validate", "--lenient", flag, str(document), str(lines))[0]
        assert 0 == run(capsys, "validate", "--lenient", flag, "--encoding", "koi8-r", str(page))[0]
        assert 0 == run(capsys, "convert", "--lenient", flag, str(document), "--to", "json")[0]
        assert 0 == run(capsys, "extract", flag, str(page))[0]
        lenient = {"lenient": True, "default_tz": None, "dayfirst": value}
        assert [
            ("loads", lenient),
            ("loads", lenient),
            # validate passes a findings list: unbuilt article nodes are its errors
            (
                "extract",
                {"base_url": None, "dayfirst": value, "encoding": "koi8-r", "findings": []},
            ),
            ("loads", lenient),
            ("extract", {"base_url": None, "dayfirst": value, "findings": []}),
        ] == calls
    calls.clear()
    run(capsys, "validate", str(document))
    run(capsys, "extract", "--encoding", "windows-1251", str(page))
    assert [
        ("loads", {"lenient": False, "default_tz": None}),
        ("extract", {"base_url": None, "encoding": "windows-1251", "findings": []}),
    ] == calls


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["validate", "--dayfirst", "a.json"], "--dayfirst applies only with --lenient"),
        (["convert", "--monthfirst", "a.json", "--to", "json"], "--monthfirst applies only"),
        (["validate", "--lenient", "--dayfirst", "--monthfirst", "a.json"], "not allowed with"),
        (["extract", "--dayfirst", "--monthfirst", "a.html"], "not allowed with"),
    ],
)
def test_day_order_options_are_checked(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The two orders exclude each other; on payloads they need --lenient, as --default-tz."""
    status, out, err = run(capsys, *argv)
    assert (2, "", 1) == (status, out, len(err.splitlines()))
    assert needle in err


_ACCEPTS_DAYFIRST = "dayfirst" in __import__("inspect").signature(nm.loads).parameters


@pytest.mark.skipif(not _ACCEPTS_DAYFIRST, reason="this version's loads has no dayfirst")
def test_day_order_reads_an_ambiguous_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """02.01.2024: refused without an order, 2 January with --dayfirst, 1 February without."""
    path = tmp_path / "a.json"
    path.write_text(json.dumps(minimal(date_published="02.01.2024 10:00+00:00")), "utf-8")
    base = ["convert", "--lenient", str(path), "--to", "json", "--indent", "0"]
    assert 1 == run(capsys, *base)[0]
    days = {}
    for flag in ("--dayfirst", "--monthfirst"):
        status, out, _ = run(capsys, *base, flag)
        days[flag] = (status, json.loads(out)["date_published"][:10])
    assert {"--dayfirst": (0, "2024-01-02"), "--monthfirst": (0, "2024-02-01")} == days


# ------------------------------------------------------------------ the package's structure

#: The modules of newsmodel.cli, each importing only modules before it (docs/architecture.md).
_CLI_LAYERS = (
    "_common",
    "_version",
    "_problems",
    "_discover",
    "_check",
    "_tasks",
    "_engines",
    "_local",
    "_dask",
    "_spark",
    "_output",
    "_progress",
    "_args",
    "_commands",
    "__init__",
)


def _cli_imports(path: Path) -> set[str]:
    """The newsmodel.cli modules *path* imports, anywhere in it (lazily too), by layer name."""
    import ast

    package = "_commands" if path.parent.name == "_commands" else ""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            level, module = node.level, node.module or ""
            if package:
                level -= 1  # seen from newsmodel.cli
            if level == 1:
                names = [module] if module else [alias.name for alias in node.names]
                found.update(name.split(".")[0] for name in names)
            elif node.module and node.module.startswith("newsmodel.cli."):
                found.add(node.module.split(".")[2])
    return found


def test_cli_modules_import_only_the_modules_below_them() -> None:
    """The direction of imports in newsmodel.cli: no cycles, commands never import each other."""
    root = ROOT / "src" / "newsmodel" / "cli"
    files = sorted(root.glob("*.py")) + sorted((root / "_commands").glob("*.py"))
    layers = {path.stem if path.parent == root else "_commands" for path in files}
    assert set(_CLI_LAYERS) == layers
    wrong = []
    for path in files:
        layer = path.stem if path.parent == root else "_commands"
        allowed = set(_CLI_LAYERS[: _CLI_LAYERS.index(layer)])
        if path.parent.name == "_commands":
            assert "_commands" not in _cli_imports(path), path  # no command imports another
        wrong += [(path.name, name) for name in _cli_imports(path) - allowed - {layer}]
    assert [] == wrong


def test_cli_start_up_imports_only_what_the_command_needs() -> None:
    """--version imports no parser and no command; a command imports no other command."""
    code = (
        "import json, os, sys\n"
        "from newsmodel.cli import main\n"
        "def loaded():\n"
        "    return sorted(m for m in sys.modules if m.startswith('newsmodel.cli')"
        " or m in ('argparse', 'concurrent.futures'))\n"
        "main(['--version']); version = loaded()\n"
        "main(['schema', '-o', os.devnull]); schema = loaded()\n"
        "print(json.dumps([version, schema]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    version, schema = json.loads(result.stdout.splitlines()[-1])
    assert ["newsmodel.cli", "newsmodel.cli._common", "newsmodel.cli._version"] == version
    assert "argparse" in schema
    assert "newsmodel.cli._commands.schema" in schema
    assert [] == [
        name
        for name in schema
        if name.endswith(("validate", "convert", "extract", "_tasks", "_check", "_local"))
        or name == "concurrent.futures"
    ]


def test_problems_and_tasks_are_named_and_survive_pickling(tree: Path) -> None:
    """A task and its pieces cross a process boundary as they are; a problem's parts have names."""
    import pickle

    from newsmodel.cli import _tasks
    from newsmodel.cli._check import Settings
    from newsmodel.cli._discover import gather
    from newsmodel.cli._problems import Problem

    inputs, unreadable = gather([str(tree)], None, [], None)
    assert [] == unreadable
    settings = Settings(lenient=False, default_tz=None, lint=False, strict=False, base_url=None)
    tasks = list(_tasks.cut(inputs, settings))
    assert {"Files", "Chunk"} == {type(task).__name__ for task in tasks}
    for task in tasks:
        assert task == pickle.loads(pickle.dumps(task))
        pieces = _tasks.run_task(task, settings)
        assert pieces == pickle.loads(pickle.dumps(pieces))
    problem = Problem(2, 5, "$.url", "url", "expected ...", "error")
    assert (12, 5, "$.url") == (problem.shifted(10).line, problem.column, problem.path)
    assert problem is problem.shifted(0)


def _shipping_engine(args: Any) -> Any:
    """An engine as a cluster would run the tasks: each pickled, run out of order, sent back."""
    import pickle

    from newsmodel.cli._tasks import run_task

    del args

    def run(tasks: Any, settings: Any) -> Any:
        shipped = [pickle.dumps((task, settings)) for task in tasks]
        done = {
            number: pickle.dumps(run_task(*pickle.loads(payload)))
            for number, payload in reversed(list(enumerate(shipped)))
        }
        for number in range(len(shipped)):
            yield from pickle.loads(done[number])

    return run


def test_validate_reports_the_same_on_any_engine_that_keeps_the_task_order(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine seam: validate's report depends on the tasks' pieces, not where they ran."""
    from newsmodel.cli import _engines
    from newsmodel.cli._commands import validate

    (tree / "big.jsonl").write_text(
        "\n".join(json.dumps(minimal(id=f"n{n}" if n % 4 else "")) for n in range(30)) + "\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(_tasks, "CHUNK_BYTES", 400)
    local = run(capsys, "validate", "--format", "json", str(tree))
    assert "local" in _engines.ENGINES

    def chosen(name: str, args: Any) -> Any:
        assert "local" == name
        return _shipping_engine(args)

    monkeypatch.setattr(validate, "engine", chosen)
    shipped = run(capsys, "validate", "--format", "json", str(tree))
    seconds = re.compile(r'"seconds": [0-9.]+|in [0-9.]+ s')
    assert (1, 4 + 8) == (local[0], local[1].count('"file"'))
    assert (local[0], *(seconds.sub("", text) for text in local[1:])) == (
        shipped[0],
        *(seconds.sub("", text) for text in shipped[1:]),
    )


_LINE_KINDS = st.sampled_from(
    [
        json.dumps(minimal()),
        json.dumps(minimal(language="??")),
        json.dumps(minimal(id="", url="relative")),
        "",
        "   ",
        "{",
        "[1, 2]",
        "x" * 90,
    ]
)


@given(st.lists(_LINE_KINDS, max_size=12), st.integers(1, 400), st.booleans())
def test_any_jsonl_cut_anywhere_gives_the_pieces_of_the_whole(
    lines: list[str], chunk: int, final_newline: bool
) -> None:
    """The tasks of a JSON Lines file, cut at any size, report what one task for it reports."""
    import tempfile

    from newsmodel.cli import _tasks
    from newsmodel.cli._check import Settings
    from newsmodel.cli._discover import gather

    settings = Settings(lenient=False, default_tz=None, lint=False, strict=False, base_url=None)

    def report(chunk_bytes: int, path: str) -> tuple[int, int, list[Any]]:
        saved = _tasks.CHUNK_BYTES
        _tasks.CHUNK_BYTES = chunk_bytes
        try:
            inputs, _ = gather([path], None, [], None)
            pieces = [
                piece
                for task in _tasks.cut(inputs, settings)
                for piece in _tasks.run_task(task, settings)
            ]
        finally:
            _tasks.CHUNK_BYTES = saved
        base, problems = 0, []
        for piece in pieces:
            problems += [problem.shifted(base) for problem in piece.problems]
            base += piece.lines
        return sum(p.articles for p in pieces), sum(p.invalid for p in pieces), problems

    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "export.jsonl")
        with open(path, "w", encoding="utf-8") as file:
            file.write("\n".join(lines) + ("\n" if final_newline else ""))
        assert report(1 << 30, path) == report(chunk, path)
