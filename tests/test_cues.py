"""Frame lexicons: loading, validation, inflection, matching, modifiers."""

from __future__ import annotations

import pytest

from framing.errors import LexiconError
from framing.labels import FRAMES
from framing.lexicon.cues import FrameLexicon, load_lexicon, read_frame_rows
from framing.read.text import tokenize
from framing.read.words import irregular_verbs, noun_forms, verb_forms
from framing.resources import Source

HEADER = "pattern\tframe\tweight\tmatch\trole\texample\n"


@pytest.mark.parametrize(
    "lemma, forms",
    [
        ("demand", {"demand", "demands", "demanded", "demanding"}),
        ("insist", {"insist", "insists", "insisted", "insisting"}),
        ("reject", {"reject", "rejects", "rejected", "rejecting"}),
        ("rely", {"rely", "relies", "relied", "relying"}),
        ("make", {"make", "makes", "made", "making"}),
        ("stop", {"stopped", "stopping", "stops"}),
    ],
)
def test_cues_verb_forms(lemma, forms):
    assert forms <= verb_forms(lemma, irregular_verbs())


@pytest.mark.parametrize("noun, plural", [("threat", "threats"), ("ally", "allies"),
                                          ("crisis", "crisises"), ("demand", "demands")])
def test_cues_noun_forms(noun, plural):
    assert plural in noun_forms(noun)


def test_cues_default_lexicon_size_per_frame():
    lex = FrameLexicon.default()
    for frame in FRAMES:
        assert len(lex.rows_for(frame)) >= 150, frame


def test_cues_every_example_matches_its_own_row():
    """Each row's example sentence contains the cue (the evidence column is honest)."""
    lex = FrameLexicon.default()
    missing = []
    for row in lex.rows:
        single = FrameLexicon((row,), lex.modifiers)
        if not single.match(tokenize(row.example)):
            missing.append(f"{row.source}:{row.line} {row.pattern!r}: {row.example!r}")
    assert not missing, "\n".join(missing[:20])


@pytest.mark.parametrize(
    "body, message",
    [
        ("reject\thardline\t1\tverb\tstance\tx\n", "my.tsv:2: frame 'hardline' is not one of"),
        ("reject\thard-line\tstrong\tverb\tstance\tx\n", "my.tsv:2: weight must be a number"),
        ("reject\thard-line\t3\tverb\tstance\tx\n", r"my.tsv:2: weight must be in \(0, 2\]"),
        ("reject\thard-line\t1\tlemma\tstance\tx\n", r"my.tsv:2: match 'lemma' is not one of"),
        ("reject\thard-line\t1\tverb\tstance\n", "my.tsv:2: expected 6 tab-separated fields"),
        ("propose {truce}\tconciliatory\t1\tverb\tstance\tx\n",
         "my.tsv:2: unknown word class {truce}"),
        ("reject\thard-line\t1\tverb\tstance\tx\nreject\thard-line\t1\tverb\tstance\tx\n",
         "my.tsv:3: duplicate cue 'reject' \\(hard-line\\), first on line 2"),
        ("reject\tnone\t1\tverb\tstance\tx\n", "my.tsv:2: role 'block' goes with frame 'none'"),
    ],
)
def test_cues_validation_names_file_and_line(body, message):
    with pytest.raises(LexiconError, match=message):
        read_frame_rows(Source("my.tsv", HEADER + body))


def test_cues_header_is_checked():
    with pytest.raises(LexiconError, match=r"my\.tsv:1: header must be"):
        read_frame_rows(Source("my.tsv", "cue\tframe\nreject\thard-line\n"))


def test_cues_user_file_adds_and_overrides(tmp_path):
    p = tmp_path / "mine.tsv"
    p.write_text(HEADER + "stonewall\thard-line\t1.3\tverb\tstance\tThe board stonewalled.\n"
                 "reject\thard-line\t0.5\tverb\trefusal\tThey rejected it.\n", encoding="utf-8")
    lex = load_lexicon(p)
    (m,) = lex.match(tokenize("The board stonewalled again."))
    assert m.row.pattern == "stonewall" and m.row.source.endswith("mine.tsv")
    weights = [r.weight for r in lex.rows if r.pattern == "reject" and r.frame == "hard-line"]
    assert weights == [0.5]


def test_cues_gap_does_not_cross_clause_boundary():
    lex = FrameLexicon.default()
    hits = {(m.row.frame, m.row.pattern) for m in lex.match(tokenize(
        "They proposed a long list, and talks failed."))}
    assert ("conciliatory", "propose ... {peace}") not in hits


def test_cues_block_rows_hide_inner_cue():
    lex = FrameLexicon.default()
    frames = {m.row.frame for m in lex.match(tokenize("Its negotiating position is unclear."))}
    assert "conciliatory" not in frames


def test_cues_modifiers_found_before_cue():
    lex = FrameLexicon.default()
    toks = tokenize("Kyiv did not reject the offer")
    (m,) = [c for c in lex.match(toks) if c.row.frame == "hard-line"]
    bounds = [False] * len(toks)
    mods = lex.modifiers_before(toks, m.tok_start, bounds)
    assert any(x.type == "negator" for x in mods)


def test_cues_prefilters_never_skip_a_match():
    """match() skips a pattern when a later element's words are all absent from the sentence,
    and passive variants when there is no "by": trying every pattern at every token must find
    nothing those filters would have skipped."""
    import json
    from pathlib import Path

    from framing import clean_article
    from framing.lexicon.cues import _match_at, default_boundaries

    lex = FrameLexicon.default()
    texts = [r.example for r in lex.rows]
    for path in sorted((Path(__file__).parent / "data" / "gold").glob("*.json")):
        art = clean_article(json.loads(path.read_text(encoding="utf-8"))["text"])
        texts.extend(s.text for s in art.sentences)
    texts.append("A truce proposed by Cairo and a peace plan backed by Kyiv were rejected.")
    tried = passives_found = 0
    for text in texts:
        toks = tokenize(text)
        lower, bounds, present = toks.lower, default_boundaries(toks), set(toks.lower)
        for i, word in enumerate(lower):
            actives, passives = lex._compiled.get(word, ((), ()))
            for comp in (*actives, *passives):
                end, _ = _match_at(comp.elements, comp.head_element, lower, bounds, i)
                if end < 0:
                    continue
                tried += 1
                assert all(not present.isdisjoint(words) for words in comp.requires), (
                    text, comp.row.pattern)
                if comp.passive and end < len(lower) and lower[end] == "by":
                    passives_found += 1
                    assert "by" in present
    assert tried > 500 and passives_found > 0


def test_cues_one_phrase_with_two_frames_gives_both():
    """A cue row per frame for the same words ("witch hunt": hard-line and skeptical) gives
    both frames, where overlapping rows of different words give only the longest."""
    from framing import FrameLexicon
    from framing.read.text import tokenize

    lex = FrameLexicon.default()
    found = [(m.row.pattern, m.row.frame) for m in lex.match(tokenize(
        "The president called the inquiry a witch hunt."))]
    assert sorted(found) == [("witch hunt", "hard-line"), ("witch hunt", "skeptical")]


def _lexicon_of(body: str) -> FrameLexicon:
    return FrameLexicon(tuple(read_frame_rows(Source("t.tsv", HEADER + body))))


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # The block covers the head ("suspect") of the longer cue: the block wins.
        ("Police identified the suspect as a man of 21.", ["the suspect"]),
        ("Kyiv suspects Moscow of stalling.", ["suspect ... of"]),
        # The longer cue's head ("support") is outside the block: the cue wins.
        ("Kyiv will support the peace process.", ["peace process", "support the ... process"]),
    ],
)
def test_cues_block_hides_cues_whose_head_it_covers(sentence, expected):
    lex = _lexicon_of(
        "peace process\tnone\t1.0\tnoun\tblock\tThe peace process began.\n"
        "support the ... process\tconciliatory\t1.0\tverb\tstance\t"
        "Kyiv will support the peace process.\n"
        "suspect ... of\tskeptical\t0.8\tverb\tstance\tKyiv suspects Moscow of stalling.\n"
        "the suspect\tnone\t1.0\tnoun\tblock\tPolice held the suspect.\n")
    found = [m.row.pattern for m in lex.match(tokenize(sentence))]
    assert sorted(found) == sorted(expected)
