"""``framing batch``: score a corpus into a table, in parallel, crash-safe and resumable.

::

    framing batch corpus.jsonl -o scores.parquet --jobs 4 --evidence evidence.parquet
    framing batch corpus.jsonl -o scores.sqlite --resume        # after a crash or Ctrl-C
    framing batch articles/ -o scores.csv --dask tcp://scheduler:8786

The input is read as a stream (JSONL, CSV, Parquet, or a directory of ``.txt`` files) and the
output written chunk by chunk, each chunk committed atomically (see :mod:`framing.batch.io`),
so memory stays flat and a job killed at any moment can be finished with ``--resume``, every
record written exactly once. Records that cannot be scored become rows with an ``error``.

:func:`add_batch_parser` registers the sub-command on the ``framing`` parser; :func:`main` runs
it on its own (``python -m framing.cli.batch batch ...``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..batch.corpus import (
    COLUMN_KINDS,
    DEFAULT_CHUNK_SIZE,
    FRAMING_COLUMNS,
    FRAMING_KINDS,
    RESERVED_COLUMNS,
    RESULT_COLUMNS,
    Backend,
    Scorer,
    iter_scored,
    normalize_jobs,
    open_backend,
    progress_bar,
    progress_enabled,
    record_rows,
)
from ..batch.io import (
    CorpusWriter,
    Record,
    input_format,
    open_writer,
    output_format,
    progress_path,
    read_corpus,
)
from ..batch.schema import ON_DUPLICATE_ID, CorpusPlan, describe_renamed, plan_corpus
from ..errors import FramingError, InputError
from .options import add_scoring_options, add_sentiment_option, sentiment_value

#: Options that must be the same to resume an output.
RESUME_KEYS = ("text_column", "id_column", "actors", "actors_mode", "actors_digest", "lexicon",
               "lexicon_digest", "method", "model", "sentiment", "framing_version", "lexicons",
               "on_duplicate_id")
#: The value of a resume key for outputs written before the key was recorded.
RESUME_DEFAULTS = {"on_duplicate_id": "warn"}

EPILOG = """\
formats (by suffix):
  input   .jsonl (one JSON object per line), .csv (with a header), .parquet, or a directory
          of .txt files (one article per file; id = file name without .txt)
  output  .jsonl, .csv, .parquet (a directory of part files), .sqlite or .db (table
          "parties"; the evidence goes to table "framings")

every record gives at least one row: one per party found, one with an empty actor when no
party is found, one with the reason in "error" when it cannot be scored (invalid JSON, not
UTF-8, empty or too long text, ...).

columns and ids (docs/batch.md): an input column whose name is taken, ignoring case, by a
result column or a column before it is written as article_<name> (again until free); NUL
and unpaired surrogates in names become U+FFFD. A record without an id gets "record N", N its
position from 0; ids are ints if every record has an int id, else strs (a corpus without ids:
0, 1, ...). A repeated id is reported and kept (--on-duplicate-id warn), refused (error) or
numbered a1#2, a1#3 (suffix).

examples:
  framing batch corpus.jsonl -o scores.parquet --jobs 4
  framing batch corpus.jsonl -o scores.sqlite --evidence scores.sqlite --resume
  framing batch articles/ -o scores.csv --dask tcp://10.0.0.5:8786
"""


def add_batch_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``framing batch`` on the sub-parsers of the ``framing`` command.

    Parameters
    ----------
    subparsers
        What ``ArgumentParser.add_subparsers()`` returned.

    Returns
    -------
    argparse.ArgumentParser
        The ``batch`` parser (its ``func`` default is :func:`cmd_batch`).

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="framing")
    >>> _ = add_batch_parser(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["batch", "corpus.jsonl", "-o", "out.parquet", "--jobs", "2"])
    >>> args.func is cmd_batch, args.jobs, args.resume
    (True, 2, False)
    """
    p = subparsers.add_parser(
        "batch",
        help="score a corpus (JSONL, CSV, Parquet, a directory of .txt) into a table",
        description="Score every article of a corpus: one row per (article, party), with the "
                    "article's own columns first. Crash-safe: re-run with --resume to finish "
                    "an interrupted job.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", help="corpus: .jsonl, .csv, .parquet, or a directory of .txt files")
    p.add_argument("-o", "--output", required=True,
                   help="output: .jsonl, .csv, .parquet (a directory) or .sqlite/.db")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="worker processes (default 1; -1: one per CPU); with --dask local, "
                        "the number of Dask workers")
    add_scoring_options(p)
    add_sentiment_option(p, no_sentiment=True)
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted job: keep what OUTPUT holds, score the rest")
    p.add_argument("--evidence", metavar="FILE",
                   help="also write one row per framing (the evidence) to FILE (any output "
                        "format; with SQLite it may be the same file as OUTPUT)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--dask", metavar="SCHEDULER_ADDRESS",
                   help="score on a Dask cluster (e.g. tcp://host:8786), or 'local' for a "
                        "local cluster of --jobs workers")
    p.add_argument("--text-column", default="text", metavar="NAME",
                   help="field holding the article text (default: text)")
    p.add_argument("--id-column", default="id", metavar="NAME",
                   help="field holding the article id (default: id; without it, the "
                        "record's position 0..n-1)")
    p.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE, metavar="N",
                   help=f"articles per task and per commit (default {DEFAULT_CHUNK_SIZE})")
    p.add_argument("--on-duplicate-id", choices=ON_DUPLICATE_ID, default="warn",
                   help="an id that several records have: keep it and report it (warn, the "
                        "default), stop before scoring (error), or number the repeats "
                        "id#2, id#3, ... (suffix)")
    p.set_defaults(func=cmd_batch)
    return p


def _digest(value: Any) -> str:
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()[:16]


def run_meta(args: argparse.Namespace, scorer: Scorer) -> dict[str, Any]:
    """What an output records about the run that writes it (checked on --resume)."""
    from .. import __version__
    from ..lexicon.cues import FrameLexicon
    from ..read.actors import ActorDictionary
    from ..resources import lexicon_versions

    actors = scorer.actors or ActorDictionary.default()
    lexicon = scorer.lexicon or FrameLexicon.default()
    return {
        "input": str(args.input),
        "text_column": args.text_column,
        "id_column": args.id_column,
        "actors": args.actors,
        "actors_mode": args.actors_mode,
        "actors_digest": _digest(json.dumps(actors.to_records(), sort_keys=True)),
        "lexicon": list(args.lexicon),
        "lexicon_digest": _digest(lexicon.rows),
        "method": args.method,
        "model": args.model,
        "sentiment": args.sentiment,
        "framing_version": __version__,
        "lexicons": lexicon_versions(),
        "on_duplicate_id": args.on_duplicate_id,
    }


def _check_resumable(writer: CorpusWriter, meta: dict[str, Any]) -> None:
    if writer.meta is None:
        return
    for key in RESUME_KEYS:
        old, new = writer.meta.get(key, RESUME_DEFAULTS.get(key)), meta.get(key)
        if old != new:
            raise InputError(
                f"cannot resume {writer.path}: it was written with {key}={old!r}, this run has "
                f"{key}={new!r}; resume with the same options (and version), or write a new "
                "output")


@contextmanager
def _backend(args: argparse.Namespace, scorer: Scorer, jobs: int) -> Iterator[Backend]:
    if args.dask:
        from ..batch.dask import open_dask_backend

        with open_dask_backend(args.dask, scorer, n_workers=jobs) as backend:
            yield backend
    else:
        with open_backend(scorer, jobs) as backend:
            yield backend


def cmd_batch(args: argparse.Namespace) -> int:
    """Run ``framing batch`` (see :func:`add_batch_parser` for the arguments)."""
    started = time.perf_counter()
    in_path = Path(args.input)
    if not in_path.exists():
        raise InputError(f"{in_path}: no such file or directory")
    input_format(in_path)
    out_path = Path(args.output)
    output_format(out_path)
    if out_path.resolve() == in_path.resolve():
        raise InputError(f"{out_path}: the output would overwrite the input")
    if args.evidence:
        ev_path = Path(args.evidence)
        ev_fmt = output_format(ev_path)
        if ev_path.resolve() == out_path.resolve() and ev_fmt != "sqlite":
            raise InputError(f"{ev_path}: --evidence may be the same file as the output only "
                             "for SQLite (tables 'parties' and 'framings')")
    if args.chunk_size < 1:
        raise InputError(f"--chunk-size must be positive; got {args.chunk_size}")
    jobs = normalize_jobs(args.jobs)
    if not args.resume:  # before reading the whole input, say that it would be in vain
        for path in (out_path, Path(args.evidence) if args.evidence else None):
            _refuse_existing(path)
    scorer = Scorer.build(actors=args.actors, actors_mode=args.actors_mode,
                          lexicon=args.lexicon or None, method=args.method,
                          sentiment=sentiment_value(args), evidence=bool(args.evidence),
                          model=args.model)
    text, id_col = args.text_column, args.id_column
    # One pass over the input fixes the columns (all fields, however late they appear), their
    # kinds and every record's id, so that a resumed job gives the same ids again.
    plan = plan_corpus(in_path, text=text, id=id_col, reserved=RESERVED_COLUMNS,
                       on_duplicate_id=args.on_duplicate_id)
    meta = run_meta(args, scorer)
    meta["renamed"] = plan.renamed
    meta["ids"] = plan.report.to_dict()
    idc = plan.id_column

    writers: list[CorpusWriter] = []
    try:
        main_w = open_writer(out_path, resume=args.resume, meta=meta, table="parties",
                             types={**plan.kinds, **COLUMN_KINDS})
        writers.append(main_w)
        _check_resumable(main_w, meta)
        ev_w = None
        if args.evidence:
            ev_w = open_writer(args.evidence, resume=args.resume, meta=meta, table="framings",
                               types={idc: plan.kinds[idc], **FRAMING_KINDS})
            writers.append(ev_w)
            _check_resumable(ev_w, meta)
        stats = _run(args, scorer, jobs, in_path, main_w, ev_w, text, id_col, plan)
    except KeyboardInterrupt:
        for w in writers:
            w.close(complete=False)
        done = min((w.committed for w in writers), default=0)
        print(f"framing batch: interrupted; {done} records are committed in {out_path}; run "
              "the same command with --resume to finish", file=sys.stderr)
        raise
    except BaseException:
        for w in writers:
            w.close(complete=False)
        raise
    for w in writers:
        w.close(complete=True)
    elapsed = time.perf_counter() - started
    _summary(stats, main_w, elapsed, plan)
    return 0


def _refuse_existing(path: Path | None) -> None:
    """The error ``open_writer`` would give for an existing output (SQLite is left to it:
    its file may hold other tables)."""
    if path is None:
        return
    fmt = output_format(path)
    if fmt in ("jsonl", "csv"):
        for p in (path, progress_path(path)):
            if p.exists():
                raise InputError(f"{p} already exists; pass --resume to continue it, or "
                                 "remove it to start again")
    elif fmt == "parquet" and path.exists():
        raise InputError(f"{path} already exists; pass --resume to continue it, or remove it "
                         "to start again")


class _Stats:
    def __init__(self, skipped: int) -> None:
        self.scored = 0
        self.failed = 0
        self.skipped = skipped
        self.errors: list[tuple[Any, str]] = []


def _run(args: argparse.Namespace, scorer: Scorer, jobs: int, in_path: Path,
         main_w: CorpusWriter, ev_w: CorpusWriter | None, text: str, id_col: str,
         plan: CorpusPlan) -> _Stats:
    writers = [w for w in (main_w, ev_w) if w is not None]
    start = min(w.committed for w in writers)
    stats = _Stats(skipped=start)
    records: Iterator[Record] = read_corpus(in_path, text=text, id=id_col, start=start)
    idc = plan.id_column
    columns = main_w.columns or [*plan.columns, *RESULT_COLUMNS]
    kinds = {**plan.kinds, **COLUMN_KINDS}
    ev_columns = ev_w.columns if ev_w is not None and ev_w.columns else \
        [idc, *FRAMING_COLUMNS]
    ev_kinds = {idc: plan.kinds[idc], **FRAMING_KINDS}
    known = set(columns)
    warned: set[str] = set()
    enabled = progress_enabled(not args.no_progress)
    with _backend(args, scorer, jobs) as backend, \
            progress_bar(enabled, plan.records if enabled else None, initial=start) as bar:
        for chunk in iter_scored(records, backend, text=text, chunk_size=args.chunk_size):
            upto = chunk[-1][0].number + 1
            rows: list[dict[str, Any]] = []
            frows: list[dict[str, Any]] = []
            for record, scored in chunk:
                rid = plan.id_of(record.number)
                prow, frow = record_rows(record, scored, text=text, id=id_col,
                                         names=plan.names, id_value=rid, id_column=idc)
                if record.number >= main_w.committed:
                    rows.extend(prow)
                    for key in prow[0].keys() - known - warned:
                        warned.add(key)
                        print(f"framing batch: warning: record {record.number} has a field "
                              f"{key!r} that {main_w.path} has no column for (the input "
                              "changed since the output was started?); it is not written",
                              file=sys.stderr)
                if ev_w is not None and record.number >= ev_w.committed:
                    frows.extend(frow)
                if record.number >= start:
                    error = scored[0]
                    if error is None:
                        stats.scored += 1
                    else:
                        stats.failed += 1
                        if len(stats.errors) < 5:
                            stats.errors.append((rid, error))
            if upto > main_w.committed:
                main_w.commit(rows, upto, columns, kinds)
            if ev_w is not None and upto > ev_w.committed:
                ev_w.commit(frows, upto, ev_columns, ev_kinds)
            bar.update(len(chunk))
    # An empty corpus (or nothing left): still fix the columns (CSV header, SQLite table).
    for w, cols, ks in ((main_w, columns, kinds), (ev_w, ev_columns, ev_kinds)):
        if w is not None and w.columns is None:
            w.commit([], w.committed, cols, ks)
    return stats


def _summary(stats: _Stats, writer: CorpusWriter, elapsed: float, plan: CorpusPlan) -> None:
    done = stats.scored + stats.failed
    rate = f", {done / elapsed:.1f} articles/s" if elapsed > 0 and done else ""
    print(f"framing batch: {stats.scored} scored, {stats.failed} failed, {stats.skipped} "
          f"skipped (already done); {writer.rows} rows in {writer.path} "
          f"({elapsed:.1f} s{rate})", file=sys.stderr)
    if plan.renamed:
        print(f"  renamed columns (a name taken by a result column or a column before it, "
              f"ignoring case, gets the prefix article_): {describe_renamed(plan.renamed)}",
              file=sys.stderr)
    report = plan.report
    if report.repeated:
        how = {"warn": "kept as they are (--on-duplicate-id warn)",
               "suffix": "the repeats numbered id#2, id#3, ... (--on-duplicate-id suffix)"}
        print(f"  repeated ids: {report.describe_repeated()}; {how[report.policy]}",
              file=sys.stderr)
    if report.missing:
        print(f"  missing ids: {report.describe_missing()}", file=sys.stderr)
    for rid, error in stats.errors:
        print(f"  failed {rid}: {error}", file=sys.stderr)
    if stats.failed > len(stats.errors):
        print(f"  ... and {stats.failed - len(stats.errors)} more (see the 'error' column)",
              file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    """A ``framing`` parser with only the ``batch`` sub-command."""
    parser = argparse.ArgumentParser(prog="framing")
    add_batch_parser(parser.add_subparsers(dest="command", required=True))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``framing batch`` from ``argv`` (e.g. ``["batch", "in.jsonl", "-o", "out.csv"]``).

    Returns the exit status: 0 when the corpus is done (articles that failed are rows with an
    error), 2 for unusable arguments or inputs, 130 when interrupted.
    """
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except FramingError as e:
        print(f"framing: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
