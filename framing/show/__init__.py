"""Views: plots of framing and sentiment, the HTML view of an article, and their colours.

The sixth stage: it draws what the stages below produce (an
:class:`~framing.results.ArticleFraming`, or the table of ``score_corpus``) and computes no
score itself. Modules, bottom to top:

- ``palette``: the frames' colours (Okabe–Ito, colour-blind safe), letters and text colours.
- ``html``: an article as HTML with its evidence highlighted (``render_article``); IPython shows
  a result with it.
- ``plot``: plots that take ``ax=`` and return the Axes (``frame_profile``,
  ``sentiment_by_party``, ``party_frame_heatmap``, ``framing_over_time``,
  ``outlet_comparison``) and the table behind the sentiment plot (``sentiment_summary``);
  ``framing.plot`` after ``import framing``.

Matplotlib is imported inside the plotting functions only.

May import: the ground floor (``framing.labels``, ``errors``, ``results``) and nothing above it:
a view takes results and tables, and never calls a scorer.
"""
