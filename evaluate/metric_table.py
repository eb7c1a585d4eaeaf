"""The tracked metrics: one table that the gate, the leaderboard rows, the `score --format row`
row, the plots and the Hub card's leaderboard all read.

Each metric says where its figure lies in a results summary, how to read it, which direction is
better, its column header and how many digits to show. Adding a tracked metric is one line in
`TRACKED` (and a test that the gate catches it getting worse).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

HIGHER = "higher"
LOWER = "lower"


@dataclass(frozen=True)
class Metric:
    """One tracked figure of a results summary."""

    key: str  # the name in baselines and leaderboard rows, e.g. "body_f1"
    path: tuple[str, ...]  # where it lies in `Results.summary`, e.g. ("micro", "body", "f1")
    header: str  # the column header, e.g. "body F1"
    better: str  # HIGHER or LOWER
    reads: str  # how to read it, in one line
    digits: int = 2  # digits shown in tables
    count: bool = False  # a count (failures): no interval, and any rise regresses, whatever the tolerance
    cite: str = "boilerbench"  # where the definition comes from

    def card(self) -> str:
        """The metric in one line: header, key, how to read it, its direction and its source."""
        return f"{self.header} ({self.key}): {self.reads}; {self.better} is better. Source: {self.cite}."

    def figure(self, summary: dict[str, Any]) -> Any:
        """The figure in a results summary: a dict with value, low and high (or an int for a count),
        or None where the results do not have it (title F1 of a body-only extractor)."""
        node: Any = summary
        for part in self.path:
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def value(self, summary: dict[str, Any]) -> float | None:
        """The point value, or None when it is missing or not a finite number."""
        fig = self.figure(summary)
        v = fig.get("value") if isinstance(fig, dict) else fig
        if v is None or isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(float(v)):
            return None
        return int(v) if self.count else float(v)

    def worse(self, baseline: float, current: float, tolerance: float) -> bool:
        """Whether `current` is a regression from `baseline`; a value that is not a finite number
        always is (NaN compares false with everything and must never pass)."""
        if not (math.isfinite(current) and math.isfinite(baseline)):
            return True
        if self.count:
            return current > baseline
        if self.better == LOWER:
            return current > baseline + tolerance
        return current < baseline - tolerance

    def improved(self, baseline: float, current: float) -> bool:
        return current < baseline if self.better == LOWER else current > baseline


PRF = "token-level, as CleanEval (Baroni et al. 2008); F1 after van Rijsbergen 1979"


def _leak(label: str) -> Metric:
    return Metric(f"leakage_{label}", ("leakage", label), f"{label} leak", LOWER,
                  f"share of the gold {label} tokens kept in the extracted body",
                  cite="boilerbench (README: how predictions are scored)")


TRACKED: tuple[Metric, ...] = (
    Metric("body_precision", ("micro", "body", "precision"), "body P", HIGHER,
           "share of the extracted body's tokens that are gold body (pooled over documents)", cite=PRF),
    Metric("body_recall", ("micro", "body", "recall"), "body R", HIGHER,
           "share of the gold body tokens that the extracted body holds", cite=PRF),
    Metric("body_f1", ("micro", "body", "f1"), "body F1", HIGHER,
           "harmonic mean of body P and body R: the ranking figure", cite=PRF),
    Metric("title_f1", ("micro", "title", "f1"), "title F1", HIGHER,
           "token F1 of the extracted title (– when the extractor gives none)", cite=PRF),
    Metric("byline_f1", ("micro", "byline", "f1"), "byline F1", HIGHER,
           "token F1 of the extracted byline (– when the extractor gives none)", cite=PRF),
    _leak("promo"),
    _leak("teaser"),
    _leak("byline"),
    _leak("other"),
    Metric("compat_f1", ("compat", "f1"), "AEB F1", HIGHER,
           "the article-extraction-benchmark's body F1 (4-token shingles, per page)",
           cite="Zyte's article-extraction-benchmark (2020), its evaluate.py"),
    Metric("failures", ("n_failures",), "failures", LOWER,
           "documents where the extractor crashed, hung or returned the wrong type", digits=0, count=True),
)

BY_KEY: dict[str, Metric] = {m.key: m for m in TRACKED}
LEAKAGE_LABELS: tuple[str, ...] = tuple(m.path[1] for m in TRACKED if m.path[0] == "leakage")
"""The labels whose leakage into the body is tracked (and plotted), in the table's order."""


def metric(key: str) -> Metric:
    """The tracked metric named `key`; a `KeyError` naming the known ones otherwise."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown tracked metric {key!r}; known: {', '.join(BY_KEY)}") from None


def tracked_values(summary: dict[str, Any]) -> dict[str, float]:
    """The tracked figures of a results summary, rounded for a baseline file; a figure that is
    missing or not a finite number is left out, so a gate against a baseline that holds it
    reports it missing, never as passed."""
    out: dict[str, float] = {}
    for m in TRACKED:
        v = m.value(summary)
        if v is not None:
            out[m.key] = v if m.count else round(v, 6)
    return out
