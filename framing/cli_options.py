"""Command-line options shared by the commands that score (``score``, ``evaluate``, ``batch``).

Kept apart from :mod:`framing.cli` so that sub-command modules lower in the package (such as
:mod:`framing.corpus_cli`) can use them without importing the top-level CLI.
"""

from __future__ import annotations

import argparse

METHOD_CHOICES = ("lexicon", "classifier", "ensemble")


def add_scoring_options(p: argparse.ArgumentParser, *, actors: bool = True) -> None:
    """Add ``--actors``, ``--actors-mode``, ``--lexicon``, ``--method`` and ``--model``.

    Examples
    --------
    >>> p = argparse.ArgumentParser()
    >>> add_scoring_options(p)
    >>> p.parse_args(["--method", "ensemble"]).method
    'ensemble'
    """
    if actors:
        p.add_argument("--actors", metavar="FILE",
                       help="actor file: JSON {party: [aliases]} or JSONL party records")
        p.add_argument("--actors-mode", choices=("extend", "replace"), default="extend",
                       help="user actors extend (default) or replace the built-in dictionary")
    p.add_argument("--lexicon", action="append", default=[], metavar="FILE",
                   help="frame cue file(s) adding to or overriding the default lexicon")
    p.add_argument("--method", choices=METHOD_CHOICES, default="lexicon")
    p.add_argument("--model", metavar="FILE", help="classifier model file (.skops)")
