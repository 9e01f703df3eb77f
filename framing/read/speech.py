"""Reported speech: who says what ("Peskov said ...", "..., he added", "according to Kyiv").

Speech verbs are listed in ``lexicons/speech_verbs.txt``. A statement's speaker is the party
mention next to the verb ("said Peskov", "Peskov told reporters") or the subject of the verb's
clause; its content is the rest of the sentence on the other side of the verb.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .actors import Mention
from .clauses import Clauses, eligible, subject_of
from .text import Tokens
from .words import verb_list_forms


@dataclass(frozen=True, slots=True)
class Said:
    """A reported statement inside one sentence (token ranges, end exclusive)."""

    speaker: Mention
    verb: int
    content_start: int
    content_end: int


@lru_cache(maxsize=1)
def speech_forms() -> frozenset[str]:
    """All inflected forms of the speech verbs."""
    return frozenset({"said", "says", "told", "tells"}) | verb_list_forms("speech_verbs.txt")


def find_statements(tokens: Tokens, mentions: Sequence[Mention], clauses: Clauses) -> list[Said]:
    """Find reported statements and their speakers in a sentence.

    Examples
    --------
    >>> from framing.read.actors import ActorDictionary
    >>> from framing.read.clauses import segment
    >>> from framing.read.text import tokenize
    >>> actors = ActorDictionary.from_mapping({"Russia": ["Peskov"]})
    >>> text = "The plan is a trap, Peskov said."
    >>> toks = tokenize(text)
    >>> [(s.speaker.text, s.content_start, s.content_end)
    ...  for s in find_statements(toks, actors.find(text, 0, toks), segment(toks))]
    [('Peskov', 0, 5)]
    """
    lower = tokens.lower
    n = len(lower)
    forms = speech_forms()
    # Only speech verbs and "according" can report a statement.
    verbs = [i for i, w in enumerate(lower) if w in forms or w == "according"]
    if not verbs:
        return []
    starts = {m.tok_start: m for m in mentions}
    ends = {m.tok_end: m for m in mentions}
    first = [m.tok_start for m in mentions]
    out: list[Said] = []
    for i in verbs:
        if clauses.quote[i] >= 0:
            continue
        w = lower[i]
        if w == "according" and i + 1 < n and lower[i + 1] == "to":
            m = _mention_from(starts, i + 2, lower)
            if m is not None:
                if i > 0:
                    out.append(Said(m, i, 0, i))
                else:
                    out.append(Said(m, i, m.tok_end, n))
            continue
        if w not in forms:
            continue
        before_comma = i > 0 and lower[i - 1] in (",", '"', "”", "’")
        # Inverted: '..., said Peskov.'
        m = _mention_from(starts, i + 1, lower)
        if before_comma and m is not None:
            out.append(Said(m, i, 0, _content_end(lower, i - 1)))
            continue
        # '..., Peskov said.' / '..., he added.'
        m = _mention_ending_near(ends, i, lower)
        if m is not None and m.tok_start > 0 and lower[m.tok_start - 1] in (",", '"', "”", "’"):
            out.append(Said(m, i, 0, _content_end(lower, m.tok_start - 1)))
            continue
        # 'Peskov said (that) ...' / 'Kremlin spokesperson Peskov told reporters ...'
        if m is None or not eligible(m, tokens, clauses):
            m = subject_of(clauses.of[i], i, mentions, tokens, clauses, first)
        if m is not None:
            out.append(Said(m, i, i + 1, n))
    return _bounded(out) if len(out) > 1 else out


def _bounded(said: list[Said]) -> list[Said]:
    """Each statement's content stops where a neighbouring statement begins.

    "A said the plan failed, B said it worked": A's content ends before B, and B's content
    (before its verb) starts after A's verb. Without this, every statement of a long sentence
    would run to the sentence's end, and its work would grow with the square of its length.
    """
    said = sorted(said, key=lambda s: s.verb)
    # Where each statement's own words begin and end: its speaker and its verb.
    first = [min(s.verb, s.speaker.tok_start) for s in said]
    last = [max(s.verb + 1, s.speaker.tok_end) for s in said]
    out = []
    for k, s in enumerate(said):
        start, end = s.content_start, s.content_end
        if end > s.verb and k + 1 < len(said):
            end = min(end, max(first[k + 1], start))
        if start < s.verb and k > 0:
            start = max(start, min(last[k - 1], end))
        out.append(Said(s.speaker, s.verb, start, end))
    return out


def _mention_from(starts: dict[int, Mention], k: int, lower: Sequence[str]) -> Mention | None:
    for _ in range(3):
        if k in starts:
            return starts[k]
        if k < len(lower) and lower[k] in ("the", "a", "an"):
            k += 1
            continue
        if k < len(lower) and lower[k][:1].isalpha():
            k += 1  # a title: "said Foreign Minister Lavrov"
            continue
        break
    return None


def _mention_ending_near(ends: dict[int, Mention], verb: int, lower: Sequence[str]):
    k = verb
    for _ in range(3):
        if k in ends:
            return ends[k]
        k -= 1
        if k <= 0 or lower[k] not in ("also", "later", "has", "had", "have", "then", "again",
                                      "further", "previously", "earlier", "repeatedly"):
            break
    return ends.get(k)


def _content_end(lower: Sequence[str], k: int) -> int:
    while k > 0 and lower[k - 1] in (",", '"', "”", "’"):
        k -= 1
    return k
