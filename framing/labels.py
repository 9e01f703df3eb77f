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
