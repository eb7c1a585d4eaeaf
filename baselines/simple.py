"""The floor and the simplest heuristic."""

from __future__ import annotations

from collections.abc import Sequence

from boilerbench.document import Document
from boilerbench.labels import LABELS
from boilerbench.prediction import Prediction
from boilerbench.tokenize import tokens

from .interface import Baseline


class KeepAll(Baseline):
    """Every line is body: what a scraper that keeps all text delivers. The floor."""

    name = "keep-all"
    version = "1"

    def extract(self, document: Document) -> Prediction:
        return Prediction(document.id, labels=tuple("body" if line.text.strip() else None for line in document.lines))


class Length(Baseline):
    """Lines of at least N word tokens are body, shorter ones other. N is chosen on the train
    split: the N in 1..60 with the best pooled token-level body F1 (ties to the smaller N)."""

    name = "length"
    version = "1"
    candidates = range(1, 61)

    def __init__(self, min_words: int | None = None):
        self.min_words = min_words
        self.tuning: list[tuple[int, float]] = []

    def fit(self, documents: Sequence[Document]) -> None:
        if self.min_words is not None:
            return
        # per non-empty line: (its token count, how many of its tokens are gold body)
        import numpy as np

        sizes, bodies = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        body_id = LABELS.index("body")
        for doc in documents:  # each document's lines at once
            counts = np.array(doc.line_token_counts, dtype=np.int64)
            ends = np.cumsum(counts)
            body_before = np.concatenate([[0], np.cumsum(doc.token_label_ids == body_id)])  # body tokens before each
            non_empty = np.array([bool(line.strip()) for line in doc.text.split("\n")], dtype=bool)
            sizes.append(counts[non_empty])
            bodies.append((body_before[ends] - body_before[ends - counts])[non_empty])
        size_of, body_of = np.concatenate(sizes), np.concatenate(bodies)
        total_body = int(body_of.sum())
        best = (-1.0, 0)
        self.tuning = []
        for n in self.candidates:
            kept = size_of >= n
            predicted = int(size_of[kept].sum())
            tp = int(body_of[kept].sum())
            f1 = 2 * tp / (predicted + total_body) if predicted + total_body else 0.0
            self.tuning.append((n, f1))
            if f1 > best[0]:
                best = (f1, n)
        self.min_words = best[1]

    def extract(self, document: Document) -> Prediction:
        n = self.min_words if self.min_words is not None else 10
        return Prediction(document.id, labels=tuple(
            None if not line.text.strip() else "body" if len(tokens(line.text)) >= n else "other"
            for line in document.lines))
