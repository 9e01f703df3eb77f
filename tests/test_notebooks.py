"""The research notebooks run top to bottom, unedited, on a fresh install.

Each notebook in ``notebooks/`` is executed with nbclient in the ``python3`` kernel of the
environment running the tests, with ``notebooks/`` as the working directory (as a researcher
opening it in Jupyter would have), and fails on the first cell that raises. The notebooks are
stored without outputs; this test checks that too, so the repository stays small.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 600  # seconds per cell
_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colours in IPython tracebacks


def test_notebooks_exist():
    assert {
        "01_seed_article.ipynb",
        "02_corpus_comparison.ipynb",
        "03_train_and_validate.ipynb",
        "04_custom_lexicon_and_actors.ipynb",
    } <= {p.name for p in PATHS}


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory):
    """A ``python3`` kernel spec that runs this interpreter (the project's venv).

    Put first on JUPYTER_PATH, it wins over a user's own ``python3`` kernel, which may belong
    to another Python without ``framing`` installed.
    """
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / "python3"
    spec.mkdir(parents=True)
    spec.joinpath("kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (framing tests)",
        "language": "python",
    }), encoding="utf-8")
    return root


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_is_saved_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{path.name}: clear the outputs of cells {dirty} before committing"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs(path, kernel_dir, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(kernel_dir))
    nb = nbformat.read(path, as_version=4)
    # the metadata path is the kernel's working directory: notebooks/
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as e:
        pytest.fail(f"{path.name} failed:\n{_ANSI.sub('', str(e))}", pytrace=False)
