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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

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
    if pred_tokens is None:
        pred_tokens = TOKEN.findall(pred or "")
    return page_score_hashed(gold, _hashes(pred_tokens), lambda: pred_tokens)


def page_score_hashed(gold: str, pred_hashes: np.ndarray, pred_tokens: Callable[[], list[str]]) -> PageScore:
    """`page_score` from the prediction's token hashes (`pred_tokens` gives the tokens themselves,
    asked for only when the hashes say the two texts may be identical)."""
    gold_tokens, gold_hashes, gold_unique, gold_counts = _gold_side(gold or "")
    tp, n_gold, n_pred = _overlap(gold_unique, gold_counts, int(gold_counts.sum()), _pack(pred_hashes))
    fp, fn = float(n_pred - tp), float(n_gold - tp)
    tp = float(tp)
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    exact = np.array_equal(gold_hashes, pred_hashes) and gold_tokens == pred_tokens()
    return PageScore(tp, fp, fn, exact)


# Kept for the last 512 texts: a leaderboard scores each document once per extractor (252 in the
# main job, 181 in the AEB job), while memory stays bounded when a stream of documents is scored.
@lru_cache(maxsize=512)
def line_view(text: str) -> tuple[np.ndarray, np.ndarray, list[list[str]]]:
    """A document's `\\w+` tokens line by line, as hashes with each line's count (and the tokens):
    a prediction that labels whole lines selects its body's tokens from here, with no tokenizing.
    `\\w+` never crosses a line end, so a body of whole lines has exactly its lines' tokens."""
    per_line = [TOKEN.findall(line) for line in text.split("\n")]
    counts = np.fromiter(map(len, per_line), dtype=np.int64, count=len(per_line))
    return _hashes([t for line in per_line for t in line]), counts, per_line


def _hashes(tokens: list[str]) -> np.ndarray:
    return np.fromiter(map(hash, tokens), dtype=np.int64, count=len(tokens))


_MIX = np.int64(0x2545F4914F6CDD1D)  # an odd 64-bit multiplier


def _packed(tokens: list[str]) -> np.ndarray:
    """One int64 per shingle: the tokens' 64-bit string hashes mixed in order (wrapping
    arithmetic). Two different shingles share a key with odds of about n^2 / 2^64."""
    return _pack(_hashes(tokens))


def _pack(h: np.ndarray) -> np.ndarray:
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


@lru_cache(maxsize=512)
def _gold_side(gold: str) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """A gold text's tokens, their hashes, and its distinct packed shingles with their counts:
    the same gold is scored against every extractor, so it is tokenized once."""
    tokens = TOKEN.findall(gold)
    hashes = _hashes(tokens)
    unique, counts = np.unique(_pack(hashes), return_counts=True)
    return tokens, hashes, unique, counts


def _overlap(gold_unique: np.ndarray, gold_counts: np.ndarray, n_gold: int, pk: np.ndarray) -> tuple[int, int, int]:
    pu, pc = np.unique(pk, return_counts=True)
    _, gi, pi = np.intersect1d(gold_unique, pu, assume_unique=True, return_indices=True)
    return int(np.minimum(gold_counts[gi], pc[pi]).sum()), n_gold, len(pk)


def _shingle_overlap(gold: list[str], pred: list[str]) -> tuple[int, int, int]:
    """(size of the multiset intersection of the two texts' shingles, gold shingles, predicted
    shingles), compared as packed integers with numpy; `shingles` is the Counter reference it
    is tested against."""
    gk = _packed(gold)
    gu, gc = np.unique(gk, return_counts=True)
    return _overlap(gu, gc, len(gk), _packed(pred))


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
