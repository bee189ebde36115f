"""``termkit terms``: the term list of a translation job, from its source documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from termkit.cli.options import (
    check_config_languages,
    document_options,
    included_formats,
    load_config_from,
    load_termbase_from,
    termbase_options,
    user_errors,
)
from termkit.i18n import _, translated

if TYPE_CHECKING:  # the analysis loads when documents are read, not for --help
    from termkit.model import Termbase
    from termkit.terms import JobTerm
    from termkit.text import Document

FORMATS = ("text", "markdown", "csv", "tsv", "json", "tbx")


@click.command(
    epilog="""\b
Examples:
  termkit terms draft.en.md --to zh                 # what to write in Chinese
  termkit terms job/ --to zh,fr --format csv > terms.csv
  termkit terms draft.en.md --to zh --format tbx -o job.tbx   # for a CAT tool
  termkit terms draft.en.md --to zh --min-count 2 --format markdown
"""
)
@click.argument("paths", nargs=-1, required=True)
@click.option("--to", "targets", required=True, metavar="LANGS",
              help="The target languages: zh, or zh,fr.")
@click.option("--lang", "-l", help="The sources' language, when their script does not say "
              "(default: by script; Latin-script text English or French as its words say).")
@click.option("--min-count", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only concepts the sources name at least this often.")
@click.option("--format", "-f", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format; tbx is the list's concepts as TBX v3.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip files matching GLOB when walking folders (repeatable).")
@click.option("--encoding", help="Decode files without a BOM with this encoding.")
@document_options
@termbase_options
def terms(
    paths: tuple[str, ...],
    targets: str,
    lang: str | None,
    min_count: int,
    output_format: str,
    output: Path | None,
    exclude: tuple[str, ...],
    encoding: str | None,
    input_format: str | None,
    include: tuple[str, ...],
    termbases: tuple[Path, ...],
    no_default_termbase: bool,
    config_path: Path | None,
) -> None:
    """List every concept of the termbase that the source documents name, in order of first
    occurrence, with the forms found and how often, where each first appears, and the terms
    to use in each target language: preferred first, then admitted ones; deprecated ones are
    marked not to use. A concept without an acronym (the 2030 Agenda) is listed too.

    PATHS are files, folders or - for standard input; several make one list for the job.
    Exit status: 0, or 2 on errors (unreadable file, a language the termbase lacks).
    """
    from termkit.langtags import resolve_language, resolve_languages
    from termkit.settings import CheckSettings
    from termkit.terms import job_terms

    with user_errors():
        config = load_config_from(config_path)
        termbase = load_termbase_from(termbases, no_default_termbase, config)
        check_config_languages(config, termbase)
        wanted = resolve_languages(targets, termbase.languages, "--to")
        source = resolve_language(lang, termbase.languages, "--lang") if lang else config.lang
        settings = CheckSettings(lang=source, latin_lang=config.latin_lang or "auto")
        documents = _documents(
            paths, [*config.exclude, *exclude], encoding, included_formats(include, config),
            input_format,
        )
        entries = job_terms(documents, termbase, settings, min_count=min_count)
        text = _render(entries, wanted, output_format, termbase)
        if output is None:
            click.echo(text, nl=False)
        else:
            from termkit.files import write_file

            write_file(output, text.encode("utf-8"))
            click.echo("termkit: " + _("{count} concept(s) written to {output}").format(
                count=len(entries), output=output), err=True)


def _documents(
    paths: tuple[str, ...], exclude: list[str], encoding: str | None,
    include: tuple[str, ...] = (), input_format: str | None = None,
) -> list[Document]:
    from termkit.documents import read_as_text
    from termkit.text import BinaryFileError, iter_document_paths

    documents = []
    for path in iter_document_paths(list(paths), exclude, include=include):
        try:
            documents.append(read_as_text(path, encoding, input_format, located=True))
        except BinaryFileError as exc:
            click.echo("termkit: " + _("skipped {path}: {why}").format(
                path=exc.path, why=translated(exc.message)), err=True)
    return documents


def _render(entries: list[JobTerm], targets: list[str], fmt: str, termbase: Termbase) -> str:
    from termkit.render.terms import terms_to_markdown, terms_to_table, terms_to_text
    from termkit.terms import terms_to_json

    if fmt == "json":
        return json.dumps(terms_to_json(entries, targets), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return terms_to_markdown(entries, targets)
    if fmt in ("csv", "tsv"):
        return terms_to_table(entries, targets, fmt)
    if fmt == "tbx":
        return _tbx(entries, termbase)
    return terms_to_text(entries, targets)


def _tbx(entries: list[JobTerm], termbase: Termbase) -> str:
    """The list's concepts as TBX v3 (all their languages), ready for a CAT tool."""
    from dataclasses import replace
    from types import MappingProxyType

    from termkit.interchange import export_termbase

    subset = replace(
        termbase, concepts=MappingProxyType({e.concept.id: e.concept for e in entries})
    )
    return export_termbase(subset, "tbx").text
