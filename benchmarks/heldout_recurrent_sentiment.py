"""Held-out check of the recurrent sentiment network: does blending it into the default
sentiment model help? What chose ``make model-sentiment``'s ``--sentiment-recurrent 0.3``.

The split and the teacher are those of ``heldout_distill_sentiment.py``: a fifth of NewsMTSC
train (Hamborg & Donnay 2021, MIT) held out, grouped by sentence (``--seed``); the fine-tuned
encoder, fitted on the rest, soft-labels the (sentence, party) items of Wikinews and BABE
(``framing.measure.distilled.distillation_items``). Both students learn the coded targets of
the rest and the soft labels (weight 2, as the shipped model): the sparse default pipeline and
:class:`framing.learn.recurrent.GRUSentimentClassifier`. F1 macro is printed on the held-out
targets and on those of held-out sentences with several targets, for the sparse student, the
network alone and their blends. The dev splits are not read.

Usage (needs ``pip install -e '.[dev,embeddings]'``; about 15 minutes on 2 threads, most of it
the teacher, whose probabilities ``--cache DIR`` keeps for a second run)::

    OMP_NUM_THREADS=2 python benchmarks/heldout_recurrent_sentiment.py --seed 0
    OMP_NUM_THREADS=2 python benchmarks/heldout_recurrent_sentiment.py --seed 1

Skips, with exit status 0, when the data or the extra is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from heldout_tuned_sentiment import (  # the helpers beside this script
    held_out_split,
    held_out_targets,
    split_arguments,
    teacher_soft_labels,
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    split_arguments(ap)
    ap.add_argument("--blends", default="0.3,0.5", help="weights of the network to try")
    ap.add_argument("--cache", help="folder to keep the teacher's probabilities in")
    ap.add_argument("--teacher", default="{}",
                    help="the teacher's TunedSentimentClassifier parameters as JSON, e.g. "
                         "'{\"encoder\": \"all-mpnet-base-v2\", \"layers\": 6}' "
                         "(default: the shipped settings)")
    args = ap.parse_args(argv)

    split = held_out_split(args.data, seed=args.seed)
    if split is None:
        return 0
    train, fit, held = split
    from sklearn.metrics import f1_score

    from framing.learn.estimators import make_sentiment_pipeline
    from framing.learn.models import SENTIMENTS
    from framing.learn.recurrent import GRUSentimentClassifier
    from framing.measure.distilled import distillation_items

    x_fit, y_fit, x_held, y_held, multi = held_out_targets(train, fit, held)
    unlabelled = [item for _, item in distillation_items(shared=args.shared)]
    params = json.loads(args.teacher)
    tag = "".join(f"_{k}-{v}" for k, v in sorted(params.items()))
    cache = Path(args.cache) / f"teacher_seed{args.seed}{tag}.npy" if args.cache else None
    start = time.perf_counter()
    soft, _ = teacher_soft_labels(x_fit, y_fit, unlabelled, cache, params)
    print(f"seed {args.seed}: fit on {len(fit)} targets, held out {len(held)} "
          f"({multi.sum()} in sentences with several); {len(unlabelled)} soft-labelled items; "
          f"teacher {time.perf_counter() - start:.0f} s", flush=True)
    s_items, s_labels, s_weights = soft.expand()
    items, labels = x_fit + s_items, y_fit + s_labels
    weights = np.concatenate([np.ones(len(x_fit)), 2 * s_weights])

    def report(name: str, p: np.ndarray) -> None:
        pred = np.array(SENTIMENTS)[p.argmax(1)]
        print(f"  {name:30s} held-out F1 macro {f1_score(y_held, pred, average='macro'):.4f}"
              f"   several targets "
              f"{f1_score(y_held[multi], pred[multi], average='macro'):.4f}", flush=True)

    sparse = make_sentiment_pipeline().fit(items, labels, classifier__sample_weight=weights)
    p_sparse = sparse.predict_proba(x_held)[:, [list(sparse.classes_).index(s)
                                                for s in SENTIMENTS]]
    report("sparse student (shipped)", p_sparse)
    start = time.perf_counter()
    gru = GRUSentimentClassifier().fit(items, labels, sample_weight=weights)
    p_gru = gru.predict_proba(x_held)
    report(f"recurrent network ({time.perf_counter() - start:.0f} s)", p_gru)
    for w in (float(x) for x in args.blends.split(",")):
        report(f"blend, network weight {w:g}", (1 - w) * p_sparse + w * p_gru)
    return 0


if __name__ == "__main__":
    sys.exit(main())
