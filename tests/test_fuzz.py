"""Random documents built from the termbase's own terms, PDF-style line breaks, Markdown and noise
(fixed seeds): check never raises, every finding points at the text it names, fixing is
idempotent; expand only inserts and is idempotent; extract and glossary entries are well formed;
lookup ranks one hit per concept as documented; validate never raises."""

from __future__ import annotations

import difflib
import random
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.check import apply_fixes, check_text
from termkit.cli import cli
from termkit.expand import expand_text
from termkit.extract import extract_text
from termkit.glossary import glossary_text
from termkit.lookup import (
    FUZZY_THRESHOLD,
    SUGGEST_THRESHOLD,
    MatchKind,
    fold_query,
    lookup,
    suggest,
)
from termkit.model import Termbase
from termkit.termbase import load_termbase
from termkit.text import LineIndex

SEED = 20231107
DOCUMENTS = 1600

NOISE = [
    "与会代表讨论了", "，", "。", "、", "（", "）", "(", ")", "“", "”", "《", "》", " ", "  ", "\n",
    "\r\n", "\n\n", "The ", " met in Geneva", ", and ", "l'", "d’", "de la ", "—", "-", "\u3000",
    "\uff21", "\uff11", "`code`", "```\n多边环境协议\n```\n", "[link](https://example.org/OEWG)",
    "https://example.org/x y.pdf", "<!-- termkit: off -->", "<!-- termkit: on -->",
    "termkit: ignore", "UNEP/5/12/1", "第五届会议", " 5", "-6", "s", "\t", "\u00a0", "\f", "😀",
    "\U00020000", "ISAAC", "iso",
]


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


def _document(rng: random.Random, terms: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(1, 40)):
        piece = rng.choice(terms) if rng.random() < 0.45 else rng.choice(NOISE)
        if rng.random() < 0.15 and len(piece) > 2:
            # A PDF line break inside the piece.
            cut = rng.randrange(1, len(piece))
            piece = piece[:cut] + rng.choice(["\n", "-\n", "\r\n"]) + piece[cut:]
        parts.append(piece)
    return "".join(parts)


def _squeeze(text: str) -> str:
    """Compare as the normaliser does: width folded, breaks, spaces and hyphens ignored."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return re.sub(r"[\s\u00ad\u200b-]+", "", text)


@pytest.mark.parametrize("markdown", [False, True])
@pytest.mark.parametrize("lang", [None, "zh", "en", "fr"])
def test_random_documents(termbase: Termbase, markdown: bool, lang: str | None) -> None:
    terms = sorted({t.text for t in termbase.terms()})
    rng = random.Random(f"{SEED}-{markdown}-{lang}")
    for _ in range(DOCUMENTS // 4):
        text = _document(rng, terms)
        findings = check_text(text, termbase, lang=lang, markdown=markdown)
        index = LineIndex(text)
        for finding in findings:
            assert 0 <= finding.start <= finding.end <= len(text), (text, finding)
            assert (finding.line, finding.column) == index.line_col(finding.start)
            if finding.code not in ("TK103",):
                # The finding names the text it points at (line breaks and width folded).
                assert _squeeze(finding.found) in _squeeze(text[finding.start : finding.end]) or (
                    _squeeze(text[finding.start : finding.end]) in _squeeze(finding.found)
                ), (text, finding)
        fixed, _ = apply_fixes(text, [f.fix for f in findings if f.fix])
        again = check_text(fixed, termbase, lang=lang, markdown=markdown)
        refixed, _ = apply_fixes(fixed, [f.fix for f in again if f.fix])
        assert refixed == fixed, (text, fixed, [f for f in again if f.fix])


ROUNDS = 300


@pytest.fixture(scope="module")
def pieces(termbase: Termbase) -> list[str]:
    return sorted({t.text for t in termbase.terms()})


@pytest.mark.parametrize("mode", ["first", "all"])
@pytest.mark.parametrize("lang", [None, "zh", "en", "fr"])
def test_expand_random_documents(
    termbase: Termbase, pieces: list[str], mode: str, lang: str | None
) -> None:
    rng = random.Random(f"{SEED}-expand-{mode}-{lang}")
    for _ in range(ROUNDS // 8):
        text = _document(rng, pieces)
        markdown = rng.random() < 0.5
        out = expand_text(text, termbase, lang=lang, mode=mode, markdown=markdown)
        # Expanded once, nothing is left to expand: defined (first) or replaced (all).
        assert expand_text(out, termbase, lang=lang, mode=mode, markdown=markdown) == out, text
        if mode == "first":
            # First mode only inserts (and may fix an article): every kept byte is unchanged.
            matcher = difflib.SequenceMatcher(None, text, out, autojunk=False)
            removed = [op for op in matcher.get_opcodes() if op[0] in ("delete", "replace")]
            for _, i1, i2, _, _ in removed:
                assert text[i1:i2].strip().lower() in ("a", "an", ""), (text, out)


@pytest.mark.parametrize("lang", ["zh", "en", "fr"])
def test_extract_and_glossary_random_documents(
    termbase: Termbase, pieces: list[str], lang: str
) -> None:
    rng = random.Random(f"{SEED}-extract-{lang}")
    for _ in range(ROUNDS // 3):
        text = _document(rng, pieces)
        for candidate in extract_text(text, lang):
            assert candidate.line >= 1 and candidate.column >= 1
        for entry in glossary_text(text, termbase, [lang]):
            assert entry.count >= 1, (text, entry)
            assert list(entry.full_forms) == [lang], (text, entry)
            # A concept exactly when the termbase knows the acronym and the text resolves it.
            assert (entry.concept is None) == (not entry.in_termbase or bool(entry.candidates))
            assert entry.concept is None or entry.concept in termbase


def test_lookup_random_queries(termbase: Termbase, pieces: list[str]) -> None:
    rng = random.Random(SEED)
    for _ in range(ROUNDS):
        query = "".join(rng.choice(pieces + NOISE)[: rng.randint(1, 12)] for _ in range(3))
        hits = lookup(termbase, query)
        assert hits == sorted(hits, key=lambda h: h.sort_key), query
        assert len({h.concept.id for h in hits}) == len(hits), query  # one hit per concept
        assert fold_query(query) or hits == [], query
        for hit in hits:
            assert hit.term.concept_id == hit.concept.id, (query, hit)
            if hit.kind is MatchKind.FUZZY:
                assert FUZZY_THRESHOLD <= hit.score <= 100, (query, hit)
            else:
                assert hit.score == 100, (query, hit)
        near = suggest(termbase, query)
        assert len(near) <= 3 and all(h.score >= SUGGEST_THRESHOLD for h in near), (query, near)
        assert len({h.concept.id for h in near}) == len(near), query


def test_lookup_finds_every_term_exactly(termbase: Termbase, pieces: list[str]) -> None:
    for text in pieces:
        found = {h.concept.id for h in lookup(termbase, text) if h.kind.rank <= MatchKind.EXACT.rank}
        assert {t.concept_id for t in termbase.terms() if t.text == text} <= found, text


def test_validate_random_toml_never_tracebacks(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    good = (Path(__file__).parent / "fixtures/termbases/clean.toml").read_text(encoding="utf-8")
    runner = CliRunner()
    for i in range(60):
        text = list(good)
        for _ in range(rng.randint(1, 6)):  # delete, duplicate or insert characters
            at = rng.randrange(len(text))
            action = rng.random()
            if action < 0.4:
                del text[at]
            elif action < 0.7:
                text.insert(at, text[at])
            else:
                text.insert(at, rng.choice(['"', "[", "]", "=", "\n", ".", "{", "'", "é", "中"]))
        path = tmp_path / f"t{i}.toml"
        path.write_text("".join(text), encoding="utf-8")
        result = runner.invoke(cli, ["validate", "--alone", str(path)])
        assert result.exit_code in (0, 1, 2), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            "".join(text),
            result.exception,
        )
