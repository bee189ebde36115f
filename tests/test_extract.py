"""``termkit extract`` and its library: definitions found in documents, compared with a termbase."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.cli import cli
from termkit.extract import (
    Candidate,
    CandidateStatus,
    classify,
    detect_language,
    extract_text,
    render_toml,
)
from termkit.model import Termbase
from termkit.termbase import load_termbase_text

# A termbase of our own: the tests must not move when the shipped one grows.
TERMBASE = """\
[termbase]
name = "test"
languages = ["en", "fr", "zh"]
acronyms-from = { zh = "en" }

[concept.UNEA.en]
full = "United Nations Environment Assembly"
acronym = "UNEA"

[concept.UNEA.zh]
full = "联合国环境大会"

[concept.UNEP.en]
full = "United Nations Environment Programme"
acronym = "UNEP"

[concept.UNEP.zh]
full = "联合国环境规划署"
admitted-short = "联合国环境署"

[concept.NGO.en]
full = "non-governmental organization"
acronym = "NGO"

[concept.OEWG.en]
full = "open-ended working group"
acronym = "OEWG"

[concept.OEWG.fr]
full = "groupe de travail à composition non limitée"
"""

ZH_TEXT = """\
根据国际能源署（IEA）的数据，而联合国环境规划署
（UNEP）引用的预测表明，联合国环境大会第五届会议（UNEA 5）授权。
在结束联合国环境署（UNEA）授权的进程时，联合国环境规划署（UNEP）再次
"""

EN_TEXT = """\
The Open-Ended Working Group (OEWG) met. Non-governmental organizations (NGOs) and the
International Energy Agency (IEA) spoke; the International Energy Agency (IEA) again.
"""


@pytest.fixture
def termbase_file(tmp_path: Path) -> Path:
    path = tmp_path / "terms.toml"
    path.write_text(TERMBASE, encoding="utf-8")
    return path


@pytest.fixture
def termbase() -> Termbase:
    return load_termbase_text(TERMBASE)


# --- the library --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("联合国环境大会（UNEA）", "zh"),
        ("The United Nations Environment Assembly (UNEA) met in Nairobi.", "en"),
        ("UNEA: 联合国环境大会第五届会议", "zh"),
        ("", "en"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_detect_language_uses_the_latin_language() -> None:
    assert detect_language("l'Assemblée des Nations Unies (ANUE)", latin="fr") == "fr"


def test_extract_text_groups_pairs_with_first_location_and_count() -> None:
    found = extract_text(EN_TEXT, "en", path="notes.txt")
    assert [(c.acronym, c.full, c.line, c.column, c.count) for c in found] == [
        ("OEWG", "Open-Ended Working Group", 1, 5, 1),
        ("NGOs", "Non-governmental organizations", 1, 42, 1),
        ("IEA", "International Energy Agency", 2, 1, 2),
    ]
    assert found[0].location == "notes.txt:1:5"


def test_columns_count_characters_not_bytes() -> None:
    (candidate,) = extract_text("说明：国际能源署（IEA）", "zh")
    assert (candidate.line, candidate.column) == (1, 4)


@pytest.mark.parametrize(
    ("acronym", "full", "lang", "status", "concepts", "full_form_of"),
    [
        ("OEWG", "Open-Ended Working Group", "en", "known", ("OEWG",), ()),  # case and hyphens
        ("OEWG", "open ended working group", "en", "known", ("OEWG",), ()),
        ("NGOs", "non-governmental organizations", "en", "known", ("NGO",), ()),  # plural
        ("IEA", "International Energy Agency", "en", "new", (), ()),
        ("UNEA", "联合国环境大会", "zh", "known", ("UNEA",), ()),  # a borrowed acronym
        # an acronym paired with another body's name
        ("UNEA", "联合国环境署", "zh", "differs", ("UNEA",), ("UNEP",)),
        ("UNEA", "联合国环境会议", "zh", "differs", ("UNEA",), ()),
        ("UNEP", "联合国环境署", "zh", "known", ("UNEP",), ()),  # an admitted short form
        ("UNEP", "联合国环境署", "zh-Hans", "known", ("UNEP",), ()),
        # a new acronym for a concept the termbase knows by that full form
        ("OEWG", "groupe de travail à composition non limitée", "fr", "new", (), ("OEWG",)),
        ("GTCNL", "Groupe de travail à composition non limitée", "fr", "new", (), ("OEWG",)),
        ("GTCNL", "groupes de travail à composition non limitée", "fr", "new", (), ("OEWG",)),
    ],
)
def test_classify(
    termbase: Termbase,
    acronym: str,
    full: str,
    lang: str,
    status: str,
    concepts: tuple[str, ...],
    full_form_of: tuple[str, ...],
) -> None:
    candidate = Candidate(acronym, full, lang, "x.txt", 1, 1, 1, "long-short")
    (classified,) = classify([candidate], termbase)
    assert (classified.status, classified.concepts, classified.full_form_of) == (
        CandidateStatus(status),
        concepts,
        full_form_of,
    )


def test_toml_output_loads_as_a_termbase(termbase: Termbase) -> None:
    text = ZH_TEXT + "国际资源委员会（IRP）和国际资源小组（IRP）"
    found = classify(extract_text(text, "zh", "b.txt"), termbase)
    toml = render_toml(found, termbase)
    header = '[termbase]\nname = "new"\nlanguages = ["en", "zh"]\nacronyms-from = { zh = "en" }\n'
    loaded = load_termbase_text(header + toml)
    assert set(loaded.concepts) == {"IEA", "IRP"}
    irp = loaded["IRP"]
    assert [t.text for t in irp.terms_in("en")] == ["IRP"]  # Chinese writes English acronyms
    assert [(t.text, t.status.value) for t in irp.terms_in("zh") if not t.is_acronym] == [
        ("国际资源委员会", "preferred"),
        ("国际资源小组", "admitted"),
    ]
    # what differs from the termbase is a comment; here the full form is another body's name,
    # which no command should record as UNEA's
    assert "# differs: UNEA (zh) = 联合国环境署" in toml
    assert "#   联合国环境署 names UNEP, not UNEA: check the text" in toml
    assert "termkit add UNEA" not in toml


def test_toml_gives_the_command_that_records_a_differing_full_form(termbase: Termbase) -> None:
    found = classify(extract_text("联合国环境会议（UNEA）", "zh", "c.txt"), termbase)
    assert render_toml(found, termbase) == (
        "# differs: UNEA (zh) = 联合国环境会议, in c.txt:1:1; termbase: 联合国环境大会\n"
        "#   termkit add UNEA --lang zh --admitted '联合国环境会议'\n"
    )


def test_toml_adds_a_new_acronym_to_the_concept_of_its_full_form(termbase: Termbase) -> None:
    text = "le Groupe de travail à composition non limitée (GTCNL) a siégé"
    toml = render_toml(classify(extract_text(text, "fr", "d.txt"), termbase), termbase)
    assert "[concept." not in toml  # no second concept for OEWG
    assert toml.splitlines()[-1] == "#   termkit add OEWG --lang fr --acronym GTCNL"
    # Chinese writes English acronyms: a new one goes under English (as a variant: UNEA has one)
    toml = render_toml(classify(extract_text("联合国环境大会（UNEnA）", "zh", "e.txt"), termbase),
                       termbase)  # fmt: skip
    assert toml.splitlines()[-1].endswith("termkit add UNEA --lang en --admitted-acronym UNEnA")


def test_toml_keeps_the_acronym_in_its_language(termbase: Termbase) -> None:
    found = classify(extract_text(EN_TEXT, "en", "a.txt"), termbase)
    toml = render_toml([c for c in found if c.status is CandidateStatus.NEW], termbase)
    assert toml == (
        "# IEA: defined in a.txt:2:1 x2\n"
        "[concept.IEA]\n"
        "\n"
        "[concept.IEA.en]\n"
        'full = "International Energy Agency"\n'
        'acronym = "IEA"\n'
    )


# --- the command --------------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["extract", *args])
    return result.exit_code, result.stdout, result.stderr


def _document(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_tsv_lists_new_and_differing_definitions(tmp_path: Path, termbase_file: Path) -> None:
    doc = _document(tmp_path, "bulletin.txt", ZH_TEXT)
    code, out, _ = _run(str(doc), "--no-default-termbase", "-t", str(termbase_file))
    assert code == 0
    assert out.splitlines() == [
        "status\tacronym\tfull\tlang\tcount\tlocation\ttermbase\tfull form of",
        f"new\tIEA\t国际能源署\tzh\t1\t{doc}:1:3\t\t",
        f"differs\tUNEA\t联合国环境署\tzh\t1\t{doc}:3:4\t联合国环境大会\tUNEP",
    ]


def test_all_adds_known_definitions(tmp_path: Path, termbase_file: Path) -> None:
    doc = _document(tmp_path, "bulletin.txt", ZH_TEXT)
    code, out, _ = _run(str(doc), "--all", "--no-default-termbase", "-t", str(termbase_file))
    assert code == 0
    rows = [line.split("\t")[:5] for line in out.splitlines()[1:]]
    assert rows == [
        ["new", "IEA", "国际能源署", "zh", "1"],
        ["known", "UNEP", "联合国环境规划署", "zh", "2"],
        ["known", "UNEA", "联合国环境大会", "zh", "1"],
        ["differs", "UNEA", "联合国环境署", "zh", "1"],
    ]


def test_json_format(tmp_path: Path, termbase_file: Path) -> None:
    doc = _document(tmp_path, "notes.md", EN_TEXT)
    code, out, _ = _run(
        str(doc), "--format", "json", "--all", "--no-default-termbase", "-t", str(termbase_file)
    )
    assert code == 0
    rows = json.loads(out)
    assert rows[0] == {
        "acronym": "OEWG",
        "full": "Open-Ended Working Group",
        "lang": "en",
        "path": str(doc),
        "line": 1,
        "column": 5,
        "count": 1,
        "status": "known",
        "concepts": ["OEWG"],
        "full_form_of": [],
        "pattern": "long-short",
    }
    assert [(r["acronym"], r["status"], r["count"]) for r in rows] == [
        ("OEWG", "known", 1),
        ("NGOs", "known", 1),
        ("IEA", "new", 2),
    ]


def test_one_object_per_pair_and_file(tmp_path: Path, termbase_file: Path) -> None:
    one = _document(tmp_path, "one.txt", EN_TEXT)
    two = _document(tmp_path, "two.txt", EN_TEXT)
    code, out, _ = _run(
        str(one), str(two), "-f", "json", "--no-default-termbase", "-t", str(termbase_file)
    )
    assert code == 0
    assert [(r["path"], r["acronym"]) for r in json.loads(out)] == [
        (str(one), "IEA"),
        (str(two), "IEA"),
    ]


def test_lang_option_overrides_the_guess(tmp_path: Path, termbase_file: Path) -> None:
    doc = _document(tmp_path, "fr.txt", "le groupe de travail à composition non limitée (GTCNL)")
    code, out, _ = _run(
        str(doc), "--lang", "fr", "-f", "json", "--no-default-termbase", "-t", str(termbase_file)
    )
    assert code == 0
    assert [(r["acronym"], r["full"], r["lang"]) for r in json.loads(out)] == [
        ("GTCNL", "groupe de travail à composition non limitée", "fr")
    ]


def test_a_second_acronym_is_suggested_as_a_variant_only(termbase: Termbase) -> None:
    # OEWG has an English acronym: OEWGG is more likely a typo than a second one
    found = classify(extract_text("the open-ended working group (OEWGG) met", "en"), termbase)
    toml = render_toml(found, termbase)
    assert "[concept." not in toml
    assert toml.splitlines()[-1] == (
        "#   OEWG has OEWG: check the text; a variant is recorded with "
        "termkit add OEWG --lang en --admitted-acronym OEWGG"
    )


def test_the_suggested_command_records_the_acronym(tmp_path: Path, termbase_file: Path) -> None:
    doc = _document(tmp_path, "fr.md", "Le Groupe de travail à composition non limitée (GTCNL).")
    options = ["--lang", "fr", "--no-default-termbase", "-t", str(termbase_file)]
    code, out, _ = _run(str(doc), "--format", "toml", *options)
    assert code == 0
    command = out.splitlines()[-1].removeprefix("#   termkit ").split()
    added = CliRunner().invoke(cli, [*command, "-t", str(termbase_file)])
    assert added.exit_code == 0, added.output
    code, out, _ = _run(str(doc), "--all", *options)
    status, acronym, full = out.splitlines()[1].split("\t")[:3]
    assert (status, acronym, full) == ("known", "GTCNL", "Groupe de travail à composition non limitée")


def test_french_files_are_read_as_french(tmp_path: Path, termbase_file: Path) -> None:
    doc = _document(tmp_path, "rapport.md", "Le Groupe de travail à composition non limitée (GTCNL) "
                    "s'est réuni pour la première fois.")  # fmt: skip
    options = ["-f", "json", "--no-default-termbase", "-t", str(termbase_file)]
    code, out, _ = _run(str(doc), *options)
    assert code == 0
    assert [(r["acronym"], r["lang"], r["full_form_of"]) for r in json.loads(out)] == [
        ("GTCNL", "fr", ["OEWG"])
    ]
    (tmp_path / "termkit.toml").write_text('latin-lang = "en"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(doc), *options, "--config",
                                      str(tmp_path / "termkit.toml")])  # fmt: skip
    assert [r["lang"] for r in json.loads(result.stdout)] == ["en"]


def test_markdown_markup_around_a_long_form(tmp_path: Path, termbase_file: Path) -> None:
    doc = _document(tmp_path, "notes.md", (
        "The **Blue Planet Alliance** (BPA) and the [Green Ocean Fund](https://x.org) (GOF).\n"
        "The __Open-Ended Working Group__ (OEWG) met.\n\n"
        "```\nAnother Big Case (ABC)\n```\n"
        "See `Red River Council (RRC)`.\n"
    ))  # fmt: skip
    code, out, _ = _run(str(doc), "--all", "-f", "json", "--no-default-termbase", "-t",
                        str(termbase_file))  # fmt: skip
    assert code == 0
    rows = [(r["acronym"], r["full"], r["line"], r["column"]) for r in json.loads(out)]
    assert rows == [
        ("BPA", "Blue Planet Alliance", 1, 7),  # the B after **
        ("GOF", "Green Ocean Fund", 1, 45),  # the G after [
        ("OEWG", "Open-Ended Working Group", 2, 7),
    ]
    # the same text as plain text: markup is text, code is prose
    plain = _document(tmp_path, "notes.txt", doc.read_text(encoding="utf-8"))
    code, out, _ = _run(str(plain), "--all", "-f", "json", "--no-default-termbase", "-t",
                        str(termbase_file))  # fmt: skip
    assert "ABC" in {r["acronym"] for r in json.loads(out)}


def test_bom_is_read(tmp_path: Path, termbase_file: Path) -> None:
    doc = _document(tmp_path, "bom.txt", "\ufeff国际能源署（IEA）", encoding="utf-8")
    code, out, _ = _run(str(doc), "--no-default-termbase", "-t", str(termbase_file))
    assert code == 0
    assert f"{doc}:1:1" in out


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda tmp: tmp / "missing.txt", "no such file"),
        (lambda tmp: _document(tmp, "latin1.txt", "café (CAF)", encoding="latin-1"), "UTF-8"),
    ],
)
def test_unreadable_documents_exit_2(
    tmp_path: Path, termbase_file: Path, setup: Callable[[Path], Path], message: str
) -> None:
    doc = setup(tmp_path)
    code, out, err = _run(str(doc), "--no-default-termbase", "-t", str(termbase_file))
    assert code == 2
    assert err.startswith("termkit: error: ") and message in err
    assert "Traceback" not in err and out == ""


def test_invalid_lang_exits_2(tmp_path: Path, termbase_file: Path) -> None:
    doc = _document(tmp_path, "a.txt", EN_TEXT)
    code, _, err = _run(str(doc), "--lang", "xx-notalang", "--no-default-termbase")
    assert code == 2 and "--lang" in err


def test_bulletin_with_the_shipped_termbase(samples_dir: Path) -> None:
    doc = samples_dir / "gimm-bulletin-zh-part1.txt"
    code, out, _ = _run(str(doc), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    # the bulletin's UNEA = 联合国环境署 (that is UNEP's name) disagrees with the termbase
    expected = {"acronym": "UNEA", "full": "联合国环境署", "status": "differs"}
    assert expected.items() <= rows[0].items()
    assert all(r["status"] in ("new", "differs") for r in rows)


def test_folders_and_standard_input(tmp_path: Path, termbase_file: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    _document(folder, "b.md", EN_TEXT)
    _document(folder, "a.txt", ZH_TEXT)
    _document(folder, "skip.pdf", EN_TEXT)
    args = [str(folder), "-", "-f", "json", "--no-default-termbase", "-t", str(termbase_file)]
    result = CliRunner().invoke(cli, ["extract", *args], input="国际资源委员会（IRP）")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert sorted({Path(r["path"]).name for r in rows}) == ["<stdin>", "a.txt", "b.md"]


def test_encoding_option(tmp_path: Path, termbase_file: Path) -> None:
    doc = _document(tmp_path, "gb.txt", "根据国际能源署（IEA）的数据", encoding="gb18030")
    code, out, err = _run(str(doc), "--no-default-termbase", "-t", str(termbase_file))
    assert code == 2 and "--encoding" in err
    code, out, _ = _run(
        str(doc), "--encoding", "gb18030", "--no-default-termbase", "-t", str(termbase_file)
    )
    assert code == 0 and "\tIEA\t国际能源署\t" in out


def test_lines_end_at_carriage_returns_too(tmp_path: Path) -> None:
    from termkit.extract import extract_text

    (found,) = extract_text("Line one.\rThe new foo working group (NFWG) met.\r", "en")
    assert (found.line, found.column) == (2, 5)  # "new foo working group" starts there


def test_a_lang_the_termbase_lacks_is_an_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from termkit.cli import cli

    doc = tmp_path / "d.txt"
    doc.write_text("The open-ended working group (OEWG) met.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(doc), "--lang", "de"])
    assert result.exit_code == 2
    assert "--lang: the termbase has no language 'de'" in result.output
