"""Plain scores over labels: confusion counts, precision/recall/F1, calibration.

These functions know nothing about articles, parties or models; they take 0/1 labels (or
class labels) and probabilities, so the gold evaluation (:mod:`framing.measure.evaluation`) and
the cross-validation (:mod:`framing.measure.validation`) compute every number the same way. Pure
Python: no NumPy or scikit-learn, so each number can be checked by hand.

* :class:`Confusion`: TP/FP/FN/TN of one binary decision, with precision, recall, F1.
* :func:`calibration`: reliability bins (mean predicted probability against the observed rate,
  with counts), Brier score and expected calibration error (ECE).
* :class:`ClassConfusion`: a confusion matrix over several classes (e.g. sentiment), with
  per-class scores and macro F1.
* :func:`target_contrast`: over sentences with several targets, how often a model labels apart
  the targets that the coders labelled differently (:class:`TargetContrast`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


def finite_or_none(x: float) -> float | None:
    """``x``, or None when it is NaN or infinite (JSON has no NaN).

    Examples
    --------
    >>> finite_or_none(0.5), finite_or_none(float("nan"))
    (0.5, None)
    """
    return x if isinstance(x, int | float) and math.isfinite(x) else None


@dataclass(frozen=True)
class PRF:
    """Counts and scores for one frame (or the micro average): true and false positives,
    false negatives; precision, recall and F1 are 0.0 when undefined."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        """Number of units the reference (human coder) gives the label."""
        return self.tp + self.fn

    def to_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1, "support": self.support}


@dataclass(frozen=True)
class Confusion(PRF):
    """A 2×2 confusion table: :class:`PRF` plus the true negatives.

    Examples
    --------
    >>> c = confusion([1, 1, 0, 0, 1], [1, 0, 0, 1, 1])
    >>> (c.tp, c.fp, c.fn, c.tn), round(c.f1, 3)
    ((2, 1, 1, 1), 0.667)
    """

    tn: int = 0

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.n if self.n else 0.0

    def __add__(self, other: Confusion) -> Confusion:
        return Confusion(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn,
                         self.tn + other.tn)

    def to_dict(self) -> dict[str, float]:
        return {**super().to_dict(), "tn": self.tn, "n": self.n, "accuracy": self.accuracy}


def confusion(y_true: Iterable[int], y_pred: Iterable[int]) -> Confusion:
    """Count a binary decision against the reference, unit by unit (1 = label present)."""
    tp = fp = fn = tn = 0
    for t, p in zip(y_true, y_pred, strict=True):
        t, p = bool(t), bool(p)
        tp += t and p
        fp += p and not t
        fn += t and not p
        tn += not (t or p)
    return Confusion(tp, fp, fn, tn)


@dataclass(frozen=True)
class ReliabilityBin:
    """Units whose predicted probability fell in ``[lower, upper)`` (the last bin includes 1)."""

    lower: float
    upper: float
    n: int
    mean_predicted: float  # NaN when the bin is empty
    observed_rate: float   # share of units with the label; NaN when empty

    def to_dict(self) -> dict[str, Any]:
        return {"lower": self.lower, "upper": self.upper, "n": self.n,
                "mean_predicted": finite_or_none(self.mean_predicted),
                "observed_rate": finite_or_none(self.observed_rate)}


@dataclass(frozen=True)
class Calibration:
    """How well probabilities match observed rates.

    Attributes
    ----------
    bins : tuple of ReliabilityBin
        Equal-width bins over [0, 1].
    n : int
        Units scored.
    brier : float
        Mean squared difference between probability and the 0/1 label (0 is perfect).
    ece : float
        Expected calibration error: the bins' mean |predicted − observed|, weighted by count.
    """

    bins: tuple[ReliabilityBin, ...]
    n: int
    brier: float
    ece: float

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "brier": finite_or_none(self.brier),
                "ece": finite_or_none(self.ece), "bins": [b.to_dict() for b in self.bins]}

    def to_table(self, title: str = "") -> str:
        """Plain-text reliability table, one line per non-empty bin."""
        lines = [f"{title}n={self.n} Brier {self.brier:.3f} ECE {self.ece:.3f}",
                 f"  {'bin':>11s} {'n':>5s} {'mean p':>7s} {'observed':>8s}"]
        for b in self.bins:
            if b.n:
                lines.append(f"  {b.lower:4.2f}-{b.upper:4.2f}  {b.n:5d} {b.mean_predicted:7.3f} "
                             f"{b.observed_rate:8.3f}")
        return "\n".join(lines)


def calibration(y_true: Sequence[int], proba: Sequence[float], *, n_bins: int = 10
                ) -> Calibration:
    """Reliability bins, Brier score and expected calibration error of probabilities.

    Parameters
    ----------
    y_true : sequence of 0/1
        Whether the reference gives the unit the label.
    proba : sequence of float in [0, 1]
        The predicted probability of the label for the same units.
    n_bins : int, default=10
        Equal-width bins over [0, 1]; a probability of exactly 1 goes in the last bin.

    Returns
    -------
    Calibration
        Brier and ECE are NaN when there are no units.

    Raises
    ------
    ValueError
        Lengths differ, ``n_bins`` < 1, or a probability is outside [0, 1].

    Examples
    --------
    >>> c = calibration([0, 1, 1, 1], [0.1, 0.9, 0.6, 0.8], n_bins=2)
    >>> [(b.n, b.mean_predicted, b.observed_rate) for b in c.bins]
    [(1, 0.1, 0.0), (3, 0.7666666666666666, 1.0)]
    >>> round(c.brier, 4), round(c.ece, 4)
    (0.055, 0.2)
    """
    if len(y_true) != len(proba):
        raise ValueError(f"y_true and proba must have the same length; got {len(y_true)} and "
                         f"{len(proba)}")
    if not isinstance(n_bins, int) or n_bins < 1:
        raise ValueError(f"n_bins must be a positive integer; got {n_bins!r}")
    members: list[list[tuple[int, float]]] = [[] for _ in range(n_bins)]
    sq = 0.0
    for t, p in zip(y_true, proba, strict=True):
        p = float(p)
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"probabilities must be in [0, 1]; got {p!r}")
        members[min(int(p * n_bins), n_bins - 1)].append((int(bool(t)), p))
        sq += (p - bool(t)) ** 2
    n = len(y_true)
    bins, gap = [], 0.0
    for k, m in enumerate(members):
        if m:
            mean_p = sum(p for _, p in m) / len(m)
            rate = sum(t for t, _ in m) / len(m)
            gap += len(m) * abs(mean_p - rate)
        else:
            mean_p = rate = float("nan")
        bins.append(ReliabilityBin(k / n_bins, (k + 1) / n_bins, len(m), mean_p, rate))
    nan = float("nan")
    return Calibration(tuple(bins), n, sq / n if n else nan, gap / n if n else nan)


@dataclass(frozen=True)
class ClassConfusion:
    """Confusion matrix over several classes: ``matrix[i][j]`` counts units of reference class
    ``labels[i]`` predicted as ``labels[j]``.

    Examples
    --------
    >>> cc = class_confusion(["neg", "neg", "pos", "neu"], ["neg", "pos", "pos", "neu"],
    ...                      labels=("neg", "neu", "pos"))
    >>> cc.matrix
    ((1, 0, 1), (0, 1, 0), (0, 0, 1))
    >>> round(cc.macro_f1, 3)
    0.778
    """

    labels: tuple[str, ...]
    matrix: tuple[tuple[int, ...], ...]

    @property
    def n(self) -> int:
        return sum(map(sum, self.matrix))

    def per_class(self) -> dict[str, PRF]:
        """Precision, recall and F1 of each class against the rest."""
        out = {}
        for i, label in enumerate(self.labels):
            tp = self.matrix[i][i]
            fp = sum(self.matrix[j][i] for j in range(len(self.labels))) - tp
            fn = sum(self.matrix[i]) - tp
            out[label] = PRF(tp, fp, fn)
        return out

    @property
    def macro_f1(self) -> float:
        """Unweighted mean of the per-class F1 (every class counts, even a rare one)."""
        scores = self.per_class()
        return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0

    @property
    def accuracy(self) -> float:
        return sum(self.matrix[i][i] for i in range(len(self.labels))) / self.n if self.n else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"labels": list(self.labels), "matrix": [list(r) for r in self.matrix],
                "n": self.n, "accuracy": self.accuracy, "macro_f1": self.macro_f1,
                "per_class": {k: v.to_dict() for k, v in self.per_class().items()}}

    def to_table(self) -> str:
        """Rows: reference class; columns: predicted class."""
        w = max(8, *(len(x) for x in self.labels))
        corner = "coded \\ predicted"
        lines = [f"{corner:>{w + 10}s} " + " ".join(f"{x:>{w}s}" for x in self.labels)]
        for label, row in zip(self.labels, self.matrix, strict=True):
            lines.append(f"{label:>{w + 10}s} " + " ".join(f"{v:>{w}d}" for v in row))
        return "\n".join(lines)


def class_confusion(y_true: Sequence[str], y_pred: Sequence[str], *,
                    labels: Sequence[str]) -> ClassConfusion:
    """Confusion matrix of class labels; a label outside ``labels`` is a ValueError."""
    index = {label: i for i, label in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    for t, p in zip(y_true, y_pred, strict=True):
        for x in (t, p):
            if x not in index:
                raise ValueError(f"label {x!r} is not one of {list(labels)}")
        m[index[t]][index[p]] += 1
    return ClassConfusion(tuple(labels), tuple(tuple(r) for r in m))


@dataclass(frozen=True)
class TargetContrast:
    """How a model treats the parties of one sentence that the coders told apart.

    Attributes
    ----------
    sentences : int
        Sentences with two or more targets.
    contrasted : int
        Of those, the sentences whose targets the coders gave different labels.
    apart : int
        Of the contrasted sentences, those where the model gives different labels too.
    all_right : int
        Of the contrasted sentences, those where the model gets every target's label right.
    false_apart : int
        Sentences whose targets the coders labelled alike and the model labels apart (the
        opposite error: a contrast the coders did not see).
    """

    sentences: int
    contrasted: int
    apart: int
    all_right: int
    false_apart: int

    @property
    def apart_rate(self) -> float:
        """Share of the contrasted sentences that the model labels apart too (0.0 if none)."""
        return self.apart / self.contrasted if self.contrasted else 0.0

    @property
    def all_right_rate(self) -> float:
        """Share of the contrasted sentences with every target right (0.0 if none)."""
        return self.all_right / self.contrasted if self.contrasted else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"sentences": self.sentences, "contrasted": self.contrasted,
                "apart": self.apart, "all_right": self.all_right, "false_apart": self.false_apart,
                "apart_rate": self.apart_rate, "all_right_rate": self.all_right_rate}


def target_contrast(sentences: Sequence[Any], y_true: Sequence[str],
                    y_pred: Sequence[str]) -> TargetContrast:
    """Count, over sentences with several targets, how often the model's labels differ where
    the coders' do.

    Parameters
    ----------
    sentences : sequence
        One key per target (the sentence's text or id); targets with the same key are the
        targets of one sentence.
    y_true, y_pred : sequence of str
        The coders' and the model's label of each target.

    Examples
    --------
    >>> s = ["a", "a", "b", "b", "c"]
    >>> tc = target_contrast(s, ["neg", "neu", "pos", "pos", "neg"],
    ...                         ["neg", "neg", "pos", "neu", "pos"])
    >>> tc.sentences, tc.contrasted, tc.apart, tc.all_right, tc.false_apart
    (2, 1, 0, 0, 1)
    """
    if not len(sentences) == len(y_true) == len(y_pred):
        raise ValueError(f"sentences, y_true and y_pred differ in length: {len(sentences)}, "
                         f"{len(y_true)}, {len(y_pred)}")
    by: dict[Any, list[int]] = {}
    for i, key in enumerate(sentences):
        by.setdefault(key, []).append(i)
    several = contrasted = apart = all_right = false_apart = 0
    for idx in by.values():
        if len(idx) < 2:
            continue
        several += 1
        gold = {y_true[i] for i in idx}
        pred = {y_pred[i] for i in idx}
        if len(gold) > 1:
            contrasted += 1
            apart += len(pred) > 1
            all_right += all(y_true[i] == y_pred[i] for i in idx)
        elif len(pred) > 1:
            false_apart += 1
    return TargetContrast(several, contrasted, apart, all_right, false_apart)
