"""``termkit server``: the language server for editors."""

from __future__ import annotations

import click

from termkit.cli.options import fail
from termkit.i18n import T_


@click.command(
    epilog="""\b
Examples:
  termkit server      # what an editor's LSP client runs (README: "In your editor")
  Neovim: vim.lsp.start({ name = "termkit", cmd = { "termkit", "server" } })
"""
)
@click.option("--stdio", is_flag=True, default=True, help="Talk LSP over standard input and "
              "output (the default and only transport).")
def server(stdio: bool) -> None:
    """Run termkit as a language server (LSP) over stdio: findings as you type, fixes as
    code actions, concept cards on hover, full forms completed after an acronym's
    parenthesis. Configuration and termbases are found from each document's folder."""
    try:
        from termkit.server import serve
    except ImportError as error:
        fail(
            T_(
                "termkit server needs pygls ({name} is missing): pip install 'termkit[server]'",
                name=error.name,
            ),
        )
    serve()
