"""Sentiment toward a party, and the frames a party holds, from a small recurrent network that
runs on NumPy alone.

:class:`GRUSentimentClassifier` and :class:`GRUFrameClassifier` read the masked sentence of a
(sentence, party) item (the party as ``PARTYX``, the other parties as ``OTHERX``, as the
fine-tuned encoder reads it) word by word: each word is a fixed vector, plus where it stands
from the party and whether it is the party or another one; a bidirectional GRU reads the words
in both directions, and a linear layer reads its states at the party, their maximum over the
sentence and over the four words on either side of the party. It keeps the two parties of one
sentence apart better than bag-of-words features do, because it sees the order of the words.
The sentiment network has three classes (softmax); the frame network three independent frames
(one sigmoid each, as the frame model's probabilities are).

Training needs PyTorch and a sentence encoder (the ``framing[embeddings]`` extra): the word
vectors are the encoder's vector of each word of the training items read alone, standardised.
Once trained, the network is a handful of NumPy arrays (float16), checked by their SHA-256 when
the model is loaded, and **predicting needs NumPy only**, so the default install runs it.

The default model averages each with its sparse model (:class:`ProbaBlend`);
``docs/accuracy.md`` says what chose that and what it scores.
"""

from __future__ import annotations

import re
import time
import weakref
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from ..errors import InputError
from .embeddings import target_spans
from .features import coerce_items, find_step
from .finetune import TunedWeightsError, weights_digest

#: The classes, in the order of the network's outputs.
CLASSES = ("negative", "neutral", "positive")
#: Words of the masked sentence: the masks, words (with an apostrophe's ending), numbers, and
#: any other single character.
_WORD = re.compile(r"PARTYX|OTHERX|[A-Za-z]+(?:'[a-z]+)?|\d+|[^\sA-Za-z\d]")
_PAD, _UNK = 0, 1
#: Distance buckets from the party: 0, 1, 2, 3-4, 5-8, 9-15, 16 or more, on either side.
_N_BUCKETS = 15


def item_words(item: Any) -> list[str]:
    """The words of an item's masked sentence.

    Examples
    --------
    >>> from framing.learn.features import PartyItem
    >>> item_words(PartyItem("Moscow praised Kyiv's offer.", ((15, 19),), ((0, 6),)))
    ['OTHERX', 'praised', 'PARTYX', "'", 's', 'offer', '.']
    """
    text, _ = target_spans(item)
    return _WORD.findall(text)


def _bucket(d: int) -> int:
    a = abs(d)
    b = 0 if a == 0 else 1 if a == 1 else 2 if a == 2 else 3 if a <= 4 else 4 if a <= 8 \
        else 5 if a <= 15 else 6
    return 7 + (b if d > 0 else -b)


#: Buckets of the words within four of the party (the window the network pools over).
_NEAR = frozenset(range(_bucket(-4), _bucket(4) + 1))
#: Per fitted model: its word index and its arrays as float32, kept beside it, not in it.
_READY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def encode_words(words: Sequence[str], vocab: dict[str, int], max_len: int
                 ) -> tuple[list[int], list[int], list[int]]:
    """Word ids, roles (0 word, 1 the party, 2 another party) and distance buckets of one
    item, cut to ``max_len`` words around the party's first mention.

    Examples
    --------
    >>> encode_words(["OTHERX", "praised", "PARTYX", "."], {"praised": 2}, 60)
    ([1, 2, 1, 1], [2, 0, 1, 0], [5, 6, 7, 8])
    """
    pos = [k for k, w in enumerate(words) if w == "PARTYX"] or [0]
    if len(words) > max_len:
        start = min(max(pos[0] - max_len // 2, 0), len(words) - max_len)
        words = words[start:start + max_len]
        pos = [k - start for k in pos if start <= k < start + max_len] or [0]
    ids = [vocab.get(w.lower(), _UNK) for w in words] or [_UNK]
    role = [1 if w == "PARTYX" else 2 if w == "OTHERX" else 0 for w in words] or [1]
    rel = [_bucket(min((k - p for p in pos), key=abs)) for k in range(len(ids))]
    return ids, role, rel


def _batch(rows: Sequence[tuple[list[int], list[int], list[int]]]
           ) -> tuple[np.ndarray, np.ndarray]:
    """``(3, n, length)`` int array of ids, roles and buckets, right-padded, and the mask."""
    length = max(len(r[0]) for r in rows)
    out = np.zeros((3, len(rows), length), dtype=np.int64)
    mask = np.zeros((len(rows), length), dtype=bool)
    for j, r in enumerate(rows):
        for c in range(3):
            out[c, j, :len(r[0])] = r[c]
        mask[j, :len(r[0])] = True
    return out, mask


def _reverse(x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each row's first ``lengths[j]`` steps in reverse order, the padding left at the end
    (axis 1 is time)."""
    idx = np.arange(x.shape[1])[None, :]
    rev = np.where(idx < lengths[:, None], lengths[:, None] - 1 - idx, idx)
    return np.take_along_axis(x, rev.reshape(rev.shape + (1,) * (x.ndim - 2)), axis=1)


def _rows(a: np.ndarray, w_t: np.ndarray) -> np.ndarray:
    """``a @ w_t`` computed one row of ``a`` at a time (a stacked product), so that a row's
    result does not depend on the other rows: an item scores the same to the last bit alone,
    in an article or in a batch of articles (one product over the whole batch lets the BLAS
    library sum in an order that depends on the batch's shape)."""
    return np.matmul(a[..., None, :], w_t)[..., 0, :]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _gru(gates_x: np.ndarray, w_hh: np.ndarray, b_hh: np.ndarray,
         lengths: np.ndarray | None = None) -> np.ndarray:
    """PyTorch's GRU from a zero state, given each step's input gates ``gates_x`` (batch,
    time, 3 * hidden: the input times ``w_ih``'s transpose, plus ``b_ih``): every step's
    state, (batch, time, hidden).

    ``lengths`` (per row, ascending, as :meth:`_RecurrentClassifier._logits` sorts its
    batches) lets the loop stop computing a row after its last word: the states past it are
    zero, as is every state of the padding, which the caller masks out. A row's states up to
    its length are the same either way (each product is one row at a time).
    """
    n, steps, _ = gates_x.shape
    hidden = w_hh.shape[1]
    w_hh_t = np.ascontiguousarray(w_hh.T)
    if lengths is not None and bool(np.all(lengths[:-1] <= lengths[1:])):
        first = np.searchsorted(lengths, np.arange(steps), side="right").tolist()
    else:
        first = [0] * steps  # the first row still reading at each step
    h = np.zeros((n, hidden), dtype=gates_x.dtype)
    out = np.zeros((n, steps, hidden), dtype=gates_x.dtype)
    for t, k in enumerate(first):
        hk = h[k:]
        gh = _rows(hk, w_hh_t) + b_hh
        gx = gates_x[k:, t]
        rz = _sigmoid(gx[:, :2 * hidden] + gh[:, :2 * hidden])
        r, z = rz[:, :hidden], rz[:, hidden:]
        cand = np.tanh(gx[:, 2 * hidden:] + r * gh[:, 2 * hidden:])
        hk = (1.0 - z) * cand + z * hk
        h[k:] = hk
        out[k:, t] = hk
    return out


#: The parts of a word's input, each a table indexed by one row of a batch's ``x``.
_PARTS = ("words", "role", "distance")


def _gate_tables(w: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each direction's input gates of every word, role and distance bucket:
    ``{direction}_{part}_gates``, one row per row of the part's table.

    A word's input is the sum of its word, role and distance vectors, and the gates are linear
    in it, so a position's gates are the sum of three rows of these tables and the bias
    (:func:`_input_gates`): the products are made once per model, a row at a time, instead of
    once per word of every batch. About 17 MB per direction for 11,000 words (float32).
    """
    tables = {}
    for direction in ("fwd", "bwd"):
        w_t = np.ascontiguousarray(w[f"{direction}_w_ih"].T)
        for part in _PARTS:
            tables[f"{direction}_{part}_gates"] = _rows(w[part], w_t)
    return tables


def _input_gates(w: dict[str, np.ndarray], direction: str, x: np.ndarray) -> np.ndarray:
    """The input gates of one direction (``"fwd"`` or ``"bwd"``) at every position of a batch,
    from the tables of :func:`_gate_tables` (in ``w``)."""
    gates = w[f"{direction}_b_ih"]
    for part, index in zip(_PARTS, x, strict=True):
        gates = gates + w[f"{direction}_{part}_gates"][index]
    return gates


def _pool(h: np.ndarray, mask: np.ndarray, role: np.ndarray, rel: np.ndarray) -> np.ndarray:
    """The states' mean at the party, their maximum over the sentence and over the words
    within four of the party, side by side."""
    m = mask[..., None]
    party = (role == 1)[..., None] & m
    near = np.isin(rel, list(_NEAR))[..., None] & m
    at_party = (h * party).sum(1) / np.maximum(party.sum(1), 1)
    low = np.asarray(-1e4, dtype=h.dtype)
    overall = np.where(m, h, low).max(1)
    around = np.where(near, h, low).max(1)
    return np.concatenate([at_party, overall, around], axis=1)


_PARAMS_DOC = """
    Parameters
    ----------
    hidden : int, default=128
        Units of the GRU in each direction.
    dim : int, default=128
        Width of a word's input vector (its fixed vector projected, plus its role and distance).
    epochs : int, default=8
    lr : float, default=2e-3
        Peak learning rate of AdamW's one-cycle schedule.
    dropout : float, default=0.3
    batch_size : int, default=64
    max_len : int, default=60
        Words read per item, around the party's first mention.
    min_count : int, default=2
        A word gets its own vector when the training items hold it this often; rarer ones
        share the unknown word's.
    encoder : str, default="all-minilm-l6-v2"
        The registered sentence encoder whose vector of each word, read alone, is its fixed
        vector (needed for training only).
    seed : int, default=0
"""


class _RecurrentClassifier(ClassifierMixin, BaseEstimator):
    """What the two networks share: the settings, training on target vectors, the word
    vectors, the NumPy forward pass and the weights' check. A subclass says how labels become
    target vectors (:meth:`_targets`), which loss it learns (``_multilabel``) and how logits
    become probabilities."""

    #: Independent sigmoid outputs and binary cross-entropy (frames), or one softmax and
    #: cross-entropy (sentiment).
    _multilabel = False
    #: What the network scores, for messages.
    _what = ""

    def __init__(self, *, hidden: int = 128, dim: int = 128, epochs: int = 8, lr: float = 2e-3,
                 dropout: float = 0.3, batch_size: int = 64, max_len: int = 60,
                 min_count: int = 2, encoder: str = "all-minilm-l6-v2", seed: int = 0) -> None:
        self.hidden = hidden
        self.dim = dim
        self.epochs = epochs
        self.lr = lr
        self.dropout = dropout
        self.batch_size = batch_size
        self.max_len = max_len
        self.min_count = min_count
        self.encoder = encoder
        self.seed = seed

    # -- training (PyTorch and the encoder) ------------------------------------------------

    def _targets(self, y: Any, n: int) -> np.ndarray:
        raise NotImplementedError

    def fit(self, X: Sequence[Any], y: Any, sample_weight: Any = None) -> Any:
        """Train on items and their labels; ``sample_weight`` weighs each row's loss.

        Rows with the same item are one example whose target is the weighted mean of their
        target vectors, weighted by the rows' total weight. That is how
        :meth:`framing.learn.models.SoftLabels.expand` gives a teacher's probabilities (one row
        per label, or per combination of frames, weighted by its probability): the loss is then
        the cross-entropy against the teacher's probabilities.
        """
        items = coerce_items(X)
        targets = self._targets(y, len(items))
        weights = (np.ones(len(items)) if sample_weight is None
                   else np.asarray(sample_weight, dtype=float))
        if weights.shape != (len(items),) or not np.all(np.isfinite(weights)) \
                or (weights < 0).any():
            raise InputError("sample_weight must hold one finite, non-negative weight per item")
        start = time.perf_counter()
        groups: dict[Any, int] = {}
        sums: list[np.ndarray] = []
        totals: list[float] = []
        words: list[list[str]] = []
        for item, target, w in zip(items, targets, weights, strict=True):
            k = groups.setdefault(item, len(groups))
            if k == len(sums):
                sums.append(np.zeros(targets.shape[1]))
                totals.append(0.0)
                words.append(item_words(item))
            sums[k] += w * target
            totals[k] += w
        total = np.array(totals)
        keep = total > 0
        target = np.array(sums)[keep] / total[keep, None]
        total = total[keep]
        words = [w for w, k in zip(words, keep, strict=True) if k]
        counts = Counter(w.lower() for ws in words for w in ws)
        self.vocab_ = sorted(w for w, c in counts.items() if c >= self.min_count)
        vectors = self._word_vectors(self.vocab_)
        vocab = {w: k + 2 for k, w in enumerate(self.vocab_)}
        rows = [encode_words(ws, vocab, self.max_len) for ws in words]
        self.weights_ = _train(rows, target, total, vectors, self.get_params(),
                               multilabel=self._multilabel)
        self.weights_sha256_ = weights_digest(self.weights_)
        self.train_seconds_ = round(time.perf_counter() - start, 1)
        return self

    def _word_vectors(self, words: Sequence[str]) -> np.ndarray:
        """The encoder's vector of each word read alone, standardised per dimension."""
        from .embeddings import get_encoder

        enc = get_encoder(self.encoder)
        vec = np.asarray(enc.encode(list(words), 256), dtype=np.float32)
        return (vec - vec.mean(0)) / (vec.std(0) + 1e-3)

    # -- prediction (NumPy) ----------------------------------------------------------------

    def _ready(self) -> tuple[dict[str, int], dict[str, np.ndarray]]:
        """The word index, and the arrays as float32 with the input gates of every word
        (:func:`_gate_tables`), built once per fitted model and kept beside it, not in it (so
        that they are not saved)."""
        ready = _READY.get(self)
        if ready is None or ready[2] != self.weights_sha256_:
            index = {w: k + 2 for k, w in enumerate(self.vocab_)}
            arrays = {k: v.astype(np.float32) for k, v in self.weights_.items()}
            arrays.update(_gate_tables(arrays))
            del arrays["words"]  # only its gates are read
            ready = (index, arrays, self.weights_sha256_)
            _READY[self] = ready
        return ready[0], ready[1]

    def check_weights(self) -> None:
        """Raise :class:`framing.learn.finetune.TunedWeightsError` when the arrays do not
        match their recorded hash (a damaged or altered model file)."""
        check_is_fitted(self, "weights_sha256_")
        have = weights_digest(self.weights_)
        if have != self.weights_sha256_:
            raise TunedWeightsError(
                f"the recurrent {self._what} network's weights are damaged: sha256 "
                f"{have[:12]}, recorded {str(self.weights_sha256_)[:12]}; rebuild the model")

    def _logits(self, X: Sequence[Any]) -> np.ndarray:
        """The output layer's values per item, with NumPy only."""
        check_is_fitted(self, "weights_sha256_")
        items = coerce_items(X)
        out = np.zeros((len(items), len(self.classes_)))
        if not items:
            return out
        vocab, w = self._ready()
        rows = [encode_words(item_words(it), vocab, self.max_len) for it in items]
        order = np.argsort([len(r[0]) for r in rows], kind="stable")
        for start in range(0, len(rows), 256):
            part = order[start:start + 256]
            out[part] = _forward(w, *_batch([rows[k] for k in part]))
        return out


class GRUSentimentClassifier(_RecurrentClassifier):
    __doc__ = """Three-class sentiment toward a party from a bidirectional GRU over word vectors.
""" + _PARAMS_DOC + """
    Attributes
    ----------
    classes_ : ndarray of str
        ``["negative", "neutral", "positive"]``.
    vocab_ : list of str
        The words with a vector (after two reserved rows: padding and unknown).
    weights_ : dict of str to ndarray
        The network's arrays, float16: ``words`` (the projected word vectors), ``role``,
        ``distance``, the GRU's ``fwd_*`` and ``bwd_*`` weights and the ``out`` layer.
    weights_sha256_ : str
        :func:`framing.learn.finetune.weights_digest` of ``weights_``, checked on load.
    train_seconds_ : float

    Examples
    --------
    >>> clf = GRUSentimentClassifier(epochs=2)
    >>> clf.get_params()["hidden"]
    128
    >>> clf.fit(items, labels)  # needs framing[embeddings]  # doctest: +SKIP
    >>> clf.predict_proba([("Moscow praised Kyiv.", (15, 19))])  # NumPy only  # doctest: +SKIP
    """

    _what = "sentiment"

    def _targets(self, y: Any, n: int) -> np.ndarray:
        """One-hot rows of the labels, which must be :data:`CLASSES`."""
        labels = [str(v) for v in y]
        if len(labels) != n:
            raise InputError(f"{n} items but {len(labels)} labels")
        unknown = sorted(set(labels) - set(CLASSES))
        if unknown:
            raise InputError(f"sentiment labels must be {list(CLASSES)}; got {unknown}")
        self.classes_ = np.array(CLASSES)
        return np.eye(len(CLASSES))[[CLASSES.index(v) for v in labels]]

    def predict_proba(self, X: Sequence[Any]) -> np.ndarray:
        """P(negative), P(neutral), P(positive) per item, with NumPy only."""
        logits = self._logits(X)
        logits -= logits.max(1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(1, keepdims=True)

    def predict(self, X: Sequence[Any]) -> np.ndarray:
        """The most probable class per item."""
        return self.classes_[self.predict_proba(X).argmax(1)]


class GRUFrameClassifier(_RecurrentClassifier):
    __doc__ = """The frames a party holds (hard-line, skeptical, conciliatory, each on its own)
    from a bidirectional GRU over word vectors: :class:`GRUSentimentClassifier`'s network with
    one sigmoid output per frame, trained with binary cross-entropy.

    ``fit`` takes an (n, 3) matrix of 0/1 labels or of probabilities (a teacher's soft labels,
    learnt as they are), columns in the order of :data:`framing.labels.FRAMES`.
""" + _PARAMS_DOC + """
    Attributes
    ----------
    classes_ : ndarray of int
        ``[0, 1, 2]``, the columns (as :class:`framing.learn.estimators.FrameClassifier`
        numbers the labels of a multi-label fit).
    vocab_, weights_, weights_sha256_, train_seconds_
        As :class:`GRUSentimentClassifier`'s.

    Examples
    --------
    >>> clf = GRUFrameClassifier(epochs=2)
    >>> clf.get_params()["max_len"]
    60
    >>> clf.fit(items, frames)  # needs framing[embeddings]  # doctest: +SKIP
    >>> clf.predict_proba([("Moscow rejected Kyiv's offer.", (0, 6))])  # doctest: +SKIP
    """

    _multilabel = True
    _what = "frame"

    def _targets(self, y: Any, n: int) -> np.ndarray:
        """The label matrix as floats, checked: one row per item, values in [0, 1]."""
        try:
            target = np.asarray(y, dtype=float)
        except (TypeError, ValueError):
            raise InputError("frame labels must be an (n, frames) matrix of numbers between "
                             "0 and 1") from None
        if target.ndim != 2 or target.shape[0] != n or target.shape[1] < 1:
            raise InputError(f"frame labels must be an ({n}, frames) matrix, one row per "
                             f"item; got shape {target.shape}")
        if not np.all(np.isfinite(target)) or (target < 0).any() or (target > 1).any():
            raise InputError("frame labels must lie between 0 and 1 (labels or probabilities)")
        self.classes_ = np.arange(target.shape[1])
        return target

    def predict_proba(self, X: Sequence[Any]) -> np.ndarray:
        """P(frame) per item and frame, with NumPy only (they need not sum to one)."""
        return _sigmoid(self._logits(X))

    def predict(self, X: Sequence[Any], threshold: float = 0.5) -> np.ndarray:
        """A 0/1 matrix: the frames whose probability reaches ``threshold``."""
        return (self.predict_proba(X) >= threshold).astype(int)


def _forward(w: dict[str, np.ndarray], x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The output layer's values (logits) of one padded batch (NumPy)."""
    _, role, rel = x
    lengths = mask.sum(1)
    fwd = _gru(_input_gates(w, "fwd", x), w["fwd_w_hh"], w["fwd_b_hh"], lengths)
    backwards = np.stack([_reverse(part, lengths) for part in x])
    bwd = _reverse(_gru(_input_gates(w, "bwd", backwards), w["bwd_w_hh"], w["bwd_b_hh"],
                        lengths), lengths)
    h = np.concatenate([fwd, bwd], axis=2)
    return _rows(_pool(h, mask, role, rel), np.ascontiguousarray(w["out_w"].T)) + w["out_b"]


def _train(rows: list[tuple[list[int], list[int], list[int]]], target: np.ndarray,
           weight: np.ndarray, vectors: np.ndarray, params: dict[str, Any], *,
           multilabel: bool = False) -> dict[str, np.ndarray]:
    """Fit the network with PyTorch, with one output per column of ``target``: softmax and
    cross-entropy, or (``multilabel``) a sigmoid per column and binary cross-entropy. Its
    arrays as float16, named as :func:`_forward` reads them."""
    try:
        import torch
        from torch import nn
    except ImportError:
        from .embeddings import EmbeddingsUnavailable

        raise EmbeddingsUnavailable(
            "training a recurrent network needs PyTorch: pip install "
            "'framing[embeddings]'") from None
    torch.manual_seed(params["seed"])
    rng = np.random.default_rng(params["seed"])
    hidden, dim = params["hidden"], params["dim"]
    table = torch.tensor(np.vstack([np.zeros((2, vectors.shape[1]), np.float32), vectors]))

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.proj = nn.Linear(table.shape[1], dim)
            self.role = nn.Embedding(3, dim)
            self.distance = nn.Embedding(_N_BUCKETS, dim)
            self.gru = nn.GRU(dim, hidden, batch_first=True, bidirectional=True)
            self.drop = nn.Dropout(params["dropout"])
            self.out = nn.Linear(6 * hidden, target.shape[1])
            self.near = torch.tensor(sorted(_NEAR))

        def forward(self, x: Any, mask: Any) -> Any:
            ids, role, rel = x
            e = self.drop(self.proj(table[ids]) + self.role(role) + self.distance(rel))
            packed = nn.utils.rnn.pack_padded_sequence(e, mask.sum(1), batch_first=True,
                                                       enforce_sorted=False)
            h = nn.utils.rnn.pad_packed_sequence(self.gru(packed)[0], batch_first=True,
                                                 total_length=e.shape[1])[0]
            m = mask.unsqueeze(-1)
            party = (role == 1).unsqueeze(-1) & m
            near = torch.isin(rel, self.near).unsqueeze(-1) & m
            at_party = (h * party).sum(1) / party.sum(1).clamp(min=1)
            overall = h.masked_fill(~m, -1e4).max(1).values
            around = h.masked_fill(~near, -1e4).max(1).values
            return self.out(self.drop(torch.cat([at_party, overall, around], -1)))

    net = Net()
    opt = torch.optim.AdamW(net.parameters(), lr=params["lr"], weight_decay=1e-4)
    bs = params["batch_size"]
    steps = params["epochs"] * -(-len(rows) // bs)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=params["lr"], total_steps=steps)
    tgt = torch.tensor(target, dtype=torch.float32)
    wt = torch.tensor(weight, dtype=torch.float32)
    bce = nn.BCEWithLogitsLoss(reduction="none")
    net.train()
    for _ in range(params["epochs"]):
        order = rng.permutation(len(rows))
        for k in range(0, len(rows), bs):
            part = order[k:k + bs]
            x, mask = _batch([rows[j] for j in part])
            logits = net(torch.tensor(x), torch.tensor(mask))
            if multilabel:
                per_item = bce(logits, tgt[part]).sum(-1)
            else:
                per_item = -(tgt[part] * torch.log_softmax(logits, -1)).sum(-1)
            loss = (per_item * wt[part]).sum() / wt[part].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    net.eval()
    with torch.no_grad():
        words = net.proj(table).numpy()
        words[_PAD] = 0.0
        arrays = {"words": words, "role": net.role.weight.numpy(),
                  "distance": net.distance.weight.numpy(),
                  "out_w": net.out.weight.numpy(), "out_b": net.out.bias.numpy()}
        torch_names = {"w_ih": "weight_ih_l0", "w_hh": "weight_hh_l0", "b_ih": "bias_ih_l0",
                       "b_hh": "bias_hh_l0"}
        for prefix, sfx in (("fwd", ""), ("bwd", "_reverse")):
            for name, torch_name in torch_names.items():
                arrays[f"{prefix}_{name}"] = getattr(net.gru, torch_name + sfx).numpy()
    return {k: np.ascontiguousarray(v, dtype=np.float16) for k, v in arrays.items()}


def find_recurrent(pipeline: Any) -> GRUSentimentClassifier | GRUFrameClassifier | None:
    """The recurrent network (of sentiment or of frames) inside a pipeline or blend, if it has
    one.

    Examples
    --------
    >>> from sklearn.pipeline import Pipeline
    >>> find_recurrent(Pipeline([("classifier", GRUSentimentClassifier())])) is not None
    True
    >>> find_recurrent(Pipeline([("classifier", GRUFrameClassifier())])) is not None
    True
    >>> find_recurrent(None) is None
    True
    """
    return find_step(pipeline, _RecurrentClassifier)
