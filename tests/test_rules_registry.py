"""Rules say what they need of the analysis, and the driver analyses for exactly that."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from termkit.analysis import Needs
from termkit.check import CheckSettings, check_text
from termkit.findings import Finding, Severity
from termkit.model import Termbase
from termkit.rules import RULES, all_rules, needs_of, select_rules
from termkit.rules.context import CheckContext
from termkit.rules.registry import rule
from termkit.termbase import load_termbase

ROOT = Path(__file__).resolve().parents[1]
# (name, text, Markdown?): the example drafts, the check fixtures, and French texts whose
# borrowed acronym (GISTM: French has none of its own) only the other-acronym pass finds.
DOCUMENTS = [
    *[
        (path.name, path.read_text(encoding="utf-8"), path.suffix == ".md")
        for path in [
            *sorted((ROOT / "examples").glob("draft-*.md")),
            *sorted((ROOT / "tests" / "fixtures" / "check").glob("*.txt")),
        ]
    ],
    ("borrowed-undefined", "La GISTM a été citée par les délégués et par le PNUE.", False),
    (
        "borrowed-redefined",
        "La Norme industrielle mondiale pour la gestion des résidus miniers (GISTM) a été citée. "
        "Puis la Norme industrielle mondiale pour la gestion des résidus miniers (GISTM) encore.",
        False,
    ),
    ("unused-suppression", "各方讨论了多边环境协定的执行情况。 termkit: ignore TK101", False),
]


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


# TK001 judges the other rules' findings: alone, it has none to judge. The translation rules
# judge a pair of documents (tests/test_bilingual_check.py).
@pytest.mark.parametrize("code", [r.code for r in all_rules() if not r.after and not r.bilingual])
@pytest.mark.parametrize(("name", "text", "markdown"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_a_rule_alone_finds_what_it_finds_among_all(
    termbase: Termbase, code: str, name: str, text: str, markdown: bool
) -> None:
    """Selected alone, a rule's analysis holds only what it declared it needs: it must still
    find exactly what it finds when every rule (and so every need) is selected. (Before rules
    declared their needs, TK202 or TK203 alone missed GISTM in French text.)"""
    every = check_text(
        text, termbase, markdown=markdown,
        settings=CheckSettings(latin_lang="auto", select=("ALL",)),
    )
    alone = check_text(
        text, termbase, markdown=markdown,
        settings=CheckSettings(latin_lang="auto", select=(code,)),
    )
    assert alone == [f for f in every if f.code == code]


def test_the_documents_exercise_every_rule(termbase: Termbase) -> None:
    """The table above is not vacuous: each rule fires on at least one of its documents."""
    fired = {
        f.code
        for _, text, markdown in DOCUMENTS
        for f in check_text(
            text, termbase, markdown=markdown,
            settings=CheckSettings(latin_lang="auto", select=("ALL",)),
        )
    }
    assert fired == {r.code for r in all_rules() if not r.bilingual}


def test_needs_of_is_the_union() -> None:
    assert needs_of([]) is Needs.NOTHING
    assert needs_of(select_rules(["TK101", "TK102", "TK103"])) is Needs.NOTHING
    assert needs_of(select_rules(["TK104"])) == (
        Needs.VERDICTS | Needs.OTHER_ACRONYMS | Needs.NEAR_MISSES
    )
    assert Needs.PARAGRAPH_LANGUAGES in needs_of(select_rules(["TK205", "TK101"]))


@pytest.mark.parametrize(("needs", "sees"), [(Needs.NEAR_MISSES, True), (Needs.NOTHING, False)])
def test_a_new_rule_needs_nothing_but_its_registration(
    termbase: Termbase, needs: Needs, sees: bool
) -> None:
    """A TK999 registered anywhere is selectable, and its analysis has what it declared."""
    seen: list[int] = []

    @rule("TK999", "test-only", Severity.INFO, "Counts near misses.", default=False, needs=needs)
    def count_near_misses(ctx: CheckContext) -> Iterator[Finding]:
        seen.append(len(ctx.near_misses))
        yield from ()

    try:
        text = "与会代表讨论了矿物和金属管理问题全球政府间会议。"  # GIMM's name, one word off
        check_text(text, termbase, "zh", settings=CheckSettings(select=("TK999",)))
        assert (seen[0] > 0) is sees
        assert "TK999" not in {r.code for r in select_rules()}  # off by default
    finally:
        del RULES["TK999"]
