"""``check_paths``: check a set of files and folders, fix or diff them, and say how it went.

The library behind ``termkit check PATH…``::

    from termkit import check_paths, load_termbase
    report = check_paths(["drafts/"], load_termbase())
    for finding in report.findings:
        print(finding.path, finding.line, finding.code, finding.message)
    raise SystemExit(report.exit_code)

Files are read, checked, and (with ``fix``) rewritten one by one, in one process or shared out
to forked workers; the report is the same, in the same order, either way. Printing is the
caller's: ``on_file`` sees each file's result as it comes in.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from termkit.analysis import LanguageChoice
from termkit.check import CheckSettings, DocumentCheck, check_document, preload
from termkit.config import FAIL_ON
from termkit.edits import apply_edits, choose_fixes
from termkit.errors import InputError, WriteError
from termkit.findings import Finding, Severity
from termkit.i18n import T_, _, translated
from termkit.model import Termbase
from termkit.patterns import compile_pattern
from termkit.text.languages import main_script_language

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

__all__ = [
    "FAIL_ON",
    "FileResult",
    "Report",
    "RunOptions",
    "check_file",
    "check_paths",
    "job_count",
]

MIN_FILES_PER_JOB = 8  # with jobs=0, fewer files per process do not pay for forking it


@dataclass(frozen=True)
class RunOptions:
    """How to run over files: decoding, exclusions, fixing, processes, what fails the run.

    ``jobs``: processes (0: one per usable CPU when there are enough files; 1: this one only).
    ``fail_on``: the least severity that makes the exit code 1 (``never``: findings never do).
    """

    encoding: str | None = None
    exclude: Sequence[str] = ()
    fix: bool = False
    diff: bool = False
    jobs: int = 1
    fail_on: str = "warning"
    # The name standard input is reported under, and judged by (Markdown or not, per-file
    # ignores): what an editor or pre-commit pipes in is a file of theirs.
    stdin_filename: str | None = None
    # Apply ``exclude`` to files named one by one too (pre-commit names every file it checks).
    force_exclude: bool = False
    # Skip what .gitignore files ignore when walking folders inside a git work tree.
    respect_gitignore: bool = True
    # A translation check: how to read bilingual files, and the source of parallel documents
    translation: TranslationOptions | None = None
    # Word, HTML and PDF: how to read them, and what to write
    documents: DocumentOptions | None = None

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON:
            raise InputError(
                T_(
                    "fail-on must be one of {value}, not {fail_on!r}",
                    value=', '.join(FAIL_ON), fail_on=self.fail_on,
                ),
            )


@dataclass(frozen=True)
class DocumentOptions:
    """Word, HTML and PDF documents (``termkit.documents``): ``input_format`` reads every file
    named as that format (else the extension decides); ``include`` adds formats to a folder walk
    (``docx``, ``html``, ``pdf``); ``docx_parts`` are the parts of a Word document read (default:
    body, footnotes, endnotes); ``annotate`` is where a copy of a Word document with a comment
    per finding is written (a file for one document, else a folder); ``track_changes`` writes a
    Word document's fixes as tracked changes."""

    input_format: str | None = None
    include: Sequence[str] = ()
    docx_parts: Sequence[str] = ()
    annotate: str | None = None
    track_changes: bool = False


@dataclass(frozen=True)
class TranslationOptions:
    """How to check translations: ``source`` is the source document of the one document
    checked (parallel documents; None: bilingual files carry their source); its language
    ``source_lang`` (else the file's, or guessed); ``columns`` name a bilingual table's columns;
    ``check_source`` runs the monolingual rules on the source side too."""

    source: str | None = None
    source_lang: str | None = None
    columns: Sequence[str] = ()
    check_source: bool = False


@dataclass
class FileResult:
    """One file's outcome: its findings (those left after fixing) and what to tell the user."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    text: str | None = None  # None when the file was skipped or unreadable
    notes: list[str] = field(default_factory=list)  # lines for stderr, in order
    diff: str = ""  # with diff: the unified diff of its fixes
    # Standard input with fix: the document as it goes out (fixed or not, encoding and BOM kept)
    output: bytes | None = None
    unreadable: bool = False  # or could not be written back: either way, exit code 2
    changed: bool = False
    # The language its Latin-script text was read in, and how it was chosen (None: not read)
    latin_lang: str | None = None
    latin_choice: LanguageChoice | None = None
    # Taken by default where Latin script outweighs Han: the reader should say the language
    language_unsure: bool = False
    fixed: list[Finding] = field(default_factory=list)  # with fix: the findings fixed
    # A translation check: (segments checked, skipped, with findings)
    segments: tuple[int, int, int] | None = None
    # A file checked in blocks, whose text is not kept: its encoding and its size and time as
    # checked, to read the lines of its findings again if they are shown (see SourceTexts)
    reread: tuple[str | None, tuple[int, int]] | None = None


@dataclass(frozen=True)
class Report:
    """What a run over files found and did."""

    findings: tuple[Finding, ...]
    sources: Mapping[str, str]  # path -> text, of every file read (for showing source lines)
    files: int  # files checked or tried
    unreadable: int
    changed: int
    fail_on: str
    jobs: int  # processes the files were checked in
    # Translation checks: segments (checked, skipped, with findings) over the files, or None
    segments: tuple[int, int, int] | None = None

    @property
    def exit_code(self) -> int:
        """2 when a file could not be read; 1 when a file was changed (a pre-commit hook that
        changes files fails, so that the change gets reviewed) or a finding reaches
        ``fail_on``; else 0."""
        if self.unreadable:
            return 2
        if self.changed:
            return 1
        if self.fail_on == "never":
            return 0
        floor = Severity(self.fail_on).rank
        return 1 if any(f.severity.rank >= floor for f in self.findings) else 0


@dataclass(frozen=True)
class _Job:
    """What every file of one run is checked with (inherited by forked workers)."""

    termbase: Termbase
    settings: CheckSettings
    encoding: str | None
    fix: bool
    diff: bool
    stdin_filename: str | None = None
    translation: TranslationOptions | None = None
    documents: DocumentOptions | None = None


def check_paths(
    paths: Sequence[str | Path],
    termbase: Termbase,
    settings: CheckSettings | None = None,
    options: RunOptions | None = None,
    *,
    on_start: Callable[[int, int], None] | None = None,
    on_file: Callable[[FileResult], None] | None = None,
) -> Report:
    """Check the files ``paths`` name (files, folders walked for documents, ``-`` for standard
    input) and, with ``options.fix``, rewrite those that have fixes, atomically.

    ``on_start(files, processes)`` is called once the files are known and any workers forked
    (a progress bar's thread must start after the fork); ``on_file`` with each file's result,
    in the order of the files, as it comes in (first those named that cannot be read: a path
    that does not exist, a FIFO; they make the exit code 2 and the others are still checked).
    Raises InputError for a worker that died.
    """
    from termkit.text import iter_document_paths

    settings = settings or CheckSettings()
    options = options or RunOptions()
    names = tuple(str(p) for p in paths)
    missing: list[InputError] = []
    files = list(
        iter_document_paths(
            names, list(options.exclude), force_exclude=options.force_exclude,
            on_error=missing.append, respect_gitignore=options.respect_gitignore,
            include=options.documents.include if options.documents else (),
        )
    )
    job = _Job(
        termbase, settings, options.encoding, options.fix, options.diff, options.stdin_filename,
        options.translation, options.documents,
    )
    parallel = options.translation is not None and options.translation.source is not None
    if parallel and "-" in names:
        raise InputError(
            T_(
                "--source pairs a source with a translation file, not standard "
                "input",
            ),
        )
    if parallel and len(files) != 1:
        raise InputError(
            T_(
                "--source pairs one source with one translation: give one file, not {value}",
                value=len(files),
            )
        )
    _check_annotate_target(files, options.documents)
    jobs = job_count(options.jobs, len(files), names)
    findings: list[Finding] = []
    sources = SourceTexts()
    unreadable = changed = 0
    segments: tuple[int, int, int] | None = None
    unread = [
        FileResult(error.path or "", notes=[f"termkit: error: {error.localized()}"], unreadable=True)
        for error in missing
    ]
    with _results(files, job, jobs) as results:
        if on_start is not None:
            on_start(len(files), jobs)
        for result in itertools.chain(unread, results):
            if on_file is not None:
                on_file(result)
            unreadable += result.unreadable
            changed += result.changed
            findings.extend(result.findings)
            if result.segments is not None:
                segments = tuple(  # type: ignore[assignment]
                    a + b for a, b in zip(segments or (0, 0, 0), result.segments, strict=True)
                )
            sources.add(result)
    return Report(
        tuple(findings), sources, len(files), unreadable, changed,
        options.fail_on, jobs, segments,
    )


def _check_annotate_target(files: Sequence[str | Path], options: DocumentOptions | None) -> None:
    """``--annotate OUT`` names a file for one Word document, a folder for several."""
    from termkit.documents import format_of

    if options is None or not options.annotate:
        return
    target = options.annotate
    if target.endswith(("/", os.sep)) or os.path.isdir(target):
        return
    given = options.input_format
    word = [f for f in files if str(f) != "-" and format_of(f, given) == "docx"]
    if len(word) > 1:
        raise InputError(
            T_("--annotate names one file, and {count} Word documents are checked: name a "
               "folder (--annotate {target}/)", count=len(word), target=target)
        )


class SourceTexts(Mapping[str, str]):
    """The texts of the files checked, by path, to show the lines of their findings. A file
    checked in blocks is not kept whole: its findings' lines are read again from it when first
    asked for, the others left empty."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._later: dict[str, tuple[str | None, tuple[int, int], set[int]]] = {}

    def add(self, result: FileResult) -> None:
        """The text of the file ``result`` is about, or the lines of its findings."""
        if result.text is not None:
            self._texts[result.path] = result.text
        elif result.reread is not None and result.findings:
            encoding, stamp = result.reread
            self._later[result.path] = (encoding, stamp, {f.line for f in result.findings})

    def __getitem__(self, path: str) -> str:
        if path not in self._texts and path in self._later:
            encoding, stamp, lines = self._later.pop(path)
            self._texts[path] = _lines_of(path, encoding, stamp, lines)
        return self._texts[path]

    def __iter__(self) -> Iterator[str]:
        return iter({**self._texts, **self._later})

    def __len__(self) -> int:
        return len(self._texts.keys() | self._later.keys())


def _lines_of(path: str, encoding: str | None, stamp: tuple[int, int], wanted: set[int]) -> str:
    """The file's text with only the ``wanted`` lines (others empty), up to the last of them;
    empty if it is no longer as it was checked (``stamp``)."""
    from termkit.text.document import NotStreamable, read_document_chunks

    found: dict[int, str] = {}
    number = 1
    line: list[str] = []  # the line read so far

    def read(text: str) -> None:
        nonlocal number, line
        pieces = _LINE_BREAK.split(text)
        line.append(pieces[0])
        for piece in pieces[1:]:  # each follows a line break
            if number in wanted:
                found[number] = "".join(line)
            number += 1
            line = [piece]

    try:
        if _stamp(path) != stamp:
            return ""
        held = ""  # a chunk's final "\r": the first half of a "\r\n"?
        for chunk in read_document_chunks(path, encoding):
            chunk = held + chunk
            held = "\r" if chunk.endswith("\r") else ""
            read(chunk[: len(chunk) - len(held)])
        read(held)
    except (NotStreamable, OSError):
        return ""
    if number in wanted:
        found[number] = "".join(line)
    return "\n".join(found.get(k, "") for k in range(1, max(wanted) + 1))


def _stamp(path: str | Path) -> tuple[int, int]:
    """A file's size and modification time: whether it changed."""
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns


_LINE_BREAK = compile_pattern(r"\r\n|\r|\n")


def check_file(path: str | Path, job: _Job) -> FileResult:
    """Read, check and (per ``job``) fix or diff one file."""
    from termkit.bilingual import is_bilingual_path
    from termkit.documents import DOCUMENT_FORMATS, format_of

    if str(path) != "-" and is_bilingual_path(path) and not (
        job.translation is not None and job.translation.source is not None
    ):
        return check_bilingual_path(path, job)
    given = job.documents.input_format if job.documents else None
    fmt = format_of(path, given) if str(path) != "-" else (given or "text")
    if fmt in DOCUMENT_FORMATS:
        if job.translation is not None and job.translation.source is not None:
            return _check_translated_document(path, job, fmt)
        return check_document_file(path, job, fmt)
    return _check_text_file(path, job, fmt if given else None)


def _check_translated_document(path: str | Path, job: _Job, fmt: str) -> FileResult:
    """A Word, HTML or PDF translation checked against its source (``--source``): located in
    its file; not fixed."""
    from termkit.documents import load_document
    from termkit.text.document import Document

    name = str(path)
    options = job.documents or DocumentOptions()
    try:
        loaded = load_document(
            name, fmt, encoding=job.encoding, docx_parts=options.docx_parts or None
        )
    except InputError as exc:
        return FileResult(name, notes=[f"termkit: error: {exc.localized()}"], unreadable=True)
    result = _check_translation(
        Document(name, loaded.text), name, replace(job, fix=False, diff=False)
    )
    result.findings = loaded.relocate(result.findings)
    result.text = loaded.display
    if job.fix or job.diff:
        result.notes.append("termkit: " + _(
            "{path}: a Word, HTML or PDF translation is not fixed in a translation check"
        ).format(path=name))
    return result


def _check_text_file(path: str | Path, job: _Job, given: str | None) -> FileResult:
    """Check (and fix) a plain-text, Markdown or reStructuredText file: ``given`` is the format
    the command line names (else the file's extension decides)."""
    from termkit.termbase.cache import paused_gc
    from termkit.text import BinaryFileError, is_markdown_path, read_document, write_document
    from termkit.text.document import STDIN_PATH, encode_document
    from termkit.text.rst import is_rst_path, mask_rst

    in_blocks = _check_text_file_in_blocks(path, job, given)
    if in_blocks is not None:
        return in_blocks
    try:
        document = read_document(path, job.encoding)
    except BinaryFileError as exc:
        return FileResult(str(path), notes=[_skipped(exc)])
    except InputError as exc:
        return FileResult(str(path), notes=[f"termkit: error: {exc.localized()}"], unreadable=True)
    is_stdin = document.path == STDIN_PATH
    name = job.stdin_filename if is_stdin and job.stdin_filename else document.path
    markdown = given == "markdown" or (given is None and is_markdown_path(name))
    if job.translation is not None and job.translation.source is not None:
        return _check_translation(document, name, job)
    # reStructuredText: its literal blocks and inline literals blanked (same length, so that
    # offsets, found texts and fixes are those of the file; nothing is found in the blanks).
    rst = given == "rst" or (given is None and is_rst_path(name))
    unmarked = mask_rst if rst else None

    result = FileResult(name, text=document.text)

    def check(text: str, first: bool = False) -> list[Finding]:
        # The collector would walk the document's analysis (millions of objects for 10 MB, none
        # in a reference cycle) again and again: 0.5 s of a 2.9 s check. It runs between files,
        # and the analysis is gone by then (freed by reference counting, not walked: 0.13 s of
        # a 4.5 s check of 10 MB when it was still held).
        with paused_gc():
            checked = check_document(
                unmarked(text) if unmarked else text, job.termbase, path=name,
                markdown=markdown, settings=job.settings,
            )
            if first:
                _read_as(result, checked, name)
            findings = checked.findings
            del checked
        return findings

    found = original = check(document.text, first=True)
    if job.fix or job.diff:
        fixed, applied, found = fix_until_stable(document.text, found, check)
        count = len(applied)
        if job.fix and is_stdin:
            # A filter: the text goes out, fixed or not, as it came in (encoding, BOM); the
            # findings left are reported. (Standard input is never sent to a worker.)
            result.output = encode_document(document, fixed)
        if count and fixed != document.text:
            result.changed = True
            if job.diff:
                result.diff = unified_diff(name, document.text, fixed)
            else:
                if not is_stdin:
                    try:
                        write_document(document, fixed)
                    except WriteError as exc:
                        # Not written (changed on disk since, read-only…): the file and its
                        # findings stay as they were, and the run goes on to the next file.
                        result.notes.append(f"termkit: error: {exc.localized()}")
                        result.unreadable = True
                        result.changed = False
                        result.findings = original
                        return result
                result.notes.append(
                    _("Fixed {count} in {path}").format(count=count, path=document.path)
                )
                result.fixed = applied
                result.text = fixed  # the findings left are located in what is now the file
    result.findings = found
    return result


def _check_text_file_in_blocks(
    path: str | Path, job: _Job, given: str | None
) -> FileResult | None:
    """Check a long plain-text file block by block (see ``termkit.text.blocks``): the same
    findings as checked whole, in a fraction of the memory. None when the file is to be read
    whole: short, Markdown or reStructuredText (``given``: the format the command line names),
    fixed, checked against a source, or when it does not decode as it should or changed while
    read (reading it whole says what is wrong)."""
    from termkit.text import is_markdown_path
    from termkit.text.document import streams
    from termkit.text.rst import is_rst_path

    translating = job.translation is not None and job.translation.source is not None
    plain = given == "text" or (
        given is None and not is_markdown_path(path) and not is_rst_path(path)
    )
    if job.fix or job.diff or translating or not plain or not streams(path):
        return None
    from termkit.check import check_document_parts
    from termkit.termbase.cache import paused_gc
    from termkit.text.blocks import split_blocks
    from termkit.text.document import NotStreamable, read_document_chunks

    name = str(path)
    try:
        stamp = _stamp(path)
        with paused_gc():  # see _check_text_file: each block's analysis is freed as it goes
            checked = check_document_parts(
                split_blocks(read_document_chunks(path, job.encoding)), job.termbase,
                path=name, settings=job.settings,
            )
        if _stamp(path) != stamp:  # written to while it was read
            return None
    except (NotStreamable, OSError):
        return None
    result = FileResult(name, findings=checked.findings, reread=(job.encoding, stamp))
    _read_as(result, checked, name)
    return result


def check_document_file(path: str | Path, job: _Job, fmt: str) -> FileResult:
    """Check a Word, HTML or PDF file (``termkit.documents``): fix an HTML page's text or a Word
    document's runs, write a Word document's annotated copy; a PDF is only read."""
    from termkit.documents import LoadedDocument, load_document
    from termkit.termbase.cache import paused_gc

    name = str(path)
    options = job.documents or DocumentOptions()
    if name == "-":
        return FileResult(name, notes=["termkit: error: " + _(
            "{path}: Word, HTML and PDF documents are read from files, not standard input"
        ).format(path=name)], unreadable=True)
    try:
        loaded = load_document(
            name, fmt, encoding=job.encoding, docx_parts=options.docx_parts or None
        )
    except InputError as exc:
        return FileResult(name, notes=[f"termkit: error: {exc.localized()}"], unreadable=True)

    def check_loaded(document: LoadedDocument) -> DocumentCheck:
        with paused_gc():
            return check_document(
                document.text, job.termbase, path=name, settings=job.settings,
                line_col=document.line_col, blocks=document.blocks,
                markup=document.html.text if document.html is not None else None,
            )

    checked = check_loaded(loaded)
    found = loaded.locate(checked.findings)
    result = FileResult(name, text=loaded.display)
    _read_as(result, checked, name)
    try:
        if (job.fix or job.diff) and fmt == "pdf":
            result.notes.append("termkit: " + _(
                "{path}: a PDF is not fixed (its findings are reported; correct the source "
                "document)"
            ).format(path=name))
        elif (job.fix or job.diff) and fmt == "html":
            found = _fix_html(loaded, found, job, result, check_loaded)
        elif (job.fix or job.diff) and fmt == "docx":
            loaded, found = _fix_docx(loaded, found, job, result, check_loaded)
        if options.annotate and fmt == "docx" and not result.unreadable:
            _annotate_docx(loaded, found, options, result)
    except InputError as exc:  # WriteError; a part that cannot be written into
        result.notes.append(f"termkit: error: {exc.localized()}")
        result.unreadable, result.changed = True, False
    except ValueError as error:  # a part whose markup the splices cannot place
        result.notes.append("termkit: error: " + InputError(
            T_("a damaged Word document: {reason}", reason=error), name).localized())
        result.unreadable, result.changed = True, False
    result.findings = found
    return result


def _fix_html(
    loaded: Any, found: list[Finding], job: _Job, result: FileResult,
    check_loaded: Callable[[Any], DocumentCheck],
) -> list[Finding]:
    """Fix an HTML page as a text file is fixed: its characters, in place."""

    from html import escape

    from termkit.documents.html import mask_html
    from termkit.text import write_document

    page = loaded.html
    assert page is not None
    blocked: list[Finding] = []

    def fixable(findings: list[Finding], text: str, masked: str) -> list[Finding]:
        # A fix whose characters are not all text of the page (a tag, a reference inside
        # them) would rewrite markup: the finding is reported without it. The others write
        # their text as HTML (AT&T as AT&amp;T).
        blocked.clear()
        kept = []
        for finding in findings:
            fix = finding.fix
            if fix is not None and masked[fix.start:fix.end] != text[fix.start:fix.end]:
                blocked.append(finding)
                finding = replace(finding, fix=None)
            elif fix is not None:
                escaped = escape(fix.replacement, quote=False)
                if escaped != fix.replacement:
                    finding = replace(finding, fix=replace(fix, replacement=escaped))
            kept.append(finding)
        return kept

    def check(text: str) -> list[Finding]:
        masked = mask_html(text)
        again = replace(loaded, text=masked, html=replace(page, text=text))
        return fixable(again.locate(check_loaded(again).findings), text, masked)

    found = fixable(found, page.text, loaded.text)
    fixed, applied, left = fix_until_stable(page.text, found, check)
    for finding in blocked:
        result.notes.append("termkit: " + _("{place}: {code} not fixed: {why}").format(
            place=finding.place, code=finding.code, why=_("the text crosses markup")))
    if applied and fixed != page.text:
        result.changed = True
        if job.diff:
            result.diff = unified_diff(page.path, page.text, fixed)
        else:
            write_document(page, fixed)
            result.notes.append(_("Fixed {count} in {path}").format(
                count=len(applied), path=page.path))
            result.fixed = applied
            result.text = fixed
    return left


def _fix_docx(
    loaded: Any, found: list[Finding], job: _Job, result: FileResult,
    check_loaded: Callable[[Any], DocumentCheck],
) -> tuple[Any, list[Finding]]:
    """Fix a Word document's runs (as tracked changes with ``track_changes``), checked again
    after each pass as text is; a fix whose text crosses runs formatted differently is not
    made, and said."""

    from termkit.documents.docx import Replacement, read_docx, replace_text
    from termkit.files import write_file

    options = job.documents or DocumentOptions()
    original = loaded
    applied: list[Finding] = []
    refused: dict[tuple[int, int], tuple[Finding, str]] = {}
    for _pass in range(MAX_FIX_PASSES):
        by_fix = {id(f.fix): f for f in found if f.fix}
        chosen = [fix for fix in choose_fixes(f.fix for f in found if f.fix)
                  if (by_fix[id(fix)].start, by_fix[id(fix)].end) not in refused]
        if not chosen:
            break
        data, done, not_done = replace_text(
            loaded.docx, [Replacement(fix.start, fix.end, fix.replacement) for fix in chosen],
            track_changes=options.track_changes,
        )
        made = {(r.start, r.end, r.new) for r in done}
        for replacement, why in not_done:
            for fix in chosen:
                if (fix.start, fix.end, fix.replacement) == (
                        replacement.start, replacement.end, replacement.new):
                    finding = by_fix[id(fix)]
                    refused[(finding.start, finding.end)] = (finding, why)
        if not done:
            break
        applied += [by_fix[id(fix)] for fix in chosen
                    if (fix.start, fix.end, fix.replacement) in made]
        docx = read_docx(data, loaded.path, options.docx_parts or loaded.docx.parts_read)
        loaded = replace(loaded, text=docx.text, display=docx.display_text,
                         line_col=docx.line_col(), docx=docx)
        found = check_loaded(loaded).findings
        refused = {}  # offsets moved: what was refused is found again, and refused again
    for finding, why in refused.values():
        result.notes.append("termkit: " + _("{place}: {code} not fixed: {why}").format(
            place=finding.place, code=finding.code, why=translated(why)))
    if not applied:
        return original, found
    result.changed = True
    if job.diff:
        result.diff = unified_diff(loaded.path, original.display + "\n", loaded.display + "\n")
        return original, found
    write_file(loaded.path, loaded.docx.data, expected=original.stamp)
    result.notes.append(_("Fixed {count} in {path}").format(count=len(applied), path=loaded.path))
    result.fixed = applied
    result.text = loaded.display
    return loaded, found


def _annotate_docx(
    loaded: Any, found: list[Finding], options: DocumentOptions, result: FileResult
) -> None:
    """Write a copy of the Word document with one comment per finding."""
    from termkit.documents.docx import Comment, add_comments
    from termkit.files import write_file

    assert options.annotate is not None
    target = Path(options.annotate)
    if target.is_dir() or options.annotate.endswith(("/", os.sep)):
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WriteError(T_("cannot make the folder: {reason}",
                                reason=error.strerror or error), str(target)) from None
        target = target / Path(loaded.path).name
    if target.exists() and os.path.samefile(target, loaded.path):
        raise WriteError(T_("--annotate would overwrite the document itself"), str(target))
    comments = [Comment(f.start, f.end, _comment_text(f)) for f in found]
    data, left = add_comments(loaded.docx, comments)
    write_file(target, data)
    result.notes.append("termkit: " + _("wrote {count} comment(s) to {path}").format(
        count=len(comments) - len(left), path=target))
    if left:
        result.notes.append("termkit: " + _(
            "{count} finding(s) in headers or footers have no comment (Word keeps none there)"
        ).format(count=len(left)))


def _comment_text(finding: Finding) -> str:
    expected = "" if not finding.expected else "\n" + _("Expected: {term}").format(
        term=finding.expected)
    return f"{finding.code} [{finding.rule}] {finding.message}{expected}"


def _read_as(result: FileResult, checked: DocumentCheck, name: str) -> None:
    """The check's warnings, and the language its Latin-script text was read in, into the
    file's result (taken by default where Latin script outweighs Han: the reader is told)."""
    result.notes += [f"termkit: warning: {name}:{w}" for w in checked.warnings]
    analysis = checked.analysis
    if analysis is not None:
        result.latin_lang, result.latin_choice = analysis.latin_lang, analysis.latin_choice
        if analysis.latin_choice is LanguageChoice.DEFAULT:
            outweighs = checked.latin_outweighs_han
            if outweighs is None:  # checked whole: its analysis is all of it
                outweighs = (
                    main_script_language([analysis.normalized.text], latin_lang="latin") == "latin"
                )
            result.language_unsure = outweighs


def _skipped(exc: InputError) -> str:
    """The notice for a file skipped in a walk (binary, special): its name and why."""
    return "termkit: " + _("skipped {path}: {why}").format(
        path=exc.path, why=translated(exc.message)
    )


def check_bilingual_path(path: str | Path, job: _Job) -> FileResult:
    """Check a bilingual file (XLIFF, TMX, PO, TSV, CSV): each segment's target against its
    source. Its findings have no fixes (they index the file's segments, not its text)."""
    from termkit.bilingual.check import check_bilingual_file
    from termkit.files import read_bytes_stamped
    from termkit.reading import DOCUMENT_LIMIT
    from termkit.termbase.cache import paused_gc

    name = str(path)
    translation = job.translation or TranslationOptions()
    try:
        data, _stamp = read_bytes_stamped(path, DOCUMENT_LIMIT)
        with paused_gc():
            read, checked = check_bilingual_file(
                data, name, job.termbase, settings=job.settings,
                source_lang=translation.source_lang, target_lang=job.settings.lang,
                columns=translation.columns, encoding=job.encoding,
                check_source=translation.check_source,
            )
    except InputError as exc:
        return FileResult(name, notes=[f"termkit: error: {exc.localized()}"], unreadable=True)
    except OSError as error:
        return FileResult(
            name, notes=[f"termkit: error: {name}: cannot read: {error.strerror or error}"],
            unreadable=True,
        )
    result = FileResult(name, findings=checked.findings, text=read.text)
    result.segments = (checked.checked, checked.skipped, checked.with_findings)
    if job.fix or job.diff:
        result.notes.append("termkit: " + _(
            "{path}: a bilingual file is not fixed (its findings are reported; correct them in "
            "the translation tool)"
        ).format(path=name))
    return result


def _check_translation(document: Any, name: str, job: _Job) -> FileResult:
    """Check a document against its source document (``--source``), paragraph by paragraph;
    fixes apply to the translation as to any document."""
    from termkit.bilingual.check import check_parallel
    from termkit.documents import read_as_text
    from termkit.termbase.cache import paused_gc
    from termkit.text import is_markdown_path, write_document
    from termkit.text.languages import main_script_language

    translation = job.translation
    assert translation is not None and translation.source is not None
    try:
        source = read_as_text(translation.source, job.encoding)
    except InputError as exc:
        return FileResult(name, notes=[f"termkit: error: {exc.localized()}"], unreadable=True)

    def language(given: str | None, text: str) -> str:
        if given:
            return given
        guessed = main_script_language([text], latin_lang="latin")
        if guessed == "latin":
            from termkit.text.languages import guess_latin_language

            return guess_latin_language(text, job.termbase.languages) or "en"
        return guessed

    source_lang = language(translation.source_lang, source.text)
    target_lang = language(job.settings.lang, document.text)
    if source_lang == target_lang:
        return FileResult(name, notes=["termkit: error: " + _(
            "{path}: the source and the translation are both read as {lang}: say their "
            "languages with --source-lang and --lang"
        ).format(path=name, lang=source_lang)], unreadable=True)

    def check_pair(text: str) -> Any:
        with paused_gc():
            return check_parallel(
                source.text, text, job.termbase, source_lang=source_lang,
                target_lang=target_lang, source_path=source.path, target_path=name,
                source_markdown=is_markdown_path(source.path),
                target_markdown=is_markdown_path(name), settings=job.settings,
                check_source=translation.check_source,
            )

    checked = check_pair(document.text)
    result = FileResult(name, findings=checked.findings, text=document.text)
    result.notes += list(checked.notes)
    result.segments = (checked.checked, checked.skipped, checked.with_findings)
    if job.fix or job.diff:
        own = [f for f in checked.findings if f.path == name]
        fixed, applied, found = fix_until_stable(
            document.text, own, lambda text: [f for f in check_pair(text).findings
                                              if f.path == name],
        )
        if applied and fixed != document.text:
            result.changed = True
            if job.diff:
                result.diff = unified_diff(name, document.text, fixed)
            else:
                try:
                    write_document(document, fixed)
                except WriteError as exc:
                    result.notes.append(f"termkit: error: {exc.localized()}")
                    result.unreadable, result.changed = True, False
                    return result
                result.notes.append(
                    _("Fixed {count} in {path}").format(count=len(applied), path=document.path)
                )
                result.fixed = applied
                result.text = fixed
                result.findings = found + [f for f in checked.findings if f.path != name]
    return result


MAX_FIX_PASSES = 10


def fix_until_stable(
    text: str, found: list[Finding], check: Callable[[str], list[Finding]]
) -> tuple[str, list[Finding], list[Finding]]:
    """``text`` with its fixes applied, checked again and fixed again until no fix is left (at
    most ``MAX_FIX_PASSES`` times), as ruff fixes: a fix can make another possible (two that
    overlapped; words a fix brings that settle a paragraph's language). Returns the text, the
    findings whose fixes were applied, and the findings of the final text (for ``--diff``: of
    the text as it would be). With no fix to apply, ``found`` is returned as it is."""
    applied: list[Finding] = []
    for _pass in range(MAX_FIX_PASSES):
        by_fix = {id(f.fix): f for f in found if f.fix}
        chosen = choose_fixes(f.fix for f in found if f.fix)
        if not chosen:
            break
        fixed = apply_edits(text, chosen)
        if fixed == text:
            break
        text = fixed
        applied += [by_fix[id(fix)] for fix in chosen]
        found = check(text)
    return text, applied, found


def unified_diff(path: str, before: str, after: str) -> str:
    """The fixes of ``path`` as a unified diff that ``patch -p1`` and ``git apply`` take:
    ``a/path`` and ``b/path`` (an absolute path without its leading slash, as git writes it),
    lines split at ``\n`` only (a CR-only or U+2028 line end is part of its line, as for
    patch), and a last line without a line break marked ``\\ No newline at end of file``."""
    import difflib

    name = path.lstrip("/")
    lines = difflib.unified_diff(
        _patch_lines(before), _patch_lines(after), fromfile=f"a/{name}", tofile=f"b/{name}"
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in lines
    )


def _patch_lines(text: str) -> list[str]:
    """``text`` in lines as patch reads them: ended by ``\n`` only, line breaks kept."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]  # what follows the last \n (nothing, for a final line break)
    return lines if lines[-1] else lines[:-1]


def _usable_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def job_count(
    requested: int,
    files: int,
    paths: Sequence[str],
    *,
    cpus: int | None = None,
    platform: str = sys.platform,
) -> int:
    """How many processes check ``files`` files: ``requested``, or with 0 one per usable CPU
    (``cpus``, default: this machine's) when there are enough files to share out. One where
    workers cannot be forked (Windows, and macOS, where forking a process that has loaded
    system frameworks is unsafe) or when standard input is among the paths (its fixes go out
    in order)."""
    if files < 2 or "-" in paths or platform == "darwin" or requested == 1:
        return 1
    if requested > 0:
        wanted = min(requested, files)
    else:
        wanted = max(1, min(cpus or _usable_cpus(), files // MIN_FILES_PER_JOB))
    if wanted == 1:
        return 1  # decided without importing multiprocessing (5 ms of a small run)
    import multiprocessing

    return wanted if "fork" in multiprocessing.get_all_start_methods() else 1


class _RecordingContext:
    """A multiprocessing context that remembers the processes made through it."""

    def __init__(self, context: Any) -> None:
        self._context = context
        self.started: list[Any] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)

    def Process(self, *args: Any, **kwargs: Any) -> Any:  # the context's API
        process = self._context.Process(*args, **kwargs)
        self.started.append(process)
        return process


@contextmanager
def _results(files: list[str | Path], job: _Job, jobs: int) -> Iterator[Iterator[FileResult]]:
    """Each file's result, in the order of ``files``, from ``jobs`` processes.

    A worker that dies (killed, out of memory) ends the run with an InputError rather than a
    hang; an exception in the caller (Ctrl-C) stops the workers.
    """
    if jobs <= 1:
        yield (check_file(path, job) for path in files)
        return
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    preload(job.termbase, job.settings)  # once here, shared copy-on-write by the workers
    # Objects that live on untouched: the collector must not copy their pages into each worker.
    # No collection first (as the gc module's documentation advises: it would leave holes in
    # the pages to share); garbage frozen with them is collected once they are unfrozen.
    gc.freeze()
    context = _RecordingContext(multiprocessing.get_context("fork"))
    executor = ProcessPoolExecutor(
        jobs, mp_context=cast("BaseContext", context), initializer=_start_worker, initargs=(job,),
    )
    try:
        chunk = max(1, min(32, len(files) // (jobs * 4)))
        yield _unbroken(executor.map(_check_in_worker, files, chunksize=chunk))
    except BaseException:
        # The executor has no public way to stop running workers: stop the processes it made
        # (only those: the caller's other children are none of termkit's business).
        for process in context.started:
            process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)
        for process in context.started:
            process.join()
        raise
    else:
        executor.shutdown()
    finally:
        gc.unfreeze()


class _Worker:
    """The job of a forked worker process, set by the pool's initializer in that process."""

    job: _Job | None = None


def _start_worker(job: _Job) -> None:
    import signal

    # Ctrl-C reaches the parent, which stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _Worker.job = job  # forked: the job arrives by the fork's copy of memory, not pickled


def _check_in_worker(path: str | Path) -> FileResult:
    assert _Worker.job is not None
    return check_file(path, _Worker.job)


def _unbroken(results: Iterator[FileResult]) -> Iterator[FileResult]:
    """``results``, with a pool that lost a worker reported as one line of error."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield from results
    except BrokenProcessPool:
        raise InputError(
            T_("a worker process died (out of memory, or killed); try --jobs 1")
        ) from None
