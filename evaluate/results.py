"""Results, the model: what `score` returns (the figures as in the results JSON, and the
per-document counts they come from). Computing the figures is `figures.py`'s job, JSON
`results_json.py`'s and Markdown `report.py`'s; their public names are re-exported here."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from boilerbench.labels import LABEL_IDS, LABELS

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
        self.meta: dict[str, list[Any]] = {k: [] for k in ("ids", "publishers", "languages", "failures", "seconds")}
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
            seconds: float | None, gold: np.ndarray, credit: np.ndarray, unmatched: np.ndarray, compat: np.ndarray,
            line_confusion: np.ndarray | None = None) -> None:
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


@dataclass(repr=False)
class Results:
    """What `score` returns: the figures and the per-document counts they come from.

    Parameters
    ----------
    summary : dict
        The figures as in the results JSON (`schema/results.schema.json`): `micro`, `macro`,
        `leakage`, `compat`, the config, the corpus fingerprint and the provenance.
    columns : Columns
        Per-document counts (for `compare`, breakdowns and the JSON's per-document entries).

    Example
    -------
    >>> from boilerbench import Document, Prediction, score
    >>> doc = Document.from_rows("d1", [("title", "Ferry fares rise"), ("body", "Fares rise in April.")])
    >>> results = score([doc], [Prediction("d1", body="Ferry fares rise\\nFares rise in April.")], n_resamples=20,
    ...                 extractor={"name": "mine", "version": "1"})
    >>> results
    Results(extractor='mine 1', track='authored', split='test', documents=1, mode='text', body_f1=0.727)
    >>> round(results.value("body", "precision"), 3), results.leakage("promo"), results.n_documents
    (0.571, nan, 1)
    >>> [round(x, 3) for x in results.interval("body", "f1")]  # one document: every resample is the same
    [0.727, 0.727]
    """

    summary: dict[str, Any]
    columns: Columns

    def __repr__(self) -> str:
        f1 = self.summary.get("micro", {}).get("body", {}).get("f1", {}).get("value")
        shown = "n/a" if f1 is None or (isinstance(f1, float) and math.isnan(f1)) else f"{f1:.3f}"
        e = self.summary.get("extractor", {})
        name = f"{e.get('name', '?')} {e.get('version', '')}".strip()
        return (f"Results(extractor={name!r}, track={self.track!r}, split={self.split!r}, "
                f"documents={self.n_documents}, mode={self.summary.get('mode')!r}, body_f1={shown})")

    def __getitem__(self, key: str) -> Any:
        return self.summary[key]

    @property
    def ids(self) -> list[str]:
        return self.columns.ids

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields scored: ("body", ...) for text predictions, all six labels for labelled ones."""
        return tuple(self.summary["fields"])

    @property
    def extractor(self) -> dict[str, str]:
        return dict(self.summary["extractor"])

    @property
    def track(self) -> str | None:
        return self.summary.get("track")

    @property
    def split(self) -> str | None:
        return self.summary.get("split")

    @property
    def n_documents(self) -> int:
        return int(self.summary["n_documents"])

    @property
    def fingerprint(self) -> str:
        """The scored corpus's fingerprint: the gate refuses a baseline of other documents."""
        return str(self.summary["corpus_fingerprint"])

    def value(self, field: str, metric: str, average: str = "micro") -> float:
        """A figure's point value: `field` a label (body, title, ...), `metric` precision, recall
        or f1, `average` micro (pooled tokens) or macro (mean over documents). NaN if undefined."""
        v = self.summary[average][field][metric]["value"]
        return float("nan") if v is None else float(v)

    def interval(self, field: str, metric: str, average: str = "micro") -> tuple[float, float]:
        """The figure's bootstrap interval (low, high), at the results' confidence."""
        fig = self.summary[average][field][metric]
        return (float("nan") if fig["low"] is None else float(fig["low"]),
                float("nan") if fig["high"] is None else float(fig["high"]))

    def leakage(self, label: str) -> float:
        """The share of `label`'s gold tokens kept in the predicted body (NaN if it has none)."""
        v = self.summary["leakage"][label]["value"]
        return float("nan") if v is None else float(v)

    @property
    def documents(self) -> list[dict[str, Any]]:
        """Per-document entries as in the JSON (built on demand from the counts)."""
        from .figures import document_entries

        return document_entries(self.columns, self.fields, self.summary["config"]["zero_division"])

    def to_json(self) -> dict[str, Any]:
        from .results_json import _clean

        data: dict[str, Any] = _clean({**self.summary, "documents": self.documents})
        return data

    def subset(self, keep: np.ndarray) -> Results:
        """The results restricted to some documents (for --by breakdowns), figures recomputed."""

        from .figures import summarise

        s = self.summary
        return summarise(self.columns.take(np.flatnonzero(keep)), mode=s["mode"], fields=self.fields,
                         extractor=s["extractor"], split=s["split"], track=s.get("track"),
                         fingerprint=s["corpus_fingerprint"],
                         config=s["config"], scoring_seconds=0.0)


COMPAT_KEYS = ("precision_sum", "predicted", "recall_sum", "has_gold", "exact")


# The jobs split out of this module, under the names their callers know, loaded on first use
# (those modules import the model above).
_MOVED = {"document_entries": "figures", "field_counts": "figures", "summarise": "figures",
          "_fmt": "report", "results_markdown": "report", "summary_row": "report", "summary_row_header": "report",
          "read_results": "results_json", "results_from_json": "results_json", "write_results": "results_json"}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        import importlib

        return getattr(importlib.import_module(f"{__package__}.{_MOVED[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
