"""Cross-validation, on the real-news train split, of the fine-tuned frame model and of the
default frame model distilled from it.

Run from the repository root, with the extra installed (``pip install -e '.[embeddings]'``;
about 10 minutes per fold on 2 threads)::

    OMP_NUM_THREADS=2 python benchmarks/cv_distill_frames.py [--folds 2] [--seed 0] \
        [--weights 0,0.5,1,2] [--thresholds 0.15,0.2,0.25,0.3] [--teacher JSON]

The train split's stories are dealt into ``--folds`` folds (shuffled with ``--seed``). For each
fold, a teacher (:class:`framing.learn.finetune.TunedFrameClassifier`, shipped settings or
``--teacher``'s) is fine-tuned on ``training/`` and the other folds' real news; it soft-labels
the distillation items (``training/frames/distilled.jsonl``'s items, less the fold's own
articles and sentences); then the default frame pipeline is trained on the same coded items plus
those soft labels at each ``--weights`` (0: the coded items alone). The teacher and every
student score the fold's articles and NewsMTSC items with the classifier and the ensemble (the
shipped sentiment model beside them), micro F1 and per-frame F1 at each threshold. Dev and test
are never read.
Skips, with exit status 0, when ../shared or the extra is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

ROOT = Path(__file__).resolve().parents[1]


def _floats(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x]


def report(tag: str, frames: Any, golds: list, thresholds: list[float]) -> None:
    """Score a fold's frame model (a pipeline), beside the shipped model's sentiment part,
    on the fold's documents: classifier and ensemble, micro and per-frame F1, per threshold."""
    from framing.learn.models import FramingModel, default_model
    from framing.measure.validation import compare_methods

    shipped = default_model()
    model = FramingModel(frames, shipped.sentiment, dict(shipped.meta))
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


class Remembered(ClassifierMixin, BaseEstimator):
    """A fitted classifier whose probabilities are computed once per item, so that scoring a
    slow teacher at several thresholds runs it once."""

    def __init__(self, clf: Any = None) -> None:
        self.clf = clf
        self._seen: dict[Any, np.ndarray] = {}

    @property
    def classes_(self) -> np.ndarray:
        return self.clf.classes_

    def fit(self, X: Any, y: Any) -> Remembered:
        raise TypeError("Remembered wraps a fitted classifier; fit that one")

    def __sklearn_is_fitted__(self) -> bool:
        return True

    def predict_proba(self, X: Any) -> np.ndarray:
        items = list(X)
        new = [it for it in dict.fromkeys(items) if it not in self._seen]
        if new:
            self._seen.update(zip(new, self.clf.predict_proba(new), strict=True))
        return np.array([self._seen[it] for it in items]).reshape(len(items), -1)


@dataclass
class Fold:
    """One fold of the real-news train split: the held-out coded documents (``golds``), the
    coded items to train on (``train``: ``training/`` and the other folds' real news) and the
    distillation items outside the held-out documents (``kept``, ``kept_ids``)."""

    k: int
    golds: list
    train: Any
    kept: list
    kept_ids: list[str]
    held: frozenset[str] = frozenset()  # the stories held out

    def with_extra(self, extra: Any) -> None:
        """Add coded items (a TrainingSet: the train items of opt-in corpora such as
        ``newsmtsc-doubt``, read once for every fold) to this fold's training side, less those
        of a story it holds out; the held-out documents and the folds stay those of
        ``realnews:train``."""
        from framing.learn.models import concat

        add = [i for i, g in enumerate(extra.groups) if g not in self.held]
        counts = " / ".join(str(int(x)) for x in extra.frames[add].sum(0))
        print(f"fold {self.k}: +{len(add)} extra items (hard-line / skeptical / conciliatory "
              f"{counts})", flush=True)
        self.train = concat([self.train, extra.subset(add)])

    def teacher(self, params: dict[str, Any] | None = None) -> Any:
        """The fine-tuned frame model (shipped settings, or ``TunedFrameClassifier``
        parameters ``params``) fitted on this fold's coded items."""
        from framing.learn.finetune import TunedFrameClassifier

        return TunedFrameClassifier(**(params or {})).fit(self.train.items, self.train.frames)

    def teacher_proba(self, cache: str | None, seed: int, folds: int,
                      params: dict[str, Any] | None = None) -> np.ndarray:
        """The teacher's probabilities of the kept items, from ``cache`` (a folder) when it
        holds them for this split of the stories and these teacher ``params``, else fitted
        (and written there)."""
        tag = "".join(f"_{k}-{v}" for k, v in sorted((params or {}).items()))
        path = (Path(cache) / f"teacher_s{seed}_of{folds}_fold{self.k}{tag}.npy"
                if cache else None)
        if path is not None and path.exists():
            proba = np.load(path)
            if proba.shape == (len(self.kept), 3):
                return proba
        proba = self.teacher(params).predict_proba(self.kept)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, proba)
        return proba


def cv_folds(shared: str, folds: int, seed: int) -> Iterator[Fold]:
    """The folds of the real-news train split, its stories dealt into ``folds`` after a
    shuffle with ``seed``. Dev and test are never read."""
    from framing.learn.models import concat, load_training
    from framing.measure.distilled import FRAMES_FILE, load_soft_labels
    from framing.measure.realnews import CORPORA, coding_records, load_realnews, realnews_training

    project = load_training([ROOT / "training"])
    real = realnews_training("train", shared=shared)
    golds = load_realnews(CORPORA, "train", shared=shared)
    story = {(r["id"] if c == "wikinews" else f"newsmtsc:{r['id']}"): r["story"]
             for c in CORPORA for r in coding_records(c) if r.get("split") == "train"}
    stories = sorted(set(real.groups))
    np.random.RandomState(seed).shuffle(stories)
    fold_of = {s: k % folds for k, s in enumerate(stories)}
    items = load_soft_labels(FRAMES_FILE, shared=shared, kind="frames")

    def document(uid: str) -> str | None:  # the coded document of a distillation item's text
        corpus, rest = uid.split(":", 1)
        record = rest.rsplit(":", 1)[0]
        return {"wikinews": record, "newsmtsc": f"newsmtsc:{record}"}.get(corpus)

    for fold in range(folds):
        held = {s for s in stories if fold_of[s] == fold}
        fold_golds = [g for g in golds if story.get(g.id) in held]
        held_documents = {g.id for g in fold_golds}
        train = concat([project, real.subset(
            [i for i, g in enumerate(real.groups) if g not in held])])
        keep = [i for i, uid in enumerate(items.ids) if document(uid) not in held_documents]
        print(f"fold {fold}: {len(fold_golds)} coded documents held out, {len(train)} coded "
              f"items to train on, {len(keep)} items to distil", flush=True)
        yield Fold(fold, fold_golds, train, [items.items[i] for i in keep],
                   [items.ids[i] for i in keep], frozenset(held))


def fold_arguments(ap: argparse.ArgumentParser) -> None:
    """The options of the folds (and of the data), shared by the frame cross-validations."""
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0, help="shuffles the stories into folds")
    ap.add_argument("--extra", type=lambda t: [c for c in t.split(",") if c], default=[],
                    help="opt-in coded corpora (e.g. newsmtsc-doubt) whose train items join "
                         "every fold's training side; the folds stay those of realnews:train")
    ap.add_argument("--teacher", type=json.loads, default={},
                    help="the teacher's TunedFrameClassifier parameters as JSON, e.g. "
                         "'{\"encoder\": \"all-mpnet-base-v2\", \"layers\": 6}' "
                         "(default: the shipped settings)")


def runnable_folds(args: argparse.Namespace) -> Iterator[Fold]:
    """Each fold of ``args`` (:func:`fold_arguments`); none, having said why, when the
    cross-validation cannot run here (no data, or no extra)."""
    reason = None
    if not (Path(args.shared) / "data" / "wikinews" / "articles.jsonl").exists():
        reason = f"{args.shared}/data not available"
    else:
        from framing.learn.embeddings import EmbeddingsUnavailable, get_encoder

        try:
            get_encoder()
        except EmbeddingsUnavailable as e:
            reason = str(e)
    if reason:
        print(f"skipped: {reason}")
        return
    yield from cv_folds(args.shared, args.folds, args.seed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    fold_arguments(ap)
    ap.add_argument("--weights", type=_floats, default=[0, 0.5, 1, 2])
    ap.add_argument("--thresholds", type=_floats, default=[0.15, 0.2, 0.25, 0.3])
    ap.add_argument("--teacher-thresholds", type=_floats, default=[0.4, 0.5, 0.6])
    args = ap.parse_args(argv)
    from sklearn.pipeline import Pipeline

    from framing.learn.models import SoftLabels, train_model

    for fold in runnable_folds(args):
        start = time.perf_counter()
        teacher = fold.teacher(args.teacher)
        print(f"  teacher fitted in {time.perf_counter() - start:.0f} s", flush=True)
        report(f"fold {fold.k} teacher", Pipeline([("classifier", Remembered(teacher))]),
               fold.golds, args.teacher_thresholds)
        proba = teacher.predict_proba(fold.kept)
        for w in args.weights:
            soft = (SoftLabels(fold.kept, proba, fold.kept_ids, weight=w, kind="frames")
                    if w > 0 else None)
            # the frame model as framing train --frames-distilled fits it; an empty sentiment
            # set fits no sentiment model (the shipped one scores sentiment beside it)
            student = train_model(fold.train, fold.train.subset([]), frames_soft=soft,
                                  n_jobs=2)
            report(f"fold {fold.k} w{w:g}", student.frames, fold.golds, args.thresholds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
