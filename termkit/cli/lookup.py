"""``termkit lookup``: find terms for a translator at a terminal."""

from __future__ import annotations

import json
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
from termkit.i18n import T_


@click.command(
    epilog="""\b
Examples:
  termkit lookup OEWG                     # by acronym (any case, plurals too)
  termkit lookup EMAPE                    # French acronym of two concepts
  termkit lookup 尾矿                      # by part of a Chinese term
  termkit lookup "open ended workgroup"   # fuzzy: typos, word order
  termkit lookup FPIC --lang zh,fr --format json
  termkit lookup --list
  termkit lookup -i --lang zh               # one term after another
"""
)
@click.argument("query", required=False)
@click.option("--lang", "-l", "langs", metavar="LANGS", help="Show only these languages: zh,fr.")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True,
              help="Show at most N concepts.")
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Output format.")
@click.option("--list", "list_all", is_flag=True, help="List every concept in a table.")
@click.option("--interactive", "-i", is_flag=True, help="Look terms up one after another at a "
              "prompt, with completion as you type (F2 copies the term, Ctrl-D leaves).")
@termbase_options
def lookup(
    query: str | None,
    langs: str | None,
    limit: int,
    output_format: str,
    list_all: bool,
    interactive: bool,
    termbases: tuple[Path, ...],
    no_default_termbase: bool,
    config_path: Path | None,
) -> None:
    """Look QUERY up in the termbase, in any language and script.

    Finds concepts by acronym (case-insensitive, plurals such as NGOs), by any
    term in any language (exact, prefix, substring), and fuzzily (typos and
    word order tolerated; the score is shown). Ranked: exact acronym, exact
    term, prefix, substring, fuzzy.

    Exit status: 0 when something was found, 1 when nothing was (with
    suggestions), 2 on errors.
    """
    from termkit.langtags import resolve_languages
    from termkit.lookup import lookup as find
    from termkit.render.concepts import hits_to_json, no_match, print_concept_list, print_hits
    from termkit.render.console import make_console

    with user_errors():
        if not list_all and not interactive and not (query and query.strip()):
            fail(T_("give a QUERY to look up, --list, or -i"))
        if interactive and not (sys.stdin.isatty() and sys.stdout.isatty()):
            fail(T_("lookup -i needs a terminal (standard input and output)"))
        termbase = load_termbase_from(
            termbases, no_default_termbase, load_config_from(config_path)
        )
        shown = resolve_languages(langs, termbase.languages, "--lang")
        if interactive:
            from termkit.interactive import data_directory, run

            sys.exit(run(termbase, shown, history=data_directory() / "lookup-history"))
        if list_all:
            if output_format == "json":
                from termkit.render.concepts import concept_to_json

                data = [concept_to_json(termbase, c, shown) for c in termbase]
                click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                print_concept_list(make_console(), termbase, languages=shown)
            return
        assert query is not None
        hits = find(termbase, query, limit=limit)
    if output_format == "json":
        click.echo(json.dumps(hits_to_json(termbase, hits, shown), ensure_ascii=False, indent=2))
    elif hits:
        print_hits(make_console(), termbase, hits, languages=shown)
    if not hits:
        click.echo(no_match(termbase, query), err=True)
        sys.exit(1)
