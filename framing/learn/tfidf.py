"""TF-IDF of new documents with a fitted scikit-learn ``TfidfVectorizer``, computed directly.

Scoring one article featurises a few dozen (sentence, party) items. scikit-learn's
``TfidfVectorizer.transform`` is correct but slow for that: input checks on every call, and
character n-grams built and looked up one Python string at a time. :func:`tfidf_transform`
gives the same matrix with the same vocabulary and arithmetic (counts, sublinear tf, idf, l2
norm).

Character n-grams (``analyzer="char_wb"``) are counted with NumPy
(:class:`CharNgramCounter`): every character the vocabulary uses gets a small code, every
n-gram a base-``2**bits`` number of its characters' codes, which is exact (no hashing: two
different n-grams never share a number), and the numbers are looked up in the sorted numbers
of the vocabulary. An n-gram holding a character the vocabulary never uses cannot be in it and
is dropped, as scikit-learn drops it.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = ["Block", "CharNgramCounter", "WordNgramCounter", "clear_token_cache", "dense_block",
           "hstack_blocks", "tfidf_block", "tfidf_transform"]

_SPACES = re.compile(r"\s\s+")


def _char_wb_words(vectorizer: TfidfVectorizer) -> Callable[[str], list[str]]:
    """The words scikit-learn's ``char_wb`` analyser pads and cuts into n-grams."""
    preprocess = vectorizer.build_preprocessor()
    return lambda doc: _SPACES.sub(" ", preprocess(doc)).split()


def _char_wb_analyzer(vectorizer: TfidfVectorizer) -> Callable[[str], list[str]] | None:
    """scikit-learn's ``char_wb`` n-grams, the same n-grams in the same order, with one slice
    comprehension per word and length instead of a loop per n-gram; None for other analysers.
    """
    if vectorizer.analyzer != "char_wb":
        return None
    words = _char_wb_words(vectorizer)
    lo, hi = vectorizer.ngram_range

    def analyze(doc: str) -> list[str]:
        grams: list[str] = []
        for word in words(doc):
            w = f" {word} "
            size = len(w)
            for n in range(lo, hi + 1):
                if n >= size:  # the whole padded word once, then no longer n-grams
                    grams.append(w)
                    break
                grams.extend([w[i:i + n] for i in range(size - n + 1)])
        return grams

    return analyze


class _NgramIndex:
    """The vocabulary's n-grams as sorted numbers: an n-gram of symbols with codes
    ``c1 .. cn`` (1 and up; 0 is a symbol the vocabulary never uses) is the base-``2**bits``
    number ``c1 c2 .. cn``. Codes never start with 0, so two n-grams, of any lengths, never
    share a number."""

    def __init__(self, grams: Sequence[Sequence[int]], columns: Sequence[int], bits: int,
                 lo: int, hi: int) -> None:
        longest = max([hi, *map(len, grams)])
        if bits * longest > 63:
            raise ValueError(f"n-grams of {longest} symbols of {bits} bits do not fit in 63 "
                             "bits")
        self.bits, self.lo, self.hi = bits, lo, hi
        numbers = np.array([self._number(g) for g in grams], dtype=np.uint64)
        order = np.argsort(numbers, kind="stable")
        self.numbers = numbers[order]
        self.columns = np.asarray(columns, dtype=np.int64)[order]
        self.n_cols = int(self.columns.max()) + 1 if len(self.columns) else 1

    def _number(self, codes: Sequence[int]) -> int:
        value = 0
        for c in codes:
            value = (value << self.bits) | int(c)
        return value

    def count(self, codes: np.ndarray, group: np.ndarray, doc_of: np.ndarray, n_docs: int,
              whole_short: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts (``indptr``, ascending columns per row, counts) of the n-grams of
        ``lo..hi`` symbols that lie inside one group (a padded word, a document).

        ``codes``, ``group`` (non-decreasing) and ``doc_of`` have one entry per symbol. With
        ``whole_short``, a group shorter than ``lo`` counts once as a whole (``char_wb``).
        """
        indptr = np.zeros(n_docs + 1, dtype=np.int64)
        size = len(codes)
        found_doc, found_col = [], []
        if whole_short and size:
            first = np.ones(size, dtype=bool)
            first[1:] = group[1:] != group[:-1]
            group_len = np.bincount(group)[group]
        number = np.zeros(size, dtype=np.uint64)
        unknown = np.zeros(size, dtype=bool)
        shift = np.uint64(self.bits)
        for n in range(1, self.hi + 1):
            m = size - n + 1
            if m <= 0:
                break
            number = (number[:m] << shift) | codes[n - 1:n - 1 + m]
            unknown = unknown[:m] | (codes[n - 1:n - 1 + m] == 0)
            if n >= self.lo:
                keep = (group[:m] == group[n - 1:n - 1 + m]) & ~unknown
            elif whole_short:
                keep = first[:m] & (group_len[:m] == n) & ~unknown
            else:
                continue
            hit_doc, hit_col = self._lookup(number[keep], doc_of[:m][keep])
            found_doc.append(hit_doc)
            found_col.append(hit_col)
        if not found_doc:
            return indptr, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        # One key per (document, column); 32-bit keys sort about twice as fast as 64-bit ones.
        key_type = np.int32 if n_docs * self.n_cols < 2**31 else np.int64
        keys = np.concatenate(found_doc).astype(key_type) * key_type(self.n_cols)
        keys += np.concatenate(found_col).astype(key_type)
        keys, counts = np.unique(keys, return_counts=True)
        rows, cols = np.divmod(keys.astype(np.int64), self.n_cols)
        np.cumsum(np.bincount(rows, minlength=n_docs), out=indptr[1:])
        return indptr, cols, counts.astype(np.int64)

    def _lookup(self, numbers: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if not len(self.numbers):
            return docs[:0], self.columns[:0]
        at = np.searchsorted(self.numbers, numbers)
        at[at == len(self.numbers)] = 0
        hit = self.numbers[at] == numbers
        return docs[hit], self.columns[at[hit]]


def _codes_of(alphabet: Sequence[Any]) -> tuple[dict[Any, int], int]:
    """Codes 1..n of an alphabet's symbols, and the bits a code needs."""
    return {x: k for k, x in enumerate(alphabet, start=1)}, max(1, len(alphabet).bit_length())


class CharNgramCounter:
    """Count the vocabulary's ``char_wb`` n-grams in many documents at once, with NumPy.

    Parameters
    ----------
    vectorizer : TfidfVectorizer
        Fitted, with ``analyzer="char_wb"``.

    Raises
    ------
    ValueError
        The vectorizer does not use ``char_wb``, or its vocabulary uses too many distinct
        characters for an n-gram of ``ngram_range[1]`` characters to fit in 63 bits;
        :func:`tfidf_transform` then counts the n-grams in Python.

    Examples
    --------
    >>> vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3)).fit(["no deal", "a deal"])
    >>> counter = CharNgramCounter(vec)
    >>> indptr, cols, counts = counter.count(["deal deal", ""])
    >>> [vec.get_feature_names_out()[c] for c in cols[:3]], counts[:3].tolist(), indptr.tolist()
    ([' d', ' de', 'al'], [2, 2, 2], [0, 9, 9])
    """

    #: Below this many characters in a call, counting in Python is as fast (NumPy's cost per
    #: call outweighs its speed per n-gram); both give the same counts.
    min_chars = 200

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if vectorizer.analyzer != "char_wb":
            raise ValueError("CharNgramCounter needs a char_wb vectorizer")
        self._words = _char_wb_words(vectorizer)
        terms = list(vectorizer.vocabulary_)
        code, bits = _codes_of(sorted({c for t in terms for c in t}))
        self._code = np.zeros(max(map(ord, code), default=0) + 1, dtype=np.uint64)
        for c, k in code.items():
            self._code[ord(c)] = k
        self._index = _NgramIndex([[code[c] for c in t] for t in terms],
                                  [vectorizer.vocabulary_[t] for t in terms], bits,
                                  *vectorizer.ngram_range)

    def count(self, docs: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts of the n-gram count matrix: ``indptr``, column indices (ascending within
        a row) and counts, n-grams outside the vocabulary left out.

        ``char_wb`` n-grams never cross a word, so a document's counts are the sum of its
        words' counts: each distinct word of the call is counted once (the items of one
        sentence share most of their words), and a sparse product of (document x word)
        occurrences and (word x n-gram) counts gives the documents' counts, in integers.
        """
        word_ids: dict[str, int] = {}
        rows: list[int] = []
        words: list[int] = []
        for d, doc in enumerate(docs):
            for w in self._words(doc):
                k = word_ids.setdefault(w, len(word_ids))
                rows.append(d)
                words.append(k)
        n_docs = len(docs)
        if not word_ids:
            return (np.zeros(n_docs + 1, dtype=np.int64), np.zeros(0, dtype=np.int64),
                    np.zeros(0, dtype=np.int64))
        text = f" {'  '.join(word_ids)} "
        lengths = np.fromiter((len(w) + 2 for w in word_ids), dtype=np.int64,
                              count=len(word_ids))
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        codes = np.zeros(len(points), dtype=np.uint64)
        known = points < len(self._code)
        codes[known] = self._code[points[known]]
        word_of = np.repeat(np.arange(len(word_ids)), lengths)
        indptr, cols, counts = self._index.count(codes, word_of, word_of, len(word_ids),
                                                 whole_short=True)
        per_word = sparse.csr_matrix((counts, cols, indptr),
                                     shape=(len(word_ids), self._index.n_cols))
        occurrences = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.int64), (rows, words)), shape=(n_docs, len(word_ids)))
        out = (occurrences @ per_word).tocsr()
        out.sort_indices()
        return (out.indptr.astype(np.int64), out.indices.astype(np.int64),
                out.data.astype(np.int64))


class WordNgramCounter:
    """Count the vocabulary's word n-grams in many documents at once, with NumPy.

    The documents are preprocessed and tokenised by the vectorizer's own preprocessor and
    tokenizer; each token becomes a code (one dict lookup), and the n-grams are numbered and
    looked up as :class:`CharNgramCounter` does.

    Parameters
    ----------
    vectorizer : TfidfVectorizer
        Fitted, with ``analyzer="word"`` and no stop words.

    Raises
    ------
    ValueError
        Another analyser, stop words, or a vocabulary term that is not its own tokens joined
        by spaces; :func:`tfidf_transform` then counts the n-grams in Python.

    Examples
    --------
    >>> vec = TfidfVectorizer(ngram_range=(1, 2)).fit(["no deal yet", "a deal"])
    >>> indptr, cols, counts = WordNgramCounter(vec).count(["Deal deal yet"])
    >>> sorted((vec.get_feature_names_out()[c], int(n)) for c, n in zip(cols, counts))
    [('deal', 2), ('deal yet', 1), ('yet', 1)]
    """

    #: As :attr:`CharNgramCounter.min_chars`: fewer tokens per call make Python faster.
    min_chars = 600

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if vectorizer.analyzer != "word" or vectorizer.stop_words is not None:
            raise ValueError("WordNgramCounter needs a word analyser without stop words")
        preprocess = vectorizer.build_preprocessor()
        tokenize = vectorizer.build_tokenizer()
        self._analysis = _analysis_key(vectorizer, preprocess, tokenize)
        lo, hi = vectorizer.ngram_range
        terms = list(vectorizer.vocabulary_)
        grams = [t.split(" ") for t in terms]
        # Every term must be its own tokens joined by spaces (one tokenisation of all terms,
        # a line each: a token cannot hold the line break, so any term that is not makes the
        # two lists differ).
        if not all(lo <= len(g) <= hi for g in grams) or \
                tokenize("\n".join(terms)) != [w for g in grams for w in g]:
            bad = next(t for t, g in zip(terms, grams, strict=True)
                       if not lo <= len(g) <= hi or tokenize(t) != g)
            raise ValueError(f"vocabulary term {bad!r} is not its tokens joined by spaces")
        self._code, bits = _codes_of(sorted({w for g in grams for w in g}))
        self._index = _NgramIndex([[self._code[w] for w in g] for g in grams],
                                  [vectorizer.vocabulary_[t] for t in terms], bits, lo, hi)

    def count(self, docs: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts of the n-gram count matrix, as :meth:`CharNgramCounter.count`."""
        get = self._code.get
        analysis = self._analysis
        codes: list[int] = []
        lengths = []
        for doc in docs:
            found = [get(w, 0) for w in _tokens(analysis, doc)]
            codes.extend(found)
            lengths.append(len(found))
        doc_of = np.repeat(np.arange(len(docs)), lengths)
        return self._index.count(np.array(codes, dtype=np.uint64), doc_of, doc_of, len(docs))


#: Word analyses by key: what the vectorizer's preprocessor and tokenizer depend on.
_ANALYSES: dict[tuple, Callable[[str], list[str]]] = {}


def _analysis_key(vectorizer: TfidfVectorizer, preprocess: Callable[[str], str],
                  tokenize: Callable[[str], list[str]]) -> tuple:
    """A key shared by the word vectorizers that split a text into the same tokens (the frame
    and the sentiment models both tokenise each item's masked sentence this way)."""
    key = ("word", vectorizer.token_pattern, vectorizer.lowercase, vectorizer.strip_accents)
    _ANALYSES.setdefault(key, lambda doc: tokenize(preprocess(doc)))
    return key


@lru_cache(maxsize=8192)
def _tokens(analysis: tuple, doc: str) -> tuple[str, ...]:
    """The tokens of a document under a word analysis, once for all the vectorizers sharing it.
    """
    return tuple(_ANALYSES[analysis](doc))


def clear_token_cache() -> None:
    """Forget the tokens kept for recent documents (see :func:`.features.clear_caches`).

    Examples
    --------
    >>> clear_token_cache()
    """
    _tokens.cache_clear()


_COUNTERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_KINDS: dict[str, type[CharNgramCounter] | type[WordNgramCounter]] = {
    "char_wb": CharNgramCounter, "word": WordNgramCounter}
_MIN_CHARS = {name: kind.min_chars for name, kind in _KINDS.items()}


def _counter(vectorizer: TfidfVectorizer, docs: Sequence[str]
             ) -> CharNgramCounter | WordNgramCounter | None:
    """The NumPy n-gram counter of a vectorizer for counting ``docs``, built once per fitted
    vectorizer; None when Python counts these docs faster (a few short ones) or the
    vectorizer's analysis is one the counters do not reproduce."""
    if sum(map(len, docs)) < _MIN_CHARS.get(vectorizer.analyzer, 0):
        return None  # Python counts small calls faster; no need to build a counter for them
    key = id(vectorizer.vocabulary_)
    held = _COUNTERS.get(vectorizer)
    if held is None or held[0] != key:
        counter = None
        if vectorizer.analyzer in _KINDS and vectorizer.tokenizer is None \
                and vectorizer.preprocessor is None:
            try:
                counter = _KINDS[vectorizer.analyzer](vectorizer)
            except ValueError:
                counter = None
        held = (key, counter)
        _COUNTERS[vectorizer] = held
    return held[1]


def _python_counts(vectorizer: TfidfVectorizer, docs: Sequence[str]
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    analyze = _char_wb_analyzer(vectorizer) or vectorizer.build_analyzer()
    get = vectorizer.vocabulary_.get
    indptr, indices, counts = [0], [], []
    for doc in docs:
        found = Counter(map(get, analyze(doc)))
        found.pop(None, None)  # n-grams outside the vocabulary
        cols = sorted(found)
        indices.extend(cols)
        counts.extend(map(found.__getitem__, cols))
        indptr.append(len(indices))
    return (np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64),
            np.asarray(counts, dtype=np.int64))


class Block(NamedTuple):
    """A row block of a sparse feature matrix, kept as CSR arrays: stacking blocks side by side
    with :func:`hstack_blocks` builds one ``csr_matrix`` instead of one per block."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    n_cols: int

    def scaled(self, weight: float) -> Block:
        """The block with its values multiplied by ``weight``.

        Examples
        --------
        >>> dense_block(np.array([[1.0, 0.0]])).scaled(0.5).data.tolist()
        [0.5]
        """
        if weight == 1:
            return self
        return self._replace(data=self.data * self.data.dtype.type(weight))


def dense_block(values: np.ndarray) -> Block:
    """A dense (n, k) array as a block (its zeros are kept out).

    Examples
    --------
    >>> b = dense_block(np.array([[0.0, 2.0], [3.0, 0.0]]))
    >>> b.indptr.tolist(), b.indices.tolist(), b.data.tolist(), b.n_cols
    ([0, 1, 2], [1, 0], [2.0, 3.0], 2)
    """
    values = np.asarray(values, dtype=np.float32)
    rows, cols = np.nonzero(values)
    indptr = np.zeros(values.shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=values.shape[0]), out=indptr[1:])
    return Block(indptr, cols.astype(np.int64), values[rows, cols], values.shape[1])


def hstack_blocks(blocks: Sequence[Block]) -> sparse.csr_matrix:
    """Stack row-aligned blocks side by side into one CSR matrix with sorted indices.

    Examples
    --------
    >>> m = hstack_blocks([dense_block(np.eye(2)), dense_block(np.array([[0, 3], [4, 0]]))])
    >>> m.toarray().tolist()
    [[1.0, 0.0, 0.0, 3.0], [0.0, 1.0, 4.0, 0.0]]
    """
    n_rows = len(blocks[0].indptr) - 1
    rows, cols, data, offset = [], [], [], 0
    for b in blocks:
        rows.append(np.repeat(np.arange(n_rows), np.diff(b.indptr)))
        cols.append(np.asarray(b.indices, dtype=np.int64) + offset)
        data.append(b.data)
        offset += b.n_cols
    row = np.concatenate(rows)
    order = np.argsort(row, kind="stable")  # block after block within a row: columns ascend
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n_rows), out=indptr[1:])
    index_dtype = np.int32 if offset < 2**31 and len(row) < 2**31 else np.int64
    out = sparse.csr_matrix((np.concatenate(data)[order],
                             np.concatenate(cols)[order].astype(index_dtype),
                             indptr.astype(index_dtype)), shape=(n_rows, offset))
    out.has_sorted_indices = True
    return out


def tfidf_block(vectorizer: TfidfVectorizer, docs: Sequence[str]) -> Block:
    """:func:`tfidf_transform` as a :class:`Block`.

    Examples
    --------
    >>> vec = TfidfVectorizer().fit(["Kyiv rejected talks", "talks resumed"])
    >>> b = tfidf_block(vec, ["talks", ""])
    >>> b.indptr.tolist(), [vec.get_feature_names_out()[c] for c in b.indices]
    ([0, 1, 1], ['talks'])
    """
    counter = _counter(vectorizer, docs)
    indptr, cols, counts = (counter.count(docs) if counter is not None
                            else _python_counts(vectorizer, docs))
    dtype = vectorizer.dtype
    data = counts.astype(dtype)
    if vectorizer.binary:
        data[:] = 1
    if vectorizer.sublinear_tf:
        np.log(data, out=data)
        data += 1
    if vectorizer.use_idf:
        data *= vectorizer.idf_[cols].astype(dtype, copy=False)
    if vectorizer.norm == "l2":
        rows = np.repeat(np.arange(len(docs)), np.diff(indptr))
        norms = np.sqrt(np.bincount(rows, weights=data.astype(np.float64) ** 2,
                                    minlength=len(docs)))
        norms[norms == 0] = 1.0
        data /= norms[rows].astype(dtype)
    elif vectorizer.norm is not None:  # l1: rare; let scikit-learn do it
        X = vectorizer._tfidf.transform(sparse.csr_matrix(
            (data, cols, indptr), shape=(len(docs), len(vectorizer.vocabulary_))))
        return Block(X.indptr, X.indices, X.data, X.shape[1])
    return Block(indptr, cols, data, len(vectorizer.vocabulary_))


def tfidf_transform(vectorizer: TfidfVectorizer, docs: Sequence[str]) -> sparse.csr_matrix:
    """``vectorizer.transform(docs)`` for a fitted TfidfVectorizer, computed directly.

    The same analyser, vocabulary and arithmetic (counts, sublinear tf, idf, l2 norm) as
    scikit-learn, without its per-call input checks, which cost more than the work itself for
    the few dozen items of one article; ``char_wb`` n-grams are counted with
    :class:`CharNgramCounter`. Equal to scikit-learn's result to float precision.

    Examples
    --------
    >>> vec = TfidfVectorizer(sublinear_tf=True).fit(["Kyiv rejected talks", "talks resumed"])
    >>> bool(abs(tfidf_transform(vec, ["talks talks"]) - vec.transform(["talks talks"])).max()
    ...      < 1e-12)
    True
    """
    b = tfidf_block(vectorizer, docs)
    return sparse.csr_matrix((b.data, b.indices.astype(np.int32), b.indptr.astype(np.int32)),
                             shape=(len(docs), b.n_cols), dtype=vectorizer.dtype)
