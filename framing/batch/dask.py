"""Score corpora on a Dask cluster.

Two ways, giving the same rows as :func:`framing.batch.corpus.score_corpus`:

* :func:`score_dask` maps the scorer over the partitions of a Dask DataFrame (read by the
  workers themselves, e.g. with ``dd.read_parquet``) and returns a lazy Dask DataFrame with the
  same columns and dtypes as ``score_corpus`` (``meta`` is given, nothing is computed early).
* ``framing batch INPUT -o OUTPUT --dask ADDRESS`` reads the input as a stream on the client,
  sends chunks of articles to the cluster and writes the results in order with the same
  crash-safe writers as the local path (so ``--resume``, error rows and line numbers work the
  same); :func:`open_dask_backend` is the piece that connects to the cluster.

The actor dictionary and lexicon are resolved once on the client and shipped once per worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..errors import FramingError, InputError
from ..labels import DEFAULT_METHOD
from .corpus import Backend, CorpusFrames, Scorer, score_frame

#: How long to wait for the scheduler when connecting.
CONNECT_TIMEOUT = "30s"

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe as dd
    import pandas as pd

    from ..lexicon.scoring import LexiconSource, SentimentOption
    from ..read.actors import ActorSource


def _parties_of(pdf: pd.DataFrame, scorer: Scorer, text: str, id: str) -> pd.DataFrame:
    return score_frame(pdf, scorer, text=text, id=id)[0]


def _both_of(pdf: pd.DataFrame, scorer: Scorer, text: str, id: str
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    parties, framings = score_frame(pdf, scorer, text=text, id=id)
    assert framings is not None
    return parties, framings


def score_dask(
    ddf: dd.DataFrame,
    *,
    text: str = "text",
    id: str = "id",
    actors: ActorSource | None = None,
    actors_mode: str = "extend",
    lexicon: LexiconSource = None,
    method: str = DEFAULT_METHOD,
    sentiment: SentimentOption = True,
    model: Any = None,
    evidence: bool = False,
) -> dd.DataFrame | CorpusFrames:
    """Score the articles of a Dask DataFrame, partition by partition (lazily).

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Articles with a ``text`` column (e.g. ``dd.read_parquet("corpus/")``).
    text, id : str
        Text and id columns; without an id column the index is used, so make it unique
        (``dd.from_pandas`` keeps the pandas index; readers restart it in every partition).
    actors, actors_mode, lexicon, method, sentiment, model
        As in :func:`framing.score_article`; resolved once, on the client.
    evidence : bool, default=False
        Also return the evidence table.

    Returns
    -------
    dask.dataframe.DataFrame or CorpusFrames
        The parties table, with the columns and dtypes of
        :func:`framing.batch.corpus.score_corpus` (``meta`` is set). With ``evidence=True``,
        ``CorpusFrames(parties, framings)`` of two Dask DataFrames that share the scoring
        tasks: compute them together (``dask.compute(res.parties, res.framings)``) or
        ``persist()`` them, or every article is scored twice.

    Raises
    ------
    InputError
        When ``ddf`` is not a Dask DataFrame or has no ``text`` column.

    Examples
    --------
    >>> import dask.dataframe as dd, pandas as pd
    >>> df = pd.DataFrame({"id": ["a", "b"], "outlet": ["Wire", "Daily"],
    ...                    "text": ["Moscow rejected the truce.", "Kyiv offered new talks."]})
    >>> res = score_dask(dd.from_pandas(df, npartitions=2))
    >>> res.compute()[["id", "outlet", "actor", "dominant"]].values.tolist()
    [['a', 'Wire', 'Russia', 'hard-line'], ['b', 'Daily', 'Ukraine', 'conciliatory']]

    On a cluster, connect a client first (``distributed.Client("tcp://scheduler:8786")``) and
    write the result from the workers, e.g. ``res.to_parquet("scores/")``.
    """
    import dask
    import dask.dataframe as dd

    if not isinstance(ddf, dd.DataFrame):
        raise InputError(f"score_dask expects a dask.dataframe.DataFrame; got "
                         f"{type(ddf).__name__} (use framing.batch.corpus.score_corpus for pandas)")
    if text not in ddf.columns:
        raise InputError(f"no column {text!r} in the Dask DataFrame; columns: "
                         f"{list(ddf.columns)}; pass text=<the text column>")
    scorer = Scorer.build(actors=actors, actors_mode=actors_mode, lexicon=lexicon,
                          method=method, sentiment=sentiment, evidence=evidence, model=model)
    meta_parties, meta_framings = score_frame(ddf._meta.iloc[:0], scorer, text=text, id=id)
    # One task holds the scorer, so a user dictionary is shipped once, not once per partition.
    shared = dask.delayed(scorer, pure=True)
    if not evidence:
        return ddf.map_partitions(_parties_of, shared, text, id, meta=meta_parties,
                                  clear_divisions=True, enforce_metadata=False)
    parts = [dask.delayed(_both_of, nout=2)(p, shared, text, id) for p in ddf.to_delayed()]
    parties = dd.from_delayed([p[0] for p in parts], meta=meta_parties, verify_meta=False)
    framings = dd.from_delayed([p[1] for p in parts], meta=meta_framings, verify_meta=False)
    return CorpusFrames(parties, framings)


def _score_texts(scorer: Scorer, texts: list[str]) -> list[Any]:
    return scorer.score_many(texts)


class DaskBackend(Backend):
    """Scores chunks of texts as tasks on a ``distributed`` cluster.

    The scorer is scattered to every worker once; at most two chunks per worker thread are
    pending, so the client's memory stays flat.
    """

    def __init__(self, client: Any, scorer: Scorer) -> None:
        super().__init__(scorer)
        self.client = client
        [self._scorer] = client.scatter([scorer], broadcast=True, hash=False)
        threads = sum(client.nthreads().values()) or 1
        self.max_in_flight = 2 * threads
        self._futures: list[Any] = []

    def submit(self, texts: list[str]) -> Any:
        future = self.client.submit(_score_texts, self._scorer, texts, pure=False)
        self._futures = [f for f in self._futures if not f.done()] + [future]
        return future

    def close(self, *, cancel: bool = False) -> None:
        if cancel and self._futures:
            self.client.cancel(self._futures)
        self._futures = []


@contextmanager
def open_dask_backend(address: str, scorer: Scorer, *, n_workers: int = 1
                      ) -> Iterator[DaskBackend]:
    """Connect to a Dask scheduler (or start a local cluster) and yield a backend.

    Parameters
    ----------
    address : str
        The scheduler's address (``tcp://host:8786``), or ``local`` for a
        ``LocalCluster`` of ``n_workers`` single-threaded worker processes.
    scorer : Scorer
    n_workers : int, default=1
        Workers of a ``local`` cluster.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover
        raise FramingError("--dask needs the 'distributed' package: pip install "
                           "'dask[distributed]'") from None
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as e:
        if cluster is not None:
            cluster.close()
        raise FramingError(f"cannot connect to the Dask scheduler at {address!r}: {e}") \
            from None
    backend = DaskBackend(client, scorer)
    try:
        yield backend
    except BaseException:
        backend.close(cancel=True)
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
