"""Measure framings against human coding, by the scores of the annotation guideline.

:func:`evaluate` (``framing.evaluate``) scores gold-coded articles with a method and measures
the result; :func:`score_predictions` measures framings found by anything else.

Gold files follow ``ANNOTATION.md``: one JSON object per article with its text, parties, every
sentence with required ``labels`` and ``optional`` pairs, and the dominant frame per party.

* Sentence level: precision, recall and F1 over (sentence, party, frame) triples, per frame and
  micro-averaged (plus the macro mean of the per-frame F1). Optional pairs count on neither side.
* Article level: accuracy of the dominant frame per (article, party).
* Agreement: Krippendorff's alpha (nominal) over (sentence, party) units, whose value is the set
  of frames coded for the party in the sentence ("none" when empty).
* Confusion: per frame, TP/FP/FN/TN over (sentence, party, frame) units, the unit of the
  guideline's sentence-level scores. The units of an article are its sentences (boilerplate
  left out) times its coded parties, plus any (sentence, party) a scorer framed; a unit whose
  frame is optional in the gold counts nowhere, as in the P/R/F1. TP, FP and FN are those of
  the P/R/F1; TN is every other unit.
* Dominant frames: a confusion table of gold against predicted dominant frame per (article,
  party), ties written ``hard-line|skeptical`` in the guideline's order.
* Calibration (for methods with probabilities, see :func:`gold_calibration`): reliability bins,
  Brier score and ECE over the (sentence, party, frame) units the model scored.

A predicted framing is placed in the gold sentence that holds the middle of its sentence span,
exactly as ``shared/tools/score_gold.py`` does, so both scorers agree.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import FramingError, GoldError
from ..labels import DEFAULT_METHOD, FRAMES, NONE
from .metrics import PRF, Calibration, Confusion, calibration, finite_or_none

__all__ = ["PRF", "ArticleScore", "Confusion", "Evaluation", "GoldArticle", "GoldSentence",
           "as_gold", "dominant_from", "evaluate", "gold_calibration", "gold_from_dict",
           "krippendorff_alpha", "load_gold", "predicted_triples", "score_predictions",
           "unit_value"]

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
    actors_mode: str = "extend"  # how ``actors`` meet the default dictionary when scored

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
    mode = data.get("actors_mode", "extend")
    if mode not in ("extend", "replace"):
        raise GoldError(f"{name}: 'actors_mode' must be 'extend' or 'replace'; got {mode!r}")
    return GoldArticle(str(data.get("id", Path(name).stem)), str(data.get("title", "")), text,
                       actors, tuple(sentences), dominant, name, mode)


def as_gold(gold: str | Path | GoldArticle) -> GoldArticle:
    """A gold article given as itself or as the path of a gold file."""
    return gold if isinstance(gold, GoldArticle) else load_gold(gold)


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
    """Scores of one method against a set of gold articles.

    Attributes
    ----------
    per_frame : dict of frame -> Confusion
        TP/FP/FN/TN over (sentence, party, frame) units, with precision, recall and F1.
    micro : Confusion
        The three frames pooled.
    alpha : float
        Krippendorff's alpha over (sentence, party) units.
    calibration : dict or None
        For methods with probabilities: :class:`~framing.measure.metrics.Calibration` per frame and
        over all frames (``"all"``); None otherwise.
    unscored : dict of frame -> int
        With ``calibration``: gold-coded units the model gave no probability (the party was not
        found in that sentence), left out of the calibration.
    """

    method: str
    per_frame: dict[str, Confusion]
    micro: Confusion
    dominant_correct: int
    dominant_total: int
    alpha: float
    articles: list[ArticleScore]
    errors: list[dict[str, Any]]
    calibration: dict[str, Calibration] | None = None
    unscored: dict[str, int] | None = None

    @property
    def macro_f1(self) -> float:
        return sum(self.per_frame[f].f1 for f in FRAMES) / len(FRAMES)

    @property
    def dominant_accuracy(self) -> float:
        return self.dominant_correct / self.dominant_total if self.dominant_total else 0.0

    def dominant_confusion(self) -> dict[tuple[str, str], int]:
        """Count of (gold dominant, predicted dominant) over (article, party), ties joined
        with ``|`` in the guideline's order."""
        out: Counter[tuple[str, str]] = Counter()
        for a in self.articles:
            for d in a.dominant.values():
                out[(_join_frames(d["gold"]), _join_frames(d["predicted"]))] += 1
        return dict(sorted(out.items(), key=lambda kv: (_frame_key(kv[0][0]),
                                                        _frame_key(kv[0][1]))))

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable scores (NaN becomes None)."""
        return {
            "method": self.method,
            "unit": "(sentence, party, frame)",
            "per_frame": {f: self.per_frame[f].to_dict() for f in FRAMES},
            "micro": self.micro.to_dict(),
            "macro_f1": self.macro_f1,
            "dominant_accuracy": self.dominant_accuracy,
            "dominant_correct": self.dominant_correct,
            "dominant_total": self.dominant_total,
            "dominant_confusion": [{"gold": g, "predicted": p, "n": n}
                                   for (g, p), n in self.dominant_confusion().items()],
            "krippendorff_alpha": finite_or_none(self.alpha),
            "calibration": None if self.calibration is None else
            {k: c.to_dict() for k, c in self.calibration.items()},
            "unscored": self.unscored,
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
                     f"{'fn':>4s} {'tn':>5s} {'gold':>5s}")
        for name, s in [*((f, self.per_frame[f]) for f in FRAMES), ("micro", self.micro)]:
            lines.append(f"{name:13s} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f} {s.tp:4d} "
                         f"{s.fp:4d} {s.fn:4d} {s.tn:5d} {s.support:5d}")
        lines.append(f"macro-F1 {self.macro_f1:.2f}  dominant {self.dominant_correct}/"
                     f"{self.dominant_total} ({self.dominant_accuracy:.2f})  "
                     f"Krippendorff's alpha {self.alpha:.3f}  articles {len(self.articles)}")
        lines.append("")
        lines.append(dominant_table(self.dominant_confusion()))
        if self.calibration is not None:
            lines.append("")
            lines.append(calibration_table(self.calibration, self.unscored))
        return "\n".join(lines)


def _frame_key(value: str) -> tuple[int, ...]:
    order = [*FRAMES, NONE]
    return tuple(order.index(f) if f in order else len(order) for f in value.split("|"))


def _join_frames(frames: Iterable[str]) -> str:
    fs = set(frames)
    return "|".join(f for f in (*FRAMES, NONE) if f in fs) or NONE


def dominant_table(counts: dict[tuple[str, str], int]) -> str:
    """Plain-text confusion table of dominant frames (rows gold, columns predicted); frames
    are abbreviated to their first letter (H, S, C) so ties stay narrow.

    Examples
    --------
    >>> counts = {("hard-line", "hard-line|skeptical"): 2, ("none", "none"): 1}
    >>> print(dominant_table(counts))  # doctest: +ELLIPSIS
    dominant frame per (article, party): rows gold, columns predicted (H hard-line, ...)
                  H   H|S  none
            H     0     2     0
          H|S     0     0     0
         none     0     0     1
    """
    values = sorted({v for pair in counts for v in pair}, key=_frame_key)
    if not values:
        return "dominant frame per (article, party): no coded parties"
    short = {v: "|".join(f[0].upper() if f in FRAMES else f for f in v.split("|"))
             for v in values}
    w = max(5, *(len(x) for x in short.values()))
    legend = ", ".join(f"{f[0].upper()} {f}" for f in FRAMES)
    lines = [f"dominant frame per (article, party): rows gold, columns predicted ({legend})",
             f"{'':>{w + 4}s}" + "".join(f"{short[v]:>{w + 1}s}" for v in values)]
    for g in values:
        lines.append(f"{short[g]:>{w + 4}s}"
                     + "".join(f"{counts.get((g, p), 0):>{w + 1}d}" for p in values))
    return "\n".join(lines)


def calibration_table(cal: dict[str, Calibration], unscored: dict[str, int] | None = None
                      ) -> str:
    """Plain-text calibration report: per frame and pooled, the non-empty reliability bins."""
    lines = ["calibration of the classifier's probabilities (equal-width bins)"]
    for key, c in cal.items():
        first, *rest = c.to_table(f"{key}: ").split("\n")
        if unscored and unscored.get(key):
            first += f"  (+{unscored[key]} coded units the model did not score)"
        lines.extend([first, *rest])
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


def unit_value(frames: Iterable[str]) -> str:
    """The value of a (sentence, party) unit for Krippendorff's alpha: its frames joined by
    ``+`` in the guideline's order, or ``none``.

    Examples
    --------
    >>> unit_value({"skeptical", "hard-line"}), unit_value([])
    ('hard-line+skeptical', 'none')
    """
    fs = [f for f in FRAMES if f in set(frames)]
    return "+".join(fs) if fs else NONE


def _units(gold: GoldArticle, g: set[Triple], p: set[Triple]) -> set[tuple[int, str]]:
    """The (sentence, party) units of an article: its sentences (boilerplate left out) times
    its coded parties, plus every unit that is coded or predicted."""
    parties = gold.parties()
    units = {(k, a) for k, s in enumerate(gold.sentences) if not s.boilerplate for a in parties}
    return units | {(k, a) for k, a, _ in g | p}


def score_predictions(golds: Sequence[GoldArticle], predictions: Sequence[Iterable[Any]],
                      method: str = "lexicon", errors: list[dict[str, Any]] | None = None
                      ) -> Evaluation:
    """Score framings (one iterable per gold article) against the gold coding.

    Examples
    --------
    >>> gold = gold_from_dict({"text": "Kyiv refused. Moscow waited.", "actors": {
    ...     "Ukraine": ["Kyiv"], "Russia": ["Moscow"]}, "sentences": [
    ...     {"text": "Kyiv refused.", "labels": [{"actor": "Ukraine", "frame": "hard-line"}]},
    ...     {"text": "Moscow waited.", "labels": []}]})
    >>> found = [{"actor": "Ukraine", "frame": "hard-line", "sentence_start": 0,
    ...           "sentence_end": 13}]
    >>> c = score_predictions([gold], [found]).per_frame["hard-line"]
    >>> c.tp, c.fp, c.fn, c.tn  # 2 sentences x 2 parties: 1 found, 3 rightly left unframed
    (1, 0, 0, 3)
    """
    tp, fp, fn, tn = Counter(), Counter(), Counter(), Counter()
    dom_ok = dom_n = 0
    articles, alpha_pairs = [], []
    for gold, framings in zip(golds, predictions, strict=True):
        g, opt = gold.triples()
        p = predicted_triples(gold, framings)
        p -= opt - g
        if gold.actors:
            p = {t for t in p if t[1] in gold.actors}
        units = _units(gold, g, p)
        for f in FRAMES:
            gf = {t for t in g if t[2] == f}
            pf = {t for t in p if t[2] == f}
            left_out = {(k, a) for k, a, ff in opt - g if ff == f}
            tp[f] += len(gf & pf)
            fp[f] += len(pf - gf)
            fn[f] += len(gf - pf)
            tn[f] += len(units - left_out) - len(gf | pf)
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
                alpha_pairs.append((unit_value(gv), unit_value(pv)))
    per_frame = {f: Confusion(tp[f], fp[f], fn[f], tn[f]) for f in FRAMES}
    micro = sum(per_frame.values(), Confusion(0, 0, 0, 0))
    return Evaluation(method, per_frame, micro, dom_ok, dom_n, krippendorff_alpha(alpha_pairs),
                      articles, errors or [])


def evaluate(
    gold_paths: Iterable[str | Path],
    *,
    method: str = DEFAULT_METHOD,
    use_gold_actors: bool = True,
    scorer: Callable[[GoldArticle], Iterable[Any]] | None = None,
    **score_kwargs: Any,
) -> Evaluation:
    """Score ``framing`` on gold-coded articles, by the scores of the annotation guideline.

    Parameters
    ----------
    gold_paths : iterable of paths or GoldArticle
        Gold files in the format of ANNOTATION.md, or gold articles already loaded (e.g.
        by :func:`framing.load_realnews`).
    method : {"lexicon", "classifier", "ensemble"}, default="ensemble"
    use_gold_actors : bool, default=True
        Give each gold file's ``actors`` to the scorer (extending the default dictionary), as
        the independent scorer ``score_gold.py`` does.
    scorer : callable, optional
        ``scorer(gold) -> framings`` to evaluate something other than ``score_article``.
    **score_kwargs
        Further keyword arguments of :func:`framing.score_article` (``lexicon=...``,
        ``model=...``).

    Returns
    -------
    Evaluation
        ``.per_frame``, ``.micro``, ``.dominant_accuracy``, ``.alpha``, ``.to_table()``.

    Examples
    --------
    >>> ev = evaluate(["tests/data/gold/seed-000.json"])  # doctest: +SKIP
    >>> print(ev.to_table())  # doctest: +SKIP
    """
    from ..api import score_article

    golds = [as_gold(g) for g in gold_paths]
    predictions, errors = [], []
    for gold in golds:
        try:
            if scorer is not None:
                predictions.append(list(scorer(gold)))
            else:
                actors = gold.actors if (use_gold_actors and gold.actors) else None
                kwargs = dict(score_kwargs)
                if method == "lexicon":
                    kwargs.pop("model", None)  # one loop can pass model= to every method
                res = score_article(gold.text, actors=actors, actors_mode=gold.actors_mode,
                                    method=method, sentiment=False, **kwargs)
                predictions.append(res.framings)
        except FramingError as e:  # a failure scores as finding nothing, and is reported
            errors.append({"id": gold.id, "error": f"{type(e).__name__}: {e}"})
            predictions.append([])
    return score_predictions(golds, predictions, method=method, errors=errors)


def gold_calibration(golds: Sequence[GoldArticle], probabilities: Sequence[Iterable[Any]], *,
                     n_bins: int = 10) -> tuple[dict[str, Calibration], dict[str, int]]:
    """Calibration of per-frame probabilities against the gold coding.

    Parameters
    ----------
    golds : sequence of GoldArticle
    probabilities : sequence (one per article) of iterables of records
        Objects or dicts with ``actor``, ``frame``, ``sentence_start``, ``sentence_end`` and
        ``probability``: the model's probability that the sentence shows the party holding
        the frame. Records are placed in gold sentences as framings are; when several fall in
        one unit the highest counts.
    n_bins : int, default=10

    Returns
    -------
    calibration : dict
        :class:`~framing.measure.metrics.Calibration` per frame and over the three frames
        (``"all"``), over the units with a probability. Optional units and parties outside the
        gold ``actors`` are left out, as in :func:`score_predictions`.
    unscored : dict
        Per frame (and ``"all"``), coded units that received no probability.

    Examples
    --------
    >>> gold = gold_from_dict({"text": "Kyiv refused.", "sentences": [{"text": "Kyiv refused.",
    ...     "labels": [{"actor": "Ukraine", "frame": "hard-line"}]}]})
    >>> recs = [{"actor": "Ukraine", "frame": f, "sentence_start": 0, "sentence_end": 13,
    ...          "probability": p} for f, p in zip(FRAMES, (0.9, 0.3, 0.1))]
    >>> cal, unscored = gold_calibration([gold], [recs], n_bins=2)
    >>> round(cal["all"].brier, 3), cal["hard-line"].n, unscored["all"]
    (0.037, 1, 0)
    """
    labels: dict[str, list[int]] = {f: [] for f in FRAMES}
    probs: dict[str, list[float]] = {f: [] for f in FRAMES}
    unscored = dict.fromkeys((*FRAMES, "all"), 0)
    for gold, records in zip(golds, probabilities, strict=True):
        g, opt = gold.triples()
        best: dict[Triple, float] = {}
        for r in records:
            get = r.get if isinstance(r, dict) else lambda k, r=r: getattr(r, k, None)
            actor, frame, prob = get("actor"), get("frame"), get("probability")
            a, b = get("sentence_start"), get("sentence_end")
            if frame not in FRAMES or not actor or a is None or b is None or prob is None:
                continue
            if gold.actors and actor not in gold.actors:
                continue
            t = (gold.locate((int(a) + int(b)) // 2), actor, frame)
            if t in opt - g:
                continue
            best[t] = max(best.get(t, 0.0), float(prob))
        for t, prob in sorted(best.items()):
            labels[t[2]].append(int(t in g))
            probs[t[2]].append(prob)
        for t in g - set(best):
            unscored[t[2]] += 1
            unscored["all"] += 1
    out = {f: calibration(labels[f], probs[f], n_bins=n_bins) for f in FRAMES}
    out["all"] = calibration([y for f in FRAMES for y in labels[f]],
                             [p for f in FRAMES for p in probs[f]], n_bins=n_bins)
    return out, unscored
