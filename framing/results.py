"""Result objects of ``score_article``: frozen dataclasses with tidy conversions.

Nothing here computes a score; these classes only hold what the scorer found and convert it:
``to_dict()`` gives JSON-serialisable data, ``to_frame()`` tidy pandas DataFrames. Numbers are
kept at full precision; rounding is for display only. In IPython and Jupyter an
:class:`ArticleFraming` shows as its HTML view (:mod:`framing.show.html`), which imports this
module, not the other way round: ``framing/__init__.py`` registers the view with IPython by class
name.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .labels import FRAMES, PARTY_AWARE


@dataclass(frozen=True, slots=True)
class SentenceInfo:
    """A sentence of the story with its sentiment (VADER compound, -1..1)."""

    index: int
    start: int
    end: int
    text: str
    is_title: bool
    sentiment: float


@dataclass(frozen=True, slots=True)
class MentionInfo:
    """A mention of a party: where, how (name, person, pronoun, ...), in which sentence."""

    actor: str
    start: int
    end: int
    text: str
    kind: str
    sentence: int
    antecedent: int | None = None


@dataclass(frozen=True, slots=True)
class Framing:
    """One piece of evidence: a cue that frames a party in a sentence.

    Attributes
    ----------
    actor : str
        The party that holds the stance.
    frame : str
        ``hard-line``, ``skeptical`` or ``conciliatory``.
    weight : float
        Cue weight after hedges and intensifiers.
    cue : str
        The cue's words as they appear in the text.
    cue_start, cue_end : int
        Character offsets of the cue.
    sentence : int
        Sentence index.
    sentence_start, sentence_end : int
        Character offsets of the sentence in the input text.
    method : str
        ``lexicon``, ``classifier`` or ``ensemble``.
    rule : str
        How the holder was found: ``subject``, ``possessive``, ``passive_agent``, ``speaker``,
        ``scope`` (inherits a refusal or directive's holder), ``main_clause``, ...
    holder : str
        The words that name the holder ("Peskov", "its", "the spokesperson").
    negated : bool
        The cue was negated (a negated conciliatory cue is hard-line evidence).
    pattern : str
        The lexicon pattern that matched (empty for classifier framings).
    """

    actor: str
    frame: str
    weight: float
    cue: str
    cue_start: int
    cue_end: int
    sentence: int
    sentence_start: int
    sentence_end: int
    method: str = "lexicon"
    rule: str = ""
    holder: str = ""
    negated: bool = False
    pattern: str = ""


@dataclass(frozen=True, slots=True)
class Statement:
    """A quotation or reported statement and the party that speaks it."""

    actor: str | None
    speaker: str
    kind: str  # "quote" or "reported"
    start: int
    end: int
    text: str
    sentence: int
    sentiment: float


@dataclass(frozen=True, slots=True)
class TargetSentiment:
    """Sentiment toward one party in one sentence, from the party-aware model.

    ``negative``, ``neutral`` and ``positive`` are the model's probabilities for the (sentence,
    party) item; ``sentiment`` is ``positive - negative`` (−1…1), the value averaged into the
    party's ``sentiment_toward``. Two parties of one sentence get values of their own.
    """

    actor: str
    sentence: int
    sentiment: float
    negative: float
    neutral: float
    positive: float


@dataclass(frozen=True, slots=True)
class PartySummary:
    """Article-level profile of one party.

    ``frame_counts`` count framed sentences per frame; ``frame_shares`` divide them by the
    number of the party's framed sentences (frames of one sentence each count). ``dominant`` is
    the frame with the largest share, several on a tie (in the order hard-line, skeptical,
    conciliatory), ``("none",)`` when the party is never framed.

    Sentiment (all −1…1, ``None`` when not computed or there is nothing to average):

    * ``sentiment_toward``: the sentiment toward the party, by the measure named in
      ``sentiment_toward_measure``: ``"party-aware"`` (the default: the target-sentiment model's
      P(positive) − P(negative) for each sentence that mentions the party, averaged; the
      values per sentence are ``ArticleFraming.targets``) or ``"sentence-vader"`` (the mean
      VADER compound of those sentences, when the model is not used); ``sentiment_toward_n``
      sentences are averaged.
    * ``sentence_tone``: the mean VADER compound of the sentences that mention the party
      (``sentence_tone_n`` of them), whatever the measure: the tone of the sentences, the same
      for every party of a sentence.
    * ``sentiment_by``: the mean VADER compound of the party's statements.

    ``voice`` counts its statements; ``in_title`` and ``first_mention`` (sentence index, and
    relative position 0..1 of the first mention's character offset) measure prominence.
    ``sentiment_target`` and ``sentiment_target_n`` are deprecated aliases of the party-aware
    ``sentiment_toward`` (``None`` and 0 under another measure).
    """

    actor: str
    mentions: int
    sentences: int
    framed_sentences: int
    frame_counts: dict[str, int]
    frame_shares: dict[str, float]
    dominant: tuple[str, ...]
    sentiment_toward: float | None
    sentiment_toward_n: int
    sentiment_by: float | None
    sentiment_by_n: int
    voice: int
    in_title: bool
    first_mention: int
    first_mention_position: float
    sentiment_toward_measure: str = ""
    sentence_tone: float | None = None
    sentence_tone_n: int = 0

    @property
    def sentiment_target(self) -> float | None:
        """Deprecated: ``sentiment_toward`` when its measure is ``"party-aware"``."""
        _deprecated("sentiment_target")
        return self.sentiment_toward if self.sentiment_toward_measure == PARTY_AWARE else None

    @property
    def sentiment_target_n(self) -> int:
        """Deprecated: ``sentiment_toward_n`` when its measure is ``"party-aware"``."""
        _deprecated("sentiment_target_n")
        return self.sentiment_toward_n if self.sentiment_toward_measure == PARTY_AWARE else 0


def _deprecated(name: str) -> None:
    import warnings

    warnings.warn(f"PartySummary.{name} is deprecated: sentiment_toward is party-aware by "
                  f"default (see sentiment_toward_measure); use {name.replace('target', 'toward')}",
                  DeprecationWarning, stacklevel=3)


@dataclass(frozen=True)
class ArticleFraming:
    """Everything ``score_article`` found in one article.

    Attributes
    ----------
    text : str
        The article as given.
    sentences : tuple of SentenceInfo
    boilerplate : tuple of (start, end, reason)
    mentions : tuple of MentionInfo
    framings : tuple of Framing
    statements : tuple of Statement
    parties : dict of str to PartySummary
        In order of first mention.
    meta : dict
        Package and lexicon versions, method, actor mode, and ``sentiment_toward``: the
        measure of the parties' sentiment toward them (``None`` without sentiment).
    targets : tuple of TargetSentiment
        The party-aware sentiment toward each party in each sentence that mentions it (empty
        when the party-aware model is not used).
    """

    text: str
    sentences: tuple[SentenceInfo, ...]
    boilerplate: tuple[tuple[int, int, str], ...]
    mentions: tuple[MentionInfo, ...]
    framings: tuple[Framing, ...]
    statements: tuple[Statement, ...]
    parties: dict[str, PartySummary]
    meta: dict[str, Any] = field(default_factory=dict)
    targets: tuple[TargetSentiment, ...] = ()

    @property
    def quotations(self) -> tuple[Statement, ...]:
        """Direct quotations with their speakers."""
        return tuple(s for s in self.statements if s.kind == "quote")

    @property
    def dominant(self) -> dict[str, tuple[str, ...]]:
        """``{party: dominant frames}``."""
        return {name: p.dominant for name, p in self.parties.items()}

    @property
    def profile(self) -> dict[str, dict[str, float]]:
        """``{party: {frame: share}}``."""
        return {name: dict(p.frame_shares) for name, p in self.parties.items()}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict of the whole result.

        Examples
        --------
        >>> import json, framing
        >>> res = framing.score_article("Kyiv rejected the offer.")
        >>> json.loads(json.dumps(res.to_dict()))["framings"][0]["actor"]
        'Ukraine'
        """
        return {
            "meta": self.meta,
            "sentences": [asdict(s) for s in self.sentences],
            "boilerplate": [{"start": a, "end": b, "reason": r} for a, b, r in self.boilerplate],
            "mentions": [asdict(m) for m in self.mentions],
            "framings": [asdict(f) for f in self.framings],
            "statements": [asdict(s) for s in self.statements],
            "parties": {k: _party_dict(v) for k, v in self.parties.items()},
            "targets": [asdict(t) for t in self.targets],
        }

    def to_frame(self, table: str = "parties"):
        """A tidy pandas DataFrame of one table of the result.

        Parameters
        ----------
        table : {"parties", "framings", "mentions", "sentences", "statements", "targets"}
            ``parties``: one row per party (counts, shares, dominant, sentiment toward the
            party with its measure, sentence tone, sentiment by the party, voice, prominence);
            ``framings``: one row per piece of evidence; ``targets``: one row per (sentence,
            party) with the party-aware sentiment; the others one row per mention, sentence or
            statement.

        Examples
        --------
        >>> import framing
        >>> df = framing.score_article("Kyiv rejected the offer.").to_frame()
        >>> df[["actor", "sentiment_toward_measure"]].values.tolist()
        [['Ukraine', 'party-aware']]
        """
        import pandas as pd

        if table == "parties":
            rows = []
            for p in self.parties.values():
                row = {
                    "actor": p.actor,
                    "mentions": p.mentions,
                    "sentences": p.sentences,
                    "framed_sentences": p.framed_sentences,
                }
                for f in FRAMES:
                    row[f"n_{f}"] = p.frame_counts[f]
                for f in FRAMES:
                    row[f"share_{f}"] = p.frame_shares[f]
                row.update(
                    dominant="|".join(p.dominant),
                    sentiment_toward=p.sentiment_toward,
                    sentiment_toward_n=p.sentiment_toward_n,
                    sentiment_toward_measure=p.sentiment_toward_measure,
                    sentence_tone=p.sentence_tone,
                    sentence_tone_n=p.sentence_tone_n,
                    sentiment_by=p.sentiment_by,
                    sentiment_by_n=p.sentiment_by_n,
                    voice=p.voice,
                    in_title=p.in_title,
                    first_mention=p.first_mention,
                    first_mention_position=p.first_mention_position,
                )
                rows.append(row)
            return pd.DataFrame(rows, columns=_PARTY_COLUMNS)
        sources = {
            "framings": (self.framings, Framing),
            "mentions": (self.mentions, MentionInfo),
            "sentences": (self.sentences, SentenceInfo),
            "statements": (self.statements, Statement),
            "targets": (self.targets, TargetSentiment),
        }
        if table not in sources:
            raise ValueError(
                f"table must be one of ['parties', {', '.join(map(repr, sources))}]; got {table!r}"
            )
        items, cls = sources[table]
        columns = list(cls.__dataclass_fields__)
        return pd.DataFrame([asdict(x) for x in items], columns=columns)


_PARTY_COLUMNS = [
    "actor",
    "mentions",
    "sentences",
    "framed_sentences",
    *(f"n_{f}" for f in FRAMES),
    *(f"share_{f}" for f in FRAMES),
    "dominant",
    "sentiment_toward",
    "sentiment_toward_n",
    "sentiment_toward_measure",
    "sentence_tone",
    "sentence_tone_n",
    "sentiment_by",
    "sentiment_by_n",
    "voice",
    "in_title",
    "first_mention",
    "first_mention_position",
]


def _party_dict(p: PartySummary) -> dict[str, Any]:
    d = asdict(p)
    d["dominant"] = list(p.dominant)
    return d
