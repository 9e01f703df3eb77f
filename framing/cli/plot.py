"""``framing plot``: the main figures of a batch output, as PNG and SVG files.

Registered in :mod:`framing.cli.main` with one line, ``add_plot_parser(sub)``::

    framing plot scores.jsonl -o figures/                 # PNG and SVG
    framing plot scores.csv -o figures/ --formats png --frame conciliatory

The input is the per-(article, party) table of ``score_corpus`` / ``framing batch`` (JSONL, CSV,
TSV or Parquet, optionally gzip-compressed). Written: ``frame_profile``, ``sentiment_toward``
(the sentiment toward each party, party-aware unless the batch was run with ``--sentiment
sentence-vader``: the axis names the measure in ``sentiment_toward_measure``, with a 95%
bootstrap interval over articles), ``sentiment_by`` (when some party has statements),
``frame_heatmap``, and, when the table has them, ``framing_over_time`` (a ``date`` column with
at least two periods) and ``outlet_comparison`` (an ``outlet`` column with at least two
outlets).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..labels import FRAMES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

FIGURE_FORMATS = ("png", "svg", "pdf")
#: Columns every batch table must have for the figures.
REQUIRED = ("actor", "framed_sentences", *(f"n_{f}" for f in FRAMES),
            *(f"share_{f}" for f in FRAMES), "sentiment_toward")


def add_plot_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``framing plot`` on the sub-command parsers of ``framing``.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        What ``parser.add_subparsers()`` returned.

    Returns
    -------
    argparse.ArgumentParser
        The ``plot`` parser.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="framing")
    >>> _ = add_plot_parser(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["plot", "scores.jsonl", "-o", "figs", "--formats", "png"])
    >>> args.formats, args.outdir
    (['png'], 'figs')
    """
    p = subparsers.add_parser(
        "plot", help="write the main figures of a batch output (PNG, SVG)",
        description="Write the main figures of a batch output (the per-(article, party) table "
                    "as JSONL, CSV, TSV or Parquet): frame profile, sentiment by party, "
                    "party x frame heatmap and, when the table has date and outlet columns, "
                    "framing over time and by outlet.")
    p.add_argument("batch", metavar="BATCH_OUTPUT",
                   help="per-(article, party) table of framing batch: .jsonl, .csv, .parquet "
                        "(the part directory) or .sqlite; also a .json or .tsv table")
    p.add_argument("-o", "--outdir", required=True, metavar="OUTDIR",
                   help="directory for the figures (created if needed)")
    p.add_argument("--formats", type=_formats, default=["png", "svg"], metavar="LIST",
                   help="comma-separated figure formats among png, svg, pdf (default: png,svg)")
    p.add_argument("--frame", choices=FRAMES, default=FRAMES[0],
                   help="frame of the over-time and outlet figures (default: %(default)s)")
    p.add_argument("--freq", choices=("auto", "D", "W", "M"), default="auto",
                   help="period of the over-time figure: day, week, month or auto (by span)")
    p.add_argument("--top", type=int, default=15, metavar="N",
                   help="at most N parties in the profile, heatmap and sentiment figures")
    p.add_argument("--date-column", default="date", metavar="NAME")
    p.add_argument("--outlet-column", default="outlet", metavar="NAME")
    p.add_argument("--dpi", type=int, default=200, help="resolution of PNG files (200)")
    p.set_defaults(func=cmd_plot)
    return p


def cmd_plot(args: argparse.Namespace) -> int:
    """Run ``framing plot``: read the table, write the figures, print their paths."""
    df = read_batch(args.batch)
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise InputError(
            f"{args.batch}: missing column(s) {', '.join(missing)}; expected the per-(article, "
            f"party) table of score_corpus / framing batch (columns present: "
            f"{', '.join(map(str, df.columns[:25]))})")
    outdir = Path(args.outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"{outdir}: cannot create the output directory ({e.strerror})") \
            from None
    for path in write_figures(df, outdir, formats=args.formats, frame=args.frame,
                              freq=args.freq, top=args.top, date=args.date_column,
                              outlet=args.outlet_column, dpi=args.dpi):
        print(path)
    return 0


def write_figures(df: pd.DataFrame, outdir: str | Path, *, formats: list[str] | None = None,
                  frame: str = FRAMES[0], freq: str = "auto", top: int | None = 15,
                  date: str = "date", outlet: str = "outlet", dpi: int = 200) -> list[Path]:
    """Write the figures of a batch table into ``outdir``; return the paths written.

    Examples
    --------
    >>> import pandas as pd, tempfile
    >>> df = pd.DataFrame({"actor": ["Russia", "Ukraine"], "framed_sentences": [2, 1],
    ...     "n_hard-line": [2, 0], "n_skeptical": [0, 0], "n_conciliatory": [0, 1],
    ...     "share_hard-line": [1.0, 0.0], "share_skeptical": [0.0, 0.0],
    ...     "share_conciliatory": [0.0, 1.0], "sentiment_toward": [-0.3, 0.2]})
    >>> sorted(p.name for p in write_figures(df, tempfile.mkdtemp(), formats=["png"]))
    ['frame_heatmap.png', 'frame_profile.png', 'sentiment_toward.png']
    """
    if "matplotlib.pyplot" not in sys.modules:  # a fresh process: no window system needed
        import matplotlib

        matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    from ..show import plot

    formats = formats or ["png", "svg"]
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    _, table = plot._table(df, "framing plot")
    jobs: list[tuple[str, Any]] = [
        ("frame_profile", lambda: plot.frame_profile(table, top=top)),
        ("sentiment_toward", lambda: plot.sentiment_by_party(table, which="toward", top=top)),
    ]
    if "sentiment_by" in table and pd.to_numeric(table["sentiment_by"], errors="coerce") \
            .notna().any():
        jobs.append(("sentiment_by",
                     lambda: plot.sentiment_by_party(table, which="by", top=top)))
    jobs.append(("frame_heatmap", lambda: plot.party_frame_heatmap(table, top=top)))
    if date in table:
        dates = pd.to_datetime(table[date], errors="coerce", utc=True, format="mixed").dropna()
        code = _auto_freq(dates) if freq == "auto" else freq
        if len(dates) and dates.dt.tz_convert(None).dt.to_period(code).nunique() >= 2:
            jobs.append(("framing_over_time",
                         lambda: plot.framing_over_time(table, freq=code, frame=frame,
                                                        date=date)))
    if outlet in table and table[outlet].dropna().astype(str).nunique() >= 2:
        jobs.append(("outlet_comparison",
                     lambda: plot.outlet_comparison(table, outlet=outlet, frame=frame)))
    written = []
    for name, draw in jobs:
        ax = draw()
        try:
            for fmt in formats:
                path = outdir / f"{name}.{fmt}"
                with plt.rc_context({"svg.hashsalt": "framing"}):
                    ax.figure.savefig(path, dpi=dpi, metadata=_metadata(fmt))
                written.append(path)
        finally:
            plt.close(ax.figure)
    return written


def read_batch(path: str | Path) -> pd.DataFrame:
    """Read any batch output with :func:`framing.read_batch`; a table with no rows is an error.

    Raises
    ------
    InputError
        For a missing file, an unknown extension, a file that cannot be parsed or no rows.
    """
    from ..batch.io import read_batch as read_output_table

    df = read_output_table(path)
    if df.empty:
        raise InputError(f"{path}: no rows")
    return df


def _formats(value: str) -> list[str]:
    out = [f.strip().lower().lstrip(".") for f in value.split(",") if f.strip()]
    bad = [f for f in out if f not in FIGURE_FORMATS]
    if not out or bad:
        raise argparse.ArgumentTypeError(
            f"formats must be a comma-separated list of {', '.join(FIGURE_FORMATS)}; got "
            f"{value!r}")
    return list(dict.fromkeys(out))


def _auto_freq(dates: pd.Series) -> str:
    span = (dates.max() - dates.min()).days if len(dates) else 0
    return "D" if span <= 45 else "W" if span <= 182 else "M"


def _metadata(fmt: str) -> dict[str, Any]:
    """Reproducible files: no creation date, our name as the creator."""
    from .. import __version__

    if fmt == "png":
        return {"Software": f"framing {__version__}"}
    if fmt == "svg":
        return {"Date": None, "Creator": f"framing {__version__}"}
    if fmt == "pdf":
        return {"CreationDate": None, "Creator": f"framing {__version__}"}
    return {}
