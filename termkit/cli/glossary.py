"""``termkit glossary``: the acronyms documents use, with their full forms, ready to paste."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from termkit.cli.options import (
    check_config_languages,
    check_preferences,
    document_options,
    included_formats,
    load_config_from,
    load_termbase_from,
    termbase_options,
    user_errors,
)
from termkit.i18n import _, translated

if TYPE_CHECKING:
    from termkit.glossary import GlossaryEntry
    from termkit.model import Termbase
    from termkit.text import Document


@click.command(
    epilog="""\b
Examples:
  termkit glossary bulletin.txt                       # as a table
  termkit glossary bulletin.txt --lang zh --with en,fr
  termkit glossary bulletin.md --format markdown >> bulletin.md
  termkit glossary reports/ --lang en --format csv > glossary.csv
  termkit glossary bulletin.txt --format json
"""
)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--lang",
    "-l",
    help="The glossary's language: full forms in it (default: the "
    "documents' main language by script). Latin-script text is read as this "
    "language unless it is Chinese.",
)
@click.option(
    "--with",
    "with_langs",
    metavar="LANGS",
    help="Add full forms in these languages as columns: fr,en.",
)
@click.option(
    "--latin-lang",
    help="The language of Latin-script passages (default: --lang when it is written in Latin "
    "script, else English or French as the documents' words say).",
)
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["text", "markdown", "csv", "json"]),
    default="text",
    show_default=True,
    help="text: a table; markdown: to paste into a bulletin; csv; json: an array.",
)
@click.option("--encoding", help="Decode files without a BOM with this encoding (e.g. gb18030).")
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="Skip files matching GLOB when walking folders (repeatable).",
)
@document_options
@termbase_options
def glossary(
    paths: tuple[str, ...],
    lang: str | None,
    with_langs: str | None,
    latin_lang: str | None,
    output_format: str,
    encoding: str | None,
    exclude: tuple[str, ...],
    input_format: str | None,
    include: tuple[str, ...],
    termbases: tuple[Path, ...],
    no_default_termbase: bool,
    config_path: Path | None,
) -> None:
    """List the acronyms that the documents in PATHS use, defined or not, with
    their full forms from the termbase, sorted as glossaries are (digits
    first, then A-Z ignoring case).

    Acronyms the documents define but the termbase lacks are listed with the
    documents' own long form and marked "not in termbase". PATHS are files,
    folders (their .txt, .md, .markdown and .rst files) or - for standard
    input.

    JSON output is an array of objects: acronym, concept (or null), one key
    per language with its full form, in_termbase, count.

    Exit status: 0, or 2 on errors (unreadable file, invalid termbase, a
    language the termbase lacks).
    """
    from termkit.analysis.acronym_uses import find_acronym_uses
    from termkit.check import CheckSettings
    from termkit.glossary import build_glossary
    from termkit.langtags import resolve_languages
    from termkit.text.languages import AUTO

    with user_errors():
        config = load_config_from(config_path)
        termbase = load_termbase_from(termbases, no_default_termbase, config)
        check_config_languages(config, termbase)
        check_preferences(config.prefer, termbase, str(config.path) if config.path else None)
        documents = _read_documents(
            paths, [*config.exclude, *exclude], encoding, included_formats(include, config),
            input_format,
        )
        base_latin = latin_lang or config.latin_lang
        glossary_lang, base_latin = _glossary_language(
            lang, config.lang, None if base_latin == AUTO else base_latin, documents, termbase
        )
        extra = [part.strip() for part in (with_langs or "").split(",") if part.strip()]
        languages = resolve_languages(
            ",".join([glossary_lang, *extra]), termbase.languages, "--with"
        )
        settings = CheckSettings(lang=config.lang, latin_lang=base_latin)
        found = [
            find_acronym_uses(
                d.text, termbase, settings, markdown=d.is_markdown, prefer=config.prefer
            )
            for d in documents
        ]
        entries = build_glossary(found, termbase, languages)
        for entry in entries:
            if entry.candidates:
                click.echo(
                    "termkit: " + _(
                        "{acronym} names {candidates}; define it in the text or set {setting} in "
                        "termkit.toml"
                    ).format(
                        acronym=entry.acronym, candidates=_(" or ").join(entry.candidates),
                        setting="prefer = { " + entry.acronym + ' = "' + entry.candidates[0] + '" }',
                    ),
                    err=True,
                )
    _render(entries, languages, output_format)


def _read_documents(
    paths: tuple[str, ...], excluded: list[str], encoding: str | None,
    include: Sequence[str] = (),
    input_format: str | None = None,
) -> list[Document]:
    """The documents of ``paths`` (folders walked for the formats ``include`` adds too: the
    configuration's), binary files skipped with a notice."""
    from termkit.documents import read_as_text
    from termkit.text import BinaryFileError, iter_document_paths

    documents = []
    for path in iter_document_paths(list(paths), excluded, include=include):
        try:
            documents.append(read_as_text(path, encoding, input_format))
        except BinaryFileError as exc:
            click.echo("termkit: " + _("skipped {path}: {why}").format(
                path=exc.path, why=translated(exc.message)), err=True)
    return documents


def _glossary_language(
    lang: str | None,
    doc_lang: str | None,
    base_latin: str | None,
    documents: list[Document],
    termbase: Termbase,
) -> tuple[str, str]:
    """The glossary's language (--lang; else the documents' language, by the configuration or
    by their main script, Latin guessed from the words), and the language of their Latin-script
    text."""
    from termkit.glossary import main_language
    from termkit.langtags import resolve_language
    from termkit.text.languages import guess_latin_language

    option = "--lang"
    if lang is None:
        texts = [d.text for d in documents]
        guessed = base_latin or guess_latin_language("\n\n".join(texts), termbase.languages)
        lang = doc_lang or main_language(texts, latin_lang=guessed or "en")
        if doc_lang is None and lang == base_latin:
            option = "--latin-lang"  # the language came from there
    glossary_lang = resolve_language(lang, termbase.languages, option)
    if base_latin is None:
        base_latin = glossary_lang if not glossary_lang.startswith(("zh", "ja")) else "en"
    return glossary_lang, base_latin


def _render(entries: Sequence[GlossaryEntry], languages: Sequence[str], output_format: str) -> None:
    from termkit.render.glossary import (
        glossary_to_csv,
        glossary_to_json,
        glossary_to_markdown,
        print_glossary_text,
    )

    if output_format == "json":
        data = glossary_to_json(entries, languages)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif output_format == "csv":
        click.echo(glossary_to_csv(entries, languages), nl=False)
    elif output_format == "markdown":
        click.echo(glossary_to_markdown(entries, languages), nl=False)
    elif entries:
        print_glossary_text(entries, languages, sys.stdout)
    else:
        click.echo(_("No acronyms found."), err=True)
