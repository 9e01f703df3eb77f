"""framing: who is framed hard-line, skeptical or conciliatory in the news, with the evidence.

Quick start
-----------
>>> import framing
>>> res = framing.score_article("Moscow rejected the truce proposed by Washington.")
>>> sorted((f.actor, f.frame) for f in res.framings)
[('Russia', 'hard-line'), ('United States', 'conciliatory')]

The public API is re-exported here and imported lazily, so ``import framing`` stays cheap and
does not load scikit-learn, pandas or matplotlib. The code is a stack of stages, one subpackage
each, in the order an article goes through them: ``read``, ``lexicon``, ``learn``, then
``api`` (which chooses the method), ``measure``, ``batch``, ``show`` and ``cli``
(``docs/architecture.md``).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "score_article": "framing.api",
    "dominant_frames": "framing.lexicon.scoring",
    "ArticleFraming": "framing.results",
    "Framing": "framing.results",
    "PartySummary": "framing.results",
    "ActorDictionary": "framing.read.actors",
    "resolve_actors": "framing.read.actors",
    "FrameLexicon": "framing.lexicon.cues",
    "load_lexicon": "framing.lexicon.cues",
    "clean_article": "framing.read.text",
    "FRAMES": "framing.labels",
    "FramingError": "framing.errors",
    "LexiconError": "framing.errors",
    "InputError": "framing.errors",
    "load_gold": "framing.measure.evaluation",
    "evaluate": "framing.measure.evaluation",
    "target_sentiment": "framing.learn.classify",
    "score_corpus": "framing.batch.corpus",
    "load_model": "framing.learn.models",
    "train_model": "framing.learn.models",
    "cross_validate": "framing.measure.validation",
    "compare_methods": "framing.measure.validation",
    "load_realnews": "framing.measure.realnews",
    "read_batch": "framing.batch.io",
    "realnews_training": "framing.measure.realnews",
}

__all__ = [
    "FRAMES",
    "ActorDictionary",
    "ArticleFraming",
    "FrameLexicon",
    "Framing",
    "FramingError",
    "InputError",
    "LexiconError",
    "PartySummary",
    "clean_article",
    "compare_methods",
    "cross_validate",
    "dominant_frames",
    "evaluate",
    "load_gold",
    "load_lexicon",
    "load_model",
    "load_realnews",
    "read_batch",
    "realnews_training",
    "resolve_actors",
    "score_article",
    "score_corpus",
    "target_sentiment",
    "train_model",
]

if TYPE_CHECKING:  # pragma: no cover
    from .api import score_article
    from .batch.corpus import score_corpus
    from .batch.io import read_batch
    from .errors import FramingError, InputError, LexiconError
    from .labels import FRAMES
    from .learn.classify import target_sentiment
    from .learn.models import load_model, train_model
    from .lexicon.cues import FrameLexicon, load_lexicon
    from .lexicon.scoring import dominant_frames
    from .measure.evaluation import evaluate, load_gold
    from .measure.realnews import load_realnews, realnews_training
    from .measure.validation import compare_methods, cross_validate
    from .read.actors import ActorDictionary, resolve_actors
    from .read.text import clean_article
    from .results import ArticleFraming, Framing, PartySummary


#: Modules reached as attributes after a plain ``import framing``:
#: ``framing.plot.frame_profile(...)``, ``framing.datasets.load_demo_corpus()``.
_SUBMODULES = {
    "plot": "framing.show.plot",
    "datasets": "framing.datasets",
    "classify": "framing.learn.classify",
    "models": "framing.learn.models",
    "features": "framing.learn.features",
    "estimators": "framing.learn.estimators",
    "evaluation": "framing.measure.evaluation",
    "html": "framing.show.html",
    "corpus": "framing.batch.corpus",
    "text": "framing.read.text",
    "actors": "framing.read.actors",
    "cues": "framing.lexicon.cues",
    "metrics": "framing.measure.metrics",
    "validation": "framing.measure.validation",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name in _SUBMODULES:
        return importlib.import_module(_SUBMODULES[name])
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def _html_fragment(res: ArticleFraming) -> str:
    from .show.html import render_article

    return render_article(res, standalone=False)


def _show_results_as_html() -> None:
    """In IPython and Jupyter, display an :class:`ArticleFraming` as its HTML view.

    The result objects sit low in the package and never import the views above them, so the
    HTML view is registered here, by the class's module and name: neither module is imported
    until a result is displayed. Outside IPython this does nothing.
    """
    get_ipython = getattr(sys.modules.get("IPython"), "get_ipython", None)
    shell = get_ipython() if get_ipython is not None else None
    if shell is not None:
        html = shell.display_formatter.formatters["text/html"]
        html.for_type_by_name("framing.results", "ArticleFraming", _html_fragment)


_show_results_as_html()
