"""Target 3's model of many files on many CPUs (benchmarks/bench_check.py --scaling) and the
parent's timeline it reads (benchmarks/phases.py in a run with worker processes)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize(("serial", "parallel"), [(0.2, 0.6), (0.35, 0.5), (0.0, 1.0), (1.0, 0.1)])
def test_the_fit_recovers_amdahls_parts(
    serial: float, parallel: float, benchmark_script: Callable[[str], ModuleType]
) -> None:
    fit_scaling = benchmark_script("bench_check").fit_scaling
    one, two = serial + parallel, serial + parallel / 2
    assert fit_scaling(one, two) == pytest.approx((serial, parallel))


@pytest.mark.parametrize(("one", "two"), [(0.8, 0.85), (0.8, 0.8), (1.0, 0.4)])
def test_times_no_model_fits_are_refused(
    one: float, two: float, benchmark_script: Callable[[str], ModuleType]
) -> None:
    """Two processes no faster (a negative parallel part), or more than twice as fast (a
    negative serial part): no prediction, rather than one that slows with more CPUs."""
    with pytest.raises(ValueError, match="fit no"):
        benchmark_script("bench_check").fit_scaling(one, two)


def _timed_check(tmp_path: Path, *paths: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path / "timeline.json"
    env = {key: value for key, value in os.environ.items() if key != "TERMKIT_NO_CACHE"}
    env |= {"TERMKIT_PHASES_JSON": str(out), "NO_COLOR": "1",
            "TERMKIT_CACHE_DIR": str(tmp_path / "cache")}
    run = subprocess.run(
        [sys.executable, str(BENCHMARKS / "phases.py"), "check", "--jobs", "2", "--fail-on",
         "never", *paths],
        capture_output=True, text=True, env=env, check=False,
    )
    return run, out


@pytest.mark.skipif(sys.platform == "darwin" or os.name == "nt",
                    reason="termkit forks workers only where forking is safe (not macOS, Windows)")
def test_a_run_with_workers_reports_the_parents_timeline(tmp_path: Path) -> None:
    """phases.py wraps termkit.runner._results: in a run with two workers it prints each step
    once, and writes the stretch from the first result to the last, as printed."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for copy in range(20):  # several batches: the results come in over time
        for name in ("draft-en.md", "draft-zh.md"):
            shutil.copy(EXAMPLES / name, drafts / f"{copy:02d}-{name}")
    run, out = _timed_check(tmp_path, str(drafts))
    assert run.returncode == 0, run.stderr
    assert "02-draft-zh.md:" in run.stdout  # the check's own output, as usual
    steps = dict(re.findall(r"^(first result|last result) +([\d.]+) ", run.stderr, re.M))
    assert len(re.findall(r"^(?:first|last) result ", run.stderr, re.M)) == 2
    timeline = json.loads(out.read_text(encoding="utf-8"))
    stretch = float(steps["last result"]) - float(steps["first result"])
    assert timeline["first_to_last_result"] * 1000 == pytest.approx(stretch, abs=0.2)
    assert 0 < timeline["first_to_last_result"] < timeline["total"]


@pytest.mark.skipif(sys.platform == "darwin" or os.name == "nt",
                    reason="termkit forks workers only where forking is safe (not macOS, Windows)")
def test_a_run_that_fails_reports_no_serial_part(tmp_path: Path) -> None:
    """A path that cannot be read ends the run with exit code 2: its steps are printed, but no
    stretch is taken for a serial part, nor written for bench_check.py."""
    files = [str(EXAMPLES / "draft-en.md"), str(EXAMPLES / "draft-zh.md")]
    run, out = _timed_check(tmp_path, *files, str(tmp_path / "missing.md"))
    assert run.returncode == 2
    assert "workers ready (automata loaded, forked)" in run.stderr
    assert "no serial part: the run failed or ended before its last result (exit code 2)" in run.stderr
    assert not out.exists()


def test_the_floor_scans_what_a_check_matches(tmp_path: Path) -> None:
    """benchmarks/floor.py runs a check's per-byte work and nothing per hit: on the example
    drafts with the shipped termbase it times each phase, and its raw term hits (the automata's,
    before boundaries are checked) are at least the occurrences the analysis keeps."""
    from termkit.analysis.document import analyse_document
    from termkit.settings import CheckSettings
    from termkit.termbase import load_termbase

    termbase_path = Path(__file__).resolve().parent.parent / "termbases" / "gimm.toml"
    drafts = [EXAMPLES / "draft-en.md", EXAMPLES / "draft-zh.md"]
    out = tmp_path / "floor.json"
    env = {key: value for key, value in os.environ.items() if key != "TERMKIT_NO_CACHE"}
    env["TERMKIT_CACHE_DIR"] = str(tmp_path / "cache")
    run = subprocess.run(
        [sys.executable, str(BENCHMARKS / "floor.py"), "--termbase", str(termbase_path),
         "--json", str(out), *map(str, drafts)],
        capture_output=True, text=True, env=env, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""  # nothing is reported: no hit is looked at
    floor = json.loads(out.read_text(encoding="utf-8"))
    assert set(floor["phases"]) == {
        "start, termbase and automata", "read", "normalise", "languages in play",
        "case fold, encode", "term and acronym scans", "near-miss anchor scans",
    }
    assert sum(floor["phases"].values()) <= floor["total"]
    assert f"{'total':<40}" in run.stderr
    termbase = load_termbase([termbase_path], include_default=False, cache=False)
    kept = sum(
        len(analyse_document(
            path.read_text(encoding="utf-8"), termbase, CheckSettings(), markdown=True
        ).occurrences)
        for path in drafts
    )
    assert kept > 0
    assert floor["hits"]["terms"] >= kept
