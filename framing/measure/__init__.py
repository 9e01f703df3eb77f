"""Measurement against human coding: scores, gold articles, cross-validation, the coded real news.

The fourth stage: it scores articles with any method (through :func:`framing.score_article`)
and compares the framings with coders' labels, by the units of the annotation guideline.
Modules, bottom to top:

- ``metrics``: plain scores over labels: confusion counts, precision, recall, F1, calibration.
- ``evaluation``: gold-coded articles (:class:`~framing.measure.evaluation.GoldArticle`,
  ``load_gold``) and their scores (``evaluate``, ``score_predictions``, ``Evaluation``).
- ``realnews``: the project's coding of Wikinews and NewsMTSC, as gold articles and training
  items (``load_realnews``, ``realnews_training``), and the reader of (sentence, party) lines
  keyed by the public data sets' records (``party_rows``).
- ``coded_sentiment``: the project's coding of sentiment toward the parties of multi-party
  Wikinews and BABE sentences (``load_coded_sentiment``, ``coder_agreement``).
- ``distilled``: soft sentiment labels of real news no one coded, from the fine-tuned encoder,
  for training the default sentiment model (``load_soft_labels``, ``soft_label_rows``).
- ``validation``: cross-validation of lexicon, classifier and ensemble on coded items, and
  methods side by side on gold articles (``cross_validate``, ``compare_methods``).

May import: the ground floor, :mod:`framing.read`, :mod:`framing.lexicon`, :mod:`framing.learn`
and :mod:`framing.api`.
"""
