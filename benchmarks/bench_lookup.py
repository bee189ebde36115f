"""How quickly ``termkit lookup -i`` starts, and how long each keystroke's completion takes.

- Start: ``termkit lookup -i`` on a pseudo-terminal with the shipped termbase (compiled cache warm),
  from the process's start to its prompt on the screen; median of ``--repeat`` runs, next to
  ``python -c "import click"`` measured the same way (the floor of any Python command).
- Keystroke: the completion that runs at each keystroke (``termkit.lookup.complete``) on the
  20,000-concept benchmark termbase of ``make_workload.py`` (about 200,000 terms), for queries
  typed one character at a time: an English full form, a Chinese one, an acronym, a French one,
  and a misspelt English one (fuzzy); median and worst over every prefix. The index it searches is
  built once per session: its time is reported apart.

Run: ``python benchmarks/bench_lookup.py [--repeat 10]`` (POSIX: it needs a pseudo-terminal).
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent


def _until(master: int, wanted: bytes, timeout: float = 30.0) -> None:
    seen = b""
    deadline = time.monotonic() + timeout
    while wanted not in seen:
        ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise SystemExit(f"timed out waiting for {wanted!r}")
        seen += os.read(master, 65536)


def time_to_prompt(command: Sequence[str], wanted: bytes, keys: bytes) -> float:
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    _until(master, wanted)
    elapsed = time.perf_counter() - started
    os.write(master, keys)
    process.wait(timeout=30)
    os.close(master)
    return elapsed


def _make_workload() -> ModuleType:
    """``make_workload.py`` next to this script (the benchmarks are scripts, not a package)."""
    sys.path.insert(0, str(HERE))
    import make_workload

    return make_workload


def keystrokes(work: Path) -> None:
    from termkit.lookup import LookupIndex, complete
    from termkit.termbase import load_termbase

    workload = _make_workload()
    termbase_path = work / "termbase.toml"
    concepts = workload.generate_concepts()
    if not termbase_path.exists():
        work.mkdir(parents=True, exist_ok=True)
        termbase_path.write_text(workload.termbase_toml(concepts), encoding="utf-8")
    termbase = load_termbase([termbase_path], include_default=False)
    started = time.perf_counter()
    LookupIndex.of(termbase)
    built = time.perf_counter() - started
    sample = concepts[12345]
    typo = sample.full["en"][:-2] + sample.full["en"][-1:]
    queries = {
        "English full form": sample.full["en"],
        "Chinese full form": sample.full["zh"],
        "acronym": sample.acronyms["en"],
        "French full form": sample.full["fr"],
        "English, misspelt": typo,
    }
    print(f"20,000-concept termbase: {len(LookupIndex.of(termbase).terms):,} searchable terms; "
          f"index built in {built * 1000:.0f} ms (once per session)")
    every = []
    for name, query in queries.items():
        times = []
        for end in range(1, len(query) + 1):
            started = time.perf_counter()
            complete(termbase, query[:end])
            times.append(time.perf_counter() - started)
        every += times
        print(f"  {name:<20} {len(query):>3} keystrokes: median {statistics.median(times) * 1000:5.1f}"
              f" ms, worst {max(times) * 1000:5.1f} ms")
    print(f"  all keystrokes: median {statistics.median(every) * 1000:.1f} ms, "
          f"worst {max(every) * 1000:.1f} ms (target: under 50)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--work", type=Path, default=HERE / "_work")
    args = parser.parse_args(argv)
    termkit = [sys.executable, "-m", "termkit", "lookup", "-i"]
    time_to_prompt(termkit, b"lookup>", b"\x04")  # warm: the compiled cache
    starts, floors = [], []
    for _ in range(args.repeat):
        starts.append(time_to_prompt(termkit, b"lookup>", b"\x04"))
        floors.append(time_to_prompt(
            [sys.executable, "-c", "import click, sys; print('ready'); sys.stdin.read(1)"],
            b"ready", b"x\n",
        ))
    print(f"start to prompt, shipped termbase: median {statistics.median(starts) * 1000:.0f} ms "
          f"(target: under 300); python -c 'import click': {statistics.median(floors) * 1000:.0f} ms")
    keystrokes(args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
