"""Real news coded to the annotation guideline: Wikinews articles and NewsMTSC sentences.

The project ships its own coding of real news (``framing/datasets/realnews_*.jsonl``), never
the texts: labels, sentence offsets and each sentence's SHA-1, keyed by the Wikinews id or the
NewsMTSC id. The texts are read at run time from the public data sets (by default
``../shared/data/wikinews/articles.jsonl`` and ``../shared/data/newsmtsc/train.jsonl``) and
checked against the SHA-1s, so a changed or different copy is an error, not a silent shift.
The coding, the coders' agreement and the splits are described in
``framing/datasets/REALNEWS.md``.

Two sets, each split by story into ``train``, ``dev`` and ``test``:

* ``wikinews``: Wikinews news articles with a dispute, coded sentence by sentence (every
  sentence of the article, its parties with their aliases, required and optional labels).
  An article's text is its title, a blank line and its body.
* ``newsmtsc``: (sentence, target) items from NewsMTSC train, each target coded as the party.
  Each sentence becomes a one-sentence gold article whose parties are its targets.

Both load as :class:`~framing.measure.evaluation.GoldArticle` lists (``framing evaluate
realnews:dev``) and as a :class:`~framing.learn.models.TrainingSet` of (sentence, party) items
(``framing cross-validate realnews:train``, ``framing train realnews:train``).

Examples
--------
>>> parse_spec("realnews:dev")
(('wikinews', 'newsmtsc'), ('dev',))
>>> parse_spec("wikinews:train,dev")
(('wikinews',), ('train', 'dev'))
>>> parse_spec("gold.json") is None
True
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import FramingError, InputError
from ..labels import FRAMES
from .evaluation import GoldArticle, dominant_from, gold_from_dict

__all__ = ["CORPORA", "OPT_IN_CORPORA", "SPLITS", "TEXT_CORPORA", "RealNewsError", "babe_records",
           "checked_text",
           "coding_records", "json_lines", "load_realnews", "newsmtsc_records", "parse_spec",
           "party_rows", "read_records", "realnews_training", "record_texts", "shared_dir",
           "texts_path"]

CORPORA = ("wikinews", "newsmtsc")
#: Coded items outside ``realnews``, read only when named: NewsMTSC train items chosen for their
#: words of doubt (``newsmtsc-doubt:train``; train only, REALNEWS.md "A second round").
OPT_IN_CORPORA = ("newsmtsc-doubt",)
SPLITS = ("train", "dev", "test")
_CODING = {"wikinews": "realnews_wikinews.jsonl", "newsmtsc": "realnews_newsmtsc.jsonl",
           "newsmtsc-doubt": "realnews_newsmtsc_doubt.jsonl"}
_TEXTS = {"wikinews": ("wikinews", "articles.jsonl"), "newsmtsc": ("newsmtsc", "train.jsonl"),
          "newsmtsc-doubt": ("newsmtsc", "train.jsonl")}
_BABE_FILES = ("final_labels_SG1.jsonl", "final_labels_SG2.jsonl")
#: The public data sets whose records :func:`record_texts` reads.
TEXT_CORPORA = ("wikinews", "babe", "newsmtsc")


class RealNewsError(FramingError, ValueError):
    """The real-news texts are missing, or differ from the ones the project coded."""


def sha1(text: str) -> str:
    """SHA-1 of a text in UTF-8 (the key that ties the coding to its sentence)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def parse_spec(spec: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Read ``realnews:SPLITS``, ``wikinews:SPLITS``, ``newsmtsc:SPLITS`` or
    ``newsmtsc-doubt:SPLITS``; else ``None``.

    ``SPLITS`` is a comma-separated list of ``train``, ``dev``, ``test`` or ``all``.
    ``realnews`` is Wikinews and NewsMTSC; the opt-in corpora are read only by their own name.
    """
    name, sep, splits = str(spec).partition(":")
    if not sep or name not in ("realnews", *CORPORA, *OPT_IN_CORPORA):
        return None
    corpora = CORPORA if name == "realnews" else (name,)
    chosen = []
    for s in splits.split(","):
        if s == "all":
            chosen.extend(SPLITS)
        elif s in SPLITS:
            chosen.append(s)
        else:
            raise RealNewsError(f"{spec}: split {s!r} is not one of {[*SPLITS, 'all']}")
    return corpora, tuple(dict.fromkeys(chosen))


def shared_dir(shared: str | Path | None = None) -> Path:
    """The folder that holds ``data/wikinews`` and ``data/newsmtsc``.

    In this order: ``shared``, the ``FRAMING_SHARED`` environment variable, ``../shared`` from
    the working directory, ``../shared`` beside the source tree.
    """
    if shared is not None:
        return Path(shared)
    if os.environ.get("FRAMING_SHARED"):
        return Path(os.environ["FRAMING_SHARED"])
    for base in (Path.cwd(), Path(__file__).resolve().parents[1]):
        candidate = base.parent / "shared"
        if (candidate / "data").is_dir():
            return candidate
    return Path.cwd().parent / "shared"


def texts_path(corpus: str, shared: str | Path | None) -> Path:
    """The public data set file of ``corpus`` (``wikinews``, or ``newsmtsc`` for both NewsMTSC
    codings), or an error that says where it was looked for and how to point to it.

    Examples
    --------
    >>> texts_path("wikinews", "/none")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framing.measure.realnews.RealNewsError: /none/data/wikinews/articles.jsonl: not found. ...
    """
    folder, name = _TEXTS[corpus]
    path = shared_dir(shared) / "data" / folder / name
    if not path.is_file():
        raise RealNewsError(
            f"{path}: not found. The real-news coding reads its texts from the public "
            f"{corpus} data set; pass shared= (--shared DIR) or set FRAMING_SHARED to the "
            "folder that holds data/wikinews and data/newsmtsc")
    return path


@lru_cache(maxsize=4)
def coding_records(corpus: str) -> tuple[dict[str, Any], ...]:
    """The project's coding of one corpus (every screened unit, in file order)."""
    if corpus not in _CODING:
        raise RealNewsError(f"corpus must be one of {list(_CODING)}; got {corpus!r}")
    ref = resources.files("framing.datasets").joinpath(_CODING[corpus])
    return tuple(r for _, r in json_lines(ref.read_text(encoding="utf-8").splitlines(),
                                          _CODING[corpus]))


def json_lines(lines: Iterable[str], name: str, error: type[FramingError] = RealNewsError
               ) -> Iterator[tuple[str, Any]]:
    """``(where, object)`` for each JSON line (blank lines skipped), ``where`` naming ``name``
    and the line; a line that is not JSON raises ``error`` with that place.

    Examples
    --------
    >>> list(json_lines(['{"id": 1}', "", '{"id": 2}'], "x.jsonl"))
    [('x.jsonl:1', {'id': 1}), ('x.jsonl:3', {'id': 2})]
    """
    for number, line in enumerate(lines, start=1):
        if line.strip():
            where = f"{name}:{number}"
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as e:
                raise error(f"{where}: invalid JSON: {e.msg}") from None


@lru_cache(maxsize=4)
def read_records(path: str) -> dict[str, dict[str, Any]]:
    """A JSONL data set file as ``{record id: record}`` (cached per path; a line that is not
    JSON is an error naming the file and line).

    Examples
    --------
    >>> records = read_records(str(texts_path("wikinews", None)))  # doctest: +SKIP
    >>> len(records)  # doctest: +SKIP
    531
    """
    with open(path, encoding="utf-8") as f:
        return {r["id"]: r for _, r in json_lines(f, path)}


def wikinews_text(record: dict[str, Any]) -> str:
    """The text of a Wikinews record as the project scores it: title, blank line, body."""
    return f"{record['title']}\n\n{record['text']}"


def checked_text(text: str, start: int, end: int, digest: str, where: str) -> str:
    """``text[start:end]``, or an error naming ``where`` when its SHA-1 is not ``digest``.

    Examples
    --------
    >>> checked_text("Kyiv said no.", 0, 4, sha1("Kyiv"), "record 1")
    'Kyiv'
    >>> checked_text("Kyiv said no.", 0, 4, sha1("Kiev"), "record 1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framing.measure.realnews.RealNewsError: record 1 at [0, 4) is not the sentence that was ...
    """
    piece = text[start:end]
    if sha1(piece) != digest:
        raise RealNewsError(f"{where} at [{start}, {end}) is not the sentence that was coded "
                            "(SHA-1 differs); is this the data set's published version?")
    return piece


def babe_records(shared: str | Path | None) -> dict[str, dict[str, Any]]:
    """BABE's records (both annotator groups) by id, from ``data/babe`` of ``../shared``."""
    out: dict[str, dict[str, Any]] = {}
    for name in _BABE_FILES:
        path = shared_dir(shared) / "data" / "babe" / name
        if not path.is_file():
            raise RealNewsError(
                f"{path}: not found. The soft labels and the coded sentiment toward parties "
                "read BABE's sentences from the public data set; pass shared= (--shared DIR) "
                "or set FRAMING_SHARED to the folder that holds data/babe")
        out.update(read_records(str(path)))
    return out


def newsmtsc_records(shared: str | Path | None) -> dict[str, dict[str, Any]]:
    """NewsMTSC train's records by id (the text of record ``id`` is its ``sentence``)."""
    return read_records(str(texts_path("newsmtsc", shared)))


def record_texts(corpus: str, shared: str | Path | None) -> dict[str, str]:
    """Record id -> the text that offsets into a record of ``corpus`` refer to: a Wikinews
    article's title, a blank line and its body (:func:`wikinews_text`), a BABE or NewsMTSC
    record's sentence."""
    if corpus == "wikinews":
        return {k: wikinews_text(r)
                for k, r in read_records(str(texts_path("wikinews", shared))).items()}
    if corpus == "babe":
        return {k: r["text"] for k, r in babe_records(shared).items()}
    if corpus == "newsmtsc":
        return {k: r["sentence"] for k, r in newsmtsc_records(shared).items()}
    raise InputError(f"corpus must be one of {list(TEXT_CORPORA)}; got {corpus!r}")


def party_rows(path: str | Path, fields: Sequence[str], *, shared: str | Path | None = None
               ) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """The (sentence, party) lines of a JSON-lines file keyed by record: ``(where, row,
    PartyItem)`` for each, ``where`` naming the file and line.

    Each line holds at least ``fields``, among them ``corpus``, ``id``, ``start``, ``end``,
    ``sha1``, ``spans`` and ``others``. The sentence is cut from the record's text in
    ``../shared`` (or ``shared``) and checked against its SHA-1; a line that is not valid JSON,
    lacks a field, names an unknown record, has a span outside its sentence or whose text
    differs is an :class:`InputError` naming the file and line. The soft labels
    (:mod:`framing.measure.distilled`) and the coded sentiment toward parties
    (:mod:`framing.measure.coded_sentiment`) are read with it.
    """
    from ..learn.features import PartyItem

    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: file not found")
    texts: dict[str, dict[str, str]] = {}
    for where, row in json_lines(p.read_text(encoding="utf-8").splitlines(), str(p), InputError):
        try:
            missing = [k for k in fields if k not in row]
            if missing:
                raise InputError(f"{where}: missing field(s) {missing}")
            corpus, rid = row["corpus"], row["id"]
            if corpus not in texts:
                texts[corpus] = record_texts(corpus, shared)
            if rid not in texts[corpus]:
                raise InputError(f"{where}: {corpus} has no record {rid!r}")
            start, end = int(row["start"]), int(row["end"])
            sentence = checked_text(texts[corpus][rid], start, end, row["sha1"],
                                    f"{where}: the text of {corpus} {rid}")
            spans = tuple(tuple(int(x) for x in s) for s in row["spans"])
            others = tuple(tuple(int(x) for x in s) for s in row["others"])
            if not spans or any(not (0 <= a < b <= len(sentence)) for a, b in spans + others):
                raise InputError(f"{where}: a span lies outside the sentence "
                                 f"(length {len(sentence)}) or the party has none")
        except FramingError:
            raise
        except (TypeError, ValueError) as e:
            raise InputError(f"{where}: malformed line: {e}") from None
        yield where, row, PartyItem(sentence, spans, others)


def _wikinews_gold(rec: dict[str, Any], texts: dict[str, dict[str, Any]]) -> GoldArticle:
    where = f"wikinews {rec['id']}"
    if rec["id"] not in texts:
        raise RealNewsError(f"{where}: not in the Wikinews data set")
    text = wikinews_text(texts[rec["id"]])
    labels: dict[int, list[dict[str, str]]] = {}
    optional: dict[int, list[dict[str, str]]] = {}
    for key, target in (("labels", labels), ("optional", optional)):
        for k, actor, frame in rec[key]:
            target.setdefault(k, []).append({"actor": actor, "frame": frame})
    sentences = [{"text": checked_text(text, a, b, h, f"{where} sentence {k}"),
                  "labels": labels.get(k, []), "optional": optional.get(k, [])}
                 for k, (a, b, h) in enumerate(rec["sentences"])]
    doc = {"id": rec["id"], "title": texts[rec["id"]]["title"], "text": text,
           "actors": rec["actors"], "sentences": sentences,
           "dominant": _dominant(rec["actors"], rec["labels"])}
    return gold_from_dict(doc, where)


def _dominant(parties: Iterable[str], labels: Sequence[Sequence[Any]]) -> dict[str, list[str]]:
    triples = {(k, a, f) for k, a, f in labels}
    return {p: list(dominant_from(triples, p)) for p in parties}


def _newsmtsc_golds(recs: Sequence[dict[str, Any]], texts: dict[str, dict[str, Any]]
                    ) -> list[GoldArticle]:
    by_sentence: dict[str, list[dict[str, Any]]] = {}
    for r in recs:
        by_sentence.setdefault(r["id"], []).append(r)
    out = []
    for sid, items in by_sentence.items():
        where = f"newsmtsc {sid}"
        if sid not in texts:
            raise RealNewsError(f"{where}: not in NewsMTSC train")
        text = texts[sid]["sentence"]
        if sha1(text) != items[0]["sha1"]:
            raise RealNewsError(f"{where}: the sentence differs from the one that was coded "
                                "(SHA-1 differs)")
        actors = {it["party"]: [text[it["from"]:it["to"]]] for it in items}
        labels = [{"actor": it["party"], "frame": f} for it in items for f in it["frames"]]
        optional = [{"actor": it["party"], "frame": f} for it in items for f in it["optional"]]
        doc = {"id": f"newsmtsc:{sid}", "text": text, "actors": actors, "actors_mode": "replace",
               "sentences": [{"text": text, "labels": labels, "optional": optional}],
               "dominant": _dominant(actors, [(0, x["actor"], x["frame"]) for x in labels])}
        out.append(gold_from_dict(doc, where))
    return out


def load_realnews(corpus: str | Sequence[str] = CORPORA, splits: str | Sequence[str] = "dev",
                  *, shared: str | Path | None = None) -> list[GoldArticle]:
    """Load coded real news as gold articles, texts read from the public data sets.

    Parameters
    ----------
    corpus : {"wikinews", "newsmtsc"} or a sequence of them
    splits : {"train", "dev", "test"} or a sequence of them
    shared : path, optional
        The folder holding ``data/wikinews`` and ``data/newsmtsc`` (see :func:`shared_dir`).

    Returns
    -------
    list of GoldArticle
        Wikinews articles first, then one article per NewsMTSC sentence.

    Examples
    --------
    >>> golds = load_realnews("wikinews", "dev")  # doctest: +SKIP
    >>> golds[0].sentences[0].labels  # doctest: +SKIP
    frozenset({('Cisco', 'hard-line')})
    """
    corpora = (corpus,) if isinstance(corpus, str) else tuple(corpus)
    chosen = (splits,) if isinstance(splits, str) else tuple(splits)
    for s in chosen:
        if s not in SPLITS:
            raise RealNewsError(f"split must be one of {list(SPLITS)}; got {s!r}")
    out: list[GoldArticle] = []
    for c in corpora:
        recs = [r for r in coding_records(c) if r.get("split") in chosen]
        texts = read_records(str(texts_path(c, shared)))
        if c == "wikinews":
            out.extend(_wikinews_gold(r, texts) for r in recs)
        else:
            out.extend(_newsmtsc_golds(recs, texts))
    return out


def realnews_training(splits: str | Sequence[str] = "train", *,
                      corpus: str | Sequence[str] = CORPORA,
                      shared: str | Path | None = None) -> Any:
    """(Sentence, party) training items from the coded real news.

    A Wikinews party's mentions in a sentence are the ones ``framing`` finds with the article's
    coded actors (names, people, pronouns and references, as at prediction time); a coded label
    on a sentence where the party is not found cannot become an item and is skipped. NewsMTSC
    items use the coded target's span and carry NewsMTSC's sentiment toward it. Items with an
    optional pair are left out (they are neither positive nor negative examples). The group of
    each item is its story, so that cross-validation keeps a story's sentences together.

    Returns
    -------
    TrainingSet
    """
    import numpy as np

    from ..api import score_article
    from ..learn.classify import party_items
    from ..learn.features import PartyItem
    from ..learn.models import TrainingSet

    corpora = (corpus,) if isinstance(corpus, str) else tuple(corpus)
    chosen = (splits,) if isinstance(splits, str) else tuple(splits)
    items, frames, sentiment, groups, ids = [], [], [], [], []

    def add(item: PartyItem, fr: Iterable[str], sent: str | None, group: str, uid: str):
        items.append(item)
        frames.append([int(f in fr) for f in FRAMES])
        sentiment.append(sent)
        groups.append(group)
        ids.append(uid)

    golds = load_realnews(corpora, chosen, shared=shared)
    story = {r["id"]: r["story"] for c in corpora for r in coding_records(c)
             if r.get("split") in chosen}
    for gold in golds:
        if gold.id.startswith("newsmtsc:"):
            continue
        res = score_article(gold.text, actors=gold.actors, actors_mode="replace",
                            sentiment=False)
        by_start = {s.start: k for k, s in enumerate(gold.sentences)}
        for k, party, item in party_items(res):
            g = by_start.get(res.sentences[k].start)
            if g is None or party not in gold.actors:
                continue  # a sentence the guideline's coding splits differently
            s = gold.sentences[g]
            if any(a == party for a, _ in s.optional):
                continue
            add(item, {f for a, f in s.labels if a == party}, None, story[gold.id],
                f"{gold.id}#{g}:{party}")
    for c in corpora:
        if c == "wikinews":
            continue
        texts = read_records(str(texts_path(c, shared)))
        recs = [r for r in coding_records(c) if r.get("split") in chosen]
        spans: dict[str, list[tuple[int, int]]] = {}
        for r in recs:
            spans.setdefault(r["id"], []).append((r["from"], r["to"]))
        for r in recs:
            if r["optional"]:
                continue
            text = texts[r["id"]]["sentence"]
            others = tuple(sorted(s for s in spans[r["id"]] if s != (r["from"], r["to"])))
            add(PartyItem(text, ((r["from"], r["to"]),), others), r["frames"],
                r.get("sentiment"), r["story"], f"newsmtsc:{r['gid']}")
    if not items:
        raise InputError(f"no real-news items in split(s) {list(chosen)} of {list(corpora)}")
    return TrainingSet(items, np.array(frames, dtype=int).reshape(-1, 3), sentiment, groups,
                       ids, [f"realnews:{c}" for c in corpora])


def coder_agreement(corpus: str = "wikinews") -> dict[str, Any]:
    """How far the two coders agreed, before adjudication, and each coder against the gold.

    Needs no texts: the coding records keep each coder's labels (party names mapped to the
    adjudicated ones). Units are (sentence, party) over every sentence of an article and every
    adjudicated party (Wikinews; an article one coder found no dispute in counts with no
    labels from that coder), or the (sentence, target) items (NewsMTSC). For each frame:

    * ``f1``: coder A scored against coder B as ``framing evaluate`` scores a method against
      the gold: A's required pairs are its findings, B's optional pairs count on neither side
      (A's optional pairs are no findings). The score is the same with A and B swapped when
      neither marks anything optional, and is averaged over both directions otherwise;
    * ``alpha``: Krippendorff's alpha (nominal) of "frame required or not" over every unit;
    * ``a_vs_gold``, ``b_vs_gold``: each coder's F1 against the adjudicated labels, scored as
      ``framing evaluate`` scores a method (a human ceiling for the scorer's figures).

    Examples
    --------
    >>> agr = coder_agreement("wikinews")
    >>> sorted(agr["per_frame"])
    ['conciliatory', 'hard-line', 'skeptical']
    """
    from .evaluation import krippendorff_alpha

    units: list[tuple[Any, dict[str, tuple[set, set]]]] = []  # (unit, {who: (req, opt)})
    for r in coding_records(corpus):
        if corpus == "wikinews":
            if not r.get("dispute"):
                continue
            coded = {"gold": (r["labels"], r["optional"])}
            for who in ("A", "B"):
                c = r["coders"].get(who)
                coded[who] = (c["labels"], c["optional"]) if c else ([], [])
            sets = {w: ({(k, a, f) for k, a, f in req}, {(k, a, f) for k, a, f in opt})
                    for w, (req, opt) in coded.items()}
            for k in range(len(r["sentences"])):
                for party in r["actors"]:
                    units.append(((r["id"], k, party),
                                  {w: ({f for kk, a, f in req if (kk, a) == (k, party)},
                                       {f for kk, a, f in opt if (kk, a) == (k, party)})
                                   for w, (req, opt) in sets.items()}))
        else:
            units.append(((r["gid"], r["from"]), {
                "gold": (set(r["frames"]), set(r["optional"])),
                "A": (set(r["coders"]["A"]["frames"]), set(r["coders"]["A"]["optional"])),
                "B": (set(r["coders"]["B"]["frames"]), set(r["coders"]["B"]["optional"]))}))

    def f1(x: str, ref: str, frame: str) -> dict[str, float]:
        tp = fp = fn = 0
        for _, c in units:
            if frame in c[ref][1]:
                continue
            got, want = frame in c[x][0], frame in c[ref][0]
            tp += got and want
            fp += got and not want
            fn += want and not got
        return {"f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan"),
                "tp": tp, "fp": fp, "fn": fn}

    out: dict[str, Any] = {"units": len(units), "per_frame": {}}
    for frame in FRAMES:
        ab, ba = f1("A", "B", frame), f1("B", "A", frame)
        pairs = [(str(frame in c["A"][0]), str(frame in c["B"][0])) for _, c in units]
        out["per_frame"][frame] = {
            "f1": (ab["f1"] + ba["f1"]) / 2, "a_vs_b": ab, "b_vs_a": ba,
            "alpha": krippendorff_alpha(pairs),
            "a_vs_gold": f1("A", "gold", frame)["f1"], "b_vs_gold": f1("B", "gold", frame)["f1"]}

    def micro(key: str) -> float:
        tot = {k: sum(out["per_frame"][f][key][k] for f in FRAMES) for k in ("tp", "fp", "fn")}
        return 2 * tot["tp"] / (2 * tot["tp"] + tot["fp"] + tot["fn"])

    out["micro_f1"] = (micro("a_vs_b") + micro("b_vs_a")) / 2
    return out
