"""Decoding with ``--encoding``: text codecs only, and no lone surrogate gets through; text made
in code that holds one is checked without a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit import check_text, load_termbase
from termkit.cli import cli
from termkit.errors import InputError
from termkit.matcher import TermMatcher
from termkit.text import read_document


@pytest.mark.parametrize("codec", ["base64", "zlib", "hex", "rot13", "BASE64"])
def test_a_codec_that_is_not_a_text_encoding_is_refused(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"The OEWG met.\n")
    with pytest.raises(InputError) as raised:
        read_document(path, encoding=codec)
    assert str(raised.value) == f"{path}: {codec!r} is not a text encoding"


@pytest.mark.parametrize(
    ("data", "codec", "where", "code"),
    [
        (b"The OEWG met +2AA- here.\n", "utf-7", "1:14", "D800"),
        (b"One line.\nThe \\udfff OEWG.\n", "unicode_escape", "2:5", "DFFF"),
        (b"The \\ud800\\udc00 pair is one character, \\udc00 is not.\n", "unicode_escape",
         "1:30", "DC00"),
        (b"A high one at the end \\udbff", "unicode_escape", "1:23", "DBFF"),
    ],
)
def test_a_lone_surrogate_from_decoding_is_a_located_error(
    tmp_path: Path, data: bytes, codec: str, where: str, code: str
) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(data)
    with pytest.raises(InputError) as raised:
        read_document(path, encoding=codec)
    name = codec.replace("_", "-")
    assert str(raised.value) == (
        f"{path}:{where}: cannot decode as {name}: it makes a lone surrogate (U+{code}), which "
        "is not a character"
    )


def test_the_cli_reports_them_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"The OEWG met +2AA- here.\n")
    result = CliRunner().invoke(cli, ["check", "--encoding", "utf-7", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"termkit: error: {path}:1:14: cannot decode as utf-7: it makes a lone surrogate "
        "(U+D800), which is not a character\n"
    )
    result = CliRunner().invoke(cli, ["check", "--encoding", "base64", str(path)])
    assert (result.exit_code, result.output) == (
        2,
        f"termkit: error: {path}: 'base64' is not a text encoding\n",
    )


def test_utf7_without_surrogates_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("The OEWG met in Genève 😀.\n".encode("utf-7"))
    assert read_document(path, encoding="utf-7").text == "The OEWG met in Genève 😀.\n"


def test_a_surrogate_pair_is_the_character_it_encodes(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"The OEWG \\ud83d\\ude00 met.\n")
    assert read_document(path, encoding="unicode_escape").text == "The OEWG 😀 met.\n"


@pytest.mark.parametrize(
    "text",
    [
        "The \ud800 OEWG met.",
        "\udcff与会代表讨论了多边环境协议\ud800。UNEP",
        "The open-ended working group (OEWG) met \udfff.",
    ],
)
def test_check_text_with_a_lone_surrogate_finds_what_it_would_find_around_it(text: str) -> None:
    """As if each lone surrogate were U+FFFD: one character for one, so offsets hold."""
    termbase = load_termbase()
    replaced = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    for lang in (None, "en"):
        found = [(f.code, f.start, f.end) for f in check_text(text, termbase, lang=lang)]
        assert found == [(f.code, f.start, f.end) for f in check_text(replaced, termbase, lang=lang)]


def test_near_misses_in_text_with_a_lone_surrogate() -> None:
    matcher = TermMatcher.compile(load_termbase(), ["zh"])
    text = "\ud800矿物和金属管理问题全球政府间会议"
    misses = matcher.find_near_misses(text, "zh", [])
    assert [(m.start, m.text) for m in misses] == [(1, text[1:])]
