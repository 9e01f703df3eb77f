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
from typing import NamedTuple

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = ["Block", "CharNgramCounter", "dense_block", "hstack_blocks", "tfidf_block",
           "tfidf_transform"]

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

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if vectorizer.analyzer != "char_wb":
            raise ValueError("CharNgramCounter needs a char_wb vectorizer")
        self.lo, self.hi = vectorizer.ngram_range
        self._words = _char_wb_words(vectorizer)
        terms = list(vectorizer.vocabulary_)
        alphabet = sorted({c for t in terms for c in t})
        self.bits = max(1, len(alphabet).bit_length())  # codes 1..len(alphabet); 0 = unknown
        longest = max(self.hi, *(len(t) for t in terms)) if terms else self.hi
        if self.bits * longest > 63:
            raise ValueError(f"{len(alphabet)} distinct characters do not fit in 63 bits")
        top = ord(alphabet[-1]) + 1 if alphabet else 1
        self._code = np.zeros(top, dtype=np.uint64)
        for k, c in enumerate(alphabet, start=1):
            self._code[ord(c)] = k
        numbers = np.array([self._number(t) for t in terms], dtype=np.uint64)
        columns = np.array([vectorizer.vocabulary_[t] for t in terms], dtype=np.int64)
        order = np.argsort(numbers, kind="stable")
        self._numbers, self._columns = numbers[order], columns[order]

    def _number(self, term: str) -> int:
        value = 0
        for c in term:
            value = (value << self.bits) | int(self._code[ord(c)])
        return value

    def _codes(self, text: str) -> np.ndarray:
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        codes = np.zeros(len(points), dtype=np.uint64)
        known = points < len(self._code)
        codes[known] = self._code[points[known]]
        return codes

    def count(self, docs: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts of the n-gram count matrix: ``indptr``, column indices (ascending within
        a row) and counts, n-grams outside the vocabulary left out."""
        padded, lengths = [], []
        for doc in docs:
            words = self._words(doc)
            text = "".join(f" {w} " for w in words)
            padded.append(text)
            lengths.append(len(text))
        text = "".join(padded)
        n_chars = len(text)
        indptr = np.zeros(len(docs) + 1, dtype=np.int64)
        if n_chars == 0:
            return indptr, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        codes = self._codes(text)
        # Padded words follow each other (" a  b "), so a word starts at 0 and wherever a
        # space follows a space; an n-gram counts when it starts and ends in the same word.
        space = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) == 32
        starts = np.zeros(n_chars, dtype=bool)
        starts[0] = True
        starts[1:] = space[1:] & space[:-1]
        word = np.cumsum(starts)
        doc_of_char = np.repeat(np.arange(len(docs)), lengths)
        word_len = np.bincount(word)[word]  # the length of each character's padded word
        found_doc, found_col = [], []
        number = np.zeros(n_chars, dtype=np.uint64)
        unknown = np.zeros(n_chars, dtype=bool)
        shift = np.uint64(self.bits)
        for n in range(1, self.hi + 1):
            m = n_chars - n + 1
            if m <= 0:
                break
            number = (number[:m] << shift) | codes[n - 1:n - 1 + m]
            unknown = unknown[:m] | (codes[n - 1:n - 1 + m] == 0)
            if n < self.lo:
                # a padded word shorter than the smallest n counts once, whole
                keep = starts[:m] & (word_len[:m] == n) & ~unknown
            else:
                keep = (word[:m] == word[n - 1:n - 1 + m]) & ~unknown
            self._lookup(number[keep], doc_of_char[:m][keep], found_doc, found_col)
        if not found_doc:
            return indptr, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        docs_found = np.concatenate(found_doc)
        cols_found = np.concatenate(found_col)
        n_cols = int(self._columns.max()) + 1 if len(self._columns) else 1
        keys, counts = np.unique(docs_found * n_cols + cols_found, return_counts=True)
        rows, cols = np.divmod(keys, n_cols)
        np.cumsum(np.bincount(rows, minlength=len(docs)), out=indptr[1:])
        return indptr, cols, counts.astype(np.int64)

    def _lookup(self, numbers: np.ndarray, docs: np.ndarray, found_doc: list, found_col: list
                ) -> None:
        if not len(self._numbers):
            return
        at = np.searchsorted(self._numbers, numbers)
        at[at == len(self._numbers)] = 0
        hit = self._numbers[at] == numbers
        found_doc.append(docs[hit])
        found_col.append(self._columns[at[hit]])


_COUNTERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _counter(vectorizer: TfidfVectorizer) -> CharNgramCounter | None:
    """The NumPy n-gram counter of a char_wb vectorizer, built once per fitted vectorizer."""
    if vectorizer.analyzer != "char_wb":
        return None
    key = id(vectorizer.vocabulary_)
    held = _COUNTERS.get(vectorizer)
    if held is None or held[0] != key:
        try:
            held = (key, CharNgramCounter(vectorizer))
        except ValueError:
            held = (key, None)
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
        """The block with its values multiplied by ``weight``."""
        if weight == 1:
            return self
        return self._replace(data=self.data * self.data.dtype.type(weight))


def dense_block(values: np.ndarray) -> Block:
    """A dense (n, k) array as a block (its zeros are kept out)."""
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
    """:func:`tfidf_transform` as a :class:`Block`."""
    counter = _counter(vectorizer)
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
