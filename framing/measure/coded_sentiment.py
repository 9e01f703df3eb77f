"""The project's coding of sentiment toward the parties of real news disputes.

NewsMTSC, on which the target-sentiment models are trained and measured, codes sentiment
toward persons in US domestic news. ``framing``'s parties are mostly states, governments,
alliances, movements and companies in disputes. This coding covers them: every (sentence,
party) of a sentence with two or more parties that ``framing`` finds with its default actor
dictionary, coded negative, neutral or positive toward the party (or skipped when the marked
words name no party) by two coders independently, each with only
``framing/datasets/SENTIMENT_CODING.md`` and the sentence, and adjudicated. The datasheet is
``framing/datasets/REALNEWS.md`` ("Sentiment toward parties").

Splits follow the real-news coding's stories, so that no model trains on a text it is measured
on: ``dev`` and ``test`` are the multi-party sentences of the Wikinews articles of the real-news
``dev`` and ``test`` splits, which no shipped model is trained on (not even through soft labels:
:mod:`framing.measure.distilled` leaves them out); ``train`` those of the other Wikinews
articles and of the BABE sentences, whose texts the default model's soft labels cover.
``scripts/target_sentiment_report.py`` scores models on ``dev`` and ``test`` beside NewsMTSC's
dev splits.

The file ``framing/datasets/realnews_sentiment.jsonl`` holds no text: one JSON line per unit
with the record's ``corpus`` and ``id``, the sentence's offsets and SHA-1, the party's
``spans``, the other parties' ``others``, the adjudicated ``sentiment`` (``null`` when
skipped), both ``coders``' labels and the ``split``. The texts are read from ``../shared`` at
run time and checked against the SHA-1s (:func:`framing.measure.realnews.party_rows`).

Examples
--------
>>> SPLITS
('train', 'dev', 'test')
>>> coder_agreement()["units"] > 2000
True
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from .evaluation import krippendorff_alpha
from .realnews import json_lines, party_rows

__all__ = ["FIELDS", "LABELS", "SPLITS", "coded_file", "coder_agreement",
           "load_coded_sentiment", "newsmtsc_convention"]

#: The splits of the coding.
SPLITS = ("train", "dev", "test")
#: A unit's label: the three sentiments, or ``skip`` (the marked words name no party).
LABELS = ("negative", "neutral", "positive", "skip")
#: The fields of one line.
FIELDS = ("corpus", "id", "start", "end", "sha1", "spans", "others", "sentiment", "coders",
          "split")
_FILE = "realnews_sentiment.jsonl"
#: The project's coders' labels of NewsMTSC train's multi-target targets, by its guideline.
_CONVENTION_FILE = "newsmtsc_convention.jsonl"


def coded_file(name: str = _FILE) -> Path:
    """The path of one of the project's coding files (inside the installed package): the
    sentiment toward parties by default, or ``newsmtsc_convention.jsonl``."""
    return Path(str(resources.files("framing.datasets").joinpath(name)))


def _splits(splits: str | Sequence[str]) -> tuple[str, ...]:
    chosen = (splits,) if isinstance(splits, str) else tuple(splits)
    bad = [s for s in chosen if s not in SPLITS]
    if bad or not chosen:
        raise InputError(f"splits must be some of {list(SPLITS)}; got {list(chosen)}")
    return chosen


def load_coded_sentiment(splits: str | Sequence[str] = "train", *,
                         path: str | Path | None = None,
                         shared: str | Path | None = None) -> Any:
    """The coded (sentence, party) items of ``splits`` as a sentiment-only
    :class:`framing.learn.models.TrainingSet` (skipped units left out).

    Texts are read from ``../shared`` (or ``shared``, or ``FRAMING_SHARED``) and checked
    against their SHA-1s; an absent data set is an error that says how to point to it.

    Examples
    --------
    >>> test = load_coded_sentiment("test")  # doctest: +SKIP
    >>> sorted(set(test.sentiment))  # doctest: +SKIP
    ['negative', 'neutral', 'positive']
    """
    from ..learn.models import TrainingSet

    chosen = _splits(splits)
    p = Path(path) if path is not None else coded_file()
    items, labels, ids = [], [], []
    for where, row, item in party_rows(p, FIELDS, shared=shared):
        if row["split"] not in SPLITS:
            raise InputError(f"{where}: split must be one of {list(SPLITS)}; got "
                             f"{row['split']!r}")
        label = row["sentiment"]
        if label is not None and label not in LABELS[:3]:
            raise InputError(f"{where}: sentiment must be one of {list(LABELS[:3])} or null; "
                             f"got {label!r}")
        if row["split"] in chosen and label is not None:
            items.append(item)
            labels.append(label)
            ids.append(f"{row['corpus']}:{row['id']}:{row['start']}:{row['spans'][0][0]}")
    return TrainingSet(items, np.zeros((len(items), 3), dtype=int), labels,
                       ["coded-sentiment"] * len(items), ids, [p.name])


@lru_cache(maxsize=2)
def _rows(path: str) -> tuple[dict[str, Any], ...]:
    return tuple(r for _, r in json_lines(Path(path).read_text(encoding="utf-8").splitlines(),
                                          path))


def coder_agreement(path: str | Path | None = None) -> dict[str, Any]:
    """Agreement of the two coders before adjudication (reads only the coding, no texts).

    ``agreement``: the share of units both coders gave the same label (``skip`` included);
    ``alpha``: Krippendorff's alpha (nominal) over the four labels; ``per_label``: for each
    label, alpha of "this label or not" and how many units each coder and the adjudicated
    coding gave it.

    Examples
    --------
    >>> agr = coder_agreement()
    >>> 0 <= agr["agreement"] <= 1
    True
    """
    rows = _rows(str(Path(path) if path is not None else coded_file()))
    pairs = [(r["coders"]["A"], r["coders"]["B"]) for r in rows]
    final = [r["sentiment"] or "skip" for r in rows]
    per_label = {}
    for lab in LABELS:
        per_label[lab] = {
            "alpha": krippendorff_alpha([(a == lab, b == lab) for a, b in pairs]),
            "A": sum(a == lab for a, _ in pairs), "B": sum(b == lab for _, b in pairs),
            "adjudicated": sum(f == lab for f in final)}
    return {"units": len(rows),
            "agreement": sum(a == b for a, b in pairs) / len(pairs) if pairs else float("nan"),
            "alpha": krippendorff_alpha(pairs), "per_label": per_label,
            "splits": {s: sum(r["split"] == s and r["sentiment"] is not None for r in rows)
                       for s in SPLITS}}


def newsmtsc_convention(shared: str | Path | None = None) -> dict[str, Any]:
    """How NewsMTSC's labels compare with the project's guideline, on NewsMTSC train's
    multi-target sentences.

    Two of the project's coders coded every target of NewsMTSC train's sentences with two or
    more targets (``framing/datasets/newsmtsc_convention.jsonl``: record id, the target's span,
    both coders' labels) by ``SENTIMENT_CODING.md``, without seeing NewsMTSC's labels. Returns
    the coders' agreement with each other (``coders``: share and alpha over every target) and,
    on the targets both coded alike with a sentiment, with NewsMTSC (``newsmtsc``: ``units``,
    ``agreement``, ``alpha``, and ``differences``: counts of (NewsMTSC's label, the coders')).
    Reads NewsMTSC train from ``../shared`` (or ``shared``).

    Examples
    --------
    >>> conv = newsmtsc_convention()  # doctest: +SKIP
    >>> round(conv["newsmtsc"]["agreement"], 3)  # doctest: +SKIP
    0.748
    """
    from collections import Counter

    from .realnews import newsmtsc_records

    rows = _rows(str(coded_file(_CONVENTION_FILE)))
    records = newsmtsc_records(shared)
    pairs = [(r["coders"]["A"], r["coders"]["B"]) for r in rows]
    theirs = []
    for r in rows:
        a, b = r["coders"]["A"], r["coders"]["B"]
        if a != b or a == "skip":
            continue
        record = records.get(r["id"])
        label = next((t["label"] for t in (record or {}).get("targets", ())
                      if (t["from"], t["to"]) == (r["from"], r["to"])), None)
        if label is None:
            raise InputError(f"{_CONVENTION_FILE}: NewsMTSC train has no target "
                             f"{r['from']}-{r['to']} in record {r['id']!r}")
        theirs.append((label, a))
    return {"coders": {"units": len(pairs),
                       "agreement": sum(a == b for a, b in pairs) / len(pairs),
                       "alpha": krippendorff_alpha(pairs)},
            "newsmtsc": {"units": len(theirs),
                         "agreement": sum(a == b for a, b in theirs) / len(theirs),
                         "alpha": krippendorff_alpha(theirs),
                         "differences": dict(Counter((a, b) for a, b in theirs if a != b))}}
