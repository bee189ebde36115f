"""The per-byte floor of ``termkit check``: the work its design must do on every byte of a
document, whatever it then does per hit, timed in one process.

    python benchmarks/floor.py --termbase T [--json OUT] FILE...

For each file, as ``termkit check`` does (plain text, a long one in blocks of paragraphs; Markdown
for ``.md``): read it, normalise it (URLs or Markdown masked, PDF line breaks joined, spaces and
forms folded), say which languages are in play (the Latin-script one guessed from its words), fold
its case, encode it to UTF-8, then run the native scans a check runs: each language's exact and
case-folded automata, the acronyms of the languages that lend them there (TK205), and the near-
miss anchors (overlapping, in the same pieces of paragraphs). Nothing is done with the hits (no
matches, no occurrences, no definition sites, no rules, no output): whatever ``termkit check``
takes beyond this is Python per hit, per paragraph or per file. Start (imports, the termbase and
its automata loaded from the compiled cache) is timed too: the process is what ``bench_check.py
--floor`` compares with grep, in alternating runs.

The phase split goes to standard error (and with ``--json`` to a file, for ``bench_check.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

_START = time.perf_counter()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--termbase", type=Path, required=True)
    parser.add_argument("--json", type=Path, help="write the phase split here too")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()

    import termkit.cli  # noqa: F401  (what a check imports before it starts)
    from termkit.analysis.document import Needs, _lenders, latin_language, matcher_for, preload
    from termkit.analysis.languages import LanguageMap
    from termkit.matcher import _NEAR_MISS_CHUNK, _fold_case, _paragraph_chunks
    from termkit.settings import CheckSettings
    from termkit.termbase import load_termbase
    from termkit.text import normalize_document
    from termkit.text.blocks import split_blocks
    from termkit.text.document import read_document_chunks, streams

    spent: dict[str, float] = defaultdict(float)
    hits: dict[str, int] = defaultdict(int)
    settings = CheckSettings()  # as on the command line: the Latin-script language guessed
    termbase = load_termbase([args.termbase], include_default=False)
    matcher = matcher_for(termbase)
    preload(termbase, settings, Needs.OTHER_ACRONYMS | Needs.NEAR_MISSES | Needs.VERDICTS)
    loaded = time.perf_counter()
    spent["start, termbase and automata"] = loaded - _START

    def lap(label: str, since: float) -> float:
        now = time.perf_counter()
        spent[label] += now - since
        return now

    def floor_of(text: str, markdown: bool, latin_lang: str | None) -> str:
        """One document or block of one; returns the language of its Latin-script text."""
        at = time.perf_counter()
        normalized = normalize_document(text, markdown=markdown, keep_hyphen=matcher.keep_hyphen)
        at = lap("normalise", at)
        if latin_lang is None:  # once per document, from its first block (as a check does)
            latin_lang, _ = latin_language(termbase, normalized, settings)
        languages = LanguageMap.for_document(termbase, normalized, settings, latin_lang)
        at = lap("languages in play", at)
        exact_text = normalized.text
        lowered = _fold_case(exact_text)
        data = exact_text.encode("utf-8", "surrogatepass")
        lowered_data = lowered.encode("utf-8", "surrogatepass")
        at = lap("case fold, encode", at)
        for lang in languages.in_play:
            exact, folded = matcher._tables(lang, "exact", "folded")
            for table, scanned in ((exact, data), (folded, lowered_data)):
                if table is not None:
                    hits["terms"] += len(table._automaton.find(scanned))
        for other in _lenders(termbase, languages.in_play):
            (exact,) = matcher._tables(other, "exact")
            if exact is not None:
                hits["other languages' acronyms"] += len(exact._automaton.find(data))
        at = lap("term and acronym scans", at)
        for lang in languages.in_play:
            anchors = [table for table in matcher._anchors_for(lang) if table is not None]
            # in the pieces of whole paragraphs find_near_misses scans
            for base, limit in _paragraph_chunks(lowered, _NEAR_MISS_CHUNK):
                piece = lowered[base:limit]
                for table in anchors:
                    hits["near-miss anchors"] += len(table.overlapping(piece))
        lap("near-miss anchor scans", at)
        return latin_lang

    for path in args.files:
        at = time.perf_counter()
        markdown = path.suffix == ".md"
        if markdown or not streams(path):
            text = path.read_text(encoding="utf-8")
            lap("read", at)
            floor_of(text, markdown, None)
            continue
        # A long plain-text file, checked in blocks of paragraphs (termkit.runner)
        latin_lang: str | None = None
        for block in split_blocks(read_document_chunks(path)):
            at = lap("read", at)
            latin_lang = floor_of(block, False, latin_lang)
            at = time.perf_counter()
    total = time.perf_counter() - _START
    err = sys.stderr
    print(f"\n{'per-byte floor: phase':<40}{'ms':>9}{'share':>8}", file=err)
    for label, seconds in [*spent.items(), ("total", total)]:
        print(f"{label:<40}{seconds * 1000:>9.1f}{seconds / total:>8.1%}", file=err)
    print("raw hits (not one of them looked at): "
          + ", ".join(f"{label} {count}" for label, count in hits.items()), file=err)
    if args.json:
        args.json.write_text(
            json.dumps({"phases": spent, "total": total, "hits": hits}), encoding="utf-8"
        )
    sys.stdout.flush()
    os._exit(0)  # as termkit ends: no teardown of the loaded automata


if __name__ == "__main__":
    main()
