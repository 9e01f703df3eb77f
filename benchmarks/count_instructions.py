"""Instructions, not seconds: the cost of the lexicon and the classifier paths under callgrind.

On a shared or busy machine wall times move by 5-10% from run to run, which hides the effect
of a small change. Valgrind's callgrind counts the instructions a piece of code executes; the
count is the same on every run of the same code and input, whatever else the machine does.
This script scores the 15 gold articles (``tests/data/gold``) four ways, after a warm-up that
loads every resource and model, and prints the instructions (millions) of each:

- ``art_lex`` / ``art_clf``: ``score_article`` article by article, lexicon / classifier;
- ``ch_lex`` / ``ch_clf``: one chunk of all 15 articles, as ``framing batch`` scores them
  (``Scorer.score_many``);

and the classifier's ratio to the lexicon in both cases. Caches are cleared before each part.
Instructions are a proxy: NumPy work runs more instructions per second than the interpreter,
so the wall-time ratio of ``bench_classifier.py`` is somewhat higher than this one.

Usage (needs valgrind; about a minute)::

    python benchmarks/count_instructions.py [--model lexicons/model.skops]

The script runs itself under ``valgrind --tool=callgrind --instr-atstart=no`` and switches
counting on around each part with ``callgrind_control``, so that start-up is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PARTS = ("art_lex", "art_clf", "ch_lex", "ch_clf")


def measure(model_path: str | None) -> None:
    """The inner run, under callgrind: score the parts, dumping the counts after each."""
    import framing
    from framing.batch.corpus import Scorer
    from framing.learn.features import clear_caches
    from framing.learn.models import default_model, load_model

    texts = [json.loads(p.read_text(encoding="utf-8"))["text"]
             for p in sorted((REPO / "tests" / "data" / "gold").glob("*.json"))]
    model = load_model(model_path) if model_path else default_model()
    scorers = {m: Scorer.build(method=m, model=None if m == "lexicon" else model)
               for m in ("lexicon", "classifier")}
    parts = {
        "art_lex": lambda: [framing.score_article(t) for t in texts],
        "art_clf": lambda: [framing.score_article(t, method="classifier", model=model)
                            for t in texts],
        "ch_lex": lambda: scorers["lexicon"].score_many(texts),
        "ch_clf": lambda: scorers["classifier"].score_many(texts),
    }
    for run in parts.values():  # warm-up: lexicons, Punkt, VADER, the models' counters
        run()
    pid = str(os.getpid())

    def control(*args: str) -> None:
        subprocess.run(["callgrind_control", *args, pid], check=True, capture_output=True)

    control("-i", "on")
    for name, run in parts.items():
        clear_caches()
        control("-z")
        run()
        control("-d", name)
    control("-i", "off")


def read_counts(out_dir: Path) -> dict[str, float]:
    """Millions of instructions per part, from the dumps callgrind wrote."""
    counts = {}
    for path in out_dir.glob("cg.*.*"):
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
        trigger = re.search(r"Trigger: dump (\w+)", head)
        summary = re.search(r"^summary: (\d+)", head, re.MULTILINE)
        if trigger and summary and trigger.group(1) in PARTS:
            counts[trigger.group(1)] = int(summary.group(1)) / 1e6
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model file for the classifier (default: shipped)")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inner:
        measure(args.model)
        return 0
    missing = [t for t in ("valgrind", "callgrind_control") if shutil.which(t) is None]
    if missing:
        print(f"skipped: {', '.join(missing)} not found (Debian: apt install valgrind)")
        return 0
    with tempfile.TemporaryDirectory() as d:
        cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
               f"--callgrind-out-file={d}/cg.%p", sys.executable, __file__, "--inner"]
        if args.model:
            cmd += ["--model", args.model]
        done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
            return done.returncode
        counts = read_counts(Path(d))
    if set(counts) != set(PARTS):
        print(f"callgrind wrote {sorted(counts)}, expected {list(PARTS)}", file=sys.stderr)
        return 1
    print("instructions (millions), 15 gold articles, caches cleared before each part")
    for name in PARTS:
        print(f"  {name:8s} {counts[name]:10,.0f}")
    for mode, lex, clf in (("article by article", "art_lex", "art_clf"),
                           ("in one chunk", "ch_lex", "ch_clf")):
        print(f"classifier / lexicon, {mode}: {counts[clf] / counts[lex]:.2f}x "
              f"(the models' part: {counts[clf] - counts[lex]:,.0f} M)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
