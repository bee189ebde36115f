"""A later termbase extends the concepts of an earlier one; ``replace = true`` replaces them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.check import check_text
from termkit.cli import cli
from termkit.model import Status, TermType
from termkit.termbase import load_termbase

HEADER = '[termbase]\nname = "Mine"\nlanguages = ["en", "fr", "zh"]\nacronyms-from = { zh = "en" }\n'


def layer(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "my-terms.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_layer_extends_a_shipped_concept(tmp_path: Path) -> None:
    shipped = load_termbase()["IPLC"]
    mine = layer(tmp_path, '\n[concept.IPLC.en]\nadmitted = "indigenous and local communities"\n')
    iplc = load_termbase([mine])["IPLC"]
    # every shipped term is still there, in every language, and the new one is added
    assert {(t.lang, t.text) for t in shipped.terms} <= {(t.lang, t.text) for t in iplc.terms}
    assert ("en", "indigenous and local communities", Status.ADMITTED) in {
        (t.lang, t.text, t.status) for t in iplc.terms
    }
    assert iplc.definitions == shipped.definitions and iplc.domain == shipped.domain


def test_the_readme_s_add_example_keeps_correct_text_correct(tmp_path: Path) -> None:
    """The README's own `termkit add IPLC --acronym IPLCs` made IPLC's other terms vanish."""
    mine = layer(tmp_path, "")
    result = CliRunner().invoke(cli, [
        "add", "IPLC", "--lang", "en", "--acronym", "IPLCs", "--note", "plural is usual",
        "--source", "UN", "--termbase", str(mine),
    ])
    assert result.exit_code == 0, result.output
    text = "Indigenous Peoples and local communities (IPLCs) were consulted."
    assert check_text(text, load_termbase([mine]), "en") == []


def test_a_layer_changes_a_term_s_status_and_keeps_its_source(tmp_path: Path) -> None:
    (shipped,) = [t for t in load_termbase()["IPLC"].terms if t.text == "IPLC" and t.lang == "en"]
    mine = layer(tmp_path, '\n[concept.IPLC.en]\ndeprecated-acronym = "IPLC"\n')
    (term,) = [t for t in load_termbase([mine])["IPLC"].terms if t.text == "IPLC" and t.lang == "en"]
    assert (term.status, term.type) == (Status.DEPRECATED, TermType.ACRONYM)
    assert term.source == shipped.source and term.note == shipped.note
    assert shipped.status is not Status.DEPRECATED


def test_replace_true_replaces_the_concept(tmp_path: Path) -> None:
    mine = layer(tmp_path, (
        '\n[concept.GEF]\nreplace = true\n\n[concept.GEF.en]\n'
        'full = "Global Environment Facility"\nacronym = "GEF"\n'
    ))
    gef = load_termbase([mine])["GEF"]
    assert {t.lang for t in gef.terms} == {"en", "zh"}  # zh: the borrowed acronym only
    assert gef.definitions == {}


def test_validate_verbose_says_what_each_layer_does(tmp_path: Path) -> None:
    mine = layer(tmp_path, (
        '\n[concept.IPLC.en]\nacronym = "IPLCx"\ndeprecated-acronym = "IPLC"\n'
        '\n[concept.GEF]\nreplace = true\n[concept.GEF.en]\nfull = "Global Environment Facility"\n'
        '[concept.GEF.fr]\nfull = "Fonds pour l\'environnement mondial"\n'
        '[concept.GEF.zh]\nfull = "全球环境基金"\n'
    ))
    result = CliRunner().invoke(cli, ["validate", "-v", str(mine)])
    said = [line for line in result.stderr.splitlines() if line.startswith(str(mine))]
    assert said == [
        f"{mine}: extends concept IPLC: adds 'IPLCx' (en, preferred); "
        "changes 'IPLC' (en: admitted -> deprecated)",
        f"{mine}: replaces concept GEF (replace = true)",
    ]
    # IPLC has no French or Chinese term in this file: no warning, the layers make it complete
    assert "IPLC" not in result.stdout


def test_add_writes_only_what_the_concept_lacks(tmp_path: Path) -> None:
    mine = layer(tmp_path, "")
    before = mine.read_bytes()
    args = ["add", "IPLC", "--lang", "en", "--termbase", str(mine),
            "--full", "Indigenous Peoples and local communities"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    assert "IPLC extends the concept of" in result.stderr and "nothing to add" in result.stderr
    assert mine.read_bytes() == before
    result = CliRunner().invoke(cli, [*args, "--admitted", "indigenous and local communities"])
    assert result.exit_code == 0
    written = mine.read_text(encoding="utf-8")
    assert "indigenous and local communities" in written
    assert "Indigenous Peoples and local communities" not in written


@pytest.mark.parametrize("value", ['"yes"', "1"])
def test_replace_must_be_a_boolean(tmp_path: Path, value: str) -> None:
    mine = layer(tmp_path, f'\n[concept.GEF]\nreplace = {value}\n[concept.GEF.en]\nfull = "x y"\n')
    result = CliRunner().invoke(cli, ["validate", "--alone", str(mine)])
    assert result.exit_code == 2
    assert "'replace' must be true or false" in result.stdout
