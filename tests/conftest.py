"""Shared fixtures: paths to the project's test data and to ../shared when it is present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
GOLD = sorted((DATA / "gold").glob("*.json"))
HELDOUT = sorted((DATA / "heldout").glob("*.json"))
SEED_TEXT = ROOT / "seeds" / "000_31b07caf7277be3d.txt"
SEED_GOLD = DATA / "gold" / "seed-000.json"

#: The actors of the examples in the annotation guideline, as a user would pass them.
ACTORS = {
    "Russia": ["Russia", "Moscow", "Kremlin", "Russian officials", "Peskov", "Lavrov", "Putin"],
    "Ukraine": ["Ukraine", "Kyiv", "Zelensky", "Ukrainian officials"],
    "United States": ["United States", "U.S.", "US", "Washington", "White House", "Rubio"],
    "China": ["China", "Beijing"],
    "NATO": ["NATO"],
    "Europe": ["EU", "Brussels", "European nations"],
    "Qatar": ["Qatar", "Doha"],
    "Egypt": ["Egypt", "Cairo"],
}


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test cleanly when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not available (../shared is absent)")
    return p


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")
