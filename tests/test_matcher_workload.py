"""The generated benchmark workload: deterministic, valid, with variants the matcher finds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from termkit.matcher import TermMatcher
from termkit.model import Status
from termkit.termbase import load_termbase, validate_paths


@pytest.fixture(scope="module")
def make_workload(benchmark_script: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_script("make_workload")


def small(make_workload: ModuleType, out: Path, seed: int = 7) -> Any:
    return make_workload.generate_workload(
        out, seed=seed, concepts=300, corpus_bytes=60_000, markdown_files=4
    )


def test_same_seed_same_bytes(make_workload: ModuleType, tmp_path: Path) -> None:
    small(make_workload, tmp_path / "a")
    small(make_workload, tmp_path / "b")
    small(make_workload, tmp_path / "c", seed=8)
    names = ["termbase.toml", "corpus.txt", "variants.txt", "md/0003.md"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "corpus.txt").read_bytes() != (
        tmp_path / "c" / "corpus.txt"
    ).read_bytes()


def test_workload_shape(
    make_workload: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERMKIT_NO_CACHE", "1")
    workload = small(make_workload, tmp_path)
    termbase_path = tmp_path / "termbase.toml"
    assert [d for d in validate_paths([termbase_path]) if d.severity == "error"] == []
    termbase = load_termbase([termbase_path], include_default=False)
    assert len(termbase) == 300
    concept = termbase["C00001"]
    for lang in ("en", "fr", "zh"):
        statuses = sorted(t.status.value for t in concept.terms_in(lang) if not t.is_acronym)
        assert statuses == ["admitted", "deprecated", "preferred"]
    assert concept.acronyms("zh")[0].borrowed_from == "en"

    corpus = (tmp_path / "corpus.txt").read_text(encoding="utf-8")
    assert 60_000 <= len(corpus.encode("utf-8")) < 70_000
    assert workload.corpus_bytes == len(corpus.encode("utf-8"))
    variants = (tmp_path / "variants.txt").read_text(encoding="utf-8").splitlines()
    assert len(variants) == 300 * 4  # admitted and deprecated, in English and Chinese
    sizes = [p.stat().st_size for p in sorted((tmp_path / "md").glob("*.md"))]
    assert len(sizes) == 4 and all(1_800 < s < 3_500 for s in sizes)

    matcher = TermMatcher.compile(termbase, ["en", "zh"])
    statuses = [
        t.status
        for paragraph in corpus.split("\n\n")
        for m in matcher.find(paragraph, "zh" if paragraph[:1] >= "\u4e00" else "en")
        for t in m.terms
    ]
    variants_found = sum(s is not Status.PREFERRED for s in statuses)
    assert variants_found > 5  # about one phrase in 200
    assert variants_found < len(statuses) / 4
