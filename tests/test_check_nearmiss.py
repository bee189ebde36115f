"""TK104 on spans that no acronym introduces: variants of long terms that the termbase lacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from termkit.check import check_text
from termkit.matcher import _specialises
from termkit.model import Termbase
from termkit.termbase import load_termbase


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


def near_misses(text: str, termbase: Termbase, lang: str) -> list[tuple[str, str]]:
    return [
        (f.found, f.expected or "")
        for f in check_text(text, termbase, lang=lang, settings=None)
        if f.code == "TK104"
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # A dropped phrase (the sample, lines 35-37): a variant of GIMM's name.
        (
            "以跟进矿物和金属管理问题全球政府间会议提出的各项提案。",
            "zh",
            [("矿物和金属管理问题全球政府间会议", "矿物和金属管理所涉环境问题全球政府间会议")],
        ),
        # A substituted word in English.
        (
            "The Global Intergovernmental Meeting on the Environmental Aspects of Mineral and "
            "Metals Management met in Geneva.",
            "en",
            [
                (
                    "Global Intergovernmental Meeting on the Environmental Aspects of Mineral "
                    "and Metals Management",
                    "Global Intergovernmental Meeting on the Environmental Aspects of Minerals "
                    "and Metals Management",
                )
            ],
        ),
        # The exact terms are no near miss.
        ("矿物和金属管理所涉环境问题全球政府间会议于日内瓦举行。", "zh", []),
        # A modifier inserted names another thing: a technical working group (sample, line 147).
        ("建立一个不限成员名额的技术工作组，以继续这一领域的工作。", "zh", []),
        # Short terms vary too little to tell a variant from another word.
        ("国际能源所发布了报告。", "zh", []),
    ],
)
def test_span_near_misses(
    termbase: Termbase, text: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    assert near_misses(text, termbase, lang) == expected


def test_span_near_miss_is_located_across_a_pdf_line_break(termbase: Termbase) -> None:
    text = "以跟进矿物和金属管理问题全球政\n府间会议提出的各项提案。"
    (finding,) = [f for f in check_text(text, termbase, lang="zh") if f.code == "TK104"]
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 4, 2, 5)
    assert finding.found == "矿物和金属管理问题全球政府间会议"


def test_definition_near_miss_is_not_reported_twice(termbase: Termbase) -> None:
    findings = check_text("国际采矿及金属理事会（ICMM）发言。", termbase, lang="zh")
    assert [(f.code, f.found) for f in findings] == [("TK104", "国际采矿及金属理事会")]


@pytest.mark.parametrize(
    ("found", "term", "specialises"),
    [
        ("不限成员名额的技术工作组", "不限成员名额的工作组", True),
        ("矿产和金属管理所涉环境问题的全球政府间会议", "矿产和金属管理所涉环境问题全球政府间会议", False),
        ("矿物和金属管理问题全球政府间会议", "矿物和金属管理所涉环境问题全球政府间会议", False),
        ("open-ended technical working group", "open-ended working group", True),
        ("open-ended workin group", "open-ended working group", False),
    ],
)
def test_inserted_modifiers_are_not_variants(found: str, term: str, specialises: bool) -> None:
    assert _specialises(found, term) is specialises


def test_a_long_form_closest_to_a_deprecated_term_is_offered_the_preferred_one(
    termbase: Termbase,
) -> None:
    # EITI's deprecated "Extraction Industries…" is the closest term; proposing it would lead
    # the editor from one misnaming to another.
    findings = [
        f
        for f in check_text(
            "The Extraction Industry Transparency Initiative (EITI) met.",
            termbase, lang="en", settings=None,
        )
        if f.code == "TK104"
    ]
    assert [(f.found, f.expected) for f in findings] == [
        (
            "Extraction Industry Transparency Initiative",
            "Extractive Industries Transparency Initiative",
        )
    ]
    assert findings[0].message.endswith(
        "use 'Extractive Industries Transparency Initiative'; it resembles the deprecated "
        "'Extraction Industries Transparency Initiative' (95% similar)"
    )


@pytest.mark.parametrize(
    ("text", "lang", "expected", "closest"),
    [
        # closest to an admitted form: the preferred one is proposed first, the admitted named
        ("矿产和金属管理所涉环境问题的全球政府间会议（GIMM）举行。", "zh",
         "矿物和金属管理所涉环境问题全球政府间会议", "矿产和金属管理所涉环境问题全球政府间会议"),
        ("The artisanal and small scale gold minning (ASGM) sector.", "en",
         "artisanal and small-scale gold mining", "artisanal and small scale gold mining"),
        ("La responsabilité élargie des producteur (REP) s'applique.", "fr",
         "responsabilité élargie du producteur", "responsabilité élargie des producteurs"),
        # closest to the preferred one: only it is named
        ("国际采矿及金属理事会（ICMM）", "zh", "国际采矿与金属理事会", None),
    ],
)
def test_a_suggestion_names_the_preferred_term_first(
    termbase: Termbase, text: str, lang: str, expected: str, closest: str | None
) -> None:
    findings = [f for f in check_text(text, termbase, lang=lang, settings=None)
                if f.code == "TK104"]
    assert [f.expected for f in findings] == [expected]
    message = findings[0].message
    assert f"did you mean {expected!r}" in message
    if closest is None:
        assert "closest" not in message
    else:
        assert f"(closest: the admitted {closest!r}" in message


def test_a_text_without_a_near_miss_to_score_does_not_load_rapidfuzz() -> None:
    """rapidfuzz loads when a near miss is first scored (6 ms of a pre-commit run), and then
    only: a clean draft needs none of it (issue 17: small runs)."""
    probe = (
        "import sys\n"
        "from termkit.check import check_text\n"
        "from termkit.termbase import load_termbase\n"
        "termbase = load_termbase(cache=False)\n"
        "check_text('UNEP and UNEA met. 联合国环境规划署开会。', termbase)\n"
        "print('rapidfuzz' in sys.modules)\n"
        "check_text('矿物和金属管理问题全球政府间会议开会。', termbase)\n"
        "print('rapidfuzz' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "True"]
