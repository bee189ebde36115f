"""Options and helpers shared by the subcommands: termbase selection, output, errors."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from termkit.errors import TermkitError
from termkit.i18n import T_

if TYPE_CHECKING:
    from termkit.config import CheckConfig
    from termkit.model import Termbase

F = TypeVar("F", bound=Callable[..., Any])

__all__ = [
    "EXIT_ERROR",
    "check_preferences",
    "config_option",
    "document_options",
    "fail",
    "included_formats",
    "load_config_from",
    "load_termbase_from",
    "termbase_options",
    "user_errors",
    "verbosity_options",
]

EXIT_ERROR = 2


def termbase_options(func: F) -> F:
    """``--termbase`` (repeatable), ``--no-default-termbase`` and ``--config``."""
    func = click.option(
        "--termbase",
        "-t",
        "termbases",
        multiple=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="A TOML termbase to load after the shipped one (repeatable; later ones win).",
    )(func)
    func = click.option(
        "--no-default-termbase",
        is_flag=True,
        help="Do not load the shipped termbase: only --termbase and configured ones.",
    )(func)
    return config_option(func)


def config_option(func: F) -> F:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Configuration file (default: termkit.toml or pyproject.toml's [tool.termkit], "
        "found walking up from here).",
    )(func)


def document_options(func: F) -> F:
    """``--input-format`` and ``--include``: how files named are read, and which formats a
    folder walk reads besides text (Word, HTML, PDF; see :mod:`termkit.documents`)."""
    from termkit.documents import INPUT_FORMATS

    func = click.option(
        "--include", multiple=True, metavar="FORMATS",
        help="Walk folders for these formats too: docx, html, pdf (comma-separated).",
    )(func)
    return click.option(
        "--input-format", type=click.Choice(INPUT_FORMATS),
        help="Read every file named as this format (default: by its extension).",
    )(func)


def included_formats(given: tuple[str, ...], config: CheckConfig) -> tuple[str, ...]:
    """The formats ``--include`` names (comma-separated, repeatable), else the configuration's;
    a usage error for one that is not docx, html or pdf."""
    from termkit.documents import DOCUMENT_FORMATS

    names = [part.strip() for value in given for part in value.split(",") if part.strip()]
    for name in names:
        if name not in DOCUMENT_FORMATS:
            raise click.BadParameter(
                T_("{given!r}: the formats are {value}", given=name,
                   value=", ".join(DOCUMENT_FORMATS)), param_hint="--include")
    return tuple(names) or tuple(config.include)


def verbosity_options(func: F) -> F:
    """``--quiet`` and ``--verbose``, counted into one ``verbosity`` argument (-1, 0, 1…)."""

    @click.option("--quiet", "-q", is_flag=True, help="Print only what matters (no summary).")
    @click.option("--verbose", "-v", count=True, help="Say more (repeat for more).")
    @functools.wraps(func)
    def wrapper(*args: Any, quiet: bool, verbose: int, **kwargs: Any) -> Any:
        from termkit.trace import set_verbosity

        verbosity = -1 if quiet else verbose
        set_verbosity(verbosity)
        return func(*args, verbosity=verbosity, **kwargs)

    return wrapper  # type: ignore[return-value]


def load_config_from(config_path: Path | None) -> CheckConfig:
    from termkit.config import load_config
    from termkit.trace import note

    config = load_config(config_path)
    if config.path is None:
        note(1, T_("configuration: none found (termkit.toml, or pyproject.toml with "
                   "[tool.termkit], here or in a folder above)"))
    else:
        note(1, T_("configuration: {path}", path=config.path))
    return config


def load_termbase_from(
    termbases: tuple[Path, ...],
    no_default_termbase: bool,
    config: CheckConfig,
) -> Termbase:
    """The termbase the options and the configuration ask for."""
    from termkit.termbase import default_termbase_paths, load_termbase
    from termkit.trace import note

    include_default = config.default_termbase and not no_default_termbase
    paths = [*config.termbases, *termbases]
    termbase = load_termbase(paths, include_default=include_default)
    shipped = (
        [T_("{path} (shipped)", path=p) for p in default_termbase_paths()] if include_default
        else []
    )
    note(1, T_("termbases: {paths}: {count} concepts in {languages}",
               paths=", ".join([*shipped, *map(str, paths)]), count=len(termbase),
               languages=", ".join(termbase.languages)))
    return termbase


def check_config_languages(config: CheckConfig, termbase: Termbase) -> None:
    """``lang`` and ``latin-lang`` must name languages of the termbase: an error at the key's
    line otherwise (the command line's own --lang is judged where it is used)."""
    from termkit.langtags import resolve_language
    from termkit.text.languages import AUTO

    for key, value in (("lang", config.lang), ("latin-lang", config.latin_lang)):
        if value is None or (key == "latin-lang" and value == AUTO):
            continue
        try:
            resolve_language(value, termbase.languages, key)
        except TermkitError as exc:
            raise config.error_at(key, str(exc)) from None


def check_config_rules(config: CheckConfig) -> None:
    """``select``, ``ignore`` and ``per-file-ignores`` must name rules: an error at the key's line."""
    from termkit.rules import select_rules

    keys = [("select", config.select), ("ignore", config.ignore)]
    keys += [("per-file-ignores", codes) for codes in config.per_file_ignores.values()]
    keys += [("severity", tuple(config.severity))]
    for key, codes in keys:
        try:
            select_rules((), codes)
        except TermkitError as exc:
            raise config.error_at(key, f"{key}: {exc}") from None


def check_preferences(prefer: Mapping[str, str], termbase: Termbase, path: str | None) -> None:
    """Each ``prefer`` value must name a concept id or a term of the termbase."""
    from termkit.errors import TermbaseError

    for acronym, wanted in prefer.items():
        if wanted in termbase:
            continue
        if any(term.text == wanted for term in termbase.terms()):
            continue
        raise TermbaseError(
            T_(
                "prefer: {acronym} = {wanted!r} names no concept of the termbase",
                acronym=acronym, wanted=wanted,
            ), path
        )


def fail(message: str, code: int = EXIT_ERROR) -> None:
    """Print a one-line error to stderr (in the interface language, for a ``T_`` message) and
    exit with ``code``."""
    from termkit.i18n import translated

    click.echo(f"termkit: error: {translated(message)}", err=True)
    sys.exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and exit code 2, never a traceback."""
    try:
        yield
    except TermkitError as exc:
        fail(exc.localized())
    except KeyboardInterrupt:
        click.echo("termkit: " + T_("interrupted").translated(), err=True)
        sys.exit(130)
