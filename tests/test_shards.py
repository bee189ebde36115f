"""Sharded automata (termkit.shards): exactly the hits of one automaton of all the patterns."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import daachorse
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import termkit.shards as shards
from termkit.analysis.document import Needs, preload
from termkit.check import check_text
from termkit.matcher import TermMatcher, _PatternSet
from termkit.settings import CheckSettings
from termkit.shards import ShardedAutomaton, shard_order
from termkit.termbase import load_termbase
from termkit.termbase.cache import (
    CachedConcepts,
    pack_payload,
    read_entry,
    unpack_payload,
    write_entry,
)

# Small alphabets: many patterns overlap, prefix and contain one another.
_PATTERNS = st.lists(st.text("abcd ", min_size=1, max_size=6), min_size=1, max_size=14,
                     unique=True)


def _one_automaton(keys: list[bytes]) -> object:
    return daachorse.DoubleArrayAhoCorasick(keys, daachorse.MATCH_KIND_LEFTMOST_LONGEST)


@pytest.fixture
def small_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scan again in windows as short as a shard's longest pattern allows: every window edge
    case comes up in texts of a few hundred bytes."""
    monkeypatch.setattr(shards, "_MIN_WINDOW", 1)


@given(patterns=_PATTERNS, texts=st.lists(st.text("abcd ", max_size=400), max_size=4),
       size=st.integers(1, 12))
@settings(max_examples=400, deadline=None)
def test_sharded_hits_are_one_automatons(
    patterns: list[str], texts: list[str], size: int, small_windows: None
) -> None:
    order = shard_order(patterns, above=0, size=size)
    assert order is not None
    sharded = ShardedAutomaton.build(patterns, order)
    whole = _one_automaton([p.encode() for p in patterns])
    for text in texts:
        data = text.encode()
        assert sharded.find(data) == whole.find(data)  # type: ignore[attr-defined]


def test_a_shards_own_scan_is_overruled_and_resumed(small_windows: None) -> None:
    """Shard "b" on its own finds bcb in abcbd; the whole finds ab (shard "a"), then bd, which
    shard b's own scan went past."""
    keys = ["ab", "bcb", "bd"]
    order = shard_order(keys, above=0, size=1)
    assert order is not None and len(order) == 2
    sharded = ShardedAutomaton.build(keys, order)
    assert sharded.find(b"abcbd") == [(0, 2, 0), (3, 5, 2)]
    whole = _one_automaton([k.encode() for k in keys])
    assert sharded.find(b"abcbd") == whole.find(b"abcbd")  # type: ignore[attr-defined]


def test_shard_order() -> None:
    keys = ["apple", "banana", "avocado", "cherry", "blueberry", "国家", "国际", "a"]
    assert shard_order(keys, above=10_000) is None  # small: one automaton
    assert shard_order(keys * 100, above=5_000) is None  # 4,600 bytes
    assert shard_order(keys * 120, above=5_000) is not None  # 4,560 characters, 5,520 bytes
    order = shard_order(keys, above=0, size=8)
    assert order is not None and len(order) > 1
    assert sorted(i for shard in order for i in shard) == list(range(len(keys)))
    for shard in order:
        assert shard == sorted(shard)  # in their order within each shard
    firsts = [{keys[i][0] for i in shard} for shard in order]
    for one, other in ((a, b) for i, a in enumerate(firsts) for b in firsts[i + 1 :]):
        assert not one & other  # a first byte in one shard only


def test_serialized_shards_load_and_damage_is_refused() -> None:
    keys = ["alpha", "beta", "gamma", "alphabet"]
    order = shard_order(keys, above=0, size=5)
    assert order is not None
    sharded = ShardedAutomaton.build(keys, order)
    plain, automata = sharded.serialize()
    loaded = ShardedAutomaton.deserialize(plain, automata)
    assert loaded.size == 4
    assert loaded.find(b"alphabet beta") == sharded.find(b"alphabet beta") == [
        (0, 8, 3), (9, 13, 1)]
    with pytest.raises(ValueError):
        ShardedAutomaton.deserialize(plain[:-1], automata)  # a shard missing
    too_far = ((b"\x09\x00\x00\x00", 5), *plain[1:])  # pattern 9 of 4
    with pytest.raises(ValueError):
        ShardedAutomaton.deserialize(too_far, automata)


def test_payload_in_pieces(tmp_path: Path) -> None:
    head = ("format", 3, ("a", "b"))
    sections: list[bytes | bytearray | memoryview] = [b"x" * 10, bytearray(b"yz"), memoryview(b"")]
    pieces = pack_payload(head, sections)
    write_entry("k" * 64, "part", pieces, tmp_path)
    write_entry("j" * 64, "part", b"".join(pieces), tmp_path)
    stored = read_entry("k" * 64, "part", tmp_path)
    assert stored is not None and bytes(stored) == bytes(read_entry("j" * 64, "part", tmp_path)
                                                       or b"")
    got_head, got_sections = unpack_payload(stored)
    assert got_head == head
    assert [bytes(s) for s in got_sections] == [b"x" * 10, b"yz", b""]
    with pytest.raises(ValueError):
        unpack_payload(b"".join(pieces) + b"extra")


@pytest.fixture
def forced_shards(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every table of more than 200 bytes of patterns is built in shards of 300."""
    monkeypatch.setenv("TERMKIT_NO_CACHE", "1")
    monkeypatch.setattr(shards, "SHARD_ABOVE", 200)
    monkeypatch.setattr(shards, "SHARD_BYTES", 300)
    yield


def _sharded_tables(matcher: TermMatcher, lang: str) -> bool:
    exact, folded = matcher._tables(lang, "exact", "folded")
    return any(isinstance(p, _PatternSet) and isinstance(p._automaton, ShardedAutomaton)
               for p in (exact, folded))


def test_findings_on_the_bulletins_with_shards(
    samples_dir: Path, forced_shards: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped termbase in shards finds in the real bulletins what it finds whole."""
    texts = [
        (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8"),
        (samples_dir / "gimm-bulletin-part1.en.md").read_text(encoding="utf-8"),
    ]
    sharded_termbase = load_termbase(cache=False)
    assert _sharded_tables(TermMatcher(sharded_termbase), "zh")
    sharded = [check_text(text, sharded_termbase) for text in texts]
    monkeypatch.setattr(shards, "SHARD_ABOVE", 10**12)
    whole_termbase = load_termbase(cache=False)
    assert not _sharded_tables(TermMatcher(whole_termbase), "zh")
    whole = [check_text(text, whole_termbase) for text in texts]
    assert sharded == whole
    assert whole[0]  # the Chinese bulletin has findings; the English one is clean


def test_matches_on_the_workload_with_shards(
    benchmark_script: Callable[[str], ModuleType], tmp_path: Path, forced_shards: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A generated termbase and corpus: every match, English and Chinese, the same in shards."""
    make_workload = benchmark_script("make_workload")
    make_workload.generate_workload(tmp_path, concepts=400, corpus_bytes=80_000, markdown_files=1)
    paths = [tmp_path / "termbase.toml"]
    paragraphs = (tmp_path / "corpus.txt").read_text(encoding="utf-8").split("\n\n")

    def matches(in_shards: bool) -> list[object]:
        matcher = TermMatcher(load_termbase(paths, include_default=False, cache=False))
        assert _sharded_tables(matcher, "en") == in_shards
        return [
            (m.start, m.end, [t.text for t in m.terms])
            for paragraph in paragraphs
            for m in matcher.find(paragraph, "zh" if paragraph[:1] >= "\u4e00" else "en")
        ]

    sharded = matches(True)
    monkeypatch.setattr(shards, "SHARD_ABOVE", 10**12)
    assert sharded == matches(False)
    assert len(sharded) > 150


def _dumped(anchors: tuple[_PatternSet | None, _PatternSet | None]) -> list[object]:
    return [
        None if p is None else (p.dump()[0], [bytes(s) for s in p.dump()[1]]) for p in anchors
    ]


@pytest.mark.parametrize("lang", ["en", "fr", "zh"])
def test_anchors_filed_in_the_sort_are_the_anchors_compiled_alone(
    lang: str, benchmark_script: Callable[[str], ModuleType], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A full sort of a language's terms files its near-miss anchors in the same pass: the same
    automata, patterns and terms as their own pass over the terms makes."""
    from termkit.matcher import _compile_anchors

    monkeypatch.setenv("TERMKIT_NO_CACHE", "1")
    benchmark_script("make_workload").generate_workload(
        tmp_path, concepts=300, corpus_bytes=1_000, markdown_files=1)
    for termbase in (load_termbase(cache=False),
                     load_termbase([tmp_path / "termbase.toml"], include_default=False,
                                   cache=False)):
        matcher = TermMatcher(termbase)
        matcher._tables(lang, "exact", "folded")
        assert lang not in matcher._anchors  # not asked for
        matcher = TermMatcher(termbase)
        matcher.expect_near_misses([lang])
        matcher._tables(lang, "exact", "folded")
        assert lang in matcher._anchors  # built in the sort, not on first use
        alone = _compile_anchors(termbase, lang)
        assert _dumped(matcher._anchors[lang]) == _dumped(alone)
        assert any(p is not None for p in alone)


def _same_patterns(one: _PatternSet, other: _PatternSet) -> bool:
    """The same automaton, flags and terms (the terms' marshalled bytes may differ in marshal's
    reference flags, which follow reference counts)."""
    (plain, sections), (other_plain, other_sections) = one.dump(), other.dump()
    return (
        plain == other_plain
        and [bytes(s) for s in sections[:-1]] == [bytes(s) for s in other_sections[:-1]]
        and all(one.terms_of(i) == other.terms_of(i) for i in range(len(one.flags)))
    )


@pytest.fixture
def passes(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The languages of each pass a compile makes over the termbase's terms, as it makes them."""
    import termkit.matcher as matcher_module

    made: list[set[str]] = []
    compiled_terms = matcher_module._compiled_terms

    def recorded(termbase: object, langs: set[str]) -> Iterator[object]:
        made.append(set(langs))
        return compiled_terms(termbase, langs)  # type: ignore[arg-type]

    monkeypatch.setattr(matcher_module, "_compiled_terms", recorded)
    return made


@pytest.mark.parametrize(
    ("lang", "other"),
    # zh, with no acronyms of its own (acronyms-from), lends none in a check: announced here,
    # its table holds its terms without case, which a sort without folding keeps too.
    [("en", "fr"), ("zh", "fr"), ("fr", "en"), ("en", "zh")],
)
@pytest.mark.parametrize("cached", [False, True])
def test_acronyms_collected_in_a_sort_are_the_acronyms_sorted_alone(
    lang: str, other: str, cached: bool, benchmark_script: Callable[[str], ModuleType],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, passes: list[set[str]],
) -> None:
    """A full sort of a language's terms collects the terms of the languages whose acronyms
    are announced (expect_acronyms), in the same pass, and builds their acronym table from
    them: the table a pass of their own sorts. Served from the cache (cached) or built from
    the files."""
    from termkit.matcher import _compile_part, _sorted_terms

    monkeypatch.setenv("TERMKIT_CACHE_DIR", str(tmp_path / "cache"))
    if cached:
        monkeypatch.delenv("TERMKIT_NO_CACHE", raising=False)
    else:
        monkeypatch.setenv("TERMKIT_NO_CACHE", "1")
    benchmark_script("make_workload").generate_workload(
        tmp_path, concepts=300, corpus_bytes=1_000, markdown_files=1)
    termbases = (load_termbase(),
                 load_termbase([tmp_path / "termbase.toml"], include_default=False))
    for index, termbase in enumerate(termbases):
        assert isinstance(termbase.concepts, CachedConcepts) is cached
        alone = _compile_part(_sorted_terms(termbase, other, folded_too=False), "exact")
        assert isinstance(alone, _PatternSet) and len(alone.flags) > 10
        passes.clear()
        matcher = TermMatcher(termbase)
        matcher.expect_acronyms([other])
        matcher._tables(lang, "exact", "folded")
        assert passes == [{lang, other}]  # one pass; the acronym table built from it
        assert (other, "exact") in matcher._parts
        (collected,) = matcher._tables(other, "exact")
        assert passes == [{lang, other}]
        assert _same_patterns(collected, alone)
        # Without the announcement, nothing is collected (tables not cached yet: another folder).
        monkeypatch.setenv("TERMKIT_CACHE_DIR", str(tmp_path / f"cache-{index}"))
        passes.clear()
        matcher = TermMatcher(termbase)
        matcher._tables(lang, "exact", "folded")
        assert passes == [{lang}]


def test_an_acronym_table_in_the_cache_is_loaded_not_collected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, passes: list[set[str]],
) -> None:
    monkeypatch.setenv("TERMKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TERMKIT_NO_CACHE", raising=False)
    termbase = load_termbase()
    TermMatcher(termbase)._tables("fr", "exact")  # compiled, and stored in the cache
    assert passes == [{"fr"}]
    matcher = TermMatcher(termbase)
    matcher.expect_acronyms(["fr"])
    matcher._tables("en", "exact", "folded")
    assert passes == [{"fr"}, {"en"}]
    assert "matcher-fr-exact" in " ".join(matcher._loaded)  # loaded, not built again


def test_a_cold_check_reads_the_termbase_once_for_its_language_and_the_foreign_acronyms(
    monkeypatch: pytest.MonkeyPatch, passes: list[set[str]],
) -> None:
    """The analysis announces the languages whose acronyms it looks for (TK205) before it
    matches: the English terms and the French acronyms come from one pass over the terms."""
    monkeypatch.setenv("TERMKIT_NO_CACHE", "1")
    findings = check_text("The ASGM report and the EMAPE report.", load_termbase(cache=False))
    assert "TK205" in {f.code for f in findings}  # the French acronym was looked for
    assert passes == [{"en", "fr"}]
    # So does a parent process's preload, before it forks workers.
    passes.clear()
    preload(load_termbase(cache=False), CheckSettings(), Needs.OTHER_ACRONYMS)
    assert passes == [{"en", "fr"}, {"zh"}]


def test_sharded_tables_go_through_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sharded parts are saved, then loaded (not compiled) by the next matcher: the same hits."""
    import termkit.matcher as matcher_module

    monkeypatch.setenv("TERMKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TERMKIT_NO_CACHE", raising=False)
    monkeypatch.setattr(shards, "SHARD_ABOVE", 200)
    monkeypatch.setattr(shards, "SHARD_BYTES", 300)
    text = ("The Minamata Convention on Mercury, the MC, and artisanal and small-scale gold "
            "mining (ASGM); 关于汞的水俣公约与手工和小规模采金业。")
    built = TermMatcher(load_termbase())
    found = {lang: built.find(text, lang) for lang in ("en", "zh")}
    assert _sharded_tables(built, "en") and _sharded_tables(built, "zh")

    def compile_again(*args: object) -> None:
        raise AssertionError("compiled again instead of loaded from the cache")

    monkeypatch.setattr(matcher_module, "_compile_part", compile_again)
    loaded = TermMatcher(load_termbase())
    assert {lang: loaded.find(text, lang) for lang in ("en", "zh")} == found
    assert _sharded_tables(loaded, "en") and _sharded_tables(loaded, "zh")
    assert found["en"] and found["zh"]
