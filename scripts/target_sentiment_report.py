"""Sentiment toward each party on the NewsMTSC dev splits and the project's coded parties: F1 macro.

Usage::

    python scripts/target_sentiment_report.py [--data DIR] [--detail] [--json FILE] \
        [NAME=MODEL.skops ...]

For each model file (the shipped ``lexicons/model.skops`` when none is given) and for VADER's
sentence score, prints F1 macro on ``dev_mt`` and ``dev_rw`` (NewsMTSC, Hamborg & Donnay 2021,
MIT; read from ``../shared/data/newsmtsc`` or ``--data``), and on ``dev_mt``, whose sentences
all have several targets: in how many of the sentences whose targets the coders labelled
differently the labels differ too ("apart"), and how many have every target right. When the
Wikinews and BABE texts are in ``../shared`` (or ``--shared``), also on the dev and test
splits of the project's coding of sentiment toward the parties of real news disputes
(``parties dev`` and ``parties test``: states, governments, companies in multi-party sentences
of the real-news dev and test articles; ``framing.measure.coded_sentiment``).
``--detail`` adds each confusion matrix; ``--no-test`` leaves out ``parties test``, for a
candidate that is not shipped. Dev is for reporting: nothing here chooses a setting.
Prints "skipped" and exits 0 when the NewsMTSC data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("dev_mt", "dev_rw")
#: The splits of the project's coded sentiment toward parties that the report scores.
PARTY_SPLITS = ("dev", "test")


def report(models: dict[str, str | None], base: Path, shared: str | None = None,
           party_splits: tuple[str, ...] = PARTY_SPLITS) -> dict[str, dict[str, object]]:
    """``{measure: {split: TargetSentimentScores}}`` for VADER and each model (None: the
    shipped one); the splits are ``dev_mt``, ``dev_rw`` and, when their texts are found,
    ``parties_SPLIT`` for each of ``party_splits`` (the coded sentiment toward parties)."""
    import framing
    from framing.errors import FramingError
    from framing.learn.models import load_newsmtsc
    from framing.measure.coded_sentiment import load_coded_sentiment
    from framing.measure.validation import score_target_sentiment, sentence_vader_labels

    devs = {split: load_newsmtsc(base / f"{split}.jsonl") for split in SPLITS}
    try:
        for split in party_splits:
            devs[f"parties_{split}"] = load_coded_sentiment(split, shared=shared)
    except FramingError as e:
        print(f"no 'parties' columns: {e}", file=sys.stderr)
    out: dict[str, dict[str, object]] = {"VADER sentence score": {
        split: score_target_sentiment(d, sentence_vader_labels(d.items))
        for split, d in devs.items()}}
    for name, path in models.items():
        model = framing.load_model(path) if path else None
        out[name] = {split: score_target_sentiment(d, framing.target_sentiment(d.items,
                                                                                model=model))
                     for split, d in devs.items()}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="*", metavar="NAME=MODEL",
                    help="model files to score, each with a name for the table")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "newsmtsc"),
                    help="folder with dev_mt.jsonl and dev_rw.jsonl")
    ap.add_argument("--shared", help="the folder that holds data/wikinews and data/babe "
                    "(default: ../shared)")
    ap.add_argument("--detail", action="store_true", help="print the confusion matrices")
    ap.add_argument("--json", help="write the scores to this file")
    ap.add_argument("--no-test", action="store_true",
                    help="leave out the parties' test split: for candidates, which are scored "
                         "on development data only (the test split is for shipped models)")
    args = ap.parse_args(argv)
    base = Path(args.data)
    if not all((base / f"{s}.jsonl").exists() for s in SPLITS):
        print(f"skipped: {base} has no {' / '.join(SPLITS)}")
        return 0
    models: dict[str, str | None] = {}
    for spec in args.models or ["shipped model=" + str(ROOT / "lexicons" / "model.skops")]:
        name, sep, path = spec.rpartition("=")
        if not sep or not name or not path:
            ap.error(f"expected NAME=MODEL, got {spec!r}")
        models[name] = path
    splits = PARTY_SPLITS[:1] if args.no_test else PARTY_SPLITS
    scores = report(models, base, args.shared, splits)
    width = max(len(n) for n in scores)
    parties = [s for s in splits if all(f"parties_{s}" in row for row in scores.values())]
    print(f"{'measure':{width}s}  dev_mt  dev_rw  apart (dev_mt)  all right"
          + "".join(f"  {'parties ' + s:>12s}" for s in parties))
    for name, row in scores.items():
        c = row["dev_mt"].contrast
        print(f"{name:{width}s}  {row['dev_mt'].macro_f1:6.3f}  {row['dev_rw'].macro_f1:6.3f}"
              f"  {c.apart:3d}/{c.contrasted:<3d} {c.apart_rate:4.0%}  "
              f"{c.all_right:3d} {c.all_right_rate:4.0%}"
              + "".join(f"  {row[f'parties_{s}'].macro_f1:12.3f}" for s in parties))
    if args.detail:
        for name, row in scores.items():
            for split, s in row.items():
                print(f"\n{name}, {split}\n{s.to_table()}")
    if args.json:
        Path(args.json).write_text(json.dumps(
            {n: {s: v.to_dict() for s, v in row.items()} for n, row in scores.items()},
            indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
