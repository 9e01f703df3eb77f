"""Benchmark ``framing.lexicon.sentiment`` against ``vaderSentiment`` 3.3.2.

Times, in one process and on the same sentences, the reference
``SentimentIntensityAnalyzer().polarity_scores``, our ``Vader.compound`` (the per-sentence path
of the pipeline) and our ``Vader.polarity_scores``, and prints sentences per second for each
(best of several passes) and the speed-up over the reference. It also checks that all three
agree after the reference's rounding.

Sentences come from NewsMTSC ``train.jsonl`` when ``../shared/data/newsmtsc`` exists next to the
repository, otherwise from the lines of the seed articles in ``seeds/*.txt``.

Usage::

    python benchmarks/bench_sentiment.py [--repeats 5] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWSMTSC_TRAIN = REPO.parent / "shared" / "data" / "newsmtsc" / "train.jsonl"
SEEDS = REPO / "seeds"


def load_sentences() -> tuple[str, list[str]]:
    """Return a description of the corpus and its sentences."""
    if NEWSMTSC_TRAIN.is_file():
        with NEWSMTSC_TRAIN.open(encoding="utf-8") as f:
            sentences = [json.loads(line)["sentence"] for line in f if line.strip()]
        return f"NewsMTSC train ({NEWSMTSC_TRAIN})", sentences
    sentences = [
        line.strip()
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return f"seed articles ({SEEDS}/*.txt, one sentence per line)", sentences


def best_time(func: Callable[[str], object], sentences: Sequence[str], repeats: int) -> float:
    """Best wall time, in seconds, of scoring every sentence once."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for sentence in sentences:
            func(sentence)
        best = min(best, time.perf_counter() - start)
    return best


def rounded(scores: dict[str, float]) -> dict[str, float]:
    """Round like vaderSentiment does."""
    return {
        "neg": round(scores["neg"], 3),
        "neu": round(scores["neu"], 3),
        "pos": round(scores["pos"], 3),
        "compound": round(scores["compound"], 4),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="passes per scorer (best of)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N sentences")
    args = parser.parse_args(argv)

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.lexicon.sentiment import Vader

    corpus, sentences = load_sentences()
    if args.limit:
        sentences = sentences[: args.limit]
    if not sentences:
        raise SystemExit(f"no sentences found in {corpus}")

    reference = SentimentIntensityAnalyzer()
    ours = Vader()

    disagreements = sum(
        rounded(ours.polarity_scores(s)) != reference.polarity_scores(s)
        or round(ours.compound(s), 4) != reference.polarity_scores(s)["compound"]
        for s in sentences
    )

    n = len(sentences)
    timings = {
        "vaderSentiment polarity_scores": best_time(
            reference.polarity_scores, sentences, args.repeats
        ),
        "framing Vader.compound": best_time(ours.compound, sentences, args.repeats),
        "framing Vader.polarity_scores": best_time(ours.polarity_scores, sentences, args.repeats),
    }
    base = timings["vaderSentiment polarity_scores"]

    print(f"corpus: {corpus}")
    print(f"sentences: {n}, repeats: {args.repeats} (best of), disagreements: {disagreements}")
    for name, seconds in timings.items():
        print(
            f"{name:<32} {n / seconds:>10,.0f} sentences/s  "
            f"{seconds / n * 1e6:7.2f} us/sentence  x{base / seconds:5.2f}"
        )


if __name__ == "__main__":
    main()
