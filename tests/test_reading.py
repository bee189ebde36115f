"""Inputs that are not regular files, or too large, end in one line instead of a hang or an
out-of-memory: FIFOs and devices as documents, termbases, cache entries and in folder walks,
and every read (standard input too) under a documented size limit."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from termkit.errors import InputError
from termkit.reading import (
    DOCUMENT_LIMIT,
    TERMBASE_LIMIT,
    FileTooLargeError,
    NotRegularFileError,
    SizeLimit,
    read_regular_file,
    read_stream,
)
from termkit.text.document import SpecialFileError, iter_document_paths, read_document

ROOT = Path(__file__).resolve().parents[1]
TEXT = "The open-ended working group (OEWG) met. The OEWG agreed.\n"
TOML = '[termbase]\nlanguages = ["en"]\n[concept.X.en]\nfull = "ex"\n'
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")


def termkit(
    *args: object, cwd: Path, env: dict[str, str] | None = None, stdin: int | None = None
) -> subprocess.CompletedProcess[str]:
    """The CLI in a process of its own, with a timeout: a regression fails, never hangs."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "termkit", *map(str, args)],
        cwd=cwd,
        env=environment,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs (POSIX)")
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    return path


# --- FIFOs ---------------------------------------------------------------------------------------


@posix_only
def test_a_fifo_named_as_a_document_is_an_error(tmp_path: Path, fifo: Path) -> None:
    line = one_error_line(termkit("check", fifo, cwd=tmp_path))
    assert line == (
        f"termkit: error: {fifo}: is a named pipe (FIFO), not a regular file: termkit reads "
        "only regular files (and - for standard input)"
    )


@posix_only
@pytest.mark.parametrize("command", ["glossary", "expand", "extract"])
def test_other_commands_refuse_a_fifo_too(tmp_path: Path, fifo: Path, command: str) -> None:
    assert "named pipe" in one_error_line(termkit(command, fifo, cwd=tmp_path))


@posix_only
def test_a_fifo_in_a_walked_folder_is_skipped_with_a_notice(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.md").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "b.md")
    done = termkit("check", "--lang", "en", folder, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"termkit: skipped {folder / 'b.md'}: is a named pipe (FIFO), not a regular file" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr


@posix_only
def test_a_fifo_as_a_termbase_is_an_error(tmp_path: Path, fifo: Path) -> None:
    document = tmp_path / "a.md"
    document.write_text(TEXT, encoding="utf-8")
    line = one_error_line(termkit("check", "--termbase", fifo, document, cwd=tmp_path))
    assert line == (
        f"termkit: error: {fifo}: cannot read termbase: is a named pipe (FIFO), not a regular file"
    )
    done = termkit("validate", fifo, cwd=tmp_path)
    assert done.returncode == 2
    assert f"{fifo}: error: cannot read termbase: is a named pipe (FIFO)" in done.stdout


@posix_only
def test_a_fifo_to_import_is_an_error(tmp_path: Path, fifo: Path) -> None:
    line = one_error_line(termkit("import", fifo, cwd=tmp_path))
    assert line == f"termkit: error: {fifo}: cannot read: is a named pipe (FIFO), not a regular file"


def _check_with_cache(tmp_path: Path, document: Path) -> subprocess.CompletedProcess[str]:
    env = {"TERMKIT_CACHE_DIR": str(tmp_path / "cache"), "TERMKIT_NO_CACHE": ""}
    return termkit("check", "--lang", "en", document, cwd=tmp_path, env=env)


@pytest.mark.parametrize(
    "replace",
    [
        pytest.param(os.mkfifo if hasattr(os, "mkfifo") else None, id="fifo", marks=posix_only),
        pytest.param(
            lambda path: os.symlink("/dev/zero", path), id="dev-zero", marks=needs_dev_zero
        ),
    ],
)
def test_a_fifo_or_a_device_in_the_cache_is_rebuilt(tmp_path: Path, replace: object) -> None:
    document = tmp_path / "a.md"
    document.write_text("The OEWG met.\n", encoding="utf-8")
    clean = _check_with_cache(tmp_path, document)
    entries = sorted((tmp_path / "cache").glob("*.tkc"))
    assert any(".termbase." in e.name for e in entries)
    assert any(".matcher-en-exact@" in e.name for e in entries)
    for entry in entries:
        entry.unlink()
        assert callable(replace)
        replace(entry)
    again = _check_with_cache(tmp_path, document)
    assert (again.returncode, again.stdout, again.stderr) == (
        clean.returncode,
        clean.stdout,
        clean.stderr,
    )
    assert all(entry.is_file() and not entry.is_symlink() for entry in entries)  # rebuilt


# --- devices -------------------------------------------------------------------------------------


@needs_dev_zero
def test_dev_zero_linked_into_a_walked_folder_is_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.md").write_text(TEXT, encoding="utf-8")
    (folder / "zero.md").symlink_to("/dev/zero")
    done = termkit("check", "--lang", "en", folder, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"termkit: skipped {folder / 'zero.md'}: is a device, not a regular file" in done.stderr


@needs_dev_zero
def test_dev_zero_as_a_document_or_a_termbase_is_an_error(tmp_path: Path) -> None:
    document = tmp_path / "a.md"
    document.write_text(TEXT, encoding="utf-8")
    line = one_error_line(termkit("check", "/dev/zero", cwd=tmp_path))
    assert line.startswith("termkit: error: /dev/zero: is a device, not a regular file")
    line = one_error_line(termkit("check", "--termbase", "/dev/zero", document, cwd=tmp_path))
    assert line == "termkit: error: /dev/zero: cannot read termbase: is a device, not a regular file"


@needs_dev_zero
def test_dev_zero_on_standard_input_stops_at_the_limit(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = termkit(
            "check", "-", cwd=tmp_path, env={"TERMKIT_MAX_DOCUMENT_SIZE": "1M"}, stdin=zero.fileno()
        )
    assert one_error_line(done) == (
        "termkit: error: <stdin>: cannot read: too large: over the limit of 1 MiB for a "
        "document (TERMKIT_MAX_DOCUMENT_SIZE raises it)"
    )


# --- size limits ---------------------------------------------------------------------------------


def test_the_documented_limits() -> None:
    assert DOCUMENT_LIMIT.bytes() == 256 * 2**20
    assert TERMBASE_LIMIT.bytes() == 64 * 2**20
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for limit in (DOCUMENT_LIMIT, TERMBASE_LIMIT):
        assert limit.env in readme


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", 256 * 2**20), ("1000", 1000), ("2k", 2048), ("512M", 512 * 2**20), ("1 GiB", 2**30)],
)
def test_a_limit_can_be_raised(monkeypatch: pytest.MonkeyPatch, value: str, expected: int) -> None:
    monkeypatch.setenv(DOCUMENT_LIMIT.env, value)
    assert DOCUMENT_LIMIT.bytes() == expected


@pytest.mark.parametrize("value", ["lots", "0", "-5", "1.5G", "12T"])
def test_a_malformed_limit_is_an_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(DOCUMENT_LIMIT.env, value)
    with pytest.raises(InputError, match=r"TERMKIT_MAX_DOCUMENT_SIZE=.*expected a size"):
        DOCUMENT_LIMIT.bytes()


def test_a_document_over_the_limit_is_an_error(tmp_path: Path) -> None:
    document = tmp_path / "a.md"
    document.write_text(TEXT, encoding="utf-8")
    env = {"TERMKIT_MAX_DOCUMENT_SIZE": "20"}
    assert one_error_line(termkit("check", document, cwd=tmp_path, env=env)) == (
        f"termkit: error: {document}: cannot read: too large: 58 bytes, over the limit of 20 "
        "bytes for a document (TERMKIT_MAX_DOCUMENT_SIZE raises it)"
    )


def test_a_termbase_over_the_limit_is_an_error(tmp_path: Path) -> None:
    document = tmp_path / "a.md"
    document.write_text(TEXT, encoding="utf-8")
    termbase = tmp_path / "t.toml"
    termbase.write_text(TOML, encoding="utf-8")
    env = {"TERMKIT_MAX_TERMBASE_SIZE": "20"}
    args = ("check", "--no-default-termbase", "--termbase", termbase, document)
    assert one_error_line(termkit(*args, cwd=tmp_path, env=env)) == (
        f"termkit: error: {termbase}: cannot read termbase: too large: 57 bytes, over the limit "
        "of 20 bytes for a termbase (TERMKIT_MAX_TERMBASE_SIZE raises it)"
    )


def test_a_file_that_grows_past_its_size_is_still_capped(tmp_path: Path) -> None:
    """The size fstat gave is a hint: reading goes on to the end, or to the limit."""
    limit = SizeLimit("a test", 100, "TERMKIT_TEST_LIMIT")
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, limit)[0] == b"x" * 100
    with pytest.raises(FileTooLargeError):
        read_stream(io.BytesIO(b"x" * 101), "<stdin>", limit)
    assert read_stream(io.BytesIO(b"x" * 100), "<stdin>", limit) == b"x" * 100
    assert read_stream(io.BytesIO(b""), "<stdin>", limit) == b""


def test_an_empty_file_reads_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    assert read_regular_file(path, DOCUMENT_LIMIT)[0] == b""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
def test_a_file_whose_size_says_zero_is_read_whole() -> None:
    data, status = read_regular_file("/proc/self/status", DOCUMENT_LIMIT)
    assert status.st_size == 0 and b"Name:" in data


# --- the library ---------------------------------------------------------------------------------


@posix_only
def test_the_library_refuses_special_files(tmp_path: Path, fifo: Path) -> None:
    with pytest.raises(InputError, match="named pipe"):
        list(iter_document_paths([str(fifo)]))
    with pytest.raises(SpecialFileError, match="named pipe"):  # met in a walk: skipped
        read_document(fifo)
    with pytest.raises(NotRegularFileError):
        read_regular_file(fifo, DOCUMENT_LIMIT)
    with pytest.raises(IsADirectoryError):
        read_regular_file(tmp_path, DOCUMENT_LIMIT)
