"""The pre-commit hooks of ``.pre-commit-hooks.yaml``, run by the real ``pre-commit`` (issue 3).

``pre-commit try-repo`` installs termkit from this repository into a fresh virtualenv (from the
HEAD commit plus uncommitted changes to tracked files; untracked files are not part of it), so
the test needs network access to PyPI for hatchling and the dependencies; it takes a few tens
of seconds. It is skipped only when git or pre-commit is missing.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BAD = "矿物和金属简报\n\n各多边环境协议秘书处。\n"
GOOD = "矿物和金属简报\n\n各多边环境协定秘书处。\n"


def _require_tools() -> str:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout: pre-commit try-repo needs one")
    return git


def _git(git: str, repo: Path, *args: str) -> None:
    subprocess.run([git, *args], cwd=repo, check=True, capture_output=True)


def _try_repo(
    repo: Path, home: Path, *files: str, hook: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),  # keep the test's hook environments out of ~/.cache
        "NO_COLOR": "1",
    }
    env.pop("FORCE_COLOR", None)
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT)]
    command += [hook] if hook else []
    command += ["--color", "never", "--verbose", "--files", *files]
    return subprocess.run(
        command, cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8",
        timeout=900, check=False,
    )


def _status(output: str, name: str) -> str:
    """``Passed``/``Failed`` of the hook whose line starts with ``name``."""
    for line in output.splitlines():
        if line.startswith(name + ".") or line.startswith(name + " ."):
            return line.rsplit(".", 1)[-1].strip()
    raise AssertionError(f"no status line for {name!r} in:\n{output}")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git = _require_tools()
    repo = tmp_path / "drafts"
    repo.mkdir()
    _git(git, repo, "init", "-q")
    (repo / "bad.md").write_text(BAD, encoding="utf-8")
    (repo / "good.md").write_text(GOOD, encoding="utf-8")
    (repo / "notes.py").write_text("# 多边环境协议\n", encoding="utf-8")  # not a document type
    _git(git, repo, "add", ".")
    return repo


def test_hooks_fail_on_a_bad_file_and_fix_it(repo: Path, tmp_path: Path) -> None:
    done = _try_repo(repo, tmp_path / "pre-commit-home", "bad.md", "good.md", "notes.py")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    # The check hook fails and names the bad file only.
    assert _status(output, "termkit check") == "Failed"
    assert "bad.md:3:2: TK101 [deprecated-term]" in output
    assert "good.md:" not in output and "notes.py" not in output
    # The fix hook fails because it modified the file, and it did.
    assert _status(output, "termkit check --fix") == "Failed"
    assert "files were modified by this hook" in output
    assert "Fixed 1 in bad.md" in output
    assert (repo / "bad.md").read_text(encoding="utf-8") == GOOD
    assert (repo / "good.md").read_text(encoding="utf-8") == GOOD
    assert (repo / "notes.py").read_text(encoding="utf-8") == "# 多边环境协议\n"


def test_hooks_pass_on_a_good_file(repo: Path, tmp_path: Path) -> None:
    done = _try_repo(repo, tmp_path / "pre-commit-home", "good.md")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert _status(output, "termkit check") == "Passed"
    assert _status(output, "termkit check --fix") == "Passed"


def test_the_check_hook_alone_leaves_the_bad_file_alone(repo: Path, tmp_path: Path) -> None:
    done = _try_repo(repo, tmp_path / "pre-commit-home", "bad.md", hook="termkit")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert _status(output, "termkit check") == "Failed"
    assert "termkit check --fix" not in output
    assert (repo / "bad.md").read_text(encoding="utf-8") == BAD


def test_hooks_file_declares_both_hooks() -> None:
    """The hook definitions themselves (no pre-commit needed)."""
    yaml = pytest.importorskip("yaml")  # a dependency of pre-commit

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"termkit", "termkit-fix"}
    assert hooks["termkit"]["entry"].startswith("termkit check")
    assert "--fix" not in hooks["termkit"]["entry"]
    assert hooks["termkit-fix"]["entry"].startswith("termkit check") and "--fix" in hooks[
        "termkit-fix"
    ]["entry"]
    for hook in hooks.values():
        assert hook["language"] == "python"
        # One termkit for all the files: it loads the termbase once and runs its own workers.
        assert hook["require_serial"] is True


def _readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### pre-commit", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_readme_snippet_works_as_written(repo: Path, tmp_path: Path) -> None:
    """The README's .pre-commit-config.yaml, as printed, with only the repository's URL filled
    in: the rev it names must be a tag of this repository, and the hook must run."""
    git = _require_tools()
    snippet = _readme_snippet()
    rev = next(line.split(":", 1)[1].strip() for line in snippet.splitlines()
               if line.strip().startswith("rev:"))
    tags = subprocess.run([git, "tag", "--list", rev], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.split()
    if rev not in tags:
        pytest.skip(f"the README's rev {rev} is not a tag of this clone (git fetch --tags)")
    config = snippet.replace("<termkit's git URL>", str(ROOT))
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8", timeout=900,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert _status(done.stdout, "termkit check") == "Failed"
    assert "bad.md:3:2: TK101 [deprecated-term]" in done.stdout
    assert "good.md" not in done.stdout
