"""What escapes the commands ends in one line and exit status 2: internal errors (with
``--traceback`` for details), output that cannot be written, output the terminal cannot encode;
a closed pipe stays silent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import CliRunner

import termkit.termbase as termbase_module
from termkit.cli import cli, main
from termkit.cli.failures import take_traceback_option

ROOT = Path(__file__).resolve().parents[1]
TEXT = "The open-ended working group (OEWG) met. The OEWG and UNEP agreed.\n"


def run_termkit(
    *args: object, cwd: Path, env: dict[str, str] | None = None, stdout: int | IO[Any] = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "termkit", *map(str, args)],
        cwd=cwd,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )


# --- internal errors -----------------------------------------------------------------------------


def _break_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("something impossible\nhappened")

    monkeypatch.setattr(termbase_module, "validate_paths", broken)


def test_an_internal_error_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _break_validate(monkeypatch)
    assert main(["validate", "x.toml"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "termkit: internal error: RuntimeError: something impossible — please report; "
        "run with --traceback for details\n"
    )


@pytest.mark.parametrize(
    "args",
    [["--traceback", "validate", "x.toml"], ["validate", "x.toml", "--traceback"]],
    ids=["before-the-command", "after-it"],
)
def test_traceback_prints_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    _break_validate(monkeypatch)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert "RuntimeError: something impossible\nhappened\n" in err
    assert err.endswith(
        "termkit: internal error: RuntimeError: something impossible — please report\n"
    )


def test_traceback_is_a_documented_option() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert "--traceback" in result.output
    assert take_traceback_option(["check", "--traceback", "--", "--traceback"]) == (
        ["check", "--", "--traceback"],  # after --, a file of that name
        True,
    )
    assert take_traceback_option(["check", "a.md"]) == (["check", "a.md"], False)


def test_the_installed_entry_point_reports_an_internal_error_in_one_line(
    tmp_path: Path,
) -> None:
    code = (
        "import sys, termkit.termbase\n"
        "def broken(*args): raise KeyError('admitved')\n"
        "termkit.termbase.validate_paths = broken\n"
        "from termkit.cli import run\n"
        "sys.argv = ['termkit', 'validate', 'x.toml']\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "termkit: internal error: KeyError: 'admitved' — please report; run with --traceback "
        "for details\n"
    )


# --- output errors -------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["check", "--lang", "en", "a.md"],
        ["check", "--lang", "en", "--format", "json", "a.md"],
        ["lookup", "OEWG"],
        ["--version"],
    ],
    ids=["check", "check-json", "lookup", "version"],
)
def test_a_full_disk_is_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = run_termkit(*args, cwd=tmp_path, stdout=full)
    assert done.returncode == 2
    assert done.stderr.decode() == "termkit: error: cannot write output: No space left on device\n"


def test_a_closed_pipe_stays_silent(tmp_path: Path) -> None:
    """``termkit check big.md | head -1``: no message, and the exit status it would have had."""
    (tmp_path / "big.md").write_text("The OEWG met.\n" * 20_000, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "termkit", "check", "--lang", "en", "big.md"],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"big.md:1:5: TK202")
    process.stdout.close()
    assert process.wait(timeout=60) == 1
    assert process.stderr.read() == b""


def test_output_the_terminal_cannot_encode_is_escaped(tmp_path: Path) -> None:
    done = run_termkit("lookup", "多边", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert b"\\u591a\\u8fb9\\u73af\\u5883\\u534f\\u5b9a  (full, preferred)" in done.stdout


def test_a_file_name_that_is_not_utf8_is_written_as_its_bytes(tmp_path: Path) -> None:
    if sys.platform == "darwin" or os.name == "nt":
        pytest.skip("needs a file system that takes any bytes in a name")
    name = os.fsdecode(b"bad\xff.md")
    (tmp_path / name).write_text(TEXT, encoding="utf-8")
    for encoding in ("utf-8", "utf-8:surrogateescape"):
        done = run_termkit(
            "check", "--lang", "en", name, cwd=tmp_path, env={"PYTHONIOENCODING": encoding}
        )
        assert done.returncode == 1, done.stderr
        assert done.stdout.startswith(b"bad\xff.md:1:")


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_machine_formats_of_a_name_that_is_not_utf8_are_utf8(
    tmp_path: Path, output_format: str
) -> None:
    if sys.platform == "darwin" or os.name == "nt":
        pytest.skip("needs a file system that takes any bytes in a name")
    name = os.fsdecode(b"bad\xff.md")
    (tmp_path / name).write_text(TEXT, encoding="utf-8")
    done = run_termkit(
        "check", "--lang", "en", "--format", output_format, name, cwd=tmp_path
    )
    assert done.returncode == 1, done.stderr
    text = done.stdout.decode("utf-8")  # valid UTF-8, whatever the file's name
    if output_format == "json":
        assert json.loads(text)[0]["path"] == "bad\ufffd.md"
    elif output_format == "sarif":
        (location,) = json.loads(text)["runs"][0]["results"][0]["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == "bad%FF.md"
    else:
        assert text.startswith("::warning file=bad\ufffd.md,line=1,")
