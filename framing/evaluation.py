"""Measure framings against human coding, by the scores of the annotation guideline.

Gold files follow ``ANNOTATION.md``: one JSON object per article with its text, parties, every
sentence with required ``labels`` and ``optional`` pairs, and the dominant frame per party.

* Sentence level: precision, recall and F1 over (sentence, party, frame) triples, per frame and
  micro-averaged (plus the macro mean of the per-frame F1). Optional pairs count on neither side.
* Article level: accuracy of the dominant frame per (article, party).
* Agreement: Krippendorff's alpha (nominal) over (sentence, party) units, whose value is the set
  of frames coded for the party in the sentence ("none" when empty).

A predicted framing is placed in the gold sentence that holds the middle of its sentence span,
exactly as ``shared/tools/score_gold.py`` does, so both scorers agree.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GoldError
from .labels import FRAMES, NONE

Triple = tuple[int, str, str]  # (sentence index, party, frame)


@dataclass(frozen=True)
class GoldSentence:
    """A coded sentence: its span in the text, required and optional (party, frame) pairs."""

    text: str
    start: int
    end: int
    labels: frozenset[tuple[str, str]]
    optional: frozenset[tuple[str, str]]
    boilerplate: bool = False


@dataclass(frozen=True)
class GoldArticle:
    """A gold-coded article (see ANNOTATION.md, "Gold files")."""

    id: str
    title: str
    text: str
    actors: dict[str, list[str]]
    sentences: tuple[GoldSentence, ...]
    dominant: dict[str, tuple[str, ...]]
    path: str = ""

    def triples(self) -> tuple[set[Triple], set[Triple]]:
        """Required and optional triples."""
        req, opt = set(), set()
        for k, s in enumerate(self.sentences):
            req |= {(k, a, f) for a, f in s.labels}
            opt |= {(k, a, f) for a, f in s.optional}
        return req, opt

    def parties(self) -> list[str]:
        """The coded parties: the ``actors`` keys, else every party in a label or dominant."""
        if self.actors:
            return list(self.actors)
        seen = dict.fromkeys(self.dominant)
        for s in self.sentences:
            for a, _ in s.labels | s.optional:
                seen.setdefault(a)
        return list(seen)

    def locate(self, position: int) -> int:
        """Index of the sentence holding a character position (the nearest if none does)."""
        for k, s in enumerate(self.sentences):
            if s.start <= position < s.end:
                return k
        return min(range(len(self.sentences)),
                   key=lambda k: min(abs(self.sentences[k].start - position),
                                     abs(self.sentences[k].end - position)))


def load_gold(path: str | Path) -> GoldArticle:
    """Read and validate a gold file; errors name the file and the sentence.

    Examples
    --------
    >>> import json, tempfile, os
    >>> doc = {"id": "t", "title": "T", "text": "Kyiv refused.",
    ...        "sentences": [{"text": "Kyiv refused.", "labels":
    ...                       [{"actor": "Ukraine", "frame": "hard-line"}], "optional": []}],
    ...        "dominant": {"Ukraine": "hard-line"}}
    >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
    ...     json.dump(doc, f)
    >>> load_gold(f.name).dominant
    {'Ukraine': ('hard-line',)}
    >>> os.unlink(f.name)
    """
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{p}: file not found") from None
    except UnicodeDecodeError:
        raise GoldError(f"{p}: not valid UTF-8") from None
    except json.JSONDecodeError as e:
        raise GoldError(f"{p}:{e.lineno}: invalid JSON: {e.msg}") from None
    return gold_from_dict(data, str(p))


def gold_from_dict(data: Any, name: str = "<gold>") -> GoldArticle:
    """Validate a gold article given as a dict (see :func:`load_gold`)."""
    if not isinstance(data, dict):
        raise GoldError(f"{name}: expected a JSON object")
    for key in ("text", "sentences"):
        if key not in data:
            raise GoldError(f"{name}: missing key {key!r}")
    text = data["text"]
    if not isinstance(text, str):
        raise GoldError(f"{name}: 'text' must be a string")
    sentences = []
    cur = 0
    for k, s in enumerate(data["sentences"]):
        where = f"{name}: sentences[{k}]"
        if not isinstance(s, dict) or not isinstance(s.get("text"), str):
            raise GoldError(f"{where}: expected an object with a 'text' string")
        i = text.find(s["text"], cur)
        if i < 0:
            i = text.find(s["text"])
        if i < 0:
            raise GoldError(f"{where}: sentence not found in text: {s['text'][:60]!r}")
        cur = i + len(s["text"])
        sentences.append(GoldSentence(
            s["text"], i, cur, _pairs(s.get("labels", []), where, "labels"),
            _pairs(s.get("optional", []), where, "optional"), bool(s.get("boilerplate", False))))
    dominant = {}
    for actor, value in (data.get("dominant") or {}).items():
        frames = tuple(value) if isinstance(value, list) else tuple(str(value).split("|"))
        for f in frames:
            if f not in (*FRAMES, NONE):
                raise GoldError(f"{name}: dominant[{actor!r}]: {f!r} is not one of "
                                f"{[*FRAMES, NONE]}")
        dominant[actor] = frames
    actors = data.get("actors") or {}
    if not isinstance(actors, dict):
        raise GoldError(f"{name}: 'actors' must map party -> list of aliases")
    return GoldArticle(str(data.get("id", Path(name).stem)), str(data.get("title", "")), text,
                       actors, tuple(sentences), dominant, name)


def _pairs(items: Any, where: str, key: str) -> frozenset[tuple[str, str]]:
    if not isinstance(items, list):
        raise GoldError(f"{where}: {key!r} must be a list")
    out = set()
    for item in items:
        if not isinstance(item, dict) or "actor" not in item or "frame" not in item:
            raise GoldError(f"{where}: {key!r} entries need 'actor' and 'frame'; got {item!r}")
        if item["frame"] not in FRAMES:
            raise GoldError(f"{where}: frame {item['frame']!r} is not one of {list(FRAMES)}")
        out.add((item["actor"], item["frame"]))
    return frozenset(out)


def predicted_triples(gold: GoldArticle, framings: Iterable[Any]) -> set[Triple]:
    """Place framings (objects or dicts with actor, frame, sentence_start/end) in gold sentences."""
    out = set()
    for f in framings:
        get = f.get if isinstance(f, dict) else lambda k, f=f: getattr(f, k, None)
        actor, frame = get("actor"), get("frame")
        a, b = get("sentence_start"), get("sentence_end")
        if frame not in FRAMES or not actor or a is None or b is None:
            continue
        out.add((gold.locate((int(a) + int(b)) // 2), actor, frame))
    return out


@dataclass(frozen=True)
class PRF:
    """Counts and scores for one frame (or the micro average)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1, "support": self.tp + self.fn}


@dataclass
class ArticleScore:
    """Per-article counts and the dominant-frame checks."""

    id: str
    tp: int
    fp: int
    fn: int
    dominant_ok: int
    dominant_n: int
    dominant: dict[str, dict[str, list[str]]] = field(default_factory=dict)


@dataclass
class Evaluation:
    """Scores of one method against a set of gold articles."""

    method: str
    per_frame: dict[str, PRF]
    micro: PRF
    dominant_correct: int
    dominant_total: int
    alpha: float
    articles: list[ArticleScore]
    errors: list[dict[str, Any]]

    @property
    def macro_f1(self) -> float:
        return sum(self.per_frame[f].f1 for f in FRAMES) / len(FRAMES)

    @property
    def dominant_accuracy(self) -> float:
        return self.dominant_correct / self.dominant_total if self.dominant_total else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable scores."""
        return {
            "method": self.method,
            "per_frame": {f: self.per_frame[f].to_dict() for f in FRAMES},
            "micro": self.micro.to_dict(),
            "macro_f1": self.macro_f1,
            "dominant_accuracy": self.dominant_accuracy,
            "dominant_correct": self.dominant_correct,
            "dominant_total": self.dominant_total,
            "krippendorff_alpha": self.alpha,
            "articles": [a.__dict__ for a in self.articles],
            "errors": self.errors,
        }

    def to_table(self) -> str:
        """A plain-text table, as ``framing evaluate`` prints it."""
        lines = [f"method: {self.method}"]
        for a in self.articles:
            lines.append(f"{a.id:32s} tp={a.tp:3d} fp={a.fp:3d} fn={a.fn:3d} "
                         f"dominant {a.dominant_ok}/{a.dominant_n}")
        lines.append(f"{'frame':13s} {'P':>5s} {'R':>5s} {'F1':>5s} {'tp':>4s} {'fp':>4s} "
                     f"{'fn':>4s} {'gold':>5s}")
        for f in FRAMES:
            s = self.per_frame[f]
            lines.append(f"{f:13s} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f} {s.tp:4d} "
                         f"{s.fp:4d} {s.fn:4d} {s.tp + s.fn:5d}")
        m = self.micro
        lines.append(f"{'micro':13s} {m.precision:5.2f} {m.recall:5.2f} {m.f1:5.2f} {m.tp:4d} "
                     f"{m.fp:4d} {m.fn:4d} {m.tp + m.fn:5d}")
        lines.append(f"macro-F1 {self.macro_f1:.2f}  dominant {self.dominant_correct}/"
                     f"{self.dominant_total} ({self.dominant_accuracy:.2f})  "
                     f"Krippendorff's alpha {self.alpha:.3f}  articles {len(self.articles)}")
        return "\n".join(lines)


def dominant_from(triples: Iterable[Triple], actor: str) -> set[str]:
    """Dominant frames of a party from its triples (``{"none"}`` when it has none)."""
    c = Counter(f for _, a, f in triples if a == actor)
    if not c:
        return {NONE}
    top = max(c.values())
    return {f for f, n in c.items() if n == top}


def krippendorff_alpha(pairs: Sequence[tuple[str, str]]) -> float:
    """Krippendorff's alpha (nominal) for two coders who coded every unit.

    Parameters
    ----------
    pairs : sequence of (value_coder_1, value_coder_2)
        One pair per unit.

    Returns
    -------
    float
        1 for perfect agreement, 0 for chance, below 0 for systematic disagreement; ``nan``
        when there is no variation at all to measure.

    Examples
    --------
    >>> krippendorff_alpha([("a", "a"), ("b", "b"), ("a", "b"), ("b", "b")])
    0.5333333333333333
    """
    coincidence: Counter[tuple[str, str]] = Counter()
    for a, b in pairs:
        coincidence[(a, b)] += 1
        coincidence[(b, a)] += 1
    totals: Counter[str] = Counter()
    for (a, _), n in coincidence.items():
        totals[a] += n
    n = sum(totals.values())
    if n <= 1:
        return float("nan")
    observed = sum(v for (a, b), v in coincidence.items() if a != b) / n
    expected = sum(totals[a] * totals[b] for a in totals for b in totals if a != b) / (n * (n - 1))
    if expected == 0:
        return 1.0 if observed == 0 else float("nan")
    return 1 - observed / expected


def _unit_value(frames: Iterable[str]) -> str:
    fs = [f for f in FRAMES if f in set(frames)]
    return "+".join(fs) if fs else NONE


def score_predictions(golds: Sequence[GoldArticle], predictions: Sequence[Iterable[Any]],
                      method: str = "lexicon", errors: list[dict[str, Any]] | None = None
                      ) -> Evaluation:
    """Score framings (one iterable per gold article) against the gold coding."""
    tp, fp, fn = Counter(), Counter(), Counter()
    dom_ok = dom_n = 0
    articles, alpha_pairs = [], []
    for gold, framings in zip(golds, predictions, strict=True):
        g, opt = gold.triples()
        p = predicted_triples(gold, framings)
        p -= opt - g
        if gold.actors:
            p = {t for t in p if t[1] in gold.actors}
        for f in FRAMES:
            gf = {t for t in g if t[2] == f}
            pf = {t for t in p if t[2] == f}
            tp[f] += len(gf & pf)
            fp[f] += len(pf - gf)
            fn[f] += len(gf - pf)
        ok = 0
        dominant = {}
        for actor, dom in gold.dominant.items():
            pred = dominant_from(p, actor)
            hit = pred == set(dom)
            ok += hit
            dominant[actor] = {"gold": list(dom), "predicted": sorted(pred)}
        dom_ok += ok
        dom_n += len(gold.dominant)
        articles.append(ArticleScore(gold.id, len(g & p), len(p - g), len(g - p), ok,
                                     len(gold.dominant), dominant))
        parties = gold.parties()
        for k, s in enumerate(gold.sentences):
            if s.boilerplate:
                continue
            for actor in parties:
                gv = {f for a, f in s.labels if a == actor}
                pv = {f for (kk, a, f) in p if kk == k and a == actor}
                alpha_pairs.append((_unit_value(gv), _unit_value(pv)))
    per_frame = {f: PRF(tp[f], fp[f], fn[f]) for f in FRAMES}
    micro = PRF(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return Evaluation(method, per_frame, micro, dom_ok, dom_n, krippendorff_alpha(alpha_pairs),
                      articles, errors or [])
