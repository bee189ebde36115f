"""termkit: a terminology toolkit for multilingual (zh/en/fr) meeting reports.

The library is usable without the CLI::

    from termkit import check_paths, check_text, load_termbase
    termbase = load_termbase()
    termbase["OEWG"].preferred_term("fr").text
    check_text("各多边环境协议秘书处。", termbase)     # findings in a string
    check_paths(["drafts/"], termbase).exit_code       # files and folders, as the CLI checks them

Heavy dependencies (rich, babel, rapidfuzz) are imported where they are used, never here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from termkit._version import __version__

__all__ = [
    "CheckSettings",
    "Concept",
    "InputError",
    "Report",
    "RunOptions",
    "Status",
    "Term",
    "TermType",
    "Termbase",
    "TermbaseError",
    "TermkitError",
    "__version__",
    "check_paths",
    "check_text",
    "load_termbase",
]

_LAZY = {
    "Concept": "termkit.model",
    "Status": "termkit.model",
    "Term": "termkit.model",
    "TermType": "termkit.model",
    "Termbase": "termkit.model",
    "InputError": "termkit.errors",
    "TermbaseError": "termkit.errors",
    "TermkitError": "termkit.errors",
    "load_termbase": "termkit.termbase",
    "CheckSettings": "termkit.settings",
    "check_text": "termkit.check",
    "check_paths": "termkit.runner",
    "Report": "termkit.runner",
    "RunOptions": "termkit.runner",
}

if TYPE_CHECKING:
    from termkit.check import check_text
    from termkit.errors import InputError, TermbaseError, TermkitError
    from termkit.model import Concept, Status, Term, Termbase, TermType
    from termkit.runner import Report, RunOptions, check_paths
    from termkit.settings import CheckSettings
    from termkit.termbase import load_termbase


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'termkit' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
