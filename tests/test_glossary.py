"""``termkit glossary`` (issue 4): the acronyms documents use, with their full forms.

The bulletin sample's glossary must match the bulletin's own 术语表 (the ``glossary`` rows of
``../shared/reference/gimm-terms.tsv``); the rest are tables of texts and the entries expected.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.analysis.acronym_uses import find_acronym_uses
from termkit.check import CheckSettings
from termkit.cli import cli
from termkit.glossary import (
    GlossaryEntry,
    build_glossary,
    glossary_sort_key,
    glossary_text,
    main_language,
)
from termkit.model import Termbase
from termkit.render.glossary import glossary_to_markdown, print_glossary_text
from termkit.termbase import load_termbase

BULLETIN = "gimm-bulletin-zh-part1.txt"


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


def by_acronym(entries: list[GlossaryEntry]) -> dict[str, GlossaryEntry]:
    return {e.acronym: e for e in entries}


# --- the bulletin and its own glossary ---------------------------------------------------------------


def _bulletin_glossary(reference_dir: Path) -> dict[str, str]:
    """concept id → the preferred Chinese full form the bulletin's 术语表 gives it."""
    rows: dict[str, str] = {}
    with (reference_dir / "gimm-terms.tsv").open(encoding="utf-8") as stream:
        lines = [line for line in stream if not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        if (row["source"], row["lang"], row["status"], row["type"]) == (
            "glossary", "zh", "preferred", "full"
        ):
            rows[row["concept"]] = row["term"]
    return rows


def test_bulletin_glossary_matches_the_bulletins_own(
    termbase: Termbase, samples_dir: Path, reference_dir: Path
) -> None:
    result = CliRunner().invoke(
        cli, ["glossary", str(samples_dir / BULLETIN), "--lang", "zh", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    own = _bulletin_glossary(reference_dir)
    used = {e["concept"]: e for e in entries if e["concept"] in own}
    # The acronyms of the 术语表 that this part of the bulletin uses, each with its wording.
    assert set(used) == {
        "ASM", "GISTM", "GRULAC", "MEA", "NGO", "NPP", "OEWG", "SCP", "UNEA", "UNEP", "WEOG"
    }
    for concept, entry in used.items():
        assert entry["zh"] == own[concept], concept
        assert entry["in_termbase"] is True
    # Concepts of the 术语表 with no acronym used here (CBD, FPIC, ISA…) are not listed.
    assert not {e["concept"] for e in entries} & {"CBD", "FPIC", "ISA", "IGF", "ICMM", "OECD"}


def test_bulletin_glossary_entries(termbase: Termbase, samples_dir: Path) -> None:
    text = (samples_dir / BULLETIN).read_text(encoding="utf-8")
    entries = glossary_text(text, termbase, ["zh", "en"])
    assert [e.acronym for e in entries] == [
        "ASM", "EEG", "EPR", "GIMM", "GISTM", "GRULAC", "IEA", "IRP", "MEAs", "NGOs", "NPPs",
        "OEWG", "SCP", "UNEA", "UNEP", "WEOG",
    ]
    found = by_acronym(entries)
    # UNEA 5, UNEA 6 and UNEA count as UNEA; NPPs as NPP.
    assert (found["UNEA"].concept, found["UNEA"].count) == ("UNEA", 4)
    assert (found["NPPs"].concept, found["NPPs"].count) == ("NPP", 3)
    assert found["GIMM"].full_forms["en"] == (
        "Global Intergovernmental Meeting on the Environmental Aspects of Minerals and Metals "
        "Management"
    )
    assert all(e.in_termbase for e in entries)


def test_bulletin_main_language_is_chinese(samples_dir: Path) -> None:
    assert main_language([(samples_dir / BULLETIN).read_text(encoding="utf-8")]) == "zh"


# --- what is listed -------------------------------------------------------------------------------------

ENGLISH = """\
The Widget Acceleration Board (WAB) met with the OEWG. Delegates from NGOs and one NGO
spoke; the WAB agreed. ISAAC and UNEAFORUM are not acronyms of the termbase.
"""

FRENCH = """\
Le PNUE a présenté l'extraction minière artisanale et à petite échelle d'or (EMAPE); l'EMAPE
et l'ASGM restent des sujets, comme le Comité technique des sables (CTS).
"""


@pytest.mark.parametrize(
    ("text", "languages", "settings", "expected"),
    [
        (
            ENGLISH,
            ["en", "fr"],
            None,
            [
                # acronym, concept, full forms, in termbase, count
                ("NGO", "NGO", {"en": "non-governmental organization",
                                "fr": "organisation non gouvernementale"}, True, 2),
                ("OEWG", "OEWG", {"en": "open-ended working group",
                                  "fr": "groupe de travail à composition non limitée"}, True, 1),
                ("WAB", None, {"en": "Widget Acceleration Board", "fr": None}, False, 2),
            ],
        ),
        (
            FRENCH,
            ["fr"],
            CheckSettings(lang="fr"),
            [
                # ASGM (English, in French text) and EMAPE are two acronyms to a reader.
                ("ASGM", "ASGM", {"fr": "extraction minière artisanale et à petite échelle d'or"},
                 True, 1),
                ("CTS", None, {"fr": "Comité technique des sables"}, False, 1),
                # The document's definition resolves the homonym EMAPE (ASGM or ASM).
                ("EMAPE", "ASGM", {"fr": "extraction minière artisanale et à petite échelle d'or"},
                 True, 2),
                ("PNUE", "UNEP", {"fr": "Programme des Nations Unies pour l'environnement"},
                 True, 1),
            ],
        ),
        (
            "该区域支持GIMM产出的提案；全球沙观测站（GSO）。",
            ["zh", "en"],
            None,
            [
                ("GIMM", "GIMM", {"zh": "矿物和金属管理所涉环境问题全球政府间会议",
                                  "en": "Global Intergovernmental Meeting on the Environmental "
                                  "Aspects of Minerals and Metals Management"}, True, 1),
                ("GSO", None, {"zh": "全球沙观测站", "en": None}, False, 1),
            ],
        ),
    ],
)
def test_glossary_entries(
    termbase: Termbase,
    text: str,
    languages: list[str],
    settings: CheckSettings | None,
    expected: list[tuple[str, str | None, dict[str, str | None], bool, int]],
) -> None:
    entries = glossary_text(text, termbase, languages, settings=settings)
    assert [
        (e.acronym, e.concept, dict(e.full_forms), e.in_termbase, e.count) for e in entries
    ] == expected


def test_unresolved_homonym_lists_both_concepts(termbase: Termbase) -> None:
    (entry,) = glossary_text("L'EMAPE pollue.", termbase, ["fr"], settings=CheckSettings(lang="fr"))
    assert entry.concept is None
    # the concept whose preferred acronym it is first
    assert entry.candidates == ("ASM", "ASGM")
    assert entry.full_forms["fr"] == (
        "exploitation minière artisanale et à petite échelle / "
        "extraction minière artisanale et à petite échelle d'or"
    )
    (chosen,) = glossary_text(
        "L'EMAPE pollue.", termbase, ["fr"], settings=CheckSettings(lang="fr"),
        prefer={"EMAPE": "ASM"},
    )
    assert (chosen.concept, chosen.candidates) == ("ASM", ())


def test_several_documents_make_one_glossary(termbase: Termbase) -> None:
    documents = [
        find_acronym_uses("The OEWG met. NGOs spoke.", termbase),
        find_acronym_uses("The OEWG met again, and the GEF paid.", termbase),
        find_acronym_uses("The Widget Board (WB) met. The WB met.", termbase),
        find_acronym_uses("The WB met again.", termbase),
    ]
    entries = build_glossary(documents, termbase, ["en"])
    assert [(e.acronym, e.count) for e in entries] == [
        ("GEF", 1), ("NGOs", 1), ("OEWG", 2), ("WB", 2)
    ]


def test_a_homonym_resolved_in_one_document_is_resolved_in_all(termbase: Termbase) -> None:
    from termkit.check import CheckSettings

    french = CheckSettings(lang="fr")
    unresolved = find_acronym_uses("L'EMAPE pollue.", termbase, french)
    asgm = find_acronym_uses(
        "L'extraction minière artisanale et à petite échelle d'or (EMAPE) progresse.",
        termbase, french,
    )  # fmt: skip
    asm = find_acronym_uses(
        "L'exploitation minière artisanale et à petite échelle (EMAPE) progresse.",
        termbase, french,
    )  # fmt: skip
    entries = build_glossary([unresolved, asgm], termbase, ["fr"])
    assert [(e.acronym, e.concept, e.count) for e in entries] == [("EMAPE", "ASGM", 2)]
    # two documents that resolve it two ways leave the third unresolved
    entries = build_glossary([unresolved, asgm, asm], termbase, ["fr"])
    assert sorted((e.concept or "?", e.count) for e in entries) == [
        ("?", 1), ("ASGM", 1), ("ASM", 1)
    ]


@pytest.mark.parametrize(
    ("acronyms", "ordered"),
    [
        (["UNEP", "2030A", "asgm", "GEF", "10YFP", "Cop"], ["10YFP", "2030A", "asgm", "Cop", "GEF", "UNEP"]),
        (["iso", "ISA", "IPLCs"], ["IPLCs", "ISA", "iso"]),
    ],
)
def test_sorted_as_glossaries_are(acronyms: list[str], ordered: list[str]) -> None:
    assert sorted(acronyms, key=glossary_sort_key) == ordered


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["联合国环境规划署（UNEP）引用的预测"], "zh"),
        (["The OEWG met.", "联合国"], "en"),
        (["Le PNUE."], "en"),
    ],
)
def test_main_language(texts: list[str], expected: str) -> None:
    assert main_language(texts) == expected


# --- formats -----------------------------------------------------------------------------------------


def invoke(tmp_path: Path, text: str, *args: str, name: str = "doc.txt") -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", str(path), *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_format(tmp_path: Path) -> None:
    text = "建立一个不限成员名额的工作组（OEWG）。"
    code, out, _ = invoke(tmp_path, text, "--with", "en", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {
            "acronym": "OEWG",
            "concept": "OEWG",
            "zh": "不限成员名额的工作组",
            "en": "open-ended working group",
            "in_termbase": True,
            "count": 1,
        }
    ]


def test_csv_format(tmp_path: Path) -> None:
    code, out, _ = invoke(tmp_path, ENGLISH, "--with", "fr", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["acronym", "concept", "en", "fr", "in_termbase", "count"]
    assert rows[-1] == ["WAB", "", "Widget Acceleration Board", "", "false", "2"]


def test_markdown_format_pastes_into_a_bulletin(tmp_path: Path) -> None:
    code, out, _ = invoke(
        tmp_path, "建立一个不限成员名额的工作组（OEWG）；GIMM。", "--with", "en", "--format", "markdown"
    )
    assert code == 0
    assert out.splitlines() == [
        "| 缩写 | 中文 | 英语 |",
        "| --- | --- | --- |",
        "| GIMM | 矿物和金属管理所涉环境问题全球政府间会议 | Global Intergovernmental Meeting on the "
        "Environmental Aspects of Minerals and Metals Management |",
        "| OEWG | 不限成员名额的工作组 | open-ended working group |",
    ]


def test_markdown_cells_cannot_break_the_table() -> None:
    entry = GlossaryEntry("A|B", None, {"en": "x | y"}, False, 1)
    assert glossary_to_markdown([entry], ["en"]).splitlines()[-1] == "| A\\|B | x \\| y |"


def test_text_format_in_a_pipe_is_plain_aligned_columns(tmp_path: Path) -> None:
    code, out, _ = invoke(tmp_path, "不限成员名额的工作组（OEWG）和全球沙观测站（GSO）。", "--with", "en")
    assert code == 0
    assert out.splitlines() == [
        "acronym  Chinese               English                   count  note",
        "GSO      全球沙观测站                                    1      not in termbase",
        "OEWG     不限成员名额的工作组  open-ended working group  1",
    ]


def test_text_format_on_a_terminal_is_a_rich_table(
    termbase: Termbase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    stream = io.StringIO()
    entries = glossary_text("The OEWG met.", termbase, ["en"])
    print_glossary_text(entries, ["en"], stream)
    assert "\x1b[" in stream.getvalue() and "open-ended working group" in stream.getvalue()


# --- the command line -------------------------------------------------------------------------------


def test_cli_french_glossary_with_a_homonym(tmp_path: Path) -> None:
    code, out, err = invoke(tmp_path, "L'EMAPE pollue. Le PNUE agit.", "--lang", "fr")
    assert code == 0
    assert "EMAPE names ASM or ASGM" in err
    assert out.splitlines()[1].startswith("EMAPE")
    assert "homonym: ASM / ASGM" in out


def test_cli_french_document_gives_a_french_glossary(tmp_path: Path) -> None:
    code, out, _ = invoke(tmp_path, "Le PNUE et les délégués ont parlé de l'EMAPE.")
    assert code == 0
    assert out.splitlines()[0].split()[:2] == ["acronym", "French"]
    # an acronym French borrows from English (GISTM has no French one) is listed, with its
    # French name
    code, out, _ = invoke(tmp_path, "Les délégués ont parlé de la GISTM et du PNUE.")
    assert "GISTM    Norme industrielle mondiale pour la gestion des résidus miniers" in out


def test_cli_folders_and_several_files(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("The OEWG met. `UNEP` is code.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The OEWG and the GEF.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    # UNEP in Markdown code is not a use.
    assert [(r[0], r[-1]) for r in rows[1:]] == [("GEF", "1"), ("OEWG", "2")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "de"], "no language 'de'"),
        (["--with", "en,xx-nope"], "--with"),
        (["--lang", "fr", "--termbase", "missing.toml"], "missing.toml"),
    ],
)
def test_cli_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    code, _, err = invoke(tmp_path, "The OEWG met.", *args)
    assert code == 2
    assert message in err
    assert err.startswith("termkit: error:") and "Traceback" not in err


def test_cli_missing_file_exits_2() -> None:
    result = CliRunner().invoke(cli, ["glossary", "/no/such/file.txt"])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_cli_no_acronyms(tmp_path: Path) -> None:
    code, out, err = invoke(tmp_path, "Nothing to see here.")
    assert (code, out) == (0, "")
    assert "No acronyms found." in err


def test_lang_takes_one_language() -> None:
    from click.testing import CliRunner

    from termkit.cli import cli

    result = CliRunner().invoke(cli, ["glossary", "-", "--lang", "zh,en"], input="OEWG\n")
    assert result.exit_code == 2
    assert "--lang takes one language, not 'zh,en'" in result.output
