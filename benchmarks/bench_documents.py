"""Time ``termkit check`` on a 100-page Word document and a 100-page PDF, with the split.

The issue's target: each in under 3 s, most of it parsing. The documents are made from the Chinese
sample bulletin (``../shared/samples/gimm-bulletin-zh-part1.txt``), its lines repeated until the PDF
has 100 pages of 40 lines (about 1,300 Chinese characters a page, as the bulletin's PDF has); the
Word document holds the same text, one paragraph per paragraph of the sample. The same text as a
``.txt`` file is timed too, so that the cost of reading each format shows. The commands run as users
run them (the installed entry point, JSON to a file), in alternating runs after a warm-up, and
the medians are printed; then each document is read and checked in this process, phase by phase.

With ``--readers`` it also compares the two PDF libraries the issue names, on the same PDF and on a
two-column page: characters kept (against the text drawn) and seconds (pdfminer.six must be
installed: ``pip install pdfminer.six``).

Run: ``python benchmarks/bench_documents.py [--pages 100] [--repeat 5] [--readers]``
(needs the test extra: python-docx and reportlab write the documents).
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT.parent / "shared" / "samples" / "gimm-bulletin-zh-part1.txt"
LINES_PER_PAGE = 40


def _fixtures() -> object:
    sys.path.insert(0, str(ROOT / "tests"))
    import document_fixtures  # type: ignore[import-not-found]

    return document_fixtures


def make_documents(work: Path, pages: int) -> dict[str, Path]:
    """The same text as .txt, .docx and .pdf (``pages`` pages in the PDF)."""
    fixtures = _fixtures()
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    text_lines = [line for line in lines if line.strip()]
    copies = -(-pages * LINES_PER_PAGE // len(text_lines))
    all_lines = [*lines, ""] * copies
    # cut at the page count: count the drawn lines
    kept, drawn = [], 0
    for line in all_lines:
        if line.strip():
            if drawn == pages * LINES_PER_PAGE:
                break
            drawn += 1
        kept.append(line)
    text = "\n".join(kept) + "\n"
    work.mkdir(parents=True, exist_ok=True)
    paths = {"txt": work / "bulletin.txt", "docx": work / "bulletin.docx",
             "pdf": work / "bulletin.pdf"}
    paths["txt"].write_text(text, encoding="utf-8")
    fixtures.docx_from_paragraphs(  # type: ignore[attr-defined]
        paths["docx"], fixtures.sample_paragraphs(text))  # type: ignore[attr-defined]
    fixtures.pdf_from_lines(paths["pdf"], kept)  # type: ignore[attr-defined]
    return paths


def _run(path: Path, out: Path) -> float:
    start = time.perf_counter()
    with out.open("w") as sink:
        done = subprocess.run(["termkit", "check", "--format", "json", str(path)], stdout=sink,
                              stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"termkit check {path} failed ({done.returncode})")
    return elapsed


def time_commands(paths: dict[str, Path], repeat: int) -> dict[str, float]:
    out = paths["txt"].with_name("out.json")
    for path in paths.values():
        _run(path, out)  # warm-up: the compiled termbase cache, the page cache
    times: dict[str, list[float]] = {kind: [] for kind in paths}
    for _round in range(repeat):
        for kind, path in paths.items():
            times[kind].append(_run(path, out))
    return {kind: statistics.median(values) for kind, values in times.items()}


def phases(paths: dict[str, Path]) -> dict[str, tuple[float, float, int]]:
    """(reading, checking, findings) of each format, in this process (warm)."""
    from termkit.check import check_document
    from termkit.documents import load_document
    from termkit.termbase import load_termbase
    from termkit.text import read_document

    termbase = load_termbase()
    result = {}
    for kind, path in paths.items():
        start = time.perf_counter()
        if kind == "txt":
            text, line_col, blocks = read_document(path).text, None, False
        else:
            loaded = load_document(str(path), kind)
            text, line_col, blocks = loaded.text, loaded.line_col, loaded.blocks
        read = time.perf_counter() - start
        start = time.perf_counter()
        found = check_document(text, termbase, path=str(path), line_col=line_col,
                               blocks=blocks).findings
        result[kind] = (read, time.perf_counter() - start, len(found))
    return result


def compare_readers(pdf: Path, work: Path) -> None:
    """pypdf against pdfminer.six: characters kept, two columns, seconds."""
    import pypdf

    try:
        from pdfminer.high_level import extract_text
    except ImportError:
        print("pdfminer.six is not installed: pip install pdfminer.six")
        return
    drawn = "".join(SAMPLE.read_text(encoding="utf-8").split())
    sample_pdf = work / "sample.pdf"
    _fixtures().pdf_from_lines(  # type: ignore[attr-defined]
        sample_pdf, SAMPLE.read_text(encoding="utf-8").split("\n"))
    two = _two_columns(work / "two-columns.pdf")

    def pypdf_text(path: Path) -> str:
        return "\n".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages)

    def miner_text(path: Path) -> str:
        return extract_text(str(path))

    print("\nPDF readers (characters of the sample kept; the two columns' reading order as a "
          "similarity to the text drawn, column by column; seconds for the whole PDF)")
    for name, read in (("pypdf", pypdf_text), ("pdfminer.six", miner_text)):
        got = "".join(read(sample_pdf).split())
        matcher = difflib.SequenceMatcher(None, drawn, got, autojunk=False)
        lost = sum(a2 - a1 for tag, a1, a2, _b1, _b2 in matcher.get_opcodes() if tag != "equal")
        order = difflib.SequenceMatcher(None, two[1], "".join(read(two[0]).split()),
                                        autojunk=False).ratio()
        start = time.perf_counter()
        read(pdf)
        seconds = time.perf_counter() - start
        print(f"  {name:13} lost {lost:3} of {len(drawn)} characters; two columns "
              f"{order:.3f}; {seconds:.2f} s")


def _two_columns(path: Path) -> tuple[Path, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    words = "".join(SAMPLE.read_text(encoding="utf-8").split())
    left, right = words[200:920], words[920:1640]
    pdf = canvas.Canvas(str(path), invariant=True)
    pdf.setFont("STSong-Light", 10)
    for x, column in ((40, left), (310, right)):
        y = 800
        for start in range(0, len(column), 18):
            pdf.drawString(x, y, column[start:start + 18])
            y -= 14
    pdf.save()
    return path, left + right


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--readers", action="store_true")
    parser.add_argument("--work", type=Path, default=HERE / "_work" / "documents")
    args = parser.parse_args(argv)
    paths = make_documents(args.work, args.pages)
    sizes = {kind: path.stat().st_size for kind, path in paths.items()}
    print(f"{args.pages} pages: " + ", ".join(
        f"{kind} {size / 1024:.0f} KB" for kind, size in sizes.items()))
    medians = time_commands(paths, args.repeat)
    print(f"termkit check, medians of {args.repeat} alternating runs:")
    for kind, seconds in medians.items():
        ratio = seconds / medians["txt"]
        print(f"  {kind:4} {seconds:.2f} s  ({ratio:.2f}x the .txt)")
    print("in-process (warm): reading / checking / findings")
    for kind, (read, check, count) in phases(paths).items():
        print(f"  {kind:4} {read:.2f} s / {check:.2f} s / {count}")
    if args.readers:
        compare_readers(paths["pdf"], args.work)


if __name__ == "__main__":
    main()
