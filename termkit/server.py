"""``termkit server``: a language server (LSP, over stdio) that shows termkit's findings as you type.

Built on pygls. For each open document: diagnostics on open and change (debounced), with the rule's
code, severity and page, and related locations (the other renderings for TK103, the first
definition for TK203); code actions (each finding's fix, every fix of the file, a suppression
comment on the line); hover on a term or an acronym (the concept's card); completion of the full
forms after an acronym's opening parenthesis (``UNEP（`` offers 联合国环境规划署). Configuration and
termbases are found as the command line finds them, from the document's folder, and reloaded
when their files change. Positions are in UTF-16 code units, as LSP requires (pygls converts).
"""

from __future__ import annotations

import asyncio
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from termkit._version import __version__

if TYPE_CHECKING:
    from pygls.workspace import TextDocument

    from termkit.check import DocumentCheck
    from termkit.config import CheckConfig
    from termkit.findings import Finding
    from termkit.model import Concept, Termbase
    from termkit.settings import CheckSettings

__all__ = ["DEBOUNCE_SECONDS", "TermkitServer", "serve"]

DEBOUNCE_SECONDS = 0.02  # changes that arrive together (a paste, an undo) share a check
_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
_ACRONYM_BEFORE = re.compile(r"([A-Z][A-Za-z0-9&-]*[A-Z0-9])\s*[(（]$")


def path_of(uri: str) -> Path:
    """The file a ``file:`` URI names (an unsaved document keeps its URI's path)."""
    return Path(unquote(urlparse(uri).path))


@dataclass
class _Project:
    """The configuration and termbase that documents under one folder are checked with,
    reloaded when the configuration or a termbase file changes (by size and mtime)."""

    folder: Path
    config: CheckConfig | None = None
    termbase: Termbase | None = None
    settings: CheckSettings | None = None
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)

    def current(self) -> tuple[Termbase, CheckSettings]:
        if self.termbase is None or self.settings is None or self._changed():
            self._load()
        assert self.termbase is not None and self.settings is not None
        return self.termbase, self.settings

    def _load(self) -> None:
        from termkit.config import find_config, load_config
        from termkit.settings import CheckSettings
        from termkit.termbase import default_termbase_paths, load_termbase

        found = find_config(self.folder)
        self.config = config = load_config(found, search=False)
        self.termbase = load_termbase(config.termbases, include_default=config.default_termbase)
        self.settings = CheckSettings(
            lang=config.lang,
            latin_lang=config.latin_lang or "auto",
            select=config.select,
            ignore=config.ignore,
            per_file_ignores=config.per_file_ignores,
            near_miss_threshold=config.near_miss_threshold or 65.0,
            severity=config.severity,
        )
        watched = [*([found] if found else []), *config.termbases]
        if config.default_termbase:
            watched += default_termbase_paths()
        self.stamps = {str(p): _stamp(p) for p in watched}

    def _changed(self) -> bool:
        from termkit.config import find_config

        found = find_config(self.folder)
        if (self.config.path if self.config else None) != found:
            return True
        return any(_stamp(Path(p)) != stamp for p, stamp in self.stamps.items())


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (-1, -1)
    return (status.st_size, status.st_mtime_ns)


class TermkitServer(LanguageServer):
    """The server: one project per folder, the last check of each open document."""

    def __init__(self) -> None:
        super().__init__("termkit", __version__)
        self.projects: dict[Path, _Project] = {}
        self.checked: dict[str, DocumentCheck] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}

    def project(self, uri: str) -> _Project:
        folder = path_of(uri).parent
        if folder not in self.projects:
            self.projects[folder] = _Project(folder)
        return self.projects[folder]

    def check(self, uri: str) -> DocumentCheck:
        """Check the document now, keep the result, publish its diagnostics."""
        from termkit.check import check_document
        from termkit.termbase.cache import paused_gc
        from termkit.text import is_markdown_path

        document = self.workspace.get_text_document(uri)
        termbase, settings = self.project(uri).current()
        path = str(path_of(uri))
        with paused_gc():  # as the CLI does: the analysis holds many objects, no cycles
            checked = check_document(
                document.source, termbase, path=path, markdown=is_markdown_path(path),
                settings=settings,
            )
        self.checked[uri] = checked
        diagnostics = [diagnostic(document, finding, checked) for finding in checked.findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics,
                                           version=document.version)
        )
        return checked

    def check_soon(self, uri: str) -> None:
        """Check DEBOUNCE_SECONDS after a change; changes that come meanwhile join that check
        (it reads the text as it then is), so a check never waits for typing to stop: while
        one runs, the keystrokes queue and the next check takes them all."""
        if uri not in self._pending:
            loop = asyncio.get_event_loop()
            self._pending[uri] = loop.call_later(DEBOUNCE_SECONDS, self._run_pending, uri)

    def _run_pending(self, uri: str) -> None:
        self._pending.pop(uri, None)
        self.report_errors(uri)

    def report_errors(self, uri: str) -> None:
        """Check, and show a termbase or configuration error as a message, not a crash."""
        from termkit.errors import TermkitError

        try:
            self.check(uri)
        except TermkitError as error:
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=f"termkit: {error}")
            )


class Positions:
    """Character offsets of a text as LSP positions: lines split at ``\n``, ``\r\n`` and ``\r``
    (LSP's line ends), columns in UTF-16 code units. Built once per text: pygls's own
    conversion splits the whole document at every call (0.5 s for 200 findings in 20 pages)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def position(self, offset: int) -> types.Position:
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        prefix = self.text[start:offset]
        # Characters beyond the Basic Multilingual Plane (emoji, Han extension B) take two units.
        wide = sum(1 for char in prefix if ord(char) > 0xFFFF) if not prefix.isascii() else 0
        return types.Position(line=line, character=len(prefix) + wide)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))


_LINE_END = re.compile(r"\r\n|\r|\n")
_POSITIONS: dict[str, Positions] = {}


def _range(document: TextDocument, start: int, end: int) -> types.Range:
    positions = _POSITIONS.get(document.uri)
    if positions is None or positions.text is not document.source:
        positions = _POSITIONS[document.uri] = Positions(document.source)
    return positions.range(start, end)


def diagnostic(document: TextDocument, finding: Finding, checked: DocumentCheck) -> types.Diagnostic:
    """A finding as an LSP diagnostic (UTF-16 positions), with its rule's page."""
    from termkit.render.rules import rule_help_uri
    from termkit.rules import RULES

    registered = RULES.get(finding.code)
    return types.Diagnostic(
        range=_range(document, finding.start, finding.end),
        message=finding.message,
        severity=_SEVERITY[finding.severity.value],
        code=finding.code,
        code_description=(
            types.CodeDescription(href=rule_help_uri(registered)) if registered else None
        ),
        source="termkit",
        related_information=_related(document, finding, checked) or None,
        data={"rule": finding.rule, "fixable": finding.fix is not None},
    )


def _related(
    document: TextDocument, finding: Finding, checked: DocumentCheck
) -> list[types.DiagnosticRelatedInformation]:
    """TK103: where the other renderings are; TK203: where the acronym was first defined."""
    analysis = checked.analysis
    if analysis is None or finding.concept is None:
        return []
    places: list[tuple[int, int, str]] = []
    if finding.code == "TK103":
        seen = {"".join(finding.found.split())}
        for occ in analysis.occurrences:
            key = "".join(occ.text.split())
            if finding.concept in occ.concept_ids and not occ.is_acronym and key not in seen:
                seen.add(key)
                places.append((occ.start, occ.end, f"also rendered as {occ.text!r}"))
    elif finding.code == "TK203":
        for site, verdict in analysis.verdicts:
            if finding.concept in verdict.concept_ids and site.acronym_start < finding.start:
                places.append((site.acronym_start, site.acronym_end, "first defined here"))
                break
    return [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=document.uri, range=_range(document, start, end)),
            message=message,
        )
        for start, end, message in places
    ]


def code_actions(
    document: TextDocument, checked: DocumentCheck, wanted: types.Range
) -> list[types.CodeAction]:
    """Each fix of a finding in ``wanted``, every fix of the file, and a suppression."""
    from termkit.text import is_markdown_path

    start = document.offset_at_position(wanted.start)
    end = document.offset_at_position(wanted.end)
    here = [f for f in checked.findings if f.start <= end and start <= f.end]
    actions = [
        _edit_action(document, f"Fix {f.code}: {f.message}", [f], preferred=True)
        for f in here
        if f.fix is not None
    ]
    fixable = [f for f in checked.findings if f.fix is not None]
    if len(fixable) > 1:
        actions.append(_edit_action(document, f"Fix all termkit findings ({len(fixable)})", fixable))
    markdown = is_markdown_path(str(path_of(document.uri)))
    for finding in here:
        line = document.lines[finding.line - 1].rstrip("\r\n")
        comment = (f" <!-- termkit: ignore {finding.code} -->" if markdown
                   else f" termkit: ignore {finding.code}")
        position = types.Position(line=finding.line - 1,
                                  character=len(line.encode("utf-16-le")) // 2)
        actions.append(types.CodeAction(
            title=f"Suppress {finding.code} on this line",
            kind=types.CodeActionKind.QuickFix,
            edit=types.WorkspaceEdit(changes={document.uri: [
                types.TextEdit(range=types.Range(start=position, end=position), new_text=comment)
            ]}),
        ))
    return actions


def _edit_action(
    document: TextDocument, title: str, findings: list[Finding], preferred: bool = False
) -> types.CodeAction:
    from termkit.edits import choose_fixes

    fixes = choose_fixes(f.fix for f in findings if f.fix is not None)
    edits = [types.TextEdit(range=_range(document, fix.start, fix.end), new_text=fix.replacement)
             for fix in fixes]
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix if preferred else types.CodeActionKind.SourceFixAll,
        is_preferred=preferred or None,
        edit=types.WorkspaceEdit(changes={document.uri: edits}),
    )


def hover(document: TextDocument, checked: DocumentCheck, termbase: Termbase,
          position: types.Position) -> types.Hover | None:
    """The card of the concept whose term or acronym is under the cursor."""
    if checked.analysis is None:
        return None
    offset = document.offset_at_position(position)
    for occ in checked.analysis.occurrences:
        if occ.start <= offset < occ.end:
            cards = [concept_markdown(termbase[c]) for c in occ.concept_ids]
            return types.Hover(
                contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                             value="\n\n---\n\n".join(cards)),
                range=_range(document, occ.start, occ.end),
            )
    return None


def concept_markdown(concept: Concept) -> str:
    """A concept's card: its id and domain, definitions, and terms by language and status."""
    lines = [f"**{concept.id}**" + (f" · {concept.domain}" if concept.domain else "")]
    lines += [f"\n{text}" for lang, text in concept.definitions.items() if lang == "en"]
    for lang in concept.languages:
        terms = []
        for term in sorted(concept.terms_in(lang), key=lambda t: t.status.rank):
            shown = f"~~{term.text}~~ (deprecated)" if term.status.value == "deprecated" else (
                f"**{term.text}**" if term.status.value == "preferred" else term.text)
            terms.append(f"{shown} *{term.type.value}*")
        lines.append(f"\n- `{lang}`: " + "; ".join(terms))
    return "\n".join(lines)


def completions(document: TextDocument, termbase: Termbase, position: types.Position,
                lang: str | None) -> list[types.CompletionItem]:
    """After ``ACR(`` or ``ACR（``: the full forms of the acronym's concepts, preferred first."""
    offset = document.offset_at_position(position)
    match = _ACRONYM_BEFORE.search(document.source[max(0, offset - 40):offset])
    if match is None:
        return []
    chinese = document.source[offset - 1:offset] == "（"
    items = []
    for concept in termbase.concepts_with_acronym(match.group(1)):
        wanted = lang or ("zh" if chinese else "en")
        for term in concept.terms_in(wanted):
            if term.is_acronym or term.status.value == "deprecated":
                continue
            items.append(types.CompletionItem(
                label=term.text,
                kind=types.CompletionItemKind.Text,
                detail=f"{concept.id} ({term.lang}, {term.status.value})",
                sort_text=f"{term.status.rank}{term.text}",
            ))
    return items


def serve() -> None:
    """Run the server over standard input and output until the client says exit."""
    server = _build()
    server.start_io()


def _build() -> TermkitServer:
    server = TermkitServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TermkitServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.report_errors(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TermkitServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.check_soon(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TermkitServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.report_errors(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TermkitServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.checked.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    _register_requests(server)
    return server


def _register_requests(server: TermkitServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix,
                                                   types.CodeActionKind.SourceFixAll]),
    )
    def code_action(ls: TermkitServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        checked = ls.checked.get(uri) or ls.check(uri)
        return code_actions(ls.workspace.get_text_document(uri), checked, params.range)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: TermkitServer, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        checked = ls.checked.get(uri) or ls.check(uri)
        termbase, _ = ls.project(uri).current()
        return hover(ls.workspace.get_text_document(uri), checked, termbase, params.position)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=["(", "（"]),
    )
    def on_completion(ls: TermkitServer, params: types.CompletionParams) -> types.CompletionList:
        uri = params.text_document.uri
        termbase, settings = ls.project(uri).current()
        items = completions(ls.workspace.get_text_document(uri), termbase, params.position,
                            settings.lang)
        return types.CompletionList(is_incomplete=False, items=items)
