"""The lexicon method: cues found in each sentence and given to the party that holds the stance.

The second stage: it reads the parsed text of :mod:`framing.read` and gives an
:class:`~framing.results.ArticleFraming` with the evidence for every framing. Modules, bottom to
top:

- ``cues``: the cue tables (``lexicons/frames.tsv`` and users' files) compiled and matched in a
  sentence (:class:`~framing.lexicon.cues.FrameLexicon`, ``CueMatch``, ``load_lexicon``).
- ``attribution``: the rules that give each cue to a party: possessive, passive agent, subject,
  the holder of a refusal or directive, a quotation's speaker (``attribute``).
- ``sentiment``: VADER sentence sentiment, on the lexicon of the installed vaderSentiment.
- ``scoring``: the lexicon scorer of a whole article, and the per-party summaries
  (``score_article`` with ``method="lexicon"``, ``dominant_frames``).

The data files live apart, in ``lexicons/`` (installed as ``framing.lexicons``).

May import: the ground floor (``framing.labels``, ``errors``, ``resources``, ``results``) and
:mod:`framing.read`.
"""
