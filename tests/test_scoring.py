"""score_article: the result's shape, conversions, determinism, sentiment, voice, prominence."""

from __future__ import annotations

import json

import pytest
from conftest import ACTORS

import framing
from framing import score_article
from framing.errors import InputError

ARTICLE = """Kyiv rejects Moscow's truce offer
KYIV (Wire) — Ukraine on Monday rejected a truce proposed by Moscow, calling it a ploy.
"We will not be fooled," Zelensky said. "Russia is not serious about peace."
The Kremlin said it remained open to talks.
Read more: Other news
"""


@pytest.fixture(scope="module")
def res():
    return score_article(ARTICLE, actors=ACTORS)


def test_scoring_finds_parties_in_order_of_first_mention(res):
    assert list(res.parties)[:2] == ["Ukraine", "Russia"]


def test_scoring_framings_carry_offsets(res):
    for f in res.framings:
        assert ARTICLE[f.cue_start:f.cue_end] == f.cue
        assert ARTICLE[f.sentence_start:f.sentence_end] == res.sentences[f.sentence].text


def test_scoring_summary_counts_and_dominant(res):
    ukraine = res.parties["Ukraine"]
    assert ukraine.frame_counts["hard-line"] >= 1
    assert ukraine.dominant[0] in ("hard-line", "skeptical")
    assert sum(ukraine.frame_shares.values()) == pytest.approx(1.0)
    assert res.parties["Russia"].frame_counts["conciliatory"] >= 1


def test_scoring_voice_and_prominence(res):
    ukraine = res.parties["Ukraine"]
    assert ukraine.voice >= 1 and ukraine.in_title and ukraine.first_mention == 0
    quote = next(q for q in res.quotations if "fooled" in q.text)
    assert quote.actor == "Ukraine" and quote.speaker == "Zelensky"


def test_scoring_sentiment_toward_and_by(res):
    ukraine = res.parties["Ukraine"]
    assert ukraine.sentiment_toward is not None and -1 <= ukraine.sentiment_toward <= 1
    assert ukraine.sentiment_toward_n == ukraine.sentences
    assert ukraine.sentiment_by_n == ukraine.voice


def test_scoring_sentiment_toward_is_party_aware_by_default(res):
    vader = {s.index: s.sentiment for s in res.sentences}
    for name, p in res.parties.items():
        assert p.sentiment_toward_measure == "party-aware"
        sentences = sorted({m.sentence for m in res.mentions if m.actor == name})
        assert p.sentence_tone == pytest.approx(sum(vader[k] for k in sentences)
                                                / len(sentences))
        assert p.sentence_tone_n == len(sentences)
        targets = [t for t in res.targets if t.actor == name]
        assert sorted(t.sentence for t in targets) == sentences
        assert p.sentiment_toward == pytest.approx(sum(t.sentiment for t in targets)
                                                   / len(targets))


@pytest.mark.parametrize("method", ["lexicon", "ensemble"])
def test_scoring_to_frame_names_the_sentiment_measure(method):
    res = score_article(ARTICLE, actors=ACTORS, method=method)
    df = res.to_frame()
    cols = df.columns.tolist()
    assert cols[cols.index("sentiment_toward"):cols.index("sentiment_by")] == [
        "sentiment_toward", "sentiment_toward_n", "sentiment_toward_measure", "sentence_tone",
        "sentence_tone_n"]
    assert "sentiment_target" not in cols
    assert set(df["sentiment_toward_measure"]) == {"party-aware"}
    assert df["sentiment_toward"].tolist() == [p.sentiment_toward for p in res.parties.values()]
    targets = res.to_frame("targets")
    assert targets.columns.tolist() == ["actor", "sentence", "sentiment", "negative",
                                        "neutral", "positive"]
    assert targets.groupby("actor", sort=False)["sentiment"].mean().to_dict() == \
        pytest.approx(dict(zip(df["actor"], df["sentiment_toward"], strict=True)))
    doc = json.loads(json.dumps(res.to_dict()))
    assert doc["meta"]["sentiment_toward"] == "party-aware"
    assert doc["parties"]["Ukraine"]["sentiment_toward_measure"] == "party-aware"
    assert len(doc["targets"]) == len(res.targets)


def test_scoring_sentence_vader_stays_available():
    res = score_article(ARTICLE, actors=ACTORS, sentiment="sentence-vader")
    df = res.to_frame()
    assert set(df["sentiment_toward_measure"]) == {"sentence-vader"}
    assert df["sentiment_toward"].tolist() == df["sentence_tone"].tolist()
    assert res.to_frame("targets").empty


def test_scoring_boilerplate_is_not_scored(res):
    assert any("Read more" in ARTICLE[a:b] for a, b, _ in res.boilerplate)
    assert all("Read more" not in s.text for s in res.sentences)


def test_scoring_dateline_place_is_not_a_mention(res):
    assert all(m.text != "KYIV" for m in res.mentions)


def test_scoring_to_dict_is_json_and_to_frame_is_tidy(res):
    doc = json.loads(json.dumps(res.to_dict()))
    assert doc["parties"]["Ukraine"]["dominant"]
    parties = res.to_frame()
    assert list(parties["actor"])[:2] == ["Ukraine", "Russia"]
    framings = res.to_frame("framings")
    assert {"actor", "frame", "cue", "sentence_start", "sentence_end"} <= set(framings.columns)
    assert len(framings) == len(res.framings)
    for table in ("mentions", "sentences", "statements"):
        assert len(res.to_frame(table)) > 0
    with pytest.raises(ValueError, match="table must be one of"):
        res.to_frame("nope")


def test_scoring_is_deterministic():
    a = score_article(ARTICLE, actors=ACTORS).to_dict()
    b = score_article(ARTICLE, actors=ACTORS).to_dict()
    assert a == b


def test_scoring_meta_records_versions(res):
    assert res.meta["framing_version"] == framing.__version__
    assert "frames.tsv" in res.meta["lexicons"]


@pytest.mark.parametrize("bad", [b"bytes", 42, None])
def test_scoring_rejects_non_text(bad):
    with pytest.raises(InputError):
        score_article(bad)


def test_scoring_empty_article():
    res = score_article("")
    assert res.parties == {} and res.framings == ()


def test_scoring_user_lexicon_changes_scores(tmp_path):
    text = "The union sandbagged the company."
    actors = {"Union": ["union"], "Company": ["company"]}
    assert not score_article(text, actors=actors, method="lexicon").framings
    lex = tmp_path / "extra.tsv"
    lex.write_text("pattern\tframe\tweight\tmatch\trole\texample\n"
                   "sandbag\thard-line\t1.0\tverb\tstance\tThey sandbagged it.\n",
                   encoding="utf-8")
    res = score_article(text, actors=actors, lexicon=lex, method="lexicon")
    assert [(f.actor, f.frame) for f in res.framings] == [("Union", "hard-line")]


def test_scoring_quote_spanning_sentences_without_marks():
    """A sentence with no quotation mark inside a quotation (the fast path of parse_article)
    is still the speaker's: "We" in it stands for Peskov."""
    from framing.lexicon.scoring import _QUOTE_MARK
    from framing.read.clauses import QUOTES_CLOSE, QUOTES_OPEN

    # The marks the fast path looks for are exactly those the quotation loop reacts to.
    reacts = (QUOTES_OPEN | QUOTES_CLOSE | {'"'}) - {"‘", "’"}
    assert {c for c in "“”«»\"‘’'" if _QUOTE_MARK.search(c)} == reacts
    res = score_article("Talks stall\n“We will not sign. We reject the truce. It is a trap,” "
                        "Peskov said. Kyiv offered talks.", method="lexicon")
    assert [(f.actor, f.frame, f.sentence, f.holder) for f in res.framings] == [
        ("Russia", "hard-line", 2, "We"), ("Russia", "skeptical", 3, "Peskov"),
        ("Ukraine", "conciliatory", 4, "Kyiv")]
    assert [(m.actor, m.text, m.sentence) for m in res.mentions][:2] == [
        ("Russia", "We", 1), ("Russia", "We", 2)]
