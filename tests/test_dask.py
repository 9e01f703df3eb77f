"""Dask: score_dask and `framing batch --dask` against a real LocalCluster of 2 processes."""

from __future__ import annotations

import pandas as pd
import pytest
from test_corpus import synthetic_articles, write_jsonl

from framing.batch.corpus import CorpusFrames, score_corpus
from framing.batch.dask import score_dask
from framing.cli.batch import main as batch_main
from framing.errors import InputError

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    df = pd.DataFrame(synthetic_articles(60, seed=3))
    df.loc[4, "text"] = "The weather was mild and the markets were closed."  # no party
    df.loc[7, "text"] = ""
    df["words"] = df["text"].str.split().str.len()
    return df


def test_score_dask_equals_score_corpus(client, articles):
    ddf = dd.from_pandas(articles, npartitions=4)
    lazy = score_dask(ddf)
    local = score_corpus(ddf.compute(), progress=False)  # the same dtypes as Dask gives
    assert list(lazy.columns) == list(local.columns)
    assert (lazy._meta.dtypes == local.dtypes).all()  # meta is right before computing
    got = lazy.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, local)


def test_score_dask_evidence_and_index_ids(client, articles):
    indexed = articles.drop(columns="id")
    ddf = dd.from_pandas(indexed, npartitions=3)
    res = score_dask(ddf, evidence=True)
    assert isinstance(res, CorpusFrames)
    parties, framings = dask.compute(res.parties, res.framings)
    local = score_corpus(ddf.compute(), progress=False, evidence=True)
    pd.testing.assert_frame_equal(parties.reset_index(drop=True), local.parties)
    pd.testing.assert_frame_equal(framings.reset_index(drop=True), local.framings)
    assert parties["id"].drop_duplicates().tolist() == list(indexed.index)


def test_score_dask_rejects_wrong_inputs(articles):
    with pytest.raises(InputError, match=r"dask\.dataframe\.DataFrame"):
        score_dask(articles)
    with pytest.raises(InputError, match="no column 'body'"):
        score_dask(dd.from_pandas(articles, npartitions=1), text="body")


def test_batch_on_the_cluster_writes_the_same_file(client, tmp_path, capsys, articles):
    rows = articles.drop(columns="words").to_dict("records")
    src = write_jsonl(tmp_path / "corpus.jsonl", rows, corrupt={30: b"{not json"})
    args = [str(src), "--chunk-size", "7", "--no-progress"]
    assert batch_main(["batch", *args, "-o", str(tmp_path / "local.jsonl"),
                       "--evidence", str(tmp_path / "local_ev.jsonl")]) == 0
    code = batch_main(["batch", *args, "-o", str(tmp_path / "dask.jsonl"),
                       "--evidence", str(tmp_path / "dask_ev.jsonl"),
                       "--dask", client.scheduler.address])
    assert code == 0
    err = capsys.readouterr().err
    assert "58 scored, 2 failed" in err and "failed record 30: corpus.jsonl:31" in err
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert (tmp_path / "dask_ev.jsonl").read_bytes() == \
        (tmp_path / "local_ev.jsonl").read_bytes()


def test_batch_dask_bad_address(tmp_path, capsys, articles, monkeypatch):
    monkeypatch.setattr("framing.batch.dask.CONNECT_TIMEOUT", "1s")
    src = write_jsonl(tmp_path / "c.jsonl", articles.head(2).drop(columns="words")
                      .to_dict("records"))
    code = batch_main(["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--no-progress",
                       "--dask", "tcp://127.0.0.1:1"])
    assert code == 2
    assert "cannot connect to the Dask scheduler" in capsys.readouterr().err
