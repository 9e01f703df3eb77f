"""Actor dictionaries: formats, validation, matching."""

from __future__ import annotations

import json

import pytest

from framing import ActorDictionary, resolve_actors
from framing.errors import ActorError, LexiconError


def texts(actors: ActorDictionary, sentence: str) -> list[tuple[str, str]]:
    return [(m.party, m.text) for m in actors.find(sentence)]


def test_actors_simple_mapping_is_accepted():
    d = ActorDictionary.from_mapping({"Russia": ["Moscow", "Kremlin", "Peskov"]})
    assert texts(d, "The Kremlin and Peskov spoke for Russia.") == [
        ("Russia", "Kremlin"), ("Russia", "Peskov"), ("Russia", "Russia")]


def test_actors_case_aware_us_is_not_the_pronoun():
    d = ActorDictionary.from_mapping({"United States": ["US", "U.S."]})
    assert texts(d, "Let us talk, the US said.") == [("United States", "US")]
    assert texts(d, "US AND U.S. FORCES") == [("United States", "US"), ("United States", "U.S.")]


def test_actors_longest_match_first():
    d = ActorDictionary.from_mapping({"Europe": ["European Union"], "Union X": ["Union"]})
    assert texts(d, "The European Union spoke.") == [("Europe", "European Union")]


def test_actors_possessive_marks_mention():
    d = ActorDictionary.from_mapping({"Russia": ["Moscow"]})
    (m,) = d.find("Moscow’s demands")
    assert m.possessive


def test_actors_default_has_demonyms_leaders_and_many_parties():
    d = ActorDictionary.default()
    assert len(d.parties) >= 60
    found = texts(d, "Russian officials met Ukrainian President Volodymyr Zelensky and NATO.")
    parties = [p for p, _ in found]
    assert parties[:1] == ["Russia"] and "Ukraine" in parties and "NATO" in parties
    assert ("Russia", "Russians") in texts(d, "Many Russians agree.")


def test_actors_default_people_have_roles_and_dates():
    d = ActorDictionary.default()
    people = [pe for p in d.parties.values() for pe in p.people]
    assert len(people) >= 100
    assert all(pe.role for pe in people)
    assert any(pe.end is not None for pe in people)  # predecessors with their periods


def test_actors_extend_and_replace():
    user = {"Acme Corp": ["Acme"], "Russia": ["Kremlin insiders"]}
    extended = resolve_actors(user)
    assert "Acme Corp" in extended.parties and "China" in extended.parties
    assert "Kremlin insiders" in extended.parties["Russia"].aliases
    replaced = resolve_actors(user, mode="replace")
    assert sorted(replaced.parties) == ["Acme Corp", "Russia"]


def test_actors_user_alias_wins_over_default():
    extended = resolve_actors({"Europe": ["Western allies"], "West": ["NATO"]})
    (m,) = extended.find("NATO met.")
    assert m.party == "West"


def test_actors_mapping_guesses_people_for_pronouns():
    d = ActorDictionary.from_mapping({"Europe": ["EU", "Anna Holmgren", "Holmgren"]})
    (person,) = d.parties["Europe"].people
    assert person.name == "Anna Holmgren" and person.aliases == ("Holmgren",)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"party": "X", "kind": "planet"}\n', "a.jsonl:1: kind must be one of"),
        ('{"party": "X"}\n{"party": "X"}\n', "a.jsonl:2: party 'X' defined twice"),
        ('{"party": "X", "aliases": "Y"}\n', "a.jsonl:1: 'aliases' must be a list"),
        ('{"party": "X", "colour": 1}\n', r"a.jsonl:1: unknown keys \['colour'\]"),
        ('{"party": "X", "people": [{"name": "Y", "from": "May 2020"}]}\n',
         "a.jsonl:1: people\\[0\\]: 'from' must be an ISO date"),
        ('not json\n', "a.jsonl:1: invalid JSON"),
    ],
)
def test_actors_file_errors_name_file_and_line(tmp_path, content, message):
    p = tmp_path / "a.jsonl"
    p.write_text(content, encoding="utf-8")
    with pytest.raises((LexiconError, ActorError), match=message):
        ActorDictionary.from_file(p)


def test_actors_json_mapping_file(tmp_path):
    p = tmp_path / "actors.json"
    p.write_text(json.dumps({"Russia": ["Moscow"]}), encoding="utf-8")
    d = ActorDictionary.from_file(p)
    assert texts(d, "Moscow said.") == [("Russia", "Moscow")]


def test_actors_mapping_rejects_string_aliases():
    with pytest.raises(ActorError, match="aliases of 'Russia' must be a list"):
        ActorDictionary.from_mapping({"Russia": "Moscow"})


def test_actors_records_round_trip():
    d = ActorDictionary.default()
    again = ActorDictionary.from_records(d.to_records())
    assert again.parties == d.parties
