"""The code stays readable in pieces: no function or method in termkit/ runs over 80 lines."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "termkit"
MAX_FUNCTION_LINES = 80


def _long_functions(package: Path, limit: int) -> list[str]:
    """``path:line name (N lines)`` for each function longer than ``limit`` lines, counted from
    its ``def`` line to its last line (decorators left out, docstring and comments counted)."""
    found: list[str] = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > limit:
                where = path.relative_to(package.parent).as_posix()
                found.append(f"{where}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_function_over_80_lines() -> None:
    offenders = _long_functions(PACKAGE, MAX_FUNCTION_LINES)
    assert not offenders, f"functions over {MAX_FUNCTION_LINES} lines:\n" + "\n".join(offenders)
