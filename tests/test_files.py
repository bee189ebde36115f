"""Writing files safely: every writer fails in one line, and never leaves half a file behind."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from termkit.cli import cli
from termkit.errors import FileChangedError, WriteError
from termkit.files import write_file
from termkit.termbase import load_termbase
from termkit.text import Document, read_document, write_document

TERMBASE = """\
[termbase]
name = "mine"
languages = ["en", "fr"]

[concept.A.en]
full = "alpha"
"""
OTHER = """\
[termbase]
name = "theirs"
languages = ["en", "fr"]

[concept.B.en]
full = "beta"
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def mine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "none.toml").write_text("default-termbase = false\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "mine.toml"
    path.write_text(TERMBASE, encoding="utf-8")
    return path


def assert_one_line_error(result: Result, *parts: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("termkit: error: "), result.stderr
    assert "Traceback" not in result.stderr
    for part in parts:
        assert part in lines[-1]


def _writers(mine: Path, output: Path) -> dict[str, list[str]]:
    other = mine.parent / "theirs.toml"
    other.write_text(OTHER, encoding="utf-8")
    return {
        "export": ["export", "--no-default-termbase", "-t", str(mine), "-o", str(output)],
        "import": ["import", str(mine.with_suffix(".csv")), "-o", str(output), "--force"],
        "merge": ["merge", str(mine), str(other), "-o", str(output)],
    }


def _csv(mine: Path) -> None:
    mine.with_suffix(".csv").write_text(
        "concept,lang,term,type,status\nA,en,alpha,full,preferred\n", encoding="utf-8"
    )


@pytest.mark.parametrize("command", ["export", "import", "merge"])
@pytest.mark.parametrize("where", ["missing folder", "under a file"])
def test_writing_where_there_is_no_folder_is_one_line(mine: Path, command: str, where: str) -> None:
    _csv(mine)
    folder = mine.parent / "missing" if where == "missing folder" else mine
    output = folder / "out.toml"
    if command == "export":
        output = folder / "out.csv"
    result = run(*_writers(mine, output)[command])
    assert_one_line_error(result, "cannot write", str(output))


@pytest.mark.parametrize("command", ["export", "import"])
def test_a_full_disk_is_one_line(mine: Path, command: str) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    _csv(mine)
    arguments = _writers(mine, Path("/dev/full"))[command]
    result = run(*arguments, *(["--format", "csv"] if command == "export" else []))
    assert_one_line_error(result, "No space left on device", "/dev/full")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # a device is written to, never replaced


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every flush to disk fails as a full disk does (fsync can report ENOSPC)."""

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)


def test_add_on_a_full_disk_is_one_line_and_keeps_the_termbase(
    mine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _full_disk(monkeypatch)
    result = run("add", "A", "--lang", "fr", "--full", "alphe", "-t", str(mine),
                 "--config", "none.toml")
    assert_one_line_error(result, "No space left on device", str(mine))
    assert mine.read_text(encoding="utf-8") == TERMBASE
    assert not [p for p in mine.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("command", ["export", "import", "merge"])
def test_other_writers_on_a_full_disk(
    mine: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    _csv(mine)
    output = mine.parent / ("out.csv" if command == "export" else "out.toml")
    arguments = _writers(mine, output)[command]
    _full_disk(monkeypatch)
    result = run(*arguments)
    assert_one_line_error(result, "No space left on device", str(output))
    assert not output.exists()
    assert not [p for p in mine.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_device_is_written_to_not_replaced(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (AttributeError, PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    write_file(device, b"data")
    assert stat.S_ISCHR(device.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="is a folder"):
        write_file(tmp_path, b"data")


def _as_other_user(action: Callable[[], int]) -> int:
    """Run ``action()`` in a forked child as user and group 65534; its exit status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        code = 1
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            code = action()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


needs_root = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="switching users needs root (CI runs as root)"
)


@pytest.fixture
def open_folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder every user can reach (pytest's own are private to their owner)."""
    folder = Path(tempfile.mkdtemp(prefix="termkit-test-"))
    folder.chmod(0o755)
    monkeypatch.chdir(folder)
    yield folder
    shutil.rmtree(folder)


@needs_root
def test_a_read_only_folder_is_one_line(open_folder: Path) -> None:
    termbase = open_folder / "mine.toml"
    termbase.write_text(TERMBASE, encoding="utf-8")
    folder = open_folder / "ro"
    folder.mkdir(mode=0o555)

    def export() -> int:
        result = run("export", "--no-default-termbase", "-t", str(termbase), "-o",
                     str(folder / "out.csv"))
        ok = result.exit_code == 2 and "cannot write: permission denied" in result.stderr
        return 0 if ok and "Traceback" not in result.stderr else 1

    assert _as_other_user(export) == 0
    assert list(folder.iterdir()) == []


# --- owner, group and mode --------------------------------------------------------------------

DRAFT = "UNEP and the Minamata Convention.\n"


@needs_root
def test_a_replaced_file_keeps_its_owner_group_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "theirs.md"
    path.write_text("old\n", encoding="utf-8")
    os.chown(path, 65534, 65534)
    path.chmod(0o600)
    write_file(path, b"new\n")
    status = path.stat()
    assert (status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (65534, 65534, 0o600)
    assert path.read_bytes() == b"new\n"


@needs_root
def test_check_fix_run_as_root_keeps_the_owner(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text("多边环境协议\n", encoding="utf-8")
    os.chown(path, 65534, 65534)
    path.chmod(0o600)
    result = run("check", "--fix", str(path))
    assert "Fixed" in result.stderr, result.stderr
    assert path.read_text(encoding="utf-8") != "多边环境协议\n"
    assert (path.stat().st_uid, path.stat().st_gid) == (65534, 65534)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_a_read_only_file_is_refused(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "locked.md"
    path.write_bytes(b"old\n")
    path.chmod(mode)
    with pytest.raises(WriteError, match="read-only file: not replaced"):
        write_file(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["locked.md"]


def test_check_fix_refuses_a_read_only_file_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text("多边环境协议\n", encoding="utf-8")
    path.chmod(0o444)
    result = run("check", "--fix", str(path))
    assert result.exit_code == 2, result.output
    assert f"termkit: error: {path}: read-only file" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == "多边环境协议\n"


@needs_root
def test_another_users_file_is_refused_when_its_owner_cannot_be_kept(open_folder: Path) -> None:
    open_folder.chmod(0o777)
    path = open_folder / "shared.md"
    path.write_bytes(b"old\n")
    path.chmod(0o666)  # writable by all, owned by root: the rename would make it 65534's

    def replace() -> int:
        try:
            write_file(path, b"new\n")
        except WriteError as error:
            return 0 if "not replaced (run as its owner)" in str(error) else 2
        return 1

    assert _as_other_user(replace) == 0
    assert path.read_bytes() == b"old\n"
    assert path.stat().st_uid == 0
    assert [p.name for p in open_folder.iterdir()] == ["shared.md"]


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
@pytest.mark.parametrize("command", ["export", "import", "merge"])
def test_new_files_get_the_umasks_mode(mine: Path, command: str, umask: int) -> None:
    _csv(mine)
    output = mine.parent / ("out.csv" if command == "export" else "out.toml")
    arguments = _writers(mine, output)[command]
    old = os.umask(umask)
    try:
        result = run(*arguments)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(output.stat().st_mode) == 0o666 & ~umask


# --- a file that changed since it was read ----------------------------------------------------


def test_a_document_appended_to_after_reading_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_bytes(b"UNEP\n")
    document = read_document(path)
    with path.open("ab") as stream:
        stream.write(b"appended by another program\n")
    with pytest.raises(FileChangedError, match="changed on disk since termkit read it") as caught:
        write_document(document, "UNEP (fixed)\n")
    assert caught.value.path == str(path)
    assert path.read_bytes() == b"UNEP\nappended by another program\n"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.md"]


def test_a_document_replaced_after_reading_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_bytes(b"UNEP\n")
    document = read_document(path)
    other = tmp_path / "other.md"
    other.write_bytes(b"UNEA\n")  # same size, another inode: an editor's save
    other.replace(path)
    with pytest.raises(FileChangedError):
        write_document(document, "fixed\n")
    assert path.read_bytes() == b"UNEA\n"


def test_a_document_deleted_after_reading_is_not_made_again(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_bytes(b"UNEP\n")
    document = read_document(path)
    path.unlink()
    with pytest.raises(FileChangedError):
        write_document(document, "fixed\n")
    assert list(tmp_path.iterdir()) == []


def test_a_document_deleted_while_writing_is_not_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.md"
    path.write_bytes(b"UNEP\n")
    document = read_document(path)
    real_fsync = os.fsync

    def fsync_then_delete(descriptor: int) -> None:
        real_fsync(descriptor)
        path.unlink()

    monkeypatch.setattr(os, "fsync", fsync_then_delete)
    with pytest.raises(FileChangedError):
        write_document(document, "fixed\n")
    assert list(tmp_path.iterdir()) == []


def test_a_document_read_again_is_written(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_bytes(b"UNEP\n")
    write_document(read_document(path), "one\n")
    write_document(read_document(path), "two\n")  # its own write is not a change by others
    assert path.read_bytes() == b"two\n"


def test_a_change_during_the_write_is_seen_at_the_last_moment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.md"
    path.write_bytes(b"UNEP\n")
    document = read_document(path)
    real_fsync = os.fsync

    def fsync_then_append(descriptor: int) -> None:
        real_fsync(descriptor)
        with path.open("ab") as stream:
            stream.write(b"late\n")

    monkeypatch.setattr(os, "fsync", fsync_then_append)
    with pytest.raises(FileChangedError):
        write_document(document, "fixed\n")
    assert path.read_bytes() == b"UNEP\nlate\n"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.md"]


def _append_after_reading(monkeypatch: pytest.MonkeyPatch, victim: Path) -> None:
    """Another program appends to ``victim`` right after termkit has read it."""
    import termkit.text

    real_read = termkit.text.read_document

    def read_then_append(path: str | Path, encoding: str | None = None) -> Document:
        document = real_read(path, encoding)
        if Path(path) == victim:
            with victim.open("a", encoding="utf-8") as stream:
                stream.write("appended\n")
        return document

    monkeypatch.setattr(termkit.text, "read_document", read_then_append)


def test_check_fix_on_a_file_appended_to_writes_nothing_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "a.md"
    second = tmp_path / "b.md"
    for path in (first, second):
        path.write_text("多边环境协议\n", encoding="utf-8")
    _append_after_reading(monkeypatch, first)
    result = run("check", "--fix", "--jobs", "1", str(first), str(second))
    assert result.exit_code == 2, result.output
    assert f"termkit: error: {first}: changed on disk since termkit read it" in result.stderr
    assert "Traceback" not in result.stderr
    assert first.read_text(encoding="utf-8") == "多边环境协议\nappended\n"
    assert f"Fixed 1 in {second}" in result.stderr  # the other file is fixed all the same
    assert second.read_text(encoding="utf-8") != "多边环境协议\n"


def test_expand_in_place_on_a_file_appended_to_writes_nothing_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    path.write_text("UNEP met.\n", encoding="utf-8")
    _append_after_reading(monkeypatch, path)
    result = run("expand", "--in-place", "--lang", "en", str(path))
    assert result.exit_code == 2, result.output
    assert f"termkit: error: {path}: changed on disk" in result.stderr
    assert path.read_text(encoding="utf-8") == "UNEP met.\nappended\n"


def test_add_on_a_termbase_changed_after_reading_writes_nothing(
    mine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import termkit.editing

    real_read = termkit.editing.TomlFile.read

    def read_then_append(path: str | os.PathLike[str]) -> termkit.editing.TomlFile:
        file = real_read(path)
        with mine.open("a", encoding="utf-8") as stream:
            stream.write('\n[concept.B.en]\nfull = "beta"\n')
        return file

    monkeypatch.setattr(termkit.editing.TomlFile, "read", staticmethod(read_then_append))
    result = run("add", "A", "--lang", "fr", "--full", "alphe", "-t", str(mine),
                 "--config", "none.toml")
    assert_one_line_error(result, "changed on disk", str(mine))
    assert mine.read_text(encoding="utf-8") == TERMBASE + '\n[concept.B.en]\nfull = "beta"\n'


# --- concurrent edits of one termbase ---------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def _termkit(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "termkit", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(processes: list[subprocess.Popen[str]]) -> list[tuple[int, str]]:
    return [(p.wait(timeout=120), p.communicate()[1]) for p in processes]


def test_parallel_adds_all_survive(mine: Path) -> None:
    ids = [f"C{i}" for i in range(8)]
    processes = [
        _termkit("add", cid, "--lang", "en", "--full", f"concept number {cid}", "-t", str(mine),
                 "--config", "none.toml", cwd=mine.parent)
        for cid in ids
    ]
    for code, stderr in _finish(processes):
        assert code == 0, stderr
    termbase = load_termbase([mine], include_default=False)
    assert {cid for cid in ids if cid in termbase.concepts} == set(ids)


def test_parallel_merges_into_one_termbase_all_survive(mine: Path) -> None:
    others = []
    for i in range(4):
        other = mine.parent / f"theirs{i}.toml"
        other.write_text(OTHER.replace("concept.B", f"concept.B{i}").replace("beta", f"beta {i}"),
                         encoding="utf-8")
        others.append(other)
    processes = [
        _termkit("merge", str(mine), str(other), "-o", str(mine), cwd=mine.parent)
        for other in others
    ]
    processes.append(_termkit("add", "D", "--lang", "en", "--full", "delta", "-t", str(mine),
                              "--config", "none.toml", cwd=mine.parent))
    for code, stderr in _finish(processes):
        assert code == 0, stderr
    termbase = load_termbase([mine], include_default=False)
    assert {"A", "B0", "B1", "B2", "B3", "D"} <= set(termbase.concepts)


def test_an_edit_that_cannot_get_the_lock_says_so(
    mine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import termkit.files

    monkeypatch.setattr(termkit.files, "LOCK_TIMEOUT", 0.2)
    with termkit.files.edit_lock(mine):  # as another termkit process would hold it
        result = run("add", "A", "--lang", "fr", "--full", "alphe", "-t", str(mine),
                     "--config", "none.toml")
    assert_one_line_error(result, "another termkit process has been editing it", str(mine))
    assert mine.read_text(encoding="utf-8") == TERMBASE


def test_the_lock_file_is_hidden_next_to_the_termbase(mine: Path) -> None:
    assert run("add", "A", "--lang", "fr", "--full", "alphe", "-t", str(mine),
               "--config", "none.toml").exit_code == 0
    assert (mine.parent / ".mine.toml.lock").exists()
    dry = run("add", "A", "--lang", "fr", "--admitted", "alpha", "-t", str(mine),
              "--config", "none.toml", "--dry-run")
    assert dry.exit_code == 0, dry.output


def test_a_merge_into_a_new_file_leaves_no_lock_file(mine: Path) -> None:
    other = mine.parent / "theirs.toml"
    other.write_text(OTHER, encoding="utf-8")
    result = run("merge", str(mine), str(other), "-o", str(mine.parent / "merged.toml"))
    assert result.exit_code == 0, result.output
    assert not [p for p in mine.parent.iterdir() if p.name.endswith(".lock")]
