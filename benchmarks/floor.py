"""The per-byte floor of ``termkit check``: a lower bound of the work its design does on every
byte of a document, whatever it then does per hit, timed in one process.

    python benchmarks/floor.py --termbase T [--json OUT] FILE...

For each file, as ``termkit check`` does (plain text, a long one in blocks of paragraphs; Markdown
for ``.md``): read it, normalise it (URLs or Markdown masked, PDF line breaks joined, spaces and
forms folded), guess its Latin-script language (once; a long one from its first pages, normalised
apart), say which languages are in play, fold its case, encode it to UTF-8, then run the native
scans a check runs, on the same bytes: each language's exact and case-folded automata, the
acronyms of the languages that lend them there (TK205), and the near-miss anchors (overlapping, in
the same pieces of paragraphs). Nothing is done with the hits (no matches, no occurrences, no
definition sites, no rules, no output).

A lower bound: a check also does some per-byte work that a design with less Python per hit could
spare, left out here: it encodes the text once per automaton rather than once, turns each scan's
byte offsets into characters by decoding the bytes up to its last hit, looks for suppression
comments, and counts the letters of each script when the Latin-script language is taken by default
(not guessed). On the 10 MB corpus, whose language is guessed, these come to about 40 ms. Start
(imports, the termbase and its automata loaded from the compiled cache, as ``termkit`` starts) is
timed too: the process is what ``bench_check.py --floor`` compares with grep, in alternating runs.

The phase split goes to standard error (and with ``--json`` to a file, for ``bench_check.py``).
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

_START = time.perf_counter()
PHASES = ("start, termbase and automata", "read", "normalise", "languages in play",
          "case fold, encode", "term and acronym scans", "near-miss anchor scans")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--termbase", type=Path, required=True)
    parser.add_argument("--json", type=Path, help="write the phase split here too")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()

    import termkit.cli  # noqa: F401  (what a check imports before it starts)
    from termkit.analysis.document import Needs, _lenders, latin_language, matcher_for, preload
    from termkit.analysis.languages import LanguageMap
    from termkit.compiled import keep_generated_code
    from termkit.matcher import _NEAR_MISS_CHUNK, _fold_case, _paragraph_chunks
    from termkit.process import started_from_command_line
    from termkit.settings import CheckSettings
    from termkit.termbase import load_termbase
    from termkit.text import normalize_document
    from termkit.text.blocks import split_blocks
    from termkit.text.document import read_document_chunks, streams
    from termkit.text.languages import GUESS_SAMPLE

    started_from_command_line()  # as termkit.cli.run starts
    keep_generated_code()
    spent: dict[str, float] = dict.fromkeys(PHASES, 0.0)
    hits: dict[str, int] = defaultdict(int)  # by automaton: "en exact", "zh anchors"…
    counts: dict[str, int] = defaultdict(int)  # documents, blocks, guesses, pieces
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

    def guess(pages: str) -> str:
        """The language of a long document's Latin-script text, from its first pages,
        normalised apart (termkit.check.check_document_parts)."""
        counts["guesses"] += 1
        normalized = normalize_document(pages, markdown=False, keep_hyphen=matcher.keep_hyphen)
        return latin_language(termbase, normalized, settings)[0]

    def floor_of(text: str, markdown: bool, latin_lang: str | None) -> None:
        """One document, or one block of a long one."""
        counts["blocks"] += 1
        at = time.perf_counter()
        normalized = normalize_document(text, markdown=markdown, keep_hyphen=matcher.keep_hyphen)
        at = lap("normalise", at)
        if latin_lang is None:  # a whole document: guessed from its normalised text
            counts["guesses"] += 1
            latin_lang = latin_language(termbase, normalized, settings)[0]
        languages = LanguageMap.for_document(termbase, normalized, settings, latin_lang)
        at = lap("languages in play", at)
        if not languages.in_play:
            return  # nothing to scan for (analyse_document returns here too)
        tables = {lang: matcher._tables(lang, "exact", "folded") for lang in languages.in_play}
        exact_text = normalized.text
        lowered = _fold_case(exact_text)  # the near-miss anchors scan it too
        data = exact_text.encode("utf-8", "surrogatepass")
        any_folded = any(folded is not None for _, folded in tables.values())
        lowered_data = lowered.encode("utf-8", "surrogatepass") if any_folded else b""
        at = lap("case fold, encode", at)
        for lang, (exact, folded) in tables.items():
            for part, table, scanned in (("exact", exact, data), ("folded", folded, lowered_data)):
                if table is not None:
                    hits[f"{lang} {part}"] += len(table._automaton.find(scanned))
        for other in _lenders(termbase, languages.in_play):
            (exact,) = matcher._tables(other, "exact")
            if exact is not None:
                hits[f"{other} acronyms"] += len(exact._automaton.find(data))
        at = lap("term and acronym scans", at)
        pieces = list(_paragraph_chunks(lowered, _NEAR_MISS_CHUNK))  # as find_near_misses cuts
        counts["pieces"] += len(pieces)
        for lang in languages.in_play:
            anchors = [table for table in matcher._anchors_for(lang) if table is not None]
            for base, limit in pieces:
                piece = lowered[base:limit]
                for table in anchors:
                    hits[f"{lang} anchors"] += len(table.overlapping(piece))
        lap("near-miss anchor scans", at)

    for path in args.files:
        counts["documents"] += 1
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
            if latin_lang is None:
                latin_lang = guess(next(split_blocks([block], block_chars=4 * GUESS_SAMPLE)))
                at = lap("languages in play", at)
            floor_of(block, False, latin_lang)
            at = time.perf_counter()
    total = time.perf_counter() - _START
    err = sys.stderr
    print(f"\n{'per-byte floor: phase':<40}{'ms':>9}{'share':>8}", file=err)
    for label, seconds in [*spent.items(), ("total", total)]:
        print(f"{label:<40}{seconds * 1000:>9.1f}{seconds / total:>8.1%}", file=err)
    print("raw hits (not one of them looked at): "
          + ", ".join(f"{label} {count}" for label, count in sorted(hits.items())), file=err)
    if args.json:
        args.json.write_text(
            json.dumps({"phases": spent, "total": total, "hits": hits, "counts": counts}),
            encoding="utf-8",
        )
    atexit._run_exitfuncs()  # as termkit.cli.run ends (the compiled patterns are saved)
    sys.stdout.flush()
    os._exit(0)  # as termkit ends: no teardown of the loaded automata


if __name__ == "__main__":
    main()
