"""Score articles with the trained classifier, alone or combined with the lexicon.

For every sentence and every party mentioned in it, the (sentence, party) item goes through
the frame model; a frame is found when its calibrated probability reaches the threshold. The
evidence of a classifier framing is the party's strongest lexicon cue of that frame in the
sentence when there is one, else the party's mention.

``ensemble`` keeps a lexicon framing unless the classifier finds it very unlikely (probability
below ``veto``), and adds the classifier's framings at or above ``threshold``; both numbers are
recorded in the model's metadata and in every result's ``meta``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from ..labels import FRAMES
from ..lexicon.scoring import SentenceParse, score_article_parsed
from ..results import ArticleFraming, Framing
from .features import PartyItem, as_item, remember_parse
from .models import SENTIMENTS, FramingModel, coerce_model

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
                     sentiment: bool = True, model: Any = None,
                     threshold: float | None = None, veto: float | None = None
                     ) -> ArticleFraming:
    """Score an article with the classifier (``method="classifier"``) or the ensemble.

    Takes the arguments of :func:`framing.score_article`. The lexicon result supplies the
    sentences, mentions, statements and evidence; the model decides the frames.

    Examples
    --------
    >>> import framing
    >>> res = framing.score_article("Kyiv rejected the offer.", method="classifier")
    >>> res.meta["method"]
    'classifier'
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
                          sentiment: bool = True, model: Any = None,
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
    fm = coerce_model(model)
    threshold = fm.meta.get("threshold", THRESHOLD) if threshold is None else threshold
    veto = fm.meta.get("veto", VETO) if veto is None else veto
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
        triples.append(party_items(base))
        if default_cues:  # the frame model's cue features use the default lexicon
            _hand_over(base, parses, {k for k, _, _ in triples[-1]}, sentiment)
    items = [it for ts in triples for _, _, it in ts]
    proba = fm.frame_proba(items) if items else np.zeros((0, len(FRAMES)))
    target = (fm.sentiment_proba(items) if sentiment and fm.sentiment is not None and items
              else None)
    start = 0
    for k, (base, ts) in enumerate(zip(results, triples, strict=True)):
        if isinstance(base, Exception):
            continue
        rows = slice(start, start + len(ts))
        start += len(ts)
        results[k] = _combine(base, ts, proba[rows], None if target is None else target[rows],
                              fm, method, threshold, veto)
    return results


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
             proba: np.ndarray, target_proba: np.ndarray | None, fm: FramingModel,
             method: str, threshold: float, veto: float) -> ArticleFraming:
    """The lexicon result of one article with the model's frames and target sentiment."""
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
    framings.sort(key=lambda f: (f.sentence, f.cue_start, FRAMES.index(f.frame)))
    target: dict[str, list[float]] = {}
    if target_proba is not None:
        for (_, party, _), row in zip(triples, target_proba, strict=True):
            target.setdefault(party, []).append(float(row[2] - row[0]))
    from ..lexicon.scoring import rebuild_summaries

    parties = rebuild_summaries(base, framings, target)
    meta = dict(base.meta, method=method, threshold=threshold, veto=veto,
                model=fm.meta.get("frames_data", {}).get("sha256", "")[:12])
    return replace(base, framings=tuple(framings), parties=parties, meta=meta)


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
