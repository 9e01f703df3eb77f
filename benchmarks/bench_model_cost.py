"""What each feature block of the classifier costs, and what it buys.

Trains the default model and variants with feature blocks left out, and prints for each, in
one process and one run:

* the cost of scoring the gold articles (``tests/data/gold``) with it, as a multiple of the
  lexicon path's time, article by article and in chunks as ``framing batch`` scores them
  (``bench_classifier.cost_bench``, the same measurement as ``bench_classifier.py``);
* for the frame model, leave-one-dispute-kind-out F1 per frame and micro on ``training/``
  (classifier and ensemble; the lexicon's line is the same for every variant);
* for the sentiment model, F1 macro on both NewsMTSC dev splits (skipped when
  ``../shared/data/newsmtsc`` is absent; the model is then trained on the training set's own
  sentiment codes).

It answers whether a cheaper default model could bring the classifier's cost to 2x the
lexicon's: the variants are the blocks that cost most (character n-grams, context words,
lexicon cue features, the target-centred sentiment blocks). No variant is chosen by these
numbers; the default model's settings come from cross-validation on training data.

Usage::

    python benchmarks/bench_model_cost.py [--shared ../shared] [--json out.json] [--save DIR]

Wall times of a few dozen milliseconds move with the machine's load; ``--save DIR`` writes each
variant's model (``DIR/<variant>.skops``) so that ``python benchmarks/count_instructions.py
--model DIR/<variant>.skops`` can count its cost in instructions, which do not move.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from sklearn.metrics import f1_score

import framing
from framing import cross_validate
from framing.labels import FRAMES
from framing.learn.models import load_newsmtsc, load_training, train_model

ROOT = Path(__file__).resolve().parents[1]

#: name: (frame featurizer parameters, sentiment featurizer parameters)
VARIANTS: dict[str, tuple[dict, dict]] = {
    "default": ({}, {}),
    "frame: no character n-grams": ({"char_ngrams": None}, {}),
    "frame: word n-grams + cues": ({"char_ngrams": None, "context": False}, {}),
    "frame: word n-grams + context": ({"char_ngrams": None, "cues": False}, {}),
    "frame: word n-grams only": ({"char_ngrams": None, "cues": False, "context": False}, {}),
    "sentiment: no target-centred blocks": ({}, {"near_width": 0, "clause": False,
                                                 "dense": False}),
    "both: word n-grams only": ({"char_ngrams": None, "cues": False, "context": False},
                                {"near_width": 0, "clause": False, "dense": False,
                                 "cues": False, "context": False}),
}


def main() -> int:
    from bench_classifier import cost_bench

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--json")
    ap.add_argument("--repeats", type=int, default=5, help="best of, for the cost")
    ap.add_argument("--save", metavar="DIR", help="write each variant's model file here")
    args = ap.parse_args()
    data = load_training([ROOT / "training"])
    base = Path(args.shared) / "data" / "newsmtsc"
    sentiment_data = devs = None
    if (base / "train.jsonl").exists():
        sentiment_data = load_newsmtsc(base / "train.jsonl")
        devs = {s: load_newsmtsc(base / f"{s}.jsonl") for s in ("dev_mt", "dev_rw")}
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"]
             for p in sorted((ROOT / "tests" / "data" / "gold").glob("*.json"))]
    report: dict = {}
    lodo_of: dict[str, dict] = {}  # frame settings -> LODO, computed once per setting
    for name, (frame_params, sentiment_params) in VARIANTS.items():
        t = time.perf_counter()
        sentiment_params = {"context_width": 6, **sentiment_params} if sentiment_data \
            else sentiment_params
        model = train_model(data, sentiment_data, featurizer=frame_params,
                            sentiment_featurizer=sentiment_params or None)
        if args.save:
            Path(args.save).mkdir(parents=True, exist_ok=True)
            model.save(Path(args.save) / (re.sub(r"[^a-z0-9]+", "-", name).strip("-")
                                          + ".skops"))
        row: dict = {"train_seconds": time.perf_counter() - t,
                     "cost": cost_bench(model, texts, repeats=args.repeats)}
        key = json.dumps(frame_params, sort_keys=True)
        if key not in lodo_of:
            cv = cross_validate(data, sentiment=False, n_jobs=-1, featurizer=frame_params)
            lodo_of[key] = {m: {**{f: s.per_frame[f].f1 for f in FRAMES}, "micro": s.micro.f1}
                            for m, s in cv.methods.items()}
        row["lodo"] = lodo_of[key]
        if devs:
            row["newsmtsc_f1_macro"] = {
                s: f1_score(d.sentiment, framing.target_sentiment(d.items, model=model),
                            average="macro") for s, d in devs.items()}
        report[name] = row
        c = row["cost"]
        print(f"\n{name}  (trained in {row['train_seconds']:.0f} s)")
        print(f"  cost vs lexicon: {c['ratio']:.2f}x article by article "
              f"({1000 * c['classifier_s']:.0f} vs {1000 * c['lexicon_s']:.0f} ms), "
              f"{c['batch_ratio']:.2f}x in chunks of {c['chunk']} "
              f"({1000 * c['batch_classifier_s']:.0f} vs {1000 * c['batch_lexicon_s']:.0f} ms)")
        for method in ("lexicon", "classifier", "ensemble"):
            r = row["lodo"][method]
            print(f"  LODO {method:10s} " + " ".join(f"{f} {r[f]:.3f}" for f in FRAMES)
                  + f"  micro {r['micro']:.3f}")
        if devs:
            print("  NewsMTSC F1 macro: " + "  ".join(
                f"{s} {v:.3f}" for s, v in row["newsmtsc_f1_macro"].items()))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
