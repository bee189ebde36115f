"""``check``: find where a document renders the termbase's concepts in ways it does not want.

The rule driver: the document is analysed once (``termkit.analysis``) for what the selected
rules need, each rule judges the analysis, and suppression comments drop what the author has
silenced. Findings are located in the original text.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from termkit.analysis import Analysis, LanguageChoice, analyse_document
from termkit.analysis import preload as preload_analysis
from termkit.edits import apply_fixes
from termkit.findings import Finding, Severity
from termkit.i18n import _
from termkit.model import Termbase
from termkit.rules import Rule, all_rules, needs_of, select_rules
from termkit.rules.context import CheckContext
from termkit.settings import CheckSettings
from termkit.text import LineIndex, find_suppressions
from termkit.text.suppress import Directive, Suppressions

if TYPE_CHECKING:  # a plain check never imports the translation machinery
    from termkit.analysis.pairs import Pair

__all__ = [
    "CheckSettings",
    "DocumentCheck",
    "apply_fixes",
    "check_document",
    "check_document_parts",
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
    # A document checked in parts, its Latin-script language taken by default: whether Latin
    # letters outnumber Han characters in the whole of it (None: ask the analysis, all of it)
    latin_outweighs_han: bool | None = None


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
    run = _DocumentRun.start(termbase, lang, path, markdown, settings, pair)
    if run is None:
        return DocumentCheck([], None)
    analysis = run.check_part(
        text, 0, line_col or LineIndex(text).line_col, final=True, blocks=blocks, markup=markup
    )
    return run.result(analysis)


def check_document_parts(
    parts: Iterable[str],
    termbase: Termbase,
    *,
    path: str = "<string>",
    settings: CheckSettings | None = None,
) -> DocumentCheck:
    """:func:`check_document` of the plain text ``"".join(parts)``, holding one part at a time:
    the parts (see :func:`~termkit.text.blocks.split_blocks`) must start at a paragraph that
    nothing before it reaches into. Findings are the same as the whole text's, located in it;
    the analysis returned is the first part's (the language its Latin-script text was read in
    is the document's: guessed from its first pages)."""
    from termkit.analysis import latin_language, matcher_for
    from termkit.text import normalize_document
    from termkit.text.blocks import split_blocks
    from termkit.text.languages import GUESS_SAMPLE, script_letters

    run = _DocumentRun.start(termbase, None, path, False, settings, None)
    if run is None:
        for _part in parts:
            pass  # read to the end: a reader's errors are the document's
        return DocumentCheck([], None)
    first: Analysis | None = None
    latin: tuple[str, LanguageChoice] | None = None
    offset = line = han = letters = 0
    waiting: list[tuple[str, bool]] = []  # the first parts, until the language is decided
    for part, last in _lookahead(parts):
        if latin is None:
            waiting.append((part, last))
            head = "".join(text for text, _last in waiting)
            if not last and len(head) < GUESS_SAMPLE:
                continue  # too short to say, most likely: waiting for more changes nothing
            # The guess reads the first pages: a first block of them (cut as parts are) is
            # normalised, rather than a part of a million characters.
            keep_hyphen = matcher_for(termbase).keep_hyphen
            pages = next(split_blocks([head], block_chars=4 * GUESS_SAMPLE))
            normalized = normalize_document(pages, markdown=False, keep_hyphen=keep_hyphen)
            if len(normalized.text) < GUESS_SAMPLE and len(pages) < len(head):
                normalized = normalize_document(head, markdown=False, keep_hyphen=keep_hyphen)
            if not last and len(normalized.text) < GUESS_SAMPLE:
                continue
            latin = latin_language(termbase, normalized, run.settings)
            del normalized, head, pages
        for text, final in waiting or [(part, last)]:
            lines = LineIndex(text)
            base = line

            def line_col(index: int, lines: LineIndex = lines, base: int = base) -> tuple[int, int]:
                found, column = lines.line_col(index)
                return found + base, column

            analysis = run.check_part(text, offset, line_col, final=final, latin=latin)
            if first is None:
                first = analysis
            if latin[1] is LanguageChoice.DEFAULT:
                # whether Latin script outweighs Han in the whole document (see DocumentCheck)
                counted = script_letters(analysis.normalized.text)
                han, letters = han + counted[0], letters + counted[1]
            offset += len(text)
            line += lines.line_count - 1
            del analysis
        waiting = []
    assert first is not None and latin is not None  # _lookahead yields at least one part
    outweighs = None if latin[1] is not LanguageChoice.DEFAULT else not (han and han >= letters)
    return run.result(first, latin_outweighs_han=outweighs)


def _lookahead(parts: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each part, and whether it is the last."""
    iterator = iter(parts)
    previous = next(iterator, None)
    if previous is None:
        yield "", True
        return
    for part in iterator:
        yield previous, False
        previous = part
    yield previous, True


class _DocumentRun:
    """One document's check, part by part: the rules' state, the suppression comments and what
    they hid, and the findings so far."""

    def __init__(
        self,
        termbase: Termbase,
        path: str,
        markdown: bool,
        settings: CheckSettings,
        rules: list[Rule],
        pair: Pair | None,
    ) -> None:
        self.termbase = termbase
        self.path = path
        self.markdown = markdown
        self.settings = settings
        self.rules = rules
        self.pair = pair
        self.by_code = {registered.code: registered for registered in rules}
        self.carried: dict[str, Any] = {}
        self.suppressions = Suppressions()
        self.suppressed: dict[Directive, frozenset[str]] = {}
        # where each comment is (document offsets to lines and columns), for TK001
        self.places: dict[int, tuple[int, int]] = {}
        self.findings: list[Finding] = []
        self.warnings: list[str] = []

    @classmethod
    def start(
        cls,
        termbase: Termbase,
        lang: str | None,
        path: str,
        markdown: bool,
        settings: CheckSettings | None,
        pair: Pair | None,
    ) -> _DocumentRun | None:
        """The run, or None when no rule is selected for the document."""
        settings = settings or CheckSettings()
        if lang is not None:
            settings = replace(settings, lang=lang)
        rules = rules_for(path, settings)
        if pair is None:  # a document alone: nothing to compare it with
            rules = [r for r in rules if not r.bilingual]
        if not rules:
            return None
        return cls(termbase, path, markdown, settings, rules, pair)

    def check_part(
        self,
        text: str,
        offset: int,
        line_col: Callable[[int], tuple[int, int]],
        *,
        final: bool,
        blocks: bool = False,
        markup: str | None = None,
        latin: tuple[str, LanguageChoice] | None = None,
    ) -> Analysis:
        """Analyse and judge the part ``text``, which starts at ``offset`` of the document;
        ``line_col`` locates its offsets in the document."""
        analysis = analyse_document(
            text, self.termbase, self.settings, markdown=self.markdown,
            needs=needs_of(self.rules), blocks=blocks, latin=latin,
        )
        context = CheckContext(
            path=self.path,
            analysis=analysis,
            termbase=self.termbase,
            line_col=line_col,
            rules=self.by_code,
            near_miss_threshold=self.settings.near_miss_threshold,
            pair=self.pair,
            offset=offset,
            final=final,
            carried=self.carried,
        )
        found = find_suppressions(
            markup if markup is not None else text,
            markdown=self.markdown or markup is not None,
            line_col=line_col,
        )
        if found.directives:
            self.warnings += _unknown_rules(found, line_col)
            for comment in found.directives:
                for index in (comment.start, comment.end):
                    self.places[index + offset] = line_col(index)
            self.suppressions = self.suppressions.followed_by(found, offset)
        suppressions, suppressed = self.suppressions, self.suppressed
        for registered in self.rules:
            if registered.after:
                continue
            for finding in registered.function(context):
                directive = suppressions.directive_for(
                    finding.line, finding.end_line, finding.code, finding.rule
                )
                if directive is None:
                    self.findings.append(finding)
                else:
                    suppressed[directive] = suppressed.get(directive, frozenset()) | {finding.code}
        if final and any(registered.after for registered in self.rules):
            # Rules that judge what the others found and what the comments hid, in the whole
            # document: its comments are located already.
            judging = replace(context, suppressions=suppressions, suppressed=suppressed)
            if offset:  # earlier parts' comments: located when their part was checked
                judging = replace(judging, line_col=self.places.__getitem__, offset=0)
            self.findings += [f for r in self.rules if r.after for f in r.function(judging)]
        return analysis

    def result(
        self, analysis: Analysis, *, latin_outweighs_han: bool | None = None
    ) -> DocumentCheck:
        self.findings.sort(key=lambda f: (f.start, f.code, f.end))
        return DocumentCheck(self.findings, analysis, tuple(self.warnings), latin_outweighs_han)


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
