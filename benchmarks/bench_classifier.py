"""Classifier benchmark: lexicon vs classifier vs ensemble, target sentiment, time and cost.

Run from the repository root:

    python benchmarks/bench_classifier.py [--json out.json] [--shared ../shared]

Prints, in one process and one run:
1. leave-one-dispute-kind-out cross-validation on training/ (per-frame P/R/F1 and micro F1 of
   the lexicon, the classifier and the ensemble);
2. F1 macro of the party-sentiment model on both NewsMTSC dev splits beside VADER's sentence
   score and a plain TF-IDF logistic regression with the party masked (skipped without
   ../shared/data);
3. the three methods on the gold files (tests/data/gold, and ../shared/gold when present);
4. the time to train the default model, and the cost of scoring with the classifier relative to
   the lexicon on the same articles: article by article (``score_article``), and in chunks as
   ``framing batch`` scores them (the model run once per chunk).

The sentiment model with sentence embeddings (the optional extra) has its own benchmark,
``benchmarks/bench_embeddings.py``.
"""

from __future__ import annotations

import argparse
import glob
import json
import time
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

import framing
from framing import cross_validate
from framing.labels import FRAMES
from framing.learn.features import PartyFeaturizer, clear_caches, masked_text
from framing.learn.models import load_newsmtsc, load_training, train_model
from framing.lexicon.sentiment import sentence_sentiment

ROOT = Path(__file__).resolve().parents[1]


def lodo(data) -> dict:
    """Leave-one-dispute-kind-out F1 per frame and micro, from framing.measure.validation (the same
    numbers as ``framing cross-validate training/ --no-sentiment``)."""
    cv = cross_validate(data, sentiment=False, n_jobs=-1)
    out = {}
    for name, scores in cv.methods.items():
        table = {f: {"precision": c.precision, "recall": c.recall, "f1": c.f1}
                 for f, c in scores.per_frame.items()}
        table["micro_f1"] = scores.micro.f1
        out[name] = table
    return out


def vader_label(x: float) -> str:
    return "positive" if x >= 0.05 else "negative" if x <= -0.05 else "neutral"


def sentiment_baselines(train, devs: dict) -> dict:
    """F1 macro per dev split of VADER's sentence score and of a TF-IDF logistic regression on
    the masked sentence fitted on ``train`` (also used by bench_embeddings.py)."""
    tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    X = tfidf.fit_transform([masked_text(it) for it in train.items])
    baseline = LogisticRegression(max_iter=2000, class_weight="balanced").fit(X, train.sentiment)
    out = {}
    for split, dev in devs.items():
        y = dev.sentiment
        vader = [vader_label(sentence_sentiment(it.text)) for it in dev.items]
        base_pred = baseline.predict(tfidf.transform([masked_text(it) for it in dev.items]))
        out[split] = {"vader_sentence": f1_score(y, vader, average="macro"),
                      "tfidf_masked_lr": f1_score(y, base_pred, average="macro"), "n": len(y)}
    return out


def sentiment_bench(model, shared: Path) -> dict:
    base = shared / "data" / "newsmtsc"
    if not (base / "train.jsonl").exists():
        return {"skipped": f"{base} not available"}
    train = load_newsmtsc(base / "train.jsonl")
    out = {}
    devs = {split: load_newsmtsc(base / f"{split}.jsonl") for split in ("dev_mt", "dev_rw")}
    out["featurisation"] = featurisation_cost(model, train.items,
                                              [it for d in devs.values() for it in d.items])
    baselines = sentiment_baselines(train, devs)
    for split, dev in devs.items():
        ours = framing.target_sentiment(dev.items, model=model)
        out[split] = {"framing_model": f1_score(dev.sentiment, ours, average="macro"),
                      **baselines[split]}
    return out


def featurisation_cost(model, train_items: list, items: list, repeats: int = 3) -> dict:
    """Items per second through the previous sentiment featuriser (PartyFeaturizer with
    character n-grams, fitted here on NewsMTSC train) and the model's (TargetSentimentFeaturizer).
    "cold": every per-item cache cleared (lexicon cue features, masked texts); "warm": filled,
    as when scoring, where the frame model computes them first."""
    featurizers = {"old PartyFeaturizer": PartyFeaturizer(context_width=6).fit(train_items),
                   "new " + type(model.sentiment.named_steps["features"]).__name__:
                       model.sentiment.named_steps["features"]}
    out = {}
    for name, f in featurizers.items():
        row = {}
        for mode in ("cold", "warm"):
            best = float("inf")
            for _ in range(repeats):
                if mode == "cold":
                    clear_caches()
                t = time.perf_counter()
                f.transform(items)
                best = min(best, time.perf_counter() - t)
            row[f"{mode}_items_per_s"] = len(items) / best
        out[name] = row
    return out


def gold_bench(model, paths: list[str]) -> dict:
    out = {}
    for method in ("lexicon", "classifier", "ensemble"):
        kw = {} if method == "lexicon" else {"model": model}
        ev = framing.evaluate(paths, method=method, **kw)
        out[method] = {"per_frame": {f: ev.per_frame[f].f1 for f in FRAMES},
                       "micro_f1": ev.micro.f1, "precision": ev.micro.precision,
                       "recall": ev.micro.recall, "dominant": ev.dominant_accuracy}
    return out


def cost_bench(model, texts: list[str], repeats: int = 3, chunk: int = 64) -> dict:
    """Seconds to score ``texts`` with the lexicon and with the classifier, article by article
    (``score_article``) and in chunks as ``framing batch`` scores them (``Scorer.score_many``:
    the model runs once for the items of a chunk); best of ``repeats``, caches cleared."""
    from framing.batch.corpus import Scorer

    def best_of(fn) -> float:
        best = float("inf")
        for _ in range(repeats):
            clear_caches()  # measure the work, not what the previous repeat left cached
            t = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t)
        return best

    def per_article(method):
        extra = {} if method == "lexicon" else {"model": model}
        return best_of(lambda: [framing.score_article(x, method=method, **extra)
                                for x in texts])

    def chunked(method):
        scorer = Scorer.build(method=method, model=None if method == "lexicon" else model)
        return best_of(lambda: [scorer.score_many(texts[k:k + chunk])
                                for k in range(0, len(texts), chunk)])

    per_article("classifier")  # warm up: load the model and lexicons once
    lex, clf = per_article("lexicon"), per_article("classifier")
    lex_b, clf_b = chunked("lexicon"), chunked("classifier")
    return {"lexicon_s": lex, "classifier_s": clf, "ratio": clf / lex, "articles": len(texts),
            "chunk": chunk, "batch_lexicon_s": lex_b, "batch_classifier_s": clf_b,
            "batch_ratio": clf_b / lex_b}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--json")
    args = ap.parse_args()
    shared = Path(args.shared)
    data = load_training([ROOT / "training"])
    report: dict = {}

    t = time.perf_counter()
    sentiment_data = None
    if (shared / "data" / "newsmtsc" / "train.jsonl").exists():
        sentiment_data = load_newsmtsc(shared / "data" / "newsmtsc" / "train.jsonl")
    model = train_model(data, sentiment_data,
                        sentiment_featurizer={"context_width": 6} if sentiment_data else None)
    report["train_seconds"] = time.perf_counter() - t
    print(f"training the default model: {report['train_seconds']:.1f} s "
          f"({len(data)} frame examples, "
          f"{len(sentiment_data) if sentiment_data else 0} sentiment targets)")

    report["lodo"] = lodo(data)
    print("\nleave-one-dispute-kind-out cross-validation on training/ (F1)")
    print(f"{'method':12s} " + " ".join(f"{f:>13s}" for f in FRAMES) + f" {'micro':>7s}")
    for name, table in report["lodo"].items():
        print(f"{name:12s} " + " ".join(f"{table[f]['f1']:13.3f}" for f in FRAMES)
              + f" {table['micro_f1']:7.3f}")

    report["sentiment"] = sentiment_bench(model, shared)
    print("\nNewsMTSC dev, F1 macro (sentiment toward the target)")
    for split, row in report["sentiment"].items():
        if split == "skipped":
            print("  skipped:", row)
            continue
        if split == "featurisation":
            continue
        print(f"  {split}: framing {row['framing_model']:.3f}  VADER {row['vader_sentence']:.3f}"
              f"  TF-IDF masked LR {row['tfidf_masked_lr']:.3f}  (n={row['n']})")

    if "featurisation" in report["sentiment"]:
        print("  featurisation (items/s; cold: per-item caches cleared, warm: filled as when "
              "scoring)")
        for name, row in report["sentiment"]["featurisation"].items():
            print(f"    {name:30s} " + "  ".join(f"{k.split('_')[0]} {v:7.0f}"
                                                  for k, v in row.items()))

    gold_sets = {"project gold": sorted(glob.glob(str(ROOT / "tests/data/gold/*.json")))}
    shared_gold = sorted(glob.glob(str(shared / "gold" / "*.json")))
    if shared_gold:
        gold_sets["shared gold"] = shared_gold
    report["gold"] = {}
    for name, paths in gold_sets.items():
        report["gold"][name] = gold_bench(model, paths)
        print(f"\n{name} ({len(paths)} articles): F1 per frame and micro")
        for method, row in report["gold"][name].items():
            print(f"  {method:11s} " + " ".join(f"{f} {row['per_frame'][f]:.2f}" for f in FRAMES)
                  + f"  micro {row['micro_f1']:.2f} (P {row['precision']:.2f} "
                  f"R {row['recall']:.2f})  dominant {row['dominant']:.2f}")

    texts = [json.loads(Path(p).read_text())["text"] for p in gold_sets["project gold"]]
    report["cost"] = cost_bench(model, texts)
    c = report["cost"]
    print(f"\nscoring {c['articles']} articles: lexicon {c['lexicon_s']:.2f} s, classifier "
          f"{c['classifier_s']:.2f} s, ratio {c['ratio']:.2f}x (article by article)")
    print(f"  in chunks of {c['chunk']} as framing batch does: lexicon "
          f"{c['batch_lexicon_s']:.2f} s, classifier {c['batch_classifier_s']:.2f} s, ratio "
          f"{c['batch_ratio']:.2f}x")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
