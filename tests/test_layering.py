"""Dependencies point one way: no module imports a module above it, lazily or not.

``STAGES`` lists the package bottom to top, in the order an article goes through it
(``docs/architecture.md``). A module may import only what is listed before it: the modules
below it in its own subpackage and everything in the stages below. ``MAY_IMPORT`` narrows that
for each stage to what its ``__init__.py`` docstring allows (the views, for one, import no
scorer). Every import counts, at the top of a file, inside a function or under
``TYPE_CHECKING``, and the import graph has no cycle. The package root
(``framing/__init__.py``) re-exports the public API lazily and sits above everything; the
modules below it import only ``__version__`` from it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "framing"

#: Bottom to top. A name is a module directly in framing/; a (name, modules) pair is a subpackage
#: and its modules, bottom to top (its ``__init__.py`` sits above them).
STAGES: list[str | tuple[str, list[str]]] = [
    "labels", "errors", "resources", "results", ("datasets", []),
    ("read", ["words", "text", "actors", "coref", "clauses", "speech"]),
    ("lexicon", ["cues", "attribution", "sentiment", "scoring"]),
    ("learn", ["tfidf", "features", "target_features", "embeddings", "encoder_files", "finetune",
               "recurrent",
               "estimators", "models", "classify"]),
    "api",
    ("measure", ["metrics", "evaluation", "realnews", "coded_sentiment", "distilled",
                 "validation"]),
    ("batch", ["io", "schema", "corpus", "dask"]),
    ("show", ["palette", "html", "plot"]),
    ("cli", ["options", "batch", "plot", "main"]),
    "__main__",
]

#: The modules directly in framing/ below the stages: names, errors, data files, result objects.
GROUND = {"labels", "errors", "resources", "results", "datasets"}

#: What each stage may import beside the ground floor and its own modules, as its docstring says.
MAY_IMPORT = {
    "read": set(),
    "lexicon": {"read"},
    "learn": {"read", "lexicon"},
    "api": {"read", "lexicon", "learn"},
    "measure": {"read", "lexicon", "learn", "api"},
    "batch": {"read", "lexicon", "learn", "api"},
    "show": set(),
    "cli": {"read", "lexicon", "learn", "api", "measure", "batch", "show"},
}


def ranks() -> dict[str, int]:
    """Dotted module name -> position in the stack (the package root on top)."""
    order = []
    for stage in STAGES:
        if isinstance(stage, str):
            order.append(f"framing.{stage}")
        else:
            name, modules = stage
            order += [f"framing.{name}.{m}" for m in modules] + [f"framing.{name}"]
    order.append("framing")
    return {m: k for k, m in enumerate(order)}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> dict[str, Path]:
    """Every module of the package, by dotted name (data packages outside framing/ excluded)."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> dict[str, set[str]]:
    """``{module of framing: names imported from it}`` for one file, lazy imports included."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: dict[str, set[str]] = {}

    def add(target: str, what: str) -> None:
        while target not in known:  # framing.x.y.Name -> framing.x.y
            target = target.rpartition(".")[0]
        out.setdefault(target, set()).add(what)

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            if source != "framing" and not source.startswith("framing."):
                continue
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                add(sub if sub in known else source, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("framing."):
                    add(alias.name, "*")
    out.pop(name, None)
    return out


def graph() -> dict[str, dict[str, set[str]]]:
    modules = package_modules()
    return {m: imports_of(p, set(modules)) for m, p in modules.items()}


GRAPH = graph()


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_layering_no_upward_imports(module):
    rank = ranks()
    upward = sorted(dep for dep in GRAPH[module] if dep != "framing" and rank[dep] > rank[module])
    assert upward == [], f"{module} imports from a higher layer: {upward}"


def stage_of(module: str) -> str:
    return module.split(".")[1] if module != "framing" else "framing"


@pytest.mark.parametrize("stage", sorted(MAY_IMPORT))
def test_layering_stage_imports_only_what_it_may(stage):
    allowed = GROUND | MAY_IMPORT[stage] | {stage}
    found = {(m, dep) for m, deps in GRAPH.items() if stage_of(m) == stage
             for dep in deps if dep != "framing" and stage_of(dep) not in allowed}
    assert sorted(found) == [], f"framing.{stage} may import only {sorted(allowed)}"


@pytest.mark.parametrize("stage", sorted(MAY_IMPORT))
def test_layering_stage_docstring_says_what_it_may_import(stage):
    folder = PACKAGE / stage
    path = folder / "__init__.py" if folder.is_dir() else PACKAGE / f"{stage}.py"
    doc = ast.get_docstring(ast.parse(path.read_text("utf-8")))
    assert doc and "May import:" in doc
    for other in MAY_IMPORT[stage]:
        assert f"framing.{other}" in doc.split("May import:")[1], other


def test_layering_the_folders_show_the_stages():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    subpackages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert len(modules) <= 8, modules
    assert len(subpackages) >= 4, subpackages



def test_layering_every_subpackage_is_in_the_wheel():
    import tomllib

    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text("utf-8"))
    packaged = set(pyproject["tool"]["setuptools"]["packages"])
    subpackages = {f"framing.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")}
    assert sorted(subpackages - packaged) == [], "add it to [tool.setuptools] packages"


@pytest.mark.parametrize("module", sorted(set(GRAPH) - {"framing"}))
def test_layering_root_only_for_the_version(module):
    assert GRAPH[module].get("framing", {"__version__"}) == {"__version__"}


def test_layering_every_module_has_a_layer():
    listed = set(ranks())
    assert sorted(set(GRAPH) - listed) == [], "add the module to STAGES"
    assert sorted(listed - set(GRAPH)) == [], "STAGES names a module that does not exist"


def test_layering_no_import_cycles():
    """No two modules import each other, directly or through others."""
    edges = {m: set(deps) - {"framing"} for m, deps in GRAPH.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []
    cycles = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for dep in sorted(edges[m]):
            if state.get(dep) == 1:
                cycles.append([*path[path.index(dep):], dep])
            elif dep not in state:
                visit(dep)
        path.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)
    assert cycles == [], f"import cycles: {cycles}"


def test_layering_import_framing_is_cheap():
    import subprocess
    import sys

    code = ("import sys, framing; bad = [m for m in ('sklearn', 'pandas', 'matplotlib') "
            "if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
