"""Scores over labels: confusion counts, calibration bins, multi-class confusion."""

from __future__ import annotations

import math

import pytest

from framing.measure.metrics import calibration, class_confusion, confusion, target_contrast


@pytest.mark.parametrize(
    "y_true, y_pred, counts",
    [([1, 0, 1, 0], [1, 1, 0, 0], (1, 1, 1, 1)), ([0, 0], [0, 0], (0, 0, 0, 2))],
)
def test_metrics_confusion_counts(y_true, y_pred, counts):
    c = confusion(y_true, y_pred)
    assert (c.tp, c.fp, c.fn, c.tn) == counts
    assert c.n == len(y_true)


def test_metrics_confusion_scores_agree_with_sklearn():
    metrics = pytest.importorskip("sklearn.metrics")
    y = [1, 1, 0, 0, 1, 0, 1, 1]
    p = [1, 0, 0, 1, 1, 0, 1, 0]
    c = confusion(y, p)
    assert c.f1 == pytest.approx(metrics.f1_score(y, p))
    assert [[c.tn, c.fp], [c.fn, c.tp]] == metrics.confusion_matrix(y, p).tolist()


def test_metrics_calibration_bins_and_scores():
    y = [0, 0, 1, 1, 1, 0]
    p = [0.0, 0.2, 0.45, 0.55, 1.0, 0.95]
    c = calibration(y, p, n_bins=4)
    assert [b.n for b in c.bins] == [2, 1, 1, 2]          # 1.0 goes in the last bin
    assert c.bins[3].mean_predicted == pytest.approx(0.975)
    assert c.bins[3].observed_rate == 0.5
    assert c.brier == pytest.approx(sum((a - b) ** 2 for a, b in zip(p, y, strict=True)) / 6)
    assert c.ece == pytest.approx((2 * 0.1 + 0.55 + 0.45 + 2 * 0.475) / 6)
    sk = pytest.importorskip("sklearn.metrics")
    assert c.brier == pytest.approx(sk.brier_score_loss(y, p))


def test_metrics_calibration_empty_and_bad_input():
    c = calibration([], [])
    assert c.n == 0 and math.isnan(c.brier) and c.to_dict()["brier"] is None
    with pytest.raises(ValueError, match="in \\[0, 1\\]"):
        calibration([1], [1.5])
    with pytest.raises(ValueError, match="same length"):
        calibration([1, 0], [0.5])


def test_metrics_class_confusion_macro_f1_agrees_with_sklearn():
    sk = pytest.importorskip("sklearn.metrics")
    labels = ("negative", "neutral", "positive")
    y = ["negative", "neutral", "neutral", "positive", "positive", "neutral"]
    p = ["neutral", "neutral", "neutral", "positive", "negative", "positive"]
    cc = class_confusion(y, p, labels=labels)
    assert [list(r) for r in cc.matrix] == sk.confusion_matrix(y, p, labels=labels).tolist()
    assert cc.macro_f1 == pytest.approx(sk.f1_score(y, p, average="macro"))
    with pytest.raises(ValueError, match="'mixed' is not one of"):
        class_confusion(["mixed"], ["neutral"], labels=labels)


def test_metrics_target_contrast_counts_sentences_told_apart():
    sentences = ["s1", "s1", "s2", "s2", "s2", "s3", "s3", "s4", "s5", "s5"]
    gold = ["negative", "neutral",            # s1: coders tell the two apart
            "positive", "positive", "neutral",  # s2: apart
            "negative", "negative",           # s3: alike
            "positive",                       # s4: one target, not counted
            "neutral", "positive"]            # s5: apart
    pred = ["negative", "neutral",            # s1: apart and right
            "positive", "neutral", "neutral",   # s2: apart, one wrong
            "negative", "positive",           # s3: apart where the coders were not
            "negative",
            "positive", "positive"]           # s5: merged
    tc = target_contrast(sentences, gold, pred)
    assert (tc.sentences, tc.contrasted, tc.apart, tc.all_right, tc.false_apart) == (
        4, 3, 2, 1, 1)
    assert tc.apart_rate == pytest.approx(2 / 3) and tc.all_right_rate == pytest.approx(1 / 3)
    assert tc.to_dict()["apart_rate"] == tc.apart_rate
    # a model that gives every target of a sentence one label never tells them apart
    same = target_contrast(sentences, gold, ["neutral"] * len(gold))
    assert same.apart == same.all_right == 0 and same.contrasted == 3
    assert target_contrast([], [], []).apart_rate == 0.0
    with pytest.raises(ValueError, match="differ in length"):
        target_contrast(["a"], ["neutral"], [])
