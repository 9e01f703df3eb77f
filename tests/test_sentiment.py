"""framing.lexicon.sentiment: agreement with vaderSentiment 3.3.2, edge cases, resources."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from framing.lexicon import sentiment
from framing.lexicon.sentiment import SentimentResourceError, Vader, sentence_sentiment

vader_reference = pytest.importorskip("vaderSentiment.vaderSentiment")

NEWSMTSC = Path(__file__).resolve().parents[2] / "shared" / "data" / "newsmtsc"
NEWSMTSC_DEV_FILES = ("dev_mt.jsonl", "dev_rw.jsonl")

# Sentences that exercise every rule of VADER, and the reference's quirks.
TRICKY_SENTENCES = (
    # plain
    "The book was good.",
    "The meeting is on Tuesday.",
    "VADER is smart, handsome, and funny.",
    # negation
    "The book was not good.",
    "At least it isn't a horrible book.",
    "Not bad at all",
    "I don't think the plan is great.",
    "He never said the deal was good.",
    "Nothing about this is wonderful.",
    "I can't stand it",
    "No good deed goes unpunished.",
    "There is no doubt the plan is good.",
    "no no good",
    "There was no help or support.",
    "It is no. good",
    "Without a doubt, excellent idea.",
    "Without a doubt, an excellent idea.",
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "It was never so good",
    # "but"
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "The food was nice, but the service was okay.",  # the value-not-position quirk
    "It was cruel, but I blame nobody.",
    "good good but good",
    "But it was terrible.",
    "It was bad BUT good, but then awful.",
    "Today only kinda sux! But I'll get by, lol",
    # boosters and dampeners
    "VADER is very smart, handsome, and funny.",
    "The results were extremely good and really impressive.",
    "The movie was slightly bad.",
    "It was barely good enough.",
    "The book was only kind of good.",
    "kind of good",
    "It is sort of bad.",
    "It is just enough fun for kids.",
    "Most automated sentiment analysis tools are shit.",
    "Other sentiment analysis tools can be quite bad.",
    # capitals
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "Today SUX!",
    "GOOD DAY",
    "GOOD 2",
    "I LOVE IT",
    "The VERY good results",
    "The results are EXTREMELY bad",
    # "least"
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "least good",
    "She is the very least good candidate.",
    # idioms and the "so"/"this" quirk
    "With VADER, sentiment analysis is the shit!",
    "It is the bomb",
    "the bomb",
    "On the other hand, VADER is quite bad ass",
    "VADER is such a badass!",
    "We waited at the bus stop for an hour.",
    "yeah right, that will work",
    "It was a kiss of death for the campaign.",
    "The kiss of death for them",
    "The chocolate cake here is to die for.",
    "He heard a beating heart.",
    "He said this good",
    "He said so good",
    # punctuation emphasis
    "Great!!!",
    "Great!!!!!!!",
    "Terrible!!",
    "Is it good??",
    "Is it good???",
    "Is it good????",
    "Really good?",
    "!!!",
    "?",
    # emoticons, emoji
    "Make sure you :) or :D today!",
    ":( sad day",
    "<3 it",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "😁",
    "good😁",
    "😁😁 great",
    "🔛 now",  # the description "ON! arrow" adds a "!" and a word in capitals
    "I love it ❤️",
    "Ⓜ is fine",
    # empty and whitespace
    "",
    "   ",
    "\t\n",
    # non-ASCII
    "Café was wonderful — truly “excellent”.",
    "The “reform” was a disaster, critics say.",
    "Это хорошо, good",
    "İyi bir gün, good day",
    "\u212aind of good, it is \u212aIND of good",  # KELVIN SIGN lower-cases to "k"
    "ΟΔΟΣ is good",
    "naïve but good",
    "good\u00a0day, bad\u2003night",
    "good—bad",
    # short tokens keep their punctuation
    "no. good",
    "ok, fine",
    "It's ok.",
    "lol",
    # a news sentence
    "Moscow’s demands include recognition of its territorial claims, a significant challenge.",
)

# Words for the seeded random sentences: every rule word, some lexicon words, punctuation.
_RULE_WORDS_TEXT = (
    "the shit bomb bad ass bus stop yeah right kiss of death to die for beating heart badass "
    "just enough kind sort kinda very so this never without doubt no not n't isn't least at or "
    "nor but good great nice okay love hate terrible fine cruel blame really extremely barely "
    "slightly I a it. no. ok, GOOD BAD VERY NOT BUT NO Least ! ? !!! :) :( 😁 🔛 — “good”"
)
RULE_WORDS = tuple(_RULE_WORDS_TEXT.split())
RANDOM_SENTENCES = 3000
RANDOM_SEED = 20140601


def reference_rounding(scores: dict[str, float]) -> dict[str, float]:
    """Round like vaderSentiment's polarity_scores does."""
    return {
        "neg": round(scores["neg"], 3),
        "neu": round(scores["neu"], 3),
        "pos": round(scores["pos"], 3),
        "compound": round(scores["compound"], 4),
    }


@pytest.fixture(scope="module")
def reference():
    return vader_reference.SentimentIntensityAnalyzer()


@pytest.fixture(scope="module")
def vader() -> Vader:
    return Vader()


@pytest.fixture
def unrounded_reference(reference, monkeypatch):
    """The reference analyzer with its final rounding switched off."""
    monkeypatch.setattr(vader_reference, "round", lambda x, ndigits=None: x, raising=False)
    return reference


def disagreement(vader: Vader, reference, text: str) -> str | None:
    expected = reference.polarity_scores(text)
    ours = vader.polarity_scores(text)
    if reference_rounding(ours) != expected:
        return f"{text!r}: ours {reference_rounding(ours)} != reference {expected}"
    if vader.compound(text) != ours["compound"]:
        return f"{text!r}: compound() {vader.compound(text)} != {ours['compound']}"
    return None


@pytest.mark.parametrize("text", TRICKY_SENTENCES)
def test_agrees_with_reference(vader, reference, text):
    assert disagreement(vader, reference, text) is None


@pytest.mark.parametrize("text", TRICKY_SENTENCES)
def test_agrees_with_reference_before_rounding(vader, unrounded_reference, text):
    assert vader.polarity_scores(text) == unrounded_reference.polarity_scores(text)


def test_random_rule_word_sentences_agree(vader, unrounded_reference):
    rng = random.Random(RANDOM_SEED)
    failures = []
    for _ in range(RANDOM_SENTENCES):
        text = " ".join(rng.choice(RULE_WORDS) for _ in range(rng.randint(0, 10)))
        if vader.polarity_scores(text) != unrounded_reference.polarity_scores(text):
            failures.append(text)
    assert failures == []


@pytest.mark.shared
@pytest.mark.parametrize("name", NEWSMTSC_DEV_FILES)
def test_agrees_on_newsmtsc_dev(vader, reference, name):
    path = NEWSMTSC / name
    if not path.is_file():
        pytest.skip(f"{path} not found (NewsMTSC lives in ../shared/data/newsmtsc)")
    with path.open(encoding="utf-8") as f:
        sentences = [json.loads(line)["sentence"] for line in f if line.strip()]
    assert sentences
    failures = [d for s in sentences if (d := disagreement(vader, reference, s)) is not None]
    assert failures == [], f"{len(failures)} of {len(sentences)} sentences disagree"


def test_scores_are_unrounded(vader):
    scores = vader.polarity_scores("The book was good.")
    assert list(scores) == ["neg", "neu", "pos", "compound"]
    assert scores["neu"] != round(scores["neu"], 3)
    assert scores["compound"] != round(scores["compound"], 4)
    assert scores["neg"] + scores["neu"] + scores["pos"] == pytest.approx(1.0)


@pytest.mark.parametrize("text", ["", "   ", "\t\n\u00a0"])
def test_empty_text_scores_zero_everywhere(vader, text):
    assert vader.polarity_scores(text) == {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    assert vader.compound(text) == 0.0


def test_text_without_lexicon_words_is_neutral(vader):
    assert vader.polarity_scores("The meeting is on Tuesday.") == {
        "neg": 0.0,
        "neu": 1.0,
        "pos": 0.0,
        "compound": 0.0,
    }


def test_but_rule_reproduces_the_reference_quirk(vader):
    # "nice" (1.8) is halved to 0.9 before "but"; the reference then finds that 0.9 when it
    # looks for "okay" (0.9) and halves it again, leaving "okay" unscaled: 0.45 + 0.9.
    quirky = vader.compound("The food was nice, but the service was okay.")
    assert quirky == pytest.approx(1.35 / (1.35**2 + 15) ** 0.5)


@pytest.mark.parametrize("text", TRICKY_SENTENCES[:20])
def test_sentence_sentiment_is_the_default_compound(vader, text):
    assert sentence_sentiment(text) == vader.compound(text)


def test_instances_share_the_lexicon():
    assert Vader()._lexicon is Vader()._lexicon


def test_lower_case_assumption_holds():
    # The fast tokeniser relies on str.lower() mapping every character but U+0130 to exactly
    # one character, and never turning whitespace or ASCII punctuation into something else.
    longer = [c for c in map(chr, range(sys.maxunicode + 1)) if len(c.lower()) != 1]
    assert longer == [sentiment._LOWER_GROWS]


def test_lexicon_is_loaded_lazily():
    code = (
        "import framing.lexicon.sentiment as s\n"
        "assert s._resources.cache_info().currsize == 0\n"
        "s.sentence_sentiment('good')\n"
        "assert s._resources.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_missing_vadersentiment_raises_a_clear_error(monkeypatch):
    def missing(package):
        raise ModuleNotFoundError(f"No module named {package!r}")

    monkeypatch.setattr(sentiment.resources, "files", missing)
    sentiment._resources.cache_clear()
    try:
        with pytest.raises(SentimentResourceError, match="install vaderSentiment"):
            Vader()
    finally:
        sentiment._resources.cache_clear()
    assert issubclass(SentimentResourceError, RuntimeError)
