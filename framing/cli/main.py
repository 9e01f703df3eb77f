"""Command-line interface: ``framing score``, ``framing evaluate`` and friends.

Every user error ends in one line on stderr that names the file and what is wrong, and exit
status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..batch.io import decode_text
from ..errors import FramingError, InputError
from .options import add_scoring_options, add_sentiment_option, sentiment_value

FORMATS = ("table", "json", "jsonl", "csv", "html")
JSONL_FIELDS = ("actor", "frame", "weight", "cue", "cue_start", "cue_end", "sentence",
                "sentence_start", "sentence_end", "method", "rule", "holder", "negated",
                "pattern")


def read_input(path: str, encoding: str = "utf-8") -> str:
    """Read an article from a path or ``-`` (stdin) with clear errors for bad input.

    Raises
    ------
    InputError
        For a missing file, a directory, binary data or text that is not in ``encoding``.
    """
    name = "<stdin>" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory; give a text file (or use 'framing batch')") \
            from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    return decode_text(data, name, encoding)


def english_warning(text: str) -> str | None:
    """A warning when the text does not look like English (the lexicons are English)."""
    words = [w.lower() for w in text.split()[:3000]]
    if len(words) < 20:
        return None
    common = {"the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "with", "said",
              "as", "was", "by", "has", "it", "its", "have", "be", "are", "at", "from"}
    share = sum(w in common for w in words) / len(words)
    if share < 0.08:
        return ("warning: the text does not look like English; framing's lexicons and actor "
                "dictionary are English, so few or no framings will be found")
    return None


def _table(res) -> str:
    out = io.StringIO()
    parties = list(res.parties.values())
    out.write(f"{'party':24s} {'ment':>4s} {'hard':>4s} {'skep':>4s} {'conc':>4s}  "
              f"{'dominant':24s} {'toward (n)':>12s} {'tone (n)':>12s} {'voice':>5s} "
              f"{'title':>5s} {'first':>5s}\n")
    for p in parties:
        c = p.frame_counts
        out.write(f"{p.actor[:24]:24s} {p.mentions:4d} {c['hard-line']:4d} {c['skeptical']:4d} "
                  f"{c['conciliatory']:4d}  {'|'.join(p.dominant)[:24]:24s} "
                  f"{_mean_n(p.sentiment_toward, p.sentiment_toward_n):>12s} "
                  f"{_mean_n(p.sentence_tone, p.sentence_tone_n):>12s} {p.voice:5d} "
                  f"{'yes' if p.in_title else 'no':>5s} {p.first_mention:5d}\n")
    if not parties:
        out.write("(no parties found)\n")
    out.write(_sentiment_key(res.meta.get("sentiment_toward")))
    out.write("\nEvidence\n")
    by_sentence: dict[int, list] = {}
    for f in res.framings:
        by_sentence.setdefault(f.sentence, []).append(f)
    if not by_sentence:
        out.write("(no framings found)\n")
    for k in sorted(by_sentence):
        s = res.sentences[k]
        out.write(f"[{k}] {s.text}\n")
        for f in by_sentence[k]:
            neg = ", negated" if f.negated else ""
            out.write(f"     {f.actor}: {f.frame} ({f.weight:.2f}) cue {f.cue!r} "
                      f"holder {f.holder!r} by {f.rule}{neg}\n")
    return out.getvalue()


def _mean_n(value: float | None, n: int) -> str:
    return "" if value is None else f"{value:+.2f} ({n})"


def _sentiment_key(measure: str | None) -> str:
    """What the sentiment columns of the table hold."""
    from ..labels import MEASURE_LABELS, SENTENCE_VADER

    if not measure:
        return "toward, tone: sentiment not computed\n"
    note = "; not party-aware: the model was not used" if measure == SENTENCE_VADER else ""
    return (f"toward: {MEASURE_LABELS.get(measure, measure)}, mean over the party's n "
            f"sentences, -1..1{note}\n"
            f"tone:   {MEASURE_LABELS[SENTENCE_VADER]}, the same for every party of a "
            f"sentence\n")


def _write_score(res, fmt: str, stream) -> None:
    if fmt == "table":
        stream.write(_table(res))
    elif fmt == "json":
        json.dump(res.to_dict(), stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    elif fmt == "jsonl":
        for f in res.to_dict()["framings"]:
            stream.write(json.dumps({k: f[k] for k in JSONL_FIELDS}, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(stream, fieldnames=JSONL_FIELDS, lineterminator="\n")
        w.writeheader()
        for f in res.to_dict()["framings"]:
            w.writerow({k: f[k] for k in JSONL_FIELDS})
    elif fmt == "html":
        from ..show.html import render_article

        stream.write(render_article(res, standalone=True))


def cmd_score(args: argparse.Namespace) -> int:
    from ..api import score_article

    text = read_input(args.path, args.encoding)
    warning = english_warning(text)
    if warning:
        print(warning, file=sys.stderr)
    if not text.strip():
        print(f"{args.path}: empty input: no sentences to score", file=sys.stderr)
    extra = {"model": args.model} if args.model else {}
    res = score_article(text, actors=args.actors, lexicon=args.lexicon or None,
                        actors_mode=args.actors_mode, method=args.method,
                        sentiment=sentiment_value(args), **extra)
    _write_score(res, args.format, sys.stdout)
    return 0


def _dump_json(obj: object, stream) -> None:
    json.dump(obj, stream, indent=1, ensure_ascii=False, allow_nan=False)
    stream.write("\n")


def _specs(specs: Sequence[str]) -> list[tuple[str, tuple | None]]:
    """Each argument with its parsed ``realnews:SPLIT`` spec, or ``None`` for a path (an
    existing file always wins over a spec of the same name)."""
    from ..measure.realnews import parse_spec

    return [(s, None if Path(s).exists() else parse_spec(s)) for s in specs]


def _golds(specs: Sequence[str], shared: str | None) -> list:
    """Gold files, and ``realnews:SPLIT`` specs loaded from the project's real-news coding."""
    from ..measure.realnews import load_realnews

    out: list = []
    for spec, parsed in _specs(specs):
        out.extend(load_realnews(*parsed, shared=shared) if parsed else [spec])
    return out


def _training(specs: Sequence[str], actors: str | None, group: str | None, shared: str | None):
    """Training files and folders, and ``realnews:SPLIT`` specs, as one TrainingSet."""
    from ..learn.models import concat, load_training
    from ..measure.realnews import realnews_training

    parsed = _specs(specs)
    files = [s for s, p in parsed if p is None]
    sets = [load_training(files, actors=actors, group=group)] if files else []
    sets += [realnews_training(p[1], corpus=p[0], shared=shared) for _, p in parsed if p]
    return concat(sets)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from ..learn.models import FramingModel, coerce_model, default_model
    from ..measure.validation import compare_methods

    model: Any = args.model
    if model is not None or args.threshold is not None:
        # a file that cannot load fails here, once, before scoring
        loaded = coerce_model(model) if model is not None else default_model()
        if args.threshold is not None:
            loaded = FramingModel(loaded.frames, loaded.sentiment,
                                  {**loaded.meta, "threshold": args.threshold})
        model = loaded
    cmp = compare_methods(_golds(args.gold, args.shared), methods=args.method, model=model,
                          lexicon=args.lexicon or None, use_gold_actors=not args.no_actors,
                          n_bins=args.bins)
    single = cmp.evaluations[args.method[0]] if len(args.method) == 1 else None
    if args.format == "json":
        _dump_json(single.to_dict() if single else cmp.to_dict(), sys.stdout)
    else:
        sys.stdout.write((single.to_table() if single else cmp.to_table()) + "\n")
    _report_errors(cmp.errors)
    return 1 if cmp.errors else 0


def _report_errors(errors: list[dict[str, Any]]) -> None:
    """Each distinct error once, with the articles it hit: a model that cannot load fails every
    article with the same message, which is one line, not hundreds."""
    hits: dict[tuple[str, str], list[str]] = {}
    for e in errors:
        hits.setdefault((e["method"], e["error"]), []).append(str(e["id"]))
    for (method, error), ids in hits.items():
        if len(ids) == 1:
            print(f"{ids[0]}: ERROR ({method}) {error}", file=sys.stderr)
        else:
            first = ", ".join(ids[:3]) + (", ..." if len(ids) > 3 else "")
            print(f"{len(ids)} articles ({first}): ERROR ({method}) {error}", file=sys.stderr)


def cmd_cross_validate(args: argparse.Namespace) -> int:
    import time

    from ..measure.validation import cross_validate

    start = time.perf_counter()
    cv = cross_validate(_training(args.data, args.actors, args.group, args.shared),
                        folds=args.folds,
                        threshold=args.threshold, veto=args.veto,
                        sentiment=not args.no_sentiment, lexicon=args.lexicon or None,
                        actors=args.actors, n_bins=args.bins, random_state=args.seed,
                        n_jobs=args.jobs, sentiment_embeddings=args.sentiment_embeddings,
                        frames_recurrent=args.frames_recurrent)
    if args.predictions:
        try:
            cv.to_frame("predictions").to_csv(args.predictions, index=False)
        except OSError as e:
            raise InputError(f"{args.predictions}: cannot write ({e.strerror})") from None
    if args.format == "json":
        _dump_json(cv.to_dict(), sys.stdout)
    else:
        sys.stdout.write(cv.to_table() + "\n")
    print(f"cross-validated {len(cv.data)} items in {len(cv.folds)} folds in "
          f"{time.perf_counter() - start:.0f} s", file=sys.stderr)
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    import time

    from ..learn.models import load_model, load_newsmtsc, train_model

    start = time.perf_counter()
    if args.sentiment_from:
        given = [flag for flag, on in (
            ("--sentiment-data", args.sentiment_data),
            ("--sentiment-distilled", args.sentiment_distilled),
            ("--sentiment-recurrent", args.sentiment_recurrent is not None),
            ("--sentiment-embeddings", args.sentiment_embeddings),
            ("--sentiment-tuned", args.sentiment_tuned)) if on]
        if given:
            raise InputError(f"--sentiment-from keeps the sentiment model; it takes no "
                             f"{', '.join(given)}")
    if args.frames_tuned and (args.frames_from or args.no_char_ngrams):
        raise InputError("--frames-tuned trains the frame model; it takes neither "
                         "--frames-from nor --no-char-ngrams")
    if args.frames_distilled and (args.frames_from or args.frames_tuned):
        raise InputError("--frames-distilled trains the default frame model; it takes "
                         "neither --frames-from nor --frames-tuned")
    if args.frames_recurrent is not None and (args.frames_from or args.frames_tuned):
        raise InputError("--frames-recurrent blends into the default frame model; it takes "
                         "neither --frames-from nor --frames-tuned")
    tuned = {"encoder": args.tuned_encoder} if args.tuned_encoder else {}
    if args.tuned_layers is not None:
        tuned["layers"] = args.tuned_layers
    if tuned and not (args.sentiment_tuned or args.frames_tuned):
        raise InputError("--tuned-encoder and --tuned-layers go with --sentiment-tuned or "
                         "--frames-tuned")
    if (args.sentiment_embeddings or args.sentiment_tuned or args.frames_tuned
            or args.sentiment_recurrent is not None or args.frames_recurrent is not None):
        from ..learn.embeddings import DEFAULT_ENCODER, get_encoder

        try:  # fail now, not after the frames
            get_encoder(tuned.get("encoder", DEFAULT_ENCODER))
        except KeyError as e:
            raise InputError(e.args[0]) from None
    if not args.data and not args.frames_from:
        raise InputError("give training data (files, folders or realnews:SPLIT), or "
                         "--frames-from MODEL with --sentiment-data or --sentiment-from")
    if args.frames_from and not args.data and not (args.sentiment_data or args.sentiment_from):
        raise InputError("--frames-from keeps the frames; give --sentiment-data for the "
                         "sentiment model, or --sentiment-from MODEL to keep one")
    base = load_model(args.frames_from) if args.frames_from else None
    kept = load_model(args.sentiment_from) if args.sentiment_from else None
    if kept is not None and kept.sentiment is None:
        raise InputError(f"--sentiment-from {args.sentiment_from}: the model has no "
                         f"sentiment classifier")
    if base is not None and kept is not None:  # nothing to train: the two parts, one file
        if args.data:
            raise InputError("--frames-from with --sentiment-from trains nothing; leave out "
                             "the training data")
        model = base.with_sentiment(kept, Path(args.sentiment_from).name)
        model.meta["frames_from"] = {"file": Path(args.frames_from).name,
                                     "framing_version": base.meta.get("framing_version")}
        model.save(args.output)
        print(f"kept the frame model of {args.frames_from} and the sentiment model of "
              f"{args.sentiment_from}; wrote {args.output}", file=sys.stderr)
        return 0
    data = _training(args.data, args.actors, None, args.shared) if args.data else None
    sentiment = load_newsmtsc(args.sentiment_data) if args.sentiment_data else None
    soft = frames_soft = None
    if args.sentiment_distilled or args.frames_distilled:
        from ..measure.distilled import load_soft_labels

        if args.sentiment_distilled:
            soft = load_soft_labels(args.sentiment_distilled, shared=args.shared,
                                    weight=args.distilled_weight)
        if args.frames_distilled:
            frames_soft = load_soft_labels(args.frames_distilled, shared=args.shared,
                                           weight=args.frames_distilled_weight, kind="frames")
    frames_data = None if base is not None else data
    if base is not None and sentiment is None and data is not None:
        sentiment = data.with_sentiment()
    if kept is not None:
        sentiment = data.subset([])  # no sentiment model is fitted: kept's is used
    model = train_model(frames_data, sentiment, sentiment_soft=soft, frames_soft=frames_soft,
                        sentiment_recurrent=args.sentiment_recurrent,
                        frames_recurrent=args.frames_recurrent,
                        featurizer={"char_ngrams": None} if args.no_char_ngrams else None,
                        sentiment_featurizer={"context_width": 6} if sentiment else None,
                        sentiment_embeddings=args.sentiment_embeddings,
                        sentiment_tuned=(tuned or True) if args.sentiment_tuned else False,
                        frames_tuned=(tuned or True) if args.frames_tuned else False)
    if base is not None:
        model = model.with_frames(base, Path(args.frames_from).name)
    else:
        if kept is not None:
            model = model.with_sentiment(kept, Path(args.sentiment_from).name)
        if not args.frames_tuned:
            model.meta["char_ngrams"] = not args.no_char_ngrams
        model.meta["threshold"], model.meta["veto"] = args.threshold, args.veto
    model.save(args.output)
    print((f"kept the frame model of {args.frames_from}" if base is not None
           else f"trained on {len(data)} (sentence, party) examples")
          + (f" and kept the sentiment model of {args.sentiment_from}" if kept is not None
             else f" and {len(sentiment)} sentiment targets" if sentiment else "")
          + (f" (+ {len(soft)} soft-labelled)" if soft else "")
          + (f", {len(frames_soft)} items with soft frame labels" if frames_soft else "")
          + f" in {time.perf_counter() - start:.1f} s; wrote {args.output}", file=sys.stderr)
    return 0


SHARED_HELP = ("folder with data/wikinews and data/newsmtsc, whose texts the real-news coding "
               "reads (default: $FRAMING_SHARED, else ../shared)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Score how news articles frame each party: hard-line, skeptical or "
                    "conciliatory, with the evidence.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True)

    sc = sub.add_parser("score", help="score one article (a file, or - for stdin)")
    sc.add_argument("path", help="article text file, or - to read stdin")
    sc.add_argument("--format", choices=FORMATS, default="table")
    add_scoring_options(sc)
    add_sentiment_option(sc)
    sc.add_argument("--encoding", default="utf-8", help="text encoding of the input (utf-8)")
    sc.set_defaults(func=cmd_score)

    ev = sub.add_parser("evaluate", help="score gold-coded articles against their coding")
    ev.add_argument("gold", nargs="+",
                    help="gold files (JSON, format of ANNOTATION.md), or the project's coded "
                         "real news: realnews:SPLIT, wikinews:SPLIT or newsmtsc:SPLIT with "
                         "SPLIT train, dev, test, all or a comma-separated list (and the "
                         "opt-in newsmtsc-doubt:train, not part of realnews)")
    ev.add_argument("--shared", metavar="DIR", help=SHARED_HELP)
    ev.add_argument("--format", choices=("table", "json"), default="table")
    ev.add_argument("--no-actors", action="store_true",
                    help="do not give the gold files' actors to the scorer")
    ev.add_argument("--threshold", type=_probability, metavar="P",
                    help="score with this frame threshold instead of the model's (how a "
                         "threshold is chosen on development data)")
    ev.add_argument("--bins", type=_positive_int, default=10,
                    help="reliability bins of the classifier's calibration report (10)")
    add_scoring_options(ev, actors=False, several_methods=True)
    ev.set_defaults(func=cmd_evaluate)

    tr = sub.add_parser("train", help="train the classifier on coded (sentence, party) data")
    tr.add_argument("data", nargs="*",
                    help="training JSONL files or folders (training/), a coded CSV with "
                         "columns text, actor, frame[, sentiment], or realnews:SPLIT")
    tr.add_argument("--frames-from", metavar="MODEL",
                    help="keep this model file's frame model and its threshold and veto; "
                         "train only the sentiment model")
    tr.add_argument("--sentiment-from", metavar="MODEL",
                    help="keep this model file's sentiment model; train only the frame model "
                         "(with --frames-from, nothing is trained: the two parts go into one "
                         "file)")
    tr.add_argument("--shared", metavar="DIR", help=SHARED_HELP)
    tr.add_argument("-o", "--output", required=True, help="model file to write (.skops)")
    tr.add_argument("--sentiment-data", metavar="JSONL",
                    help="NewsMTSC-format JSONL for the target-sentiment model "
                         "(default: the sentiment labels of DATA)")
    tr.add_argument("--sentiment-distilled", metavar="JSONL",
                    help="soft sentiment labels of uncoded real news (from the fine-tuned "
                         "encoder; training/sentiment/distilled.jsonl), learnt beside the "
                         "coded ones by the default sentiment model")
    tr.add_argument("--distilled-weight", type=float, default=1.0, metavar="W",
                    help="how much one soft-labelled item counts against one coded item (1)")
    tr.add_argument("--sentiment-recurrent", type=float, metavar="W",
                    help="blend a small recurrent network (weight W, the sparse model 1 - W) "
                         "into the default sentiment model; training needs pip install "
                         "'framing[embeddings]', scoring NumPy only (the shipped model: 0.3)")
    tr.add_argument("--frames-distilled", metavar="JSONL",
                    help="soft frame labels of uncoded real news (from the fine-tuned frame "
                         "model; training/frames/distilled.jsonl), learnt beside the coded "
                         "frames by the default frame model")
    tr.add_argument("--frames-distilled-weight", type=float, default=1.0, metavar="W",
                    help="how much one item with soft frame labels counts against one coded "
                         "item (1)")
    tr.add_argument("--frames-recurrent", type=float, metavar="W",
                    help="blend a small recurrent network (weight W, the sparse model 1 - W) "
                         "into the default frame model; with --frames-distilled, the soft "
                         "labels train the network only; training needs pip install "
                         "'framing[embeddings]', scoring NumPy only")
    tr.add_argument("--actors", metavar="FILE", help="actors to find parties in a coded CSV")
    tr.add_argument("--threshold", type=float, default=0.5,
                    help="probability at which the classifier finds a frame (0.5)")
    tr.add_argument("--veto", type=float, default=0.2,
                    help="ensemble: drop a lexicon framing below this probability (0.2)")
    tr.add_argument("--no-char-ngrams", action="store_true",
                    help="leave character n-grams out of the frame model: scoring costs about "
                         "a third less, sentence-level F1 is the same on our CV, but the "
                         "dominant frame per party was less accurate on held-out articles")
    how = tr.add_mutually_exclusive_group()
    how.add_argument("--sentiment-embeddings", action="store_true",
                     help="add all-MiniLM-L6-v2 sentence embeddings to the target-sentiment "
                          "model (needs pip install 'framing[embeddings]'; scoring with the "
                          "model then needs it too)")
    how.add_argument("--sentiment-tuned", action="store_true",
                     help="make the target-sentiment model all-MiniLM-L6-v2 with its top layers "
                          "fine-tuned on the sentiment data (the accurate mode; same extra; "
                          "minutes on 2 CPU threads)")
    tr.add_argument("--frames-tuned", action="store_true",
                    help="make the frame model all-MiniLM-L6-v2 with its layers fine-tuned on "
                         "the frame data (the accurate frame mode; same extra; scoring then "
                         "takes tens of times the lexicon path's time)")
    tr.add_argument("--tuned-encoder", metavar="NAME",
                    help="the encoder the tuned models start from: all-minilm-l6-v2 (the "
                         "default) or all-mpnet-base-v2 (more accurate, about eight times "
                         "the cost; its files are not in the extra: python -m "
                         "framing.learn.encoder_files --help)")
    tr.add_argument("--tuned-layers", type=_positive_int, metavar="N",
                    help="how many of the encoder's top layers are tuned (default: all six "
                         "of all-MiniLM-L6-v2)")
    tr.set_defaults(func=cmd_train)

    cv = sub.add_parser(
        "cross-validate",
        help="cross-validate lexicon, classifier and ensemble on coded (sentence, party) data",
        description="Train the classifier on all groups but one and test it on the group "
                    "left out (dispute kind by default), or on stratified folds; report "
                    "per-frame P/R/F1, confusion counts, calibration, Krippendorff's alpha "
                    "and the sentiment model's macro-F1 for lexicon, classifier and ensemble.")
    cv.add_argument("data", nargs="+",
                    help="training JSONL files or folders (training/), coded CSV files "
                         "with columns text, actor, frame[, sentiment][, group], or "
                         "realnews:SPLIT (grouped by story)")
    cv.add_argument("--shared", metavar="DIR", help=SHARED_HELP)
    how = cv.add_mutually_exclusive_group()
    how.add_argument("--group", metavar="FIELD",
                     help="leave one group out by this JSONL field or CSV column (default: "
                          "kind for JSONL, group for CSV, else the file name)")
    how.add_argument("--folds", type=_positive_int, metavar="N",
                     help="N stratified folds instead of groups (default when the data has a "
                          "single group: 5)")
    cv.add_argument("--format", choices=("table", "json"), default="table")
    cv.add_argument("--predictions", metavar="CSV",
                    help="also write every item's out-of-fold predictions to this CSV")
    cv.add_argument("--actors", metavar="FILE", help="actors to find parties in a coded CSV")
    cv.add_argument("--lexicon", action="append", default=[], metavar="FILE",
                    help="frame cue file(s) for the lexicon method")
    cv.add_argument("--threshold", type=float, default=0.5,
                    help="probability at which the classifier finds a frame (0.5)")
    cv.add_argument("--veto", type=float, default=0.2,
                    help="ensemble: drop a lexicon framing below this probability (0.2)")
    cv.add_argument("--bins", type=_positive_int, default=10,
                    help="reliability bins of the calibration report (10)")
    cv.add_argument("--seed", type=int, default=0, help="seed of the k-fold shuffle (0)")
    sent = cv.add_mutually_exclusive_group()
    sent.add_argument("--no-sentiment", action="store_true",
                      help="skip the target-sentiment model (faster)")
    sent.add_argument("--sentiment-embeddings", action="store_true",
                      help="cross-validate the target-sentiment model with sentence embeddings, "
                           "as train --sentiment-embeddings builds it (needs pip install "
                           "'framing[embeddings]')")
    cv.add_argument("--frames-recurrent", type=float, metavar="W",
                    help="cross-validate the frame model blended with the recurrent frame "
                         "network (weight W), as train --frames-recurrent builds it, without "
                         "soft labels (needs pip install 'framing[embeddings]')")
    cv.add_argument("--jobs", type=int, default=1,
                    help="processes for the calibration folds of each training (1; -1: all)")
    cv.set_defaults(func=cmd_cross_validate)

    from .batch import add_batch_parser
    from .plot import add_plot_parser

    add_batch_parser(sub)
    add_plot_parser(sub)
    return parser


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer; got {value!r}")
    return n


def _probability(value: str) -> float:
    try:
        p = float(value)
    except ValueError:
        p = -1.0
    if not 0 < p < 1:
        raise argparse.ArgumentTypeError(f"expected a probability between 0 and 1 "
                                         f"(exclusive); got {value!r}")
    return p


def _version() -> str:
    from .. import __version__

    return f"framing {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``framing`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except FramingError as e:
        print(f"framing: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
