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

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..labels import CONCILIATORY, HARD_LINE
from ..read.actors import POSSESSIVE_PRONOUNS, Mention, coordinated, mention_index
from ..read.clauses import Clauses, eligible, subject_of
from ..read.speech import speech_forms
from ..read.text import Tokens
from ..read.words import function_words, irregular_verbs, verb_list_forms
from .cues import CueMatch, FrameLexicon

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
    said: tuple = ()  # reported statements (framing.read.speech.Said) of the sentence
    verbs: frozenset[int] = frozenset()  # token positions of verbs (speech verbs, verb cues)
    # Derived once per sentence, so that each cue's lookups do not scan the whole sentence.
    starts: tuple[int, ...] = field(init=False)  # first token of each mention, in order
    by_start: dict[int, Mention] = field(init=False)  # the first mention starting at a token
    by_end: dict[int, Mention] = field(init=False)  # the first mention ending at a token
    verb_order: tuple[int, ...] = field(init=False)  # ``verbs`` in token order

    def __post_init__(self) -> None:
        by_start, by_end = mention_index(self.mentions)
        object.__setattr__(self, "starts", tuple(m.tok_start for m in self.mentions))
        object.__setattr__(self, "by_start", by_start)
        object.__setattr__(self, "by_end", by_end)
        object.__setattr__(self, "verb_order", tuple(sorted(self.verbs)))


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
    # The open scope of a refusal or directive: (role, holders, end token, indices in out).
    scope: tuple[str, list[Mention], int, list[int]] | None = None
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
        negated = negated or _negator_inside(lower, cue)
        in_scope = scope is not None and not any(clauses.bounds[scope[2]:cue.tok_start])
        if scope is not None and not in_scope:
            scope = None
        if clauses.opener[clauses.of[cue.tok_start]] == "condition" and " if" not in \
                f" {row.pattern}" and row.role != "refusal":
            continue  # hypothetical: "if he agrees to anything less", "until Moscow agrees"
        explicit = None if row.role == "charge" else _explicit_holder(view, cue)
        holders: list[Mention]
        if row.role == "charge" and in_scope and scope is not None and \
                scope[0] == "accusation":
            # "accused Moscow of lying": the characterisation is the accuser's.
            holders, rule = scope[1], "scope"
        elif row.role == "charge" and not (in_scope and scope is not None):
            # "Kyiv called the vote unlawful", "the annexation is unlawful, Kyiv said": the
            # one who makes the charge, never the one charged ("Russia's unlawful annexation").
            found = _charge_holder(view, cue)
            holders, rule = (_coordinated(view, found[0]), found[1]) if found else ([], "")
        elif explicit is not None:
            # "condemned by Egypt, Greece and Cyprus": every agent of a passive.
            holders = _coordinated(view, explicit[0]) if explicit[1] == "passive_agent" \
                else [explicit[0]]
            rule = explicit[1]
        elif in_scope and scope is not None:
            if scope[0] in ("doubt", "accusation"):
                continue  # the content of a doubt or an accusation is not a stance
            holders, rule = scope[1], "scope"
        else:
            found = _implicit_holder(view, cue)
            holders, rule = (_coordinated(view, found[0]), found[1]) if found else ([], "")
        frame = row.frame
        if rule == "scope" and scope is not None and scope[0] == "refusal" and \
                frame == CONCILIATORY:
            # "refused to negotiate", "no willingness to compromise": refusal, not an offer.
            frame, negated = HARD_LINE, True
        elif rule == "scope" and scope is not None and scope[0] == "directive" and \
                frame == CONCILIATORY and not negated:
            if _party_between(view, scope[2], cue.tok_start):
                # "urged Hamas to accept the offer": the urged party's act, the urger's demand.
                continue
            # "urged a return to talks", "called for calm": a call for accommodation.
            directive_used.update(scope[3])
        elif negated:
            # A negated conciliatory cue shows refusal ("will not compromise"); a denied fact
            # ("was not mediating") and a negated hard-line or skeptical cue show nothing.
            factual = row.match == "verb" and _factual_negation(lower, cue.tok_start)
            frame = HARD_LINE if (frame == CONCILIATORY and not factual) else ""
        holders = [h for h in holders if h.kind != "adjective"]
        if row.role == "directive" and not negated and frame == HARD_LINE and \
                _urges_several_parties(view, cue, holders):
            frame = CONCILIATORY  # "urged Serbia and Kosovo to ...": both sides, accommodation
        opens = _opens_scope(row, lower, cue, negated)
        indices = []
        if frame:
            for h in holders:
                indices.append(len(out))
                out.append(Attributed(cue, h, frame, row.weight * factor, negated, rule))
        if opens:
            # A refusal or directive with no party as holder still governs its complement:
            # "business groups urged Ottawa to impose arbitration" frames no one.
            scope = (opens, holders, cue.tok_end, indices)
    return [a for k, a in enumerate(out) if k not in directive_used]


def _opens_scope(row, lower: Sequence[str], cue: CueMatch, negated: bool) -> str | None:
    if negated:
        return None
    if row.role in ("refusal", "directive"):
        return row.role
    if row.pattern.startswith("accus"):
        return "accusation"
    nxt = lower[cue.tok_end] if cue.tok_end < len(lower) else ""
    if row.frame == "skeptical" and nxt in ("that", "whether", "if", "on", "about", "over"):
        return "doubt"
    return None


_NEGATORS_INSIDE = frozenset({"no", "not", "n't", "never", "without"})


def _negator_inside(lower: Sequence[str], cue: CueMatch) -> bool:
    """A negator inside a gap of the cue: "would offer no sanctions relief"."""
    if cue.tok_end - cue.tok_start <= 1:
        return False
    words = set(cue.row.pattern.split())
    return any(lower[k] in _NEGATORS_INSIDE and lower[k] not in words
               for k in range(cue.tok_start + 1, cue.tok_end))


_FACTUAL_AUX = frozenset({"did", "does", "do", "was", "were", "has", "have", "had", "is", "are"})


def _factual_negation(lower: Sequence[str], start: int) -> bool:
    """'did not / was not / has not' + verb: a denied fact, not a refusal."""
    for k in range(start - 1, max(-1, start - 4), -1):
        if lower[k] in ("not", "n't"):
            return k > 0 and lower[k - 1] in _FACTUAL_AUX
    return False


def _party_between(view: SentenceView, a: int, b: int) -> bool:
    return any(a <= m.tok_start < b and m.kind != "adjective" for m in view.mentions)


def _urges_several_parties(view: SentenceView, cue: CueMatch, holders: list[Mention]) -> bool:
    """Two or more other parties right after a directive: "urged Serbia and Kosovo to"."""
    own = {h.party for h in holders}
    parties = []
    k = cue.tok_end
    lower = view.tokens.lower
    by_start = {m.tok_start: m for m in view.mentions}
    while k < len(lower) and k < cue.tok_end + 8:
        if k in by_start:
            parties.append(by_start[k].party)
            k = by_start[k].tok_end
            continue
        if lower[k] in ("and", ",", "the", "both"):
            k += 1
            continue
        break
    return len(set(parties) - own) >= 2


def verb_positions(tokens: Tokens, cues: Sequence[CueMatch]) -> frozenset[int]:
    """Token positions that are verbs: speech verbs and the heads of verb cues."""
    forms = speech_forms()
    out = {k for k, w in enumerate(tokens.lower) if w in forms}
    out |= {c.head for c in cues if c.row.match == "verb"}
    return frozenset(out)


def _coordinated(view: SentenceView, m: Mention) -> list[Mention]:
    """A subject and the mentions coordinated with it: "Both Kyiv and Moscow rejected"
    (:func:`framing.read.actors.coordinated`), and the parties a collective reference stands
    for ("They rejected", after "Egypt and Greece met"), which share its span.

    Only a mention of this sentence has neighbours here: a quotation's speaker named in an
    earlier sentence carries that sentence's token offsets, and stands alone.
    """
    if view.by_start.get(m.tok_start) is not m:
        if any(x is m for x in view.mentions):
            return _same_span(view, m)
        return [m]
    group = coordinated(m, view.by_start, view.by_end, view.tokens.lower)
    return group if len(group) > 1 else _same_span(view, m)


def _same_span(view: SentenceView, m: Mention) -> list[Mention]:
    """``m`` and the mentions of other parties on exactly its words (a collective "they")."""
    same = [x for x in view.mentions if x.tok_start == m.tok_start and x.tok_end == m.tok_end]
    return same if len({x.party for x in same}) > 1 else [m]


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
    toks, clauses = view.tokens, view.clauses
    lower = toks.lower
    n = len(lower)
    fw = function_words()
    row = cue.row
    # 1. possessive before a noun cue: "Russia's rejection", "its latest demands".
    if True:
        k = cue.tok_start - 1
        steps = 0
        while k >= 0 and steps < 3:
            m = _mention_ending(view, k + 1)
            if m is not None:
                if m.possessive or (m.kind == "pronoun" and
                                    lower[m.tok_start] in POSSESSIVE_PRONOUNS):
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
        m = _mention_after(view, end + 1, lower)
        if m is not None:
            return m, "passive_agent"
    # ... and after a phrase: "was condemned in a joint statement by Egypt", when "be" marks
    # the verb as passive and no clause boundary comes between.
    if row.match == "verb" and _passive_verb(lower, cue):
        for k in range(end, min(n - 1, end + 6)):
            if clauses.bounds[k] or lower[k] in (",", ";", ":"):
                break
            if lower[k] == "by":
                m = _mention_after(view, k + 1, lower)
                if m is not None:
                    return m, "passive_agent"
                break
    # Agent after a noun cue: "a proposal by Washington" (not for characterisations such as
    # "a tactical move by Ukraine", which are the speaker's view; and not "from", which more
    # often names a target: "reparations from Russia").
    if row.match == "noun" and row.frame != "skeptical" and end < n:
        by = end
        if by + 1 < n and lower[by + 1] == "by" and _participle(lower[by]) and \
                not (clauses.bounds[by] or clauses.bounds[by + 1]):
            by += 1  # ... also through a participle: "a lawsuit filed by the Senate"
        if lower[by] == "by":
            m = _mention_after(view, by + 1, lower)
            if m is not None:
                return m, "agent"
    return None


_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets",
                 "'s", "'re"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Adverbs without "-ly" that stand between "be" and a participle ("would be well accepted").
_PASSIVE_ADVERBS = frozenset({"well", "also", "still", "already", "never", "now", "then",
                              "once", "even", "again", "further", "long", "since"})


def _said_speaker(view: SentenceView, k: int) -> Mention | None:
    """The speaker of the reported statement whose content holds token ``k``."""
    for said in view.said:
        if said.content_start <= k < said.content_end:
            return said.speaker
    return None


def _quote_speaker(view: SentenceView, k: int) -> Mention | None:
    """The speaker of the quotation token ``k`` is in."""
    quote = view.clauses.quote[k]
    return view.speaker.get(quote) if quote >= 0 else None


def _charge_holder(view: SentenceView, cue: CueMatch) -> tuple[Mention, str] | None:
    """The holder of a ``charge`` cue: the speaker of the statement it is in, or the subject of
    a verb that pins the charge ("Kyiv called the vote unlawful"); otherwise nobody, because
    the subject of the charge's own clause is usually the one charged ("Moscow violated the
    truce" is an event, told by the narrator)."""
    speaker = _said_speaker(view, cue.tok_start)
    if speaker is None:
        speaker = _quote_speaker(view, cue.tok_start)
    if speaker is not None:
        return speaker, "speaker"
    clauses = view.clauses
    quote = clauses.quote[cue.tok_start]
    forms = verb_list_forms("charge_verbs.txt")
    lower = view.tokens.lower
    # The verb comes within a few words before, with no boundary (a quotation mark is none:
    # 'called the accord "null and void"').
    for k in range(cue.tok_start - 1, max(-1, cue.tok_start - 9), -1):
        if lower[k] in forms:
            # The holder of the characterising verb, found as for a verb cue of its own.
            verb = CueMatch(replace(cue.row, match="verb", role="stance"), k, k + 1, k, False)
            return _implicit_holder(view, verb)
        if clauses.bounds[k]:
            break
    if quote >= 0 and view.continuing_speaker is not None:
        return view.continuing_speaker, "speaker"
    return None


def _passive_verb(lower: Sequence[str], cue: CueMatch) -> bool:
    """A verb cue in the passive: a participle after a form of "be" ("was condemned")."""
    if not _participle(lower[cue.head]):
        return False
    k = cue.head - 1  # over adverbs: "was widely condemned", "would be well accepted"
    while k >= 0 and (lower[k].endswith("ly") or lower[k] in _PASSIVE_ADVERBS):
        k -= 1
    return k >= 0 and lower[k] in _BE


def _passive_without_agent(lower: Sequence[str], cue: CueMatch) -> bool:
    """'the offer was rejected' (the subject is the patient, no agent is named)."""
    return cue.row.match == "verb" and _passive_verb(lower, cue)


def _implicit_holder(view: SentenceView, cue: CueMatch) -> tuple[Mention, str] | None:
    toks, clauses, mentions = view.tokens, view.clauses, view.mentions
    lower = toks.lower
    if _passive_without_agent(lower, cue):
        return None
    if cue.row.match == "noun" and cue.tok_start > 0 and lower[cue.tok_start - 1] in _DEFINITE:
        # "calling the rejection a mistake": a stance already named, not the subject's own.
        return None
    clause = clauses.of[cue.tok_start]
    if cue.row.frame == "skeptical" and cue.row.match != "verb":
        # "He said Krasniqi was looking for a pretext": a characterisation is the speaker's.
        speaker = _said_speaker(view, cue.tok_start)
        if speaker is not None:
            return speaker, "speaker"
    if cue.row.match == "verb":
        m = _adjacent_subject(view, cue)
        if m is not None:
            return m, "subject"
    m = subject_of(clause, _subject_limit(view, clause, cue.tok_start), mentions, toks, clauses,
                   view.starts)
    if m is not None:
        return m, "subject"
    opener = clauses.opener[clause]
    if opener == "that" and _starts_with_verb(view, clause, cue):
        opener = "relative"  # "the body that mediated": a relative clause
    if opener == "relative":
        first = clauses.first_token(clause)
        k = first - 1
        if k >= 0 and toks.lower[k] == ",":
            k -= 1
        ante = _mention_ending(view, k + 1)
        if ante is not None and eligible(ante, toks, clauses):
            return ante, "relative"
        return None
    quote = clauses.quote[cue.tok_start]
    speaker = _quote_speaker(view, cue.tok_start)
    if speaker is not None:
        return speaker, "speaker"
    if clause > 0 and not _starts_with_verb(view, clause, cue):
        # The clause has a subject of its own that is not a party ("as negotiators struggled
        # to agree"): nobody in the story holds the stance.
        return None
    if clause > 0:
        m = _main_subject(view, clause, quote)
        if m is not None:
            return m, "main_clause"
    if view.continuing_speaker is not None:
        return view.continuing_speaker, "speaker"
    return None


_CLAUSE_LEAD = frozenset({"and", "but", "while", "whereas", "as", "after", "before", "by",
                          "without", "then", "also", "thereby", "instead", "later", "yet",
                          "so", "thus", ",", '"', "“", "”", "—", "–", "(", "further",
                          "meanwhile", "still", "not", "only", "even", "all", "both"})


def _starts_with_verb(view: SentenceView, clause: int, cue: CueMatch) -> bool:
    """Does the clause start with a verb (no subject of its own)? "rejecting the truce",
    "but acknowledged", "stating that", "that mediated"."""
    lower = view.tokens.lower
    k = view.clauses.first_token(clause)
    if lower[k] in ("that", "which", "who"):
        k += 1
    while k < cue.tok_start and lower[k] in _CLAUSE_LEAD:
        k += 1
    if k >= len(lower):
        return False
    w = lower[k]
    return (k == cue.tok_start or k in view.verbs or w.endswith(("ing", "ed"))
            or w in _BETWEEN_SUBJECT_AND_VERB or w == "to")


def _main_subject(view: SentenceView, clause: int, quote: int) -> Mention | None:
    """The subject of the sentence's main clause: the first clause, in order, that has one and
    is not subordinate ("As talks began, Moscow ..."), relative or an appositive."""
    clauses, toks = view.clauses, view.tokens
    fw = function_words()
    for c in range(0, clause):
        first = clauses.first_token(c)
        if clauses.quote[first] >= 0 and clauses.quote[first] != quote:
            continue
        if clauses.opener[c] in ("relative", "condition"):
            continue
        if "subordinator" in fw.get(toks.lower[first], ()):
            continue
        m = subject_of(c, _subject_limit(view, c, len(toks)), view.mentions, toks, clauses,
                       view.starts)
        if m is not None:
            return m
    return None


def _subject_limit(view: SentenceView, clause: int, before: int) -> int:
    """A clause's subject comes before its first verb: later mentions are objects."""
    verbs, of = view.verb_order, view.clauses.of
    for j in range(bisect_left(verbs, view.clauses.first_token(clause)), len(verbs)):
        k = verbs[j]
        if k >= before or of[k] > clause:
            break
        if of[k] == clause:
            return k
    return before


_BETWEEN_SUBJECT_AND_VERB = frozenset({
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "can", "should",
    "may", "might", "must", "shall", "also", "then", "now", "still", "again", "already", "not",
    "n't", "never", "later", "quickly", "promptly", "swiftly", "immediately", "did", "does",
    "do", "been", "once", "since", "so", "far", "repeatedly", "consistently", "only"})


def _adjacent_subject(view: SentenceView, cue: CueMatch) -> Mention | None:
    """A mention right before a verb cue (over auxiliaries and -ly adverbs) is its subject:
    "regions it annexed", "Ukraine formally abandon", "he has repeatedly rejected"."""
    lower = view.tokens.lower
    k = cue.tok_start - 1
    steps = 0
    while k >= 0 and steps < 4 and (lower[k] in _BETWEEN_SUBJECT_AND_VERB
                                    or (lower[k].endswith("ly") and len(lower[k]) > 3)):
        k -= 1
        steps += 1
    if k < 0:
        return None
    m = _mention_ending(view, k + 1)
    if m is None or m.possessive or m.kind == "adjective":
        return None
    if view.clauses.of[m.tok_start] != view.clauses.of[cue.tok_start] and \
            view.clauses.opener[view.clauses.of[cue.tok_start]] not in ("relative",):
        return None
    subject_pronoun = m.kind == "pronoun" and lower[m.tok_start] in _SUBJECT_PRONOUNS
    if not subject_pronoun and not eligible(m, view.tokens, view.clauses):
        return None
    return m


_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})


def _participle(word: str) -> bool:
    """A past participle: "-ed", "-en" or an irregular one. The base forms and adverbs ending
    in "-en" are not: "is open to talks" is no passive."""
    return (word.endswith("ed") or (word.endswith("en") and word not in _NOT_PARTICIPLES)
            or word in _participles())


# Words ending in "-en" that are no past participle (base forms, adjectives, adverbs).
_NOT_PARTICIPLES = frozenset({
    "open", "happen", "listen", "threaten", "strengthen", "weaken", "harden", "soften", "deepen",
    "worsen", "widen", "tighten", "loosen", "broaden", "heighten", "lessen", "sharpen",
    "dampen", "even", "often"})


def _mention_ending(view: SentenceView, end: int) -> Mention | None:
    return view.by_end.get(end)


def _mention_after(view: SentenceView, k: int, lower: Sequence[str]) -> Mention | None:
    fw = function_words()
    for _ in range(4):
        m = view.by_start.get(k)
        if m is not None:
            return m
        if k < len(lower) and ("determiner" in fw.get(lower[k], ()) or lower[k].isalpha()):
            k += 1
            continue
        break
    return None
