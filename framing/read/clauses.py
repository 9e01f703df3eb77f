"""Shallow clause structure of a sentence: clauses, quotations and subject positions.

``framing`` has no parser (no model downloads); it reads a sentence's shape from punctuation and
function words (``lexicons/function_words.tsv``): a clause starts after a comma, semicolon,
colon, dash or quotation mark, and at a contrastive conjunction ("but", "while"), a relative
pronoun ("which", "who") or a complementiser "that". The subject of a clause is its first party
mention that is not the object of a preposition ("sanctions on Moscow", "talks with the US").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .actors import Mention
from .text import Tokens
from .words import function_words

PUNCT_BOUNDARIES = frozenset({",", ";", ":", "—", "–", "--", "(", ")"})
QUOTES_OPEN = frozenset({"“", "«", "‘"})
QUOTES_CLOSE = frozenset({"”", "»", "’"})
_AUXILIARIES_AFTER = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would",
                                "could", "can", "should", "must", "may", "might", "did", "does",
                                "do", "'s"})


_NOT_COMPLEMENT = frozenset({"that", "to", "on", "in", "by", "reporters", "journalists"})
_TAKES_OBJECT = frozenset({"told", "tell", "tells", "telling", "warned", "warn", "warns",
                           "assured", "urged"})
_SUBJECT_WORDS = frozenset({"he", "she", "it", "they", "we", "i", "its", "their", "his",
                           "her", "our"})
_CONDITIONS = frozenset({"if", "unless", "until", "whether", "once"})


@dataclass(frozen=True, slots=True)
class Clauses:
    """Clause ids per token and how each clause opened.

    Attributes
    ----------
    of : tuple of int
        Clause id of every token.
    opener : tuple of str
        For each clause: ``start``, ``punct``, ``contrast``, ``relative``, ``that`` or
        ``quote``.
    bounds : tuple of bool
        Tokens that end a stretch a cue gap or a refusal's scope may not cross.
    quote : tuple of int
        Id of the quotation each token is inside (-1 outside).
    """

    of: tuple[int, ...]
    opener: tuple[str, ...]
    bounds: tuple[bool, ...]
    quote: tuple[int, ...]

    def first_token(self, clause: int) -> int:
        """Index of the first token of a clause (clause ids grow along the sentence)."""
        return bisect_left(self.of, clause)


def segment(tokens: Tokens, quote_ids: Sequence[int] | None = None,
            speech: frozenset[str] = frozenset()) -> Clauses:
    """Split a tokenised sentence into clauses.

    Parameters
    ----------
    tokens : Tokens
    quote_ids : sequence of int, optional
        Quotation id per token (-1 outside), computed over the whole paragraph so that a quote
        spanning sentences is known; by default quotes are found within the sentence.
    speech : frozenset of str, optional
        Forms of speech verbs; the words after one open a complement clause even without
        "that" ("He said China remained committed ...").

    Examples
    --------
    >>> from framing.read.text import tokenize
    >>> c = segment(tokenize("Kyiv refused, but Moscow agreed to talks that day."))
    >>> c.of
    (0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2)
    >>> c.opener
    ('start', 'contrast', 'that')
    """
    fw = function_words()
    opens, bound_words, triggers = _word_tables()
    lower = tokens.lower
    quote = list(quote_ids) if quote_ids is not None else find_quotes(tokens)
    n = len(lower)
    # Only a token that may open a clause by itself, or one after a punctuation boundary or a
    # speech verb, or where a quotation starts or ends, is looked at closely.
    after = _open_after(frozenset(speech))  # no copy of a frozenset; a plain set is converted
    if not n or quote.count(quote[0]) == n:  # no quotation starts or ends (most sentences)
        maybe = [i for i in range(1, n) if lower[i] in triggers or lower[i - 1] in after]
    else:
        maybe = [i for i in range(1, n)
                 if lower[i] in triggers or lower[i - 1] in after or quote[i] != quote[i - 1]]
    opener = ["start"]
    of: list[int] = []
    for i in maybe:
        w = lower[i]
        prev = lower[i - 1]
        new = None
        if prev in PUNCT_BOUNDARIES or quote[i] != quote[i - 1]:
            new = "quote" if quote[i] != quote[i - 1] else "punct"
        kind = opens.get(w)
        if kind is not None:
            new = kind
        elif w in _CONDITIONS and prev not in ("only", "even", "as"):
            new = "condition"
        elif (w == "that" and _complementiser(lower, i, fw)) or (
                prev in speech and new is None and w not in _NOT_COMPLEMENT
                and prev not in _TAKES_OBJECT
                and (tokens.text[i][:1].isupper() or w in _SUBJECT_WORDS)):
            new = "that"
        if new is not None:
            of.extend([len(opener) - 1] * (i - len(of)))
            opener.append(new)
    of.extend([len(opener) - 1] * (n - len(of)))
    bounds = tuple([w in bound_words for w in lower])
    return Clauses(tuple(of), tuple(opener), bounds, tuple(quote))


@lru_cache(maxsize=8)
def _open_after(speech: frozenset[str]) -> frozenset[str]:
    """Words after which a clause may open: punctuation boundaries and speech verbs."""
    return PUNCT_BOUNDARIES | speech


@lru_cache(maxsize=1)
def _word_tables() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """What :func:`segment` asks of a word, from the function words, once per process:
    the clause a contrastive conjunction or relative pronoun opens, the words that bound a cue
    gap, and the words that may open a clause whatever precedes them."""
    opens: dict[str, str] = {}
    for w, classes in function_words().items():
        if "contrast" in classes:
            opens[w] = "contrast"
        elif "relative" in classes:
            opens[w] = "relative"
    bound_words = PUNCT_BOUNDARIES | {'"', "“", "”", "and", "or"} | opens.keys()
    triggers = frozenset(opens) | _CONDITIONS | {"that"}
    return opens, frozenset(bound_words), triggers


def _complementiser(lower: Sequence[str], i: int, fw) -> bool:
    prev = lower[i - 1]
    pc = fw.get(prev, ())
    if "preposition" in pc or "determiner" in pc:
        return False
    nxt = lower[i + 1] if i + 1 < len(lower) else ""
    return bool(nxt) and nxt not in (",", ".", ";")


def find_quotes(tokens: Tokens) -> list[int]:
    """Quotation id per token within one sentence (-1 outside), for curly and straight quotes.

    Examples
    --------
    >>> from framing.read.text import tokenize
    >>> find_quotes(tokenize('“We will not,” he said.'))
    [0, 0, 0, 0, 0, 0, -1, -1, -1]
    """
    ids, current, count = [], -1, 0
    straight_open = False
    for w in tokens.text:
        if w in QUOTES_OPEN and w != "‘":
            current, count = count, count + 1
            ids.append(current)
            continue
        if w == '"':
            if not straight_open:
                straight_open = True
                current, count = count, count + 1
                ids.append(current)
            else:
                straight_open = False
                ids.append(current)
                current = -1
            continue
        if w in QUOTES_CLOSE and w != "’" and current >= 0:
            ids.append(current)
            current = -1
            continue
        ids.append(current)
    return ids


def eligible(mention: Mention, tokens: Tokens, clauses: Clauses) -> bool:
    """Can this mention be the subject of its clause (not a preposition's object)?

    A preposition up to three tokens before the mention (over determiners, adjectives and
    coordinated mentions) makes it an object: "sanctions imposed on Moscow", "talks between
    senior U.S. and Russian officials". A preposition that is also a subordinator ("after",
    "before", "since") does not when a verb follows the mention ("after Russia rejected").
    """
    if mention.kind == "adjective":
        return False
    fw = function_words()
    lower = tokens.lower
    clause = clauses.of[mention.tok_start]
    k = mention.tok_start - 1
    steps = 0
    while k >= 0 and steps < 4 and clauses.of[k] == clause:
        w = lower[k]
        classes = fw.get(w, ())
        if "preposition" in classes:
            return "subordinator" in classes and _verb_follows(lower, mention.tok_end)
        if w in ("and", "or", ",", "'s", "'") or "determiner" in classes:
            k -= 1
            continue
        if "auxiliary" in classes or w.endswith("ed") or not w.isalpha():
            return True
        # a lower-case adjective or noun modifier ("senior", "embattled")
        if tokens.text[k][:1].islower():
            k -= 1
            steps += 1
            continue
        k -= 1  # a capitalised word: part of a title or another name
        steps += 1
    return True


def _verb_follows(lower: Sequence[str], k: int) -> bool:
    if k < len(lower) and lower[k] in ("'s", "'"):
        k += 1
    if k >= len(lower):
        return False
    w = lower[k]
    return w in _AUXILIARIES_AFTER or w.endswith(("ed", "s"))


def subject_of(clause: int, before: int, mentions: Sequence[Mention], tokens: Tokens,
               clauses: Clauses, starts: Sequence[int] | None = None) -> Mention | None:
    """The first eligible mention of ``clause`` that ends before token ``before``.

    ``mentions`` are in token order; ``starts``, their first tokens, lets the search begin at
    the clause instead of the sentence's start (one lookup, however long the sentence).
    """
    lo = bisect_left(starts, clauses.first_token(clause)) if starts is not None else 0
    for k in range(lo, len(mentions)):
        m = mentions[k]
        if m.tok_start >= before:
            break
        c = clauses.of[m.tok_start]
        if c == clause and eligible(m, tokens, clauses):
            return m
        if c > clause:
            break
    return None
