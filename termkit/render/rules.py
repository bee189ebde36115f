"""Rule pages for people (``termkit rule``), for programs (JSON; SARIF's are in findings.py) and for the
repository (docs/rules.md and the README's rule table), all from the rules' docstrings.

``python -m termkit.render.rules --write`` regenerates docs/rules.md and the README's table;
without ``--write`` it exits 1 when either is stale.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from termkit.rules.context import Rule
from termkit.rules.docs import DOCS_URL

__all__ = [
    "GENERATE_COMMAND",
    "generated_files",
    "main",
    "plain_text",
    "print_rule_pages",
    "readme_rule_table",
    "rule_help_uri",
    "rule_text",
    "rules_reference",
    "rules_to_json",
]

GENERATE_COMMAND = "python -m termkit.render.rules --write"
ROOT = Path(__file__).resolve().parents[2]  # the repository, where README.md and docs/ are
README_BEGIN = "<!-- rules: begin -->"
README_END = "<!-- rules: end -->"

_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^#+ ", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """Markdown as plain text: headings without their marks, examples indented, not fenced."""

    def indent(block: re.Match[str]) -> str:
        return "".join(f"    {line}" for line in block.group(2).splitlines(keepends=True)).rstrip()

    return _HEADING.sub("", _FENCE.sub(indent, markdown))


def rule_text(registered: Rule) -> str:
    """The rule's page as plain text."""
    return plain_text(registered.markdown)


def rule_help_uri(registered: Rule) -> str:
    """The rule's section of docs/rules.md."""
    return f"{DOCS_URL}#{registered.code.lower()}"


def rules_to_json(rules: Sequence[Rule]) -> list[dict[str, Any]]:
    """The documented ``termkit rule --format json`` array."""
    return [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "default": r.default,
            "summary": r.summary,
            "markdown": r.markdown,
        }
        for r in rules
    ]


def print_rule_pages(rules: Sequence[Rule], stream: IO[str], *, markdown: bool = False) -> None:
    """The rules' pages: rendered Markdown on a colour terminal, else plain text (or Markdown)."""
    from termkit.render.console import make_console, wants_color

    if markdown or not wants_color(stream):
        pages = [r.markdown if markdown else rule_text(r) for r in rules]
        stream.write("\n".join(pages))
        return
    from rich.markdown import Markdown

    console = make_console(stream)
    for registered in rules:
        console.print(Markdown(registered.markdown))
        console.print()


def rules_reference(rules: Sequence[Rule]) -> str:
    """docs/rules.md: every rule's page under an anchor of its code (``#tk101``)."""
    parts = [
        "# The rules of termkit check\n\n"
        f"<!-- Generated from the rules' docstrings by {GENERATE_COMMAND}: do not edit. -->\n\n"
        "Each rule's page, as `termkit rule CODE` prints it. Select rules with `--select` and "
        "`--ignore` (codes, prefixes such as `TK2`, names, or `ALL`).\n"
    ]
    for registered in rules:
        page = re.sub(r"^#", "##", registered.markdown, flags=re.MULTILINE)
        parts.append(f'<a id="{registered.code.lower()}"></a>\n\n{page}')
    return "\n".join(parts)


def readme_rule_table(rules: Sequence[Rule]) -> str:
    """The README's rule table, between its markers."""
    rows = [
        f"| [{r.code}](docs/rules.md#{r.code.lower()}) | {r.name} | "
        f"{r.severity.value}{'' if r.default else ', off'} | {r.summary} |"
        for r in rules
    ]
    note = f"<!-- generated from the rules' docstrings by {GENERATE_COMMAND} -->"
    header = [note, "| code | rule | default | what it finds |", "| --- | --- | --- | --- |"]
    return "\n".join([README_BEGIN, *header, *rows, README_END])


def generated_files(rules: Sequence[Rule], root: Path | None = None) -> dict[Path, str]:
    """What docs/rules.md and README.md should hold: the README with its table replaced."""
    root = root or ROOT
    readme = root / "README.md"
    current = readme.read_text(encoding="utf-8")
    begin, end = current.find(README_BEGIN), current.find(README_END)
    if begin < 0 or end < begin:
        raise ValueError(f"{readme}: no {README_BEGIN!r} … {README_END!r} markers")
    table = readme_rule_table(rules)
    return {
        root / "docs" / "rules.md": rules_reference(rules),
        readme: current[:begin] + table + current[end + len(README_END) :],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Write (``--write``) or check the generated files; 1 when one is stale and not written."""
    from termkit.rules import all_rules

    write = "--write" in (sys.argv[1:] if argv is None else argv)
    stale = []
    for path, text in generated_files(all_rules()).items():
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        if write:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"Wrote {path.relative_to(ROOT)}")
        else:
            stale.append(path.relative_to(ROOT).as_posix())
    if stale:
        print(f"stale: {', '.join(stale)}; run {GENERATE_COMMAND}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
