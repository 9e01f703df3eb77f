"""Classifier modules: estimator contract, safe model files, training, scoring methods."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import parametrize_with_checks

from framing.errors import InputError
from framing.learn.estimators import FrameClassifier, make_frame_pipeline
from framing.learn.features import PartyFeaturizer, PartyItem, masked_text
from framing.learn.models import FramingModel, ModelError, load_model, load_training, train_model

ITEMS = [
    ("Kyiv rejected the offer outright.", (0, 4)),
    ("Moscow welcomed the proposal for talks.", (0, 6)),
    ("Beijing doubted the sincerity of the plan.", (0, 7)),
    ("Washington proposed a ceasefire.", (0, 10)),
    ("Kyiv refused to negotiate.", (0, 4)),
    ("Moscow questioned the motives of the mediators.", (0, 6)),
] * 3
FRAMES_Y = np.array([[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0]] * 3)


@parametrize_with_checks(
    [FrameClassifier()],
    expected_failed_checks=lambda est: {
        "check_class_weight_classifiers":
            "probability calibration re-estimates class priors, undoing class_weight by design",
        **dict.fromkeys(
            ["check_sample_weight_equivalence_on_dense_data",
             "check_sample_weight_equivalence_on_sparse_data"],
            "a weight of k is not k copies by design: class_weight='balanced' counts rows, and "
            "the calibration's folds split rows (its cv is a number of folds, not the splits "
            "the check passes); without them it is the logistic regression's weighting, "
            "tested in test_distilled.py"),
    },
)
def test_classify_frame_classifier_sklearn_checks(estimator, check):
    check(estimator)


def test_classify_featurizer_contract():
    f = PartyFeaturizer(min_df=1, char_ngrams=None)
    assert clone(f).get_params() == f.get_params()
    with pytest.raises(NotFittedError):
        f.transform(ITEMS)
    assert f.fit(ITEMS) is f
    X = f.transform(ITEMS)
    assert X.shape == (len(ITEMS), len(f.get_feature_names_out()))
    with pytest.raises(InputError, match="string object received"):
        f.transform("Kyiv rejected the offer.")


def test_classify_masking_marks_the_party_asked_about():
    item = PartyItem("Kyiv rejected Moscow's offer.", ((0, 4),), ((14, 20),))
    assert masked_text(item) == "PARTYX rejected OTHERX's offer."


@pytest.mark.parametrize("bad", [("text", (5, 100)), ("text",), 3])
def test_classify_bad_items_are_clear_errors(bad):
    with pytest.raises(InputError):
        PartyFeaturizer(min_df=1).fit([bad])


def test_classify_pipeline_in_grid_search():
    from sklearn.model_selection import GridSearchCV

    pipe = make_frame_pipeline(min_df=1, char_ngrams=None)
    grid = GridSearchCV(pipe, {"classifier__C": [1.0, 4.0]}, cv=2, scoring="f1_micro")
    grid.fit(ITEMS, FRAMES_Y)
    assert grid.predict(ITEMS[:2]).shape == (2, 3)


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    data = load_training(["training/war_ceasefire.jsonl"])
    model = train_model(data, featurizer={"char_ngrams": None},
                        sentiment_featurizer={"char_ngrams": None})
    path = tmp_path_factory.mktemp("m") / "small.skops"
    model.save(path)
    return path


def test_classify_model_round_trip(small_model):
    model = load_model(small_model)
    assert isinstance(model, FramingModel)
    p = model.frame_proba([("Kyiv rejected the truce.", (0, 4))])
    assert p.shape == (1, 3) and np.all((p >= 0) & (p <= 1))
    assert model.meta["frames_data"]["n"] > 100


def test_classify_model_files_written_before_the_move_load(small_model, tmp_path):
    # Model files written before the modules moved into framing/learn/ (the shipped models
    # until `make model` rebuilds them) name the classes by their former modules; new files
    # by the current ones.
    import json
    import zipfile

    import skops.io as sio

    from framing.learn.models import FORMER_MODULES

    written = {t.rpartition(".")[0] for t in sio.get_untrusted_types(file=small_model)}
    assert written and not written & set(FORMER_MODULES)
    assert written <= set(FORMER_MODULES.values()) | {"sklearn.calibration",
                                                       "sklearn.model_selection._split"}
    current = {new: old for old, new in FORMER_MODULES.items()}
    old_file = tmp_path / "before.skops"
    with zipfile.ZipFile(small_model) as z, zipfile.ZipFile(old_file, "w") as out:
        for name in z.namelist():
            member = z.read(name)
            if name == "schema.json":
                text = member.decode()
                for new, old in current.items():
                    text = text.replace(f'"{new}"', f'"{old}"')
                member = text.encode()
                assert '"framing.features"' in text
            out.writestr(name, member)
    before, now = load_model(old_file), load_model(small_model)
    item = [("Kyiv rejected the truce.", (0, 4))]
    np.testing.assert_array_equal(before.frame_proba(item), now.frame_proba(item))
    assert json.dumps(before.meta, sort_keys=True) == json.dumps(now.meta, sort_keys=True)


def test_classify_a_former_module_name_does_not_pass_the_allow_list(tmp_path):
    """Renaming a former module keeps the class name: the allow-list is checked after it."""
    import json
    import zipfile

    import skops.io as sio

    from framing.learn.estimators import FrameClassifier

    path = tmp_path / "old.skops"
    sio.dump({"frames": FrameClassifier(), "sentiment": None, "meta": "{}"}, path)
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    schema = json.loads(members["schema.json"])
    node = schema["content"]["frames"]
    assert node["__module__"] == "framing.learn.estimators"
    node["__module__"], node["__class__"] = "framing.estimators", "Popen"
    members["schema.json"] = json.dumps(schema).encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, b in members.items():
            z.writestr(n, b)
    with pytest.raises(ModelError, match=r"not allowed.*framing\.learn\.estimators\.Popen"):
        load_model(path)


def test_classify_crafted_model_file_is_refused(tmp_path):
    """A file that would hand back a callable such as os.system is refused before loading."""
    import os

    import skops.io as sio

    evil = tmp_path / "evil.skops"
    sio.dump({"frames": None, "sentiment": None, "meta": "{}", "hook": os.system}, evil)
    with pytest.raises(ModelError, match=r"not allowed.*system"):
        load_model(evil)


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04garbage"])
def test_classify_damaged_model_file(tmp_path, content):
    p = tmp_path / "bad.skops"
    p.write_bytes(content)
    with pytest.raises(ModelError, match=r"bad\.skops"):
        load_model(p)


def test_classify_methods_on_an_article(small_model):
    from framing import score_article

    text = "Kyiv rejects Moscow's truce\nKyiv on Monday rejected a truce proposed by Moscow."
    for method in ("classifier", "ensemble"):
        res = score_article(text, method=method, model=small_model)
        assert res.meta["method"] == method
        assert all(f.method == method for f in res.framings)
        for f in res.framings:
            assert text[f.cue_start:f.cue_end] == f.cue


def test_classify_target_sentiment_api(small_model):
    from framing import target_sentiment

    items = [("Critics praised Kyiv for its restraint.", (15, 19))]
    labels = target_sentiment(items, model=small_model)
    assert labels[0] in ("negative", "neutral", "positive")
    proba = target_sentiment(items, proba=True, model=small_model)
    assert proba.shape == (1, 3) and proba.sum() == pytest.approx(1.0)


def test_classify_coded_csv(tmp_path):
    from framing.learn.models import load_coded_csv

    p = tmp_path / "coded.csv"
    p.write_text("text,actor,frame,sentiment\n"
                 "Kyiv rejected the offer.,Ukraine,hard-line,negative\n"
                 "Acme welcomed the talks.,Acme,conciliatory,positive\n", encoding="utf-8")
    data = load_coded_csv(p)
    assert len(data) == 2 and data.frames.tolist() == [[1, 0, 0], [0, 0, 1]]
    bad = tmp_path / "bad.csv"
    bad.write_text("text,actor,frame\nNobody here.,Ukraine,hard-line\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.csv:2: party .Ukraine. is not mentioned"):
        load_coded_csv(bad)


@pytest.mark.parametrize("y", [FRAMES_Y, ["negative", "positive", "neutral", "positive",
                                         "negative", "neutral"] * 3])
def test_classify_direct_probabilities_equal_sklearn(y):
    # FrameClassifier computes a sigmoid-calibrated logistic regression itself (no per-call
    # input checks); it must give scikit-learn's numbers, binary and multi-class.
    from framing.learn.estimators import _proba

    f = PartyFeaturizer(min_df=1, char_ngrams=None)
    X = f.fit_transform(ITEMS)
    clf = FrameClassifier(cv=2).fit(X, y)
    for est in clf.estimators_:
        assert hasattr(est, "calibrated_classifiers_")
        np.testing.assert_allclose(_proba(est, X), est.predict_proba(X), rtol=0, atol=1e-12)


@pytest.mark.parametrize("params", [{"sublinear_tf": True, "dtype": np.float32},
                                    {"analyzer": "char_wb", "ngram_range": (2, 4)},
                                    {"use_idf": False, "norm": "l1"}, {"binary": True}])
def test_classify_tfidf_transform_equals_sklearn(params):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from framing.learn.tfidf import tfidf_transform

    vec = TfidfVectorizer(**params).fit([t for t, _ in ITEMS])
    docs = ["", "zzz qqq", "Kyiv rejected rejected the offer", "Moscow welcomed talks."]
    got, want = tfidf_transform(vec, docs), vec.transform(docs)
    assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_allclose(got.toarray(), want.toarray(), rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("ngrams", [(2, 5), (1, 1), (3, 6)])
def test_classify_char_wb_ngrams_equal_sklearn(ngrams):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from framing.learn.tfidf import _char_wb_analyzer

    docs = ["", "  ", "a", "ab  c\t\nde", "PARTYX's offer — rejected!", "Kyiv’s  é x",
            "an extraordinarily long word"]
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=ngrams).fit(docs)
    ours, theirs = _char_wb_analyzer(vec), vec.build_analyzer()
    assert [ours(d) for d in docs] == [theirs(d) for d in docs]


def test_classify_train_cli_with_and_without_char_ngrams(tmp_path):
    from framing.cli.main import main

    for flag, want in (([], True), (["--no-char-ngrams"], False)):
        out = tmp_path / f"m{len(flag)}.skops"
        assert main(["train", "training/trade_tariffs.jsonl", "-o", str(out), *flag]) == 0
        model = load_model(out)
        assert model.meta["char_ngrams"] is want
        assert (model.frames.named_steps["features"].char_ is not None) is want


def _random_docs(rng, alphabet: str, n: int) -> list[str]:
    spaces = [" ", " ", " ", "  ", "\t", "\n", "\u2003", "\x1c"]
    docs = []
    for _ in range(n):
        words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
                 for _ in range(rng.randint(0, 12))]
        docs.append("".join(w + rng.choice(spaces) for w in words))
    return docs


@pytest.mark.parametrize("ngrams", [(2, 5), (1, 3), (3, 6), (4, 5)])
def test_classify_numpy_char_ngram_counts_equal_sklearn(ngrams):
    # CharNgramCounter numbers n-grams instead of slicing them; on text with characters the
    # vocabulary never saw (accents, em dash, emoji, odd whitespace), counts must not change.
    import random

    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    from framing.learn.tfidf import CharNgramCounter, tfidf_transform

    rng = random.Random(7)
    train = _random_docs(rng, "abcdeXYZ'’—", 200) + [t for t, _ in ITEMS]
    test = [*_random_docs(rng, "abcdefXYZé'’—😀.", 200), "", " ", "a", "Kyiv’s  offer"]
    counts = CountVectorizer(analyzer="char_wb", ngram_range=ngrams, min_df=2).fit(train)
    indptr, cols, n = CharNgramCounter(counts).count(test)
    got = sparse.csr_matrix((n, cols, indptr), shape=(len(test), len(counts.vocabulary_)))
    want = counts.transform(test)
    assert (got != want).nnz == 0
    tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=ngrams, min_df=2,
                            sublinear_tf=True, dtype=np.float32).fit(train)
    np.testing.assert_allclose(tfidf_transform(tfidf, test).toarray(),
                               tfidf.transform(test).toarray(), rtol=1e-6, atol=1e-7)


def test_classify_word_counters_share_tokens_only_for_the_same_analysis():
    # Word counters keep each document's tokens for the next counter with the same analysis
    # (the frame and sentiment models tokenise the same masked sentences); a vectorizer that
    # tokenises differently must get its own tokens, in either order of calls.
    from sklearn.feature_extraction.text import TfidfVectorizer

    from framing.learn.tfidf import clear_token_cache, tfidf_transform

    train = [t for t, _ in ITEMS] * 30 + ["Kyiv's offer, rejected: U.S. talks"] * 30
    docs = ["Kyiv's OFFER rejected; U.S. talks", "PARTYX's offer — rejected " * 40]
    vecs = [TfidfVectorizer(ngram_range=(1, 2), **kw).fit(train)
            for kw in ({}, {"token_pattern": r"(?u)\b\w+\b"}, {"lowercase": False},
                       {"token_pattern": r"\S+"})]
    for order in (vecs, vecs[::-1]):
        clear_token_cache()
        for vec in order:
            np.testing.assert_allclose(tfidf_transform(vec, docs).toarray(),
                                       vec.transform(docs).toarray(), rtol=1e-6, atol=1e-7)


def test_classify_char_ngram_counter_falls_back_on_a_large_alphabet():
    # 5 characters of 13 bits do not fit in 63 bits: tfidf_transform counts in Python then.
    from sklearn.feature_extraction.text import TfidfVectorizer

    from framing.learn.tfidf import CharNgramCounter, tfidf_transform

    docs = [" ".join(chr(0x4E00 + 5 * k + j) * 6 for j in range(5)) for k in range(1000)]
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).fit(docs)
    with pytest.raises(ValueError, match="do not fit"):
        CharNgramCounter(vec)
    np.testing.assert_allclose(tfidf_transform(vec, docs[:5]).toarray(),
                               vec.transform(docs[:5]).toarray(), rtol=1e-6, atol=1e-7)


def test_classify_hstack_blocks_equals_scipy():
    # Featurisers stack their blocks with hstack_blocks (one csr_matrix per call); it must give
    # scipy's hstack, empty rows and a block without columns included.
    from framing.learn.tfidf import Block, dense_block, hstack_blocks

    rng = np.random.default_rng(3)
    arrays = [(rng.random((6, k)) * (rng.random((6, k)) < 0.3)).astype(np.float32)
              for k in (5, 1, 9)]
    arrays[0][2] = 0  # an empty row
    mats = [sparse.csr_matrix(a) for a in arrays]
    empty = Block(np.zeros(7, dtype=np.int64), np.zeros(0, dtype=np.int64),
                  np.zeros(0, dtype=np.float32), 0)
    dense = rng.random((6, 4)).astype(np.float32) * (rng.random((6, 4)) > 0.5)
    blocks = [Block(m.indptr, m.indices, m.data, m.shape[1]) for m in mats]
    got = hstack_blocks([blocks[0], empty, blocks[1], dense_block(dense), blocks[2]])
    want = sparse.hstack([*mats[:2], sparse.csr_matrix(dense), mats[2]]).tocsr()
    assert got.shape == want.shape and got.dtype == want.dtype and got.has_sorted_indices
    assert (got != want).nnz == 0
    got.sort_indices()
    np.testing.assert_array_equal(got.indptr, want.indptr)


def test_classify_reuses_the_lexicon_pass_parse(monkeypatch):
    # The classifier's cue features take the tokens, cues and compound the lexicon pass found
    # (no second parse of any sentence with a party), and give what a fresh parse gives.
    import framing.learn.features as features
    from framing.learn.classify import party_items, score_many_with_model
    from framing.learn.features import clear_caches
    from framing.lexicon.scoring import score_article as lexicon_pass

    text = ('Moscow rejected the truce on Monday. "We will not bow to pressure," Kremlin '
            'spokesman Dmitry Peskov said, while Kyiv said it was open to talks.\n'
            'Washington urged both sides to return to the table, but Beijing refused.')
    items = [it for _, _, it in party_items(lexicon_pass(text))]
    clear_caches()
    fresh = features._default_cue_features.__wrapped__
    want = np.vstack([fresh(it) for it in items])
    clear_caches()

    def no_parse(*args, **kwargs):
        raise AssertionError("a sentence was parsed a second time")

    monkeypatch.setattr(features, "_parse", no_parse)
    (res,) = score_many_with_model([text])
    assert not isinstance(res, Exception)
    got = np.vstack([features._default_cue_features(it) for it in items])
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("params", [
    {"ngram_range": (1, 2)}, {"ngram_range": (1, 3), "lowercase": False},
    {"ngram_range": (2, 2), "strip_accents": "unicode"},
    {"token_pattern": r"[LR]_\S+", "lowercase": False, "ngram_range": (1, 2)},
    {"token_pattern": r"(?u)\b\w+\b", "ngram_range": (1, 2), "min_df": 2}])
def test_classify_numpy_word_ngram_counts_equal_sklearn(params):
    # WordNgramCounter numbers token n-grams; counts must equal scikit-learn's, with tokens,
    # accents and whitespace the vocabulary never saw.
    import random

    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    from framing.learn.tfidf import WordNgramCounter, tfidf_transform

    rng = random.Random(11)
    words = ["kyiv", "Kyiv", "rejected", "the", "offer", "L_partyx", "R_said", "R_otherx's",
             "talks", "é", "PARTYX", "don't", "—", "x1"]

    def doc(vocab):
        return " ".join(rng.choice(vocab) for _ in range(rng.randint(0, 15)))

    train = [doc(words) for _ in range(300)]
    test = [doc([*words, "unseen", "Élan", "R_new"]) for _ in range(200)] + ["", "   "]
    counts = CountVectorizer(**params).fit(train)
    indptr, cols, n = WordNgramCounter(counts).count(test)
    got = sparse.csr_matrix((n, cols, indptr), shape=(len(test), len(counts.vocabulary_)))
    assert (got != counts.transform(test)).nnz == 0
    tfidf = TfidfVectorizer(sublinear_tf=True, dtype=np.float32, **params).fit(train)
    np.testing.assert_allclose(tfidf_transform(tfidf, test).toarray(),
                               tfidf.transform(test).toarray(), rtol=1e-6, atol=1e-7)


def test_classify_word_ngram_counter_refuses_what_it_cannot_reproduce():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from framing.learn.tfidf import WordNgramCounter, _counter

    docs = ["kyiv rejected the offer", "moscow rejected talks"]
    with pytest.raises(ValueError, match="stop words"):
        WordNgramCounter(TfidfVectorizer(stop_words=["the"]).fit(docs))
    spaced = TfidfVectorizer(token_pattern=r"\w+ \w+").fit(docs)  # tokens hold a space
    with pytest.raises(ValueError, match="not its tokens"):
        WordNgramCounter(spaced)
    many = docs * 100  # enough text for the NumPy counters
    assert _counter(spaced, many) is None
    split = TfidfVectorizer(tokenizer=str.split, token_pattern=None).fit(docs)
    assert _counter(split, many) is None
    assert _counter(TfidfVectorizer().fit(docs), many) is not None
    assert _counter(TfidfVectorizer().fit(docs), docs[:1]) is None  # too little: Python


def test_classify_context_words_see_a_possessive_party():
    # "Kyiv's army ..." masks to "PARTYX's army ...": the party must still have context words
    # (before the fix the possessive hid it and the item had none).
    from framing.learn.features import context_words

    item = PartyItem("Officials said Kyiv's army rejected the truce.", ((15, 19),), ())
    assert context_words(item, 3) == "L_officials L_said R_s R_army R_rejected"


# --------------------------------------------------------------------------------------------
# Sentiment toward each party: party-aware by default, for every method (issue 15)
# --------------------------------------------------------------------------------------------

TWO_PARTIES = "Russian forces shelled Ukrainian positions near the front."


def _direct(res, k: int = 0) -> dict[str, float]:
    """P(positive) - P(negative) of target_sentiment for each party of sentence ``k``, with the
    items built here from the sentence and the mentions the scorer found."""
    from framing import target_sentiment

    s = res.sentences[k]
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in res.mentions:
        if m.sentence == k:
            spans.setdefault(m.actor, []).append((m.start - s.start, m.end - s.start))
    items = [PartyItem(s.text, tuple(sorted(own)),
                       tuple(sorted(x for other, sp in spans.items() if other != party
                                    for x in sp)))
             for party, own in spans.items()]
    proba = target_sentiment(items, proba=True)
    return {party: float(p[2] - p[0]) for party, p in zip(spans, proba, strict=True)}


@pytest.mark.parametrize("method", ["lexicon", "classifier", "ensemble"])
def test_classify_two_parties_of_one_sentence_get_their_own_sentiment(method):
    import framing

    res = framing.score_article(TWO_PARTIES, method=method)
    direct = _direct(res)
    assert set(direct) == {"Russia", "Ukraine"} == set(res.parties)
    # the party-aware model tells the two apart; the sentence's VADER cannot
    assert direct["Russia"] != direct["Ukraine"]
    russia, ukraine = res.parties["Russia"], res.parties["Ukraine"]
    assert russia.sentence_tone == ukraine.sentence_tone == res.sentences[0].sentiment
    for p in (russia, ukraine):
        assert p.sentiment_toward_measure == "party-aware"
        assert p.sentiment_toward == pytest.approx(direct[p.actor], abs=1e-12)
        assert p.sentiment_toward_n == 1
    assert russia.sentiment_toward != ukraine.sentiment_toward
    assert {(t.actor, t.sentence): t.sentiment for t in res.targets} == pytest.approx(
        {(a, 0): v for a, v in direct.items()}, abs=1e-12)
    for t in res.targets:
        assert t.negative + t.neutral + t.positive == pytest.approx(1.0)
    assert res.meta["sentiment_toward"] == "party-aware"
    # the sentence VADER path gives both parties the sentence's tone
    vader = framing.score_article(TWO_PARTIES, method=method, sentiment="sentence-vader")
    assert {p.sentiment_toward for p in vader.parties.values()} == {res.sentences[0].sentiment}
    assert {p.sentiment_toward_measure for p in vader.parties.values()} == {"sentence-vader"}
    assert vader.targets == () and vader.meta["sentiment_toward"] == "sentence-vader"
    assert [(f.actor, f.frame) for f in vader.framings] == \
        [(f.actor, f.frame) for f in res.framings]  # the frames do not depend on it


def test_classify_party_aware_mean_is_over_the_partys_sentences(seed_text):
    import framing

    res = framing.score_article(seed_text, method="lexicon")
    for name, p in res.parties.items():
        values = [t.sentiment for t in res.targets if t.actor == name]
        assert p.sentiment_toward_n == len(values) == p.sentences
        assert p.sentiment_toward == pytest.approx(np.mean(values))
    sentences = sorted({t.sentence for t in res.targets})
    assert _direct(res, sentences[1]) == pytest.approx(
        {t.actor: t.sentiment for t in res.targets if t.sentence == sentences[1]}, abs=1e-12)


def test_classify_lexicon_method_frames_are_the_lexicons():
    import framing
    from framing.lexicon.scoring import score_article as lexicon_only

    text = "Moscow rejected the truce. Kyiv offered new talks, and Washington welcomed them."
    res, alone = framing.score_article(text, method="lexicon"), lexicon_only(text)
    assert res.framings == alone.framings and res.meta["method"] == "lexicon"
    assert {p.sentiment_toward_measure for p in alone.parties.values()} == {"sentence-vader"}
    assert [p.sentence_tone for p in res.parties.values()] == \
        [p.sentence_tone for p in alone.parties.values()]


def test_classify_sentiment_falls_back_explicitly_without_a_sentiment_model(monkeypatch):
    import framing
    import framing.learn.models as models
    from framing.errors import SentimentFallbackWarning

    shipped = models.default_model()
    frames_only = FramingModel(shipped.frames, None, dict(shipped.meta))
    for method, model in [("ensemble", frames_only), ("lexicon", frames_only)]:
        with pytest.warns(SentimentFallbackWarning, match="sentence VADER"):
            res = framing.score_article(TWO_PARTIES, method=method, model=model)
        assert {p.sentiment_toward_measure for p in res.parties.values()} == {"sentence-vader"}
        assert [p.sentiment_toward for p in res.parties.values()] == \
            [p.sentence_tone for p in res.parties.values()]
        assert res.targets == ()
        with pytest.raises(ModelError):
            framing.score_article(TWO_PARTIES, method=method, model=model,
                                  sentiment="party-aware")

    def missing():
        raise ModelError("lexicons/model.skops: model file not found")

    # the lexicon method without its shipped model still scores, and says what it gives
    monkeypatch.setattr(models, "default_model", missing)
    with pytest.warns(SentimentFallbackWarning, match="model file not found"):
        res = framing.score_article(TWO_PARTIES, method="lexicon")
    assert {p.sentiment_toward_measure for p in res.parties.values()} == {"sentence-vader"}
    with pytest.raises(ModelError, match="not found"):
        framing.score_article(TWO_PARTIES, method="lexicon", sentiment="party-aware")
    with pytest.raises(ModelError, match="not found"):  # a model the caller names must load
        framing.score_article(TWO_PARTIES, method="lexicon", model="missing.skops")


def test_classify_sentiment_options():
    import framing
    from framing.errors import FramingError

    off = framing.score_article(TWO_PARTIES, sentiment=False)
    assert {(p.sentiment_toward, p.sentence_tone, p.sentiment_toward_measure)
            for p in off.parties.values()} == {(None, None, "")}
    assert off.targets == () and off.meta["sentiment_toward"] is None
    with pytest.raises(FramingError, match=r"sentiment must be True, False or one of"):
        framing.score_article(TWO_PARTIES, sentiment="vader")
    with pytest.raises(FramingError, match="model= is used by"):
        framing.score_article(TWO_PARTIES, method="lexicon", sentiment="sentence-vader",
                              model="x.skops")


def test_classify_sentiment_target_is_a_deprecated_alias():
    import framing

    res = framing.score_article(TWO_PARTIES)
    p = res.parties["Russia"]
    with pytest.warns(DeprecationWarning, match="sentiment_target is deprecated"):
        assert p.sentiment_target == p.sentiment_toward
    with pytest.warns(DeprecationWarning):
        assert p.sentiment_target_n == p.sentiment_toward_n
    vader = framing.score_article(TWO_PARTIES, sentiment="sentence-vader").parties["Russia"]
    with pytest.warns(DeprecationWarning):
        assert vader.sentiment_target is None


def test_classify_batched_scoring_gives_the_same_party_aware_values():
    from framing.learn.classify import score_many_with_model, score_with_model

    texts = [TWO_PARTIES, "Kyiv praised the mediators. Moscow rejected the truce."]
    for method in ("lexicon", "ensemble"):
        many = score_many_with_model(texts, method=method)
        for text, res in zip(texts, many, strict=True):
            one = score_with_model(text, method=method)
            assert res.targets == one.targets and res.parties == one.parties


def test_classify_ensemble_keeps_the_framing_of_a_speaker_the_sentence_does_not_name():
    # The second quotation goes on from the first; its sentence names no party, so the
    # classifier has no item there and cannot veto the lexicon's framing of the speaker.
    import framing

    text = ('Germany condemns job cuts\n\n"The company is behaving badly," said economy '
            'minister Peter Altmaier. "That is completely unacceptable."')
    actors = {"Germany": ["Peter Altmaier"]}
    lex = framing.score_article(text, actors=actors, method="lexicon", sentiment=False)
    ens = framing.score_article(text, actors=actors, method="ensemble", sentiment=False)
    named = {(m.sentence, m.actor) for m in lex.mentions}
    unnamed = [f for f in lex.framings if (f.sentence, f.actor) not in named]
    assert [(f.actor, f.frame, f.cue, f.rule) for f in unnamed] == \
        [("Germany", "hard-line", "unacceptable", "speaker")]
    assert [f for f in ens.framings if (f.sentence, f.actor) not in named] == unnamed
    assert ens.parties["Germany"].frame_counts["hard-line"] == 2
