"""Framing lexicons: load cue tables and find cues in a tokenised sentence.

A :class:`FrameLexicon` is compiled from ``lexicons/frames.tsv`` (format and pattern language in
``lexicons/README.md``) plus any user files, which add rows or override rows with the same
``(pattern, frame)``. Patterns are expanded into their inflections once, indexed by first word,
and every sentence is scanned in a single pass for all frames. Negators, hedges and intensifiers
(``modifiers.tsv``) in the three words before a cue negate or scale it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from ..errors import LexiconError
from ..labels import BLOCK, FRAMES
from ..read.text import Tokens, tokenize
from ..read.words import function_words, irregular_verbs, noun_forms, participles, verb_forms
from ..resources import Source, package_file, read_table, user_file

FRAME_COLUMNS = ("pattern", "frame", "weight", "match", "role", "example")
MATCHES = ("verb", "noun", "exact")
ROLES = ("stance", "refusal", "directive", "charge", "block")
GAP = 4  # most words a "..." may skip

_PATTERN_WORD = re.compile(r"^(\{[a-z_]+\}|\.\.\.|[^\W_][\w'’.-]*)$")


@dataclass(frozen=True, slots=True)
class CueRow:
    """One row of a frame lexicon, with where it came from (for error messages and evidence)."""

    pattern: str
    frame: str
    weight: float
    match: str
    role: str
    example: str
    source: str
    line: int


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue found in a sentence.

    Attributes
    ----------
    row : CueRow
        The lexicon row that matched.
    tok_start, tok_end : int
        Token range of the match (end exclusive).
    head : int
        Token index of the cue's head word (the verb of a verb pattern, the noun of a noun one).
    passive : bool
        The match is a passive form followed by "by" ("a truce proposed by Cairo").
    """

    row: CueRow
    tok_start: int
    tok_end: int
    head: int
    passive: bool = False


@dataclass(frozen=True, slots=True)
class Modifier:
    """A negator, hedge or intensifier."""

    words: tuple[str, ...]
    type: str
    factor: float


@dataclass(frozen=True, slots=True)
class _Compiled:
    # ("alt", {first word: alternatives, longest first}) or ("gap", n)
    elements: tuple[tuple[str, object], ...]
    row: CueRow
    head_element: int
    passive: bool = False
    # For every element after the first, the words of which at least one must be in the
    # sentence (the first words of its alternatives), most selective first: lets the matcher
    # skip most candidates without trying them. (A passive variant also needs "by", which
    # the matcher checks once per sentence; see FrameLexicon._compiled.)
    requires: tuple[frozenset[str], ...] = ()


def _words(text: str) -> tuple[str, ...]:
    return tokenize(text).lower


@lru_cache(maxsize=1)
def _classes() -> dict[str, frozenset[tuple[str, ...]]]:
    src = package_file("classes.tsv")
    out: dict[str, set[tuple[str, ...]]] = {}
    for number, row in read_table(src, ("class", "word", "match")):
        if row["match"] not in ("noun", "exact"):
            raise LexiconError(
                f"{src.name}:{number}: match must be 'noun' or 'exact'; got {row['match']!r}"
            )
        words = _words(row["word"])
        if not words:
            raise LexiconError(f"{src.name}:{number}: empty word")
        forms = noun_forms(words[-1]) if row["match"] == "noun" else {words[-1]}
        bucket = out.setdefault(row["class"], set())
        for f in forms:
            bucket.add((*words[:-1], f))
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def default_modifiers() -> tuple[Modifier, ...]:
    """Negators, hedges and intensifiers from ``modifiers.tsv``."""
    return tuple(_read_modifiers(package_file("modifiers.tsv")))


def _read_modifiers(src: Source) -> list[Modifier]:
    out = []
    for number, row in read_table(src, ("word", "type", "factor", "example")):
        if row["type"] not in ("negator", "hedge", "intensifier"):
            raise LexiconError(
                f"{src.name}:{number}: type must be one of ['negator', 'hedge', 'intensifier']; "
                f"got {row['type']!r}"
            )
        try:
            factor = float(row["factor"])
        except ValueError:
            raise LexiconError(
                f"{src.name}:{number}: factor must be a number; got {row['factor']!r}"
            ) from None
        out.append(Modifier(_words(row["word"]), row["type"], factor))
    return out


# -- lexicon --------------------------------------------------------------------------------


def read_frame_rows(src: Source, *, known_classes: Iterable[str] | None = None) -> list[CueRow]:
    """Parse and validate a frame table; errors read ``file:line: what is wrong``.

    Examples
    --------
    >>> text = "pattern\\tframe\\tweight\\tmatch\\trole\\texample\\n"
    >>> text += "reject\\thard-line\\t1.0\\tverb\\trefusal\\tKyiv rejected it.\\n"
    >>> [r.pattern for r in read_frame_rows(Source("my.tsv", text))]
    ['reject']
    >>> bad = text.replace("hard-line", "hardline")
    >>> read_frame_rows(Source("my.tsv", bad))
    Traceback (most recent call last):
    ...
    framing.errors.LexiconError: my.tsv:2: frame 'hardline' is not one of \
['hard-line', 'skeptical', 'conciliatory', 'none']
    """
    classes = set(known_classes) if known_classes is not None else set(_classes())
    rows: list[CueRow] = []
    seen: dict[tuple[str, str], int] = {}
    for number, r in read_table(src, FRAME_COLUMNS):
        where = f"{src.name}:{number}"
        pattern = " ".join(r["pattern"].lower().split())
        if not pattern:
            raise LexiconError(f"{where}: empty pattern")
        for w in pattern.split(" "):
            if not _PATTERN_WORD.match(w):
                raise LexiconError(f"{where}: bad word {w!r} in pattern {pattern!r}")
            if w.startswith("{") and w[1:-1] not in classes:
                raise LexiconError(
                    f"{where}: unknown word class {w} in pattern {pattern!r}; "
                    f"classes: {sorted(classes)}"
                )
        if pattern.startswith("...") or pattern.endswith("..."):
            raise LexiconError(f"{where}: a pattern cannot start or end with '...'")
        frame = r["frame"]
        if frame not in (*FRAMES, BLOCK):
            raise LexiconError(f"{where}: frame {frame!r} is not one of {[*FRAMES, BLOCK]}")
        if r["match"] not in MATCHES:
            raise LexiconError(f"{where}: match {r['match']!r} is not one of {list(MATCHES)}")
        if r["role"] not in ROLES:
            raise LexiconError(f"{where}: role {r['role']!r} is not one of {list(ROLES)}")
        if (r["role"] == "block") != (frame == BLOCK):
            raise LexiconError(f"{where}: role 'block' goes with frame 'none' and only with it")
        try:
            weight = float(r["weight"])
        except ValueError:
            raise LexiconError(f"{where}: weight must be a number; got {r['weight']!r}") from None
        if not 0 < weight <= 2:
            raise LexiconError(f"{where}: weight must be in (0, 2]; got {weight}")
        key = (pattern, frame)
        if key in seen:
            raise LexiconError(f"{where}: duplicate cue {pattern!r} ({frame}), first on line "
                               f"{seen[key]}")
        seen[key] = number
        rows.append(CueRow(pattern, frame, weight, r["match"], r["role"], r["example"],
                           src.name, number))
    return rows


@dataclass(frozen=True)
class FrameLexicon:
    """A compiled set of framing cues and modifiers.

    Build it with :meth:`default` or :func:`load_lexicon`; it is immutable and safe to share
    between threads and to send to worker processes.

    Examples
    --------
    >>> lex = FrameLexicon.default()
    >>> [(m.row.frame, m.row.pattern) for m in lex.match(tokenize("Kyiv rejected the offer."))]
    [('hard-line', 'reject')]
    """

    rows: tuple[CueRow, ...]
    modifiers: tuple[Modifier, ...] = field(default_factory=default_modifiers)
    sources: tuple[str, ...] = ("frames.tsv",)

    @classmethod
    def default(cls) -> FrameLexicon:
        """The lexicon shipped with ``framing`` (compiled once per process)."""
        return _default_lexicon()

    def with_rows(self, rows: Sequence[CueRow], source: str) -> FrameLexicon:
        """A new lexicon where ``rows`` add to or override rows with the same (pattern, frame)."""
        new = {(r.pattern, r.frame): r for r in rows}
        kept = tuple(r for r in self.rows if (r.pattern, r.frame) not in new)
        return FrameLexicon(kept + tuple(rows), self.modifiers, (*self.sources, source))

    def rows_for(self, frame: str) -> list[CueRow]:
        """The rows of one frame (``none`` for block rows)."""
        return [r for r in self.rows if r.frame == frame]

    @cached_property
    def _compiled(self) -> dict[str, tuple[tuple[_Compiled, ...], tuple[_Compiled, ...]]]:
        """First word -> (active patterns, passive variants), each longest first.

        Passive variants are kept apart because they can only match in a sentence with "by"
        (most sentences have none, and most patterns ending in a class have a passive
        variant). Splitting one list into two keeps the order within each, which is all that
        :meth:`match` depends on: active and passive matches are selected separately.
        """
        irregular = irregular_verbs()
        classes = _classes()
        index: dict[str, list[_Compiled]] = {}
        for row in self.rows:
            for comp in _compile(row, irregular, classes):
                first_kind, first = comp.elements[0]
                assert first_kind == "alt"
                for word in first:  # type: ignore[union-attr]
                    index.setdefault(word, []).append(comp)
        for lst in index.values():
            lst.sort(key=lambda c: -_min_len(c))
        return {word: (tuple(c for c in lst if not c.passive), tuple(c for c in lst if c.passive))
                for word, lst in index.items()}

    @cached_property
    def _modifier_index(self) -> dict[str, list[Modifier]]:
        idx: dict[str, list[Modifier]] = {}
        for m in self.modifiers:
            idx.setdefault(m.words[-1], []).append(m)
        return idx

    def match(self, tokens: Tokens, boundaries: Sequence[bool] | None = None) -> list[CueMatch]:
        """Find the cues in a tokenised sentence, longest first, without overlaps.

        Parameters
        ----------
        tokens : Tokens
        boundaries : sequence of bool, optional
            ``boundaries[i]`` is True where token ``i`` ends a clause; ``...`` gaps do not cross
            them. By default punctuation and contrastive conjunctions are boundaries.

        Returns
        -------
        list of CueMatch
            Sorted by position. Block rows are included (frame ``none``) so callers can see
            what was suppressed.
        """
        lower = tokens.lower
        n = len(lower)
        if boundaries is None:
            boundaries = default_boundaries(tokens)
        index = self._compiled
        present = set(lower)
        isdisjoint = present.isdisjoint
        with_by = "by" in present
        found: list[CueMatch] = []
        for i, word in enumerate(lower):
            entry = index.get(word)
            if entry is None:
                continue
            actives, passives = entry
            for comps in (actives, passives) if with_by else (actives,):
                for comp in comps:
                    # Skip a pattern with a later element none of whose words is in the
                    # sentence (most candidates), without trying it.
                    for words in comp.requires:
                        if isdisjoint(words):
                            break
                    else:
                        end, head = _match_at(comp.elements, comp.head_element, lower,
                                              boundaries, i)
                        if end >= 0 and (not comp.passive or (end < n and lower[end] == "by")):
                            found.append(CueMatch(comp.row, i, end, head, comp.passive))
        # Longest first; among equals, block rows first, then earlier and heavier rows.
        found.sort(key=lambda m: (-(m.tok_end - m.tok_start), m.row.role != "block",
                                  m.tok_start, -m.row.weight))
        taken = [False] * n
        chosen = []
        spans: set[tuple[int, int, str]] = set()  # (start, end, pattern) of the chosen
        # A block row hides every cue whose head word it covers, even a longer one: "the
        # suspect" is no "suspect ... of" in "identified the suspect as a man of 21".
        # A longer cue whose head lies outside the block still wins ("support the peace
        # process" over "peace process").
        blocked = [False] * n
        for m in found:
            if m.row.role == "block" and not m.passive and not any(blocked[m.tok_start:m.tok_end]):
                for k in range(m.tok_start, m.tok_end):
                    blocked[k] = True
                chosen.append(m)
        for m in found:
            if m.passive or m.row.role == "block" or blocked[m.head]:
                continue
            if any(taken[m.tok_start:m.tok_end]):
                # The same words under another frame: a cue that shows two stances at once
                # ("a witch hunt": hard-line and skeptical) has a row for each.
                if (m.tok_start, m.tok_end, m.row.pattern) in spans and m.row.role != "block":
                    chosen.append(m)
                continue
            for k in range(m.tok_start, m.tok_end):
                taken[k] = True
            chosen.append(m)
            spans.add((m.tok_start, m.tok_end, m.row.pattern))
        # A passive form shares its noun with the cue before it: "rejected a ceasefire
        # proposed by Washington" holds two stances, so passives only avoid each other.
        passive_taken = [False] * n
        for m in found:
            if not m.passive or any(passive_taken[m.head:m.tok_end]) or taken[m.head]:
                continue
            for k in range(m.tok_start, m.tok_end):
                passive_taken[k] = True
            chosen.append(m)
        chosen.sort(key=lambda m: (m.tok_start, m.tok_end))
        return chosen

    def modifiers_before(self, tokens: Tokens, start: int, boundaries: Sequence[bool],
                         window: int = 3) -> list[Modifier]:
        """Modifiers ending within ``window`` tokens before ``start``, in the same clause."""
        lower = tokens.lower
        out = []
        lo = start - 1
        for k in range(start - 1, max(-1, start - 1 - window), -1):
            if boundaries[k]:
                break
            lo = k
        for end in range(start - 1, lo - 1, -1):
            for mod in self._modifier_index.get(lower[end], ()):
                n = len(mod.words)
                s = end - n + 1
                if s >= 0 and tuple(lower[s:end + 1]) == mod.words:
                    out.append(mod)
        return out


def _min_len(comp: _Compiled) -> int:
    total = 0
    for kind, value in comp.elements:
        if kind == "alt":
            total += max(len(a) for alts in value.values() for a in alts)  # type: ignore
    return total


def _compile(row: CueRow, irregular, classes) -> list[_Compiled]:
    words = row.pattern.split(" ")
    elements: list[tuple[str, object]] = []
    verb_idx = 0 if row.match == "verb" else None
    noun_idx = len(words) - 1 if row.match == "noun" else None
    head_element = 0
    for k, w in enumerate(words):
        if w == "...":
            elements.append(("gap", GAP))
            continue
        if w.startswith("{"):
            elements.append(_alt(classes[w[1:-1]]))
            continue
        toks = _words(w)
        if k == verb_idx:
            forms = verb_forms(w, irregular)
            head_element = len(elements)
        elif k == noun_idx:
            forms = noun_forms(w)
            head_element = len(elements)
        else:
            forms = {toks[0]} if len(toks) == 1 else set()
        if len(toks) > 1:  # a word the tokenizer splits, e.g. "don't"
            elements.append(_alt({toks}))
        else:
            elements.append(_alt({(f.replace("’", "'"),) for f in forms}))
    out = [_Compiled(tuple(elements), row, head_element, requires=_requires(elements))]
    # Passive variant: "propose ... {peace}" also matches "{peace} proposed (by X)".
    if row.match == "verb" and words[-1].startswith("{") and len(words) <= 3:
        verb = words[0]
        parts = participles(verb, irregular)
        out.append(
            _Compiled(
                (elements[-1], _alt({(p,) for p in parts})), row, 1, passive=True,
                requires=(frozenset(parts),)
            )
        )
    return out


def _requires(elements) -> tuple[frozenset[str], ...]:
    later = dict.fromkeys(frozenset(v) for kind, v in elements[1:] if kind == "alt")
    return tuple(sorted(later, key=len))


def _alt(alternatives) -> tuple[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """Index alternative word sequences by their first word, longest first, once."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for alt in alternatives:
        by_first.setdefault(alt[0], []).append(alt)
    return ("alt", {w: tuple(sorted(v, key=len, reverse=True)) for w, v in by_first.items()})


def _match_at(elements, head_element, lower, boundaries, i) -> tuple[int, int]:
    """Match elements at token ``i``; return (end, head token) or (-1, -1)."""
    return _match_from(elements, head_element, lower, boundaries, 0, i, i)


def _match_from(elements, head_element, lower, boundaries, e, pos, head) -> tuple[int, int]:
    """Match ``elements[e:]`` at token ``pos``: the first alternative (longest first) and the
    shortest gap with which the rest also matches; (end, head token) or (-1, -1)."""
    if e == len(elements):
        return pos, head
    n = len(lower)
    kind, value = elements[e]
    if kind == "gap":
        for skip in range(0, value + 1):
            if skip and (pos + skip - 1 >= n or boundaries[pos + skip - 1]):
                break
            end, h = _match_from(elements, head_element, lower, boundaries, e + 1, pos + skip,
                                 head)
            if end >= 0:
                return end, h
        return -1, -1
    if pos >= n:
        return -1, -1
    for alt in value.get(lower[pos], ()):
        k = len(alt)
        if k == 1 or (pos + k <= n and tuple(lower[pos:pos + k]) == alt):
            end, h = _match_from(elements, head_element, lower, boundaries, e + 1, pos + k,
                                 pos if e == head_element else head)
            if end >= 0:
                return end, h
    return -1, -1


_BOUNDARY_PUNCT = frozenset({",", ";", ":", "—", "–", "(", ")", "“", "”", '"', "--"})


def default_boundaries(tokens: Tokens) -> list[bool]:
    """Mark tokens that end a clause: punctuation and contrastive conjunctions."""
    fw = function_words()
    out = []
    for w in tokens.lower:
        classes = fw.get(w, ())
        out.append(w in _BOUNDARY_PUNCT or "contrast" in classes or "relative" in classes)
    return out


@lru_cache(maxsize=1)
def _default_lexicon() -> FrameLexicon:
    return FrameLexicon(tuple(read_frame_rows(package_file("frames.tsv"))))


def load_lexicon(*paths: str | Path, base: FrameLexicon | None = None) -> FrameLexicon:
    """Load the default lexicon extended (or overridden) by users' frame files.

    Parameters
    ----------
    *paths : str or Path
        Frame tables in the ``frames.tsv`` format. Their rows add to the default; a row with
        the same ``(pattern, frame)`` as a default row replaces it.
    base : FrameLexicon, optional
        The lexicon to extend; the default one when omitted.

    Returns
    -------
    FrameLexicon

    Examples
    --------
    >>> import tempfile, os
    >>> rows = "pattern\\tframe\\tweight\\tmatch\\trole\\texample\\n"
    >>> rows += "stonewall\\thard-line\\t1.2\\tverb\\tstance\\tThe board stonewalled.\\n"
    >>> with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
    ...     _ = f.write(rows)
    >>> lex = load_lexicon(f.name)
    >>> [r.weight for r in lex.rows if r.pattern == "stonewall"]
    [1.2]
    >>> os.unlink(f.name)
    """
    lex = base if base is not None else FrameLexicon.default()
    for p in paths:
        src = user_file(p)
        lex = lex.with_rows(read_frame_rows(src), src.name)
    return lex
