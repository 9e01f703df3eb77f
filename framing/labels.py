"""Label strings of the annotation guideline, defined once for the whole package.

Every other module imports the frame names from here; none writes them inline.
"""

from __future__ import annotations

from typing import Literal

Frame = Literal["hard-line", "skeptical", "conciliatory"]

HARD_LINE: Frame = "hard-line"
SKEPTICAL: Frame = "skeptical"
CONCILIATORY: Frame = "conciliatory"

#: The three frames, in the order the guideline lists ties.
FRAMES: tuple[Frame, ...] = (HARD_LINE, SKEPTICAL, CONCILIATORY)

#: Dominant frame of a party that has no framed sentence.
NONE = "none"

#: Frame of a lexicon ``block`` row (a phrase that is not a stance).
BLOCK = "none"

#: Methods that produce framings.
METHODS: tuple[str, ...] = ("lexicon", "classifier", "ensemble")

#: The method ``score_article``, ``framing score``, ``framing batch`` and ``score_corpus`` use
#: unless told otherwise: the most accurate on real news (the real-news dev split) of those that
#: score at least 50 articles a second on one core (``docs/accuracy.md``).
DEFAULT_METHOD = "ensemble"

#: Sentiment toward a party from the party-aware (target-sentiment) model: for every sentence
#: that mentions the party, P(positive) − P(negative) of the (sentence, party) item; the party's
#: value in an article is the mean over those sentences. Two parties of one sentence can differ.
PARTY_AWARE = "party-aware"

#: Sentiment toward a party as the mean VADER compound of the sentences that mention it: the
#: tone of the sentences, the same for every party of a sentence. Also always given apart, as
#: ``sentence_tone``; it is ``sentiment_toward`` only when the party-aware model is not used.
SENTENCE_VADER = "sentence-vader"

#: The measures ``sentiment_toward`` can hold (``sentiment_toward_measure`` says which).
SENTIMENT_MEASURES: tuple[str, ...] = (PARTY_AWARE, SENTENCE_VADER)

#: How a plot's axis, a table's header or caption names each measure.
MEASURE_LABELS: dict[str, str] = {
    PARTY_AWARE: "party-aware sentiment (model: P(positive) - P(negative))",
    SENTENCE_VADER: "sentence VADER (mean compound of the party's sentences)",
}
