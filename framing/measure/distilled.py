"""Soft labels for real news no one coded: what the fine-tuned encoders say about it.

The default models (scikit-learn, no PyTorch) learn from coded items, and also from the
*probabilities* that the accurate models of the embeddings extra (the fine-tuned encoders of
``lexicons/model-embeddings.skops``) give to parties in real news that carry no label:
knowledge distillation. There are two kinds: sentiment toward the party (negative, neutral,
positive; the shipped target-sentiment model learns them) and frames (the probability that the
party holds each of hard-line, skeptical and conciliatory; the frame model can learn them, the
shipped one does not: ``training/frames/README.md``). Their
sentences are those of the Wikinews articles (CC BY 2.5 or public domain) and of the BABE
sentences (AGPL-3.0), and their parties are the ones ``framing`` finds in them with its default
actor dictionary. NewsMTSC train (MIT) can be added (``corpora=``): there a party that is one
of the sentence's coded targets is left out (its coded label is learnt instead), and the coded
targets count as the party's other parties. Wikinews articles and NewsMTSC sentences of the
real-news ``dev`` and ``test`` splits are left out, so that no measurement of the project reads
a text the models were trained on (the coded sentiment toward parties measures on those
articles too: :mod:`framing.measure.coded_sentiment`).

As with the real-news coding, the project keeps only its own labels: one JSON line per
(sentence, party) with the record's id, the sentence's offsets in the record's text and its
SHA-1, the party's spans in the sentence, the other parties' spans and the three
probabilities (field ``proba`` for sentiment, ``frames`` for frames, so that one kind of file
is never read as the other). The texts are read from ``../shared`` at run time and checked
against the SHA-1s. ``scripts/distill.py`` writes the files (it needs the extra); ``framing
train --sentiment-distilled FILE --frames-distilled FILE`` reads them, and ``make model`` the
sentiment file.

Examples
--------
>>> row = {"corpus": "babe", "id": "SG1-0001", "start": 0, "end": 20, "sha1": "0" * 40,
...        "spans": [[15, 19]], "others": [[0, 6]], "proba": [0.1, 0.3, 0.6]}
>>> sorted(row) == sorted(FIELDS)
True
>>> LABEL_FIELD["frames"]
'frames'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from .realnews import (
    coding_records,
    newsmtsc_records,
    party_rows,
    record_texts,
    sha1,
)

__all__ = ["CORPORA", "DEFAULT_CORPORA", "DEFAULT_FILE", "FIELDS", "FRAMES_FILE", "HELD_SPLITS",
           "LABEL_FIELD", "distillation_items", "load_soft_labels", "soft_label_rows",
           "write_soft_labels"]

#: The corpora whose parties can be soft-labelled, in the order a file lists them.
CORPORA = ("wikinews", "babe", "newsmtsc")
#: The corpora of the project's soft-label files (``make distilled``). NewsMTSC train's uncoded
#: parties were tried for sentiment and gained nothing beyond noise on held-out NewsMTSC train
#: (``docs/accuracy.md``).
DEFAULT_CORPORA = ("wikinews", "babe")
#: The fields of one line of a soft sentiment-label file (a frame file has ``frames`` for
#: ``proba``: :data:`LABEL_FIELD`).
FIELDS = ("corpus", "id", "start", "end", "sha1", "spans", "others", "proba")
#: The field that holds the three probabilities, by kind of soft label.
LABEL_FIELD = {"sentiment": "proba", "frames": "frames"}
_ORDER = {"sentiment": "negative, neutral, positive", "frames": "hard-line, skeptical, "
          "conciliatory"}
#: The project's soft sentiment-label file, in the source tree (training data, not part of the
#: wheel).
DEFAULT_FILE = Path(__file__).resolve().parents[2] / "training" / "sentiment" / "distilled.jsonl"
#: The project's soft frame-label file.
FRAMES_FILE = Path(__file__).resolve().parents[2] / "training" / "frames" / "distilled.jsonl"
#: Real-news splits whose Wikinews articles never enter the distillation.
HELD_SPLITS = ("dev", "test")


def _coded_spans(record: dict[str, Any]) -> list[tuple[int, int]]:
    """The spans of a NewsMTSC sentence's coded targets, with their further mentions."""
    return [(int(m["from"]), int(m["to"]))
            for t in record.get("targets", ())
            for m in (t, *t.get("further_mentions", ()))]


def _beside_coded(item: Any, offset: int, coded: Sequence[tuple[int, int]]) -> Any:
    """``item`` (a party of the sentence that starts at ``offset`` in the record) with the coded
    targets among its other parties; None when the party is itself a coded target."""
    from ..learn.features import PartyItem

    def overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
        return any(a[0] < b and c < a[1] for c, b in spans)

    own = [(a + offset, b + offset) for a, b in item.spans]
    if any(overlaps(span, coded) for span in own):
        return None
    end = offset + len(item.text)
    extra = {(a - offset, b - offset) for a, b in coded
             if offset <= a and b <= end and not overlaps((a, b), own)}
    return PartyItem(item.text, item.spans, tuple(sorted(set(item.others) | extra)))


def distillation_items(*, shared: str | Path | None = None,
                       corpora: Sequence[str] = DEFAULT_CORPORA
                       ) -> Iterator[tuple[dict[str, Any], Any]]:
    """Every (sentence, party) of ``corpora`` to soft-label: ``(row without "proba",
    PartyItem)``.

    A party is one ``framing`` finds with its default actor dictionary (the lexicon method's
    parties); the other parties of the sentence are the item's ``others``. In NewsMTSC train
    a party that is a coded target is skipped, and the coded targets join the ``others``.
    Wikinews articles and NewsMTSC sentences of the real-news dev and test splits are skipped.
    """
    from ..api import score_article
    from ..learn.classify import party_items

    unknown = sorted(set(corpora) - set(CORPORA))
    if unknown or not corpora:
        raise InputError(f"corpora must be some of {list(CORPORA)}; got {list(corpora)}")
    held = {r["id"] for c in ("wikinews", "newsmtsc") for r in coding_records(c)
            if r.get("split") in HELD_SPLITS}
    for corpus in (c for c in CORPORA if c in corpora):
        records = newsmtsc_records(shared) if corpus == "newsmtsc" else {}
        for rid, text in record_texts(corpus, shared).items():
            if rid in held:
                continue
            coded = _coded_spans(records[rid]) if corpus == "newsmtsc" else []
            res = score_article(text, method="lexicon", sentiment=False)
            for k, _party, item in party_items(res):
                s = res.sentences[k]
                if coded:
                    item = _beside_coded(item, s.start, coded)
                    if item is None:
                        continue
                row = {"corpus": corpus, "id": rid, "start": s.start, "end": s.end,
                       "sha1": sha1(s.text), "spans": [list(p) for p in item.spans],
                       "others": [list(p) for p in item.others]}
                yield row, item


def soft_label_rows(proba: Callable[[Sequence[Any]], np.ndarray], *,
                    shared: str | Path | None = None, batch: int = 512,
                    kind: str = "sentiment", corpora: Sequence[str] = DEFAULT_CORPORA
                    ) -> list[dict[str, Any]]:
    """The rows of a soft-label file: :func:`distillation_items` of ``corpora`` with
    ``proba(items)``.

    ``proba`` maps a list of items to an ``(n, 3)`` array: for ``kind="sentiment"`` in the order
    negative, neutral, positive (``FramingModel.sentiment_proba`` of the fine-tuned model), for
    ``kind="frames"`` the probability of each frame (``FramingModel.frame_proba``).
    Probabilities are rounded to three decimals (the file's precision).
    """
    field = _label_field(kind)
    rows: list[dict[str, Any]] = []
    pending: list[tuple[dict[str, Any], Any]] = []

    def flush() -> None:
        p = np.asarray(proba([item for _, item in pending]), dtype=np.float64)
        for (row, _), q in zip(pending, p, strict=True):
            rows.append({**row, field: [round(float(x), 3) for x in q]})
        pending.clear()

    for pair in distillation_items(shared=shared, corpora=corpora):
        pending.append(pair)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return rows


def _label_field(kind: str) -> str:
    if kind not in LABEL_FIELD:
        raise InputError(f"kind must be one of {sorted(LABEL_FIELD)}; got {kind!r}")
    return LABEL_FIELD[kind]


def _fields(kind: str) -> tuple[str, ...]:
    return (*FIELDS[:-1], _label_field(kind))


def write_soft_labels(rows: Iterable[dict[str, Any]], path: str | Path,
                      kind: str = "sentiment") -> int:
    """Write the rows as JSON lines; returns how many."""
    fields = _fields(kind)
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps({k: row[k] for k in fields}, ensure_ascii=False) + "\n")
            n += 1
    return n


def load_soft_labels(path: str | Path, *, shared: str | Path | None = None,
                     weight: float = 1.0, kind: str = "sentiment") -> Any:
    """Read a soft-label file into :class:`framing.learn.models.SoftLabels`.

    Each sentence is cut from its record's text in ``../shared`` (or ``shared``) and checked
    against its SHA-1; a line that is not valid, names an unknown record or whose text differs
    is an error naming the file and line. ``weight`` is how much one soft-labelled item counts
    against one coded item in training (``make model`` uses 2 for sentiment, chosen on
    held-out NewsMTSC train: ``benchmarks/heldout_distill_sentiment.py``; it does not use the
    frame file, see ``benchmarks/cv_distill_frames.py``). ``kind`` is ``"sentiment"`` (field
    ``proba``) or ``"frames"`` (field ``frames``).

    Examples
    --------
    >>> soft = load_soft_labels("training/sentiment/distilled.jsonl")  # doctest: +SKIP
    >>> soft.proba.shape[1]  # doctest: +SKIP
    3
    """
    from ..learn.models import SoftLabels

    field = _label_field(kind)
    items, proba, ids = [], [], []
    for where, row, item in party_rows(path, _fields(kind), shared=shared):
        try:
            q = [float(x) for x in row[field]]
        except (TypeError, ValueError) as e:
            raise InputError(f"{where}: malformed line: {e}") from None
        if len(q) != 3:
            raise InputError(f"{where}: {field} must hold three numbers ({_ORDER[kind]}); "
                             f"got {len(q)}")
        items.append(item)
        proba.append(q)
        ids.append(f"{row['corpus']}:{row['id']}:{row['start']}")
    if not items:
        raise InputError(f"{path}: no soft labels")
    return SoftLabels(items, np.array(proba, dtype=np.float64), ids, source=Path(path).name,
                      weight=weight, kind=kind)
