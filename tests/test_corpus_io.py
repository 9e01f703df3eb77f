"""Streaming readers and crash-safe chunked writers (framing.batch.io)."""

from __future__ import annotations

import itertools
import json
import sqlite3

import pandas as pd
import pytest

from framing.batch.io import (
    Record,
    count_records,
    decode_text,
    input_format,
    open_writer,
    output_format,
    plain,
    progress_path,
    read_corpus,
    read_output,
)
from framing.errors import InputError

# -- readers ------------------------------------------------------------------------------


def records(path, **kw):
    return list(read_corpus(path, **kw))


def test_jsonl_reader_records_errors_and_line_numbers(tmp_path):
    p = tmp_path / "corpus.jsonl"
    p.write_bytes(
        b'\xef\xbb\xbf{"id": "a", "text": "Kyiv said no.", "outlet": "Wire"}\n'
        b"\n"  # blank lines are not records
        b"{oops\n"
        b'"Moscow agreed."\n'
        b'{"id": "d", "text": "caf\xe9"}\n'  # Latin-1 byte: not UTF-8
        b"[1, 2]\n"
        b'{"id": "f", "text": "Last line without newline."}'
    )
    rs = records(p)
    assert [r.number for r in rs] == list(range(6))
    assert rs[0].data == {"id": "a", "text": "Kyiv said no.", "outlet": "Wire"}
    assert rs[1].data is None and rs[1].id == "line 3"
    assert rs[1].error.startswith("corpus.jsonl:3: invalid JSON")
    assert rs[2].data == {"text": "Moscow agreed."}
    assert rs[3].id == "line 5" and "not valid UTF-8" in rs[3].error
    assert rs[4].id == "line 6" and "expected a JSON object" in rs[4].error
    assert rs[5].data["id"] == "f"
    # resuming skips by record number, not by line
    assert [r.number for r in records(p, start=4)] == [4, 5]
    assert count_records(p) == 6


def test_jsonl_reader_is_lazy(tmp_path):
    p = tmp_path / "big.jsonl"
    with p.open("w") as f:
        for i in range(20000):
            f.write(json.dumps({"id": i, "text": "x"}) + "\n")
    it = read_corpus(p)
    first = list(itertools.islice(it, 3))
    assert [r.data["id"] for r in first] == [0, 1, 2]
    assert next(iter(read_corpus(p, start=19999))).data["id"] == 19999


def test_csv_reader_multiline_fields_and_bad_rows(tmp_path):
    long = "word " * 40000  # longer than the csv module's default field limit
    p = tmp_path / "c.csv"
    body = ('id,outlet,text\n'
            'a,Wire,"Line one.\nLine two, with a comma."\n'
            'b,Daily\n'
            f'c,Wire,"{long}"\n'
            '\n'
            'd,Wire,Fine.\n').encode()
    p.write_bytes(body + b"e,Wire,caf\xe9\n")
    rs = records(p)
    assert rs[0].data == {"id": "a", "outlet": "Wire", "text": "Line one.\nLine two, with a comma."}
    assert rs[1].data is None and rs[1].error == "c.csv:4: 2 fields, the header has 3"
    assert rs[1].id == "line 4"
    assert rs[2].data["text"] == long
    assert rs[3].data["id"] == "d" and rs[3].number == 3
    assert rs[4].data is None and "not valid UTF-8" in rs[4].error and rs[4].id == "line 8"
    assert [r.number for r in records(p, start=3)] == [3, 4]


def test_csv_and_parquet_readers_need_the_text_column(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("id,body\n1,x\n")
    with pytest.raises(InputError, match=r"no column 'text'.*--text-column"):
        records(p)
    assert records(p, text="body")[0].data == {"id": "1", "body": "x"}
    q = tmp_path / "c.parquet"
    pd.DataFrame({"body": ["x"]}).to_parquet(q)
    with pytest.raises(InputError, match="no column 'text'"):
        records(q)


def test_parquet_reader_row_groups_directories_and_skipping(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    df = pd.DataFrame({"id": [f"r{i}" for i in range(25)], "n": range(25),
                       "text": [f"Article {i}." for i in range(25)]})
    p = tmp_path / "c.parquet"
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), p, row_group_size=7)
    rs = records(p)
    assert [r.data["id"] for r in rs] == list(df["id"]) and rs[3].data["n"] == 3
    assert [r.number for r in records(p, start=10)] == list(range(10, 25))
    assert count_records(p) == 25
    d = tmp_path / "parts.parquet"
    d.mkdir()
    df.iloc[:10].to_parquet(d / "part-0.parquet")
    df.iloc[10:].to_parquet(d / "part-1.parquet")
    (d / "_SUCCESS.parquet").write_text("")  # ignored, as by pyarrow
    assert [r.data["id"] for r in records(d, start=8)] == list(df["id"][8:])


def test_txt_directory_reader(tmp_path):
    (tmp_path / "b.txt").write_text("Kyiv rejected the offer.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Moscow agreed.", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "d.txt").write_bytes("café".encode("latin-1"))
    (tmp_path / "notes.md").write_text("ignored")
    rs = records(tmp_path)
    assert [(r.number, r.data) for r in rs[:2]] == [
        (0, {"id": "a", "text": "Moscow agreed."}),
        (1, {"id": "b", "text": "Kyiv rejected the offer."}),
    ]
    assert rs[2].id == "c" and "binary" in rs[2].error
    assert rs[3].id == "d" and "not valid UTF-8" in rs[3].error
    assert [r.number for r in records(tmp_path, start=3)] == [3]
    assert count_records(tmp_path) == 4


def test_decode_text_messages():
    assert decode_text("\ufeffKyiv".encode(), "a.txt") == "Kyiv"
    with pytest.raises(InputError, match="UTF-16"):
        decode_text("Kyiv".encode("utf-16"), "a.txt")


def test_formats_by_suffix(tmp_path):
    assert input_format(tmp_path) == "txt"
    assert output_format("x.NDJSON") == "jsonl" and output_format("x.sqlite3") == "sqlite"
    with pytest.raises(InputError, match="one JSON object per line"):
        input_format("x.json")
    with pytest.raises(InputError, match="unknown corpus format"):
        input_format("x.xlsx")
    with pytest.raises(InputError, match="unknown output format"):
        output_format("x.xlsx")
    with pytest.raises(InputError, match="no such file"):
        read_corpus(tmp_path / "missing.jsonl")


def test_plain_values():
    import datetime
    from decimal import Decimal

    import numpy as np

    assert plain(np.int64(3)) == 3 and isinstance(plain(np.int64(3)), int)
    assert plain(float("inf")) is None and plain(pd.NA) is None and plain(pd.NaT) is None
    assert plain(datetime.datetime(2024, 5, 1, 12)) == "2024-05-01T12:00:00"
    assert plain(Decimal("1.10")) == "1.10"
    assert plain({"a": [1, np.float64(2.5)]}) == {"a": [1, 2.5]}
    assert plain(np.array([1, 2]), nested=False) == "[1, 2]"


# -- writers ------------------------------------------------------------------------------

COLUMNS = ["id", "outlet", "actor", "mentions", "share", "in_title", "error"]
TYPES = {"id": "str", "actor": "str", "mentions": "int", "share": "float", "in_title": "bool",
         "error": "str"}
CHUNK1 = [
    {"id": "a", "outlet": "Wire", "actor": "Russia", "mentions": 2, "share": 0.5,
     "in_title": True, "error": None},
    {"id": "a", "outlet": "Wire", "actor": "Ukraine", "mentions": 1, "share": 1.0,
     "in_title": False, "error": None},
]
CHUNK2 = [
    {"id": "b", "outlet": "Daily, \"quoted\"\nnewline", "actor": None, "mentions": None,
     "share": None, "in_title": None, "error": "'text' is empty"},
    {"id": "line 9", "outlet": None, "actor": None, "mentions": None, "share": None,
     "in_title": None, "error": "c.jsonl:9: invalid JSON", "extra": "not a column"},
]
FORMATS = ["jsonl", "csv", "parquet", "sqlite"]


def expected(rows):
    return [{c: r.get(c) for c in COLUMNS} for r in rows]


def read_back(path):
    df = read_output(path)
    df = df.astype(object).where(df.notna(), None)
    out = df.to_dict("records")
    for r in out:  # CSV and SQLite have no booleans; CSV has no numbers
        for k, v in r.items():
            if k == "in_title" and v is not None:
                r[k] = v in (True, 1, "True")
            elif k == "mentions" and v is not None:
                r[k] = int(v)
            elif k == "share" and v is not None:
                r[k] = float(v)
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_writer_round_trip(tmp_path, fmt):
    out = tmp_path / f"scores.{fmt}"
    w = open_writer(out, meta={"method": "lexicon"}, types=TYPES)
    w.commit(CHUNK1, upto=1, columns=COLUMNS)
    w.commit(CHUNK2, upto=3, columns=["ignored"])
    w.close(complete=True)
    assert (w.committed, w.rows, w.columns) == (3, 4, COLUMNS)
    assert read_back(out) == expected(CHUNK1 + CHUNK2)


@pytest.mark.parametrize("fmt", FORMATS)
def test_writer_refuses_existing_output_and_resumes(tmp_path, fmt):
    out = tmp_path / f"scores.{fmt}"
    w = open_writer(out, meta={"method": "lexicon"}, types=TYPES)
    w.commit(CHUNK1, upto=1, columns=COLUMNS)
    w.close()  # interrupted
    with pytest.raises(InputError, match="--resume"):
        open_writer(out, types=TYPES)
    w = open_writer(out, resume=True, meta={"method": "other"}, types=TYPES)
    assert (w.committed, w.rows, w.columns) == (1, 2, COLUMNS)
    assert w.meta == {"method": "lexicon"}  # what the first run stored
    w.commit(CHUNK2, upto=3, columns=COLUMNS)
    w.close(complete=True)
    assert read_back(out) == expected(CHUNK1 + CHUNK2)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_append_writer_drops_a_torn_tail_on_resume(tmp_path, fmt):
    out = tmp_path / f"scores.{fmt}"
    w = open_writer(out)
    w.commit(CHUNK1, upto=1, columns=COLUMNS)
    w.close()
    committed = out.stat().st_size
    with open(out, "ab") as f:  # what a kill in the middle of the next write leaves
        f.write(b'{"id": "b", "outl')
    assert read_back(out) == expected(CHUNK1)  # readers see only the committed bytes
    w = open_writer(out, resume=True)
    assert out.stat().st_size == committed
    w.commit(CHUNK2, upto=3, columns=COLUMNS)
    w.close(complete=True)
    assert read_back(out) == expected(CHUNK1 + CHUNK2)
    assert json.loads(progress_path(out).read_text())["complete"] is True


def test_append_writer_without_checkpoint_is_not_resumed(tmp_path):
    out = tmp_path / "scores.jsonl"
    out.write_text('{"id": 1}\n')
    with pytest.raises(InputError, match="no checkpoint"):
        open_writer(out, resume=True)
    fresh = tmp_path / "new.jsonl"  # --resume with nothing there starts afresh
    w = open_writer(fresh, resume=True)
    assert w.committed == 0 and w.meta is None
    w.close()


def test_parquet_writer_parts_leftovers_and_types(tmp_path):
    out = tmp_path / "scores.parquet"
    w = open_writer(out, types=TYPES)
    w.commit(CHUNK1, upto=1, columns=COLUMNS)
    w.close()
    (out / ".part-000001.parquet.tmp").write_bytes(b"torn")
    w = open_writer(out, resume=True, types=TYPES)
    assert not list(out.glob(".*.tmp"))
    with pytest.warns(UserWarning, match="'mentions' is int .* written as null"):
        w.commit([{**CHUNK2[0], "mentions": "three"}], upto=2, columns=COLUMNS)
    w.close(complete=True)
    import pyarrow.parquet as pq

    schema = pq.read_schema(out / "part-000000.parquet")
    assert str(schema.field("mentions").type) == "int64"
    assert str(schema.field("outlet").type) == "string"  # inferred from the first chunk
    assert read_output(out)["mentions"].isna().tolist() == [False, False, True]


def test_sqlite_writer_shares_a_database_and_keeps_value_types(tmp_path):
    out = tmp_path / "scores.sqlite"
    parties = open_writer(out, table="parties")
    framings = open_writer(out, table="framings")
    parties.commit(CHUNK1, upto=1, columns=COLUMNS)
    framings.commit([{"id": "a", "frame": "hard-line"}], upto=1, columns=["id", "frame"])
    parties.close(complete=True)
    framings.close(complete=True)
    with sqlite3.connect(out) as con:
        assert con.execute("SELECT typeof(mentions), typeof(share) FROM parties").fetchone() \
            == ("integer", "real")
        assert con.execute("SELECT tbl, records, complete FROM _framing_batch ORDER BY tbl"
                           ).fetchall() == [("framings", 1, 1), ("parties", 1, 1)]
    with pytest.raises(InputError, match="table 'parties'"):
        open_writer(out, table="parties")
    other = tmp_path / "user.db"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE parties (x)")
    with pytest.raises(InputError, match="not written by framing batch"):
        open_writer(other, resume=True)
    (tmp_path / "junk.db").write_bytes(b"not a database" * 100)
    with pytest.raises(InputError, match="not an SQLite database"):
        open_writer(tmp_path / "junk.db")


def test_record_is_small_and_frozen():
    r = Record(3, {"text": "x"})
    with pytest.raises(AttributeError):
        r.number = 4


# -- kinds: the same rows and dtypes from every format ------------------------------------

KIND_ROWS = [
    {"s": "", "i": 2**62, "f": 0.1, "b": False, "j": "x", "rowid": 3},
    {"s": None, "i": None, "f": None, "b": None, "j": [1, {"a": None}], "rowid": 1},
    {"s": 'a,"b"\nc', "i": -1, "f": 1e300, "b": True, "j": 1.5, "rowid": 2},
]
KIND_TYPES = {"s": "str", "i": "int", "f": "float", "b": "bool", "j": "json", "rowid": "int"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_writer_records_kinds_and_reads_every_kind_back(tmp_path, fmt):
    from framing.batch.io import read_batch

    out = tmp_path / f"kinds.{fmt}"
    w = open_writer(out, types=KIND_TYPES)
    w.commit(KIND_ROWS[:1], upto=1, columns=list(KIND_ROWS[0]))
    w.close()  # stopped: the kinds must come back on resume
    w = open_writer(out, resume=True)
    assert w.kinds == KIND_TYPES
    w.commit(KIND_ROWS[1:], upto=3, columns=[])
    w.close(complete=True)
    df = read_batch(out)
    assert [str(df[c].dtype) for c in df.columns] == \
        ["object", "Int64", "float64", "boolean", "object", "Int64", "object"]
    got = df.drop(columns="error").astype(object).where(df.drop(columns="error").notna(), None)
    assert got.to_dict("records") == KIND_ROWS  # "" is not null; "x" and 1.5 keep their type
    assert df["rowid"].tolist() == [3, 1, 2]  # the rows in order, whatever a column is called


@pytest.mark.parametrize("fmt", FORMATS)
def test_writer_refuses_columns_no_format_can_hold(tmp_path, fmt):
    w = open_writer(tmp_path / f"names.{fmt}")
    with pytest.raises(InputError, match="differ only in case"):
        w.commit([], upto=0, columns=["id", "Outlet", "outlet"])
    with pytest.raises(InputError, match="NUL"):
        w.commit([], upto=0, columns=["id", "a\x00b"])
    w.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_field_that_first_appears_late_in_the_input_is_written(tmp_path, fmt, capsys):
    from framing.batch.io import read_batch
    from framing.cli.batch import main

    src = tmp_path / "late.jsonl"
    rows = [{"id": f"r{k}", "text": ""} for k in range(1500)]
    rows[1400]["late"] = "here"  # once, after the first thousand records
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / f"scores.{fmt}"
    assert main(["batch", str(src), "-o", str(out), "--no-progress"]) == 0
    assert "has a field" not in capsys.readouterr().err
    df = read_batch(out)
    assert df["late"].notna().sum() == 1 and df.loc[1400, "late"] == "here"


def test_parquet_reader_refuses_duplicate_column_names(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_arrays([pa.array(["a"]), pa.array(["b"]), pa.array(["x"])],
                                 names=["outlet", "outlet", "text"])
    pq.write_table(table, tmp_path / "dup.parquet")
    with pytest.raises(InputError, match=r"duplicate column names \['outlet'\]"):
        records(tmp_path / "dup.parquet")
