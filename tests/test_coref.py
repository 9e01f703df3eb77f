"""Coreference fast paths agree with the plain scans they replace."""

from __future__ import annotations

import json
from pathlib import Path

from framing.read.coref import (
    _HONORIFICS,
    _reference_index,
    _role_set,
    _title_before,
    person_roles,
    references,
)
from framing.read.text import clean_article, tokenize

GOLD = Path(__file__).parent / "data" / "gold"


def _texts() -> list[str]:
    texts = []
    for path in sorted(GOLD.glob("*.json")):
        art = clean_article(json.loads(path.read_text(encoding="utf-8"))["text"])
        texts.extend(s.text for s in art.sentences)
    phrases = [" ".join(r.words) for refs in references().values() for r in refs]
    texts.append("Then " + " and ".join(phrases) + ".")
    roles = [" ".join(r) for r in person_roles()]
    texts.append(", ".join(f"the {r} Smith said Mr. Jones" for r in roles) + ".")
    return texts


def _scan_reference(lower, i):
    """The phrase at token i as the original scan found it: longest first, first row wins."""
    for ref in references().get(lower[i], ()):
        if tuple(lower[i:i + len(ref.words)]) == ref.words:
            return ref
    return None


def _indexed_reference(lower, i):
    for k, phrases in _reference_index().get(lower[i], ()):
        ref = phrases.get(tuple(lower[i:i + k]))
        if ref is not None:
            return ref
    return None


def _scan_title(tokens, start):
    """_title_before without the last-word filter."""
    lower = tokens.lower
    window = lower[max(0, start - 4):start]
    for end in range(len(window), 0, -1):
        for k in (3, 2, 1):
            if end - k >= 0 and tuple(window[end - k:end]) in _role_set():
                return " ".join(window[end - k:end])
    for w in window[-2:]:
        if w in _HONORIFICS:
            return "person"
    if start > 0 and tokens.text[start - 1][:1].isupper() and lower[start - 1] in (
            "president", "premier", "chancellor", "minister", "secretary", "king", "emir"):
        return lower[start - 1]
    return ""


def test_coref_reference_index_agrees_with_scan():
    found = 0
    for text in _texts():
        lower = tokenize(text).lower
        for i in range(len(lower)):
            ref = _scan_reference(lower, i)
            assert _indexed_reference(lower, i) is ref, (text, i)
            found += ref is not None
    assert found > 100


def test_coref_title_before_agrees_with_scan():
    titled = 0
    for text in _texts():
        toks = tokenize(text)
        for i in range(len(toks) + 1):
            title = _scan_title(toks, i)
            assert _title_before(toks, i) == title, (text, i)
            titled += bool(title)
    assert titled > 50
