"""The scorer's outputs are byte-identical to those recorded in ``tests/data/output_digest.json``.

The digest covers the default method's ``score_article(text).to_dict()`` on the seed article, the
text of every file of ``tests/data/gold`` and ``tests/data/heldout``, and every article of the
demo corpus, each written with ``json.dumps(..., sort_keys=True, default=str)`` and hashed with
SHA-256; the ``total`` hashes the per-article digests in order. It guards refactors that must not
change what the package outputs (issue 14 moved every module into subpackages under it).

A deliberate change to scoring (a lexicon edit, a rule, a new model) changes the digest. Update it
in the same commit, and say in the message why the outputs changed::

    .venv/bin/python tests/test_output_digest.py --update

The article digests tell which outputs moved: compare ``git diff tests/data/output_digest.json``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
DIGEST_FILE = DATA / "output_digest.json"


def inputs() -> list[tuple[str, str]]:
    """``(name, text)`` of every article in the digest, in a fixed order."""
    from framing.datasets import load_demo_corpus

    out = [("seed", json.loads((DATA / "gold" / "seed-000.json").read_text("utf-8"))["text"])]
    for folder in ("gold", "heldout"):
        for path in sorted((DATA / folder).glob("*.json")):
            out.append((f"{folder}/{path.name}", json.loads(path.read_text("utf-8"))["text"]))
    corpus = load_demo_corpus()
    out.extend((f"demo/{row.id}", row.text) for row in corpus.itertuples())
    return out


def compute() -> dict:
    """Score every input with the default method and hash each output's JSON."""
    from framing import score_article

    articles = {}
    for name, text in inputs():
        blob = json.dumps(score_article(text).to_dict(), sort_keys=True, default=str)
        articles[name] = hashlib.sha256(blob.encode("utf-8")).hexdigest()
    total = hashlib.sha256("\n".join(f"{k} {v}" for k, v in articles.items()).encode()).hexdigest()
    return {"total": total, "articles": articles}


@pytest.mark.slow
def test_output_digest_unchanged():
    recorded = json.loads(DIGEST_FILE.read_text(encoding="utf-8"))
    now = compute()
    changed = sorted(k for k in recorded["articles"].keys() | now["articles"].keys()
                     if recorded["articles"].get(k) != now["articles"].get(k))
    assert changed == [], (
        f"outputs changed for {len(changed)} articles, e.g. {changed[:5]}; if the change to "
        "scoring is deliberate, run `python tests/test_output_digest.py --update`")
    assert now["total"] == recorded["total"]


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_output_digest.py --update")
    digest = compute()
    DIGEST_FILE.write_text(json.dumps(digest, indent=1) + "\n", encoding="utf-8")
    print(f"{DIGEST_FILE}: {len(digest['articles'])} articles, total {digest['total']}")
