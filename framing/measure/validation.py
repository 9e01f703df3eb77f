"""Validate the classifier beside the lexicon: cross-validation and side-by-side gold scores.

Two questions, one module:

* :func:`cross_validate` — on coded (sentence, party) items (the project's ``training/*.jsonl``
  or a researcher's CSV ``text, actor, frame[, sentiment]``), train the classifier on all
  groups but one and test it on the group left out (leave-one-group-out; the dispute kind by
  default), or on stratified folds when the data has no groups. Every item is predicted once,
  by a model that never saw its group, and the lexicon, the classifier and the ensemble are
  scored on exactly the same items.
* :func:`compare_methods` — score several methods on gold-coded articles with the scores of
  the annotation guideline (:mod:`framing.measure.evaluation`), side by side.
* :func:`score_target_sentiment` — sentiment toward each target (e.g. NewsMTSC dev) against
  the coders: F1 macro, the confusion matrix, and, over sentences with several targets, how
  often the labels tell apart the targets the coders told apart.

The lexicon's prediction for an item is its attributed cues: frame *f* when at least one *f*
cue in the sentence is given to the party (the ``cue_party_<f>`` feature). The classifier finds
*f* when its calibrated probability reaches ``threshold``; the ensemble keeps a lexicon frame
unless the probability is below ``veto`` and adds the classifier's frames (as
:mod:`framing.learn.classify` does when it scores articles).

Everything is deterministic: fixed folds (seeded shuffling for k-fold), seeded estimators.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import FramingError, InputError
from ..labels import FRAMES, METHODS
from ..learn.classify import THRESHOLD, VETO
from ..learn.models import SENTIMENTS, TrainingSet, load_training, train_model
from .evaluation import (
    Evaluation,
    as_gold,
    calibration_table,
    dominant_table,
    gold_calibration,
    krippendorff_alpha,
    score_predictions,
    unit_value,
)
from .metrics import (
    Calibration,
    ClassConfusion,
    Confusion,
    TargetContrast,
    calibration,
    class_confusion,
    confusion,
    finite_or_none,
    target_contrast,
)

__all__ = ["CrossValidation", "Fold", "MethodComparison", "MethodScores", "TargetSentimentScores",
           "compare_methods", "cross_validate", "plan_folds", "predict_lexicon",
           "score_target_sentiment", "sentence_vader_labels"]

DEFAULT_FOLDS = 5


@dataclass(frozen=True)
class Fold:
    """One train/test split: the group (or fold) held out and the sizes."""

    name: str
    n_train: int
    n_test: int
    seconds: float = 0.0


@dataclass(frozen=True)
class MethodScores:
    """Scores of one method over (sentence, party) items.

    Attributes
    ----------
    per_frame : dict of frame -> Confusion
        TP/FP/FN/TN over items, with precision, recall and F1.
    micro : Confusion
        The three frames pooled.
    alpha : float
        Krippendorff's alpha (nominal) against the coder over items, the value of an item
        being its set of frames (as :func:`framing.measure.evaluation.unit_value` writes it).
    per_group : dict of group -> Confusion
        The micro counts of each held-out group (or fold).
    calibration : dict or None
        For the classifier: reliability bins, Brier and ECE per frame and pooled (``"all"``).
    """

    method: str
    per_frame: dict[str, Confusion]
    micro: Confusion
    alpha: float
    per_group: dict[str, Confusion]
    calibration: dict[str, Calibration] | None = None

    @property
    def macro_f1(self) -> float:
        return sum(self.per_frame[f].f1 for f in FRAMES) / len(FRAMES)

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method,
                "per_frame": {f: c.to_dict() for f, c in self.per_frame.items()},
                "micro": self.micro.to_dict(), "macro_f1": self.macro_f1,
                "krippendorff_alpha": finite_or_none(self.alpha),
                "per_group": {g: c.to_dict() for g, c in self.per_group.items()},
                "calibration": None if self.calibration is None else
                {k: c.to_dict() for k, c in self.calibration.items()}}


def _score_method(method: str, y: np.ndarray, pred: np.ndarray, groups: Sequence[str],
                  proba: np.ndarray | None = None, n_bins: int = 10) -> MethodScores:
    per_frame = {f: confusion(y[:, j], pred[:, j]) for j, f in enumerate(FRAMES)}
    micro = sum(per_frame.values(), Confusion(0, 0, 0, 0))
    names = [FRAMES[j] for j in range(len(FRAMES))]
    alpha = krippendorff_alpha([
        (unit_value(f for f, v in zip(names, yt, strict=True) if v),
         unit_value(f for f, v in zip(names, yp, strict=True) if v))
        for yt, yp in zip(y.tolist(), pred.tolist(), strict=True)])
    g = np.asarray(groups)
    per_group = {}
    for name in dict.fromkeys(groups):
        idx = np.where(g == name)[0]
        per_group[name] = confusion(y[idx].ravel(), pred[idx].ravel())
    cal = None
    if proba is not None:
        cal = {f: calibration(y[:, j].tolist(), proba[:, j].tolist(), n_bins=n_bins)
               for j, f in enumerate(FRAMES)}
        cal["all"] = calibration(y.ravel().tolist(), proba.ravel().tolist(), n_bins=n_bins)
    return MethodScores(method, per_frame, micro, alpha, per_group, cal)


@dataclass(frozen=True)
class CrossValidation:
    """The result of :func:`cross_validate`.

    Attributes
    ----------
    scheme : str
        ``"leave-one-group-out"`` or ``"k-fold"``.
    group_by : str
        What the groups are (``"kind"``, a CSV column, or ``"sentence"`` for k-fold, whose
        folds keep the parties of one sentence together).
    folds : tuple of Fold
    methods : dict of method -> MethodScores
        ``lexicon``, ``classifier`` and ``ensemble``.
    sentiment : ClassConfusion or None
        The target-sentiment model on the items with a sentiment label (out of fold).
    data : TrainingSet
        The items, in the order of the arrays below.
    fold_of : ndarray of int
        The fold in which each item was tested.
    proba : ndarray (n, 3)
        Out-of-fold P(frame) of the classifier.
    predicted : dict of method -> ndarray (n, 3)
        0/1 predictions of each method.
    sentiment_predicted : list
        Out-of-fold sentiment label (None for items without a coded sentiment).
    meta : dict
        Everything needed to reproduce the run: versions, seed, threshold, veto, data digest.
    """

    scheme: str
    group_by: str
    folds: tuple[Fold, ...]
    methods: dict[str, MethodScores]
    sentiment: ClassConfusion | None
    data: TrainingSet = field(repr=False)
    fold_of: np.ndarray = field(repr=False)
    proba: np.ndarray = field(repr=False)
    predicted: dict[str, np.ndarray] = field(repr=False)
    sentiment_predicted: list[str | None] = field(repr=False)
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable scores (not the per-item predictions; see :meth:`to_frame`)."""
        return {
            "unit": "(sentence, party) item",
            "scheme": self.scheme, "group_by": self.group_by, "n_items": len(self.data),
            "folds": [f.__dict__ for f in self.folds],
            "methods": {m: s.to_dict() for m, s in self.methods.items()},
            "sentiment": None if self.sentiment is None else self.sentiment.to_dict(),
            "meta": self.meta,
        }

    def to_frame(self, table: str = "scores"):
        """A tidy pandas DataFrame.

        Parameters
        ----------
        table : {"scores", "groups", "predictions"}
            ``scores``: one row per (method, frame), ``micro`` included, with precision,
            recall, F1 and the confusion counts. ``groups``: one row per (method, held-out
            group) with the micro counts. ``predictions``: one row per item, with its group,
            the coded frames, each method's frames, the classifier's probabilities and the
            sentiment (coded and predicted): the place to read the errors.
        """
        import pandas as pd

        if table == "scores":
            return pd.DataFrame([{"method": m, "frame": f, **c.to_dict()}
                                 for m, s in self.methods.items()
                                 for f, c in [*s.per_frame.items(), ("micro", s.micro)]])
        if table == "groups":
            return pd.DataFrame([{"method": m, "group": g, **c.to_dict()}
                                 for m, s in self.methods.items()
                                 for g, c in s.per_group.items()])
        if table == "predictions":
            d = self.data
            cols: dict[str, Any] = {
                "id": d.ids, "group": d.groups, "fold": self.fold_of,
                "text": [it.text for it in d.items],
                "mentions": [" | ".join(it.text[a:b] for a, b in it.spans) for it in d.items]}
            for j, f in enumerate(FRAMES):
                cols[f"coded_{f}"] = d.frames[:, j]
            for m, pred in self.predicted.items():
                for j, f in enumerate(FRAMES):
                    cols[f"{m}_{f}"] = pred[:, j]
            for j, f in enumerate(FRAMES):
                cols[f"p_{f}"] = self.proba[:, j]
            cols["sentiment"] = d.sentiment
            cols["sentiment_predicted"] = self.sentiment_predicted
            return pd.DataFrame(cols)
        raise FramingError(f"table must be one of ['scores', 'groups', 'predictions']; "
                           f"got {table!r}")

    def to_table(self) -> str:
        """The plain-text report ``framing cross-validate`` prints."""
        m = self.meta
        what = (f"leave one {self.group_by} out" if self.scheme == "leave-one-group-out"
                else f"{len(self.folds)}-fold, stratified, parties of a sentence kept together")
        lines = [f"cross-validation: {what}; {len(self.folds)} folds, {len(self.data)} "
                 f"(sentence, party) items",
                 f"threshold {m['threshold']}, veto {m['veto']}, seed {m['random_state']}; "
                 f"scores over (sentence, party, frame), out of fold", ""]
        lines += _side_by_side({k: (s.per_frame, s.micro) for k, s in self.methods.items()})
        lines.append(f"{'macro-F1':13s}" + "".join(f"{s.macro_f1:>18.3f}"
                                                   for s in self.methods.values()))
        lines.append(f"{'alpha':13s}" + "".join(f"{s.alpha:>18.3f}"
                                                for s in self.methods.values()))
        lines.append("")
        lines += _confusion_block({k: s.per_frame for k, s in self.methods.items()})
        lines.append("")
        lines.append(f"micro F1 per held-out {self.group_by}")
        lines.append(f"{'':24s} {'items':>6s}" + "".join(f"{k:>12s}" for k in self.methods))
        sizes = {f.name: f.n_test for f in self.folds}
        for g in sizes:
            lines.append(f"{g[:24]:24s} {sizes[g]:6d}" + "".join(
                f"{s.per_group[g].f1:12.3f}" for s in self.methods.values()))
        cal = self.methods["classifier"].calibration
        if cal is not None:
            lines.append("")
            lines.append(calibration_table(cal))
        if self.sentiment is not None:
            s = self.sentiment
            lines.append("")
            lines.append(f"target sentiment ({s.n} items with a coded sentiment): macro-F1 "
                         f"{s.macro_f1:.3f}, accuracy {s.accuracy:.3f}")
            lines.append(s.to_table())
        return "\n".join(lines)


def _side_by_side(scores: dict[str, tuple[dict[str, Confusion], Confusion]]) -> list[str]:
    head = f"{'':13s}" + "".join(f"{m:>18s}" for m in scores) + f"{'coded':>7s}"
    sub = f"{'frame':13s}" + "".join(f"{'P':>6s}{'R':>6s}{'F1':>6s}" for _ in scores)
    lines = [head, sub]
    for f in [*FRAMES, "micro"]:
        row, support = f"{f:13s}", 0
        for per_frame, micro in scores.values():
            c = micro if f == "micro" else per_frame[f]
            row += f"{c.precision:6.2f}{c.recall:6.2f}{c.f1:6.2f}"
            support = c.support
        lines.append(row + f"{support:7d}")
    return lines


def _confusion_block(per_method: dict[str, dict[str, Confusion]]) -> list[str]:
    lines = ["confusion per frame (tp fp fn tn)"]
    lines.append(f"{'frame':13s}" + "".join(f"{m:>26s}" for m in per_method))
    for f in FRAMES:
        lines.append(f"{f:13s}" + "".join(
            f"{c[f].tp:>8d}{c[f].fp:>6d}{c[f].fn:>6d}{c[f].tn:>6d}" for c in per_method.values()))
    return lines


def predict_lexicon(items: Sequence[Any], lexicon: Any = None) -> np.ndarray:
    """The lexicon's frames for (sentence, party) items: an (n, 3) 0/1 array.

    Frame *f* is predicted when at least one *f* cue in the sentence is attributed to the
    party, by the same attribution rules that :func:`framing.score_article` uses.

    Examples
    --------
    >>> from framing.learn.features import PartyItem
    >>> predict_lexicon([PartyItem("Kyiv rejected the offer.", ((0, 4),), ())]).tolist()
    [[1, 0, 0]]
    """
    from ..learn.features import CUE_FEATURES, _default_cue_features, cue_features
    from ..lexicon.cues import FrameLexicon, load_lexicon

    if lexicon is None:
        rows = [_default_cue_features(it) for it in items]  # cached: the features reuse them
    else:
        lex = lexicon if isinstance(lexicon, FrameLexicon) else load_lexicon(
            *([lexicon] if isinstance(lexicon, str | Path) else lexicon))
        rows = [cue_features(it, lex) for it in items]
    if not rows:
        return np.zeros((0, len(FRAMES)), dtype=int)
    cf = np.vstack(rows)
    cols = [CUE_FEATURES.index(f"cue_party_{f}") for f in FRAMES]
    return (cf[:, cols] > 0).astype(int)


def _kfold(data: TrainingSet, n_splits: int, random_state: int) -> np.ndarray:
    """Fold of each item: sentences (all their parties together) are dealt round-robin to the
    folds within strata of the frames coded in the sentence, after a seeded shuffle."""
    by_text: dict[str, list[int]] = {}
    for i, it in enumerate(data.items):
        by_text.setdefault(it.text, []).append(i)
    texts = list(by_text)
    if n_splits < 2 or n_splits > len(texts):
        raise InputError(f"folds must be between 2 and the number of sentences "
                         f"({len(texts)}); got {n_splits}")
    rng = np.random.default_rng(random_state)
    order = rng.permutation(len(texts))

    def stratum(t: str) -> tuple[int, ...]:
        return tuple(data.frames[by_text[t]].max(axis=0).tolist())

    order = sorted(order, key=lambda k: stratum(texts[k]))  # stable: shuffled within strata
    fold_of = np.zeros(len(data), dtype=int)
    for n, k in enumerate(order):
        fold_of[by_text[texts[k]]] = n % n_splits
    return fold_of


def _check_fold(data: TrainingSet, train: np.ndarray, held_out: str, group_by: str,
                sentiment: bool) -> None:
    y = data.frames
    for j, f in enumerate(FRAMES):
        if y[:, j].any() and not y[train, j].any():
            raise InputError(
                f"frame {f!r} is coded only in {group_by} {held_out!r} ({int(y[:, j].sum())} "
                f"items): a model trained without it cannot learn the frame; merge that "
                f"{group_by} with another or use folds")
        if not y[:, j].all() and y[train, j].all():
            raise InputError(
                f"every item outside {group_by} {held_out!r} is coded {f!r}: a single class "
                f"cannot train a classifier; check the coding or use folds")
    if sentiment:
        seen = {data.sentiment[i] for i in train if data.sentiment[i] is not None}
        if len(seen) < 2:
            raise InputError(
                f"the items outside {group_by} {held_out!r} have a single sentiment class "
                f"{sorted(seen)}: the sentiment model needs two; use sentiment=False "
                "(--no-sentiment) or add coding")


def cross_validate(
    data: TrainingSet | str | Path | Iterable[str | Path],
    *,
    group: str | None = None,
    folds: int | None = None,
    threshold: float = THRESHOLD,
    veto: float = VETO,
    sentiment: bool = True,
    lexicon: Any = None,
    actors: Any = None,
    n_bins: int = 10,
    featurizer: dict[str, Any] | None = None,
    random_state: int = 0,
    n_jobs: int | None = None,
    sentiment_embeddings: bool = False,
    frames_recurrent: float | None = None,
) -> CrossValidation:
    """Cross-validate the classifier beside the lexicon and the ensemble on coded items.

    Parameters
    ----------
    data : TrainingSet, path or list of paths
        The project's training JSONL files (or the ``training/`` folder) or coded CSV files
        (``text, actor, frame[, sentiment[, group]]``), or a loaded TrainingSet.
    group : str, optional
        When loading paths: the JSONL field or CSV column whose values are the groups left out
        one at a time. Default: ``kind`` (JSONL), ``group`` (CSV), else the file name.
    folds : int, optional
        Use this many stratified folds instead of groups. By default, leave one group out
        when the data has at least two groups, else 5 folds. The folds keep all parties of a
        sentence together, so no sentence is both trained and tested on.
    threshold, veto : float, default=0.5, 0.2
        Decision rules of the classifier and the ensemble (see :mod:`framing.learn.classify`).
    sentiment : bool, default=True
        Also cross-validate the target-sentiment model on the items with a sentiment label.
    lexicon : path, list of paths or FrameLexicon, optional
        Cue files for the lexicon method (the classifier's features use the default lexicon).
    actors : optional
        Actor dictionary to find the parties of a coded CSV (see :func:`framing.train_model`).
    n_bins : int, default=10
        Reliability bins of the calibration report.
    featurizer : dict, optional
        Parameters of :class:`framing.learn.features.PartyFeaturizer` for both models (smaller
        features train faster; the defaults are those of the shipped model).
    random_state : int, default=0
        Seed of the k-fold shuffle.
    n_jobs : int, optional
        Processes for the calibration folds inside each training (``-1``: all cores).
    sentiment_embeddings : bool, default=False
        Cross-validate the target-sentiment model with sentence embeddings, as ``framing
        train --sentiment-embeddings`` trains it (the optional extra ``framing[embeddings]``).
    frames_recurrent : float, optional
        Cross-validate the frame model blended with the recurrent frame network at this weight,
        as ``framing train --frames-recurrent W`` trains it (the shipped recipe, less the soft
        labels, which need a teacher per fold: ``benchmarks/cv_recurrent_frames.py``). Training
        needs the extra.

    Returns
    -------
    CrossValidation
        ``.methods["classifier"].per_frame``, ``.to_table()``, ``.to_dict()``,
        ``.to_frame("scores" | "groups" | "predictions")``.

    Raises
    ------
    InputError
        Bad input files (with file and line), a single group when ``group`` was named, or a
        training fold that lacks a class (naming the group left out).

    Examples
    --------
    >>> import framing
    >>> from framing.learn.features import PartyItem
    >>> from framing.learn.models import TrainingSet
    >>> import numpy as np
    >>> rows = [("Kyiv rejected the offer.", [1, 0, 0]), ("Kyiv welcomed the talks.", [0, 0, 1]),
    ...         ("Kyiv doubted the pledge.", [0, 1, 0]), ("Kyiv said nothing.", [0, 0, 0])] * 3
    >>> data = TrainingSet([PartyItem(t, ((0, 4),), ()) for t, _ in rows],
    ...                    np.array([y for _, y in rows]), [None] * 12,
    ...                    ["a"] * 4 + ["b"] * 4 + ["c"] * 4, [str(i) for i in range(12)])
    >>> cv = framing.cross_validate(data, featurizer={"min_df": 1, "char_ngrams": None})
    >>> cv.scheme, [f.name for f in cv.folds]
    ('leave-one-group-out', ['a', 'b', 'c'])
    >>> round(cv.methods["lexicon"].micro.f1, 2)
    1.0
    """
    from .. import __version__

    if isinstance(data, TrainingSet):
        if group is not None:
            raise InputError("group= applies when data are paths; a TrainingSet carries its "
                             "groups in .groups")
        ts = data
    else:
        paths = [data] if isinstance(data, str | Path) else list(data)
        ts = load_training(paths, actors=actors, group=group)
    if len(ts) < 2:
        raise InputError(f"cross-validation needs at least 2 coded items; got {len(ts)}")
    for name, v in (("threshold", threshold), ("veto", veto)):
        if not 0.0 <= v <= 1.0:
            raise InputError(f"{name} must be between 0 and 1; got {v!r}")
    if frames_recurrent is not None and not 0 < frames_recurrent < 1:
        raise InputError(f"frames_recurrent is the recurrent network's weight in the blend, "
                         f"between 0 and 1 (exclusive); got {frames_recurrent}")
    scheme, group_by, fold_names, fold_of = plan_folds(ts, group=group, folds=folds,
                                                       random_state=random_state)
    has_sentiment = sentiment and any(s is not None for s in ts.sentiment)
    y = ts.frames
    proba = np.zeros(y.shape, dtype=float)
    sent_pred: list[str | None] = [None] * len(ts)
    splits = [(name, np.where(fold_of != k)[0], np.where(fold_of == k)[0])
              for k, name in enumerate(fold_names)]
    splits = [s for s in splits if len(s[2])]
    for name, train, _ in splits:  # every fold is checked before any training starts
        _check_fold(ts, train, name, group_by, has_sentiment)
    if (sentiment_embeddings and has_sentiment) or frames_recurrent is not None:
        from ..learn.embeddings import get_encoder

        get_encoder()  # a missing extra fails now, not after a fold
    fold_list = []
    for name, train, test in splits:
        t0 = time.perf_counter()
        tr = ts.subset(train)
        model = train_model(tr, tr.with_sentiment() if has_sentiment else tr.subset([]),
                            featurizer=featurizer, sentiment_featurizer=featurizer,
                            n_jobs=n_jobs,
                            sentiment_embeddings=sentiment_embeddings and has_sentiment,
                            frames_recurrent=frames_recurrent)
        proba[test] = model.frame_proba([ts.items[i] for i in test])
        if has_sentiment:
            labelled = [i for i in test if ts.sentiment[i] is not None]
            if labelled:
                sp = model.sentiment_proba([ts.items[i] for i in labelled])
                for i, row in zip(labelled, sp, strict=True):
                    sent_pred[i] = SENTIMENTS[int(np.argmax(row))]
        fold_list.append(Fold(name, len(train), len(test), time.perf_counter() - t0))
    lex = predict_lexicon(ts.items, lexicon)
    clf = (proba >= threshold).astype(int)
    ens = (((lex == 1) & (proba >= veto)) | (proba >= threshold)).astype(int)
    tested_in = [fold_names[k] for k in fold_of]
    methods = {
        "lexicon": _score_method("lexicon", y, lex, tested_in),
        "classifier": _score_method("classifier", y, clf, tested_in, proba, n_bins),
        "ensemble": _score_method("ensemble", y, ens, tested_in),
    }
    sent = None
    if has_sentiment:
        pairs = [(t, p) for t, p in zip(ts.sentiment, sent_pred, strict=True)
                 if t is not None and p is not None]
        sent = class_confusion([t for t, _ in pairs], [p for _, p in pairs], labels=SENTIMENTS)
    meta = {"framing_version": __version__, "threshold": threshold, "veto": veto,
            "random_state": random_state, "n_bins": n_bins, "featurizer": featurizer or {},
            "sentiment_embeddings": bool(sentiment_embeddings and has_sentiment),
            "frames_recurrent": frames_recurrent,
            "lexicon": "default" if lexicon is None else str(lexicon),
            "data_sha256": ts.digest(), "sources": sorted(set(ts.sources))}
    return CrossValidation(scheme, group_by, tuple(fold_list), methods, sent, ts, fold_of,
                           proba, {"lexicon": lex, "classifier": clf, "ensemble": ens},
                           sent_pred, meta)


def plan_folds(data: TrainingSet, *, group: str | None = None, folds: int | None = None,
               random_state: int = 0) -> tuple[str, str, list[str], np.ndarray]:
    """Choose the cross-validation scheme and the fold of every item (no training).

    Leave one group out when ``folds`` is None and the data has two groups or more; else
    ``folds`` (default 5) stratified folds that keep the parties of a sentence together. A
    ``group`` named explicitly that holds a single value is an error.

    Returns
    -------
    scheme, group_by, fold_names, fold_of
        ``fold_of[i]`` indexes ``fold_names``: the fold in which item ``i`` is tested.

    Examples
    --------
    >>> from framing.learn.features import PartyItem
    >>> items = [PartyItem(f"Kyiv said {i}.", ((0, 4),), ()) for i in range(6)]
    >>> data = TrainingSet(items, np.zeros((6, 3), int), [None] * 6, list("aabbcc"),
    ...                    list("123456"))
    >>> plan_folds(data)[0], plan_folds(data)[3].tolist()
    ('leave-one-group-out', [0, 0, 1, 1, 2, 2])
    >>> plan_folds(data, folds=3)[:3]
    ('k-fold', 'fold', ['fold 1', 'fold 2', 'fold 3'])
    """
    groups = [str(g) for g in data.groups]
    distinct = list(dict.fromkeys(groups))
    if folds is None and len(distinct) >= 2:
        names = sorted(distinct)
        fold_of = np.array([names.index(g) for g in groups], dtype=int)
        return "leave-one-group-out", group or _group_name(data), names, fold_of
    if folds is None and group is not None:
        raise InputError(f"only one group ({distinct[0]!r}) in {group!r}: leaving it out "
                         "leaves nothing to train on; give several groups or use folds")
    n_splits = DEFAULT_FOLDS if folds is None else int(folds)
    fold_of = _kfold(data, n_splits, random_state)
    return "k-fold", "fold", [f"fold {k + 1}" for k in range(n_splits)], fold_of


def _group_name(ts: TrainingSet) -> str:
    return "kind" if any(s.endswith(".jsonl") for s in ts.sources) else "group"


# -- several methods on gold articles ---------------------------------------------------------


@dataclass(frozen=True)
class MethodComparison:
    """Several methods scored on the same gold articles (the result of
    :func:`compare_methods`); ``evaluations`` maps each method to its
    :class:`~framing.measure.evaluation.Evaluation`."""

    gold: tuple[str, ...]
    evaluations: dict[str, Evaluation]

    def to_dict(self) -> dict[str, Any]:
        return {"gold": list(self.gold), "methods": list(self.evaluations),
                "evaluations": {m: ev.to_dict() for m, ev in self.evaluations.items()}}

    def to_frame(self):
        """One row per (method, frame), ``micro`` included: P/R/F1 and confusion counts."""
        import pandas as pd

        return pd.DataFrame([{"method": m, "frame": f, **c.to_dict()}
                             for m, ev in self.evaluations.items()
                             for f, c in [*ev.per_frame.items(), ("micro", ev.micro)]])

    def to_table(self) -> str:
        evs = self.evaluations
        lines = [f"{len(self.gold)} gold articles; scores over (sentence, party, frame)", ""]
        lines += _side_by_side({m: (ev.per_frame, ev.micro) for m, ev in evs.items()})
        for label, get in (("macro-F1", lambda ev: ev.macro_f1),
                           ("dominant acc.", lambda ev: ev.dominant_accuracy),
                           ("alpha", lambda ev: ev.alpha)):
            lines.append(f"{label:13s}" + "".join(f"{get(ev):>18.3f}" for ev in evs.values()))
        lines.append("")
        lines += _confusion_block({m: ev.per_frame for m, ev in evs.items()})
        for m, ev in evs.items():
            lines += ["", f"[{m}] " + dominant_table(ev.dominant_confusion())]
            if ev.calibration is not None:
                lines += ["", f"[{m}] " + calibration_table(ev.calibration, ev.unscored)]
        return "\n".join(lines)

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [dict(e, method=m) for m, ev in self.evaluations.items() for e in ev.errors]


def _probability_records(text: str, *, actors: Any, lexicon: Any, model: Any,
                         actors_mode: str = "extend") -> list[dict[str, Any]]:
    from ..learn.classify import party_items
    from ..learn.models import coerce_model
    from ..lexicon.scoring import score_article as score_with_lexicon

    base = score_with_lexicon(text, actors=actors, actors_mode=actors_mode, lexicon=lexicon,
                              sentiment=False)
    triples = party_items(base)
    if not triples:
        return []
    proba = coerce_model(model).frame_proba([it for _, _, it in triples])
    out = []
    for (k, party, _), row in zip(triples, proba, strict=True):
        s = base.sentences[k]
        out += [{"actor": party, "frame": f, "sentence_start": s.start, "sentence_end": s.end,
                 "probability": float(row[j])} for j, f in enumerate(FRAMES)]
    return out


def compare_methods(
    gold_paths: Iterable[str | Path],
    *,
    methods: Sequence[str] = METHODS,
    model: Any = None,
    lexicon: Any = None,
    use_gold_actors: bool = True,
    n_bins: int = 10,
) -> MethodComparison:
    """Score several methods on gold-coded articles, side by side.

    Each method is scored as :func:`framing.evaluate` scores it (P/R/F1 per frame, confusion
    counts, dominant frames, Krippendorff's alpha). The classifier also gets a calibration
    report: its probabilities for every (sentence, party) it scored, against the gold (the
    ensemble's decisions are not probabilities; its model is the classifier's).

    Parameters
    ----------
    gold_paths : iterable of paths or GoldArticle
        Gold files, or gold articles already loaded (e.g. :func:`framing.load_realnews`).
    methods : sequence of {"lexicon", "classifier", "ensemble"}
    model : FramingModel or path, optional
        For the classifier and the ensemble (the shipped model by default).
    lexicon : path or list of paths, optional
    use_gold_actors : bool, default=True
    n_bins : int, default=10

    Returns
    -------
    MethodComparison

    Examples
    --------
    >>> cmp = compare_methods(["tests/data/gold/seed-000.json"], methods=["lexicon"])
    >>> round(cmp.evaluations["lexicon"].micro.f1, 2)
    0.97
    """
    from ..api import score_article

    methods = list(methods)
    for m in methods:
        if m not in METHODS:
            raise FramingError(f"method must be one of {list(METHODS)}; got {m!r}")
    if not methods:
        raise FramingError("give at least one method")
    golds = [as_gold(g) for g in gold_paths]
    paths = [g.path for g in golds]
    evaluations = {}
    for method in methods:
        predictions, records, errors = [], [], []
        for gold in golds:
            actors = gold.actors if (use_gold_actors and gold.actors) else None
            extra = {} if method == "lexicon" else {"model": model}
            try:
                res = score_article(gold.text, actors=actors, actors_mode=gold.actors_mode,
                                    method=method, sentiment=False, lexicon=lexicon, **extra)
                predictions.append(res.framings)
                records.append(_probability_records(gold.text, actors=actors,
                                                    actors_mode=gold.actors_mode,
                                                    lexicon=lexicon, model=model)
                               if method == "classifier" else [])
            except FramingError as e:
                errors.append({"id": gold.id, "error": f"{type(e).__name__}: {e}"})
                predictions.append([])
                records.append([])
        ev = score_predictions(golds, predictions, method=method, errors=errors)
        if method == "classifier":
            ev.calibration, ev.unscored = gold_calibration(golds, records, n_bins=n_bins)
        evaluations[method] = ev
    return MethodComparison(tuple(paths), evaluations)


# -- sentiment toward each target ---------------------------------------------------------------


@dataclass(frozen=True)
class TargetSentimentScores:
    """Sentiment labels toward each target against the coders'.

    Attributes
    ----------
    confusion : ClassConfusion
        Over every target (rows: the coders' label).
    contrast : TargetContrast
        Over sentences with several targets (:func:`framing.measure.metrics.target_contrast`).
    """

    confusion: ClassConfusion
    contrast: TargetContrast

    @property
    def macro_f1(self) -> float:
        return self.confusion.macro_f1

    def to_dict(self) -> dict[str, Any]:
        return {"macro_f1": self.macro_f1, "confusion": self.confusion.to_dict(),
                "contrast": self.contrast.to_dict()}

    def to_table(self) -> str:
        c = self.contrast
        per = self.confusion.per_class()
        lines = [f"F1 macro {self.macro_f1:.3f} over {self.confusion.n} targets ("
                 + ", ".join(f"{k} {v.f1:.3f}" for k, v in per.items()) + ")",
                 self.confusion.to_table(),
                 f"sentences with several targets: {c.sentences}; the coders told the targets "
                 f"apart in {c.contrasted}, the labels do in {c.apart} ({c.apart_rate:.0%}), "
                 f"every target right in {c.all_right} ({c.all_right_rate:.0%}); apart where "
                 f"the coders were not: {c.false_apart}"]
        return "\n".join(lines)


def score_target_sentiment(data: TrainingSet, predicted: Sequence[str]) -> TargetSentimentScores:
    """Score sentiment labels toward each target of ``data`` (one per item, in order) against
    its coded labels; the targets of one sentence are the items with the same text.

    Parameters
    ----------
    data : TrainingSet
        Items with sentiment labels (e.g. :func:`framing.learn.models.load_newsmtsc`); an item
        without one is an error.
    predicted : sequence of str
        ``negative``, ``neutral`` or ``positive`` per item.

    Examples
    --------
    >>> from framing.learn.features import PartyItem
    >>> s = "Moscow praised Kyiv."
    >>> data = TrainingSet([PartyItem(s, ((0, 6),)), PartyItem(s, ((15, 19),))],
    ...                    np.zeros((2, 3), int), ["neutral", "positive"], ["g", "g"],
    ...                    ["a", "b"])
    >>> scores = score_target_sentiment(data, ["positive", "positive"])
    >>> scores.contrast.contrasted, scores.contrast.apart
    (1, 0)
    """
    gold = list(data.sentiment)
    missing = [data.ids[i] for i, g in enumerate(gold) if g is None]
    if missing:
        raise InputError(f"{len(missing)} item(s) carry no sentiment label, e.g. {missing[0]}")
    predicted = list(predicted)
    if len(predicted) != len(gold):
        raise InputError(f"{len(predicted)} predicted labels for {len(gold)} items")
    return TargetSentimentScores(
        class_confusion(gold, predicted, labels=SENTIMENTS),
        target_contrast([it.text for it in data.items], gold, predicted))


def sentence_vader_labels(items: Iterable[Any], margin: float = 0.05) -> list[str]:
    """The baseline the party-aware model replaces: VADER's compound of the whole sentence,
    ``positive`` at ``margin`` or above, ``negative`` at ``-margin`` or below, else ``neutral``
    (the same label for every party of a sentence).

    Examples
    --------
    >>> sentence_vader_labels([("Critics praised Kyiv.", (16, 20))])
    ['positive']
    """
    from ..learn.features import as_item
    from ..lexicon.sentiment import sentence_sentiment

    out = []
    for x in items:
        v = sentence_sentiment(as_item(x).text)
        out.append("positive" if v >= margin else "negative" if v <= -margin else "neutral")
    return out
