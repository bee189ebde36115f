"""The rules of ``termkit check``: each has a stable code, a readable name and a default severity.

Rules register themselves with :func:`rule`; :func:`select_rules` applies ``--select``/``--ignore``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from termkit.analysis import Needs
from termkit.errors import InputError
from termkit.i18n import T_
from termkit.rules.context import Rule
from termkit.rules.registry import RULES, rule

__all__ = ["RULES", "Rule", "all_rules", "find_rules", "needs_of", "rule", "select_rules"]


# The modules of this package that hold no rules.
_NOT_RULES = frozenset({"context", "docs", "registry"})


@cache
def _load_rules() -> None:
    """Import every rule module of this package: each registers its rules on import, so a new
    rule needs no list updated here. (Not at the top: a rule module imports the registry, which
    must load without them.)"""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        if module.name not in _NOT_RULES:
            importlib.import_module(f"{__name__}.{module.name}")


def all_rules() -> list[Rule]:
    """Every rule, by code."""
    _load_rules()
    return [RULES[code] for code in sorted(RULES)]


def _resolve(selector: str) -> list[str]:
    """Codes for a selector: a code (TK101), a prefix (TK1, TK), a name, or ALL."""
    selector = selector.strip()
    if selector.upper() == "ALL":
        return list(RULES)
    by_name = [r.code for r in RULES.values() if r.name == selector]
    if by_name:
        return by_name
    codes = [code for code in RULES if code.startswith(selector.upper())]
    if not codes:
        raise InputError(
            T_(
                "unknown rule {selector!r} (rules: {value}, or their names)",
                selector=selector, value=', '.join(sorted(RULES)),
            )
        )
    return codes


def find_rules(selectors: Iterable[str]) -> list[Rule]:
    """The rules that ``selectors`` name (codes, prefixes, names or ALL), by code, each once;
    :class:`InputError` for a selector that names none."""
    _load_rules()
    codes = {code for selector in selectors for code in _resolve(selector)}
    return [RULES[code] for code in sorted(codes)]


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """The rules to run: ``select`` (default: the rules on by default) minus ``ignore``."""
    _load_rules()
    select = [s for s in select if s.strip()]
    chosen = (
        {code for s in select for code in _resolve(s)}
        if select
        else {r.code for r in RULES.values() if r.default}
    )
    for selector in ignore:
        if selector.strip():
            chosen -= set(_resolve(selector))
    return [RULES[code] for code in sorted(chosen)]


def needs_of(rules: Iterable[Rule]) -> Needs:
    """What the analysis must provide for ``rules``: the union of what each needs."""
    needs = Needs.NOTHING
    for registered in rules:
        needs |= registered.needs
    return needs
