"""Score articles with the trained classifier, alone or combined with the lexicon.

For every sentence and every party mentioned in it, the (sentence, party) item goes through
the frame model; a frame is found when its calibrated probability reaches the threshold. The
evidence of a classifier framing is the party's strongest lexicon cue of that frame in the
sentence when there is one, else the party's mention.

``ensemble`` keeps a lexicon framing unless the classifier finds it very unlikely (probability
below ``veto``), and adds the classifier's framings at or above ``threshold``; both numbers are
recorded in the model's metadata and in every result's ``meta``. A lexicon framing of a party
that the sentence does not name (the speaker of a quotation that goes on from an earlier
sentence) has no item for the classifier to read; the ensemble keeps it as the lexicon found
it, with ``method="lexicon"`` and the cue's weight.

Sentiment toward each party comes from the model's target-sentiment part, for every method:
each (sentence, party) item gets P(positive) − P(negative) (``ArticleFraming.targets``), and a
party's ``sentiment_toward`` is their mean (measure ``"party-aware"``). The ``lexicon`` method
runs only that part of the model: its framings are the lexicon's. When the model cannot give
it (no sentiment part; for the lexicon method, a shipped model that cannot be loaded) and the
caller did not insist on it, ``sentiment_toward`` is the sentence VADER mean, with a
:class:`~framing.errors.SentimentFallbackWarning`, and the measure says ``"sentence-vader"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from ..errors import SentimentFallbackWarning
from ..labels import FRAMES, PARTY_AWARE
from ..lexicon.scoring import (
    SentenceParse,
    SentimentOption,
    score_article_parsed,
    sentiment_option,
)
from ..results import ArticleFraming, Framing, TargetSentiment
from .features import PartyItem, as_item, remember_parse
from .models import SENTIMENTS, FramingModel, ModelError, coerce_model

THRESHOLD = 0.5
VETO = 0.2


def party_items(res: ArticleFraming) -> list[tuple[int, str, PartyItem]]:
    """(sentence index, party, item) for every party mentioned in every sentence."""
    by_sentence: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for m in res.mentions:
        by_sentence.setdefault(m.sentence, {}).setdefault(m.actor, []).append((m.start, m.end))
    out = []
    for k, parties in sorted(by_sentence.items()):
        s = res.sentences[k]
        for party, spans in parties.items():
            rel = tuple(sorted((a - s.start, b - s.start) for a, b in spans))
            others = tuple(sorted((a - s.start, b - s.start) for p, sp in parties.items()
                                  if p != party for a, b in sp))
            out.append((k, party, PartyItem(s.text, rel, others)))
    return out


def score_with_model(text: str, *, actors: Any = None, lexicon: Any = None,
                     actors_mode: str = "extend", method: str = "classifier",
                     sentiment: SentimentOption = True, model: Any = None,
                     threshold: float | None = None, veto: float | None = None
                     ) -> ArticleFraming:
    """Score an article with the classifier (``method="classifier"``), the ensemble, or the
    lexicon with the model's party-aware sentiment (``method="lexicon"``).

    Takes the arguments of :func:`framing.score_article`. The lexicon result supplies the
    sentences, mentions, statements and evidence; the model decides the frames (except for
    ``lexicon``) and the sentiment toward each party.

    Examples
    --------
    >>> import framing
    >>> res = framing.score_article("Kyiv rejected the offer.", method="classifier")
    >>> res.meta["method"], res.meta["sentiment_toward"]
    ('classifier', 'party-aware')
    """
    (result,) = score_many_with_model([text], actors=actors, lexicon=lexicon,
                                      actors_mode=actors_mode, method=method,
                                      sentiment=sentiment, model=model, threshold=threshold,
                                      veto=veto)
    if isinstance(result, Exception):
        raise result
    return result


def score_many_with_model(texts: Sequence[str], *, actors: Any = None, lexicon: Any = None,
                          actors_mode: str = "extend", method: str = "classifier",
                          sentiment: SentimentOption = True, model: Any = None,
                          threshold: float | None = None, veto: float | None = None
                          ) -> list[ArticleFraming | Exception]:
    """:func:`score_with_model` over many articles, the models run once for all their items.

    What a batch job calls: featurising and predicting the (sentence, party) items of a chunk
    of articles together costs less than article by article, and gives the same results (every
    item's features and probabilities are computed row by row). An article that cannot be
    scored gets its exception in its place; the others are scored.

    Examples
    --------
    >>> out = score_many_with_model(["Kyiv rejected the offer.", "Moscow offered talks."])
    >>> [[(f.actor, f.frame) for f in r.framings] for r in out]
    [[('Ukraine', 'hard-line')], [('Russia', 'conciliatory')]]
    """
    wanted = sentiment_option(sentiment)
    fm = _model_for(method, wanted, model)
    meta_fm = fm if fm is not None else FramingModel()
    threshold = meta_fm.meta.get("threshold", THRESHOLD) if threshold is None else threshold
    veto = meta_fm.meta.get("veto", VETO) if veto is None else veto
    party_aware = wanted in ("auto", PARTY_AWARE) and fm is not None
    if party_aware and fm.sentiment is None:
        why = "the model has no sentiment classifier (it was trained without sentiment labels)"
        if wanted == PARTY_AWARE:
            raise ModelError(f"sentiment='party-aware' needs the target-sentiment model, but {why}")
        _fall_back(why)
        party_aware = False
    frames = method != "lexicon"
    results: list[ArticleFraming | Exception] = []
    triples: list[list[tuple[int, str, PartyItem]]] = []
    for text in texts:
        try:
            base, parses, default_cues = score_article_parsed(
                text, actors=actors, lexicon=lexicon, actors_mode=actors_mode,
                sentiment=sentiment)
        except Exception as e:  # this article only; the caller decides whether to raise
            results.append(e)
            triples.append([])
            continue
        results.append(base)
        triples.append(party_items(base) if frames or party_aware else [])
        if default_cues and triples[-1]:  # the models' cue features use the default lexicon
            _hand_over(base, parses, {k for k, _, _ in triples[-1]}, bool(wanted))
    items = [it for ts in triples for _, _, it in ts]
    proba = None
    if frames:
        proba = fm.frame_proba(items) if items else np.zeros((0, len(FRAMES)))
    target = None
    if party_aware:
        target = fm.sentiment_proba(items) if items else np.zeros((0, len(SENTIMENTS)))
    start = 0
    for k, (base, ts) in enumerate(zip(results, triples, strict=True)):
        if isinstance(base, Exception):
            continue
        rows = slice(start, start + len(ts))
        start += len(ts)
        results[k] = _combine(base, ts, None if proba is None else proba[rows],
                              None if target is None else target[rows],
                              meta_fm, method, threshold, veto)
    return results


def _model_for(method: str, wanted: str | None, model: Any) -> FramingModel | None:
    """The model the method needs: always for the classifier and the ensemble; for the lexicon,
    only for party-aware sentiment, and then a shipped model that cannot be loaded falls back
    to the sentence VADER measure unless ``sentiment="party-aware"`` insists (a model the
    caller names must load)."""
    if method != "lexicon":
        return coerce_model(model)
    if wanted not in ("auto", PARTY_AWARE):
        return None
    if model is not None:
        return coerce_model(model)
    try:
        return coerce_model(None)
    except ModelError as e:
        if wanted == PARTY_AWARE:
            raise
        _fall_back(f"the model cannot be loaded ({e})")
        return None


def _fall_back(why: str) -> None:
    import warnings

    warnings.warn(f"sentiment toward each party is the sentence VADER mean (measure "
                  f"'sentence-vader'), not party-aware: {why}; pass "
                  f"sentiment='sentence-vader' to ask for it, or a model with a sentiment part",
                  SentimentFallbackWarning, stacklevel=4)


def _hand_over(base: ArticleFraming, parses: list[SentenceParse], sentences: set[int],
               sentiment: bool) -> None:
    """Give the featurisers the tokens, cues and VADER compound the lexicon pass found in the
    sentences that have items, so that they are not parsed a second time."""
    from ..lexicon.sentiment import sentence_sentiment

    for k in sentences:
        p = parses[k]
        compound = base.sentences[k].sentiment if sentiment else sentence_sentiment(p.text)
        remember_parse(p.text, p.tokens, p.cues, compound, offset=p.start)


def _combine(base: ArticleFraming, triples: list[tuple[int, str, PartyItem]],
             proba: np.ndarray | None, target_proba: np.ndarray | None, fm: FramingModel,
             method: str, threshold: float, veto: float) -> ArticleFraming:
    """The lexicon result of one article with the model's frames (``proba``; None keeps the
    lexicon's) and party-aware sentiment (``target_proba``; None keeps sentence VADER)."""
    meta = dict(base.meta)
    framings: list[Framing] = list(base.framings)
    if proba is not None:
        framings = _model_framings(base, triples, proba, method, threshold, veto)
        meta.update(method=method, threshold=threshold, veto=veto,
                    model=fm.meta.get("frames_data", {}).get("sha256", "")[:12])
    target: dict[str, list[float]] | None = None
    targets: tuple[TargetSentiment, ...] = ()
    if target_proba is not None:
        target = {}
        rows = []
        for (k, party, _), row in zip(triples, target_proba, strict=True):
            neg, neu, pos = (float(x) for x in row)
            target.setdefault(party, []).append(pos - neg)
            rows.append(TargetSentiment(party, k, pos - neg, neg, neu, pos))
        targets = tuple(rows)
        meta.update(sentiment_toward=PARTY_AWARE,
                    sentiment_model=fm.meta.get("sentiment_data", {}).get("sha256", "")[:12])
    if proba is None and target is None:
        return base
    from ..lexicon.scoring import rebuild_summaries

    parties = rebuild_summaries(base, framings, target)
    return replace(base, framings=tuple(framings), parties=parties, meta=meta, targets=targets)


def _model_framings(base: ArticleFraming, triples: list[tuple[int, str, PartyItem]],
                    proba: np.ndarray, method: str, threshold: float, veto: float
                    ) -> list[Framing]:
    """The framings the classifier (or the ensemble) keeps, with their evidence."""
    p_of = {(k, party): proba[i] for i, (k, party, _) in enumerate(triples)}
    lexicon_by: dict[tuple[int, str, str], list[Framing]] = {}
    for f in base.framings:
        lexicon_by.setdefault((f.sentence, f.actor, f.frame), []).append(f)
    framings: list[Framing] = []
    for (k, party), p in p_of.items():
        s = base.sentences[k]
        for j, frame in enumerate(FRAMES):
            lex = lexicon_by.get((k, party, frame), [])
            prob = float(p[j])
            if method == "classifier":
                keep = prob >= threshold
            else:
                keep = (bool(lex) and prob >= veto) or prob >= threshold
            if not keep:
                continue
            if lex:
                best = max(lex, key=lambda f: f.weight)
                framings.append(replace(best, weight=prob, method=method))
            else:
                m = next(m for m in base.mentions if m.sentence == k and m.actor == party)
                framings.append(Framing(actor=party, frame=frame, weight=prob, cue=m.text,
                                        cue_start=m.start, cue_end=m.end, sentence=k,
                                        sentence_start=s.start, sentence_end=s.end,
                                        method=method, rule="classifier", holder=m.text))
    if method == "ensemble":
        # A party the lexicon framed in a sentence that does not name it (the speaker of a
        # quotation that goes on from an earlier sentence: '"That is unacceptable."') gives
        # the classifier no item to read, so nothing can veto it: the lexicon's framing stays.
        framings.extend(f for f in base.framings if (f.sentence, f.actor) not in p_of)
    framings.sort(key=lambda f: (f.sentence, f.cue_start, FRAMES.index(f.frame)))
    return framings


def target_sentiment(items: Iterable[Any], *, proba: bool = False, model: Any = None):
    """Sentiment toward a party named in a sentence, with the party-aware model.

    Parameters
    ----------
    items : iterable of (sentence, (start, end))
        The sentence and the character span of the party's mention (a list of spans, or a
        :class:`framing.learn.features.PartyItem`, are accepted too).
    proba : bool, default=False
        Return probabilities, columns ``negative, neutral, positive``, instead of labels.
    model : FramingModel or path, optional
        The shipped model by default.

    Returns
    -------
    list of str or ndarray of shape (n, 3)

    Examples
    --------
    >>> target_sentiment([("Critics praised Kyiv for its restraint.", (15, 19))])
    ['positive']
    """
    fm: FramingModel = coerce_model(model)
    items = [as_item(x) for x in items]
    p = fm.sentiment_proba(items)
    if proba:
        return p
    return [SENTIMENTS[i] for i in np.argmax(p, axis=1)] if len(items) else []
