"""Article cleaning, sentence splitting and tokenisation."""

from __future__ import annotations

import json

import pytest
from conftest import SEED_GOLD

from framing.read.text import (
    _punkt,
    boilerplate_reason,
    clean_article,
    dateline_length,
    split_paragraph,
    tokenize,
)


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Estimated reading time: 3 minutes", "line"),
        ("5 min read", "line"),
        ("RECOMMENDED STORIES:", "list"),
        ("Related:", "list"),
        ("Read more: Kyiv and Moscow swap prisoners", "line"),
        ("Share this article", "line"),
        ("(Reporting by Jane Roe; Editing by John Doe)", "line"),
        ("(AFP)", "line"),
        ("Source: Agencies", "line"),
        ("Moscow insists that Ukraine abandon its NATO ambitions.", None),
        ("Share prices fell after the talks collapsed.", None),
    ],
)
def test_text_boilerplate_lines(line, reason):
    assert boilerplate_reason(line) == reason


def test_text_related_list_items_are_boilerplate():
    text = ("Title here\nBody sentence one.\nRELATED STORIES:\n- A headline\n- Another one\n"
            "More body.")
    art = clean_article(text)
    assert [s.text for s in art.sentences] == ["Title here", "Body sentence one.", "More body."]
    assert [b.text for b in art.boilerplate] == ["RELATED STORIES:", "- A headline",
                                                 "- Another one"]


@pytest.mark.parametrize(
    "paragraph, place",
    [
        ("Moscow -NC — Russia has outlined demands.", "Moscow -NC — "),
        ("GENEVA (Reuters) - Talks resumed.", "GENEVA (Reuters) - "),
        ("KYIV, Ukraine (AP) — Ukraine said.", "KYIV, Ukraine (AP) — "),
        ("WASHINGTON — The White House said.", "WASHINGTON — "),
        ("Russia — which denies it — said so.", ""),
        ("The talks — the first in years — ended.", ""),
    ],
)
def test_text_dateline(paragraph, place):
    assert paragraph[: dateline_length(paragraph)] == place


def test_text_seed_sentences_match_gold(seed_text):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    expected = [s["text"] for s in gold["sentences"] if not s.get("boilerplate")]
    art = clean_article(seed_text)
    assert [s.text for s in art.sentences] == expected
    assert all(seed_text[s.start:s.end] == s.text for s in art.sentences)
    assert art.sentences[0].is_title
    boiler = {b.text for b in art.boilerplate}
    assert {s["text"] for s in gold["sentences"] if s.get("boilerplate")} == boiler


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("Mr. Lavrov met U.S. officials. They left.", ["Mr. Lavrov met U.S. officials.",
                                                        "They left."]),
        ("Gen. Smith spoke. Sen. Jones did too.", ["Gen. Smith spoke.", "Sen. Jones did too."]),
        ("John F. Kennedy said no. Others agreed.", ["John F. Kennedy said no.",
                                                     "Others agreed."]),
        ("“We will not move. Never,” he said. Talks ended.",
         ["“We will not move.", "Never,” he said.", "Talks ended."]),
    ],
)
def test_text_sentence_splitting(text, sentences):
    art = clean_article(text)
    assert [s.text for s in art.sentences] == sentences


def test_text_offsets_point_into_original():
    text = "  Title  \r\n\r\nFirst one.  Second one.\n"
    art = clean_article(text)
    for s in art.sentences:
        assert text[s.start:s.end] == s.text


def test_text_tokenize_possessive_and_negation():
    toks = tokenize("Russia’s offer wasn't new", offset=10)
    assert toks.lower == ("russia", "'s", "offer", "was", "n't", "new")
    assert toks.start[0] == 10 and toks.end[1] == 18


def test_text_empty_and_whitespace():
    assert clean_article("").sentences == ()
    assert clean_article(" \n\t\n").sentences == ()


@pytest.mark.parametrize("paragraph", [
    "Kyiv rejected the offer",
    "Kyiv rejected the offer.",
    'He called it "a trap."',
    "Talks resume (in Geneva).",
    "Was it a trap? Nobody knew.",
    "They met the U.S. envoy. Nothing came of it.",
    'She said "No!" He left.',
    'The court called it "lawful."… Critics disagreed.',
    "Prices rose by 2.5 per cent",
])
def test_text_split_paragraph_agrees_with_punkt(paragraph):
    # A paragraph without a sentence-end mark before its end skips Punkt: same spans.
    spans = []
    for a, b in _punkt().span_tokenize(paragraph):
        while a < b and paragraph[a].isspace():
            a += 1
        while b > a and paragraph[b - 1].isspace():
            b -= 1
        spans.append((a, b))
    assert split_paragraph(paragraph, 0, len(paragraph)) == spans


def test_text_token_pattern_agrees_with_unguarded_one():
    """The tokenizer's fail-fast lookaheads change nothing: same tokens as the plain pattern on
    random strings of the characters its rules look at, and on the gold sentences."""
    import random
    import re
    from pathlib import Path

    from framing.read.text import _TOKEN

    plain = re.compile(
        r"""(?:[A-Za-z]\.){2,}(?![A-Za-z])
          | \w+(?=n[’']t\b)
          | n[’']t\b
          | [’']s\b
          | \w+(?:[-'’]\w+)*(?<![’']s)
          | [^\w\s]""",
        re.VERBOSE,
    )
    rng = random.Random(0)
    alphabet = "aAbNnstT.'’-_ 1é\u2014\u201c\u201d\"İ,\n"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
             for _ in range(20000)]
    texts += ["U.S. didn't", "DIDN'T", "can’t won't n't", "U.S.A.x", "A.B.'s", "rock'n's"]
    for path in sorted((Path(__file__).parent / "data" / "gold").glob("*.json")):
        texts.extend(json.loads(path.read_text(encoding="utf-8"))["text"].splitlines())
    for t in texts:
        got = [(m.span(), m.group()) for m in _TOKEN.finditer(t)]
        assert got == [(m.span(), m.group()) for m in plain.finditer(t)], t
