"""
Benchmark newsmodel's canonical JSON against pydantic v2 and msgspec (issue 2, "Performance").

Run from the repository root::

    python benchmarks/bench.py                  # the full run: prints a table
    python benchmarks/bench.py --json out.json  # and writes the results as JSON
    python benchmarks/bench.py --quick          # fewer repeats, for a smoke test
    python benchmarks/bench.py --profile loads  # a cProfile of nm.loads, nothing else

Everything is measured in one process on the same payload (the shipped seed example),
interleaved: each repeat times every operation once, so load on a shared machine hits
all of them alike. The figure compared is the minimum over the repeats (the least
disturbed run); the median is shown beside it. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import functools
import gc
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING, Any

import models_msgspec
import models_pydantic
import msgspec
import orjson
import pydantic

import newsmodel as nm

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyiv-independent-2024-10-13.json"

#: The targets of issue 2: the largest value each figure may have.
TARGETS = {
    "loads": 1.3,  # nm.loads <= 1.3 x pydantic model_validate_json
    "dumps": 0.6,  # nm.dumps <= 0.6 x pydantic model_dump_json
    "memory": 1.15,  # bytes per article <= msgspec + 15 %
    "import_ms": 80.0,  # import newsmodel <= 80 ms
    "import_ratio": 1.3,  # import newsmodel <= 1.3 x import attrs, orjson (issue 10)
}

#: The five problems of the error payload: each path, and what is wrong there.
ERROR_PATHS = (
    "$.url",
    "$.date_modified",
    "$.authors[0].url",
    "$.tags[3].kind",
    "$.related[0].summary",
)


# ------------------------------------------------------------------ payloads


def fallback_payload() -> dict[str, Any]:
    """Return a payload shaped like the seed example, for when the example file is missing."""
    zelensky = {"type": "person", "name": "Volodymyr Zelensky", "job_title": "President of Ukraine"}
    paragraph = (
        "Russia's deepening alliance with North Korea necessitates a strong response from "
        "Ukraine and its international partners, President Volodymyr Zelensky said."
    )
    return {
        "url": "https://kyivindependent.com/zelensky-warns-of-increasing-alliance/",
        "headline": "Zelensky warns of 'increasing alliance' between Russia, North Korea",
        "section": "News Feed",
        "language": "en",
        "date_published": "2024-10-13T21:04:00+03:00",
        "authors": [
            {"type": "person", "name": "Abbey Fenbert"},
            {"type": "organization", "name": "The Kyiv Independent news desk"},
        ],
        "publisher": {
            "type": "organization",
            "name": "The Kyiv Independent",
            "url": "https://kyivindependent.com/",
        },
        "tags": [
            {"name": "News Feed"},
            {
                "name": "Volodymyr Zelensky",
                "kind": "person",
                "same_as": ["https://www.wikidata.org/wiki/Q3874799"],
            },
            {"name": "Ukraine", "kind": "place", "same_as": ["https://www.wikidata.org/wiki/Q212"]},
            {"name": "Russia", "kind": "place", "same_as": ["https://www.wikidata.org/wiki/Q159"]},
            {
                "name": "North Korea",
                "kind": "place",
                "same_as": ["https://www.wikidata.org/wiki/Q423"],
            },
            {"name": "Victory Plan"},
        ],
        "images": [
            {
                "url": "https://kyivindependent.com/content/images/2024/10/zelensky.jpg",
                "caption": "President Volodymyr Zelensky delivers nightly address.",
                "credit": "Presidential Office",
            }
        ],
        "body": [paragraph] * 12,
        "quotes": [
            {
                "text": "We see an increasing alliance between Russia and regimes like North Korea",
                "speaker": zelensky,
                "context": "evening address on Oct. 13, 2024",
                "date": "2024-10-13",
            }
        ]
        * 8,
        "related": [
            {
                "url": "https://kyivindependent.com/russian-weapons-depot-set-ablaze/",
                "headline": "Russian weapons depot storing North Korean shells set ablaze",
                "teaser": "Ukraine's General Staff said the depot was the 67th Arsenal.",
            }
        ],
        "reading_time_minutes": 2,
    }


def load_payload(path: Path) -> tuple[bytes, str]:
    """Return the payload bytes and a description of where they came from."""
    if path.exists():
        return path.read_bytes(), str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return orjson.dumps(fallback_payload()), f"built-in fallback ({path.name} not found)"


def error_payload(data: dict[str, Any]) -> bytes:
    """Return *data* with the five problems of `ERROR_PATHS`, in different places."""
    bad = copy.deepcopy(data)
    bad["url"] = "javascript:alert(1)"  # not an http(s) URL
    bad["date_modified"] = "2024-10-13T22:00:00"  # no UTC offset
    bad["authors"][0]["url"] = "kyivindependent.com/author/abbey"  # relative URL
    bad["tags"][3]["kind"] = "country"  # not a tag kind
    bad["related"][0]["summary"] = "an unknown key"  # not a field
    return orjson.dumps(bad)


# Keys whose values are enum members, tags, dates or language tags: left alone.
_FIXED_KEYS = frozenset(
    {"type", "kind", "relation", "language", "date_published", "date_modified", "date", "slug"}
)
_URL_KEYS = frozenset({"url", "source_url", "license_url", "same_as"})
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def _variant_strings(value: Any, key: str, suffix: str) -> Any:
    # The same payload with every text and URL made unique to one copy, at the same
    # length: three characters replaced (a URL's first three host characters, a
    # text's last three). Shorter strings are left as they are.
    if isinstance(value, dict):
        return {k: _variant_strings(item, k, suffix) for k, item in value.items()}
    if isinstance(value, list):
        return [_variant_strings(item, key, suffix) for item in value]
    if not isinstance(value, str) or key in _FIXED_KEYS or len(value) < 6:
        return value
    if key in _URL_KEYS:
        return value[:8] + suffix + value[11:]
    return value[:-3] + suffix


def distinct_payloads(data: dict[str, Any], count: int) -> list[bytes]:
    """
    Return *count* copies of *data* as JSON texts whose strings differ copy to copy.

    Loaders that cache or intern short strings (pydantic caches every string under
    64 characters by default) would otherwise share them between identical copies,
    which different articles would not.
    """
    payloads = []
    for index in range(count):
        a, rest = divmod(index, len(_ALPHABET) ** 2)
        b, c = divmod(rest, len(_ALPHABET))
        suffix = _ALPHABET[a] + _ALPHABET[b] + _ALPHABET[c]
        payloads.append(orjson.dumps(_variant_strings(data, "", suffix)))
    return payloads


# ------------------------------------------------------------------ fairness


def _pydantic_path(loc: tuple[int | str, ...]) -> str:
    path = "$"
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part not in ("person", "organization"):  # the discriminated branch taken
            path += f".{part}"
    return path


def _errors_found(paths: list[str]) -> int:
    # Each expected problem counts once if some error is at its path or inside it.
    return sum(any(p == want or p.startswith(want + ".") for p in paths) for want in ERROR_PATHS)


def check_fairness(payload: bytes, bad: bytes) -> dict[str, Any]:
    """
    Check that the comparison is fair, and return what was found.

    newsmodel, pydantic and msgspec must all accept the payload and reject the
    5-error payload; newsmodel's result must round-trip through dumps/loads and
    to_dict/from_dict.

    Raises:
        SystemExit: When a check fails: the timings would compare different work.
    """
    problems: list[str] = []
    article = nm.loads(payload)
    model = models_pydantic.Article.model_validate_json(payload)
    struct = msgspec.json.decode(payload, type=models_msgspec.Article)
    if nm.loads(nm.dumps(article)) != article:
        problems.append("newsmodel: loads(dumps(article)) != article")
    if nm.from_dict(nm.to_dict(article)) != article:
        problems.append("newsmodel: from_dict(to_dict(article)) != article")
    if (
        models_pydantic.Article.model_validate_json(model.model_dump_json(exclude_none=True))
        != model
    ):
        problems.append("pydantic: the dumped model does not load back equal")
    if msgspec.json.decode(msgspec.json.encode(struct), type=models_msgspec.Article) != struct:
        problems.append("msgspec: the encoded struct does not decode back equal")
    same_as_input = nm.to_dict(article) == orjson.loads(payload)
    # With defaults left out too, pydantic writes exactly what newsmodel writes.
    same_output = model.model_dump_json(exclude_none=True, exclude_defaults=True) == nm.dumps(
        article
    )

    nm_paths: list[str] = []
    try:
        nm.loads(bad)
        problems.append("newsmodel accepted the 5-error payload")
    except nm.ValidationError as error:
        nm_paths = [detail.path for detail in error.errors]
    if sorted(nm_paths) != sorted(ERROR_PATHS):
        problems.append(f"newsmodel: expected one error at each of {ERROR_PATHS}, got {nm_paths}")
    pd_paths: list[str] = []
    try:
        models_pydantic.Article.model_validate_json(bad)
        problems.append("pydantic accepted the 5-error payload")
    except pydantic.ValidationError as error:
        pd_paths = [_pydantic_path(e["loc"]) for e in error.errors()]
    ms_message = ""
    try:
        msgspec.json.decode(bad, type=models_msgspec.Article)
        problems.append("msgspec accepted the 5-error payload")
    except msgspec.ValidationError as error:
        ms_message = str(error)
    if problems:
        raise SystemExit("unfair comparison:\n  " + "\n  ".join(problems))
    return {
        "all_accept_payload": True,
        "all_reject_error_payload": True,
        "newsmodel_round_trips": True,
        "newsmodel_to_dict_equals_input": same_as_input,
        "pydantic_exclude_defaults_output_equals_newsmodel": same_output,
        "errors": {
            "newsmodel": {"reported": len(nm_paths), "found": _errors_found(nm_paths)},
            "pydantic": {"reported": len(pd_paths), "found": _errors_found(pd_paths)},
            "msgspec": {"reported": 1, "found": _errors_found([_msgspec_path(ms_message)])},
        },
        "output_bytes": {
            "newsmodel": len(nm.dumps(article).encode()),
            "pydantic": len(model.model_dump_json(exclude_none=True).encode()),
            "msgspec": len(msgspec.json.encode(struct)),
        },
    }


def _msgspec_path(message: str) -> str:
    found = re.search(r"at `(\$[^`]*)`", message)
    return found.group(1) if found else "$"


# ------------------------------------------------------------------ timing


def _raises(function: Callable[[bytes], object], error: type[Exception], data: bytes) -> None:
    try:
        function(data)
    except error:
        return
    raise AssertionError("expected an error")  # pragma: no cover - checked before timing


def _calibrate(function: Callable[[], object], target: float) -> int:
    timer = timeit.Timer(function)
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= target / 5:
            return max(1, round(number * target / elapsed))
        number *= 2


def time_interleaved(
    benches: dict[str, Callable[[], object]], repeats: int, target: float
) -> dict[str, list[float]]:
    """
    Time every bench once per repeat, in turn; return seconds per call, per repeat.

    Each sample runs a bench for about *target* seconds (the loop count is
    calibrated once, up front), so a sample is many calls long.
    """
    for function in benches.values():  # warm caches, lazily built code
        function()
    numbers = {name: _calibrate(function, target) for name, function in benches.items()}
    timers = {name: timeit.Timer(function) for name, function in benches.items()}
    samples: dict[str, list[float]] = {name: [] for name in benches}
    for _ in range(repeats):
        for name, timer in timers.items():
            samples[name].append(timer.timeit(numbers[name]) / numbers[name])
    return samples


def make_benches(payload: bytes, bad: bytes) -> dict[str, Callable[[], object]]:
    """Return the timed operations, by name (``<operation>/<implementation>``)."""
    pd_article = models_pydantic.Article
    ms_decoder = msgspec.json.Decoder(models_msgspec.Article)
    ms_encoder = msgspec.json.Encoder()
    article = nm.loads(payload)
    model = pd_article.model_validate_json(payload)
    struct = ms_decoder.decode(payload)
    data = orjson.loads(payload)
    return {
        "loads/newsmodel": functools.partial(nm.loads, payload),
        "loads/pydantic": functools.partial(pd_article.model_validate_json, payload),
        "loads/msgspec": functools.partial(ms_decoder.decode, payload),
        "loads/orjson": functools.partial(orjson.loads, payload),
        "dumps/newsmodel": functools.partial(nm.dumps, article),
        "dumps/pydantic": functools.partial(model.model_dump_json, exclude_none=True),
        "dumps/msgspec": functools.partial(ms_encoder.encode, struct),
        "dumps/orjson": functools.partial(orjson.dumps, data),
        "errors/newsmodel": functools.partial(_raises, nm.loads, nm.ValidationError, bad),
        "errors/pydantic": functools.partial(
            _raises, pd_article.model_validate_json, pydantic.ValidationError, bad
        ),
        "errors/msgspec": functools.partial(
            _raises, ms_decoder.decode, msgspec.ValidationError, bad
        ),
        "from_dict/newsmodel": functools.partial(nm.from_dict, data),
        # pydantic's strict mode wants datetime objects from Python: lax for dicts.
        "from_dict/pydantic": functools.partial(pd_article.model_validate, data, strict=False),
        "to_dict/newsmodel": functools.partial(nm.to_dict, article),
        "to_dict/pydantic": functools.partial(model.model_dump, mode="json", exclude_none=True),
    }


# ------------------------------------------------------------------ memory


def memory_per_object(load: Callable[[bytes], object], payloads: list[bytes]) -> float:
    """
    Return the bytes that stay allocated per loaded article, with tracemalloc.

    Every article is kept alive until the measurement; the list holding them is
    allocated before tracing starts, so only the articles are counted.
    """
    load(payloads[0])  # warm up caches and lazily built code outside the trace
    kept: list[object] = [None] * len(payloads)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for index, data in enumerate(payloads):
        kept[index] = load(data)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    return (after - before) / len(payloads)


def measure_memory(payload: bytes, count: int) -> dict[str, float]:
    """Return the bytes per loaded article for each implementation."""
    payloads = distinct_payloads(orjson.loads(payload), count)
    decoder = msgspec.json.Decoder(models_msgspec.Article)
    return {
        "newsmodel": memory_per_object(nm.loads, payloads),
        "pydantic": memory_per_object(models_pydantic.Article.model_validate_json, payloads),
        "msgspec": memory_per_object(decoder.decode, payloads),
    }


# ------------------------------------------------------------------ import time


def _run(code: str, *options: str, env: dict[str, str] | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(  # noqa: PLW1510 - the return code is checked below
        [sys.executable, *options, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{code!r} failed:\n{done.stderr}")
    return elapsed, done.stderr


def _importtime_us(stderr: str) -> int:
    for line in stderr.splitlines():
        fields = line.split("|")
        if len(fields) == 3 and fields[2].strip() == "newsmodel":
            return int(fields[1])
    raise SystemExit("python -X importtime did not report newsmodel")


#: The runtime dependencies that every import of newsmodel pays for first.
DEPENDENCIES = "import attrs, orjson"


def measure_import(runs: int) -> dict[str, float]:
    """
    Return the time ``import newsmodel`` takes in a fresh interpreter, in ms.

    ``wall_ms``: the least wall time of ``python -c "import newsmodel"`` minus the
    least of ``python -c "pass"``, the runs interleaved. ``dependencies_ms``: the
    same for ``import attrs, orjson``, the runtime dependencies alone, and
    ``ratio`` the first over the second (issue 10's target). ``importtime_ms``: the
    least cumulative time ``python -X importtime`` reports for the package. One
    import with bytecode writing allowed comes first, so that every timed run
    reads cached bytecode (``PYTHONDONTWRITEBYTECODE`` would make each compile).
    """
    warm = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    _run(f"{DEPENDENCIES}; import newsmodel", env=warm)
    bare, deps, full, cumulative = [], [], [], []
    for _ in range(runs):
        bare.append(_run("pass")[0])
        deps.append(_run(DEPENDENCIES)[0])
        full.append(_run("import newsmodel")[0])
        cumulative.append(_importtime_us(_run("import newsmodel", "-X", "importtime")[1]))
    wall = min(full) - min(bare)
    dependencies = min(deps) - min(bare)
    return {
        "wall_ms": wall * 1e3,
        "dependencies_ms": dependencies * 1e3,
        "ratio": wall / dependencies,
        "importtime_ms": min(cumulative) / 1e3,
        "interpreter_ms": min(bare) * 1e3,
    }


# ------------------------------------------------------------------ report


def _summary(seconds: list[float]) -> dict[str, float]:
    return {"min_us": min(seconds) * 1e6, "median_us": statistics.median(seconds) * 1e6}


def _verdict(ok: bool) -> str:  # noqa: FBT001
    return "meets" if ok else "MISSES"


def build_results(
    payload_name: str,
    payload: bytes,
    fairness: dict[str, Any],
    samples: dict[str, list[float]],
    memory: dict[str, float] | None,
    imports: dict[str, float] | None,
    repeats: int,
) -> dict[str, Any]:
    """Collect everything measured into one JSON-ready dict, with ratios and verdicts."""
    timings = {name: _summary(values) for name, values in samples.items()}

    def ratio(operation: str, other: str = "pydantic") -> float:
        nm_min: float = timings[f"{operation}/newsmodel"]["min_us"]
        other_min: float = timings[f"{operation}/{other}"]["min_us"]
        return nm_min / other_min

    ratios = {op: ratio(op) for op in ("loads", "dumps", "errors", "from_dict", "to_dict")}
    targets: dict[str, dict[str, Any]] = {
        "loads": {"value": ratios["loads"], "bound": TARGETS["loads"]},
        "dumps": {"value": ratios["dumps"], "bound": TARGETS["dumps"]},
    }
    if memory is not None:
        targets["memory"] = {
            "value": memory["newsmodel"] / memory["msgspec"],
            "bound": TARGETS["memory"],
        }
    if imports is not None:
        targets["import_ms"] = {"value": imports["wall_ms"], "bound": TARGETS["import_ms"]}
        targets["import_ratio"] = {"value": imports["ratio"], "bound": TARGETS["import_ratio"]}
    for target in targets.values():
        target["met"] = target["value"] <= target["bound"]
    return {
        "environment": {
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "machine": platform.machine(),
            "newsmodel": _version("pynewsmodel"),
            "pydantic": pydantic.VERSION,
            "msgspec": msgspec.__version__,
            "orjson": orjson.__version__,
        },
        "payload": {"source": payload_name, "bytes": len(payload)},
        "method": {"repeats": repeats, "statistic": "min over repeats; median shown too"},
        "checks": fairness,
        "timings_us": timings,
        "ratios_vs_pydantic": ratios,
        "memory_bytes_per_article": memory,
        "import": imports,
        "targets": targets,
    }


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:  # pragma: no cover - run from a plain checkout
        return "unknown"


def _lines(results: dict[str, Any]) -> Iterator[str]:
    env, timings = results["environment"], results["timings_us"]
    yield (
        f"Python {env['python']} ({env['machine']}), newsmodel {env['newsmodel']}, "
        f"pydantic {env['pydantic']}, msgspec {env['msgspec']}, orjson {env['orjson']}"
    )
    yield (
        f"payload: {results['payload']['source']} ({results['payload']['bytes']} bytes); "
        f"{results['method']['repeats']} interleaved repeats; µs per call, min (median)"
    )
    yield ""
    header = ("operation", "newsmodel", "pydantic", "msgspec", "ratio")
    yield f"{header[0]:<11} {header[1]:>15} {header[2]:>15} {header[3]:>15} {header[4]:>7}  target"
    labels = {
        "loads": "loads",
        "dumps": "dumps",
        "errors": "5 errors",
        "from_dict": "from_dict",
        "to_dict": "to_dict",
    }
    for op, label in labels.items():
        cells = []
        for impl in ("newsmodel", "pydantic", "msgspec"):
            t = timings.get(f"{op}/{impl}")
            cells.append(f"{t['min_us']:6.1f} ({t['median_us']:6.1f})" if t else "-")
        ratio = results["ratios_vs_pydantic"][op]
        target = results["targets"].get(op)
        verdict = f"≤ {target['bound']:.2f}x {_verdict(target['met'])}" if target else ""
        yield f"{label:<11} {cells[0]:>15} {cells[1]:>15} {cells[2]:>15} {ratio:6.2f}x  {verdict}"
    floor = f"{timings['loads/orjson']['min_us']:.1f} / {timings['dumps/orjson']['min_us']:.1f}"
    yield f"(floor: orjson.loads / orjson.dumps alone {floor} µs)"
    errors = results["checks"]["errors"]
    yield "5-error payload, errors reported (of the 5 problems found): " + ", ".join(
        f"{impl} {e['reported']} ({e['found']}/5)" for impl, e in errors.items()
    )
    memory = results["memory_bytes_per_article"]
    if memory is not None:
        target = results["targets"]["memory"]
        yield (
            f"memory per article: newsmodel {memory['newsmodel']:,.0f} B, "
            f"pydantic {memory['pydantic']:,.0f} B, msgspec {memory['msgspec']:,.0f} B; "
            f"newsmodel/msgspec {target['value']:.2f}x (≤ {target['bound']:.2f}x "
            f"{_verdict(target['met'])})"
        )
    imports = results["import"]
    if imports is not None:
        target = results["targets"]["import_ms"]
        yield (
            f"import newsmodel: {imports['wall_ms']:.1f} ms wall (over a bare interpreter's "
            f"{imports['interpreter_ms']:.1f} ms), {imports['importtime_ms']:.1f} ms by "
            f"-X importtime (≤ {target['bound']:.0f} ms {_verdict(target['met'])})"
        )
        ratio = results["targets"]["import_ratio"]
        yield (
            f"import newsmodel vs {DEPENDENCIES!r} ({imports['dependencies_ms']:.1f} ms wall, "
            f"same run): {ratio['value']:.2f}x (≤ {ratio['bound']:.2f}x {_verdict(ratio['met'])})"
        )


def profile(operation: str, payload: bytes, seconds: float) -> None:
    """Print a cProfile of *operation* (``loads`` or ``dumps``) run for about *seconds*."""
    article = nm.loads(payload)
    function: Callable[[], object] = (
        functools.partial(nm.loads, payload)
        if operation == "loads"
        else functools.partial(nm.dumps, article)
    )
    number = _calibrate(function, seconds)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(number):
        function()
    profiler.disable()
    print(f"cProfile of nm.{operation}, {number} calls")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--payload", type=Path, default=EXAMPLE, help="JSON payload to load")
    parser.add_argument("--repeats", type=int, default=40, help="timing repeats (default 40)")
    parser.add_argument("--sample", type=float, default=0.01, help="seconds per sample")
    parser.add_argument("--copies", type=int, default=2000, help="articles kept for memory")
    parser.add_argument("--import-runs", type=int, default=10, help="fresh interpreters")
    parser.add_argument("--quick", action="store_true", help="10 repeats, fewer copies and runs")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    parser.add_argument("--profile", choices=("loads", "dumps"), help="only profile, then exit")
    parser.add_argument(
        "--fail-on-target", action="store_true", help="exit 1 when a target is missed"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats, args.copies, args.import_runs = 10, 500, 3

    payload, payload_name = load_payload(args.payload)
    if args.profile:
        profile(args.profile, payload, 2.0)
        return 0
    bad = error_payload(orjson.loads(payload))
    fairness = check_fairness(payload, bad)
    samples = time_interleaved(make_benches(payload, bad), args.repeats, args.sample)
    memory = measure_memory(payload, args.copies) if args.copies else None
    imports = measure_import(args.import_runs) if args.import_runs else None
    results = build_results(payload_name, payload, fairness, samples, memory, imports, args.repeats)
    for line in _lines(results):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    missed = [name for name, target in results["targets"].items() if not target["met"]]
    return 1 if missed and args.fail_on_target else 0


if __name__ == "__main__":
    sys.exit(main())
