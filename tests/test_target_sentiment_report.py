"""Scores of sentiment toward each target, and the NewsMTSC report script, on synthetic data
in NewsMTSC's format (no ../shared needed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from framing.errors import InputError
from framing.learn.features import PartyItem
from framing.learn.models import FramingModel, TrainingSet, load_newsmtsc
from framing.measure.coded_sentiment import load_coded_sentiment
from framing.measure.validation import score_target_sentiment, sentence_vader_labels

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import target_sentiment_report
from conftest import shared_path

NAMES = ["Moscow", "Kyiv", "Paris", "Berlin", "Rome", "Madrid", "Tokyo", "Seoul"]
VERBS = {"praised": "positive", "applauded": "positive", "attacked": "negative",
         "condemned": "negative"}


def sentences(names):
    """'A <verb> B on Monday.': A neutral, B as the verb says; one NewsMTSC record each."""
    for i, a in enumerate(names):
        b = names[(i + 3) % len(names)]
        for verb, polarity in VERBS.items():
            text = f"{a} {verb} {b} on Monday."
            start = len(a) + len(verb) + 2
            yield {"id": f"{a}-{verb}", "sentence": text, "targets": [
                {"mention": a, "from": 0, "to": len(a), "label": "neutral"},
                {"mention": b, "from": start, "to": start + len(b), "label": polarity}]}


def write(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_score_target_sentiment_counts_and_checks():
    s, t = "Moscow praised Kyiv.", "Rome met Paris."
    data = TrainingSet([PartyItem(s, ((0, 6),)), PartyItem(s, ((15, 19),)),
                        PartyItem(t, ((0, 4),)), PartyItem(t, ((9, 14),))],
                       np.zeros((4, 3), int), ["neutral", "positive", "neutral", "neutral"],
                       ["g"] * 4, list("abcd"))
    right = score_target_sentiment(data, ["neutral", "positive", "neutral", "neutral"])
    assert right.confusion.accuracy == 1.0  # F1 macro 2/3: no target is negative
    assert (right.contrast.contrasted, right.contrast.apart, right.contrast.all_right) == (1, 1, 1)
    sentence_tone = score_target_sentiment(data, ["positive", "positive", "neutral", "neutral"])
    assert sentence_tone.contrast.apart == 0 and sentence_tone.macro_f1 < 1
    assert "told the targets apart in 1" in sentence_tone.to_table()
    assert sentence_tone.to_dict()["contrast"]["apart_rate"] == 0.0
    with pytest.raises(InputError, match="3 predicted labels for 4 items"):
        score_target_sentiment(data, ["neutral"] * 3)
    data.sentiment[2] = None
    with pytest.raises(InputError, match=r"carry no sentiment label, e\.g\. c"):
        score_target_sentiment(data, ["neutral"] * 4)


def test_sentence_vader_labels_are_the_same_for_every_party():
    s = "Moscow brutally attacked Kyiv."
    labels = sentence_vader_labels([(s, (0, 6)), (s, (25, 29)), ("Rome met Paris.", (0, 4))])
    assert labels == ["negative", "negative", "neutral"]


def test_report_script_scores_a_model_and_vader(tmp_path, capsys):
    from framing.learn.models import train_model

    train = write(tmp_path / "train.jsonl", sentences(NAMES))
    held_out = ["Lisbon", "Oslo", "Vienna", "Dublin", "Prague", "Warsaw", "Athens", "Bern"]
    for split in ("dev_mt", "dev_rw"):
        write(tmp_path / f"{split}.jsonl", sentences(held_out))
    model: FramingModel = train_model(None, load_newsmtsc(train),
                                      sentiment_featurizer={"min_df": 1}, n_jobs=None)
    path = tmp_path / "m.skops"
    model.save(path)
    out_json = tmp_path / "scores.json"
    assert target_sentiment_report.main([f"tiny={path}", "--data", str(tmp_path), "--detail",
                                         "--json", str(out_json),
                                         "--shared", str(tmp_path / "none")]) == 0
    captured = capsys.readouterr()
    printed = captured.out
    assert "no 'parties' columns" in captured.err and "parties" not in printed
    assert "VADER sentence score" in printed and "tiny" in printed
    scores = json.loads(out_json.read_text(encoding="utf-8"))
    # every dev sentence has two targets labelled differently; VADER gives both one label
    vader = scores["VADER sentence score"]["dev_mt"]["contrast"]
    assert vader["contrasted"] == 32 and vader["apart"] == 0
    tiny = scores["tiny"]["dev_mt"]
    assert tiny["contrast"]["apart_rate"] > 0.9 and tiny["macro_f1"] > 0.9
    assert tiny["macro_f1"] > scores["VADER sentence score"]["dev_mt"]["macro_f1"]


def test_report_script_skips_without_data(tmp_path, capsys):
    assert target_sentiment_report.main(["--data", str(tmp_path / "none")]) == 0
    assert capsys.readouterr().out.startswith("skipped")


def test_report_scores_the_coded_parties_when_their_texts_are_there():
    shared_path("data", "wikinews", "articles.jsonl")
    shared_path("data", "babe", "final_labels_SG1.jsonl")
    base = shared_path("data", "newsmtsc")
    scores = target_sentiment_report.report({"shipped": None}, base)
    for split in target_sentiment_report.PARTY_SPLITS:
        parties = scores["shipped"][f"parties_{split}"]
        assert parties.confusion.n == len(load_coded_sentiment(split))
        # the labels differ between the parties of a sentence; VADER cannot follow them
        assert parties.macro_f1 > scores["VADER sentence score"][f"parties_{split}"].macro_f1


def test_report_leaves_the_parties_test_split_out_for_a_candidate(capsys):
    """--no-test scores a candidate on the parties' dev split only: the test split is never
    loaded, so its figure cannot be printed by mistake."""
    shared_path("data", "wikinews", "articles.jsonl")
    shared_path("data", "babe", "final_labels_SG1.jsonl")
    base = shared_path("data", "newsmtsc")
    assert target_sentiment_report.main(["--data", str(base), "--no-test"]) == 0
    out = capsys.readouterr().out
    assert "parties dev" in out and "test" not in out
    scores = target_sentiment_report.report({"shipped": None}, base, party_splits=("dev",))
    assert "parties_dev" in scores["shipped"] and "parties_test" not in scores["shipped"]
