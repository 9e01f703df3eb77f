"""Streaming corpus readers and crash-safe, chunked result writers.

Readers (:func:`read_corpus` and the per-format functions) yield :class:`Record` objects one at
a time, in input order, so memory does not grow with the corpus. Every record has a stable
``number`` (its 0-based position among the records of the input), which is what a resumed job
skips by. A record that cannot be read (a line that is not JSON, bytes that are not UTF-8, a
binary ``.txt`` file) is yielded with ``error`` set (naming the file and line), so the job can
report it as an error row and go on.

Writers (:func:`open_writer`) write rows chunk by chunk; each :meth:`CorpusWriter.commit` is
atomic and durable, so a job killed at any moment (even ``kill -9``) can be resumed with every
record written exactly once:

* JSONL and CSV append the chunk, ``fsync`` it, then atomically replace a sidecar checkpoint
  ``OUTPUT.progress.json`` holding the committed byte length and record count. Resuming
  truncates the file to the committed length (dropping a torn tail) and skips the committed
  records.
* SQLite inserts the chunk and updates its progress row in one transaction.
* Parquet writes one part file per chunk into the directory ``OUTPUT``, under a temporary name
  that is then ``os.replace``-d; each part records the range of records it holds in its
  metadata.

Every column has one kind (:data:`KINDS`), fixed at the first commit and recorded with the
output, and every value is written as that kind, so :func:`read_batch` gives the same rows and
dtypes from all four formats.

Formats are chosen by suffix: ``.jsonl``/``.ndjson``, ``.csv``, ``.parquet`` (a file or, as
output, a directory of part files), ``.sqlite``/``.sqlite3``/``.db``; a directory of ``.txt``
files is read with one article per file (id = file stem).
"""

from __future__ import annotations

import base64
import contextlib
import csv
import datetime as _dt
import io
import json
import math
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import FramingError, InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
PARQUET_SUFFIXES = (".parquet", ".pq")
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
INPUT_FORMATS = ("jsonl", "csv", "parquet", "txt")
OUTPUT_FORMATS = ("jsonl", "csv", "parquet", "sqlite")

#: Name of the sidecar checkpoint of JSONL and CSV outputs: ``OUTPUT`` + this suffix.
PROGRESS_SUFFIX = ".progress.json"
PROGRESS_FORMAT = "framing-batch-progress"
#: Table of an SQLite output that records, per result table, the committed records.
SQLITE_PROGRESS_TABLE = "_framing_batch"
#: Largest JSONL file whose records :func:`count_records` counts (for a progress bar).
COUNT_LIMIT = 2 * 2**30
#: Key of the JSON metadata stored in every Parquet part file.
PARQUET_META_KEY = b"framing_batch"
#: Written into a Parquet output directory when its job has scored every record.
PARQUET_COMPLETE = "_framing_complete.json"


@dataclass(frozen=True, slots=True)
class Record:
    """One record of a corpus.

    Attributes
    ----------
    number : int
        0-based position among the records of the input; stable from run to run.
    data : dict or None
        The record's fields (the text included); None when it could not be read (for a
        ``.txt`` file that cannot be read, only its id).
    error : str or None
        Why the record could not be read, naming the file and line
        (``"corpus.jsonl:57: invalid JSON: Expecting value (column 1)"``).
    id : object
        For unreadable records, where they are (``"line 57"``, a file stem); None otherwise.
        Their id in an output follows :func:`framing.batch.schema.assign_ids` (a record
        without an id gets its position).
    """

    number: int
    data: dict[str, Any] | None
    error: str | None = None
    id: Any = None


# -- formats -----------------------------------------------------------------------------


def input_format(path: str | os.PathLike[str]) -> str:
    """The format of a corpus path: ``jsonl``, ``csv``, ``parquet`` or ``txt`` (a directory).

    Examples
    --------
    >>> input_format("news/corpus.jsonl"), input_format("x.csv"), input_format("x.parquet")
    ('jsonl', 'csv', 'parquet')
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    if p.is_dir():
        return "txt"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix == ".json":
        raise InputError(f"{p}: a .json file is one document, not a stream of records; "
                         "write one JSON object per line (.jsonl)")
    raise InputError(f"{p}: unknown corpus format {suffix or '(no suffix)'!r}; give a .jsonl, "
                     ".csv or .parquet file or a directory of .txt files")


def output_format(path: str | os.PathLike[str]) -> str:
    """The format of an output path by its suffix: ``jsonl``, ``csv``, ``parquet``, ``sqlite``.

    Examples
    --------
    >>> output_format("scores.parquet"), output_format("scores.db")
    ('parquet', 'sqlite')
    """
    suffix = Path(path).suffix.lower()
    for fmt, suffixes in (("jsonl", JSONL_SUFFIXES), ("csv", CSV_SUFFIXES),
                          ("parquet", PARQUET_SUFFIXES), ("sqlite", SQLITE_SUFFIXES)):
        if suffix in suffixes:
            return fmt
    raise InputError(f"{path}: unknown output format {suffix or '(no suffix)'!r}; use .jsonl, "
                     ".csv, .parquet (a directory of part files) or .sqlite/.db")


# -- readers -----------------------------------------------------------------------------


def read_corpus(path: str | os.PathLike[str], *, text: str = "text", id: str = "id",
                start: int = 0) -> Iterator[Record]:
    """Stream the records of a corpus file or directory, in order.

    Parameters
    ----------
    path : path-like
        A ``.jsonl`` file (one JSON object per line, or one JSON string: the text), a ``.csv``
        file with a header, a ``.parquet`` file (or directory of part files), or a directory of
        ``.txt`` files (one article per file, read in name order, id = file stem).
    text, id : str
        Field names of the text and of the id (the ``.txt`` reader creates these fields).
    start : int, default=0
        Skip the first ``start`` records (cheaply: they are not parsed where it can be
        avoided). Used to resume a job.

    Yields
    ------
    Record

    Raises
    ------
    InputError
        When the whole input is unusable: missing, unknown format, no ``text`` column.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> p = os.path.join(d, "c.jsonl")
    >>> with open(p, "w") as f:
    ...     _ = f.write('{"id": "a", "text": "Kyiv said no."}\\n{oops\\n"Moscow agreed."\\n')
    >>> [(r.number, r.data, r.id) for r in read_corpus(p)][1:]
    [(1, None, 'line 2'), (2, {'text': 'Moscow agreed.'}, None)]
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or directory")
    fmt = input_format(p)
    if fmt == "jsonl":
        return read_jsonl(p, text=text, start=start)
    if fmt == "csv":
        return read_csv(p, text=text, start=start)
    if fmt == "parquet":
        return read_parquet(p, text=text, start=start)
    return read_txt_dir(p, text=text, id=id, start=start)


def count_records(path: str | os.PathLike[str]) -> int | None:
    """The number of records of a corpus when it is cheap to know (for a progress bar).

    Parquet: from the metadata; a directory: the ``.txt`` files; JSONL: the non-empty lines
    (one fast pass over the bytes; None above :data:`COUNT_LIMIT` bytes); CSV: None (quoted
    fields may span lines).
    """
    p = Path(path)
    fmt = input_format(p)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return sum(pq.ParquetFile(f).metadata.num_rows for f in _parquet_files(p))
    if fmt == "txt":
        return len(_txt_files(p))
    if fmt == "jsonl":
        if p.stat().st_size > COUNT_LIMIT:
            return None  # not worth a pass over the file before starting
        n = 0
        with open(p, "rb") as f:
            for line in f:
                if line.strip():
                    n += 1
        return n
    return None


def read_jsonl(path: str | os.PathLike[str], *, text: str = "text",
               start: int = 0) -> Iterator[Record]:
    """Stream a JSONL file: one record per non-empty line (blank lines are not records).

    A line may hold a JSON object (the record) or a JSON string (the text). A line that is not
    valid UTF-8 or not valid JSON, or holds another JSON value, is an unreadable record with
    id ``"line N"``.
    """
    p = Path(path)
    name = p.name
    number = 0
    with open(p, "rb") as f:
        for lineno, raw in enumerate(f, start=1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            if number < start:
                number += 1
                continue
            yield _jsonl_record(raw, number, lineno, name, text)
            number += 1


def _jsonl_record(raw: bytes, number: int, lineno: int, name: str, text: str) -> Record:
    where = f"{name}:{lineno}"
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return Record(number, None, f"{where}: not valid UTF-8 (byte 0x{raw[e.start]:02x} at "
                                    f"column {e.start + 1})", f"line {lineno}")
    try:
        value = json.loads(line)
    except json.JSONDecodeError as e:
        return Record(number, None, f"{where}: invalid JSON: {e.msg} (column {e.colno})",
                      f"line {lineno}")
    except RecursionError:
        return Record(number, None, f"{where}: invalid JSON: nested too deeply",
                      f"line {lineno}")
    except ValueError as e:  # e.g. an integer of more than 4,300 digits
        return Record(number, None, f"{where}: invalid JSON: {e}", f"line {lineno}")
    if isinstance(value, dict):
        return Record(number, value)
    if isinstance(value, str):
        return Record(number, {text: value})
    return Record(number, None, f"{where}: expected a JSON object (or a string: the text); "
                                f"got {type(value).__name__}", f"line {lineno}")


def read_csv(path: str | os.PathLike[str], *, text: str = "text",
             start: int = 0) -> Iterator[Record]:
    """Stream a CSV file with a header row (UTF-8; fields may span lines when quoted).

    Every value is a string, as in the file. A row with the wrong number of fields or bytes
    that are not UTF-8 is an unreadable record with id ``"line N"`` (its first line).
    """
    p = Path(path)
    name = p.name
    _raise_csv_field_limit()
    with open(p, encoding="utf-8-sig", errors="surrogateescape", newline="") as f:
        reader = csv.reader(f)
        try:
            header = next(reader, None)
        except csv.Error as e:
            raise InputError(f"{name}:1: cannot read the CSV header: {e}") from None
        if header is None:
            return
        if _has_surrogates(header):
            raise InputError(f"{name}:1: the header is not valid UTF-8")
        if text not in header:
            raise InputError(f"{name}: no column {text!r}; columns: {header}; pass the name "
                             "of the text column (--text-column)")
        if len(set(header)) != len(header):
            dup = sorted({h for h in header if header.count(h) > 1})
            raise InputError(f"{name}:1: duplicate column names {dup}")
        number = 0
        next_line = reader.line_num + 1
        last_error_line = -1
        while True:
            lineno = next_line
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                next_line = reader.line_num + 1
                if reader.line_num == last_error_line:  # no progress: give up on the file
                    raise InputError(f"{name}:{lineno}: {e}") from None
                last_error_line = reader.line_num
                if number >= start:
                    yield Record(number, None, f"{name}:{lineno}: {e}", f"line {lineno}")
                number += 1
                continue
            next_line = reader.line_num + 1
            if not row:
                continue  # a blank line
            if number < start:
                number += 1
                continue
            if len(row) != len(header):
                yield Record(number, None, f"{name}:{lineno}: {len(row)} fields, the header has "
                                           f"{len(header)}", f"line {lineno}")
            elif _has_surrogates(row):
                yield Record(number, None, f"{name}:{lineno}: not valid UTF-8", f"line {lineno}")
            else:
                yield Record(number, dict(zip(header, row, strict=True)))
            number += 1


def _raise_csv_field_limit() -> None:
    # Articles are longer than the csv module's default limit of 131,072 characters; a text
    # that is too long is reported by the scorer, not by the reader.
    limit = 2**31 - 1
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _has_surrogates(values: Sequence[str]) -> bool:
    try:
        for v in values:
            v.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_parquet(path: str | os.PathLike[str], *, text: str = "text", start: int = 0,
                 batch_size: int = 1024) -> Iterator[Record]:
    """Stream a Parquet file, or a directory of Parquet files in name order, in batches."""
    import pyarrow.parquet as pq

    p = Path(path)
    number = 0
    for file in _parquet_files(p):
        pf = pq.ParquetFile(file)
        names = pf.schema_arrow.names
        if text not in names:
            raise InputError(f"{file}: no column {text!r}; columns: {names}; pass the name of "
                             "the text column (--text-column)")
        if len(set(names)) != len(names):  # a record (a dict) would keep only the last one
            dup = sorted({n for n in names if names.count(n) > 1})
            raise InputError(f"{file}: duplicate column names {dup}")
        groups = []
        for g in range(pf.num_row_groups):
            n = pf.metadata.row_group(g).num_rows
            if number + n <= start:
                number += n
            else:
                groups.append(g)
        if not groups:
            continue
        for batch in pf.iter_batches(batch_size=batch_size, row_groups=groups):
            if number + batch.num_rows <= start:
                number += batch.num_rows
                continue
            for row in batch.to_pylist():
                if number >= start:
                    yield Record(number, row)
                number += 1


def _parquet_files(p: Path) -> list[Path]:
    if p.is_dir():
        return sorted(f for f in p.iterdir() if f.is_file() and f.suffix in PARQUET_SUFFIXES
                      and not f.name.startswith((".", "_")))
    return [p]


def read_txt_dir(path: str | os.PathLike[str], *, text: str = "text", id: str = "id",
                 start: int = 0) -> Iterator[Record]:
    """Stream a directory of ``.txt`` files (not recursive), one article per file, by name.

    The id is the file stem. A file that is binary or not UTF-8 is an unreadable record (its
    ``error`` set, its ``data`` holding only the id).
    """
    p = Path(path)
    for number, name in enumerate(_txt_files(p)):
        if number < start:
            continue
        stem = name[:-4]
        try:
            data = (p / name).read_bytes()
            body = decode_text(data, name)
        except InputError as e:
            yield Record(number, {id: stem}, str(e), stem)
            continue
        except OSError as e:
            yield Record(number, {id: stem}, f"{name}: cannot read: {e.strerror or e}", stem)
            continue
        yield Record(number, {id: stem, text: body})


def decode_text(data: bytes, name: str, encoding: str = "utf-8") -> str:
    """Decode an article, refusing binary data and undecodable text with a clear message.

    Examples
    --------
    >>> decode_text("Kyiv".encode(), "a.txt")
    'Kyiv'
    >>> decode_text(b"PK\\x03\\x04\\x00\\x00", "a.txt")
    Traceback (most recent call last):
    ...
    framing.errors.InputError: a.txt: looks like a binary file (NUL bytes), not text
    """
    head = data[:65536]
    if b"\x00" in head:
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise InputError(f"{name}: looks like UTF-16 text; convert it to UTF-8 or pass "
                             "--encoding utf-16")
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not text")
    utf8 = encoding.lower().replace("_", "-") in ("utf-8", "utf8")
    try:
        text = data.decode("utf-8-sig" if utf8 else encoding)
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        label = "UTF-8" if utf8 else encoding
        raise InputError(
            f"{name}:{line}: not valid {label} (byte 0x{data[e.start]:02x} at offset "
            f"{e.start}); convert the file to UTF-8, or pass --encoding with its encoding, "
            "e.g. --encoding cp1252") from None
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if sample and controls > 0.05 * len(sample):
        raise InputError(f"{name}: looks like a binary file (control characters), not text")
    return text


def _txt_files(p: Path) -> list[str]:
    with os.scandir(p) as it:
        return sorted(e.name for e in it if e.name.endswith(".txt") and e.is_file())


# -- values ------------------------------------------------------------------------------


def plain(value: Any, *, nested: bool = True) -> Any:
    """A value as JSON-able Python: None for NaN/NA, ISO strings for dates, lists for arrays.

    With ``nested=False`` (CSV, SQLite, Parquet), lists and dicts become JSON strings. Text
    that no output can hold (an unpaired surrogate, as a JSON ``"\\ud800"`` escape gives) has
    those characters replaced by U+FFFD.

    Examples
    --------
    >>> import datetime
    >>> plain(float("nan")), plain(datetime.date(2024, 5, 1)), plain([1, 2], nested=False)
    (None, '2024-05-01', '[1, 2]')
    >>> plain("caf\\udce9")
    'caf\ufffd'
    """
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return value if value.isascii() else clean_text(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    cls = type(value)
    if cls.__name__ in ("NAType", "NaTType"):
        return None
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if cls.__module__ == "numpy" and getattr(value, "shape", None) == ():
        return plain(value.item(), nested=nested)
    if isinstance(value, Mapping):
        d = {plain(str(k)): plain(v) for k, v in value.items()}
        return d if nested else json.dumps(d, ensure_ascii=False)
    if isinstance(value, list | tuple | set | frozenset) or hasattr(value, "tolist"):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        lst = [plain(v) for v in items]
        return lst if nested else json.dumps(lst, ensure_ascii=False)
    return plain(str(value))


def clean_text(text: str) -> str:
    """``text`` with the characters UTF-8 cannot encode (unpaired surrogates) as U+FFFD.

    Examples
    --------
    >>> clean_text("ok"), clean_text("a\\ud800b")
    ('ok', 'a\ufffdb')
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    return text


# -- kinds: the one type of each output column -------------------------------------------

#: Value kinds of output columns. ``json``: lists and dicts (and columns mixing them with
#: other values), nested in JSONL and JSON text in CSV, SQLite and Parquet.
KINDS = ("str", "int", "float", "bool", "json")
_INT64 = 2**63
_EXACT_FLOAT = 2**53


class KindSet:
    """The kinds of the values of one column seen so far; :attr:`kind` is the column's kind.

    The rule (the same for every output format): nulls (None, NaN, infinities) do not count;
    a column of only booleans, only integers or only strings has that kind; integers and
    floats make ``float`` (``str`` when an integer is beyond 2**53, which a float cannot
    hold); a list or dict anywhere makes ``json``; any other mix, an integer that does not fit
    64 bits, or no value at all makes ``str``, with the other values written as JSON text
    (``1``, ``2.5``, ``true``).

    Examples
    --------
    >>> [infer_kind(v) for v in ([1, None, 2], [1, 2.5], [True, "x"], [[1], "x"], [None])]
    ['int', 'float', 'str', 'json', 'str']
    """

    __slots__ = ("big", "tags")

    def __init__(self) -> None:
        self.tags: set[str] = set()
        self.big = 0

    def add(self, value: Any) -> None:
        v = plain(value)
        if v is None:
            return
        if isinstance(v, bool):
            self.tags.add("bool")
        elif isinstance(v, int):
            if -_INT64 <= v < _INT64:
                self.tags.add("int")
                self.big = max(self.big, abs(v))
            else:
                self.tags.add("bigint")
        elif isinstance(v, float):
            self.tags.add("float")
        elif isinstance(v, str):
            self.tags.add("str")
        else:
            self.tags.add("json")

    @property
    def kind(self) -> str:
        tags = self.tags
        if "json" in tags:
            return "json"
        if len(tags) == 1 and "bigint" not in tags:
            return next(iter(tags))
        if tags == {"int", "float"} and self.big <= _EXACT_FLOAT:
            return "float"
        return "str"


def infer_kind(values: Iterable[Any]) -> str:
    """The kind of a column holding ``values`` (see :class:`KindSet` for the rule).

    Examples
    --------
    >>> infer_kind([1, 2**70]), infer_kind([float("nan"), 0.5])
    ('str', 'float')
    """
    kinds = KindSet()
    for v in values:
        kinds.add(v)
    return kinds.kind


def cast_value(value: Any, kind: str | None) -> tuple[Any, bool]:
    """``value`` as a value of ``kind``: (the value, whether it fits).

    Nulls stay None; a ``str`` column takes any value (non-strings as their JSON text); an
    ``int`` column takes whole numbers that fit 64 bits; ``float`` any number; ``bool`` only
    booleans; ``json`` any value. A value that does not fit gives (None, False). ``kind``
    None (an output written before kinds were recorded) keeps the plain value.

    Examples
    --------
    >>> cast_value(3, "str"), cast_value(2.0, "int"), cast_value("x", "int")
    (('3', True), (2, True), (None, False))
    """
    v = plain(value)
    if v is None or kind is None or kind == "json":
        return v, True
    if kind == "str":
        return (v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)), True
    if kind == "bool":
        return (v, True) if isinstance(v, bool) else (None, False)
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None, False
    if kind == "int":
        if isinstance(v, float):
            if not v.is_integer():
                return None, False
            v = int(v)
        return (v, True) if -_INT64 <= v < _INT64 else (None, False)
    if kind == "float":
        try:
            return float(v), True
        except OverflowError:
            return None, False
    raise FramingError(f"unknown column kind {kind!r}; expected one of {list(KINDS)}")


def _pandas_column(values: list[Any], kind: str | None):
    """A pandas Series of ``values`` with the dtype of ``kind`` (see :func:`read_batch`)."""
    import pandas as pd

    if kind == "int":
        return pd.Series(values, dtype="Int64")
    if kind == "float":
        return pd.Series([float("nan") if v is None else v for v in values], dtype="float64")
    if kind == "bool":
        return pd.Series(values, dtype="boolean")
    return pd.Series(values, dtype=object)


# -- writers -----------------------------------------------------------------------------


def check_column_names(columns: Sequence[str], where: str = "") -> None:
    """Refuse output columns that some output format cannot hold.

    Every format gets the same columns, so the names must suit the strictest: SQLite compares
    names ignoring ASCII case, and no SQL statement may hold a NUL character. ``framing batch``
    and :func:`framing.score_corpus` rename input columns so that this never fails (see
    :class:`framing.batch.schema.ColumnNamer`); this check is for direct callers.

    Examples
    --------
    >>> check_column_names(["id", "Outlet", "outlet"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framing.errors.InputError: output columns 'Outlet' and 'outlet' differ only in case, ...
    """
    seen: dict[str, str] = {}
    for c in columns:
        if not isinstance(c, str):
            raise InputError(f"{where}output column names must be str; got {c!r}")
        if "\x00" in c or clean_text(c) != c:
            raise InputError(f"{where}output column {c!r} holds a NUL character or an unpaired "
                             "surrogate, which no output format can store")
        key = ascii_fold(c)
        if key in seen:
            if seen[key] == c:
                raise InputError(f"{where}output column {c!r} is repeated")
            raise InputError(f"{where}output columns {seen[key]!r} and {c!r} differ only in "
                             "case, which SQLite does not allow; rename one (framing batch "
                             "prefixes article_)")
        seen[key] = c


def ascii_fold(name: str) -> str:
    """``name`` with ASCII letters in lower case: how SQLite compares column names.

    Examples
    --------
    >>> ascii_fold("Outlet"), ascii_fold("ÉTAT")
    ('outlet', 'État')
    """
    if name.isascii():
        return name.lower()
    return "".join(ch.lower() if ch.isascii() else ch for ch in name)


class CorpusWriter:
    """Base class of the chunked writers; use :func:`open_writer`.

    Every value is written as its column's kind (:data:`KINDS`), fixed at the first commit and
    recorded in the output, so that :func:`read_batch` gives the same rows and dtypes from
    every format.

    Attributes
    ----------
    path : Path
        The output.
    committed : int
        Records whose rows are all in the output (the point a resumed job starts from).
    rows : int
        Rows in the output.
    columns : list of str or None
        The output's columns, fixed by the first commit (or read back when resuming).
    kinds : dict or None
        The kind of each column (``str``, ``int``, ``float``, ``bool``, ``json``), fixed by
        the first commit (or read back when resuming; empty for an output written before
        kinds were recorded).
    meta : dict or None
        What the run that created the output stored (options, versions), read back when
        resuming; None for a new output.
    """

    format = ""

    def __init__(self, path: Path, types: Mapping[str, str] | None = None) -> None:
        self.path = path
        self.committed = 0
        self.rows = 0
        self.columns: list[str] | None = None
        self.kinds: dict[str, str] | None = None
        self.meta: dict[str, Any] | None = None
        self._types = dict(types or {})
        self._warned: set[str] = set()
        self._closed = False

    def commit(self, rows: Sequence[Mapping[str, Any]], upto: int,
               columns: Sequence[str], kinds: Mapping[str, str] | None = None) -> None:
        """Write ``rows`` and mark records ``< upto`` as done, atomically and durably.

        ``columns`` fixes the output's columns at the first commit and is ignored afterwards;
        keys of ``rows`` outside the columns are not written, missing keys are null.
        ``kinds`` (and the writer's ``types``) fix the columns' kinds at the first commit; a
        column given neither takes the kind of its values in this first chunk
        (:func:`infer_kind`). A later value that does not fit its column's kind is written as
        null, with a warning.
        """
        if upto < self.committed:
            raise FramingError(f"{self.path}: commit of records < {upto} after {self.committed}")
        if self.columns is None:
            check_column_names(list(columns), f"{self.path}: ")
            self.columns = list(columns)
        if self.kinds is None:
            given = {**self._types, **(kinds or {})}
            fixed = {}
            for c in self.columns:
                kind = given.get(c) or infer_kind(r.get(c) for r in rows)
                if kind not in KINDS:
                    raise InputError(f"{self.path}: column {c!r} has kind {kind!r}; expected "
                                     f"one of {list(KINDS)}")
                fixed[c] = kind
            self.kinds = fixed
        self._commit([self._cast(r) for r in rows], upto)
        self.committed = upto
        self.rows += len(rows)

    def _cast(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        kinds = self.kinds or {}
        out = []
        for c in self.columns or ():
            kind = kinds.get(c)
            value = row.get(c)
            v, fits = cast_value(value, kind)
            if not fits and c not in self._warned:
                self._warned.add(c)
                import warnings

                warnings.warn(f"{self.path}: column {c!r} is {kind} (fixed by the first "
                              f"chunk) but a later value is {value!r}; such values are "
                              "written as null", stacklevel=3)
            out.append(v)
        return tuple(out)

    def close(self, *, complete: bool = False) -> None:
        """Release the output; ``complete=True`` records that the input was exhausted."""
        if not self._closed:
            self._closed = True
            self._close(complete)

    def __enter__(self) -> CorpusWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(complete=False)

    def _commit(self, values: list[tuple[Any, ...]], upto: int) -> None:
        """Write rows of values (in column order, already of their column's kind)."""
        raise NotImplementedError

    def _flat(self, values: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """Rows for the formats without nested values (CSV, SQLite, Parquet): every value of
        a ``json`` column as JSON text (``"x"`` for the string x, so that it reads back as a
        string), and lists and dicts of an untyped column too."""
        kinds = self.kinds or {}
        cols = self.columns or []
        as_json = [k for k, c in enumerate(cols) if kinds.get(c) == "json"]
        untyped = [k for k, c in enumerate(cols) if kinds.get(c) is None]
        if not as_json and not untyped:
            return values
        out = []
        for row in values:
            row = list(row)
            for k in as_json:
                if row[k] is not None:
                    row[k] = json.dumps(row[k], ensure_ascii=False)
            for k in untyped:
                if isinstance(row[k], list | dict):
                    row[k] = json.dumps(row[k], ensure_ascii=False)
            out.append(tuple(row))
        return out

    def _close(self, complete: bool) -> None:
        raise NotImplementedError


def open_writer(path: str | os.PathLike[str], *, resume: bool = False,
                meta: Mapping[str, Any] | None = None, table: str = "parties",
                types: Mapping[str, str] | None = None) -> CorpusWriter:
    """Open an output for chunked, crash-safe writing; the format is chosen by suffix.

    Parameters
    ----------
    path : path-like
        ``.jsonl``, ``.csv``, ``.parquet`` (a directory of part files) or ``.sqlite``/``.db``.
    resume : bool, default=False
        Continue an output left by an interrupted job (a missing output starts afresh).
        Without it, an existing output is an error.
    meta : mapping, optional
        JSON-able information stored with a new output (options, versions); read back into
        ``writer.meta`` when resuming.
    table : str, default="parties"
        Table name (SQLite only).
    types : mapping of column to a kind of :data:`KINDS`, optional
        Column kinds (``"str"``, ``"int"``, ``"float"``, ``"bool"``, ``"json"``); the
        ``kinds`` of the first commit add to them, and other columns' kinds come from the
        first chunk. Recorded in the output, for every format.

    Returns
    -------
    CorpusWriter

    Raises
    ------
    InputError
        The output exists and ``resume`` is False, or it cannot be resumed safely.

    Examples
    --------
    >>> import tempfile, os, json
    >>> out = os.path.join(tempfile.mkdtemp(), "scores.jsonl")
    >>> w = open_writer(out)
    >>> w.commit([{"id": 0, "actor": "Russia"}], upto=1, columns=["id", "actor"])
    >>> w.close(complete=True)
    >>> open(out).read()
    '{"id": 0, "actor": "Russia"}\\n'
    >>> json.load(open(out + ".progress.json"))["records"]
    1
    """
    p = Path(path)
    fmt = output_format(p)
    meta = dict(meta or {})
    if fmt == "jsonl":
        return JsonlWriter(p, resume=resume, meta=meta, types=types)
    if fmt == "csv":
        return CsvWriter(p, resume=resume, meta=meta, types=types)
    if fmt == "parquet":
        return ParquetWriter(p, resume=resume, meta=meta, types=types or {})
    return SqliteWriter(p, resume=resume, meta=meta, table=table, types=types)


def progress_path(path: str | os.PathLike[str]) -> Path:
    """The sidecar checkpoint of a JSONL or CSV output: ``OUTPUT.progress.json``."""
    p = Path(path)
    return p.with_name(p.name + PROGRESS_SUFFIX)


def _exists_error(path: Path, extra: str = "") -> InputError:
    return InputError(f"{path} already exists{extra}; pass --resume to continue it, or remove "
                      "it to start again")


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # e.g. Windows: directories cannot be opened
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _read_back_kinds(columns: Any, kinds: Any) -> dict[str, str] | None:
    """Kinds read back from an output: None before the first commit, {} for an output
    written before kinds were recorded (its values are then written as they come)."""
    if columns is None:
        return None
    return dict(kinds) if isinstance(kinds, dict) else {}


class _AppendWriter(CorpusWriter):
    """JSONL and CSV: append + fsync, then atomically update ``OUTPUT.progress.json``."""

    def __init__(self, path: Path, *, resume: bool, meta: dict[str, Any],
                 types: Mapping[str, str] | None = None) -> None:
        super().__init__(path, types)
        self.sidecar = progress_path(path)
        loaded = resume and self.sidecar.exists()
        if loaded:
            state = self._load_state()
            size = path.stat().st_size if path.exists() else 0
            if size < state["bytes"]:
                raise FramingError(f"{path} is shorter ({size} bytes) than its checkpoint "
                                   f"{self.sidecar} says ({state['bytes']} bytes); it was "
                                   "changed by something else: remove both and start again")
        elif resume and path.exists():
            raise InputError(f"{path} exists but has no checkpoint {self.sidecar.name}, so it "
                             "cannot be resumed safely; remove it and start again")
        else:
            if path.exists() or self.sidecar.exists():
                raise _exists_error(path if path.exists() else self.sidecar)
            state = {"format": PROGRESS_FORMAT, "version": 1, "output": path.name,
                     "records": 0, "rows": 0, "bytes": 0, "columns": None, "kinds": None,
                     "meta": meta, "complete": False}
            path.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(self.sidecar, json.dumps(state).encode())
        self._state = state
        self.committed = state["records"]
        self.rows = state["rows"]
        self.columns = state["columns"]
        self.kinds = _read_back_kinds(state["columns"], state.get("kinds"))
        self.meta = state["meta"] if loaded else None
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
        os.ftruncate(self._fd, state["bytes"])  # drop an uncommitted (maybe torn) tail
        os.lseek(self._fd, state["bytes"], os.SEEK_SET)

    def _load_state(self) -> dict[str, Any]:
        try:
            state = json.loads(self.sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise FramingError(f"{self.sidecar}: unreadable checkpoint ({e}); remove the output "
                               "and its checkpoint and start again") from None
        if not isinstance(state, dict) or state.get("format") != PROGRESS_FORMAT:
            raise FramingError(f"{self.sidecar}: not a framing batch checkpoint")
        return state

    def _encode(self, values: list[tuple[Any, ...]], header: bool) -> bytes:
        raise NotImplementedError

    def _commit(self, values: list[tuple[Any, ...]], upto: int) -> None:
        data = self._encode(values, header=self._state["bytes"] == 0)
        view = memoryview(data)
        while view:
            n = os.write(self._fd, view)
            view = view[n:]
        os.fsync(self._fd)
        self._state.update(records=upto, rows=self._state["rows"] + len(values),
                           bytes=self._state["bytes"] + len(data), columns=self.columns,
                           kinds=self.kinds)
        _atomic_write(self.sidecar, json.dumps(self._state).encode())

    def _close(self, complete: bool) -> None:
        os.close(self._fd)
        if complete:
            if self._state["bytes"] == 0 and self.columns:
                # An empty corpus: still write the CSV header / leave an empty JSONL file.
                with open(self.path, "wb") as f:
                    f.write(self._encode([], header=True))
                    f.flush()
                    os.fsync(f.fileno())
                self._state["bytes"] = self.path.stat().st_size
            self._state.update(complete=True, columns=self.columns, kinds=self.kinds)
            _atomic_write(self.sidecar, json.dumps(self._state).encode())


class JsonlWriter(_AppendWriter):
    """One JSON object per line, keys in column order (UTF-8, not ASCII-escaped)."""

    format = "jsonl"

    def _encode(self, values: list[tuple[Any, ...]], header: bool) -> bytes:
        cols = self.columns or []
        out = [json.dumps(dict(zip(cols, row, strict=True)), ensure_ascii=False,
                          allow_nan=False) for row in values]
        return ("\n".join(out) + "\n").encode("utf-8") if out else b""


#: Characters that make a CSV field quoted.
_CSV_SPECIAL = re.compile(r'[,"\r\n]')


def _csv_field(text: str) -> str:
    if text == "" or _CSV_SPECIAL.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_text(value: Any) -> str | None:
    """A flat typed value as CSV text (None for null)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        return repr(value)
    return str(value)


class CsvWriter(_AppendWriter):
    """CSV with a header (RFC 4180 quoting, ``\\n`` line ends).

    A null is an empty field and an empty string a quoted empty field (``""``), so
    :func:`read_batch` tells them apart; booleans are ``True``/``False``, lists and dicts
    JSON.
    """

    format = "csv"

    def _encode(self, values: list[tuple[Any, ...]], header: bool) -> bytes:
        lines = []
        if header:
            lines.append(",".join(_csv_field(c) for c in self.columns or []))
        for row in self._flat(values):
            fields = []
            for v in row:
                text = _csv_text(v)
                if text is None:
                    fields.append("")
                else:
                    if text == "":
                        self._state["empty_strings"] = True
                    fields.append(_csv_field(text))
            lines.append(",".join(fields))
        return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _sql_value(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


class SqliteWriter(CorpusWriter):
    """A table in an SQLite database; each chunk and its progress row in one transaction.

    Columns are declared without a type, so values keep their own (integer, real, text);
    booleans are stored as 1/0 and lists and dicts as JSON text. Progress, columns and kinds
    are kept in the table ``_framing_batch`` (one row per result table).
    """

    format = "sqlite"

    def __init__(self, path: Path, *, resume: bool, meta: dict[str, Any],
                 table: str = "parties", types: Mapping[str, str] | None = None) -> None:
        super().__init__(path, types)
        self.table = table
        path.parent.mkdir(parents=True, exist_ok=True)
        self._con = sqlite3.connect(path, isolation_level=None)
        try:
            self._con.execute("PRAGMA synchronous=FULL")
            self._con.execute(f"CREATE TABLE IF NOT EXISTS {SQLITE_PROGRESS_TABLE} (tbl TEXT "
                              "PRIMARY KEY, records INTEGER NOT NULL, rows INTEGER NOT NULL, "
                              "columns TEXT, meta TEXT, complete INTEGER NOT NULL DEFAULT 0, "
                              "kinds TEXT)")
            have = {r[1] for r in self._con.execute(
                f"PRAGMA table_info({SQLITE_PROGRESS_TABLE})")}
            if "kinds" not in have:  # written before kinds were recorded
                self._con.execute(f"ALTER TABLE {SQLITE_PROGRESS_TABLE} ADD COLUMN kinds TEXT")
            row = self._con.execute(f"SELECT records, rows, columns, meta, kinds FROM "
                                    f"{SQLITE_PROGRESS_TABLE} WHERE tbl = ?",
                                    (table,)).fetchone()
            has_table = self._con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                          "AND name = ?", (table,)).fetchone() is not None
        except sqlite3.DatabaseError as e:
            self._con.close()
            raise InputError(f"{path}: not an SQLite database ({e})") from None
        if row is not None and resume:
            self.committed, self.rows = row[0], row[1]
            self.columns = json.loads(row[2]) if row[2] else None
            self.meta = json.loads(row[3]) if row[3] else None
            self.kinds = _read_back_kinds(self.columns, json.loads(row[4]) if row[4] else None)
        elif row is not None or has_table:
            self._con.close()
            if resume:
                raise InputError(f"{path}: table {table!r} exists but was not written by "
                                 "framing batch, so it cannot be resumed; drop it or use "
                                 "another output")
            raise _exists_error(path, f" with a table {table!r}")
        else:
            self._con.execute(f"INSERT INTO {SQLITE_PROGRESS_TABLE} (tbl, records, rows, "
                              "columns, meta) VALUES (?, 0, 0, NULL, ?)",
                              (table, json.dumps(meta)))

    def _commit(self, values: list[tuple[Any, ...]], upto: int) -> None:
        cols = self.columns or []
        quoted = ", ".join(_sql_name(c) for c in cols)
        con = self._con
        con.execute("BEGIN IMMEDIATE")
        try:
            con.execute(f"CREATE TABLE IF NOT EXISTS {_sql_name(self.table)} ({quoted})")
            if values:
                marks = ", ".join("?" * len(cols))
                con.executemany(
                    f"INSERT INTO {_sql_name(self.table)} ({quoted}) VALUES ({marks})",
                    [tuple(_sql_value(v) for v in row) for row in self._flat(values)])
            con.execute(f"UPDATE {SQLITE_PROGRESS_TABLE} SET records = ?, rows = rows + ?, "
                        "columns = ?, kinds = ? WHERE tbl = ?",
                        (upto, len(values), json.dumps(cols), json.dumps(self.kinds),
                         self.table))
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                con.execute("ROLLBACK")
            raise

    def _close(self, complete: bool) -> None:
        try:
            if complete:
                if self.columns and self.rows == 0:
                    cols = ", ".join(_sql_name(c) for c in self.columns)
                    self._con.execute(f"CREATE TABLE IF NOT EXISTS {_sql_name(self.table)} "
                                      f"({cols})")
                self._con.execute(f"UPDATE {SQLITE_PROGRESS_TABLE} SET complete = 1 WHERE "
                                  "tbl = ?", (self.table,))
        finally:
            self._con.close()


def _sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class ParquetWriter(CorpusWriter):
    """A directory of Parquet part files, one per chunk, written under a temporary name and
    then renamed; every part stores the range of records it holds and the columns' kinds in
    its metadata.

    Column types are those of the kinds (``json`` columns are strings of JSON text); a later
    value that does not fit its column's kind is written as null, with a warning.
    """

    format = "parquet"

    def __init__(self, path: Path, *, resume: bool, meta: dict[str, Any],
                 types: Mapping[str, str]) -> None:
        super().__init__(path, types)
        self._meta_out = meta
        if path.exists() and not path.is_dir():
            raise InputError(f"{path}: a Parquet output is a directory of part files; a file "
                             "with this name exists")
        if path.exists() and not resume:
            raise _exists_error(path)
        path.mkdir(parents=True, exist_ok=True)
        for leftover in path.glob(".part-*.tmp"):
            leftover.unlink()
        self._parts = sorted(f for f in path.iterdir() if f.name.startswith("part-")
                             and f.suffix == ".parquet")
        if self._parts:
            self._read_back()

    def _read_back(self) -> None:
        import pyarrow.parquet as pq

        expected = 0
        for part in self._parts:
            schema = pq.read_schema(part)
            info = _parquet_info(schema)
            if not isinstance(info, dict) or info.get("first_record") != expected:
                raise FramingError(f"{part}: not a part written by framing batch, or parts are "
                                   "missing; remove the directory and start again")
            expected = info["records"]
            self.rows += info["rows"]
            if self.columns is None:
                self.columns = list(schema.names)
                self.meta = info.get("meta")
                self.kinds = _parquet_kinds(schema, info)
        self.committed = expected

    def _schema(self, rows: int) -> Any:
        import pyarrow as pa

        kinds = self.kinds or {}
        info = {"first_record": self.committed, "records": None, "rows": rows,
                "meta": self._meta_out if self.meta is None else self.meta, "kinds": kinds}
        return info, [pa.field(c, _ARROW_TYPES[kinds.get(c) or "str"]())
                      for c in self.columns or []]

    def _commit(self, values: list[tuple[Any, ...]], upto: int) -> None:
        if not values:
            return  # nothing to write; the records are re-scored (to no rows) on resume
        import pyarrow as pa

        info, fields = self._schema(len(values))
        info["records"] = upto
        values = self._flat(values)
        arrays = [pa.array([row[k] for row in values], type=field.type)
                  for k, field in enumerate(fields)]
        self._write_part(pa.Table.from_arrays(arrays, schema=pa.schema(
            fields, metadata={PARQUET_META_KEY: json.dumps(info).encode()})))

    def _write_part(self, table: Any) -> None:
        import pyarrow.parquet as pq

        name = f"part-{len(self._parts):06d}.parquet"
        tmp = self.path / f".{name}.tmp"
        with open(tmp, "wb") as f:
            pq.write_table(table, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path / name)
        _fsync_dir(self.path)
        self._parts.append(self.path / name)

    def _close(self, complete: bool) -> None:
        if complete and not self._parts and self.columns:
            import pyarrow as pa

            if self.kinds is None:
                self.kinds = {c: self._types.get(c, "str") for c in self.columns}
            info, fields = self._schema(0)
            info.update(first_record=0, records=self.committed, meta=self._meta_out)
            self._write_part(pa.schema(fields, metadata={
                PARQUET_META_KEY: json.dumps(info).encode()}).empty_table())
        if complete:
            _atomic_write(self.path / PARQUET_COMPLETE, json.dumps(
                {"records": self.committed, "rows": self.rows}).encode())


def _parquet_info(schema: Any) -> Any:
    try:
        return json.loads((schema.metadata or {}).get(PARQUET_META_KEY, b"null") or "null")
    except ValueError:
        return None


def _parquet_kinds(schema: Any, info: Any) -> dict[str, str]:
    """The kinds recorded in a part (or, for parts written before, those of its types)."""
    kinds = info.get("kinds") if isinstance(info, dict) else None
    if isinstance(kinds, dict) and kinds:
        return dict(kinds)
    return {f.name: _kind_of_arrow(f.type) for f in schema}


def _arrow(name: str):
    def make():
        import pyarrow as pa

        return {"str": pa.string, "int": pa.int64, "float": pa.float64,
                "bool": pa.bool_, "json": pa.string}[name]()
    return make


_ARROW_TYPES = {k: _arrow(k) for k in KINDS}


def _kind_of_arrow(t: Any) -> str:
    import pyarrow as pa

    if pa.types.is_boolean(t):
        return "bool"
    if pa.types.is_integer(t):
        return "int"
    if pa.types.is_floating(t):
        return "float"
    return "str"


#: The former name of :func:`infer_kind`.
_infer_kind = infer_kind


class IncompleteBatchWarning(UserWarning):
    """A batch output read before its job finished: it holds the rows committed so far."""


def batch_complete(path: str | os.PathLike[str], *, table: str = "parties") -> bool:
    """Whether the ``framing batch`` job that wrote ``path`` scored every record.

    JSONL and CSV outputs keep it in their ``.progress.json`` sidecar, SQLite in its progress
    table, a Parquet directory in a ``_framing_complete.json`` marker. Outputs without any of
    them (written by hand) count as complete.
    """
    p = Path(path)
    fmt = output_format(p)
    if fmt in ("jsonl", "csv"):
        side = progress_path(p)
        return not side.exists() or bool(
            json.loads(side.read_text(encoding="utf-8")).get("complete"))
    if fmt == "parquet":
        return not p.is_dir() or (p / PARQUET_COMPLETE).exists()
    with contextlib.closing(sqlite3.connect(p)) as con:
        try:
            row = con.execute(f"SELECT complete FROM {SQLITE_PROGRESS_TABLE} WHERE tbl = ?",
                              (table,)).fetchone()
        except sqlite3.DatabaseError:
            return True  # no progress table: not written by framing batch
    return row is None or bool(row[0])


def read_batch(path: str | os.PathLike[str], *, table: str = "parties"):
    """Read an output of ``framing batch`` into a pandas DataFrame, whatever its format.

    Takes every format ``framing batch`` writes: JSONL, CSV, Parquet (the directory of part
    files that ``-o scores.parquet`` makes, or a single Parquet file) and SQLite (``table``:
    ``parties``, or ``framings`` with ``--evidence``); and tables written by hand as ``.json``,
    ``.tsv`` or compressed JSONL/CSV/TSV. All four batch formats give the same rows, columns
    and dtypes: each column has the kind recorded when the job started, read back as
    ``Int64`` (int), ``float64`` (float), ``boolean`` (bool), or ``object`` holding ``str``
    (str) or the JSON values (json: lists, dicts, or a column mixing them with other values),
    with None for a missing string or JSON value.

    Nothing is dropped silently: an article that could not be scored is a row whose ``error``
    column holds the message (``None`` for scored rows; the column is always there). An output
    whose job stopped before the end (killed, or still running) reads as the rows it committed,
    with an :class:`IncompleteBatchWarning` saying how to finish it.

    ``df.attrs["framing"]`` holds what the job recorded about its run (options, versions, the
    input columns it renamed and the ids it found repeated or missing), when it did.

    Examples
    --------
    >>> import tempfile, os
    >>> out = os.path.join(tempfile.mkdtemp(), "scores.csv")
    >>> w = open_writer(out)
    >>> w.commit([{"id": "a", "error": None}, {"id": "b", "error": "InputError: empty"}],
    ...          upto=2, columns=["id", "error"])
    >>> w.close(complete=True)
    >>> read_batch(out).to_dict("records")
    [{'id': 'a', 'error': None}, {'id': 'b', 'error': 'InputError: empty'}]
    """
    import warnings

    import pandas as pd

    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: file not found")
    suffixes = [x.lower() for x in p.suffixes]
    compressed = bool(suffixes) and suffixes[-1] in (".gz", ".bz2", ".xz", ".zst", ".zip")
    ext = (suffixes[-2] if compressed and len(suffixes) > 1 else suffixes[-1]) if suffixes \
        else ""
    meta = None
    typed = False
    try:
        if compressed or ext in (".json", ".tsv", ".pq"):
            df = _read_table(p, ext)
        else:
            df, typed, meta = _read_output(p, table)
            if not batch_complete(p, table=table):
                warnings.warn(f"{p}: the job that writes it has not finished (it was stopped "
                              f"or is still running); these are the {len(df)} rows it "
                              "committed. Run the same framing batch command with --resume to "
                              "finish it.", IncompleteBatchWarning, stacklevel=2)
    except FramingError:
        raise
    except (ValueError, OSError, UnicodeDecodeError, ImportError, sqlite3.DatabaseError) as e:
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise InputError(f"{p}: cannot read as a batch output: {first}") from None
    if "error" not in df.columns:
        df["error"] = None
    if not typed:
        for column in df.columns:  # a missing value is None in every format (not NaN)
            if not pd.api.types.is_numeric_dtype(df[column].dtype) or df[column].isna().all():
                df[column] = pd.Series([None if v is None or v != v else v for v in df[column]],
                                       index=df.index, dtype=object)
    if meta is not None:
        df.attrs["framing"] = meta
    return df


def _read_table(p: Path, ext: str):
    import pandas as pd

    if ext in (".jsonl", ".ndjson"):
        return pd.read_json(p, lines=True, dtype=False)
    if ext == ".json":
        try:
            return pd.read_json(p, dtype=False)
        except ValueError:
            return pd.read_json(p, lines=True, dtype=False)
    if ext == ".csv":
        return pd.read_csv(p, keep_default_na=False, na_values=[""])
    if ext == ".tsv":
        return pd.read_csv(p, sep="\t", keep_default_na=False, na_values=[""])
    if ext in (".parquet", ".pq"):
        return pd.read_parquet(p)
    raise InputError(f"{p}: unknown file type {ext or '(no extension)'!r}; give a .jsonl, "
                     ".csv, .parquet or .sqlite batch output (or a .json or .tsv table)")


def read_output(path: str | os.PathLike[str], *, table: str = "parties"):
    """Read a (finished or interrupted) output back as a pandas DataFrame of committed rows.

    Columns have the dtypes of their recorded kinds (see :func:`read_batch`); an output
    written before kinds were recorded is read with pandas' own type inference.

    Examples
    --------
    >>> import tempfile, os
    >>> out = os.path.join(tempfile.mkdtemp(), "scores.csv")
    >>> w = open_writer(out)
    >>> w.commit([{"id": "a", "n": 1}], upto=1, columns=["id", "n"])
    >>> w.close(complete=True)
    >>> read_output(out).to_dict("records")
    [{'id': 'a', 'n': 1}]
    """
    return _read_output(Path(path), table)[0]


def _typed_frame(columns: list[str], kinds: Mapping[str, str], values: Mapping[str, list]):
    import pandas as pd

    return pd.DataFrame({c: _pandas_column(values[c], kinds.get(c)) for c in columns},
                        columns=pd.Index(columns, dtype=object))


def _from_text(values: list[Any], kind: str | None) -> list[Any]:
    """Values stored as text (CSV fields, JSON text) back as values of their kind."""
    if kind == "int":
        return [None if v is None else int(v) for v in values]
    if kind == "float":
        return [None if v is None else float(v) for v in values]
    if kind == "bool":
        return [None if v is None else v in ("True", "true", "1") for v in values]
    if kind == "json":
        return [None if v is None else json.loads(v) for v in values]
    return values


def _read_output(p: Path, table: str) -> tuple[Any, bool, dict[str, Any] | None]:
    """(DataFrame of the committed rows, whether it is typed by recorded kinds, run meta)."""
    import pandas as pd

    fmt = output_format(p)
    if fmt in ("jsonl", "csv"):
        side = progress_path(p)
        state: dict[str, Any] = {}
        if side.exists():
            state = json.loads(side.read_text(encoding="utf-8"))
        size = state.get("bytes")
        with open(p, "rb") as f:
            data = f.read() if size is None else f.read(size)
        columns, kinds, meta = state.get("columns"), state.get("kinds"), state.get("meta")
        typed = isinstance(columns, list) and isinstance(kinds, dict) and bool(kinds or
                                                                               not columns)
        if fmt == "jsonl":
            lines = [line for line in data.split(b"\n") if line.strip()]
            rows = json.loads(b"[" + b",".join(lines) + b"]") if lines else []
            if not typed:
                return pd.DataFrame(rows), False, meta
            if all(list(r) == columns for r in rows):  # as written: every key, in order
                by_column = list(zip(*(r.values() for r in rows), strict=True)) if rows \
                    else [()] * len(columns)
                values = {c: list(v) for c, v in zip(columns, by_column, strict=True)}
            else:
                values = {c: [r.get(c) for r in rows] for c in columns}
            return _typed_frame(columns, kinds, values), True, meta
        if not typed:
            return pd.read_csv(io.BytesIO(data), keep_default_na=False, na_values=[""]), \
                False, meta
        table_rows = _parse_csv(data.decode("utf-8"), exact=bool(state.get("empty_strings")))
        body = table_rows[1:] if table_rows else []
        n = len(columns)
        if n == 1:
            body = [r or [None] for r in body]
        for k, r in enumerate(body):
            if len(r) != n:
                raise InputError(f"{p}: row {k + 2} has {len(r)} fields, the header has {n}")
        return _typed_frame(columns, kinds, {
            c: _from_text([r[j] for r in body], kinds.get(c)) for j, c in enumerate(columns)}
        ), True, meta
    if fmt == "parquet":
        return _read_parquet_output(p)
    with contextlib.closing(sqlite3.connect(p)) as con:
        try:
            row = con.execute(f"SELECT columns, kinds, meta FROM {SQLITE_PROGRESS_TABLE} "
                              "WHERE tbl = ?", (table,)).fetchone()
        except sqlite3.DatabaseError:
            row = None  # not written by framing batch (or before kinds were recorded)
        columns = json.loads(row[0]) if row and row[0] else None
        kinds = json.loads(row[1]) if row and row[1] else None
        meta = json.loads(row[2]) if row and row[2] else None
        if columns is None or not isinstance(kinds, dict):
            return pd.read_sql_query(f"SELECT * FROM {_sql_name(table)}", con), False, meta
        exists = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                             (table,)).fetchone()
        # In insertion order: by the row id, under a name no column of ours shadows.
        taken = {ascii_fold(c) for c in columns}
        order = next((f" ORDER BY {n}" for n in ("rowid", "_rowid_", "oid") if n not in taken),
                     "")
        rows = con.execute(f"SELECT {', '.join(_sql_name(c) for c in columns)} FROM "
                           f"{_sql_name(table)}{order}").fetchall() if exists else []
    values = {}
    for j, c in enumerate(columns):
        column = [r[j] for r in rows]
        kind = kinds.get(c)
        if kind == "bool":
            column = [None if v is None else bool(v) for v in column]
        elif kind == "json":
            column = _from_text(column, "json")
        values[c] = column
    return _typed_frame(columns, kinds, values), True, meta


def _read_parquet_output(p: Path) -> tuple[Any, bool, dict[str, Any] | None]:
    import pandas as pd
    import pyarrow.parquet as pq

    files = _parquet_files(p) if p.is_dir() else [p]
    if not files:
        return pd.DataFrame(), True, None
    tables = [pq.read_table(f) for f in files]
    info = _parquet_info(tables[0].schema)
    kinds = info.get("kinds") if isinstance(info, dict) else None
    meta = info.get("meta") if isinstance(info, dict) else None
    if not isinstance(kinds, dict) or not kinds:
        return pd.read_parquet(p), False, meta
    columns = list(tables[0].schema.names)
    values = {}
    for c in columns:
        column = [v for t in tables for v in t.column(c).to_pylist()]
        values[c] = _from_text(column, "json") if kinds.get(c) == "json" else column
    return _typed_frame(columns, kinds, values), True, meta


def _parse_csv(text: str, *, exact: bool) -> list[list[str | None]]:
    """The rows of a CSV written by :class:`CsvWriter`: an empty field is None.

    With ``exact`` (the output holds empty strings), a quoted empty field is ``""``; that
    needs our own parser, slower than the csv module's, so it is used only then.
    """
    if not exact:
        return [[v if v != "" else None for v in row]
                for row in csv.reader(io.StringIO(text, newline=""))]
    rows: list[list[str | None]] = []
    row: list[str | None] = []
    pos, end = 0, len(text)
    while pos < end:
        m = _CSV_TOKEN.match(text, pos)
        assert m is not None  # the pattern matches the empty string
        quoted, bare = m.group(1), m.group(2)
        row.append(quoted.replace('""', '"') if quoted is not None else (bare or None))
        pos = m.end()
        sep = text[pos:pos + 1]
        pos += 1
        if sep != ",":
            rows.append(row)
            row = []
    return rows


_CSV_TOKEN = re.compile(r'"((?:[^"]|"")*)"|([^,\n]*)')
