"""The command line: formats, and clear errors (never a traceback) for bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import SEED_GOLD, SEED_TEXT

from framing.cli.main import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_score_table_shows_parties_and_evidence(capsys):
    code, out, _ = run(capsys, "score", str(SEED_TEXT))
    assert code == 0
    assert "Russia" in out and "Evidence" in out and "hard-line" in out


@pytest.mark.parametrize(("option", "measure"), [
    ((), "party-aware sentiment"),
    (("--sentiment", "sentence-vader"), "sentence VADER"),
])
def test_cli_score_table_names_the_sentiment_measure(capsys, seed_text, option, measure):
    import framing

    code, out, _ = run(capsys, "score", str(SEED_TEXT), *option)
    assert code == 0
    header, *lines = out.splitlines()
    assert "toward (n)" in header and "tone (n)" in header
    assert any(line.startswith(f"toward: {measure}") for line in lines)
    assert any(line.startswith("tone:   sentence VADER") for line in lines)
    res = framing.score_article(seed_text, sentiment=True if not option else option[1])
    russia = res.parties["Russia"]
    row = next(line for line in lines if line.startswith("Russia ")).split()
    # ... toward (n) tone (n) voice title first
    assert row[-7:-3] == [f"{russia.sentiment_toward:+.2f}", f"({russia.sentiment_toward_n})",
                          f"{russia.sentence_tone:+.2f}", f"({russia.sentence_tone_n})"]


def test_cli_score_jsonl_contract(capsys):
    code, out, _ = run(capsys, "score", str(SEED_TEXT), "--format", "jsonl")
    text = SEED_TEXT.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    for r in rows:
        assert {"actor", "frame", "weight", "cue", "sentence_start", "sentence_end"} <= set(r)
        assert text[r["cue_start"]:r["cue_end"]] == r["cue"]
        assert r["sentence_start"] <= r["cue_start"] < r["cue_end"] <= r["sentence_end"]


def test_cli_score_json_and_csv(capsys):
    _, out, _ = run(capsys, "score", str(SEED_TEXT), "--format", "json")
    doc = json.loads(out)
    assert {"meta", "sentences", "framings", "parties", "statements"} <= set(doc)
    _, out, _ = run(capsys, "score", str(SEED_TEXT), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and rows[0]["actor"]


def test_cli_score_with_actor_file(tmp_path, capsys):
    actors = tmp_path / "actors.json"
    actors.write_text(json.dumps({"Acme Corp": ["Acme"]}), encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text("Acme rejected the union's offer.", encoding="utf-8")
    code, out, _ = run(capsys, "score", str(art), "--actors", str(actors), "--format", "jsonl")
    assert code == 0
    assert json.loads(out.splitlines()[0])["actor"] == "Acme Corp"


def test_cli_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Kyiv rejected the offer.")))
    code, out, _ = run(capsys, "score", "-", "--format", "jsonl")
    assert code == 0 and json.loads(out)["actor"] == "Ukraine"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file"),
        ("Caf\u00e9 talks".encode("latin-1"), "(?i)not valid utf-8 .*--encoding"),
        ("Kyiv".encode("utf-16"), "UTF-16"),
    ],
)
def test_cli_bad_input_is_a_clear_error(tmp_path, capsys, data, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    code, out, err = run(capsys, "score", str(p))
    assert code == 2 and out == ""
    assert "Traceback" not in err
    import re

    assert re.search(message, err), err
    assert str(p) in err


def test_cli_encoding_option_reads_latin1(tmp_path, capsys):
    p = tmp_path / "latin.txt"
    p.write_bytes("Kyiv rejected the caf\u00e9 offer.".encode("latin-1"))
    code, out, _ = run(capsys, "score", str(p), "--encoding", "latin-1", "--format", "jsonl")
    assert code == 0 and "Ukraine" in out


def test_cli_missing_file(capsys):
    code, _, err = run(capsys, "score", "/nonexistent/article.txt")
    assert code == 2 and "file not found" in err


def test_cli_empty_input(tmp_path, capsys):
    p = tmp_path / "empty.txt"
    p.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "score", str(p))
    assert code == 0 and "no parties found" in out and "empty input" in err


def test_cli_non_english_input(tmp_path, capsys):
    p = tmp_path / "ru.txt"
    p.write_text("Москва отвергла предложение о перемирии. " * 30, encoding="utf-8")
    code, _, err = run(capsys, "score", str(p), "--format", "jsonl")
    assert code == 0 and "does not look like English" in err


def test_cli_one_megabyte_article(tmp_path, capsys):
    body = SEED_TEXT.read_text(encoding="utf-8")
    big = (body + "\n") * (1_000_000 // len(body) + 1)
    p = tmp_path / "big.txt"
    p.write_text(big, encoding="utf-8")
    code, out, _ = run(capsys, "score", str(p), "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) > 500


def test_cli_one_megabyte_without_punctuation(tmp_path, capsys):
    p = tmp_path / "wall.txt"
    p.write_text("Moscow rejected the offer and " * 35_000, encoding="utf-8")
    code, out, err = run(capsys, "score", str(p), "--format", "jsonl", "--method", "lexicon")
    assert code == 0 and "Traceback" not in err
    rows = [json.loads(line) for line in out.splitlines()]
    # One sentence of 175,000 words: every rejection is found, in time linear in its length
    # (benchmarks/bench_sentence_length.py measures it against the same words in sentences).
    assert len(rows) == 35_000
    assert {(r["actor"], r["frame"]) for r in rows} == {("Russia", "hard-line")}
    # The default method keeps one framing per (sentence, party, frame).
    code, out, err = run(capsys, "score", str(p), "--format", "jsonl")
    assert code == 0 and ("Russia", "hard-line") in {
        (r["actor"], r["frame"]) for r in map(json.loads, out.splitlines())}


def test_cli_evaluate_table_and_json(capsys):
    code, out, _ = run(capsys, "evaluate", str(SEED_GOLD))
    assert code == 0 and "micro" in out and "Krippendorff" in out
    code, out, _ = run(capsys, "evaluate", str(SEED_GOLD), "--format", "json")
    doc = json.loads(out)
    assert set(doc["per_frame"]) == {"hard-line", "skeptical", "conciliatory"}


def test_cli_evaluate_threshold_overrides_the_models(capsys):
    """--threshold scores with another frame threshold: a low one finds more classifier
    framings than the model's, a high one fewer (counted over the seed's predictions)."""
    found = {}
    for t in ("0.05", None, "0.95"):
        extra = ("--threshold", t) if t else ()
        code, out, _ = run(capsys, "evaluate", str(SEED_GOLD), "--method", "classifier",
                           "--format", "json", *extra)
        assert code == 0
        found[t] = sum(c["tp"] + c["fp"] for c in json.loads(out)["per_frame"].values())
    assert found["0.05"] > found[None] > found["0.95"]
    with pytest.raises(SystemExit) as stop:
        run(capsys, "evaluate", str(SEED_GOLD), "--threshold", "1.5")
    assert stop.value.code == 2 and "between 0 and 1" in capsys.readouterr().err


def test_cli_evaluate_bad_gold(tmp_path, capsys):
    p = tmp_path / "g.json"
    p.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(p))
    assert code == 2 and "g.json:1: invalid JSON" in err


def test_cli_bad_lexicon_file(tmp_path, capsys):
    lex = tmp_path / "lex.tsv"
    lex.write_text("pattern\tframe\tweight\tmatch\trole\texample\nx\tbad\t1\tverb\tstance\te\n",
                   encoding="utf-8")
    code, _, err = run(capsys, "score", str(SEED_TEXT), "--lexicon", str(lex))
    assert code == 2 and "lex.tsv:2: frame 'bad'" in err


def test_cli_evaluate_reports_each_distinct_error_once(capsys):
    """A model that fails every article (here: an extra that is missing) is one line of
    errors naming how many articles it hit, not one line per article."""
    from framing.cli.main import _report_errors

    msg = "model.skops: sentence embeddings need the optional extra"
    _report_errors([{"id": f"a{k}", "method": "ensemble", "error": msg} for k in range(5)]
                   + [{"id": "b", "method": "ensemble", "error": "other"}])
    lines = capsys.readouterr().err.splitlines()
    assert lines == [f"5 articles (a0, a1, a2, ...): ERROR (ensemble) {msg}",
                     "b: ERROR (ensemble) other"]


def test_cli_evaluate_model_that_cannot_load_fails_before_scoring(tmp_path, capsys):
    from framing.cli.main import main

    bad = tmp_path / "broken.skops"
    bad.write_bytes(b"not a zip")
    assert main(["evaluate", str(SEED_GOLD), "--model", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: ") and "broken.skops" in err
    assert "ERROR (" not in err  # no article was scored
