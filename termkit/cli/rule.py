"""``termkit rule``: a rule's page, as its docstring writes it."""

from __future__ import annotations

import json
import sys

import click

from termkit.cli.options import user_errors
from termkit.i18n import T_


@click.command(
    epilog="""\b
Examples:
  termkit rule TK101                # one rule's page
  termkit rule deprecated-term      # the same, by name
  termkit rule TK2                  # every acronym rule
  termkit rule --all --format markdown > rules.md
  termkit rule --all --format json
"""
)
@click.argument("rules", nargs=-1, metavar="[RULE]...")
@click.option("--all", "all_rules", is_flag=True, help="Every rule.")
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True,
              help="text: plain (rendered Markdown on a terminal); markdown; json: a list of "
              "objects (code, name, severity, default, summary, markdown).")
def rule(rules: tuple[str, ...], all_rules: bool, output_format: str) -> None:
    """Explain rules: what each finds, why it matters for a bulletin, an
    example that fires and one that does not, and its fix.

    RULE is a code (TK101), a prefix (TK2) or a name (deprecated-term);
    several may be given. Exit status: 2 for an unknown rule.
    """
    from termkit.render.rules import print_rule_pages, rules_to_json
    from termkit.rules import find_rules

    with user_errors():
        if not rules and not all_rules:
            raise click.UsageError(T_("give a RULE (TK101, TK2, deprecated-term) or --all"))
        found = find_rules(["ALL"] if all_rules else rules)
    if output_format == "json":
        click.echo(json.dumps(rules_to_json(found), ensure_ascii=False, indent=2))
    else:
        print_rule_pages(found, sys.stdout, markdown=output_format == "markdown")
