"""``termkit terms``: the project term list of a job, from its sources."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.cli import cli
from termkit.interchange import import_termbase
from termkit.model import Termbase
from termkit.termbase import load_termbase

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "gimm-bulletin-part1.en.md"


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, ["terms", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_sample_s_english_side_names_these_concepts(termbase: Termbase) -> None:
    if not SAMPLE.exists():
        pytest.skip(f"needs the shared samples ({SAMPLE})")
    rows = json.loads(run(str(SAMPLE), "--to", "zh", "-f", "json"))
    # Independently of the matcher: a concept is named when one of its English terms occurs
    # (full forms case-insensitively, acronyms as words).
    text = " ".join(SAMPLE.read_text(encoding="utf-8").split())
    named = {
        concept.id
        for concept in termbase
        for term in concept.terms_in("en")
        if (re.search(rf"(?<![A-Za-z0-9]){re.escape(term.text)}(?![A-Za-z])", text)
            if term.is_acronym else term.text.lower() in text.lower())
    }
    assert {row["concept"] for row in rows} == named
    for row in rows:
        preferred = [t["term"] for t in row["targets"]["zh"]["preferred"]]
        assert preferred == [t.text for t in termbase[row["concept"]].terms_in("zh")
                             if t.status.value == "preferred"]
    # in order of first occurrence
    firsts = [(row["first"]["line"], row["first"]["column"]) for row in rows]
    assert firsts == sorted(firsts)


def test_forms_counts_and_a_concept_without_an_acronym(tmp_path: Path) -> None:
    source = tmp_path / "draft.en.md"
    source.write_text(
        "The 2030 Agenda for Sustainable Development was cited.\n\n"
        "The United Nations Environment Programme (UNEP) met. UNEP spoke twice; UNEP again.\n\n"
        "The Extraction Industries Transparency Initiative was mentioned.\n",
        encoding="utf-8",
    )
    rows = json.loads(run(str(source), "--to", "zh,fr", "-f", "json"))
    assert [row["concept"] for row in rows] == ["2030-agenda", "UNEP", "EITI"]
    unep = rows[1]
    assert unep["forms"] == {"UNEP": 3, "United Nations Environment Programme": 1}
    assert unep["first"] == {"path": str(source), "line": 3, "column": 5}
    assert {"term": "联合国环境规划署", "type": "full", "note": None} in unep["targets"]["zh"][
        "preferred"
    ]
    assert set(unep["targets"]) == {"zh", "fr"}
    # the source wrote EITI's deprecated name: it is counted, and the target list says what to use
    text = run(str(source), "--to", "fr")
    assert "EITI  (Extraction Industries Transparency Initiative ×1)" in text
    assert "  fr  Initiative pour la transparence dans les industries extractives" in text
    assert [r["concept"] for r in json.loads(run(str(source), "--to", "zh", "--min-count", "2",
                                                  "-f", "json"))] == ["UNEP"]


def test_several_files_make_one_list(tmp_path: Path) -> None:
    (tmp_path / "job").mkdir()
    (tmp_path / "job" / "a.md").write_text("UNEP met.\n", encoding="utf-8")
    (tmp_path / "job" / "b.md").write_text("UNEP and the GEF met.\n", encoding="utf-8")
    rows = json.loads(run(str(tmp_path / "job"), "--to", "zh", "-f", "json"))
    assert [(r["concept"], r["count"], Path(r["first"]["path"]).name) for r in rows] == [
        ("UNEP", 2, "a.md"), ("GEF", 1, "b.md"),
    ]


def test_a_french_source_and_its_chinese_targets(tmp_path: Path) -> None:
    source = tmp_path / "projet.fr.md"
    source.write_text("Le Programme des Nations Unies pour l'environnement (PNUE) a parlé.\n",
                      encoding="utf-8")
    rows = json.loads(run(str(source), "--to", "zh", "--lang", "fr", "-f", "json"))
    assert [(r["concept"], r["forms"]) for r in rows] == [
        ("UNEP", {"Programme des Nations Unies pour l'environnement": 1, "PNUE": 1})
    ]


def test_csv_is_safe_for_spreadsheets_and_markdown_is_a_table(tmp_path: Path) -> None:
    source = tmp_path / "draft.md"
    source.write_text("UNEP and the GEF met.\n", encoding="utf-8")
    table = list(csv.reader(io.StringIO(run(str(source), "--to", "zh,fr", "-f", "csv"))))
    assert table[0][:4] == ["concept", "forms", "count", "first"]
    assert "zh_preferred" in table[0] and "fr_deprecated" in table[0]
    assert [row[0] for row in table[1:]] == ["UNEP", "GEF"]
    tsv = run(str(source), "--to", "zh", "-f", "tsv").splitlines()
    assert tsv[0].split("\t")[:2] == ["concept", "forms"]
    markdown = run(str(source), "--to", "zh", "-f", "markdown").splitlines()
    assert markdown[0].startswith("| Concept | Found in the source |")
    assert len(markdown) == 4


def test_tbx_holds_the_list_s_concepts(tmp_path: Path, termbase: Termbase) -> None:
    source = tmp_path / "draft.md"
    source.write_text("UNEP and the GEF met.\n", encoding="utf-8")
    out = tmp_path / "job.tbx"
    result = CliRunner().invoke(cli, ["terms", str(source), "--to", "zh", "-f", "tbx", "-o",
                                      str(out)])
    assert result.exit_code == 0 and "2 concept(s) written" in result.stderr
    imported = import_termbase(out.read_bytes(), str(out)).termbase
    assert sorted(c.id for c in imported) == ["GEF", "UNEP"]
    assert {t.text for t in imported["UNEP"].terms} >= {
        t.text for t in termbase["UNEP"].terms if t.borrowed_from is None
    }


def test_an_unknown_target_language_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "draft.md"
    source.write_text("UNEP met.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["terms", str(source), "--to", "de"])
    assert result.exit_code == 2
    assert result.stderr == (
        "termkit: error: --to: the termbase has no language 'de' (it has en, fr, zh)\n"
    )
