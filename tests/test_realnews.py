"""The project's coding of real news: its files, its loader, the CLI specs, and a sweep that
scores every Wikinews article with every method and actor setting without raising."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from conftest import SHARED, shared_path

import framing
from framing.labels import FRAMES
from framing.measure import realnews
from framing.measure.realnews import RealNewsError, coding_records, load_realnews, parse_spec


def test_realnews_parse_spec():
    assert parse_spec("realnews:dev") == (("wikinews", "newsmtsc"), ("dev",))
    assert parse_spec("newsmtsc:all") == (("newsmtsc",), ("train", "dev", "test"))
    assert parse_spec("tests/data/gold/seed-000.json") is None
    assert parse_spec("other:dev") is None
    with pytest.raises(RealNewsError, match="split 'validation'"):
        parse_spec("wikinews:validation")


@pytest.mark.parametrize("corpus", realnews.CORPORA)
def test_realnews_coding_is_consistent(corpus):
    """Every coded unit names valid sentences, parties and frames; each story is in one split."""
    recs = coding_records(corpus)
    split_of = defaultdict(set)
    for r in recs:
        if corpus == "wikinews" and not r["dispute"]:
            assert "labels" not in r
            continue
        assert r["split"] in realnews.SPLITS
        split_of[r["story"]].add(r["split"])
        if corpus == "wikinews":
            n = len(r["sentences"])
            assert all(len(h) == 40 and 0 <= a < b for a, b, h in r["sentences"])
            starts = [a for a, _, _ in r["sentences"]]
            assert starts == sorted(starts)
            for k, party, frame in r["labels"] + r["optional"]:
                assert 0 <= k < n and party in r["actors"] and frame in FRAMES
            assert not {tuple(x) for x in r["labels"]} & {tuple(x) for x in r["optional"]}
            assert all(r["actors"].values()), r["id"]
        else:
            assert set(r["frames"]) <= set(FRAMES) and set(r["optional"]) <= set(FRAMES)
            assert not set(r["frames"]) & set(r["optional"])
            assert r["sentiment"] in ("negative", "neutral", "positive")
    assert all(len(s) == 1 for s in split_of.values())
    assert {s for v in split_of.values() for s in v} == set(realnews.SPLITS)


def test_realnews_opt_in_corpus_is_read_only_by_its_name():
    """The doubt-word round is train only, keeps out of every dev and test story and of the
    first round's items, and ``realnews`` does not include it."""
    assert parse_spec("newsmtsc-doubt:train") == (("newsmtsc-doubt",), ("train",))
    assert "newsmtsc-doubt" not in parse_spec("realnews:all")[0]
    recs = coding_records("newsmtsc-doubt")
    first = coding_records("newsmtsc")
    held = {r["story"] for r in first if r["split"] != "train"}
    assert len(recs) == 197 and {r["split"] for r in recs} == {"train"}
    assert not {r["story"] for r in recs} & held
    assert not {r["gid"] for r in recs} & {r["gid"] for r in first}
    for r in recs:
        assert set(r["frames"]) <= set(FRAMES) and set(r["optional"]) <= set(FRAMES)
        assert not set(r["frames"]) & set(r["optional"]) and len(r["sha1"]) == 40
    assert sum("skeptical" in r["frames"] for r in recs) == 13


def test_realnews_opt_in_corpus_loads_checked_items():
    shared_path("data", "newsmtsc", "train.jsonl")
    ts = framing.realnews_training("train", corpus="newsmtsc-doubt")
    recs = coding_records("newsmtsc-doubt")
    assert len(ts) == sum(not r["optional"] for r in recs)
    assert ts.frames.sum(0).tolist() == [
        sum(f in r["frames"] for r in recs if not r["optional"]) for f in FRAMES]
    golds = load_realnews("newsmtsc-doubt", "train")
    assert sum(len(g.actors) for g in golds) == len(recs)
    assert load_realnews("newsmtsc-doubt", ("dev", "test")) == []


def test_realnews_coder_agreement_is_reported_per_frame():
    for corpus in realnews.CORPORA:
        agr = realnews.coder_agreement(corpus)
        assert set(agr["per_frame"]) == set(FRAMES)
        for v in agr["per_frame"].values():
            assert 0 <= v["f1"] <= 1 and -1 <= v["alpha"] <= 1
            assert v["a_vs_b"]["tp"] > 0


def test_realnews_absent_texts_name_the_file_and_the_fix(tmp_path):
    with pytest.raises(RealNewsError, match=r"articles.jsonl: not found.*FRAMING_SHARED"):
        load_realnews("wikinews", "dev", shared=tmp_path)


def test_realnews_changed_text_is_refused(tmp_path):
    src = shared_path("data", "wikinews", "articles.jsonl")
    rec = next(r for r in coding_records("wikinews") if r["dispute"] and r["split"] == "dev")
    folder = tmp_path / "data" / "wikinews"
    folder.mkdir(parents=True)
    with open(src, encoding="utf-8") as f, open(folder / "articles.jsonl", "w",
                                                encoding="utf-8") as out:
        for line in f:
            r = json.loads(line)
            if r["id"] == rec["id"]:
                r["text"] = r["text"].replace(" ", "  ", 1)
            out.write(json.dumps(r) + "\n")
    realnews.read_records.cache_clear()
    with pytest.raises(RealNewsError, match=rf"wikinews {rec['id']} sentence \d+"):
        load_realnews("wikinews", "dev", shared=tmp_path)


def test_realnews_loads_checked_gold_articles():
    shared_path("data", "wikinews", "articles.jsonl")
    golds = load_realnews(splits=("train", "dev", "test"))
    wiki = [g for g in golds if g.id.startswith("enwikinews:")]
    mtsc = [g for g in golds if g.id.startswith("newsmtsc:")]
    assert len(wiki) == sum(1 for r in coding_records("wikinews") if r["dispute"])
    assert sum(len(g.actors) for g in mtsc) == len(coding_records("newsmtsc"))
    assert all(g.actors_mode == "replace" for g in mtsc)
    assert sum(len(g.triples()[0]) for g in wiki) == sum(
        len(r["labels"]) for r in coding_records("wikinews") if r["dispute"])


def test_realnews_training_items_are_grouped_by_story():
    shared_path("data", "newsmtsc", "train.jsonl")
    ts = framing.realnews_training("dev")
    assert len(ts) > 300 and ts.frames.sum() > 50
    stories = {r["story"] for c in realnews.CORPORA for r in coding_records(c)
               if r.get("split") == "dev"}
    assert set(ts.groups) <= stories
    assert any(s is not None for s in ts.sentiment)


def test_realnews_cli_evaluate_spec(capsys):
    shared_path("data", "wikinews", "articles.jsonl")
    from framing.cli.main import main

    assert main(["evaluate", "wikinews:dev", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    n = sum(1 for r in coding_records("wikinews") if r.get("split") == "dev")
    assert len(doc["articles"]) == n


def _wikinews_records():
    path = SHARED / "data" / "wikinews" / "articles.jsonl"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.mark.slow
@pytest.mark.parametrize("method", ["lexicon", "classifier", "ensemble"])
def test_realnews_sweep_never_raises_on_news(method):
    """Every Wikinews article, with no actors and (coded articles) with the coded actors,
    extending and replacing the default dictionary: nothing raises, not even a FramingError."""
    records = _wikinews_records()
    if not records:
        pytest.skip("../shared/data/wikinews is absent")
    coded = {r["id"]: r["actors"] for r in coding_records("wikinews") if r["dispute"]}
    failures = []
    for r in records:
        text = realnews.wikinews_text(r)
        runs = [(None, "extend")]
        if r["id"] in coded:
            runs += [(coded[r["id"]], "extend"), (coded[r["id"]], "replace")]
        for actors, mode in runs:
            try:
                framing.score_article(text, actors=actors, actors_mode=mode, method=method)
            except Exception as e:  # a FramingError too: news is not bad input
                failures.append(f"{r['id']} ({mode}): {type(e).__name__}: {e}")
    assert failures == []
