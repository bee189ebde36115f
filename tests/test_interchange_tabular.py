"""CSV/TSV (long and wide), JSON, and the export command's options."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from termkit.cli import cli
from termkit.errors import InputError
from termkit.interchange import import_termbase
from termkit.interchange.tabular import escape_formula, unescape_formula
from termkit.model import Status, TermType
from termkit.termbase import load_termbase_text

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "json-format.md"

SMALL = """\
[termbase]
name = "small"
languages = ["en", "fr", "zh"]
acronyms-from = { zh = "en" }

[concept.OEWG]
domain = "UN bodies"
related = ["UNEA"]

[concept.OEWG.en]
full = "open-ended working group"
acronym = { term = "OEWG", note = "a, b; \\"c\\"\\nd" }

[concept.OEWG.fr]
full = "groupe de travail à composition non limitée"

[concept.UNEA.en]
full = "United Nations Environment Assembly"
acronym = "UNEA"
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    return write(tmp_path / "small.toml", SMALL)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


# --- long and wide tables --------------------------------------------------------------------


def test_long_csv_layout(small_file: Path) -> None:
    result = run("export", "--no-default-termbase", "-t", str(small_file), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["concept"] == "" and rows[0]["lang"] == "en fr zh"
    assert rows[0]["term"] == "small" and rows[0]["acronyms-from"] == "zh=en"
    assert rows[1] == {
        **{k: "" for k in rows[1]},
        "concept": "OEWG",
        "domain": "UN bodies",
        "related": "UNEA",
    }
    acronym = next(r for r in rows if r["term"] == "OEWG")
    assert (acronym["type"], acronym["status"], acronym["note"]) == (
        "acronym",
        "preferred",
        'a, b; "c"\nd',
    )
    assert result.stdout_bytes.count(b"\r\n") >= len(rows)  # RFC 4180 line ends


def test_wide_tsv_and_bom(small_file: Path) -> None:
    result = run(
        "export",
        "--no-default-termbase",
        "-t",
        str(small_file),
        "--format",
        "tsv",
        "--wide",
        "--bom",
    )
    assert result.exit_code == 0
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "concept\ten\ten acronym\tfr\tfr acronym\tzh\tzh acronym"
    # zh's acronyms are borrowed from en: the wide table shows only zh's own terms.
    assert (
        lines[1]
        == "OEWG\topen-ended working group\tOEWG\tgroupe de travail à composition non limitée\t\t\t"
    )


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # long, with header aliases and defaults (type full, status: first preferred)
        (
            "Concept ID,Language,Term,Term type,Status\n"
            "A,en,alpha,,\nA,en,alfa,,\nA,en,AL,acronym,\n",
            {
                ("A", "en", "alpha", TermType.FULL, Status.PREFERRED),
                ("A", "en", "alfa", TermType.FULL, Status.ADMITTED),
                ("A", "en", "AL", TermType.ACRONYM, Status.PREFERRED),
            },
        ),
        # semicolons, as Excel writes in French locales, and a BOM
        (
            "\ufeffconcept;lang;term;status\nB;fr;bêta;deprecatedTerm-admn-sts\n",
            {("B", "fr", "bêta", TermType.FULL, Status.DEPRECATED)},
        ),
        # wide, with and without a concept column
        (
            "concept,en,en acronym,fr\nC,gamma,G,gamma fr\n",
            {
                ("C", "en", "gamma", TermType.FULL, Status.PREFERRED),
                ("C", "en", "G", TermType.ACRONYM, Status.PREFERRED),
                ("C", "fr", "gamma fr", TermType.FULL, Status.PREFERRED),
            },
        ),
        (
            "en,en acronym\n  delta  one ,D\n",
            {
                ("D", "en", "delta one", TermType.FULL, Status.PREFERRED),
                ("D", "en", "D", TermType.ACRONYM, Status.PREFERRED),
            },
        ),
    ],
)
def test_tables_import(table: str, expected: set[tuple[str, str, str, TermType, Status]]) -> None:
    result = import_termbase(table.encode("utf-8"), "table.csv")
    found = {(t.concept_id, t.lang, t.text, t.type, t.status) for t in result.termbase.terms()}
    assert found == expected


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("concept,lang,term,colour\nA,en,a,red\n", r"cannot map the column\(s\) 'colour'"),
        (
            "concept,lang,word\nA,en,a\n",
            r"cannot map the column\(s\) 'word'; missing the column\(s\) term",
        ),
        ("concept,colour\nA,red\n", r"cannot map the column\(s\) 'colour'.*en acronym"),
        ("concept,term\nA,a\n", r"missing the column\(s\) lang"),
        ("concept,lang,term,type\nA,en,a,noun\n", r"table.csv:2: unknown term type 'noun'"),
        ("concept,lang,term\nA,klingon-xx,a\n", r"table.csv:2: unknown language tag"),
        ("", r"the table is empty"),
    ],
)
def test_bad_tables(table: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        import_termbase(table.encode("utf-8"), "table.csv")


def test_bad_header_through_the_cli(tmp_path: Path) -> None:
    table = write(tmp_path / "t.csv", "concept,lang,word\nA,en,a\n")
    result = run("import", str(table))
    assert result.exit_code == 2
    assert "cannot map the column(s) 'word'" in result.stderr
    assert "concept, lang, term" in result.stderr


def test_import_csv_to_a_valid_termbase(tmp_path: Path) -> None:
    table = write(tmp_path / "t.csv", "concept,lang,term\nA,en,alpha\nB,en,alpha\n")
    out = tmp_path / "t.toml"
    result = run("import", str(table), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "'alpha' (en) names both 'A' and 'B'" in result.stderr
    assert run("validate", "--alone", str(out)).exit_code in (0, 1)


# --- formulas: what a spreadsheet must not run -----------------------------------------------

# Terms a spreadsheet would take for a formula (OWASP's CSV injection), and terms that merely
# look like an escape: each must come back from export + import as it was.
RISKY = r"""
[termbase]
name = "risky"
languages = ["en", "fr"]

[concept.CALC.en]
full = "=cmd|' /C calc'!A0"
acronym = { term = "CALC", note = "=HYPERLINK(\"http://example.org\", \"click\")" }

[concept.SUM.en]
full = "@SUM(A1:A2)"
admitted = ["+x", "-2+3"]

[concept.ENE.en]
full = "-ene"
admitted = ["'-ene", "''=twice", "'tis", "'"]

[concept.ENE.fr]
full = "-ène"
note = "\tstarts with a tab"
""".lstrip()
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def risky_file(tmp_path: Path) -> Path:
    return write(tmp_path / "risky.toml", RISKY)


@pytest.mark.parametrize(
    ("cell", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+x", "'+x"),
        ("-2+3", "'-2+3"),
        ("-ene", "'-ene"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'-ene", "''-ene"),  # an apostrophe of the term's own is kept: one more is added
        ("''=x", "'''=x"),
        ("'tis", "'tis"),  # nothing a spreadsheet would run: left alone
        ("'", "'"),
        ("x=1", "x=1"),
        (" =1", " =1"),
        ("", ""),
        ("UNEP", "UNEP"),
    ],
)
def test_formula_escaping_table(cell: str, escaped: str) -> None:
    assert escape_formula(cell) == escaped
    assert unescape_formula(escaped) == cell


@pytest.mark.parametrize("cell", ["'x", "'tis", "''", "x'", "'5", "x", "'x=1"])
def test_unescaping_leaves_apostrophes_termkit_did_not_add(cell: str) -> None:
    assert unescape_formula(cell) == cell


def _cells(text: str, delimiter: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


@pytest.mark.parametrize(
    "options",
    [
        ["--format", "csv"],
        ["--format", "csv", "--wide"],
        ["--format", "tsv"],
        ["--format", "tsv", "--wide"],
        ["--format", "csv", "--bom"],
    ],
)
def test_no_exported_cell_starts_a_formula(risky_file: Path, options: list[str]) -> None:
    result = run("export", "--no-default-termbase", "-t", str(risky_file), *options)
    assert result.exit_code == 0, result.stderr
    text = result.stdout_bytes.decode("utf-8-sig")
    cells = _cells(text, "\t" if "tsv" in options else ",")
    assert not [cell for cell in cells if cell.startswith(TRIGGERS)]
    assert "'=cmd|' /C calc'!A0" in cells
    assert "'-ene" in cells
    if "--wide" not in options:
        assert {"'@SUM(A1:A2)", "'+x", "'-2+3", "''-ene", "'''=twice", "'tis", "'"} <= set(cells)
        assert "'\tstarts with a tab" in cells


def test_no_escape_formulas_writes_cells_as_they_are(risky_file: Path) -> None:
    result = run("export", "--no-default-termbase", "-t", str(risky_file), "--format", "csv",
                 "--no-escape-formulas")
    assert result.exit_code == 0, result.stderr
    cells = _cells(result.stdout, ",")
    assert {"=cmd|' /C calc'!A0", "@SUM(A1:A2)", "+x", "-2+3", "-ene", "'-ene"} <= set(cells)


def test_the_escape_option_is_explained_in_help() -> None:
    text = " ".join(run("export", "--help").stdout.split())
    assert "--no-escape-formulas" in text and "spreadsheet" in text


def test_no_escape_formulas_applies_to_tables_only(risky_file: Path) -> None:
    result = run("export", "--no-default-termbase", "-t", str(risky_file), "--format", "json",
                 "--no-escape-formulas")
    assert result.exit_code == 2
    assert "csv and tsv only" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("bom", [[], ["--bom"]])
def test_escaped_tables_round_trip_exactly(
    risky_file: Path, tmp_path: Path, fmt: str, bom: list[str]
) -> None:
    table = tmp_path / f"risky.{fmt}"
    exported = run("export", "--no-default-termbase", "-t", str(risky_file), "-o", str(table),
                   *bom)
    assert exported.exit_code == 0, exported.stderr
    back = tmp_path / "back.toml"
    imported = run("import", str(table), "-o", str(back))
    assert imported.exit_code == 0, imported.stderr
    original = load_termbase_text(RISKY)
    again = load_termbase_text(back.read_text(encoding="utf-8"))
    assert dict(again.concepts) == dict(original.concepts)
    texts = {t.text for t in again.terms()}
    assert {"=cmd|' /C calc'!A0", "-ene", "'-ene", "''=twice", "'tis", "'", "-2+3"} <= texts


def test_the_wide_table_round_trips_its_terms(risky_file: Path) -> None:
    exported = run("export", "--no-default-termbase", "-t", str(risky_file), "--format", "csv",
                   "--wide")
    back = import_termbase(exported.stdout_bytes, "risky.csv").termbase
    assert {t.text for t in back.terms() if t.status is Status.PREFERRED} == {
        "=cmd|' /C calc'!A0", "CALC", "@SUM(A1:A2)", "-ene", "-ène",
    }


# --- JSON ------------------------------------------------------------------------------------


def json_schema() -> dict[str, object]:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"```json schema\n(.*?)```", text, re.S)
    assert block, "docs/json-format.md must hold the schema in a ```json schema block"
    schema: dict[str, object] = json.loads(block.group(1))
    return schema


def test_json_matches_the_documented_schema(small_file: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    result = run("export", "--no-default-termbase", "-t", str(small_file), "--format", "json")
    data = json.loads(result.stdout)
    jsonschema.validate(data, json_schema())
    zh = [t for t in data["concepts"][0]["terms"] if t["lang"] == "zh"]
    assert zh == [
        {
            "text": "OEWG",
            "lang": "zh",
            "type": "acronym",
            "status": "preferred",
            "note": 'a, b; "c"\nd',
            "source": None,
            "plural": None,
            "borrowed_from": "en",
        }
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"{", "JSON syntax error"), (b'{"format": "other"}', "not a termkit JSON termbase")],
)
def test_bad_json(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        import_termbase(data, "x.json")


# --- export command --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("out.tbx", "<?xml"),
        ("out.csv", "concept,lang,term"),
        ("out.tsv", "concept\tlang"),
        ("out.json", "{"),
        ("out.XML", "<?xml"),
    ],
)
def test_export_format_from_the_extension(
    small_file: Path, tmp_path: Path, name: str, start: str
) -> None:
    out = tmp_path / name
    result = run("export", "--no-default-termbase", "-t", str(small_file), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith(start)
    assert f"to {out}" in result.stderr


@pytest.mark.parametrize("name", ["out.xlsx", "out.txt", "out", "out.toml"])
def test_export_refuses_an_extension_it_cannot_tell_a_format_from(
    small_file: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    result = run("export", "--no-default-termbase", "-t", str(small_file), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"termkit: error: {out}: cannot tell the export format from")
    assert "--format" in result.stderr
    assert not out.exists()
    given = run("export", "--no-default-termbase", "-t", str(small_file), "-o", str(out),
                "--format", "csv")
    assert given.exit_code == 0, given.stderr
    assert out.read_text(encoding="utf-8").startswith("concept,lang,term")


def test_export_lang_filter_and_errors(small_file: Path) -> None:
    args = ["export", "--no-default-termbase", "-t", str(small_file)]
    result = run(*args, "--format", "csv", "--lang", "fr")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["lang"] for r in rows if r["term"]} == {"fr"}
    assert run(*args, "--format", "tbx", "--wide").exit_code == 2
    bad = run(*args, "--lang", "nonsense-language-tag")
    assert bad.exit_code == 2 and "unknown language tag" in bad.stderr


def test_export_warns_about_concepts_tbx_cannot_hold(tmp_path: Path) -> None:
    path = write(tmp_path / "e.toml", SMALL + '\n[concept.EMPTY]\nnote = "later"\n')
    result = run("export", "--no-default-termbase", "-t", str(path))
    assert result.exit_code == 0
    assert "warning: concept 'EMPTY' has no terms" in result.stderr


def test_export_with_the_shipped_termbase() -> None:
    if not (ROOT / "termbases" / "gimm.toml").is_file():
        pytest.skip("termbases/gimm.toml is not there yet")
    result = run("export", "--format", "csv", "--wide", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"concept,en,en acronym\r\n")
    assert load_termbase_text(SMALL)  # sanity: the fixture itself is valid
