"""Which texts of the project each row of lexicons/frames.tsv fires on, and what rests on one.

A cue row should be a word a careful coder would accept in any story about a dispute. A row
that fires on a single article of the project was likely written from that article; this
script lists those rows and scores the seed article without the rows that fire only on it.

Texts searched (tuning data only; the real-news dev and test splits are never read):
the seed and the project's gold articles (``tests/data/gold``), the held-out articles
(``tests/data/heldout``), the training stories (``training/*.jsonl``), the demo corpus, and,
with ``--realnews``, the real-news train split (needs ``../shared``).

Usage::

    python scripts/lexicon_sources.py [--realnews] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from framing import evaluate
from framing.lexicon.cues import FrameLexicon, default_boundaries
from framing.read.text import clean_article, tokenize

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "gold" / "seed-000.json"


def row_key(row) -> str:
    return f"{row.pattern}\t{row.frame}"


def texts(realnews: bool):
    """(source, text) for every text of the tuning data."""
    for folder in ("gold", "heldout"):
        for p in sorted((ROOT / "tests" / "data" / folder).glob("*.json")):
            yield f"{folder}:{p.stem}", json.loads(p.read_text(encoding="utf-8"))["text"]
    seen = set()
    for p in sorted((ROOT / "training").glob("*.jsonl")):
        for line in p.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r["text"] not in seen:
                seen.add(r["text"])
                yield f"training:{r['story']}", r["text"]
    from framing.datasets import load_demo_corpus

    for _, r in load_demo_corpus().iterrows():
        yield f"demo:{r.id}", r.text
    if realnews:
        from framing import load_realnews

        for g in load_realnews("wikinews", "train"):
            yield f"realnews-train:{g.id}", g.text


def sources(lexicon: FrameLexicon, realnews: bool) -> dict[str, set[str]]:
    """Row key -> the sources (article or story) it fires in."""
    fires: dict[str, set[str]] = defaultdict(set)
    for source, text in texts(realnews):
        for s in clean_article(text).sentences:
            toks = tokenize(s.text)
            for m in lexicon.match(toks, default_boundaries(toks)):
                fires[row_key(m.row)].add(source)
    return fires


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realnews", action="store_true",
                    help="also search the real-news train split (reads ../shared)")
    ap.add_argument("--json", metavar="OUT", help="write every row's sources to this file")
    args = ap.parse_args()
    lex = FrameLexicon.default()
    fires = sources(lex, args.realnews)
    rows = {row_key(r): r for r in lex.rows}
    single = {k: sorted(v)[0] for k, v in fires.items() if len(v) == 1}
    print(f"{len(rows)} rows; {sum(1 for k in rows if k in fires)} fire on the texts searched, "
          f"{len(single)} on exactly one article or story")
    for k in sorted(single, key=lambda k: (single[k], k)):
        examples = rows[k].example.count(" | ") + 1
        print(f"  {single[k]:32} {k.replace(chr(9), '  '):45} examples: {examples}")
    seed_only = {k for k, v in single.items() if v == "gold:seed-000"}
    for name, lexicon in (("all rows", lex),
                          (f"without the {len(seed_only)} rows that fire only on the seed",
                           FrameLexicon(tuple(r for r in lex.rows if row_key(r) not in seed_only),
                                        lex.modifiers))):
        ev = evaluate([SEED], lexicon=lexicon)
        print(f"seed, {name}: micro F1 {ev.micro.f1:.3f}, dominant frame "
              f"{ev.dominant_correct}/{ev.dominant_total}")
    if args.json:
        Path(args.json).write_text(json.dumps({k: sorted(v) for k, v in fires.items()},
                                              indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
