"""Write the soft labels that the default models learn from (knowledge distillation).

Usage (needs ``pip install -e '.[dev,embeddings]'``; under a minute per kind on 2 threads)::

    OMP_NUM_THREADS=2 python scripts/distill.py --kind sentiment \
        [--model lexicons/model-embeddings.skops] [--shared DIR] \
        [-o training/sentiment/distilled.jsonl]
    OMP_NUM_THREADS=2 python scripts/distill.py --kind frames [-o training/frames/distilled.jsonl]

Every (sentence, party) that ``framing`` finds in the Wikinews articles (less the real-news dev
and test splits) and in the BABE sentences (with ``--corpora``, also the uncoded parties of
NewsMTSC train, less the real-news dev and test sentences) gets the teacher's probabilities
(``framing.measure.distilled``): with ``--kind sentiment`` those of negative, neutral and
positive sentiment toward the party from the fine-tuned sentiment model, with ``--kind
frames`` the probability of each frame from the fine-tuned frame model. Only ids, offsets,
SHA-1s, spans and probabilities are written; the texts stay in ``../shared``. ``make model``
then trains the default model with them.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from framing.measure.distilled import (
    CORPORA,
    DEFAULT_CORPORA,
    soft_label_rows,
    write_soft_labels,
)

ROOT = Path(__file__).resolve().parents[1]
#: The teacher's part and the model metadata that says it is the fine-tuned encoder, by kind.
TEACHER = {"sentiment": ("sentiment_proba", "sentiment_tuned"),
           "frames": ("frame_proba", "frames_tuned")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", choices=sorted(TEACHER), default="sentiment",
                    help="which soft labels: sentiment toward the party, or its frames")
    ap.add_argument("--model", default=str(ROOT / "lexicons" / "model-embeddings.skops"),
                    help="the teacher: a model file whose sentiment (or frame) model is the "
                         "fine-tuned encoder")
    ap.add_argument("--shared", help="folder with data/wikinews, data/babe and data/newsmtsc")
    ap.add_argument("--corpora", default=",".join(DEFAULT_CORPORA),
                    help=f"whose (sentence, party) items, comma-separated, of {', '.join(CORPORA)}"
                         " (default: %(default)s)")
    ap.add_argument("-o", "--output",
                    help="file to write (default: training/KIND/distilled.jsonl)")
    args = ap.parse_args(argv)
    import framing

    output = args.output or str(ROOT / "training" / args.kind / "distilled.jsonl")
    start = time.perf_counter()
    teacher = framing.load_model(args.model)
    method, marker = TEACHER[args.kind]
    if marker not in teacher.meta:
        ap.error(f"{args.model}: its {args.kind} model is not the fine-tuned encoder")
    rows = soft_label_rows(getattr(teacher, method), shared=args.shared, kind=args.kind,
                           corpora=args.corpora.split(","))
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    n = write_soft_labels(rows, output, kind=args.kind)
    digest = hashlib.sha256(Path(args.model).read_bytes()).hexdigest()[:12]
    print(f"{n} (sentence, party) items soft-labelled ({args.kind}) by "
          f"{Path(args.model).name} (sha256 {digest}...) in "
          f"{time.perf_counter() - start:.0f} s; wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
