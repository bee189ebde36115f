"""``termkit extract``: acronym definitions in documents, as candidates for the termbase."""

from __future__ import annotations

from pathlib import Path

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
from termkit.i18n import T_


def _language_option(value: str | None, setting: object, what: str) -> str | None:
    from termkit.errors import InputError
    from termkit.langtags import normalize_tag

    tag = value if value is not None else setting if isinstance(setting, str) else None
    if tag is None:
        return None
    try:
        return normalize_tag(tag)
    except ValueError as exc:
        raise InputError(T_("{what}: {reason}", what=what, reason=exc)) from None


@click.command(
    epilog="""\b
Examples:
  termkit extract report.txt                  # new and differing definitions, as TSV
  termkit extract --all --format json *.txt   # every definition, with its status
  termkit extract --format toml notes.md >> my-terms.toml
"""
)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--lang",
    "-l",
    help="The documents' language (zh, en, fr…). Default: the configured lang, else guessed "
    "per file (mostly Han: zh; else the configured latin-lang, or English or French as the "
    "file's words say).",
)
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["tsv", "toml", "json"]),
    default="tsv",
    show_default=True,
    help="tsv: a table; json: an array of objects; toml: concepts to paste into a termbase.",
)
@click.option(
    "--all", "include_known", is_flag=True, help="Also list definitions the termbase knows."
)
@click.option(
    "--encoding",
    help="Decode files without a BOM with this encoding (default UTF-8; e.g. gb18030).",
)
@document_options
@termbase_options
def extract(
    paths: tuple[str, ...],
    lang: str | None,
    output_format: str,
    include_known: bool,
    encoding: str | None,
    input_format: str | None,
    include: tuple[str, ...],
    termbases: tuple[Path, ...],
    no_default_termbase: bool,
    config_path: Path | None,
) -> None:
    """Find acronym definitions in PATHS: long form (ACR), ACR (long form),
    全称（ACR）, “名称”（ACR）, 《公约》（ACR）.

    Lists each distinct acronym and full form per file, with where it is
    first defined (path:line:col) and how many times, and its status against
    the termbase: new (acronym unknown), differs (acronym known, full form
    not among its terms) or known (shown with --all), and the other concepts
    whose term the full form is (a new acronym of a known concept, or an
    acronym paired with another body's name). PATHS may be files, folders
    (their .txt, .md and .rst files) or - for standard input.

    Exit status: 0, or 2 on errors (unreadable file, invalid termbase).
    """
    from termkit.extract import extract_paths, render_json, render_toml, render_tsv

    with user_errors():
        config = load_config_from(config_path)
        given_lang = _language_option(lang, None, "--lang")  # the command line's, before all
        termbase = load_termbase_from(termbases, no_default_termbase, config)
        check_config_languages(config, termbase)
        doc_lang = given_lang or _language_option(None, config.lang, "lang")
        setting = config.latin_lang
        latin_lang = None if setting == "auto" else _language_option(None, setting, "latin-lang")
        if doc_lang is not None:
            from termkit.langtags import resolve_language

            doc_lang = resolve_language(doc_lang, termbase.languages, "--lang")
        found = extract_paths(
            list(paths),
            termbase,
            doc_lang,
            latin_lang=latin_lang,
            include_known=include_known,
            encoding=encoding,
            exclude=list(config.exclude),
            include=included_formats(include, config),
            input_format=input_format,
        )
    if output_format == "json":
        click.echo(render_json(found), nl=False)
    elif output_format == "toml":
        click.echo(render_toml(found, termbase), nl=False)
    else:
        click.echo(render_tsv(found, termbase), nl=False)
