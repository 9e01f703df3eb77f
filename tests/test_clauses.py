"""Clause segmentation: the candidate-token fast path agrees with a token-by-token scan."""

from __future__ import annotations

import json
from pathlib import Path

from framing.read.clauses import (
    _CONDITIONS,
    _NOT_COMPLEMENT,
    _SUBJECT_WORDS,
    _TAKES_OBJECT,
    PUNCT_BOUNDARIES,
    _complementiser,
    find_quotes,
    segment,
)
from framing.read.speech import speech_forms
from framing.read.text import clean_article, tokenize
from framing.read.words import function_words

GOLD = Path(__file__).parent / "data" / "gold"


def _segment_scan(tokens, quote, speech):
    """segment() as it was written before the fast path: every token, every rule."""
    fw = function_words()
    lower = tokens.lower
    of, opener, bounds = [], ["start"], []
    cid = 0
    for i, w in enumerate(lower):
        classes = fw.get(w, ())
        if i > 0:
            prev = lower[i - 1]
            new = None
            if prev in PUNCT_BOUNDARIES or quote[i] != quote[i - 1]:
                new = "quote" if quote[i] != quote[i - 1] else "punct"
            if "contrast" in classes:
                new = "contrast"
            elif "relative" in classes:
                new = "relative"
            elif w in _CONDITIONS and prev not in ("only", "even", "as"):
                new = "condition"
            elif (w == "that" and _complementiser(lower, i, fw)) or (
                    prev in speech and new is None and w not in _NOT_COMPLEMENT
                    and prev not in _TAKES_OBJECT
                    and (tokens.text[i][:1].isupper() or w in _SUBJECT_WORDS)):
                new = "that"
            if new is not None:
                cid += 1
                opener.append(new)
        of.append(cid)
        bounds.append(w in PUNCT_BOUNDARIES or w in ('"', "“", "”") or "contrast" in classes
                      or "relative" in classes or w in ("and", "or"))
    return tuple(of), tuple(opener), tuple(bounds)


def test_clauses_segment_agrees_with_scan():
    texts = [
        "Kyiv refused, but Moscow agreed to talks that day.",
        '“We will not sign,” Peskov said, “unless the West, which armed Kyiv, stops.”',
        'He said China remained committed; she told reporters that "it is over" -- or not.',
        "Only if Hamas agrees, and even once Israel — whose army waits — said so, that ends.",
        "",
        ",",
        "said",
        'Tehran said "no" "yes" while Washington, though wary, whether or not...',
    ]
    for path in sorted(GOLD.glob("*.json")):
        art = clean_article(json.loads(path.read_text(encoding="utf-8"))["text"])
        texts.extend(s.text for s in art.sentences)
    for text in texts:
        toks = tokenize(text)
        quote = find_quotes(toks)
        for speech in (speech_forms(), frozenset()):
            c = segment(toks, quote, speech)
            assert (c.of, c.opener, c.bounds) == _segment_scan(toks, quote, speech), text
            assert c.quote == tuple(quote)


def test_clauses_segment_takes_speech_verbs_as_a_plain_set():
    toks = tokenize("He said China remained committed, but Kyiv told reporters it would wait.")
    assert segment(toks, None, set(speech_forms())) == segment(toks, None, speech_forms())
