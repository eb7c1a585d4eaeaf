"""Leaderboard plots (matplotlib, written as PNG): precision against recall with interval bars,
and the leakage of each label into the body."""

from __future__ import annotations

from pathlib import Path

from .leaderboard import Entry
from .metric_table import LEAKAGE_LABELS as LEAKAGE
from .metric_table import metric


def plot(entries: list[Entry], out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    written = []
    fig, ax = plt.subplots(figsize=(6.5, 5))
    for e in entries:
        body = e.results.summary["micro"]["body"]
        p, r = body["precision"], body["recall"]
        ax.errorbar(r["value"], p["value"], xerr=[[r["value"] - r["low"]], [r["high"] - r["value"]]],
                    yerr=[[p["value"] - p["low"]], [p["high"] - p["value"]]], fmt="o", capsize=3, label=e.name)
        ax.annotate(e.name, (r["value"], p["value"]), textcoords="offset points", xytext=(5, 4), fontsize=8)
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
