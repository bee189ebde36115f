"""The code stays typed and lint-clean: mypy (strict, over termkit and the tests) and ruff run as
part of the tests."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> list[str]:
    # Both are in the [test] extra: without them the environment is broken, and a gate that
    # skipped would pass unnoticed.
    if importlib.util.find_spec(name) is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'", pytrace=False)
    return [sys.executable, "-m", name]


def test_mypy_strict() -> None:
    # No paths: pyproject's [tool.mypy] files (termkit and tests) are what is checked.
    done = subprocess.run(
        [*_tool("mypy"), "--no-error-summary"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff() -> None:
    done = subprocess.run(
        [*_tool("ruff"), "check", "--output-format", "concise", "termkit", "tests", "benchmarks"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_missing_tool_fails_the_gate() -> None:
    with pytest.raises(pytest.fail.Exception, match="not_a_linter is not installed"):
        _tool("not_a_linter")
