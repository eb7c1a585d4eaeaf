"""Leaderboard plots (matplotlib, written as PNG): precision against recall with interval bars,
and the leakage of each label into the body."""

from __future__ import annotations

from pathlib import Path

from .metric_table import LEAKAGE_LABELS as LEAKAGE
from .metric_table import metric
from .ranking import Entry


def label_positions(points: list[tuple[float, float]], *, near: float, gap: float) -> list[float]:
    """Heights for the points' labels so that no two labels of points within `near` of each other
    along x come closer than `gap` along y (several extractors at recall 1.0 would otherwise print
    their names on top of each other). Labels keep their points' order from bottom to top."""
    ys = [y for _, y in points]
    order = sorted(range(len(points)), key=lambda i: (points[i][1], points[i][0]))
    placed: list[int] = []
    for i in order:
        y = points[i][1]
        for j in placed:
            if abs(points[j][0] - points[i][0]) <= near and ys[j] > y - gap:
                y = ys[j] + gap
        ys[i] = y
        placed.append(i)
    return ys


def plot(entries: list[Entry], out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    written = []
    fig, ax = plt.subplots(figsize=(6.5, 5))
    figures = [(e.results.summary["micro"]["body"]["recall"], e.results.summary["micro"]["body"]["precision"])
               for e in entries]
    for e, (r, p) in zip(entries, figures, strict=True):
        ax.errorbar(r["value"], p["value"], xerr=[[r["value"] - r["low"]], [r["high"] - r["value"]]],
                    yerr=[[p["value"] - p["low"]], [p["high"] - p["value"]]], fmt="o", capsize=3, label=e.name)
    points = [(r["value"], p["value"]) for r, p in figures]
    low = min((p["low"] for _, p in figures), default=0.0)
    span = max(max((p["high"] for _, p in figures), default=1.0) - low, 0.05)
    heights = label_positions(points, near=0.06, gap=span * 0.06)
    x_low, x_high = ax.get_xlim()
    for e, (x, y), h in zip(entries, points, heights, strict=True):
        right = x > x_high - 0.2 * (x_high - x_low)  # near the right edge (recall 1.0) the label goes left
        ax.annotate(e.name, (x, y), xytext=(-7 if right else 7, h), textcoords=("offset points", "data"),
                    fontsize=8, ha="right" if right else "left", va="center",
                    arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.6} if abs(h - y) > 1e-9 else None)
    ax.set_ylim(top=max(max(heights, default=1.0) + span * 0.06, ax.get_ylim()[1]))
    ax.set_xlabel(metric("body_recall").header.replace(" R", " recall"))
    ax.set_ylabel(metric("body_precision").header.replace(" P", " precision"))
    ax.set_title("Body precision against recall (95% intervals)")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    path = out / "precision_recall.png"
    fig.savefig(path, dpi=120)
    plt.close(fig)
    written.append(path)

    fig, ax = plt.subplots(figsize=(max(6.5, 0.9 * len(entries) + 2), 4.5))
    width = 0.8 / len(LEAKAGE)
    for k, lab in enumerate(LEAKAGE):
        values = [e.results.summary["leakage"][lab]["value"] or 0.0 for e in entries]
        ax.bar([i + k * width for i in range(len(entries))], values, width, label=lab)
    ax.set_xticks([i + width * (len(LEAKAGE) - 1) / 2 for i in range(len(entries))])
    ax.set_xticklabels([e.name for e in entries], rotation=30, ha="right")
    ax.set_ylabel("share of the label's tokens kept in the body")
    ax.set_title("Leakage into the extracted body")
    ax.legend()
    fig.tight_layout()
    path = out / "leakage.png"
    fig.savefig(path, dpi=120)
    plt.close(fig)
    written.append(path)
    return written
