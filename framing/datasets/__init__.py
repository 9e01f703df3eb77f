"""Illustrative data sets shipped with framing: load_demo_corpus() (see README.md here)."""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["load_demo_corpus"]


def load_demo_corpus() -> pd.DataFrame:
    """Load the illustrative demo corpus: invented articles from three invented outlets.

    The 48 short articles are made up to demonstrate the toolkit. The outlets, events,
    officials and quotations are all invented; none of it is real reporting. Each of eight
    invented events is covered by all three outlets with the same facts and different slants
    (see ``framing/datasets/README.md``).

    Returns
    -------
    pandas.DataFrame
        One row per article, in the file's order, with the columns

        - ``id`` (str): ``"demo-001"`` ... ``"demo-048"``
        - ``outlet`` (str): ``"The Northern Ledger"``, ``"Harbor Daily Wire"`` or
          ``"Coastal Tribune"``
        - ``date`` (datetime64): publication date, March to June 2025
        - ``title`` (str): the headline
        - ``text`` (str): the headline, a newline, then the body; ready for
          :func:`framing.score_article`
        - ``event`` (str): the invented event the article reports, e.g.
          ``"ceasefire-round-1"``
        - ``illustrative`` (bool): always ``True``

    Notes
    -----
    pandas is imported when the function is called, so ``import framing.datasets`` stays
    cheap. The file is read with :mod:`importlib.resources`, so it is found in editable and
    regular installs alike.

    Examples
    --------
    >>> df = load_demo_corpus(); df.outlet.nunique()
    3
    """
    import pandas as pd

    ref = resources.files("framing.datasets") / "demo_corpus.jsonl"
    records = [json.loads(line)
               for line in ref.read_text(encoding="utf-8").splitlines() if line.strip()]
    columns = ["id", "outlet", "date", "title", "text", "event", "illustrative"]
    df = pd.DataFrame.from_records(records, columns=columns)
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    df["illustrative"] = df["illustrative"].astype(bool)
    return df
