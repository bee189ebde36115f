"""The termbase model, TOML loading, overriding, configuration and validation."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from termkit.cli import cli
from termkit.config import find_config, load_config
from termkit.errors import TermbaseError
from termkit.model import Status, TermType
from termkit.termbase import (
    default_termbase_paths,
    load_termbase,
    load_termbase_text,
    validate_paths,
)

FIXTURES = Path(__file__).parent / "fixtures" / "termbases"

HEADER = """\
[termbase]
name = "test"
languages = ["en", "fr", "zh"]
acronyms-from = { zh = "en" }
"""


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- model ------------------------------------------------------------------------------------


def test_terms_by_status_type_and_borrowing() -> None:
    termbase = load_termbase_text(
        HEADER
        + """
[concept.IPLC.en]
full = "Indigenous Peoples and local communities"
acronym = { term = "IPLCs", note = "plural is usual" }
admitted-acronym = "IPLC"

[concept.IPLC.fr]
full = "peuples autochtones et communautés locales"
acronym = "PACL"

[concept.IPLC.zh]
full = "土著人民和当地社区"
deprecated = "土著人民和地方社区"
"""
    )
    concept = termbase["IPLC"]
    assert [t.text for t in concept.acronyms("en")] == ["IPLCs", "IPLC"]
    preferred = concept.preferred_term("en", TermType.ACRONYM)
    assert preferred is not None and preferred.note == "plural is usual"
    assert [t.text for t in concept.terms_in("zh", status=Status.DEPRECATED)] == ["土著人民和地方社区"]
    # Chinese writes the English acronyms: they are terms of zh, marked as borrowed.
    borrowed = concept.terms_in("zh", TermType.ACRONYM)
    assert [(t.text, t.status, t.borrowed_from) for t in borrowed] == [
        ("IPLCs", Status.PREFERRED, "en"),
        ("IPLC", Status.ADMITTED, "en"),
    ]
    # French has its own acronym: nothing is borrowed there.
    assert [t.text for t in concept.acronyms("fr")] == ["PACL"]
    assert concept.languages == ("en", "fr", "zh")
    assert concept.label == "IPLCs"


def test_homonym_acronyms_are_legal() -> None:
    termbase = load_termbase_text(
        """
[termbase]
languages = ["fr"]
[concept.ASGM.fr]
full = "extraction minière artisanale et à petite échelle d'or"
acronym = "EMAPE"
[concept.ASM.fr]
full = "exploitation minière artisanale et à petite échelle"
admitted-acronym = "EMAPE"
"""
    )
    assert [c.id for c in termbase.concepts_with_acronym("EMAPE", "fr")] == ["ASGM", "ASM"]


def test_language_tags_are_normalised_with_babel() -> None:
    termbase = load_termbase_text(
        """
[termbase]
languages = ["zh_Hans", "FR-ca"]
[concept.X.zh_Hans]
full = "工作组"
[concept.X."fr-CA"]
full = "groupe de travail"
"""
    )
    assert termbase.languages == ("zh-Hans", "fr-CA")
    assert {t.lang for t in termbase["X"].terms} == {"zh-Hans", "fr-CA"}


# --- loading and overriding ---------------------------------------------------------------------


def test_shipped_termbase_is_found_without_flags() -> None:
    paths = default_termbase_paths()
    assert paths and all(p.suffix == ".toml" for p in paths)
    termbase = load_termbase()
    assert "OEWG" in termbase
    french = termbase["OEWG"].preferred_term("fr")
    assert french is not None and french.text == "groupe de travail à composition non limitée"


def test_later_termbases_extend_and_override(tmp_path: Path) -> None:
    extra = write(
        tmp_path / "extra.toml",
        """
        [termbase]
        languages = ["en", "fr", "zh"]

        [concept.OEWG.en]
        full = "open-ended working group"
        acronym = "OEWG"

        [concept.OEWG.zh]
        full = "不限成员名额工作组"

        [concept.BBNJ.en]
        full = "biodiversity beyond national jurisdiction"
        acronym = "BBNJ"
        """,
    )
    shipped = load_termbase()
    termbase = load_termbase([extra])
    assert len(termbase) == len(shipped) + 1
    # OEWG was extended: the shipped French term stays; the admitted Chinese variant the extra
    # file lists as its full form is now preferred (next to the shipped preferred one).
    oewg = termbase["OEWG"]
    assert oewg.preferred_term("fr") == shipped["OEWG"].preferred_term("fr")
    assert "不限成员名额工作组" in [t.text for t in oewg.terms_in("zh", status=Status.PREFERRED)]
    assert shipped["OEWG"].terms_in("zh", status=Status.ADMITTED)[0].text == "不限成员名额工作组"
    # The shipped acronyms-from still applies to the extra concept.
    assert [t.text for t in termbase["BBNJ"].acronyms("zh")] == ["BBNJ"]
    alone = load_termbase([extra], include_default=False)
    assert sorted(c.id for c in alone) == ["BBNJ", "OEWG"]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("syntax-error.toml", "syntax-error.toml:6:33: TOML syntax error"),
        ("unknown-keys.toml", "unknown-keys.toml:6:1: unknown key 'domian'"),
        ("bad-language.toml", "bad-language.toml:3:20: unknown language tag 'klingon'"),
    ],
)
def test_load_errors_name_file_line_and_column(fixture: str, expected: str) -> None:
    with pytest.raises(TermbaseError) as caught:
        load_termbase([FIXTURES / fixture], include_default=False)
    assert str(caught.value).startswith(str(FIXTURES / fixture))
    assert expected in str(caught.value)


def test_missing_termbase_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TermbaseError, match="cannot read termbase"):
        load_termbase([tmp_path / "nope.toml"])


def test_non_utf8_termbase_is_located(tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes('[termbase]\nname = "多边"\n'.encode("gb18030"))
    with pytest.raises(TermbaseError, match=r"gbk.toml:2:9: termbase is not valid UTF-8"):
        load_termbase([path], include_default=False)


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("clean.toml", []),
        ("warnings-only.toml", ["6:1: warning: concept 'OEWG' has no preferred term in 'fr'"]),
        (
            "unknown-keys.toml",
            [
                "6:1: error: unknown key 'domian' in concept 'OEWG': neither a concept field nor "
                "a language tag (did you mean 'domain'?)",
                "10:1: error: unknown key 'acronyms' in [concept.OEWG.en] "
                "(did you mean 'acronym'?)",
            ],
        ),
        (
            "bad-terms.toml",
            [
                "7:11: error: empty term in concept 'MEA' (en)",
                "8:13: error: term 'multilateral  environmental agreement' has leading, "
                "trailing or doubled spaces",
                "14:5: error: '多边环境协定' is both preferred and deprecated in concept 'MEA' (zh)",
            ],
        ),
        (
            "bad-language.toml",
            [
                "3:20: error: unknown language tag 'klingon'",
                "8:1: error: language 'fr' is not declared in [termbase] languages (en)",
            ],
        ),
        (
            "duplicate-full-form.toml",
            [
                "8:1: error: 'United Nations Environment Programme' (en) is a term of both "
                "'UNEP' and 'UNEP2'"
            ],
        ),
        ("syntax-error.toml", ["6:33: error: TOML syntax error: Illegal character '\\n'"]),
    ],
)
def test_validate_reports_every_problem_with_its_location(
    fixture: str, expected: list[str]
) -> None:
    path = FIXTURES / fixture
    assert [str(d) for d in validate_paths([path])] == [f"{path}:{line}" for line in expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('[concept.X.en]\nfull = "a\\nb"', "6:1: error: term 'a\\nb' contains a line break"),
        ('[concept.X.en]\nfull = "a\\tb"', "6:1: error: term 'a\\tb' contains a line break"),
        ('[concept.X.en]\nfull = "a\\u2028b"', "6:1: error: term 'a\\u2028b' contains a line"),
        ('[concept.X.en]\nfull = "()"', "6:8: warning: term '()' has no letter or digit"),
        ('[concept.""]\n[concept."".en]\nfull = "a b"', "5:1: error: a concept id must not be empty"),
    ],
)
def test_validate_refuses_terms_that_can_never_match(
    tmp_path: Path, body: str, expected: str
) -> None:
    path = tmp_path / "t.toml"
    path.write_text(f'[termbase]\nname = "t"\nlanguages = ["en"]\n\n{body}\n', encoding="utf-8")
    messages = [str(d) for d in validate_paths([path])]
    assert messages[0].startswith(f"{path}:{expected}"), messages


@pytest.mark.parametrize(
    ("fixture", "exit_code"),
    [("clean.toml", 0), ("warnings-only.toml", 1), ("bad-terms.toml", 2), ("syntax-error.toml", 2)],
)
def test_validate_command_exit_codes(fixture: str, exit_code: int) -> None:
    result = CliRunner().invoke(cli, ["validate", "--alone", str(FIXTURES / fixture)])
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output


def test_validate_without_arguments_checks_the_shipped_termbase() -> None:
    result = CliRunner().invoke(cli, ["validate"])
    # The reference gives CAMMA no French terms: a warning, so exit 1, and nothing else.
    assert result.exit_code == 1, result.output
    assert "concept 'CAMMA' has no preferred term in 'fr'" in result.output
    assert "0 error(s), 1 warning(s)" in result.output


def test_validate_finds_clashes_with_the_shipped_termbase(tmp_path: Path) -> None:
    clash = write(
        tmp_path / "clash.toml",
        """
        [termbase]
        languages = ["en"]
        [concept.UNEP-2.en]
        full = "United Nations Environment Programme"
        """,
    )
    result = CliRunner().invoke(cli, ["validate", str(clash)])
    assert result.exit_code == 2
    assert f"{clash}:4:1: error: 'United Nations Environment Programme' (en) is a term of both" in (
        result.output
    )
    assert CliRunner().invoke(cli, ["validate", "--alone", str(clash)]).exit_code == 0


def test_quiet_validate_prints_errors_only() -> None:
    result = CliRunner().invoke(
        cli, ["validate", "--alone", "-q", str(FIXTURES / "warnings-only.toml")]
    )
    assert result.exit_code == 1
    assert result.output == ""


# --- configuration --------------------------------------------------------------------------------


def test_config_is_found_walking_up_and_paths_are_relative_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "terms.toml", (FIXTURES / "clean.toml").read_text(encoding="utf-8"))
    write(
        tmp_path / "pyproject.toml",
        """
        [project]
        name = "bulletins"
        [tool.termkit]
        termbases = ["terms.toml"]
        default-termbase = false
        """,
    )
    nested = tmp_path / "drafts" / "2023"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    assert find_config() == tmp_path / "pyproject.toml"
    config = load_config()
    assert config.termbases == (tmp_path / "terms.toml",)
    assert config.default_termbase is False
    result = CliRunner().invoke(cli, ["lookup", "--list", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"concept": "OEWG"' in result.output
    assert '"concept": "UNEP"' not in result.output


def test_termkit_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.termkit]\nfail-on = 'error'\n")
    write(tmp_path / "termkit.toml", "fail-on = 'info'\n")
    assert find_config(tmp_path) == tmp_path / "termkit.toml"
    assert load_config(tmp_path / "termkit.toml").fail_on == "info"


def test_pyproject_without_termkit_table_is_not_a_config(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(tmp_path) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fail_on = 'error'\n", "unknown configuration key 'fail_on' (did you mean 'fail-on'?)"),
        ("termbases = 3\n", "'termbases' must be a string or a list of strings"),
        ("termbases = [\n", "TOML syntax error"),
    ],
)
def test_bad_configuration_is_one_line_exit_2(tmp_path: Path, text: str, message: str) -> None:
    config = write(tmp_path / "termkit.toml", text)
    result = CliRunner().invoke(cli, ["lookup", "OEWG", "--config", str(config)])
    assert result.exit_code == 2
    assert message in result.output
    assert str(config) in result.output
    assert "Traceback" not in result.output


def test_loading_text_runs_the_cross_concept_checks_too() -> None:
    with pytest.raises(TermbaseError, match="is a term of both 'A' and 'B'"):
        load_termbase_text(
            '[termbase]\nlanguages = ["en"]\n[concept.A.en]\nfull = "same"\n'
            '[concept.B.en]\nfull = "same"\n'
        )
    with pytest.raises(TermbaseError, match="related to unknown concept 'NOPE'"):
        load_termbase_text('[termbase]\n[concept.A]\nrelated = ["NOPE"]\n[concept.A.en]\nfull = "a"\n')


def test_a_language_declared_twice_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "twice.toml", '[termbase]\nlanguages = ["en", "EN"]\n')
    assert [str(d) for d in validate_paths([path])] == [
        f"{path}:2:20: error: language 'en' is declared twice in [termbase] languages"
    ]


def test_tomli_and_tomllib_read_a_termbase_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """termkit parses with tomli where it is installed (compiled: twice as fast on a large
    termbase), else with the standard library's tomllib: the two must give the same termbase
    and the same syntax errors."""
    import sys

    if sys.version_info < (3, 11):
        pytest.skip("tomllib is in the standard library from Python 3.11")
    import tomllib  # type: ignore[import-not-found,unused-ignore]  # 3.11+

    from termkit.termbase import schema

    text = (Path(__file__).resolve().parents[1] / "termbases" / "gimm.toml").read_text(
        encoding="utf-8"
    )
    bad = text.replace('languages = ["en", "fr", "zh"]', 'languages = ["en", "fr" "zh"]')
    assert bad != text
    results = []
    for parser in (tomllib, pytest.importorskip("tomli")):
        monkeypatch.setattr(schema, "toml_parser", lambda parser=parser: parser)
        results.append((schema.parse_termbase_text(text, "gimm.toml"),
                        schema.parse_termbase_text(bad, "gimm.toml")[1]))
    (good_a, bad_a), (good_b, bad_b) = results
    assert good_a[0] == good_b[0] and good_a[1] == good_b[1]
    assert bad_a == bad_b and bad_a[0].message.startswith("TOML syntax error")


# Spellings around what makes a term clean: spaces of every kind at either end and doubled,
# controls, line separators, no letter or digit, CJK.
TERM_PIECES = ["a", "É", "中", "1", " ", "  ", "\u3000", "\u00a0", "\t", "\n", "\x1f", "\x85",
               "\u2028", "-", "_", "'", "’", "é"]


@given(st.lists(st.sampled_from(TERM_PIECES), max_size=6).map("".join))
def test_a_term_read_without_a_word_is_the_term_the_full_checks_make(value: str) -> None:
    """language_terms takes clean terms without calling term(): the same Term, and nothing to
    report, as term() gives; every other term goes through term()."""
    from termkit.model import Term
    from termkit.termbase.schema import _CLEAN_TERM, _Reader

    text = f'[concept.C1.en]\nfull = "{value}"\n'  # for the diagnostics' positions
    reader = _Reader("t.toml", text)
    where = ("concept", "C1", "en", "full")
    term = reader.term(where, value, "C1", "en", Status.PREFERRED, TermType.FULL)
    if _CLEAN_TERM.fullmatch(value):
        assert term == Term(value, "en", TermType.FULL, Status.PREFERRED, "C1")
        assert reader.diagnostics == []
    fast = _Reader("t.toml", text)
    made = fast.language_terms(where[:3], "C1", "en", {"full": value})
    assert [t for t, _ in made] == ([term] if term is not None else [])
    assert fast.diagnostics == reader.diagnostics


def test_new_term_makes_an_ordinary_term() -> None:
    from termkit.model import Term, new_term

    made = new_term("UNEP", "zh", TermType.ACRONYM, Status.PREFERRED, "UNEP", "n", "s", "p", "en")
    term = Term("UNEP", "zh", TermType.ACRONYM, Status.PREFERRED, "UNEP", "n", "s", "p", "en")
    assert made == term and hash(made) == hash(term) and repr(made) == repr(term)
