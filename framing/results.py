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

from .labels import FRAMES


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
class PartySummary:
    """Article-level profile of one party.

    ``frame_counts`` count framed sentences per frame; ``frame_shares`` divide them by the
    number of the party's framed sentences (frames of one sentence each count). ``dominant`` is
    the frame with the largest share, several on a tie (in the order hard-line, skeptical,
    conciliatory), ``("none",)`` when the party is never framed. ``sentiment_toward`` is the mean
    VADER compound of the sentences that mention the party; ``sentiment_by`` the mean over its
    statements. ``voice`` counts its statements; ``in_title`` and ``first_mention`` (sentence
    index, and relative position 0..1 of the first mention's character offset) measure prominence.
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
    sentiment_target: float | None = None
    sentiment_target_n: int = 0


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
        Package and lexicon versions, method, actor mode.
    """

    text: str
    sentences: tuple[SentenceInfo, ...]
    boilerplate: tuple[tuple[int, int, str], ...]
    mentions: tuple[MentionInfo, ...]
    framings: tuple[Framing, ...]
    statements: tuple[Statement, ...]
    parties: dict[str, PartySummary]
    meta: dict[str, Any] = field(default_factory=dict)

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
        }

    def to_frame(self, table: str = "parties"):
        """A tidy pandas DataFrame of one table of the result.

        Parameters
        ----------
        table : {"parties", "framings", "mentions", "sentences", "statements"}
            ``parties``: one row per party (counts, shares, dominant, sentiment, voice,
            prominence); ``framings``: one row per piece of evidence; the others one row per
            mention, sentence or statement.

        Examples
        --------
        >>> import framing
        >>> framing.score_article("Kyiv rejected the offer.").to_frame()["actor"].tolist()
        ['Ukraine']
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
                    sentiment_by=p.sentiment_by,
                    sentiment_by_n=p.sentiment_by_n,
                    voice=p.voice,
                    in_title=p.in_title,
                    first_mention=p.first_mention,
                    first_mention_position=p.first_mention_position,
                    sentiment_target=p.sentiment_target,
                    sentiment_target_n=p.sentiment_target_n,
                )
                rows.append(row)
            return pd.DataFrame(rows, columns=_PARTY_COLUMNS)
        sources = {
            "framings": (self.framings, Framing),
            "mentions": (self.mentions, MentionInfo),
            "sentences": (self.sentences, SentenceInfo),
            "statements": (self.statements, Statement),
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
    "sentiment_by",
    "sentiment_by_n",
    "voice",
    "in_title",
    "first_mention",
    "first_mention_position",
    "sentiment_target",
    "sentiment_target_n",
]


def _party_dict(p: PartySummary) -> dict[str, Any]:
    d = asdict(p)
    d["dominant"] = list(p.dominant)
    return d
