"""Trainable models: training data, training, and safe model files.

A :class:`FramingModel` holds two scikit-learn pipelines over (sentence, party) items: a
multi-label frame model and a three-class target-sentiment model. Models are saved with
``skops`` and loaded only if every type in the file is on an allow-list of scikit-learn,
NumPy and ``framing`` classes, so a model file received from someone else cannot run code when
it is loaded. Pickle is never used for files.

Training data (``training/*.jsonl``, documented in ``training/DATASHEET.md``) has one line per
(sentence, party): ``text``, ``actor``, ``mentions`` (character spans), ``frames`` (list),
``sentiment``, ``kind`` (the dispute kind). A researcher's own coding can also be a CSV with
columns ``text, actor, frame[, sentiment]`` (one row per coded frame; ``frame`` may be
``none``); the party's mentions are then found in the text.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import math
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import FramingError, InputError
from ..labels import FRAMES, NONE
from .features import PartyItem

SENTIMENTS = ("negative", "neutral", "positive")
MODEL_FILE = "model.skops"


class ModelError(FramingError, ValueError):
    """A model file is missing, malformed, or contains types that are not allowed."""


@dataclass
class TrainingSet:
    """Items with their frame indicators, sentiment labels and groups (dispute kinds)."""

    items: list[PartyItem]
    frames: np.ndarray  # (n, 3) 0/1 in the order of FRAMES
    sentiment: list[str | None]
    groups: list[str]
    ids: list[str]
    sources: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.items)

    def subset(self, index: Sequence[int]) -> TrainingSet:
        """The examples at ``index``."""
        idx = list(index)
        return TrainingSet([self.items[i] for i in idx], self.frames[idx],
                           [self.sentiment[i] for i in idx], [self.groups[i] for i in idx],
                           [self.ids[i] for i in idx], self.sources)

    def with_sentiment(self) -> TrainingSet:
        """Only the examples that carry a sentiment label."""
        return self.subset([i for i, s in enumerate(self.sentiment) if s is not None])

    def digest(self) -> str:
        """SHA-256 over the examples (recorded in a model's metadata)."""
        h = hashlib.sha256()
        for it, fr, se in zip(self.items, self.frames.tolist(), self.sentiment, strict=True):
            h.update(json.dumps([it.text, it.spans, fr, se]).encode("utf-8"))
        return h.hexdigest()


def _frames_vector(frames: Iterable[str], where: str) -> list[int]:
    vec = [0, 0, 0]
    for f in frames:
        if f == NONE or f == "":
            continue
        if f not in FRAMES:
            raise InputError(f"{where}: frame {f!r} is not one of {[*FRAMES, NONE]}")
        vec[FRAMES.index(f)] = 1
    return vec


#: Frame combinations less likely than this are left out when soft frame labels are expanded
#: (:meth:`SoftLabels.expand`): the balanced class weights count rows, and eight rows per item,
#: most with a weight near zero, would swamp them. Fixed before any measurement.
MIN_COMBINATION = 0.02


@dataclass
class SoftLabels:
    """Items with probabilities instead of labels: a teacher model's view of items no one coded.

    What the accurate models of the embeddings extra (the fine-tuned encoder) say about items
    no one coded; :func:`train_model` learns them beside the coded labels (knowledge
    distillation). For ``kind="sentiment"`` ``proba`` has one row per item in the order of
    :data:`SENTIMENTS`, summing to 1; for ``kind="frames"`` one row per item in the order of
    :data:`FRAMES`, each the probability that the party holds that frame (independent frames:
    a row need not sum to 1).

    Examples
    --------
    >>> soft = SoftLabels([PartyItem("Moscow praised Kyiv.", ((15, 19),), ((0, 6),))],
    ...                   np.array([[0.1, 0.3, 0.6]]), ["example:1"])
    >>> items, labels, weights = soft.expand()
    >>> labels, weights.tolist()
    (['negative', 'neutral', 'positive'], [0.1, 0.3, 0.6])
    >>> frames = SoftLabels(soft.items, np.array([[0.8, 0.0, 0.5]]), ["example:1"],
    ...                     kind="frames")
    >>> items, labels, weights = frames.expand()
    >>> labels.tolist(), weights.round(2).tolist()
    ([[0, 0, 0], [0, 0, 1], [1, 0, 0], [1, 0, 1]], [0.1, 0.1, 0.4, 0.4])
    """

    items: list[PartyItem]
    proba: np.ndarray
    ids: list[str]
    source: str = ""
    weight: float = 1.0  # how much one soft-labelled item counts against one coded item
    kind: str = "sentiment"

    def __post_init__(self) -> None:
        if self.kind not in ("sentiment", "frames"):
            raise InputError(f"kind must be 'sentiment' or 'frames'; got {self.kind!r}")
        if not (math.isfinite(self.weight) and self.weight > 0):
            raise InputError(f"the weight of soft labels must be a positive number; got "
                             f"{self.weight!r}")
        self.proba = np.asarray(self.proba, dtype=np.float64)
        n = len(self.items)
        name = f"soft labels of {self.source}" if self.source else "soft labels"
        width = len(SENTIMENTS if self.kind == "sentiment" else FRAMES)
        if self.proba.shape != (n, width) or len(self.ids) != n:
            raise InputError(f"{name}: {n} items, {len(self.ids)} ids and probabilities of "
                             f"shape {self.proba.shape}; expected ({n}, {width})")
        bad = ~np.isfinite(self.proba).all(axis=1) | (self.proba < 0).any(axis=1)
        if self.kind == "sentiment":
            bad |= np.abs(self.proba.sum(axis=1) - 1.0) > 0.01
            what = "are not non-negative numbers that sum to 1"
        else:
            bad |= (self.proba > 1).any(axis=1)
            what = "are not probabilities between 0 and 1"
        where = np.flatnonzero(bad)
        if where.size:
            raise InputError(f"{name}, {self.ids[where[0]]}: the probabilities "
                             f"{self.proba[where[0]].tolist()} {what}")

    def __len__(self) -> int:
        return len(self.items)

    def expand(self) -> tuple[list[PartyItem], Any, np.ndarray]:
        """Rows to learn with sample weights (times :attr:`weight`).

        Sentiment: each item once per class, that class as its label, weighted by its
        probability. Frames: each item once per combination of frames (a row of the (n, 3)
        0/1 label matrix), weighted by its probability under independent frames, so that each
        frame's rows weigh its probability against its complement; combinations less likely
        than :data:`MIN_COMBINATION` are left out.
        """
        if self.kind == "sentiment":
            k = len(SENTIMENTS)
            items = [it for it in self.items for _ in range(k)]
            labels = [c for _ in self.items for c in SENTIMENTS]
            return items, labels, self.weight * self.proba.reshape(-1)
        combos = np.array(list(itertools.product((0, 1), repeat=len(FRAMES))))
        # (n, 8): P(combination) = prod over frames of p or 1 - p
        share = np.prod(np.where(combos[None, :, :] == 1, self.proba[:, None, :],
                                 1 - self.proba[:, None, :]), axis=2)
        rows, cols = np.nonzero(share >= MIN_COMBINATION)
        items = [self.items[i] for i in rows]
        return items, combos[cols], self.weight * share[rows, cols]

    def digest(self) -> str:
        """SHA-256 over the items and their probabilities (recorded in a model's metadata)."""
        h = hashlib.sha256()
        if self.kind != "sentiment":
            h.update(self.kind.encode())
        for it, p in zip(self.items, np.round(self.proba, 6).tolist(), strict=True):
            h.update(json.dumps([it.text, it.spans, it.others, p]).encode("utf-8"))
        return h.hexdigest()


def load_training_jsonl(paths: Iterable[str | Path], *, group: str | None = None
                        ) -> TrainingSet:
    """Read the project's training format (see ``training/DATASHEET.md``).

    Other parties' mentions in the same sentence (other lines with the same text) become the
    ``others`` of each item, so the features can tell the party from the rest. Each item's
    group (for leave-one-group-out cross-validation) is its ``kind``, else the file's name;
    ``group="story"`` (any field) uses that field instead, and every line must have it.
    """
    rows = []
    sources = []
    for path in paths:
        p = Path(path)
        sources.append(p.name)
        for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{p}:{number}"
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{where}: invalid JSON: {e.msg}") from None
            for key in ("text", "actor", "mentions", "frames"):
                if key not in r:
                    raise InputError(f"{where}: missing key {key!r}")
            spans = [tuple(m) for m in r["mentions"]]
            for a, b in spans:
                if not 0 <= a < b <= len(r["text"]):
                    raise InputError(f"{where}: mention {[a, b]} outside the text")
            sent = r.get("sentiment")
            if sent is not None and sent not in SENTIMENTS:
                raise InputError(f"{where}: sentiment {sent!r} is not one of {list(SENTIMENTS)}")
            if group is not None and r.get(group) in (None, ""):
                raise InputError(f"{where}: missing group field {group!r}")
            label = str(r[group]) if group is not None else (r.get("kind") or p.stem)
            rows.append((r, spans, _frames_vector(r["frames"], where), sent,
                         label, r.get("id") or f"{p.stem}:{number}"))
    by_text: dict[str, list[tuple[int, int]]] = {}
    for r, spans, *_ in rows:
        by_text.setdefault(r["text"], []).extend(spans)
    items, frames, sentiment, groups, ids = [], [], [], [], []
    for r, spans, vec, sent, group, rid in rows:
        others = tuple(s for s in by_text[r["text"]] if s not in spans)
        items.append(PartyItem(r["text"], tuple(sorted(spans)), others))
        frames.append(vec)
        sentiment.append(sent)
        groups.append(group)
        ids.append(rid)
    return TrainingSet(items, np.array(frames, dtype=int).reshape(-1, 3), sentiment, groups,
                       ids, sources)


def load_coded_csv(path: str | Path, *, actors: Any = None, group: str | None = None
                   ) -> TrainingSet:
    """Read a researcher's coding: CSV with ``text, actor, frame[, sentiment[, group]]``.

    Rows with the same (text, actor) are merged; ``frame`` is one of the three frames or
    ``none``. The party's mentions are found with the actor dictionary (default, extended by
    ``actors``) and, failing that, by the actor's name in the text; a row whose party cannot be
    found is an error naming the line. Each item's group (for leave-one-group-out
    cross-validation) is its ``group`` column, else the file's name; ``group="outlet"`` (any
    column) uses that column instead, and every row must fill it.
    """
    from ..read.actors import resolve_actors

    p = Path(path)
    d = resolve_actors(actors)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{p}: file not found") from None
    reader = csv.DictReader(text.splitlines())
    need = {"text", "actor", "frame"}
    if not reader.fieldnames or not need <= set(reader.fieldnames):
        missing = sorted(need - set(reader.fieldnames or ()))
        raise InputError(f"{p}:1: header must contain text, actor, frame (and optionally "
                         f"sentiment, group); missing {missing}; got {reader.fieldnames}")
    if group is not None and group not in reader.fieldnames:
        raise InputError(f"{p}:1: no group column {group!r}; the columns are "
                         f"{reader.fieldnames}")
    column = group or "group"
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for number, row in enumerate(reader, start=2):
        where = f"{p}:{number}"
        if None in row or any(row.get(k) is None for k in need):
            raise InputError(f"{where}: expected {len(reader.fieldnames)} fields as in the "
                             "header; check the quoting of this row")
        if not row["text"].strip() or not row["actor"].strip():
            raise InputError(f"{where}: empty text or actor")
        if group is not None and not (row.get(group) or "").strip():
            raise InputError(f"{where}: empty group column {group!r}")
        key = (row["text"], row["actor"])
        entry = merged.setdefault(key, {"frames": set(), "sentiment": None,
                                        "group": row.get(column) or p.stem, "line": number})
        _frames_vector([row["frame"]], where)
        if row["frame"] not in (NONE, ""):
            entry["frames"].add(row["frame"])
        s = (row.get("sentiment") or "").strip()
        if s:
            if s not in SENTIMENTS:
                raise InputError(f"{where}: sentiment {s!r} is not one of {list(SENTIMENTS)}")
            entry["sentiment"] = s
    items, frames, sentiment, groups, ids = [], [], [], [], []
    for (sentence, actor), entry in merged.items():
        spans = [(m.start, m.end) for m in d.find(sentence) if m.party == actor]
        if not spans:
            i = sentence.lower().find(actor.lower())
            if i >= 0:
                spans = [(i, i + len(actor))]
        if not spans:
            raise InputError(f"{p}:{entry['line']}: party {actor!r} is not mentioned in the "
                             "text; add its aliases with actors=")
        others = tuple((m.start, m.end) for m in d.find(sentence) if m.party != actor)
        items.append(PartyItem(sentence, tuple(spans), others))
        frames.append(_frames_vector(entry["frames"], f"{p}:{entry['line']}"))
        sentiment.append(entry["sentiment"])
        groups.append(entry["group"])
        ids.append(f"{p.name}:{entry['line']}")
    return TrainingSet(items, np.array(frames, dtype=int).reshape(-1, 3), sentiment, groups,
                       ids, [p.name])


def load_training(paths: Iterable[str | Path], *, actors: Any = None, group: str | None = None
                  ) -> TrainingSet:
    """Load training data from JSONL files, directories of them, or coded CSV files.

    ``group`` names the JSONL field or CSV column that gives each item's group (see
    :func:`load_training_jsonl` and :func:`load_coded_csv` for the defaults).
    """
    jsonl, csvs = [], []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            jsonl.extend(sorted(p.glob("*.jsonl")))
        elif p.suffix == ".csv":
            csvs.append(p)
        elif p.exists():
            jsonl.append(p)
        else:
            raise InputError(f"{p}: file not found")
    sets = (([load_training_jsonl(jsonl, group=group)] if jsonl else [])
            + [load_coded_csv(c, actors=actors, group=group) for c in csvs])
    if not sets:
        raise InputError("no training files given")
    return concat(sets)


def concat(sets: Sequence[TrainingSet]) -> TrainingSet:
    """Concatenate training sets."""
    return TrainingSet(
        [it for s in sets for it in s.items],
        np.vstack([s.frames for s in sets]) if sets else np.zeros((0, 3), int),
        [x for s in sets for x in s.sentiment],
        [x for s in sets for x in s.groups],
        [x for s in sets for x in s.ids],
        [x for s in sets for x in s.sources],
    )


def load_newsmtsc(path: str | Path) -> TrainingSet:
    """Read NewsMTSC (Hamborg & Donnay 2021, MIT) JSONL into sentiment-only items.

    Each target becomes an item with its mention (and its ``further_mentions``) as spans and
    the other targets of the sentence as ``others``. Frames are unknown (all zero).
    """
    p = Path(path)
    items, sentiment, ids = [], [], []
    for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        r = json.loads(line)
        text = r["sentence"]
        targets = r["targets"]
        seen = set()
        for t in targets:
            span = (t["from"], t["to"])
            if span in seen:
                continue
            seen.add(span)
            spans = [span] + [(m["from"], m["to"]) for m in t.get("further_mentions") or []]
            spans = [s for s in spans if 0 <= s[0] < s[1] <= len(text)]
            others = tuple((o["from"], o["to"]) for o in targets if (o["from"], o["to"]) != span)
            items.append(PartyItem(text, tuple(sorted(set(spans))), others))
            sentiment.append(t["label"])
            ids.append(f"{p.name}:{number}:{span[0]}")
    return TrainingSet(items, np.zeros((len(items), 3), dtype=int), sentiment,
                       ["newsmtsc"] * len(items), ids, [p.name])


# -- the model --------------------------------------------------------------------------------


@dataclass
class FramingModel:
    """A frame model and a target-sentiment model over (sentence, party) items.

    Attributes
    ----------
    frames : Pipeline or None
        ``PartyFeaturizer`` + multi-label ``FrameClassifier``; ``predict_proba`` gives
        P(hard-line), P(skeptical), P(conciliatory).
    sentiment : Pipeline or None
        ``TargetSentimentFeaturizer`` + 3-class ``FrameClassifier`` (negative, neutral, positive).
    meta : dict
        Training data digest and sizes, versions, thresholds.
    """

    frames: Any = None
    sentiment: Any = None
    meta: dict[str, Any] = field(default_factory=dict)

    #: What a model's metadata says about its frame model (kept with it by :meth:`with_frames`).
    FRAME_META = ("frames_data", "threshold", "veto", "char_ngrams", "frames_tuned",
                  "frames_soft", "frames_recurrent")

    def with_frames(self, other: FramingModel, source: str = "") -> FramingModel:
        """This model's sentiment model with ``other``'s frame model and frame settings.

        How the sentiment part of a model is retrained while its frames stay as they were
        released (``framing train --frames-from MODEL``); ``meta["frames_from"]`` names the
        source.

        Examples
        --------
        >>> a = FramingModel(None, "sentiment A", {"framing_version": "1"})
        >>> b = FramingModel("frames B", None, {"threshold": 0.25, "framing_version": "0.9"})
        >>> m = a.with_frames(b, "b.skops")
        >>> m.frames, m.sentiment, m.meta["threshold"], m.meta["frames_from"]
        ('frames B', 'sentiment A', 0.25, {'file': 'b.skops', 'framing_version': '0.9'})
        """
        if other.frames is None:
            raise ModelError(f"{source or 'the other model'}: it has no frame classifier")
        meta = self._joined_meta(frames=other.meta, sentiment=self.meta)
        meta["frames_from"] = {"file": source,
                               "framing_version": other.meta.get("framing_version")}
        return FramingModel(other.frames, self.sentiment, meta)

    def with_sentiment(self, other: FramingModel, source: str = "") -> FramingModel:
        """This model's frame model and frame settings with ``other``'s sentiment model.

        How a new frame model is put beside a released sentiment model (``framing train
        --sentiment-from MODEL``), so that a file with another frame model gives the same
        sentiment toward each party; ``meta["sentiment_from"]`` names the source.

        Examples
        --------
        >>> a = FramingModel("frames A", "sentiment A", {"threshold": 0.5,
        ...                                              "framing_version": "1"})
        >>> b = FramingModel("frames B", "sentiment B", {"threshold": 0.4,
        ...                                              "sentiment_data": {"n": 3},
        ...                                              "framing_version": "0.9"})
        >>> m = a.with_sentiment(b, "b.skops")
        >>> m.frames, m.sentiment, m.meta["threshold"], m.meta["sentiment_data"]
        ('frames A', 'sentiment B', 0.5, {'n': 3})
        >>> m.meta["sentiment_from"]
        {'file': 'b.skops', 'framing_version': '0.9'}
        """
        if other.sentiment is None:
            raise ModelError(f"{source or 'the other model'}: it has no sentiment classifier")
        if self.frames is None:
            raise ModelError("this model has no frame classifier")
        meta = self._joined_meta(frames=self.meta, sentiment=other.meta)
        meta.pop("frames_from", None)  # other's frames are not in the result
        meta.update({k: self.meta[k] for k in ("frames_from", "framing_version")
                     if k in self.meta})
        meta["sentiment_from"] = {"file": source,
                                  "framing_version": other.meta.get("framing_version")}
        return FramingModel(self.frames, other.sentiment, meta)

    @classmethod
    def _joined_meta(cls, *, frames: dict[str, Any], sentiment: dict[str, Any]) -> dict[str, Any]:
        """The metadata of a model made of two: the frame settings (``FRAME_META``) from
        ``frames``, everything else from ``sentiment``."""
        meta = {k: v for k, v in sentiment.items() if k not in cls.FRAME_META}
        meta.update({k: frames[k] for k in cls.FRAME_META if k in frames})
        return meta

    def frame_proba(self, items: Iterable[Any]) -> np.ndarray:
        """P(frame) per item, columns in the order of ``FRAMES``."""
        if self.frames is None:
            raise ModelError("this model has no frame classifier")
        items = list(items)
        if not items:
            return np.zeros((0, len(FRAMES)))
        from .estimators import pipeline_proba

        return pipeline_proba(self.frames, items)

    def sentiment_proba(self, items: Iterable[Any]) -> np.ndarray:
        """P(negative), P(neutral), P(positive) per item."""
        if self.sentiment is None:
            raise ModelError("this model has no sentiment classifier")
        items = list(items)
        if not items:
            return np.zeros((0, len(SENTIMENTS)))
        from .estimators import pipeline_proba

        proba = pipeline_proba(self.sentiment, items)
        classes = list(self.sentiment.classes_)
        return proba[:, [classes.index(s) for s in SENTIMENTS]]

    def save(self, path: str | Path) -> None:
        """Write the model as a skops file (no pickle)."""
        import skops.io as sio

        obj = {"frames": self.frames, "sentiment": self.sentiment,
               "meta": json.dumps(self.meta, sort_keys=True)}
        sio.dump(obj, Path(path), compression=zipfile.ZIP_DEFLATED, compresslevel=6)


#: Types a framing model file may contain beyond what skops trusts by default.
ALLOWED_TYPES = frozenset({
    "framing.learn.features.PartyFeaturizer",
    "framing.learn.target_features.TargetSentimentFeaturizer",
    "framing.learn.estimators.FrameClassifier",
    "framing.learn.embeddings.TargetEmbedder",
    "framing.learn.finetune.TunedSentimentClassifier",
    "framing.learn.finetune.TunedFrameClassifier",
    "framing.learn.estimators.ProbaBlend",
    "framing.learn.recurrent.GRUSentimentClassifier",
    "framing.learn.recurrent.GRUFrameClassifier",
    "numpy.float32",
    "numpy.float64",
    "numpy.int64",
    "numpy.dtype",
    "builtins.slice",
    "scipy.sparse._csr.csr_matrix",
    "scipy.sparse._csr.csr_array",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.isotonic.IsotonicRegression",
    "sklearn.model_selection._split.StratifiedKFold",  # the calibration folds (shuffled, seeded)
    "sklearn.utils._tags.Tags",
})

#: The modules that held the model classes before the package was split into stages. Model
#: files written until then, the shipped ones included, name the classes by these modules.
FORMER_MODULES = {
    "framing.features": "framing.learn.features",
    "framing.target_features": "framing.learn.target_features",
    "framing.estimators": "framing.learn.estimators",
    "framing.embeddings": "framing.learn.embeddings",
}


def _with_current_modules(path: Path) -> bytes:
    """The bytes of a model file whose classes are named by their former modules, with the
    current modules in their place (the allow-list is checked on the result)."""
    import io

    def rename(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("__module__") in FORMER_MODULES:
                node["__module__"] = FORMER_MODULES[node["__module__"]]
            for value in node.values():
                rename(value)
        elif isinstance(node, list):
            for value in node:
                rename(value)

    out = io.BytesIO()
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            member = old.read(name)
            if name == "schema.json":
                schema = json.loads(member)
                rename(schema)
                member = json.dumps(schema).encode("utf-8")
            new.writestr(name, member)
    return out.getvalue()


def load_model(path: str | Path) -> FramingModel:
    """Load a model file, refusing any file that holds types outside the allow-list.

    Parameters
    ----------
    path : str or Path
        A ``.skops`` file written by :meth:`FramingModel.save` or ``framing train``.

    Raises
    ------
    ModelError
        The file is missing, is not a skops file, or contains a type that is not allowed
        (a crafted file that would run code is refused before anything in it is built).

    Examples
    --------
    >>> model = load_model(default_model_path())  # doctest: +SKIP
    """
    import skops.io as sio

    p = Path(path)
    if not p.is_file():
        raise ModelError(f"{p}: model file not found")
    try:
        untrusted = sio.get_untrusted_types(file=p)
    except Exception as e:  # a zip that is not a skops file, or a damaged one
        raise ModelError(f"{p}: not a valid skops model file ({type(e).__name__}: {e})") from None
    data = None
    if any(t.rpartition(".")[0] in FORMER_MODULES for t in untrusted):
        data = _with_current_modules(p)
        untrusted = sio.get_untrusted_types(data=data)
    bad = sorted(set(untrusted) - ALLOWED_TYPES)
    if bad:
        raise ModelError(f"{p}: refusing to load: the file contains types that are not allowed "
                         f"in a framing model: {bad}")
    try:
        if data is None:
            obj = sio.load(p, trusted=sorted(set(untrusted)))
        else:
            obj = sio.loads(data, trusted=sorted(set(untrusted)))
    except Exception as e:
        raise ModelError(f"{p}: cannot load model ({type(e).__name__}: {e})") from None
    if not isinstance(obj, dict) or not {"frames", "sentiment", "meta"} <= set(obj):
        raise ModelError(f"{p}: not a framing model (expected frames, sentiment and meta)")
    try:
        meta = json.loads(obj["meta"])
    except (TypeError, json.JSONDecodeError):
        raise ModelError(f"{p}: model metadata is not valid JSON") from None
    _check_embeddings(p, obj["sentiment"])
    _check_embeddings(p, obj["frames"])
    return FramingModel(obj["frames"], obj["sentiment"], meta)


def _check_embeddings(path: Path, pipeline: Any) -> None:
    """Refuse a model part (frames or sentiment) with sentence embeddings or a tuned encoder
    when the encoder is missing or differs, or when the tuned weights do not match their
    hash."""
    from .embeddings import EmbeddingsUnavailable, EncoderMismatch, find_embedder
    from .finetune import TunedWeightsError, find_tuned
    from .recurrent import find_recurrent

    recurrent = find_recurrent(pipeline)
    if recurrent is not None:
        try:
            recurrent.check_weights()
        except TunedWeightsError as e:
            raise ModelError(f"{path}: {e}") from None
    checked = find_embedder(pipeline) or find_tuned(pipeline)
    if checked is None:
        return
    try:
        checked.check_encoder()
    except (EmbeddingsUnavailable, EncoderMismatch) as e:
        raise type(e)(f"{path}: {e}") from None
    except TunedWeightsError as e:
        raise ModelError(f"{path}: {e}") from None
    except KeyError as e:
        raise ModelError(f"{path}: {e.args[0]}") from None


def default_model_path() -> Path:
    """Path of the model shipped with ``framing``."""
    ref = resources.files("framing.lexicons") / MODEL_FILE
    return Path(str(ref))


@lru_cache(maxsize=1)
def default_model() -> FramingModel:
    """The shipped model, loaded lazily and once per process."""
    return load_model(default_model_path())


@lru_cache(maxsize=4)
def _load_cached(path: str, stamp: int) -> FramingModel:
    """A model file loaded once per process (and again only when the file changes): scoring a
    corpus or evaluating gold files passes the same path for every article."""
    return load_model(path)


def coerce_model(model: Any) -> FramingModel:
    """None (the shipped model), a path, or a FramingModel."""
    if model is None:
        return default_model()
    if isinstance(model, FramingModel):
        return model
    if isinstance(model, str | Path):
        p = Path(model)
        try:
            stamp = p.stat().st_mtime_ns
        except OSError:
            return load_model(p)  # raises the clear "model file not found"
        return _load_cached(str(p.resolve()), stamp)
    raise ModelError(f"model must be a FramingModel or a path; got {type(model).__name__}")


def train_model(frames_data: TrainingSet | None, sentiment_data: TrainingSet | None = None, *,
                featurizer: dict[str, Any] | None = None,
                sentiment_featurizer: dict[str, Any] | None = None,
                n_jobs: int | None = -1, sentiment_embeddings: bool = False,
                sentiment_tuned: bool | dict[str, Any] = False,
                sentiment_soft: SoftLabels | None = None,
                sentiment_recurrent: float | None = None,
                frames_tuned: bool | dict[str, Any] = False,
                frames_soft: SoftLabels | None = None,
                frames_recurrent: float | None = None) -> FramingModel:
    """Fit the frame model on ``frames_data`` and the sentiment model on ``sentiment_data``.

    ``sentiment_data`` defaults to the examples of ``frames_data`` that carry a sentiment.
    ``sentiment_embeddings=True`` adds sentence embeddings to the sentiment model (the optional
    extra ``framing[embeddings]``); the encoder's package version and weights hash are then
    recorded in ``meta["sentiment_embeddings"]``. ``sentiment_tuned=True`` (or a dict of
    :class:`framing.learn.finetune.TunedSentimentClassifier` parameters) makes the sentiment
    model a fine-tuned encoder instead (same extra; ``meta["sentiment_tuned"]``).
    ``sentiment_soft`` adds items with class probabilities (a teacher model's, see
    :class:`SoftLabels`) to the sentiment model's training, each weighted by its
    probabilities; ``meta["sentiment_soft"]`` records their number, source and digest. It
    applies to the default sentiment model only. ``sentiment_recurrent=W`` (0 < W < 1) makes
    the default sentiment model the mean of the sparse model (weight 1 - W) and
    :class:`framing.learn.recurrent.GRUSentimentClassifier` (weight W), both fitted on the same
    coded and soft-labelled items (:class:`framing.learn.estimators.ProbaBlend`;
    ``meta["sentiment_recurrent"]``); training needs the extra, predicting NumPy only.
    ``frames_tuned=True`` (or a dict of
    :class:`framing.learn.finetune.TunedFrameClassifier` parameters) makes the frame model a
    fine-tuned encoder (the extra; ``meta["frames_tuned"]``). ``frames_soft`` (soft labels of
    kind ``"frames"``) adds items with frame probabilities to the default frame model's
    training (``meta["frames_soft"]``). ``frames_recurrent=W`` (0 < W < 1) makes the default
    frame model the mean of the sparse frame model (weight 1 - W), fitted on the coded items,
    and :class:`framing.learn.recurrent.GRUFrameClassifier` (weight W), fitted on the coded
    items and, when given, ``frames_soft`` as probabilities (the soft labels then train the
    network only: the recipe that ``benchmarks/cv_recurrent_frames.py`` measured;
    ``meta["frames_recurrent"]``). Training needs the extra, predicting NumPy only.

    Examples
    --------
    >>> from framing.learn.models import load_training, train_model
    >>> model = train_model(load_training(["training"]))  # doctest: +SKIP
    """
    from .estimators import make_frame_pipeline, make_sentiment_pipeline

    if sentiment_tuned and sentiment_embeddings:
        raise InputError("choose sentiment_embeddings or sentiment_tuned, not both")
    if sentiment_recurrent is not None and (sentiment_tuned or sentiment_embeddings):
        raise InputError("sentiment_recurrent blends into the default sentiment model; leave "
                         "out sentiment_tuned and sentiment_embeddings")
    if sentiment_soft is not None and (sentiment_tuned or sentiment_embeddings):
        raise InputError("soft sentiment labels train the default sentiment model only; "
                         "leave out sentiment_tuned and sentiment_embeddings")
    if frames_soft is not None and frames_tuned:
        raise InputError("soft frame labels train the default frame model only; leave out "
                         "frames_tuned")
    if frames_recurrent is not None and frames_tuned:
        raise InputError("frames_recurrent blends into the default frame model; leave out "
                         "frames_tuned")
    for name, w in (("sentiment_recurrent", sentiment_recurrent),
                    ("frames_recurrent", frames_recurrent)):
        if w is not None and not 0 < w < 1:
            raise InputError(f"{name} is the recurrent network's weight in the blend, "
                             f"between 0 and 1 (exclusive); got {w}")
    for soft, kind in ((sentiment_soft, "sentiment"), (frames_soft, "frames")):
        if soft is not None and soft.kind != kind:
            raise InputError(f"{kind} soft labels expected; {soft.source or 'these'} are "
                             f"soft labels of {soft.kind}")
    if frames_soft is not None and (frames_data is None or not len(frames_data)):
        raise InputError("soft frame labels are learnt beside coded ones; give frames_data "
                         "too")
    meta: dict[str, Any] = {"frames": list(FRAMES), "sentiments": list(SENTIMENTS),
                            "threshold": 0.5, "veto": 0.2}
    frames = sentiment = None
    if frames_data is not None and len(frames_data):
        if frames_tuned:
            if featurizer:
                raise InputError("a fine-tuned frame model has no featuriser; leave out "
                                 "featurizer (char_ngrams) with frames_tuned")
            frames, meta["frames_tuned"] = _fit_tuned(
                frames_data, frames_data.frames,
                frames_tuned if isinstance(frames_tuned, dict) else {}, kind="frames")
        elif frames_recurrent is not None:
            frames, meta["frames_recurrent"] = _fit_frames_blend(
                make_frame_pipeline(n_jobs=n_jobs, **(featurizer or {})), frames_data,
                frames_soft, frames_recurrent)
            if frames_soft is not None and len(frames_soft):
                meta["frames_soft"] = {"n": len(frames_soft), "source": frames_soft.source,
                                       "weight": frames_soft.weight, "learnt_by": "network",
                                       "sha256": frames_soft.digest()}
        else:
            items, labels, weights = list(frames_data.items), frames_data.frames, None
            if frames_soft is not None and len(frames_soft):
                soft_items, soft_labels, soft_weights = frames_soft.expand()
                items += soft_items
                labels = np.vstack([labels, soft_labels])
                weights = np.concatenate([np.ones(len(frames_data)), soft_weights])
                meta["frames_soft"] = {"n": len(frames_soft), "rows": len(soft_items),
                                       "source": frames_soft.source,
                                       "weight": frames_soft.weight,
                                       "sha256": frames_soft.digest()}
            frames = make_frame_pipeline(n_jobs=n_jobs, **(featurizer or {})).fit(
                items, labels, classifier__sample_weight=weights)
        meta["frames_data"] = {"n": len(frames_data), "sha256": frames_data.digest(),
                               "sources": sorted(set(frames_data.sources))}
    sdata = sentiment_data
    if sdata is None and frames_data is not None:
        sdata = frames_data.with_sentiment()
    if sentiment_soft is not None and (sdata is None or not len(sdata)):
        raise InputError("soft sentiment labels are learnt beside coded ones; give "
                         "sentiment_data too")
    if sdata is not None and len(sdata):
        labels = list(sdata.sentiment)
        if sentiment_tuned:
            sentiment, meta["sentiment_tuned"] = _fit_tuned(
                sdata, labels, sentiment_tuned if isinstance(sentiment_tuned, dict) else {})
        else:
            items, weights = list(sdata.items), None
            if sentiment_soft is not None and len(sentiment_soft):
                soft_items, soft_labels, soft_weights = sentiment_soft.expand()
                items += soft_items
                labels += soft_labels
                weights = np.concatenate([np.ones(len(sdata)), soft_weights])
                meta["sentiment_soft"] = {"n": len(sentiment_soft),
                                          "source": sentiment_soft.source,
                                          "weight": sentiment_soft.weight,
                                          "sha256": sentiment_soft.digest()}
            sentiment = make_sentiment_pipeline(n_jobs=n_jobs, embeddings=sentiment_embeddings,
                                                **(sentiment_featurizer or {}))
            if sentiment_recurrent is None:
                sentiment.fit(items, labels, classifier__sample_weight=weights)
            else:
                sentiment, meta["sentiment_recurrent"] = _fit_blend(
                    sentiment, items, labels, weights, sentiment_recurrent)
        if sentiment_embeddings:
            from .embeddings import find_embedder

            embedder = find_embedder(sentiment)
            meta["sentiment_embeddings"] = {**embedder.encoder_info_,
                                            "views": list(embedder.views),
                                            "window": embedder.window,
                                            "weight": embedder.weight,
                                            "standardize": bool(embedder.standardize)}
        meta["sentiment_data"] = {"n": len(sdata), "sha256": sdata.digest(),
                                  "sources": sorted(set(sdata.sources))}
    from .. import __version__

    meta["framing_version"] = __version__
    return FramingModel(frames, sentiment, meta)


def _fit_blend(sparse: Any, items: list[Any], labels: list[str], weights: Any,
               weight: float) -> tuple[Any, dict[str, Any]]:
    """The sparse sentiment pipeline and the recurrent network, blended, fitted on the same
    rows; and the metadata (the network's settings, weights hash, training time)."""
    import time

    from sklearn.pipeline import Pipeline

    from .estimators import ProbaBlend
    from .recurrent import GRUSentimentClassifier

    start = time.perf_counter()
    blend = ProbaBlend([sparse, GRUSentimentClassifier()], [1.0 - weight, weight]).fit(
        items, labels, sample_weight=weights)
    return Pipeline([("classifier", blend)]), _network_info(blend.members_[1], weight, start)


def _network_info(network: Any, weight: float, start: float) -> dict[str, Any]:
    """What a model's metadata records of a blended recurrent network: its weight in the
    blend, settings, words, weights hash and size, and the blend's training time."""
    import time

    return {"weight": weight, **network.get_params(), "words": len(network.vocab_),
            "weights_sha256": network.weights_sha256_,
            "arrays_bytes": int(sum(a.nbytes for a in network.weights_.values())),
            "train_seconds": round(time.perf_counter() - start, 1)}


def _fit_frames_blend(sparse: Any, data: TrainingSet, soft: SoftLabels | None,
                      weight: float) -> tuple[Any, dict[str, Any]]:
    """The sparse frame pipeline fitted on the coded items, the recurrent frame network fitted
    on them and on the soft labels' probabilities (each soft item weighted by
    ``soft.weight``), blended; and the metadata (the network's settings, weights hash,
    training time)."""
    import time

    from sklearn.pipeline import Pipeline

    from .estimators import ProbaBlend
    from .recurrent import GRUFrameClassifier

    start = time.perf_counter()
    sparse.fit(list(data.items), data.frames)
    items, target = list(data.items), np.asarray(data.frames, dtype=float)
    weights = np.ones(len(items))
    if soft is not None and len(soft):
        items += list(soft.items)
        target = np.vstack([target, soft.proba])
        weights = np.concatenate([weights, np.full(len(soft), soft.weight)])
    network = GRUFrameClassifier().fit(items, target, sample_weight=weights)
    blend = ProbaBlend.of_fitted([sparse, network], [1.0 - weight, weight])
    return Pipeline([("classifier", blend)]), _network_info(network, weight, start)


def _fit_tuned(data: TrainingSet, labels: Any, params: dict[str, Any],
               kind: str = "sentiment") -> tuple[Any, dict[str, Any]]:
    """The fine-tuned sentiment (or frame) pipeline and its metadata (encoder, settings,
    weights hash, training time)."""
    import time

    from sklearn.pipeline import Pipeline

    from .finetune import TunedFrameClassifier, TunedSentimentClassifier

    start = time.perf_counter()
    cls = TunedFrameClassifier if kind == "frames" else TunedSentimentClassifier
    clf = cls(**params).fit(data.items, labels)
    info = {**clf.encoder_info_, **{k: v for k, v in clf.get_params().items() if k != "verbose"},
            "tuned_weights_sha256": clf.weights_sha256_,
            "tuned_arrays_bytes": int(sum(a.nbytes for a in clf.weights_.values())),
            "train_seconds": round(time.perf_counter() - start, 1)}
    return Pipeline([("classifier", clf)]), info
