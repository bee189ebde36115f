"""Score ``termkit extract`` on the hand-made gold list of the Chinese sample's acronym definitions.

    python benchmarks/abbrev_score_zh.py [--gold PATH] [--text PATH] [--errors]

The gold (``../shared/reference/abbrev/gimm-zh-part1-gold.tsv``) lists every acronym definition of
``../shared/samples/gimm-bulletin-zh-part1.txt``: the line of the acronym, the acronym as written,
the long form joined across line breaks, and its kind (``definition``; ``mismatch``, another body's
name before the acronym, which is still what the text defines; ``no_long_form``, an acronym in
parentheses with nothing before it that names it, where nothing may be extracted).

What is scored is what ``termkit extract --all`` reads, with the shipped termbase: every
definition, one per place (not grouped), as ``(line, acronym, long form)``. A found definition is
right when a gold row of kind ``definition`` or ``mismatch`` has the same three; one on a
``no_long_form`` row is wrong and counted apart. A numbered session (``联合国环境大会第五届会议（UNEA 5）``)
is extracted as the body's own definition (UNEA: 联合国环境大会), what a termbase wants; the gold row is
compared in that reading: its session number dropped from the acronym and its ``第五届会议`` from the
long form.

Prints precision, recall and the counts; ``--errors`` lists the misses and the wrong ones. Exit
status 2 when the gold or the text cannot be read.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_GOLD = SHARED / "reference" / "abbrev" / "gimm-zh-part1-gold.tsv"
DEFAULT_TEXT = SHARED / "samples" / "gimm-bulletin-zh-part1.txt"

Row = tuple[int, str, str]
_SESSION = re.compile(r"^(?P<base>[A-Za-z][\w&-]*?[A-Za-z])[- ]?\d{1,2}$")
_SESSION_WORDS = re.compile(r"第[0-9一二三四五六七八九十]+(?:届|次)(?:会议|会)?(?:续会)?$")


def read_gold(path: Path) -> tuple[list[Row], list[Row]]:
    """The rows to find (definition, mismatch) and the no_long_form rows, sessions reduced."""
    wanted: list[Row] = []
    nothing: list[Row] = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t"):
            acronym, long_form = row["acronym"].strip(), row["long_form"].strip()
            session = _SESSION.match(acronym)
            if session and _SESSION_WORDS.search(long_form):
                acronym = session.group("base")
                long_form = _SESSION_WORDS.sub("", long_form)
            key = (int(row["line"]), acronym, long_form)
            (nothing if row["kind"] == "no_long_form" else wanted).append(key)
    return wanted, nothing


def extracted(text_path: Path) -> list[Row]:
    """What extract finds in the text: (line of the acronym, acronym, long form), per place."""
    from termkit.extract import definition_places
    from termkit.termbase import load_termbase
    from termkit.text.lines import LineIndex

    text = text_path.read_text(encoding="utf-8")
    lines = LineIndex(text)
    return [
        (lines.line_col(d.acronym_span[0])[0], d.acronym, d.full)
        for d in definition_places(text, "zh", load_termbase())
    ]


def score(found: list[Row], wanted: list[Row], nothing: list[Row]) -> dict[str, object]:
    found_counts, wanted_counts = Counter(found), Counter(wanted)
    right = sum((found_counts & wanted_counts).values())
    no_long_form_lines = {(line, acronym) for line, acronym, _ in nothing}
    on_nothing = [row for row in found if row[:2] in no_long_form_lines]
    return {
        "found": len(found),
        "gold": len(wanted),
        "right": right,
        "precision": right / len(found) if found else 1.0,
        "recall": right / len(wanted) if wanted else 1.0,
        "on_no_long_form": on_nothing,
        "missed": sorted((wanted_counts - found_counts).elements()),
        "wrong": sorted((found_counts - wanted_counts).elements()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--text", type=Path, default=DEFAULT_TEXT)
    parser.add_argument("--errors", action="store_true", help="list misses and wrong ones")
    args = parser.parse_args(argv)
    for path in (args.gold, args.text):
        if not path.is_file():
            print(f"abbrev_score_zh: {path}: not found (needs ../shared)", file=sys.stderr)
            return 2
    wanted, nothing = read_gold(args.gold)
    result = score(extracted(args.text), wanted, nothing)
    print(
        f"gold {result['gold']}  found {result['found']}  right {result['right']}  "
        f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
        f"on no_long_form rows {len(result['on_no_long_form'])}"  # type: ignore[arg-type]
    )
    if args.errors:
        for label in ("missed", "wrong", "on_no_long_form"):
            for line, acronym, long_form in result[label]:  # type: ignore[attr-defined]
                print(f"{label}\t{line}\t{acronym}\t{long_form}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
