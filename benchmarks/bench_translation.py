"""Time a translation check of a 10,000-segment XLIFF against ``termkit check`` of its target text.

The issue's target: checking the XLIFF (both sides analysed, the document rules on the target, the
translation rules on the pair) takes at most 2.5 times what checking the target text alone, as
one document, takes. The workload is generated deterministically with the 20,000-concept benchmark
termbase of ``make_workload.py``: each segment names one to four concepts in English (full form or
acronym, among filler words) and renders them in Chinese (mostly the preferred term; one in forty
a variant, one in sixty left out); ``target.txt`` holds the same Chinese, one segment a paragraph.

Both commands run as users run them (the installed entry point, JSON output to a file), in
alternating runs after one warm-up each (the compiled termbase cache), and the medians are
compared; then the translation check is timed phase by phase in this process.

Run: ``python benchmarks/bench_translation.py [--segments 10000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SEED = 20231207


def _make_workload() -> ModuleType:
    """``make_workload.py`` next to this script (the benchmarks are scripts, not a package)."""
    sys.path.insert(0, str(HERE))
    import make_workload

    return make_workload


def generate(work: Path, segments: int) -> tuple[Path, Path, Path]:
    """The termbase, the XLIFF and the target text in ``work`` (kept between runs)."""
    workload = _make_workload()
    work.mkdir(parents=True, exist_ok=True)
    termbase = work / "termbase.toml"
    concepts = workload.generate_concepts()
    if not termbase.exists():
        termbase.write_text(workload.termbase_toml(concepts), encoding="utf-8")
    xliff, target = work / f"translation-{segments}.xlf", work / f"translation-{segments}.txt"
    if xliff.exists() and target.exists():
        return termbase, xliff, target
    rng = random.Random(SEED)
    words = workload._vocabulary(rng, 3000, "aeiou")
    han = workload._han_characters(rng, 2000)
    units, targets = [], []
    for k in range(segments):
        source_parts, target_parts = [], []
        for concept in rng.sample(concepts, rng.randint(1, 4)):
            source_parts.append(" ".join(rng.choice(words) for _ in range(rng.randint(3, 8))))
            use_acronym = "en" in concept.acronyms and rng.random() < 0.3
            source_parts.append(concept.acronyms["en"] if use_acronym else concept.full["en"])
            target_parts.append("".join(rng.choice(han) for _ in range(rng.randint(4, 10))))
            roll = rng.random()
            if roll < 1 / 60:
                continue  # left out: a term not rendered
            if roll < 1 / 60 + 1 / 40:
                target_parts.append(concept.deprecated["zh"])
            elif use_acronym:
                target_parts.append(concept.acronyms["en"])
            else:
                target_parts.append(concept.full["zh"])
        source_text = " ".join(source_parts) + "."
        target_text = "".join(target_parts) + "。"
        targets.append(target_text)
        units.append(
            f'      <trans-unit id="s{k + 1:05d}">\n'
            f"        <source>{escape(source_text)}</source>\n"
            f'        <target state="translated">{escape(target_text)}</target>\n'
            "      </trans-unit>\n"
        )
    xliff.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
        '  <file original="bench" source-language="en" target-language="zh-CN" '
        'datatype="plaintext">\n    <body>\n' + "".join(units) + "    </body>\n  </file>\n</xliff>\n",
        encoding="utf-8",
    )
    target.write_text("\n\n".join(targets) + "\n", encoding="utf-8")
    return termbase, xliff, target


def _run(command: Sequence[str], output: Path) -> float:
    started = time.perf_counter()
    with output.open("wb") as out:
        completed = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr.decode()}")
    return elapsed


def phases(termbase_path: Path, xliff: Path) -> list[tuple[str, float]]:
    """The translation check timed phase by phase in this process (the termbase loaded first)."""
    from dataclasses import replace

    from termkit.analysis import Needs, analyse_document
    from termkit.analysis.pairs import Pair, Segment
    from termkit.bilingual.check import _joined, read_bilingual
    from termkit.check import CheckSettings, check_document
    from termkit.termbase import load_termbase

    termbase = load_termbase([termbase_path], include_default=False)
    settings = CheckSettings()
    timings = []
    started = time.perf_counter()
    read = read_bilingual(xliff.read_bytes(), str(xliff), termbase)
    timings.append(("read the XLIFF (expat, positions)", time.perf_counter() - started))
    started = time.perf_counter()
    source_text, _, source_spans = _joined(read.units, target=False)
    target_text, _, target_spans = _joined(read.units, target=True)
    timings.append(("join the segments", time.perf_counter() - started))
    started = time.perf_counter()
    source = analyse_document(source_text, termbase, replace(settings, lang="en"),
                              markdown=False, needs=Needs.OTHER_ACRONYMS)
    timings.append(("analyse the source", time.perf_counter() - started))
    segments = [Segment(u.id, s, t) for u, s, t in zip(read.units, source_spans, target_spans,
                                                       strict=True)]
    pair = Pair(source, segments, "en", "zh", str(xliff), lambda offset: (1, 1))
    started = time.perf_counter()
    checked = check_document(target_text, termbase, settings=replace(settings, lang="zh"),
                             pair=pair)
    timings.append((f"check the target ({len(checked.findings)} findings)",
                    time.perf_counter() - started))
    return timings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=HERE / "_work")
    args = parser.parse_args(argv)
    termbase, xliff, target = generate(args.work, args.segments)
    executable = shutil.which("termkit")
    termkit = [executable] if executable else [sys.executable, "-m", "termkit"]
    common = ["check", "--termbase", str(termbase), "--no-default-termbase", "-q",
              "--format", "json", "--fail-on", "never"]
    alone = [*termkit, *common, "--lang", "zh", str(target)]
    pair = [*termkit, *common, str(xliff)]
    out = args.work / "bench-translation.json"
    _run(alone, out)  # warm-up: the compiled cache
    _run(pair, out)
    alone_times, pair_times = [], []
    for _ in range(args.repeat):
        alone_times.append(_run(alone, out))
        pair_times.append(_run(pair, out))
    a, p = statistics.median(alone_times), statistics.median(pair_times)
    print(f"{args.segments} segments, {xliff.stat().st_size / 1e6:.1f} MB XLIFF, "
          f"{target.stat().st_size / 1e6:.1f} MB target text; medians of {args.repeat}")
    print(f"  check target text alone  {a:6.2f} s")
    print(f"  check the XLIFF          {p:6.2f} s   ratio {p / a:.2f} (target: at most 2.5)")
    print("In-process phases of the XLIFF check:")
    for name, seconds in phases(termbase, xliff):
        print(f"  {name:<40} {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
