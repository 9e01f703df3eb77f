"""Access to the data files shipped in ``framing.lexicons`` and to users' own files.

Files are opened with :mod:`importlib.resources`, so they are found in editable and regular
installs alike; nothing is read at import time and nothing is ever written into the package.
Tables are UTF-8, tab-separated, with a mandatory header; every problem is reported as
``file:line: what is wrong``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import LexiconError

PACKAGE = "framing.lexicons"


@dataclass(frozen=True)
class Source:
    """A data file: its display name (for messages) and its text."""

    name: str
    text: str


def package_file(name: str) -> Source:
    """Read a data file shipped with ``framing``.

    Examples
    --------
    >>> package_file("frames.tsv").name
    'frames.tsv'
    """
    ref = resources.files(PACKAGE) / name
    if not ref.is_file():
        raise LexiconError(f"{name}: no such data file in {PACKAGE}")
    return Source(name, ref.read_text(encoding="utf-8"))


def user_file(path: str | Path) -> Source:
    """Read a user's data file, with a clear error if it is missing or not UTF-8.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    ...     _ = f.write("word")
    >>> user_file(f.name).text
    'word'
    >>> os.unlink(f.name)
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise LexiconError(f"{p}: file not found") from None
    except IsADirectoryError:
        raise LexiconError(f"{p}: is a directory, expected a file") from None
    try:
        return Source(str(p), raw.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise LexiconError(
            f"{p}:{line}: not valid UTF-8 (byte {e.start}); save it as UTF-8"
        ) from None


def read_table(source: Source, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` from a tab-separated table with an exact header.

    Blank lines are skipped; every other line must have exactly ``len(columns)`` fields.

    Examples
    --------
    >>> rows = read_table(Source("t.tsv", "a\\tb\\n1\\t2\\n"), ["a", "b"])
    >>> list(rows)
    [(2, {'a': '1', 'b': '2'})]
    """
    lines = source.text.splitlines()
    expected = "\t".join(columns)
    if not lines or lines[0].strip("\ufeff").rstrip() != expected:
        got = lines[0] if lines else "(empty file)"
        raise LexiconError(
            f"{source.name}:1: header must be {expected!r} (tab-separated); got {got!r}"
        )
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.rstrip("\r\n").split("\t")
        if len(fields) != len(columns):
            raise LexiconError(
                f"{source.name}:{number}: expected {len(columns)} tab-separated fields "
                f"({', '.join(columns)}), got {len(fields)}"
            )
        yield number, {c: f.strip() for c, f in zip(columns, fields, strict=True)}


def read_lines(source: Source) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, entry)`` for the non-blank lines of a one-entry-per-line list."""
    for number, line in enumerate(source.text.splitlines(), start=1):
        entry = line.strip()
        if entry:
            yield number, entry


@lru_cache(maxsize=1)
def manifest() -> dict[str, dict[str, str]]:
    """Versions and SHA-256 of the shipped data files, from ``manifest.json``.

    Examples
    --------
    >>> "frames.tsv" in manifest()
    True
    """
    return json.loads(package_file("manifest.json").text)


def lexicon_versions() -> dict[str, str]:
    """Map each shipped data file to its version, as recorded in every result's ``meta``."""
    return {name: entry["version"] for name, entry in manifest().items()}


def sha256(text: str) -> str:
    """SHA-256 of a file's text (UTF-8), as stored in the manifest."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
