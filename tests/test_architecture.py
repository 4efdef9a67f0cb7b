"""The shape of the code, checked with `ast` over scanner/ and detectors/ (issue 10's "Done when").

Imports flow one way (source → Document → Finding → score → store → view, the CLI on top): nothing
below `scanner/commands/` imports it or `scanner/cli`; no import cycle except through imports made only
for type checking; httpx stays in `scanner/crawl/`, Presidio and spaCy in `detectors/`. Functions stay
short enough to read in one screen.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("scanner", "detectors")
MAX_FUNCTION_LINES = 50
LONG_FUNCTIONS_ALLOWED: set[str] = set()
"""Known offenders, each removed as it is split: the list only shrinks (it is empty now)."""
CYCLES_ALLOWED: set[frozenset[str]] = set()
"""Known cycles, each removed once it is gone: the list only shrinks (it is empty now)."""


@cache
def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


@cache
def _parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(module, names imported from it) for every import not under `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from _imports(ast.Module(body=node.orelse, type_ignores=[]))
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ()
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module, tuple(alias.name for alias in node.names)
        else:
            yield from _imports(node)


def _graph() -> dict[str, set[str]]:
    """Our module -> our modules it imports at run time (a `from package import module` counts both)."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for module, names in _imports(_parsed(path)):
            if module in modules:
                edges.add(module)
            edges.update(f"{module}.{item}" for item in names if f"{module}.{item}" in modules)
        graph[name] = edges - {name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _importers_of(prefixes: tuple[str, ...]) -> dict[str, set[str]]:
    """Each of our modules -> the third-party or own modules starting with `prefixes` it imports."""
    result: dict[str, set[str]] = {}
    for name, path in _modules().items():
        tree = _parsed(path)
        hits = {module for module, _ in _imports(tree) if module.split(".")[0] in prefixes
                or any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)}
        if hits:
            result[name] = hits
    return result


def test_nothing_below_the_commands_imports_them_or_the_cli() -> None:
    upward = {name: hits for name, hits in _importers_of(("scanner.commands", "scanner.cli")).items()
              if name != "scanner.cli" and not name.startswith("scanner.commands")}
    assert upward == {}


def test_no_import_cycles_except_type_only_ones() -> None:
    cycles = set(_cycles(_graph()))
    assert cycles - CYCLES_ALLOWED == set()
    assert CYCLES_ALLOWED - cycles == set(), "the cycle is gone: remove it from CYCLES_ALLOWED"


def test_httpx_only_in_the_crawler() -> None:
    outside = {name for name in _importers_of(("httpx",)) if not name.startswith("scanner.crawl")}
    assert outside == set()


def test_presidio_and_spacy_only_in_the_detectors() -> None:
    libraries = ("presidio_analyzer", "presidio_anonymizer", "spacy")
    outside = {name for name in _importers_of(libraries) if not name.startswith("detectors")}
    assert outside == set()


def test_no_function_over_fifty_lines() -> None:
    long = set()
    for path in _modules().values():
        for node in ast.walk(_parsed(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                    long.add(f"{path.relative_to(ROOT).as_posix()}:{node.name}")
    assert long - LONG_FUNCTIONS_ALLOWED == set()
    assert LONG_FUNCTIONS_ALLOWED - long == set(), "split: remove it from LONG_FUNCTIONS_ALLOWED"


def test_the_checks_see_an_upward_import_and_a_cycle() -> None:
    """The walkers themselves: a type-only import is not an edge; a run-time one is."""
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import scanner.cli\n"
                     "def f():\n    from scanner.commands import exits\n")
    assert [module for module, _ in _imports(tree)] == ["typing", "scanner.commands"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset({"a", "b", "c"})]
