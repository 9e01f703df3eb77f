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
from .labels import DEFAULT_METHOD, METHODS, PARTY_AWARE
from .lexicon.scoring import LexiconSource, SentimentOption, sentiment_option
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
    sentiment: SentimentOption = True,
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
    sentiment : bool or {"party-aware", "sentence-vader"}, default=True
        Sentiment toward and by each party. ``True``: ``sentiment_toward`` is party-aware,
        from the model's target-sentiment part (for every method, the lexicon's included:
        each party of a sentence gets its own value, kept in ``res.targets``); if the model
        cannot give it, the sentence VADER mean, with a ``SentimentFallbackWarning``.
        ``"party-aware"``: the same, but an error instead of the fallback.
        ``"sentence-vader"``: the mean VADER compound of the sentences that mention the party
        (faster: the lexicon method then loads no model). Every party's
        ``sentiment_toward_measure`` names the measure used. With any of these, the sentence
        VADER mean is also in ``sentence_tone`` and the VADER of each party's statements in
        ``sentiment_by``. ``False``: no sentiment.
    model : FramingModel or path, optional
        The model to use (the model shipped with ``framing`` by default): its frame part for
        the classifier and the ensemble, its sentiment part for party-aware sentiment.

    Returns
    -------
    ArticleFraming

    Examples
    --------
    >>> res = score_article("Moscow rejected the truce. Kyiv offered new talks.")
    >>> [(f.actor, f.frame) for f in res.framings]
    [('Russia', 'hard-line'), ('Ukraine', 'conciliatory')]
    >>> res.parties["Russia"].sentiment_toward_measure
    'party-aware'
    """
    wanted = sentiment_option(sentiment)
    if method == "lexicon" and wanted not in ("auto", PARTY_AWARE):
        if model is not None:
            raise FramingError("model= is used by method='classifier' or 'ensemble', or by "
                               f"party-aware sentiment; got method='lexicon' with "
                               f"sentiment={sentiment!r}")
        return score_with_lexicon(text, actors=actors, lexicon=lexicon, actors_mode=actors_mode,
                                  sentiment=sentiment)
    if method not in METHODS:
        raise FramingError(f"method must be one of {list(METHODS)}; got {method!r}")
    from .learn.classify import score_with_model

    return score_with_model(text, actors=actors, lexicon=lexicon, actors_mode=actors_mode,
                            method=method, sentiment=sentiment, model=model)
