"""The project's coding of sentiment toward parties in real news: the shipped file's
consistency (no texts needed), its agreement figures, and reading it from the public texts."""

from __future__ import annotations

import json

import pytest
from conftest import shared_path

from framing.errors import InputError
from framing.measure import coded_sentiment, realnews
from framing.measure.coded_sentiment import (
    FIELDS,
    LABELS,
    SPLITS,
    coded_file,
    coder_agreement,
    load_coded_sentiment,
)
from framing.measure.evaluation import krippendorff_alpha
from framing.measure.realnews import RealNewsError, coding_records, sha1


def _rows():
    return [json.loads(line) for line in coded_file().read_text(encoding="utf-8").splitlines()]


def test_shipped_coding_is_consistent():
    rows = _rows()
    assert len(rows) > 2000
    for r in rows:
        assert list(r) == list(FIELDS)
        assert r["split"] in SPLITS
        assert r["coders"]["A"] in LABELS and r["coders"]["B"] in LABELS
        assert r["sentiment"] in (*LABELS[:3], None)
        assert r["others"], "every unit is a party of a sentence with several parties"
        if r["coders"]["A"] == r["coders"]["B"]:  # adjudication only decided disagreements
            assert (r["sentiment"] or "skip") == r["coders"]["A"]
    # no sentence on two sides of the split, no unit twice
    sides = {}
    for r in rows:
        sides.setdefault(r["sha1"], set()).add(r["split"])
    assert all(len(s) == 1 for s in sides.values())
    units = [(r["sha1"], tuple(map(tuple, r["spans"]))) for r in rows]
    assert len(units) == len(set(units))
    # dev and test are the real-news dev and test articles (no model trains on them); train
    # never holds one of them
    story_split = {r["id"]: r["split"] for r in coding_records("wikinews") if "split" in r}
    for r in rows:
        if r["split"] == "train":
            assert story_split.get(r["id"], "train") == "train"
        else:
            assert r["corpus"] == "wikinews" and story_split[r["id"]] == r["split"]
    assert {r["split"] for r in rows} == set(SPLITS)


def test_agreement_is_computed_from_both_coders(tmp_path):
    rows = [{"corpus": "babe", "id": f"SG1-{i}", "start": 0, "end": 5, "sha1": "0" * 40,
             "spans": [[0, 1]], "others": [[2, 3]], "sentiment": s, "coders": {"A": a, "B": b},
             "split": "train"}
            for i, (a, b, s) in enumerate([("negative", "negative", "negative"),
                                           ("neutral", "negative", "neutral"),
                                           ("neutral", "neutral", "neutral"),
                                           ("skip", "skip", None)])]
    path = tmp_path / "coded.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    agr = coder_agreement(path)
    assert agr["units"] == 4 and agr["agreement"] == 0.75
    negative = [(True, True), (False, True), (False, False), (False, False)]
    assert agr["per_label"]["negative"] == {"alpha": krippendorff_alpha(negative),
                                            "A": 1, "B": 2, "adjudicated": 1}
    assert agr["per_label"]["skip"]["alpha"] == 1.0
    assert agr["per_label"]["neutral"]["adjudicated"] == 2
    assert 0 < agr["alpha"] < 1
    assert agr["splits"] == {"train": 3, "dev": 0, "test": 0}


def test_shipped_agreement():
    agr = coder_agreement()
    assert agr["units"] == len(_rows())
    assert agr["alpha"] > 0.8  # the coders agreed far above chance (0.92 when coded)
    assert sum(v["adjudicated"] for v in agr["per_label"].values()) == agr["units"]


def _fake_shared(tmp_path):
    babe = tmp_path / "data" / "babe"
    babe.mkdir(parents=True)
    (babe / "final_labels_SG1.jsonl").write_text(json.dumps(
        {"id": "SG1-0000", "text": "China praised France. Russia shelled Ukraine."}) + "\n",
        encoding="utf-8")
    (babe / "final_labels_SG2.jsonl").write_text("", encoding="utf-8")
    realnews.read_records.cache_clear()
    return tmp_path


def _unit(sentence_start, sentence, party, other, label, split="train"):
    return {"corpus": "babe", "id": "SG1-0000", "start": sentence_start,
            "end": sentence_start + len(sentence), "sha1": sha1(sentence),
            "spans": [list(party)], "others": [list(other)], "sentiment": label,
            "coders": {"A": label or "skip", "B": label or "skip"}, "split": split}


@pytest.fixture
def coded(tmp_path):
    shared = _fake_shared(tmp_path)
    rows = [_unit(0, "China praised France.", (0, 5), (14, 20), "neutral"),
            _unit(0, "China praised France.", (14, 20), (0, 5), "positive"),
            _unit(22, "Russia shelled Ukraine.", (0, 6), (15, 22), "negative", "test"),
            _unit(22, "Russia shelled Ukraine.", (15, 22), (0, 6), None, "test")]
    path = tmp_path / "coded.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    yield shared, path, rows
    realnews.read_records.cache_clear()


def test_load_coded_sentiment_by_split(coded):
    shared, path, _ = coded
    train = load_coded_sentiment("train", path=path, shared=shared)
    assert train.sentiment == ["neutral", "positive"]
    assert [it.text[slice(*it.spans[0])] for it in train.items] == ["China", "France"]
    assert train.items[0].others == ((14, 20),)
    test = load_coded_sentiment("test", path=path, shared=shared)
    assert test.sentiment == ["negative"]  # the skipped unit is left out
    both = load_coded_sentiment(["train", "test"], path=path, shared=shared)
    assert len(both) == 3 and len(set(both.ids)) == 3


def test_load_coded_sentiment_errors_name_the_line(coded):
    shared, path, rows = coded
    with pytest.raises(InputError, match=r"splits must be some of \['train', 'dev', 'test'\]"):
        load_coded_sentiment("devel", path=path, shared=shared)
    path.write_text(json.dumps({**rows[0], "sentiment": "angry"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"coded.jsonl:1: sentiment must be one of"):
        load_coded_sentiment(path=path, shared=shared)
    path.write_text(json.dumps(rows[0]) + "\n" + json.dumps({**rows[1], "split": "devel"}) + "\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"coded.jsonl:2: split must be one of"):
        load_coded_sentiment(path=path, shared=shared)
    path.write_text(json.dumps({**rows[0], "sha1": "0" * 40}) + "\n", encoding="utf-8")
    with pytest.raises(RealNewsError, match=r"coded.jsonl:1: the text of babe SG1-0000"):
        load_coded_sentiment(path=path, shared=shared)
    with pytest.raises(RealNewsError, match=r"final_labels_SG1.jsonl: not found"):
        load_coded_sentiment(path=path, shared=path.parent / "nowhere")


def test_shipped_coding_matches_the_public_texts():
    shared_path("data", "babe", "final_labels_SG1.jsonl")
    shared_path("data", "wikinews", "articles.jsonl")
    agr = coder_agreement()
    for split in SPLITS:
        data = load_coded_sentiment(split)
        assert len(data) == agr["splits"][split]
        assert set(data.sentiment) == set(LABELS[:3])
        assert all(it.others for it in data.items)
    assert coded_sentiment.coded_file().name == "realnews_sentiment.jsonl"


def test_newsmtsc_convention_file_is_consistent():
    from importlib import resources

    path = resources.files("framing.datasets").joinpath("newsmtsc_convention.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 1500
    keys = [(r["id"], r["from"], r["to"]) for r in rows]
    assert len(keys) == len(set(keys))
    for r in rows:
        assert set(r) == {"id", "from", "to", "coders"} and r["from"] < r["to"]
        assert r["coders"]["A"] in LABELS and r["coders"]["B"] in LABELS
    # every coded sentence has two targets or more (the multi-target sentences of train)
    per_sentence = {}
    for r in rows:
        per_sentence[r["id"]] = per_sentence.get(r["id"], 0) + 1
    assert min(per_sentence.values()) >= 2


def test_newsmtsc_labels_give_tone_where_the_guideline_sees_none():
    """The claim in docs/accuracy.md: the project's coders agree with each other far more
    than with NewsMTSC train, and almost every difference is a NewsMTSC sentiment they saw as
    neutral."""
    shared_path("data", "newsmtsc", "train.jsonl")
    conv = coded_sentiment.newsmtsc_convention()
    assert conv["coders"]["units"] > 1500 and conv["newsmtsc"]["units"] > 1500
    assert conv["coders"]["agreement"] > conv["newsmtsc"]["agreement"] + 0.1
    diffs = conv["newsmtsc"]["differences"]
    to_neutral = sum(k for (theirs, ours), k in diffs.items() if ours == "neutral")
    assert to_neutral > 0.9 * sum(diffs.values())
