"""Held-out check of the fine-tuned target-sentiment model on NewsMTSC train: what chose its
settings.

A fifth of NewsMTSC train (Hamborg & Donnay 2021, MIT; ``../shared/data/newsmtsc``) is held
out, grouped by sentence (``GroupShuffleSplit``, seed 0: the targets of one sentence are on one
side only); :class:`framing.learn.finetune.TunedSentimentClassifier` with the given parameters
is fitted on the rest, and F1 macro on the held-out targets is printed after every epoch (with
the weights rounded to float16, as they are saved). The dev splits are not read.

Usage (each run some minutes on 2 threads)::

    OMP_NUM_THREADS=2 python benchmarks/heldout_tuned_sentiment.py '{"layers": 2, "lr": 1e-4}'
    OMP_NUM_THREADS=2 python benchmarks/heldout_tuned_sentiment.py '{"layers": 4, "lr": 1e-4}'
    OMP_NUM_THREADS=2 python benchmarks/heldout_tuned_sentiment.py '{"layers": 6, "lr": 5e-5}'
    # all-mpnet-base-v2, its files in place (python -m framing.learn.encoder_files; 20 min)
    OMP_NUM_THREADS=2 python benchmarks/heldout_tuned_sentiment.py \
        '{"encoder": "all-mpnet-base-v2", "layers": 6}'

Skips, with exit status 0, when the data or the extra is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def split_arguments(ap: argparse.ArgumentParser) -> None:
    """The options of the benchmarks that distil a teacher on a held-out split: where NewsMTSC
    and the corpora to soft-label are, and the split's seed."""
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "newsmtsc"))
    ap.add_argument("--shared", help="folder with data/wikinews and data/babe")
    ap.add_argument("--seed", type=int, default=0, help="seed of the held-out split")


def held_out_split(data: str, holdout: float = 0.2, seed: int = 0) -> tuple | None:
    """``(train, fit indices, held-out indices)`` of NewsMTSC train, split by sentence; None,
    with the reason printed, when the data or the embeddings extra is absent (the benchmarks
    that fine-tune a teacher skip then)."""
    path = Path(data) / "train.jsonl"
    if not path.exists():
        print(f"skipped: {path} not available")
        return None
    from framing.learn.embeddings import EmbeddingsUnavailable, get_encoder

    try:
        get_encoder()
    except EmbeddingsUnavailable as e:
        print(f"skipped: {e}")
        return None
    from sklearn.model_selection import GroupShuffleSplit

    from framing.learn.models import load_newsmtsc

    train = load_newsmtsc(path)
    groups = [i.rsplit(":", 1)[0] for i in train.ids]  # file:line, one line per sentence
    fit, held = next(GroupShuffleSplit(n_splits=1, test_size=holdout, random_state=seed)
                     .split(train.items, groups=groups))
    return train, fit, held


def held_out_targets(train, fit, held) -> tuple:
    """``(x_fit, y_fit, x_held, y_held, multi)`` of a split: the items and labels on each side
    (the held-out labels as an array) and which held-out targets share their sentence with
    another target."""
    from collections import Counter

    import numpy as np

    x_fit, y_fit = [train.items[i] for i in fit], [train.sentiment[i] for i in fit]
    x_held, y_held = [train.items[i] for i in held], np.array([train.sentiment[i] for i in held])
    per_sentence = Counter(it.text for it in train.items)
    multi = np.array([per_sentence[it.text] > 1 for it in x_held])
    return x_fit, y_fit, x_held, y_held, multi


def teacher_soft_labels(x_fit, y_fit, unlabelled, cache=None, params=None) -> tuple:
    """``(SoftLabels, teacher)``: the fine-tuned encoder (the shipped settings, or
    ``TunedSentimentClassifier`` parameters ``params``) fitted on ``x_fit``, ``y_fit`` and its
    probabilities of the ``unlabelled`` items. With ``cache`` (a ``.npy`` path) the
    probabilities are read from it when it exists, and written to it when not; the teacher is
    then None if it was not fitted."""
    import numpy as np

    from framing.learn.finetune import TunedSentimentClassifier
    from framing.learn.models import SENTIMENTS, SoftLabels

    teacher = None
    if cache is not None and Path(cache).exists():
        proba = np.load(cache)
    else:
        teacher = TunedSentimentClassifier(**(params or {})).fit(x_fit, y_fit)
        order = [list(teacher.classes_).index(s) for s in SENTIMENTS]
        proba = teacher.predict_proba(unlabelled)[:, order]
        if cache is not None:
            Path(cache).parent.mkdir(parents=True, exist_ok=True)
            np.save(cache, proba)
    return SoftLabels(unlabelled, proba, [str(k) for k in range(len(unlabelled))]), teacher


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("params", nargs="?", default="{}",
                    help="TunedSentimentClassifier parameters as JSON")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "newsmtsc"))
    ap.add_argument("--holdout", type=float, default=0.2)
    args = ap.parse_args(argv)
    split = held_out_split(args.data, args.holdout)
    if split is None:
        return 0
    train, fit, held = split
    from sklearn.metrics import f1_score

    from framing.learn.finetune import TunedSentimentClassifier

    params = json.loads(args.params)
    x_fit, y_fit = [train.items[i] for i in fit], [train.sentiment[i] for i in fit]
    x_held, y_held = [train.items[i] for i in held], [train.sentiment[i] for i in held]
    print(f"fit on {len(fit)} targets, held out {len(held)}; parameters {params}", flush=True)

    def monitor(epoch: int, clf: TunedSentimentClassifier) -> None:
        f1 = f1_score(y_held, clf.predict(x_held), average="macro")
        print(f"  epoch {epoch}: held-out F1 macro {f1:.4f}", flush=True)

    start = time.perf_counter()
    TunedSentimentClassifier(verbose=True, **params).fit(x_fit, y_fit, monitor=monitor)
    print(f"fit in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
