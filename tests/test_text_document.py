"""Reading, writing and finding documents."""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
from pathlib import Path

import pytest

from termkit.errors import InputError
from termkit.text import (
    BinaryFileError,
    Document,
    is_markdown_path,
    iter_document_paths,
    read_document,
    write_document,
)

TEXT = "联合国环境规划署（UNEP）\r\nopen-ended working group\r\n"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", True),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", True),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le", True),
    ],
)
def test_read_detects_utf8_and_boms(tmp_path: Path, data: bytes, encoding: str, bom: bool) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    document = read_document(path)
    assert document == Document(str(path), TEXT, encoding, bom, "\r\n")


def test_read_with_an_explicit_encoding(tmp_path: Path) -> None:
    path = tmp_path / "gb.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    with pytest.raises(InputError):
        read_document(path)
    document = read_document(path, encoding="GB18030")
    assert (document.text, document.encoding, document.bom) == (TEXT, "gb18030", False)


def test_utf16_without_bom_needs_the_encoding_and_is_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    with pytest.raises(BinaryFileError):
        read_document(path)
    document = read_document(path, encoding="utf-16")
    assert (document.text, document.encoding) == (TEXT, "utf-16-le")


def test_invalid_utf8_names_the_line_and_column_of_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("第一行\n全球政府".encode() + "间会议".encode("gb18030") + b"\n")
    with pytest.raises(InputError) as caught:
        read_document(path)
    error = caught.value
    assert not isinstance(error, BinaryFileError)
    assert (error.path, error.line, error.column) == (str(path), 2, 5)
    assert str(error) == (f"{path}:2:5: not valid UTF-8; use --encoding (e.g. gb18030, utf-16)")


def test_a_wrong_explicit_encoding_says_so(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes("ok\n\xff".encode("latin-1"))
    with pytest.raises(InputError, match="cannot decode as ascii") as caught:
        read_document(path, encoding="ascii")
    assert (caught.value.line, caught.value.column) == (2, 1)
    with pytest.raises(InputError, match="unknown encoding"):
        read_document(path, encoding="no-such-codec")


def test_binary_files_raise_a_distinct_error(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BinaryFileError, match="binary") as caught:
        read_document(path)
    assert isinstance(caught.value, InputError)


def test_missing_files_and_folders(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_document(tmp_path)


def test_read_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(codecs.BOM_UTF8 + "全球\n".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    document = read_document("-")
    assert (document.path, document.text, document.bom) == ("<stdin>", "全球\n", True)
    with pytest.raises(InputError, match="standard input"):
        write_document(document, "x")


@pytest.mark.parametrize(
    ("text", "newline"),
    [("a\nb\n", "\n"), ("a\r\nb\r\nc\n", "\r\n"), ("a\rb\r", "\r"), ("no line end", "\n")],
)
def test_dominant_newline(tmp_path: Path, text: str, newline: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode())
    document = read_document(path)
    assert document.text == text  # line endings are kept
    assert document.newline == newline


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", False),
        ("utf-8", True),
        ("utf-16-le", True),
        ("utf-16-be", True),
        ("gb18030", False),
    ],
)
def test_write_round_trip_keeps_encoding_bom_and_crlf(
    tmp_path: Path, encoding: str, bom: bool
) -> None:
    path = tmp_path / "doc.txt"
    prefix = (
        {
            "utf-8": codecs.BOM_UTF8,
            "utf-16-le": codecs.BOM_UTF16_LE,
            "utf-16-be": codecs.BOM_UTF16_BE,
        }.get(encoding, b"")
        if bom
        else b""
    )
    path.write_bytes(prefix + TEXT.encode(encoding))
    document = read_document(path, encoding=None if bom else encoding)
    new_text = document.text.replace("（UNEP）", "（联合国环境署）")
    write_document(document, new_text)
    data = path.read_bytes()
    assert data == prefix + new_text.encode(encoding)
    assert b"\r\n".decode() in read_document(path, None if bom else encoding).text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]  # no temporary file left


def test_write_keeps_line_endings_of_the_new_text(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"a\r\nb\r\n")
    write_document(read_document(path), "a\r\nb\nc")  # never converted
    assert path.read_bytes() == b"a\r\nb\nc"


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_write_keeps_permission_bits_and_follows_links(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_document(read_document(link), "new\n")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_failed_replace_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original\n")
    document = read_document(path)

    def failing_replace(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(InputError, match="cannot write: No space left on device"):
        write_document(document, "changed\n")
    assert path.read_bytes() == b"original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user"
)
def test_a_read_only_folder_leaves_the_original(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "doc.txt"
    path.write_bytes(b"original\n")
    document = read_document(path)
    folder.chmod(0o500)
    try:
        with pytest.raises(InputError, match="cannot write"):
            write_document(document, "changed\n")
    finally:
        folder.chmod(0o700)
    assert path.read_bytes() == b"original\n"
    assert [p.name for p in folder.iterdir()] == ["doc.txt"]


def test_text_that_the_encoding_cannot_hold(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("café\n".encode("latin-1"))
    document = read_document(path, encoding="latin-1")
    with pytest.raises(InputError, match="cannot encode '全' as iso8859-1") as caught:
        write_document(document, "café\n全球")
    assert (caught.value.line, caught.value.column) == (2, 1)
    assert path.read_bytes() == "café\n".encode("latin-1")


# --- finding documents ------------------------------------------------------------------------


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in [
        "a.md",
        "b.txt",
        "c.rst",
        "d.markdown",
        "e.py",
        "F.MD",
        ".hidden.md",
        "docs/x.md",
        "docs/drafts/y.md",
        "docs/sub/z.txt",
        ".git/notes.md",
        "node_modules/pkg/readme.md",
        "build/out.txt",
        "venv/lib.txt",
        "__pycache__/c.txt",
        "dist/d.md",
        ".venv/v.md",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_walk_yields_documents_sorted_and_skips_hidden_and_build_folders(tree: Path) -> None:
    found = [p.as_posix() for p in map(Path, iter_document_paths(["."]))]
    # sorted by path components, code point order
    assert found == [
        "F.MD",
        "a.md",
        "b.txt",
        "c.rst",
        "d.markdown",
        "docs/drafts/y.md",
        "docs/sub/z.txt",
        "docs/x.md",
    ]


@pytest.mark.parametrize(
    ("exclude", "expected"),
    [
        (["drafts"], ["docs/sub/z.txt", "docs/x.md"]),
        (["drafts/*"], ["docs/sub/z.txt", "docs/x.md"]),
        (["docs/drafts/*"], ["docs/sub/z.txt", "docs/x.md"]),
        (["*.txt"], ["docs/drafts/y.md", "docs/x.md"]),
        (["z.txt", "x.md"], ["docs/drafts/y.md"]),
    ],
)
def test_walk_exclude_globs(tree: Path, exclude: list[str], expected: list[str]) -> None:
    found = [Path(p).as_posix() for p in iter_document_paths(["docs"], exclude)]
    assert found == expected


def test_explicit_files_any_extension_and_stdin_pass_through(tree: Path) -> None:
    found = list(iter_document_paths(["e.py", "-", "a.md", "a.md", "."], exclude=["*.py"]))
    assert found[:3] == [Path("e.py"), "-", Path("a.md")]
    assert found.count(Path("a.md")) == 1  # each document once
    assert list(iter_document_paths(["e.py"], ["*.py"], force_exclude=True)) == []


def test_a_missing_path_is_an_input_error(tree: Path) -> None:
    with pytest.raises(InputError, match="no such file") as caught:
        list(iter_document_paths(["missing.md"]))
    assert caught.value.path == "missing.md"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("a.md", True),
        ("A.MARKDOWN", True),
        ("x/y.mdown", True),
        ("a.txt", False),
        ("a.rst", False),
        (Path("md"), False),
    ],
)
def test_is_markdown_path(path: str | Path, expected: bool) -> None:
    assert is_markdown_path(path) is expected
