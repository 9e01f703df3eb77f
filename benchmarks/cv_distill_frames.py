"""Cross-validation, on the real-news train split, of the fine-tuned frame model and of the
default frame model distilled from it.

Run from the repository root, with the extra installed (``pip install -e '.[embeddings]'``;
about 10 minutes per fold on 2 threads)::

    OMP_NUM_THREADS=2 python benchmarks/cv_distill_frames.py [--folds 2] [--seed 0] \
        [--weights 0,0.5,1,2] [--thresholds 0.15,0.2,0.25,0.3]

The train split's stories are dealt into ``--folds`` folds (shuffled with ``--seed``). For each
fold, a teacher (:class:`framing.learn.finetune.TunedFrameClassifier`, shipped settings) is
fine-tuned on ``training/`` and the other folds' real news; it soft-labels the distillation
items (``training/frames/distilled.jsonl``'s items, less the fold's own articles and
sentences); then the default frame pipeline is trained on the same coded items plus those soft
labels at each ``--weights`` (0: the coded items alone). The teacher and every student score
the fold's articles and NewsMTSC items with the classifier and the ensemble (the shipped
sentiment model beside them), micro F1 and per-frame F1 at each threshold. Dev and test are
never read.
Skips, with exit status 0, when ../shared or the extra is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _floats(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x]


def report(tag: str, model, golds, thresholds) -> None:
    from framing.measure.validation import compare_methods

    for t in thresholds:
        model.meta["threshold"] = t
        cmp = compare_methods(golds, methods=["classifier", "ensemble"], model=model)
        line = [f"{tag:14s} t={t:.2f}"]
        for name, ev in cmp.evaluations.items():
            d = ev.to_dict()
            pf = d["per_frame"]
            line.append(f"{name[:3]} {d['micro']['f1']:.3f} (P {d['micro']['precision']:.2f} "
                        f"R {d['micro']['recall']:.2f}; {pf['hard-line']['f1']:.2f} / "
                        f"{pf['skeptical']['f1']:.2f} / {pf['conciliatory']['f1']:.2f})")
        print("  ".join(line), flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0, help="shuffles the stories into folds")
    ap.add_argument("--weights", type=_floats, default=[0, 0.5, 1, 2])
    ap.add_argument("--thresholds", type=_floats, default=[0.15, 0.2, 0.25, 0.3])
    ap.add_argument("--teacher-thresholds", type=_floats, default=[0.4, 0.5, 0.6])
    args = ap.parse_args(argv)
    if not (Path(args.shared) / "data" / "wikinews" / "articles.jsonl").exists():
        print(f"skipped: {args.shared}/data not available")
        return 0
    from framing.learn.embeddings import EmbeddingsUnavailable, get_encoder

    try:
        get_encoder()
    except EmbeddingsUnavailable as e:
        print(f"skipped: {e}")
        return 0
    from sklearn.pipeline import Pipeline

    from framing.learn.finetune import TunedFrameClassifier
    from framing.learn.models import (
        FramingModel,
        SoftLabels,
        concat,
        default_model,
        load_training,
        train_model,
    )
    from framing.measure.distilled import FRAMES_FILE, load_soft_labels
    from framing.measure.realnews import CORPORA, coding_records, load_realnews, realnews_training

    project = load_training([ROOT / "training"])
    real = realnews_training("train", shared=args.shared)
    golds = load_realnews(CORPORA, "train", shared=args.shared)
    story = {(r["id"] if c == "wikinews" else f"newsmtsc:{r['id']}"): r["story"]
             for c in CORPORA for r in coding_records(c) if r.get("split") == "train"}
    stories = sorted(set(real.groups))
    np.random.RandomState(args.seed).shuffle(stories)
    fold_of = {s: k % args.folds for k, s in enumerate(stories)}
    items = load_soft_labels(FRAMES_FILE, shared=args.shared, kind="frames")
    sentiment = default_model().sentiment
    base_meta = dict(default_model().meta)

    def document(uid: str) -> str | None:  # the coded document of a distillation item's text
        corpus, rest = uid.split(":", 1)
        record = rest.rsplit(":", 1)[0]
        return {"wikinews": record, "newsmtsc": f"newsmtsc:{record}"}.get(corpus)

    for fold in range(args.folds):
        held = {s for s in stories if fold_of[s] == fold}
        fold_golds = [g for g in golds if story.get(g.id) in held]
        held_documents = {g.id for g in fold_golds}
        train = concat([project, real.subset(
            [i for i, g in enumerate(real.groups) if g not in held])])
        keep = [i for i, uid in enumerate(items.ids) if document(uid) not in held_documents]
        print(f"fold {fold}: {len(fold_golds)} coded documents held out, {len(train)} coded "
              f"items to train on, {len(keep)} items to distil", flush=True)
        start = time.perf_counter()
        teacher = TunedFrameClassifier().fit(train.items, train.frames)
        print(f"  teacher fitted in {time.perf_counter() - start:.0f} s", flush=True)
        report(f"fold {fold} teacher", FramingModel(Pipeline([("classifier", teacher)]),
                                                    sentiment, dict(base_meta)),
               fold_golds, args.teacher_thresholds)
        kept = [items.items[i] for i in keep]
        proba = teacher.predict_proba(kept)
        for w in args.weights:
            soft = (SoftLabels(kept, proba, [items.ids[i] for i in keep], weight=w,
                               kind="frames") if w > 0 else None)
            # the frame model as framing train --frames-distilled fits it; an empty sentiment
            # set fits no sentiment model (the shipped one scores sentiment beside it)
            student = train_model(train, train.subset([]), frames_soft=soft, n_jobs=2)
            report(f"fold {fold} w{w:g}", FramingModel(student.frames, sentiment,
                                                       dict(base_meta)),
                   fold_golds, args.thresholds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
