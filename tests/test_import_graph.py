"""termkit's modules form layers: no import cycle, and the commands stand side by side.

Every ``import`` of a termkit module counts, at the top of a module, inside a function, or under
``TYPE_CHECKING``: a cycle that only a function-local import hides is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "termkit"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The termkit module that ``name`` (a module, or a name inside one) belongs to."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets: set[str | None] = set()  # None: outside termkit, dropped below
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names = [f"{base}.{alias.name}" for alias in node.names]
            targets.update(_owner(n) if n in MODULES else _owner(base) for n in names)
        elif isinstance(node, ast.Import):
            targets.update(_owner(alias.name) for alias in node.names)
    return {t for t in targets if t and t.startswith("termkit") and t != module}


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in GRAPH[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in GRAPH:
        if module not in index:
            visit(module)
    return found


def test_the_graph_is_read() -> None:
    assert "termkit.analysis.document" in GRAPH["termkit.check"] | GRAPH["termkit.analysis"]
    assert "termkit.analysis" in GRAPH["termkit.check"]


def test_no_import_cycle() -> None:
    assert _cycles() == []


def test_the_commands_stand_side_by_side() -> None:
    commands = {"termkit.check", "termkit.expand", "termkit.glossary", "termkit.extract"}
    for command in sorted(commands):
        assert GRAPH[command] & commands == set(), command
    for command in ("termkit.check", "termkit.expand", "termkit.glossary"):
        assert any(t.startswith("termkit.analysis") for t in GRAPH[command]), command


def test_the_analysis_layer_is_below_the_rules_and_the_commands() -> None:
    analysis = {m for m in GRAPH if m.startswith("termkit.analysis")}
    above = ("termkit.rules", "termkit.check", "termkit.expand", "termkit.glossary",
             "termkit.runner", "termkit.cli")
    for module in sorted(analysis):
        assert not any(t.startswith(above) for t in GRAPH[module]), module
