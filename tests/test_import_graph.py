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


def _with_parents(module: str, targets: set[str]) -> set[str]:
    """Importing ``termkit.a.b`` runs ``termkit/a/__init__.py`` first: an edge to each package
    above a target, except the importer's own packages (already running when it imports)."""
    own = {module.rsplit(".", n)[0] for n in range(module.count(".") + 1)}
    found = set(targets)
    for target in targets:
        parts = target.split(".")
        found.update(".".join(parts[:n]) for n in range(1, len(parts)))
    return {t for t in found - own if t in MODULES}


def _lazy_edges() -> dict[str, set[str]]:
    """Imports made by name at run time, which ``ast`` cannot see as imports: termkit's lazy
    attributes, the CLI's command table, and the rule modules the registry discovers."""
    import termkit
    import termkit.rules
    from termkit.cli import COMMANDS

    rules = {
        f"termkit.rules.{path.stem}"
        for path in (PACKAGE / "rules").glob("*.py")
        if path.stem != "__init__" and path.stem not in termkit.rules._NOT_RULES
    }
    return {
        "termkit": set(termkit._LAZY.values()),
        "termkit.cli": {target.split(":")[0] for target in COMMANDS.values()},
        "termkit.rules": rules,
    }


GRAPH = {
    module: _with_parents(module, _imports(module, path)) for module, path in MODULES.items()
}
for _module, _targets in _lazy_edges().items():
    GRAPH[_module] |= _with_parents(_module, _targets)


def _reachable(module: str) -> set[str]:
    seen: set[str] = set()
    todo = [module]
    while todo:
        for target in GRAPH[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


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


def test_the_lazy_imports_are_in_the_graph() -> None:
    assert "termkit.rules.terms" in GRAPH["termkit.rules"]
    assert "termkit.cli.check" in GRAPH["termkit.cli"]
    assert "termkit.runner" in GRAPH["termkit"]
    # termkit.rules.terms imports termkit.analysis.judgement: termkit.analysis runs first
    assert "termkit.analysis" in GRAPH["termkit.rules.terms"]


def test_the_commands_stand_side_by_side() -> None:
    """Not even through another module: nothing check loads, directly or not, is expand."""
    commands = {"termkit.check", "termkit.expand", "termkit.glossary", "termkit.extract"}
    for command in sorted(commands):
        assert _reachable(command) & commands == set(), command
    for command in ("termkit.check", "termkit.expand", "termkit.glossary"):
        assert any(t.startswith("termkit.analysis") for t in GRAPH[command]), command


def test_the_analysis_layer_is_below_the_rules_and_the_commands() -> None:
    analysis = {m for m in GRAPH if m.startswith("termkit.analysis")}
    above = ("termkit.rules", "termkit.check", "termkit.expand", "termkit.glossary",
             "termkit.runner", "termkit.cli")
    for module in sorted(analysis):
        assert not any(t.startswith(above) for t in GRAPH[module]), module
