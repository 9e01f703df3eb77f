"""Plots of framing and sentiment by party, for one article or a corpus.

Every function takes the data first: an :class:`~framing.results.ArticleFraming` (one article)
or the tidy table of ``score_corpus`` (a pandas DataFrame with one row per article and party);
options are keyword-only; ``ax=None`` draws on a new figure, otherwise on the Axes given. Each
returns the Axes and never shows or saves the figure, so it composes with the rest of a figure::

    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4), layout="constrained")
    frame_profile(res, ax=a)
    sentiment_by_party(res, ax=b)
    fig.savefig("article.png", dpi=200)

Matplotlib is imported inside the functions, so ``import framing.show.plot`` is cheap. The three
frames have the same colours everywhere (:data:`FRAME_COLORS`, Okabe–Ito, colour-blind safe).

How the numbers are pooled
--------------------------
* :func:`frame_profile` and :func:`party_frame_heatmap` pool the counts: the share of a frame is
  the number of the party's sentences with that frame divided by the number of its framed
  sentences (frames of one sentence each count), summed over the articles.
* :func:`sentiment_by_party` and :func:`sentiment_summary` average the sentiment toward each
  party (``which="toward"``: party-aware by default, the measure named by
  ``sentiment_toward_measure``), the tone of the sentences that mention it (``"sentences"``:
  sentence VADER) or the VADER compound of its statements (``"by"``); for one article over
  sentences or statements, for a corpus over articles (each article's mean).
* :func:`framing_over_time` and :func:`outlet_comparison` average the article-level share of one
  frame over the articles in which the party is framed at all.

Confidence intervals are percentile bootstrap intervals over the units averaged (sentences,
statements or articles: 1,000 resamples by default), seeded by ``random_state`` (0 by default)
so that a figure is reproducible. A percentile bootstrap needs no assumption about the shape of
the values, which matters here: a party's sentiment values are bounded (−1…1) and often skewed.
With one unit there is no interval. The bootstrap treats the units as independent; sentences
of one article, or articles about one event, are not, so read the intervals as a lower bound
of the uncertainty.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError, one_of
from ..labels import FRAMES, MEASURE_LABELS, PARTY_AWARE, SENTENCE_VADER
from .palette import (
    CATEGORY_COLORS,
    FRAME_COLORS,
    FRAME_TEXT_COLORS,
    SENTIMENT_COLORS,
)

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd
    from matplotlib.axes import Axes

    from ..results import ArticleFraming

__all__ = [
    "FRAME_COLORS",
    "frame_profile",
    "framing_over_time",
    "outlet_comparison",
    "party_frame_heatmap",
    "sentiment_by_party",
    "sentiment_summary",
]

#: Style applied while a plot is drawn (and only then).
_RC: dict[str, Any] = {
    "axes.titlelocation": "left",
    "axes.titlesize": "large",
    "legend.frameon": False,
    "hatch.linewidth": 0.8,
}

_MARKERS = ("o", "s", "D", "^", "v", "P", "X")
_LINESTYLES = ("-", "--", "-.", ":")
_LEGEND_GAP = 1.3  # legend above the axes: gap in font sizes, clear of the n column header
_CELL_BASE = "#F5F5F5"
_CELL_UNFRAMED = "#E4E4E4"
_LABEL_WIDTH = 22  # characters per line of a party name on an axis
_N_COLS = tuple(f"n_{f}" for f in FRAMES)
_NUMERIC = ("mentions", "sentences", "framed_sentences", *_N_COLS,
            *(f"share_{f}" for f in FRAMES), "sentiment_toward", "sentiment_toward_n",
            "sentence_tone", "sentence_tone_n", "sentiment_by", "sentiment_by_n", "voice")
#: Sentiment that :func:`sentiment_by_party` can show, and the column of the table it reads.
_SENTIMENT_COLUMNS = {"toward": "sentiment_toward", "sentences": "sentence_tone",
                      "by": "sentiment_by"}
#: The measure of ``sentiment_by``: VADER of what the party says.
STATEMENT_VADER = "statement-vader"
#: The measure of a table's ``sentiment_toward`` without ``sentiment_toward_measure`` (written
#: before sentiment toward a party was party-aware by default: sentence VADER then).
UNRECORDED = "unrecorded"
_MEASURE_LABELS = {**MEASURE_LABELS,
                   STATEMENT_VADER: "VADER (mean compound of the party's statements)",
                   UNRECORDED: "sentiment_toward, measure not recorded (older table: "
                               "sentence VADER)"}
_FREQS = {"D": "D", "day": "D", "W": "W", "week": "W", "M": "M", "ME": "M", "MS": "M",
          "month": "M"}
_PERIOD_WORD = {"D": "day", "W": "week", "M": "month"}



# --------------------------------------------------------------------------------------------
# Plots
# --------------------------------------------------------------------------------------------


def frame_profile(
    data: ArticleFraming | pd.DataFrame | Sequence[ArticleFraming],
    *,
    actors: Sequence[str] | None = None,
    top: int | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Stacked bars of the hard-line, skeptical and conciliatory share of each party.

    Each bar is one party; its segments are the shares of the party's framed sentences that
    carry each frame (pooled over the articles of a corpus), with the number of sentences
    written in each segment and the number of framed sentences at the right. Parties are ordered
    by number of framed sentences, then by hard-line share; parties that are mentioned but
    never framed come last, marked "not framed".

    Parameters
    ----------
    data : ArticleFraming, DataFrame or sequence of ArticleFraming
        One article's result, or the table of ``score_corpus`` (columns ``actor``,
        ``framed_sentences`` and ``n_<frame>``).
    actors : sequence of str, optional
        The parties to show, in this order. Default: all, ordered as above.
    top : int, optional
        Show only the first ``top`` parties.
    ax : matplotlib Axes, optional
        Where to draw; a new figure sized to the number of parties by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InputError
        If a required column is missing or an actor in ``actors`` is not in the data.

    Examples
    --------
    >>> import framing
    >>> from framing.show.plot import frame_profile
    >>> res = framing.score_article("Moscow rejected the truce. Kyiv offered new talks.")
    >>> ax = frame_profile(res)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Russia', 'Ukraine']
    """
    import matplotlib as mpl
    import numpy as np

    kind, df = _table(data, "frame_profile")
    _require(df, ["actor", "framed_sentences", *_N_COLS], "frame_profile")
    tab = _select(_frame_totals(df), actors, top, "frame_profile")
    n = len(tab)
    # The figure is made outside rc_context: leaving the context would otherwise undo
    # the backend set-up of a first figure in Jupyter (later plots would not show).
    ax = _axes(ax, (7.0, _height(n, tab.index)))
    with mpl.rc_context(_RC):
        y = np.arange(n)
        left = np.zeros(n)
        for f in FRAMES:
            share = tab[f"share_{f}"].to_numpy(float)
            count = tab[f"n_{f}"].to_numpy(int)
            ax.barh(y, share, left=left, height=0.72, color=FRAME_COLORS[f], label=f,
                    edgecolor="white", linewidth=1.0)
            for yi in range(n):
                if count[yi] and share[yi] >= 0.045:
                    ax.text(left[yi] + share[yi] / 2, yi, str(count[yi]), ha="center",
                            va="center", fontsize="small", color=FRAME_TEXT_COLORS[f])
            left += share
        for yi, (_, row) in enumerate(tab.iterrows()):
            if row["total"] == 0:
                k = -1 if "sentences" not in row or _isnan(row["sentences"]) \
                    else int(row["sentences"])
                mentioned = "" if k < 0 else \
                    f" (mentioned in {k} sentence{'' if k == 1 else 's'})"
                ax.text(0.01, yi, "not framed" + mentioned, va="center", fontsize="small",
                        color="0.35", style="italic")
            _right_note(ax, yi, f"{int(row['framed'])}")
        _right_note(ax, -0.75, "n", header=True)
        ax.set_yticks(y, labels=[_wrap(a, _label_width(ax)) for a in tab.index])
        ax.set_ylim(n - 0.5, -0.75 if n else 0.5)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        pooled = "" if kind == "article" else ", pooled"
        ax.set_xlabel(f"share of framed sentences (%{pooled})\nn = framed sentences")
        ax.set_title("Framing of each party", pad=_legend_pad(1))
        _frame_legend(ax)
        _despine(ax, left=True)
        ax.tick_params(axis="y", length=0)
        if n == 0:
            _empty(ax, "no parties found")
    return ax


def sentiment_summary(
    data: ArticleFraming | pd.DataFrame | Sequence[ArticleFraming],
    *,
    which: str = "toward",
    by: str | None = None,
    ci: float | None = 0.95,
    n_boot: int = 1000,
    random_state: int | np.random.Generator | None = 0,
    actors: Sequence[str] | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """The mean sentiment toward (or by) each party, its measure and its bootstrap interval.

    The numbers :func:`sentiment_by_party` draws, as a table. For one article the mean is over
    the sentences that mention the party (``toward``: the party-aware value of each (sentence,
    party), ``res.targets``; ``sentences``: each sentence's VADER compound) or over its
    statements (``by``), and the interval is a percentile bootstrap over them. For a corpus the
    mean is over articles (each article's value for the party) and the interval is
    bootstrapped over articles.

    Parameters
    ----------
    data : ArticleFraming, DataFrame or sequence of ArticleFraming
        One article's result, or the table of ``score_corpus`` (columns ``actor`` and
        ``sentiment_toward`` with ``sentiment_toward_measure``, ``sentence_tone`` or
        ``sentiment_by``).
    which : {"toward", "sentences", "by"}, default="toward"
        ``toward``: sentiment toward the party, by the measure the data record (party-aware
        unless it was turned off); ``sentences``: sentence VADER, the tone of the sentences
        that mention the party, the same for all parties of a sentence; ``by``: VADER of the
        party's statements.
    by : str, optional
        A column of a corpus table (e.g. ``"outlet"``): one row per value and party.
    ci : float or None, default=0.95
        Confidence level of the percentile bootstrap interval; ``None`` for no interval.
    n_boot : int, default=1000
        Bootstrap resamples.
    random_state : int, numpy Generator or None, default=0
        Seed of the bootstrap; the same seed gives the same intervals.
    actors : sequence of str, optional
        The parties to show. Default: all that have a sentiment.
    top : int, optional
        Only the ``top`` parties with most sentences (or articles).

    Returns
    -------
    pandas.DataFrame
        One row per party (per ``by`` value and party), ordered by mean, highest first:
        ``[by,] actor, measure, mean, ci_low, ci_high, n, unit`` (``ci_low`` and ``ci_high``
        are NaN without ``ci`` or with fewer than two units). ``measure`` is
        ``"party-aware"``, ``"sentence-vader"`` or ``"statement-vader"``
        (``"unrecorded"`` for a table from before the measure was recorded; several joined
        by ``+`` when the articles of a party were scored with different measures).

    Examples
    --------
    >>> import framing
    >>> res = framing.score_article("Moscow rejected the truce. Kyiv offered new talks.")
    >>> tab = sentiment_summary(res)
    >>> tab.columns.tolist()
    ['actor', 'measure', 'mean', 'ci_low', 'ci_high', 'n', 'unit']
    >>> sorted(tab["actor"]), tab["measure"].unique().tolist()
    (['Russia', 'Ukraine'], ['party-aware'])
    """
    import numpy as np
    import pandas as pd

    if which not in _SENTIMENT_COLUMNS:
        raise ValueError(one_of("which", which, list(_SENTIMENT_COLUMNS)))
    _check_ci(ci, n_boot)
    rng = np.random.default_rng(random_state)
    if by is None:
        parts = [(None, data)]
    else:
        _, df = _table(data, "sentiment_summary", corpus_only=True)
        _require(df, [by], "sentiment_summary")
        parts = [(key, df[df[by] == key]) for key in sorted(df[by].dropna().unique(), key=str)]
    rows = []
    for key, part in parts:
        groups, unit, measures = _sentiment_groups(part, which)
        if actors is not None:
            if isinstance(actors, str):
                actors = [actors]
            if by is None:
                _unknown(actors, list(groups), "sentiment_by_party")
            groups = {a: groups[a] for a in actors if a in groups}
        if top is not None:
            keep = sorted(groups, key=lambda a: -len(groups[a]))[: max(int(top), 0)]
            groups = {a: groups[a] for a in groups if a in keep}
        for actor, values in groups.items():
            arr = np.asarray(values, dtype=float)
            arr = arr[~np.isnan(arr)]
            if len(arr) == 0:
                continue
            mean, lo, hi = _bootstrap(arr, ci, n_boot, rng)
            row = {} if by is None else {by: key}
            row.update(actor=actor, measure=measures.get(actor, ""), mean=mean, ci_low=lo,
                       ci_high=hi, n=len(arr), unit=unit)
            rows.append(row)
    columns = ([] if by is None else [by]) + ["actor", "measure", "mean", "ci_low", "ci_high",
                                              "n", "unit"]
    out = pd.DataFrame(rows, columns=columns)
    order = ["mean"] if by is None else [by, "mean"]
    out = out.sort_values(order, ascending=[True] * (len(order) - 1) + [False], kind="stable")
    return out.reset_index(drop=True).astype({"n": int})


def sentiment_by_party(
    data: ArticleFraming | pd.DataFrame | Sequence[ArticleFraming],
    *,
    which: str = "toward",
    ci: float | None = 0.95,
    n_boot: int = 1000,
    random_state: int | np.random.Generator | None = 0,
    actors: Sequence[str] | None = None,
    top: int | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Diverging bars of the mean sentiment toward (or by) each party, with bootstrap CIs.

    By default the sentiment toward each party is party-aware: the target-sentiment model's
    P(positive) − P(negative) for each sentence that mentions the party, so two parties of one
    sentence can differ. The axis label names the measure the data record (sentence VADER when
    the model was not used) and the interval. The means and intervals are those of
    :func:`sentiment_summary`: for one article over the party's sentences (or statements),
    bootstrapped over them; for a corpus over articles, bootstrapped over articles. The number
    of sentences, statements or articles is written at the right of each bar; parties without
    any are left out.

    Parameters
    ----------
    data : ArticleFraming, DataFrame or sequence of ArticleFraming
        One article's result, or the table of ``score_corpus`` (columns ``actor`` and
        ``sentiment_toward``, ``sentence_tone`` or ``sentiment_by``).
    which : {"toward", "sentences", "by"}, default="toward"
        Sentiment toward the party (party-aware by default), the tone of the sentences that
        mention it (sentence VADER), or the VADER sentiment of what the party says.
    ci : float or None, default=0.95
        Confidence level of the percentile bootstrap interval; ``None`` for no interval.
    n_boot : int, default=1000
        Bootstrap resamples.
    random_state : int, numpy Generator or None, default=0
        Seed of the bootstrap; the same seed gives the same intervals.
    actors : sequence of str, optional
        The parties to show. Default: all that have a sentiment.
    top : int, optional
        Show only the ``top`` parties with most sentences (or articles).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import framing
    >>> from framing.show.plot import sentiment_by_party
    >>> res = framing.score_article("Moscow rejected the truce. Kyiv offered new talks.")
    >>> ax = sentiment_by_party(res, random_state=1)
    >>> ax.get_xlabel().splitlines()[0]
    'party-aware sentiment (model: P(positive) - P(negative)), −1…1'
    """
    import matplotlib as mpl
    import numpy as np

    tab = sentiment_summary(data, which=which, ci=ci, n_boot=n_boot, random_state=random_state,
                            actors=actors, top=top)
    rows = list(tab[["actor", "mean", "ci_low", "ci_high", "n"]].itertuples(index=False))
    unit = tab["unit"].iloc[0] if len(tab) else ""
    n = len(rows)
    # The figure is made outside rc_context: leaving the context would otherwise undo
    # the backend set-up of a first figure in Jupyter (later plots would not show).
    ax = _axes(ax, (7.0, _height(n, [r[0] for r in rows])))
    with mpl.rc_context(_RC):
        y = np.arange(n)
        means = np.array([r[1] for r in rows])
        neg, pos = SENTIMENT_COLORS
        colors = [neg if m < 0 else pos if m > 0 else "0.6" for m in means]
        ax.barh(y, means, height=0.65, color=colors, edgecolor="0.25", linewidth=0.6)
        # a dot at the mean keeps a mean of exactly 0 visible
        ax.plot(means, y, linestyle="none", marker="o", markersize=3.5, color="0.1")
        lo = np.array([r[2] for r in rows])
        hi = np.array([r[3] for r in rows])
        has_ci = ~np.isnan(lo)
        if has_ci.any():
            ax.errorbar(means[has_ci], y[has_ci],
                        xerr=[means[has_ci] - lo[has_ci], hi[has_ci] - means[has_ci]],
                        fmt="none", ecolor="0.1", elinewidth=1.1, capsize=3)
        ax.axvline(0, color="0.2", linewidth=0.9)
        for yi, r in enumerate(rows):
            _right_note(ax, yi, str(r[4]))
        if n:
            _right_note(ax, -0.6, f"n {unit}", header=True)
        ax.set_yticks(y, labels=[_wrap(r[0], _label_width(ax)) for r in rows])
        # a band under the last bar holds the direction hints
        ax.set_ylim(n - 0.5 + 0.45, -0.6) if n else ax.set_ylim(1, 0)
        extent = np.nanmax(np.abs(np.concatenate([means, lo, hi]))) if n else 0.0
        extent = min(1.0, max(0.25, 1.15 * float(extent)))
        ax.set_xlim(-extent, extent)
        measures = sorted(set("+".join(tab["measure"]).split("+")) - {""})
        ax.set_xlabel(_sentiment_label(which, measures, unit, ci))
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(nbins="auto", symmetric=True))
        ax.text(0.005, 0.01, "← negative", transform=ax.transAxes, ha="left",
                va="bottom", fontsize="x-small", color="0.3")
        ax.text(0.995, 0.01, "positive →", transform=ax.transAxes, ha="right",
                va="bottom", fontsize="x-small", color="0.3")
        ax.set_title(_sentiment_title(which, measures), pad=14)
        _despine(ax, left=True)
        ax.tick_params(axis="y", length=0)
        if n == 0:
            _empty(ax, {"toward": "no sentiment toward a party",
                        "sentences": "no sentences mention a party",
                        "by": "no statements attributed to a party"}[which])
    return ax


def _sentiment_label(which: str, measures: Sequence[str], unit: str, ci: float | None) -> str:
    """The x label of :func:`sentiment_by_party`: the measure, the mean, the interval."""
    if len(measures) == 1:
        first = f"{_MEASURE_LABELS.get(measures[0], measures[0])}, −1…1"
    elif measures:
        first = f"mixed measures ({' + '.join(measures)}), −1…1"
    else:
        first = f"{_MEASURE_LABELS[_measure_of(which)]}, −1…1"
    over = f"mean over {unit}" if unit else "mean"
    if ci is not None:
        over += f"; bars: {ci:.0%} bootstrap CI" + (f" over {unit}" if unit else "")
    return f"{first}\n{over}"


def _sentiment_title(which: str, measures: Sequence[str]) -> str:
    if which == "by":
        return "Sentiment of statements (VADER)"
    if which == "sentences":
        return "Tone of the party's sentences (sentence VADER)"
    if list(measures) == [PARTY_AWARE]:
        return "Sentiment toward parties (party-aware)"
    if list(measures) == [SENTENCE_VADER]:
        return "Sentiment toward parties (sentence VADER, not party-aware)"
    return "Sentiment toward parties"


def party_frame_heatmap(
    data: ArticleFraming | pd.DataFrame | Sequence[ArticleFraming],
    *,
    value: str = "share",
    actors: Sequence[str] | None = None,
    top: int | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of parties (rows) by frames (columns), each cell annotated.

    Each column is shaded from white (0) to the frame's colour (the largest value), so the
    colours mean the same as in the other plots; the numbers are written in the cells.

    Parameters
    ----------
    data : ArticleFraming, DataFrame or sequence of ArticleFraming
        One article's result, or the table of ``score_corpus`` (columns ``actor``,
        ``framed_sentences`` and ``n_<frame>``).
    value : {"share", "count"}, default="share"
        ``share``: share of the party's framed sentences with the frame (pooled over the
        articles), with the count in brackets; ``count``: the number of sentences.
    actors : sequence of str, optional
        The parties to show, in this order.
    top : int, optional
        Show only the first ``top`` parties (most framed sentences first).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import framing
    >>> from framing.show.plot import party_frame_heatmap
    >>> res = framing.score_article("Moscow rejected the truce. Kyiv offered new talks.")
    >>> ax = party_frame_heatmap(res, value="count")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['hard-line', 'skeptical', 'conciliatory']
    """
    import matplotlib as mpl
    import numpy as np
    from matplotlib.colors import to_rgb

    if value not in ("share", "count"):
        raise ValueError(one_of("value", value, ["share", "count"]))
    kind, df = _table(data, "party_frame_heatmap")
    _require(df, ["actor", "framed_sentences", *_N_COLS], "party_frame_heatmap")
    tab = _select(_frame_totals(df), actors, top, "party_frame_heatmap")
    n = len(tab)
    counts = tab[list(_N_COLS)].to_numpy(float)
    shares = tab[[f"share_{f}" for f in FRAMES]].to_numpy(float)
    shown = shares if value == "share" else counts
    vmax = 1.0 if value == "share" else max(1.0, float(counts.max()) if n else 1.0)
    # cells run from a light grey (0, still visible as a cell) to the frame's colour;
    # rows of parties that are never framed stay a darker grey
    base = np.array(to_rgb(_CELL_BASE))
    rgb = np.ones((max(n, 1), len(FRAMES), 3))
    for j, f in enumerate(FRAMES):
        c = np.array(to_rgb(FRAME_COLORS[f]))
        t = (shown[:, j] / vmax)[:, None] if n else np.zeros((1, 1))
        rgb[: max(n, 1), j] = base - t * (base - c)
    if n:
        rgb[(tab["total"] == 0).to_numpy()] = to_rgb(_CELL_UNFRAMED)
    # The figure is made outside rc_context: leaving the context would otherwise undo
    # the backend set-up of a first figure in Jupyter (later plots would not show).
    ax = _axes(ax, (6.0, _height(n, tab.index, per_row=0.46, base=2.0)))
    with mpl.rc_context(_RC):
        ax.imshow(rgb if n else np.ones((1, 3, 3)), aspect="auto", interpolation="nearest")
        cell_inches = ax.get_position().width * ax.figure.get_figwidth() / len(FRAMES)
        size = "small" if cell_inches >= 0.6 else "x-small"
        for i in range(n):
            framed = tab["total"].iloc[i] > 0
            for j in range(len(FRAMES)):
                if not framed:
                    txt = "not framed" if j == len(FRAMES) // 2 else ""
                elif value == "share":
                    txt = f"{shares[i, j]:.0%}\n({int(counts[i, j])})"
                else:
                    txt = f"{int(counts[i, j])}"
                ax.text(j, i, txt, ha="center", va="center", fontsize=size,
                        color=_ink(rgb[i, j]), linespacing=1.1)
        ax.set_xticks(range(len(FRAMES)), labels=list(FRAMES))
        if cell_inches < 0.95:  # narrow cells: slanted frame names do not collide
            ax.tick_params(axis="x", labelrotation=25)
            for t in ax.get_xticklabels():
                t.set_horizontalalignment("right")
                t.set_rotation_mode("anchor")
        ax.set_yticks(range(n), labels=[_wrap(a, _label_width(ax)) for a in tab.index])
        ax.set_xticks(np.arange(-0.5, len(FRAMES), 1), minor=True)
        ax.set_yticks(np.arange(-0.5, max(n, 1), 1), minor=True)
        ax.grid(which="minor", color="white", linewidth=2)
        ax.tick_params(which="both", length=0)
        for s in ax.spines.values():
            s.set_visible(False)
        pooled = "" if kind == "article" else ", pooled over articles"
        ax.set_xlabel("share of framed sentences\n(count)" + pooled if value == "share"
                      else "number of framed sentences\n" + pooled.lstrip(", "))
        ax.set_title("Party × frame")
        if n == 0:
            ax.set_yticks([])
            _empty(ax, "no parties found")
    return ax


def framing_over_time(
    df: pd.DataFrame,
    *,
    freq: str = "W",
    frame: str = "hard-line",
    date: str = "date",
    actors: Sequence[str] | None = None,
    top: int | None = 5,
    ci: float | None = 0.95,
    n_boot: int = 1000,
    random_state: int | np.random.Generator | None = 0,
    ax: Axes | None = None,
) -> Axes:
    """One line per party: the mean share of one frame per article, by day, week or month.

    For each period and party the value is the mean, over the articles of the period in which
    the party is framed at all, of the share of its framed sentences that carry ``frame``; the
    band is a bootstrap interval over those articles. Periods without such an article leave a
    gap in the line.

    Parameters
    ----------
    df : DataFrame
        The table of ``score_corpus`` (columns ``actor``, the date column, ``framed_sentences``
        and ``share_<frame>``).
    freq : {"D", "W", "M"}, default="W"
        Day, week (starting Monday) or month.
    frame : {"hard-line", "skeptical", "conciliatory"}, default="hard-line"
        The frame whose share is plotted.
    date : str, default="date"
        Column with the publication date (anything :func:`pandas.to_datetime` reads).
    actors : sequence of str, optional
        The parties to draw. Default: the ``top`` most framed parties.
    top : int or None, default=5
        How many parties to draw when ``actors`` is not given (``None``: all).
    ci : float or None, default=0.95
        Confidence level of the bootstrap band; ``None`` for no band.
    n_boot : int, default=1000
        Bootstrap resamples.
    random_state : int, numpy Generator or None, default=0
        Seed of the bootstrap.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.show.plot import framing_over_time
    >>> df = pd.DataFrame({"date": ["2025-03-03", "2025-03-04", "2025-03-11"],
    ...                    "actor": ["Russia"] * 3, "framed_sentences": [2, 1, 3],
    ...                    "share_hard-line": [1.0, 0.0, 0.5]})
    >>> ax = framing_over_time(df, freq="W")
    >>> len(ax.get_lines())
    1
    """
    import matplotlib as mpl
    import matplotlib.dates as mdates
    import numpy as np
    import pandas as pd

    code = _freq(freq)
    if frame not in FRAMES:
        raise ValueError(one_of("frame", frame, FRAMES))
    _check_ci(ci, n_boot)
    _, df = _table(df, "framing_over_time", corpus_only=True)
    _require(df, ["actor", date, "framed_sentences", f"share_{frame}"], "framing_over_time")
    df = df[df["framed_sentences"] > 0].copy()
    df["_period"] = _periods(df[date], code, date)
    df = df[df["_period"].notna()]
    rng = np.random.default_rng(random_state)
    parties = _party_order(df, actors, top, "framing_over_time")
    span = pd.period_range(df["_period"].min(), df["_period"].max(), freq=code) \
        if len(df) else pd.PeriodIndex([], freq=code)
    x = span.start_time
    # The figure is made outside rc_context: leaving the context would otherwise undo
    # the backend set-up of a first figure in Jupyter (later plots would not show).
    ax = _axes(ax, (8.0, 4.5))
    with mpl.rc_context(_RC):
        for k, actor in enumerate(parties):
            sub = df[df["actor"] == actor]
            stats = np.full((len(span), 3), np.nan)
            for i, p in enumerate(span):
                vals = sub.loc[sub["_period"] == p, f"share_{frame}"].to_numpy(float)
                vals = vals[~np.isnan(vals)]
                if len(vals):
                    stats[i] = _bootstrap(vals, ci, n_boot, rng)
            color, marker, ls = _style(k)
            ax.plot(x, stats[:, 0], color=color, marker=marker, linestyle=ls, linewidth=1.8,
                    markersize=5, label=_wrap(actor, 28, 1))
            if ci is not None:  # lighter when several bands overlap
                ax.fill_between(x, stats[:, 1], stats[:, 2], color=color, linewidth=0,
                                alpha=0.16 if len(parties) <= 3 else 0.09)
        ax.set_ylim(-0.02, 1.02)
        ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        # monthly points sit on the first of the month: ticks there too, not mid-month
        locator = mdates.MonthLocator(interval=max(1, len(span) // 9 + 1)) \
            if code == "M" else mdates.AutoDateLocator(minticks=3, maxticks=7)
        ax.xaxis.set_major_locator(locator)
        # the date range goes into the axis label: an offset text would collide with it
        dates = mdates.ConciseDateFormatter(locator, show_offset=False)
        dates.formats[2] = "%d %b"  # "15 Jan", not a bare "15", when no month tick is near
        ax.xaxis.set_major_formatter(dates)
        def day(t: pd.Timestamp) -> str:
            return f"{t:%b %Y}" if code == "M" else f"{t.day} {t:%b %Y}"

        year = f", {day(x[0])}–{day(x[-1])}" if len(x) else ""
        if len(x):
            pad = pd.Timedelta(days={"D": 0.6, "W": 3.5, "M": 12}[code])
            ax.set_xlim(x[0] - pad, x[-1] + pad)
        band = f"\nbands: {ci:.0%} bootstrap CI over articles" if ci is not None else ""
        ax.set_xlabel(("week (from Monday)" if code == "W" else _PERIOD_WORD[code])
                      + f" of publication{year}" + band)
        ax.set_ylabel(f"{frame} share (%)\nmean over articles")
        ax.set_title(f"{frame.capitalize()} framing over time")
        ax.grid(axis="y", color="0.9", linewidth=0.8)
        ax.set_axisbelow(True)
        _despine(ax)
        if parties:
            ax.legend(title="party", loc="upper left", bbox_to_anchor=(1.01, 1.0),
                      borderaxespad=0)
        else:
            _empty(ax, "no party is framed in the dated articles")
    return ax


def outlet_comparison(
    df: pd.DataFrame,
    *,
    outlet: str = "outlet",
    frame: str = "hard-line",
    actors: Sequence[str] | None = None,
    top: int | None = 8,
    ci: float | None = 0.95,
    n_boot: int = 1000,
    random_state: int | np.random.Generator | None = 0,
    ax: Axes | None = None,
) -> Axes:
    """Do outlets frame a party differently? Mean share of one frame per outlet and party.

    One row per party; in it, one point per outlet (the mean over the outlet's articles that
    frame the party of the share of ``frame``), with a bootstrap interval over those articles
    and the number of articles at the right. Intervals that do not overlap are a first sign of
    a difference between outlets (not a test).

    Parameters
    ----------
    df : DataFrame
        The table of ``score_corpus`` (columns ``actor``, the outlet column,
        ``framed_sentences`` and ``share_<frame>``).
    outlet : str, default="outlet"
        Column naming the outlet.
    frame : {"hard-line", "skeptical", "conciliatory"}, default="hard-line"
        The frame whose share is compared.
    actors : sequence of str, optional
        The parties to show. Default: the ``top`` most framed parties.
    top : int or None, default=8
        How many parties when ``actors`` is not given (``None``: all).
    ci : float or None, default=0.95
        Confidence level of the bootstrap interval; ``None`` for none.
    n_boot : int, default=1000
        Bootstrap resamples.
    random_state : int, numpy Generator or None, default=0
        Seed of the bootstrap.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.show.plot import outlet_comparison
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "actor": ["Russia"] * 4,
    ...                    "framed_sentences": [2, 1, 3, 2],
    ...                    "share_hard-line": [1.0, 0.5, 0.0, 0.5]})
    >>> ax = outlet_comparison(df)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A', 'B']
    """
    import matplotlib as mpl
    import numpy as np

    if frame not in FRAMES:
        raise ValueError(one_of("frame", frame, FRAMES))
    _check_ci(ci, n_boot)
    _, df = _table(df, "outlet_comparison", corpus_only=True)
    _require(df, ["actor", outlet, "framed_sentences", f"share_{frame}"], "outlet_comparison")
    df = df[(df["framed_sentences"] > 0) & df[outlet].notna()].copy()
    df[outlet] = df[outlet].astype(str)
    rng = np.random.default_rng(random_state)
    parties = _party_order(df, actors, top, "outlet_comparison")
    outlets = sorted(df[outlet].unique())
    m = max(len(outlets), 1)
    band = 0.76
    step = band / m
    # The figure is made outside rc_context: leaving the context would otherwise undo
    # the backend set-up of a first figure in Jupyter (later plots would not show).
    ax = _axes(ax, (8.0, 1.7 + len(parties) * max(0.5, 0.24 * m)
                    + 0.12 * max(0, _lines(parties) - len(parties))))
    with mpl.rc_context(_RC):
        for k, o in enumerate(outlets):
            color, marker, _ = _style(k)
            ys, xs, los, his, ns = [], [], [], [], []
            for i, actor in enumerate(parties):
                vals = df.loc[(df["actor"] == actor) & (df[outlet] == o),
                              f"share_{frame}"].to_numpy(float)
                vals = vals[~np.isnan(vals)]
                if not len(vals):
                    continue
                mean, lo, hi = _bootstrap(vals, ci, n_boot, rng)
                y = i - band / 2 + step * (k + 0.5)
                ys.append(y)
                xs.append(mean)
                los.append(lo)
                his.append(hi)
                ns.append(len(vals))
            xs_a, los_a, his_a = np.array(xs), np.array(los), np.array(his)
            has = ~np.isnan(los_a)
            if has.any():
                ax.errorbar(xs_a[has], np.array(ys)[has],
                            xerr=[xs_a[has] - los_a[has], his_a[has] - xs_a[has]],
                            fmt="none", ecolor=color, elinewidth=1.4, capsize=2.5)
            ax.plot(xs, ys, linestyle="none", marker=marker, markersize=6.5, color=color,
                    markeredgecolor="white", markeredgewidth=0.7, label=_wrap(o, 28, 1))
            for y, nv in zip(ys, ns, strict=True):
                _right_note(ax, y, str(nv), fontsize="x-small")
        if parties and outlets:
            _right_note(ax, -0.5, "n articles", header=True)
        for i in range(1, len(parties)):
            ax.axhline(i - 0.5, color="0.88", linewidth=0.8)
        ax.set_yticks(range(len(parties)),
                      labels=[_wrap(a, _label_width(ax)) for a in parties])
        ax.set_ylim(len(parties) - 0.5, -0.5)
        ax.set_xlim(-0.02, 1.02)
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ax.grid(axis="x", color="0.92", linewidth=0.8)
        ax.set_axisbelow(True)
        label = f"{frame} share (%), mean over articles"
        if ci is not None:
            label += f"\nbars: {ci:.0%} bootstrap CI over articles"
        ax.set_xlabel(label)
        ncols = min(len(outlets), 3)
        ax.set_title(f"{frame.capitalize()} framing by outlet",
                     pad=_legend_pad(math.ceil(len(outlets) / max(ncols, 1))))
        _despine(ax, left=True)
        ax.tick_params(axis="y", length=0)
        if parties and outlets:  # above the plot, right-aligned: the data keep the width
            ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=ncols,
                      borderaxespad=_LEGEND_GAP, handlelength=1.0, handletextpad=0.4,
                      columnspacing=1.0, fontsize="small")
        else:
            _empty(ax, "no party is framed in the articles")
    return ax


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


def _is_article(x: object) -> bool:
    from ..results import ArticleFraming

    return isinstance(x, ArticleFraming)


def _table(data: Any, func: str, corpus_only: bool = False) -> tuple[str, pd.DataFrame]:
    """``("article", parties table)`` or ``("corpus", table)`` without failed rows."""
    import pandas as pd

    if _is_article(data):
        if corpus_only:
            raise InputError(
                f"{func} needs the table of score_corpus (one row per article and party, with "
                "the article's columns); an ArticleFraming is a single article")
        return "article", data.to_frame("parties")
    if isinstance(data, Sequence) and not isinstance(data, str) and data \
            and all(_is_article(x) for x in data):
        frames = [r.to_frame("parties").assign(id=k) for k, r in enumerate(data)]
        return "corpus", pd.concat(frames, ignore_index=True)
    if not isinstance(data, pd.DataFrame):
        raise InputError(
            f"{func} expects an ArticleFraming or the DataFrame of score_corpus; got "
            f"{type(data).__name__}")
    df = data
    if "error" in df.columns:
        err = df["error"]
        failed = err.notna() & (err.astype(str).str.strip() != "")
        df = df[~failed]
    if "actor" in df.columns:
        df = df[df["actor"].notna()]
    text = [c for c in _NUMERIC if c in df.columns and not pd.api.types.is_numeric_dtype(df[c])]
    if text:  # CSV or JSON with nulls: numbers may arrive as text or objects
        df = df.assign(**{c: pd.to_numeric(df[c], errors="coerce") for c in text})
    return "corpus", df


def _require(df: pd.DataFrame, columns: Sequence[str], func: str) -> None:
    missing = [c for c in dict.fromkeys(columns) if c not in df.columns]
    if missing:
        raise InputError(
            f"{func}: the table has no column {', '.join(map(repr, missing))}; it needs "
            f"{list(dict.fromkeys(columns))} (the per-(article, party) table of score_corpus). "
            f"Columns present: {list(map(str, df.columns))[:30]}")


def _frame_totals(df: pd.DataFrame) -> pd.DataFrame:
    """Per party: pooled counts, shares, framed sentences, in the order of the plots."""
    import pandas as pd

    cols = [*_N_COLS, "framed_sentences"]
    if "sentences" in df.columns:
        cols.append("sentences")
    sums = df.groupby("actor", sort=False)[cols].sum(min_count=1).fillna(0)
    tab = pd.DataFrame(index=sums.index)
    for f in FRAMES:
        tab[f"n_{f}"] = sums[f"n_{f}"].astype(int)
    tab["total"] = tab[list(_N_COLS)].sum(axis=1)
    for f in FRAMES:
        tab[f"share_{f}"] = (tab[f"n_{f}"] / tab["total"].where(tab["total"] > 0)).fillna(0.0)
    tab["framed"] = sums["framed_sentences"].astype(int)
    if "sentences" in sums:
        tab["sentences"] = sums["sentences"]
    tab["_first"] = range(len(tab))
    tab = tab.sort_values(["framed", "total", f"share_{FRAMES[0]}", "_first"],
                          ascending=[False, False, False, True], kind="stable")
    return tab.drop(columns="_first")


def _select(tab: pd.DataFrame, actors: Sequence[str] | None, top: int | None,
            func: str) -> pd.DataFrame:
    if actors is not None:
        if isinstance(actors, str):
            actors = [actors]
        _unknown(actors, list(tab.index), func)
        tab = tab.loc[list(actors)]
    if top is not None:
        tab = tab.iloc[: max(int(top), 0)]
    return tab


def _unknown(actors: Sequence[str], present: Sequence[str], func: str) -> None:
    missing = [a for a in actors if a not in set(present)]
    if missing:
        raise InputError(f"{func}: no data for {missing}; parties in the data: "
                         f"{list(present)[:20]}{' ...' if len(present) > 20 else ''}")


def _party_order(df: pd.DataFrame, actors: Sequence[str] | None, top: int | None,
                 func: str) -> list[str]:
    """Parties by number of articles in which they are framed (most first)."""
    counts = df.groupby("actor", sort=False).size().sort_values(ascending=False, kind="stable")
    if actors is not None:
        if isinstance(actors, str):
            actors = [actors]
        _unknown(actors, list(counts.index), func)
        return list(actors)
    order = list(counts.index)
    return order if top is None else order[: max(int(top), 0)]


def _measure_of(which: str) -> str:
    return {"toward": PARTY_AWARE, "sentences": SENTENCE_VADER, "by": STATEMENT_VADER}[which]


def _sentiment_groups(data: Any, which: str
                      ) -> tuple[dict[str, list[float]], str, dict[str, str]]:
    """Values to average per party, their unit (sentences, statements or articles), and the
    measure of each party's values."""
    if _is_article(data):
        return _article_sentiment(data, which)
    _, df = _table(data, "sentiment_by_party")
    col = _SENTIMENT_COLUMNS[which]
    _require(df, ["actor", col], "sentiment_by_party")
    import pandas as pd

    values = pd.to_numeric(df[col], errors="coerce")
    keep = values.notna()
    groups = {str(a): v.tolist() for a, v in values[keep].groupby(df["actor"][keep], sort=False)}
    if which != "toward":
        return groups, "articles", dict.fromkeys(groups, _measure_of(which))
    if "sentiment_toward_measure" not in df.columns:
        return groups, "articles", dict.fromkeys(groups, UNRECORDED)
    kinds = df["sentiment_toward_measure"][keep].fillna("").astype(str) \
        .replace("", UNRECORDED)
    measures = {str(a): "+".join(sorted(set(k))) for a, k in
                kinds.groupby(df["actor"][keep], sort=False)}
    return groups, "articles", measures


def _article_sentiment(res: ArticleFraming, which: str
                       ) -> tuple[dict[str, list[float]], str, dict[str, str]]:
    """One article's values per party: per sentence (party-aware or VADER) or per statement."""
    if which == "by":
        by: dict[str, list[float]] = {}
        if (res.meta or {}).get("sentiment_toward") is not None:
            for st in res.statements:
                if st.actor is not None:
                    by.setdefault(st.actor, []).append(st.sentiment)
        return by, "statements", dict.fromkeys(by, STATEMENT_VADER)
    measure = (res.meta or {}).get("sentiment_toward")
    if measure is None:  # sentiment=False: the sentences carry no sentiment
        return {}, "sentences", {}
    if which == "toward" and measure == PARTY_AWARE:
        toward: dict[str, list[float]] = {}
        for t in sorted(res.targets, key=lambda t: t.sentence):
            toward.setdefault(t.actor, []).append(t.sentiment)
        return toward, "sentences", dict.fromkeys(toward, PARTY_AWARE)
    sentiment = {s.index: s.sentiment for s in res.sentences}
    sents: dict[str, set[int]] = {}
    for m in res.mentions:
        sents.setdefault(m.actor, set()).add(m.sentence)
    tone = {a: [sentiment[k] for k in sorted(ks) if k in sentiment] for a, ks in sents.items()}
    return tone, "sentences", dict.fromkeys(tone, SENTENCE_VADER)


def _periods(col: pd.Series, code: str, name: str) -> pd.Series:
    import pandas as pd

    ts = pd.to_datetime(col, errors="coerce", utc=True, format="mixed")
    if len(col) and ts.notna().sum() == 0:
        raise InputError(f"framing_over_time: column {name!r} has no date that pandas can "
                         f"read (first values: {col.head(3).tolist()})")
    return ts.dt.tz_convert(None).dt.to_period(code)


def _freq(freq: str) -> str:
    code = _FREQS.get(freq) or _FREQS.get(str(freq).lower())
    if code is None:
        raise ValueError(one_of("freq", freq, ["D", "W", "M"]))
    return code


# --------------------------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------------------------


def _check_ci(ci: float | None, n_boot: int) -> None:
    if ci is not None and not (0 < ci < 1):
        raise ValueError(f"ci must be between 0 and 1 (e.g. 0.95) or None; got {ci!r}")
    if int(n_boot) != n_boot or n_boot < 1:
        raise ValueError(f"n_boot must be a positive integer; got {n_boot!r}")


def _bootstrap(values: np.ndarray, ci: float | None, n_boot: int,
               rng: np.random.Generator) -> tuple[float, float, float]:
    """Mean and percentile bootstrap interval (NaN without ``ci`` or with fewer than 2 values).

    Examples
    --------
    >>> import numpy as np
    >>> m, lo, hi = _bootstrap(np.array([0.0, 1.0, 1.0, 0.0]), 0.95, 200,
    ...                        np.random.default_rng(0))
    >>> float(m), bool(0 <= lo <= m <= hi <= 1)
    (0.5, True)
    """
    import numpy as np

    n = len(values)
    mean = float(np.mean(values)) if n else math.nan
    if ci is None or n < 2:
        return mean, math.nan, math.nan
    boots = np.empty(int(n_boot))
    chunk = max(1, 5_000_000 // n)
    for a in range(0, int(n_boot), chunk):
        b = min(int(n_boot), a + chunk)
        idx = rng.integers(0, n, size=(b - a, n))
        boots[a:b] = values[idx].mean(axis=1)
    alpha = (1 - ci) / 2
    lo, hi = np.quantile(boots, [alpha, 1 - alpha])
    return mean, float(min(lo, mean)), float(max(hi, mean))


# --------------------------------------------------------------------------------------------
# Drawing helpers
# --------------------------------------------------------------------------------------------


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _wrap(label: object, width: int = _LABEL_WIDTH, lines: int = 2) -> str:
    """Wrap a long label on at most ``lines`` lines, with an ellipsis if it is cut.

    Examples
    --------
    >>> _wrap("Democratic People's Republic of Korea", 20)
    "Democratic People's\\nRepublic of Korea"
    >>> _wrap("International Committee of the Red Cross and Red Crescent", 20)
    'International\\nCommittee of the Re…'
    """
    parts = textwrap.wrap(str(label), width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "\n".join(parts)


def _label_width(ax: Axes) -> int:
    """Characters per line of a party name: fewer on a narrow Axes (paper columns, grids)."""
    inches = ax.get_position().width * ax.figure.get_figwidth()
    return _LABEL_WIDTH if inches >= 3.2 else 15


def _lines(labels: Sequence[object]) -> int:
    return sum(_wrap(a).count("\n") + 1 for a in labels)


def _height(n: int, labels: Sequence[object], per_row: float = 0.42,
            base: float = 1.7) -> float:
    extra = max(0, _lines(list(labels)) - n) * 0.14
    return max(2.4, base + per_row * n + extra)


def _style(k: int) -> tuple[str, str, str]:
    """Colour, marker and line style of the k-th party or outlet (distinct without colour)."""
    return (CATEGORY_COLORS[k % len(CATEGORY_COLORS)], _MARKERS[k % len(_MARKERS)],
            _LINESTYLES[(k // len(CATEGORY_COLORS)) % len(_LINESTYLES)])


def _right_note(ax: Axes, y: float, text: str, header: bool = False, color: str = "0.25",
                fontsize: str = "small") -> None:
    """Text in a column just right of the plotting area, at data ``y``."""
    ax.text(1.015, y, text, transform=ax.get_yaxis_transform(), ha="left",
            va="bottom" if header else "center", fontsize="x-small" if header else fontsize,
            color="0.35" if header else color, clip_on=False, linespacing=1.0)


def _frame_legend(ax: Axes) -> None:
    """The frames' legend above the plot, right-aligned, clear of the title and the n column."""
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=len(FRAMES),
              borderaxespad=_LEGEND_GAP, handlelength=1.0, handletextpad=0.4,
              columnspacing=1.0, fontsize="small")


def _legend_pad(rows: int) -> float:
    """Title padding (points) that leaves room for a legend of ``rows`` rows under it."""
    return 8 + 10 * _LEGEND_GAP + 15 * rows


def _despine(ax: Axes, left: bool = False) -> None:
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    if left:
        ax.spines["left"].set_visible(False)


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            color="0.4", style="italic")


def _ink(rgb: Sequence[float]) -> str:
    """Black or white, whichever reads better on ``rgb``."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"


def _isnan(x: object) -> bool:
    try:
        return math.isnan(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True
