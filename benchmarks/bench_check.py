"""Time ``termkit check`` against ``grep -F -o`` writing its matches, on the generated workload.

    python benchmarks/bench_check.py [--work DIR] [--repeat N] [--quick] [--profile]

The workload (``make_workload.py``, fixed seed) is a 20,000-concept termbase, a 10 MB mixed
English/Chinese corpus, ``variants.txt`` (its admitted and deprecated English and Chinese terms)
and 1,000 Markdown files of about 2 KB. For (a) the corpus and (b) the 1,000 files, in the same
run, this measures the whole-process wall time of

    termkit check --termbase T --no-default-termbase --fail-on never -q FILES
    LC_ALL=C grep -F -o -f variants.txt FILES

(termkit once first to warm its compiled cache, then ``--repeat`` runs of each in turn, median),
each writing what it finds to a file, and reports their ratio, the peak memory (maximum resident
set size) of the termkit process, and the cost of a cache-cold run next to a warm one on a
one-line document (the termbase load alone). Targets (issue 17): at most 1.5x grep-to-file on the
corpus, 1.2x on the 1,000 files, under 300 MB.

The baseline is fair only if grep does the work: GNU grep writing to ``/dev/null`` stops at the
first match (it times compiling the patterns), so that run is shown apart, as context, with
codespell and typos when they are installed, each with the number of the workload's variants it
can express at all (both match single words: no multi-word variant, no Chinese term inside a
longer run of Han characters).

``--quick`` uses a smaller workload (2,000 concepts, 1 MB, 100 files) for a fast look;
``--profile`` runs cProfile on the corpus check afterwards and prints the top functions.
``--cold N`` only times cache-cold runs on a generated termbase of N concepts (target 5).
``--scaling`` only times the 1,000 files with one process and with two, estimates the serial and
the parallel part two ways, and prints what they predict on more CPUs (target 3; :func:`scaling`).
``--floor`` only times ``floor.py``, a lower bound of a check's work on every byte (normalise,
fold, encode, the native scans) with nothing done per hit, next to termkit and grep (:func:`floor`).
``--memory`` only checks one 100 MB file (the corpus ten times) and reports its peak memory
(under 300 MB: it is checked in blocks of paragraphs); ``--compare-whole`` checks it whole too
and compares the findings. ``--long-paragraph``: see :func:`long_paragraph`.
Exit status 0 when every target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_WORK = HERE / "_work"

FULL = {"concepts": 20_000, "corpus_bytes": 10_000_000, "markdown_files": 1_000}
QUICK = {"concepts": 2_000, "corpus_bytes": 1_000_000, "markdown_files": 100}
TARGET_CORPUS = 1.5
TARGET_FILES = 1.2
TARGET_MEMORY_MB = 300.0
TARGET_COLD_MB = 400  # peak of a cold start (issue 17, target 5)


@dataclass(frozen=True)
class Run:
    """One process: wall time in seconds, peak resident memory in MB, exit status, output lines."""

    seconds: float
    peak_mb: float
    status: int
    lines: int


@dataclass(frozen=True)
class Row:
    """One workload's comparison."""

    name: str
    size: str
    termkit_s: float
    grep_s: float
    ratio: float
    target: float
    peak_mb: float
    findings: int
    grep_matches: int

    @property
    def ok(self) -> bool:
        return self.ratio <= self.target and self.peak_mb < TARGET_MEMORY_MB


def run_once(
    command: Sequence[str], env: Mapping[str, str], *, count_lines: bool = False,
    to_null: bool = False, allowed: Sequence[int] | None = None,
) -> Run:
    """Run ``command`` to completion; its own rusage (``os.wait4``) gives its peak memory.

    A process that fails stops the benchmark: a broken install must not pass for a fast one.
    termkit runs with ``--fail-on never`` and must exit 0; grep exits 1 when it finds nothing.
    """
    started = time.perf_counter()
    # Output goes to a file (a pipeline's or a hook's log), not /dev/null: GNU grep stops at
    # its first match when it sees it writes to /dev/null, and then times nothing but setup.
    with tempfile.TemporaryFile() as sink:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL if to_null else sink,
            stderr=subprocess.DEVNULL, env=dict(env),
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        lines = 0
        if count_lines:
            sink.seek(0)
            lines = sum(1 for _ in sink)
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    if allowed is None:
        allowed = (0, 1) if Path(command[0]).name == "grep" else (0,)
    if process.returncode not in allowed:
        raise SystemExit(
            f"{command[0]} failed with status {process.returncode}: {' '.join(command)}"
        )
    return Run(seconds, peak, process.returncode, lines)


def termkit_env(work: Path) -> dict[str, str]:
    """The environment termkit runs in: a cache of the benchmark's own (the user's cache neither
    helps nor suffers), no colour, files checked as termkit chooses, and bytecode written.
    Installed packages come with their bytecode compiled; an editable install (or a machine with
    PYTHONDONTWRITEBYTECODE set) would compile termkit's modules on every run instead. Bytecode
    goes to the work folder, not into the source tree."""
    env = {**os.environ, "TERMKIT_CACHE_DIR": str(work / "cache"), "NO_COLOR": "1"}
    for name in ("TERMKIT_NO_CACHE", "TERMKIT_WHOLE_DOCUMENTS", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def termkit_command() -> list[str]:
    """The installed entry point, as users run it (else ``python -m termkit``)."""
    executable = shutil.which("termkit")
    return [executable] if executable else [sys.executable, "-m", "termkit"]


def check_options(termbase: Path) -> list[str]:
    """``termkit check``'s options in every timed run: the workload's termbase alone, findings
    that never fail the run, no summary."""
    return ["--termbase", str(termbase), "--no-default-termbase", "--fail-on", "never", "-q"]


def grep_command(variants: Path) -> tuple[list[str], dict[str, str]]:
    """The baseline before its files, and its environment: every variant a fixed string, each
    match written (``-o``), bytes compared as bytes."""
    return ["grep", "-F", "-o", "-f", str(variants)], {**os.environ, "LC_ALL": "C"}


def load_make_workload() -> object:
    sys.path.insert(0, str(HERE))
    try:
        import make_workload
    finally:
        sys.path.remove(str(HERE))
    return make_workload


def prepare_workload(work: Path, parameters: Mapping[str, int], regenerate: bool) -> None:
    """Generate the workload into ``work`` unless the same one is there already."""
    make_workload = load_make_workload()
    stamp = work / "workload.json"
    wanted = {**parameters, "seed": make_workload.SEED}  # type: ignore[attr-defined]
    if not regenerate and stamp.is_file():
        try:
            if json.loads(stamp.read_text(encoding="utf-8")) == wanted:
                return
        except ValueError:
            pass
    if work.exists():
        shutil.rmtree(work)
    started = time.perf_counter()
    make_workload.generate_workload(work, **parameters)  # type: ignore[attr-defined]
    stamp.write_text(json.dumps(wanted), encoding="utf-8")
    print(f"generated the workload in {work} ({time.perf_counter() - started:.1f} s)")


def compare(
    name: str,
    size: str,
    target: float,
    termkit: Sequence[str],
    grep: Sequence[str],
    env: Mapping[str, str],
    grep_env: Mapping[str, str],
    repeat: int,
) -> Row:
    warm_up = run_once(termkit, env, count_lines=True)  # fills the compiled cache
    matches = run_once(grep, grep_env, count_lines=True)
    # Alternated, so that a slow spell of a shared machine weighs on both sides alike.
    termkit_runs: list[Run] = []
    grep_runs: list[Run] = []
    for _ in range(repeat):
        termkit_runs.append(run_once(termkit, env))
        grep_runs.append(run_once(grep, grep_env))
    termkit_s = statistics.median(r.seconds for r in termkit_runs)
    grep_s = statistics.median(r.seconds for r in grep_runs)
    peak = max(r.peak_mb for r in [warm_up, *termkit_runs])
    return Row(
        name, size, termkit_s, grep_s, termkit_s / grep_s, target, peak,
        warm_up.lines, matches.lines,
    )


def expressible(variants: Path) -> int:
    """How many of the workload's variants a single-word spelling checker can express: one
    word of Latin letters (codespell and typos look words up; a phrase, or a Chinese term inside
    a longer Han run, is beyond them)."""
    words = [v for v in variants.read_text(encoding="utf-8").split("\n") if v]
    return sum(1 for v in words if v.isascii() and v.replace("-", "").isalpha() and " " not in v)


def peer_commands(work: Path, variants: Path) -> dict[str, tuple[list[str], Mapping[str, str]]]:
    """grep writing to /dev/null, and codespell and typos (when installed) with the workload's
    single-word variants as their dictionaries: the command before its files, and its env."""
    grep, env = grep_command(variants)
    peers: dict[str, tuple[list[str], Mapping[str, str]]] = {"grep -F -o > /dev/null": (grep, env)}
    words = [v for v in variants.read_text(encoding="utf-8").split("\n")
             if v.isascii() and v.replace("-", "").isalpha() and " " not in v]
    if shutil.which("codespell"):
        dictionary = work / "codespell-dictionary.txt"
        dictionary.write_text("".join(f"{w.lower()}->{w.lower()}x\n" for w in words),
                              encoding="utf-8")
        peers["codespell"] = (["codespell", "-D", str(dictionary), "--quiet-level", "2"],
                              os.environ)
    if shutil.which("typos"):
        config = work / "typos.toml"
        config.write_text(
            "[default.extend-words]\n"
            + "".join(f'{w.lower()} = "{w.lower()}x"\n' for w in words),
            encoding="utf-8",
        )
        peers["typos"] = (["typos", "--config", str(config), "--format", "brief"], os.environ)
    return peers


def peer_rows(
    peers: Mapping[str, tuple[list[str], Mapping[str, str]]], targets: Sequence[str], repeat: int
) -> list[tuple[str, float]]:
    """Median wall time of each peer on ``targets`` (exit 0 or 1: findings are no failure)."""
    rows = []
    for name, (command, env) in peers.items():
        to_null = name.endswith("/dev/null")
        argv = [*command, *targets]
        runs = [run_once(argv, env, to_null=to_null, allowed=(0, 1, 2)) for _ in range(repeat)]
        rows.append((name, statistics.median(r.seconds for r in runs)))
    return rows


def cold_run_list(command: Sequence[str], env: Mapping[str, str], repeat: int) -> list[Run]:
    """``repeat`` runs of ``command``, each with an empty cache directory of its own."""
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="termkit-cache-") as empty:
            runs.append(run_once(command, {**env, "TERMKIT_CACHE_DIR": empty}))
    return runs


def cache_rows(
    termkit: Sequence[str], termbase: Path, env: Mapping[str, str], tiny: Path, repeat: int
) -> list[tuple[str, float, float]]:
    """Cold (empty cache directory) and warm runs on a one-line document."""
    command = [*termkit, "check", *check_options(termbase), str(tiny)]
    cold = cold_run_list(command, env, repeat)
    run_once(command, env)
    warm = [run_once(command, env) for _ in range(repeat)]
    return [
        ("cache cold (TOML parse + compile)", statistics.median(r.seconds for r in cold),
         max(r.peak_mb for r in cold)),
        ("cache warm", statistics.median(r.seconds for r in warm), max(r.peak_mb for r in warm)),
    ]


def print_table(rows: Sequence[Row], cache: Sequence[tuple[str, float, float]]) -> None:
    header = (
        f"{'workload':<26}{'size':>10}{'termkit s':>11}{'grep s':>9}{'ratio':>8}"
        f"{'target':>8}{'peak MB':>9}{'findings':>10}{'grep -o':>9}  ok"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.name:<26}{row.size:>10}{row.termkit_s:>11.3f}{row.grep_s:>9.3f}"
            f"{row.ratio:>7.1f}x{row.target:>7.1f}x{row.peak_mb:>9.0f}{row.findings:>10}"
            f"{row.grep_matches:>9}  {'yes' if row.ok else 'NO'}"
        )
    print()
    for label, seconds, peak in cache:
        print(f"{label:<36}{seconds:>8.3f} s {peak:>7.0f} MB")


def profile(termkit_args: Sequence[str], env: Mapping[str, str], work: Path, top: int) -> None:
    """cProfile of one warm corpus check, in a separate process; prints the top functions."""
    import pstats

    output = work / "check.prof"
    # Not ``-m termkit``: its entry point leaves through os._exit, before cProfile writes.
    script = "import sys; from termkit.cli import main; sys.exit(main(sys.argv[1:]))"
    runner = work / "profile_main.py"
    runner.write_text(script + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "cProfile", "-o", str(output), str(runner), *termkit_args]
    output.unlink(missing_ok=True)
    subprocess.run(command, env=dict(env), stdout=subprocess.DEVNULL, check=False)
    stats = pstats.Stats(str(output))
    stats.strip_dirs()
    print(f"\nProfile of termkit {' '.join(termkit_args)} (saved to {output}):")
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit 0 when the targets are met."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help=f"folder for the generated workload (default {DEFAULT_WORK})")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (median)")
    parser.add_argument("--quick", action="store_true", help="a smaller workload")
    parser.add_argument("--regenerate", action="store_true", help="generate the workload anew")
    parser.add_argument("--profile", action="store_true", help="profile the corpus check too")
    parser.add_argument("--top", type=int, default=25, help="functions to show with --profile")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--jobs", type=int, help="pass --jobs N to termkit (default: its own "
                        "default, one process per CPU for many files)")
    parser.add_argument("--long-paragraph", action="store_true",
                        help="only time one mixed Chinese-English paragraph of 1, 2 and 4 MB "
                        "(the time must grow linearly)")
    parser.add_argument("--memory", action="store_true",
                        help="only check one 100 MB file (the corpus ten times) and report its "
                        "peak memory (target: under 300 MB)")
    parser.add_argument("--compare-whole", action="store_true",
                        help="with --memory: check it whole too (TERMKIT_WHOLE_DOCUMENTS=1; "
                        "some 1.5 GB) and compare the findings")
    parser.add_argument("--cold", type=int, metavar="CONCEPTS",
                        help="only time cache-cold runs (empty cache each time) on a generated "
                        "termbase of CONCEPTS concepts (target 5: 20,000 in 2 s, 80,000 in 8 s, "
                        "under 400 MB)")
    parser.add_argument("--small", action="store_true",
                        help="only time a small run (the two example drafts, the shipped "
                        "termbase) against python -c 'import click' (target 6)")
    parser.add_argument("--floor", action="store_true",
                        help="only time floor.py (the per-byte work of a check, nothing per hit) "
                        "next to termkit check and grep, on the corpus and the 1,000 files")
    parser.add_argument("--scaling", action="store_true",
                        help="only time the 1,000 files with --jobs 1 and --jobs 2 (at least 5 "
                        "runs each), and print two estimates of the serial and parallel parts "
                        "and what they predict on 4 to 16 CPUs")
    args = parser.parse_args(argv)
    if args.floor:
        return floor(args.work.resolve(), args.repeat)
    if args.scaling:
        return scaling(args.work.resolve(), max(args.repeat, 5))
    if args.cold:
        return cold_runs(args.work.resolve(), args.cold, max(args.repeat, 3))
    if args.small:
        return small_run(args.work.resolve(), max(args.repeat, 11), args.profile, args.top)
    if args.long_paragraph:
        return long_paragraph(args.work.resolve(), args.repeat)
    if args.memory:
        return long_document(args.work.resolve(), args.compare_whole, args.regenerate)

    parameters = QUICK if args.quick else FULL
    work: Path = args.work.resolve()
    prepare_workload(work, parameters, args.regenerate)
    if shutil.which("grep") is None:
        raise SystemExit("grep is not installed")

    termbase, corpus = work / "termbase.toml", work / "corpus.txt"
    variants, markdown = work / "variants.txt", work / "md"
    env = termkit_env(work)
    grep, grep_env = grep_command(variants)
    termkit = termkit_command()
    options = check_options(termbase)
    if args.jobs is not None:
        options += ["--jobs", str(args.jobs)]
    files = sorted(str(p) for p in markdown.glob("*.md"))

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"termkit: {' '.join(termkit)}; {parameters['concepts']} concepts; {cpus} CPUs; "
          f"--jobs {args.jobs if args.jobs is not None else 'default'}; "
          f"{args.repeat} timed runs each (median)\n")
    rows = [
        compare(
            "(a) corpus", f"{corpus.stat().st_size / 1e6:.1f} MB", TARGET_CORPUS,
            [*termkit, "check", *options, str(corpus)], [*grep, str(corpus)],
            env, grep_env, args.repeat,
        ),
        compare(
            f"(b) {len(files)} Markdown files",
            f"{sum(Path(f).stat().st_size for f in files) / 1e6:.1f} MB", TARGET_FILES,
            [*termkit, "check", *options, str(markdown)], [*grep, *files],
            env, grep_env, args.repeat,
        ),
    ]
    tiny = work / "one-line.txt"
    tiny.write_text("A one-line document.\n", encoding="utf-8")
    cache = cache_rows(termkit, termbase, env, tiny, args.repeat)
    print_table(rows, cache)
    peers = peer_commands(work, variants)
    total = len([v for v in variants.read_text(encoding="utf-8").split("\n") if v])
    print(f"\nFor context (median s; variants each can express, of {total}: termkit and grep "
          f"all, codespell and typos {expressible(variants)}):")
    for label, targets in (("(a) corpus", [str(corpus)]), ("(b) Markdown files", files)):
        for name, seconds in peer_rows(peers, targets, args.repeat):
            print(f"  {label:<20}{name:<26}{seconds:>8.3f} s")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"rows": [asdict(r) | {"ok": r.ok} for r in rows],
                 "cache": [{"run": label, "seconds": s, "peak_mb": m} for label, s, m in cache]},
                indent=2,
            ),
            encoding="utf-8",
        )
    if args.profile:
        profile(["check", *options, str(corpus)], env, work, args.top)
    return 0 if all(row.ok for row in rows) else 1


EXAMPLES = HERE.parent / "examples"
TARGET_SMALL_S = 0.080


def cold_runs(work: Path, concepts: int, repeat: int) -> int:
    """Time ``repeat`` cache-cold checks of a one-line document with a generated termbase of
    ``concepts`` concepts (``WORK/cold-N/termbase.toml``, made once): the first load after an
    edit. Exit 1 when the median misses target 5 (2 s for 20,000 concepts, 8 s for 80,000,
    scaled linearly between) or the peak memory reaches 400 MB."""
    folder = work / f"cold-{concepts}"
    termbase = folder / "termbase.toml"
    if not termbase.exists():
        make_workload = load_make_workload()
        folder.mkdir(parents=True, exist_ok=True)
        generated = make_workload.generate_concepts(concepts)  # type: ignore[attr-defined]
        text = make_workload.termbase_toml(generated)  # type: ignore[attr-defined]
        termbase.write_text(text, encoding="utf-8")
    tiny = folder / "one-line.txt"
    tiny.write_text("The OEWG met in Geneva.\n", encoding="utf-8")
    command = [*termkit_command(), "check", *check_options(termbase), str(tiny)]
    runs = cold_run_list(command, termkit_env(work), repeat)
    seconds = statistics.median(r.seconds for r in runs)
    peak = max(r.peak_mb for r in runs)
    target = 2.0 + 6.0 * max(0, concepts - 20_000) / 60_000
    met = seconds <= target and peak < TARGET_COLD_MB
    print(f"cache cold, {concepts} concepts: {seconds:.2f} s (median of {repeat}: "
          + ", ".join(f"{r.seconds:.2f}" for r in runs)
          + f"), peak {peak:.0f} MB; target {target:.1f} s, {TARGET_COLD_MB} MB: "
          + ("met" if met else "NOT met"))
    return 0 if met else 1


def fit_scaling(one: float, two: float) -> tuple[float, float]:
    """The serial part ``S`` and the parallel part ``P`` of a run that takes ``one`` seconds in
    one process and ``two`` in two, under Amdahl's model ``T(n) = S + P / n``; ValueError when
    the times fit no such model (two processes no faster, or more than twice as fast). Whatever
    two processes lose to each other on the machine measured (the parent's share of its CPUs)
    counts as serial; costs that grow with n (a fork per worker) are in neither part."""
    if not one / 2 <= two < one:
        raise ValueError(f"{one:.3f} s in one process and {two:.3f} s in two fit no T(n) = S + P/n")
    parallel = 2 * (one - two)
    return one - parallel, parallel


def scaling(work: Path, repeat: int) -> int:
    """Target 3 on more CPUs than this machine has. The 1,000 files are checked with ``--jobs
    1`` and ``--jobs 2`` (the latter under ``phases.py``, which notes when the parent receives
    the first and the last result), alternating with grep writing its matches (one process,
    whatever the CPUs); medians. Two estimates of T(n) = S + P / n for n processes:

    - fitted (:func:`fit_scaling`) to the two times: on two CPUs, the parent's share of them
      counts as serial; doubling the difference of two times doubles their noise too;
    - timeline: S is the ``--jobs 2`` run outside its first-to-last-result stretch (Python's
      start, termbase, walk, automata, fork, the first batch, the end), P the rest of ``--jobs
      1``. It is the kinder one: P then divides perfectly, and the pool's setup in S is not in
      the one-process run it is taken from.

    Neither counts what grows with n: forking costs the parent some 2 ms a worker. Exit 0: the
    target itself is measured by the main run, on this machine's CPUs."""
    prepare_workload(work, FULL, regenerate=False)
    termbase, variants, markdown = work / "termbase.toml", work / "variants.txt", work / "md"
    files = sorted(str(p) for p in markdown.glob("*.md"))
    env = termkit_env(work)
    options = ["check", *check_options(termbase)]
    check = [*termkit_command(), *options]
    timed = [sys.executable, str(HERE / "phases.py"), *options]
    grep, grep_env = grep_command(variants)
    grep += files
    run_once([*check, "--jobs", "1", str(markdown)], env)  # fills the compiled cache
    one_runs: list[float] = []
    two_runs: list[float] = []
    serial_runs: list[float] = []
    grep_runs: list[float] = []
    with tempfile.TemporaryDirectory(prefix="termkit-scaling-") as folder:
        timeline = Path(folder) / "timeline.json"
        for _ in range(repeat):
            one_runs.append(run_once([*check, "--jobs", "1", str(markdown)], env).seconds)
            timeline.unlink(missing_ok=True)
            two = run_once([*timed, "--jobs", "2", str(markdown)],
                           {**env, "TERMKIT_PHASES_JSON": str(timeline)}).seconds
            if not timeline.exists():
                raise SystemExit("phases.py noted no first and last result: were there workers?")
            stretch = json.loads(timeline.read_text(encoding="utf-8"))["first_to_last_result"]
            two_runs.append(two)
            serial_runs.append(two - stretch)
            grep_runs.append(run_once(grep, grep_env).seconds)
    one, two, grep_s = (statistics.median(runs) for runs in (one_runs, two_runs, grep_runs))
    serial = statistics.median(serial_runs)
    print(f"{len(files)} Markdown files, medians of {repeat} alternating runs: --jobs 1 "
          f"{one:.3f} s, --jobs 2 {two:.3f} s, grep -F -o {grep_s:.3f} s\n")
    print(f"{'T(n) = S + P / n':<18}{'S':>8}{'P':>8}"
          + "".join(f"{f'{n} CPUs':>16}" for n in (2, 4, 8, 16)))
    for name, parts in (("fitted", _fitted(one, two)), ("timeline", (serial, one - serial))):
        if parts is None:
            print(f"{name:<18}  no fit: two processes were no faster, or more than twice as fast")
            continue
        predicted = [parts[0] + parts[1] / n for n in (2, 4, 8, 16)]
        print(f"{name:<18}{parts[0]:>8.3f}{parts[1]:>8.3f}"
              + "".join(f"{t:>8.3f} {t / grep_s:>4.2f}x" for t in predicted))
    print(f"\n(seconds, and the ratio to grep; target {TARGET_FILES}x. The 2-CPU column against "
          f"--jobs 2's {two:.3f} s says how far each estimate is off on this machine.)")
    return 0


def floor(work: Path, repeat: int) -> int:
    """How far a check could get by doing less per hit. On the corpus and on the 1,000 files,
    ``floor.py`` (one process: start, termbase and automata, then per file: read, normalise,
    languages, case fold, encode, the native scans, with nothing done with their hits),
    ``termkit check`` (its default jobs) and grep writing its matches run in turn, ``repeat``
    times; medians, and the floor's phase split from its runs. The floor is a lower bound (see
    floor.py): when it alone exceeds a target, no work saved per hit meets it: the per-byte
    work itself must shrink (fewer or cheaper passes, compiled code). Exit 0: this measures,
    the main run judges the targets."""
    prepare_workload(work, FULL, regenerate=False)
    termbase, corpus = work / "termbase.toml", work / "corpus.txt"
    variants, markdown = work / "variants.txt", work / "md"
    files = sorted(str(p) for p in markdown.glob("*.md"))
    env = termkit_env(work)
    grep, grep_env = grep_command(variants)
    check = [*termkit_command(), "check", *check_options(termbase)]
    print(f"medians of {repeat} alternating runs (seconds, and the ratio to grep -F -o)\n")
    print(f"{'workload':<24}{'grep':>8}{'floor':>16}{'termkit':>16}{'target':>8}  floor's phases")
    for name, target, targets, checked in (
        ("(a) corpus", TARGET_CORPUS, [str(corpus)], [str(corpus)]),
        (f"(b) {len(files)} Markdown files", TARGET_FILES, files, [str(markdown)]),
    ):
        run_once([*check, *checked], env)  # fills the compiled cache
        runs: dict[str, list[float]] = {"grep": [], "floor": [], "termkit": []}
        phases: dict[str, list[float]] = {}
        with tempfile.TemporaryDirectory(prefix="termkit-floor-") as folder:
            split = Path(folder) / "floor.json"
            for _ in range(repeat):
                runs["grep"].append(run_once([*grep, *targets], grep_env).seconds)
                runs["floor"].append(run_once(
                    [sys.executable, str(HERE / "floor.py"), "--termbase", str(termbase),
                     "--json", str(split), *targets], env).seconds)
                for phase, seconds in json.loads(split.read_text(encoding="utf-8"))[
                    "phases"
                ].items():
                    phases.setdefault(phase, []).append(seconds)
                runs["termkit"].append(run_once([*check, *checked], env).seconds)
        grep_s, floor_s, termkit_s = (statistics.median(runs[k]) for k in runs)
        split_ms = ", ".join(
            f"{phase} {statistics.median(seconds) * 1000:.0f}" for phase, seconds in phases.items()
        )
        print(f"{name:<24}{grep_s:>8.3f}{floor_s:>9.3f} {floor_s / grep_s:>5.2f}x"
              f"{termkit_s:>9.3f} {termkit_s / grep_s:>5.2f}x{target:>7.1f}x  {split_ms} ms")
    print("\n(floor: one process, whole-process time, a lower bound of the per-byte work; what "
          "termkit takes beyond it is mostly its work per hit, per paragraph and per file.)")
    return 0


def _fitted(one: float, two: float) -> tuple[float, float] | None:
    try:
        return fit_scaling(one, two)
    except ValueError:
        return None


def small_run(work: Path, repeat: int, profile_it: bool, top: int) -> int:
    """Time ``termkit check`` on the two example drafts (what a pre-commit hook runs on a small
    commit) and ``python -c "import click"`` in turn; the target is 80 ms or twice the latter,
    whichever is larger. With ``profile_it``, cProfile the run afterwards."""
    env = termkit_env(work)
    drafts = [str(EXAMPLES / "draft-en.md"), str(EXAMPLES / "draft-zh.md")]
    termkit = [*termkit_command(), "check", "--fail-on", "never", *drafts]
    click_only = [sys.executable, "-c", "import click"]
    for _ in range(2):  # bytecode, the compiled cache and the patterns written
        run_once(termkit, env)
        run_once(click_only, env)
    termkit_s, click_s = [], []
    for _ in range(repeat):
        termkit_s.append(run_once(termkit, env).seconds)
        click_s.append(run_once(click_only, env).seconds)
    ours, floor = statistics.median(termkit_s), statistics.median(click_s)
    target = max(TARGET_SMALL_S, 2 * floor)
    print(f"termkit check draft-en.md draft-zh.md   {ours * 1000:6.0f} ms (median of {repeat})")
    print(f"python -c 'import click'               {floor * 1000:6.0f} ms")
    print(f"target: max(80 ms, 2 x import click) = {target * 1000:.0f} ms: "
          + ("met" if ours <= target else f"NOT met ({ours / floor:.2f}x import click)"))
    if profile_it:
        profile(["check", "--fail-on", "never", *drafts], env, work, top)
    return 0 if ours <= target else 1


def long_document(work: Path, compare_whole: bool, regenerate: bool) -> int:
    """Check one 100 MB file, the workload's corpus ten times over, as termkit does (in blocks
    of paragraphs) and, with ``compare_whole``, whole; print the time, the peak memory and
    whether the findings (JSON) are the same. Exit 1 over 300 MB or when they differ."""
    prepare_workload(work, FULL, regenerate)
    corpus = (work / "corpus.txt").read_text(encoding="utf-8").rstrip("\n")
    path = work / "long-100mb.txt"
    if not path.exists() or regenerate:
        path.write_text("\n\n".join([corpus] * 10) + "\n", encoding="utf-8")
    del corpus
    env = termkit_env(work)
    termkit = termkit_command()
    options = ["--termbase", str(work / "termbase.toml"), "--no-default-termbase"]
    # Warm the cache with a mixed head of the file: the tables of every language it needs are then
    # loaded, not built (a build peaks at the termbase's size, not the document's). A one-line
    # English warm-up left the Chinese tables to the measured run: 261 MB instead of 200.
    head = work / "long-100mb-head.txt"
    with path.open(encoding="utf-8") as stream:
        head.write_text(stream.read(64 * 1024), encoding="utf-8")
    run_once([*termkit, "check", *options, "--fail-on", "never", str(head)], env)
    ways = {"in blocks": env}
    if compare_whole:
        ways["whole"] = {**env, "TERMKIT_WHOLE_DOCUMENTS": "1"}
    print(f"{path.stat().st_size / 1e6:.0f} MB file: {path}")
    print(f"{'checked':<12}{'seconds':>9}{'peak MB':>9}{'findings':>10}")
    outputs, peaks = [], []
    for label, way in ways.items():
        found = work / f"long-100mb-{label.replace(' ', '-')}.json"
        command = [*termkit, "check", *options, "--fail-on", "never", "--format", "json",
                   "--output-file", str(found), str(path)]
        run = run_once(command, way)
        outputs.append(found.read_bytes())
        peaks.append(run.peak_mb)
        count = len(json.loads(outputs[-1]))
        print(f"{label:<12}{run.seconds:>9.2f}{run.peak_mb:>9.0f}{count:>10}")
    same = len(set(outputs)) == 1
    if compare_whole:
        print("findings: " + ("byte-identical" if same else "DIFFERENT"))
    return 0 if same and peaks[0] < TARGET_MEMORY_MB else 1


# One paragraph as PDF text without blank lines often is: Chinese and English sentences in turn.
LONG_PARAGRAPH_UNIT = "与会代表讨论了多边环境协议。The open-ended working group met. "


def long_paragraph(work: Path, repeat: int) -> int:
    """Time ``termkit check`` (shipped termbase) on one paragraph of 1, 2 and 4 MB; print the
    medians, the time per MB and each doubling's growth (2.0 is linear; issue 13 measured 4.6
    when a hit rebuilt the paragraph's run starts). Exit 1 when a doubling grows over 2.5."""
    work.mkdir(parents=True, exist_ok=True)
    env = termkit_env(work)
    termkit = termkit_command()
    unit_bytes = len(LONG_PARAGRAPH_UNIT.encode("utf-8"))
    medians: list[float] = []
    print(f"{'paragraph':>10}  {'seconds':>8}  {'s per MB':>8}  {'growth':>6}  {'peak MB':>7}")
    for megabytes in (1, 2, 4):
        path = work / f"paragraph-{megabytes}mb.txt"
        path.write_text(LONG_PARAGRAPH_UNIT * (megabytes * 1_000_000 // unit_bytes), "utf-8")
        command = [*termkit, "check", "--fail-on", "never", "-q", str(path)]
        run_once(command, env)  # warm the cache
        runs = [run_once(command, env) for _ in range(repeat)]
        seconds = statistics.median(r.seconds for r in runs)
        growth = f"{seconds / medians[-1]:.2f}" if medians else "-"
        medians.append(seconds)
        peak = max(r.peak_mb for r in runs)
        print(f"{megabytes:>8} MB  {seconds:>8.2f}  {seconds / megabytes:>8.2f}  {growth:>6}  "
              f"{peak:>7.0f}")
    linear = all(later / earlier <= 2.5 for earlier, later in itertools.pairwise(medians))
    return 0 if linear else 1


if __name__ == "__main__":
    sys.exit(main())
