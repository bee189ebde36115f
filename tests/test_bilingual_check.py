"""Translation QA (issue 14): a translation checked against its source, segment by segment, in
bilingual files (XLIFF 1.2 and 2.x, TMX, PO, TSV/CSV) and parallel documents.

The development pair in ../shared/samples is real: the Chinese of the bulletin and an English source
written for it, in five forms, with what a reviser must and must not be told
(gimm-bulletin-en-zh-part1-expected.md). The fixtures in tests/fixtures/bilingual cover what the pair
does not: XLIFF 2, sdlxliff-style segments, PO, CSV, a French source, CRLF and a BOM, inline markup
inside a term."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.bilingual.check import check_bilingual_file, check_pair, check_units
from termkit.bilingual.parallel import align_lengths
from termkit.bilingual.xml import read_xml
from termkit.check import CheckSettings
from termkit.cli import cli
from termkit.errors import InputError
from termkit.findings import Finding, Severity
from termkit.model import Termbase
from termkit.termbase import load_termbase
from termkit.text.lines import LineIndex

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bilingual"
PAIR = "gimm-bulletin-en-zh-part1"


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


def _at_found(path: Path, finding: Finding) -> str:
    """The file's text where the finding says it is, as long as its found text."""
    data = path.read_bytes().decode("utf-8-sig")
    offset = LineIndex(data).offset(finding.line, finding.column)
    return data[offset : offset + len(finding.found)]


# -- the development pair --------------------------------------------------------------------

# What gimm-bulletin-en-zh-part1-expected.md says must be reported (segment, concept), each at
# warning level or above, by one of the codes it allows; and the document finding (#7).
MUST = {
    ("s005", "UNEA"): {"TK201", "TK302"},
    ("s006", "GIMM"): {"TK301", "TK104"},
    ("s008", "GIMM"): {"TK301", "TK104"},
    ("s008", "MEA"): {"TK101"},
    ("s026", "WEOG"): {"TK104"},
    ("s028", "WEOG"): {"TK301"},
    ("s009", "GIMM"): {"TK103"},  # #7: anchored at s009 (or s020)
}


def _pair_findings(samples: Path, suffix: str, termbase: Termbase) -> list[Finding]:
    if suffix == "md":
        result = CliRunner().invoke(cli, [
            "check", str(samples / "gimm-bulletin-part1.zh.md"),
            "--source", str(samples / "gimm-bulletin-part1.en.md"), "--format", "json",
        ])
        assert result.exit_code == 1, result.output
        rows = json.loads(result.stdout)
        # parallel documents name segments by paragraph: the nth is s00n of the other forms
        return [
            Finding(r["path"], r["line"], r["column"], r["end_line"], r["end_column"], r["code"],
                    r["rule"], Severity(r["severity"]), r["message"], r["found"], r["concept"],
                    segment=f"s{int(r['segment'][1:]):03d}")
            for r in rows
        ]
    path = samples / f"{PAIR}.{suffix}"
    _, checked = check_bilingual_file(path.read_bytes(), str(path), termbase)
    assert (checked.checked, checked.skipped) == (33, 0)
    return checked.findings


@pytest.mark.parametrize("suffix", ["xlf", "tmx", "tsv", "md"])
def test_the_development_pair_reports_what_a_reviser_must_be_told(
    samples_dir: Path, termbase: Termbase, suffix: str
) -> None:
    findings = [f for f in _pair_findings(samples_dir, suffix, termbase)
                if f.severity is not Severity.INFO]
    reported = {(f.segment, f.concept): f.code for f in findings}
    for key, codes in MUST.items():
        assert reported.get(key) in codes, (key, reported.get(key))
    # nothing above info anywhere else ("must not report"), and one finding per place
    assert set(reported) == set(MUST)
    assert len(findings) == len(MUST)


def test_the_four_forms_give_the_same_findings(samples_dir: Path, termbase: Termbase) -> None:
    forms = {
        suffix: sorted((f.segment, f.code, f.concept)
                       for f in _pair_findings(samples_dir, suffix, termbase))
        for suffix in ("xlf", "tmx", "tsv", "md")
    }
    assert forms["xlf"] == forms["tmx"] == forms["tsv"] == forms["md"]


@pytest.mark.parametrize("suffix", ["xlf", "tmx", "tsv"])
def test_findings_point_at_the_target_text_in_the_file(
    samples_dir: Path, termbase: Termbase, suffix: str
) -> None:
    path = samples_dir / f"{PAIR}.{suffix}"
    findings = _pair_findings(samples_dir, suffix, termbase)
    assert findings
    for finding in findings:
        assert _at_found(path, finding) == finding.found
        assert finding.source is not None and finding.source.path == str(path)
    wrong = next(f for f in findings if f.segment == "s028")
    assert wrong.source is not None and wrong.source.found == "WEOG"
    assert "the Asia-Pacific and WEOG consultations" in wrong.source.text


def test_the_units_read_are_those_translate_toolkit_reads(samples_dir: Path) -> None:
    """The XLIFF and TMX readers agree with translate-toolkit, which wrote the files."""
    from translate.storage import tmx, xliff

    for suffix, storage in (("xlf", xliff.xlifffile), ("tmx", tmx.tmxfile)):
        path = samples_dir / f"{PAIR}.{suffix}"
        ours = read_xml(path.read_bytes(), str(path))
        store = storage.parsefile(str(path))  # type: ignore[no-untyped-call]
        theirs = [u for u in store.units if not u.isheader()]
        assert [(u.source.text, u.target.text if u.target else None) for u in ours.units] == [
            (str(u.source), str(u.target)) for u in theirs
        ]
        assert (ours.source_lang, ours.target_lang) == ("en", "zh-CN")


# -- the fixtures: every format, inline markup, CRLF, BOM, French ----------------------------


@pytest.mark.parametrize(
    ("name", "expected", "counts"),
    [
        # XLIFF 2: the term split by <pc> and <ph/>; a unit's segments; &amp;; untranslated and
        # translate="no" units
        ("draft.xlf", [("u1/1", "TK101", "MEA"), ("u1/2", "TK201", "UNEA"),
                       ("u2", "TK301", "OEWG")], (3, 1)),
        # sdlxliff-style XLIFF 1.2, CRLF: <mrk mtype="seg"> sub-segments, <g> inside the term,
        # state="new" skipped
        ("draft-crlf.sdlxliff", [("7/2", "TK104", "GIMM")], (2, 1)),
        # TMX with a BOM, French source; <bpt>/<ept> inside 非政府组织
        ("bom.tmx", [("t1", "TK201", "UNEP")], (2, 0)),
        # PO: fuzzy checked, untranslated skipped, msgctxt, escapes and continued strings
        ("draft.po", [("Secretariats of multilateral environmental agreements", "TK101", "MEA"),
                      ('The "GIMM" met.', "TK104", "GIMM")], (3, 1)),
        # CSV with quoting and CRLF, French source, a column to leave out
        ("draft.csv", [("2", "TK301", "OEWG")], (2, 0)),
    ],
)
def test_each_format_is_read_and_located(
    termbase: Termbase, name: str, expected: list[tuple[str, str, str]], counts: tuple[int, int]
) -> None:
    path = FIXTURES / name
    _, checked = check_bilingual_file(path.read_bytes(), str(path), termbase)
    assert [(f.segment, f.code, f.concept) for f in checked.findings] == expected
    assert (checked.checked, checked.skipped) == counts
    for finding in checked.findings:
        if "\n" not in finding.found:
            # where the found text starts in the file (markup inside it makes the file's longer)
            assert _at_found(path, finding)[:1] == finding.found[:1], finding


def test_a_term_split_by_inline_markup_is_one_term(termbase: Termbase) -> None:
    path = FIXTURES / "draft.xlf"
    _, checked = check_bilingual_file(path.read_bytes(), str(path), termbase)
    first = checked.findings[0]
    text = path.read_text(encoding="utf-8")
    start = LineIndex(text).offset(first.line, first.column)
    end = LineIndex(text).offset(first.end_line, first.end_column)
    assert text[start:end] == '多边环境</pc><ph id="2"/>协议'
    assert first.found == "多边环境协议"


def test_the_bom_and_crlf_do_not_shift_columns(termbase: Termbase) -> None:
    for name, line, column in (("bom.tmx", 7, 34), ("draft-crlf.sdlxliff", 8, 85)):
        path = FIXTURES / name
        _, checked = check_bilingual_file(path.read_bytes(), str(path), termbase)
        first = checked.findings[0]
        assert (first.line, first.column) == (line, column)
        assert _at_found(path, first)[:7] == first.found[:7]  # (a <g> inside the GIMM one)


# -- noise that must not be reported ---------------------------------------------------------

CLEAN = [
    # a short term inside a longer one of another concept (leftmost-longest on both sides)
    ("en", "zh", "The open-ended working group (OEWG) met.", "不限成员名额的工作组（OEWG）举行了会议。"),
    # named twice in the source, once in the target
    ("en", "zh", "UNEP spoke, and UNEP listened.", "联合国环境规划署发言并听取了意见。"),
    # an admitted synonym, and a borrowed acronym
    ("en", "zh", "UNEP and the GIMM met.", "环境署与GIMM举行了会议。"),
    # plurals
    ("en", "zh", "NGOs and MEAs attended.", "非政府组织和多边环境协定出席了会议。"),
    # numbered sessions, either way
    ("en", "zh", "UNEA-6 will meet.", "联合国环境大会第六届会议将举行。"),
    ("en", "zh", "UNEA-6 will meet.", "UNEA-6将举行。"),
    ("zh", "en", "联合国环境大会第六届会议将举行。", "The sixth session of UNEA will meet."),
    # French elision and the French acronym; Chinese to French
    ("fr", "zh", "Le rapport de l'EMAPE est paru.", "手工和小规模采金业报告已发布。"),
    ("zh", "fr", "联合国环境规划署发言。", "Le PNUE a pris la parole."),
    # an explanation the translator added: a target concept the source does not name
    ("en", "zh", "The meeting closed.", "矿物和金属管理所涉环境问题全球政府间会议闭幕。"),
]


@pytest.mark.parametrize(("source_lang", "target_lang", "source", "target"), CLEAN)
def test_no_noise(
    termbase: Termbase, source_lang: str, target_lang: str, source: str, target: str
) -> None:
    findings = check_pair(
        source, target, termbase, source_lang=source_lang, target_lang=target_lang,
        settings=CheckSettings(select=("TK301", "TK302")),
    )
    assert findings == []


def test_a_concept_without_a_term_in_the_target_language_is_not_expected(
    termbase: Termbase,
) -> None:
    from dataclasses import replace

    from termkit.model import Termbase as Base

    concept = termbase["OEWG"]
    english_only = replace(concept, terms=tuple(t for t in concept.terms if t.lang == "en"))
    small = Base("en-only", termbase.languages, {"OEWG": english_only})
    assert check_pair("The OEWG met.", "工作组开会了。", small, source_lang="en",
                      target_lang="zh") == []
    assert [f.code for f in check_pair("The OEWG met.", "工作组开会了。", termbase,
                                       source_lang="en", target_lang="zh")] == ["TK301"]


def test_wrong_concept_is_one_finding_with_the_other_name(termbase: Termbase) -> None:
    findings = check_pair(
        "UNEP published the report.", "联合国环境大会发布了报告。", termbase,
        source_lang="en", target_lang="zh",
    )
    assert [(f.code, f.found, f.concept) for f in findings] == [
        ("TK302", "联合国环境大会", "UNEP")
    ]
    assert "the name of UNEA" in findings[0].message
    assert findings[0].expected == "联合国环境规划署"
    # without TK302, the same is a term not rendered
    only = check_pair(
        "UNEP published the report.", "联合国环境大会发布了报告。", termbase,
        source_lang="en", target_lang="zh", settings=CheckSettings(select=("TK301",)),
    )
    assert [f.code for f in only] == ["TK301"]


def test_a_near_miss_is_quoted(termbase: Termbase) -> None:
    findings = check_pair(
        "The GIMM closed.", "矿物和金属管理问题全球政府间会议闭幕。", termbase,
        source_lang="en", target_lang="zh", settings=CheckSettings(select=("TK301",)),
    )
    assert [(f.code, f.found) for f in findings] == [("TK301", "矿物和金属管理问题全球政府间会议")]
    assert "is not a term of GIMM; expected '矿物和金属管理所涉环境问题全球政府间会议'" in findings[0].message


def test_acronym_form_is_off_by_default_and_fires_when_selected(termbase: Termbase) -> None:
    args = ("The GIMM met.", "矿物和金属管理所涉环境问题全球政府间会议举行了会议。", termbase)
    assert check_pair(*args, source_lang="en", target_lang="zh") == []
    selected = check_pair(*args, source_lang="en", target_lang="zh",
                          settings=CheckSettings(select=("TK303",)))
    assert [f.code for f in selected] == ["TK303"]
    assert selected[0].severity is Severity.INFO


def test_check_units_takes_plain_tuples(termbase: Termbase) -> None:
    checked = check_units(
        [("a", "UNEP spoke.", "联合国环境规划署发言。"), ("b", "NGOs met.", None),
         ("c", "The OEWG met.", "工作组开会了。")],
        termbase, source_lang="en", target_lang="zh",
    )
    assert (checked.checked, checked.skipped, checked.with_findings) == (2, 1, 1)
    assert [(f.segment, f.code) for f in checked.findings] == [("c", "TK301")]


# -- parallel documents ----------------------------------------------------------------------


def test_paragraphs_are_aligned_by_length() -> None:
    # a target that merged the second and third paragraphs (Chinese: about a third as long)
    beads = align_lengths([300, 120, 140, 90, 200, 310], [100, 85, 30, 70, 105])
    assert [(b.source, b.target) for b in beads] == [
        ((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), (3,)), ((5,), (4,)),
    ]
    # as many paragraphs on each side, but one left out and another split: not one to one
    beads = align_lengths([600, 300, 400, 200, 900], [200, 230, 70, 150, 150])
    assert [(b.source, b.target) for b in beads] == [
        ((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), (3, 4)),
    ]
    assert all(b.one_to_one for b in align_lengths([600, 300, 400, 200], [200, 100, 130, 70]))
    assert [(b.source, b.target) for b in align_lengths([10], [])] == [((0,), ())]


def test_a_dropped_paragraph_is_aligned_around_and_reported(
    termbase: Termbase, tmp_path: Path
) -> None:
    source = tmp_path / "draft.en.md"
    target = tmp_path / "draft.zh.md"
    source.write_text(
        "The United Nations Environment Programme (UNEP) convened the meeting of many "
        "delegations from every region of the world, which lasted two full days.\n\n"
        "Delegates discussed the draft report at great length and with considerable care, "
        "paragraph by paragraph, into the night.\n\n"
        "The open-ended working group (OEWG) will meet again in 2024 to take the work forward.\n",
        encoding="utf-8",
    )
    target.write_text(
        "联合国环境规划署（UNEP）召集了这次会议，来自世界各区域的众多代表团出席，会议为期两整天。\n\n"
        "工作组将于2024年再次举行会议，推进这项工作。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", str(target), "--source", str(source)])
    assert result.exit_code == 1
    # three source paragraphs, two target ones: never compared one by one without a word
    assert "termkit: warning: aligned by length: source paragraphs 1-2" in result.stderr
    # the third source paragraph is compared with the second target paragraph: OEWG missing
    assert re.search(r"draft\.zh\.md:3:1: TK301 .*'open-ended working group'", result.stdout)


def test_fix_in_a_parallel_check_fixes_the_translation_only(tmp_path: Path) -> None:
    source = tmp_path / "a.en.txt"
    target = tmp_path / "a.zh.txt"
    source.write_text("Secretariats of multilateral environmental agreements attended.\n",
                      encoding="utf-8")
    target.write_text("多边环境协议秘书处出席了会议。\r\n", encoding="utf-8", newline="")
    result = CliRunner().invoke(cli, ["check", str(target), "--source", str(source), "--fix"])
    assert result.exit_code == 1, result.output
    assert target.read_bytes() == "多边环境协定秘书处出席了会议。\r\n".encode()
    assert source.read_text(encoding="utf-8").startswith("Secretariats")


# -- the command line ------------------------------------------------------------------------


def test_json_and_sarif_carry_the_segment_and_its_source() -> None:
    path = str(FIXTURES / "draft.xlf")
    result = CliRunner().invoke(cli, ["check", path, "--format", "json"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert rows[2]["segment"] == "u2"
    assert rows[2]["source"] == {
        "path": path, "text": "The open-ended working group (OEWG) will meet & report.",
        "found": "open-ended working group", "line": 17, "column": 21,
    }
    result = CliRunner().invoke(cli, ["check", path, "--format", "sarif"])
    run = json.loads(result.stdout)["runs"][0]
    related = run["results"][2]["relatedLocations"][0]["physicalLocation"]
    assert related["region"]["startLine"] == 17
    assert run["results"][2]["properties"]["segment"] == "u2"


def test_text_output_shows_the_source_segment_and_the_summary() -> None:
    result = CliRunner().invoke(cli, ["check", str(FIXTURES / "draft.po")])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[1].startswith("    source Secretariats of multilateral environmental agreements")
    assert "3 segment(s) checked, 1 skipped (untranslated or empty), 2 with findings" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('<?xml version="1.0"?>\n<xliff version="1.2"><file>\n  <body></file></xliff>',
         r"bad\.xlf:3:11: mismatched tag"),  # expat's place: the wrong name
        ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<xliff/>',
         r"bad\.xlf:2:\d+: entity declarations are not accepted"),
        ('<?xml version="1.0"?>\n<html/>', r"bad\.xlf:2:1: not an XLIFF or TMX file"),
        ('<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en">'
         '<body><trans-unit id="1"><source>UNEP</source><target>环境署</target></trans-unit>'
         '</body></file></xliff>', r"bad\.xlf: the target language is not given: say it with --lang"),
    ],
)
def test_bad_bilingual_files_are_one_line_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.xlf"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("termkit: error")]
    assert len(errors) == 1 and re.search(message, errors[0]), result.stderr
    assert "Traceback" not in result.output


def test_languages_from_options_when_the_file_has_none(tmp_path: Path) -> None:
    path = tmp_path / "pair.tsv"
    path.write_text("UNEP spoke.\t联合国环境署（UNEA）发言。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2 and "--columns en,zh" in result.stderr
    result = CliRunner().invoke(cli, ["check", str(path), "--columns", "en,zh"])
    assert result.exit_code == 1 and "TK201" in result.stdout


def test_source_pairs_one_file_only(tmp_path: Path) -> None:
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text("UNEP.\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--source",
              str(tmp_path / "c.md")]
    )
    assert result.exit_code == 2
    assert "--source pairs one source with one translation" in result.stderr


def test_the_installed_entry_point_checks_an_xliff_file() -> None:
    import shutil

    exe = shutil.which("termkit") or str(Path(sys.executable).with_name("termkit"))
    completed = subprocess.run(
        [exe, "check", str(FIXTURES / "draft-crlf.sdlxliff"), "--format", "github"],
        capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 1, completed.stderr
    assert completed.stdout.startswith("::warning file=")
    assert ",line=8,col=85," in completed.stdout


def test_a_bilingual_file_is_not_fixed(tmp_path: Path) -> None:
    path = tmp_path / "draft.po"
    path.write_bytes((FIXTURES / "draft.po").read_bytes())
    result = CliRunner().invoke(cli, ["check", str(path), "--fix"])
    assert path.read_bytes() == (FIXTURES / "draft.po").read_bytes()
    assert "a bilingual file is not fixed" in result.stderr


def test_reading_errors_name_the_place(termbase: Termbase) -> None:
    with pytest.raises(InputError, match=r"^x\.tmx: translation unit 't1' has no variant"):
        read_xml(
            b'<tmx version="1.4"><header srclang="de"/><body><tu tuid="t1">'
            b'<tuv xml:lang="en"><seg>a</seg></tuv></tu></body></tmx>', "x.tmx",
        )


def test_translation_sarif_is_valid(reference_dir: Path) -> None:
    import jsonschema

    schema = json.loads(
        (reference_dir / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    result = CliRunner().invoke(cli, ["check", str(FIXTURES / "bom.tmx"), "--format", "sarif"])
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"]["region"] == {
        "startLine": 6, "startColumn": 34, "snippet": {"text": "Programme des Nations Unies "
                                                               "pour l'environnement"},
    }


def test_check_source_reports_the_source_side_in_the_source(termbase: Termbase) -> None:
    table = (
        "id\ten\tzh\n"
        "1\tThe Extraction Industries Transparency Initiative reported.\t采掘业透明度倡议作了报告。\n"
    )
    _, plain = check_bilingual_file(table.encode(), "t.tsv", termbase)
    _, both = check_bilingual_file(table.encode(), "t.tsv", termbase, check_source=True)
    assert [f.code for f in plain.findings] == []
    source_side = [f for f in both.findings if f.code == "TK101"]
    assert [(f.line, f.column, f.found) for f in source_side] == [
        (2, 7, "Extraction Industries Transparency Initiative")
    ]


def test_xliff_1_2_inline_codes_and_marks(termbase: Termbase) -> None:
    data = (
        '<xliff version="1.2"><file source-language="en" target-language="zh">'
        '<body><trans-unit id="a"><source>UNEP <x id="1"/>met.</source>'
        '<target>多边<x id="1"/>环境<mrk mtype="term">协议</mrk><bpt id="2">&lt;b&gt;</bpt>'
        'UNEP<ept id="2">&lt;/b&gt;</ept></target>'
        '<alt-trans><target>联合国环境大会</target></alt-trans></trans-unit></body></file></xliff>'
    ).encode()
    read = read_xml(data, "a.xlf")
    assert [(u.source.text, u.target.text if u.target else None) for u in read.units] == [
        ("UNEP met.", "多边环境协议UNEP")
    ]
    _, checked = check_bilingual_file(data, "a.xlf", termbase)
    assert [(f.code, f.found) for f in checked.findings if f.code != "TK202"] == [
        ("TK101", "多边环境协议")
    ]
