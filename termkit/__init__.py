"""termkit: a terminology toolkit for multilingual (zh/en/fr) meeting reports.

The library is usable without the CLI::

    from termkit import load_termbase
    termbase = load_termbase()
    termbase["OEWG"].preferred_term("fr").text

Heavy dependencies (rich, babel, rapidfuzz) are imported where they are used, never here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from termkit._version import __version__

__all__ = [
    "Concept",
    "InputError",
    "Status",
    "Term",
    "TermType",
    "Termbase",
    "TermbaseError",
    "TermkitError",
    "__version__",
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
}

if TYPE_CHECKING:
    from termkit.errors import InputError, TermbaseError, TermkitError
    from termkit.model import Concept, Status, Term, Termbase, TermType
    from termkit.termbase import load_termbase


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'termkit' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
