"""How the classifier's accuracy on the real-news dev split grows with the real-news training data.

Trains the frame model on the project's ``training/`` plus a share of the stories of the
real-news train split (drawn at random, whole stories), with the shipped model's threshold, and
scores the ensemble on the dev split. A flat curve says that more coded news of the same kind
would not move the figures much; a steep one says it would.

Usage::

    python scripts/learning_curve.py [--fractions 0 0.25 0.5 0.75 1] [--draws 2]
    OMP_NUM_THREADS=2 python scripts/learning_curve.py --frames-tuned [--draws 1]

``--frames-tuned`` draws the curve of the fine-tuned frame model of the embeddings extra
(``framing train --frames-tuned``, its shipped settings and threshold, with the shipped
sentiment model beside it) instead of the default one.

Needs ../shared (the real-news texts). Takes a few minutes per fraction and draw.
"""

from __future__ import annotations

import argparse

import numpy as np

from framing import evaluate
from framing.labels import FRAMES
from framing.learn.models import (
    FramingModel,
    concat,
    default_model,
    load_training,
    train_model,
)
from framing.measure.realnews import load_realnews, realnews_training


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fractions", type=float, nargs="+", default=[0.0, 0.25, 0.5, 0.75, 1.0])
    ap.add_argument("--draws", type=int, default=2, help="random draws of stories per fraction")
    ap.add_argument("--training", default="training", help="the project's training folder")
    ap.add_argument("--frames-tuned", action="store_true",
                    help="the fine-tuned frame model (needs the embeddings extra)")
    ap.add_argument("--threshold", type=float,
                    help="the frame threshold (default: the shipped model's; 0.5 with "
                         "--frames-tuned, as make model-embeddings)")
    args = ap.parse_args(argv)

    base = load_training([args.training])
    news = realnews_training("train")
    dev = load_realnews(splits="dev")
    shipped = default_model()
    threshold = args.threshold
    if threshold is None:
        threshold = 0.5 if args.frames_tuned else shipped.meta["threshold"]
    groups = np.array(news.groups)
    stories = sorted(set(news.groups))
    print(f"training/: {len(base.items)} items; real-news train: {len(news.items)} items in "
          f"{len(stories)} stories; dev: {len(dev)} articles; threshold {threshold}")
    print("fraction  micro F1  " + "  ".join(f"{f:>12s}" for f in FRAMES))
    for frac in args.fractions:
        draws = 1 if frac in (0.0, 1.0) else args.draws
        rows = []
        for seed in range(draws):
            rng = np.random.default_rng(seed)
            keep = set(rng.choice(stories, round(frac * len(stories)), replace=False))
            index = [i for i, g in enumerate(groups) if g in keep]
            data = concat([base, news.subset(index)]) if index else base
            if args.frames_tuned:  # the frame model alone, the shipped sentiment beside it
                tuned = train_model(data, data.subset([]), frames_tuned=True)
                model = FramingModel(tuned.frames, shipped.sentiment, dict(tuned.meta))
            else:
                model = train_model(data)
            model.meta["threshold"] = threshold
            ev = evaluate(dev, method="ensemble", model=model)
            rows.append([ev.micro.f1, *(ev.per_frame[f].f1 for f in FRAMES)])
        mean = np.mean(rows, axis=0)
        print(f"{frac:8.2f}  {mean[0]:8.3f}  " + "  ".join(f"{v:12.3f}" for v in mean[1:]),
              flush=True)


if __name__ == "__main__":
    main()
