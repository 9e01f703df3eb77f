"""Batch scoring: score_corpus (framing.batch.corpus) and the `framing batch` command."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import GOLD, ROOT

import framing
import framing.batch.corpus as corpus
from framing.batch.corpus import (
    FRAMING_COLUMNS,
    PARTY_COLUMNS,
    CorpusFrames,
    party_values,
    score_corpus,
)
from framing.batch.io import progress_path, read_output
from framing.cli.batch import main as batch_main
from framing.errors import FramingError, InputError

# -- a corpus made of the project's own sentences -------------------------------------------


def project_sentences() -> list[str]:
    """Sentences of the gold articles and the training sets (never ../shared)."""
    from framing import clean_article

    out = []
    for path in GOLD:
        art = clean_article(json.loads(path.read_text(encoding="utf-8"))["text"])
        out.extend(s.text for s in art.sentences if not s.is_title)
    for path in sorted((ROOT / "training").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            out.append(json.loads(line)["text"])
    return list(dict.fromkeys(s.strip() for s in out if s.strip()))


def synthetic_articles(n: int, *, seed: int = 0, sentences: tuple[int, int] = (1, 3),
                       pool: list[str] | None = None) -> list[dict]:
    """``n`` short articles (a title line and a few sentences) recombined with a seeded RNG."""
    pool = pool or project_sentences()
    rng = random.Random(seed)
    arts = []
    for i in range(n):
        body = " ".join(rng.sample(pool, rng.randint(*sentences)))
        title = rng.choice(pool)[:80]
        arts.append({"id": f"art-{i:05d}", "outlet": rng.choice(["Wire", "Daily", "Herald"]),
                     "text": f"{title}\n{body}"})
    return arts


def write_jsonl(path: Path, rows, *, corrupt: dict[int, bytes] | None = None) -> Path:
    corrupt = corrupt or {}
    with path.open("wb") as f:
        for i, row in enumerate(rows):
            f.write(corrupt.get(i, json.dumps(row).encode()) + b"\n")
    return path


@pytest.fixture(scope="module")
def pool() -> list[str]:
    return project_sentences()


@pytest.fixture(scope="module")
def small(pool) -> list[dict]:
    arts = synthetic_articles(40, seed=1, pool=pool)
    arts[5]["text"] = "The weather was mild and the markets were closed."  # no party
    arts[9]["text"] = "   "
    return arts


# -- score_corpus ---------------------------------------------------------------------------


def test_rows_match_score_article(seed_text):
    df = score_corpus([seed_text], progress=False)
    ref = framing.score_article(seed_text).to_frame("parties")
    assert list(df.columns) == ["id", *PARTY_COLUMNS, "error"]
    assert df["id"].tolist() == [0] * len(ref)
    got = df[list(PARTY_COLUMNS)].astype(object).where(df[list(PARTY_COLUMNS)].notna(), None)
    want = ref.astype(object).where(ref.notna(), None)
    assert got.values.tolist() == want.values.tolist()
    assert df["error"].isna().all()


def test_party_values_follow_to_frame_columns(seed_text):
    res = framing.score_article(seed_text)
    p = next(iter(res.parties.values()))
    assert len(party_values(p)) == len(res.to_frame("parties").columns)
    assert set(corpus.COLUMN_KINDS) == {*PARTY_COLUMNS, "error"}


def test_strings_get_positions_as_ids_and_every_article_a_row():
    texts = ["Moscow rejected the truce.", "The weather was mild.", "", 42, None,
             "Kyiv offered new talks."]
    df = score_corpus(texts, progress=False)
    assert df["id"].drop_duplicates().tolist() == list(range(6))
    by_id = df.set_index("id")
    assert by_id.loc[0, "actor"] == "Russia" and by_id.loc[0, "dominant"] == "hard-line"
    assert pd.isna(by_id.loc[1, "actor"]) and pd.isna(by_id.loc[1, "error"])  # no party: kept
    assert by_id.loc[2, "error"] == "'text' is empty"
    assert by_id.loc[3, "error"] == "record 3: expected a dict or a str; got int"
    assert by_id.loc[4, "error"] == "record 4: expected a dict or a str; got NoneType"
    assert by_id.loc[5, "actor"] == "Ukraine"
    assert str(df["mentions"].dtype) == "Int64" and str(df["in_title"].dtype) == "boolean"


def test_single_str_and_other_wrong_inputs_are_rejected():
    with pytest.raises(InputError, match="got a single str; use score_article"):
        score_corpus("Moscow rejected the truce.")
    with pytest.raises(InputError, match="single mapping"):
        score_corpus({"text": "Moscow rejected the truce."})
    with pytest.raises(InputError, match="got int"):
        score_corpus(3)
    with pytest.raises(InputError, match="no column 'body'"):
        score_corpus(pd.DataFrame({"text": ["x"]}), text="body")
    with pytest.raises(InputError, match="n_jobs"):
        score_corpus(["x"], n_jobs=0)


def test_dataframe_columns_carried_first_with_their_dtypes(small):
    df = pd.DataFrame(small)
    df["date"] = pd.to_datetime("2024-05-01") + pd.to_timedelta(range(len(df)), unit="D")
    df["words"] = df["text"].str.split().str.len()
    out = score_corpus(df, progress=False)
    assert list(out.columns[:4]) == ["id", "outlet", "date", "words"]
    assert list(out.columns[4:]) == [*PARTY_COLUMNS, "error"]
    assert out["date"].dtype == df["date"].dtype and out["words"].dtype == df["words"].dtype
    assert out["id"].drop_duplicates().tolist() == df["id"].tolist()
    assert out.loc[out["id"] == "art-00005", "actor"].isna().all()
    assert out.loc[out["id"] == "art-00009", "error"].tolist() == ["'text' is empty"]
    # Without an id column, the index is the id.
    indexed = df.drop(columns="id").set_axis([f"k{i}" for i in range(len(df))])
    out2 = score_corpus(indexed, progress=False)
    assert out2["id"].drop_duplicates().tolist() == list(indexed.index)


def test_n_jobs_does_not_change_the_result(small):
    one = score_corpus(small, progress=False, evidence=True, chunk_size=7)
    two = score_corpus(small, progress=False, evidence=True, chunk_size=7, n_jobs=2)
    assert isinstance(two, CorpusFrames)
    pd.testing.assert_frame_equal(one.parties, two.parties)
    pd.testing.assert_frame_equal(one.framings, two.framings)
    df = pd.DataFrame(small)
    pd.testing.assert_frame_equal(score_corpus(df, progress=False),
                                  score_corpus(df, progress=False, n_jobs=2, chunk_size=5))


def test_evidence_table_matches_to_frame(seed_text):
    res = score_corpus([{"id": "seed", "text": seed_text}], evidence=True, progress=False)
    ref = framing.score_article(seed_text).to_frame("framings")
    assert list(res.framings.columns) == ["id", *FRAMING_COLUMNS]
    assert (res.framings["id"] == "seed").all()
    pd.testing.assert_frame_equal(res.framings.drop(columns="id"), ref, check_dtype=False)


TWO_PARTIES = "Russian forces shelled Ukrainian positions near the front."


@pytest.mark.parametrize("method", ["lexicon", "ensemble"])
def test_corpus_sentiment_toward_is_party_aware_by_default(method):
    texts = [TWO_PARTIES, "Kyiv praised the mediators. Moscow rejected the truce."]
    df = score_corpus(texts, method=method, progress=False)
    cols = list(df.columns)
    assert {"sentiment_toward", "sentiment_toward_measure", "sentence_tone"} <= set(cols)
    assert cols.index("sentiment_toward_measure") == cols.index("sentiment_toward") + 2
    assert set(df["sentiment_toward_measure"]) == {"party-aware"}
    for k, text in enumerate(texts):
        res = framing.score_article(text, method=method)
        rows = df[df["id"] == k].set_index("actor")
        for name, p in res.parties.items():
            assert rows.loc[name, "sentiment_toward"] == p.sentiment_toward
            assert rows.loc[name, "sentence_tone"] == p.sentence_tone
    first = df[df["id"] == 0].set_index("actor")
    assert first.loc["Russia", "sentiment_toward"] != first.loc["Ukraine", "sentiment_toward"]
    assert first.loc["Russia", "sentence_tone"] == first.loc["Ukraine", "sentence_tone"]
    vader = score_corpus(texts, method=method, sentiment="sentence-vader", progress=False)
    assert set(vader["sentiment_toward_measure"]) == {"sentence-vader"}
    assert vader["sentiment_toward"].tolist() == vader["sentence_tone"].tolist()
    assert vader["sentence_tone"].tolist() == df["sentence_tone"].tolist()
    with pytest.raises(FramingError, match="sentiment must be"):
        score_corpus(texts, sentiment="vader", progress=False)


@pytest.mark.parametrize("method", ["lexicon", "ensemble"])
def test_failing_articles_become_error_rows(monkeypatch, method):
    monkeypatch.setattr(corpus, "MAX_CHARS", 60)
    real = corpus.Scorer.article

    def flaky(self, text):
        if "BOOM" in text:
            raise RuntimeError("scorer exploded")
        return real(self, text)

    monkeypatch.setattr(corpus.Scorer, "article", flaky)
    import framing.learn.classify as classify

    together = classify.score_many_with_model

    def flaky_many(texts, **kwargs):  # a chunk with a bad text fails as a whole
        if any("BOOM" in t for t in texts):
            raise RuntimeError("scorer exploded")
        return together(texts, **kwargs)

    monkeypatch.setattr(classify, "score_many_with_model", flaky_many)
    df = score_corpus(["Kyiv rejected the offer.", "x" * 61, "BOOM. Kyiv rejected it.",
                       {"text": b"bytes"}, "Moscow agreed."], progress=False, method=method)
    errors = df.set_index("id")["error"]
    assert errors[1] == "'text' is too long: 61 characters (the limit is 60)"
    assert errors[2] == "RuntimeError: scorer exploded"
    assert errors[3] == "'text' is bytes, not str; decode it first"
    assert errors[[0, 4]].isna().all()


def test_actors_are_resolved_once_per_corpus(monkeypatch, small):
    calls = []
    real = framing.ActorDictionary.extend

    def counting(self, other):
        calls.append(1)
        return real(self, other)

    monkeypatch.setattr(framing.ActorDictionary, "extend", counting)
    df = score_corpus([*small[:10], {"id": "acme", "text": "Acme rejected the union's offer."}],
                      actors={"Acme Corp": ["Acme"]}, progress=False)
    assert len(calls) == 1
    assert "Acme Corp" in df.loc[df["id"] == "acme", "actor"].tolist()


def test_bad_actors_or_lexicon_fail_before_any_article(tmp_path):
    bad = tmp_path / "actors.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(FramingError, match=r"actors\.json"):
        score_corpus(["Kyiv rejected the offer."], actors=bad, progress=False)


def test_clashing_article_columns_are_renamed():
    with pytest.warns(UserWarning, match="'error' clashes"):
        df = score_corpus([{"id": 1, "error": "scraper timeout", "text": "Kyiv said no."}],
                          progress=False)
    assert df["article_error"].tolist() == ["scraper timeout"]


def test_path_input_with_a_corrupted_line(tmp_path, small):
    path = write_jsonl(tmp_path / "corpus.jsonl", small, corrupt={20: b'{"id": "art-00020", '})
    df = score_corpus(path, progress=False)
    bad = df[df["id"] == "record 20"]  # no id: its position, as a str among strs
    assert len(bad) == 1 and bad["error"].iloc[0].startswith("corpus.jsonl:21: invalid JSON")
    ids = df["id"].drop_duplicates().tolist()
    assert ids == [a["id"] for a in small[:20]] + ["record 20"] + [a["id"] for a in small[21:]]
    scored = df[df["error"].isna()]["id"].nunique()
    assert scored == len(small) - 2  # all but the corrupted line and the empty text


def test_progress_bar_only_when_asked(monkeypatch, capsys):
    assert corpus.progress_enabled(False) is False
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert corpus.progress_enabled(True) is True
    score_corpus(["Kyiv said no."] * 3, progress=True)
    assert "article" in capsys.readouterr().err
    score_corpus(["Kyiv said no."] * 3, progress=False)
    assert capsys.readouterr().err == ""


# -- framing batch --------------------------------------------------------------------------


def run_batch(capsys, *args):
    code = batch_main(["batch", *map(str, args), "--no-progress"])
    return code, capsys.readouterr().err


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory, small) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    return write_jsonl(path, small, corrupt={13: b"{\"id\": \"art-00013\" oops"})


@pytest.fixture(scope="module")
def reference(corpus_file) -> CorpusFrames:
    return score_corpus(corpus_file, progress=False, evidence=True)


def comparable(df: pd.DataFrame) -> list[tuple]:
    cols = ["id", "actor", "mentions", "n_hard-line", "n_skeptical", "n_conciliatory",
            "dominant", "error"]
    df = df[cols].astype(object)
    df = df.where(df.notna(), None)

    def norm(v):
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return None if v is None else str(v)

    return [tuple(norm(v) for v in row) for row in df.values]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet", ".sqlite"])
def test_batch_writes_every_format(tmp_path, capsys, corpus_file, reference, suffix):
    out = tmp_path / f"scores{suffix}"
    ev = tmp_path / f"evidence{suffix}"
    code, err = run_batch(capsys, corpus_file, "-o", out, "--evidence", ev, "--chunk-size", 8)
    assert code == 0
    assert "38 scored, 2 failed, 0 skipped" in err
    assert "failed record 13: corpus.jsonl:14: invalid JSON" in err
    got = read_output(out)
    assert list(got.columns) == list(reference.parties.columns)
    assert comparable(got) == comparable(reference.parties)
    framings = read_output(ev, table="framings")
    assert len(framings) == len(reference.framings)
    assert framings["cue"].tolist() == reference.framings["cue"].tolist()


def test_batch_refuses_existing_output_and_resume_of_done_job_is_a_no_op(tmp_path, capsys,
                                                                        corpus_file):
    out = tmp_path / "scores.jsonl"
    assert run_batch(capsys, corpus_file, "-o", out)[0] == 0
    before = out.read_bytes()
    code, err = run_batch(capsys, corpus_file, "-o", out)
    assert code == 2 and "already exists; pass --resume" in err
    code, err = run_batch(capsys, corpus_file, "-o", out, "--resume")
    assert code == 0 and "0 scored, 0 failed, 40 skipped" in err
    assert out.read_bytes() == before
    code, err = run_batch(capsys, corpus_file, "-o", out, "--resume", "--no-sentiment")
    assert code == 2 and "cannot resume" in err and "sentiment" in err
    code, err = run_batch(capsys, corpus_file, "-o", out, "--resume", "--sentiment",
                          "sentence-vader")
    assert code == 2 and "sentiment='party-aware'" in err


def test_batch_sentiment_option(tmp_path, capsys, corpus_file, reference):
    out = tmp_path / "vader.jsonl"
    code, _ = run_batch(capsys, corpus_file, "-o", out, "--sentiment", "sentence-vader")
    assert code == 0
    got = read_output(out)
    scored = got[got["actor"].notna()]
    assert set(scored["sentiment_toward_measure"]) == {"sentence-vader"}
    assert scored["sentiment_toward"].tolist() == pytest.approx(scored["sentence_tone"].tolist())
    ref = reference.parties[reference.parties["actor"].notna()]
    assert set(ref["sentiment_toward_measure"]) == {"party-aware"}
    assert comparable(got) == comparable(reference.parties)


def test_batch_input_errors(tmp_path, capsys, corpus_file):
    code, err = run_batch(capsys, tmp_path / "missing.jsonl", "-o", tmp_path / "o.jsonl")
    assert code == 2 and "no such file" in err
    code, err = run_batch(capsys, corpus_file, "-o", tmp_path / "o.xlsx")
    assert code == 2 and "unknown output format" in err
    code, err = run_batch(capsys, corpus_file, "-o", tmp_path / "o.jsonl", "--evidence",
                          tmp_path / "o.jsonl")
    assert code == 2 and "only for SQLite" in err
    assert not (tmp_path / "o.jsonl").exists()


def test_batch_txt_directory_and_csv_columns(tmp_path, capsys):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "kyiv.txt").write_text("Kyiv rejected the offer.", encoding="utf-8")
    (d / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    code, err = run_batch(capsys, d, "-o", tmp_path / "dir.csv")
    assert code == 0 and "1 scored, 1 failed" in err
    got = read_output(tmp_path / "dir.csv")
    assert got["id"].tolist() == ["blob", "kyiv"] and got["actor"].tolist()[1] == "Ukraine"
    src = tmp_path / "in.csv"
    pd.DataFrame({"doc": ["d1", "d2"], "body": ["Moscow agreed.", "Kyiv said no."]}).to_csv(
        src, index=False)
    code, _ = run_batch(capsys, src, "-o", tmp_path / "csv.jsonl", "--text-column", "body",
                        "--id-column", "doc")
    assert code == 0
    assert read_output(tmp_path / "csv.jsonl")["doc"].tolist() == ["d1", "d2"]


def test_framing_cli_registers_batch(tmp_path, capsys, corpus_file):
    from framing.cli.main import build_parser, main

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert "batch" in sub.choices
    code = main(["batch", str(corpus_file), "-o", str(tmp_path / "o.jsonl"),
                 "--no-progress"])
    assert code == 0


# -- crash safety: kill -9 at random moments, then --resume ------------------------------------


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory, pool):
    arts = synthetic_articles(2000, seed=7, pool=pool, sentences=(1, 2))
    arts[1234]["text"] = ""
    path = tmp_path_factory.mktemp("big") / "corpus.jsonl"
    write_jsonl(path, arts, corrupt={777: b'{"id": "art-00777", "text": "cut'})
    return path, arts


def check_against_a_sample(got: pd.DataFrame, arts: list[dict], seed: int) -> None:
    """Every record once, in order, each (id, party) once; a sample equal to score_corpus."""
    ids = [a["id"] for a in arts]
    ids[777] = "record 777"
    assert got["id"].drop_duplicates().tolist() == ids
    assert not got[["id", "actor"]].astype(str).duplicated().any()
    sample = sorted(random.Random(seed).sample(range(len(arts)), 120))
    want = score_corpus([arts[k] for k in sample if k != 777], progress=False)
    got = got[got["id"].isin(want["id"])]
    assert comparable(got) == comparable(want)


def batch_process(args: list[str]) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "framing.cli.batch", "batch", *args, "--no-progress"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True, cwd=ROOT)


def committed_records(out: Path) -> int:
    if out.suffix == ".sqlite":
        if not out.exists():
            return 0
        try:
            with sqlite3.connect(out, timeout=5) as con:
                row = con.execute("SELECT records FROM _framing_batch WHERE tbl = 'parties'"
                                  ).fetchone()
        except sqlite3.Error:
            return 0
        return row[0] if row else 0
    side = progress_path(out)
    try:
        return json.loads(side.read_text())["records"]
    except (OSError, ValueError):
        return 0


def kill_at_random_moments(out: Path, args: list[str], rng: random.Random, kills: int) -> list:
    """Start the job, kill -9 its process group at a random moment; repeat with --resume."""
    seen = []
    for attempt in range(kills):
        before = committed_records(out)
        proc = batch_process(args + (["--resume"] if attempt else []))
        # a random moment: mostly while chunks are being written, sometimes before the first
        deadline = time.monotonic() + 60
        target = rng.randint(0, 6)  # commits to wait for (chunks of 50 records)
        if target == 0:  # during start-up, maybe before the output exists
            time.sleep(rng.uniform(0.1, 2.0))
        while target and time.monotonic() < deadline and proc.poll() is None:
            if committed_records(out) >= before + 50 * target:
                break
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.3))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        seen.append((before, committed_records(out), proc.returncode))
    return seen


@pytest.mark.parametrize("suffix,jobs,seed", [(".jsonl", 1, 11), (".sqlite", 2, 12)])
def test_kill_9_then_resume_writes_every_record_exactly_once(tmp_path, big_corpus, suffix, jobs,
                                                             seed):
    path, arts = big_corpus
    out = tmp_path / f"scores{suffix}"
    args = [str(path), "-o", str(out), "--jobs", str(jobs), "--chunk-size", "50"]
    history = kill_at_random_moments(out, args, random.Random(seed), kills=3)
    print("kills (committed before, after, returncode):", history)
    assert any(r == -signal.SIGKILL for _, _, r in history), history
    if suffix == ".jsonl" and progress_path(out).exists():
        # what a kill leaves: the committed prefix is whole lines, maybe a torn tail after it
        size = json.loads(progress_path(out).read_text())["bytes"]
        assert size == 0 or out.read_bytes()[:size].endswith(b"\n")
    done = batch_process([*args, "--resume"])
    _, err = done.communicate(timeout=120)
    assert done.returncode == 0, err.decode()
    assert "skipped (already done)" in err.decode()
    if suffix == ".jsonl":
        lines = out.read_bytes().split(b"\n")
        assert lines[-1] == b""  # ends with a newline
        got = pd.DataFrame([json.loads(line) for line in lines[:-1]])  # no torn line
    else:
        got = read_output(out)
    check_against_a_sample(got, arts, seed)


def test_corpus_classifier_chunks_score_like_single_articles(monkeypatch):
    # A chunk's items go through the model together; rows must equal article-by-article
    # scoring, and an article whose lexicon pass fails gets its error row alone.
    import framing.learn.classify as classify
    from framing.batch.corpus import Scorer

    texts = ["Moscow rejected the truce. Kyiv offered new talks.", "BROKEN",
             "Washington urged Beijing to drop the tariffs, and Beijing refused.",
             "The weather was mild."]
    lexicon_pass = classify.score_article_parsed

    def failing(text, **kw):
        if text == "BROKEN":
            raise ValueError("cannot read this one")
        return lexicon_pass(text, **kw)

    monkeypatch.setattr(classify, "score_article_parsed", failing)
    for method in ("classifier", "ensemble", "lexicon"):  # the lexicon: party-aware sentiment
        scorer = Scorer.build(method=method, evidence=True)
        together = scorer.score_many(texts)
        alone = [scorer.score(t) for t in texts]
        assert together == alone
        assert together[1] == ("ValueError: cannot read this one", (), ())
        assert together[0][1] and together[2][1]
