"""English word forms and the word tables that every stage of reading shares.

Inflection (:func:`verb_forms`, :func:`noun_forms`, :func:`participles`) expands a cue or a
speech verb into the forms it takes in text; :func:`function_words` and :func:`irregular_verbs`
read ``lexicons/function_words.tsv`` and ``lexicons/irregular_verbs.tsv`` once per process.
Clauses, quotations and references use them, and so does the cue lexicon above them.
"""

from __future__ import annotations

from functools import lru_cache

from ..resources import package_file, read_lines, read_table

# -- inflection -----------------------------------------------------------------------------

_VOWELS = set("aeiou")


def _cvc(word: str) -> bool:
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS | {"w", "x", "y"}
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def verb_forms(lemma: str, irregular: dict[str, tuple[str, ...]] | None = None) -> set[str]:
    """All forms of a verb: base, third person, past, participle, gerund.

    Regular forms are over-generated (both "admited" and "admitted"): an extra form that is not
    an English word can never match, while a missing one loses a cue.

    Examples
    --------
    >>> sorted(verb_forms("demand"))
    ['demand', 'demanded', 'demanding', 'demands']
    >>> sorted(verb_forms("rely"))
    ['relied', 'relies', 'rely', 'relying']
    """
    w = lemma
    forms = {w}
    if irregular and w in irregular:
        forms.update(irregular[w])
    if w.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(w + "es")
    elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        forms.add(w[:-1] + "ies")
    else:
        forms.add(w + "s")
    if w.endswith("e"):
        forms.add(w + "d")
    elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        forms.add(w[:-1] + "ied")
    else:
        forms.add(w + "ed")
        if _cvc(w):
            forms.add(w + w[-1] + "ed")
    if w.endswith("ie"):
        forms.add(w[:-2] + "ying")
    elif w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        forms.add(w[:-1] + "ing")
    else:
        forms.add(w + "ing")
        if _cvc(w):
            forms.add(w + w[-1] + "ing")
    return forms


def participles(lemma: str, irregular: dict[str, tuple[str, ...]] | None = None) -> set[str]:
    """Past-participle forms of a verb (regular guesses plus the irregular table's)."""
    out = {f for f in verb_forms(lemma) if f.endswith("ed")}
    if irregular and lemma in irregular:
        out.add(irregular[lemma][1])
    return out


def noun_forms(noun: str) -> set[str]:
    """Singular and plural of a noun (over-generated like :func:`verb_forms`).

    Examples
    --------
    >>> sorted(noun_forms("threat"))
    ['threat', 'threats']
    >>> sorted(noun_forms("ally"))
    ['allies', 'ally']
    """
    forms = {noun}
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(noun + "es")
    elif noun.endswith("y") and len(noun) > 1 and noun[-2] not in _VOWELS:
        forms.add(noun[:-1] + "ies")
    else:
        forms.add(noun + "s")
    return forms


# -- shared word tables ---------------------------------------------------------------------


@lru_cache(maxsize=8)
def verb_list_forms(name: str) -> frozenset[str]:
    """Every form of every verb listed, one lemma a line, in the data file ``name``.

    Examples
    --------
    >>> {"said", "says", "saying"} <= verb_list_forms("speech_verbs.txt")
    True
    """
    irregular = irregular_verbs()
    forms: set[str] = set()
    for _, lemma in read_lines(package_file(name)):
        forms |= verb_forms(lemma.lower(), irregular)
    return frozenset(forms)


@lru_cache(maxsize=1)
def irregular_verbs() -> dict[str, tuple[str, ...]]:
    """``lemma -> (past, participle, third, gerund)`` from ``irregular_verbs.tsv``."""
    src = package_file("irregular_verbs.tsv")
    out = {}
    for _, row in read_table(src, ("lemma", "past", "participle", "third", "gerund")):
        out[row["lemma"]] = (row["past"], row["participle"], row["third"], row["gerund"])
    return out


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """``word -> classes`` (preposition, determiner, relative, contrast, ...)."""
    out: dict[str, set[str]] = {}
    for _, row in read_table(package_file("function_words.tsv"), ("word", "class")):
        out.setdefault(row["word"], set()).add(row["class"])
    return {w: frozenset(c) for w, c in out.items()}
