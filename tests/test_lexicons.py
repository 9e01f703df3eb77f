"""Every shipped data file loads, is versioned, and is kept tidy."""

from __future__ import annotations

import csv
import json
from importlib import resources

import pytest

from framing.resources import manifest, sha256

FILES = sorted(p.name for p in resources.files("framing.lexicons").iterdir()
               if p.name.endswith((".tsv", ".txt", ".jsonl")))


def test_lexicons_manifest_lists_every_data_file():
    assert sorted(manifest()) == FILES


@pytest.mark.parametrize("name", FILES)
def test_lexicons_hash_matches_manifest(name):
    text = (resources.files("framing.lexicons") / name).read_text(encoding="utf-8")
    assert sha256(text) == manifest()[name]["sha256"], (
        f"{name} changed without a version bump: run python scripts/update_manifest.py --bump")


@pytest.mark.parametrize("name", [n for n in FILES if n.endswith(".tsv")])
def test_lexicons_tables_are_sorted_and_unique(name):
    text = (resources.files("framing.lexicons") / name).read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()[1:], delimiter="\t", quoting=csv.QUOTE_NONE))
    keys = [tuple(r[:2]) for r in rows if r]
    assert len(keys) == len(set(keys)), f"{name} has duplicate rows"


@pytest.mark.parametrize("name", [n for n in FILES if n.endswith(".txt")])
def test_lexicons_word_lists_sorted_unique_lowercase(name):
    lines = [x for x in (resources.files("framing.lexicons") / name).read_text(
        encoding="utf-8").splitlines() if x.strip()]
    assert lines == sorted(set(lines)), f"{name} must be sorted and without duplicates"
    assert all(x == x.lower() for x in lines)


def test_lexicons_everything_loads():
    from framing import ActorDictionary
    from framing.lexicon.cues import FrameLexicon, default_modifiers
    from framing.read.coref import references
    from framing.read.text import _boilerplate_rules, _punkt
    from framing.read.words import irregular_verbs

    assert ActorDictionary.default().parties
    assert FrameLexicon.default().rows
    assert default_modifiers() and irregular_verbs() and references()
    assert _boilerplate_rules().line and _punkt()


def test_lexicons_actor_aliases_not_shared_between_parties():
    seen = {}
    for line in (resources.files("framing.lexicons") / "actors.jsonl").read_text(
            encoding="utf-8").splitlines():
        rec = json.loads(line)
        names = list(rec.get("aliases", [])) + [n for p in rec.get("people", [])
                                                for n in [p["name"], *p.get("aliases", [])]]
        for a in names:
            key = a.lower().removeprefix("the ")
            assert seen.setdefault(key, rec["party"]) == rec["party"], (
                f"alias {a!r} of {rec['party']} already names {seen[key]}")


def test_lexicons_every_example_shows_its_cue():
    """Each example sentence of a cue row (several are separated by " | ") matches that row."""
    from framing.lexicon.cues import FrameLexicon, default_boundaries
    from framing.read.text import tokenize

    lex = FrameLexicon.default()
    bad = []
    for row in lex.rows:
        for example in row.example.split(" | "):
            toks = tokenize(example)
            matches = lex.match(toks, default_boundaries(toks))
            found = {(m.row.pattern, m.row.frame) for m in matches}
            if (row.pattern, row.frame) not in found:
                bad.append((row.pattern, row.frame, example))
    assert bad == []


def test_lexicons_a_row_resting_on_one_article_has_a_second_example():
    """A row that fires on a single article or story of the project's own texts was likely
    written from it: it stays only with a second example sentence from another story."""
    import sys
    from pathlib import Path

    from framing import FrameLexicon

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from lexicon_sources import sources

    lex = FrameLexicon.default()
    fires = sources(lex, realnews=False)
    single = {k for k, v in fires.items() if len(v) == 1 and next(iter(v)).startswith("gold:")}
    lonely = [r.pattern for r in lex.rows
              if f"{r.pattern}\t{r.frame}" in single and " | " not in r.example]
    assert lonely == []
