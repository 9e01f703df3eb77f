"""Cross-validation, on the real-news train split, of the default frame model blended with the
recurrent frame network (``framing train --frames-recurrent W --frames-distilled FILE``).

Run from the repository root, with the extra installed (``pip install -e '.[embeddings]'``;
about 10 minutes per fold on 2 threads, 3 with the teacher's probabilities cached)::

    OMP_NUM_THREADS=2 python benchmarks/cv_recurrent_frames.py [--folds 2] [--seed 0] \
        [--blend 0,0.3,0.5,1] [--thresholds 0.2,0.25,0.3,0.4] [--cache DIR] \
        [--teacher '{"encoder": "all-mpnet-base-v2", "layers": 6}'] [--extra newsmtsc-doubt]

The folds are :mod:`cv_distill_frames`'s (the train split's stories, shuffled with ``--seed``).
For each fold, the teacher (the fine-tuned frame model, fitted on the fold's coded items; its
settings with ``--teacher``, about 15 minutes a fold for all-mpnet-base-v2) gives its
probabilities of the distillation items outside the fold's documents (``--cache`` keeps them,
one file per fold, seed and number of folds); then :func:`train_model` fits the frame model as
``--frames-recurrent`` does: the sparse pipeline on the coded items, the network on the coded
items and the teacher's probabilities (``--extra``: the train items of opt-in coded corpora join
the training side; the held-out documents do not change). The blend is scored at each network
weight of ``--blend`` (0: the sparse model alone, 1: the network alone), with the classifier and
the ensemble (the shipped sentiment model beside them), micro and per-frame F1 at each
threshold. Dev and test are
never read.
Skips, with exit status 0, when ../shared or the extra is absent.
"""

from __future__ import annotations

import argparse
import sys
import time

from cv_distill_frames import _floats, fold_arguments, report, runnable_folds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    fold_arguments(ap)
    ap.add_argument("--blend", type=_floats, default=[0, 0.3, 0.5, 1],
                    help="the network's weights in the blend to score")
    ap.add_argument("--thresholds", type=_floats, default=[0.2, 0.25, 0.3, 0.4])
    ap.add_argument("--cache", metavar="DIR",
                    help="folder for the teachers' probabilities (fitted when absent)")
    args = ap.parse_args(argv)
    from framing.learn.models import SoftLabels, train_model
    from framing.measure.realnews import realnews_training

    extra = None
    for fold in runnable_folds(args):
        if args.extra:
            if extra is None:  # the same items for every fold
                extra = realnews_training("train", corpus=args.extra, shared=args.shared)
            fold.with_extra(extra)
        start = time.perf_counter()
        proba = fold.teacher_proba(args.cache, args.seed, args.folds, args.teacher)
        print(f"  teacher's probabilities in {time.perf_counter() - start:.0f} s", flush=True)
        soft = SoftLabels(fold.kept, proba, fold.kept_ids, kind="frames")
        start = time.perf_counter()
        model = train_model(fold.train, fold.train.subset([]), frames_soft=soft,
                            frames_recurrent=0.5, n_jobs=2)
        print(f"  sparse model and network fitted in {time.perf_counter() - start:.0f} s",
              flush=True)
        blend = model.frames.steps[-1][1]
        for a in args.blend:
            blend.weights = [1.0 - a, a]
            report(f"fold {fold.k} a{a:g}", model.frames, fold.golds, args.thresholds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
