"""How long ``termkit server`` takes to show diagnostics after an edit, on a 20-page draft.

The draft is the real Chinese bulletin text of ``../shared/samples`` repeated to about 20 pages
(60,000 characters; a UN page of Chinese holds about 3,000). The client (pygls') opens it, then
makes single-character edits, alternately introducing and removing a deprecated term, and
times each from the change notification to the diagnostics that answer it. The server waits
``DEBOUNCE_SECONDS`` for the next keystroke before it checks: the table shows the total and the
part that is checking. Run: ``python benchmarks/bench_server.py [--edits 20]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "gimm-bulletin-zh-part1.txt"
PAGE = 3000  # characters of Chinese on a page


async def measure(edits: int, pages: int = 20) -> list[float]:
    from termkit.server import DEBOUNCE_SECONDS

    base = SAMPLE.read_text(encoding="utf-8")
    text = (base * (pages * PAGE // len(base) + 1))[: pages * PAGE]
    text = text.rsplit("\n", 1)[0] + "\n各方讨论了多边环境协定的执行情况。\n"
    last_line = text.count("\n") - 1
    column = len("各方讨论了多边环境协")  # the 定 of 协定: edited to 议 and back
    client = LanguageClient("bench", "1")
    arrived: asyncio.Queue[float] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def published(params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait(time.perf_counter())

    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        await client.start_io(sys.executable, "-m", "termkit", "server", env=env, cwd=folder)
        await client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=Path(folder).as_uri()))
        client.initialized(types.InitializedParams())
        uri = (Path(folder) / "draft.txt").as_uri()
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1,
                                                 text=text)))
        await arrived.get()
        times = []
        for version in range(2, edits + 2):
            started = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=last_line, character=column),
                                      end=types.Position(line=last_line, character=column + 1)),
                    text="议" if version % 2 == 0 else "定")]))
            times.append(await arrived.get() - started)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()  # type: ignore[no-untyped-call]
    print(f"draft: {len(text):,} characters ({len(text) // PAGE} pages), {edits} edits")
    median = statistics.median(times)
    print(f"after an edit: median {median * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
          f"(of which {DEBOUNCE_SECONDS * 1000:.0f} ms gathering changes; checking "
          f"and publishing {len(text) // PAGE} pages: {(median - DEBOUNCE_SECONDS) * 1000:.0f} ms)")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--pages", type=int, default=20, help="the draft's length (default 20)")
    args = parser.parse_args()
    if not SAMPLE.exists():
        sys.exit(f"needs {SAMPLE} (the shared samples)")
    asyncio.run(measure(args.edits, args.pages))


if __name__ == "__main__":
    main()
