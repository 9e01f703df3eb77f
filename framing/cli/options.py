"""Command-line options shared by the commands that score (``score``, ``evaluate``, ``batch``).

Kept apart from :mod:`framing.cli.main` so that the sub-command modules below it (such as
:mod:`framing.cli.batch`) can use them without importing the top-level CLI.
"""

from __future__ import annotations

import argparse

from ..labels import DEFAULT_METHOD, METHODS

METHOD_CHOICES = METHODS


def method_list(value: str) -> tuple[str, ...]:
    """Parse ``--method lexicon,classifier``: known methods, in order, without repeats.

    Examples
    --------
    >>> method_list("lexicon,ensemble")
    ('lexicon', 'ensemble')
    """
    names = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    bad = [n for n in names if n not in METHOD_CHOICES]
    if bad or not names:
        raise argparse.ArgumentTypeError(
            f"invalid method {','.join(bad) or value!r}: give one or more of "
            f"{', '.join(METHOD_CHOICES)}, separated by commas")
    return names


def add_scoring_options(p: argparse.ArgumentParser, *, actors: bool = True,
                        several_methods: bool = False) -> None:
    """Add ``--actors``, ``--actors-mode``, ``--lexicon``, ``--method`` and ``--model``.

    With ``several_methods``, ``--method`` takes a comma-separated list and gives a tuple.

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
    if several_methods:
        p.add_argument("--method", type=method_list, default=(DEFAULT_METHOD,),
                       metavar="METHOD[,METHOD...]",
                       help="one or more of lexicon, classifier, ensemble (comma-separated), "
                            "reported side by side")
    else:
        p.add_argument("--method", choices=METHOD_CHOICES, default=DEFAULT_METHOD)
    p.add_argument("--model", metavar="FILE", help="classifier model file (.skops)")
