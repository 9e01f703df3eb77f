"""The public entry point that chooses a method: lexicon, classifier or ensemble.

``framing.score_article`` lives here, between the stages that score and those that use scores:
above the lexicon scorer (:mod:`framing.lexicon.scoring`) and the classifier
(:mod:`framing.learn.classify`), below the measurement against coding (:mod:`framing.measure`,
where ``framing.evaluate`` lives) and the corpus jobs (:mod:`framing.batch`), which score
through it.

May import: the ground floor, :mod:`framing.read`, :mod:`framing.lexicon` and
:mod:`framing.learn`.
"""

from __future__ import annotations

from typing import Any

from .errors import FramingError
from .labels import DEFAULT_METHOD, METHODS
from .lexicon.scoring import LexiconSource
from .lexicon.scoring import score_article as score_with_lexicon
from .read.actors import ActorSource
from .results import ArticleFraming


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
        (sentence, party) model. ``ensemble``: both (see :mod:`framing.learn.classify`).
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
    from .learn.classify import score_with_model

    return score_with_model(text, actors=actors, lexicon=lexicon, actors_mode=actors_mode,
                            method=method, sentiment=sentiment, model=model)
