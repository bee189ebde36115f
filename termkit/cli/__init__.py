"""The ``termkit`` command line: a thin click layer over the library.

Subcommands live one per module in this package and are imported only when invoked, so that
``termkit --version`` and shell completion stay fast.
"""

from __future__ import annotations

import atexit
import errno
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import click

from termkit import __version__
from termkit.cli.failures import (
    EXIT_ABNORMAL,
    TRACEBACK_OPTION,
    report_failure,
    take_traceback_option,
    tolerate_unencodable_output,
    unwritable_output,
)
from termkit.compiled import keep_generated_code
from termkit.process import started_from_command_line

__all__ = ["cli", "main", "run"]

# command name -> "module:attribute", in the order --help lists them
COMMANDS = {
    "lookup": "termkit.cli.lookup:lookup",
    "check": "termkit.cli.check:check",
    "rule": "termkit.cli.rule:rule",
    "expand": "termkit.cli.expand:expand",
    "glossary": "termkit.cli.glossary:glossary",
    "terms": "termkit.cli.terms:terms",
    "extract": "termkit.cli.extract:extract",
    "validate": "termkit.cli.validate:validate",
    "export": "termkit.cli.interchange:export",
    "import": "termkit.cli.interchange:import_",
    "add": "termkit.cli.edit:add",
    "merge": "termkit.cli.edit:merge",
    "server": "termkit.cli.server:server",
}

SHORT_HELP = {
    "lookup": "Look a term up by acronym, by any language's term, or fuzzily.",
    "check": "Lint documents for deprecated, inconsistent or misused terms.",
    "rule": "Explain check's rules: what each finds, examples, its fix.",
    "expand": "Spell out acronyms in a document.",
    "terms": "List the concepts a job's sources name, with the target terms to use.",
    "glossary": "Build the glossary of the acronyms that documents use.",
    "extract": "Find acronym definitions in documents (candidates for the termbase).",
    "validate": "Check termbase files for errors.",
    "export": "Write the termbase as TBX, CSV, TSV or JSON.",
    "import": "Read a TBX, CSV, TSV or JSON file into a TOML termbase.",
    "add": "Add a concept or a term to a TOML termbase in place.",
    "merge": "Combine TOML termbases, listing conflicts.",
    "server": "Run the language server (LSP) for editors.",
}


def localize(command: click.Command) -> click.Command:
    """The command with its help and its options' help in the interface language (the English
    text is the catalogue's message id; ``scripts/catalogs.py`` extracts them). The English
    texts are kept, so that a process that changes its language (tests, a server) can switch."""
    from termkit.i18n import _, interface_language

    lang = interface_language()
    if getattr(command, "_help_language", "en") == lang:
        return command
    english: dict[object, str | None] | None = getattr(command, "_english_help", None)
    if english is None:
        english = {command: command.help}
        english.update({p: p.help for p in command.params if isinstance(p, click.Option)})
        command._english_help = english  # type: ignore[attr-defined]
    for target, text in english.items():
        translated = _(text) if text else text
        if target is command:
            command.help = translated
        elif isinstance(target, click.Option):
            target.help = translated
    command._help_language = lang  # type: ignore[attr-defined]
    return command


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    @staticmethod
    def _available(name: str) -> bool:
        module_name = COMMANDS[name].split(":")[0]
        return importlib.util.find_spec(module_name) is not None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None or not self._available(cmd_name):
            return None
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return localize(command)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Listing commands from the table keeps --help from importing every command module.
        from termkit.i18n import _

        rows = [(name, _(SHORT_HELP[name])) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", "-V", prog_name="termkit")
@click.option(
    TRACEBACK_OPTION,
    is_flag=True,
    expose_value=False,
    help="On an internal error, print the traceback too (also taken after the command).",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.",
)
def cli(color: str) -> None:
    """termkit: terminology for multilingual (zh/en/fr) meeting reports.

    One TOML termbase of concepts drives lookups for translators, a linter for
    editors and pre-commit, and acronym expansion and glossaries.

    \b
    Examples:
      termkit lookup OEWG
      termkit check draft.md
      termkit validate my-terms.toml
    """
    from termkit.render.console import set_color
    from termkit.trace import set_verbosity

    set_color(color)
    set_verbosity(0)  # a command's -v/-q sets it again


def run() -> NoReturn:
    """The console entry point: :func:`main`, then exit without tearing the interpreter down.

    Freeing a large termbase, its automata and a big document's matches object by object takes
    longer than checking some files (0.7 s after a 10 MB check): time a pre-commit hook would
    wait for, for memory the system takes back anyway. Exit handlers still run and the standard
    streams are flushed, which is all the teardown did that anyone could see.

    The methods of termkit's dataclasses are compiled once per installation, not at every start
    (:func:`termkit.compiled.keep_generated_code`): a fifth of a pre-commit run on two files.
    """
    started_from_command_line()
    keep_generated_code()
    code = main()
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except OSError as error:
        message = unwritable_output(error) if error.errno != errno.EPIPE else None
        if message is None:  # a closed pipe (termkit check … | head): silent, as click is
            code = code or 1
        elif code != EXIT_ABNORMAL:  # not said yet (a write failed, then this flush again)
            print(f"termkit: error: {message}", file=sys.stderr)
            code = EXIT_ABNORMAL
    except ValueError:  # closed
        code = code or 1
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        code = code or 1
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return its exit code instead of exiting (for tests and ``python -m``).

    Whatever escapes the commands (a bug, an output that cannot be written) is one line on
    standard error and exit status 2 (:mod:`termkit.cli.failures`).
    """
    args, show_traceback = take_traceback_option(
        list(argv) if argv is not None else sys.argv[1:]
    )
    tolerate_unencodable_output()
    localize(cli)
    try:
        cli.main(args=args, prog_name="termkit")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except BaseException as exc:  # the last line of defence; a Rust panic in pyo3 is one too
        return report_failure(exc, show_traceback)
    return 0
