"""Score a corpus: one row per (article, party), in parallel processes, failures as rows.

:func:`score_corpus` takes a pandas DataFrame, an iterable of dicts or of strings, or a path
(JSONL, CSV, Parquet, a directory of ``.txt`` files; see :mod:`framing.batch.io`) and returns
one table with the article's own columns (outlet, date, ...) carried through first, then the
per-party columns of :meth:`ArticleFraming.to_frame` and an ``error`` column.

Every article gives at least one row: an article in which no party is found gives one row with
``actor`` null, and an article that cannot be scored (not a string, empty, longer than
:data:`MAX_CHARS`, unreadable in its file, or an exception in the scorer) gives one row with
its id and the reason in ``error``; the run goes on. The result does not depend on ``n_jobs``:
the same rows in the same order.

The actor dictionary and the lexicon are resolved once per corpus (never per article) and sent
once to each worker process.
"""

from __future__ import annotations

import itertools
import math
import os
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import FramingError, InputError
from ..labels import DEFAULT_METHOD, PARTY_AWARE
from ..lexicon.cues import FrameLexicon
from ..read.actors import ActorDictionary, ActorSource, resolve_actors
from ..results import _PARTY_COLUMNS, Framing, PartySummary
from .io import Record, clean_text, count_records, read_corpus
from .schema import (
    ColumnNamer,
    IdReport,
    assign_ids,
    check_on_duplicate_id,
    id_value,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..lexicon.scoring import LexiconSource, SentimentOption

#: Longest article text scored, in characters; longer ones become error rows.
MAX_CHARS = 2_000_000
#: Articles per chunk sent to a worker (and per commit of ``framing batch``).
DEFAULT_CHUNK_SIZE = 64

#: Per-party columns, as in ``ArticleFraming.to_frame("parties")``.
PARTY_COLUMNS: tuple[str, ...] = tuple(_PARTY_COLUMNS)
ERROR_COLUMN = "error"
#: Columns after the article's own columns in the parties table.
RESULT_COLUMNS: tuple[str, ...] = (*PARTY_COLUMNS, ERROR_COLUMN)
#: Columns after the article id in the framings (evidence) table.
FRAMING_COLUMNS: tuple[str, ...] = tuple(Framing.__dataclass_fields__)


def _kind(annotation: object) -> str:
    """``str``, ``int``, ``float`` or ``bool`` from a dataclass field's annotation."""
    text = str(annotation)
    for kind in ("bool", "float", "int"):
        if kind in text:
            return kind
    return "str"


def _party_kind(column: str) -> str:
    if column.startswith("n_"):
        return "int"
    if column.startswith("share_"):
        return "float"
    field = PartySummary.__dataclass_fields__.get(column)
    if column == "dominant" or field is None:
        return "str"
    return _kind(field.type)


#: Value kind of every result column: ``str``, ``int``, ``float`` or ``bool``.
COLUMN_KINDS: dict[str, str] = {
    **{c: _party_kind(c) for c in PARTY_COLUMNS},
    ERROR_COLUMN: "str",
}
#: Value kind of every column of the framings (evidence) table.
FRAMING_KINDS: dict[str, str] = {
    name: _kind(f.type) for name, f in Framing.__dataclass_fields__.items()
}

#: Names article columns may not take (compared ignoring case): the result columns.
RESERVED_COLUMNS = frozenset(RESULT_COLUMNS) | frozenset(FRAMING_COLUMNS)
_RESERVED = RESERVED_COLUMNS
_MISSING = object()
#: Scored once when a scorer is built (and by each worker): a title and a paragraph of two
#: sentences, so that every resource scoring needs is loaded then, the sentence splitter
#: (NLTK, about a second to import) included; forked workers inherit them loaded.
_PROBE = "Officials met on Monday.\nThe government rejected the offer. Talks went on."

#: What scoring one article gives: (error or None, party rows, framing rows).
Scored = tuple[str | None, tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...]]


class CorpusFrames(NamedTuple):
    """The tables of :func:`score_corpus` with ``evidence=True``.

    Attributes
    ----------
    parties : pandas.DataFrame
        One row per (article, party), as returned without evidence.
    framings : pandas.DataFrame
        One row per piece of evidence: the article id, then the columns of
        ``ArticleFraming.to_frame("framings")``.
    """

    parties: pd.DataFrame
    framings: pd.DataFrame


# -- scoring one text ----------------------------------------------------------------------


def check_text(text: Any, field: str = "text") -> str | None:
    """Why ``text`` cannot be scored (None when it can).

    Examples
    --------
    >>> check_text("Kyiv said no."), check_text("  "), check_text(42)
    (None, "'text' is empty", "'text' must be a str; got int")
    """
    if text is _MISSING:
        return f"no {field!r} field"
    if text is None or (isinstance(text, float) and math.isnan(text)) or \
            type(text).__name__ == "NAType":
        return f"{field!r} is null"
    if isinstance(text, bytes | bytearray):
        return f"{field!r} is bytes, not str; decode it first"
    if not isinstance(text, str):
        return f"{field!r} must be a str; got {type(text).__name__}"
    if len(text) > MAX_CHARS:
        return f"{field!r} is too long: {len(text):,} characters (the limit is {MAX_CHARS:,})"
    if not text.strip():
        return f"{field!r} is empty"
    return None


def party_values(p: PartySummary) -> tuple[Any, ...]:
    """The values of :data:`PARTY_COLUMNS` for one party, as in ``to_frame("parties")``.

    ``n_<frame>`` and ``share_<frame>`` come from the frame counts and shares, ``dominant`` is
    the dominant frames joined with ``|``, every other column is the attribute of that name
    (so columns added to ``PartySummary`` and ``to_frame`` are carried without a change here).
    """
    values = []
    for c in PARTY_COLUMNS:
        if c.startswith("n_") and c[2:] in p.frame_counts:
            values.append(p.frame_counts[c[2:]])
        elif c.startswith("share_") and c[6:] in p.frame_shares:
            values.append(p.frame_shares[c[6:]])
        elif c == "dominant":
            values.append("|".join(p.dominant))
        else:
            values.append(getattr(p, c, None))
    return tuple(values)


@dataclass(frozen=True)
class Scorer:
    """``score_article`` with the actor dictionary and lexicon resolved once.

    ``actors`` and ``lexicon`` None mean the shipped defaults, which every process loads (and
    caches) itself; other values are sent to each worker once. Picklable.

    Examples
    --------
    >>> s = Scorer.build(actors={"Acme Corp": ["Acme"]})
    >>> error, parties, _ = s.score("Acme rejected the offer.")
    >>> error, [p[0] for p in parties]
    (None, ['Acme Corp'])
    """

    actors: ActorDictionary | None = None
    lexicon: FrameLexicon | None = None
    method: str = DEFAULT_METHOD
    sentiment: SentimentOption = True
    evidence: bool = False
    model: Any = None

    @classmethod
    def build(cls, *, actors: ActorSource | None = None, actors_mode: str = "extend",
              lexicon: LexiconSource = None, method: str = DEFAULT_METHOD,
              sentiment: SentimentOption = True, evidence: bool = False, model: Any = None,
              check: bool = True) -> Scorer:
        """Resolve actors and lexicon once; with ``check``, score a probe text so that a broken
        lexicon, actor file or method fails here rather than as one error row per article."""
        from ..lexicon.scoring import coerce_lexicon, sentiment_option

        sentiment_option(sentiment)  # a wrong value fails here, not once per article

        if actors_mode not in ("extend", "replace"):
            raise InputError(f"actors_mode must be one of ['extend', 'replace']; got "
                             f"{actors_mode!r}")
        ad = None if actors is None else resolve_actors(actors, actors_mode)
        lex = None if lexicon is None else coerce_lexicon(lexicon)
        scorer = cls(ad, lex, method, sentiment, evidence, model)
        if check:
            try:
                scorer.article(_PROBE)
            except FramingError:
                raise
            except Exception as e:
                raise FramingError(f"the scorer fails on a probe article, so no article would "
                                   f"be scored (method={method!r}): {type(e).__name__}: {e}"
                                   ) from e
        return scorer

    def article(self, text: str):
        """``framing.score_article`` on one text (exceptions propagate)."""
        from ..api import score_article

        extra = {} if self.model is None else {"model": self.model}
        # The dictionary is already resolved: "replace" hands it over as it is (with "extend"
        # score_article would extend the default dictionary with it again, for every article).
        return score_article(text, actors=self.actors,
                             actors_mode="extend" if self.actors is None else "replace",
                             lexicon=self.lexicon, method=self.method, sentiment=self.sentiment,
                             **extra)

    def score(self, text: str) -> Scored:
        """Score one text: (error, party rows, framing rows); exceptions become the error."""
        try:
            return self._rows(self.article(text))
        except Exception as e:  # one bad article must not stop the corpus
            return _error(e)

    def score_many(self, texts: list[str]) -> list[Scored]:
        """:meth:`score` of every text. With a model (``classifier``, ``ensemble``) the
        (sentence, party) items of all the texts go through the model together, which is
        cheaper than text by text and gives the same rows.

        Examples
        --------
        >>> [parties[0][0] for _, parties, _ in Scorer().score_many(["Kyiv offered talks."])]
        ['Ukraine']
        """
        if not self.uses_model or len(texts) < 2:
            return [self.score(t) for t in texts]
        from ..learn.classify import score_many_with_model

        try:
            results = score_many_with_model(
                texts, actors=self.actors,
                actors_mode="extend" if self.actors is None else "replace",
                lexicon=self.lexicon, method=self.method, sentiment=self.sentiment,
                model=self.model)
        except Exception:  # the batch failed as a whole: find the text(s) one at a time
            return [self.score(t) for t in texts]
        out: list[Scored] = []
        for res in results:
            try:
                out.append(_error(res) if isinstance(res, Exception) else self._rows(res))
            except Exception as e:
                out.append(_error(e))
        return out

    @property
    def uses_model(self) -> bool:
        """Whether scoring runs the model: for frames (classifier, ensemble) or for party-aware
        sentiment (every method, unless ``sentiment`` is ``"sentence-vader"`` or False)."""
        from ..lexicon.scoring import sentiment_option

        return self.method != "lexicon" or sentiment_option(self.sentiment) in ("auto",
                                                                                PARTY_AWARE)

    def _rows(self, res: Any) -> Scored:
        parties = tuple(party_values(p) for p in res.parties.values())
        framings: tuple[tuple[Any, ...], ...] = ()
        if self.evidence:
            framings = tuple(tuple(getattr(f, c) for c in FRAMING_COLUMNS)
                             for f in res.framings)
        return None, parties, framings


def _error(e: BaseException) -> Scored:
    return f"{type(e).__name__}: {e}", (), ()


# -- backends: where chunks are scored -----------------------------------------------------


class _Done:
    """A finished future."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def result(self) -> Any:
        return self._value


class Backend:
    """Scores lists of texts in this process; subclasses use processes or a Dask cluster."""

    max_in_flight = 1

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer

    def submit(self, texts: list[str]) -> Any:
        """Start scoring ``texts``; returns an object whose ``result()`` is a list of Scored."""
        return _Done(self.scorer.score_many(texts))

    def close(self, *, cancel: bool = False) -> None:
        """Release workers; ``cancel`` drops pending work."""


_WORKER_SCORER: Scorer | None = None
#: Seconds between two looks of a worker at its parent process.
PARENT_POLL = 0.5
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _init_worker(scorer: Scorer, parent: int | None = None) -> None:
    global _WORKER_SCORER
    exit_with_parent(parent)
    _WORKER_SCORER = scorer
    scorer.score(_PROBE)  # build the caches (dictionary index, compiled lexicon) once


def exit_with_parent(parent: int | None = None) -> None:
    """Make this (worker) process end when the process that started it dies, however it dies.

    A worker blocked on its task pipe never sees that pipe end when its parent is killed
    with SIGKILL (as the out-of-memory killer does): its sibling workers hold the pipe open.
    So, on Linux, the kernel is asked to send this process SIGKILL when its parent dies
    (``prctl(PR_SET_PDEATHSIG)``), and on every system a daemon thread looks every
    :data:`PARENT_POLL` seconds whether the parent is still there and ends this process if
    not. ``parent`` is the pid of the process that made the pool; under a fork server, whose
    children are this process's siblings' too, that is not the parent process (and the fork
    server itself lives as long as any of its children does), so it is watched by pid.

    Examples
    --------
    As the initializer of a pool (this module's workers call it from theirs):

    >>> from concurrent.futures import ProcessPoolExecutor
    >>> pool = ProcessPoolExecutor(2, initializer=exit_with_parent,
    ...                            initargs=(os.getpid(),))  # doctest: +SKIP
    """
    ppid = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the thread watches
            pass
    watched = parent if parent is not None and parent != ppid else None
    started = _start_time(watched) if watched is not None else None

    def parent_alive() -> bool:
        if os.getppid() != ppid:  # adopted by another process: the parent is gone
            return False
        return watched is None or _alive(watched, started)

    if not parent_alive():
        os._exit(1)  # the parent died before the watch was set up

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL)
            if not parent_alive():
                os._exit(1)

    threading.Thread(target=watch, name="framing-parent-watch", daemon=True).start()


def _start_time(pid: int) -> str | None:
    """When process ``pid`` started (Linux; None elsewhere or when it is gone): a pid
    reused by a new process has another start time."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rindex(b")") + 2:].split()
    return None if fields[0] == b"Z" else fields[19].decode()


def _alive(pid: int, started: str | None) -> bool:
    """Whether process ``pid`` runs (and, if ``started`` is known, is the same process)."""
    if started is not None:
        return _start_time(pid) == started
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _score_in_worker(texts: list[str]) -> list[Scored]:
    assert _WORKER_SCORER is not None
    return _WORKER_SCORER.score_many(texts)


def _mp_context():
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    # fork is fastest (workers inherit the loaded lexicons) but unsafe once threads run
    # (Jupyter, Dask, tqdm's monitor); forkserver is the safe choice then.
    if "fork" in methods and threading.active_count() == 1:
        return mp.get_context("fork")
    if "forkserver" in methods:
        return mp.get_context("forkserver")
    return mp.get_context("spawn")


class ProcessBackend(Backend):
    """A pool of worker processes, each initialised once with the scorer."""

    def __init__(self, scorer: Scorer, n_jobs: int) -> None:
        from concurrent.futures import ProcessPoolExecutor

        super().__init__(scorer)
        self.max_in_flight = 2 * n_jobs
        self.pool = ProcessPoolExecutor(max_workers=n_jobs, mp_context=_mp_context(),
                                        initializer=_init_worker,
                                        initargs=(scorer, os.getpid()))
        # Start the workers now, before a progress bar (or anything else) starts a thread.
        self.pool.submit(int).result()

    def submit(self, texts: list[str]) -> Any:
        return self.pool.submit(_score_in_worker, texts)

    def close(self, *, cancel: bool = False) -> None:
        self.pool.shutdown(wait=not cancel, cancel_futures=cancel)


def normalize_jobs(n_jobs: int) -> int:
    """``n_jobs`` as a number of processes (-1: one per CPU)."""
    if n_jobs == -1:
        return os.cpu_count() or 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs < 1:
        raise InputError(f"n_jobs must be a positive integer or -1; got {n_jobs!r}")
    return n_jobs


@contextmanager
def open_backend(scorer: Scorer, n_jobs: int) -> Iterator[Backend]:
    """A backend for ``n_jobs`` processes (in this process when 1), closed on exit."""
    backend = Backend(scorer) if n_jobs == 1 else ProcessBackend(scorer, n_jobs)
    try:
        yield backend
    except BaseException:
        backend.close(cancel=True)
        raise
    backend.close()


# -- the engine ----------------------------------------------------------------------------


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` consecutive items (the last may be shorter)."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def iter_scored(records: Iterable[Record], backend: Backend, *, text: str = "text",
                chunk_size: int = DEFAULT_CHUNK_SIZE
                ) -> Iterator[list[tuple[Record, Scored]]]:
    """Score records chunk by chunk, yielding each chunk's results in input order.

    At most ``backend.max_in_flight`` chunks are pending, so memory stays flat however long
    the input is. Records that cannot be scored get their error without reaching a worker.
    """
    window: deque = deque()
    for chunk in chunked(records, chunk_size):
        results: list[Scored | None] = []
        texts, where = [], []
        for k, r in enumerate(chunk):
            if r.error is not None or r.data is None:
                results.append((r.error or "unreadable record", (), ()))
                continue
            value = r.data.get(text, _MISSING)
            problem = check_text(value, text)
            if problem is not None:
                results.append((problem, (), ()))
                continue
            results.append(None)
            texts.append(value)
            where.append(k)
        future = backend.submit(texts) if texts else _Done([])
        window.append((chunk, results, where, future))
        while len(window) >= backend.max_in_flight:
            yield _collect(*window.popleft())
    while window:
        yield _collect(*window.popleft())


def _collect(chunk, results, where, future) -> list[tuple[Record, Scored]]:
    from concurrent.futures.process import BrokenProcessPool

    try:
        scored = future.result()
    except BrokenProcessPool as e:
        raise FramingError(f"a worker process died while scoring records {chunk[0].number}.."
                           f"{chunk[-1].number} (out of memory?): {e}") from None
    for k, s in zip(where, scored, strict=True):
        results[k] = s
    return list(zip(chunk, results, strict=True))


# -- rows ----------------------------------------------------------------------------------


def out_name(column: str) -> str:
    """The output name of an article column on its own: ``article_<name>`` if it is the name of
    a result column (``actor``, ``error``, ...).

    Beside other columns the full rule of :class:`framing.batch.schema.ColumnNamer` applies
    (names are also compared ignoring case, and with the columns named before).

    Examples
    --------
    >>> out_name("outlet"), out_name("error")
    ('outlet', 'article_error')
    """
    return f"article_{column}" if column in _RESERVED else column


def _warn_renamed(renamed: Mapping[Any, Any], stacklevel: int = 4) -> None:
    for old, new in renamed.items():
        warnings.warn(f"article column {old!r} clashes with a result column or with a column "
                      f"before it (names are compared ignoring case); it is written as {new!r}",
                      stacklevel=stacklevel)


def _warn_ids(report: IdReport, stacklevel: int = 4) -> None:
    if report.repeated and report.policy == "warn":
        warnings.warn(f"{report.describe_repeated()}; they are kept as they are "
                      "(on_duplicate_id='warn'; 'suffix' numbers the repeats, 'error' refuses "
                      "them)", stacklevel=stacklevel)


def record_id(record: Record, id: str = "id") -> Any:
    """The id field of a record, or its position when it has none (see
    :func:`framing.batch.schema.assign_ids` for the ids of a whole corpus)."""
    if record.data is None:
        return record.number
    value = record.data.get(id)
    return record.number if value is None else value


_NULL_PARTY = (None,) * len(PARTY_COLUMNS)


def record_rows(record: Record, scored: Scored, *, text: str = "text", id: str = "id",
                names: Mapping[str, str] | None = None, id_value: Any = _MISSING,
                id_column: str | None = None
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The party rows and framing rows (dicts) of one scored record.

    Party rows hold the id, the record's other fields except the text, then
    :data:`RESULT_COLUMNS`; framing rows hold the id and :data:`FRAMING_COLUMNS`. ``names``
    maps input fields to output columns (fields not in it are left out; without it,
    :func:`out_name`), ``id_value`` is the record's id (default :func:`record_id`) and
    ``id_column`` the id's column (default ``out_name(id)``).
    """
    idc = id_column if id_column is not None else out_name(id)
    rid = record_id(record, id) if id_value is _MISSING else id_value
    base: dict[str, Any] = {idc: rid}
    if record.data:
        for k, v in record.data.items():
            if k != text and k != id:
                name = out_name(k) if names is None else names.get(k)
                if name is not None:
                    base[name] = v
    error, parties, framings = scored
    rows = []
    for values in parties or (_NULL_PARTY,):
        row = dict(base)
        row.update(zip(PARTY_COLUMNS, values, strict=True))
        row[ERROR_COLUMN] = None if parties else error
        rows.append(row)
    frows = [{idc: rid, **dict(zip(FRAMING_COLUMNS, f, strict=True))} for f in framings]
    return rows, frows


def _string_dtype():
    import pandas as pd

    return pd.Series(["x"]).dtype  # object in pandas 2, the str dtype in pandas 3


def _pandas_dtype(kind: str, nullable: bool):
    if kind == "str":
        return _string_dtype()
    if nullable:
        return {"int": "Int64", "float": "float64", "bool": "boolean"}[kind]
    return {"int": "int64", "float": "float64", "bool": "bool"}[kind]


def party_frame(rows: Sequence[Sequence[Any]]) -> pd.DataFrame:
    """A DataFrame of :data:`RESULT_COLUMNS` with fixed (nullable) dtypes."""
    import pandas as pd

    df = pd.DataFrame(list(rows), columns=list(RESULT_COLUMNS), dtype=object)
    return df.astype({c: _pandas_dtype(COLUMN_KINDS[c], True) for c in RESULT_COLUMNS})


def framing_frame(rows: Sequence[Sequence[Any]]) -> pd.DataFrame:
    """A DataFrame of :data:`FRAMING_COLUMNS` with fixed dtypes."""
    import pandas as pd

    df = pd.DataFrame(list(rows), columns=list(FRAMING_COLUMNS), dtype=object)
    return df.astype({c: _pandas_dtype(FRAMING_KINDS[c], False) for c in FRAMING_COLUMNS})


def _id_series(values: list[Any]):
    import pandas as pd

    return pd.Series(values, dtype=None if values else object)


class _Assembler:
    """Collects scored chunks into the parties (and framings) DataFrames."""

    def __init__(self, evidence: bool, on_duplicate_id: str = "warn") -> None:
        self.evidence = evidence
        self.on_duplicate_id = on_duplicate_id
        self.parts: list[pd.DataFrame] = []
        self.fparts: list[pd.DataFrame] = []
        self.renamed: dict[Any, Any] = {}
        self.report: IdReport | None = None

    def add(self, chunk: list[tuple[Record, Scored]]) -> None:
        raise NotImplementedError

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame | None]:
        raise NotImplementedError

    def info(self) -> dict[str, Any]:
        """What ``df.attrs["framing"]`` records: renamed columns and the ids' report."""
        out: dict[str, Any] = {"renamed": {str(k): str(v) for k, v in self.renamed.items()}}
        if self.report is not None:
            out["ids"] = self.report.to_dict()
        return out


class _FrameAssembler(_Assembler):
    """For a DataFrame input: article columns are taken from it, keeping their dtypes.

    With ``assign_ids`` the ids follow :func:`framing.batch.schema.assign_ids` (checked before
    any article is scored); without (a Dask partition, which sees only part of the ids) they
    are the id column as it is.
    """

    def __init__(self, df: pd.DataFrame, text: str, id: str, evidence: bool,
                 on_duplicate_id: str = "warn", assign_ids: bool = True) -> None:
        import pandas as pd

        super().__init__(evidence, on_duplicate_id)
        art = df.drop(columns=[text])
        if id in art.columns:
            art = art[[id, *(c for c in art.columns if c != id)]]
        else:
            art.insert(0, id, df.index)
        namer = ColumnNamer(_RESERVED)
        art = art.set_axis([namer.name(c) for c in art.columns], axis=1)
        self.renamed = namer.renamed
        _warn_renamed(self.renamed, stacklevel=5)
        self.idc = namer.names[id]
        if assign_ids:
            raw = [id_value(v) for v in art[self.idc].tolist()]
            ids, self.report = _assign(raw, on_duplicate_id)
            if ids != raw:  # ids were filled in, made strs or numbered
                art[self.idc] = pd.Series(ids, index=art.index)
        self.art = art

    def add(self, chunk: list[tuple[Record, Scored]]) -> None:
        import pandas as pd

        rep, rows, fpos, frows = [], [], [], []
        for record, (error, parties, framings) in chunk:
            if parties:
                for p in parties:
                    rep.append(record.number)
                    rows.append((*p, None))
            else:
                rep.append(record.number)
                rows.append((*_NULL_PARTY, error))
            for f in framings:
                fpos.append(record.number)
                frows.append(f)
        art = self.art.iloc[rep].reset_index(drop=True)
        self.parts.append(pd.concat([art, party_frame(rows)], axis=1))
        if self.evidence:
            fr = framing_frame(frows)
            fr.insert(0, self.idc, self.art[self.idc].iloc[fpos].reset_index(drop=True))
            self.fparts.append(fr)

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame | None]:
        import pandas as pd

        if not self.parts:
            self.add([])
        parties = pd.concat(self.parts, ignore_index=True) if len(self.parts) > 1 \
            else self.parts[0]
        framings = None
        if self.evidence:
            framings = pd.concat(self.fparts, ignore_index=True) if len(self.fparts) > 1 \
                else self.fparts[0]
        return parties, framings


def _assign(raw: list[Any], on_duplicate_id: str) -> tuple[list[Any], IdReport]:
    ids, report = assign_ids(raw, on_duplicate_id)
    _warn_ids(report, stacklevel=6)
    return ids, report


class _RecordAssembler(_Assembler):
    """For dicts, strings and files: article columns in order of first appearance; the ids
    are assigned when every record is in (a missing id's form depends on all the others)."""

    def __init__(self, text: str, id: str, evidence: bool,
                 on_duplicate_id: str = "warn") -> None:
        super().__init__(evidence, on_duplicate_id)
        self.text, self.id = text, id
        self.namer = ColumnNamer(_RESERVED)
        self.idc = self.namer.name(id)
        self.columns: dict[Any, None] = {}
        self.raw_ids: list[int | str | None] = []
        self.first: dict[int | str, int] = {}
        self.numbers: list[int] = []  # the record (position in raw_ids) of each party row
        self.fnumbers: list[int] = []

    def add(self, chunk: list[tuple[Record, Scored]]) -> None:
        import pandas as pd

        arts, rows, frows = [], [], []
        for record, scored in chunk:
            error, parties, framings = scored
            k = len(self.raw_ids)
            data = record.data
            raw = id_value(data.get(self.id)) if data else None
            self.raw_ids.append(raw)
            if raw is not None and self.on_duplicate_id == "error":
                seen = self.first.setdefault(raw, k)
                if seen != k:  # refuse at once rather than after scoring the rest
                    assign_ids([raw, raw], "error", where=f"records {seen} and {k}: ")
            base: dict[Any, Any] = {}
            if data:
                for key, v in data.items():
                    if key != self.text and key != self.id:
                        name = self.namer.name(key)
                        if key in self.namer.renamed and key not in self.renamed:
                            self.renamed[key] = name
                            _warn_renamed({key: name})
                        # unpaired surrogates (JSON "\udce9") as U+FFFD, as in every output:
                        # pandas' Arrow-backed strings cannot hold them
                        base[name] = clean_text(v) if isinstance(v, str) else v
                        self.columns.setdefault(name, None)
            for p in parties or (_NULL_PARTY,):
                arts.append(base)
                rows.append((*p, None if parties else error))
                self.numbers.append(k)
            for f in framings:
                self.fnumbers.append(k)
                frows.append(f)
        art = pd.DataFrame(arts, columns=list(self.columns), index=range(len(arts)))
        self.parts.append(pd.concat([art, party_frame(rows)], axis=1))
        if self.evidence:
            self.fparts.append(framing_frame(frows))

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame | None]:
        import pandas as pd

        if not self.parts:
            self.add([])
        parts = self.parts
        parties = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        parties = parties[[*self.columns, *RESULT_COLUMNS]]
        ids, self.report = _assign(self.raw_ids, self.on_duplicate_id)
        parties.insert(0, self.idc, _id_series([ids[k] for k in self.numbers]))
        framings = None
        if self.evidence:
            framings = pd.concat(self.fparts, ignore_index=True) if len(self.fparts) > 1 \
                else self.fparts[0]
            framings.insert(0, self.idc, _id_series([ids[k] for k in self.fnumbers]))
        return parties, framings


# -- inputs --------------------------------------------------------------------------------


@dataclass
class _Source:
    records: Iterable[Record]
    total: Callable[[], int | None]
    frame: Any = None  # the DataFrame, for DataFrame inputs


def _is_pandas(obj: Any, name: str) -> bool:
    return type(obj).__module__.startswith("pandas") and type(obj).__name__ == name


def _source(articles: Any, *, text: str, id: str) -> _Source:
    if isinstance(articles, str):
        raise InputError("score_corpus expects an iterable of articles, got a single str; use "
                         "score_article() for one (and pass a pathlib.Path to read a file)")
    if isinstance(articles, bytes | bytearray):
        raise InputError("score_corpus expects an iterable of articles, got bytes")
    if isinstance(articles, os.PathLike):
        path = Path(articles)
        return _Source(read_corpus(path, text=text, id=id), lambda: count_records(path))
    if _is_pandas(articles, "Series"):
        articles = articles.to_frame(name=text)
    if _is_pandas(articles, "DataFrame"):
        df = articles
        if text not in df.columns:
            raise InputError(f"no column {text!r} in the DataFrame; columns: "
                             f"{list(df.columns)}; pass text=<the text column>")
        if not df.columns.is_unique:
            raise InputError(f"duplicate column names in the DataFrame: "
                             f"{sorted(set(df.columns[df.columns.duplicated()]))}")
        return _Source(_frame_records(df, text), lambda: len(df), frame=df)
    if type(articles).__module__.startswith("dask"):
        raise InputError("score_corpus expects a pandas DataFrame, not a Dask collection; "
                         "use framing.batch.dask.score_dask()")
    if isinstance(articles, Mapping):
        raise InputError("score_corpus expects an iterable of articles, got a single mapping; "
                         "pass a list of dicts or a DataFrame")
    if not isinstance(articles, Iterable):
        raise InputError(f"score_corpus expects a DataFrame, an iterable of dicts or strings, "
                         f"or a path; got {type(articles).__name__}")
    total = len(articles) if hasattr(articles, "__len__") else None
    return _Source(_item_records(articles, text), lambda: total)


def _frame_records(df: pd.DataFrame, text: str) -> Iterator[Record]:
    col = df[text]
    for start in range(0, len(df), 1024):
        for k, value in enumerate(col.iloc[start:start + 1024].tolist(), start=start):
            yield Record(k, {text: value})


def _item_records(items: Iterable[Any], text: str) -> Iterator[Record]:
    for number, item in enumerate(items):
        if isinstance(item, str):
            yield Record(number, {text: item})
        elif isinstance(item, Mapping):
            yield Record(number, dict(item))
        else:
            yield Record(number, None, f"record {number}: expected a dict or a str; got "
                                       f"{type(item).__name__}", number)


# -- progress ------------------------------------------------------------------------------


def in_notebook() -> bool:
    """True inside a Jupyter kernel."""
    if "IPython" not in sys.modules:
        return False
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def progress_enabled(progress: bool) -> bool:
    """Show a progress bar: asked for, and stderr is a terminal or we run in Jupyter."""
    if not progress:
        return False
    if in_notebook():
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        pass


@contextmanager
def progress_bar(enabled: bool, total: int | None = None, *, initial: int = 0,
                 desc: str | None = None) -> Iterator[Any]:
    """A ``tqdm.auto`` bar counting articles, or a do-nothing stand-in."""
    if not enabled:
        yield _NoBar()
        return
    from tqdm.auto import tqdm

    bar = tqdm(total=total, initial=initial, unit="article", desc=desc, dynamic_ncols=True,
               smoothing=0.05)
    try:
        yield bar
    finally:
        bar.close()


# -- the API -------------------------------------------------------------------------------


def score_corpus(
    articles: Any,
    *,
    text: str = "text",
    id: str = "id",
    actors: ActorSource | None = None,
    actors_mode: str = "extend",
    lexicon: LexiconSource = None,
    method: str = DEFAULT_METHOD,
    sentiment: SentimentOption = True,
    model: Any = None,
    n_jobs: int = 1,
    progress: bool = True,
    evidence: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_duplicate_id: str = "warn",
) -> pd.DataFrame | CorpusFrames:
    """Score every article of a corpus: one row per (article, party).

    Parameters
    ----------
    articles : DataFrame, iterable of dicts or of str, or path-like
        A pandas DataFrame with a ``text`` column; an iterable (e.g. a generator) of dicts
        with a ``text`` key or of strings (their ids are then 0..n-1); or a
        :class:`pathlib.Path` to a ``.jsonl``, ``.csv`` or ``.parquet`` file or a directory of
        ``.txt`` files (read as a stream, see :func:`framing.batch.io.read_corpus`).
        A single ``str`` is refused: use :func:`framing.score_article` for one article.
    text : str, default="text"
        Name of the text column or key.
    id : str, default="id"
        Name of the id column or key. Without one, the id is the DataFrame's index, or the
        position of the article in the corpus (0, 1, ...). An article without an id (null or
        empty) gets ``"record N"``, N its position; ids are ints if every article has an int
        id, else strs. See :mod:`framing.batch.schema`.
    actors, actors_mode, lexicon, method, sentiment, model
        As in :func:`framing.score_article`; resolved once for the whole corpus. By default
        ``sentiment_toward`` is party-aware (``sentiment_toward_measure`` names the measure of
        each row); ``sentiment="sentence-vader"`` skips the model's sentiment part, which
        about halves the lexicon method's time in a batch (``benchmarks/bench_batch.py``), and
        ``sentiment=False`` skips sentiment altogether.
    n_jobs : int, default=1
        Worker processes (-1: one per CPU). The result does not depend on it.
    progress : bool, default=True
        Show a ``tqdm`` progress bar when stderr is a terminal or in Jupyter.
    evidence : bool, default=False
        Also return the evidence table (one row per framing).
    chunk_size : int, default=64
        Articles sent to a worker at a time.
    on_duplicate_id : {"warn", "error", "suffix"}, default="warn"
        A repeated id is kept and reported in a warning (``warn``), refused with an
        :class:`~framing.errors.InputError` (``error``), or numbered (``suffix``: the second
        ``a1`` becomes ``"a1#2"``).

    Returns
    -------
    pandas.DataFrame or CorpusFrames
        The parties table: the id, the article's other columns (all but the text), ``actor``
        and the per-party columns of ``ArticleFraming.to_frame("parties")``, and ``error``
        (null when the article was scored). An article without parties has one row with
        ``actor`` null; an article that could not be scored has one row with ``error`` set.
        With ``evidence=True``, ``CorpusFrames(parties, framings)``. An article column whose
        name is taken (by a result column, or by a column before it, ignoring case) is
        renamed ``article_<name>`` with a warning. ``parties.attrs["framing"]`` records the
        renamed columns and the ids' report (missing and repeated ids).

    Raises
    ------
    InputError
        For a single ``str``, a missing text column, an unreadable corpus file, or a
        repeated id with ``on_duplicate_id="error"``.
    FramingError
        When the actors, lexicon or method cannot be used (checked before any article).

    See Also
    --------
    framing.score_article : score one article.
    framing.batch.dask.score_dask : the same on a Dask DataFrame.

    Examples
    --------
    >>> from framing.batch.corpus import score_corpus
    >>> df = score_corpus(["Moscow rejected the truce.", "Kyiv offered new talks.", " "],
    ...                   progress=False)
    >>> df[["id", "actor", "dominant"]].dropna().values.tolist()
    [[0, 'Russia', 'hard-line'], [1, 'Ukraine', 'conciliatory']]
    >>> df.loc[df["error"].notna(), ["id", "error"]].values.tolist()
    [[2, "'text' is empty"]]

    Articles as dicts, with their own columns and the evidence:

    >>> res = score_corpus([{"id": "a1", "outlet": "Wire", "text": "Kyiv rejected the offer."}],
    ...                    evidence=True, progress=False)
    >>> res.parties[["id", "outlet", "actor", "n_hard-line"]].values.tolist()
    [['a1', 'Wire', 'Ukraine', 1]]
    >>> res.framings[["id", "actor", "frame", "cue"]].values.tolist()
    [['a1', 'Ukraine', 'hard-line', 'rejected']]
    """
    if chunk_size < 1:
        raise InputError(f"chunk_size must be a positive integer; got {chunk_size!r}")
    jobs = normalize_jobs(n_jobs)
    check_on_duplicate_id(on_duplicate_id)
    source = _source(articles, text=text, id=id)
    scorer = Scorer.build(actors=actors, actors_mode=actors_mode, lexicon=lexicon,
                          method=method, sentiment=sentiment, evidence=evidence, model=model)
    assembler: _Assembler
    if source.frame is not None:
        assembler = _FrameAssembler(source.frame, text, id, evidence, on_duplicate_id)
    else:
        assembler = _RecordAssembler(text, id, evidence, on_duplicate_id)
    enabled = progress_enabled(progress)
    with open_backend(scorer, jobs) as backend, \
            progress_bar(enabled, source.total() if enabled else None) as bar:
        for chunk in iter_scored(source.records, backend, text=text, chunk_size=chunk_size):
            assembler.add(chunk)
            bar.update(len(chunk))
    parties, framings = assembler.frames()
    parties.attrs["framing"] = assembler.info()
    if evidence:
        return CorpusFrames(parties, framings)
    return parties


def score_frame(df: pd.DataFrame, scorer: Scorer, *, text: str = "text", id: str = "id"
                ) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Score a pandas DataFrame in this process (one Dask partition): (parties, framings).

    ``framings`` is None unless ``scorer.evidence``. Used by :mod:`framing.batch.dask`, also on the
    empty ``meta`` frame to get the output's columns and dtypes. Columns are named by the rule
    of :class:`~framing.batch.schema.ColumnNamer`; the ids are the id column as it is (a
    partition cannot see the others' ids to fill in or number them).
    """
    assembler = _FrameAssembler(df, text, id, scorer.evidence, assign_ids=False)
    backend = Backend(scorer)
    for chunk in iter_scored(_frame_records(df, text), backend, text=text,
                             chunk_size=max(len(df), 1)):
        assembler.add(chunk)
    return assembler.frames()
