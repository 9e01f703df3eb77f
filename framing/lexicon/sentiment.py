"""Sentence sentiment with the VADER algorithm, re-implemented for speed.

VADER (Hutto & Gilbert, 2014, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
Social Media Text", ICWSM-14) scores a sentence from a lexicon of word valences and a handful of
rules: boosters and dampeners ("very", "kind of"), negation ("not", "n't", "never"), words in
capitals, the contrastive "but", "least", a few idioms ("the bomb"), and emphasis from "!" and
"?". This module gives the same scores as ``SentimentIntensityAnalyzer().polarity_scores`` of
the ``vaderSentiment`` package, version 3.3.2 (MIT licence), but works in a single pass over
the tokens and only does the work a score needs, so it is several times faster.

The scores agree with the reference after the reference's own rounding (``neg``, ``neu`` and
``pos`` to 3 decimals, ``compound`` to 4); the values returned here are not rounded. The rules
are reproduced as the reference applies them, quirks included, because agreement matters more
than linguistic taste here (see the notes in :class:`Vader`).

The lexicon is not copied into ``framing``: ``vader_lexicon.txt`` and
``emoji_utf8_lexicon.txt`` are read from the installed ``vaderSentiment`` package on first use
and kept for the life of the process.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from ..errors import ResourceError

__all__ = ["SentimentResourceError", "Vader", "sentence_sentiment", "word_valences"]


class SentimentResourceError(ResourceError):
    """The VADER lexicon files cannot be read because ``vaderSentiment`` is not installed.

    A :class:`RuntimeError` (through :class:`framing.errors.ResourceError`).
    """


# ---------------------------------------------------------------------------------------------
# Constants of the algorithm. They define VADER and are reproduced as data from Hutto & Gilbert
# (2014) and the reference implementation vaderSentiment 3.3.2 (MIT licence, C.J. Hutto).
# ---------------------------------------------------------------------------------------------

#: Valence added by a booster word (empirical mean from the paper); dampeners subtract it.
BOOST = 0.293
#: Valence added to a lexicon word (or a booster) written in capitals amid non-capital words.
CAPS_BOOST = 0.733
#: Factor applied to a valence under negation.
NEGATION_FACTOR = -0.74
#: Factor for "never so/this <word>" (an intensified, not a negated, reading).
NEVER_SO_FACTOR = 1.25
#: A booster two (three) tokens before the word counts 0.95 (0.9) times.
BOOST_DECAY_2 = 0.95
BOOST_DECAY_3 = 0.9
#: Valences before the first "but" are halved, those after it multiplied by 1.5.
BUT_BEFORE = 0.5
BUT_AFTER = 1.5
#: Emphasis of each "!" (at most four count).
EXCLAMATION_STEP = 0.292
EXCLAMATION_MAX = 4
#: Emphasis of each "?" when there are two or three; four or more give a fixed emphasis.
QUESTION_STEP = 0.18
QUESTION_CAP = 0.96
#: ``alpha`` of the normalisation x / sqrt(x**2 + alpha) that maps the sum into [-1, 1].
NORMALIZATION_ALPHA = 15

#: Words that negate a lexicon word up to three tokens later ("n't" inside a token also does).
NEGATIONS: frozenset[str] = frozenset(
    {
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
        "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
        "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    }
)  # fmt: skip

_BOOSTER_UP = (
    "absolutely amazingly awfully completely considerable considerably decidedly deeply effing "
    "enormous enormously entirely especially exceptional exceptionally extreme extremely "
    "fabulously flipping flippin frackin fracking fricking frickin frigging friggin fully "
    "fuckin fucking fuggin fugging greatly hella highly hugely incredible incredibly intensely "
    "major majorly more most particularly purely quite really remarkably so substantially "
    "thoroughly total totally tremendous tremendously uber unbelievably unusually utter utterly "
    "very"
)
_BOOSTER_DOWN = (
    "almost barely hardly kinda kindof kind-of less little marginal marginally occasional "
    "occasionally partly scarce scarcely slight slightly somewhat sorta sortof sort-of"
)
#: Single-word boosters (+BOOST) and dampeners (-BOOST); the sign follows the word's valence.
BOOSTERS: dict[str, float] = {
    **{word: BOOST for word in _BOOSTER_UP.split()},
    **{word: -BOOST for word in _BOOSTER_DOWN.split()},
}
#: Two-word dampeners; tokens never contain spaces, so they only act inside the idiom window.
BOOSTER_PHRASES: dict[tuple[str, ...], float] = {
    ("just", "enough"): -BOOST,
    ("kind", "of"): -BOOST,
    ("sort", "of"): -BOOST,
}
#: Phrases with lexicon words whose valence replaces the word's own. (The reference also lists
#: the single word "badass", which can never match, and a few idioms it does not use.)
SPECIAL_PHRASES: dict[tuple[str, ...], float] = {
    ("the", "shit"): 3.0,
    ("the", "bomb"): 3.0,
    ("bad", "ass"): 1.5,
    ("bus", "stop"): 0.0,
    ("yeah", "right"): -2.0,
    ("kiss", "of", "death"): -1.5,
    ("to", "die", "for"): 3.0,
    ("beating", "heart"): 3.5,
}
# Second words of the phrases above. Every sequence the idiom check can match has its second
# token at the word itself, one or two tokens before it, or just after it; when none of these
# four tokens is in this set the check cannot change anything and is skipped.
_PHRASE_SECOND_WORDS = frozenset(phrase[1] for phrase in (*SPECIAL_PHRASES, *BOOSTER_PHRASES))

_PUNCTUATION = string.punctuation
# The one character whose lower case is longer (U+0130 -> "i" + U+0307); texts containing it
# are tokenised exactly like the reference, at a small cost.
_LOWER_GROWS = "\u0130"


# ---------------------------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Resources:
    lexicon: dict[str, float]  # lower-case token -> valence
    scored: dict[str, float]  # the lexicon without booster words (those score 0)
    emoji: dict[int, str]  # code point -> " " + description, for str.translate
    emoji_chars: frozenset[str]  # the characters replaced by a description
    emoji_candidates: re.Pattern[str]  # characters at or above the lowest emoji code point
    ascii_emoji: bool  # some emoji is ASCII (never in 3.3.2): ASCII texts need the check too


def _read_package_text(name: str) -> str:
    try:
        root = resources.files("vaderSentiment")
    except ModuleNotFoundError:
        raise SentimentResourceError(
            "framing.lexicon.sentiment needs the VADER lexicon from the vaderSentiment package; "
            "install vaderSentiment (pip install 'vaderSentiment>=3.3.2')"
        ) from None
    try:
        # Bytes, not read_text: the lexicon has CRLF line ends, split on "\n" like the reference.
        return (root / name).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SentimentResourceError(
            f"vaderSentiment/{name}: cannot be read ({exc}); reinstall vaderSentiment "
            "(pip install --force-reinstall 'vaderSentiment>=3.3.2')"
        ) from None


def _parse_two_columns(text: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in text.split("\n"):
        fields = line.strip().split("\t")
        if len(fields) >= 2:
            table[fields[0]] = fields[1]  # a repeated key keeps its last value
    return table


@lru_cache(maxsize=1)
def _resources() -> _Resources:
    lexicon = {
        word: float(value)
        for word, value in _parse_two_columns(_read_package_text("vader_lexicon.txt")).items()
    }
    scored = {word: value for word, value in lexicon.items() if word not in BOOSTERS}
    emojis = _parse_two_columns(_read_package_text("emoji_utf8_lexicon.txt"))
    # Only single code points are ever replaced; the space keeps the description a separate
    # token (extra spaces do not change how the text splits).
    table = {ord(key): " " + value for key, value in emojis.items() if len(key) == 1}
    lowest = min(table, default=0x10FFFF)
    candidates = re.compile(f"[\\U{lowest:08x}-\\U0010ffff]")
    return _Resources(lexicon, scored, table, frozenset(map(chr, table)), candidates, lowest < 128)


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def _caps_differ(tokens: list[str]) -> bool:
    """True when some, but not all, tokens are in capitals."""
    upper = sum(map(str.isupper, tokens))
    return 0 < upper < len(tokens)


def _emphasis(text: str) -> float:
    """Emphasis from exclamation and question marks, added to the magnitude of the sum."""
    exclamations = min(text.count("!"), EXCLAMATION_MAX) * EXCLAMATION_STEP
    questions = text.count("?")
    if questions <= 1:
        return exclamations
    if questions <= 3:
        return exclamations + questions * QUESTION_STEP
    return exclamations + QUESTION_CAP


def _normalize(total: float) -> float:
    score = total / math.sqrt(total * total + NORMALIZATION_ALPHA)
    return -1.0 if score < -1.0 else 1.0 if score > 1.0 else score


class Vader:
    """VADER sentiment scorer that agrees with ``vaderSentiment`` 3.3.2.

    Creating the first instance reads the lexicons from the installed ``vaderSentiment``
    package (a few tens of milliseconds); later instances share them. Instances hold no
    per-text state and can be shared between threads.

    Raises
    ------
    SentimentResourceError
        If ``vaderSentiment`` is not installed.

    Notes
    -----
    The rules are those of the reference implementation, including its quirks:

    * Tokens are the whitespace-separated pieces of the text, with ASCII punctuation stripped
      from both ends unless that leaves two characters or fewer (so ``"no."`` stays ``"no."``
      and is not the lexicon word "no").
    * A word in capitals is emphasised when at least one token is not in capitals; tokens
      without letters ("2", ":)", "--") count as not in capitals, so "GOOD 2" is emphasised
      and "GOOD DAY" is not.
    * When the third token before a scored word is not a lexicon word, a "so" or "this" right
      before the word multiplies its valence by 1.25 ("He said this good" scores higher than
      "this good"); the reference meant this only for "never so/this".
    * Idioms ("the bomb", "kiss of death") and the dampeners "kind of", "sort of" and "just
      enough" are only looked at for a word at the fourth token or later whose third-preceding
      token is not a lexicon word: "It is kind of good" is dampened, "kind of good" is not.
      A phrase can count for each of its lexicon words ("It was a kiss of death").
    * The "but" rule locates each valence by value, not by position: when the same value occurs
      twice, or a halved value equals a later one, the reference rescales the earlier entry
      (again) and leaves the later one alone. This is reproduced exactly.
    * An empty or all-whitespace text scores 0 everywhere, ``neu`` included.

    Examples
    --------
    >>> vader = Vader()
    >>> round(vader.compound("The book was good."), 4)
    0.4404
    >>> {k: round(v, 3) for k, v in vader.polarity_scores("The book was good.").items()}
    {'neg': 0.0, 'neu': 0.508, 'pos': 0.492, 'compound': 0.44}
    >>> vader.compound("The book was not good.") < 0
    True
    """

    __slots__ = (
        "_ascii_emoji",
        "_emoji",
        "_emoji_candidates",
        "_emoji_chars",
        "_lexicon",
        "_scored",
    )

    def __init__(self) -> None:
        res = _resources()
        self._lexicon = res.lexicon
        self._scored = res.scored
        self._emoji = res.emoji
        self._emoji_chars = res.emoji_chars
        self._emoji_candidates = res.emoji_candidates
        self._ascii_emoji = res.ascii_emoji

    # -- public API ----------------------------------------------------------------------------

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Score a text: proportions of negative, neutral and positive tokens, and compound.

        Parameters
        ----------
        text : str
            One sentence (VADER is designed for sentences; longer texts work but blur).

        Returns
        -------
        dict of str to float
            ``neg``, ``neu`` and ``pos`` in [0, 1] (they sum to 1 unless the text is empty),
            and ``compound`` in [-1, 1]. Values are not rounded; rounded like the reference
            (3 decimals, 4 for ``compound``) they equal ``vaderSentiment``'s.

        Examples
        --------
        >>> scores = Vader().polarity_scores("VADER is smart, handsome, and funny!")
        >>> sorted(scores)
        ['compound', 'neg', 'neu', 'pos']
        >>> round(scores["compound"], 4), round(scores["pos"], 3)
        (0.8439, 0.752)
        >>> Vader().polarity_scores("")
        {'neg': 0.0, 'neu': 0.0, 'pos': 0.0, 'compound': 0.0}
        """
        scored = self._valences(text)
        if scored is None:
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        valences, n_tokens, text = scored
        if not valences:
            return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
        emphasis = _emphasis(text)
        total = sum(valences)
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
        pos_sum = 0.0
        neg_sum = 0.0
        for value in valences:
            if value > 0:
                pos_sum += value + 1  # the 1 stands for the token itself, as a neutral one would
            else:
                neg_sum += value - 1
        neutral = n_tokens - len(valences)
        if pos_sum > math.fabs(neg_sum):
            pos_sum += emphasis
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= emphasis
        whole = pos_sum + math.fabs(neg_sum) + neutral
        return {
            "neg": math.fabs(neg_sum / whole),
            "neu": math.fabs(neutral / whole),
            "pos": math.fabs(pos_sum / whole),
            "compound": _normalize(total),
        }

    def compound(self, text: str) -> float:
        """Compound score of a text only: the fast path for scoring many sentences.

        Parameters
        ----------
        text : str
            One sentence.

        Returns
        -------
        float
            The normalised, weighted sum of valences in [-1, 1], unrounded; equal to
            ``polarity_scores(text)["compound"]``.

        Examples
        --------
        >>> vader = Vader()
        >>> round(vader.compound("VADER is VERY SMART, handsome, and FUNNY!!!"), 4)
        0.9342
        >>> vader.compound("The meeting is on Tuesday.")
        0.0
        """
        scored = self._valences(text)
        if scored is None or not scored[0]:
            return 0.0
        valences, _, text = scored
        total = sum(valences)
        if total > 0:
            total += _emphasis(text)
        elif total < 0:
            total -= _emphasis(text)
        return _normalize(total)

    # -- the algorithm -------------------------------------------------------------------------

    def _valences(self, text: str) -> tuple[list[float], int, str] | None:
        """Non-zero valences in token order (after the "but" rule), token count, text.

        The text returned is the one whose "!" and "?" count (emoji replaced by their
        descriptions). ``None`` means the text has no tokens.
        """
        if self._ascii_emoji or not text.isascii():
            if not self._emoji_chars.isdisjoint(self._emoji_candidates.findall(text)):
                text = text.translate(self._emoji)
            if _LOWER_GROWS in text:
                return self._score(*_tokens_exact(text), text)
        # Lower-casing the whole text first gives the same tokens as the reference's
        # strip-then-lower-case per token: lower() maps every character but one (handled above)
        # to exactly one character and never creates or removes whitespace or ASCII
        # punctuation. (Only the final-sigma form can differ, which no rule looks at.)
        lowered = text.lower().split()
        if not lowered:
            return None
        words = [s if len(s := t.strip(_PUNCTUATION)) > 2 else t for t in lowered]
        return self._score(words, None, text)

    def _score(
        self, words: list[str], originals: list[str] | None, text: str
    ) -> tuple[list[float], int, str] | None:
        """Apply the rules to the lower-cased ``words``.

        ``originals`` are the same tokens in their original case (for the capitals rule), or
        ``None`` to split them from ``text`` when needed.
        """
        n = len(words)
        if not n:
            return None
        scored = self._scored
        hits = [i for i, w in enumerate(words) if w in scored]
        if not hits:
            return [], n, text

        lexicon = self._lexicon
        boosters = BOOSTERS
        negations = NEGATIONS
        if originals is None:
            # Stripping punctuation never changes str.isupper(), so the plain whitespace split
            # of the text serves as the tokens in their original case.
            originals = text.split()
        caps_differ: bool | None = None  # some but not all tokens in capitals; found lazily
        values: list[float] = []
        positions: list[int] = []
        for i in hits:
            word = words[i]
            nxt = words[i + 1] if i + 1 < n else ""
            if word == "kind" and nxt == "of":
                continue
            base = lexicon[word]
            valence = base
            if word == "no" and nxt in lexicon:
                valence = 0.0  # "no" negates the next word instead of scoring itself
            # Tokens are never empty, so "" marks "before the start".
            p1 = words[i - 1] if i > 0 else ""
            p2 = words[i - 2] if i > 1 else ""
            p3 = words[i - 3] if i > 2 else ""
            if p1 == "no" or p2 == "no" or (p3 == "no" and (p1 == "or" or p1 == "nor")):
                valence = base * NEGATION_FACTOR

            if originals[i].isupper():
                if caps_differ is None:
                    caps_differ = _caps_differ(originals)
                if caps_differ:
                    valence = valence + CAPS_BOOST if valence > 0 else valence - CAPS_BOOST

            # Up to three preceding tokens that are not lexicon words: boosters, negation.
            if p1 and p1 not in lexicon:
                boost = boosters.get(p1)
                if boost is not None:
                    if valence < 0:
                        boost = -boost
                    if originals[i - 1].isupper():
                        if caps_differ is None:
                            caps_differ = _caps_differ(originals)
                        if caps_differ:
                            boost = boost + CAPS_BOOST if valence > 0 else boost - CAPS_BOOST
                    valence = valence + boost
                if p1 in negations or "n't" in p1:
                    valence = valence * NEGATION_FACTOR
            if p2 and p2 not in lexicon:
                boost = boosters.get(p2)
                if boost is not None:
                    if valence < 0:
                        boost = -boost
                    if originals[i - 2].isupper():
                        if caps_differ is None:
                            caps_differ = _caps_differ(originals)
                        if caps_differ:
                            boost = boost + CAPS_BOOST if valence > 0 else boost - CAPS_BOOST
                    valence = valence + boost * BOOST_DECAY_2
                if p2 == "never" and (p1 == "so" or p1 == "this"):
                    valence = valence * NEVER_SO_FACTOR
                elif p2 == "without" and p1 == "doubt":
                    pass
                elif p2 in negations or "n't" in p2:
                    valence = valence * NEGATION_FACTOR
            if p3 and p3 not in lexicon:
                boost = boosters.get(p3)
                if boost is not None:
                    if valence < 0:
                        boost = -boost
                    if originals[i - 3].isupper():
                        if caps_differ is None:
                            caps_differ = _caps_differ(originals)
                        if caps_differ:
                            boost = boost + CAPS_BOOST if valence > 0 else boost - CAPS_BOOST
                    valence = valence + boost * BOOST_DECAY_3
                # As in the reference, a "so"/"this" right before the word counts here, whatever
                # the third-preceding token is.
                if (p3 == "never" and (p2 == "so" or p2 == "this")) or p1 == "so" or p1 == "this":
                    valence = valence * NEVER_SO_FACTOR
                elif p3 == "without" and (p2 == "doubt" or p1 == "doubt"):
                    pass
                elif p3 in negations or "n't" in p3:
                    valence = valence * NEGATION_FACTOR
                if (
                    word in _PHRASE_SECOND_WORDS
                    or p1 in _PHRASE_SECOND_WORDS
                    or p2 in _PHRASE_SECOND_WORDS
                    or nxt in _PHRASE_SECOND_WORDS
                ):
                    valence = _idioms(valence, words, i, p1, p2, p3)

            if p1 == "least" and p1 not in lexicon and (i == 1 or (p2 != "at" and p2 != "very")):
                valence = valence * NEGATION_FACTOR
            if valence:
                values.append(valence)
                positions.append(i)

        if values and "but" in words:
            _apply_but(values, positions, words.index("but"))
        return values, n, text


def _tokens_exact(text: str) -> tuple[list[str], list[str]]:
    """Tokens lower-cased after stripping, as the reference does (for texts containing "İ")."""
    originals = [s if len(s := t.strip(_PUNCTUATION)) > 2 else t for t in text.split()]
    return [t.lower() for t in originals], originals


def _idioms(valence: float, words: list[str], i: int, p1: str, p2: str, p3: str) -> float:
    """Idioms around the word at ``i`` (which has at least three tokens before it)."""
    word = words[i]
    for phrase in ((p1, word), (p2, p1, word), (p2, p1), (p3, p2, p1), (p3, p2)):
        special = SPECIAL_PHRASES.get(phrase)
        if special is not None:
            valence = special
            break
    n = len(words)
    if i + 1 < n:
        special = SPECIAL_PHRASES.get((word, words[i + 1]))
        if special is not None:
            valence = special
        if i + 2 < n:
            special = SPECIAL_PHRASES.get((word, words[i + 1], words[i + 2]))
            if special is not None:
                valence = special
    for phrase in ((p3, p2, p1), (p3, p2), (p2, p1)):
        boost = BOOSTER_PHRASES.get(phrase)
        if boost is not None:
            valence = valence + boost
    return valence


def _apply_but(values: list[float], positions: list[int], but_at: int) -> None:
    """Rescale valences around the first "but", in place, exactly as the reference does.

    The reference visits the valences in order and rescales the *first* entry equal to the
    visited value (zeros are unaffected either way, so only non-zero entries are kept here).
    The visited entry itself is never rescaled before its turn, so its value is the original.
    """
    for value in tuple(values):
        at = values.index(value)
        where = positions[at]
        if where < but_at:
            values[at] = value * BUT_BEFORE
        elif where > but_at:
            values[at] = value * BUT_AFTER


_default: Vader | None = None


def sentence_sentiment(text: str) -> float:
    """Compound VADER score of one sentence, with a shared default :class:`Vader`.

    Parameters
    ----------
    text : str
        The sentence.

    Returns
    -------
    float
        Compound score in [-1, 1], unrounded.

    Raises
    ------
    SentimentResourceError
        If ``vaderSentiment`` is not installed.

    Examples
    --------
    >>> round(sentence_sentiment("The plot was good, but the characters are uncompelling."), 4)
    -0.1027
    >>> sentence_sentiment("")
    0.0
    """
    global _default
    if _default is None:
        _default = Vader()
    return _default.compound(text)


def word_valences() -> MappingProxyType[str, float]:
    """VADER's word valences (lower-case word -> valence in about [-4, 4]), read-only.

    Booster words are left out, as the scorer leaves them out; the mapping is shared and built
    once per process. For features that need the valence of single words near a target rather
    than the score of a whole sentence.

    Raises
    ------
    SentimentResourceError
        If ``vaderSentiment`` is not installed.

    Examples
    --------
    >>> valences = word_valences()
    >>> valences["good"], "very" in valences
    (1.9, False)
    """
    return _valence_view()


@lru_cache(maxsize=1)
def _valence_view() -> MappingProxyType[str, float]:
    return MappingProxyType(_resources().scored)
