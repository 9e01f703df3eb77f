"""Cross-validation and side-by-side method comparison (framing.measure.validation, the CLI)."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from conftest import SEED_GOLD

from framing.cli.main import main
from framing.errors import InputError
from framing.learn.features import PartyItem
from framing.learn.models import TrainingSet, load_coded_csv
from framing.measure.validation import compare_methods, cross_validate, plan_folds

#: Small, fast features: the tests check the bookkeeping, not the model's accuracy.
SMALL = {"min_df": 1, "char_ngrams": None, "context": False}

#: (text, actor, frame, sentiment); each sentence appears in the three groups with another
#: party name, so every group has every frame and every sentiment.
SENTENCES = [
    ("{a} rejected the offer from the board.", "hard-line", "negative"),
    ("{a} refused to negotiate with the board.", "hard-line", "negative"),
    ("{a} welcomed the proposal for talks.", "conciliatory", "positive"),
    ("{a} offered a compromise on pay.", "conciliatory", "positive"),
    ("{a} doubted that the board was sincere.", "skeptical", "neutral"),
    ("{a} questioned the board's intentions.", "skeptical", "neutral"),
    ("{a} met on Tuesday in the capital.", "none", "neutral"),
    ("{a} published its annual report.", "none", "neutral"),
]
GROUPS = {"rail": "Acme", "ports": "Dockers", "schools": "Teachers"}


def write_csv(path, rows, header=("text", "actor", "frame", "sentiment", "group")):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture(scope="module")
def coded_csv(tmp_path_factory):
    rows = [(t.format(a=party), party, frame, sent, group)
            for group, party in GROUPS.items() for t, frame, sent in SENTENCES]
    return write_csv(tmp_path_factory.mktemp("coding") / "coding.csv", rows)


@pytest.fixture(scope="module")
def cv(coded_csv):
    """Leave one group out on the coded CSV (3 folds, frames and sentiment): ~2 s."""
    return cross_validate(coded_csv, featurizer=SMALL)


def test_validation_leave_one_group_out_on_a_coded_csv(cv):
    assert cv.scheme == "leave-one-group-out" and cv.group_by == "group"
    assert [(f.name, f.n_train, f.n_test) for f in cv.folds] == [
        ("ports", 16, 8), ("rail", 16, 8), ("schools", 16, 8)]
    lex = cv.methods["lexicon"]
    # The lexicon sees every cue in these sentences: each frame found on all three groups.
    assert {f: (c.tp, c.fp, c.fn, c.tn) for f, c in lex.per_frame.items()} == {
        "hard-line": (6, 0, 0, 18), "skeptical": (6, 0, 0, 18), "conciliatory": (6, 0, 0, 18)}
    assert lex.alpha == pytest.approx(1.0)
    for scores in cv.methods.values():
        for c in scores.per_frame.values():
            assert c.n == 24            # every item tested exactly once per frame
    assert set(cv.methods["lexicon"].per_group) == set(GROUPS)
    cal = cv.methods["classifier"].calibration
    assert cal["all"].n == 72 and sum(b.n for b in cal["all"].bins) == 72
    assert cv.methods["lexicon"].calibration is None
    assert cv.sentiment is not None and cv.sentiment.n == 24
    preds = cv.to_frame("predictions")
    assert len(preds) == 24 and {"p_hard-line", "ensemble_skeptical", "fold"} <= set(preds)
    scores = cv.to_frame()
    assert len(scores) == 3 * 4


def test_validation_is_deterministic(coded_csv):
    a = cross_validate(coded_csv, folds=2, featurizer=SMALL, sentiment=False)
    b = cross_validate(coded_csv, folds=2, featurizer=SMALL, sentiment=False)
    assert a.scheme == "k-fold"
    assert np.array_equal(a.fold_of, b.fold_of) and np.array_equal(a.proba, b.proba)
    # the parties of one sentence are never split across folds
    by_text = {}
    for it, k in zip(a.data.items, a.fold_of, strict=True):
        assert by_text.setdefault(it.text, k) == k


def test_validation_single_group_falls_back_to_k_fold(tmp_path):
    rows = [(t.format(a=p), p, frame, "x") for t, frame, _ in SENTENCES for p in GROUPS.values()]
    path = write_csv(tmp_path / "c.csv", rows, header=("text", "actor", "frame", "outlet"))
    data = load_coded_csv(path)            # no group column: one group, the file name
    scheme, group_by, names, fold_of = plan_folds(data)
    assert (scheme, group_by, len(names)) == ("k-fold", "fold", 5)
    assert sorted(np.bincount(fold_of).tolist()) == [4, 5, 5, 5, 5]
    with pytest.raises(InputError, match="only one group \\('x'\\) in 'outlet'"):
        cross_validate(path, group="outlet", featurizer=SMALL)
    with pytest.raises(InputError, match=r"c\.csv:1: no group column 'desk'"):
        cross_validate(path, group="desk")


@pytest.mark.parametrize(
    "header, row, message",
    [
        (("text", "frame"), ("Acme rejected it.", "hard-line"),
         r"c\.csv:1: header must contain text, actor, frame .*missing \['actor'\]"),
        (("text", "actor", "frame"), ("Acme rejected it.", "Acme", "hardline"),
         r"c\.csv:2: frame 'hardline' is not one of"),
        (("text", "actor", "frame", "sentiment"), ("Acme rejected it.", "Acme", "none", "bad"),
         r"c\.csv:2: sentiment 'bad' is not one of"),
        (("text", "actor", "frame"), ("Acme rejected it.", "Zed", "none"),
         r"c\.csv:2: party 'Zed' is not mentioned"),
    ],
)
def test_validation_bad_csv_names_file_and_line(tmp_path, header, row, message):
    path = write_csv(tmp_path / "c.csv", [row], header=header)
    with pytest.raises(InputError, match=message):
        load_coded_csv(path)


def test_validation_frame_only_in_one_group_is_a_clear_error(coded_csv, tmp_path):
    with open(coded_csv, encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    rows = [r if r[4] == "rail" or r[2] != "skeptical" else [*r[:2], "none", *r[3:]]
            for r in rows]
    path = write_csv(tmp_path / "one.csv", rows)
    with pytest.raises(InputError, match="frame 'skeptical' is coded only in group 'rail'"):
        cross_validate(path, featurizer=SMALL, sentiment=False)


def test_validation_single_sentiment_class_outside_a_group(tmp_path):
    items = [PartyItem(t.format(a="Acme"), ((0, 4),), ()) for t, _, _ in SENTENCES] * 2
    frames = np.array([[f == x for x in ("hard-line", "skeptical", "conciliatory")]
                       for _, f, _ in SENTENCES] * 2, dtype=int)
    sentiment = ["neutral"] * 8 + ["positive"] * 8
    data = TrainingSet(items, frames, sentiment, ["a"] * 8 + ["b"] * 8,
                       [str(i) for i in range(16)])
    with pytest.raises(InputError, match="outside group 'a' have a single sentiment class"):
        cross_validate(data, featurizer=SMALL)


def test_validation_compare_methods_side_by_side():
    cmp = compare_methods([SEED_GOLD], methods=["lexicon", "ensemble"])
    assert list(cmp.evaluations) == ["lexicon", "ensemble"]
    frame = cmp.to_frame()
    assert set(frame["method"]) == {"lexicon", "ensemble"} and "tn" in frame
    assert "lexicon" in cmp.to_table() and "ensemble" in cmp.to_table()


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_cross_validate_json_schema(coded_csv, cv, capsys, monkeypatch, tmp_path):
    import framing.measure.validation as validation

    seen = {}

    def fake(data, **kwargs):  # the real run is the module fixture: check what the CLI passes
        seen.update(kwargs, data=data)
        return cv

    monkeypatch.setattr(validation, "cross_validate", fake)
    out_csv = tmp_path / "pred.csv"
    code, out, err = run(capsys, "cross-validate", str(coded_csv), "--format", "json",
                         "--predictions", str(out_csv), "--threshold", "0.4", "--seed", "3")
    assert code == 0, err
    # The CLI loads the data (files and realnews:SPLIT specs) into one TrainingSet.
    assert seen["data"].sources == ["coding.csv"] and seen["threshold"] == 0.4
    assert seen["random_state"] == 3 and seen["sentiment"]
    doc = json.loads(out)
    assert {"scheme", "group_by", "folds", "methods", "sentiment", "meta", "n_items"} <= set(doc)
    assert set(doc["methods"]) == {"lexicon", "classifier", "ensemble"}
    for m in doc["methods"].values():
        assert set(m["per_frame"]) == {"hard-line", "skeptical", "conciliatory"}
        assert {"tp", "fp", "fn", "tn", "precision", "recall", "f1"} <= set(m["micro"])
        assert set(m["per_group"]) == set(GROUPS)
        assert isinstance(m["krippendorff_alpha"], float)
    cal = doc["methods"]["classifier"]["calibration"]
    assert {"brier", "ece", "bins", "n"} <= set(cal["all"])
    assert doc["sentiment"]["labels"] == ["negative", "neutral", "positive"]
    assert len(doc["sentiment"]["matrix"]) == 3
    assert doc["meta"]["data_sha256"] and doc["meta"]["random_state"] == 0
    assert out_csv.read_text(encoding="utf-8").count("\n") == 25
    code, out, _ = run(capsys, "cross-validate", str(coded_csv))
    assert code == 0 and "leave one group out" in out and "macro-F1" in out


def test_cli_cross_validate_bad_input_is_one_line(tmp_path, capsys):
    path = write_csv(tmp_path / "c.csv", [("Acme rejected it.", "hard-line")],
                     header=("text", "frame"))
    code, out, err = run(capsys, "cross-validate", str(path))
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.count("\n") == 1 and "c.csv:1:" in err and "'actor'" in err


def test_cli_evaluate_several_methods(capsys):
    code, out, _ = run(capsys, "evaluate", str(SEED_GOLD), "--method", "lexicon,classifier",
                       "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["methods"] == ["lexicon", "classifier"]
    clf = doc["evaluations"]["classifier"]
    assert clf["calibration"]["all"]["n"] > 0 and doc["evaluations"]["lexicon"]["calibration"] \
        is None
    assert {"tn", "n"} <= set(clf["per_frame"]["hard-line"])
    code, out, _ = run(capsys, "evaluate", str(SEED_GOLD), "--method", "lexicon,classifier")
    assert code == 0 and "classifier" in out and "confusion per frame" in out


def test_cli_evaluate_unknown_method_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as e:
        main(["evaluate", str(SEED_GOLD), "--method", "lexicon,magic"])
    assert e.value.code == 2
    assert "invalid method 'magic'" in capsys.readouterr().err
