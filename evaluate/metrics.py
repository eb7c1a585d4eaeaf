"""Precision, recall and F1 from counts, with scikit-learn's definitions (a test checks them
against `sklearn.metrics.precision_recall_fscore_support`): plain arrays in, plain arrays out,
and an explicit `zero_division` for the ratios that are 0/0.

- precision = TP / (TP + FP); with no predicted tokens (TP + FP = 0) it is `zero_division`.
  An empty prediction is therefore never dropped: with the default 0.0 it scores precision 0.
- recall = TP / (TP + FN); with no gold tokens of the label it is `zero_division`, and
  per-document (macro) averages leave such documents out (`support` = 0), counting them apart.
- F1 = 2PR / (P + R); 0 when P + R = 0; `zero_division` when TP + FP + FN = 0 (nothing to
  find and nothing found), as scikit-learn does.
`zero_division` may be 0, 1, nan (nan leaves the value out of means, explicitly) or "warn", as in
scikit-learn: 0, with an `UndefinedMetricWarning` for each figure that fell back.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

ZERO_DIVISION_CHOICES = (0.0, 1.0)
ZeroDivision = float | Literal["warn"]


class UndefinedMetricWarning(UserWarning):
    """A precision, recall or F1 was 0/0 and took the value of `zero_division="warn"` (0), as
    scikit-learn's warning of that name says."""


def check_zero_division(zero_division: ZeroDivision) -> float:
    """The number a 0/0 figure takes: 0.0, 1.0 or nan; "warn" is 0.0 (its warnings are the
    scorer's to give). Anything else is a `ValueError`."""
    if isinstance(zero_division, str):
        if zero_division == "warn":
            return 0.0
        raise ValueError(f'zero_division must be "warn", 0, 1 or nan, not {zero_division!r}')
    if isinstance(zero_division, bool) or not isinstance(zero_division, (int, float, np.floating, np.integer)):
        raise ValueError(f'zero_division must be "warn", 0, 1 or nan, not {zero_division!r}')
    z = float(zero_division)
    if not (np.isnan(z) or z in ZERO_DIVISION_CHOICES):
        raise ValueError(f'zero_division must be "warn", 0, 1 or nan, not {zero_division!r}')
    return z


def prf_from_counts(tp: npt.ArrayLike, fp: npt.ArrayLike, fn: npt.ArrayLike, *,
                    zero_division: ZeroDivision = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Element-wise precision, recall and F1 for arrays of TP, FP and FN counts."""
    z = check_zero_division(zero_division)
    tp, fp, fn = (np.asarray(x, dtype=float) for x in (tp, fp, fn))
    with np.errstate(divide="ignore", invalid="ignore"):
        pred = tp + fp
        gold = tp + fn
        precision = np.where(pred > 0, tp / np.where(pred > 0, pred, 1), z)
        recall = np.where(gold > 0, tp / np.where(gold > 0, gold, 1), z)
        denom = precision + recall
        f1 = np.where(denom > 0, 2 * precision * recall / np.where(denom > 0, denom, 1), 0.0)
        f1 = np.where(np.isnan(precision) | np.isnan(recall), np.nan, f1)
        f1 = np.where(pred + fn > 0, f1, z)
    return precision, recall, f1
