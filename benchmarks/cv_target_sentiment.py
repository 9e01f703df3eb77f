"""Cross-validation of the target-sentiment model on NewsMTSC train, for choosing its features.

Run from the repository root:

    python benchmarks/cv_target_sentiment.py [--dev] [--calibrate] CONFIG [CONFIG ...]

Each CONFIG is a JSON object: ``"featurizer"`` (``"target"``, the default, for
``TargetSentimentFeaturizer``, or ``"party"`` for ``PartyFeaturizer``), ``"C"`` of the logistic
regression, and any featuriser parameter, e.g.
``'{"featurizer": "target", "C": 1.0, "valence": true}'``.

With ``"embeddings": true`` (needs ``pip install -e '.[embeddings]'``) the target featuriser's
block is followed by :class:`framing.learn.embeddings.TargetEmbedder`'s sentence embeddings, as in
``make_sentiment_pipeline(embeddings=True)``; ``"C"`` and ``"embedding_weight"`` may then be
lists, and every combination is scored on the same folds (the featuriser is fitted once per
fold; the embeddings, which learn nothing, are computed once for all items and cached under
``--cache``, /tmp/framing-emb-cache by default, never in the repository). ``"views"``,
``"window"`` and ``"standardize"`` go to the embedder; with ``"standardize": true`` the columns
are scaled on all train items (no labels) and ``"embedding_weight"`` is the length of an item's
block, as in ``make_sentiment_pipeline(embeddings=True)``, whose setting is
``{"embeddings": true, "views": ["target"], "standardize": true, "C": 0.3,
"embedding_weight": 4.0}``.

Folds: 5, stratified by label and grouped by sentence text, so the targets of one sentence never
sit on both sides. Prints F1 macro over all train targets and over the targets of sentences with
several targets (the situation of dev_mt). Calibration is off unless ``--calibrate`` (it barely
moves the arg-max and triples the time). ``--dev`` also fits on all of train and reports both
dev splits: look at them after choosing, never to choose. NewsMTSC: Hamborg & Donnay 2021, MIT.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import Pipeline

from framing.learn.estimators import FrameClassifier
from framing.learn.features import PartyFeaturizer
from framing.learn.models import load_newsmtsc
from framing.learn.target_features import TargetSentimentFeaturizer

ROOT = Path(__file__).resolve().parents[1]


def make(config: dict, calibrate: bool) -> Pipeline:
    params = dict(config)
    kind = params.pop("featurizer", "target")
    C = params.pop("C", 1.0)
    featurizer = {"target": TargetSentimentFeaturizer, "party": PartyFeaturizer}[kind]
    return Pipeline([("features", featurizer(**params)),
                     ("classifier", FrameClassifier(C=C, calibration="sigmoid" if calibrate
                                                    else None))])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("configs", nargs="+")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "newsmtsc"))
    ap.add_argument("--dev", action="store_true")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cache", default=os.path.join("/tmp", "framing-emb-cache"),
                    help="folder for the cached sentence embeddings (embeddings configs only)")
    args = ap.parse_args()
    base = Path(args.data)
    train = load_newsmtsc(base / "train.jsonl")
    items, y = train.items, np.array(train.sentiment)
    groups = [it.text for it in items]
    per_sentence = Counter(groups)
    multi = np.array([per_sentence[g] > 1 for g in groups])
    print(f"NewsMTSC train: {len(y)} targets in {len(per_sentence)} sentences; "
          f"{multi.sum()} targets in sentences with several")
    folds = list(StratifiedGroupKFold(args.folds, shuffle=True, random_state=0)
                 .split(items, y, groups))
    for text in args.configs:
        config = json.loads(text)
        if config.get("embeddings"):
            cv_embeddings(config, items, y, multi, folds, base, Path(args.cache), args)
            continue
        start = time.perf_counter()
        pred = np.empty(len(y), dtype=object)
        for tr, te in folds:
            pipe = make(config, args.calibrate).fit([items[i] for i in tr], y[tr])
            pred[te] = pipe.predict([items[i] for i in te])
        pred = pred.astype(str)
        row = {"cv_f1_macro": f1_score(y, pred, average="macro"),
               "cv_f1_macro_multi": f1_score(y[multi], pred[multi], average="macro"),
               "seconds": time.perf_counter() - start}
        if args.dev:
            pipe = make(config, args.calibrate).fit(items, y)
            for split in ("dev_mt", "dev_rw"):
                dev = load_newsmtsc(base / f"{split}.jsonl")
                row[split] = f1_score(dev.sentiment, pipe.predict(dev.items), average="macro")
        print(json.dumps(config), " ".join(f"{k} {v:.4f}" if k != "seconds" else f"({v:.0f} s)"
                                           for k, v in row.items()), flush=True)
    return 0


def cached_embeddings(embedder, items: list, cache: Path, fit: bool = True) -> np.ndarray:
    """``embedder.fit_transform(items)`` (``fit=False``: ``transform``, for dev items with an
    embedder fitted on train), kept in ``cache`` under a key of the items, the embedder's
    settings and the encoder's weights hash."""
    from framing.learn.embeddings import get_encoder

    info = get_encoder(embedder.encoder).info
    key = hashlib.sha256(json.dumps(
        [[it.text, it.spans, it.others] for it in items]
        + [list(embedder.views), embedder.window, info.weights_sha256]
        + ([True] if embedder.standardize else [])).encode()).hexdigest()
    path = cache / f"{key[:24]}.npy"
    if path.exists():
        return np.load(path)
    start = time.perf_counter()
    X = embedder.fit_transform(items) if fit else embedder.transform(items)
    print(f"  embedded {len(items)} items x {len(embedder.views)} views in "
          f"{time.perf_counter() - start:.0f} s", flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, X)
    return X


def cv_embeddings(config: dict, items: list, y: np.ndarray, multi: np.ndarray, folds: list,
                  base: Path, cache: Path, args: argparse.Namespace) -> None:
    """Grid of C x embedding_weight for target features + embeddings on the same folds."""
    from framing.learn.embeddings import TargetEmbedder

    params = dict(config)
    params.pop("embeddings")
    params.pop("featurizer", None)
    Cs = params.pop("C", [0.3])
    weights = params.pop("embedding_weight", [1.0])
    Cs, weights = (x if isinstance(x, list) else [x] for x in (Cs, weights))
    emb_params = {k: params.pop(k) for k in ("views", "window", "standardize") if k in params}
    if "views" in emb_params:
        emb_params["views"] = tuple(emb_params["views"])
    embedder = TargetEmbedder(**emb_params)
    E = cached_embeddings(embedder, items, cache)
    start = time.perf_counter()
    pred = {cw: np.empty(len(y), dtype=object) for cw in itertools.product(Cs, weights)}
    for tr, te in folds:
        f = TargetSentimentFeaturizer(**params)
        Ftr = f.fit_transform([items[i] for i in tr])
        Fte = f.transform([items[i] for i in te])
        for C, w in pred:
            Xtr = sparse.hstack([Ftr, sparse.csr_matrix(E[tr] * w)]).tocsr()
            Xte = sparse.hstack([Fte, sparse.csr_matrix(E[te] * w)]).tocsr()
            clf = FrameClassifier(C=C, calibration="sigmoid" if args.calibrate else None)
            pred[C, w][te] = clf.fit(Xtr, y[tr]).predict(Xte)
    rows = {}
    for (C, w), p in pred.items():
        p = p.astype(str)
        rows[C, w] = {"cv_f1_macro": f1_score(y, p, average="macro"),
                      "cv_f1_macro_multi": f1_score(y[multi], p[multi], average="macro")}
    seconds = time.perf_counter() - start
    for (C, w), row in rows.items():
        print(json.dumps({**config, "C": C, "embedding_weight": w}),
              " ".join(f"{k} {v:.4f}" for k, v in row.items()), flush=True)
    best = max(rows, key=lambda cw: rows[cw]["cv_f1_macro"])
    print(f"best by CV: C {best[0]} embedding_weight {best[1]} "
          f"cv_f1_macro {rows[best]['cv_f1_macro']:.4f} ({seconds:.0f} s)", flush=True)
    if args.dev:  # after choosing: fit the chosen setting on all of train, once
        C, w = best
        f = TargetSentimentFeaturizer(**params)
        Xtr = sparse.hstack([f.fit_transform(items), sparse.csr_matrix(E * w)]).tocsr()
        clf = FrameClassifier(C=C, calibration="sigmoid" if args.calibrate else None)
        clf.fit(Xtr, y)
        for split in ("dev_mt", "dev_rw"):
            dev = load_newsmtsc(base / f"{split}.jsonl")
            if not hasattr(embedder, "encoder_info_"):  # train's embeddings came from the cache
                embedder.fit(items)
            Ed = cached_embeddings(embedder, dev.items, cache, fit=False)
            Xd = sparse.hstack([f.transform(dev.items), sparse.csr_matrix(Ed * w)]).tocsr()
            print(f"  {split} (C {C}, embedding_weight {w}): F1 macro "
                  f"{f1_score(dev.sentiment, clf.predict(Xd), average='macro'):.4f}",
                  flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
