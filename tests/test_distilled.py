"""Soft sentiment labels (distillation): weighted fitting, the SoftLabels set, the file of soft
labels read from the public texts, and training the default sentiment model with them."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import shared_path

from framing.errors import InputError
from framing.learn.estimators import FrameClassifier
from framing.learn.features import PartyItem
from framing.learn.models import SENTIMENTS, SoftLabels, TrainingSet, train_model
from framing.measure import distilled, realnews
from framing.measure.distilled import (
    FIELDS,
    distillation_items,
    load_soft_labels,
    soft_label_rows,
    write_soft_labels,
)
from framing.measure.realnews import RealNewsError, coding_records

ROWS = 20


def _xy(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(60, 4))
    y = np.where(X[:, 0] + 0.3 * rng.normal(size=60) > 0, "a", "b")
    return X, y


def test_frame_classifier_zero_weight_is_leaving_the_row_out():
    X, y = _xy()
    w = np.ones(len(y))
    w[:15] = 0.0
    weighted = FrameClassifier(calibration=None, class_weight=None, tol=1e-8).fit(
        X, y, sample_weight=w)
    dropped = FrameClassifier(calibration=None, class_weight=None, tol=1e-8).fit(X[15:], y[15:])
    np.testing.assert_allclose(weighted.predict_proba(X), dropped.predict_proba(X), atol=1e-4)
    plain = FrameClassifier(calibration=None, class_weight=None, tol=1e-8).fit(X, y)
    assert np.abs(plain.predict_proba(X) - weighted.predict_proba(X)).max() > 1e-3


def test_frame_classifier_weights_reach_the_calibrated_model():
    X, y = _xy(1)
    w = np.where(y == "a", 5.0, 1.0)
    plain = FrameClassifier(cv=3).fit(X, y)
    weighted = FrameClassifier(cv=3).fit(X, y, sample_weight=w)
    assert weighted.predict_proba(X)[:, 0].mean() > plain.predict_proba(X)[:, 0].mean()


def test_frame_classifier_does_not_depend_on_the_order_of_its_sources():
    """Coded rows then soft-labelled ones, as training data is concatenated: calibration folds
    cut in order would each calibrate on one source (0.16 apart in probability before the
    folds were shuffled)."""
    rng = np.random.default_rng(0)
    X_coded = rng.normal(size=(300, 3))
    y_coded = np.where(X_coded[:, 0] > 0, "a", "b")
    X_soft = rng.normal(size=(300, 3))
    y_soft = np.where(X_soft[:, 0] + 3 * rng.normal(size=300) > 0, "a", "b")
    X, y = np.vstack([X_coded, X_soft]), np.concatenate([y_coded, y_soft])
    mixed = rng.permutation(len(y))
    probe = np.array([[1.0, 0, 0], [-1.0, 0, 0], [2.0, 0, 0]])
    in_blocks = FrameClassifier().fit(X, y).predict_proba(probe)
    interleaved = FrameClassifier().fit(X[mixed], y[mixed]).predict_proba(probe)
    np.testing.assert_allclose(in_blocks, interleaved, atol=0.03)


@pytest.mark.parametrize("weights, message", [
    (np.ones(3), "one number per row"),
    (-np.ones(60), "non-negative"),
    (np.full(60, np.nan), "finite"),
])
def test_frame_classifier_refuses_bad_weights(weights, message):
    X, y = _xy()
    with pytest.raises(ValueError, match=message):
        FrameClassifier(calibration=None).fit(X, y, sample_weight=weights)


def _item(text="Moscow praised Kyiv.", spans=((15, 19),), others=((0, 6),)):
    return PartyItem(text, spans, others)


def test_soft_labels_expand_to_one_weighted_row_per_class():
    soft = SoftLabels([_item(), _item(spans=((0, 6),), others=((15, 19),))],
                      np.array([[0.1, 0.3, 0.6], [0.0, 1.0, 0.0]]), ["x:1", "x:2"])
    items, labels, weights = soft.expand()
    assert labels == list(SENTIMENTS) * 2
    assert weights.tolist() == [0.1, 0.3, 0.6, 0.0, 1.0, 0.0]
    assert items[:3] == [soft.items[0]] * 3 and items[3:] == [soft.items[1]] * 3
    assert soft.digest() != SoftLabels(soft.items, soft.proba[::-1], soft.ids).digest()
    heavy = SoftLabels(soft.items, soft.proba, soft.ids, weight=2.0)
    assert heavy.expand()[2].tolist() == [0.2, 0.6, 1.2, 0.0, 2.0, 0.0]
    with pytest.raises(InputError, match="positive number; got 0"):
        SoftLabels(soft.items, soft.proba, soft.ids, weight=0)


@pytest.mark.parametrize("proba, message", [
    ([[0.5, 0.5, 0.5]], r"x:1: the probabilities \[0.5, 0.5, 0.5\]"),
    ([[-0.2, 0.6, 0.6]], "x:1"),
    ([[0.5, 0.5]], r"expected \(1, 3\)"),
])
def test_soft_labels_refuse_what_is_not_a_distribution(proba, message):
    with pytest.raises(InputError, match=message):
        SoftLabels([_item()], np.array(proba), ["x:1"])


def _sentiment_set(n=ROWS):
    texts = [("Moscow praised Kyiv warmly.", "positive"), ("Moscow attacked Kyiv.", "negative"),
             ("Moscow met Kyiv.", "neutral")]
    items, labels = [], []
    for k in range(n):
        text, label = texts[k % 3]
        items.append(PartyItem(f"{text} ({k})", ((text.index("Kyiv"), text.index("Kyiv") + 4),),
                               ((0, 6),)))
        labels.append(label)
    return TrainingSet(items, np.zeros((n, 3), dtype=int), labels, ["g"] * n,
                       [f"s:{k}" for k in range(n)])


def test_train_model_learns_soft_labels_beside_coded_ones():
    data = _sentiment_set(30)
    probe = [PartyItem("Moscow hailed Kyiv.", ((14, 18),), ((0, 6),))]
    soft = SoftLabels([PartyItem(f"Moscow hailed Kyiv today ({k}).", ((14, 18),), ((0, 6),))
                       for k in range(12)], np.tile([0.05, 0.05, 0.9], (12, 1)),
                      [f"soft:{k}" for k in range(12)], source="test")
    opts = {"sentiment_featurizer": {"min_df": 1}, "n_jobs": None}
    plain = train_model(None, data, **opts)
    taught = train_model(None, data, sentiment_soft=soft, **opts)
    assert taught.meta["sentiment_soft"] == {"n": 12, "source": "test", "weight": 1.0,
                                             "sha256": soft.digest()}
    assert "sentiment_soft" not in plain.meta
    p_plain, p_taught = plain.sentiment_proba(probe)[0], taught.sentiment_proba(probe)[0]
    assert p_taught[2] > p_plain[2] + 0.05  # "hailed" learnt from the teacher alone


def test_train_model_soft_labels_need_coded_ones_and_the_default_model():
    soft = SoftLabels([_item()], np.array([[0.2, 0.2, 0.6]]), ["x:1"])
    with pytest.raises(InputError, match="beside coded ones"):
        train_model(None, None, sentiment_soft=soft)
    with pytest.raises(InputError, match="default sentiment model only"):
        train_model(None, _sentiment_set(), sentiment_soft=soft, sentiment_tuned=True)


# -- the file: ids, offsets and SHA-1s, texts from ../shared ------------------------------------


#: Invented NewsMTSC train sentences: coded targets (persons) beside parties the actor
#: dictionary finds; the second one is filed under the id of a real-news dev sentence.
_MTSC = (("Putin met Obama and praised Germany for its restraint.",
          [(0, 5, []), (10, 15, [])]),
         ("Obama said Russia had broken the deal, and he was right.",
          [(0, 5, [(43, 45)])]))


def _newsmtsc_held_id():
    return next(r["id"] for r in coding_records("newsmtsc") if r.get("split") == "dev")


def _fake_shared(tmp_path, held_id):
    """A ../shared with two invented Wikinews articles (one under a dev-split id), BABE and
    NewsMTSC train (one sentence under a dev-split id)."""
    wiki = tmp_path / "data" / "wikinews"
    babe = tmp_path / "data" / "babe"
    mtsc = tmp_path / "data" / "newsmtsc"
    for folder in (wiki, babe, mtsc):
        folder.mkdir(parents=True)
    with open(mtsc / "train.jsonl", "w", encoding="utf-8") as f:
        for rid, (sentence, targets) in zip(("mtsc_invented_1", _newsmtsc_held_id()), _MTSC,
                                            strict=True):
            f.write(json.dumps({"id": rid, "sentence": sentence, "targets": [
                {"from": a, "to": b, "mention": sentence[a:b], "label": "neutral",
                 "further_mentions": [{"from": c, "to": d} for c, d in more]}
                for a, b, more in targets]}) + "\n")
    body = "Russia accused Ukraine of shelling the plant. Ukraine denied it."
    with open(wiki / "articles.jsonl", "w", encoding="utf-8") as f:
        for rid in ("enwikinews:Invented_story", held_id):
            f.write(json.dumps({"id": rid, "title": "Plant shelled", "text": body}) + "\n")
    for name, rid, text in (("final_labels_SG1.jsonl", "SG1-0000",
                             "China praised France for its restraint."),
                            ("final_labels_SG2.jsonl", "SG2-0000", "The weather was mild.")):
        (babe / name).write_text(json.dumps({"id": rid, "text": text}) + "\n", encoding="utf-8")
    realnews.read_records.cache_clear()
    return tmp_path


def _uniform(items):
    return np.tile([0.2, 0.5, 0.3], (len(items), 1))


@pytest.fixture
def fake_shared(tmp_path):
    held = next(r["id"] for r in coding_records("wikinews") if r.get("split") == "dev")
    yield _fake_shared(tmp_path, held), held
    realnews.read_records.cache_clear()


def test_soft_label_file_round_trip(fake_shared, tmp_path):
    shared, held = fake_shared
    rows = soft_label_rows(_uniform, shared=shared, batch=2, corpora=distilled.CORPORA)
    assert {r["corpus"] for r in rows} == {"wikinews", "babe", "newsmtsc"}
    # a dev-split article or sentence is never distilled
    assert not {held, _newsmtsc_held_id()} & {r["id"] for r in rows}
    assert all(list(r) == list(FIELDS) for r in rows)
    path = tmp_path / "soft.jsonl"
    assert write_soft_labels(rows, path) == len(rows)
    soft = load_soft_labels(path, shared=shared)
    expected = [item for _, item in distillation_items(shared=shared, corpora=distilled.CORPORA)]
    assert soft.items == expected
    np.testing.assert_allclose(soft.proba, _uniform(expected))
    assert soft.ids[0].startswith("wikinews:enwikinews:Invented_story:")


def test_newsmtsc_parties_beside_their_coded_targets(fake_shared):
    """In NewsMTSC train, a party that is a coded target is left to its coded label; the
    others are distilled, with the coded targets among their other parties."""
    shared, _ = fake_shared
    assert {r["corpus"] for r, _ in distillation_items(shared=shared)} == {"wikinews", "babe"}
    got = list(distillation_items(shared=shared, corpora=["newsmtsc"]))
    assert [row["id"] for row, _ in got] == ["mtsc_invented_1"]
    (row, item), = got
    assert item.text == _MTSC[0][0]
    assert item.text[slice(*item.spans[0])] == "Germany"
    assert set(item.others) == {(0, 5), (10, 15)}  # Putin and Obama, the coded targets
    assert row["others"] == [[0, 5], [10, 15]]


def test_distillation_items_of_chosen_corpora(fake_shared):
    shared, _ = fake_shared
    rows = [row for row, _ in distillation_items(shared=shared, corpora=("newsmtsc", "babe"))]
    assert list(dict.fromkeys(r["corpus"] for r in rows)) == ["babe", "newsmtsc"]  # in order
    rows = soft_label_rows(_uniform, shared=shared, corpora=["wikinews"])
    assert {r["corpus"] for r in rows} == {"wikinews"}
    for bad in (["reuters"], []):
        with pytest.raises(InputError, match="corpora must be some of"):
            next(distillation_items(shared=shared, corpora=bad))


def test_beside_coded_uses_further_mentions_and_sentence_offsets():
    from framing.learn.features import PartyItem

    record = {"targets": [{"from": 0, "to": 5, "further_mentions": [{"from": 20, "to": 22}]}]}
    coded = distilled._coded_spans(record)
    assert coded == [(0, 5), (20, 22)]
    item = PartyItem("He said Russia was wrong.", ((8, 14),), ())
    # the sentence starts at 20 in its record: "He" (20-22) is a coded target's further
    # mention; the target itself (0-5) lies in an earlier sentence
    out = distilled._beside_coded(item, 20, coded)
    assert out.spans == ((8, 14),) and out.others == ((0, 2),)
    assert distilled._beside_coded(item, 20, [(30, 34)]) is None  # "Russia" is coded


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_soft_label_file_errors_name_the_line(fake_shared, tmp_path):
    shared, _ = fake_shared
    rows = soft_label_rows(_uniform, shared=shared)
    path = tmp_path / "soft.jsonl"
    bad = [dict(rows[0]), {**rows[1], "sha1": "0" * 40}]
    _write(path, bad)
    with pytest.raises(RealNewsError, match=r"soft.jsonl:2: the text of .*SHA-1 differs"):
        load_soft_labels(path, shared=shared)
    _write(path, [{k: v for k, v in rows[0].items() if k != "proba"}])
    with pytest.raises(InputError, match=r"soft.jsonl:1: missing field\(s\) \['proba'\]"):
        load_soft_labels(path, shared=shared)
    _write(path, [{**rows[0], "id": "enwikinews:No_such_story"}])
    with pytest.raises(InputError, match=r"soft.jsonl:1: wikinews has no record"):
        load_soft_labels(path, shared=shared)
    _write(path, [{**rows[0], "proba": [0.5, 0.5]}])
    with pytest.raises(InputError, match=r"soft.jsonl:1: proba must hold three numbers"):
        load_soft_labels(path, shared=shared)
    _write(path, [{**rows[0], "spans": [[0, 10_000]]}])
    with pytest.raises(InputError, match=r"soft.jsonl:1: a span lies outside the sentence"):
        load_soft_labels(path, shared=shared)
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"soft.jsonl:1: invalid JSON"):
        load_soft_labels(path, shared=shared)


def test_soft_label_file_without_the_texts_names_the_fix(tmp_path):
    path = tmp_path / "soft.jsonl"
    _write(path, [{"corpus": "babe", "id": "SG1-0000", "start": 0, "end": 5, "sha1": "0" * 40,
                   "spans": [[0, 5]], "others": [], "proba": [0.2, 0.5, 0.3]}])
    with pytest.raises(RealNewsError, match=r"final_labels_SG1.jsonl: not found.*FRAMING_SHARED"):
        load_soft_labels(path, shared=tmp_path)


def test_shipped_soft_labels_match_the_public_texts():
    """Every line of the project's soft-label file cuts its sentence from ../shared unchanged."""
    shared_path("data", "babe", "final_labels_SG1.jsonl")
    shared_path("data", "wikinews", "articles.jsonl")
    shared_path("data", "newsmtsc", "train.jsonl")
    path = distilled.DEFAULT_FILE
    soft = load_soft_labels(path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(soft) == len(lines) > 1000
    held = {r["id"] for c in ("wikinews", "newsmtsc") for r in coding_records(c)
            if r.get("split") in ("dev", "test")}
    assert not held & {r["id"] for r in lines}
    assert {r["corpus"] for r in lines} == set(distilled.DEFAULT_CORPORA)


def test_cli_train_learns_the_soft_label_file(fake_shared, tmp_path):
    from framing.cli.main import main
    from framing.learn.models import load_model

    shared, _ = fake_shared
    soft = tmp_path / "soft.jsonl"
    n = write_soft_labels(soft_label_rows(_uniform, shared=shared), soft)
    out = tmp_path / "m.skops"
    assert main(["train", "training/trade_tariffs.jsonl", "--sentiment-distilled", str(soft),
                 "--distilled-weight", "2", "--shared", str(shared), "-o", str(out)]) == 0
    meta = load_model(out).meta["sentiment_soft"]
    assert (meta["n"], meta["source"], meta["weight"]) == (n, "soft.jsonl", 2.0)


def _newsmtsc_file(path, n=18):
    texts = [("Moscow praised Kyiv warmly.", "positive"), ("Moscow attacked Kyiv.", "negative"),
             ("Moscow met Kyiv.", "neutral")]
    with open(path, "w", encoding="utf-8") as f:
        for k in range(n):
            text, label = texts[k % 3]
            text = f"{text} ({k})"
            a = text.index("Kyiv")
            f.write(json.dumps({"id": f"x{k}", "sentence": text, "targets": [
                {"gid": f"x{k}", "mention": "Kyiv", "from": a, "to": a + 4,
                 "label": label}]}) + "\n")
    return path


def test_cli_train_frames_from_keeps_the_frame_model(tmp_path):
    from framing.cli.main import main
    from framing.learn.models import load_model

    base = tmp_path / "base.skops"
    assert main(["train", "training/trade_tariffs.jsonl", "--threshold", "0.3",
                 "-o", str(base)]) == 0
    out = tmp_path / "new.skops"
    assert main(["train", "--frames-from", str(base), "--sentiment-data",
                 str(_newsmtsc_file(tmp_path / "s.jsonl")), "-o", str(out)]) == 0
    old, new = load_model(base), load_model(out)
    probe = [_item(), PartyItem("Washington imposed tariffs on Beijing.", ((0, 10),),
                                ((29, 36),))]
    np.testing.assert_array_equal(old.frame_proba(probe), new.frame_proba(probe))
    assert np.abs(old.sentiment_proba(probe) - new.sentiment_proba(probe)).max() > 1e-3
    assert new.meta["threshold"] == 0.3 and new.meta["frames_data"] == old.meta["frames_data"]
    assert new.meta["frames_from"]["file"] == "base.skops"
    assert new.meta["sentiment_data"]["n"] == 18
    assert main(["train", "--frames-from", str(base), "-o", str(out)]) == 2
    assert main(["train", "-o", str(out)]) == 2


def test_cli_train_sentiment_from_keeps_the_sentiment_model(tmp_path, capsys):
    """--sentiment-from trains the frames only, beside another file's sentiment model; with
    --frames-from too it trains nothing and puts the two parts in one file."""
    from framing.cli.main import main
    from framing.learn.models import load_model

    base = tmp_path / "base.skops"
    assert main(["train", "--frames-from", "lexicons/model.skops", "--sentiment-data",
                 str(_newsmtsc_file(tmp_path / "s.jsonl")), "-o", str(base)]) == 0
    out = tmp_path / "new.skops"
    assert main(["train", "training/trade_tariffs.jsonl", "--threshold", "0.3",
                 "--sentiment-from", str(base), "-o", str(out)]) == 0
    assert "kept the sentiment model of" in capsys.readouterr().err
    old, new = load_model(base), load_model(out)
    probe = [_item(), PartyItem("Washington imposed tariffs on Beijing.", ((0, 10),),
                                ((29, 36),))]
    np.testing.assert_array_equal(old.sentiment_proba(probe), new.sentiment_proba(probe))
    assert np.abs(old.frame_proba(probe) - new.frame_proba(probe)).max() > 1e-3
    assert new.meta["threshold"] == 0.3 and new.meta["frames_data"]["n"] < 1000
    assert new.meta["sentiment_data"] == old.meta["sentiment_data"]
    assert new.meta["sentiment_from"]["file"] == "base.skops"
    assert "frames_from" not in new.meta  # the frames were trained here

    both = tmp_path / "both.skops"
    assert main(["train", "--frames-from", str(out), "--sentiment-from",
                 "lexicons/model.skops", "-o", str(both)]) == 0
    shipped, joined = load_model("lexicons/model.skops"), load_model(both)
    np.testing.assert_array_equal(new.frame_proba(probe), joined.frame_proba(probe))
    np.testing.assert_array_equal(shipped.sentiment_proba(probe), joined.sentiment_proba(probe))
    assert joined.meta["threshold"] == 0.3
    assert joined.meta["sentiment_data"] == shipped.meta["sentiment_data"]
    assert joined.meta["frames_from"]["file"] == "new.skops"
    assert joined.meta["sentiment_from"]["file"] == "model.skops"

    capsys.readouterr()
    assert main(["train", "training/trade_tariffs.jsonl", "--frames-from", str(out),
                 "--sentiment-from", str(base), "-o", str(both)]) == 2
    assert "trains nothing; leave out the training data" in capsys.readouterr().err
    assert main(["train", "training/trade_tariffs.jsonl", "--sentiment-from", str(base),
                 "--sentiment-data", "x.jsonl", "--sentiment-recurrent", "0.3",
                 "-o", str(out)]) == 2
    assert ("--sentiment-from keeps the sentiment model; it takes no --sentiment-data, "
            "--sentiment-recurrent") in capsys.readouterr().err
    frames_only = tmp_path / "frames_only.skops"
    load_model(out).__class__(new.frames, None, dict(new.meta)).save(frames_only)
    assert main(["train", "training/trade_tariffs.jsonl", "--sentiment-from",
                 str(frames_only), "-o", str(out)]) == 2
    assert "the model has no sentiment classifier" in capsys.readouterr().err


# -- soft frame labels ----------------------------------------------------------------------------


def test_soft_frame_labels_expand_to_weighted_frame_combinations():
    """Each frame's rows weigh its probability against its complement (independent frames),
    and combinations under MIN_COMBINATION are left out."""
    from framing.learn.models import MIN_COMBINATION

    p = np.array([[0.8, 0.0, 0.5], [0.5, 0.5, 0.5], [0.0, 0.0, 0.0], [0.99, 0.0, 0.01]])
    texts = ["A praised B.", "A met B.", "A saw B.", "A hit B."]
    soft = SoftLabels([_item(t, ((0, 1),), ((10, 11),)) for t in texts], p,
                      ["x:1", "x:2", "x:3", "x:4"], kind="frames", weight=2.0)
    items, labels, weights = soft.expand()
    assert labels.shape == (len(items), 3) and len(weights) == len(items)
    assert (weights >= MIN_COMBINATION * 2).all()
    rows = np.repeat(np.arange(4), [4, 8, 1, 1])  # combinations kept per item
    assert items == [soft.items[i] for i in rows]
    for i in range(3):  # nothing pruned: each frame's rows weigh p against 1 - p
        mine = rows == i
        assert weights[mine].sum() == pytest.approx(2.0)
        for j in range(3):
            assert weights[mine][labels[mine, j] == 1].sum() == pytest.approx(2.0 * p[i, j])
    assert labels[rows == 2].tolist() == [[0, 0, 0]]
    # 0.99 x 0.99 kept; 0.99 x 0.01 and 0.01 x 0.99 under MIN_COMBINATION, left out
    assert labels[rows == 3].tolist() == [[1, 0, 0]]
    assert weights[rows == 3] == pytest.approx([2 * 0.99 * 0.99])
    # a digest of frames differs from one of sentiment with the same numbers
    probs = np.array([[0.2, 0.3, 0.5]])
    assert SoftLabels([_item()], probs, ["x"], kind="frames").digest() != \
        SoftLabels([_item()], probs, ["x"]).digest()


@pytest.mark.parametrize("proba, message", [
    ([[0.5, 1.5, 0.0]], r"x:1: the probabilities \[0.5, 1.5, 0.0\] are not probabilities"),
    ([[-0.1, 0.0, 0.0]], "x:1"),
    ([[np.nan, 0.0, 0.0]], "x:1"),
])
def test_soft_frame_labels_refuse_what_is_not_a_probability(proba, message):
    with pytest.raises(InputError, match=message):
        SoftLabels([_item()], np.array(proba), ["x:1"], kind="frames")
    # three frame probabilities need not sum to 1
    assert len(SoftLabels([_item()], np.array([[0.9, 0.8, 0.0]]), ["x"], kind="frames")) == 1
    with pytest.raises(InputError, match="kind must be"):
        SoftLabels([_item()], np.array([[0.2, 0.3, 0.5]]), ["x"], kind="stance")


def _frames_set():
    texts = [("Moscow rejected the talks with Kyiv.", [1, 0, 0]),
             ("Moscow welcomed the talks with Kyiv.", [0, 0, 1]),
             ("Moscow doubted the talks with Kyiv.", [0, 1, 0]),
             ("Moscow held a parade near Kyiv.", [0, 0, 0])]
    items, frames = [], []
    for k in range(24):
        text, vec = texts[k % 4]
        items.append(PartyItem(f"{text} ({k})", ((0, 6),), ((text.index("Kyiv"),
                                                            text.index("Kyiv") + 4),)))
        frames.append(vec)
    return TrainingSet(items, np.array(frames), [None] * 24, ["g"] * 24,
                       [f"f:{k}" for k in range(24)])


def test_train_model_learns_soft_frame_labels_beside_coded_ones():
    data = _frames_set()
    probe = [PartyItem("Moscow spurned the offer.", ((0, 6),))]
    soft = SoftLabels([PartyItem(f"Moscow spurned the offer ({k}).", ((0, 6),))
                       for k in range(12)], np.tile([0.95, 0.02, 0.02], (12, 1)),
                      [f"soft:{k}" for k in range(12)], source="teacher", kind="frames")
    opts = {"featurizer": {"min_df": 1}, "n_jobs": None}
    plain = train_model(data, None, **opts)
    taught = train_model(data, None, frames_soft=soft, **opts)
    meta = taught.meta["frames_soft"]
    assert (meta["n"], meta["source"], meta["weight"], meta["sha256"]) == \
        (12, "teacher", 1.0, soft.digest())
    assert meta["rows"] == len(soft.expand()[0])
    assert "frames_soft" not in plain.meta
    # "spurned" is hard-line only in the teacher's labels
    assert taught.frame_proba(probe)[0, 0] > plain.frame_proba(probe)[0, 0] + 0.05


def test_train_model_soft_frame_labels_are_checked():
    frames = SoftLabels([_item()], np.array([[0.2, 0.2, 0.6]]), ["x:1"], kind="frames")
    sentiment = SoftLabels([_item()], np.array([[0.2, 0.2, 0.6]]), ["x:1"])
    with pytest.raises(InputError, match="beside coded ones"):
        train_model(None, None, frames_soft=frames)
    with pytest.raises(InputError, match="default frame model only"):
        train_model(_frames_set(), None, frames_soft=frames, frames_tuned=True)
    with pytest.raises(InputError, match="frames soft labels expected"):
        train_model(_frames_set(), None, frames_soft=sentiment)
    with pytest.raises(InputError, match="sentiment soft labels expected"):
        train_model(None, _sentiment_set(), sentiment_soft=frames)


def _frame_probs(items):
    return np.tile([0.7, 0.1, 0.2], (len(items), 1))


def test_soft_frame_label_file_round_trip_and_kinds_apart(fake_shared, tmp_path):
    shared, held = fake_shared
    rows = soft_label_rows(_frame_probs, shared=shared, kind="frames")
    assert held not in {r["id"] for r in rows}
    assert all("frames" in r and "proba" not in r for r in rows)
    path = tmp_path / "frames.jsonl"
    assert write_soft_labels(rows, path, kind="frames") == len(rows)
    soft = load_soft_labels(path, shared=shared, kind="frames", weight=0.5)
    assert soft.kind == "frames" and soft.weight == 0.5
    np.testing.assert_allclose(soft.proba, _frame_probs(soft.items))
    # a frame file is not read as sentiment, nor a sentiment file as frames
    with pytest.raises(InputError, match=r"frames.jsonl:1: missing field\(s\) \['proba'\]"):
        load_soft_labels(path, shared=shared)
    senti = tmp_path / "senti.jsonl"
    write_soft_labels(soft_label_rows(_uniform, shared=shared), senti)
    with pytest.raises(InputError, match=r"senti.jsonl:1: missing field\(s\) \['frames'\]"):
        load_soft_labels(senti, shared=shared, kind="frames")
    _write(path, [{**rows[0], "frames": [0.5, 0.5]}])
    with pytest.raises(InputError, match=r"frames.jsonl:1: frames must hold three numbers "
                                         r"\(hard-line, skeptical, conciliatory\)"):
        load_soft_labels(path, shared=shared, kind="frames")
    with pytest.raises(InputError, match="kind must be one of"):
        load_soft_labels(path, shared=shared, kind="stance")


def test_shipped_soft_frame_labels_match_the_public_texts():
    shared_path("data", "babe", "final_labels_SG1.jsonl")
    shared_path("data", "wikinews", "articles.jsonl")
    shared_path("data", "newsmtsc", "train.jsonl")
    soft = load_soft_labels(distilled.FRAMES_FILE, kind="frames")
    lines = [json.loads(line) for line in
             distilled.FRAMES_FILE.read_text(encoding="utf-8").splitlines()]
    assert len(soft) == len(lines) > 1000
    held = {r["id"] for r in coding_records("wikinews") if r.get("split") in ("dev", "test")}
    assert not held & {r["id"] for r in lines}


def test_cli_train_learns_the_soft_frame_label_file(fake_shared, tmp_path):
    from framing.cli.main import main
    from framing.learn.models import load_model

    shared, _ = fake_shared
    soft = tmp_path / "frames.jsonl"
    n = write_soft_labels(soft_label_rows(_frame_probs, shared=shared, kind="frames"), soft,
                          kind="frames")
    out = tmp_path / "m.skops"
    assert main(["train", "training/trade_tariffs.jsonl", "--frames-distilled", str(soft),
                 "--frames-distilled-weight", "0.5", "--shared", str(shared),
                 "-o", str(out)]) == 0
    meta = load_model(out).meta["frames_soft"]
    assert (meta["n"], meta["source"], meta["weight"]) == (n, "frames.jsonl", 0.5)
    for extra in (["--frames-from", str(out)], ["--frames-tuned"]):
        assert main(["train", "training/trade_tariffs.jsonl", "--frames-distilled", str(soft),
                     *extra, "-o", str(tmp_path / "x.skops")]) == 2
    assert not (tmp_path / "x.skops").exists()
