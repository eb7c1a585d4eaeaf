"""The body score of Zyte's article-extraction-benchmark, so figures can stand beside published ones.

As that benchmark defines it: case-sensitive `\\w+` tokens (Python's `re`, not our tokenizer);
each text becomes the multiset of its 4-token shingles (a text of fewer than 4 tokens is one
shingle, an empty text none); per page TP, FP and FN are the multiset overlap and excesses,
divided by their sum so every page weighs the same; per-page precision TP/(TP+FP) and recall
TP/(TP+FN), both 1 when FP and FN are 0; precision is averaged over pages with a non-empty
prediction, recall over pages with a non-empty gold; F1 is the harmonic mean of the two
averages; accuracy is the share of pages whose token sequences are identical.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(tokens: list[str], n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


@dataclass(frozen=True)
class PageScore:
    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def has_prediction(self) -> bool:
        return self.tp + self.fp > 0

    @property
    def has_gold(self) -> bool:
        return self.tp + self.fn > 0

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def page_score(gold: str, pred: str, pred_tokens: list[str] | None = None) -> PageScore:
    """`pred_tokens` may pass the prediction's tokens when they are already known (for ASCII
    text our tokenizer and `\\w+` agree), to save a pass."""
    gold_tokens = TOKEN.findall(gold or "")
    if pred_tokens is None:
        pred_tokens = TOKEN.findall(pred or "")
    tp, n_gold, n_pred = _shingle_overlap(gold_tokens, pred_tokens)
    fp, fn = float(n_pred - tp), float(n_gold - tp)
    tp = float(tp)
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(tp, fp, fn, gold_tokens == pred_tokens)


_MIX = np.int64(0x2545F4914F6CDD1D)  # an odd 64-bit multiplier


def _packed(tokens: list[str]) -> np.ndarray:
    """One int64 per shingle: the tokens' 64-bit string hashes mixed in order (wrapping
    arithmetic). Two different shingles share a key with odds of about n^2 / 2^64."""
    h = np.fromiter(map(hash, tokens), dtype=np.int64, count=len(tokens))
    if len(h) == 0:
        return h
    if len(h) < SHINGLE:  # a short text is one shorter shingle; its length keeps it apart
        h = np.concatenate([h, np.full(SHINGLE - len(h), len(h), dtype=np.int64)])
    width = len(h) - SHINGLE + 1
    out = np.zeros(width, dtype=np.int64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            out = out * _MIX + h[k : k + width]
    return out


def _shingle_overlap(gold: list[str], pred: list[str]) -> tuple[int, int, int]:
    """(size of the multiset intersection of the two texts' shingles, gold shingles, predicted
    shingles), compared as packed integers with numpy; `shingles` is the Counter reference it
    is tested against."""
    gk, pk = _packed(gold), _packed(pred)
    gu, gc = np.unique(gk, return_counts=True)
    pu, pc = np.unique(pk, return_counts=True)
    _, gi, pi = np.intersect1d(gu, pu, assume_unique=True, return_indices=True)
    return int(np.minimum(gc[gi], pc[pi]).sum()), len(gk), len(pk)


def columns(pages: list[PageScore]) -> np.ndarray:
    """Per-page additive statistics, for pooling and the bootstrap:
    [precision if predicted, predicted, recall if gold, has gold, exact]."""
    return np.array([[p.precision * p.has_prediction, p.has_prediction, p.recall * p.has_gold, p.has_gold,
                      p.exact] for p in pages], dtype=float).reshape(len(pages), 5)


def from_sums(sums: np.ndarray, n_pages: np.ndarray | float) -> dict[str, np.ndarray]:
    """Precision, recall, F1 and accuracy from summed columns (any leading shape)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(sums[..., 1] > 0, sums[..., 0] / np.where(sums[..., 1] > 0, sums[..., 1], 1), 0.0)
        recall = np.where(sums[..., 3] > 0, sums[..., 2] / np.where(sums[..., 3] > 0, sums[..., 3], 1), 0.0)
        denom = precision + recall
        f1 = np.where(denom > 0, 2 * precision * recall / np.where(denom > 0, denom, 1), 0.0)
        accuracy = sums[..., 4] / np.maximum(n_pages, 1)
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}


def aeb_figures(compat_columns: np.ndarray, *, n_resamples: int = 1000,
                seed: int = 0) -> dict[str, tuple[float, float]]:
    """Precision, recall, F1 and accuracy as the article-extraction-benchmark publishes them:
    the value, and the standard deviation of the bootstrap over pages (seeded here; unseeded
    there, so its third decimal can differ)."""
    from .bootstrap import resampled_sums

    n = len(compat_columns)
    point = from_sums(compat_columns.sum(axis=0), n)
    boot = from_sums(resampled_sums(compat_columns, n_resamples, seed), n)
    return {k: (float(point[k]), float(np.std(boot[k], ddof=1)) if n_resamples > 1 else float("nan"))
            for k in ("f1", "precision", "recall", "accuracy")}


def aeb_row(name: str, version: str, figures: dict[str, tuple[float, float]]) -> str:
    """One line in the layout of the benchmark's published table."""
    cells = "  ".join(f"{figures[k][0]:.3f} ± {figures[k][1]:.3f}" for k in ("f1", "precision", "recall", "accuracy"))
    return f"{name:<20} {version:<12} {cells}"
