"""-v and -vv say what was loaded and what was skipped, and why; -q and no flag say none of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.cli import cli

DRAFT = "各方讨论了多边环境协定。\n"


def stderr_of(*args: str, env: dict[str, str] | None = None) -> list[str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exit_code in (0, 1), result.output
    return result.stderr.splitlines()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    for skipped in (".git", "node_modules", "archive"):
        (tmp_path / skipped).mkdir()
        (tmp_path / skipped / "old.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_verbose_says_configuration_termbases_and_cache(folder: Path) -> None:
    env = {"TERMKIT_CACHE_DIR": str(folder / "cache")}
    cold = stderr_of("check", "-v", "draft.md", env=env)
    assert cold[0].startswith("termkit: configuration: none found")
    assert any(line.startswith("termkit: termbase: compiled from its files, and cached")
               for line in cold)
    (termbases,) = [line for line in cold if line.startswith("termkit: termbases: ")]
    assert "gimm.toml (shipped)" in termbases and "concepts in en, fr, zh" in termbases
    warm = stderr_of("check", "-v", "draft.md", env=env)
    assert any(line.startswith("termkit: termbase: from the compiled cache") for line in warm)
    (folder / "termkit.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    configured = stderr_of("check", "-v", "draft.md", env=env)
    assert configured[0] == f"termkit: configuration: {(folder / 'termkit.toml').resolve()}"


def test_very_verbose_says_which_folders_a_walk_skips(folder: Path) -> None:
    lines = stderr_of("check", "-vv", "--exclude", "archive", ".")
    assert "termkit: skipped .git/: hidden" in lines
    assert "termkit: skipped node_modules/: a folder of tools, not documents" in lines
    assert "termkit: skipped archive/: excluded" in lines
    assert not any("skipped" in line for line in stderr_of("check", "-v", "--exclude", "archive", "."))


@pytest.mark.parametrize("flags", [(), ("-q",)])
def test_without_verbose_nothing_is_said(folder: Path, flags: tuple[str, ...]) -> None:
    assert stderr_of("check", *flags, "draft.md") == []


def test_a_walk_skips_what_gitignore_ignores(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder / ".git")  # the fixture's
    (folder / "minutes").mkdir()
    (folder / "minutes" / "keep.md").write_text(DRAFT.replace("协定", "协议"), encoding="utf-8")
    (folder / "minutes" / "scratch.md").write_text(DRAFT.replace("协定", "协议"), encoding="utf-8")
    (folder / "old").mkdir()
    (folder / "old" / "out.md").write_text(DRAFT.replace("协定", "协议"), encoding="utf-8")
    (folder / ".gitignore").write_text("old/\nscratch*\n", encoding="utf-8")
    (folder / "minutes" / ".gitignore").write_text("!scratch.md\n", encoding="utf-8")

    def checked(*options: str) -> set[str]:
        result = CliRunner().invoke(cli, ["check", "-f", "json", *options, "."])
        import json

        return {f["path"] for f in json.loads(result.stdout)}

    # not a git work tree yet: .gitignore is just a file
    assert checked("--exclude", "archive") == {
        "old/out.md", "minutes/keep.md", "minutes/scratch.md"
    }
    (folder / ".git").mkdir()
    # a deeper .gitignore decides first: minutes/ re-includes scratch.md
    assert checked("--exclude", "archive") == {"minutes/keep.md", "minutes/scratch.md"}
    assert checked("--exclude", "archive", "--no-respect-gitignore") == {
        "old/out.md", "minutes/keep.md", "minutes/scratch.md"
    }
    assert "termkit: skipped old/: ignored by .gitignore" in stderr_of("check", "-vv", ".")
    # a file named is read whatever .gitignore says, and so is a folder named (as ripgrep does)
    assert CliRunner().invoke(cli, ["check", "old/out.md"]).exit_code == 1
    assert "old/out.md:" in CliRunner().invoke(cli, ["check", "old"]).stdout
    # ... and in it the other patterns still decide: scratch* ignores old/scratch.md
    (folder / "old" / "scratch.md").write_text(DRAFT.replace("协定", "协议"), encoding="utf-8")
    named = CliRunner().invoke(cli, ["check", "old"]).stdout
    assert "old/out.md:" in named and "scratch.md" not in named
