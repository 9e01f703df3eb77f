"""scikit-learn estimators of ``framing``: a calibrated linear classifier for frames and
sentiment, and the pipelines that put it behind the party-aware features.

:class:`FrameClassifier` works on numeric features (so it passes scikit-learn's estimator
checks); :func:`make_frame_pipeline` combines it with
:class:`framing.learn.features.PartyFeaturizer`, and :func:`make_sentiment_pipeline` with
:class:`framing.learn.target_features.TargetSentimentFeaturizer` (and, optionally,
:class:`framing.learn.embeddings.TargetEmbedder`); both take (sentence, party span) items.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils.extmath import safe_sparse_dot
from sklearn.utils.multiclass import type_of_target
from sklearn.utils.validation import check_is_fitted, validate_data

from .features import PartyFeaturizer
from .target_features import TargetSentimentFeaturizer


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Calibrated logistic regression for one label or several independent labels.

    With ``y`` a 1-d array it is an ordinary (multi-class) classifier; with ``y`` a 2-d 0/1
    indicator matrix (one column per frame) it fits one calibrated binary model per column,
    so a sentence can show a party holding several frames, or none.

    Parameters
    ----------
    C : float, default=4.0
        Inverse regularisation strength of the logistic regression.
    class_weight : {"balanced"} or None, default="balanced"
    calibration : {"sigmoid", "isotonic"} or None, default="sigmoid"
        Probability calibration with ``CalibratedClassifierCV`` (cross-validated); None uses
        the logistic regression's own probabilities.
    cv : int, default=3
        Folds of the calibration (reduced automatically for tiny classes), stratified and
        shuffled with ``random_state``, so that the model does not depend on the order of the
        rows.
    max_iter : int, default=2000
    tol : float, default=1e-3
        Stopping tolerance of the solver.
    n_jobs : int or None, default=None
        Processes for the calibration folds (``-1``: all cores).
    random_state : int or None, default=0

    Attributes
    ----------
    classes_ : ndarray
        Class labels (multi-class) or column indices (multi-label).
    multilabel_ : bool
    estimators_ : list
        One fitted model per label column (multi-label) or a single one.
    n_features_in_ : int
    n_iter_ : ndarray
        Iterations of the solver, per fitted model.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [0.1, 0.9], [0.9, 0.1]] * 5)
    >>> clf = FrameClassifier(calibration=None).fit(X, [1, 0, 1, 0] * 5)
    >>> clf.predict([[0.0, 1.0]]).tolist()
    [1]
    """

    def __init__(self, *, C=4.0, class_weight="balanced", calibration="sigmoid", cv=3,
                 max_iter=2000, tol=1e-3, n_jobs=None, random_state=0):
        self.C = C
        self.class_weight = class_weight
        self.calibration = calibration
        self.cv = cv
        self.max_iter = max_iter
        self.tol = tol
        self.n_jobs = n_jobs
        self.random_state = random_state

    def _base(self):
        return LogisticRegression(C=self.C, class_weight=self.class_weight, tol=self.tol,
                                  max_iter=self.max_iter, random_state=self.random_state)

    def _fit_one(self, X, y, sample_weight=None):
        y = np.asarray(y)
        _, counts = np.unique(y, return_counts=True)
        folds = int(min(self.cv, counts.min())) if len(counts) > 1 else 0
        if self.calibration is None or folds < 2:
            return self._base().fit(X, y, sample_weight=sample_weight)
        if self.calibration not in ("sigmoid", "isotonic"):
            raise ValueError(f"calibration must be one of ['sigmoid', 'isotonic', None]; "
                             f"got {self.calibration!r}")
        # ensemble=False: one model fitted on all data, calibrated on cross-validated
        # predictions, so a saved model holds one set of weights per label.
        # Shuffled, seeded folds: training data is often several sources concatenated (coded
        # items, then soft-labelled ones), and folds cut in order would each calibrate on a
        # different source, so the model would depend on the order of the sources.
        cv = StratifiedKFold(folds, shuffle=True, random_state=self.random_state)
        return CalibratedClassifierCV(self._base(), method=self.calibration,
                                      cv=cv, ensemble=False, n_jobs=self.n_jobs).fit(
                                          X, y, sample_weight=sample_weight)

    def fit(self, X, y, sample_weight=None):
        """Fit on a feature matrix and labels (1-d) or a 0/1 indicator matrix (2-d).

        ``sample_weight`` (one non-negative number per row) scales each row's share of the loss
        and of the calibration; with ``class_weight="balanced"`` the class weights are still
        computed from the row counts. It is how soft labels are learnt: an item given once per
        class, weighted by that class's probability
        (:meth:`framing.learn.models.SoftLabels.expand`).
        """
        X, y = validate_data(self, X, y, accept_sparse="csr", multi_output=True,
                             y_numeric=False)
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight, dtype=np.float64)
            if sample_weight.shape != (X.shape[0],):
                raise ValueError(f"sample_weight must hold one number per row ({X.shape[0]}); "
                                 f"got shape {sample_weight.shape}")
            if not np.all(np.isfinite(sample_weight)) or (sample_weight < 0).any():
                raise ValueError("sample_weight must be finite and non-negative")
        kind = type_of_target(y)
        self.multilabel_ = kind == "multilabel-indicator"
        if self.multilabel_:
            y = np.asarray(y)
            self.classes_ = np.arange(y.shape[1])
            self.estimators_ = []
            for k in range(y.shape[1]):
                col = y[:, k]
                if len(np.unique(col)) < 2:
                    self.estimators_.append(float(col[0]))  # constant column
                else:
                    self.estimators_.append(self._fit_one(X, col, sample_weight))
        else:
            if y.ndim > 1 and y.shape[1] == 1:
                y = y.ravel()
            self._binarizer = LabelBinarizer().fit(y)
            self.classes_ = self._binarizer.classes_
            if len(self.classes_) < 2:
                raise ValueError("FrameClassifier needs samples of at least 2 classes; got 1 "
                                 "class")
            self.estimators_ = [self._fit_one(X, y, sample_weight)]
        self.n_iter_ = np.array([_n_iter(e) for e in self.estimators_])
        return self

    def predict_proba(self, X):
        """Probabilities: (n, n_classes), or for multi-label (n, n_labels) of P(label)."""
        check_is_fitted(self, "estimators_")
        return self._proba_checked(validate_data(self, X, accept_sparse="csr", reset=False))

    def _proba_checked(self, X):
        """:meth:`predict_proba` of an ``X`` already known to be a valid feature matrix
        (a fitted featuriser's output): what :func:`pipeline_proba` calls."""
        if self.multilabel_:
            cols = []
            for est in self.estimators_:
                if isinstance(est, float):
                    cols.append(np.full(X.shape[0], est))
                else:
                    cols.append(_proba(est, X)[:, 1])
            return np.column_stack(cols)
        return _proba(self.estimators_[0], X)

    def predict(self, X, threshold=0.5):
        """Labels (multi-class) or a 0/1 indicator matrix (multi-label, P >= threshold)."""
        proba = self.predict_proba(X)
        if self.multilabel_:
            return (proba >= threshold).astype(int)
        return self.classes_[np.argmax(proba, axis=1)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.target_tags.multi_output = True
        return tags


def _proba(est, X) -> np.ndarray:
    """``est.predict_proba(X)`` for a fitted, validated ``X``.

    A sigmoid-calibrated logistic regression (what :class:`FrameClassifier` fits) is computed
    here directly, with the same arithmetic as scikit-learn but without its per-call input
    checks, which cost more than the product itself when an article has a few dozen items.
    Anything else goes to the estimator.
    """
    cc = getattr(est, "calibrated_classifiers_", None)
    if (cc is None or len(cc) != 1 or cc[0].method != "sigmoid"
            or not isinstance(cc[0].estimator, LogisticRegression)
            or not np.array_equal(cc[0].estimator.classes_, est.classes_)):
        return est.predict_proba(X)
    lr, calibrators = cc[0].estimator, cc[0].calibrators
    scores = safe_sparse_dot(X, lr.coef_.T, dense_output=True) + lr.intercept_
    n_classes = len(est.classes_)
    proba = np.zeros((X.shape[0], n_classes))
    if n_classes == 2:
        proba[:, 1] = expit(-(calibrators[0].a_ * scores[:, 0] + calibrators[0].b_))
        proba[:, 0] = 1.0 - proba[:, 1]
    else:
        for k, cal in enumerate(calibrators):
            proba[:, k] = expit(-(cal.a_ * scores[:, k] + cal.b_))
        total = proba.sum(axis=1)[:, np.newaxis]
        proba = np.divide(proba, total, out=np.full_like(proba, 1 / n_classes),
                          where=total != 0)
    proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
    return proba


def pipeline_proba(pipe: Pipeline, items: Sequence[Any]) -> np.ndarray:
    """``pipe.predict_proba(items)`` for a fitted featuriser + :class:`FrameClassifier`
    pipeline, without the per-call checks of scikit-learn's ``Pipeline`` (tags, output
    wrapping, input validation), which cost more than the work for the few items of one
    article. The features come from the pipeline's own fitted featuriser, so they are valid by
    construction; any other pipeline goes through ``predict_proba``.

    Examples
    --------
    >>> from framing.learn.models import default_model
    >>> pipe = default_model().frames
    >>> items = [("Kyiv rejected the offer.", (0, 4))]
    >>> bool(np.allclose(pipeline_proba(pipe, items), pipe.predict_proba(items)))
    True
    """
    *head, (_, last) = pipe.steps
    if not isinstance(last, FrameClassifier) or not hasattr(last, "estimators_"):
        return pipe.predict_proba(items)
    X: Any = items
    for _, step in head:
        if step is None or step == "passthrough":
            continue
        X = step.transform(X)
    if not sparse.issparse(X) or X.shape[1] != last.n_features_in_:
        return last.predict_proba(X)
    return last._proba_checked(X.tocsr())


def _n_iter(est) -> int:
    if isinstance(est, float):
        return 0
    if hasattr(est, "calibrated_classifiers_"):
        return int(max(np.max(getattr(c.estimator, "n_iter_", 0))
                       for c in est.calibrated_classifiers_))
    return int(np.max(est.n_iter_))


def make_frame_pipeline(*, n_jobs=None, **featurizer_params) -> Pipeline:
    """Features + multi-label frame classifier: fit on items and an (n, 3) indicator matrix.

    Examples
    --------
    >>> pipe = make_frame_pipeline(min_df=1)
    >>> sorted(pipe.named_steps)
    ['classifier', 'features']
    """
    # Character n-grams stay: leave-one-dispute-kind-out micro F1 is the same without them
    # (0.749 vs 0.750), but the dominant frame per (article, party) on the held-out gold
    # articles drops from 0.750 to 0.607 for the ensemble. char_ngrams=None is the cheaper
    # choice for corpora where only sentence-level shares are used.
    return Pipeline([("features", PartyFeaturizer(**featurizer_params)),
                     ("classifier", FrameClassifier(n_jobs=n_jobs))])


#: C, embedding weight and views of the sentiment model with sentence embeddings: the encoder's
#: vectors at the party (``"target"``), standardised. Chosen by 5-fold cross-validation on
#: NewsMTSC train grouped by sentence (benchmarks/cv_target_sentiment.py; docs/accuracy.md).
EMBEDDINGS_C = 0.3
EMBEDDINGS_WEIGHT = 4.0
EMBEDDINGS_VIEWS = ("target",)


def make_sentiment_pipeline(*, n_jobs: int | None = None, C: float | None = None,
                            embeddings: bool = False, embedding_weight: float | None = None,
                            encoder: str | None = None, **featurizer_params: Any) -> Pipeline:
    """Target-centred features + 3-class sentiment classifier (negative, neutral, positive
    toward the party).

    Parameters
    ----------
    n_jobs : int or None
        Processes for the calibration folds.
    C : float, optional
        Inverse regularisation of the logistic regression: 1.0 by default, or
        :data:`EMBEDDINGS_C` with ``embeddings=True``. Both (and the featuriser's defaults)
        were chosen by 5-fold cross-validation on NewsMTSC train, grouped by sentence (see
        ``benchmarks/bench_classifier.py`` and ``benchmarks/bench_embeddings.py`` for the dev
        figures).
    embeddings : bool, default=False
        Add sentence embeddings of the item (:class:`framing.learn.embeddings.TargetEmbedder`,
        needs ``pip install 'framing[embeddings]'``) beside the target-centred features.
    embedding_weight : float, optional
        Length of an item's (standardised) embedding block (:data:`EMBEDDINGS_WEIGHT` by
        default).
    encoder : str, optional
        Registered encoder name of the embeddings (``"all-minilm-l6-v2"`` by default).
    **featurizer_params
        Passed to :class:`framing.learn.target_features.TargetSentimentFeaturizer`.

    Examples
    --------
    >>> pipe = make_sentiment_pipeline(min_df=1)
    >>> type(pipe.named_steps["features"]).__name__
    'TargetSentimentFeaturizer'
    >>> pipe = make_sentiment_pipeline(embeddings=True)
    >>> [name for name, _ in pipe.named_steps["features"].transformer_list]
    ['target', 'embeddings']
    """
    features: Any = TargetSentimentFeaturizer(**featurizer_params)
    if embeddings:
        from .embeddings import DEFAULT_ENCODER, TargetEmbedder

        embedder = TargetEmbedder(
            views=EMBEDDINGS_VIEWS, encoder=encoder or DEFAULT_ENCODER, standardize=True,
            weight=EMBEDDINGS_WEIGHT if embedding_weight is None else embedding_weight)
        features = FeatureUnion([("target", features), ("embeddings", embedder)])
        C = EMBEDDINGS_C if C is None else C
    elif encoder is not None or embedding_weight is not None:
        raise ValueError("encoder= and embedding_weight= need embeddings=True")
    return Pipeline([("features", features),
                     ("classifier", FrameClassifier(C=1.0 if C is None else C, n_jobs=n_jobs))])


class ProbaBlend(ClassifierMixin, BaseEstimator):
    """The weighted mean of several classifiers' probabilities over the same items.

    Each member is fitted on the same rows (a pipeline's ``sample_weight`` goes to its last
    step); the members' classes are matched by name, so they may order them differently.

    Parameters
    ----------
    members : list of estimators
        Classifiers over (sentence, party) items: pipelines or estimators with
        ``predict_proba``.
    weights : list of float
        One non-negative weight per member; they are normalised to sum to one.

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> blend = ProbaBlend([DummyClassifier(strategy="prior"),
    ...                     DummyClassifier(strategy="uniform")], [0.5, 0.5])
    >>> blend = blend.fit([[0], [1], [2], [3]], ["a", "a", "a", "b"])
    >>> blend.predict_proba([[0]]).round(3).tolist()
    [[0.625, 0.375]]
    """

    def __init__(self, members: Sequence[Any], weights: Sequence[float]) -> None:
        self.members = members
        self.weights = weights

    def _checked_weights(self) -> np.ndarray:
        w = np.asarray(self.weights, dtype=float)
        if w.shape != (len(self.members),) or (w < 0).any() or not w.sum() > 0:
            raise ValueError(f"ProbaBlend needs one non-negative weight per member, not all "
                             f"zero; got {list(self.weights)} for {len(self.members)} members")
        return w / w.sum()

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> ProbaBlend:
        """Fit a clone of every member on ``X``, ``y`` (and ``sample_weight``)."""
        from sklearn.base import clone

        self._checked_weights()
        self.members_ = []
        for member in self.members:
            est = clone(member)
            if sample_weight is None:
                est.fit(X, y)
            elif isinstance(est, Pipeline):
                est.fit(X, y, **{f"{est.steps[-1][0]}__sample_weight": sample_weight})
            else:
                est.fit(X, y, sample_weight=sample_weight)
            self.members_.append(est)
        return self._with_members(self.members_)

    def _with_members(self, fitted: list[Any]) -> ProbaBlend:
        """This blend with its fitted members, and the classes they name between them."""
        self.members_ = fitted
        self.classes_ = np.array(sorted({str(c) for m in fitted for c in m.classes_}))
        return self

    @classmethod
    def of_fitted(cls, members: Sequence[Any], weights: Sequence[float]) -> ProbaBlend:
        """A blend of members that are already fitted (on the same rows or not), as they are.

        How the frame model blends a sparse model of the coded items with a network that
        also learnt soft labels (:func:`framing.learn.models.train_model`).

        Examples
        --------
        >>> from sklearn.dummy import DummyClassifier
        >>> a = DummyClassifier(strategy="prior").fit([[0], [1]], ["x", "y"])
        >>> b = DummyClassifier(strategy="prior").fit([[0], [1], [2]], ["x", "x", "y"])
        >>> ProbaBlend.of_fitted([a, b], [1, 1]).predict_proba([[0]]).round(3).tolist()
        [[0.583, 0.417]]
        """
        blend = cls(list(members), list(weights))
        blend._checked_weights()
        for member in blend.members:
            check_is_fitted(member)
        return blend._with_members(list(blend.members))

    def predict_proba(self, X: Any) -> np.ndarray:
        """The weighted mean of the members' probabilities, columns in ``classes_``."""
        check_is_fitted(self, "members_")
        items = list(X)
        out = np.zeros((len(items), len(self.classes_)))
        col = {c: k for k, c in enumerate(self.classes_)}
        for w, member in zip(self._checked_weights(), self.members_, strict=True):
            p = (pipeline_proba(member, items) if isinstance(member, Pipeline)
                 else member.predict_proba(items))
            for j, c in enumerate(member.classes_):
                out[:, col[str(c)]] += w * p[:, j]
        return out

    def predict(self, X: Any) -> np.ndarray:
        """The class with the highest mean probability."""
        return self.classes_[self.predict_proba(X).argmax(1)]
