"""What the columns of a batch output are called, what kind each holds, and the articles' ids.

One rule for every entry point (:func:`framing.score_corpus`, ``framing batch``) and every
output format, so that the same corpus gives the same columns and ids everywhere.

Column names (:class:`ColumnNamer`)
    An input column keeps its name unless an output format could not hold it beside the
    others. (1) Characters no format can store, NUL and unpaired surrogates, become U+FFFD.
    (2) A name equal, ignoring ASCII case (as SQLite compares names), to a result column
    (``actor``, ``error``, ...) or to a column named before it (the id first, then the input's
    columns in order of first appearance) gets the prefix ``article_``, again until it is
    free. ``Outlet`` then ``outlet`` give ``Outlet`` and ``article_outlet``; ``error`` gives
    ``article_error``. No input column is dropped or merged with another.

Ids (:func:`assign_ids`)
    An id is an int or a str: whole numbers are ints, other values their JSON text. A record
    without an id (no id field, a null or empty id, or a record that could not be read) gets
    ``"record N"``, N its position in the input counted from 0. All ids have one type: ints
    when every record has an int id, else strs (``7`` becomes ``"7"``); a corpus without
    any id has its positions ``0, 1, ...`` as ids. A repeated id is reported (how many, and
    the first ones with their positions) and, by ``on_duplicate_id``, kept (``"warn"``),
    refused (``"error"``) or numbered (``"suffix"``: the second occurrence of ``a1`` becomes
    ``"a1#2"``, the third ``"a1#3"``, skipping numbers already used by another id; the ids
    are then strs).

Kinds
    The kind of each column (:data:`framing.batch.io.KINDS`) follows
    :class:`framing.batch.io.KindSet` over all of the column's values.

:func:`plan_corpus` reads a corpus file once, before it is scored, to fix all three: so the
output's columns include fields that first appear late in the input, and a resumed job gives
every record the same id as the first run did.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from .io import KindSet, Record, ascii_fold, clean_text, plain, read_corpus

#: Prefix of an input column renamed because its name is taken.
RENAME_PREFIX = "article_"
#: What to do with a repeated id: keep it (and report it), refuse the corpus, or number it.
ON_DUPLICATE_ID = ("warn", "error", "suffix")
#: Between an id and the number of its occurrence (``"a1#2"``) with ``on_duplicate_id="suffix"``.
SUFFIX_SEP = "#"
#: Repeated ids shown in reports, and positions shown per id.
EXAMPLES = 5

_INT64 = 2**63


def check_on_duplicate_id(policy: str) -> str:
    """``policy`` if it is one of :data:`ON_DUPLICATE_ID`, else a clear error.

    Examples
    --------
    >>> check_on_duplicate_id("suffix")
    'suffix'
    """
    if policy not in ON_DUPLICATE_ID:
        raise InputError(f"on_duplicate_id must be one of {list(ON_DUPLICATE_ID)}; got "
                         f"{policy!r}")
    return policy


class ColumnNamer:
    """Give input columns their output names, one at a time, in order of appearance.

    The rule, the same for every output format: (1) NUL characters and unpaired surrogates
    in a name become U+FFFD; (2) a name equal, ignoring ASCII case, to a reserved name or to a
    name given before gets the prefix ``article_``, again until it is free. Every other name
    (SQL keywords, quotes, spaces, any unicode, the empty string) is kept as it is.

    Parameters
    ----------
    reserved : iterable of str
        The names of the result columns, which input columns must not take.

    Attributes
    ----------
    names : dict
        Input name -> output name, for every column named so far.
    renamed : dict
        The same, for the columns whose output name differs from the input name.

    Examples
    --------
    >>> namer = ColumnNamer(["actor", "error"])
    >>> [namer.name(c) for c in ["id", "Outlet", "outlet", "Error", "article_Error", ""]]
    ['id', 'Outlet', 'article_outlet', 'article_Error', 'article_article_Error', '']
    >>> namer.renamed
    {'outlet': 'article_outlet', 'Error': 'article_Error', 'article_Error': 'article_article_Error'}
    """

    def __init__(self, reserved: Iterable[str]) -> None:
        self._taken = {ascii_fold(str(r)) for r in reserved}
        self.names: dict[Any, Any] = {}
        self.renamed: dict[Any, Any] = {}

    def name(self, column: Any) -> Any:
        """The output name of ``column`` (the same every time it is asked)."""
        out = self.names.get(column)
        if out is not None:
            return out
        out = clean_text(column.replace("\x00", "\ufffd")) if isinstance(column, str) \
            else column
        while ascii_fold(str(out)) in self._taken:
            out = f"{RENAME_PREFIX}{out}"
        self._taken.add(ascii_fold(str(out)))
        self.names[column] = out
        if out != column:
            self.renamed[column] = out
        return out


def describe_renamed(renamed: Mapping[Any, Any]) -> str:
    """One line on the renamed columns, for summaries and warnings.

    Examples
    --------
    >>> describe_renamed({"outlet": "article_outlet"})
    "'outlet' -> 'article_outlet'"
    """
    return ", ".join(f"{k!r} -> {v!r}" for k, v in renamed.items())


# -- ids -----------------------------------------------------------------------------------


def id_value(value: Any) -> int | str | None:
    """An id as an int or a str (None when missing).

    Whole numbers are ints (``3.0`` too, as a pandas column with missing values holds
    them); other values are their JSON text; an empty string (a CSV's empty field) is no id.

    Examples
    --------
    >>> id_value("a1"), id_value(7), id_value(7.0), id_value(1.5), id_value(True), id_value("")
    ('a1', 7, 7, '1.5', 'true', None)
    """
    v = plain(value)
    if v is None or isinstance(v, str):
        return v or None
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool) and -_INT64 <= v < _INT64:
        return v
    return json.dumps(v, ensure_ascii=False)


def missing_id(number: int, kind: str = "str") -> int | str:
    """The id of a record without one: ``"record N"``, N its position from 0 (or N itself in
    a corpus without any id, whose ids are ints).

    Examples
    --------
    >>> missing_id(4), missing_id(4, "int")
    ('record 4', 4)
    """
    return number if kind == "int" else f"record {number}"


@dataclass(frozen=True)
class IdReport:
    """What :func:`assign_ids` found: the ids' kind, missing ids and repeated ids.

    Attributes
    ----------
    policy : str
        ``on_duplicate_id``: ``warn``, ``error`` or ``suffix``.
    kind : str
        ``int`` or ``str``: the type of every id of the output.
    missing : int
        Records that had no id and got ``"record N"`` (0 for a corpus without any id, whose
        ids are the positions).
    repeated : int
        Distinct ids that more than one record has.
    records : int
        Records that have one of those ids (all their occurrences).
    examples : tuple of (id, positions)
        The first repeated ids, in order of their second occurrence, with the positions
        (from 0) of their first records.
    """

    policy: str = "warn"
    kind: str = "int"
    missing: int = 0
    repeated: int = 0
    records: int = 0
    examples: tuple[tuple[Any, tuple[int, ...]], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-able data (stored in the output's metadata)."""
        return {"policy": self.policy, "kind": self.kind, "missing": self.missing,
                "repeated": self.repeated, "records": self.records,
                "examples": [{"id": i, "records": list(n)} for i, n in self.examples]}

    def describe_repeated(self) -> str:
        """One line on the repeated ids ('' when there is none).

        Examples
        --------
        >>> IdReport(repeated=1, records=2, examples=(("a1", (0, 3)),)).describe_repeated()
        "1 id is repeated (2 records): 'a1' (records 0, 3)"
        """
        if not self.repeated:
            return ""
        shown = []
        for i, numbers in self.examples:
            more = ", ..." if len(numbers) >= EXAMPLES else ""
            shown.append(f"{i!r} (records {', '.join(map(str, numbers))}{more})")
        if self.repeated > len(self.examples):
            shown.append("...")
        ids = "1 id is" if self.repeated == 1 else f"{self.repeated} ids are"
        return f"{ids} repeated ({self.records} records): {', '.join(shown)}"

    def describe_missing(self) -> str:
        """One line on the records without an id ('' when there is none).

        Examples
        --------
        >>> IdReport(kind="str", missing=2).describe_missing()
        "2 records have no id; each gets 'record N', N its position in the input from 0"
        """
        if not self.missing:
            return ""
        records = "1 record has" if self.missing == 1 else f"{self.missing} records have"
        return f"{records} no id; each gets 'record N', N its position in the input from 0"


def assign_ids(values: Sequence[int | str | None], policy: str = "warn", *,
               where: str = "") -> tuple[list[int | str], IdReport]:
    """The id of every record, by the rule of this module, and a report.

    Parameters
    ----------
    values : sequence of int, str or None
        Each record's id (:func:`id_value` of its id field), None when it has none, in input
        order (position = record number).
    policy : str, default="warn"
        ``on_duplicate_id``: ``warn`` keeps repeated ids, ``error`` raises, ``suffix``
        numbers the repeats.
    where : str
        Names the corpus in the error (``"corpus.jsonl: "``).

    Raises
    ------
    InputError
        With ``policy="error"``, when an id is repeated.

    Examples
    --------
    >>> ids, report = assign_ids(["a1", None, "b", "a1", 7], "suffix")
    >>> ids
    ['a1', 'record 1', 'b', 'a1#2', '7']
    >>> report.describe_repeated()
    "1 id is repeated (2 records): 'a1' (records 0, 3)"
    >>> assign_ids([3, 2, 1])[0], assign_ids([3, None, 1])[0], assign_ids([None, None])[0]
    ([3, 2, 1], ['3', 'record 1', '1'], [0, 1])
    """
    check_on_duplicate_id(policy)
    missing = sum(1 for v in values if v is None)
    ids: list[int | str]
    if missing == len(values):  # no ids at all: the positions
        kind, missing = "int", 0
        ids = list(range(len(values)))
    else:
        kind = "int" if not missing and all(isinstance(v, int) for v in values) else "str"
        ids = [v if kind == "int" else missing_id(n) if v is None else str(v)
               for n, v in enumerate(values)]
    first: dict[int | str, int] = {}
    repeats: dict[int | str, list[int]] = {}
    for n, v in enumerate(ids):
        seen = first.setdefault(v, n)
        if seen != n:
            repeats.setdefault(v, [seen]).append(n)
    records = sum(len(n) for n in repeats.values())
    examples = tuple((i, tuple(n[:EXAMPLES])) for i, n in
                     list(repeats.items())[:EXAMPLES])
    if repeats and policy == "suffix":
        if kind == "int":
            kind = "str"
            ids = [str(v) for v in ids]
            repeats = {str(i): n for i, n in repeats.items()}
        taken = set(ids)
        for i, numbers in repeats.items():
            for k, n in enumerate(numbers[1:], start=2):
                new = f"{i}{SUFFIX_SEP}{k}"
                while new in taken:
                    k += 1
                    new = f"{i}{SUFFIX_SEP}{k}"
                taken.add(new)
                ids[n] = new
    report = IdReport(policy, kind, missing, len(repeats), records, examples)
    if repeats and policy == "error":
        raise InputError(f"{where}{report.describe_repeated()}; make the ids unique, or keep "
                         "them (--on-duplicate-id warn) or number the repeats "
                         "(--on-duplicate-id suffix; on_duplicate_id= in Python)")
    return ids, report


# -- a corpus file, read once before scoring -------------------------------------------------


@dataclass
class CorpusPlan:
    """The output columns, their kinds and the ids of a corpus, fixed before scoring.

    Attributes
    ----------
    records : int
        Records in the input.
    id_column : str
        The output name of the id column.
    names : dict
        Input column -> output column, for the article's columns (neither text nor id), in
        order of first appearance.
    renamed : dict
        The entries of ``names`` (and the id column) whose output name differs.
    kinds : dict
        Output column -> kind, for the id column and the article's columns.
    ids : list
        The id of every record, by position.
    report : IdReport
    """

    records: int
    id_column: str
    names: dict[str, str]
    renamed: dict[str, str]
    kinds: dict[str, str]
    ids: list[int | str]
    report: IdReport

    @property
    def columns(self) -> list[str]:
        """The id column, then the article's columns (the result columns come after)."""
        return [self.id_column, *self.names.values()]

    def id_of(self, number: int) -> int | str:
        """The id of record ``number`` (a record past the planned ones: its position)."""
        if number < len(self.ids):
            return self.ids[number]
        return missing_id(number, self.report.kind)


def plan_corpus(path: str | os.PathLike[str], *, text: str = "text", id: str = "id",
                reserved: Iterable[str] = (), on_duplicate_id: str = "warn") -> CorpusPlan:
    """Read a corpus file once and fix its output columns, their kinds and the ids.

    Reading is streamed (memory holds one id per record, not the texts).

    Raises
    ------
    InputError
        When the file cannot be read as a corpus, or with ``on_duplicate_id="error"`` when
        an id is repeated.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "c.jsonl")
    >>> with open(p, "w") as f:
    ...     _ = f.write('{"id": "a", "Outlet": "W", "outlet": 1, "text": "x"}\\n{"text": "y"}\\n')
    >>> plan = plan_corpus(p, reserved=["actor", "error"])
    >>> plan.columns, plan.ids, plan.kinds["article_outlet"]
    (['id', 'Outlet', 'article_outlet'], ['a', 'record 1'], 'int')
    """
    check_on_duplicate_id(on_duplicate_id)
    namer = ColumnNamer(reserved)
    id_column = namer.name(id)
    kinds: dict[str, KindSet] = {}
    values: list[int | str | None] = []
    record: Record
    for record in read_corpus(path, text=text, id=id):
        data = record.data
        if data is None:
            values.append(None)
            continue
        values.append(id_value(data.get(id)))
        for k, v in data.items():
            if k in (text, id):
                continue
            ks = kinds.get(k)
            if ks is None:
                namer.name(k)
                ks = kinds[k] = KindSet()
            ks.add(v)
    name = os.fspath(path)
    ids, report = assign_ids(values, on_duplicate_id, where=f"{name}: ")
    names = {k: namer.names[k] for k in kinds}
    out_kinds = {id_column: report.kind, **{names[k]: ks.kind for k, ks in kinds.items()}}
    return CorpusPlan(len(values), id_column, names, dict(namer.renamed), out_kinds, ids,
                      report)
