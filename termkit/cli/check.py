"""``termkit check``: the terminology linter for draft bulletins and pre-commit."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from termkit.cli.options import (
    check_config_languages,
    check_config_rules,
    document_options,
    load_config_from,
    load_termbase_from,
    termbase_options,
    user_errors,
    verbosity_options,
)
from termkit.config import FAIL_ON
from termkit.errors import WriteError
from termkit.i18n import T_, _
from termkit.process import command_ends_process

if TYPE_CHECKING:  # the analysis and the runner load when a check runs, not for --help
    from termkit.config import CheckConfig
    from termkit.model import Termbase
    from termkit.runner import (
        DocumentOptions,
        FileResult,
        Report,
        RunOptions,
        TranslationOptions,
    )
    from termkit.settings import CheckSettings

class _Similarity(click.FloatRange):
    """A similarity from 0 to 100; ``nan`` (which every comparison lets through) is not one."""

    name = "similarity"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if number != number:  # NaN
            self.fail(T_("{value!r} is not a number from 0 to 100.", value=value), param, ctx)
        return number


_SIMILARITY = _Similarity(0, 100)

PROGRESS_THRESHOLD = 20  # files; fewer finish before a bar would be worth drawing


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
  termkit check job.xlf                     # a translation: XLIFF, TMX, PO, TSV/CSV
  termkit check draft.zh.md --source draft.en.md
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
              type=click.Choice(["text", "json", "json-report", "sarif", "github"]),
              default="text", show_default=True, help="Output format (json-report: the json "
              "findings in an object with its format version and the run's counts).")
@click.option("--fix", is_flag=True, help="Apply unambiguous fixes in place (atomic writes).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--encoding", help="Decode files without a BOM with this encoding (e.g. gb18030).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching GLOB "
              "when walking folders (repeatable).")
@click.option("--near-miss-threshold", type=_SIMILARITY, metavar="0-100",
              help="Similarity (0-100) from which a long form is a near miss (default 65).")
@click.option("--report-unused-suppressions", is_flag=True,
              help="Also report suppression comments that hide nothing (TK001).")
@click.option("--show-source/--no-show-source", default=None,
              help="Show each finding's line with a caret (default: on a terminal).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), metavar="N",
              help="Check files in N processes (default 0: one per CPU when there are "
              "enough files; 1: in this process only).")
@click.option("--force-exclude", is_flag=True, help="Apply --exclude and the configuration's "
              "exclude to files named one by one too (the pre-commit hooks do).")
@click.option("--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
              help="In folders inside a git work tree, skip what .gitignore files ignore.")
@click.option("--stdin-filename", metavar="PATH", help="The name standard input is reported "
              "under and judged by (Markdown or not, per-file ignores).")
@click.option("--statistics", is_flag=True, help="Print the count of findings by rule instead "
              "of the findings (text or json).")
@click.option("--show-fixes", is_flag=True, help="With --fix, list the fixes made by file "
              "and rule.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are found or files "
              "fixed (2 still means an error).")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings that this baseline file does not record.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              metavar="FILE", help="Record today's findings in FILE as the baseline; exit 0.")
@click.option("--source", "source_path", metavar="PATH", help="Check the one PATH as a "
              "translation of this source document, aligned paragraph by paragraph (TK3xx).")
@click.option("--source-lang", help="The source's language in a translation check (default: "
              "the file's, or by script).")
@click.option("--columns", metavar="COLS", help="A bilingual table's columns: language tags, "
              "id, or - for one to leave out (e.g. id,en,zh).")
@click.option("--check-source", is_flag=True, help="In a translation check, run the document "
              "rules on the source side too.")
@click.option("--docx-parts", metavar="PARTS", help="The parts of Word documents to read: body, "
              "footnotes, endnotes, headers, footers (default: body,footnotes,endnotes).")
@click.option("--annotate", metavar="OUT", help="Write a copy of each Word document with a "
              "comment per finding: to OUT.docx for one document, else into the folder OUT.")
@click.option("--track-changes", is_flag=True, help="With --fix, write a Word document's fixes "
              "as tracked changes.")
@click.option("--message-lang", metavar="LANG", help="The language of the findings' messages "
              "(en, fr, zh). Default: the interface language for text, English for json, "
              "json-report, sarif and github.")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@document_options
@termbase_options
@verbosity_options
def check(paths: tuple[str, ...], **given: Any) -> None:
    """Check documents against the termbase and report, with line and column,
    deprecated terms, inconsistent renderings, near misses and misused acronyms.

    PATHS are files, folders (their .txt, .md, .markdown and .rst files,
    hidden folders skipped) or - for standard input. Markdown code, URLs and
    link targets are not checked. Lines containing "termkit: ignore" (or
    "termkit: ignore TK101") are skipped; in Markdown, so is everything
    between <!-- termkit: off --> and <!-- termkit: on -->.

    A bilingual file named (.xlf, .xliff, .sdlxliff, .tmx, .po, .tsv, .csv)
    is checked as a translation, each segment's target against its source;
    so is PATH against the document that --source names. --lang is then the
    target's language.

    Word (.docx), HTML (.html, .htm) and PDF files named are read as such
    (folders yield them with --include docx,html,pdf). In a Word document the
    line is the paragraph; in a PDF, findings are at page:line:column.
    --annotate OUT.docx writes a copy with a comment per finding.

    Exit status: 0 when nothing at or above --fail-on was found (or, with
    --fix, nothing changed), 1 when something was (or a file was fixed), 2 on
    bad usage or unreadable input.
    """
    options = _Options(**given)  # every option, typed
    with user_errors():
        if options.list_rules:
            _print_rules()
            return
        if not paths:
            raise click.UsageError(
                T_(
                    "give PATHS to check (files, folders, or - for stdin)",
                ),
            )
        if options.statistics and options.output_format not in ("text", "json"):
            raise click.UsageError(
                "--statistics prints text or json, not " + options.output_format
            )
        command_ends_process()  # what it loads and finds lives to the end (termkit.process)
        config = load_config_from(options.config_path)
        termbase = load_termbase_from(options.termbases, options.no_default_termbase, config)
        check_config_languages(config, termbase)
        check_config_rules(config)
        _set_message_language(options.message_lang, options.output_format)
        code = _run(paths, termbase, options.settings(config), options.run_options(config),
                    options.output())
    sys.exit(0 if options.exit_zero and code == 1 else code)


def _set_message_language(given: str | None, output_format: str) -> None:
    """Findings' messages in --message-lang's language, else the interface language for the
    text report and English for machine output (which does not change with the locale)."""
    from termkit.i18n import LANGUAGES, interface_language, set_message_language

    if given is not None:
        lang = given.replace("_", "-").split("-")[0].lower()
        if lang not in LANGUAGES:
            raise click.BadParameter(
                T_(
                    "{given!r}: messages are in {value}",
                    given=given, value=', '.join(LANGUAGES),
                ), param_hint="--message-lang"
            )
        set_message_language(lang)
    else:
        set_message_language(interface_language() if output_format == "text" else "en")


@dataclass(frozen=True)
class _Options:
    """The command line's options, as click passes them."""

    lang: str | None
    latin_lang: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: str | None
    output_format: str
    fix: bool
    diff: bool
    encoding: str | None
    exclude: tuple[str, ...]
    near_miss_threshold: float | None
    report_unused_suppressions: bool
    show_source: bool | None
    jobs: int | None
    force_exclude: bool
    respect_gitignore: bool
    stdin_filename: str | None
    statistics: bool
    show_fixes: bool
    output_file: Path | None
    exit_zero: bool
    baseline: Path | None
    write_baseline: Path | None
    source_path: str | None
    source_lang: str | None
    columns: str | None
    check_source: bool
    input_format: str | None
    include: tuple[str, ...]
    docx_parts: str | None
    annotate: str | None
    track_changes: bool
    message_lang: str | None
    list_rules: bool
    termbases: tuple[Path, ...]
    no_default_termbase: bool
    config_path: Path | None
    verbosity: int

    def settings(self, config: CheckConfig) -> CheckSettings:
        """How to check: the command line's options, else the configuration's."""
        from termkit.settings import CheckSettings
        from termkit.text.languages import AUTO

        select = _split(self.select) or config.select
        return CheckSettings(
            lang=self.lang or config.lang,
            latin_lang=self.latin_lang or config.latin_lang or AUTO,
            select=_selection(select, self.report_unused_suppressions),
            ignore=[*config.ignore, *_split(self.ignore)],
            per_file_ignores=config.per_file_ignores,
            near_miss_threshold=_first(self.near_miss_threshold, config.near_miss_threshold, 65.0),
            severity=config.severity,
        )

    def run_options(self, config: CheckConfig) -> RunOptions:
        """How to go over the files."""
        from termkit.runner import RunOptions

        return RunOptions(
            encoding=self.encoding, exclude=[*config.exclude, *self.exclude], fix=self.fix,
            diff=self.diff, jobs=self.jobs if self.jobs is not None else config.jobs or 0,
            fail_on=self.fail_on or config.fail_on or "warning",
            stdin_filename=self.stdin_filename, force_exclude=self.force_exclude,
            respect_gitignore=self.respect_gitignore, translation=self.translation(),
            documents=self.documents(config),
        )

    def documents(self, config: CheckConfig) -> DocumentOptions:
        """How to read Word, HTML and PDF documents, and what to write of them."""
        from termkit.cli.options import included_formats
        from termkit.documents import DOCX_PARTS
        from termkit.runner import DocumentOptions

        include = included_formats(self.include, config)
        parts = _split((self.docx_parts,)) if self.docx_parts else []
        for name in parts:
            if name not in DOCX_PARTS:
                raise click.BadParameter(
                    T_("{given!r}: the parts are {value}", given=name,
                       value=", ".join(DOCX_PARTS)), param_hint="--docx-parts")
        return DocumentOptions(
            input_format=self.input_format, include=tuple(include), docx_parts=tuple(parts),
            annotate=self.annotate, track_changes=self.track_changes,
        )

    def translation(self) -> TranslationOptions | None:
        """A translation check's options, when one is asked for (else bilingual files are
        still checked as translations, with the languages they say)."""
        from termkit.runner import TranslationOptions

        return TranslationOptions(
            source=self.source_path, source_lang=self.source_lang,
            columns=tuple(_split((self.columns,))) if self.columns else (),
            check_source=self.check_source,
        )

    def output(self) -> _Output:
        return _Output(
            self.output_format, self.show_source, self.verbosity, self.statistics,
            self.show_fixes, self.output_file, self.baseline, self.write_baseline,
        )


@dataclass(frozen=True)
class _Output:
    """What to print, and where."""

    format: str
    show_source: bool | None
    verbosity: int
    statistics: bool
    show_fixes: bool
    file: Path | None
    baseline: Path | None = None
    write_baseline: Path | None = None


def _first(*values: float | None) -> float:
    """The first value set: the command line's, the configuration's, the default."""
    return next(value for value in values if value is not None)


def _selection(select: list[str] | tuple[str, ...], unused_suppressions: bool) -> list[str]:
    """The rules selected, with TK001 added for --report-unused-suppressions (to the default
    rules when none were selected)."""
    if not unused_suppressions:
        return list(select)
    from termkit.rules import all_rules

    return [*(select or [r.code for r in all_rules() if r.default]), "TK001"]


def _print_rules() -> None:
    from termkit.rules import all_rules

    for registered in all_rules():
        state = "" if registered.default else "  (off unless selected)"
        click.echo(
            f"{registered.code}  {registered.name:<24} {registered.severity.value:<8} "
            f"{registered.description}{state}"
        )


def _run(
    paths: tuple[str, ...],
    termbase: Termbase,
    settings: CheckSettings,
    options: RunOptions,
    output: _Output,
) -> int:
    """Check the files, printing what each gives as it comes in, then the report; the exit code."""
    from termkit.runner import check_paths
    from termkit.text.document import write_stdout_bytes

    progress = _Progress(output.verbosity)

    def print_file(result: FileResult) -> None:
        progress.advance()
        if result.output is not None:
            write_stdout_bytes(result.output)
        for note in result.notes:
            click.echo(note, err=True)
        if output.show_fixes and result.fixed:
            _show_fixes(result)
        _say_language(result, output.verbosity)
        if result.segments is not None and output.verbosity >= 0:
            checked, skipped, with_findings = result.segments
            click.echo(
                "termkit: " + _(
                    "{path}: {checked} segment(s) checked, {skipped} skipped (untranslated or "
                    "empty), {with_findings} with findings"
                ).format(path=result.path, checked=checked, skipped=skipped,
                         with_findings=with_findings),
                err=True,
            )
        if result.diff:
            sys.stdout.write(result.diff)

    try:
        report = check_paths(
            paths, termbase, settings, options, on_start=progress.start, on_file=print_file
        )
    finally:
        progress.stop()
    if output.write_baseline is not None:
        return _write_baseline(report, output.write_baseline)
    if output.baseline is not None:
        report = _without_baseline(report, output.baseline)
    if not options.diff:
        # With --fix on stdin, stdout carries the text: the report goes to stderr.
        to_stderr = options.fix and "-" in paths
        _write_report(report, output, sys.stderr if to_stderr else sys.stdout)
    return report.exit_code


def _write_baseline(report: Report, path: Path) -> int:
    """--write-baseline: today's findings recorded; 0 unless a file could not be read."""
    from termkit.baseline import write_baseline

    try:
        count = write_baseline(path, report.findings)
    except OSError as error:
        raise WriteError(T_("cannot write: {reason}", reason=error.strerror or error), str(path)) from None
    click.echo(_("Recorded {count} finding(s) in {path}").format(count=count, path=path), err=True)
    return 2 if report.unreadable else 0


def _without_baseline(report: Report, path: Path) -> Report:
    """--baseline: the report less the findings the baseline records."""
    from dataclasses import replace

    from termkit.baseline import filter_baseline, read_baseline

    kept = filter_baseline(report.findings, read_baseline(path), path)
    return replace(report, findings=tuple(kept))


def _show_fixes(result: FileResult) -> None:
    """--show-fixes: the fixes made in a file, counted by rule, as ruff lists them."""
    from collections import Counter

    counts = Counter((f.code, f.rule) for f in result.fixed)
    click.echo(_("Fixed in {path}:").format(path=result.path), err=True)
    for (code, rule), count in sorted(counts.items()):
        click.echo(f"    {count} × {code} ({rule})", err=True)


def _write_report(report: Report, output: _Output, stream: TextIO) -> None:
    """The report on ``stream``, or into --output-file (written whole, atomically)."""
    if output.file is None:
        _report(report, output, stream)
        return
    import io

    from termkit.files import write_file

    buffer = io.StringIO()
    _report(report, output, buffer)
    try:
        write_file(output.file, buffer.getvalue().encode("utf-8"))
    except OSError as error:
        raise WriteError(
            T_("cannot write: {reason}", reason=error.strerror or error), str(output.file)
        ) from None


def _say_language(result: FileResult, verbosity: int) -> None:
    """Under -v, the language each file's Latin-script text was read in and why; a warning when
    it was taken by default in a file mostly in Latin script (its words did not say)."""
    if result.latin_lang is None or result.latin_choice is None:
        return
    if verbosity < 0 or (verbosity == 0 and not result.language_unsure):
        return  # nothing to say: no language name to look up (Babel's data takes 0.15 s)
    from termkit.analysis import LanguageChoice
    from termkit.i18n import interface_language
    from termkit.langtags import display_name

    name = display_name(result.latin_lang, interface_language())
    if result.language_unsure:
        click.echo(
            "termkit: warning: " + _(
                "{path}: its words do not say whether it is English or French; read as {name} "
                "(say which with --latin-lang or --lang)"
            ).format(path=result.path, name=name),
            err=True,
        )
    elif verbosity > 0:
        how = {
            LanguageChoice.GIVEN: _("as set"),
            LanguageChoice.GUESSED: _("as its words say"),
            LanguageChoice.DEFAULT: _("by default: its words do not say"),
        }[result.latin_choice]
        click.echo("termkit: " + _("{path}: Latin-script text read as {name}, {how}").format(
            path=result.path, name=name, how=how), err=True)


def _write_json(document: object, stream: TextIO) -> None:
    """``document`` as indented JSON and a line break, written as it is encoded: a long
    document's findings are never one string in memory."""
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _report(report: Report, output: _Output, stream: TextIO) -> None:
    from termkit.render.findings import (
        findings_to_github,
        findings_to_json,
        findings_to_sarif,
        print_findings_text,
        statistics,
        statistics_lines,
    )

    findings = list(report.findings)
    if output.statistics:
        if output.format == "json":
            text = json.dumps(statistics(findings), ensure_ascii=False, indent=2)
        else:
            text = "\n".join(statistics_lines(findings))
        if text:
            click.echo(text, file=stream)
    elif output.format == "json":
        _write_json(findings_to_json(findings), stream)
    elif output.format == "json-report":
        from termkit.render.findings import findings_report

        document = findings_report(
            findings, files=report.files, unreadable=report.unreadable, changed=report.changed,
            segments=report.segments,
        )
        _write_json(document, stream)
    elif output.format == "sarif":
        from termkit.rules import all_rules

        _write_json(findings_to_sarif(findings, all_rules()), stream)
    elif output.format == "github":
        for line in findings_to_github(findings):
            click.echo(line, file=stream)
    else:
        print_findings_text(
            findings, report.sources, stream, files=report.files,
            show_source=output.show_source, summary=output.verbosity >= 0,
        )
    if output.verbosity > 0 and not findings:
        click.echo(_("No findings in {files} file(s).").format(files=report.files), err=True)


class _Progress:
    """A progress bar on stderr when many files are checked on a terminal; else nothing."""

    def __init__(self, verbosity: int) -> None:
        self.verbosity = verbosity
        self._bar: Any = None
        self._task: Any = None

    def start(self, total: int, jobs: int) -> None:
        """Called once the workers (if any) are forked: the bar's thread starts after them."""
        if self.verbosity > 0:
            click.echo("termkit: " + _("checking {total} file(s) in {jobs} process(es)").format(
                total=total, jobs=jobs), err=True)
        if total < PROGRESS_THRESHOLD or self.verbosity < 0 or not sys.stderr.isatty():
            return
        from rich.progress import Progress

        from termkit.render.console import make_console

        self._bar = Progress(console=make_console(stderr=True), transient=True)
        self._bar.start()
        self._task = self._bar.add_task("checking", total=total)

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
