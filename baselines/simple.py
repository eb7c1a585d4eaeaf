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

        sizes, bodies = [], []
        body_id = LABELS.index("body")
        for doc in documents:
            is_body = doc.token_label_ids == body_id
            ends = np.cumsum(doc.line_token_counts)
            body_before = np.concatenate([[0], np.cumsum(is_body)])  # body tokens before each token
            for line, size, end in zip(doc.lines, doc.line_token_counts, ends.tolist(), strict=True):
                if line.text.strip():
                    sizes.append(size)
                    bodies.append(int(body_before[end] - body_before[end - size]))
        size_of, body_of = np.array(sizes, dtype=np.int64), np.array(bodies, dtype=np.int64)
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
