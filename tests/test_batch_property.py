"""Property-based test of ``framing batch`` on messy corpora (issue 18).

Hypothesis writes JSONL corpora of records with random column names (in any case, SQL
keywords, quotes, unicode, NUL, lone surrogates, the empty string, names of our columns) and
values of random types, ids missing, null, repeated and of mixed types, texts empty, huge,
long, not strings or missing, and lines that cannot be read (not UTF-8, not JSON, a JSON
array, an integer of 5,000 digits, nesting too deep). Each corpus goes to every output format,
straight through or stopped after some commits (with a torn tail or a leftover part, as a
kill leaves) and finished with ``--resume``. Whatever the corpus:

* the job ends normally (exit 0; 2 with ``--on-duplicate-id error`` exactly when an id repeats),
  with no traceback and no value written as null for want of a type;
* every input record is scored or is an error row, once: the summary counts all of them, and
  the rows of each record (found by a column ``rec_n`` the test adds) say which;
* no input column is lost: each has a column in the output, named by the documented rule, with
  as many values as the input had;
* ids are all of one type, unique when asked for (``suffix``, ``error``), and kept when given;
* :func:`framing.read_batch` gives the same rows and dtypes from all four formats, and
  :func:`framing.score_corpus` on the same file the same columns, ids and error rows.

A second property does the same with CSV and Parquet input (tables of random column names and
kinds, ids missing and repeated, texts empty or missing).

Bounded for CI: ``FRAMING_PROPERTY_EXAMPLES`` examples (default 80, under a minute; a quarter
of that for the tables), the
lexicon method, jobs run in this process; under CI the examples are the same on every run.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import warnings
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.batch.corpus import MAX_CHARS, RESULT_COLUMNS, score_corpus
from framing.batch.io import CorpusWriter, IncompleteBatchWarning, ascii_fold, clean_text, plain
from framing.cli.batch import main as batch_main
from framing.errors import InputError

FORMATS = ["jsonl", "csv", "parquet", "sqlite"]
MAX_EXAMPLES = int(os.environ.get("FRAMING_PROPERTY_EXAMPLES", "80"))
ABSENT = object()

SENTENCES = ["Kyiv rejected the offer.", "Moscow agreed to new talks.",
             "Washington urged restraint, and Beijing refused.", "The weather was mild.",
             "NATO said it would not negotiate.", "The EU insists on sanctions."]
HUGE = "Kyiv rejected the offer. " * (MAX_CHARS // 25 + 1)  # longer than MAX_CHARS
LONG = " ".join(SENTENCES) * 150  # long, but scored

NAMES = st.one_of(
    st.sampled_from(["outlet", "Outlet", "OUTLET", "error", "Error", "actor", "article_error",
                     "ID", "Text", "REC_N", "select", "from", 'quo"te', "it's", "two words",
                     "", " ", "Ünïcödé", "名前", "nul\x00", "lone\udc80", "a,b", "line\nbreak",
                     "__index_level_0__", "rowid", "_framing_batch", "n_hard-line", "frame",
                     "dominant", "Dominant", "article_", "\u2028", "#", "1"]),
    st.text(max_size=6),
).filter(lambda name: name not in ("text", "id", "rec_n"))
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10),
    st.sampled_from(["", "caf\udce9", "a\x00b", "line\u2028sep", 'q"uote,comma\nnl', "True",
                     "null", "1e5", " 007"]),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3),
                   st.dictionaries(st.text(max_size=3), SCALARS, max_size=2))
TEXTS = st.one_of(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map(" ".join),
    st.sampled_from(["", "   ", "\n\t", HUGE, LONG, "Kyiv said no.\udc80", "\x00\x01\x02"]),
    st.integers(), st.none(), st.just(ABSENT), st.lists(st.integers(), max_size=2),
    st.text(max_size=40),
)
IDS = st.one_of(st.just(ABSENT), st.none(), st.sampled_from(["a", "b", "A", "a#2", "record 3"]),
                st.integers(0, 3), st.just(2.0), st.booleans(), st.integers(2**63, 2**64),
                st.text(max_size=4))


def text_fails(text: Any) -> bool:
    """Whether a text cannot be scored (the documented reasons)."""
    return not isinstance(text, str) or not text.strip() or len(text) > MAX_CHARS


@st.composite
def lines(draw) -> tuple[bytes, dict[str, Any] | None]:
    """One JSONL line and what it is: None for a blank line, else
    ``{"fails": bool, "fields": {...} or None, "id": ...}``."""
    kind = draw(st.sampled_from(["record"] * 8 + ["not utf-8", "not json", "array", "string",
                                                  "blank", "big int", "deep"]))
    if kind == "blank":
        return draw(st.sampled_from([b"", b"   ", b"\t"])), None
    if kind == "not utf-8":
        return b'{"id": "x", "text": "caf\xe9 au lait"}', {"fails": True, "fields": None}
    if kind == "not json":
        return b'{"id": "y", "text": "cut', {"fails": True, "fields": None}
    if kind == "array":
        return b'["Kyiv rejected the offer."]', {"fails": True, "fields": None}
    if kind == "big int":
        return b'{"id": ' + b"7" * 5000 + b', "text": "x"}', {"fails": True, "fields": None}
    if kind == "deep":
        return b"[" * 100_000 + b"]" * 100_000, {"fails": True, "fields": None}
    text = draw(TEXTS)
    if kind == "string":
        text = text if isinstance(text, str) else "Moscow agreed."
        return json.dumps(text).encode(), {"fails": text_fails(text), "fields": None}
    rid = draw(IDS)
    fields = draw(st.dictionaries(NAMES, VALUES, max_size=4))
    record: dict[str, Any] = {"rec_n": None}
    if rid is not ABSENT:
        record["id"] = rid
    if text is not ABSENT:
        record["text"] = text
    record.update(fields)
    return record, {"fails": text is ABSENT or text_fails(text), "fields": fields, "id": rid}


@st.composite
def corpora(draw):
    drawn = draw(st.lists(lines(), min_size=1, max_size=10))
    out, expected = [], []
    for line, what in drawn:
        if isinstance(line, dict):  # a record: number it, so that its rows can be found
            line["rec_n"] = len(expected)
            line = json.dumps(line).encode()
        out.append(line)
        if what is not None:
            expected.append(what)
    if draw(st.booleans()):
        out[0] = b"\xef\xbb\xbf" + out[0]  # a byte-order mark
    return b"\n".join(out) + draw(st.sampled_from([b"\n", b""])), expected


def run(*args: Any) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = batch_main(["batch", *map(str, args), "--no-progress", "--method", "lexicon"])
    return code, err.getvalue()


def interrupted(commits: int, args: list[Any]) -> tuple[int, str]:
    """Run a job and stop it (as Ctrl-C does) before its commit number ``commits`` + 1."""
    real = CorpusWriter.commit
    done = [0]

    def commit(self, *a, **kw):
        if done[0] >= commits:
            raise KeyboardInterrupt
        done[0] += 1
        return real(self, *a, **kw)

    CorpusWriter.commit = commit
    try:
        return run(*args)
    finally:
        CorpusWriter.commit = real


def job(args: list[Any], out: Path, stop: int | None) -> tuple[int, str]:
    """Run a job straight through, or stop it after ``stop`` commits, tear its output as a
    kill does and finish it with ``--resume``: (exit status, stderr), never a traceback."""
    if stop is not None:
        code, err = interrupted(stop, args)
        assert "Traceback" not in err
        if code == 2:  # refused before scoring: a repeated id and policy error
            return code, err
        assert code in (0, 130), err
        tear(out)
        code, err = run(*args, "--resume")
    else:
        code, err = run(*args)
    assert "Traceback" not in err
    return code, err


def counts(err: str) -> tuple[int, int, int]:
    """(scored, failed, skipped) from a job's summary."""
    m = re.search(r"(\d+) scored, (\d+) failed, (\d+) skipped", err)
    assert m, err
    return tuple(map(int, m.groups()))


def tear(out: Path) -> None:
    """What a kill in the middle of a write leaves behind."""
    if out.suffix in (".jsonl", ".csv") and out.exists():
        with open(out, "ab") as f:
            f.write(b'{"id": "torn", "act')
    elif out.suffix == ".parquet" and out.is_dir():
        (out / ".part-999999.parquet.tmp").write_bytes(b"PAR1 torn")


def renamed_by_the_rule(name: str, out: str) -> bool:
    """``out`` is ``name`` (NUL and lone surrogates as U+FFFD), maybe prefixed article_."""
    base = clean_text(name.replace("\x00", "\ufffd"))
    while out != base and out.startswith("article_"):
        out = out[len("article_"):]
    return out == base


def rec_numbers(df: pd.DataFrame) -> list[int | None]:
    """The ``rec_n`` of each row (None for the rows of lines that were not field records)."""
    if "rec_n" not in df:
        return [None] * len(df)
    return [None if pd.isna(v) else int(v) for v in df["rec_n"].tolist()]


def records_of(df: pd.DataFrame) -> list[tuple[Any, Any]]:
    """(rec_n, id) of each record: its rows are consecutive and share both."""
    pairs = list(zip(rec_numbers(df), df["id"].tolist(), strict=True))
    return [p for k, p in enumerate(pairs) if k == 0 or pairs[k - 1] != p]


@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=bool(os.environ.get("CI")),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.large_base_example])
@given(corpus=corpora(), policy=st.sampled_from(["warn", "warn", "suffix", "error"]),
       chunk=st.integers(1, 4), stop=st.one_of(st.none(), st.integers(0, 3)))
def test_batch_property_messy_corpora_every_format(corpus, policy, chunk, stop):
    data, expected = corpus
    n = len(expected)
    with TemporaryDirectory() as tmp, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        src = Path(tmp) / "in.jsonl"
        src.write_bytes(data)
        frames, errs = {}, {}
        for fmt in FORMATS:
            out = Path(tmp) / f"out.{fmt}"
            args = [src, "-o", out, "--chunk-size", chunk, "--on-duplicate-id", policy]
            code, err = job(args, out, stop)
            if code == 2:
                assert policy == "error" and "repeated" in err, err
                assert not out.exists()
                frames[fmt] = None
                continue
            assert code == 0, err
            scored, failed, skipped = counts(err)
            assert scored + failed + skipped == n, err
            if stop is None:
                assert failed == sum(e["fails"] for e in expected), err
            frames[fmt], errs[fmt] = framing.read_batch(out), err
        try:  # the same corpus in memory: the same columns and ids, by the same rules
            mem = score_corpus(src, progress=False, method="lexicon", on_duplicate_id=policy)
        except InputError as e:
            assert policy == "error" and "repeated" in str(e)
            mem = None
        assert not [w for w in caught if issubclass(w.category, IncompleteBatchWarning)
                    or "written as null" in str(w.message)]
    if frames["jsonl"] is None:  # refused: by every format alike, and by score_corpus
        assert all(f is None for f in frames.values()) and mem is None
        return
    assert mem is not None
    assert list(mem.columns) == list(frames["jsonl"].columns)
    assert mem["id"].tolist() == frames["jsonl"]["id"].tolist()
    assert mem["error"].notna().tolist() == frames["jsonl"]["error"].notna().tolist()
    df = frames["jsonl"]
    rec_n = pd.Series(rec_numbers(df), index=df.index, dtype=object)
    for fmt in FORMATS[1:]:  # the same rows, columns and dtypes from every format
        pd.testing.assert_frame_equal(frames[fmt], df, obj=f"{fmt} against jsonl")

    # every record scored or an error row, once
    assert list(df.columns[-len(RESULT_COLUMNS):]) == list(RESULT_COLUMNS)
    recs = records_of(df)
    if policy != "warn":
        assert len(recs) == n and len({i for _, i in recs}) == n  # unique ids
    for k, what in enumerate(expected):
        if what["fields"] is None:
            continue
        rows = df[rec_n == k]
        assert len(rows) >= 1, k
        if what["fails"]:
            assert len(rows) == 1 and rows["error"].notna().all(), (k, rows)
        else:
            assert rows["error"].isna().all(), (k, rows["error"].tolist())
            assert not rows["actor"].dropna().duplicated().any()
    # lines that are not records of fields (unreadable, or a JSON string: the text) give one
    # error row each when they fail
    others = df[rec_n.isna()]
    assert others["error"].notna().sum() == sum(
        e["fails"] for e in expected if e["fields"] is None)

    # ids: one type; given ones kept
    assert len({type(v) for v in df["id"].tolist()}) <= 1
    ids = df["id"].groupby(rec_n, sort=False).first()
    for k, what in enumerate(expected):
        rid = what.get("id")
        if isinstance(rid, str) and rid and policy != "suffix":  # "" is no id
            assert ids[k] == clean_text(rid), (k, rid, ids[k])

    # no input column lost: named by the rule, case-insensitively unique, values all there
    names = [c for c in df.columns]
    assert len({ascii_fold(c) for c in names}) == len(names)
    renamed = df.attrs["framing"]["renamed"]
    records = df[~rec_n.duplicated()].set_axis(rec_n[~rec_n.duplicated()].tolist())
    for k, what in enumerate(expected):
        for name, value in (what["fields"] or {}).items():
            out = renamed.get(name, name)
            assert out in df.columns and renamed_by_the_rule(name, out), (name, out)
            assert (plain(value) is None) == bool(pd.isna(records.loc[k, out]) is True), \
                (k, name, value, records.loc[k, out])
            if isinstance(value, str) and str(df[out].dtype) == "object":
                assert records.loc[k, out] == clean_text(value)


# No bare CR in a column name: pandas writes it unquoted in a CSV header, where every CSV
# reader (pandas' own included) takes it for a line break, so the file no longer says what the
# table held.
TABLE_NAMES = NAMES.filter(lambda name: "\x00" not in name and "\r" not in name and not re.search(
    "[\ud800-\udfff]", name) and name.strip() == name and name != "")
TABLE_VALUES = st.one_of(st.none(), st.integers(-10**6, 10**6), st.floats(allow_nan=False,
                         allow_infinity=False), st.sampled_from(["", "x", "True", "null", "1e5",
                                                                  " 007", 'q"uote,comma']))
TABLE_TEXTS = st.one_of(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(
    " ".join), st.sampled_from(["", "   ", LONG]), st.none())
TABLE_IDS = st.one_of(st.none(), st.sampled_from(["a", "b", "A", "7"]))


@st.composite
def tables(draw):
    """A corpus as a table (for CSV and Parquet input): the text, maybe an id, a few columns
    of random names (each name once, as both formats require) and values of one kind each."""
    n = draw(st.integers(1, 8))
    names = draw(st.lists(TABLE_NAMES, max_size=4, unique=True))
    table: dict[str, list[Any]] = {"rec_n": list(range(n)),
                                   "text": draw(st.lists(TABLE_TEXTS, min_size=n, max_size=n))}
    if draw(st.booleans()):
        table["id"] = draw(st.lists(TABLE_IDS, min_size=n, max_size=n))
    for name in names:
        kind = draw(st.sampled_from(["int", "float", "str"]))
        values = draw(st.lists(TABLE_VALUES, min_size=n, max_size=n))
        cast = {"int": lambda v: v if isinstance(v, int) else None,
                "float": lambda v: float(v) if isinstance(v, int | float) else None,
                "str": lambda v: v if isinstance(v, str) else None}[kind]
        table[name] = [cast(v) for v in values]
    return pd.DataFrame(table)


@settings(max_examples=max(MAX_EXAMPLES // 4, 5), deadline=None,
          derandomize=bool(os.environ.get("CI")),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(table=tables(), source=st.sampled_from(["csv", "parquet"]),
       policy=st.sampled_from(["warn", "suffix", "error"]), stop=st.one_of(st.none(),
                                                                           st.integers(0, 2)))
def test_batch_property_table_input_every_format(table, source, policy, stop):
    """CSV and Parquet input: every record scored or an error row, no column lost, the same
    rows from every output format, with or without an interruption and ``--resume``."""
    n = len(table)
    with TemporaryDirectory() as tmp:
        src = Path(tmp) / f"in.{source}"
        if source == "csv":
            table.to_csv(src, index=False)
        else:
            table.to_parquet(src, index=False)
        repeated = "id" in table and table["id"].dropna().duplicated().any()
        frames = {}
        for fmt in FORMATS:
            out = Path(tmp) / f"out.{fmt}"
            args = [src, "-o", out, "--chunk-size", 2, "--on-duplicate-id", policy]
            code, err = job(args, out, stop)
            if code == 2:
                assert policy == "error" and repeated and "repeated" in err, err
                frames[fmt] = None
                continue
            assert code == 0, err
            assert sum(counts(err)) == n, err
            frames[fmt] = framing.read_batch(out)
    if frames["jsonl"] is None:
        assert all(f is None for f in frames.values())
        return
    df = frames["jsonl"]
    for fmt in FORMATS[1:]:
        pd.testing.assert_frame_equal(frames[fmt], df, obj=f"{fmt} against jsonl, {source} in")
    rec_n = pd.Series(rec_numbers(df), index=df.index, dtype=object)
    assert sorted(set(rec_n.dropna())) == list(range(n))  # every record has rows
    fails = [not isinstance(t, str) or not t.strip() for t in table["text"]]
    for k in range(n):
        rows = df[rec_n == k]
        assert rows["error"].notna().all() if fails[k] else rows["error"].isna().all(), (k, rows)
    renamed = df.attrs["framing"]["renamed"]
    for name in table.columns:
        if name not in ("text", "id"):
            out = renamed.get(name, name)
            assert out in df.columns and renamed_by_the_rule(name, out), (name, out)
