"""Every output of framing batch reads back with framing.read_batch and plots with framing plot."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import framing
from framing.batch.io import IncompleteBatchWarning, batch_complete, open_writer
from framing.cli.main import main

FORMATS = ["jsonl", "csv", "parquet", "sqlite"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """A small corpus (one bad record) scored by framing batch to every format."""
    folder = tmp_path_factory.mktemp("batch")
    corpus = folder / "in.jsonl"
    demo = framing.datasets.load_demo_corpus().head(8)
    with open(corpus, "w", encoding="utf-8") as f:
        for r in demo.to_dict("records"):
            f.write(json.dumps({"id": r["id"], "text": r["text"], "outlet": r["outlet"],
                                "date": str(r["date"].date())}) + "\n")
        f.write(json.dumps({"id": "bad", "text": 12345, "outlet": "X",
                            "date": "2025-06-01"}) + "\n")
    out = {}
    for fmt in FORMATS:
        out[fmt] = folder / f"out.{fmt}"
        assert main(["batch", str(corpus), "-o", str(out[fmt]), "--no-progress",
                     "--method", "lexicon"]) == 0
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_read_batch_every_format_same_rows(outputs, fmt):
    ref = framing.read_batch(outputs["jsonl"])
    got = framing.read_batch(outputs[fmt])
    assert list(got.columns) == list(ref.columns)
    assert batch_complete(outputs[fmt])
    # the same rows and the same dtypes: each column's kind is recorded in every format
    pd.testing.assert_frame_equal(got, ref)
    assert str(got["in_title"].dtype) == "boolean" and str(got["mentions"].dtype) == "Int64"
    assert got["in_title"].isna().sum() == 1  # the error row's, not 0.0 or False
    errors = got[got["error"].notna()]
    assert errors["id"].tolist() == ["bad"] and "must be a str" in errors["error"].iloc[0]
    assert got.loc[got["error"].isna(), "error"].map(lambda v: v is None).all()


@pytest.mark.parametrize("fmt", FORMATS)
def test_read_batch_plot_accepts_every_format_with_the_same_figures(outputs, fmt, tmp_path):
    figs = tmp_path / fmt
    assert main(["plot", str(outputs[fmt]), "-o", str(figs), "--formats", "png"]) == 0
    ref = tmp_path / "ref"
    assert main(["plot", str(outputs["jsonl"]), "-o", str(ref), "--formats", "png"]) == 0
    names = sorted(p.name for p in ref.iterdir())
    assert names and sorted(p.name for p in figs.iterdir()) == names
    for name in names:
        assert (figs / name).read_bytes() == (ref / name).read_bytes(), name


@pytest.mark.parametrize("fmt", FORMATS)
def test_read_batch_half_written_output_warns_and_reads_what_was_committed(tmp_path, fmt):
    path = tmp_path / f"half.{fmt}"
    w = open_writer(path, meta={"input": "x"})
    w.commit([{"id": "a", "n": 1, "error": None}], upto=1, columns=["id", "n", "error"])
    w.commit([{"id": "b", "n": 2, "error": "InputError: empty"}], upto=2,
             columns=["id", "n", "error"])
    # killed here: no close
    with pytest.warns(IncompleteBatchWarning, match="--resume"):
        df = framing.read_batch(path)
    assert df["id"].tolist() == ["a", "b"] and df["error"].tolist() == [None,
                                                                        "InputError: empty"]
    w.close(complete=True)
    assert batch_complete(path)


def test_read_batch_names_the_file_it_cannot_read(tmp_path):
    with pytest.raises(framing.FramingError, match=r"nope\.jsonl: file not found"):
        framing.read_batch(tmp_path / "nope.jsonl")
    bad = tmp_path / "x.txt"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(framing.FramingError, match=r"x\.txt"):
        framing.read_batch(bad)
