"""Benchmark scoring time against sentence length: one long sentence vs. the same words in
ordinary sentences.

Scraped text without punctuation (transcripts, captions, tables) arrives as one "sentence" of
thousands of words. Scoring must stay linear in its length. For each size (10k to 80k words)
this script builds one sentence of that many words, drawn with a fixed seed from a vocabulary
of news words with parties, speech verbs, pronouns and cues, and times ``score_article`` on
it and on the same words cut into 20-word sentences, in the same process. It prints both
times and their ratio; a ratio that grows with the size means a step that is quadratic in
sentence length.

Usage::

    python benchmarks/bench_sentence_length.py [--sizes 10000,20000,40000,80000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import random
import time

import framing

VOCABULARY = (
    "the", "government", "said", "officials", "would", "meet", "and", "discuss", "the", "plan",
    "while", "Russia", "rejected", "talks", "with", "Ukraine", "over", "the", "weekend", "in",
    "the", "capital", "city", "he", "told", "reporters", "it", "was", "a", "trap", "and",
    "Kyiv", "demanded", "guarantees", "as", "the", "union", "agreed", "to", "a", "ceasefire",
    "proposed", "by", "Washington",
)


def words(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(n)]


def best_of(text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        framing.score_article(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,20000,40000,80000")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    framing.score_article("Russia rejected the talks. Kyiv agreed.")  # load the resources
    print(f"{'words':>8} {'one sentence':>14} {'20-word sentences':>18} {'ratio':>7}")
    for n in (int(s) for s in args.sizes.split(",")):
        w = words(n)
        one = "Title\n\n" + " ".join(w)
        many = "Title\n\n" + " ".join(
            " ".join(w[i:i + 20]) + "." for i in range(0, n, 20))
        t_one, t_many = best_of(one, args.repeats), best_of(many, args.repeats)
        print(f"{n:>8} {t_one:>13.2f}s {t_many:>17.2f}s {t_one / t_many:>6.2f}x")


if __name__ == "__main__":
    main()
