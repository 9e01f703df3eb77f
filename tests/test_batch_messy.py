"""Batch jobs on messy corpora and hard stops (issue 18): column names in any case and spelling,
ids missing or repeated, and workers that do not outlive a killed parent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT
from test_corpus import synthetic_articles, write_jsonl

import framing
from framing.batch.corpus import RESULT_COLUMNS, score_corpus
from framing.batch.io import IncompleteBatchWarning
from framing.cli.batch import main as batch_main

FORMATS = ["jsonl", "csv", "parquet", "sqlite"]
KYIV = "Kyiv rejected the offer."
MOSCOW = "Moscow agreed to new talks."


def run(capsys, *args) -> tuple[int, str]:
    code = batch_main(["batch", *map(str, args), "--no-progress", "--method", "lexicon"])
    return code, capsys.readouterr().err


def read(path) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("error", IncompleteBatchWarning)
        return framing.read_batch(path)


def batch_all_formats(capsys, tmp_path, records, *extra) -> tuple[dict, dict]:
    """Write ``records`` as JSONL and score them to every format: ({fmt: df}, {fmt: stderr})."""
    src = write_jsonl(tmp_path / "in.jsonl", records)
    frames, errs = {}, {}
    for fmt in FORMATS:
        code, err = run(capsys, src, "-o", tmp_path / f"out.{fmt}", *extra)
        assert code == 0, err
        frames[fmt], errs[fmt] = read(tmp_path / f"out.{fmt}"), err
    for fmt in FORMATS[1:]:  # the same rows, columns and dtypes from every format
        pd.testing.assert_frame_equal(frames[fmt], frames["jsonl"], obj=fmt)
    return frames, errs


# -- column names ---------------------------------------------------------------------------


def test_names_differing_only_in_case_are_kept_apart_in_every_format(tmp_path, capsys):
    # The case of the issue: SQLite stopped with "duplicate column name: outlet".
    records = [{"id": "a", "Outlet": "Wire", "outlet": "wire.example", "text": KYIV},
               {"id": "b", "Outlet": "Daily", "outlet": None, "text": MOSCOW}]
    frames, errs = batch_all_formats(capsys, tmp_path, records)
    df = frames["sqlite"]
    assert list(df.columns[:3]) == ["id", "Outlet", "article_outlet"]
    assert df["Outlet"].tolist() == ["Wire", "Daily"]
    assert df["article_outlet"].tolist() == ["wire.example", None]
    for err in errs.values():
        assert "renamed columns" in err and "'outlet' -> 'article_outlet'" in err
    assert df.attrs["framing"]["renamed"] == {"outlet": "article_outlet"}


TRICKY = {
    "select": "sql keyword", 'quo"te': "quote", "it's": "apostrophe", "two words": "space",
    "Ünïcödé 名前": "unicode", "": "empty name", "Error": "case of a result column",
    "actor": "a result column", "article_actor": "our prefix already", "ID": "case of the id",
    "nul\x00byte": "NUL", "lone\udc80": "surrogate", "a,b": "comma", "line\nbreak": "newline",
}
EXPECTED_NAMES = {
    "select": "select", 'quo"te': 'quo"te', "it's": "it's", "two words": "two words",
    "Ünïcödé 名前": "Ünïcödé 名前", "": "", "Error": "article_Error",
    "actor": "article_actor", "article_actor": "article_article_actor", "ID": "article_ID",
    "nul\x00byte": "nul\ufffdbyte", "lone\udc80": "lone\ufffd", "a,b": "a,b",
    "line\nbreak": "line\nbreak",
}


def test_any_column_name_is_written_by_one_rule_and_none_vanishes(tmp_path, capsys):
    records = [{"id": "a", **TRICKY, "text": KYIV}, {"id": "b", **TRICKY, "text": ""}]
    frames, errs = batch_all_formats(capsys, tmp_path, records)
    df = frames["parquet"]
    assert list(df.columns) == ["id", *EXPECTED_NAMES.values(), *RESULT_COLUMNS]
    for name, out in EXPECTED_NAMES.items():
        want = TRICKY[name]
        assert df[out].tolist() == [want] * 2, name
    renamed = {k: v for k, v in EXPECTED_NAMES.items() if k != v}
    assert df.attrs["framing"]["renamed"] == {k: v for k, v in renamed.items()}
    assert "'ID' -> 'article_ID'" in errs["csv"]
    # score_corpus names the columns by the same rule
    with pytest.warns(UserWarning, match="clashes"):
        mem = score_corpus(records, progress=False, method="lexicon")
    assert list(mem.columns) == list(df.columns)


# -- ids -------------------------------------------------------------------------------------


def test_repeated_ids_are_reported_in_the_summary_and_the_metadata(tmp_path, capsys):
    records = [{"id": "a1", "text": KYIV}, {"id": "b", "text": MOSCOW},
               {"id": "a1", "text": "Washington urged restraint."}]
    frames, errs = batch_all_formats(capsys, tmp_path, records)
    for fmt in FORMATS:
        assert "repeated ids: 1 id is repeated (2 records): 'a1' (records 0, 2); kept" \
            in errs[fmt], fmt
        ids = frames[fmt].attrs["framing"]["ids"]
        assert (ids["repeated"], ids["records"], ids["policy"]) == (1, 2, "warn")
        assert ids["examples"] == [{"id": "a1", "records": [0, 2]}]
    df = frames["sqlite"]
    assert df.loc[df["id"] == "a1", "actor"].tolist() == ["Ukraine", "United States"]


def test_on_duplicate_id_error_stops_before_scoring_and_writes_nothing(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 7, "text": KYIV}, {"id": 7, "text": ""}])
    for fmt in FORMATS:
        out = tmp_path / f"out.{fmt}"
        code, err = run(capsys, src, "-o", out, "--on-duplicate-id", "error")
        assert code == 2
        assert "in.jsonl: 1 id is repeated (2 records): 7 (records 0, 1)" in err
        assert not out.exists()
    with pytest.raises(framing.FramingError, match="repeated"):
        score_corpus([{"id": 7, "text": KYIV}, {"id": 7, "text": ""}], progress=False,
                     on_duplicate_id="error", method="lexicon")
    with pytest.raises(framing.FramingError, match="on_duplicate_id must be one of"):
        score_corpus([KYIV], on_duplicate_id="ignore")


def test_on_duplicate_id_suffix_numbers_the_repeats_and_resume_agrees(tmp_path, capsys):
    records = [{"id": 1, "text": KYIV}, {"id": 2, "text": MOSCOW}, {"id": 1, "text": KYIV},
               {"id": "1#2", "text": MOSCOW}, {"id": 1, "text": ""}, {"text": KYIV}]
    frames, errs = batch_all_formats(capsys, tmp_path, records, "--on-duplicate-id", "suffix",
                                     "--chunk-size", "2")
    # ints made strs; the repeats of 1 numbered, skipping the "1#2" the input already has;
    # the record without an id gets "record 5"
    want = ["1", "2", "1#3", "1#2", "1#4", "record 5"]
    assert frames["csv"]["id"].drop_duplicates().tolist() == want
    assert "the repeats numbered id#2" in errs["jsonl"]
    # a job stopped after its first commit and resumed gives every record the same id
    for fmt in FORMATS:
        out = tmp_path / f"resumed.{fmt}"
        args = [tmp_path / "in.jsonl", "-o", out, "--on-duplicate-id", "suffix",
                "--chunk-size", "2"]
        stop_after_commits(1, lambda a=args: run(capsys, *a))
        code, err = run(capsys, *args, "--resume")
        assert code == 0 and "2 skipped (already done)" in err, err
        pd.testing.assert_frame_equal(read(out), frames[fmt])
        code, err = run(capsys, *args[:3], "--resume")  # another policy: refused
        assert code == 2 and "on_duplicate_id" in err


def stop_after_commits(n: int, job) -> None:
    """Run ``job`` and interrupt it (as Ctrl-C does) when its writer commits for the n+1th time."""
    from framing.batch.io import CorpusWriter

    real = CorpusWriter.commit
    count = [0]

    def commit(self, *args, **kwargs):
        if count[0] >= n:
            raise KeyboardInterrupt
        count[0] += 1
        return real(self, *args, **kwargs)

    CorpusWriter.commit = commit
    try:
        code, _ = job()
    finally:
        CorpusWriter.commit = real
    assert code == 130


ABSENT = object()


@pytest.mark.parametrize("ids,want", [
    (["a", None, "c"], ["a", "record 1", "c"]),    # a null id among strs
    ([10, ABSENT, 12], ["10", "record 1", "12"]),  # no id field among ints: all strs then
    (["a", "", "c"], ["a", "record 1", "c"]),      # an empty id is no id
    ([10, 11, 12], [10, 11, 12]),                  # ints stay ints when every record has one
    ([ABSENT] * 3, [0, 1, 2]),                      # no ids at all: the positions
])
def test_a_missing_id_gets_its_position_in_the_type_of_the_others(tmp_path, capsys, ids, want):
    records = [{"text": t} if i is ABSENT else {"id": i, "text": t}
               for i, t in zip(ids, [KYIV, MOSCOW, KYIV], strict=True)]
    frames, errs = batch_all_formats(capsys, tmp_path, records)
    df = frames["jsonl"]
    assert df["id"].drop_duplicates().tolist() == want
    assert {type(v) for v in df["id"].tolist()} == {type(want[0])}
    assert str(df["id"].dtype) == ("Int64" if isinstance(want[0], int) else "object")
    assert ("missing ids: " in errs["sqlite"]) == ("record 1" in want)
    mem = score_corpus(records, progress=False, method="lexicon")
    assert mem["id"].drop_duplicates().tolist() == want


def test_an_unreadable_line_is_an_error_row_with_an_id_of_the_same_type(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": "a", "text": "Kyiv rejected the offer."}\n'
                    b'{"id": "b", "text": "caf\xe9"}\n'
                    b'{"id": "c", "text": "Moscow agreed."}\n')
    for fmt in FORMATS:
        code, err = run(capsys, src, "-o", tmp_path / f"out.{fmt}")
        assert code == 0 and "failed record 1: in.jsonl:2: not valid UTF-8" in err
        df = read(tmp_path / f"out.{fmt}")
        assert df["id"].drop_duplicates().tolist() == ["a", "record 1", "c"]


# -- workers do not outlive their parent -------------------------------------------------------

needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="looks for processes in /proc (Linux)")


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return fields[0], int(fields[1])


def descendants(pid: int) -> set[int]:
    """The living processes below ``pid``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _stat(int(entry))
            if st is not None and st[0] != "Z":
                children.setdefault(st[1], []).append(int(entry))
    out, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.add(child)
            todo.append(child)
    return out


def alive(pid: int) -> bool:
    st = _stat(pid)
    return st is not None and st[0] != "Z"  # a zombie has ended; only its entry is left


def kill_parent_and_wait(proc: subprocess.Popen, workers: set[int]) -> set[int]:
    """SIGKILL ``proc`` alone, then poll for up to 10 s; the workers still alive then."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    left = set(workers)
    while left and time.monotonic() < deadline:
        left = {w for w in left if alive(w)}
        time.sleep(0.1)
    for w in left:  # do not leak them into the rest of the suite
        os.kill(w, signal.SIGKILL)
    return left


def wait_for_workers(proc: subprocess.Popen, n: int, timeout: float = 60) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        found = descendants(proc.pid)
        if len(found) >= n:
            return found
        time.sleep(0.05)
    raise AssertionError(f"the job did not start {n} workers (exit status {proc.poll()})")


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory) -> Path:
    """Long enough that a --jobs 2 job is still scoring seconds after its workers start."""
    path = tmp_path_factory.mktemp("long") / "corpus.jsonl"
    return write_jsonl(path, synthetic_articles(6000, seed=5))


@needs_proc
@pytest.mark.parametrize("fmt", FORMATS)
def test_workers_exit_when_the_parent_is_killed(tmp_path, long_corpus, fmt):
    out = tmp_path / f"scores.{fmt}"
    proc = subprocess.Popen([sys.executable, "-m", "framing", "batch", str(long_corpus), "-o",
                             str(out), "--jobs", "2", "--no-progress", "--method", "lexicon"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            start_new_session=True)
    workers = wait_for_workers(proc, 2)
    time.sleep(0.5)  # the workers are busy scoring (or blocked on their task pipe)
    assert proc.poll() is None, "the job ended before it could be killed; use a longer corpus"
    assert all(alive(w) for w in workers)
    assert kill_parent_and_wait(proc, workers) == set()


@needs_proc
def test_dask_local_workers_exit_when_the_parent_is_killed(tmp_path, long_corpus):
    """``--dask local``: the cluster's nannies and workers end with the job too (Dask's own
    watch, not ours; this guards it)."""
    pytest.importorskip("distributed")
    proc = subprocess.Popen([sys.executable, "-m", "framing", "batch", str(long_corpus), "-o",
                             str(tmp_path / "scores.jsonl"), "--dask", "local", "--jobs", "2",
                             "--no-progress", "--method", "lexicon"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            start_new_session=True)
    workers = wait_for_workers(proc, 3)  # the resource tracker and two worker processes
    time.sleep(1.0)
    workers = descendants(proc.pid) | workers
    assert proc.poll() is None, "the job ended before it could be killed; use a longer corpus"
    assert kill_parent_and_wait(proc, workers) == set()


FORKSERVER_POOL = """
import multiprocessing as mp, sys, time
import framing.batch.corpus as corpus
corpus._mp_context = lambda: mp.get_context("forkserver")
with corpus.open_backend(corpus.Scorer.build(method="lexicon"), 2):
    print("ready", flush=True)
    time.sleep(600)
"""

WATCHED_CHILD = """
import os, sys, time
import framing.batch.corpus as corpus
parent = os.getpid()
pid = os.fork()
if pid == 0:
    sys.platform = "other"  # no prctl: only the watching thread can end this process
    corpus.exit_with_parent(parent)
    time.sleep(600)
    os._exit(0)
print(pid, flush=True)
time.sleep(600)
"""


@needs_proc
@pytest.mark.skipif("forkserver" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="no forkserver start method")
def test_forkserver_workers_and_the_server_exit_with_the_parent():
    proc = subprocess.Popen([sys.executable, "-c", FORKSERVER_POOL], stdout=subprocess.PIPE,
                            cwd=ROOT, start_new_session=True, text=True)
    assert proc.stdout.readline().strip() == "ready"
    below = descendants(proc.pid)  # the fork server, its workers (and a resource tracker)
    assert len(below) >= 3
    assert kill_parent_and_wait(proc, below) == set()


@needs_proc
def test_the_watching_thread_alone_ends_an_orphan():
    proc = subprocess.Popen([sys.executable, "-c", WATCHED_CHILD], stdout=subprocess.PIPE,
                            cwd=ROOT, start_new_session=True, text=True)
    child = int(proc.stdout.readline())
    time.sleep(0.3)
    assert alive(child)
    assert kill_parent_and_wait(proc, {child}) == set()


def test_the_ids_report_is_in_the_outputs_metadata(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": KYIV}, {"text": KYIV}])
    assert run(capsys, src, "-o", tmp_path / "o.jsonl")[0] == 0
    meta = json.loads((tmp_path / "o.jsonl.progress.json").read_text())["meta"]
    assert meta["ids"]["missing"] == 1 and meta["ids"]["kind"] == "str"
    assert meta["on_duplicate_id"] == "warn"


def test_score_corpus_takes_values_pandas_strings_cannot_hold():
    # a JSON "\udce9" escape gives an unpaired surrogate; pandas' Arrow-backed strings raised
    df = score_corpus([{"id": "a\udce9", "outlet": "caf\udce9", "text": KYIV}], progress=False,
                      method="lexicon")
    assert df["outlet"].tolist() == ["caf\ufffd"] and df["id"].tolist() == ["a\ufffd"]
