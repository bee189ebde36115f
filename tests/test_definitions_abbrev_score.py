"""The English detector on the Ab3P gold standard (MED1250): floors that catch regressions.

Measured with ``python benchmarks/abbrev_score.py --half first``: development half 99.1%
precision and 89.2% recall (exact pairs). The floors sit a little below. Only the development
half is asserted here, so that the held-out half stays an honest test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def scorer(benchmark_script: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_script("abbrev_score")


@pytest.fixture(scope="module")
def corpus(reference_dir: Path) -> Path:
    path = reference_dir / "abbrev" / "MED1250_labeled"
    if not path.is_file():
        pytest.skip(f"../shared is absent: {path} not found")
    return path


def test_corpus_reads_as_published(scorer: ModuleType, corpus: Path) -> None:
    records = scorer.read_corpus(corpus)
    assert len(records) == 1252
    assert sum(len(r.gold) for r in records) == 1221
    first = records[0]
    assert first.pmid == "18021577" and len(first.lines) == 2 and first.gold == ()
    assert records[1].gold == (("TAI", "timed artificial insemination"),)


def test_development_half_floors(scorer: ModuleType, corpus: Path) -> None:
    development, _ = scorer.halves(scorer.read_corpus(corpus))
    result = scorer.score(development, scorer.termkit_detector)
    assert result.precision >= 0.985
    assert result.recall >= 0.885


def test_half_first_prints_the_development_half_only(
    scorer: ModuleType, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scorer.main(["--corpus", str(corpus), "--half", "first", "--errors", "2"]) == 0
    out = capsys.readouterr().out
    assert "first (dev)" in out
    assert "second (held out)" not in out and "\nall " not in out
    assert "false negatives (development half, first 2):" in out


def test_default_prints_both_halves(
    scorer: ModuleType, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scorer.main(["--corpus", str(corpus)]) == 0
    rows = [line.split()[0] for line in capsys.readouterr().out.splitlines()[2:]]
    assert rows == ["first", "second", "all"]


def test_scoring_compares_pairs_per_record(scorer: ModuleType) -> None:
    record = scorer.Record(
        "1",
        ("a text",),
        (("aa", "amino acid "), ("TNF", "Tumor necrosis factor"), ("ER", "endoplasmic reticulum")),
        synonyms=(("Y", "x"),),
    )
    found = [("aa", "amino  acid"), ("TNF", "tumor necrosis factor"), ("Y", "x")]
    exact = scorer.score([record], lambda line: found)
    # whitespace is normalised; case counts; the synonym pair counts neither way
    assert (exact.gold, exact.found, exact.right) == (3, 2, 1)
    assert exact.false_positives == [("1", ("TNF", "tumor necrosis factor"))]
    assert [pair for _, pair in exact.false_negatives] == [
        ("TNF", "Tumor necrosis factor"),
        ("ER", "endoplasmic reticulum"),
    ]
    nocase = scorer.score([record], lambda line: found, nocase=True)
    assert (nocase.found, nocase.right) == (2, 2)


def test_missing_corpus_exits_2(
    scorer: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scorer.main(["--corpus", str(tmp_path / "nowhere")]) == 2
    assert "corpus not found" in capsys.readouterr().err
