"""The floor and the simplest heuristic."""

from __future__ import annotations

from collections.abc import Sequence

from boilerbench.document import Document
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
        lines = []
        for doc in documents:
            _, labels = doc.labelled_tokens
            pos = 0
            for line in doc.lines:
                size = len(tokens(line.text))
                if line.text.strip():
                    lines.append((size, sum(1 for lab in labels[pos : pos + size] if lab == "body")))
                pos += size
        total_body = sum(b for _, b in lines)
        best = (-1.0, 0)
        self.tuning = []
        for n in self.candidates:
            kept = [(size, body) for size, body in lines if size >= n]
            predicted = sum(size for size, _ in kept)
            tp = sum(body for _, body in kept)
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
