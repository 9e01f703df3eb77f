"""Actor dictionaries: which words name which party, and finding those words in a sentence.

A party ("Russia") is named by its aliases ("Moscow", "the Kremlin"), by its people ("Putin",
"Foreign Minister Sergei Lavrov"), and by demonym phrases ("Russian officials", "Russians").
The default dictionary ships as ``lexicons/actors.jsonl`` (format in ``lexicons/README.md``);
users pass their own as a file, a list of party records, or the simple mapping
``{"Russia": ["Moscow", "Kremlin", "Peskov"]}``, to extend or to replace the default.

Matching is longest-first and case-aware: an alias written with capitals ("US") matches only
that spelling (or the all-capitals headline form), so the pronoun "us" is not the United States.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

from ..errors import ActorError, LexiconError
from ..resources import Source, package_file, read_lines, user_file
from .text import Tokens, tokenize
from .words import function_words

KINDS = (
    "state",
    "alliance",
    "bloc",
    "organization",
    "movement",
    "armed_group",
    "company",
    "union",
    "other",
)

MentionKind = Literal["name", "person", "group", "role", "adjective", "pronoun", "reference"]

#: Mention kinds that stand for one person (he/she) rather than a collective (it/they).
PERSON_KINDS = frozenset({"person", "role"})

_PARTY_KEYS = {"party", "kind", "demonym", "demonym_plural", "aliases", "people"}
_PERSON_KEYS = {"name", "aliases", "role", "from", "to", "gender"}


@dataclass(frozen=True)
class Person:
    """Someone who speaks or acts for a party, e.g. a president or a spokesperson.

    ``start``/``end`` bound the period the role was held (ISO dates; None is open), so that
    the article's date can pick the right party for a name.
    """

    name: str
    party: str
    role: str = ""
    aliases: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    gender: str | None = None

    def active_on(self, day: date | None) -> bool:
        """True if the person held the role on ``day`` (always True when ``day`` is None)."""
        if day is None:
            return True
        iso = day.isoformat()
        return (self.start is None or self.start <= iso) and (self.end is None or iso <= self.end)


@dataclass(frozen=True)
class Party:
    """A side in a story: a state, alliance, organisation, movement, company or union."""

    name: str
    kind: str = "other"
    demonym: str | None = None
    demonym_plural: str | None = None
    aliases: tuple[str, ...] = ()
    people: tuple[Person, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a sentence that names a party.

    Attributes
    ----------
    party : str
        Canonical party name.
    start, end : int
        Absolute character offsets of the mention.
    tok_start, tok_end : int
        Token range within the sentence (end exclusive).
    kind : str
        ``name``, ``person``, ``group`` (plural: "Russian officials"), ``role`` (one person
        named by a demonym and role: "the Ukrainian president"), ``adjective`` (a bare demonym),
        ``pronoun`` or ``reference`` ("the spokesperson"), the last two resolved by coreference.
    text : str
        The words as they appear.
    possessive : bool
        Followed by ``'s`` or is a possessive pronoun ("its").
    person : Person or None
        The person named, for ``person`` mentions.
    antecedent : int or None
        For pronouns and references: the sentence index of the mention it was resolved to.
    """

    party: str
    start: int
    end: int
    tok_start: int
    tok_end: int
    kind: str
    text: str
    possessive: bool = False
    person: Person | None = None
    antecedent: int | None = None


@dataclass(frozen=True)
class _Entry:
    tokens: tuple[str, ...]  # surface tokens of the alias
    party: str
    kind: str
    person: Person | None
    case_sensitive: tuple[bool, ...]


@dataclass(frozen=True)
class ActorDictionary:
    """A set of parties and the words that name them.

    Build one with :meth:`default`, :meth:`from_file`, :meth:`from_records` or
    :meth:`from_mapping`; combine with :meth:`extend`.

    Examples
    --------
    >>> actors = ActorDictionary.from_mapping({"Russia": ["Moscow", "Kremlin", "Peskov"]})
    >>> [(m.party, m.text) for m in actors.find("Peskov said Moscow would wait.")]
    [('Russia', 'Peskov'), ('Russia', 'Moscow')]
    """

    parties: Mapping[str, Party]
    role_nouns: tuple[str, ...] = field(default=(), compare=False)
    person_roles: frozenset[str] = field(default=frozenset(), compare=False)
    #: True when this dictionary already is the default extended by a user's parties.
    extends_default: bool = field(default=False, compare=False)

    # -- construction -------------------------------------------------------------------
    @classmethod
    def default(cls) -> ActorDictionary:
        """The dictionary shipped in ``lexicons/actors.jsonl`` (loaded once per process)."""
        return _default_dictionary()

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], *, name: str = "<records>"):
        """Build from party records in the ``actors.jsonl`` format (see lexicons/README.md)."""
        parties: dict[str, Party] = {}
        for number, record in enumerate(records, start=1):
            party = _party_from_record(record, f"{name}:{number}")
            if party.name in parties:
                raise ActorError(f"{name}:{number}: party {party.name!r} is defined twice")
            parties[party.name] = party
        return cls(parties, *_role_lists())

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Iterable[str]], *, name: str = "<mapping>"):
        """Build from the simple form ``{"Russia": ["Moscow", "Kremlin", "Peskov"]}``.

        The party's own name is always an alias, as users expect from
        ``{"Russia": ["Moscow", "Kremlin", "Peskov"]}``. A full name
        listed with its surname ("Dmitry Peskov", "Peskov") is taken to be a person, so "he"
        can refer to it; :meth:`from_records` can say more (role, gender, dates).
        """
        if not isinstance(mapping, Mapping):
            raise ActorError(f"{name}: expected a mapping of party -> list of aliases")
        parties = {}
        for party, aliases in mapping.items():
            if not isinstance(party, str) or not party.strip():
                raise ActorError(f"{name}: party names must be non-empty strings; got {party!r}")
            if isinstance(aliases, str) or not isinstance(aliases, Iterable):
                raise ActorError(
                    f"{name}: aliases of {party!r} must be a list of strings; got {aliases!r}"
                )
            clean = []
            for alias in aliases:
                if not isinstance(alias, str) or not alias.strip():
                    raise ActorError(f"{name}: alias of {party!r} must be a string; got {alias!r}")
                clean.append(alias.strip())
            names = _person_aliases(party, clean)
            known = _known_people()
            for a in clean:  # a surname the default dictionary knows ("Zelensky")
                if a in known and a not in names and not any(a in v for v in names.values()):
                    names[a] = []
            people = tuple(
                Person(name, party, role=known[name].role if name in known else "",
                       aliases=tuple(short),
                       gender=known[name].gender if name in known else None)
                for name, short in names.items())
            taken = set(names) | {a for short in names.values() for a in short}
            aliases = tuple(dict.fromkeys([party, *(a for a in clean if a not in taken)]))
            parties[party] = Party(party, "other", aliases=aliases, people=people)
        return cls(parties, *_role_lists())

    @classmethod
    def from_file(cls, path: str | Path) -> ActorDictionary:
        """Read a ``.jsonl`` file of party records or a ``.json`` file (mapping or records).

        Errors name the file and line: ``actors.jsonl:3: 'aliases' must be a list``.
        """
        return _from_source(user_file(path))

    @classmethod
    def coerce(cls, actors: ActorSource) -> ActorDictionary:
        """Turn any accepted actor specification into a dictionary (see ``score_article``)."""
        if isinstance(actors, ActorDictionary):
            return actors
        if isinstance(actors, str | Path):
            return cls.from_file(actors)
        if isinstance(actors, Mapping):
            return cls.from_mapping(actors)
        if isinstance(actors, Iterable):
            return cls.from_records(list(actors))
        raise ActorError(
            "actors must be an ActorDictionary, a path, a mapping {party: [aliases]} or a "
            f"list of party records; got {type(actors).__name__}"
        )

    def extend(self, other: ActorDictionary) -> ActorDictionary:
        """Add ``other``'s parties; where both name a party, aliases and people are merged.

        An alias that ``other`` gives to a party is taken away from any party of ``self``
        that had it, so the user's assignment wins.
        """
        taken = {_norm(a) for p in other.parties.values() for a in p.aliases}
        taken |= {_norm(n) for p in other.parties.values() for pe in p.people for n in
                  (pe.name, *pe.aliases)}
        merged: dict[str, Party] = {}
        for name, party in self.parties.items():
            merged[name] = replace(
                party,
                aliases=tuple(a for a in party.aliases if _norm(a) not in taken),
                people=tuple(p for p in party.people if _norm(p.name) not in taken),
            )
        for name, party in other.parties.items():
            if name in merged:
                old = merged[name]
                merged[name] = replace(
                    old,
                    kind=old.kind if party.kind == "other" else party.kind,
                    demonym=party.demonym or old.demonym,
                    demonym_plural=party.demonym_plural or old.demonym_plural,
                    aliases=tuple(dict.fromkeys(old.aliases + party.aliases)),
                    people=old.people + party.people,
                )
            else:
                merged[name] = party
        return ActorDictionary(merged, self.role_nouns, self.person_roles)

    # -- matching -----------------------------------------------------------------------
    @cached_property
    def _index(self) -> dict[str, tuple[tuple[int, dict[tuple[str, ...], list[_Entry]]], ...]]:
        """First lower-cased word -> ((length, {lower-cased words: entries}), ...), longest
        first: a token is checked against one dictionary per alias length, not per alias."""
        index: dict[str, dict[int, dict[tuple[str, ...], list[_Entry]]]] = {}

        def add(alias: str, party: str, kind: str, person: Person | None = None) -> None:
            words = tokenize(alias).text
            if words and words[0].lower() == "the" and len(words) > 1:
                words = words[1:]
            if not words:
                return
            sensitive = tuple(any(c.isupper() for c in w) for w in words)
            entry = _Entry(words, party, kind, person, sensitive)
            key = tuple(w.lower().replace("’", "'") for w in words)
            by_len = index.setdefault(key[0], {})
            by_len.setdefault(len(key), {}).setdefault(key, []).append(entry)

        for party in self.parties.values():
            for alias in party.aliases:
                add(alias, party.name, "name")
            for person in party.people:
                for alias in (person.name, *person.aliases):
                    add(alias, party.name, "person", person)
            if party.demonym:
                for noun in self.role_nouns:
                    kind = "role" if noun in self.person_roles else "group"
                    add(f"{party.demonym} {noun}", party.name, kind)
                add(party.demonym, party.name, "adjective")
            if party.demonym_plural:
                add(party.demonym_plural, party.name, "group")
        return {first: tuple(sorted(by_len.items(), reverse=True))
                for first, by_len in index.items()}

    def find(self, sentence: str, offset: int = 0, tokens: Tokens | None = None) -> list[Mention]:
        """Find the mentions of parties in a sentence, longest match first.

        Parameters
        ----------
        sentence : str
            The sentence text.
        offset : int, default=0
            Character offset of the sentence in its article (added to every span).
        tokens : Tokens, optional
            The sentence's tokens, if already computed.

        Examples
        --------
        >>> actors = ActorDictionary.from_mapping({"United States": ["US", "Washington"]})
        >>> [m.text for m in actors.find("Let us see what the US and Washington say.")]
        ['US', 'Washington']
        """
        toks = tokens if tokens is not None else tokenize(sentence, offset)
        index = self._index
        words, lower = toks.text, toks.lower
        found: list[Mention] = []
        n = len(words)
        resume = 0  # first token after the last mention found
        # Only tokens that open an alias are tried (in order, as a scan of every token would).
        for i in [i for i, w in enumerate(lower) if w in index]:
            if i < resume:
                continue
            # The longest alias that matches here, with every party that lists it: a user's
            # alias under several parties ("the Quartet", "the foreign ministers") names them all.
            best: list[_Entry] = []
            for k, table in index[lower[i]]:
                if i + k > n:
                    continue
                for entry in table.get(lower[i:i + k] if k > 1 else (lower[i],), ()):
                    if _matches(entry, words, i) and all(b.party != entry.party for b in best):
                        best.append(entry)
                if best:
                    break
            if not best:
                continue
            j = i + len(best[0].tokens)
            possessive = j < n and lower[j] in ("'s", "'")
            for entry in best:
                found.append(
                    Mention(
                        party=entry.party,
                        start=toks.start[i],
                        end=toks.end[j - 1],
                        tok_start=i,
                        tok_end=j,
                        kind=entry.kind,
                        text=sentence[toks.start[i] - offset : toks.end[j - 1] - offset],
                        possessive=possessive,
                        person=entry.person,
                    )
                )
            resume = j
        if found and ("of" in lower or "for" in lower or "from" in lower):
            found = self._roles_of(found, toks, sentence, offset)
        if len(found) > 1:
            found = _shared_nouns(found, lower)
        return found

    @cached_property
    def _role_endings(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Role nouns as last word -> word tuples, longest first."""
        out: dict[str, list[tuple[str, ...]]] = {}
        for noun in self.role_nouns:
            words = tuple(noun.split())
            out.setdefault(words[-1], []).append(words)
        return {w: tuple(sorted(v, key=len, reverse=True)) for w, v in out.items()}

    def _roles_of(self, found: list[Mention], toks: Tokens, sentence: str,
                  offset: int) -> list[Mention]:
        """Widen a party named after a role noun and "of", "for" or "from" to the whole phrase:
        "the foreign minister of Russia", "a spokesman for the Kremlin", "a delegation from
        Beijing", "the premier of the German state" speak for the party, as "the Russian foreign
        minister" does."""
        lower, n = toks.lower, len(toks.lower)
        endings = self._role_endings
        out = []
        for m in found:
            j = m.tok_start - 1
            if j >= 0 and lower[j] == "the":
                j -= 1
            ok = m.kind == "name" or (m.kind == "adjective" and m.tok_end < n
                                      and toks.text[m.tok_end].isalpha()
                                      and toks.text[m.tok_end].islower())
            if not ok or j < 1 or lower[j] not in ("of", "for", "from"):
                out.append(m)
                continue
            role = next((w for w in endings.get(lower[j - 1], ())
                         if j - len(w) >= 0 and tuple(lower[j - len(w):j]) == w), None)
            if role is None:
                out.append(m)
                continue
            i = j - len(role)
            if out and out[-1].tok_end > i:  # the role is part of an earlier mention
                out.append(m)
                continue
            kind = "role" if " ".join(role) in self.person_roles else "group"
            out.append(replace(m, start=toks.start[i], tok_start=i, kind=kind,
                               text=sentence[toks.start[i] - offset:m.end - offset]))
        return out

    def party(self, name: str) -> Party:
        """The party called ``name``; raises ActorError naming close alternatives."""
        try:
            return self.parties[name]
        except KeyError:
            raise ActorError(
                f"no party {name!r} in the actor dictionary; parties: {sorted(self.parties)[:20]}"
            ) from None

    def to_records(self) -> list[dict[str, Any]]:
        """The dictionary in the ``actors.jsonl`` record format (JSON-serialisable)."""
        out = []
        for p in self.parties.values():
            out.append(
                {
                    "party": p.name,
                    "kind": p.kind,
                    "demonym": p.demonym,
                    "demonym_plural": p.demonym_plural,
                    "aliases": list(p.aliases),
                    "people": [
                        {
                            "name": pe.name,
                            "aliases": list(pe.aliases),
                            "role": pe.role,
                            "from": pe.start,
                            "to": pe.end,
                            "gender": pe.gender,
                        }
                        for pe in p.people
                    ],
                }
            )
        return out


ActorSource = ActorDictionary | str | Path | Mapping[str, Iterable[str]] | Iterable[Mapping]


@lru_cache(maxsize=1)
def _known_people() -> dict[str, Person]:
    """Names and surnames of the people in the default dictionary (for role and gender)."""
    try:
        default = _default_dictionary()
    except Exception:  # the default data is not needed to use a user's dictionary
        return {}
    out: dict[str, Person] = {}
    for party in default.parties.values():
        for person in party.people:
            for name in (person.name, *person.aliases):
                out.setdefault(name, person)
    return out


def _person_aliases(party: str, aliases: list[str]) -> dict[str, list[str]]:
    """Guess which aliases of a simple mapping name people: a full name listed with its
    surname ("Dmitry Peskov" and "Peskov") is a person, so "he" can refer to it."""
    capitalised = [a for a in aliases if a.split() and all(w[:1].isupper() for w in a.split())]
    singles = {a for a in capitalised if len(a.split()) == 1 and a != party}
    out: dict[str, list[str]] = {}
    for a in capitalised:
        words = a.split()
        if 2 <= len(words) <= 4 and words[-1] in singles and a != party:
            out[a] = [words[-1]]
    return out


def _matches(entry: _Entry, words: tuple[str, ...], i: int) -> bool:
    for k, (want, sensitive) in enumerate(zip(entry.tokens, entry.case_sensitive, strict=True)):
        got = words[i + k]
        if got == want:
            continue
        if got.replace("’", "'") == want.replace("’", "'"):
            continue
        if sensitive:
            # An all-capitals headline word ("RUSSIA") still matches "Russia", but "us" never
            # matches "US".
            if len(got) > 1 and got.isupper() and got.lower() == want.lower():
                continue
            return False
        if got.lower() != want.lower():
            return False
    return True


def _shared_nouns(found: list[Mention], lower: Sequence[str]) -> list[Mention]:
    """Demonyms coordinated before a demonym and role noun share the noun: in "Greek, Cypriot
    and French counterparts" or "British and French officials" each demonym names its party's
    people, as the last one does, and is no mere adjective."""
    out = list(found)
    for k in range(len(out) - 1, 0, -1):
        head = out[k]
        if head.kind not in ("group", "role") or len(head.text.split()) < 2:
            continue
        j = k - 1
        end = head.tok_start
        while j >= 0 and out[j].kind == "adjective" and out[j].tok_end < end and \
                all(w in (",", "and", "or") for w in lower[out[j].tok_end:end]) and \
                0 < end - out[j].tok_end <= 2:
            out[j] = replace(out[j], kind=head.kind)
            end = out[j].tok_start
            j -= 1
    return out


def mention_index(mentions: Iterable[Mention]) -> tuple[dict[int, Mention], dict[int, Mention]]:
    """The first mention starting and the first ending at each token position (the lookups
    :func:`coordinated` takes).

    Examples
    --------
    >>> actors = ActorDictionary.from_mapping({"Ukraine": ["Kyiv"]})
    >>> by_start, by_end = mention_index(actors.find("Kyiv said so."))
    >>> by_start[0].text, by_end[1].text
    ('Kyiv', 'Kyiv')
    """
    by_start: dict[int, Mention] = {}
    by_end: dict[int, Mention] = {}
    for m in mentions:
        by_start.setdefault(m.tok_start, m)
        by_end.setdefault(m.tok_end, m)
    return by_start, by_end


#: Possessive pronouns: "its" position in the coreference rules, and the word that may open
#: the second member of a coordination ("Shoukry and his counterparts").
POSSESSIVE_PRONOUNS = frozenset({"its", "his", "her", "their", "our", "my"})


def coordinated(m: Mention, by_start: Mapping[int, Mention], by_end: Mapping[int, Mention],
                lower: Sequence[str]) -> list[Mention]:
    """``m`` and the mentions coordinated with it in its sentence, when they name more than one
    party: "Both Kyiv and Moscow", "Egypt, Greece and Cyprus", "Shoukry and his Greek and French
    counterparts" (a possessive pronoun after "and" is skipped). ``by_start`` and ``by_end``
    map token positions to the sentence's mentions; adjectives and possessors are not holders
    and end the group (:func:`mention_index` builds the two maps).

    Examples
    --------
    >>> from framing.read.text import tokenize
    >>> actors = ActorDictionary.from_mapping({"Ukraine": ["Kyiv"], "Russia": ["Moscow"]})
    >>> toks = tokenize("Kyiv and Moscow rejected it.")
    >>> ms = actors.find("Kyiv and Moscow rejected it.", tokens=toks)
    >>> [g.party for g in coordinated(ms[0], *mention_index(ms), toks.lower)]
    ['Ukraine', 'Russia']
    """
    def skip_his(k: int) -> int:
        """After "and": the position after a possessive pronoun ("and his ..."), else k. The
        word decides, resolved or not (a person named only by a dictionary alias leaves "his"
        unresolved)."""
        x = by_start.get(k)
        if (x is None or x.kind == "pronoun") and k + 1 < n and \
                lower[k] in POSSESSIVE_PRONOUNS and k + 1 in by_start:
            return k + 1
        return k

    n = len(lower)
    group = [m]
    joins: list[str] = []  # the word between group[j] and group[j + 1]
    k = m.tok_end
    # A name in apposition continues the mention: "Egyptian foreign minister Sameh Shoukry and".
    while k in by_start and by_start[k].party == m.party:
        k = by_start[k].tok_end
    while k + 1 < n and lower[k] in ("and", ","):
        serial = lower[k] == "," and lower[k + 1] == "and"
        if serial:
            k += 1  # a serial comma: "Egypt, Greece, and Cyprus"
            if k + 1 >= n:
                break
        nxt = by_start.get(skip_his(k + 1) if lower[k] == "and" else k + 1)
        if nxt is None or nxt.kind == "adjective":
            break
        group.append(nxt)
        joins.append(", and" if serial else lower[k])
        k = nxt.tok_end
        if k < n and lower[k] in ("'s", "'"):
            return [m]  # "Kyiv and Moscow's ..." names one possessor's thing
    k = m.tok_start
    while True:
        his = by_end.get(k)
        if (his is None or his.kind == "pronoun") and k >= 3 and \
                lower[k - 1] in POSSESSIVE_PRONOUNS and lower[k - 2] == "and":
            k -= 1  # "Shoukry and his counterparts", "his" resolved or not
        if k < 2 or lower[k - 1] not in ("and", ","):
            break
        joiner = lower[k - 1]
        end = k - 2 if joiner == "and" and lower[k - 2] == "," else k - 1  # serial comma
        prev = by_end.get(end)
        if prev is None or prev.kind == "adjective" or prev.possessive:
            break
        group.insert(0, prev)
        joins.insert(0, ", and" if end == k - 2 else joiner)
        k = prev.tok_start
    group = _one_list(group, joins, group.index(m), lower)
    return group if len({g.party for g in group}) > 1 else [m]


def _one_list(group: list[Mention], joins: list[str], i: int, lower: Sequence[str]
              ) -> list[Mention]:
    """The members of ``group`` that one coordination joins around ``group[i]``.

    A comma after the list's last "and" starts a new clause ("Despite objections from Moscow
    and Minsk, Kyiv agreed", "Kyiv and Moscow agreed, Paris said"), and with no "and", a first
    member that a preposition governs belongs to an opening phrase ("Under pressure from
    Washington, Kyiv agreed"). Commas alone still join names where no preposition governs the
    first ("Apple Inc., Apple Corps resolve dispute", as headlines write "and"), and a list
    with "and" stays whole ("talks between Egypt, Greece and Cyprus").
    """
    for j, w in enumerate(joins):
        if w == ", and" and "," not in joins[:j]:
            # ", and" after no other comma joins clauses ("... to China, and U.S. officials
            # accused"): only a list of three or more has a serial comma
            if j >= i:
                group, joins = group[:j + 1], joins[:j]
            else:
                group, joins, i = group[j + 1:], joins[j + 1:], i - j - 1
            break
    joins = ["and" if w == ", and" else w for w in joins]
    if "and" in joins:
        last = len(joins) - 1 - joins[::-1].index("and")  # joins[last] is the list's "and"
        if i > last + 1:
            return group[i:i + 1]
        return group[:last + 2]
    prepositions = _prepositions()
    while i > 0 and group[0].tok_start > 0 and lower[group[0].tok_start - 1] in prepositions:
        group, i = group[1:], i - 1
    return group


@lru_cache(maxsize=1)
def _prepositions() -> frozenset[str]:
    return frozenset(w for w, c in function_words().items() if "preposition" in c)


def _norm(alias: str) -> str:
    a = alias.strip().lower().replace("’", "'")
    return a[4:] if a.startswith("the ") else a


@lru_cache(maxsize=1)
def _role_lists() -> tuple[tuple[str, ...], frozenset[str]]:
    nouns = tuple(e.lower() for _, e in read_lines(package_file("role_nouns.txt")))
    persons = frozenset(e.lower() for _, e in read_lines(package_file("person_roles.txt")))
    return tuple(dict.fromkeys(nouns + tuple(sorted(persons)))), persons


@lru_cache(maxsize=1)
def _default_dictionary() -> ActorDictionary:
    return _from_source(package_file("actors.jsonl"))


def _from_source(source: Source) -> ActorDictionary:
    text = source.text
    if source.name.endswith(".jsonl"):
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((number, json.loads(line)))
            except json.JSONDecodeError as e:
                raise LexiconError(f"{source.name}:{number}: invalid JSON: {e.msg}") from None
        parties: dict[str, Party] = {}
        for number, record in records:
            party = _party_from_record(record, f"{source.name}:{number}")
            if party.name in parties:
                raise LexiconError(f"{source.name}:{number}: party {party.name!r} defined twice")
            parties[party.name] = party
        return ActorDictionary(parties, *_role_lists())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise LexiconError(f"{source.name}:{e.lineno}: invalid JSON: {e.msg}") from None
    if isinstance(data, Mapping):
        try:
            return ActorDictionary.from_mapping(data, name=source.name)
        except ActorError as e:
            raise LexiconError(str(e)) from None
    if isinstance(data, list):
        try:
            return ActorDictionary.from_records(data, name=source.name)
        except ActorError as e:
            raise LexiconError(str(e)) from None
    raise LexiconError(
        f"{source.name}:1: expected a JSON object {{party: [aliases]}} or a list of party records"
    )


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, list):
        raise ActorError(f"{where}: {key!r} must be a list of strings; got {value!r}")
    for v in value:
        if not isinstance(v, str) or not v.strip():
            raise ActorError(f"{where}: {key!r} must hold non-empty strings; got {v!r}")
    return tuple(v.strip() for v in value)


def _iso(value: Any, where: str, key: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ActorError(f"{where}: {key!r} must be an ISO date or null; got {value!r}") from None


def _party_from_record(record: Any, where: str) -> Party:
    if not isinstance(record, Mapping):
        raise ActorError(f"{where}: expected a JSON object for a party; got {record!r}")
    unknown = set(record) - _PARTY_KEYS
    if unknown:
        raise ActorError(f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(_PARTY_KEYS)}")
    name = record.get("party")
    if not isinstance(name, str) or not name.strip():
        raise ActorError(f"{where}: 'party' must be a non-empty string; got {name!r}")
    kind = record.get("kind", "other")
    if kind not in KINDS:
        raise ActorError(f"{where}: kind must be one of {list(KINDS)}; got {kind!r}")
    people = []
    raw_people = record.get("people") or []
    if not isinstance(raw_people, list):
        raise ActorError(f"{where}: 'people' must be a list of objects; got {raw_people!r}")
    for k, p in enumerate(raw_people):
        pw = f"{where}: people[{k}]"
        if not isinstance(p, Mapping):
            raise ActorError(f"{pw}: expected an object; got {p!r}")
        bad = set(p) - _PERSON_KEYS
        if bad:
            raise ActorError(f"{pw}: unknown keys {sorted(bad)}; allowed: {sorted(_PERSON_KEYS)}")
        pname = p.get("name")
        if not isinstance(pname, str) or not pname.strip():
            raise ActorError(f"{pw}: 'name' must be a non-empty string; got {pname!r}")
        gender = p.get("gender")
        if gender not in (None, "m", "f"):
            raise ActorError(f"{pw}: gender must be 'm', 'f' or null; got {gender!r}")
        start, end = _iso(p.get("from"), pw, "from"), _iso(p.get("to"), pw, "to")
        if start and end and start > end:
            raise ActorError(f"{pw}: 'from' {start} is after 'to' {end}")
        people.append(
            Person(
                name=pname.strip(),
                party=name,
                role=str(p.get("role") or "").lower(),
                aliases=_strings(p.get("aliases"), pw, "aliases"),
                start=start,
                end=end,
                gender=gender,
            )
        )
    aliases = _strings(record.get("aliases"), where, "aliases")
    return Party(
        name=name.strip(),
        kind=kind,
        demonym=record.get("demonym") or None,
        demonym_plural=record.get("demonym_plural") or None,
        aliases=tuple(dict.fromkeys(aliases)) or (name.strip(),),
        people=tuple(people),
    )


def resolve_actors(actors: ActorSource | None, mode: str = "extend") -> ActorDictionary:
    """Combine user actors with the default dictionary.

    Parameters
    ----------
    actors : ActorDictionary, path, mapping or list of records, optional
        The user's parties. None gives the default dictionary.
    mode : {"extend", "replace"}, default="extend"
        ``extend`` adds the user's parties to the default (the user's aliases win);
        ``replace`` uses the user's parties only.

    Examples
    --------
    >>> d = resolve_actors({"Acme Corp": ["Acme"]}, mode="replace")
    >>> sorted(d.parties)
    ['Acme Corp']
    """
    if mode not in ("extend", "replace"):
        raise ActorError(f"mode must be one of ['extend', 'replace']; got {mode!r}")
    if actors is None:
        return ActorDictionary.default()
    if isinstance(actors, ActorDictionary) and (mode == "replace" or actors.extends_default):
        return actors  # already resolved: batch jobs resolve once and pass it on
    if mode == "extend" and isinstance(actors, Mapping):
        try:
            key = json.dumps(actors, sort_keys=True, default=list)
        except TypeError:
            key = None
        if key is not None:
            return _extend_mapping(key)
    user = ActorDictionary.coerce(actors)
    return user if mode == "replace" else _extend_default(user)


@lru_cache(maxsize=32)
def _extend_mapping(key: str) -> ActorDictionary:
    """Extended dictionaries of recently used mappings, so a loop that passes the same
    mapping to every call does not rebuild the matcher each time."""
    return _extend_default(ActorDictionary.from_mapping(json.loads(key)))


def _extend_default(user: ActorDictionary) -> ActorDictionary:
    return replace(ActorDictionary.default().extend(user), extends_default=True)
