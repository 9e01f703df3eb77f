"""The public entry points that choose a method: lexicon, classifier or ensemble.

``framing.score_article`` and ``framing.evaluate`` live here, above the lexicon scorer
(:mod:`framing.scoring`) and the classifier modules (:mod:`framing.classify`), so that lower
modules never import higher ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .actors import ActorSource
from .errors import FramingError
from .evaluation import Evaluation, GoldArticle, as_gold, score_predictions
from .labels import DEFAULT_METHOD, METHODS
from .results import ArticleFraming
from .scoring import LexiconSource
from .scoring import score_article as score_with_lexicon


def score_article(
    text: str,
    *,
    actors: ActorSource | None = None,
    lexicon: LexiconSource = None,
    actors_mode: str = "extend",
    method: str = DEFAULT_METHOD,
    sentiment: bool = True,
    model: Any = None,
) -> ArticleFraming:
    """Score how an article frames each party, with the evidence for every score.

    Parameters
    ----------
    text : str
        The article as published (title on the first line; boilerplate may stay in).
    actors : ActorDictionary, path, mapping or list of records, optional
        Parties to find: ``{"Russia": ["Moscow", "Kremlin", "Peskov"]}``, records in the
        ``actors.jsonl`` format, a path to either, or an ActorDictionary. By default the
        dictionary shipped with ``framing``.
    lexicon : FrameLexicon, path or list of paths, optional
        Framing cues; user files extend the default lexicon.
    actors_mode : {"extend", "replace"}, default="extend"
        Whether user actors extend or replace the default dictionary.
    method : {"lexicon", "classifier", "ensemble"}, default="ensemble"
        ``lexicon``: transparent cue lists and attribution rules. ``classifier``: the trained
        (sentence, party) model. ``ensemble``: both (see :mod:`framing.classify`).
    sentiment : bool, default=True
        Sentiment per sentence (VADER), toward and by each party; with a model, also the
        party-aware target sentiment.
    model : FramingModel or path, optional
        The classifier to use (the model shipped with ``framing`` by default).

    Returns
    -------
    ArticleFraming

    Examples
    --------
    >>> res = score_article("Moscow rejected the truce. Kyiv offered new talks.")
    >>> [(f.actor, f.frame) for f in res.framings]
    [('Russia', 'hard-line'), ('Ukraine', 'conciliatory')]
    """
    if method == "lexicon":
        if model is not None:
            raise FramingError("model= is used by method='classifier' or 'ensemble' only")
        return score_with_lexicon(text, actors=actors, lexicon=lexicon, actors_mode=actors_mode,
                                  sentiment=sentiment)
    if method not in METHODS:
        raise FramingError(f"method must be one of {list(METHODS)}; got {method!r}")
    from .classify import score_with_model

    return score_with_model(text, actors=actors, lexicon=lexicon, actors_mode=actors_mode,
                            method=method, sentiment=sentiment, model=model)


def evaluate(
    gold_paths: Iterable[str | Path],
    *,
    method: str = DEFAULT_METHOD,
    use_gold_actors: bool = True,
    scorer: Callable[[GoldArticle], Iterable[Any]] | None = None,
    **score_kwargs: Any,
) -> Evaluation:
    """Score ``framing`` on gold-coded articles, by the scores of the annotation guideline.

    Parameters
    ----------
    gold_paths : iterable of paths or GoldArticle
        Gold files in the format of ANNOTATION.md, or gold articles already loaded (e.g.
        by :func:`framing.load_realnews`).
    method : {"lexicon", "classifier", "ensemble"}, default="ensemble"
    use_gold_actors : bool, default=True
        Give each gold file's ``actors`` to the scorer (extending the default dictionary), as
        the independent scorer ``score_gold.py`` does.
    scorer : callable, optional
        ``scorer(gold) -> framings`` to evaluate something other than ``score_article``.
    **score_kwargs
        Further keyword arguments of :func:`score_article` (``lexicon=...``, ``model=...``).

    Returns
    -------
    Evaluation
        ``.per_frame``, ``.micro``, ``.dominant_accuracy``, ``.alpha``, ``.to_table()``.

    Examples
    --------
    >>> ev = evaluate(["tests/data/gold/seed-000.json"])  # doctest: +SKIP
    >>> print(ev.to_table())  # doctest: +SKIP
    """
    golds = [as_gold(g) for g in gold_paths]
    predictions, errors = [], []
    for gold in golds:
        try:
            if scorer is not None:
                predictions.append(list(scorer(gold)))
            else:
                actors = gold.actors if (use_gold_actors and gold.actors) else None
                kwargs = dict(score_kwargs)
                if method == "lexicon":
                    kwargs.pop("model", None)  # one loop can pass model= to every method
                res = score_article(gold.text, actors=actors, actors_mode=gold.actors_mode,
                                    method=method, sentiment=False, **kwargs)
                predictions.append(res.framings)
        except FramingError as e:  # a failure scores as finding nothing, and is reported
            errors.append({"id": gold.id, "error": f"{type(e).__name__}: {e}"})
            predictions.append([])
    return score_predictions(golds, predictions, method=method, errors=errors)
