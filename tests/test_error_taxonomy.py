"""The error taxonomy script (scripts/error_taxonomy.py) on a gold article of the project (no
../shared needed): every miss and false alarm gets one category, and --model is the model the
classifier and the ensemble score with."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from framing.learn.models import load_model
from framing.lexicon.cues import FrameLexicon
from framing.measure.evaluation import as_gold

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import error_taxonomy

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold" / "gaza-ceasefire-01.json"


def _counts(rows):
    return Counter(kind for kind, *_ in rows)


def test_error_taxonomy_takes_the_model_it_is_given(tmp_path):
    gold, lexicon = as_gold(GOLD), FrameLexicon.default()
    shipped = error_taxonomy.classify_article(gold, "classifier", lexicon)
    assert shipped and {kind for kind, *_ in shipped} <= {"miss", "false alarm"}
    strict = load_model(ROOT / "lexicons" / "model.skops")
    strict.meta["threshold"] = 0.999  # finds (almost) nothing: every coded framing is missed
    path = tmp_path / "strict.skops"
    strict.save(path)
    rows = error_taxonomy.classify_article(gold, "classifier", lexicon, str(path))
    assert _counts(rows)["miss"] > _counts(shipped)["miss"]
    assert _counts(rows)["false alarm"] < _counts(shipped)["false alarm"]
    # the lexicon method has no model: the same rows with or without one
    assert (error_taxonomy.classify_article(gold, "lexicon", lexicon, str(path))
            == error_taxonomy.classify_article(gold, "lexicon", lexicon))
