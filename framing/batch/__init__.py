"""Corpus jobs: many articles read, scored and written, in this process, in workers or on Dask.

The fifth stage: it scores each article with :func:`framing.score_article` (or a model's
batched path) and writes one row per (article, party). Modules, bottom to top:

- ``io``: streaming readers (JSONL, CSV, Parquet, a folder of ``.txt``) and crash-safe,
  resumable writers, chunk by chunk, each column of one recorded kind (``read_corpus``,
  ``open_writer``, ``read_batch``).
- ``schema``: the one rule for output column names and ids (``ColumnNamer``, ``assign_ids``)
  and the pass over a corpus file that fixes them before scoring (``plan_corpus``).
- ``corpus``: :func:`~framing.batch.corpus.score_corpus` and the chunked, parallel scoring
  behind ``framing batch`` (``Scorer``, ``iter_scored``).
- ``dask``: the same rows from a Dask DataFrame or cluster (``score_dask``).

May import: the ground floor, :mod:`framing.read`, :mod:`framing.lexicon`, :mod:`framing.learn`
and :mod:`framing.api` (not :mod:`framing.measure`, which it does not need).
"""
