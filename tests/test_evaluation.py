"""Evaluation against gold coding: PRF, dominant frames, Krippendorff's alpha."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import GOLD, HELDOUT, shared_path

from framing import evaluate
from framing.errors import GoldError
from framing.measure.evaluation import (
    gold_calibration,
    gold_from_dict,
    krippendorff_alpha,
    load_gold,
    score_predictions,
)


def test_evaluate_alpha_matches_reference_package():
    krippendorff = pytest.importorskip("krippendorff")
    pairs = [("a", "a"), ("b", "b"), ("a", "b"), ("none", "none"), ("b", "a"), ("none", "a"),
             ("a", "a"), ("none", "none")]
    cats = {"a": 0, "b": 1, "none": 2}
    data = [[cats[x] for x, _ in pairs], [cats[y] for _, y in pairs]]
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert krippendorff_alpha(pairs) == pytest.approx(expected)


def test_evaluate_alpha_perfect_and_degenerate():
    assert krippendorff_alpha([("a", "a"), ("b", "b")]) == 1.0
    assert krippendorff_alpha([("a", "a"), ("a", "a")]) == 1.0


def _gold(labels, optional=(), dominant=None):
    return gold_from_dict({
        "id": "g", "text": "A one. B two.", "actors": {"A": ["A"], "B": ["B"]},
        "sentences": [
            {"text": "A one.", "labels": [{"actor": a, "frame": f} for a, f in labels],
             "optional": [{"actor": a, "frame": f} for a, f in optional]},
            {"text": "B two.", "labels": [], "optional": []}],
        "dominant": dominant or {}})


def _framing(actor, frame, start=0, end=6):
    return {"actor": actor, "frame": frame, "sentence_start": start, "sentence_end": end}


def test_evaluate_optional_pairs_count_on_neither_side():
    gold = _gold([("A", "hard-line")], optional=[("B", "conciliatory")])
    ev = score_predictions([gold], [[_framing("A", "hard-line"), _framing("B", "conciliatory")]])
    assert (ev.micro.tp, ev.micro.fp, ev.micro.fn) == (1, 0, 0)


def test_evaluate_parties_outside_gold_actors_are_not_scored():
    gold = _gold([("A", "hard-line")])
    ev = score_predictions([gold], [[_framing("A", "hard-line"), _framing("Z", "skeptical")]])
    assert ev.micro.fp == 0


def test_evaluate_dominant_and_ties():
    gold = _gold([("A", "hard-line"), ("A", "skeptical")],
                 dominant={"A": "hard-line|skeptical", "B": "none"})
    ev = score_predictions([gold], [[_framing("A", "hard-line"), _framing("A", "skeptical")]])
    assert ev.dominant_correct == 2


def test_evaluate_framing_in_wrong_sentence_is_fp_and_fn():
    gold = _gold([("A", "hard-line")])
    ev = score_predictions([gold], [[_framing("A", "hard-line", 7, 13)]])
    assert (ev.micro.tp, ev.micro.fp, ev.micro.fn) == (0, 1, 1)


@pytest.mark.parametrize(
    "doc, message",
    [
        ({"text": "x"}, "missing key 'sentences'"),
        ({"text": "x", "sentences": [{"text": "y"}]}, r"sentences\[0\]: sentence not found"),
        ({"text": "x", "sentences": [{"text": "x", "labels": [{"actor": "A", "frame": "mad"}]}]},
         "frame 'mad' is not one of"),
    ],
)
def test_evaluate_gold_errors(doc, message):
    with pytest.raises(GoldError, match=message):
        gold_from_dict(doc, "g.json")


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_evaluate_project_gold_files_are_valid(path):
    gold = load_gold(path)
    req, opt = gold.triples()
    assert req, "a gold article should have required labels"
    assert not (req & opt)
    assert set(gold.dominant) == set(gold.actors)


@pytest.mark.slow
def test_evaluate_agrees_with_independent_scorer(tmp_path):
    """framing evaluate and shared/tools/score_gold.py count the same hits, misses and false
    alarms on every gold and held-out file (not only on the seed, where there are none)."""
    tool = shared_path("tools", "score_gold.py")
    out = tmp_path / "score.json"
    framing_cmd = f"{sys.executable} -m framing.cli.main score"
    files = [*GOLD, *HELDOUT]
    run = subprocess.run([sys.executable, str(tool), "--cmd", framing_cmd, *map(str, files),
                          "--json", str(out)], check=True, capture_output=True, text=True,
                         timeout=1200)
    theirs = json.loads(out.read_text())
    ev = evaluate(files)
    counts = {}
    for line in run.stdout.splitlines():
        m = re.match(r"(\S+)\s+tp=\s*(\d+) fp=\s*(\d+) fn=\s*(\d+) dominant (\d+)/(\d+)", line)
        if m:
            counts[m.group(1)] = tuple(int(x) for x in m.groups()[1:])
    assert counts == {a.id: (a.tp, a.fp, a.fn, a.dominant_ok, a.dominant_n)
                      for a in ev.articles}
    assert sum(a.fp for a in ev.articles) > 0 and sum(a.fn for a in ev.articles) > 0
    ours = ev.to_dict()
    assert [ours["micro"][k] for k in ("precision", "recall", "f1")] == \
        pytest.approx(theirs["micro"])
    for frame, prf in theirs["per_frame"].items():
        assert [ours["per_frame"][frame][k] for k in ("precision", "recall", "f1")] == \
            pytest.approx(prf)
    assert ours["dominant_accuracy"] == pytest.approx(theirs["dominant_acc"])


def test_evaluation_confusion_counts_every_sentence_party_unit():
    # 2 sentences x 2 parties = 4 units per frame; B's conciliatory in sentence 0 is optional,
    # so that unit counts for no side of the conciliatory table.
    gold = _gold([("A", "hard-line")], optional=[("B", "conciliatory")])
    found = [_framing("A", "hard-line"), _framing("B", "hard-line"),
             _framing("A", "skeptical", 7, 13)]
    ev = score_predictions([gold], [found])
    table = {f: (c.tp, c.fp, c.fn, c.tn) for f, c in ev.per_frame.items()}
    assert table == {"hard-line": (1, 1, 0, 2), "skeptical": (0, 1, 0, 3),
                     "conciliatory": (0, 0, 0, 3)}
    assert (ev.micro.tp, ev.micro.fp, ev.micro.fn, ev.micro.tn) == (1, 2, 0, 8)
    assert ev.to_dict()["per_frame"]["skeptical"]["tn"] == 3


def test_evaluation_dominant_confusion_orders_ties_as_the_guideline():
    gold = _gold([("A", "hard-line"), ("A", "skeptical")],
                 dominant={"A": "skeptical|hard-line", "B": "none"})
    ev = score_predictions([gold], [[_framing("A", "skeptical")]])
    assert ev.dominant_confusion() == {("hard-line|skeptical", "skeptical"): 1,
                                       ("none", "none"): 1}


def test_evaluation_gold_calibration_bins_known_probabilities():
    gold = _gold([("A", "hard-line")], optional=[("B", "conciliatory")])
    recs = [dict(_framing("A", "hard-line"), probability=0.8),
            dict(_framing("A", "hard-line"), probability=0.6),   # same unit: the highest counts
            dict(_framing("B", "hard-line"), probability=0.3),
            dict(_framing("B", "conciliatory"), probability=0.9),  # optional: left out
            dict(_framing("Z", "skeptical"), probability=0.7)]     # not a gold party: left out
    cal, unscored = gold_calibration([gold], [recs], n_bins=2)
    assert [(b.n, b.mean_predicted, b.observed_rate) for b in cal["hard-line"].bins] == [
        (1, 0.3, 0.0), (1, 0.8, 1.0)]
    assert cal["hard-line"].brier == pytest.approx((0.2 ** 2 + 0.3 ** 2) / 2)
    assert cal["hard-line"].ece == pytest.approx((0.2 + 0.3) / 2)
    assert cal["conciliatory"].n == 0 and cal["all"].n == 2
    assert unscored["all"] == 0
    cal, unscored = gold_calibration([gold], [[]])
    assert unscored == {"hard-line": 1, "skeptical": 0, "conciliatory": 0, "all": 1}
