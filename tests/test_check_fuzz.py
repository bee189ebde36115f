"""Random documents built from the termbase's own terms, PDF-style line breaks, Markdown and noise:
check never raises, every finding points at the text it names, and fixing is idempotent."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from termkit.check import apply_fixes, check_text
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
