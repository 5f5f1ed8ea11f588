"""The package's layers, held to by reading its source (``ast``), not by importing it.

Each layer imports only the layers before it (README.md, "Layout"): ``models`` nothing of
trainplan; ``checking``, ``wording``, ``solver`` and ``generator`` only ``models``; ``files``
also ``checking`` and ``wording``; ``terminal`` every layer but the solver (it names the
solver's ``Progress`` for type checking only, so that a refused run never loads OR-Tools); the
CLI everything. Only the solver imports an optimisation engine. No two modules import each
other, directly or round a longer loop, and no module grows past ``MAX_LINES``.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "trainplan"
NOT_SHIPPED = ("tests", "benchmarks", "docs")
MAX_LINES = 550
"""The most lines a module may have (STYLE: about 500; a little slack before the test fails)."""
ENGINES = ("ortools", "highspy")
"""Optimisation engines: imported by the solver alone."""

EVERY_LAYER = frozenset(
    {"", "models", "checking", "wording", "solver", "generator", "files", "scenarios"}
    | {"terminal", "reports", "commands", "cli"}
)
LAYERS: dict[str, frozenset[str]] = {
    "": frozenset(),
    "models": frozenset(),
    "checking": frozenset({"models"}),
    "wording": frozenset({"models"}),
    "solver": frozenset({"models"}),
    "generator": frozenset({"models"}),
    "files": frozenset({"models", "checking", "wording"}),
    "scenarios": frozenset(),
    "terminal": EVERY_LAYER - {"solver", "cli", "commands"},
    "reports": EVERY_LAYER - {"solver", "cli", "commands"},
    "commands": EVERY_LAYER - {"cli"},
    "cli": EVERY_LAYER,
}
"""What each layer may import besides itself. ``""`` is the package's own ``__init__``: it
imports nothing, so ``import trainplan.models`` loads no other layer. ``scenarios`` holds the
built-in scenarios' files and the function that finds them."""
TYPE_ONLY: dict[str, frozenset[str]] = {"terminal": frozenset({"solver"})}
"""Layers a layer may name under ``if TYPE_CHECKING:`` only."""


@dataclass(frozen=True)
class Import:
    """One imported module, as written in ``module`` at ``line``."""

    module: str
    target: str
    line: int
    type_only: bool
    """Under ``if TYPE_CHECKING:``: read by type checkers, never run."""
    relative: bool


def package_modules() -> dict[str, Path]:
    """Every module of the package by dotted name: the ``.py`` files of the folders that are
    packages (hold an ``__init__.py``), from the top level down; tests, benchmarks and docs
    are not part of it, nor is a folder without ``__init__.py`` (the built-in scenario's
    ``make_scenario.py``)."""
    modules: dict[str, Path] = {}

    def walk(folder: Path, name: str) -> None:
        for path in sorted(folder.iterdir()):
            if path.is_dir():
                if (path / "__init__.py").is_file() and path.name not in NOT_SHIPPED:
                    walk(path, f"{name}.{path.name}")
            elif path.suffix == ".py":
                modules[name if path.stem == "__init__" else f"{name}.{path.stem}"] = path

    walk(ROOT, PACKAGE)
    return modules


def layer_of(module: str) -> str:
    """``trainplan.files.loader`` -> ``files``, ``trainplan.cli`` -> ``cli``, the root -> ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def read_imports(module: str, source: str, known: set[str], is_package: bool) -> list[Import]:
    """The modules ``source`` imports, at any depth (inside functions too). ``from a import b``
    imports ``a.b`` when that is a module of ``known``, else ``a``; relative imports are
    resolved against ``module``."""
    found: list[Import] = []

    def visit(node: ast.AST, type_only: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for statement in node.body:
                visit(statement, True)
            for statement in node.orelse:
                visit(statement, type_only)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(module, alias.name, node.lineno, type_only, False))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.append(
                    Import(
                        module,
                        target if target in known else base,
                        node.lineno,
                        type_only,
                        bool(node.level),
                    )
                )
        for child in ast.iter_child_nodes(node):
            visit(child, type_only)

    visit(ast.parse(source), False)
    return found


@pytest.fixture(scope="module")
def modules() -> dict[str, Path]:
    found = package_modules()
    assert {"trainplan", "trainplan.cli", "trainplan.models.scenario"} <= set(found)
    return found


@pytest.fixture(scope="module")
def imports(modules: dict[str, Path]) -> list[Import]:
    known = set(modules)
    return [
        found
        for name, path in modules.items()
        for found in read_imports(
            name, path.read_text(encoding="utf-8"), known, path.name == "__init__.py"
        )
    ]


def internal(imports: list[Import]) -> Iterator[Import]:
    for found in imports:
        if found.target == PACKAGE or found.target.startswith(PACKAGE + "."):
            yield found


# ---------------------------------------------------------------- the reader itself


def test_the_import_reader_sees_every_kind_of_import() -> None:
    source = """
from __future__ import annotations
import os, trainplan.models.plan
from typing import TYPE_CHECKING
from trainplan.models import scenario, Scenario
from . import loader
from ..models.rules import Rule
if TYPE_CHECKING:
    from trainplan.solver import Progress
else:
    import json
def later():
    from trainplan.checking.checker import evaluate
"""
    known = {
        "trainplan.models",
        "trainplan.models.plan",
        "trainplan.models.scenario",
        "trainplan.models.rules",
        "trainplan.files",
        "trainplan.files.loader",
        "trainplan.files.planio",
        "trainplan.solver",
        "trainplan.checking.checker",
    }
    found = read_imports("trainplan.files.planio", source, known, is_package=False)
    assert [(i.target, i.type_only, i.relative) for i in found] == [
        ("__future__", False, False),
        ("os", False, False),
        ("trainplan.models.plan", False, False),
        ("typing", False, False),
        ("trainplan.models.scenario", False, False),
        ("trainplan.models", False, False),
        ("trainplan.files.loader", False, True),
        ("trainplan.models.rules", False, True),
        ("trainplan.solver", True, False),
        ("json", False, False),
        ("trainplan.checking.checker", False, False),
    ]
    assert layer_of("trainplan.files.planio") == "files"
    assert layer_of("trainplan.cli") == "cli"
    assert layer_of("trainplan") == ""
    in_package = read_imports("trainplan.files", "from . import loader", known, is_package=True)
    assert [i.target for i in in_package] == ["trainplan.files.loader"]


def test_every_package_has_a_layer(modules: dict[str, Path]) -> None:
    unknown = sorted({layer_of(name) for name in modules} - set(LAYERS))
    assert unknown == [], f"packages with no layer in tests/test_layers.py: {unknown}"


# ---------------------------------------------------------------- the rules


def test_each_layer_imports_only_the_layers_before_it(imports: list[Import]) -> None:
    broken = []
    for found in internal(imports):
        own, other = layer_of(found.module), layer_of(found.target)
        allowed = LAYERS.get(own, frozenset()) | {own, ""}
        if found.type_only:
            allowed |= TYPE_ONLY.get(own, frozenset())
        if other not in allowed:
            may = ", ".join(sorted(LAYERS.get(own, frozenset()))) or "nothing of trainplan"
            broken.append(
                f"{found.module} line {found.line} imports {found.target}: "
                f"{own or 'the package root'} may import {may}"
            )
    assert broken == [], "layer rules broken:\n" + "\n".join(broken)


def test_only_the_solver_imports_an_optimisation_engine(imports: list[Import]) -> None:
    broken = [
        f"{found.module} line {found.line} imports {found.target}"
        for found in imports
        if found.target.split(".")[0] in ENGINES and layer_of(found.module) != "solver"
    ]
    assert broken == [], "engines imported outside the solver:\n" + "\n".join(broken)
    assert any(found.target.split(".")[0] == "ortools" for found in imports), (
        "the solver imports no engine: is the reader blind?"
    )


def test_imports_are_absolute(imports: list[Import]) -> None:
    relative = [f"{found.module} line {found.line}" for found in imports if found.relative]
    assert relative == [], "relative imports (write trainplan.<...>):\n" + "\n".join(relative)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module, or of one that imports
    itself (Tarjan's algorithm, iterative): each is a set of modules importing one another."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    nodes = sorted(set(edges) | {t for targets in edges.values() for t in targets})
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in edges.get(node, ()):
                    found.append(sorted(component))
    return sorted(found)


def test_the_cycle_finder_finds_loops_and_only_loops() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"a"}, "b": {"c"}, "c": {"b"}}) == [["a"], ["b", "c"]]


def test_no_import_cycle_between_modules(imports: list[Import]) -> None:
    """Imports run at import time or when a function runs both count; names read only by the
    type checker do not."""
    edges: dict[str, set[str]] = defaultdict(set)
    for found in internal(imports):
        if not found.type_only and found.target != found.module:
            edges[found.module].add(found.target)
    loops = cycles(edges)
    described = [
        ", ".join(loop)
        + ":\n    "
        + "\n    ".join(
            f"{a} imports {b}" for a in loop for b in sorted(edges[a]) if b in set(loop)
        )
        for loop in loops
    ]
    assert loops == [], "modules that import one another:\n" + "\n".join(described)


def test_no_module_is_over_the_line_limit(modules: dict[str, Path]) -> None:
    sizes = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules.items()
    }
    assert sizes["trainplan.cli"] > 0
    over = sorted((n, name) for name, n in sizes.items() if n > MAX_LINES)
    assert over == [], f"modules over {MAX_LINES} lines: " + ", ".join(
        f"{name} ({n})" for n, name in reversed(over)
    )
