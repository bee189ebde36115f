"""``termkit expand``: spell acronyms out at their first use, or everywhere."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from termkit.cli.options import (
    check_config_languages,
    check_preferences,
    load_config_from,
    load_termbase_from,
    termbase_options,
    user_errors,
)
from termkit.documents import INPUT_FORMATS
from termkit.errors import InputError
from termkit.i18n import T_, _, translated

if TYPE_CHECKING:  # the analysis loads when a document is expanded, not for --help
    from termkit.expand import ExpandResult
    from termkit.text import Document


@click.command(
    epilog="""\b
Examples:
  termkit expand draft.txt > expanded.txt      # first uses, to stdout
  termkit expand draft.md --in-place --report  # in place; say what was done
  termkit expand draft.txt --mode all          # every acronym spelled out
  termkit expand note-fr.txt --lang fr --localize-acronyms
  cat draft.txt | termkit expand - --lang zh
"""
)
@click.argument("paths", nargs=-1, metavar="[PATH|-]...")
@click.option(
    "--mode",
    "-m",
    type=click.Choice(["first", "all"]),
    default="first",
    show_default=True,
    help="first: define each acronym at its first use; all: replace every acronym.",
)
@click.option("--in-place", "-i", is_flag=True, help="Write back to the files (atomic writes).")
@click.option(
    "--lang",
    "-l",
    help="The document's language (zh, en, fr…). Default: by script, "
    "per paragraph (Han: zh; Latin: --latin-lang).",
)
@click.option("--latin-lang", help="The language of Latin-script passages: en, fr… or auto "
              "(the default: English or French, guessed per document from its words).")
@click.option(
    "--localize-acronyms",
    is_flag=True,
    help="Replace another language's acronym by the text's own (ASGM → EMAPE in French).",
)
@click.option(
    "--include-well-known",
    is_flag=True,
    help="Also define acronyms the termbase marks well-known (--mode first).",
)
@click.option(
    "--markdown/--no-markdown",
    default=None,
    help="Read the input as Markdown (default: by file suffix; stdin: plain text).",
)
@click.option(
    "--report",
    is_flag=True,
    help="List on stderr what was expanded and what was left alone, and why.",
)
@click.option("--encoding", help="Decode files without a BOM with this encoding (e.g. gb18030).")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS),
              help="Read every file named as this format (default: by its extension).")
@termbase_options
def expand(
    paths: tuple[str, ...],
    mode: str,
    in_place: bool,
    lang: str | None,
    latin_lang: str | None,
    localize_acronyms: bool,
    include_well_known: bool,
    markdown: bool | None,
    report: bool,
    encoding: str | None,
    input_format: str | None,
    termbases: tuple[Path, ...],
    no_default_termbase: bool,
    config_path: Path | None,
) -> None:
    """Spell out the acronyms of a document (PATH, or - for standard input).

    --mode first (the default) writes the first use of each acronym that the
    document does not define yet as a definition, in the language's own
    convention: "full form (ACR)" in English and French, "全称（ACR）" in
    Chinese. Later uses are left as they are. --mode all replaces every
    acronym by its full form (NGOs: non-governmental organizations) and drops
    the parenthesised acronym of a definition.

    Nothing else changes: encoding, BOM and line endings are kept, Markdown
    code, URLs and link targets are never touched, and in text wrapped as PDF
    extraction wraps it the insertion goes where the acronym starts.

    Left alone, and listed with --report: unknown acronyms, acronyms marked
    well-known (--mode first), numbered sessions such as UNEA 6 (--mode all),
    and homonyms (French EMAPE) unless the document defines them or the
    configuration's prefer table says which concept wins
    (prefer = { EMAPE = "ASGM" }); homonyms are always named on stderr.

    Exit status: 0, or 2 on errors (unreadable file, invalid termbase).
    """
    # looked up when called: tests stand another program's append between read and write here
    from termkit.documents import DOCUMENT_FORMATS, format_of, read_as_text
    from termkit.expand import expand_with_report
    from termkit.text import write_document
    from termkit.text.document import encode_document, write_stdout_bytes
    from termkit.text.languages import AUTO

    with user_errors():
        paths = _paths_to_expand(paths, in_place)
        config = load_config_from(config_path)
        termbase = load_termbase_from(termbases, no_default_termbase, config)
        check_config_languages(config, termbase)
        check_preferences(config.prefer, termbase, str(config.path) if config.path else None)
        for path in paths if in_place else ():
            if format_of(path, input_format) in DOCUMENT_FORMATS:
                raise InputError(T_(
                    "--in-place rewrites text files: a Word, HTML or PDF document's "
                    "expanded text goes to standard output"), path)
        documents = [read_as_text(path, encoding, input_format) for path in paths]
        for document in documents:
            result = expand_with_report(
                document.text,
                termbase,
                lang or config.lang,
                mode,
                markdown=markdown if markdown is not None else document.is_markdown,
                latin_lang=latin_lang or config.latin_lang or AUTO,
                localize_acronyms=localize_acronyms,
                prefer=config.prefer,
                include_well_known=include_well_known,
            )
            _print_notes(document, result, report)
            if in_place:
                if result.text != document.text:
                    write_document(document, result.text)
                    click.echo(_("Expanded {count} in {path}").format(
                        count=len(result.expanded), path=document.path), err=True)
            else:
                write_stdout_bytes(encode_document(document, result.text))


def _paths_to_expand(paths: tuple[str, ...], in_place: bool) -> tuple[str, ...]:
    """The paths given, or ``-`` for a piped standard input; InputError for what cannot be."""
    if not paths:
        if sys.stdin.isatty():
            raise InputError(T_("give a PATH, or - to read standard input"))
        paths = ("-",)
    if len(paths) > 1 and not in_place:
        raise InputError(T_("give one PATH, or --in-place to expand several files"))
    if in_place and "-" in paths:
        raise InputError(T_("--in-place cannot write back to standard input"))
    return paths


def _action_word(action: str) -> str:
    """What expand did, in the interface language (the note's action)."""
    words = {
        "expanded": _("expanded"), "replaced": _("replaced"), "removed": _("removed"),
        "reduced": _("reduced"), "localized": _("localized"), "skipped": _("skipped"),
    }
    return words.get(action, action)


def _print_notes(document: Document, result: ExpandResult, report: bool) -> None:
    """What was done where, on stderr: every note with --report, homonyms always."""
    from termkit.text import LineIndex

    lines = LineIndex(document.text)
    for note in result.notes:
        if report or note.homonym:
            line, column = lines.line_col(note.start)
            click.echo(
                f"{document.path}:{line}:{column}: {_action_word(note.action.value)} {note.acronym}: "
                f"{translated(note.detail)}",
                err=True,
            )
    if report:
        click.echo(
            _("{path}: {expanded} expanded, {skipped} left alone").format(
                path=document.path, expanded=len(result.expanded), skipped=len(result.skipped)),
            err=True,
        )
