"""Bootstrap over documents: seeded, deterministic, streamed in chunks so memory stays bounded.

Every corpus figure is a function of per-document additive statistics (token counts, or a
per-document score and a 0/1 weight), so a resample is a weighted sum: W @ X, where W holds how
often each document was drawn. Intervals are percentile intervals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

import numpy as np

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 0
DEFAULT_CONFIDENCE = 0.95


def resample_weights(n: int, n_resamples: int, seed: int, chunk: int = 64) -> Iterator[np.ndarray]:
    """Chunks of a (n_resamples x n) matrix of draw counts, each row summing to n; chunks hold
    at most about two million counts, so memory stays bounded however many documents."""
    rng = np.random.default_rng(seed)
    chunk = max(1, min(chunk, 2_000_000 // max(n, 1)))
    done = 0
    while done < n_resamples:
        size = min(chunk, n_resamples - done)
        yield rng.multinomial(n, np.full(n, 1.0 / n), size=size) if n else np.zeros((size, 0))
        done += size


CACHED_WEIGHTS = 4_000_000
"""Draw-count matrices of at most this many entries (32 MB) are drawn once per (documents,
resamples, seed) and reused: every figure of a leaderboard resamples the same documents with the
same seed, so drawing them again for each figure, extractor and paired test only costs time."""


@lru_cache(maxsize=4)
def _weights(n: int, n_resamples: int, seed: int) -> np.ndarray:
    chunks = list(resample_weights(n, n_resamples, seed))
    out = np.concatenate(chunks).astype(float) if chunks else np.zeros((0, n))
    out.setflags(write=False)
    return out


def resampled_sums(x: np.ndarray, n_resamples: int, seed: int) -> np.ndarray:
    """(n_resamples x ...) sums of the per-document rows of `x` (n x ...) over resamples."""
    flat = x.reshape(len(x), -1).astype(float)
    if len(x) * n_resamples <= CACHED_WEIGHTS:
        out = [_weights(len(x), n_resamples, seed) @ flat]
    else:
        out = [w @ flat for w in resample_weights(len(x), n_resamples, seed)]
    result = np.concatenate(out) if out else np.zeros((0, flat.shape[1]))
    return result.reshape((n_resamples,) + x.shape[1:])


def interval(values: np.ndarray, confidence: float) -> tuple[float, float]:
    """Percentile interval of bootstrap values (nan-aware); (nan, nan) if none is finite."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if not len(values):
        return float("nan"), float("nan")
    alpha = (1 - confidence) / 2
    low, high = np.quantile(values, [alpha, 1 - alpha])
    return float(low), float(high)


def paired_difference(x_a: np.ndarray, x_b: np.ndarray, statistic: Callable[[np.ndarray], np.ndarray], *,
                      n_resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED,
                      confidence: float = DEFAULT_CONFIDENCE) -> dict[str, float]:
    """Paired bootstrap of statistic(A) - statistic(B) over the same documents.

    `x_a` and `x_b` hold per-document additive statistics in the same document order;
    `statistic` maps summed rows to the figure (e.g. micro F1). The p-value is two-sided, from
    the bootstrap distribution shifted to the null of no difference:
    p = (1 + #{|d* - d| >= |d|}) / (B + 1).
    """
    observed = float(statistic(x_a.sum(axis=0, keepdims=True))[0] - statistic(x_b.sum(axis=0, keepdims=True))[0])
    both = np.concatenate([x_a.reshape(len(x_a), -1), x_b.reshape(len(x_b), -1)], axis=1)
    sums = resampled_sums(both, n_resamples, seed)
    half = x_a.reshape(len(x_a), -1).shape[1]
    sa = sums[:, :half].reshape((n_resamples,) + x_a.shape[1:])
    sb = sums[:, half:].reshape((n_resamples,) + x_b.shape[1:])
    deltas = statistic(sa) - statistic(sb)
    deltas = deltas[np.isfinite(deltas)]
    extreme = int(np.sum(np.abs(deltas - observed) >= abs(observed)))
    low, high = interval(deltas, confidence)
    return {"difference": observed, "low": low, "high": high, "p_value": (1 + extreme) / (len(deltas) + 1),
            "n_resamples": n_resamples}
