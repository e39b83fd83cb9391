"""The package's shape: no import cycles, no function-local imports in the web layer, no Flask below it."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "designer"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.relative_to(PACKAGE).parts
    }


def _imported(module: str, path: Path, node: ast.AST, known: set[str]) -> set[str]:
    """The package's modules an import statement names (``from a import b`` may name module ``a.b``)."""
    names: set[str] = set()
    if isinstance(node, ast.Import):
        names = {alias.name for alias in node.names}
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
            package = package[: len(package) - node.level + 1]
            base = ".".join([*package, base] if base else package)
        names = {base} | {f"{base}.{alias.name}" for alias in node.names}
    found = set()
    for name in names:
        while name and name not in known:  # "designer.web.services.store" → its module
            name = name.rpartition(".")[0]
        if name and name != module:
            found.add(name)
    return found


def import_graph() -> nx.DiGraph:
    """Module → the package's modules it imports anywhere in its body (function-local imports too)."""
    modules = _modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            for target in _imported(module, path, node, set(modules)):
                # a package's __init__ imported by its own submodule is not a cycle of ours to break
                if not module.startswith(target + "."):
                    graph.add_edge(module, target)
    return graph


def test_the_import_graph_has_no_cycle():
    cycles = list(nx.simple_cycles(import_graph()))
    assert cycles == [], "import cycles: " + "; ".join(" → ".join([*c, c[0]]) for c in cycles)


def test_the_graph_sees_an_import_through_a_package():
    # the test above is only as good as the graph: a known edge must be in it
    graph = import_graph()
    assert graph.has_edge("designer.web.workspace", "designer.web.services")
    assert graph.has_edge("designer.web", "designer.web.api")


def test_the_web_layer_imports_only_at_the_top_of_its_modules():
    local = []
    for path in sorted((PACKAGE / "web").glob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(function):
                    if isinstance(node, ast.Import | ast.ImportFrom):
                        local.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert local == []


def test_only_the_web_layer_imports_flask():
    flask_users = set()
    for module, path in _modules().items():
        if module.startswith("designer.web"):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if any(n == "flask" or n.startswith(("flask.", "flask_")) for n in names):
                    flask_users.add(module)
    assert flask_users == set()
