"""``termkit server`` end to end: a real LSP client (pygls') talks to the server in a subprocess."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("pygls", reason="termkit server needs pygls: pip install -e '.[test]'")

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from termkit.check import check_text
from termkit.cli import cli
from termkit.termbase import load_termbase

ROOT = Path(__file__).resolve().parents[1]


class Session:
    """A client connected to a server subprocess, collecting published diagnostics."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.arrived = asyncio.Condition()

    async def diagnostics(self, uri: str, count: int = 1) -> list[types.Diagnostic]:
        """The diagnostics of the ``count``-th publication for ``uri``."""
        async with self.arrived:
            await asyncio.wait_for(
                self.arrived.wait_for(lambda: len(self.published.get(uri, [])) >= count), 30
            )
        return list(self.published[uri][count - 1].diagnostics)

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1,
                                                 text=text)))
        return uri


def run_session(folder: Path, body: Callable[[Session], Awaitable[None]]) -> None:
    async def main() -> None:
        client = LanguageClient("termkit-test", "1")
        session = Session(client)

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
        async def published(params: types.PublishDiagnosticsParams) -> None:
            async with session.arrived:
                session.published.setdefault(params.uri, []).append(params)
                session.arrived.notify_all()

        env = {**os.environ, "PYTHONPATH": str(ROOT), "TERMKIT_CACHE_DIR": str(folder / ".cache")}
        await client.start_io(sys.executable, "-m", "termkit", "server", env=env, cwd=str(folder))
        await client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=folder.as_uri()))
        client.initialized(types.InitializedParams())
        try:
            await body(session)
        finally:
            await client.shutdown_async(None)
            client.exit(None)
            await client.stop()  # type: ignore[no-untyped-call]

    asyncio.run(main())


def cli_findings(path: Path) -> list[tuple[str, int]]:
    result = CliRunner().invoke(cli, ["check", "-f", "json", str(path)])
    return [(f["code"], f["line"]) for f in json.loads(result.stdout)]


def test_diagnostics_fixes_hover_and_completion(tmp_path: Path) -> None:
    zh = tmp_path / "draft-zh.md"
    en = tmp_path / "draft-en.md"
    for path in (zh, en):
        path.write_text((ROOT / "examples" / path.name).read_text(encoding="utf-8"), "utf-8")

    async def body(session: Session) -> None:
        # Diagnostics on open: the CLI's findings, at the same lines.
        for path in (zh, en):
            uri = session.open(path, path.read_text(encoding="utf-8"))
            shown = await session.diagnostics(uri)
            assert [(d.code, d.range.start.line + 1) for d in shown] == cli_findings(path)
            assert all(d.source == "termkit" and d.code_description for d in shown)
        zh_uri = zh.as_uri()
        (first, *_) = [d for d in await session.diagnostics(zh_uri) if d.code == "TK101"]
        # A quick fix that, applied, leaves no TK101.
        actions = await session.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=zh_uri), range=first.range,
            context=types.CodeActionContext(diagnostics=[first])))
        assert actions is not None
        fix = next(a for a in actions if isinstance(a, types.CodeAction) and a.is_preferred)
        assert fix.edit is not None and fix.edit.changes is not None
        fixed = apply(zh.read_text(encoding="utf-8"), fix.edit.changes[zh_uri])
        assert "TK101" not in {f.code for f in check_text(fixed, load_termbase(), markdown=True)}
        titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
        assert "Suppress TK101 on this line" in titles
        # Hover on the deprecated term: the concept's card.
        hover = await session.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=zh_uri), position=first.range.start))
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert hover.contents.value.startswith("**MEA**") and "多边环境协定" in hover.contents.value
        # Completion after an acronym's full-width parenthesis.
        note = tmp_path / "note.md"
        uri = session.open(note, "会议由UNEP（")
        await session.diagnostics(uri)
        items = await session.client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=8)))
        assert isinstance(items, types.CompletionList)
        assert items.items[0].label == "联合国环境规划署"

    run_session(tmp_path, body)


def test_positions_are_utf16_and_changes_are_incremental(tmp_path: Path) -> None:
    path = tmp_path / "emoji.md"

    async def body(session: Session) -> None:
        uri = session.open(path, "😀各方讨论了多边环境协定。\n")
        assert await session.diagnostics(uri) == []
        # Type the deprecated character over 定: an incremental change of one character.
        session.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=0, character=12),
                                  end=types.Position(line=0, character=13)),
                text="议")]))
        (shown,) = await session.diagnostics(uri, count=2)
        # 😀 is two UTF-16 code units: 多 starts at 2 + 5 = 7
        assert (shown.code, shown.range.start.character, shown.range.end.character) == (
            "TK101", 7, 13)

    run_session(tmp_path, body)


def test_the_project_configuration_applies_and_reloads(tmp_path: Path) -> None:
    config = tmp_path / "termkit.toml"
    config.write_text('ignore = ["TK101"]\n', encoding="utf-8")
    path = tmp_path / "draft.md"
    text = "各方讨论了多边环境协议。\n"

    async def body(session: Session) -> None:
        uri = session.open(path, text)
        assert await session.diagnostics(uri) == []
        config.write_text("# nothing ignored now\n", encoding="utf-8")
        session.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        assert [d.code for d in await session.diagnostics(uri, count=2)] == ["TK101"]

    run_session(tmp_path, body)


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    """``text`` with LSP edits applied (positions in UTF-16 code units), last first."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line].encode("utf-16-le")[: position.character * 2]
        return before + len(line.decode("utf-16-le"))

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text
