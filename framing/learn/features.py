"""Party-aware features for the classifier modules.

The unit of prediction is a (sentence, party) pair: which frames does the sentence show *this*
party holding, and what sentiment does it express toward *this* party. The features therefore
know which party is asked about:

* the sentence with the party's mentions replaced by ``PARTYX`` and every other party's
  mentions by ``OTHERX`` (word 1–2-grams and character 2–5-grams, TF-IDF);
* the words just left and right of the party's first mention;
* the lexicon's cues with their attribution: how many hard-line / skeptical / conciliatory cues
  the lexicon gives to this party, to another party, or to nobody, how many were negated, and
  by which rule (subject, possessive, passive agent, scope, speaker);
* position and role of the party: first in the sentence, possessive, after a preposition,
  inside a quotation, how many other parties;
* VADER scores of the sentence and of the words around the party.

Only this module (with :mod:`framing.learn.estimators`) imports scikit-learn.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from ..errors import InputError
from ..labels import FRAMES
from ..lexicon.attribution import SentenceView, attribute
from ..lexicon.cues import FrameLexicon
from ..read.actors import ActorDictionary, Mention
from ..read.clauses import eligible, segment
from ..read.text import Tokens, tokenize
from .tfidf import Block, clear_token_cache, dense_block, hstack_blocks, tfidf_block

TARGET = "PARTYX"
OTHER = "OTHERX"
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class PartyItem:
    """A sentence and the character spans of one party's mentions in it.

    Attributes
    ----------
    text : str
        The sentence.
    spans : tuple of (start, end)
        Mentions of the party asked about.
    others : tuple of (start, end)
        Mentions of other parties (found with the default actor dictionary when not given).
    """

    text: str
    spans: tuple[Span, ...]
    others: tuple[Span, ...] | None = None


def as_item(obj: object) -> PartyItem:
    """Accept ``PartyItem``, ``(sentence, (start, end))`` or ``(sentence, [(s, e), ...])``.

    Examples
    --------
    >>> as_item(("Kyiv said no.", (0, 4))).spans
    ((0, 4),)
    """
    if isinstance(obj, PartyItem):
        return obj
    if isinstance(obj, str):
        raise InputError("expected (sentence, (start, end)) items, got a bare str")
    try:
        text, spans = obj[0], obj[1]  # type: ignore[index]
        others = obj[2] if len(obj) > 2 else None  # type: ignore[arg-type]
    except (TypeError, IndexError, KeyError):
        raise InputError(f"expected (sentence, (start, end)) items; got {obj!r}") from None
    if not isinstance(text, str):
        raise InputError(f"item sentence must be a str; got {type(text).__name__}")
    if (isinstance(spans, tuple | list) and len(spans) == 2
            and all(isinstance(x, int | np.integer) for x in spans)):
        spans = [spans]
    clean = []
    for s in spans:
        a, b = int(s[0]), int(s[1])
        if not 0 <= a < b <= len(text):
            raise InputError(f"mention span {(a, b)} is outside the sentence of length "
                             f"{len(text)}: {text[:60]!r}")
        clean.append((a, b))
    if not clean:
        raise InputError(f"item has no mention span: {text[:60]!r}")
    oth = None if others is None else tuple((int(a), int(b)) for a, b in others)
    return PartyItem(text, tuple(sorted(clean)), oth)


def coerce_items(X: Iterable[object]) -> list[PartyItem]:
    """Validate an iterable of items (a bare string is refused, as scikit-learn does)."""
    if isinstance(X, str):
        raise InputError("Iterable over (sentence, span) items expected, string object received.")
    return [as_item(x) for x in X]


@lru_cache(maxsize=1)
def _default_actors() -> ActorDictionary:
    return ActorDictionary.default()


def other_spans(item: PartyItem) -> tuple[Span, ...]:
    """Mentions of other parties: given, or found with the default actor dictionary."""
    if item.others is not None:
        return item.others
    found = []
    for m in _default_actors().find(item.text):
        if not any(a < m.end and m.start < b for a, b in item.spans):
            found.append((m.start, m.end))
    return tuple(found)


def masked_text(item: PartyItem) -> str:
    """The sentence with the party as ``PARTYX`` and other parties as ``OTHERX``.

    Examples
    --------
    >>> masked_text(PartyItem("Kyiv rejected Moscow's offer.", ((0, 4),), ((14, 20),)))
    "PARTYX rejected OTHERX's offer."
    """
    marks = [(a, b, TARGET) for a, b in item.spans]
    marks += [(a, b, OTHER) for a, b in other_spans(item)
              if not any(x < b and a < y for x, y in item.spans)]
    marks.sort()
    out, pos = [], 0
    for a, b, tag in marks:
        if a < pos:
            continue
        out.append(item.text[pos:a])
        out.append(tag)
        pos = b
    out.append(item.text[pos:])
    return "".join(out)


#: Words of :func:`window_text`, whose texts the shipped embeddings model was trained on: a
#: possessive party stays one word ("PARTYX's"), which suits a sentence encoder.
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|PARTYX|OTHERX")
#: Words for the context features: the masks first, so that a possessive party ("PARTYX's")
#: is the party followed by "s", not a word of its own that hides the party.
_CONTEXT_WORD = re.compile(r"PARTYX|OTHERX|[A-Za-z]+(?:'[a-z]+)?")


def context_words(item: PartyItem, width: int = 4, masked: str | None = None) -> str:
    """``L_`` / ``R_`` prefixed words around each of the party's mentions (others masked);
    ``masked`` is the item's :func:`masked_text` when the caller has it already.

    Examples
    --------
    >>> context_words(PartyItem("Kyiv rejected Moscow's offer.", ((0, 4),), ((14, 20),)), 2)
    'R_rejected R_otherx'
    >>> context_words(PartyItem("Kyiv's army rejected it.", ((0, 4),), ()), 2)
    'R_s R_army'
    """
    if masked is None:
        masked = masked_text(item)
    words = _CONTEXT_WORD.findall(masked)
    out = []
    for k, w in enumerate(words):
        if w != TARGET:
            continue
        out += [f"L_{x.lower()}" for x in words[max(0, k - width):k]]
        out += [f"R_{x.lower()}" for x in words[k + 1:k + 1 + width]]
    return " ".join(out)


def window_text(item: PartyItem, width: int = 4) -> str:
    """The words around the party's first mention, in sentence order (others masked).

    The same words as :func:`context_words` sees, but as running text with the party as
    ``PARTYX``, for a sentence encoder.

    Examples
    --------
    >>> window_text(PartyItem("Yesterday Moscow sharply rejected Kyiv's new offer.",
    ...                       ((34, 38),), ((10, 16),)), width=2)
    "sharply rejected PARTYX's new offer"
    """
    words = _WORD.findall(item_masked(item))
    # "PARTYX's" is one word of _WORD: the mask may carry a possessive
    k = next((i for i, w in enumerate(words) if w.startswith(TARGET)), None)
    if k is None:
        return ""
    return " ".join(words[max(0, k - width):k + 1 + width])


def clear_caches() -> None:
    """Forget the per-sentence and per-item results kept while scoring (benchmarks call this
    so that repeated runs over the same articles measure the work, not the caches).

    Examples
    --------
    >>> clear_caches()
    """
    for fn in (item_masked, _item_texts, _default_cue_features):
        fn.cache_clear()
    _PARSES.clear()
    clear_token_cache()


@lru_cache(maxsize=8192)
def item_masked(item: PartyItem) -> str:
    """:func:`masked_text` of an item, computed once for all the featurisers that use it.

    Examples
    --------
    >>> item_masked(PartyItem("Kyiv rejected Moscow's offer.", ((0, 4),), ((14, 20),)))
    "PARTYX rejected OTHERX's offer."
    """
    return masked_text(item)


@lru_cache(maxsize=4096)
def _item_texts(item: PartyItem, width: int) -> tuple[str, str]:
    """Masked sentence and context words of an item, once for the frame and sentiment models."""
    masked = item_masked(item)
    return masked, context_words(item, width, masked)


CUE_FEATURES = tuple(
    [f"cue_{who}_{f}" for who in ("party", "other", "nobody") for f in FRAMES]
    + [f"negated_{f}" for f in FRAMES]
    + [f"rule_{r}" for r in ("subject", "possessive", "passive_agent", "agent", "scope",
                             "speaker", "main_clause", "relative")]
    + ["first_mention", "is_subject", "possessive", "after_preposition", "in_quote",
       "n_others", "position", "sent_compound", "left_compound", "right_compound",
       "n_tokens"]
)


def cue_features(item: PartyItem, lexicon: FrameLexicon) -> np.ndarray:
    """Dense features from the lexicon's attribution and the party's position.

    Examples
    --------
    >>> from framing.lexicon.cues import FrameLexicon
    >>> v = cue_features(PartyItem("Kyiv rejected the offer.", ((0, 4),), ()),
    ...                  FrameLexicon.default())
    >>> float(v[CUE_FEATURES.index("cue_party_hard-line")])
    1.0
    """
    from ..lexicon.sentiment import sentence_sentiment

    toks, clauses, cues, sent_compound = (
        _default_parse(item.text) if lexicon is FrameLexicon.default()
        else _parse(item.text, lexicon))
    n = len(toks)
    if n == 0:
        return np.zeros(len(CUE_FEATURES), dtype=np.float64)
    vec = [0.0] * len(CUE_FEATURES)  # Python floats: cheaper updates than a NumPy array's
    idx = _CUE_INDEX
    mentions = _mentions(toks, item.spans, "T") + _mentions(toks, other_spans(item), "O")
    mentions.sort(key=lambda m: m.tok_start)
    view = SentenceView(toks, clauses, tuple(mentions), {})
    attributed = attribute(view, cues, lexicon)
    for a in attributed:
        who = "party" if a.holder.party == "T" else "other"
        vec[idx[f"cue_{who}_{a.frame}"]] += 1
        if a.holder.party == "T":
            if a.negated:
                vec[idx[f"negated_{a.frame}"]] += 1
            key = f"rule_{a.rule}"
            if key in idx:
                vec[idx[key]] += 1
    taken = {a.cue.tok_start for a in attributed}
    for cue in cues:
        if cue.row.frame in FRAMES and cue.tok_start not in taken:
            vec[idx[f"cue_nobody_{cue.row.frame}"]] += 1
    targets = [m for m in mentions if m.party == "T"]
    if targets:
        t = targets[0]
        vec[idx["first_mention"]] = float(mentions[0] is t)
        vec[idx["is_subject"]] = float(eligible(t, toks, clauses))
        vec[idx["possessive"]] = float(any(m.possessive for m in targets))
        vec[idx["after_preposition"]] = float(not eligible(t, toks, clauses))
        vec[idx["in_quote"]] = float(clauses.quote[t.tok_start] >= 0)
        vec[idx["position"]] = t.tok_start / n
        a, b = item.spans[0]
        vec[idx["left_compound"]] = sentence_sentiment(item.text[max(0, a - 60):a])
        vec[idx["right_compound"]] = sentence_sentiment(item.text[b:b + 80])
    vec[idx["n_others"]] = float(len({m.tok_start for m in mentions if m.party == "O"}))
    vec[idx["sent_compound"]] = sent_compound
    vec[idx["n_tokens"]] = min(n, 80) / 80
    return np.array(vec, dtype=np.float64)


_CUE_INDEX = {name: k for k, name in enumerate(CUE_FEATURES)}


def _parse(text: str, lexicon: FrameLexicon) -> tuple:
    """What the items of one sentence share: tokens, clauses, cues and VADER compound."""
    from ..lexicon.sentiment import sentence_sentiment

    toks = tokenize(text)
    clauses = segment(toks)
    return toks, clauses, lexicon.match(toks, clauses.bounds), sentence_sentiment(text)


_PARSES: OrderedDict[str, tuple] = OrderedDict()
_PARSES_KEPT = 1024


def _default_parse(text: str) -> tuple:
    """:func:`_parse` with the default lexicon, once per sentence: every party of a sentence
    is an item of its own. The last 1,024 sentences are kept, with those the lexicon pass
    handed over (:func:`remember_parse`)."""
    parse = _PARSES.get(text)
    if parse is None:
        parse = _parse(text, FrameLexicon.default())
        _keep(text, parse)
    else:
        _PARSES.move_to_end(text)
    return parse


def _keep(text: str, parse: tuple) -> None:
    _PARSES[text] = parse
    if len(_PARSES) > _PARSES_KEPT:
        _PARSES.popitem(last=False)


def remember_parse(text: str, tokens: Tokens, cues: Sequence[Any], compound: float, *,
                   offset: int = 0) -> None:
    """Keep what the lexicon pass found in a sentence, so that its items' cue features do not
    parse it again.

    Parameters
    ----------
    text : str
        The sentence.
    tokens : Tokens
        Its tokens (:func:`framing.read.text.tokenize` of ``text``).
    cues : list of CueMatch
        What the *default* lexicon matched in it. Cue matching depends on the tokens and their
        clause boundaries alone, and the boundaries on the tokens alone, so these are the cues
        :func:`_parse` would find.
    compound : float
        Its VADER compound.
    offset : int, default=0
        Where the sentence starts in the text the tokens' offsets count from (the article's
        start, for the lexicon pass); the kept tokens count from the sentence's start.

    Examples
    --------
    >>> from framing.read.text import tokenize
    >>> toks = tokenize("Kyiv rejected the offer.", offset=100)
    >>> remember_parse("Kyiv rejected the offer.", toks,
    ...                FrameLexicon.default().match(toks), 0.0, offset=100)
    >>> _default_parse("Kyiv rejected the offer.")[0].start[:2]
    (0, 5)
    """
    if offset:
        tokens = Tokens(tokens.text, tokens.lower, tuple(a - offset for a in tokens.start),
                        tuple(b - offset for b in tokens.end))
    if len(tokens) and text[tokens.start[0]:tokens.end[0]] != tokens.text[0]:
        return  # not this sentence's tokens (a sentence that starts with spaces, say)
    _keep(text, (tokens, segment(tokens), list(cues), compound))


@lru_cache(maxsize=8192)
def _default_cue_features(item: PartyItem) -> np.ndarray:
    """:func:`cue_features` with the default lexicon, computed once per item: the frame and
    the sentiment pipelines of a model featurise the same items one after the other."""
    vec = cue_features(item, FrameLexicon.default())
    vec.setflags(write=False)
    return vec


def _mentions(toks, spans: Sequence[Span], party: str) -> list[Mention]:
    out = []
    n = len(toks)
    for a, b in spans:
        # Tokens are sorted and do not overlap: the first one ending after a, on to the last
        # one starting before b.
        i = j = bisect_right(toks.end, a)
        while j < n and toks.start[j] < b:
            j += 1
        if i == j:
            continue
        possessive = (j < len(toks) and toks.lower[j] in ("'s", "'")) or toks.lower[i] in (
            "its", "his", "her", "their", "our")
        out.append(Mention(party, toks.start[i], toks.end[j - 1], i, j,
                           "pronoun" if toks.lower[i] in ("he", "she", "it", "its", "his", "her",
                                                          "they", "their", "we", "our")
                           else "name",
                           item_text(toks, i, j), possessive))
    return out


def item_text(toks, i: int, j: int) -> str:
    return " ".join(toks.text[i:j])


_VECTORIZERS = ("word_", "char_", "context_")


def find_step(estimator: Any, kind: type | tuple[type, ...]) -> Any:
    """The first estimator of type ``kind`` inside ``estimator``: itself, or a step of a
    pipeline (``steps``), a part of a feature union (``transformer_list``) or a member of a
    blend (``members_``), at any depth; None when there is none. What
    :func:`framing.learn.embeddings.find_embedder`, :func:`framing.learn.finetune.find_tuned`
    and :func:`framing.learn.recurrent.find_recurrent` share.

    Examples
    --------
    >>> from sklearn.pipeline import Pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> scaler = StandardScaler()
    >>> find_step(Pipeline([("s", scaler)]), StandardScaler) is scaler
    True
    >>> find_step(None, StandardScaler) is None
    True
    """
    if isinstance(estimator, kind):
        return estimator
    inner = [step for attr in ("steps", "transformer_list")
             for _, step in getattr(estimator, attr, None) or ()]
    inner += list(getattr(estimator, "members_", None) or ())
    for step in inner:
        found = find_step(step, kind)
        if found is not None:
            return found
    return None


class TextFeaturizerMixin:
    """What the featurisers of (sentence, party) items share: ``fit``, and ``transform`` as
    their feature blocks (``blocks``) stacked into one matrix; scikit-learn tags saying they
    take strings; and fitted TfidfVectorizers (the attributes named in ``_vectorizers``) whose
    vocabularies travel as arrays of terms in column order, so that a model file stays small
    and fast to write and read (a dict of 100,000 entries is not)."""

    _vectorizers: tuple[str, ...] = ()
    n_features_out_: int

    def blocks(self, items: list[PartyItem]) -> list[Block]:
        """The feature blocks of validated items (a fitted featuriser's own)."""
        raise NotImplementedError

    def fit(self, X, y=None):
        """Learn the vocabularies from the items."""
        self.fit_transform(X, y)  # type: ignore[attr-defined]
        return self

    def transform(self, X):
        """Features of new items (a sparse matrix with ``n_features_out_`` columns)."""
        check_is_fitted(self, "n_features_out_")
        items = coerce_items(X)
        if not items:
            return sparse.csr_matrix((0, self.n_features_out_), dtype=np.float32)
        return hstack_blocks(self.blocks(items))

    @staticmethod
    def _items_to_fit(X) -> list[PartyItem]:
        items = coerce_items(X)
        if not items:
            raise InputError("cannot fit on zero items")
        return items

    def __getstate__(self):
        state = dict(super().__getstate__())  # type: ignore[misc]
        for name in self._vectorizers:
            vec = state.get(name)
            if vec is not None and hasattr(vec, "vocabulary_"):
                vocab = vec.vocabulary_
                vec = copy.copy(vec)
                del vec.vocabulary_
                state[name] = vec
                state[name + "terms"] = np.array(sorted(vocab, key=vocab.__getitem__), dtype=str)
        return state

    def __setstate__(self, state):
        state = dict(state)
        for name in self._vectorizers:
            terms = state.pop(name + "terms", None)
            if terms is not None and state.get(name) is not None:
                state[name].vocabulary_ = {t: i for i, t in enumerate(terms.tolist())}
        super().__setstate__(state)  # type: ignore[misc]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()  # type: ignore[misc]
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags


class PartyFeaturizer(TextFeaturizerMixin, TransformerMixin, BaseEstimator):
    """Turn (sentence, party-span) items into a sparse, party-aware feature matrix.

    Parameters
    ----------
    word_ngrams : tuple of int, default=(1, 2)
        N-gram range of the word TF-IDF over the masked sentence.
    char_ngrams : tuple of int or None, default=(2, 5)
        N-gram range of the character TF-IDF (``char_wb``); None leaves it out.
    max_features : int, default=20000
        Vocabulary size of each TF-IDF block.
    min_df : int, default=2
        Minimum document frequency of an n-gram.
    cues : bool, default=True
        Add the lexicon's attributed cue features and position features.
    context : bool, default=True
        Add the words (1–2-grams) around each of the party's mentions.
    context_width : int, default=4
        How many words on each side count as context.

    Attributes
    ----------
    word_ : TfidfVectorizer
    char_ : TfidfVectorizer or None
    context_ : TfidfVectorizer or None
    n_features_out_ : int

    Examples
    --------
    >>> items = [("Kyiv rejected the offer.", (0, 4)), ("Moscow welcomed the talks.", (0, 6))]
    >>> f = PartyFeaturizer(min_df=1, char_ngrams=None).fit(items)
    >>> f.transform(items).shape[0]
    2
    """

    _vectorizers = _VECTORIZERS

    def __init__(self, *, word_ngrams=(1, 2), char_ngrams=(2, 5), max_features=20000,
                 min_df=2, cues=True, context=True, context_width=4):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.max_features = max_features
        self.min_df = min_df
        self.cues = cues
        self.context = context
        self.context_width = context_width

    def _texts(self, items: list[PartyItem]) -> tuple[list[str], list[str]]:
        pairs = [_item_texts(it, self.context_width) for it in items]
        return [m for m, _ in pairs], [c for _, c in pairs]

    def fit_transform(self, X, y=None):
        """Learn the vocabularies and return the features."""
        items = self._items_to_fit(X)
        masked, context = self._texts(items)
        self.word_ = TfidfVectorizer(ngram_range=tuple(self.word_ngrams), min_df=self.min_df,
                                     max_features=self.max_features, sublinear_tf=True,
                                     lowercase=True, token_pattern=r"(?u)\b\w+\b",
                                     dtype=np.float32)
        blocks = [self.word_.fit_transform(masked)]
        self.char_ = None
        if self.char_ngrams:
            self.char_ = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.char_ngrams),
                                         min_df=self.min_df, max_features=self.max_features,
                                         sublinear_tf=True, dtype=np.float32)
            blocks.append(self.char_.fit_transform(masked))
        self.context_ = None
        if self.context:
            self.context_ = TfidfVectorizer(min_df=1, token_pattern=r"[LR]_\S+", lowercase=False,
                                            ngram_range=(1, 2), sublinear_tf=True,
                                            dtype=np.float32)
            try:
                blocks.append(self.context_.fit_transform(context))
            except ValueError:  # no context words at all
                self.context_ = None
        if self.cues:
            blocks.append(sparse.csr_matrix(self._cue_matrix(items)))
        for vec in (self.word_, self.char_, self.context_):
            # The terms cut by min_df/max_features are only kept for introspection and would
            # make a saved model hundreds of megabytes.
            if vec is not None and hasattr(vec, "stop_words_"):
                del vec.stop_words_
        out = sparse.hstack(blocks).tocsr()
        self.n_features_out_ = out.shape[1]
        return out

    def _cue_matrix(self, items: list[PartyItem]) -> np.ndarray:
        return np.vstack([_default_cue_features(it) for it in items]).astype(np.float32)

    def blocks(self, items: list[PartyItem]) -> list[Block]:
        """The feature blocks of validated items (also the first blocks of
        :class:`framing.learn.target_features.TargetSentimentFeaturizer`)."""
        masked, context = self._texts(items)
        out = [tfidf_block(self.word_, masked)]
        if self.char_ is not None:
            out.append(tfidf_block(self.char_, masked))
        if self.context_ is not None:
            out.append(tfidf_block(self.context_, context))
        if self.cues:
            out.append(dense_block(self._cue_matrix(items)))
        return out

    def get_feature_names_out(self, input_features=None):
        """Names of the output features (``word__...``, ``char__...``, ``cue__...``)."""
        check_is_fitted(self, "word_")
        names = [f"word__{w}" for w in self.word_.get_feature_names_out()]
        if self.char_ is not None:
            names += [f"char__{w}" for w in self.char_.get_feature_names_out()]
        if self.context_ is not None:
            names += [f"context__{w}" for w in self.context_.get_feature_names_out()]
        if self.cues:
            names += [f"cue__{w}" for w in CUE_FEATURES]
        return np.asarray(names, dtype=object)
