"""Command-line options shared by the commands that score (``score``, ``evaluate``, ``batch``).

``--sentiment`` (:func:`add_sentiment_option`) is shared by ``score`` and ``batch``.

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


#: Values of ``--sentiment``, and the ``sentiment=`` of ``score_article`` each gives.
SENTIMENT_CHOICES: dict[str, bool | str] = {
    "party-aware": True,
    "sentence-vader": "sentence-vader",
    "none": False,
}


def add_sentiment_option(p: argparse.ArgumentParser, *, no_sentiment: bool = False) -> None:
    """Add ``--sentiment {party-aware,sentence-vader,none}`` (and ``--no-sentiment``, the same
    as ``--sentiment none``, when asked); :func:`sentiment_value` reads it.

    Examples
    --------
    >>> p = argparse.ArgumentParser()
    >>> add_sentiment_option(p, no_sentiment=True)
    >>> [sentiment_value(p.parse_args(a)) for a in ([], ["--sentiment", "sentence-vader"],
    ...                                              ["--no-sentiment"])]
    [True, 'sentence-vader', False]
    """
    p.add_argument("--sentiment", choices=tuple(SENTIMENT_CHOICES), default="party-aware",
                   help="sentiment toward each party: party-aware (default; the model's "
                        "target-sentiment part, for every method), sentence-vader (the mean "
                        "VADER compound of the party's sentences: no model for the lexicon "
                        "method, faster) or none")
    if no_sentiment:
        p.add_argument("--no-sentiment", dest="sentiment", action="store_const", const="none",
                       help="no sentiment (faster); the same as --sentiment none")


def sentiment_value(args: argparse.Namespace) -> bool | str:
    """The ``sentiment=`` of :func:`framing.score_article` for the parsed ``--sentiment``."""
    return SENTIMENT_CHOICES[args.sentiment]
