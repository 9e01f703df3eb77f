"""Reported speech: speakers and the extent of what each one said."""

from __future__ import annotations

from framing import ActorDictionary
from framing.read.clauses import segment
from framing.read.speech import find_statements
from framing.read.text import tokenize

ACTORS = ActorDictionary.from_mapping({"Russia": ["Peskov"], "Ukraine": ["Zelensky"]})


def statements(text: str) -> list[tuple[str, str]]:
    toks = tokenize(text)
    found = find_statements(toks, ACTORS.find(text, 0, toks), segment(toks))
    return [(s.speaker.text, " ".join(toks.text[s.content_start:s.content_end]))
            for s in found]


def test_speech_one_statement_runs_to_the_sentence_end():
    assert statements("Peskov said the plan was a trap.") == [("Peskov", "the plan was a trap .")]


def test_speech_statement_stops_where_the_next_speaker_begins():
    got = statements("Peskov said the plan was a trap, and Zelensky said it was a fair offer.")
    assert got == [("Peskov", "the plan was a trap , and"),
                   ("Zelensky", "it was a fair offer .")]


def test_speech_inverted_statement_starts_after_the_previous_verb():
    # Who said "the offer is a ploy" is ambiguous; neither statement holds the other's speaker
    # or verb.
    got = statements("Peskov said talks had failed; the offer is a ploy, Zelensky said.")
    assert got == [("Peskov", "talks had failed ; the offer is a ploy ,"),
                   ("Zelensky", "talks had failed ; the offer is a ploy")]


def test_speech_many_statements_in_one_sentence_do_not_overlap():
    text = " ".join(["Peskov said the offer was a trap and Zelensky said it was fair"] * 50)
    toks = tokenize(text)
    found = find_statements(toks, ACTORS.find(text, 0, toks), segment(toks))
    assert len(found) == 100
    covered = sum(s.content_end - s.content_start for s in found)
    assert covered < len(toks)  # each token in at most one statement's content
