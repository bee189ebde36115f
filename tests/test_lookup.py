"""``termkit lookup``: the library ranking and the command, on the shipped termbase."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.cli import cli
from termkit.lookup import MatchKind, lookup
from termkit.model import Termbase
from termkit.termbase import load_termbase


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["lookup", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("query", "first", "kind"),
    [
        ("OEWG", "OEWG", MatchKind.ACRONYM),
        ("oewg", "OEWG", MatchKind.ACRONYM),
        ("NGOs", "NGO", MatchKind.ACRONYM),
        ("SDG", "SDG", MatchKind.ACRONYM),  # the termbase lists the plural SDGs
        ("IPLC", "IPLC", MatchKind.ACRONYM),
        ("CEE-ONU", "UNECE", MatchKind.ACRONYM),
        ("open-ended working group", "OEWG", MatchKind.EXACT),
        ("Open Ended Working Group", "OEWG", MatchKind.EXACT),  # case and hyphens folded
        ("不限成员名额的工作组", "OEWG", MatchKind.EXACT),
        ("Assemblée des Nations Unies", "UNEA", MatchKind.PREFIX),
        ("联合国环境大", "UNEA", MatchKind.PREFIX),
        ("尾矿", "GISTM", MatchKind.SUBSTRING),
        ("Tailings", "GISTM", MatchKind.SUBSTRING),
        ("open ended workgroup", "OEWG", MatchKind.FUZZY),
        ("artisanal small scale gold", "ASGM", MatchKind.FUZZY),
        ("Minamta Convention", "MINAMATA", MatchKind.FUZZY),
        ("Inter-American Developmnt Bank", "IDB", MatchKind.FUZZY),
    ],
)
def test_ranking_puts_the_expected_concept_first(
    termbase: Termbase, query: str, first: str, kind: MatchKind
) -> None:
    hits = lookup(termbase, query)
    assert hits, f"nothing found for {query!r}"
    assert (hits[0].concept.id, hits[0].kind) == (first, kind)


def test_homonym_acronym_finds_both_concepts(termbase: Termbase) -> None:
    hits = lookup(termbase, "EMAPE")
    assert [(h.concept.id, h.kind) for h in hits[:2]] == [
        ("ASGM", MatchKind.ACRONYM),
        ("ASM", MatchKind.ACRONYM),
    ]


def test_ranking_order_is_acronym_exact_prefix_substring_fuzzy(termbase: Termbase) -> None:
    hits = lookup(termbase, "UNEP")
    ranks = [h.kind.rank for h in hits]
    assert ranks == sorted(ranks)
    assert hits[0].concept.id == "UNEP"


def test_fuzzy_hits_carry_a_score_below_100(termbase: Termbase) -> None:
    hit = lookup(termbase, "open ended workgroup")[0]
    assert hit.kind is MatchKind.FUZZY
    assert 72 <= hit.score < 100


def test_limit(termbase: Termbase) -> None:
    assert len(lookup(termbase, "United Nations", limit=2)) == 2
    assert len(lookup(termbase, "United Nations")) > 2


# --- the command ----------------------------------------------------------------------------------


def test_acceptance_oewg_shows_all_three_languages() -> None:
    code, out, _ = run("OEWG")
    assert code == 0
    for text in ("open-ended working group", "groupe de travail à composition non limitée",
                 "不限成员名额的工作组"):
        assert text in out


def test_acceptance_emape_shows_asgm_and_asm() -> None:
    code, out, _ = run("EMAPE")
    assert code == 0
    assert out.index("ASGM") < out.index("ASM  ")


def test_acceptance_chinese_substring_and_fuzzy_english() -> None:
    assert "GISTM" in run("尾矿")[1]
    out = run("artisanal small scale gold")[1]
    assert out.startswith("ASGM")
    assert "fuzzy" in out.splitlines()[0] and "%" in out.splitlines()[0]


def test_text_marks_type_status_and_deprecated_terms() -> None:
    code, out, _ = run("MEA")
    assert code == 0
    assert "多边环境协定  (full, preferred)" in out
    assert "✗ 多边环境协议  (full, DEPRECATED)" in out
    assert "MEAs  (acronym, admitted)" in out


def test_no_colour_in_pipes_and_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" not in run("OEWG")[1]
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("OEWG")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("OEWG")[1]


def test_lang_limits_languages_shown() -> None:
    out = run("OEWG", "--lang", "zh")[1]
    assert "不限成员名额的工作组" in out
    assert "groupe de travail" not in out
    assert "open-ended working group" not in out


def test_lang_accepts_regional_tags_and_rejects_unknown_ones() -> None:
    assert "groupe de travail" in run("OEWG", "--lang", "fr-CA")[1]
    code, _, err = run("OEWG", "--lang", "xx")
    assert code == 2
    assert "unknown language tag 'xx'" in err


def test_json_output_is_documented_shape() -> None:
    code, out, _ = run("FPIC", "--format", "json", "--lang", "zh,en")
    assert code == 0
    data = json.loads(out)
    first = data[0]
    assert first["concept"] == "FPIC"
    assert first["score"] == 100
    assert first["match"] == {"kind": "acronym", "term": "FPIC", "lang": "en"}
    assert set(first["terms"]) == {"zh", "en"}
    zh = {t["term"]: t for t in first["terms"]["zh"]}
    assert zh["自由、事前和知情同意"]["status"] == "preferred"
    assert zh["自由、事先和知情同意"]["status"] == "admitted"
    assert zh["FPIC"] == {
        "term": "FPIC", "type": "acronym", "status": "preferred", "source": "UN",
        "borrowed_from": "en",
    }
    assert first["definition"]["en"]


def test_limit_option() -> None:
    data = json.loads(run("United Nations", "--format", "json", "--limit", "1")[1])
    assert len(data) == 1


def test_no_match_exits_1() -> None:
    code, out, err = run("qqqq")
    assert code == 1
    assert out == ""
    assert "no concept matches 'qqqq'" in err


def test_no_match_suggests_near_terms() -> None:
    code, _, err = run("Minamata Konvenzion über Quecksilber")
    assert code == 1
    assert "did you mean Minamata Convention on Mercury (MINAMATA)" in err


def test_list_shows_every_concept(termbase: Termbase) -> None:
    code, out, _ = run("--list")
    assert code == 0
    for concept in termbase:
        assert concept.id in out
    assert "不限成员名额的工作组" in out


def _list_rows(*options: str) -> dict[str, list[str]]:
    """``lookup --list``'s table (ASCII off a terminal) as concept id -> the other cells."""
    rows: dict[str, list[str]] = {}
    for line in run("--list", *options)[1].splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) > 2 and cells[0] not in ("concept", "") and not cells[0].startswith("-"):
            rows[cells[0]] = cells[1:]
    return rows


@pytest.mark.parametrize(
    ("lang", "concept", "acronym"),
    [
        ("fr", "GEF", "FEM"),  # French has its own: not the English GEF
        ("fr", "ASGM", "EMAPE"),
        ("fr", "GISTM", "GISTM (en)"),  # none in French: the one French text borrows, marked
        ("en", "ASGM", "ASGM"),
        ("zh", "UNEP", "UNEP"),  # Chinese writes the English acronyms
        ("en,fr", "GEF", "GEF, FEM"),
    ],
)
def test_list_shows_each_language_s_own_acronym(lang: str, concept: str, acronym: str) -> None:
    assert _list_rows("--lang", lang)[concept][0] == acronym


def test_list_json(termbase: Termbase) -> None:
    data = json.loads(run("--list", "--format", "json")[1])
    assert len(data) == len(termbase)


def test_missing_query_is_a_usage_error() -> None:
    code, _, err = run()
    assert code == 2
    assert "give a QUERY" in err


def test_extra_termbase_and_no_default(tmp_path: Path) -> None:
    extra = tmp_path / "bbnj.toml"
    extra.write_text(
        '[termbase]\nlanguages = ["en"]\n[concept.BBNJ.en]\n'
        'full = "biodiversity beyond national jurisdiction"\nacronym = "BBNJ"\n',
        encoding="utf-8",
    )
    assert "biodiversity beyond national jurisdiction" in run("BBNJ", "-t", str(extra))[1]
    assert run("OEWG", "-t", str(extra), "--no-default-termbase")[0] == 1
    code, _, err = run("OEWG", "-t", str(tmp_path / "missing.toml"))
    assert code == 2
    assert "missing.toml" in err and "cannot read termbase" in err
