"""Properties that hold for any document: generated ones mix the termbase's terms with CJK,
combining marks, right-to-left text, emoji, zero-width characters, full-width forms, controls,
every kind of line break and Markdown.

Profiles (tests/conftest.py): ``ci`` (the default: derandomized, bounded) and ``long``
(``HYPOTHESIS_PROFILE=long``: many more examples, for a nightly-style run). The examples that
once failed stay below as explicit rows.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from termkit.check import CheckSettings, check_text
from termkit.expand import expand_with_report
from termkit.findings import Finding
from termkit.runner import unified_diff
from termkit.termbase import load_termbase

TERMBASE = load_termbase()
# Every term of the shipped termbase, and its deprecated ones twice (they make fixes).
TERMS = sorted({t.text for t in TERMBASE.terms()})
DEPRECATED = sorted({t.text for t in TERMBASE.terms() if t.status.value == "deprecated"})
FILLERS = [
    "与会代表讨论了", "秘书处。", "的", "各", "（", "）", "(", ")", "，", "。", " ", "  ", "-",
    "The ", " met. ", " of the ", "Le ", " et ", " des ", "l'", "d’", "the ", " (", ") ",
    "e\u0301", "\u0645\u0631\u062d\u0628\u0627", "\u200f", "\U0001f600", "\u200b", "\u00ad",
    "\ufeff", "\uff35", "\uff2e\uff25\uff30", "（\uff35\uff2e\uff25\uff30）", "\x07", "\t", "\x0c",
    "**", "*", "`", "[", "](u)",
    "# ", "- ", "> ", "<!-- x -->", "```\n", "    ", "\\", "_", "~", "第六届会议", "5", "-5",
]
BREAKS = ["\n", "\r\n", "\r", "\u2028", "\n\n", "\r\n\r\n", " \n", "-\n"]

pieces = st.one_of(
    st.sampled_from(TERMS),
    st.sampled_from(DEPRECATED),
    st.sampled_from(FILLERS),
    st.sampled_from(BREAKS),
    st.text(max_size=4),
)
documents = st.lists(pieces, max_size=24).map("".join)
settings_ = st.sampled_from(
    [
        CheckSettings(latin_lang="auto", select=("ALL",)),
        CheckSettings(lang="zh", select=("ALL",)),
        CheckSettings(lang="fr", select=("ALL",)),
        CheckSettings(latin_lang="en"),
    ]
)


def _check(text: str, settings: CheckSettings, markdown: bool) -> list[Finding]:
    return check_text(text, TERMBASE, markdown=markdown, settings=settings)


def _squeezed(text: str) -> str:
    return "".join(text.split())


@given(documents, settings_, st.booleans())
def test_findings_are_the_text_at_their_span(
    text: str, settings: CheckSettings, markdown: bool
) -> None:
    for finding in _check(text, settings, markdown):
        assert 0 <= finding.start <= finding.end <= len(text)
        assert _squeezed(text[finding.start : finding.end]) == _squeezed(finding.found), finding


@given(documents, settings_, st.booleans())
@example(
    "For the ASGM of the Panel international des ressources, see the de la notes.",
    CheckSettings(lang="fr", select=("ALL",)),
    False,
)
@example("The A-\nIE met.", CheckSettings(lang="fr", select=("ALL",)), False)
def test_fixes_stay_in_their_spans_and_leave_nothing_to_fix(
    text: str, settings: CheckSettings, markdown: bool
) -> None:
    from termkit.runner import fix_until_stable

    found = _check(text, settings, markdown)
    # A fix edits inside its finding's span: --fix changes nothing that was not reported.
    for finding in found:
        if finding.fix is not None:
            assert finding.start <= finding.fix.start <= finding.fix.end <= finding.end, finding
    fixed, _, left = fix_until_stable(text, found, lambda t: _check(t, settings, markdown))
    assert [f for f in left if f.fix] == []
    # Idempotent: the fixed text offers no fix.
    assert [f for f in _check(fixed, settings, markdown) if f.fix] == []


@given(documents, st.sampled_from(["en", "fr", "zh"]))
def test_expand_first_mode_only_inserts(text: str, lang: str) -> None:
    result = expand_with_report(text, TERMBASE, lang)
    assert all(change.start == change.end for change in result.changes)
    pieces, position = [], 0
    for change in result.changes:
        pieces.append(text[position : change.start])
        pieces.append(change.replacement)
        position = change.end
    pieces.append(text[position:])
    assert "".join(pieces) == result.text


def _rewrapped(text: str, width: int) -> str:
    """``text`` with its lines broken again every ``width`` characters, at spaces in Latin text
    and anywhere between CJK characters (as a PDF's text layer breaks them)."""
    out, column = [], 0
    for char in text:
        if char == "\n":
            out.append(char)
            column = 0
            continue
        if column >= width and char == " ":
            out.append("\n")
            column = 0
            continue
        between_han = out and _is_han(char) and _is_han(out[-1])
        if column >= width and between_han:
            out.append("\n")
            column = 0
        out.append(char)
        column += 1
    return "".join(out)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _signature(findings: list[Finding]) -> set[tuple[str, str | None, str]]:
    return {(f.code, f.concept, _squeezed(f.found)) for f in findings}


prose = st.lists(
    st.one_of(
        st.sampled_from(TERMS), st.sampled_from(DEPRECATED),
        st.sampled_from(["与会代表讨论了", "秘书处。", "The delegates discussed ", " and ",
                         " met. ", "各", "，"]),
    ),
    max_size=16,
).map("".join)


@given(prose, st.integers(min_value=8, max_value=60))
def test_rewrapping_does_not_change_what_is_found(text: str, width: int) -> None:
    settings = CheckSettings(latin_lang="en", select=("TK101", "TK102", "TK103", "TK205"))
    before = _signature(_check(text, settings, False))
    after = _signature(_check(_rewrapped(text, width), settings, False))
    assert after == before


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
@given(documents, settings_)
def test_diff_applies_with_patch_to_give_the_fix(
    tmp_path_factory: pytest.TempPathFactory, text: str, settings: CheckSettings
) -> None:
    from termkit.runner import fix_until_stable

    found = _check(text, settings, False)
    fixed, _, _ = fix_until_stable(text, found, lambda t: _check(t, settings, False))
    if fixed == text:
        return
    folder = tmp_path_factory.mktemp("patch")
    path: Path = folder / "doc.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    diff = unified_diff("doc.txt", text, fixed)
    subprocess.run(["patch", "-p1", "-s", "--binary"], input=diff.encode("utf-8", "surrogatepass"),
                   cwd=folder, check=True, capture_output=True)
    assert path.read_bytes() == fixed.encode("utf-8", "surrogatepass")


def test_the_termbase_feeds_the_generator() -> None:
    assert len(TERMS) > 100 and len(DEPRECATED) >= 5
