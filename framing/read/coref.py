"""Resolve pronouns and short references ("he", "its", "the spokesperson") to parties.

The rules are deliberately simple and inspectable (the phrases and what each may refer to are in
``lexicons/references.tsv``):

* a pronoun that opens a sentence refers to the previous sentence's subject when that is
  compatible (centering: "The document ... It also calls for ...");
* otherwise to the most recent compatible mention earlier in the same sentence, then to the
  previous subject, then to the most recent compatible mention of the last few sentences;
* ``he``/``she`` need a person (gender must not clash), ``it``/``its`` a collective party,
  ``they`` a plural group ("Russian officials") or, failing that, a collective party;
* ``the spokesperson``/``the president`` need a person with that role; ``the union``,
  ``the alliance``, ``the company`` a party of that kind; ``the document``/``the plan`` the
  party that was the subject where that noun last appeared;
* a pleonastic "it" ("it is unclear whether ...") refers to nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import LexiconError
from ..resources import package_file, read_lines, read_table
from .actors import (
    PERSON_KINDS,
    POSSESSIVE_PRONOUNS,
    ActorDictionary,
    Mention,
    coordinated,
    mention_index,
)
from .text import Tokens
from .words import function_words

LOOKBACK = 4  # sentences searched for an antecedent
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "ourselves"})
_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "gen", "gen.", "sen",
                         "sen.", "rep", "rep.", "gov", "gov.", "sir", "dame", "lord", "lady"})


@dataclass(frozen=True, slots=True)
class Reference:
    """A phrase that refers back to a party, and what it may refer to."""

    words: tuple[str, ...]
    refers_to: str  # person:m, person:f, person, party, group, kind:a|b, role:x, document


@lru_cache(maxsize=1)
def references() -> dict[str, list[Reference]]:
    """Reference phrases indexed by first word, longest first."""
    src = package_file("references.tsv")
    index: dict[str, list[Reference]] = {}
    valid = ("person", "party", "group", "collective", "document")
    for number, row in read_table(src, ("phrase", "refers_to", "example")):
        target = row["refers_to"]
        if not (target in valid or target.startswith(("person:", "kind:", "role:"))):
            raise LexiconError(
                f"{src.name}:{number}: refers_to must be person[:m|f], party, group, "
                f"collective, document, kind:K or role:R; got {target!r}"
            )
        words = tuple(row["phrase"].lower().split())
        index.setdefault(words[0], []).append(Reference(words, target))
    for refs in index.values():
        refs.sort(key=lambda r: -len(r.words))
    return index


@lru_cache(maxsize=1)
def _reference_index() -> dict[str, tuple[tuple[int, dict[tuple[str, ...], Reference]], ...]]:
    """:func:`references` as first word -> ((length, {words: reference}), ...), longest first:
    a token is checked with one lookup per phrase length ("the" opens 37 phrases) instead of
    one comparison per phrase. Of two rows with the same words the first wins, as in a scan
    of ``references()[word]``."""
    index = {}
    for first, refs in references().items():
        by_len: dict[int, dict[tuple[str, ...], Reference]] = {}
        for ref in refs:
            by_len.setdefault(len(ref.words), {}).setdefault(ref.words, ref)
        index[first] = tuple(sorted(by_len.items(), reverse=True))
    return index


@lru_cache(maxsize=1)
def person_roles() -> tuple[tuple[str, ...], ...]:
    """Role phrases that mark a person ("foreign minister"), longest first."""
    roles = {tuple(e.lower().split()) for _, e in read_lines(package_file("person_roles.txt"))}
    return tuple(sorted(roles, key=len, reverse=True))


@dataclass
class _Seen:
    sentence: int
    mention: Mention
    role: str
    is_person: bool
    gender: str | None
    party_kind: str
    plural: bool

    def moved(self, sentence: int, mention: Mention) -> _Seen:
        """The same party details under a new mention (``dataclasses.replace``, faster)."""
        return _Seen(sentence, mention, self.role, self.is_person, self.gender,
                     self.party_kind, self.plural)


@dataclass
class Discourse:
    """What has been said so far in an article: mentions, subjects and document nouns.

    One ``Discourse`` is created per article and fed sentence by sentence.
    """

    actors: ActorDictionary
    seen: list[_Seen] = field(default_factory=list)
    subjects: list[Mention | None] = field(default_factory=list)
    document_nouns: dict[str, int] = field(default_factory=dict)  # noun -> sentence index
    # sentence -> the coordinated parties of its subject ("Egypt, Greece and Cyprus said")
    groups: dict[int, tuple[Mention, ...]] = field(default_factory=dict)

    def _info(self, m: Mention, sentence: int, tokens: Tokens) -> _Seen:
        role = m.person.role if m.person else ""
        is_person = m.kind in PERSON_KINDS
        if not role and m.kind in ("name", "person"):
            role = _title_before(tokens, m.tok_start)
            is_person = is_person or bool(role)
        if m.kind == "role":
            role = " ".join(tokens.lower[m.tok_start + 1:m.tok_end])
        party = self.actors.parties.get(m.party)
        return _Seen(
            sentence=sentence,
            mention=m,
            role=role,
            is_person=is_person,
            gender=m.person.gender if m.person else None,
            party_kind=party.kind if party else "other",
            plural=m.kind == "group",
        )

    def resolve(self, sentence: int, tokens: Tokens, names: Sequence[Mention],
                start_token: int = 0) -> list[Mention]:
        """Find pronouns and references in a sentence and resolve them.

        Parameters
        ----------
        sentence : int
            Index of the sentence in the article.
        tokens : Tokens
        names : sequence of Mention
            Mentions found by the actor dictionary in this sentence.
        start_token : int
            First token after a dateline; a pronoun there opens the sentence.

        Returns
        -------
        list of Mention
            ``names`` plus the resolved pronouns and references, sorted by position.
        """
        lower = tokens.lower
        n = len(lower)
        refs = _reference_index()
        out = list(names)
        # Only tokens that can open a reference phrase are visited (in order, as a scan of
        # every token would); most sentences have a few.
        candidates = [i for i, w in enumerate(lower) if w in refs]
        if not candidates:
            return sorted(out, key=lambda m: m.tok_start)
        covered = [False] * n
        for m in names:
            for k in range(m.tok_start, m.tok_end):
                covered[k] = True
        before: _Preceding | None = None  # what the names stand for, built on first need
        fw = function_words()
        resume = 0  # first token after the last phrase read
        for i in candidates:
            if i < resume or covered[i]:
                continue
            match = None
            for k, phrases in refs[lower[i]]:
                match = phrases.get(tuple(lower[i:i + k]))
                if match is not None:
                    break
            if match is None:
                continue
            end = i + len(match.words)
            if match.words == ("it",) and (_pleonastic(lower, end, fw) or _object_it(lower, i)):
                resume = end
                continue
            opening = i == start_token or (i == start_token + 1 and lower[start_token] in
                                           ("and", "but", "yet", "so"))
            if before is None:
                before = _Preceding(self._info(m, sentence, tokens) for m in names)
            before.advance(i)
            target = self._antecedent(match, sentence, before, opening, lower[i:end])
            if target is not None:
                possessive = lower[i] in POSSESSIVE_PRONOUNS or (
                    end < n and lower[end] in ("'s", "'"))
                # "They" after "Egypt, Greece and Cyprus rejected ...": every party of the group.
                members = [target] if match.refers_to not in ("group", "collective") else \
                    self._members(target)
                for t in members:
                    m = Mention(
                        party=t.mention.party,
                        start=tokens.start[i],
                        end=tokens.end[end - 1],
                        tok_start=i,
                        tok_end=end,
                        kind="pronoun" if len(match.words) == 1 else "reference",
                        text=" ".join(tokens.text[i:end]),
                        possessive=possessive,
                        person=t.mention.person,
                        antecedent=t.sentence,
                    )
                    out.append(m)
                    before.add(t.moved(sentence, m))
            resume = end
        out.sort(key=lambda m: m.tok_start)
        return out

    def _antecedent(self, ref: Reference, sentence: int, before: _Preceding, opening: bool,
                    words: Sequence[str]) -> _Seen | None:
        target = ref.refers_to
        ok = _compatibility(target)
        if target == "document":
            noun = words[-1]
            where = self.document_nouns.get(noun)
            subj_sentence = where if where is not None else sentence - 1
            if 0 <= subj_sentence < len(self.subjects):
                subj = self.subjects[subj_sentence]
                if subj is not None:
                    return self._seen_for(subj, subj_sentence)
            return None
        if target == "collective":
            # "the two countries", "the ministers": the last subject that named several parties.
            for k in range(sentence - 1, max(-1, sentence - 1 - LOOKBACK), -1):
                group = self.groups.get(k)
                if group is not None:
                    return self._seen_for(group[0], k)
            return None
        prev = self._previous_subject(sentence)
        if prev is not None and target == "group" and len(self._members(prev)) > 1:
            ok_prev = True  # a coordinated subject is plural: "Kyiv and Moscow ... They"
        else:
            ok_prev = prev is not None and ok(prev)
        if opening and ok_prev:
            return prev
        s = before.last(target)
        if s is not None:
            return s
        if ok_prev:
            return prev
        for s in reversed(self.seen):
            if s.sentence < sentence - LOOKBACK:
                break
            if ok(s):
                return s
        if target == "group":  # "they" for a state or company when no plural group is near
            fallback = _compatibility("party")
            s = before.last("party")
            if s is not None:
                return s
            if prev is not None and fallback(prev):
                return prev
        return None

    def _members(self, seen: _Seen) -> list[_Seen]:
        """The parties of the subject group ``seen`` belongs to (one per party), else ``seen``."""
        group = self.groups.get(seen.sentence, ())
        if not any(g is seen.mention for g in group):
            return [seen]
        first: dict[str, Mention] = {}
        for g in group:
            first.setdefault(g.party, g)
        return [seen if g is seen.mention else self._seen_for(g, seen.sentence)
                for g in first.values()]

    def _previous_subject(self, sentence: int) -> _Seen | None:
        for k in range(sentence - 1, max(-1, sentence - 2), -1):
            if 0 <= k < len(self.subjects) and self.subjects[k] is not None:
                return self._seen_for(self.subjects[k], k)
        return None

    def _seen_for(self, m: Mention, sentence: int) -> _Seen:
        for s in reversed(self.seen):
            if s.mention is m:
                return s
        party = self.actors.parties.get(m.party)
        return _Seen(sentence, m, m.person.role if m.person else "", m.kind in PERSON_KINDS,
                     m.person.gender if m.person else None, party.kind if party else "other",
                     m.kind == "group")

    def commit(self, sentence: int, tokens: Tokens, mentions: Sequence[Mention],
               subject: Mention | None) -> None:
        """Record a finished sentence: its mentions, its subject and its document nouns."""
        for m in mentions:
            if m.kind in ("pronoun", "reference"):
                # Keep what the pronoun stood for (gender, role) under the new position.
                base = next((s for s in reversed(self.seen) if s.mention.party == m.party), None)
                if base is not None:
                    self.seen.append(base.moved(sentence, m))
                    continue
            self.seen.append(self._info(m, sentence, tokens))
        while len(self.subjects) < sentence:
            self.subjects.append(None)
        self.subjects.append(subject)
        if subject is not None:
            by_start, by_end = mention_index(mentions)
            if by_start.get(subject.tok_start) is subject:
                group = coordinated(subject, by_start, by_end, tokens.lower)
                if len(group) > 1:
                    self.groups[sentence] = tuple(group)
        words = set(tokens.lower)
        for noun in _document_nouns():
            if noun in words:
                self.document_nouns[noun] = sentence


@lru_cache(maxsize=1)
def _document_nouns() -> frozenset[str]:
    return frozenset(
        ref.words[-1] for refs in references().values() for ref in refs
        if ref.refers_to == "document"
    )


@lru_cache(maxsize=64)  # one test per refers_to value, built once
def _compatibility(target: str):
    if target.startswith("person"):
        gender = target.split(":", 1)[1] if ":" in target else None
        return lambda s: s.is_person and (gender is None or s.gender in (None, gender))
    if target == "party":
        return lambda s: not s.is_person and not s.plural and s.mention.kind != "adjective"
    if target == "group":
        return lambda s: s.plural or s.party_kind in ("armed_group", "movement")
    if target.startswith("kind:"):
        kinds = set(target.split(":", 1)[1].split("|"))
        return lambda s: s.party_kind in kinds and not s.is_person
    if target.startswith("role:"):
        role = target.split(":", 1)[1]
        return lambda s: s.is_person and (s.role == role or s.role.endswith(" " + role)
                                          or role in s.role)
    return lambda s: False


def _pleonastic(lower: Sequence[str], after: int, fw) -> bool:
    """True for "it is unclear", "it remains to be seen", "it was expected that", "it is time
    to"; False for a party's "it would agree to talks", "it has refused to", "it was ready to".

    A word of the pleonastic list after the verb (clear, likely, time, said, ...) makes "it"
    empty, and so do "to", "that" or "whether" within three words, except where they follow
    the party's own verb or disposition: a modal's verb ("it would continue to"), a perfect's
    participle ("it has agreed to") or a word of ``disposition_words.txt`` ("it was ready to",
    "it is not willing to").
    """
    window = lower[after:after + 4]
    if not window:
        return False
    verb = window[0]
    if verb not in ("is", "was", "'s", "remains", "remained", "seems", "seemed",
                    "appears", "appeared", "would", "will", "has", "had", "could", "may"):
        return False
    rest = window[1:]
    if any("pleonastic" in fw.get(w, ()) for w in rest):
        return True
    k = 0
    while k < len(rest) and rest[k] in ("not", "n't", "also", "still", "now"):
        k += 1
    nxt = rest[k] if k < len(rest) else ""
    own = (verb in ("would", "will", "could", "may") and nxt not in ("be", "")) or \
        (verb in ("has", "had") and nxt not in ("been", "")) or \
        (verb in ("is", "was", "'s") and nxt in _dispositions())
    return not own and any(w in ("that", "to", "whether") for w in rest)


@lru_cache(maxsize=1)
def _dispositions() -> frozenset[str]:
    """Words after "it is" that state a party's own readiness ("ready", "willing", "open";
    ``lexicons/disposition_words.txt``)."""
    return frozenset(e.lower() for _, e in read_lines(package_file("disposition_words.txt")))


@lru_cache(maxsize=1)
def _role_set() -> frozenset[tuple[str, ...]]:
    return frozenset(person_roles())


@lru_cache(maxsize=1)
def _role_last_words() -> frozenset[str]:
    return frozenset(role[-1] for role in person_roles())


def _object_it(lower: Sequence[str], i: int) -> bool:
    """The dummy object of "made it clear", "make it plain", "made it known"."""
    return (i > 0 and lower[i - 1] in ("made", "make", "makes", "making")
            and i + 1 < len(lower) and lower[i + 1] in ("clear", "plain", "known", "obvious"))


class _Preceding:
    """The mentions of a sentence before the reference being resolved, nearest last.

    For each kind of reference ("he", "the union", ...) it keeps the nearest compatible
    mention, updated as mentions are passed, so that resolving a reference does not scan the
    sentence back to its start (the cost would grow with the square of the sentence's length).
    """

    __slots__ = ("_last", "_next", "_pending", "_seen")

    def __init__(self, names: Iterable[_Seen]) -> None:
        self._pending = sorted(names, key=lambda s: s.mention.tok_end)
        self._next = 0
        self._seen: list[_Seen] = []
        self._last: dict[str, _Seen | None] = {}

    def advance(self, token: int) -> None:
        """Pass the names that end at or before ``token``."""
        pending = self._pending
        while self._next < len(pending) and pending[self._next].mention.tok_end <= token:
            self.add(pending[self._next])
            self._next += 1

    def add(self, seen: _Seen) -> None:
        """Pass a mention (a name, or a reference just resolved)."""
        self._seen.append(seen)
        for target in self._last:
            if _compatibility(target)(seen):
                self._last[target] = seen

    def last(self, target: str) -> _Seen | None:
        """The nearest mention passed so far that a reference to ``target`` may mean."""
        if target not in self._last:
            ok = _compatibility(target)
            self._last[target] = next((s for s in reversed(self._seen) if ok(s)), None)
        return self._last[target]


def _title_before(tokens: Tokens, start: int) -> str:
    """A role or honorific in the four tokens before a name ("Kremlin spokesperson Peskov")."""
    lower = tokens.lower
    lo = max(0, start - 4)
    window = lower[lo:start]
    roles = _role_set()
    last_words = _role_last_words()
    for end in range(len(window), 0, -1):
        if window[end - 1] not in last_words:
            continue  # no role ends here
        for k in (3, 2, 1):
            if end - k >= 0 and tuple(window[end - k:end]) in roles:
                return " ".join(window[end - k:end])
    for w in window[-2:]:
        if w in _HONORIFICS:
            return "person"
    # "President Zelensky": a capitalised title word right before the name.
    if start > 0 and tokens.text[start - 1][:1].isupper() and lower[start - 1] in (
            "president", "premier", "chancellor", "minister", "secretary", "king", "emir"):
        return lower[start - 1]
    return ""


def first_person(word: str) -> bool:
    """True for I/we/our..., which inside a quotation refer to its speaker."""
    return word in FIRST_PERSON
