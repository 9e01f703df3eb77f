"""Put every miss and every false alarm of the lexicon scorer on coded real news in one category.

Categories are decided from the scorer's own evidence (its cues, mentions and framings) against
the coding, so the counts are reproducible and anyone can re-run them after a change:

misses (a coded (sentence, party, frame) the scorer did not find)
  party not found      the party has no mention in the sentence (name, pronoun, role noun): the
                       holder is in another sentence, or the actor dictionary misses the alias
  wrong party          a cue of the frame is in the sentence, and went to another party
  frame confusion      the scorer framed the party in the sentence, with another frame
  cue, no holder       a cue of the frame is in the sentence and went to no one
  negated or hedged    a cue of the frame is in the sentence and was cancelled (negation,
                       condition, denial)
  talks and meetings   no cue; the sentence reports talks or a meeting (conciliatory)
  conditions           no cue; the sentence sets a condition (hard-line)
  quotation            no cue; the party speaks in a quotation
  cue missing          no cue of the frame in the sentence at all

false alarms (a framing the coding neither requires nor allows)
  wrong party          the coders gave the frame in that sentence to another party
  frame confusion      the coders gave the party another frame in that sentence
  narrator             the sentence frames no one in the coding and the cue went to a party
                       through no speaker or subject of its own ("main_clause", "scope")
  no stance            the coders saw no stance of that party in the sentence

Usage::

    python scripts/error_taxonomy.py [realnews:dev] [--method lexicon] [--examples 3]
        [--model lexicons/model-mpnet-frames.skops]

Only the development split is analysed by default; the test split is for the final figures.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict

from framing.api import score_article
from framing.lexicon.cues import FrameLexicon, default_boundaries
from framing.measure.realnews import load_realnews, parse_spec
from framing.read.text import tokenize

TALKS = re.compile(r"\b(talks?|talked|meet|met|meeting|negotiat\w*|discuss\w*|summit|dialogue)\b",
                   re.I)
CONDITION = re.compile(r"\b(only if|unless|until|must first|on condition|provided that)\b", re.I)
QUOTE = re.compile(r"[\"“”]")


def classify_article(gold, method: str, lexicon: FrameLexicon, model: str | None = None):
    extra = {"model": model} if model and method != "lexicon" else {}
    res = score_article(gold.text, actors=gold.actors, actors_mode=gold.actors_mode,
                        method=method, sentiment=False, **extra)
    # Gold sentence of each scorer sentence (the one holding its middle).
    where = {s.index: gold.locate((s.start + s.end) // 2) for s in res.sentences}
    found = defaultdict(set)  # gold sentence -> {(party, frame)}
    rules = {}
    for f in res.framings:
        k = where[f.sentence]
        found[k].add((f.actor, f.frame))
        rules[(k, f.actor, f.frame)] = f.rule
    mentioned = defaultdict(set)
    for m in res.mentions:
        mentioned[where[m.sentence]].add(m.actor)
    cues = defaultdict(set)  # gold sentence -> frames of the cues it holds
    for k, s in enumerate(gold.sentences):
        toks = tokenize(s.text)
        cues[k] = {m.row.frame for m in lexicon.match(toks, default_boundaries(toks))}
    out = []
    for k, s in enumerate(gold.sentences):
        for party, frame in s.labels:
            if (party, frame) in found[k]:
                continue
            if party not in mentioned[k]:
                cat = "party not found"
            elif frame in cues[k] and any(f == frame and a != party for a, f in found[k]):
                cat = "wrong party"
            elif any(a == party for a, _ in found[k]):
                cat = "frame confusion"
            elif frame in cues[k] and not any(f == frame for _, f in found[k]):
                cat = "negated or hedged" if re.search(r"\b(not|no|never|n't|if)\b", s.text,
                                                      re.I) else "cue, no holder"
            elif frame == "conciliatory" and TALKS.search(s.text):
                cat = "talks and meetings"
            elif frame == "hard-line" and CONDITION.search(s.text):
                cat = "conditions"
            elif QUOTE.search(s.text):
                cat = "quotation"
            else:
                cat = "cue missing"
            out.append(("miss", cat, frame, gold.id, k, party, s.text))
        allowed = s.labels | s.optional
        for party, frame in found[k]:
            if party not in gold.actors or (party, frame) in allowed:
                continue
            if any(f == frame and a != party for a, f in s.labels):
                cat = "wrong party"
            elif any(a == party for a, _ in s.labels):
                cat = "frame confusion"
            elif not s.labels and rules.get((k, party, frame)) in ("main_clause", "scope"):
                cat = "narrator"
            else:
                cat = "no stance"
            out.append(("false alarm", cat, frame, gold.id, k, party, s.text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default="realnews:dev")
    ap.add_argument("--method", default="lexicon")
    ap.add_argument("--examples", type=int, default=0, help="example sentences per category")
    ap.add_argument("--shared", help="folder with data/wikinews and data/newsmtsc")
    ap.add_argument("--model", help="model file of the classifier and ensemble methods "
                                    "(default: the shipped lexicons/model.skops)")
    args = ap.parse_args()
    corpora, splits = parse_spec(args.data)
    golds = load_realnews(corpora, splits, shared=args.shared)
    lexicon = FrameLexicon.default()
    rows = [r for g in golds for r in classify_article(g, args.method, lexicon, args.model)]
    counts = Counter((kind, cat) for kind, cat, *_ in rows)
    by_frame = Counter((kind, cat, frame) for kind, cat, frame, *_ in rows)
    print(f"{args.data}, method {args.method}"
          + (f", model {args.model}" if args.model else "") + f": {len(golds)} articles")
    for kind in ("miss", "false alarm"):
        total = sum(v for (k, _), v in counts.items() if k == kind)
        print(f"\n{kind}es: {total}" if kind == "miss" else f"\n{kind}s: {total}")
        for (k, cat), v in counts.most_common():
            if k != kind:
                continue
            per = ", ".join(f"{f} {by_frame[(kind, cat, f)]}" for f in
                            ("hard-line", "skeptical", "conciliatory") if by_frame[(kind, cat, f)])
            print(f"  {cat:20} {v:4}   ({per})")
            shown = [r for r in rows if r[:2] == (kind, cat)][:args.examples]
            for _, _, frame, gid, k, party, text in shown:
                print(f"      [{frame} {party}] {gid.split(':', 1)[1][:40]}#{k}: {text[:150]}")


if __name__ == "__main__":
    main()
