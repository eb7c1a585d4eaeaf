"""Compare two extractors on the same documents: a paired bootstrap of a figure's difference."""

from __future__ import annotations

import numpy as np

from boilerbench.labels import LABEL_IDS

from .bootstrap import DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED, paired_difference
from .figures import field_counts
from .metrics import prf_from_counts
from .results import Results

METRICS = {"precision": 0, "recall": 1, "f1": 2}


def compare(a: Results, b: Results, *, field: str = "body", metric: str = "f1",
            n_resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED,
            confidence: float = DEFAULT_CONFIDENCE) -> dict[str, float]:
    """The paired bootstrap of two results on the same documents: micro `metric` of `field` for A
    minus B, with an interval and a two-sided p-value from resampling the same documents for both.

    Parameters
    ----------
    a, b : Results
        Scored on the same documents (in any order).
    field : str, default "body"
        A label, or "compat" for the article-extraction-benchmark score.
    metric : str, default "f1"
        precision, recall or f1 (for "compat" also accuracy).
    n_resamples, seed, confidence : int, int, float
        The bootstrap's resamples (1000), seed (0) and the interval's coverage (0.95).

    Returns
    -------
    dict
        `difference` (A minus B), `low` and `high` (its interval) and `p_value`.

    Raises
    ------
    ValueError
        Results on different documents, or an unknown field or metric.

    Example
    -------
    >>> from boilerbench import Document, Prediction, compare, score
    >>> docs = [Document.from_rows(f"d{i}", [("body", f"Story {i} of the day."), ("promo", "Subscribe now.")])
    ...         for i in range(5)]
    >>> clean = score(docs, [Prediction(d.id, body=f"Story {i} of the day.") for i, d in enumerate(docs)])
    >>> leaky = score(docs, [Prediction(d.id, body=d.text) for d in docs])
    >>> result = compare(clean, leaky)
    >>> round(result["difference"], 3), result["p_value"] < 0.05
    (0.167, True)
    """
    if sorted(a.ids) != sorted(b.ids):
        raise ValueError("compare needs results on the same documents")
    if field == "compat":
        from . import compat

        if metric not in ("precision", "recall", "f1", "accuracy"):
            raise ValueError(f"unknown compat metric {metric!r}")
        order = np.argsort(b.ids)[np.argsort(np.argsort(a.ids))]
        n = len(a.ids)

        def compat_statistic(sums: np.ndarray) -> np.ndarray:
            return compat.from_sums(sums, n)[metric]

        return paired_difference(a.columns.compat, b.columns.compat[order], compat_statistic,
                                 n_resamples=n_resamples, seed=seed, confidence=confidence)
    if field not in LABEL_IDS or metric not in METRICS:
        raise ValueError(f"unknown field {field!r} or metric {metric!r}")
    order = np.argsort(b.ids)[np.argsort(np.argsort(a.ids))]  # b's rows in a's document order
    ca, cb = a.columns, b.columns
    xa = field_counts(ca.gold, ca.credit, ca.unmatched, (field,))[:, 0, :]
    xb = field_counts(cb.gold, cb.credit, cb.unmatched, (field,))[:, 0, :][order]
    z = a.summary["config"]["zero_division"]
    z = float("nan") if z is None else z

    def statistic(sums: np.ndarray) -> np.ndarray:
        return prf_from_counts(sums[..., 0], sums[..., 1], sums[..., 2], zero_division=z)[METRICS[metric]]

    return paired_difference(xa, xb, statistic, n_resamples=n_resamples, seed=seed, confidence=confidence)
