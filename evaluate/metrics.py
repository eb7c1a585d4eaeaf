"""Precision, recall and F1 from counts, in the manner of scikit-learn's
`precision_recall_fscore_support`: plain arrays in, plain arrays out, and an explicit
`zero_division` for the ratios that are 0/0.

- precision = TP / (TP + FP); with no predicted tokens (TP + FP = 0) it is `zero_division`.
  An empty prediction is therefore never dropped: with the default 0.0 it scores precision 0.
- recall = TP / (TP + FN); with no gold tokens of the label it is `zero_division`, and
  per-document (macro) averages leave such documents out (`support` = 0), counting them apart.
- F1 = 2PR / (P + R); 0 when P + R = 0; `zero_division` when TP + FP + FN = 0 (nothing to
  find and nothing found), as scikit-learn does.
`zero_division` may be 0.0, 1.0 or nan (nan leaves the value out of means, explicitly).
"""

from __future__ import annotations

import numpy as np

ZERO_DIVISION_CHOICES = (0.0, 1.0)


def check_zero_division(zero_division: float) -> float:
    z = float(zero_division)
    if not (np.isnan(z) or z in ZERO_DIVISION_CHOICES):
        raise ValueError(f"zero_division must be 0.0, 1.0 or nan, not {zero_division!r}")
    return z


def prf_from_counts(tp, fp, fn, *, zero_division: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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


def precision_recall_fscore_support(y_true, y_pred, *, labels, zero_division: float = 0.0):
    """Token- or line-level figures per label from two label sequences (None = unlabelled),
    returning `(precision, recall, f1, support)` arrays in the order of `labels`."""
    y_true = list(y_true)
    y_pred = list(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} items and y_pred {len(y_pred)}")
    index = {label: i for i, label in enumerate(labels)}
    k = len(labels)
    tp = np.zeros(k)
    fp = np.zeros(k)
    fn = np.zeros(k)
    for t, p in zip(y_true, y_pred, strict=True):
        if t == p and t in index:
            tp[index[t]] += 1
            continue
        if p in index:
            fp[index[p]] += 1
        if t in index:
            fn[index[t]] += 1
    precision, recall, f1 = prf_from_counts(tp, fp, fn, zero_division=zero_division)
    return precision, recall, f1, (tp + fn).astype(int)
