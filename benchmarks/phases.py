"""Where a ``termkit check`` spends its time, phase by phase, measured in its own process.

    python benchmarks/phases.py check --termbase T --no-default-termbase -q corpus.txt

runs the command as the ``termkit`` entry point does (the process ends with it, the dataclass
code cache on) with a timer around each phase of the analysis and around the rules, and prints
the split on standard error. With many files, add ``--jobs 1``: in worker processes the phases
are not timed. Its output goes to standard output as usual. The timers cost about
a microsecond a call: the phases are called once per file or block, so the split is the
command's own (compare its total with a plain run's). cProfile (``bench_check.py --profile``)
says which functions; this says which phases, at full speed.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

_START = time.perf_counter()
_spent: dict[str, float] = defaultdict(float)
_calls: dict[str, int] = defaultdict(int)


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


def _report() -> None:
    total = time.perf_counter() - _START
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
    _report()
    sys.stdout.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
