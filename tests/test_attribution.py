"""One-sentence cases from the annotation guideline: who holds which frame."""

from __future__ import annotations

import pytest
from conftest import ACTORS

from framing import score_article


def frames_of(text: str) -> set[tuple[str, str]]:
    res = score_article(text, actors=ACTORS, actors_mode="replace", sentiment=False)
    return {(f.actor, f.frame) for f in res.framings}


@pytest.mark.parametrize(
    "text, expected",
    [
        # Negation flips or cancels a cue.
        ("Kyiv refused to negotiate.", {("Ukraine", "hard-line")}),
        ("Kyiv did not reject the offer.", set()),
        ("Moscow showed no willingness to compromise.", {("Russia", "hard-line")}),
        # One party, two frames.
        ("Peskov dismissed the ceasefire as a tactical move.",
         {("Russia", "hard-line"), ("Russia", "skeptical")}),
        # Targets are mentioned, not framed.
        ("Washington imposed new sanctions on Moscow.", {("United States", "hard-line")}),
        ("China urged the US to stop its pressure.", {("China", "hard-line")}),
        ("Qatar urged both sides to return to talks.", {("Qatar", "conciliatory")}),
        # Phrases with a clear agent.
        ("Talks stalled after Russia's rejection of the truce.", {("Russia", "hard-line")}),
        ("Moscow rejected a ceasefire proposed by Washington.",
         {("Russia", "hard-line"), ("United States", "conciliatory")}),
        # Reported speech: the speaker holds the stance.
        ("Peskov said Moscow would never accept a ceasefire.", {("Russia", "hard-line")}),
        ("“We are ready to talk,” Zelensky said.", {("Ukraine", "conciliatory")}),
        # Conditions.
        ("Kyiv said it would hold talks only if Moscow withdrew its troops first.",
         {("Ukraine", "hard-line"), ("Ukraine", "conciliatory")}),
        # Denials frame no one; ruling out is hard-line.
        ("No meeting between Kyiv and Moscow is planned.", set()),
        ("Zelensky ruled out a meeting with Putin.", {("Ukraine", "hard-line")}),
        # Narrator words about everyone frame no one.
        ("The underlying mistrust between the two sides remains deep.", set()),
        ("Any deal will require compromises from all parties involved.", set()),
        # ... unless they say what each did.
        ("Both Kyiv and Moscow rejected the plan.", {("Ukraine", "hard-line"),
                                                      ("Russia", "hard-line")}),
        # Mediators acting.
        ("Egypt helped broker the truce.", {("Egypt", "conciliatory")}),
        # Skepticism.
        ("Kyiv expressed skepticism about Moscow's intentions.", {("Ukraine", "skeptical")}),
        ("Beijing questioned the sincerity of the US offer.", {("China", "skeptical")}),
    ],
)
def test_attribution_guideline_cases(text, expected):
    assert frames_of(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Zelensky spoke to reporters. He rejected any talks with Moscow.",
         {("Ukraine", "hard-line")}),
        ("Washington drafted a peace plan. The plan calls for a ceasefire.", set()),
    ],
)
def test_attribution_pronouns_and_references(text, expected):
    assert frames_of(text) >= expected


def test_attribution_continuing_quote_is_the_speakers():
    text = ("“We will not sign,” Peskov said. “It is a trap, and we reject it.”")
    assert frames_of(text) >= {("Russia", "hard-line"), ("Russia", "skeptical")}


def test_attribution_evidence_names_rule_and_holder():
    res = score_article("However, talks stalled after Russia's rejection of the truce.",
                        actors=ACTORS, actors_mode="replace", sentiment=False)
    (f,) = res.framings
    assert (f.rule, f.holder, f.cue) == ("possessive", "Russia", "rejection")
