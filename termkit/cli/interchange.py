"""``termkit export`` and ``termkit import``: TBX, CSV, TSV and JSON in and out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from termkit.cli.options import (
    fail,
    load_config_from,
    load_termbase_from,
    termbase_options,
    user_errors,
)
from termkit.i18n import T_, _, translated
from termkit.interchange import EXPORT_FORMATS, IMPORT_FORMATS


def _split_languages(values: tuple[str, ...]) -> list[str]:
    return [lang.strip() for value in values for lang in value.split(",") if lang.strip()]


@click.command(
    epilog="""\b
Examples:
  termkit export -o terms.tbx                 # TBX v3 (TBX-Basic) for CAT tools
  termkit export --format tbx2 -o terms.tbx   # TBX v2 (martif), for older tools
  termkit export -o terms.csv --bom           # one row per term, for Excel
  termkit export --format csv --wide --lang en,fr
"""
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    help="Output format (default: from the -o extension, tbx on standard output; "
    "required when the extension names no format).",
)
@click.option(
    "--lang",
    "-l",
    "languages",
    multiple=True,
    help="Only these languages (repeatable or comma-separated: --lang en,fr).",
)
@click.option("--wide", is_flag=True, help="CSV/TSV: one row per concept, columns per language.")
@click.option("--bom", is_flag=True, help="Start the file with a UTF-8 BOM (for Excel).")
@click.option(
    "--escape-formulas/--no-escape-formulas",
    default=True,
    show_default=True,
    help="CSV/TSV: put ' before a cell that starts with = + - @ TAB or CR, so that a "
    "spreadsheet shows it instead of running it as a formula (CSV injection: "
    "=HYPERLINK(…), =cmd|…); termkit import removes it. --no-escape-formulas writes such "
    "cells as they are, for tools other than spreadsheets.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (default: standard output).",
)
@termbase_options
def export(
    fmt: str | None,
    languages: tuple[str, ...],
    wide: bool,
    bom: bool,
    escape_formulas: bool,
    output: Path | None,
    termbases: tuple[Path, ...],
    no_default_termbase: bool,
    config_path: Path | None,
) -> None:
    """Write the termbase as TBX (v3 or v2), CSV, TSV or JSON.

    The long CSV/TSV form (one row per term) and TBX read back into an equal
    termbase with `termkit import`; --wide is for reading in a spreadsheet.
    """
    from termkit.interchange import export_format_for, export_termbase

    with user_errors():
        termbase = load_termbase_from(
            termbases, no_default_termbase, load_config_from(config_path)
        )
        chosen = fmt or export_format_for(output)
        result = export_termbase(
            termbase,
            chosen,
            languages=_split_languages(languages),
            wide=wide,
            escape_formulas=escape_formulas,
        )
        for warning in result.warnings:
            click.echo(f"termkit: warning: {translated(warning)}", err=True)
        data = (("\ufeff" if bom else "") + result.text).encode("utf-8")
        if output is None:
            from termkit.text.document import write_stdout_bytes

            write_stdout_bytes(data)
        else:
            from termkit.files import write_file

            write_file(output, data)
            click.echo("termkit: " + _("wrote {count} concepts as {format} to {output}").format(
                count=len(termbase), format=chosen, output=output), err=True)


@click.command(
    "import",
    epilog="""\b
Examples:
  termkit import terms.tbx -o my-terms.toml
  termkit import glossary.csv -o my-terms.toml
  termkit import terms.tbx --validate TBXcoreStructV03.rng
""",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(IMPORT_FORMATS),
    default="auto",
    show_default=True,
    help="Input format; auto tells TBX v3/v2, CSV, TSV and JSON apart.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the TOML termbase here (default: standard output).",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option(
    "--validate",
    "schema",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="SCHEMA.rng",
    help="Check a TBX file against this RelaxNG schema (the TBX core structure, "
    "TBXcoreStructV03.rng) first; refuse it with the errors listed when it fails.",
)
def import_(file: Path, fmt: str, output: Path | None, force: bool, schema: Path | None) -> None:
    """Read a TBX, CSV, TSV or JSON file into a TOML termbase.

    What termkit's model has no field for (part of speech, context, gender…)
    is kept in notes and what cannot be kept (transactions, back matter) is
    dropped; both are listed on stderr. The TOML written passes `termkit validate`.
    In CSV/TSV, the ' that `termkit export` puts before a cell a spreadsheet
    would run as a formula ('=x, '-ene) is removed; an apostrophe of the
    term's own ('tis) is kept.
    """
    from termkit.interchange import detect_import_format, import_as_toml

    with user_errors():
        if output is not None and output.exists() and not force:
            fail(T_("{output} exists: use --force to overwrite it", output=output))
        data = _read_import(file)
        if schema is not None:
            if (fmt if fmt != "auto" else detect_import_format(data, str(file))) != "tbx":
                fail(T_("--validate applies to TBX files"))
            from termkit.interchange.tbx import validate_tbx

            errors = validate_tbx(data, str(file), str(schema))
            for error in errors:
                click.echo(error, err=True)
            if errors:
                fail(
                    T_(
                        "{file}: {value} structural error(s) against {name}: not imported",
                        file=file, value=len(errors), name=schema.name,
                    )
                )
        text, result = import_as_toml(data, str(file), fmt)
        for line in result.report.lines():
            click.echo(f"termkit: import: {line}", err=True)
        termbase = result.termbase
        terms = sum(1 for _ in termbase.terms())
        if output is None:
            sys.stdout.write(text)
        else:
            from termkit.files import write_file

            write_file(output, text.encode("utf-8"))
        imported = _("imported {concepts} concepts, {terms} terms ({languages}) from {file}").format(
            concepts=len(termbase), terms=terms, languages=", ".join(termbase.languages), file=file)
        if output is not None:
            imported += _(" into {output}").format(output=output)
        click.echo("termkit: " + imported, err=True)


def _read_import(file: Path) -> bytes:
    """The file to import: a regular file of no more than the document size limit."""
    from termkit.errors import InputError
    from termkit.reading import DOCUMENT_LIMIT, read_regular_file

    try:
        return read_regular_file(file, DOCUMENT_LIMIT)[0]
    except OSError as error:
        raise InputError(T_("cannot read: {reason}", reason=error.strerror or error), str(file)) from None
