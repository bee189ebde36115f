"""``termkit validate``: check termbase files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from termkit.cli.options import config_option, load_config_from, user_errors, verbosity_options
from termkit.i18n import _, translated


@click.command(
    epilog="""\b
Examples:
  termkit validate                  # the shipped and configured termbases
  termkit validate my-terms.toml    # one file (with the shipped one, for clashes)
  termkit validate --alone my-terms.toml
"""
)
@click.argument("termbases", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--alone",
    is_flag=True,
    help="Check only the files named, not their clashes with the shipped termbase.",
)
@config_option
@verbosity_options
def validate(
    termbases: tuple[Path, ...], alone: bool, config_path: Path | None, verbosity: int
) -> None:
    """Check termbase files for errors and warnings.

    Reports TOML syntax errors, unknown keys (with a did-you-mean), empty or
    space-padded terms, terms both preferred and deprecated, invalid language
    tags, and one full form on two concepts, as path:line:col: messages.
    Without arguments, checks the shipped and configured termbases.

    Exit status: 0 when clean, 1 when there are only warnings, 2 on errors.
    """
    from termkit.termbase import default_termbase_paths, layer_changes, validate_paths

    with user_errors():
        config = load_config_from(config_path)
        paths: list[Path] = list(termbases)
        if not paths:
            paths = list(config.termbases)
            if config.default_termbase:
                paths = [*default_termbase_paths(), *paths]
        elif not alone and config.default_termbase:
            # Clashes with the shipped termbase matter: the two load together.
            paths = [*default_termbase_paths(), *paths]
        diagnostics = validate_paths(paths)
        changes = layer_changes(paths) if verbosity > 0 else []
    for path, change in changes:
        click.echo(f"{path}: {translated(change)}", err=True)
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    for diagnostic in diagnostics:
        if diagnostic.severity == "error" or verbosity >= 0:
            click.echo(diagnostic.localized())
    if verbosity >= 0:
        checked = (
            ", ".join(str(p) for p in paths) if verbosity > 0
            else _("{count} file(s)").format(count=len(paths))
        )
        click.echo(
            _("{errors} error(s), {warnings} warning(s) in {checked}").format(
                errors=errors, warnings=warnings, checked=checked),
            err=True,
        )
    sys.exit(2 if errors else 1 if warnings else 0)
