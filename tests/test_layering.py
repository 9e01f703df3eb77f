"""Dependencies point one way: lower layers never import higher ones."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "framing"

LAYER = {
    "labels": 0, "errors": 0, "metrics": 0,
    "resources": 1,
    "words": 2, "text": 2, "cues": 2, "actors": 3, "clauses": 4, "coref": 4, "speech": 5,
    "results": 2,
    "sentiment": 2, "attribution": 6, "scoring": 7, "evaluation": 13, "palette": 0,
    "cli_options": 0, "html": 2,
    "plot": 8, "datasets": 1, "tfidf": 7, "features": 8, "target_features": 8,
    "embeddings": 9, "estimators": 9, "models": 10, "classify": 11,
    "api": 12,
    "corpus_io": 1, "corpus": 13, "validation": 13, "realnews": 13, "dask": 14, "corpus_cli": 15,
    "plot_cli": 15, "cli": 20,
}


def imports_of(path: Path, level: int = 1) -> set[str]:
    """Modules of ``framing`` imported by a file ``level`` packages below it (lazy ones too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == level and node.module:
            out.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom | ast.Import):
            for alias in getattr(node, "names", []):
                name = (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
                if name.startswith("framing."):
                    out.add(name.split(".")[1])
    return out


def module_imports(module: str) -> set[str]:
    """A module's imports; a subpackage's are those of all its files."""
    path = PACKAGE / f"{module}.py"
    if path.exists():
        return imports_of(path)
    folder = PACKAGE / module
    assert (folder / "__init__.py").exists(), f"no module or package {module!r}"
    return set().union(*(imports_of(p, level=2) for p in folder.glob("*.py")))


@pytest.mark.parametrize("module", sorted(LAYER))
def test_layering_no_upward_imports(module):
    for dep in module_imports(module):
        if dep in LAYER:
            assert LAYER[dep] <= LAYER[module], f"{module} imports {dep} from a higher layer"


def test_layering_every_module_has_a_layer():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    modules |= {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert sorted(modules - set(LAYER)) == []


def test_layering_import_framing_is_cheap():
    import subprocess
    import sys

    code = ("import sys, framing; bad = [m for m in ('sklearn', 'pandas', 'matplotlib') "
            "if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
