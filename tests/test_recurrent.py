"""The recurrent networks of sentiment and of frames: NumPy prediction (no PyTorch), their
agreement with PyTorch's GRU, training, the blends with the sparse models, and the model
file."""

from __future__ import annotations

import numpy as np
import pytest

from framing.errors import InputError
from framing.learn.estimators import ProbaBlend
from framing.learn.features import PartyItem
from framing.learn.finetune import TunedWeightsError, weights_digest
from framing.learn.recurrent import (
    CLASSES,
    GRUFrameClassifier,
    GRUSentimentClassifier,
    _batch,
    _gate_tables,
    _gru,
    _input_gates,
    _RecurrentClassifier,
    _reverse,
    encode_words,
    find_recurrent,
    item_words,
)

ITEMS = [
    PartyItem("Moscow praised Kyiv for its restraint.", ((15, 19),), ((0, 6),)),
    PartyItem("Moscow praised Kyiv for its restraint.", ((0, 6),), ((15, 19),)),
    PartyItem("Rebels shelled the city, and the government said it would retaliate at once.",
              ((0, 6),), ((33, 43),)),
    PartyItem("NATO met.", ((0, 4),)),
]


def _random_model(seed: int = 0, hidden: int = 5, dim: int = 4,
                  kind: type = GRUSentimentClassifier) -> _RecurrentClassifier:
    """A fitted-looking network with random weights, built without PyTorch."""
    rng = np.random.default_rng(seed)
    clf = kind(hidden=hidden, dim=dim)
    clf.vocab_ = ["city", "praised", "restraint", "shelled"]
    shapes = {"words": (len(clf.vocab_) + 2, dim), "role": (3, dim), "distance": (15, dim),
              "out_w": (3, 6 * hidden), "out_b": (3,)}
    for d in ("fwd", "bwd"):
        shapes.update({f"{d}_w_ih": (3 * hidden, dim), f"{d}_w_hh": (3 * hidden, hidden),
                       f"{d}_b_ih": (3 * hidden,), f"{d}_b_hh": (3 * hidden,)})
    clf.weights_ = {k: rng.normal(size=s).astype(np.float16) for k, s in shapes.items()}
    clf.weights_sha256_ = weights_digest(clf.weights_)
    clf.classes_ = np.array(CLASSES) if kind is GRUSentimentClassifier else np.arange(3)
    return clf


def test_words_roles_and_distances():
    words = item_words(ITEMS[0])
    assert words[:3] == ["OTHERX", "praised", "PARTYX"]
    ids, role, rel = encode_words(words, {"praised": 2}, max_len=60)
    assert role[:3] == [2, 0, 1] and ids[1] == 2 and ids[0] == 1
    assert rel[2] == 7 and rel[1] == 6 and rel[3] == 8  # the party, one before, one after


def test_long_sentence_is_cut_around_the_party():
    words = ["w"] * 100 + ["PARTYX"] + ["w"] * 100
    ids, role, _ = encode_words(words, {}, max_len=20)
    assert len(ids) == 20 and role.index(1) == 10


def test_numpy_prediction_without_torch_is_a_distribution():
    p = _random_model().predict_proba(ITEMS)
    assert p.shape == (4, 3)
    assert np.allclose(p.sum(1), 1.0) and (p > 0).all()


def test_an_item_scores_the_same_alone_and_in_a_batch():
    """Padding and the reversed direction must not leak between items of one batch."""
    clf = _random_model()
    together = clf.predict_proba(ITEMS)
    for k, item in enumerate(ITEMS):
        assert np.array_equal(clf.predict_proba([item])[0], together[k])


def test_the_two_parties_of_a_sentence_get_their_own_probabilities():
    p = _random_model().predict_proba(ITEMS[:2])
    assert not np.allclose(p[0], p[1])


def test_reverse_keeps_padding_at_the_end():
    x = np.arange(8).reshape(2, 4)[..., None]
    out = _reverse(x, np.array([4, 2]))[..., 0]
    assert out.tolist() == [[3, 2, 1, 0], [5, 4, 6, 7]]


def test_damaged_weights_are_refused():
    clf = _random_model()
    clf.check_weights()
    clf.weights_["out_b"] = clf.weights_["out_b"] + np.float16(1)
    with pytest.raises(TunedWeightsError, match="damaged"):
        clf.check_weights()


def test_find_recurrent_inside_a_blend():
    from sklearn.pipeline import Pipeline

    blend = ProbaBlend([GRUSentimentClassifier()], [1.0])
    blend.members_ = [_random_model()]
    assert find_recurrent(Pipeline([("classifier", blend)])) is blend.members_[0]


def test_blend_rejects_bad_weights():
    blend = ProbaBlend([GRUSentimentClassifier(), GRUSentimentClassifier()], [1.0])
    with pytest.raises(ValueError, match="one non-negative weight per member"):
        blend.fit(ITEMS, ["positive"] * 4)


def test_blend_matches_classes_by_name():
    from sklearn.dummy import DummyClassifier

    a = DummyClassifier(strategy="prior").fit([[0]] * 4, ["x", "x", "x", "y"])
    blend = ProbaBlend([a, a], [1, 3])
    blend.members_, blend.classes_ = [a, a], np.array(["x", "y"])
    assert np.allclose(blend.predict_proba([[0]]), [[0.75, 0.25]])


def test_fit_rejects_unknown_labels_and_bad_weights():
    with pytest.raises(InputError, match="sentiment labels"):
        GRUSentimentClassifier().fit(ITEMS[:1], ["angry"])
    with pytest.raises(InputError, match="sample_weight"):
        GRUSentimentClassifier().fit(ITEMS[:1], ["positive"], sample_weight=[-1.0])


def test_input_gates_are_the_summed_input_times_the_weights():
    """The gates summed from the per-model tables of each word's, role's and bucket's gates
    are those of the summed input vectors, and do not depend on which other items share the
    batch."""
    clf = _random_model()
    w = {k: v.astype(np.float64) for k, v in clf.weights_.items()}
    w.update(_gate_tables(w))
    vocab = {word: k + 2 for k, word in enumerate(clf.vocab_)}
    rows = [encode_words(item_words(it), vocab, 60) for it in ITEMS]
    x, _ = _batch(rows)
    for d in ("fwd", "bwd"):
        e = w["words"][x[0]] + w["role"][x[1]] + w["distance"][x[2]]
        want = e @ w[f"{d}_w_ih"].T + w[f"{d}_b_ih"]
        assert np.allclose(_input_gates(w, d, x), want, atol=1e-12)
    w32 = clf._ready()[1]
    alone, _ = _batch(rows[2:3])
    n = alone.shape[2]
    assert np.array_equal(_input_gates(w32, "fwd", x)[2, :n], _input_gates(w32, "fwd", alone)[0])



def test_gru_stops_a_row_after_its_last_word():
    """With ascending lengths, the states of each row up to its length are those of the full
    loop, bit for bit, and the padding's states are zero; unsorted lengths run the full loop."""
    rng = np.random.default_rng(4)
    gates = rng.normal(size=(3, 6, 15)).astype(np.float32)
    w_hh, b_hh = rng.normal(size=(15, 5)).astype(np.float32), rng.normal(size=15).astype(
        np.float32)
    full = _gru(gates, w_hh, b_hh)
    lengths = np.array([2, 4, 6])
    short = _gru(gates, w_hh, b_hh, lengths)
    for j, n in enumerate(lengths):
        assert np.array_equal(short[j, :n], full[j, :n])
        assert not short[j, n:].any()
    assert np.array_equal(_gru(gates, w_hh, b_hh, np.array([6, 4, 2])), full)

# -- the frame network (NumPy) ---------------------------------------------------------------


def _frame_model(seed: int = 0) -> GRUFrameClassifier:
    return _random_model(seed, kind=GRUFrameClassifier)


def test_frame_network_gives_one_independent_probability_per_frame():
    """Sigmoid outputs: each in (0, 1), and a row need not sum to one (a softmax would)."""
    clf = _frame_model()
    p = clf.predict_proba(ITEMS)
    assert p.shape == (4, 3) and ((p > 0) & (p < 1)).all()
    assert not np.allclose(p.sum(1), 1.0)
    assert np.array_equal(clf.predict(ITEMS, threshold=0.5), (p >= 0.5).astype(int))
    assert clf.predict_proba([]).shape == (0, 3)


def test_frame_network_scores_an_item_the_same_alone_and_in_a_batch():
    clf = _frame_model(3)
    together = clf.predict_proba(ITEMS)
    for k, item in enumerate(ITEMS):
        assert np.array_equal(clf.predict_proba([item])[0], together[k])


def test_frame_network_and_sentiment_network_share_the_logits():
    """The same arrays read as frames are the sigmoid of what the sentiment network's softmax
    normalises: one forward pass, two read-outs."""
    sent, frames = _random_model(5), _random_model(5, kind=GRUFrameClassifier)
    z = np.log(frames.predict_proba(ITEMS)) - np.log1p(-frames.predict_proba(ITEMS))
    p = np.exp(z - z.max(1, keepdims=True))
    assert np.allclose(p / p.sum(1, keepdims=True), sent.predict_proba(ITEMS), atol=1e-6)


@pytest.mark.parametrize("labels, match", [
    ([1, 0, 0], "matrix"),
    ([[1, 0, 0], [0, 0, 1]], "one row per item"),
    ([[1.5, 0, 0]], "between 0 and 1"),
    ([["a", "b", "c"]], "numbers between 0 and 1"),
    ([[np.nan, 0, 0]], "between 0 and 1"),
])
def test_frame_labels_are_checked(labels, match):
    with pytest.raises(InputError, match=match):
        GRUFrameClassifier().fit(ITEMS[:3] if len(labels) == 2 else ITEMS[:1], labels)


def test_a_blend_of_fitted_members_refuses_an_unfitted_one():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        ProbaBlend.of_fitted([_frame_model(), GRUFrameClassifier()], [0.5, 0.5])
    with pytest.raises(ValueError, match="one non-negative weight per member"):
        ProbaBlend.of_fitted([_frame_model()], [0.5, 0.5])


def _frame_blend_model(network: GRUFrameClassifier):
    """A model whose frame model is the sparse pipeline, fitted on toy items, blended with
    ``network`` (as ``train_model(frames_recurrent=0.5)`` builds it)."""
    from sklearn.pipeline import Pipeline

    from framing.learn.estimators import make_frame_pipeline
    from framing.learn.models import FramingModel

    items, frames = _toy_frames()
    sparse = make_frame_pipeline(min_df=1).fit(items, frames)
    blend = ProbaBlend.of_fitted([sparse, network], [0.5, 0.5])
    return FramingModel(Pipeline([("classifier", blend)]), None,
                        {"frames_recurrent": {"weight": 0.5}}), sparse


def test_frame_blend_survives_the_model_file(tmp_path):
    from framing.learn.estimators import pipeline_proba
    from framing.learn.models import load_model

    network = _frame_model(1)
    model, sparse = _frame_blend_model(network)
    want = 0.5 * pipeline_proba(sparse, ITEMS) + 0.5 * network.predict_proba(ITEMS)
    assert np.allclose(model.frame_proba(ITEMS), want)
    model.save(tmp_path / "m.skops")
    loaded = load_model(tmp_path / "m.skops")
    assert np.array_equal(loaded.frame_proba(ITEMS), model.frame_proba(ITEMS))
    assert isinstance(find_recurrent(loaded.frames), GRUFrameClassifier)


def test_a_damaged_frame_network_is_refused_on_load(tmp_path):
    from framing.learn.models import ModelError, load_model

    network = _frame_model(2)
    network.weights_["out_b"] = network.weights_["out_b"] + np.float16(1)
    model, _ = _frame_blend_model(network)
    model.save(tmp_path / "m.skops")
    with pytest.raises(ModelError, match=r"m\.skops: the recurrent frame network's weights "
                                         r"are damaged"):
        load_model(tmp_path / "m.skops")


def test_with_frames_keeps_the_frame_network_and_its_record():
    from framing.learn.models import FramingModel

    model, _ = _frame_blend_model(_frame_model())
    kept = FramingModel(None, "sentiment", {}).with_frames(model, "m.skops")
    assert kept.frames is model.frames
    assert kept.meta["frames_recurrent"] == {"weight": 0.5}


def test_train_model_refuses_a_frame_network_with_the_tuned_frames():
    from framing.learn.models import train_model

    with pytest.raises(InputError, match="between 0 and 1"):
        train_model(None, None, frames_recurrent=0.0)
    with pytest.raises(InputError, match="leave out frames_tuned"):
        train_model(None, None, frames_recurrent=0.5, frames_tuned=True)


def test_cli_frames_recurrent_refuses_frames_from(tmp_path, capsys):
    from framing.cli.main import main

    code = main(["train", "--frames-from", "lexicons/model.skops", "--frames-recurrent", "0.5",
                 "--sentiment-data", "x.jsonl", "-o", str(tmp_path / "m.skops")])
    assert code == 2 and "--frames-recurrent blends into the default frame model" in \
        capsys.readouterr().err


# -- with PyTorch ------------------------------------------------------------------------------


def test_numpy_gru_computes_what_pytorch_does():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    gru = torch.nn.GRU(4, 5, batch_first=True, bidirectional=True)
    x = torch.randn(3, 6, 4)
    lengths = torch.tensor([6, 3, 1])
    packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True,
                                                     enforce_sorted=False)
    want = torch.nn.utils.rnn.pad_packed_sequence(gru(packed)[0], batch_first=True)[0]
    w = {n: p.detach().numpy() for n, p in gru.named_parameters()}
    xn, ln = x.numpy(), lengths.numpy()
    def gates(sfx):
        return xn @ w["weight_ih_l0" + sfx].T + w["bias_ih_l0" + sfx]

    fwd = _gru(gates(""), w["weight_hh_l0"], w["bias_hh_l0"])
    bwd = _reverse(_gru(_reverse(gates("_reverse"), ln), w["weight_hh_l0_reverse"],
                        w["bias_hh_l0_reverse"]), ln)
    have = np.concatenate([fwd, bwd], axis=2)
    for j, n in enumerate(ln):
        assert np.allclose(have[j, :n], want[j, :n].detach().numpy(), atol=1e-5)


@pytest.fixture()
def fake_vectors(monkeypatch):
    """Word vectors without an encoder: a fixed random vector per word."""
    def vectors(self, words):
        rng = np.random.default_rng(1)
        return rng.normal(size=(len(words), 8)).astype(np.float32)

    monkeypatch.setattr(_RecurrentClassifier, "_word_vectors", vectors)


def _toy_data():
    items, labels = [], []
    for verb, label in (("praised", "positive"), ("attacked", "negative"),
                        ("visited", "neutral")):
        for other in ("Moscow", "Paris", "Rome", "Oslo"):
            text = f"{other} {verb} Kyiv again."
            start = text.index("Kyiv")
            items.append(PartyItem(text, ((start, start + 4),), ((0, len(other)),)))
            labels.append(label)
    return items * 3, labels * 3


def _toy_frames():
    """Items whose verb says the party's frame: hard-line, skeptical, conciliatory, none."""
    items, frames = [], []
    for verb, row in (("rejected", [1, 0, 0]), ("doubted", [0, 1, 0]),
                      ("welcomed", [0, 0, 1]), ("visited", [0, 0, 0])):
        for other in ("Moscow", "Paris", "Rome", "Oslo"):
            text = f"Kyiv {verb} {other}'s plan."
            items.append(PartyItem(text, ((0, 4),), ((len(verb) + 6, len(verb) + 6 + len(other)),)))
            frames.append(row)
    return items * 3, np.array(frames * 3)


def test_training_learns_a_toy_task_and_survives_the_model_file(fake_vectors, tmp_path):
    pytest.importorskip("torch")
    from framing.learn.models import FramingModel, load_model

    items, labels = _toy_data()
    clf = GRUSentimentClassifier(hidden=8, dim=8, epochs=30, lr=1e-2, batch_size=8, dropout=0.0)
    clf.fit(items, labels)
    assert (clf.predict(items) == np.array(labels)).mean() > 0.9
    assert all(a.dtype == np.float16 for a in clf.weights_.values())
    from sklearn.pipeline import Pipeline

    blend = ProbaBlend([clf], [1.0])
    blend.members_, blend.classes_ = [clf], clf.classes_
    path = tmp_path / "m.skops"
    FramingModel(None, Pipeline([("classifier", blend)]), {}).save(path)
    loaded = load_model(path)
    assert np.allclose(loaded.sentiment_proba(items[:5]),
                       clf.predict_proba(items[:5])[:, [0, 1, 2]])


def test_soft_rows_of_one_item_train_toward_their_mix(fake_vectors):
    pytest.importorskip("torch")
    item = PartyItem("Moscow met Kyiv.", ((11, 15),), ((0, 6),))
    items = [item] * 3 + _toy_data()[0][:6]
    labels = ["negative", "neutral", "positive", *_toy_data()[1][:6]]
    weights = [0.1, 0.1, 0.8] + [1.0] * 6
    clf = GRUSentimentClassifier(hidden=8, dim=8, epochs=40, lr=1e-2, batch_size=4,
                                 dropout=0.0)
    clf.fit(items, labels, sample_weight=weights)
    p = clf.predict_proba([item])[0]
    assert p[2] > 0.5 and p[2] == p.max()


def test_train_model_blends_and_records_it(fake_vectors):
    pytest.importorskip("torch")
    from framing.learn.models import TrainingSet, train_model

    items, labels = _toy_data()
    data = TrainingSet(items=items, frames=np.zeros((len(items), 3), dtype=int),
                       sentiment=labels, groups=["toy"] * len(items),
                       ids=[str(k) for k in range(len(items))],
                       sources=["toy"] * len(items))
    model = train_model(None, data, sentiment_recurrent=0.3, n_jobs=None,
                        sentiment_featurizer={"min_df": 1})
    assert model.meta["sentiment_recurrent"]["weight"] == 0.3
    assert find_recurrent(model.sentiment) is not None
    assert model.sentiment_proba(items[:3]).shape == (3, 3)


def test_train_model_refuses_a_weight_outside_zero_one():
    from framing.learn.models import train_model

    with pytest.raises(InputError, match="between 0 and 1"):
        train_model(None, None, sentiment_recurrent=1.5)


def test_cli_sentiment_recurrent_without_the_extra_names_it(tmp_path, capsys):
    """Training the network needs the extra: without it the command stops before any
    training, saying what to install (with it, the option reaches train_model)."""
    import importlib.util

    from framing.cli.main import main

    if importlib.util.find_spec("torch") is not None:
        pytest.skip("the extra is installed")
    code = main(["train", "training", "--sentiment-recurrent", "0.3",
                 "-o", str(tmp_path / "m.skops")])
    err = capsys.readouterr().err
    assert code == 2 and "framing[embeddings]" in err
    assert not (tmp_path / "m.skops").exists()


def test_frame_training_learns_a_toy_task(fake_vectors):
    pytest.importorskip("torch")
    items, frames = _toy_frames()
    clf = GRUFrameClassifier(hidden=8, dim=8, epochs=30, lr=1e-2, batch_size=8, dropout=0.0)
    clf.fit(items, frames)
    assert list(clf.classes_) == [0, 1, 2]
    assert (clf.predict(items) == frames).all(axis=1).mean() > 0.9


def test_soft_frame_targets_are_learnt_as_probabilities(fake_vectors):
    """A row of probabilities is a target as it is; two rows of one item train toward their
    weighted mean (0.8 hard-line), not toward either row."""
    pytest.importorskip("torch")
    item = PartyItem("Kyiv met Moscow.", ((0, 4),), ((9, 15),))
    toy, toy_frames = _toy_frames()
    items = [item, item, *toy[:16]]
    frames = np.vstack([[[1, 0, 0], [0, 0, 0]], toy_frames[:16]])
    clf = GRUFrameClassifier(hidden=8, dim=8, epochs=60, lr=1e-2, batch_size=6, dropout=0.0)
    clf.fit(items, frames, sample_weight=[0.8, 0.2] + [1.0] * 16)
    p = clf.predict_proba([item])[0]
    assert 0.6 < p[0] < 0.95 and p[1] < 0.3 and p[2] < 0.3


def test_train_model_blends_a_frame_network_that_alone_learns_the_soft_labels(fake_vectors):
    pytest.importorskip("torch")
    from framing.learn.models import SoftLabels, TrainingSet, train_model

    items, frames = _toy_frames()
    data = TrainingSet(items=items, frames=frames, sentiment=[None] * len(items),
                       groups=["toy"] * len(items), ids=[str(k) for k in range(len(items))],
                       sources=["toy"])
    soft_items = [PartyItem("Kyiv snubbed the Zanzibar talks.", ((0, 4),)),
                  PartyItem("Kyiv left the Zanzibar talks.", ((0, 4),))]
    soft = SoftLabels(soft_items, np.array([[0.9, 0.0, 0.1], [0.8, 0.1, 0.0]]),
                      ["soft:1", "soft:2"], kind="frames", source="soft.jsonl")
    model = train_model(data, frames_soft=soft, frames_recurrent=0.4, n_jobs=None,
                        featurizer={"min_df": 1})
    assert model.meta["frames_recurrent"]["weight"] == 0.4
    assert model.meta["frames_soft"]["learnt_by"] == "network"
    sparse, network = model.frames.steps[-1][1].members_
    assert isinstance(network, GRUFrameClassifier) and "zanzibar" in network.vocab_
    vocabulary = sparse.named_steps["features"].word_.vocabulary_
    assert not any("zanzibar" in term for term in vocabulary)
    assert model.frame_proba(items[:3]).shape == (3, 3)


def test_cross_validate_blends_the_frame_network(fake_vectors):
    """framing.cross_validate(frames_recurrent=W) trains each fold's frame model as train
    --frames-recurrent does: the probabilities differ from the sparse model's alone."""
    pytest.importorskip("torch")
    from framing.learn.models import TrainingSet
    from framing.measure.validation import cross_validate

    items, frames = _toy_frames()
    data = TrainingSet(items=items, frames=frames, sentiment=[None] * len(items),
                       groups=[f"g{k % 3}" for k in range(len(items))],
                       ids=[str(k) for k in range(len(items))], sources=["toy"])
    featurizer = {"min_df": 1, "char_ngrams": None}
    sparse = cross_validate(data, folds=3, featurizer=featurizer, sentiment=False)
    blend = cross_validate(data, folds=3, featurizer=featurizer, sentiment=False,
                           frames_recurrent=0.5)
    assert blend.meta["frames_recurrent"] == 0.5 and sparse.meta["frames_recurrent"] is None
    assert blend.proba.shape == sparse.proba.shape
    assert not np.allclose(blend.proba, sparse.proba)


def test_cross_validate_frames_recurrent_is_checked_before_training(capsys):
    """A weight outside (0, 1) is bad input; without the extra, the command stops before the
    first fold, naming what to install."""
    import importlib.util

    from framing.cli.main import main
    from framing.learn.models import TrainingSet
    from framing.measure.validation import cross_validate

    items, frames = _toy_frames()
    data = TrainingSet(items=items, frames=frames, sentiment=[None] * len(items),
                       groups=["toy"] * len(items), ids=[str(k) for k in range(len(items))])
    with pytest.raises(InputError, match="between 0 and 1"):
        cross_validate(data, folds=2, frames_recurrent=1.0)
    if importlib.util.find_spec("torch") is not None:
        return
    assert main(["cross-validate", "training", "--folds", "2", "--no-sentiment",
                 "--frames-recurrent", "0.5"]) == 2
    assert "framing[embeddings]" in capsys.readouterr().err
