"""Plots (framing.show.plot) and the ``framing plot`` command (framing.cli.plot)."""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import SEED_TEXT
from matplotlib.colors import to_hex, to_rgb

import framing
from framing.cli.plot import add_plot_parser, read_batch, write_figures
from framing.errors import InputError
from framing.labels import FRAMES, MEASURE_LABELS, PARTY_AWARE, SENTENCE_VADER
from framing.show import plot
from framing.show.palette import FRAME_COLORS

ARTICLE = """Moscow rejects truce as Kyiv offers talks
Moscow rejected the truce proposed by Washington. Kyiv offered new talks, but Russian officials \
dismissed the offer as a trick.
Washington urged both sides to return to talks. The Kremlin doubted that the plan would work.
Ukrainian officials said they were skeptical of Russia's intentions. "We will never surrender," \
Zelensky said.
NATO welcomed the talks and said it was ready to help. Peskov said Moscow would not compromise.
"""

LONG = "International Committee of the Red Cross and Red Crescent Societies"
PARTIES = {  # frame probabilities per party
    "Russia": (0.7, 0.2, 0.1),
    "Ukraine": (0.3, 0.4, 0.3),
    "United States": (0.15, 0.25, 0.6),
    "European Union": (0.2, 0.3, 0.5),
    LONG: (0.05, 0.15, 0.8),
}
OUTLETS = ("Daily Planet", "The Bugle", "Wire Service")


def make_corpus(n_articles: int = 45, seed: int = 3) -> pd.DataFrame:
    """A synthetic score_corpus table: one row per (article, party), plus one failed article."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2025-01-06", "2025-03-30", freq="D")
    rows = []
    for i in range(n_articles):
        outlet = OUTLETS[i % len(OUTLETS)]
        date = days[rng.integers(len(days))]
        for actor, p in PARTIES.items():
            if actor not in ("Russia", "Ukraine") and rng.random() < 0.3:
                continue
            p = np.array((0.95, 0.04, 0.01) if (outlet, actor) == ("The Bugle", "Russia") else p)
            framed = int(rng.integers(0, 5))
            counts = rng.multinomial(framed, p / p.sum())
            total = int(counts.sum())
            sentences = framed + int(rng.integers(1, 4))
            row = {"id": f"a{i:03d}", "outlet": outlet, "date": date.strftime("%Y-%m-%d"),
                   "actor": actor, "mentions": sentences + 1, "sentences": sentences,
                   "framed_sentences": framed}
            row.update({f"n_{f}": int(c) for f, c in zip(FRAMES, counts, strict=True)})
            row.update({f"share_{f}": (c / total if total else 0.0)
                        for f, c in zip(FRAMES, counts, strict=True)})
            row.update(
                dominant="|".join(framing.dominant_frames(dict(zip(FRAMES, counts.tolist(),
                                                                   strict=True)))),
                sentiment_toward=float(np.clip(rng.normal(-0.3 if actor == "Russia" else 0.1,
                                                          0.3), -1, 1)),
                sentiment_toward_n=sentences, sentiment_toward_measure=PARTY_AWARE,
                sentence_tone=float(np.clip(rng.normal(0.0, 0.3), -1, 1)),
                sentence_tone_n=sentences,
                sentiment_by=float(rng.uniform(-0.5, 0.5)) if rng.random() < 0.5 else None,
                sentiment_by_n=1, voice=1, in_title=bool(rng.random() < 0.3), first_mention=0,
                first_mention_position=0.1, error=None)
            rows.append(row)
    rows.append({"id": "broken", "outlet": "Wire Service", "date": "2025-02-01", "actor": None,
                 "error": "InputError: looks like a binary file"})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def article():
    return framing.score_article(ARTICLE)


@pytest.fixture(scope="module")
def seed():
    return framing.score_article(SEED_TEXT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus():
    return make_corpus()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def labels(ax, axis="y"):
    ticks = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in ticks]


def assert_decorated(ax):
    assert ax.get_title(loc="left") or ax.get_title()
    assert ax.get_xlabel()


def assert_no_overlap(texts, renderer):
    boxes = [t.get_window_extent(renderer) for t in texts if t.get_text()]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)


# --------------------------------------------------------------------------------------------
# The palette
# --------------------------------------------------------------------------------------------


def test_frame_colors_defined_once_for_every_frame():
    assert plot.FRAME_COLORS is FRAME_COLORS
    assert tuple(FRAME_COLORS) == FRAMES
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert set(FRAME_COLORS.values()) <= okabe_ito


def test_frame_colors_separate_in_greyscale():
    def lightness(c):
        lin = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in to_rgb(c)]
        y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
        return 116 * y ** (1 / 3) - 16  # CIELAB L*

    values = sorted(lightness(c) for c in FRAME_COLORS.values())
    assert min(b - a for a, b in itertools.pairwise(values)) > 7


# --------------------------------------------------------------------------------------------
# frame_profile
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["article", "corpus"])
def test_frame_profile_draws_on_the_given_axes(source, request):
    data = request.getfixturevalue(source)
    _, ax = plt.subplots()
    out = plot.frame_profile(data, ax=ax)
    assert out is ax
    assert_decorated(ax)
    assert "share" in ax.get_xlabel()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(FRAMES)
    colors = {to_hex(p.get_facecolor()).upper() for p in ax.patches}
    assert colors == {c.upper() for c in FRAME_COLORS.values()}
    assert len(ax.patches) == len(FRAMES) * len(labels(ax))
    assert any(t.get_text().isdigit() for t in ax.texts)  # counts annotated


def test_frame_profile_article_counts_and_order(article):
    ax = plot.frame_profile(article)
    names = [t.replace("\n", " ") for t in labels(ax)]
    assert set(names) == set(article.parties)
    framed = [article.parties[n].framed_sentences for n in names]
    assert framed == sorted(framed, reverse=True)
    # Russia's bar: widths are its frame shares
    russia = names.index("Russia")
    widths = [p.get_width() for p in ax.patches[russia::len(names)]]
    assert widths == pytest.approx([article.parties["Russia"].frame_shares[f] for f in FRAMES])


def test_frame_profile_corpus_pools_counts_and_drops_failed_rows(corpus):
    ax = plot.frame_profile(corpus)
    names = [t.replace("\n", " ") for t in labels(ax)]
    assert len(names) == len(PARTIES)
    ok = corpus[corpus["actor"].notna()]
    sums = ok[ok["actor"] == "Russia"][[f"n_{f}" for f in FRAMES]].sum()
    k = names.index("Russia")
    widths = [p.get_width() for p in ax.patches[k::len(names)]]
    assert widths == pytest.approx((sums / sums.sum()).tolist())


def test_frame_profile_actors_and_top(corpus):
    ax = plot.frame_profile(corpus, actors=["Ukraine", "Russia"])
    assert labels(ax) == ["Ukraine", "Russia"]
    ax = plot.frame_profile(corpus, top=2)
    assert len(labels(ax)) == 2
    with pytest.raises(InputError, match="Atlantis"):
        plot.frame_profile(corpus, actors=["Atlantis"])


def test_frame_profile_new_figure_and_long_names_wrap(corpus):
    ax = plot.frame_profile(corpus)
    assert isinstance(ax, mpl.axes.Axes)
    long = next(t for t in labels(ax) if t.startswith("International"))
    assert "\n" in long and all(len(line) <= 22 for line in long.split("\n"))
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert_no_overlap(ax.get_yticklabels(), renderer)
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.y0 >= ax.get_window_extent(renderer).y1 - 1  # legend above the bars
    assert not legend.overlaps(ax.title.get_window_extent(renderer))


# --------------------------------------------------------------------------------------------
# sentiment_by_party
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["article", "corpus"])
@pytest.mark.parametrize(("which", "measure"), [
    ("toward", MEASURE_LABELS[PARTY_AWARE]),
    ("sentences", MEASURE_LABELS[SENTENCE_VADER]),
    ("by", "VADER (mean compound of the party's statements)"),
])
def test_sentiment_by_party_draws_on_the_given_axes(source, which, measure, request):
    data = request.getfixturevalue(source)
    _, ax = plt.subplots()
    out = plot.sentiment_by_party(data, which=which, ax=ax)
    assert out is ax
    assert_decorated(ax)
    assert ax.get_xlabel().splitlines()[0] == f"{measure}, −1…1"
    assert ax.patches
    unit = ("statements" if which == "by" else "sentences") if source == "article" \
        else "articles"
    assert any(t.get_text() == f"n {unit}" for t in ax.texts)
    assert f"bootstrap CI over {unit}" in ax.get_xlabel()


def test_sentiment_by_party_shows_party_aware_sentiment_by_default(article):
    ax = plot.sentiment_by_party(article)
    assert "party-aware" in ax.get_title(loc="left")
    assert ax.get_xlabel().startswith(MEASURE_LABELS[PARTY_AWARE])
    names = [t.replace("\n", " ") for t in labels(ax)]
    means = [p.get_width() for p in ax.patches]
    assert {article.parties[n].sentiment_toward_measure for n in names} == {PARTY_AWARE}
    for name, mean in zip(names, means, strict=True):
        assert mean == pytest.approx(article.parties[name].sentiment_toward)
        values = [t.sentiment for t in article.targets if t.actor == name]
        assert mean == pytest.approx(np.mean(values))
    assert means == sorted(means, reverse=True)
    ns = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert ns == [str(article.parties[n].sentiment_toward_n) for n in names]


def test_sentiment_by_party_sentence_vader_is_the_sentences_tone(article):
    ax = plot.sentiment_by_party(article, which="sentences")
    assert "sentence VADER" in ax.get_title(loc="left")
    names = [t.replace("\n", " ") for t in labels(ax)]
    means = [p.get_width() for p in ax.patches]
    for name, mean in zip(names, means, strict=True):
        assert mean == pytest.approx(article.parties[name].sentence_tone)
    # a result scored without the model names its measure too
    vader = framing.score_article(ARTICLE, sentiment="sentence-vader")
    ax = plot.sentiment_by_party(vader)
    assert ax.get_xlabel().startswith(MEASURE_LABELS[SENTENCE_VADER])
    assert "not party-aware" in ax.get_title(loc="left")
    assert sorted(p.get_width() for p in ax.patches) == pytest.approx(
        sorted(p.sentence_tone for p in vader.parties.values()))


def test_sentiment_by_party_names_unrecorded_and_mixed_measures(corpus):
    old = corpus.drop(columns=["sentiment_toward_measure"])
    assert "measure not recorded" in plot.sentiment_by_party(old).get_xlabel()
    mixed = corpus.copy()
    mixed.loc[mixed.index[::2], "sentiment_toward_measure"] = SENTENCE_VADER
    label = plot.sentiment_by_party(mixed).get_xlabel()
    assert label.startswith("mixed measures (party-aware + sentence-vader)")
    tab = plot.sentiment_summary(mixed)
    assert set(tab["measure"]) <= {"party-aware+sentence-vader", PARTY_AWARE, SENTENCE_VADER}


def test_sentiment_summary_is_what_the_plot_draws(corpus):
    tab = plot.sentiment_summary(corpus)
    assert tab.columns.tolist() == ["actor", "measure", "mean", "ci_low", "ci_high", "n", "unit"]
    ax = plot.sentiment_by_party(corpus)
    assert [t.replace("\n", " ") for t in labels(ax)] == \
        [plot._wrap(a).replace("\n", " ") for a in tab["actor"]]
    assert [p.get_width() for p in ax.patches] == pytest.approx(tab["mean"].tolist())
    ok = corpus[corpus["error"].isna()]
    for row in tab.itertuples():
        values = ok.loc[ok["actor"] == row.actor, "sentiment_toward"]
        assert row.mean == pytest.approx(values.mean()) and row.n == len(values)
        assert row.ci_low <= row.mean <= row.ci_high
        assert row.measure == PARTY_AWARE and row.unit == "articles"
    assert tab.equals(plot.sentiment_summary(corpus))  # seeded: the same intervals


def test_sentiment_summary_by_outlet(corpus):
    tab = plot.sentiment_summary(corpus, by="outlet", actors=["Russia", "Ukraine"])
    assert tab.columns[0] == "outlet" and set(tab["actor"]) == {"Russia", "Ukraine"}
    ok = corpus[corpus["error"].isna()]
    for row in tab.itertuples():
        values = ok.loc[(ok["actor"] == row.actor) & (ok["outlet"] == row.outlet),
                        "sentiment_toward"]
        assert row.mean == pytest.approx(values.mean()) and row.n == len(values)
    with pytest.raises(InputError, match="'publisher'"):
        plot.sentiment_summary(corpus, by="publisher")
    with pytest.raises(InputError, match="score_corpus"):
        plot.sentiment_summary(framing.score_article(ARTICLE), by="outlet")


def test_sentiment_summary_of_an_article_is_over_its_sentences(article):
    tab = plot.sentiment_summary(article).set_index("actor")
    for name, p in article.parties.items():
        values = [t.sentiment for t in article.targets if t.actor == name]
        assert tab.loc[name, "mean"] == pytest.approx(p.sentiment_toward)
        assert tab.loc[name, "n"] == len(values) == p.sentiment_toward_n
        if len(values) > 1:
            lo, hi = tab.loc[name, "ci_low"], tab.loc[name, "ci_high"]
            assert min(values) - 1e-12 <= lo <= hi <= max(values) + 1e-12
    off = framing.score_article(ARTICLE, sentiment=False)
    assert plot.sentiment_summary(off).empty


def test_sentiment_by_party_bootstrap_is_seeded(corpus):
    def segments(seed):
        _, ax = plt.subplots()
        plot.sentiment_by_party(corpus, random_state=seed, ax=ax)
        return np.concatenate([np.asarray(s) for c in ax.collections
                               for s in c.get_segments()])

    assert np.array_equal(segments(7), segments(7))
    assert not np.array_equal(segments(7), segments(8))


def test_sentiment_by_party_ci_none_and_bad_options(corpus):
    ax = plot.sentiment_by_party(corpus, ci=None)
    assert not ax.collections
    with pytest.raises(ValueError, match="which"):
        plot.sentiment_by_party(corpus, which="about")
    with pytest.raises(ValueError, match="ci"):
        plot.sentiment_by_party(corpus, ci=95)


def test_bootstrap_interval_covers_the_mean():
    rng = np.random.default_rng(0)
    values = rng.normal(0.2, 0.1, 200)
    mean, lo, hi = plot._bootstrap(values, 0.95, 500, np.random.default_rng(1))
    assert lo < mean < hi and hi - lo < 0.06
    assert np.isnan(plot._bootstrap(np.array([0.5]), 0.95, 100, rng)[1])


# --------------------------------------------------------------------------------------------
# party_frame_heatmap
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["article", "corpus"])
@pytest.mark.parametrize("value", ["share", "count"])
def test_heatmap_draws_on_the_given_axes(source, value, request):
    data = request.getfixturevalue(source)
    _, ax = plt.subplots()
    out = plot.party_frame_heatmap(data, value=value, ax=ax)
    assert out is ax
    assert_decorated(ax)
    assert labels(ax, "x") == list(FRAMES)
    assert len(ax.images) == 1
    n = len(labels(ax))
    assert len(ax.texts) == n * len(FRAMES)
    if value == "count":
        assert all(t.get_text().isdigit() or t.get_text() in ("", "not framed")
                   for t in ax.texts)
    else:
        assert any("%" in t.get_text() for t in ax.texts)


def test_heatmap_column_is_shaded_in_its_frame_colour(article):
    ax = plot.party_frame_heatmap(article, actors=["United States"])
    rgb = ax.images[0].get_array()[0]
    conc = FRAMES.index("conciliatory")  # the US is only conciliatory here
    assert to_hex(rgb[conc]).upper() == FRAME_COLORS["conciliatory"].upper()
    with pytest.raises(ValueError, match="value"):
        plot.party_frame_heatmap(article, value="percent")


# --------------------------------------------------------------------------------------------
# framing_over_time and outlet_comparison
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("freq", ["D", "W", "M"])
def test_framing_over_time_draws_on_the_given_axes(corpus, freq):
    _, ax = plt.subplots()
    out = plot.framing_over_time(corpus, freq=freq, ax=ax)
    assert out is ax
    assert_decorated(ax)
    assert ax.get_ylabel().startswith("hard-line share")
    lines = ax.get_lines()
    assert len(lines) == 5
    assert len(ax.collections) == 5  # one bootstrap band per party
    legend = [t.get_text().replace("\n", " ") for t in ax.get_legend().get_texts()]
    assert set(legend) >= {"Russia", "Ukraine"}


def test_framing_over_time_values_are_mean_article_shares(corpus):
    ax = plot.framing_over_time(corpus, freq="M", actors=["Russia"], frame="skeptical",
                                ci=None)
    rows = corpus[(corpus["actor"] == "Russia") & (corpus["framed_sentences"] > 0)]
    months = pd.to_datetime(rows["date"]).dt.to_period("M")
    expected = rows.groupby(months)["share_skeptical"].mean().to_numpy()
    assert ax.get_lines()[0].get_ydata() == pytest.approx(expected)
    assert not ax.collections


def test_framing_over_time_needs_a_corpus_and_valid_options(article, corpus):
    with pytest.raises(InputError, match="score_corpus"):
        plot.framing_over_time(article)
    with pytest.raises(ValueError, match="freq"):
        plot.framing_over_time(corpus, freq="fortnight")
    with pytest.raises(ValueError, match="frame"):
        plot.framing_over_time(corpus, frame="angry")
    with pytest.raises(InputError, match="no date"):
        plot.framing_over_time(corpus.assign(date="someday"))


def test_framing_over_time_seeded(corpus):
    def bands(seed):
        _, ax = plt.subplots()
        plot.framing_over_time(corpus, freq="M", random_state=seed, ax=ax)
        return [np.asarray(c.get_paths()[0].vertices) for c in ax.collections]

    a, b = bands(1), bands(1)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def test_outlet_comparison_draws_on_the_given_axes(corpus):
    _, ax = plt.subplots()
    out = plot.outlet_comparison(corpus, ax=ax)
    assert out is ax
    assert_decorated(ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == sorted(OUTLETS)
    assert len(ax.get_lines()) >= len(OUTLETS)
    assert ax.collections  # error bars
    assert any(t.get_text() == "n articles" for t in ax.texts)
    assert set(labels(ax)) >= {"Russia", "Ukraine"}


def test_outlet_comparison_shows_the_outlet_difference(corpus):
    ax = plot.outlet_comparison(corpus, actors=["Russia"], ci=None)
    points = {t.get_text(): line.get_xdata()[0]
              for t, line in zip(ax.get_legend().get_texts(), ax.get_lines(), strict=True)}
    assert points["The Bugle"] > points["Daily Planet"]
    with pytest.raises(InputError, match="score_corpus"):
        plot.outlet_comparison(framing.score_article(ARTICLE))


# --------------------------------------------------------------------------------------------
# Errors, style, imports
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("func", "column", "kwargs"), [
    (plot.frame_profile, "n_skeptical", {}),
    (plot.party_frame_heatmap, "framed_sentences", {}),
    (plot.sentiment_by_party, "sentiment_toward", {}),
    (plot.sentiment_by_party, "sentiment_by", {"which": "by"}),
    (plot.framing_over_time, "date", {}),
    (plot.framing_over_time, "share_conciliatory", {"frame": "conciliatory"}),
    (plot.outlet_comparison, "outlet", {}),
    (plot.outlet_comparison, "share_hard-line", {}),
])
def test_missing_columns_are_named(corpus, func, column, kwargs):
    with pytest.raises(InputError, match=f"'{column}'"):
        func(corpus.drop(columns=[column]), **kwargs)


def test_wrong_data_type_is_a_clear_error():
    with pytest.raises(InputError, match="ArticleFraming or the DataFrame"):
        plot.frame_profile({"Russia": 1})


def test_plots_leave_rcparams_alone(article, corpus):
    before = dict(mpl.rcParams)
    plot.frame_profile(article)
    plot.sentiment_by_party(corpus)
    plot.party_frame_heatmap(corpus)
    plot.framing_over_time(corpus)
    plot.outlet_comparison(corpus)
    assert dict(mpl.rcParams) == before


def test_sequence_of_results_is_a_corpus(article):
    two = [article, article]
    ax = plot.frame_profile(two)
    k = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert str(2 * article.parties["Russia"].framed_sentences) in k
    ax = plot.sentiment_by_party(two)
    assert any(t.get_text() == "n articles" for t in ax.texts)


def test_empty_inputs_draw_a_message():
    res = framing.score_article("The weather was fine.")
    for func in (plot.frame_profile, plot.sentiment_by_party, plot.party_frame_heatmap):
        ax = func(res)
        assert any(t.get_text().startswith("no ") for t in ax.texts)


def test_import_plot_does_not_import_matplotlib():
    code = ("import sys, framing.show.plot, framing.show.html; "
            "print('matplotlib' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False False"


# --------------------------------------------------------------------------------------------
# Every figure as PNG, for the seed article and a synthetic corpus
# --------------------------------------------------------------------------------------------


def not_blank(path) -> bool:
    img = mpimg.imread(path)[..., :3]
    ink = (img.min(axis=2) < 0.9).mean()  # share of pixels that are not (near) white
    return img.std() > 0.02 and ink > 0.01


def test_every_plot_writes_a_png(seed, corpus, tmp_path):
    figures = {
        "seed_frame_profile": lambda: plot.frame_profile(seed),
        "seed_sentiment_toward": lambda: plot.sentiment_by_party(seed),
        "seed_sentiment_by": lambda: plot.sentiment_by_party(seed, which="by"),
        "seed_heatmap": lambda: plot.party_frame_heatmap(seed),
        "corpus_frame_profile": lambda: plot.frame_profile(corpus),
        "corpus_sentiment_toward": lambda: plot.sentiment_by_party(corpus),
        "corpus_sentiment_by": lambda: plot.sentiment_by_party(corpus, which="by"),
        "corpus_heatmap": lambda: plot.party_frame_heatmap(corpus),
        "corpus_over_time": lambda: plot.framing_over_time(corpus, freq="W"),
        "corpus_outlets": lambda: plot.outlet_comparison(corpus),
    }
    for name, draw in figures.items():
        ax = draw()
        path = tmp_path / f"{name}.png"
        ax.figure.savefig(path, dpi=100)
        plt.close(ax.figure)
        assert path.stat().st_size > 5000, name
        assert not_blank(path), name


def test_composes_into_a_figure_with_several_axes(seed):
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(18, 5), layout="constrained")
    assert plot.frame_profile(seed, ax=a) is a
    assert plot.sentiment_by_party(seed, ax=b) is b
    assert plot.party_frame_heatmap(seed, ax=c) is c
    assert len(fig.axes) == 3  # nothing added (no colorbar axes, no new figure)


# --------------------------------------------------------------------------------------------
# framing plot
# --------------------------------------------------------------------------------------------


def plot_parser():
    parser = argparse.ArgumentParser(prog="framing")
    add_plot_parser(parser.add_subparsers(dest="command", required=True))
    return parser


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_plot_command_writes_the_figures(corpus, tmp_path, fmt, capsys):
    src = tmp_path / f"scores.{fmt}"
    if fmt == "jsonl":
        corpus.to_json(src, orient="records", lines=True)
    elif fmt == "csv":
        corpus.to_csv(src, index=False)
    else:
        pytest.importorskip("pyarrow")
        corpus.to_parquet(src)
    args = plot_parser().parse_args(["plot", str(src), "-o", str(tmp_path / "out")])
    assert args.func(args) == 0
    names = {"frame_profile", "sentiment_toward", "sentiment_by", "frame_heatmap",
             "framing_over_time", "outlet_comparison"}
    written = set(capsys.readouterr().out.split())
    assert written == {str(tmp_path / "out" / f"{n}.{e}") for n in names for e in ("png", "svg")}
    assert not_blank(tmp_path / "out" / "outlet_comparison.png")


def test_plot_command_without_date_or_outlet_skips_those(corpus, tmp_path):
    paths = write_figures(corpus.drop(columns=["date", "outlet"]), tmp_path, formats=["png"])
    assert {p.stem for p in paths} == {"frame_profile", "sentiment_toward", "sentiment_by",
                                       "frame_heatmap"}


def test_plot_command_names_the_sentiment_measure(corpus, tmp_path):
    def label(df, name):
        with plt.rc_context({"svg.fonttype": "none"}):  # text stays text in the SVG
            write_figures(df, tmp_path / name, formats=["svg"])
        return (tmp_path / name / "sentiment_toward.svg").read_text(encoding="utf-8")

    assert "party-aware sentiment" in label(corpus, "default")
    vader = corpus.assign(sentiment_toward_measure=SENTENCE_VADER)
    svg = label(vader, "vader")
    assert "sentence VADER" in svg and "party-aware sentiment" not in svg


def test_plot_command_errors(corpus, tmp_path):
    bad = tmp_path / "bad.csv"
    corpus.drop(columns=["n_skeptical", "sentiment_toward"]).to_csv(bad, index=False)
    args = plot_parser().parse_args(["plot", str(bad), "-o", str(tmp_path / "o")])
    with pytest.raises(InputError, match=r"missing column.*n_skeptical, sentiment_toward"):
        args.func(args)
    with pytest.raises(InputError, match="file not found"):
        read_batch(tmp_path / "nope.jsonl")
    (tmp_path / "x.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="unknown output format"):
        read_batch(tmp_path / "x.txt")
    (tmp_path / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read"):
        read_batch(tmp_path / "broken.jsonl")
    with pytest.raises(SystemExit):
        plot_parser().parse_args(["plot", "a.csv", "-o", "o", "--formats", "gif"])


def test_plot_command_through_framing_main(corpus, tmp_path, capsys):
    from framing.cli.main import build_parser, main

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert "plot" in sub.choices
    bad = tmp_path / "bad.csv"
    corpus.drop(columns=["share_hard-line"]).to_csv(bad, index=False)
    assert main(["plot", str(bad), "-o", str(tmp_path / "o")]) == 2
    assert "share_hard-line" in capsys.readouterr().err
