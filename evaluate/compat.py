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

from boilerbench.tokenize import word_characters

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


def page_score(gold: str, pred: str) -> PageScore:
    """One page's share of the score.

    >>> p = page_score("Fares rise by a fifth in April", "Fares rise by a fifth")
    >>> round(p.precision, 2), round(p.recall, 2), p.exact
    (1.0, 0.5, False)
    """
    pred = pred or ""
    return page_score_hashed(gold, token_keys(pred), lambda: pred, same_text=gold == pred)


def page_score_hashed(gold: str, pred_hashes: np.ndarray, pred_text: Callable[[], str], *,
                      same_text: bool = False) -> PageScore:
    """`page_score` from the prediction's token keys (`token_keys`; `pred_text` gives the text,
    asked for only when the keys say the two may have the same tokens and the texts are not
    known to be the same, `same_text`)."""
    gold = gold or ""
    gold_hashes, gold_unique, gold_counts = _gold_side(gold)
    if np.array_equal(gold_hashes, pred_hashes):  # the same shingles: all of them shared
        n = len(gold_hashes)
        exact = same_text or _same_tokens(_gold_signature(gold), _signature(pred_text()))
        return PageScore(1.0 if n else 0.0, 0.0, 0.0, exact)
    tp, n_gold, n_pred = _overlap(gold_unique, gold_counts, int(gold_counts.sum()), _pack(pred_hashes))
    fp, fn = float(n_pred - tp), float(n_gold - tp)
    tp = float(tp)
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(tp, fp, fn, False)


def _signature(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The `\\w+` tokens of `text` without building them: their characters' code points run
    together, and each token's length. Two texts have the same tokens exactly when both agree."""
    if not text:
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64)
    cp, word = word_characters(text, TOKEN)
    edges = np.flatnonzero(word[1:] != word[:-1])
    return cp[word[1:-1].astype(bool)], edges[1::2] - edges[0::2]


_gold_signature = lru_cache(maxsize=64)(_signature)


def _same_tokens(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> bool:
    return np.array_equal(a[1], b[1]) and np.array_equal(a[0], b[0])


# Kept for the last 512 texts: a leaderboard scores each document once per extractor (252 in the
# main job, 181 in the AEB job), while memory stays bounded when a stream of documents is scored.
@lru_cache(maxsize=512)
def line_view(text: str) -> tuple[np.ndarray, np.ndarray]:
    """A document's `\\w+` token keys, and how many tokens each line holds: a prediction that
    labels whole lines selects its body's keys from here, with no tokenizing. `\\w+` never
    crosses a line end, so a body of whole lines has exactly its lines' tokens."""
    keys, starts = _keys_and_starts(text)
    ends = np.flatnonzero(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) == 10)
    counts = np.bincount(np.searchsorted(ends, starts), minlength=len(ends) + 1)
    return keys, counts


# Token keys: a token's key is its polynomial hash over code points in the ring of 64-bit integers
# (base odd, so invertible): with prefix sums S[k] = sum of c[j] * B^-j for j < k, the token
# text[a:b] has the key B^(b-1) * (S[b] - S[a]), for every token of a text in a few numpy passes
# over its characters, where `re.findall` built a string object per token (five times slower).
# Equal tokens have equal keys; two different tokens share one with odds of about 2^-64.
_BASE = 0x9E3779B97F4A7C15
_POWERS = np.ones(1, dtype=np.uint64)  # B^j
_INVERSE_POWERS = np.ones(1, dtype=np.uint64)  # B^-j


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    global _POWERS, _INVERSE_POWERS
    if len(_POWERS) < n:
        size = max(n, 2 * len(_POWERS), 1 << 16)
        _POWERS, _INVERSE_POWERS = (_cumulative_powers(b, size) for b in (_BASE, pow(_BASE, -1, 1 << 64)))
    return _POWERS, _INVERSE_POWERS


def _cumulative_powers(base: int, size: int) -> np.ndarray:
    """base^0, base^1, ... base^(size-1), wrapping at 2^64."""
    factors = np.full(size, base, dtype=np.uint64)
    factors[0] = 1
    return np.cumprod(factors, dtype=np.uint64)


PIECE = 1 << 20
"""Characters keyed at a time: a longer text is cut at white space, so the powers kept stay at
16 MB whatever the longest text scored."""


def _keys_and_starts(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The keys of the `\\w+` tokens of `text` (as int64) and where each starts."""
    if len(text) <= PIECE:
        return _piece_keys(text)
    keys, starts = [], []
    pos = 0
    while pos < len(text):
        end = pos + PIECE
        if end < len(text):
            cut = max(text.rfind("\n", pos, end), text.rfind(" ", pos, end))  # no token holds either
            end = cut + 1 if cut > pos else len(text)  # (no white space at all: the rest in one piece)
        k, at = _piece_keys(text[pos:end])
        keys.append(k)
        starts.append(at + pos)
        pos = end
    return np.concatenate(keys), np.concatenate(starts)


def _piece_keys(text: str) -> tuple[np.ndarray, np.ndarray]:
    n = len(text)
    if not n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    cp, word = word_characters(text, TOKEN)
    edges = np.flatnonzero(word[1:] != word[:-1])
    starts, ends = edges[0::2], edges[1::2]
    if not len(starts):
        return np.zeros(0, dtype=np.int64), starts
    powers, inverse = _powers(n)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(cp * inverse[:n], out=prefix[1:])
    keys = (prefix[ends] - prefix[starts]) * powers[ends - 1]
    return keys.view(np.int64), starts


def token_keys(text: str) -> np.ndarray:
    """One int64 key per `\\w+` token of `text`, in order: equal tokens, equal keys.

    >>> k = token_keys("the cat, the hat")
    >>> len(k), bool(k[0] == k[2]), bool(k[1] == k[3])
    (4, True, False)
    """
    return _keys_and_starts(text)[0]


_MIX = np.int64(0x2545F4914F6CDD1D)  # an odd 64-bit multiplier


def _pack(h: np.ndarray) -> np.ndarray:
    """One int64 per shingle from the tokens' 64-bit keys `h`, mixed in order (wrapping
    arithmetic). Two different shingles share a key with odds of about n^2 / 2^64."""
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
def _gold_side(gold: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A gold text's token keys, and its distinct packed shingles with their counts: the same
    gold is scored against every extractor, so it is tokenized once."""
    hashes = token_keys(gold)
    unique, counts = np.unique(_pack(hashes), return_counts=True)
    return hashes, unique, counts


def gold_side(gold: str) -> None:
    """Compute (and keep) a gold text's side of the score ahead of scoring."""
    _gold_side(gold or "")


def _overlap(gold_unique: np.ndarray, gold_counts: np.ndarray, n_gold: int, pk: np.ndarray) -> tuple[int, int, int]:
    """The multiset intersection of gold (its sorted distinct keys and their counts) and the keys
    `pk`: each predicted key is looked up in the gold keys (no sort of the prediction), the hits
    counted per gold key, and each count capped by the gold's."""
    if not len(pk) or not len(gold_unique):
        return 0, n_gold, len(pk)
    at = np.searchsorted(gold_unique, pk)
    at[at == len(gold_unique)] = 0
    hit = at[gold_unique[at] == pk]
    pc = np.bincount(hit, minlength=len(gold_unique))
    return int(np.minimum(gold_counts, pc).sum()), n_gold, len(pk)


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
