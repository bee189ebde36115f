"""A rule's documentation lives in its function's docstring, in Markdown sections:

``## What it finds``, ``## Why it matters``, ``## Example`` (fenced blocks that fire, each
block's info string its language: ```` ```zh ````; a translation rule's blocks are pairs, info
string ```` ```en-zh ````, the source on the first line and its translation on the second),
``## Does not fire`` (blocks that do not)
and ``## Fix`` (the fix, and when it is offered). ``termkit rule``, SARIF's ``rules[]``,
docs/rules.md and the README's rule table are all made from it, and a test runs every example.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass

__all__ = ["DOCS_URL", "SECTIONS", "Example", "RuleDoc", "RuleDocError", "parse_rule_doc"]

# The rule reference in the repository (generated: python -m termkit.render.rules --write).
# pyproject declares no project URL; this is the one place that names the repository.
DOCS_URL = "https://github.com/termkit/termkit/blob/main/docs/rules.md"

SECTIONS = ("What it finds", "Why it matters", "Example", "Does not fire", "Fix")
_EXAMPLE_SECTIONS = {"Example": True, "Does not fire": False}

_HEADING = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
_FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


class RuleDocError(ValueError):
    """A rule's docstring lacks a section, or an example its language."""


@dataclass(frozen=True)
class Example:
    """A text of a rule's documentation, its language, and whether the rule fires on it."""

    lang: str
    text: str
    fires: bool


@dataclass(frozen=True)
class RuleDoc:
    """A rule's documentation: its sections in order (title, Markdown body) and its examples."""

    sections: tuple[tuple[str, str], ...]
    examples: tuple[Example, ...]

    def section(self, title: str) -> str:
        return dict(self.sections)[title]

    @property
    def what(self) -> str:
        """What the rule finds: SARIF's ``fullDescription``."""
        return self.section("What it finds")

    @property
    def markdown(self) -> str:
        """Every section under its ``##`` heading."""
        return "\n\n".join(f"## {title}\n\n{body}" for title, body in self.sections)


def parse_rule_doc(docstring: str) -> RuleDoc:
    """Read a rule function's docstring (see the module's docstring for its sections)."""
    text = inspect.cleandoc(docstring)
    headings = list(_HEADING.finditer(text))
    if not headings or text[: headings[0].start()].strip():
        raise RuleDocError("a rule's docstring starts with '## What it finds'")
    sections = []
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        end = following.start() if following is not None else len(text)
        sections.append((heading.group(1), text[heading.end() : end].strip()))
    titles = tuple(title for title, _ in sections)
    if titles != SECTIONS:
        raise RuleDocError(f"sections {titles}, expected {SECTIONS}")
    examples = []
    for title, body in sections:
        if title not in _EXAMPLE_SECTIONS:
            continue
        blocks = list(_FENCE.finditer(body))
        if not blocks:
            raise RuleDocError(f"no fenced example under '## {title}'")
        for block in blocks:
            if not block.group(1):
                raise RuleDocError(f"an example under '## {title}' does not give its language")
            examples.append(Example(block.group(1), block.group(2), _EXAMPLE_SECTIONS[title]))
    return RuleDoc(tuple(sections), tuple(examples))
