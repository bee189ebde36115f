"""``check``: find where a document renders the termbase's concepts in ways it does not want.

The rule driver: the document is analysed once (``termkit.analysis``) for what the selected
rules need, each rule judges the analysis, and suppression comments drop what the author has
silenced. Findings are located in the original text.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass, replace

from termkit.analysis import Analysis, analyse_document
from termkit.analysis import preload as preload_analysis
from termkit.analysis.pairs import Pair
from termkit.edits import apply_fixes
from termkit.findings import Finding, Severity
from termkit.i18n import _
from termkit.model import Termbase
from termkit.rules import Rule, all_rules, needs_of, select_rules
from termkit.rules.context import CheckContext
from termkit.settings import CheckSettings
from termkit.text import LineIndex, find_suppressions
from termkit.text.suppress import Directive, Suppressions

__all__ = [
    "CheckSettings",
    "DocumentCheck",
    "apply_fixes",
    "check_document",
    "check_text",
    "preload",
    "rules_for",
]


def rules_for(path: str, settings: CheckSettings) -> list[Rule]:
    """The rules to run on the file at ``path``: selected, less ignored and per-file ignored,
    each at the severity the settings give it."""
    ignore = list(settings.ignore)
    for pattern, codes in settings.per_file_ignores.items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern):
            ignore.extend(codes)
    rules = select_rules(settings.select, ignore)
    if not settings.severity:
        return rules
    levels = {
        registered.code: Severity(level)
        for selector, level in settings.severity.items()
        for registered in select_rules([selector])
    }
    return [replace(r, severity=levels[r.code]) if r.code in levels else r for r in rules]


def preload(termbase: Termbase, settings: CheckSettings) -> None:
    """Load now what checking with ``settings`` may use (see ``termkit.analysis.preload``): a
    parent process calls this before it forks workers, so that they share one copy."""
    preload_analysis(termbase, settings, needs_of(rules_for("", settings)))


@dataclass(frozen=True)
class DocumentCheck:
    """One document's findings, sorted by position, and the analysis they judged (None when no
    rule was selected for it)."""

    findings: list[Finding]
    analysis: Analysis | None
    # Problems with the document's suppression comments: "line:col: unknown rule 'TK999' …"
    warnings: tuple[str, ...] = ()


def check_text(
    text: str,
    termbase: Termbase,
    lang: str | None = None,
    *,
    path: str = "<string>",
    markdown: bool = False,
    settings: CheckSettings | None = None,
) -> list[Finding]:
    """Every finding in ``text``, sorted by position.

    ``lang`` forces one language for the whole text (``zh``, ``en``, ``fr``…); without it, each
    paragraph's language follows its script. ``markdown`` masks code and link targets first.
    """
    return check_document(
        text, termbase, lang, path=path, markdown=markdown, settings=settings
    ).findings


def check_document(
    text: str,
    termbase: Termbase,
    lang: str | None = None,
    *,
    path: str = "<string>",
    markdown: bool = False,
    settings: CheckSettings | None = None,
    pair: Pair | None = None,
    line_col: Callable[[int], tuple[int, int]] | None = None,
    blocks: bool = False,
    markup: str | None = None,
) -> DocumentCheck:
    """:func:`check_text`, with the analysis the findings come from (the language the text was
    read in, among the rest). With ``pair`` the text is a translation of ``pair``'s source: the
    translation rules (TK3xx) compare them too (see ``termkit.bilingual``). ``line_col`` locates an
    offset of ``text`` where ``text`` is not the file (a bilingual file's joined segments, a Word
    document's paragraphs). ``blocks``: the paragraphs are a structured document's blocks, never
    joined (see :func:`~termkit.text.prepare.normalize_document`). ``markup``: the file itself where
    ``text`` is it masked (an HTML page), for its ``<!-- termkit: … -->`` comments."""
    settings = settings or CheckSettings()
    if lang is not None:
        settings = replace(settings, lang=lang)
    rules = rules_for(path, settings)
    if pair is None:  # a document alone: nothing to compare it with
        rules = [r for r in rules if not r.bilingual]
    if not rules:
        return DocumentCheck([], None)
    analysis = analyse_document(
        text, termbase, settings, markdown=markdown, needs=needs_of(rules), blocks=blocks
    )
    context = CheckContext(
        path=path,
        analysis=analysis,
        termbase=termbase,
        line_col=line_col or LineIndex(text).line_col,
        rules={registered.code: registered for registered in rules},
        near_miss_threshold=settings.near_miss_threshold,
        pair=pair,
    )
    suppressions = find_suppressions(
        markup if markup is not None else text, markdown=markdown or markup is not None,
        line_col=line_col,
    )
    findings: list[Finding] = []
    suppressed: dict[Directive, frozenset[str]] = {}
    for registered in rules:
        if registered.after:
            continue
        for finding in registered.function(context):
            directive = suppressions.directive_for(
                finding.line, finding.end_line, finding.code, finding.rule
            )
            if directive is None:
                findings.append(finding)
            else:
                suppressed[directive] = suppressed.get(directive, frozenset()) | {finding.code}
    if any(registered.after for registered in rules):
        judging = replace(context, suppressions=suppressions, suppressed=suppressed)
        findings += [f for r in rules if r.after for f in r.function(judging)]
    findings.sort(key=lambda f: (f.start, f.code, f.end))
    return DocumentCheck(findings, analysis, _unknown_rules(suppressions, context.line_col))


def _unknown_rules(
    suppressions: Suppressions, line_col: Callable[[int], tuple[int, int]]
) -> tuple[str, ...]:
    """A warning for each suppression comment's rule that no rule is (``TK999``, a misspelt
    name): it suppresses nothing, which its author does not expect."""
    if not suppressions.directives:
        return ()
    known = {key.casefold() for r in all_rules() for key in (r.code, r.name)}
    warnings = []
    for directive in suppressions.directives:
        for code in sorted(directive.codes - known):
            line, column = line_col(directive.start)
            shown = code.upper() if code[-1].isdigit() else code
            warnings.append(f"{line}:{column}: " + _(
                "unknown rule {code!r} in a suppression comment: it suppresses nothing (see "
                "termkit check --list-rules)"
            ).format(code=shown))
    return tuple(warnings)
