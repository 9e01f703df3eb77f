"""Write the soft sentiment labels that the default sentiment model learns from (distillation).

Usage (needs ``pip install -e '.[dev,embeddings]'``; a few minutes on 2 threads)::

    OMP_NUM_THREADS=2 python scripts/distill_sentiment.py \
        [--model lexicons/model-embeddings.skops] [--shared DIR] \
        [-o training/sentiment/distilled.jsonl]

Every (sentence, party) that ``framing`` finds in the Wikinews articles (less the real-news dev
and test splits) and in the BABE sentences gets the fine-tuned encoder's probabilities of
negative, neutral and positive sentiment toward the party (``framing.measure.distilled``).
Only ids, offsets, SHA-1s, spans and probabilities are written; the texts stay in ``../shared``.
``make model`` then trains the default model with them.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(ROOT / "lexicons" / "model-embeddings.skops"),
                    help="the teacher: a model file whose sentiment model is the fine-tuned "
                         "encoder")
    ap.add_argument("--shared", help="folder with data/wikinews and data/babe")
    ap.add_argument("-o", "--output", default=str(ROOT / "training" / "sentiment" /
                                                  "distilled.jsonl"))
    args = ap.parse_args(argv)
    import framing
    from framing.measure.distilled import soft_label_rows, write_soft_labels

    start = time.perf_counter()
    teacher = framing.load_model(args.model)
    if "sentiment_tuned" not in teacher.meta:
        ap.error(f"{args.model}: its sentiment model is not the fine-tuned encoder")
    rows = soft_label_rows(teacher.sentiment_proba, shared=args.shared)
    n = write_soft_labels(rows, args.output)
    digest = hashlib.sha256(Path(args.model).read_bytes()).hexdigest()[:12]
    print(f"{n} (sentence, party) items soft-labelled by {Path(args.model).name} "
          f"(sha256 {digest}...) in {time.perf_counter() - start:.0f} s; wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
