"""Score termkit's English acronym-definition detector on the Ab3P gold standard (MED1250).

    python benchmarks/abbrev_score.py [--corpus PATH] [--half first|second|both] [--errors N]

The corpus (``MED1250_labeled``, from ncbi-nlp/Ab3P, public domain) holds about 1,250 MEDLINE
records: a PubMed id alone on a line after a blank line, the title, the abstract, then one gold
pair per line as ``  SF|LF`` (two spaces first). Lines starting ``//`` are comments; ``//*  SF|LF``
marks a synonym pair that Ab3P's authors identified but left out of the gold standard.

What counts as a match: the detector runs on each line of a record (title, abstract) separately,
as Ab3P does; a found pair (SF, LF) matches a gold pair of the same record when both strings are
equal after trimming and collapsing whitespace (``exact``; the gold file has trailing and doubled
spaces), and, in the second set of columns, also ignoring case (``nocase``). Pairs are compared
as multisets per record (a pair the gold lists twice must be found twice). A found pair equal to a
``//*`` synonym pair counts neither as right nor as wrong.

Records are split in file order: the first half is for development (``--errors`` shows its
mistakes, and only its mistakes), the second half is held out. ``--half first`` prints the
development half alone, so that error analysis never shows held-out figures; ``--half both`` (the
default) adds the held-out half and the whole corpus. Exit status 2 when the corpus cannot be
found.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "reference" / "abbrev" / "MED1250_labeled"

Pair = tuple[str, str]
Detector = Callable[[str], Iterable[Pair]]


@dataclass(frozen=True)
class Record:
    """One MEDLINE record: its id, its text lines, its gold pairs and its synonym pairs."""

    pmid: str
    lines: tuple[str, ...]
    gold: tuple[Pair, ...]
    synonyms: tuple[Pair, ...] = ()


@dataclass
class Score:
    """Counts for one half and one way of comparing."""

    gold: int = 0
    found: int = 0
    right: int = 0
    false_positives: list[tuple[str, Pair]] = field(default_factory=list)
    false_negatives: list[tuple[str, Pair]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pair(line: str) -> Pair | None:
    short, bar, long = line.partition("|")
    if not bar:
        return None
    return (short, long)


def read_corpus(path: Path) -> list[Record]:
    """The records of a MED1250-format file, in file order."""
    raw = path.read_bytes()
    # The file is ASCII with a few cp1252 quotes, and carriage returns inside lines.
    text = raw.decode("cp1252", errors="replace")
    records: list[Record] = []
    pmid: str | None = None
    lines: list[str] = []
    gold: list[Pair] = []
    synonyms: list[Pair] = []
    previous_blank = True

    def close() -> None:
        if pmid is not None:
            records.append(Record(pmid, tuple(lines), tuple(gold), tuple(synonyms)))

    for line in text.split("\n"):
        line = line.replace("\r", " ")
        if previous_blank and line.strip().isdigit():
            close()
            pmid, lines, gold, synonyms = line.strip(), [], [], []
        elif pmid is not None:
            if line.startswith("//*"):
                pair = _pair(line[3:].strip())
                if pair:
                    synonyms.append(pair)
            elif line.startswith("//"):
                pass
            elif line.startswith("  ") and "|" in line:
                pair = _pair(line[2:])
                if pair:
                    gold.append(pair)
            elif line.strip():
                lines.append(line)
        previous_blank = not line.strip()
    close()
    return records


def _key(pair: Pair, nocase: bool) -> Pair:
    short, long = (" ".join(part.split()) for part in pair)
    return (short.lower(), long.lower()) if nocase else (short, long)


def score(records: Sequence[Record], detector: Detector, nocase: bool = False) -> Score:
    """Precision and recall of ``detector`` (a line → pairs function) on ``records``."""
    result = Score()
    for record in records:
        gold = Counter(_key(p, nocase) for p in record.gold)
        synonyms = {_key(p, nocase) for p in record.synonyms}
        found = Counter(_key(p, nocase) for line in record.lines for p in detector(line))
        for pair, count in found.items():
            if pair in synonyms and pair not in gold:
                continue
            right = min(count, gold[pair])
            result.found += count
            result.right += right
            result.false_positives += [(record.pmid, pair)] * (count - right)
        for pair, count in gold.items():
            missed = count - min(count, found[pair])
            result.false_negatives += [(record.pmid, pair)] * missed
        result.gold += sum(gold.values())
    return result


@functools.cache
def termkit_detector(line: str) -> tuple[Pair, ...]:
    """termkit's detector, reading the line as English (cached: the table scores lines twice)."""
    from termkit.definitions import find_definitions

    return tuple((d.acronym, d.full) for d in find_definitions(line, "en"))


def halves(records: Sequence[Record]) -> tuple[Sequence[Record], Sequence[Record]]:
    """The development half and the held-out half, in file order."""
    middle = len(records) // 2
    return records[:middle], records[middle:]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="MED1250_labeled")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="show N false positives and N false negatives of the development half",
    )
    parser.add_argument(
        "--half",
        choices=("first", "second", "both"),
        default="both",
        help="which half to score: first (development), second (held out) or both (default)",
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"abbrev_score: corpus not found: {args.corpus} (use --corpus)", file=sys.stderr)
        return 2
    records = read_corpus(args.corpus)
    first, second = halves(records)
    print(f"corpus: {args.corpus} ({len(records)} records)")
    print(
        f"{'half':<18}{'records':>8}{'gold':>6}{'found':>7}{'right':>7}"
        f"{'P exact':>9}{'R exact':>9}{'F1':>7}{'P nocase':>10}{'R nocase':>10}"
    )
    rows = {
        "first": [("first (dev)", first)],
        "second": [("second (held out)", second)],
        "both": [("first (dev)", first), ("second (held out)", second), ("all", records)],
    }[args.half]
    for name, part in rows:
        exact = score(part, termkit_detector)
        nocase = score(part, termkit_detector, nocase=True)
        print(
            f"{name:<18}{len(part):>8}{exact.gold:>6}{exact.found:>7}{exact.right:>7}"
            f"{exact.precision:>9.1%}{exact.recall:>9.1%}{exact.f1:>7.1%}"
            f"{nocase.precision:>10.1%}{nocase.recall:>10.1%}"
        )
    if args.errors:
        dev = score(first, termkit_detector)
        print(f"\nfalse positives (development half, first {args.errors}):")
        for pmid, (short, long) in dev.false_positives[: args.errors]:
            print(f"  {pmid}  {short}|{long}")
        print(f"\nfalse negatives (development half, first {args.errors}):")
        for pmid, (short, long) in dev.false_negatives[: args.errors]:
            print(f"  {pmid}  {short}|{long}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
