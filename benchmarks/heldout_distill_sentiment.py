"""Held-out check of distillation: does the default sentiment model gain from the fine-tuned
encoder's soft labels of uncoded real news? What chose ``make model``'s use of them.

A fifth of NewsMTSC train (Hamborg & Donnay 2021, MIT; ``../shared/data/newsmtsc``) is held
out, grouped by sentence (``GroupShuffleSplit``, ``--seed``). The teacher, the fine-tuned
encoder (:class:`framing.learn.finetune.TunedSentimentClassifier`, the shipped settings), is
fitted on the rest and labels every (sentence, party) of
:func:`framing.measure.distilled.distillation_items` (Wikinews less the real-news dev and test
splits, and BABE; ``--corpora`` can add the uncoded parties of NewsMTSC train, less those of
the held-out sentences). Students, the default sentiment pipeline
(:func:`framing.learn.estimators.make_sentiment_pipeline`, as ``framing train`` fits it), are
fitted on the same rest with and without the teacher's labels; F1 macro is printed on the
held-out targets and on those of held-out sentences with several targets. The dev splits are
not read.

Usage (needs ``pip install -e '.[dev,embeddings]'``; about 8 minutes on 2 threads)::

    OMP_NUM_THREADS=2 python benchmarks/heldout_distill_sentiment.py --seed 0
    OMP_NUM_THREADS=2 python benchmarks/heldout_distill_sentiment.py --seed 1

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
    ap.add_argument("--weights", default="0.5,1,2",
                    help="weights of the soft-labelled items to try (comma-separated)")
    ap.add_argument("--corpora", default="wikinews,babe",
                    help="the corpora whose parties are soft-labelled, comma-separated, of "
                         "wikinews, babe, newsmtsc (default: %(default)s)")
    args = ap.parse_args(argv)

    split = held_out_split(args.data, seed=args.seed)
    if split is None:
        return 0
    train, fit, held = split
    from sklearn.metrics import f1_score

    from framing.learn.estimators import make_sentiment_pipeline
    from framing.learn.models import SENTIMENTS
    from framing.measure.distilled import distillation_items

    x_fit, y_fit, x_held, y_held, multi = held_out_targets(train, fit, held)
    # NewsMTSC train's uncoded parties, less those of the held-out sentences
    lines = (Path(args.data) / "train.jsonl").read_text(encoding="utf-8").splitlines()
    held_ids = {json.loads(lines[int(train.ids[i].split(":")[1]) - 1])["id"] for i in held}
    corpora = args.corpora.split(",")
    unlabelled = [item for row, item in distillation_items(shared=args.shared, corpora=corpora)
                  if not (row["corpus"] == "newsmtsc" and row["id"] in held_ids)]
    print(f"seed {args.seed}: fit on {len(fit)} targets, held out {len(held)} "
          f"({multi.sum()} in sentences with several); {len(unlabelled)} uncoded items",
          flush=True)

    def report(name: str, pred) -> None:
        pred = np.asarray(pred)
        print(f"  {name:34s} held-out F1 macro {f1_score(y_held, pred, average='macro'):.4f}"
              f"   several targets {f1_score(y_held[multi], pred[multi], average='macro'):.4f}",
              flush=True)

    start = time.perf_counter()
    soft, teacher = teacher_soft_labels(x_fit, y_fit, unlabelled)
    report("teacher (fine-tuned encoder)", teacher.predict(x_held))
    print(f"  (teacher fitted and run in {time.perf_counter() - start:.0f} s)", flush=True)

    def student(name: str, items, labels, weights=None) -> None:
        pipe = make_sentiment_pipeline().fit(items, labels, classifier__sample_weight=weights)
        report(name, pipe.predict(x_held))

    student("student, coded only", x_fit, y_fit)
    s_items, s_labels, s_weights = soft.expand()
    hard = [SENTIMENTS[k] for k in soft.proba.argmax(axis=1)]
    student("student + teacher's arg-max labels", x_fit + soft.items, y_fit + hard)
    for w in (float(x) for x in args.weights.split(",")):
        student(f"student + soft labels, weight {w:g}", x_fit + s_items, y_fit + s_labels,
                np.concatenate([np.ones(len(x_fit)), w * s_weights]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
