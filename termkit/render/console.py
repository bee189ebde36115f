"""One place that decides how text reaches the terminal: colour only on a TTY, never with NO_COLOR."""

from __future__ import annotations

import os
import sys
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["COLOR_CHOICES", "make_console", "set_color", "wants_color"]

COLOR_CHOICES = ("auto", "always", "never")
_chosen: str = "auto"


def set_color(choice: str) -> None:
    """``--color``: ``always`` or ``never`` decide; ``auto`` leaves it to the stream and to
    NO_COLOR/FORCE_COLOR. The command line wins over the environment, as in ruff and ls."""
    global _chosen
    if choice not in COLOR_CHOICES:
        raise ValueError(f"color must be one of {', '.join(COLOR_CHOICES)}, not {choice!r}")
    _chosen = choice


def wants_color(stream: IO[str] | None = None) -> bool:
    """Colour only on a terminal, never with NO_COLOR set (https://no-color.org); FORCE_COLOR wins.
    ``--color always|never`` (:func:`set_color`) wins over both."""
    if _chosen != "auto":
        return _chosen == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    isatty: Any = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def make_console(stream: IO[str] | None = None, *, stderr: bool = False) -> Console:
    """A rich console for ``stream`` that follows :func:`wants_color`."""
    from rich.console import Console

    stream = stream or (sys.stderr if stderr else sys.stdout)
    color = wants_color(stream)
    return Console(
        file=stream,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        soft_wrap=not color,
        emoji=False,
        # In a pipe nothing should wrap or be cut: tables take the width their content needs.
        width=None if color else 1000,
    )
