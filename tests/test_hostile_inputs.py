"""Files built to break a parser end in a located one-line error, not a traceback: TOML and JSON
nested thousands deep, a CSV cell over csv's limit, TBX ids that escape no character."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.cli import cli
from termkit.errors import InputError
from termkit.interchange import import_termbase
from termkit.interchange.tbx import decode_id, encode_id
from termkit.termbase import read_termbase_file

DEEP = 10_000


@pytest.mark.parametrize(
    "value",
    ["[" * DEEP + "]" * DEEP, "{a = " * DEEP + "1" + "}" * DEEP],
    ids=["arrays", "inline-tables"],
)
def test_toml_nested_thousands_deep(tmp_path: Path, value: str) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(f'[concept.X.en]\nfull = "x"\nnote = {value}\n', encoding="utf-8")
    termbase, (diagnostic,) = read_termbase_file(path)
    assert termbase is None
    assert str(diagnostic) == (
        f"{path}: error: TOML nested too deeply (arrays or inline tables hundreds deep)"
    )
    result = CliRunner().invoke(cli, ["validate", "--alone", str(path)])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == str(diagnostic)
    document = tmp_path / "a.md"
    document.write_text("The OEWG met.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--termbase", str(path), str(document)])
    assert (result.exit_code, result.output) == (
        2,
        f"termkit: error: {path}: TOML nested too deeply (arrays or inline tables hundreds "
        "deep)\n",
    )


def test_json_nested_a_hundred_thousand_deep() -> None:
    data = b'{"format": "termkit-termbase", "concepts": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(InputError) as raised:
        import_termbase(data, "deep.json")
    assert str(raised.value) == (
        "deep.json: JSON nested too deeply (arrays or objects hundreds deep): not a termbase"
    )


def test_a_csv_cell_over_the_limit_is_a_located_error() -> None:
    data = (
        "concept,lang,term,type,status\n"
        "A,en,alpha,full,preferred\n"
        f'B,en,"{"x" * 140_000}",full,preferred\n'
    ).encode()
    with pytest.raises(InputError) as raised:
        import_termbase(data, "big.csv")
    assert str(raised.value) == (
        "big.csv:3: a cell runs over 131,072 characters (is a quote left open?)"
    )


def test_a_quote_left_open_is_found_at_its_row() -> None:
    rows = ["concept,lang,term,type,status", 'A,en,"alpha,full,preferred']
    rows += [f"C{i},en,term {i},full,preferred" for i in range(6000)]
    with pytest.raises(InputError, match=r"^big\.csv:2: a cell runs over"):
        import_termbase("\n".join(rows).encode(), "big.csv")


@pytest.mark.parametrize("escape", ["_xD800_", "_xDFFF_", "_x110000_", "_xFFFFFF_"])
def test_a_tbx_id_that_escapes_no_character_is_kept_as_written(escape: str) -> None:
    assert decode_id(f"c{escape}1") == f"c{escape}1"
    assert decode_id(encode_id(f"c{escape}1")) == f"c{escape}1"  # and round-trips
    data = (
        f'<martif type="TBX" xml:lang="en"><text><body><termEntry id="{escape}">'
        '<langSet xml:lang="en"><tig><term>alpha</term></tig></langSet>'
        "</termEntry></body></text></martif>"
    ).encode()
    result = import_termbase(data, "x.tbx")
    assert list(result.termbase.concepts) == [escape]


def test_a_tbx_id_that_escapes_a_character_still_decodes() -> None:
    assert decode_id("_x0032_030-agenda") == "2030-agenda"
    assert decode_id("_x1F600_") == "\U0001f600"
