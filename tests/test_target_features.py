"""Target-sentiment features: they must tell two targets of one sentence apart."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import shared_path
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from framing.errors import InputError
from framing.learn.estimators import make_sentiment_pipeline
from framing.learn.features import PartyItem
from framing.learn.models import FramingModel, load_model, load_newsmtsc
from framing.learn.target_features import (
    DENSE_FEATURES,
    TargetSentimentFeaturizer,
    mention_shape,
    target_view,
)


def dense(view, name: str) -> float:
    return float(view.dense[DENSE_FEATURES.index(name)])


def both_targets(text: str, a: str, b: str):
    """Views of the same sentence with ``a`` as the target (``b`` masked) and the reverse."""
    sa = (text.index(a), text.index(a) + len(a))
    sb = (text.index(b), text.index(b) + len(b))
    return (target_view(PartyItem(text, (sa,), (sb,))),
            target_view(PartyItem(text, (sb,), (sa,))))


def test_target_praiser_and_praised_differ():
    praiser, praised = both_targets("Moscow praised Kyiv for its restraint.", "Moscow", "Kyiv")
    assert "R1_praised" in praiser.near.split() and "L1_praised" in praised.near.split()
    assert dense(praised, "left3_pos") > 0 and dense(praised, "right3_pos") == 0
    assert dense(praiser, "right3_pos") > 0 and dense(praiser, "left3_pos") == 0
    # Swapping who praises whom swaps the features of the same name.
    swapped, _ = both_targets("Kyiv praised Moscow for its restraint.", "Moscow", "Kyiv")
    assert swapped.near.split()[:2] == ["L1_otherx", "L1_praised"]
    assert dense(swapped, "left3_pos") == dense(praised, "left3_pos")


def test_target_sides_of_but_and_segments():
    liar, honest = both_targets("Moscow lied about the deal, but Kyiv was honest.", "Moscow",
                                "Kyiv")
    assert dense(liar, "before_but") == 1 and dense(honest, "after_but") == 1
    assert dense(liar, "segment_neg") < 0 and dense(liar, "segment_pos") == 0
    assert dense(honest, "segment_pos") > 0 and dense(honest, "segment_neg") == 0
    assert dense(liar, "segment_compound") < 0 < dense(honest, "segment_compound")
    assert "honest" in honest.clause.split() and "honest" not in liar.clause.split()
    assert dense(liar, "other_in_segment") == 0


def test_target_negation_and_roles():
    view = target_view(PartyItem("Critics said Kyiv was not honest.", ((13, 17),), ()))
    assert "VRS_not_honest" in view.valence.split()
    assert dense(view, "right3_neg") < 0 and dense(view, "right3_pos") == 0
    assert dense(view, "negation_near") == 1
    passive = target_view(PartyItem("The plan was rejected by Kyiv.", ((25, 29),), ()))
    assert dense(passive, "by_agent") == 1
    quoted = target_view(PartyItem('Officials said: "Kyiv is brave."', ((17, 21),), ()))
    assert dense(quoted, "in_quote") == 1 and dense(quoted, "quote_pos") > 0


def test_target_mention_glued_to_a_word_is_still_found():
    text = 'They want to "blockPresident Trump from acting.'
    view = target_view(PartyItem(text, ((19, 34),), ()))
    assert {"L1_block", "R1_from"} <= set(view.near.split())


ITEMS = [
    ("Moscow praised Kyiv for its restraint.", (15, 19)),
    ("Moscow praised Kyiv for its restraint.", (0, 6)),
    ("Washington attacked Beijing over the tariffs.", (20, 27)),
    ("Washington attacked Beijing over the tariffs.", (0, 10)),
    ("Berlin met Paris on Monday.", (0, 6)),
    ("Berlin met Paris on Monday.", (11, 16)),
]


def test_target_featurizer_contract_and_rows_differ():
    f = TargetSentimentFeaturizer(min_df=1)
    assert clone(f).get_params() == f.get_params()
    with pytest.raises(NotFittedError):
        f.transform(ITEMS)
    X = f.fit_transform(ITEMS)
    assert X.shape == (len(ITEMS), len(f.get_feature_names_out()))
    assert np.allclose(f.transform(ITEMS).toarray(), X.toarray())
    assert (X[0] != X[1]).nnz > 0  # same sentence, two targets
    names = list(f.get_feature_names_out())
    row = dict(zip(names, X[0].toarray().ravel(), strict=True))
    assert row["near__L1_praised"] > 0 and row["near__R1_praised"] == 0
    with pytest.raises(InputError, match="string object received"):
        f.transform("Kyiv rejected the offer.")


def test_target_sentiment_pipeline_learns_who_is_praised():
    """Trained on 'A praised/attacked B' with B positive/negative and A neutral, the model
    must label unseen names by their role, not by the sentence's tone."""
    names = ["Moscow", "Kyiv", "Paris", "Berlin", "Rome", "Madrid", "Tokyo", "Seoul"]
    verbs = {"praised": "positive", "applauded": "positive", "attacked": "negative",
             "condemned": "negative"}
    items, labels = [], []
    for i, a in enumerate(names):
        b = names[(i + 3) % len(names)]
        for verb, polarity in verbs.items():
            text = f"{a} {verb} {b} on Monday."
            start = len(a) + len(verb) + 2
            items += [(text, (0, len(a))), (text, (start, start + len(b)))]
            labels += ["neutral", polarity]
    pipe = make_sentiment_pipeline(min_df=1).fit(items, labels)
    assert isinstance(pipe.named_steps["features"], TargetSentimentFeaturizer)
    test = "Lisbon praised Oslo on Monday."
    assert list(pipe.predict([(test, (0, 6)), (test, (15, 19))])) == ["neutral", "positive"]
    test = "Oslo condemned Lisbon on Monday."
    assert list(pipe.predict([(test, (0, 4)), (test, (15, 21))])) == ["neutral", "negative"]


def test_target_sentiment_model_survives_save_and_load(tmp_path):
    labels = ["positive", "neutral", "negative", "neutral", "neutral", "neutral"] * 3
    pipe = make_sentiment_pipeline(min_df=1).fit(ITEMS * 3, labels)
    path = tmp_path / "sentiment.skops"
    FramingModel(None, pipe, {"note": "test"}).save(path)
    loaded = load_model(path)
    assert isinstance(loaded.sentiment.named_steps["features"], TargetSentimentFeaturizer)
    new = [("Critics praised Kyiv for its restraint.", (15, 19)), ITEMS[3]]
    before = FramingModel(None, pipe).sentiment_proba(new)
    after = loaded.sentiment_proba(new)
    assert after.shape == (2, 3)
    np.testing.assert_array_equal(before, after)


@pytest.mark.shared
def test_target_features_on_newsmtsc_dev():
    """Every NewsMTSC dev_mt item featurises; two targets of a sentence rarely coincide."""
    dev = load_newsmtsc(shared_path("data", "newsmtsc", "dev_mt.jsonl"))
    views = [target_view(it) for it in dev.items]
    assert all(v.near for v in views)
    by_text: dict[str, list] = {}
    for it, v in zip(dev.items, views, strict=True):
        by_text.setdefault(it.text, []).append(v)
    pairs = [vs[:2] for vs in by_text.values() if len(vs) > 1]
    same = sum(a.near == b.near and np.array_equal(a.dense, b.dense) for a, b in pairs)
    assert len(pairs) > 100 and same <= 0.05 * len(pairs)


def test_target_features_one_target_distances_equal_the_general_scan():
    # target_view computes distances directly when the party is named once; the general
    # two-scan path must give the same numbers for a single target.
    from framing.learn.target_features import _nearest_targets

    for n in range(1, 9):
        for t in range(n):
            assert _nearest_targets([t], n) == ([abs(k - t) for k in range(n)],
                                                [k < t for k in range(n)])


def test_mention_shape_tells_kinds_of_target_apart_without_names():
    text = "On Thursday Sen. Warren told the court in Michigan that he had sued the IRS."
    spans = {w: (text.index(w), text.index(w) + len(w))
             for w in ("Thursday", "Sen. Warren", "the court", "Michigan", "he", "IRS")}
    shape = {w: mention_shape(PartyItem(text, (s,)), {"court"}) for w, s in spans.items()}
    assert shape["Thursday"] == "len1 time capitalised w_thursday"
    assert shape["Sen. Warren"] == "len2 capitalised title w_sen"
    assert shape["the court"] == "len2 lower w_court"
    assert shape["he"] == "pron pron_he"
    assert "acronym" in shape["IRS"].split() and "acronym" not in shape["Michigan"]
    assert not any("warren" in s.lower() or "michigan" in s.lower() for s in shape.values())


def test_mention_block_learns_no_names():
    """The block's vocabulary holds kinds and common words, never a capitalised name, even
    when a name is frequent in the training sentences."""
    items = [("Trump praised the court on Monday.", (0, 5)),
             ("Trump attacked the court on Monday.", (15, 24)),
             ("Later Trump met the court again.", (6, 11)),
             ("Trump and the court met on Monday.", (10, 19))]
    f = TargetSentimentFeaturizer(min_df=1, mention_weight=1.0).fit(items)
    mention = [n for n in f.get_feature_names_out() if n.startswith("mention__")]
    assert "mention__w_court" in mention and "mention__capitalised" in mention
    assert not any("trump" in n.lower() for n in mention)
    assert "trump" not in f.mention_words_.tolist()
    off = TargetSentimentFeaturizer(min_df=1).fit(items)  # the default: no mention block
    assert off.mention_ is None and off.mention_words_ is None
    assert off.n_features_out_ == f.n_features_out_ - len(mention)


def test_featurizer_saved_before_the_mention_block_behaves_as_before():
    """A featuriser from a model file written before ``mention_weight`` existed lacks the
    attribute: it reads as 0 and the features are those without the block."""
    old_default = TargetSentimentFeaturizer(min_df=1).fit(ITEMS)
    want = old_default.transform(ITEMS).toarray()
    state = old_default.__getstate__()
    for key in ("mention_weight", "mention_", "mention_words_"):
        state.pop(key, None)
    old = TargetSentimentFeaturizer.__new__(TargetSentimentFeaturizer)
    old.__setstate__(state)
    assert old.get_params()["mention_weight"] == 0.0
    np.testing.assert_array_equal(old.transform(ITEMS).toarray(), want)
