"""Features for sentiment toward one target in a sentence that may name several.

A sentence such as "Moscow accused Kyiv of shelling the plant, but Kyiv's allies praised its
restraint" carries different sentiment toward each party. Features of the whole sentence
(:class:`framing.learn.features.PartyFeaturizer`) see the same words for both; the blocks added here
look at the sentence *from the target*:

* **near words** — each word within ``near_width`` tokens of the target, keyed by side (left or
  right of the target) and distance band (1–2, 3–5, more), so "``PARTYX`` praised" (the target
  praises) and "praised ``PARTYX``" (the target is praised) are different features;
* **clause words** — the words of the segment holding the target, the sentence being cut at
  commas, semicolons, colons, dashes, brackets, quotation marks and contrastive or subordinating
  words ("but", "while", "although", "who", ...);
* **valence words** — every VADER lexicon word of the sentence, marked as negated when a
  negation precedes it, keyed by side and by whether it is in the target's segment;
* **mention shape** — what the target's own mention is, never its name: a pronoun, its length,
  a capitalised name, an acronym, a phrase starting in lower case ("the report"), a date or
  time, a title ("Sen.", "president"), and those of its words that the training sentences
  also use in lower case ("court", "campaign"), so that "Michigan" or "Thursday" can be told
  from a person while names such as "Trump" stay out of the model;
* **dense cues** — VADER valence summed left and right of the target within 3 and 8 tokens,
  in the target's segment and outside it, weighted by distance; the VADER compound of the
  target's segment and of the rest; which side of "but" the target is on; whether it is quoted,
  the agent of a passive ("by ``PARTYX``"), a possessor, the speaker of a "said"; how many other
  targets there are and whether one shares the target's segment.

Everything comes from a regular-expression tokenisation of the masked sentence and VADER word
valences (:func:`framing.lexicon.sentiment.word_valences`): no parsing and no second pass of the
lexicon. The lexicon cue features of :class:`~framing.learn.features.PartyFeaturizer` (if kept) are
cached per item and shared with the frame model.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from ..lexicon.sentiment import NEGATIONS, sentence_sentiment, word_valences
from .features import (
    OTHER,
    TARGET,
    PartyFeaturizer,
    PartyItem,
    TextFeaturizerMixin,
    item_masked,
)
from .tfidf import Block, dense_block, tfidf_block

__all__ = ["DENSE_FEATURES", "TargetSentimentFeaturizer", "TargetView", "lower_case_words",
           "mention_shape", "target_view"]

_TOKEN = re.compile(r"PARTYX|OTHERX|[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*|[^\w\s]")
#: Punctuation that ends the target's segment.
_BREAK_PUNCT = frozenset({",", ";", ":", "(", ")", "[", "]", "—", "–", '"', "“", "”", "?", "!"})
#: Words that open a new segment (contrast, concession, subordinate and relative clauses).
_BREAK_WORDS = frozenset({"but", "while", "although", "though", "whereas", "however", "yet",
                          "because", "despite", "who", "whom", "which", "whose", "unless"})
_SAY = frozenset({"said", "says", "say", "told", "tells", "stated", "added", "wrote", "argued",
                  "claimed", "insisted", "noted", "explained", "announced", "according"})
_BANDS = ((2, "1"), (5, "2"))  # distance <= 2: band 1, <= 5: band 2, further: band 3


def _band(d: int) -> str:
    for limit, name in _BANDS:
        if d <= limit:
            return name
    return "3"


def _squash(x: np.ndarray) -> np.ndarray:
    """Map valence sums into (-1, 1) (VADER's normalisation with alpha = 4)."""
    return x / np.sqrt(x * x + 4.0)


@lru_cache(maxsize=8)
def _near_prefixes(near_width: int) -> dict[bool, tuple[str, ...]]:
    """``L1_`` ... / ``R3_`` ... by side (left: True) and distance 0..near_width."""
    return {left: tuple(f"{'L' if left else 'R'}{_band(d)}_" for d in range(near_width + 1))
            for left in (True, False)}


DENSE_FEATURES: tuple[str, ...] = (
    "left3_pos", "left3_neg", "right3_pos", "right3_neg",
    "left8_pos", "left8_neg", "right8_pos", "right8_neg",
    "segment_pos", "segment_neg", "outside_pos", "outside_neg",
    "decay_left", "decay_right", "segment_compound", "outside_compound",
    "before_but", "after_but", "in_quote", "quote_pos", "quote_neg",
    "by_agent", "possessor", "speaker", "n_others", "other_in_segment", "first_party",
    "target_position", "negation_near", "question",
)  # fmt: skip


_DENSE_INDEX = {name: k for k, name in enumerate(DENSE_FEATURES)}
#: For a word left (True) or right (False) of the target: (window, (pos index, neg index)).
_WINDOW_INDEX = {
    is_left: tuple((w, (_DENSE_INDEX[f"{side}{w}_pos"], _DENSE_INDEX[f"{side}{w}_neg"]))
                   for w in (3, 8))
    for is_left, side in ((True, "left"), (False, "right"))
}
_SEGMENT_INDEX = {same: (_DENSE_INDEX[f"{where}_pos"], _DENSE_INDEX[f"{where}_neg"])
                  for same, where in ((True, "segment"), (False, "outside"))}
_DECAY_INDEX = {True: _DENSE_INDEX["decay_left"], False: _DENSE_INDEX["decay_right"]}
_QUOTE_POS, _QUOTE_NEG = _DENSE_INDEX["quote_pos"], _DENSE_INDEX["quote_neg"]
_SQUASHED = np.array([_DENSE_INDEX[name] for name in (*DENSE_FEATURES[:14], "quote_pos",
                                                      "quote_neg")])


@dataclass(frozen=True, slots=True)
class TargetView:
    """The sentence seen from the target: sparse tokens and dense cues.

    Attributes
    ----------
    near : str
        Space-separated ``L1_word`` / ``R2_word`` ... tokens (side, distance band, word).
    clause : str
        The words of the target's segment, space-separated (target ``PARTYX``).
    valence : str
        ``VLS_word`` tokens: V, side (L/R), S (same segment) or O (other), the word
        (``not_word`` when negated).
    dense : ndarray
        Values in the order of :data:`DENSE_FEATURES`.
    """

    near: str
    clause: str
    valence: str
    dense: np.ndarray


def target_view(item: PartyItem, near_width: int = 10) -> TargetView:
    """Tokenise a masked item and compute its target-centred features.

    Parameters
    ----------
    item : PartyItem
        The sentence and the target's spans (other parties masked as ``OTHERX``).
    near_width : int, default=10
        How many words on each side count as near.

    Examples
    --------
    >>> a = target_view(PartyItem("Moscow praised Kyiv.", ((15, 19),), ((0, 6),)))
    >>> b = target_view(PartyItem("Moscow praised Kyiv.", ((0, 6),), ((15, 19),)))
    >>> a.near, b.near
    ('L1_otherx L1_praised', 'R1_praised R1_otherx')
    >>> k = DENSE_FEATURES.index("left3_pos")
    >>> bool(a.dense[k] > 0), float(b.dense[k])
    (True, 0.0)
    """
    words: list[str] = []  # lower-case words, masks as "partyx" / "otherx"
    seg: list[int] = []  # segment of each word
    quoted: list[bool] = []
    segment, in_quote = 0, False
    # Spaces around the masks keep a mention that starts or ends inside a word a word of its own.
    masked = item_masked(item).replace(TARGET, f" {TARGET} ").replace(OTHER, f" {OTHER} ")
    for tok in _TOKEN.findall(masked):
        if len(tok) == 1 and not tok.isalnum():
            if tok in _BREAK_PUNCT:
                segment += 1
            if tok == '"':
                in_quote = not in_quote
            elif tok == "“":
                in_quote = True
            elif tok == "”":
                in_quote = False
            continue
        low = tok.lower().replace("’", "'")
        if low in _BREAK_WORDS:
            segment += 1
        words.append(low)
        seg.append(segment)
        quoted.append(in_quote)
    targets = [k for k, w in enumerate(words) if w == "partyx"]
    if not targets:  # the span held no word (punctuation only): no target-centred features
        return TargetView("", "", "", np.zeros(len(DENSE_FEATURES), dtype=np.float64))
    n = len(words)
    tset = set(targets)
    tsegs = {seg[k] for k in targets}
    lex = word_valences()
    idx = _DENSE_INDEX
    dense = [0.0] * len(DENSE_FEATURES)  # Python floats: the same sums, cheaper updates

    # Distance to the nearest target word and the side it is on.
    if len(targets) == 1:  # most items: the party is named once in the sentence
        t = targets[0]
        dist = [abs(k - t) for k in range(n)]
        left = [k < t for k in range(n)]
    else:
        dist, left = _nearest_targets(targets, n)

    near, clause, valence = [], [], []
    prefixes = _near_prefixes(near_width)
    negation_near = idx["negation_near"]
    for k, w in enumerate(words):
        if k in tset:
            if seg[k] in tsegs:
                clause.append(w)
            continue
        side = "L" if left[k] else "R"
        same = seg[k] in tsegs
        d = dist[k]
        if d <= near_width:
            near.append(prefixes[left[k]][d] + w)
        if same:
            clause.append(w)
        v = lex.get(w)
        if v is None:
            continue
        before = words[max(0, k - 3):k]
        negated = any(p in NEGATIONS or "n't" in p for p in before)
        if negated:
            v = -0.74 * v
            if d <= 3:
                dense[negation_near] += 1
        valence.append(f"V{side}{'S' if same else 'O'}_{'not_' if negated else ''}{w}")
        pos, neg = max(v, 0.0), min(v, 0.0)
        for width, (i_pos, i_neg) in _WINDOW_INDEX[left[k]]:
            if d <= width:
                dense[i_pos] += pos
                dense[i_neg] += neg
        i_pos, i_neg = _SEGMENT_INDEX[same]
        dense[i_pos] += pos
        dense[i_neg] += neg
        dense[_DECAY_INDEX[left[k]]] += v * math.exp(-d / 4.0)
        if quoted[k]:
            dense[_QUOTE_POS] += pos
            dense[_QUOTE_NEG] += neg

    # VADER compound of the target's segment and of the rest (all rules, on the raw words).
    inside = " ".join(w for k, w in enumerate(words) if seg[k] in tsegs and k not in tset)
    outside = " ".join(w for k, w in enumerate(words) if seg[k] not in tsegs)
    dense[idx["segment_compound"]] = sentence_sentiment(inside)
    dense[idx["outside_compound"]] = sentence_sentiment(outside)

    first = targets[0]
    if "but" in words:
        b = words.index("but")
        dense[idx["before_but"]] = float(first < b)
        dense[idx["after_but"]] = float(first > b)
    dense[idx["in_quote"]] = float(quoted[first])
    dense[idx["by_agent"]] = float(any(k > 0 and words[k - 1] == "by" for k in targets))
    dense[idx["possessor"]] = float(any(k + 1 < n and words[k + 1] in ("'s", "s", "'")
                                        for k in targets))
    dense[idx["speaker"]] = float(any(w in _SAY for w in words[first + 1:first + 4])
                                  or any(w in _SAY for w in words[max(0, first - 2):first]))
    others = [k for k, w in enumerate(words) if w == "otherx"]
    dense[idx["n_others"]] = min(len(others), 3) / 3
    dense[idx["other_in_segment"]] = float(any(seg[k] in tsegs for k in others))
    dense[idx["first_party"]] = float(not others or first < others[0])
    dense[idx["target_position"]] = first / max(n - 1, 1)
    dense[idx["question"]] = float("?" in item.text)
    values = np.array(dense, dtype=np.float64)
    values[_SQUASHED] = _squash(values[_SQUASHED])  # none of these was set after the sums
    return TargetView(" ".join(near), " ".join(clause), " ".join(valence), values)


def _nearest_targets(targets: list[int], n: int) -> tuple[list[int], list[bool]]:
    """Distance from each of ``n`` words to the nearest target word, and whether the word is
    left of it; on a tie the earlier target is the nearest, as min() over the sorted targets
    gives. Two linear scans: the nearest target before and after each word.

    Examples
    --------
    >>> _nearest_targets([1, 4], 6)
    ([1, 0, 1, 1, 0, 1], [True, False, False, True, False, False])
    """
    tset = set(targets)
    before_t, after_t = [-1] * n, [-1] * n
    last = -1
    for k in range(n):
        if k in tset:
            last = k
        before_t[k] = last
    last = -1
    for k in range(n - 1, -1, -1):
        if k in tset:
            last = k
        after_t[k] = last
    dist = [0] * n
    left = [False] * n
    for k in range(n):
        b, a = before_t[k], after_t[k]
        nearest = b if a < 0 or (b >= 0 and k - b <= a - k) else a
        dist[k] = abs(nearest - k)
        left[k] = k < nearest
    return dist, left


_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "his", "hers", "its", "their",
                       "them", "theirs", "we", "us", "our", "i", "me", "my", "you", "your",
                       "who", "whom", "whose", "himself", "herself", "themselves", "itself"})
_TIME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "tomorrow", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "night", "morning", "weekend"})
_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "governor",
    "secretary", "minister", "speaker", "leader", "judge", "justice", "chairman", "director",
    "candidate", "former", "vice", "attorney", "general", "prime", "king", "queen", "mayor",
    "chief"})
_MENTION_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+")


def lower_case_words(texts: Sequence[str], min_count: int = 2) -> list[str]:
    """Words written in lower case, not first in their text, at least ``min_count`` times in
    ``texts``: common words that may describe a mention, and no proper names.

    Examples
    --------
    >>> lower_case_words(["The court met Trump.", "A court and the president.",
    ...                   "Trump met the president."])
    ['court', 'met', 'president', 'the']
    """
    counts: dict[str, int] = {}
    for text in texts:
        for w in _MENTION_WORD.findall(text)[1:]:
            if w.islower():
                counts[w] = counts.get(w, 0) + 1
    return sorted(w for w, c in counts.items() if c >= min_count)


def mention_shape(item: PartyItem, common: frozenset[str] | set[str] = frozenset()) -> str:
    """Space-separated tokens saying what the target's first mention is, without its name.

    A pronoun gives ``pron`` and ``pron_<word>``; any other mention its length in words
    (``len1`` ... ``len4``), and where they hold ``lower`` (starts in lower case), ``acronym``,
    ``time`` (a date or time word, a number), ``capitalised``, ``title`` (a title word such as
    "Sen." or "president"), ``poss`` (ends in "'s") and ``w_<word>`` for each of its words in
    ``common`` (see :func:`lower_case_words`), in the time words or in the titles.

    Examples
    --------
    >>> text = "Sen. Warren met the court on Friday."
    >>> mention_shape(PartyItem(text, ((0, 11),)))
    'len2 capitalised title w_sen'
    >>> mention_shape(PartyItem(text, ((16, 25),)), {"court", "the"})
    'len2 lower w_the w_court'
    >>> mention_shape(PartyItem(text, ((29, 35),)))
    'len1 time capitalised w_friday'
    >>> mention_shape(PartyItem("He left.", ((0, 2),)))
    'pron pron_he'
    """
    if not item.spans:
        return ""
    a, b = item.spans[0]
    mention = item.text[a:b]
    words = _MENTION_WORD.findall(mention)
    if not words:
        return ""
    low = [w.lower().replace("’", "'") for w in words]
    if len(words) == 1 and low[0] in _PRONOUNS:
        return f"pron pron_{low[0]}"
    out = [f"len{min(len(words), 4)}"]
    if words[0][0].islower():
        out.append("lower")
    if all(w.isupper() and len(w) > 1 for w in words):
        out.append("acronym")
    if any(w in _TIME_WORDS for w in low) or any(w.isdigit() for w in words):
        out.append("time")
    if all(w[0].isupper() for w in words if w.lower() not in ("of", "the", "and")):
        out.append("capitalised")
    if any(w in _TITLES for w in low):
        out.append("title")
    if mention.endswith(("'s", "’s")):
        out.append("poss")
    out += [f"w_{w}" for w in dict.fromkeys(low) if w in common or w in _TIME_WORDS
            or w in _TITLES]
    return " ".join(out)


_BLOCKS = ("near_", "clause_", "valence_", "mention_")


class TargetSentimentFeaturizer(TextFeaturizerMixin, TransformerMixin, BaseEstimator):
    """Features for sentiment toward a target: :class:`~framing.learn.features.PartyFeaturizer`'s
    masked-sentence features plus target-centred blocks (see the module docstring).

    Parameters
    ----------
    word_ngrams, char_ngrams, max_features, min_df, cues, context, context_width
        Passed to the inner :class:`~framing.learn.features.PartyFeaturizer`. The defaults differ
        from its own in two places: ``char_ngrams=None`` (character n-grams gained only
        +0.005 F1 macro in cross-validation on NewsMTSC train, for most of the featurisation
        cost) and ``context_width=6``.
    near_width : int, default=10
        Words on each side that count as near the target; 0 leaves the near block out.
    clause : bool, default=True
        Add the words (1–2-grams) of the target's segment.
    valence : bool, default=False
        Add the side- and segment-keyed VADER lexicon words (off by default: no gain in
        cross-validation on NewsMTSC train once the near and clause words are in).
    dense : bool, default=True
        Add the dense cues of :data:`DENSE_FEATURES`.
    dense_weight : float, default=1.0
        Factor on the dense cues (their scale against the TF-IDF blocks).
    sentence_weight : float, default=1.0
        Factor on the inner featuriser's block: below 1, the model leans less on what the
        whole sentence says and more on what is said near the target.
    mention_weight : float, default=0.0
        Factor on the mention-shape block (:func:`mention_shape`); 0 leaves it out. Off by
        default: with 1.0, grouped cross-validation on NewsMTSC train gains 0.01 F1 macro, but
        the two dev splits lose as much (docs/accuracy.md).

    Attributes
    ----------
    party_ : PartyFeaturizer
    near_, clause_, valence_, mention_ : TfidfVectorizer or None
    mention_words_ : ndarray of str or None
        The lower-case words of the training sentences (:func:`lower_case_words`) that the
        mention-shape block may name.
    n_features_out_ : int

    Examples
    --------
    >>> items = [("Moscow praised Kyiv.", (15, 19)), ("Moscow praised Kyiv.", (0, 6)),
    ...          ("Critics slammed Berlin.", (16, 22))]
    >>> f = TargetSentimentFeaturizer(min_df=1, valence=True).fit(items)
    >>> X = f.transform(items)
    >>> X.shape[0], (X[0] != X[1]).nnz > 0
    (3, True)
    """

    _vectorizers = _BLOCKS
    #: What a model file written before the mention-shape block lacks (it had none).
    mention_weight: float = 0.0
    mention_ = None
    mention_words_ = None

    def __init__(self, *, word_ngrams=(1, 2), char_ngrams=None, max_features=20000, min_df=2,
                 cues=True, context=True, context_width=6, near_width=10, clause=True,
                 valence=False, dense=True, dense_weight=1.0, sentence_weight=1.0,
                 mention_weight=0.0):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.max_features = max_features
        self.min_df = min_df
        self.cues = cues
        self.context = context
        self.context_width = context_width
        self.near_width = near_width
        self.clause = clause
        self.valence = valence
        self.dense = dense
        self.dense_weight = dense_weight
        self.sentence_weight = sentence_weight
        self.mention_weight = mention_weight

    def _views(self, items: Sequence[PartyItem]) -> list[TargetView]:
        return [target_view(it, self.near_width) for it in items]

    def _docs(self, name: str, items: Sequence[PartyItem], views: list[TargetView]
              ) -> list[str]:
        """The documents of the TF-IDF block ``name``."""
        if name == "mention_":
            common = self._common_words()
            return [mention_shape(it, common) for it in items]
        return [getattr(v, name[:-1]) for v in views]

    def _common_words(self) -> frozenset[str]:
        cached = self.__dict__.get("_common")
        if cached is None:
            words = self.mention_words_
            cached = frozenset(() if words is None else words.tolist())
            self.__dict__["_common"] = cached
        return cached

    def _weight(self, name: str) -> float:
        return self.mention_weight if name == "mention_" else 1.0

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_common", None)  # rebuilt from mention_words_ when needed
        return state

    def _vectorizer(self, ngrams: tuple[int, int]) -> TfidfVectorizer:
        return TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=ngrams,
                               min_df=self.min_df, max_features=self.max_features,
                               sublinear_tf=True, dtype=np.float32)

    def fit_transform(self, X, y=None):
        """Learn the vocabularies and return the features (a sparse matrix)."""
        items = self._items_to_fit(X)
        self.party_ = PartyFeaturizer(word_ngrams=self.word_ngrams, char_ngrams=self.char_ngrams,
                                      max_features=self.max_features, min_df=self.min_df,
                                      cues=self.cues, context=self.context,
                                      context_width=self.context_width)
        blocks = [self.party_.fit_transform(items) * self.sentence_weight]
        views = self._views(items)
        self.__dict__.pop("_common", None)
        self.mention_words_ = None
        if self.mention_weight:
            self.mention_words_ = np.array(lower_case_words(sorted({it.text for it in items})),
                                           dtype=str)
        wanted = {"near_": self.near_width > 0, "clause_": self.clause,
                  "valence_": self.valence, "mention_": bool(self.mention_weight)}
        for name in _BLOCKS:
            vec = None
            if wanted[name]:
                vec = self._vectorizer((1, 2) if name == "clause_" else (1, 1))
                try:
                    block = vec.fit_transform(self._docs(name, items, views))
                except ValueError:  # no term reaches min_df
                    vec = None
                else:  # the cut terms are only for introspection and would bloat a saved model
                    vec.__dict__.pop("stop_words_", None)
                    weight = self._weight(name)
                    blocks.append(block * weight if weight != 1.0 else block)
            setattr(self, name, vec)
        if self.dense:
            blocks.append(sparse.csr_matrix(self._dense(views).astype(np.float32)))
        out = sparse.hstack(blocks).tocsr()
        self.n_features_out_ = out.shape[1]
        return out

    def _dense(self, views: list[TargetView]) -> np.ndarray:
        return np.vstack([v.dense for v in views]) * self.dense_weight

    def blocks(self, items: list[PartyItem]) -> list[Block]:
        """The feature blocks of validated items: the inner featuriser's (weighted), then the
        target-centred ones."""
        check_is_fitted(self, "party_")
        blocks = [b.scaled(self.sentence_weight) for b in self.party_.blocks(items)]
        views = self._views(items)
        for name in _BLOCKS:
            vec = getattr(self, name)
            if vec is not None:
                block = tfidf_block(vec, self._docs(name, items, views))
                weight = self._weight(name)
                blocks.append(block.scaled(weight) if weight != 1.0 else block)
        if self.dense:
            blocks.append(dense_block(self._dense(views)))
        return blocks

    def get_feature_names_out(self, input_features=None):
        """Names of the output features: the inner featuriser's, then ``near__L1_word``,
        ``clause__word``, ``valence__VLS_word``, ``mention__len1`` and ``dense__<name>``."""
        check_is_fitted(self, "party_")
        names = list(self.party_.get_feature_names_out())
        for name in _BLOCKS:
            vec = getattr(self, name)
            if vec is not None:
                names += [f"{name}_{t}" for t in vec.get_feature_names_out()]
        if self.dense:
            names += [f"dense__{d}" for d in DENSE_FEATURES]
        return np.asarray(names, dtype=object)
