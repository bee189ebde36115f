"""Target 3's model of many files on many CPUs (benchmarks/bench_check.py --scaling) and the
parent's timeline it reads (benchmarks/phases.py in a run with worker processes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize(("serial", "parallel"), [(0.2, 0.6), (0.35, 0.5), (0.0, 1.0)])
def test_the_fit_recovers_amdahls_parts(
    serial: float, parallel: float, benchmark_script: Callable[[str], ModuleType]
) -> None:
    fit_scaling = benchmark_script("bench_check").fit_scaling
    one, two = serial + parallel, serial + parallel / 2
    assert fit_scaling(one, two) == pytest.approx((serial, parallel))


def test_a_run_with_workers_reports_the_parents_timeline(tmp_path: Path) -> None:
    """phases.py wraps termkit.runner._results: in a run with two workers it prints the steps
    and writes the first-to-last-result stretch, which lies within the run."""
    out = tmp_path / "timeline.json"
    env = {key: value for key, value in os.environ.items() if key != "TERMKIT_NO_CACHE"}
    env |= {"TERMKIT_PHASES_JSON": str(out), "NO_COLOR": "1", "TERMKIT_CACHE_DIR": str(tmp_path)}
    files = [str(EXAMPLES / "draft-en.md"), str(EXAMPLES / "draft-zh.md")]
    run = subprocess.run(
        [sys.executable, str(BENCHMARKS / "phases.py"), "check", "--jobs", "2", "--fail-on",
         "never", *files],
        capture_output=True, text=True, env=env, check=True,
    )
    assert "workers ready (automata loaded, forked)" in run.stderr
    assert "serial part" in run.stderr
    assert "draft-zh.md:" in run.stdout  # the check's own output, as usual
    timeline = json.loads(out.read_text(encoding="utf-8"))
    assert 0 <= timeline["first_to_last_result"] < timeline["total"]

