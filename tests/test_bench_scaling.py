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
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SHIPPED = Path(__file__).resolve().parent.parent / "termbases" / "gimm.toml"


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


def _floor(tmp_path: Path, *paths: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    out = tmp_path / "floor.json"
    env = {key: value for key, value in os.environ.items() if key != "TERMKIT_NO_CACHE"}
    env["TERMKIT_CACHE_DIR"] = str(tmp_path / "cache")
    run = subprocess.run(
        [sys.executable, str(BENCHMARKS / "floor.py"), "--termbase", str(SHIPPED),
         "--json", str(out), *map(str, paths)],
        capture_output=True, text=True, env=env, check=False,
    )
    assert run.returncode == 0, run.stderr
    floor: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return run, floor


def test_the_floor_scans_what_a_check_matches(tmp_path: Path) -> None:
    """benchmarks/floor.py runs a check's per-byte work and nothing per hit: on the example
    drafts with the shipped termbase it times each phase, and each automaton's raw hits (before
    boundaries are checked) are at least the occurrences of the analysis it can give: English
    acronyms from the exact table, English full forms from the case-folded one, Chinese terms
    (and the English acronyms Chinese borrows) from the Chinese exact table."""
    from termkit.analysis.document import analyse_document
    from termkit.settings import CheckSettings
    from termkit.termbase import load_termbase

    drafts = [EXAMPLES / "draft-en.md", EXAMPLES / "draft-zh.md"]
    run, floor = _floor(tmp_path, *drafts)
    assert run.stdout == ""  # nothing is reported: no hit is looked at
    assert list(floor["phases"]) == [
        "start, termbase and automata", "read", "normalise", "languages in play",
        "case fold, encode", "term and acronym scans", "near-miss anchor scans",
    ]
    assert sum(floor["phases"].values()) <= floor["total"]
    assert f"{'total':<40}" in run.stderr
    assert floor["counts"] == {"documents": 2, "blocks": 2, "guesses": 2, "pieces": 2}
    termbase = load_termbase([SHIPPED], include_default=False, cache=False)
    kept: dict[str, int] = {"en acronyms": 0, "en full forms": 0, "zh": 0}
    for path in drafts:
        analysis = analyse_document(
            path.read_text(encoding="utf-8"), termbase, CheckSettings(), markdown=True
        )
        for occurrence in analysis.occurrences:
            if occurrence.lang == "zh":
                kept["zh"] += 1
            else:
                kept["en acronyms" if occurrence.is_acronym else "en full forms"] += 1
    assert min(kept.values()) > 0
    hits = floor["hits"]
    assert hits["en exact"] >= kept["en acronyms"]
    assert hits["en folded"] >= kept["en full forms"]
    assert hits["zh exact"] >= kept["zh"]
    assert min(hits["fr acronyms"], hits["en anchors"], hits["zh anchors"]) > 0


def test_the_floor_reads_a_long_text_in_blocks(tmp_path: Path) -> None:
    """A long plain-text file is read as a check reads it: in blocks of paragraphs, its
    Latin-script language guessed once, the anchors scanned in pieces of each block."""
    from termkit.text.document import STREAM_FROM

    draft = (EXAMPLES / "draft-en.md").read_text(encoding="utf-8")
    long_text = tmp_path / "long.txt"
    long_text.write_text(draft * (STREAM_FROM // len(draft.encode("utf-8")) + 1), encoding="utf-8")
    _, floor = _floor(tmp_path, long_text)
    counts = floor["counts"]
    assert counts["documents"] == 1 and counts["guesses"] == 1
    assert 1 < counts["blocks"] < counts["pieces"]
