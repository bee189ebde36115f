"""``termkit check``: the terminology linter for draft bulletins and pre-commit."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from termkit.cli.options import (
    load_config_from,
    load_termbase_from,
    termbase_options,
    user_errors,
    verbosity_options,
)

FAIL_ON = ("error", "warning", "info", "never")
PROGRESS_THRESHOLD = 20  # files; fewer finish before a bar would be worth drawing
MIN_FILES_PER_JOB = 8  # with --jobs 0, fewer files per process do not pay for forking it


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command(
    epilog="""\b
Examples:
  termkit check draft.md                    # one file
  termkit check bulletins/ --lang zh        # a folder, as Chinese
  termkit check draft.md --fix              # apply unambiguous fixes in place
  termkit check draft.md --diff             # show the fixes, write nothing
  termkit check . --format sarif > termkit.sarif
  termkit check draft.md --select TK1 --ignore TK103 --fail-on error
  termkit check bulletins/ --jobs 1         # in one process
  cat draft.txt | termkit check -
"""
)
@click.argument("paths", nargs=-1)
@click.option("--lang", "-l", help="The documents' language (zh, en, fr…). Default: by script, "
              "per paragraph (Han: zh; Latin: --latin-lang).")
@click.option("--latin-lang", help="The language of Latin-script passages: en, fr… or auto "
              "(the default: English or French, guessed per document from its words).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Run only these rules: codes (TK101), prefixes (TK2), names, or ALL.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules.")
@click.option("--fail-on", type=click.Choice(FAIL_ON),
              help="Exit 1 when a finding at or above this severity is found (default warning).")
@click.option("--format", "-f", "output_format",
              type=click.Choice(["text", "json", "sarif", "github"]), default="text",
              show_default=True, help="Output format.")
@click.option("--fix", is_flag=True, help="Apply unambiguous fixes in place (atomic writes).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--encoding", help="Decode files without a BOM with this encoding (e.g. gb18030).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching GLOB "
              "when walking folders (repeatable).")
@click.option("--near-miss-threshold", type=click.FloatRange(0, 100),
              help="Similarity (0-100) from which a long form is a near miss (default 65).")
@click.option("--show-source/--no-show-source", default=None,
              help="Show each finding's line with a caret (default: on a terminal).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), metavar="N",
              help="Check files in N processes (default 0: one per CPU when there are "
              "enough files; 1: in this process only).")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@termbase_options
@verbosity_options
def check(
    paths: tuple[str, ...],
    lang: str | None,
    latin_lang: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    output_format: str,
    fix: bool,
    diff: bool,
    encoding: str | None,
    exclude: tuple[str, ...],
    near_miss_threshold: float | None,
    show_source: bool | None,
    jobs: int | None,
    list_rules: bool,
    termbases: tuple[Path, ...],
    no_default_termbase: bool,
    config_path: Path | None,
    verbosity: int,
) -> None:
    """Check documents against the termbase and report, with line and column,
    deprecated terms, inconsistent renderings, near misses and misused acronyms.

    PATHS are files, folders (their .txt, .md, .markdown and .rst files,
    hidden folders skipped) or - for standard input. Markdown code, URLs and
    link targets are not checked. Lines containing "termkit: ignore" (or
    "termkit: ignore TK101") are skipped; in Markdown, so is everything
    between <!-- termkit: off --> and <!-- termkit: on -->.

    Exit status: 0 when nothing at or above --fail-on was found (or, with
    --fix, nothing changed), 1 when something was (or a file was fixed), 2 on
    bad usage or unreadable input.
    """
    from termkit.check import CheckSettings
    from termkit.text.segments import AUTO

    with user_errors():
        if list_rules:
            _print_rules()
            return
        if not paths:
            raise click.UsageError("give PATHS to check (files, folders, or - for stdin)")
        config = load_config_from(config_path)
        settings = CheckSettings(
            lang=lang or config.get("lang"),
            latin_lang=latin_lang or config.get("latin-lang", AUTO),
            select=_split(select) or config.get_list("select"),
            ignore=[*config.get_list("ignore"), *_split(ignore)],
            per_file_ignores=_per_file_ignores(config),
            near_miss_threshold=(
                near_miss_threshold
                if near_miss_threshold is not None
                else float(config.get("near-miss-threshold", 65.0))
            ),
        )
        threshold = fail_on or config.get("fail-on", "warning")
        if threshold not in FAIL_ON:
            from termkit.errors import TermbaseError

            raise TermbaseError(f"'fail-on' must be one of {', '.join(FAIL_ON)}", str(config.path))
        termbase = load_termbase_from(termbases, no_default_termbase, config_path)
        excluded = [*config.get_list("exclude"), *exclude]
        code = _run(
            paths, termbase, settings, encoding, excluded, output_format, fix, diff,
            threshold, show_source, verbosity, _jobs_setting(jobs, config),
        )
    sys.exit(code)


def _jobs_setting(jobs: int | None, config: Any) -> int:
    from termkit.errors import TermbaseError

    if jobs is not None:
        return jobs
    value = config.get("jobs", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TermbaseError("'jobs' must be a whole number, 0 for one per CPU", str(config.path))
    return value


def _per_file_ignores(config: Any) -> dict[str, list[str]]:
    from termkit.errors import TermbaseError

    table = config.get("per-file-ignores", {})
    if not isinstance(table, dict):
        raise TermbaseError("'per-file-ignores' must be a table of glob = [codes]", str(config.path))
    return {glob: [codes] if isinstance(codes, str) else list(codes) for glob, codes in table.items()}


def _print_rules() -> None:
    from termkit.rules import all_rules

    for registered in all_rules():
        state = "" if registered.default else "  (off unless selected)"
        click.echo(
            f"{registered.code}  {registered.name:<24} {registered.severity.value:<8} "
            f"{registered.description}{state}"
        )


@dataclass
class _Job:
    """What every file of one run is checked with (inherited by forked workers)."""

    termbase: Any
    settings: Any
    encoding: str | None
    fix: bool
    diff: bool


@dataclass
class _FileResult:
    """One file's outcome, sent back from a worker: its findings and what to print for it."""

    path: str
    findings: list[Any] = field(default_factory=list)
    text: str | None = None  # None when the file was skipped or unreadable
    notes: list[str] = field(default_factory=list)  # lines for stderr, in order
    diff: str = ""
    unreadable: bool = False
    changed: bool = False


def _check_file(path: str | Path, job: _Job) -> _FileResult:
    from termkit.check import apply_fixes, check_text
    from termkit.errors import InputError
    from termkit.termbase.cache import paused_gc
    from termkit.text import BinaryFileError, is_markdown_path, read_document, write_document
    from termkit.text.document import STDIN_PATH, encode_document, write_stdout_bytes

    try:
        document = read_document(path, job.encoding)
    except BinaryFileError as exc:
        return _FileResult(str(path), notes=[f"termkit: skipped {exc.path}: {exc.message}"])
    except InputError as exc:
        return _FileResult(str(path), notes=[f"termkit: error: {exc}"], unreadable=True)
    # The collector would walk the document's analysis (millions of objects for 10 MB, none in
    # a reference cycle) again and again: 0.5 s of a 2.9 s check. It runs between files.
    with paused_gc():
        found = check_text(
            document.text, job.termbase, path=document.path,
            markdown=is_markdown_path(document.path), settings=job.settings,
        )
    result = _FileResult(document.path, text=document.text)
    if job.fix or job.diff:
        fixed, count = apply_fixes(document.text, [f.fix for f in found if f.fix])
        is_stdin = document.path == STDIN_PATH
        if job.fix and is_stdin:
            # A filter: the text goes to stdout, fixed or not, as it came in (encoding, BOM);
            # the findings left go to stderr. (Standard input is never sent to a worker.)
            write_stdout_bytes(encode_document(document, fixed))
        if count and fixed != document.text:
            result.changed = True
            if job.diff:
                result.diff = _diff(document.path, document.text, fixed)
            else:
                if not is_stdin:
                    write_document(document, fixed)
                result.notes.append(f"Fixed {count} in {document.path}")
            found = [f for f in found if f.fix is None]
    result.findings = found
    return result


_WORKER_JOB: _Job | None = None  # set in the parent just before it forks the workers


def _check_in_worker(path: str | Path) -> _FileResult:
    assert _WORKER_JOB is not None
    return _check_file(path, _WORKER_JOB)


def _usable_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def job_count(requested: int, files: int, paths: tuple[str, ...]) -> int:
    """How many processes check ``files`` files: ``requested``, or with 0 one per usable CPU
    when there are enough files to share out. One where workers cannot be forked (Windows,
    macOS, where forking a process that has loaded system frameworks is unsafe) or when
    standard input is among the paths (its fixes go to stdout, in order)."""
    if files < 2 or "-" in paths or sys.platform == "darwin" or requested == 1:
        return 1
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if requested > 0:
        return min(requested, files)
    return max(1, min(_usable_cpus(), files // MIN_FILES_PER_JOB))


@contextmanager
def _results(files: list[str | Path], job: _Job, jobs: int) -> Iterator[Iterator[_FileResult]]:
    """Each file's result, in the order of ``files``, from ``jobs`` processes.

    A worker that dies (killed, out of memory) ends the run with an InputError rather than a
    hang; Ctrl-C reaches the parent only, which stops the workers.
    """
    if jobs <= 1:
        yield (_check_file(path, job) for path in files)
        return
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from termkit.check import preload

    global _WORKER_JOB
    preload(job.termbase, job.settings)  # once here, shared copy-on-write by the workers
    _WORKER_JOB = job
    # Objects that live on untouched: the collector must not copy their pages into each worker.
    gc.collect()
    gc.freeze()
    executor = ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_interrupts
    )
    try:
        chunk = max(1, min(32, len(files) // (jobs * 4)))
        yield _unbroken(executor.map(_check_in_worker, files, chunksize=chunk))
    except BaseException:
        # The executor has no public way to stop running workers; shutdown() forgets them.
        workers = list((getattr(executor, "_processes", None) or {}).values())
        for process in workers:
            process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)
        for process in workers:
            process.join()
        raise
    else:
        executor.shutdown()
    finally:
        gc.unfreeze()
        _WORKER_JOB = None


def _unbroken(results: Iterator[_FileResult]) -> Iterator[_FileResult]:
    """``results``, with a pool that lost a worker reported as one line of error."""
    from concurrent.futures.process import BrokenProcessPool

    from termkit.errors import InputError

    try:
        yield from results
    except BrokenProcessPool:
        raise InputError(
            "a worker process died (out of memory, or killed); try --jobs 1"
        ) from None


def _ignore_interrupts() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(
    paths: tuple[str, ...],
    termbase: Any,
    settings: Any,
    encoding: str | None,
    exclude: list[str],
    output_format: str,
    fix: bool,
    diff: bool,
    fail_on: str,
    show_source: bool | None,
    verbosity: int,
    jobs: int = 0,
) -> int:
    from termkit.findings import Finding, Severity
    from termkit.text import iter_document_paths

    findings: list[Finding] = []
    sources: dict[str, str] = {}
    unreadable = 0
    changed = 0
    files = list(iter_document_paths(paths, exclude, force_exclude=False))
    job = _Job(termbase, settings, encoding, fix, diff)
    # Workers are forked before the progress bar starts its thread.
    with _results(files, job, job_count(jobs, len(files), paths)) as results, _progress(
        len(files), verbosity
    ) as advance:
        for result in results:
            advance()
            for note in result.notes:
                click.echo(note, err=True)
            if result.diff:
                sys.stdout.write(result.diff)
            unreadable += result.unreadable
            changed += result.changed
            findings.extend(result.findings)
            if result.text is not None:
                sources[result.path] = result.text
    if not diff:
        # With --fix on stdin, stdout carries the text: the report goes to stderr.
        to_stderr = fix and "-" in paths
        _report(
            findings, sources, len(files), output_format, show_source, verbosity,
            stream=sys.stderr if to_stderr else sys.stdout,
        )
    if unreadable:
        return 2
    if changed:
        return 1  # pre-commit: a hook that changed files fails, so the change gets reviewed
    if fail_on == "never":
        return 0
    floor = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= floor for f in findings) else 0


def _report(
    findings: list[Any],
    sources: dict[str, str],
    files: int,
    output_format: str,
    show_source: bool | None,
    verbosity: int,
    stream: Any = None,
) -> None:
    from termkit.render.findings import (
        findings_to_github,
        findings_to_json,
        findings_to_sarif,
        print_findings_text,
    )

    stream = stream or sys.stdout
    to_stderr = stream is sys.stderr
    if output_format == "json":
        click.echo(json.dumps(findings_to_json(findings), ensure_ascii=False, indent=2),
                   err=to_stderr)
    elif output_format == "sarif":
        from termkit.rules import all_rules

        rules = [(r.code, r.name, r.severity, r.description) for r in all_rules()]
        click.echo(json.dumps(findings_to_sarif(findings, rules), ensure_ascii=False, indent=2),
                   err=to_stderr)
    elif output_format == "github":
        for line in findings_to_github(findings):
            click.echo(line, err=to_stderr)
    else:
        print_findings_text(
            findings, sources, stream, files=files, show_source=show_source,
            summary=verbosity >= 0,
        )
        if verbosity > 0 and not findings:
            click.echo(f"No findings in {files} file(s).", err=True)


def _diff(path: str, before: str, after: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{path}", tofile=f"b/{path}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


class _progress:
    """A progress bar on stderr when many files are checked on a terminal; else nothing."""

    def __init__(self, total: int, verbosity: int) -> None:
        self.total = total
        self.enabled = (
            total >= PROGRESS_THRESHOLD and verbosity >= 0 and sys.stderr.isatty()
        )
        self._bar: Any = None

    def __enter__(self) -> Any:
        if not self.enabled:
            return lambda: None
        from rich.progress import Progress

        from termkit.render.console import make_console

        self._bar = Progress(console=make_console(stderr=True), transient=True)
        self._bar.start()
        task = self._bar.add_task("checking", total=self.total)
        return lambda: self._bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
