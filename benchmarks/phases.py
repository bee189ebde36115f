"""Where a ``termkit check`` spends its time, phase by phase, measured in its own process.

    python benchmarks/phases.py check --termbase T --no-default-termbase -q corpus.txt

runs the command as the ``termkit`` entry point does (the process ends with it, the dataclass
code cache on) with a timer around each phase of the analysis and around the rules, and prints
the split on standard error. With many files, add ``--jobs 1``: in worker processes the phases
are not timed. A run with worker processes prints the parent's timeline instead: when the files
are listed, when the workers are ready (the automata loaded, then forked), the first and the last
result, the end; what lies outside the first result to the last is the serial part (target 3).
Its output goes to standard output as usual. The timers cost about
a microsecond a call: the phases are called once per file or block, so the split is the
command's own (compare its total with a plain run's). cProfile (``bench_check.py --profile``)
says which functions; this says which phases, at full speed.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from termkit.runner import FileResult, _Job

_START = time.perf_counter()
_spent: dict[str, float] = defaultdict(float)
_calls: dict[str, int] = defaultdict(int)
_timeline: list[tuple[str, float]] = []  # a run with worker processes: (event, when)
TIMELINE_JSON = "TERMKIT_PHASES_JSON"  # a file to write the timeline's stretches to, as JSON


def _timed(label: str, function: Callable[..., Any], *, listed: bool = False) -> Callable[..., Any]:
    """``function`` with its time added to ``label`` (``listed``: a generator, consumed here)."""

    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            result = function(*args, **kwargs)
            return list(result) if listed else result
        finally:
            _spent[label] += time.perf_counter() - started
            _calls[label] += 1

    return timed


def _instrument() -> None:
    import termkit.analysis.document as analysis
    import termkit.check as check
    import termkit.cli.check as cli_check
    import termkit.runner as runner
    import termkit.text as text

    patched: list[tuple[Any, str, str, bool]] = [
        (analysis, "_term_occurrences", "terms (matching)", False),
        (analysis, "_other_acronyms", "other languages' acronyms", False),
        (analysis, "definition_sites", "definition sites", True),
        (analysis, "judge_definitions", "definition verdicts", False),
        (analysis, "_near_misses", "near misses", False),
        (analysis, "latin_language", "language of the Latin script", False),
        (text, "normalize_document", "normalising", False),
        (check, "analyse_document", "analysis (all of the above)", False),
        (cli_check, "load_termbase_from", "termbase load", False),
        (cli_check, "_run", "checking (analysis, rules, output)", False),
    ]
    for module, name, label, listed in patched:
        setattr(module, name, _timed(label, getattr(module, name), listed=listed))
    runner._results = _with_timeline(runner._results)


def _with_timeline(results: Callable[..., Any]) -> Callable[..., Any]:
    """termkit.runner._results, noting in _timeline when a run with workers reaches each step."""

    @contextlib.contextmanager
    def timed(files: list[str | Path], job: _Job, jobs: int) -> Iterator[Iterator[FileResult]]:
        if jobs <= 1:
            with results(files, job, jobs) as each:
                yield each
            return
        _timeline.append(("files listed (start, options, termbase, walk)", time.perf_counter()))
        with results(files, job, jobs) as each:
            _timeline.append(("workers ready (automata loaded, forked)", time.perf_counter()))
            yield _noting(each)

    return timed


def _noting(results: Iterator[FileResult]) -> Iterator[FileResult]:
    first = True
    for result in results:
        if first:
            _timeline.append(("first result", time.perf_counter()))
            first = False
        yield result
    _timeline.append(("last result", time.perf_counter()))


def _report(code: int) -> None:
    total = time.perf_counter() - _START
    if _timeline:
        _report_timeline(total, code)
        return
    analysis = _spent["analysis (all of the above)"]
    checking = _spent["checking (analysis, rules, output)"]
    inner = [key for key in _spent if key not in (
        "analysis (all of the above)", "checking (analysis, rules, output)", "termbase load")]
    rows: list[tuple[str, float, int]] = [
        (key, _spent[key], _calls[key]) for key in sorted(inner, key=lambda k: -_spent[k])
    ]
    rows += [
        ("analysis (all of the above)", analysis, _calls["analysis (all of the above)"]),
        ("rules, reading, output (the rest of checking)", checking - analysis,
         _calls["checking (analysis, rules, output)"]),
        ("termbase load", _spent["termbase load"], 1),
        ("start (imports, options; not Python's own start)", total - checking - _spent["termbase load"], 1),
        ("total", total, 1),
    ]
    err = sys.stderr
    print(f"\n{'phase':<48}{'ms':>9}{'share':>8}{'calls':>7}", file=err)
    for label, seconds, calls in rows:
        print(f"{label:<48}{seconds * 1000:>9.1f}{seconds / total:>8.1%}{calls:>7}", file=err)


def _report_timeline(total: float, code: int) -> None:
    """The parent's steps in a run with worker processes, and its serial part: everything but
    the stretch from the first result to the last, while the workers check. A run that did not
    get to its last result (interrupted, a worker lost) or failed has no such stretch: its steps
    are printed, and nothing is written for bench_check.py."""
    err = sys.stderr
    print(f"\n{'step (the parent process)':<48}{'ms after start':>15}{'ms':>9}", file=err)
    previous = 0.0
    for label, when in [*_timeline, ("end", _START + total)]:
        at = when - _START
        print(f"{label:<48}{at * 1000:>15.1f}{(at - previous) * 1000:>9.1f}", file=err)
        previous = at
    steps = dict(_timeline)
    if "first result" not in steps or "last result" not in steps or code not in (0, 1):
        print(f"no serial part: the run failed or ended before its last result (exit code {code})",
              file=err)
        return
    parallel = steps["last result"] - steps["first result"]
    print(f"serial part (not Python's own start): {(total - parallel) * 1000:.1f} ms; "
          f"first result to last: {parallel * 1000:.1f} ms", file=err)
    if os.environ.get(TIMELINE_JSON):  # for bench_check.py --scaling
        with open(os.environ[TIMELINE_JSON], "w", encoding="utf-8") as out:
            json.dump({"first_to_last_result": parallel, "total": total}, out)


def main() -> None:
    import termkit.cli

    try:  # as termkit.cli.run starts (older versions, to compare with, lack these)
        from termkit.process import started_from_command_line

        started_from_command_line()
        from termkit.compiled import keep_generated_code

        keep_generated_code()
    except ImportError:
        pass
    cli_main = termkit.cli.main
    _instrument()
    code = cli_main(sys.argv[1:])
    _report(code)
    sys.stdout.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
