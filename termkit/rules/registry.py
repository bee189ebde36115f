"""The rule registry: each rule registers itself with :func:`rule`, under a stable code and a
readable name, with a default severity and what it needs of the analysis."""

from __future__ import annotations

from collections.abc import Callable

from termkit.analysis import Needs
from termkit.findings import Severity
from termkit.rules.context import Rule, RuleFunction

__all__ = ["RULES", "rule"]


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    description: str,
    *,
    default: bool = True,
    needs: Needs = Needs.NOTHING,
    after: bool = False,
    bilingual: bool = False,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under ``code`` and ``name``."""

    def register(function: RuleFunction) -> RuleFunction:
        RULES[code] = Rule(
            code, name, severity, description, default, function, needs, after, bilingual
        )
        return function

    return register
