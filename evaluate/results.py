"""Results: per-document counts, corpus figures with intervals, JSON (schema/results.schema.json)
written atomically, and a readable report in the manner of scikit-learn's classification_report."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from boilerbench.atomic import read_json, write_json_atomic
from boilerbench.errors import Problem, UserError
from boilerbench.labels import BOILERPLATE_LABELS, LABEL_IDS, LABELS
from boilerbench.schemas import schema_errors

from . import compat
from .bootstrap import interval, resampled_sums
from .metrics import prf_from_counts

METRIC_VERSION = "2.0"
"""2.0: text predictions are aligned line by line in any order (1.0 aligned them in order)."""
COLUMNS = LABELS + ("(none)",)
K = len(COLUMNS)
BODY = LABEL_IDS["body"]


@dataclass
class Columns:
    """Per-document counts, one row a document, kept compact so that scoring a large corpus
    holds a few hundred bytes a document, not the texts."""

    ids: list[str]
    publishers: list[str]
    languages: list[str]
    missing: np.ndarray  # (n,) bool
    failures: list[str | None]
    seconds: list[float | None]
    gold: np.ndarray  # (n, K) gold tokens per label
    credit: np.ndarray  # (n, 6, K) predicted-as-field tokens credited to each gold label
    unmatched: np.ndarray  # (n, 6) predicted tokens aligned to nothing (text mode)
    compat: np.ndarray  # (n, 5) see compat.columns
    line_confusion: np.ndarray | None  # (n, K, K), label mode

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, idx: np.ndarray) -> Columns:
        pick = [int(i) for i in idx]
        return Columns([self.ids[i] for i in pick], [self.publishers[i] for i in pick],
                       [self.languages[i] for i in pick], self.missing[idx], [self.failures[i] for i in pick],
                       [self.seconds[i] for i in pick], self.gold[idx], self.credit[idx], self.unmatched[idx],
                       self.compat[idx], None if self.line_confusion is None else self.line_confusion[idx])


class ColumnsBuilder:
    """Appends documents' counts into growing arrays (capacity doubling)."""

    def __init__(self, labels_mode: bool):
        self.n = 0
        self.cap = 64
        self.meta: dict[str, list] = {k: [] for k in ("ids", "publishers", "languages", "failures", "seconds")}
        self.arrays = {
            "missing": np.zeros(self.cap, dtype=bool),
            "gold": np.zeros((self.cap, K), dtype=np.int32),
            "credit": np.zeros((self.cap, len(LABELS), K), dtype=np.int32),
            "unmatched": np.zeros((self.cap, len(LABELS)), dtype=np.int32),
            "compat": np.zeros((self.cap, 5)),
        }
        if labels_mode:
            self.arrays["line_confusion"] = np.zeros((self.cap, K, K), dtype=np.int32)

    def add(self, *, id: str, publisher: str, language: str, missing: bool, failure: str | None,
            seconds: float | None, gold, credit, unmatched, compat, line_confusion=None) -> None:
        if self.n == self.cap:
            self.cap *= 2
            for key, arr in self.arrays.items():
                grown = np.zeros((self.cap,) + arr.shape[1:], dtype=arr.dtype)
                grown[: self.n] = arr
                self.arrays[key] = grown
        for key, value in (("ids", id), ("publishers", publisher), ("languages", language), ("failures", failure),
                           ("seconds", seconds)):
            self.meta[key].append(value)
        row = {"missing": missing, "gold": gold, "credit": credit, "unmatched": unmatched, "compat": compat,
               "line_confusion": line_confusion}
        for key, arr in self.arrays.items():
            arr[self.n] = row[key]
        self.n += 1

    def build(self) -> Columns:
        a = {k: v[: self.n] for k, v in self.arrays.items()}
        return Columns(self.meta["ids"], self.meta["publishers"], self.meta["languages"], a["missing"],
                       self.meta["failures"], self.meta["seconds"], a["gold"], a["credit"], a["unmatched"],
                       a["compat"], a.get("line_confusion"))


@dataclass
class Results:
    """What `score` returns: the summary figures (`summary`, as in the JSON) and the
    per-document counts they come from (for comparisons and breakdowns)."""

    summary: dict[str, Any]
    columns: Columns

    def __getitem__(self, key: str) -> Any:
        return self.summary[key]

    @property
    def ids(self) -> list[str]:
        return self.columns.ids

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.summary["fields"])

    def value(self, field: str, metric: str, average: str = "micro") -> float:
        return self.summary[average][field][metric]["value"]

    def leakage(self, label: str) -> float:
        return self.summary["leakage"][label]["value"]

    @property
    def documents(self) -> list[dict[str, Any]]:
        """Per-document entries as in the JSON (built on demand from the counts)."""
        return document_entries(self.columns, self.fields, self.summary["config"]["zero_division"])

    def to_json(self) -> dict[str, Any]:
        return _clean({**self.summary, "documents": self.documents})

    def subset(self, keep: np.ndarray) -> Results:
        """The results restricted to some documents (for --by breakdowns), figures recomputed."""
        s = self.summary
        return summarise(self.columns.take(np.flatnonzero(keep)), mode=s["mode"], fields=self.fields,
                         extractor=s["extractor"], split=s["split"], track=s.get("track"),
                         fingerprint=s["corpus_fingerprint"],
                         config=s["config"], scoring_seconds=0.0)


def field_counts(gold, credit, unmatched, fields) -> np.ndarray:
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


def summarise(cols: Columns, *, mode: str, fields, extractor, split, fingerprint, config,
              scoring_seconds: float, track: str | None = None) -> Results:
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
        summary["compat"][key] = _figure(comp_point[key], *interval(comp_boot[key], conf))
    if mode == "labels":
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


def document_entries(cols: Columns, fields, zero_division) -> list[dict[str, Any]]:
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


COMPAT_KEYS = ("precision_sum", "predicted", "recall_sum", "has_gold", "exact")


def results_from_json(data: dict[str, Any], where: str = "<results>") -> Results:
    errors = schema_errors("results", data)
    if errors:
        raise UserError([Problem(where, None, e) for e in errors[:10]])
    if data["metric_version"] != METRIC_VERSION:
        raise UserError(Problem(where, None, f"made with metric version {data['metric_version']}; this boilerbench "
                                             f"scores with {METRIC_VERSION}: score the predictions again"))
    docs = data["documents"]
    fields = data["fields"]
    n = len(docs)
    missing = _document_gaps(docs, fields, data["mode"])
    if missing:
        raise UserError([Problem(where, None, m) for m in missing[:10]])
    credit = np.zeros((n, len(LABELS), K), dtype=np.int32)
    unmatched = np.zeros((n, len(LABELS)), dtype=np.int32)
    for i, d in enumerate(docs):
        for name in fields:
            credit[i, LABEL_IDS[name]] = [d["credit"][name][c] for c in COLUMNS]
            unmatched[i, LABEL_IDS[name]] = d["unmatched"][name]
    cols = Columns(
        [d["id"] for d in docs], [d["publisher"] for d in docs], [d["language"] for d in docs],
        np.array([d["missing"] for d in docs], dtype=bool), [d["failure"] for d in docs],
        [d["seconds"] for d in docs],
        np.array([[d["gold"][c] for c in COLUMNS] for d in docs], dtype=np.int32).reshape(n, K), credit, unmatched,
        np.array([[d["compat"][k] for k in COMPAT_KEYS] for d in docs], dtype=float).reshape(n, 5),
        np.array([d["line_confusion"] for d in docs], dtype=np.int32).reshape(n, K, K)
        if data["mode"] == "labels" else None)
    return Results({k: v for k, v in data.items() if k != "documents"}, cols)


def _document_gaps(docs: list[dict[str, Any]], fields: list[str], mode: str) -> list[str]:
    """What the schema lets pass but reading needs: per-document credit and unmatched counts for
    every scored field, and in labels mode a K x K line confusion of whole numbers."""
    out = []
    for i, d in enumerate(docs):
        name = f"documents[{i}] ({d['id']})"
        for field in fields:
            credit = d["credit"].get(field)
            if credit is None:
                out.append(f"{name}: no credit counts for {field!r}")
            elif any(c not in credit for c in COLUMNS):
                out.append(f"{name}: credit.{field} lacks {', '.join(c for c in COLUMNS if c not in credit)}")
            if field not in d["unmatched"]:
                out.append(f"{name}: no unmatched count for {field!r}")
        if mode == "labels":
            conf = d.get("line_confusion")
            if not (isinstance(conf, list) and len(conf) == K and all(
                    isinstance(row, list) and len(row) == K and all(type(x) is int and x >= 0 for x in row)
                    for row in conf)):
                out.append(f"{name}: labels-mode results need a {K}x{K} line_confusion of whole numbers")
    return out


def read_results(path: str | Path) -> Results:
    return results_from_json(read_json(path, "results"), str(path))


def _clean(obj: Any) -> Any:
    """JSON has no NaN: undefined figures are written as null."""
    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else obj
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if isinstance(obj, np.generic):
        return _clean(obj.item())
    return obj


def write_results(path: str | Path, results: Results) -> None:
    data = results.to_json()
    errors = schema_errors("results", data)
    if errors:  # a bug of ours, not the user's: refuse to write an invalid file
        raise AssertionError("results do not match schema/results.schema.json: " + "; ".join(errors[:5]))
    write_json_atomic(path, data)


def _fmt(fig: dict[str, float] | None, digits: int = 3) -> str:
    if fig is None or fig.get("value") is None or (isinstance(fig["value"], float) and math.isnan(fig["value"])):
        return "n/a"
    low, high = fig.get("low"), fig.get("high")
    if low is None or high is None or math.isnan(low):
        return f"{fig['value']:.{digits}f}"
    return f"{fig['value']:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


def results_markdown(results: Results) -> str:
    s = results.summary
    conf = int(round(s["config"]["confidence"] * 100))
    out = [f"**{s['extractor']['name']}** {s['extractor'].get('version', '')} · split {s['split'] or 'all'} · "
           f"{s['n_documents']} documents · {s['mode']} predictions · {conf}% bootstrap intervals "
           f"({s['config']['n_resamples']} resamples, seed {s['config']['seed']})", ""]
    out += ["| label | precision | recall | F1 | support (tokens) | macro F1 |", "|---|---:|---:|---:|---:|---:|"]
    for name in s["fields"]:
        m, a = s["micro"][name], s["macro"][name]
        out.append(f"| {name} | {_fmt(m['precision'])} | {_fmt(m['recall'])} | {_fmt(m['f1'])} | "
                   f"{m['support']:,} | {_fmt(a['f1'])} |")
    out += ["", "Leakage into the body (share of each label's gold tokens kept in the extracted body):", "",
            "| " + " | ".join(BOILERPLATE_LABELS) + " |", "|" + "---:|" * len(BOILERPLATE_LABELS),
            "| " + " | ".join(_fmt(s["leakage"][lab]) for lab in BOILERPLATE_LABELS) + " |", ""]
    c = s["compat"]
    out.append(f"article-extraction-benchmark body score: precision {_fmt(c['precision'])}, recall "
               f"{_fmt(c['recall'])}, F1 {_fmt(c['f1'])}, accuracy {_fmt(c['accuracy'])}")
    if "lines" in s:
        out += ["", "| label (lines) | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
        for lab, v in s["lines"].items():
            out.append(f"| {lab} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']:,} |")
    out += ["", f"Missing predictions: {s['n_missing']}. Failures: {s['n_failures']}."]
    for f in s["failures"][:10]:
        out.append(f"- {f['id']}: {f['failure'].splitlines()[0] if f['failure'] else f['failure']}")
    return "\n".join(out) + "\n"


ROW_COLUMNS = ("extractor", "body P", "body R", "body F1", "title F1", "byline F1", "promo leak", "teaser leak",
               "byline leak", "other leak", "AEB F1", "failures")


def summary_row_header() -> str:
    return "| " + " | ".join(ROW_COLUMNS) + " |\n|---|" + "---:|" * (len(ROW_COLUMNS) - 1)


def summary_row(results: Results) -> str:
    """One markdown table row: body figures with their intervals, title and byline F1 where
    scored, leakage, the article-extraction-benchmark F1, and failures."""
    s = results.summary

    def f1(name: str) -> str:
        return _fmt(s["micro"][name]["f1"], 2) if name in s["micro"] else "–"

    body = s["micro"]["body"]
    cells = [f"{s['extractor']['name']} {s['extractor'].get('version', '')}".strip(),
             _fmt(body["precision"], 2), _fmt(body["recall"], 2), _fmt(body["f1"], 2), f1("title"), f1("byline"),
             *(_fmt(s["leakage"][lab], 2) for lab in ("promo", "teaser", "byline", "other")),
             _fmt(s["compat"]["f1"], 2), str(s["n_failures"])]
    return "| " + " | ".join(cells) + " |"

