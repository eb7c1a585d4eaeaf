"""The figures of a results object from its per-document counts: micro and macro precision,
recall and F1 per field, leakage into the body, the compatibility score, each with its bootstrap
interval; and the per-document entries of the results JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from boilerbench.labels import BOILERPLATE_LABELS, LABEL_IDS, LABELS

from . import compat
from .bootstrap import interval, resampled_sums
from .metrics import prf_from_counts
from .results import BODY, COLUMNS, COMPAT_KEYS, METRIC_VERSION, Columns, K, Results


def field_counts(gold: np.ndarray, credit: np.ndarray, unmatched: np.ndarray, fields: Sequence[str]) -> np.ndarray:
    """(n, F, 3): TP, FP, FN of each field per document."""
    out = np.zeros((len(gold), len(fields), 3))
    for j, name in enumerate(fields):
        f = LABEL_IDS[name]
        tp = credit[:, f, f]
        out[:, j, 0] = tp
        out[:, j, 1] = credit[:, f, :].sum(axis=1) - tp + unmatched[:, f]
        out[:, j, 2] = gold[:, f] - tp
    return out


def _figure(value: float, low: float, high: float) -> dict[str, float]:
    return {"value": float(value), "low": float(low), "high": float(high)}


def _with_intervals(point: np.ndarray, boot: np.ndarray, confidence: float) -> list[dict[str, float]]:
    return [_figure(point[i], *interval(boot[:, i], confidence)) for i in range(len(point))]


def summarise(cols: Columns, *, mode: str, fields: Sequence[str], extractor: Mapping[str, Any], split: str | None,
              fingerprint: str, config: Mapping[str, Any], scoring_seconds: float, track: str | None = None) -> Results:
    n = len(cols)
    z = config["zero_division"]
    z = float("nan") if z is None else z
    B, seed, conf = config["n_resamples"], config["seed"], config["confidence"]
    gold, credit, unmatched, comp, line_conf = cols.gold, cols.credit, cols.unmatched, cols.compat, cols.line_confusion

    counts = field_counts(gold, credit, unmatched, fields)  # (n, F, 3)
    micro_point = np.stack(prf_from_counts(*counts.sum(axis=0).T, zero_division=z), axis=-1)  # (F, 3)
    boot = resampled_sums(counts, B, seed)  # (B, F, 3)
    micro_boot = np.stack(prf_from_counts(boot[..., 0], boot[..., 1], boot[..., 2], zero_division=z), axis=-1)

    per_doc = np.stack(prf_from_counts(counts[..., 0], counts[..., 1], counts[..., 2], zero_division=z),
                       axis=-1)  # (n, F, 3)
    has_gold = (counts[..., 0] + counts[..., 2] > 0)[..., None] & np.isfinite(per_doc)  # (n, F, 3)
    macro_x = np.concatenate([np.where(has_gold, per_doc, 0.0), has_gold.astype(float)], axis=-1)
    macro_sum = macro_x.sum(axis=0)
    macro_boot = resampled_sums(macro_x, B, seed)
    with np.errstate(invalid="ignore", divide="ignore"):
        macro_point = macro_sum[..., :3] / macro_sum[..., 3:]
        macro_bdist = macro_boot[..., :3] / macro_boot[..., 3:]

    leak_idx = [LABEL_IDS[lab] for lab in BOILERPLATE_LABELS]
    leak_x = np.stack([credit[:, BODY, leak_idx], gold[:, leak_idx]], axis=-1)  # (n, 5, 2)
    leak_sum = leak_x.sum(axis=0)
    leak_boot = resampled_sums(leak_x, B, seed)
    with np.errstate(invalid="ignore", divide="ignore"):
        leak_point = np.where(leak_sum[:, 1] > 0, leak_sum[:, 0] / np.maximum(leak_sum[:, 1], 1), np.nan)
        leak_bdist = np.where(leak_boot[..., 1] > 0, leak_boot[..., 0] / np.maximum(leak_boot[..., 1], 1), np.nan)

    comp_point = compat.from_sums(comp.sum(axis=0), n)
    comp_boot = compat.from_sums(resampled_sums(comp, B, seed), n)

    summary: dict[str, Any] = {
        "boilerbench_results": 1,
        "metric_version": METRIC_VERSION,
        "extractor": dict(extractor),
        "split": split,
        "track": track,
        "corpus_fingerprint": fingerprint,
        "mode": mode,
        "fields": list(fields),
        "config": dict(config),
        "n_documents": n,
        "n_missing": int(cols.missing.sum()),
        "n_failures": int(sum(bool(f) for f in cols.failures)),
        "micro": {}, "macro": {}, "leakage": {}, "compat": {},
    }
    for j, name in enumerate(fields):
        m = _with_intervals(micro_point[j], micro_boot[:, j, :], conf)
        summary["micro"][name] = {"precision": m[0], "recall": m[1], "f1": m[2],
                                  "support": int(gold[:, LABEL_IDS[name]].sum())}
        a = _with_intervals(macro_point[j], macro_bdist[:, j, :], conf)
        summary["macro"][name] = {"precision": a[0], "recall": a[1], "f1": a[2],
                                  "n_documents": int(has_gold[:, j, 1].sum())}
    for i, lab in enumerate(BOILERPLATE_LABELS if "body" in fields else ()):  # leakage is into a scored body
        summary["leakage"][lab] = {**_figure(leak_point[i], *interval(leak_bdist[:, i], conf)),
                                   "tokens": int(leak_sum[i, 0]), "support": int(leak_sum[i, 1])}
    for key in ("precision", "recall", "f1", "accuracy"):
        summary["compat"][key] = _figure(float(comp_point[key]), *interval(comp_boot[key], conf))
    if mode == "labels":
        assert line_conf is not None  # labelled predictions always count lines
        pooled = line_conf.sum(axis=0)
        tp = np.diag(pooled)[: len(LABELS)]
        fp = pooled[:, : len(LABELS)].sum(axis=0) - tp
        fn = pooled[: len(LABELS), :].sum(axis=1) - tp
        p, r, f = prf_from_counts(tp, fp, fn, zero_division=z)
        summary["lines"] = {lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]),
                                  "support": int(tp[i] + fn[i])} for i, lab in enumerate(LABELS)}
        tok = np.zeros((K, K), dtype=np.int64)
        tok[:, : len(LABELS)] = credit.sum(axis=0).T
        tok[:, len(LABELS)] = gold.sum(axis=0) - credit.sum(axis=(0, 1))
        summary["confusion"] = {"labels": list(COLUMNS), "tokens": tok.tolist(), "lines": pooled.tolist()}
    secs = [x for x in cols.seconds if x is not None]
    summary["timing"] = {"scoring_seconds": round(scoring_seconds, 6),
                         "extractor_seconds": round(float(sum(secs)), 6) if secs else None,
                         "documents_per_second": (round(len(secs) / sum(secs), 3) if secs and sum(secs) > 0
                                                  else None)}
    summary["failures"] = [{"id": i, "failure": f} for i, f in zip(cols.ids, cols.failures, strict=True) if f]
    summary["missing"] = [i for i, m in zip(cols.ids, cols.missing, strict=True) if m]
    return Results(summary, cols)


def document_entries(cols: Columns, fields: Sequence[str], zero_division: float | None) -> list[dict[str, Any]]:
    z = float("nan") if zero_division is None else zero_division
    counts = field_counts(cols.gold, cols.credit, cols.unmatched, fields)
    per_doc = np.stack(prf_from_counts(counts[..., 0], counts[..., 1], counts[..., 2], zero_division=z), axis=-1)
    out = []
    for i in range(len(cols)):
        entry: dict[str, Any] = {
            "id": cols.ids[i], "publisher": cols.publishers[i], "language": cols.languages[i],
            "missing": bool(cols.missing[i]), "failure": cols.failures[i], "seconds": cols.seconds[i],
            "gold": dict(zip(COLUMNS, cols.gold[i].tolist(), strict=True)),
            "credit": {name: dict(zip(COLUMNS, cols.credit[i, LABEL_IDS[name]].tolist(), strict=True))
                       for name in fields},
            "unmatched": {name: int(cols.unmatched[i, LABEL_IDS[name]]) for name in fields},
            "compat": dict(zip(COMPAT_KEYS, cols.compat[i].tolist(), strict=True)),
            "scores": {name: dict(zip(("precision", "recall", "f1"), per_doc[i, j].tolist(), strict=True))
                       for j, name in enumerate(fields)},
        }
        if cols.line_confusion is not None:
            entry["line_confusion"] = cols.line_confusion[i].tolist()
        out.append(entry)
    return out


