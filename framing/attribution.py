"""Give each framing cue to the party that holds the stance.

The holder of a cue is, in this order of evidence:

1. a possessive right before a noun cue ("Russia's rejection", "its demands"), or an agent
   after it ("a proposal by Washington");
2. the agent of a passive ("a ceasefire proposed by Washington");
3. the subject of the cue's clause (its first mention that is not a preposition's object);
   in a relative clause without one, the noun it hangs on ("Kyiv, which rejected ...");
4. a refusal's or directive's holder, for cues in its scope ("refused to negotiate",
   "urged both sides to return to talks": the urger, not the urged);
5. inside a quotation, its speaker; first-person pronouns in it ("we") stand for the speaker;
6. the subject of an earlier clause of the sentence (participles: "..., rejecting the truce").

Targets are never holders: a party named after the cue, or after a preposition, is mentioned but
not framed. A sentence whose cue has no holder (narrator words about everyone) frames no one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .actors import Mention
from .clauses import Clauses, eligible, subject_of
from .cues import CueMatch, FrameLexicon, function_words, irregular_verbs
from .labels import CONCILIATORY, HARD_LINE
from .text import Tokens

_IRREGULAR_PARTICIPLES: frozenset[str] | None = None


def _participles() -> frozenset[str]:
    global _IRREGULAR_PARTICIPLES
    if _IRREGULAR_PARTICIPLES is None:
        _IRREGULAR_PARTICIPLES = frozenset(v[1] for v in irregular_verbs().values())
    return _IRREGULAR_PARTICIPLES


@dataclass(frozen=True, slots=True)
class Attributed:
    """A cue with its holder, final frame and weight."""

    cue: CueMatch
    holder: Mention
    frame: str
    weight: float
    negated: bool
    rule: str


@dataclass(frozen=True, slots=True)
class SentenceView:
    """What attribution needs to know about one sentence."""

    tokens: Tokens
    clauses: Clauses
    mentions: tuple[Mention, ...]
    speaker: dict[int, Mention]  # quote id -> speaker mention
    continuing_speaker: Mention | None = None  # whole sentence inside a quote


def attribute(view: SentenceView, cues: Sequence[CueMatch], lexicon: FrameLexicon) -> list[
        Attributed]:
    """Attribute the cues of one sentence to their holders.

    Parameters
    ----------
    view : SentenceView
    cues : sequence of CueMatch
        The sentence's cues in order (block rows are ignored).
    lexicon : FrameLexicon
        For the modifiers (negators, hedges, intensifiers).

    Returns
    -------
    list of Attributed
    """
    toks, clauses = view.tokens, view.clauses
    lower = toks.lower
    out: list[Attributed] = []
    scope: tuple[str, Mention, int, int] | None = None  # (role, holder, end token, out index)
    directive_used: set[int] = set()
    for cue in cues:
        row = cue.row
        if row.role == "block":
            continue
        mods = lexicon.modifiers_before(toks, cue.tok_start, clauses.bounds)
        negated = _negated(mods, lower, cue.tok_start)
        factor = 1.0
        for m in mods:
            if m.type != "negator":
                factor *= m.factor
        explicit = _explicit_holder(view, cue)
        in_scope = scope is not None and not any(clauses.bounds[scope[2]:cue.tok_start])
        holder: Mention | None
        if explicit is not None:
            holder, rule = explicit
        elif in_scope and scope is not None:
            holder, rule = scope[1], "scope"
        else:
            found = _implicit_holder(view, cue)
            holder, rule = found if found else (None, "")
        frame = row.frame
        if in_scope and scope is not None and rule == "scope":
            if scope[0] == "refusal" and frame == CONCILIATORY and not negated:
                frame, negated = HARD_LINE, True
            elif scope[0] == "directive" and frame == CONCILIATORY:
                directive_used.add(scope[3])
        elif negated:
            # A negated conciliatory cue shows refusal; a negated hard-line or skeptical one
            # shows nothing ("did not reject").
            frame = HARD_LINE if frame == CONCILIATORY else ""
        if holder is None or holder.kind == "adjective" or not frame:
            continue
        index = len(out)
        out.append(Attributed(cue, holder, frame, row.weight * factor, negated, rule))
        if row.role in ("refusal", "directive") and not negated:
            scope = (row.role, holder, cue.tok_end, index)
        elif scope is not None and not in_scope:
            scope = None
    return [a for k, a in enumerate(out) if k not in directive_used]


def _negated(mods, lower: Sequence[str], start: int) -> bool:
    count = 0
    for m in mods:
        if m.type == "negator":
            count += 1
    if count and "not" in lower[max(0, start - 3):start]:
        k = lower.index("not", max(0, start - 3))
        if k + 1 < len(lower) and lower[k + 1] in ("only", "just", "merely"):
            count -= 1
    return count % 2 == 1


def _explicit_holder(view: SentenceView, cue: CueMatch) -> tuple[Mention, str] | None:
    toks, clauses, mentions = view.tokens, view.clauses, view.mentions
    lower = toks.lower
    n = len(lower)
    fw = function_words()
    row = cue.row
    # 1. possessive before a noun cue: "Russia's rejection", "its latest demands".
    if True:
        k = cue.tok_start - 1
        steps = 0
        while k >= 0 and steps < 3:
            m = _mention_ending(mentions, k + 1)
            if m is not None:
                if m.possessive or (m.kind == "pronoun" and lower[m.tok_start] in (
                        "its", "his", "her", "their", "our", "my")):
                    return m, "possessive"
                break
            w = lower[k]
            if w in ("'s", "'"):
                k -= 1
                continue
            if not w.isalpha() or fw.get(w) or clauses.bounds[k]:
                break
            k -= 1
            steps += 1
    # 2. passive agent: "a ceasefire proposed by Washington", "rejected by Kyiv".
    end = cue.tok_end
    if end < n and lower[end] == "by" and (cue.passive or _participle(lower[cue.tok_end - 1])):
        m = _mention_after(mentions, end + 1, lower)
        if m is not None:
            return m, "passive_agent"
    # Agent after a noun cue: "a proposal by Washington" (not for characterisations such as
    # "a tactical move by Ukraine", which are the speaker's view; and not "from", which more
    # often names a target: "reparations from Russia").
    if row.match == "noun" and row.frame != "skeptical" and end < n and lower[end] == "by":
        m = _mention_after(mentions, end + 1, lower)
        if m is not None:
            return m, "agent"
    return None


_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets",
                 "'s", "'re"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _passive_without_agent(lower: Sequence[str], cue: CueMatch) -> bool:
    """'the offer was rejected' (the subject is the patient, no agent is named)."""
    if cue.row.match != "verb" or not _participle(lower[cue.head]):
        return False
    k = cue.head - 1
    while k >= 0 and lower[k].endswith("ly"):
        k -= 1
    return k >= 0 and lower[k] in _BE


def _implicit_holder(view: SentenceView, cue: CueMatch) -> tuple[Mention, str] | None:
    toks, clauses, mentions = view.tokens, view.clauses, view.mentions
    lower = toks.lower
    if _passive_without_agent(lower, cue):
        return None
    if cue.row.match == "noun" and cue.tok_start > 0 and lower[cue.tok_start - 1] in _DEFINITE:
        # "calling the rejection a mistake": a stance already named, not the subject's own.
        return None
    clause = clauses.of[cue.tok_start]
    m = subject_of(clause, cue.tok_start, mentions, toks, clauses)
    if m is not None:
        return m, "subject"
    opener = clauses.opener[clause]
    if opener == "relative":
        first = clauses.first_token(clause)
        k = first - 1
        if k >= 0 and toks.lower[k] == ",":
            k -= 1
        ante = _mention_ending(mentions, k + 1)
        if ante is not None and eligible(ante, toks, clauses):
            return ante, "relative"
        return None
    quote = clauses.quote[cue.tok_start]
    if quote >= 0 and quote in view.speaker:
        return view.speaker[quote], "speaker"
    for earlier in range(clause - 1, -1, -1):
        first = clauses.first_token(earlier)
        if clauses.quote[first] >= 0 and clauses.quote[first] != quote:
            continue
        m = subject_of(earlier, len(toks), mentions, toks, clauses)
        if m is not None and clauses.opener[earlier] != "relative":
            return m, "main_clause"
    if view.continuing_speaker is not None:
        return view.continuing_speaker, "speaker"
    return None


def _participle(word: str) -> bool:
    return word.endswith(("ed", "en")) or word in _participles()


def _mention_ending(mentions: Sequence[Mention], end: int) -> Mention | None:
    for m in mentions:
        if m.tok_end == end:
            return m
    return None


def _mention_after(mentions: Sequence[Mention], k: int, lower: Sequence[str]) -> Mention | None:
    fw = function_words()
    for _ in range(4):
        for m in mentions:
            if m.tok_start == k:
                return m
        if k < len(lower) and ("determiner" in fw.get(lower[k], ()) or lower[k].isalpha()):
            k += 1
            continue
        break
    return None
