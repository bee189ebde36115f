"""The command line as a whole: version, help, docs, start-up cost, and the installed entry point."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import termkit
from termkit.cli import COMMANDS, cli, main

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("rich", "babel", "rapidfuzz", "tomllib", "tomli")


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"termkit, version {termkit.__version__}\n"


def test_version_matches_pyproject() -> None:
    assert f'version = "{termkit.__version__}"' in (ROOT / "pyproject.toml").read_text("utf-8")


def test_every_command_is_available() -> None:
    ctx = click.Context(cli)
    assert cli.list_commands(ctx) == list(COMMANDS)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Examples:" in result.output
    assert f"termkit {name}" in result.output.split("Examples:", 1)[1]


def test_top_level_help_lists_commands_without_importing_them() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output


@pytest.mark.parametrize("name", list(COMMANDS))
def test_readme_documents_every_command(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"termkit {name}" in readme


def test_changelog_has_the_current_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{termkit.__version__}]" in changelog or "## [Unreleased]" in changelog


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["lokup", "OEWG"])
    assert result.exit_code == 2
    assert "No such command 'lokup'" in result.output


def test_main_returns_exit_codes() -> None:
    assert main(["--version"]) == 0
    assert main(["validate", "--alone", str(ROOT / "tests/fixtures/termbases/bad-terms.toml")]) == 2


def _run_python(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


@pytest.mark.parametrize(
    "code",
    [
        "import termkit",
        "from termkit.cli import main; main(['--version'])",
        "from termkit.cli import main; main(['--help'])",
    ],
)
def test_start_up_does_not_import_heavy_dependencies(code: str) -> None:
    out = _run_python(
        f"{code}\nimport sys\nprint('LOADED', *sorted(m for m in sys.modules "
        f"if m.split('.')[0] in {HEAVY!r}))"
    )
    loaded = out.split("LOADED", 1)[1].split()
    assert loaded == []


def _installed_termkit() -> str:
    exe = shutil.which("termkit")
    if exe is None:
        pytest.skip("the termkit entry point is not installed (run: pip install -e '.[test]')")
    return exe


def test_installed_entry_point_runs_a_lookup() -> None:
    done = subprocess.run(
        [_installed_termkit(), "lookup", "OEWG"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "open-ended working group" in done.stdout
    assert "groupe de travail à composition non limitée" in done.stdout
    assert "不限成员名额的工作组" in done.stdout
    assert "\x1b[" not in done.stdout


def test_installed_entry_point_reports_errors_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[termbase\n", encoding="utf-8")
    done = subprocess.run(
        [_installed_termkit(), "lookup", "OEWG", "--termbase", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"termkit: error: {broken}:1:")
    assert "Traceback" not in done.stderr


def test_python_dash_m_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "termkit", "--version"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("termkit, version")


def test_readme_check_example_matches_the_real_output() -> None:
    """The findings the README shows for its first command are what termkit prints today."""
    blocks = _readme_console_blocks("termkit check examples/draft-zh.md examples/draft-en.md")
    shown = [line for _, lines in blocks for line in lines if line.startswith("examples/draft-")]
    assert shown, "the README shows no findings for its first command"
    result = CliRunner().invoke(
        cli, ["check", str(ROOT / "examples/draft-zh.md"), str(ROOT / "examples/draft-en.md")]
    )
    printed = result.output.replace(str(ROOT) + "/", "")
    for line in shown:
        assert line in printed


# What a command's module loads to show --help or to parse its options: the analysis, the rules, the
# runner and the matcher load only when a document is read (check --help took 550 ms instead of
# 270 ms when cli/check.py imported the runner at its top).
_ANALYSIS_MODULES = ("termkit.analysis", "termkit.check", "termkit.runner", "termkit.rules",
                     "termkit.matcher", "termkit.expand", "termkit.glossary", "termkit.extract")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_command_module_loads_no_analysis(command: str) -> None:
    module = COMMANDS[command].split(":")[0]
    out = _run_python(
        f"import {module}\nimport sys\nprint('LOADED', *sorted(m for m in sys.modules "
        f"if m.startswith({_ANALYSIS_MODULES!r})))"
    )
    assert out.split("LOADED", 1)[1].split() == []


def _readme_console_blocks(command: str) -> list[tuple[str, list[str]]]:
    """Each ``console`` block of the README whose command starts with ``command``: the command
    and the lines shown under it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = []
    for block in readme.split("```console\n")[1:]:
        lines = block.split("```", 1)[0].splitlines()
        if lines and lines[0].startswith(f"$ {command}"):
            blocks.append((lines[0][2:], lines[1:]))
    return blocks


def test_readme_validate_example_is_what_validate_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _readme_console_blocks("termkit validate")
    assert blocks, "the README shows no validate example"
    monkeypatch.chdir(ROOT)
    for command, shown in blocks:
        args = command.split()[1:]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2
        assert (result.stdout + result.stderr).splitlines() == shown, command


def test_readme_translation_example_is_what_check_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _readme_console_blocks("termkit check examples/translation.xlf")
    assert blocks, "the README shows no translation check"
    monkeypatch.chdir(ROOT)
    for command, shown in blocks:
        result = CliRunner().invoke(cli, command.split()[1:])
        assert result.exit_code == 1
        assert (result.stdout + result.stderr).splitlines() == shown, command
