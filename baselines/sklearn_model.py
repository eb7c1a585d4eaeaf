"""A scikit-learn line classifier for all six labels.

Features of a line and its neighbours: length (tokens and characters, log-scaled), shares of
uppercase letters, digits and punctuation, terminal punctuation, a glued lower-to-upper case
join (teaser titles with their section label), relative and absolute position, the same length
and punctuation features of the previous and next lines, repetition within the document, the
share of the publisher's other documents that contain the same (CCNet-normalised) line, and
character 2-4-gram TF-IDF of the line. A multinomial LogisticRegression, with each line weighted
by its token count (the scorer counts tokens).

Trained at first use, in seconds, on the train split only. Its one hyper-parameter, the inverse
regularisation C, is chosen by 3-fold GroupKFold over publishers on train plus validation
(token-weighted macro F1 over the six labels); the final model is then fitted on train alone.
Fits run single-threaded (faster here than BLAS threads on a matrix this size), with lbfgs at
tol 1e-3 and at most 10,000 character n-grams, so that training takes seconds.
`boilerbench tune sklearn` prints the cross-validated scores. Nothing is pickled or persisted.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from boilerbench.document import Document
from boilerbench.evaluate.predictions import Prediction
from boilerbench.labels import LABELS
from boilerbench.tokenize import tokens

from .interface import Baseline
from .pipelines import ccnet_hash

GLUED = re.compile(r"[a-z0-9’'\")][A-Z][a-z]")
C_GRID = (1.0, 3.0, 10.0, 30.0)
FOLDS = 3
MAX_FEATURES = 10000


def _line_stats(text: str) -> list[float]:
    stripped = text.strip()
    toks = tokens(stripped)
    letters = [c for c in stripped if c.isalpha()]
    n = max(len(stripped), 1)
    return [
        math.log1p(len(toks)), math.log1p(len(stripped)),
        sum(c.isupper() for c in letters) / max(len(letters), 1),
        sum(c.isdigit() for c in stripped) / n,
        sum(not c.isalnum() and not c.isspace() for c in stripped) / n,
        float(stripped.endswith((".", "!", "?", '"', "”", "»"))),
        float(bool(GLUED.search(stripped))),
        float(stripped[:1].isupper()),
    ]


class PublisherRepetition:
    """How many documents of each publisher contain each normalised line."""

    def __init__(self, documents: Sequence[Document]):
        self.docs: Counter[str] = Counter(d.publisher for d in documents)
        self.lines: dict[str, Counter[bytes]] = defaultdict(Counter)
        for d in documents:
            self.lines[d.publisher].update({ccnet_hash(line.text) for line in d.lines if line.text.strip()})

    def share(self, doc: Document, text: str) -> float:
        """The share of the publisher's *other* documents that contain this line."""
        others = self.docs[doc.publisher] - 1
        if others <= 0:
            return 0.0
        return max(self.lines[doc.publisher][ccnet_hash(text)] - 1, 0) / others


def line_rows(doc: Document, repetition: PublisherRepetition) -> tuple[list[str], np.ndarray, list[int]]:
    """Texts, dense features and indexes of the non-empty lines of a document."""
    idx = [i for i, line in enumerate(doc.lines) if line.text.strip()]
    texts = [doc.lines[i].text.strip() for i in idx]
    stats = [_line_stats(t) for t in texts]
    counts = Counter(t.lower() for t in texts)
    n = len(idx)
    rows = []
    for k, t in enumerate(texts):
        prev = stats[k - 1] if k > 0 else [0.0] * len(stats[0])
        nxt = stats[k + 1] if k + 1 < n else [0.0] * len(stats[0])
        rows.append(stats[k] + prev[:2] + prev[5:6] + nxt[:2] + nxt[5:6] + [
            k / max(n - 1, 1), math.log1p(k), float(k == 0), float(counts[t.lower()] > 1), repetition.share(doc, t)])
    return texts, np.array(rows, dtype=float).reshape(n, -1), idx


class SklearnLines(Baseline):
    name = "sklearn"
    version = "1"

    def __init__(self):
        self.model = None
        self.cv_scores: dict[float, list[float]] = {}
        self.C: float | None = None
        self.repetition: PublisherRepetition | None = None

    # -- training -------------------------------------------------------------------------------
    @staticmethod
    def _dataset(documents: Sequence[Document]):
        rep = PublisherRepetition(documents)
        texts, dense, y, w, groups = [], [], [], [], []
        for doc in documents:
            t, d, idx = line_rows(doc, rep)
            texts += t
            dense.append(d)
            y += [doc.lines[i].label for i in idx]
            w += [max(len(tokens(x)), 1) for x in t]
            groups += [doc.publisher] * len(t)
        return texts, np.vstack(dense), np.array(y), np.array(w, dtype=float), np.array(groups)

    def cross_validate(self, documents: Sequence[Document]) -> dict[float, list[float]]:
        """Token-weighted macro F1 per C over GroupKFold folds of publishers. Features are built
        once per fold; the Cs are fitted in increasing order, each warm-started from the last."""
        from sklearn.metrics import f1_score
        from sklearn.model_selection import GroupKFold

        texts, dense, y, w, groups = self._dataset(documents)
        folds = GroupKFold(n_splits=min(FOLDS, len(set(groups))))
        scores: dict[float, list[float]] = {C: [] for C in C_GRID}
        for tr, te in folds.split(dense, y, groups):
            model = _Model(C_GRID[0])
            x_train = model.features([texts[i] for i in tr], dense[tr], fit=True)
            x_test = model.features([texts[i] for i in te], dense[te], fit=False)
            for C in sorted(C_GRID):
                model.train(x_train, y[tr], w[tr], C)
                pred = model.clf.predict(x_test)
                scores[C].append(float(f1_score(y[te], pred, labels=list(LABELS), average="macro",
                                                sample_weight=w[te], zero_division=0)))
        return scores

    def fit(self, documents: Sequence[Document], tuning_documents: Sequence[Document] | None = None) -> None:
        """Fit on `documents` (the train split); choose C by cross-validation over
        `tuning_documents` (train plus validation) when given, else over `documents`."""
        self.cv_scores = self.cross_validate(tuning_documents or documents)
        self.C = max(C_GRID, key=lambda c: (float(np.mean(self.cv_scores[c])), -c))
        texts, dense, y, w, _ = self._dataset(documents)
        self.model = _Model(self.C)
        self.model.train(self.model.features(texts, dense, fit=True), y, w, self.C)

    def prepare(self, documents: Sequence[Document]) -> None:
        self.repetition = PublisherRepetition(documents)

    def extract(self, document: Document) -> Prediction:
        if self.model is None:
            raise RuntimeError("the sklearn baseline must be fitted first")
        rep = self.repetition or PublisherRepetition([document])
        texts, dense, idx = line_rows(document, rep)
        labels: list[str | None] = [None] * len(document.lines)
        if idx:
            for i, lab in zip(idx, self.model.predict(texts, dense), strict=True):
                labels[i] = str(lab)
        return Prediction(document.id, labels=tuple(labels))


class _Model:
    """Character TF-IDF of the line beside its scaled dense features, into LogisticRegression."""

    def __init__(self, C: float):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        self.tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, max_features=MAX_FEATURES,
                                     sublinear_tf=True, dtype=np.float64)
        self.scaler = StandardScaler()
        self.clf = LogisticRegression(C=C, max_iter=3000, tol=1e-3, warm_start=True)

    def features(self, texts, dense, fit: bool):
        from scipy import sparse

        if fit:
            parts = [self.tfidf.fit_transform(texts), sparse.csr_matrix(self.scaler.fit_transform(dense))]
        else:
            parts = [self.tfidf.transform(texts), sparse.csr_matrix(self.scaler.transform(dense))]
        return sparse.hstack(parts, format="csr")

    def train(self, x, y, w, C: float) -> None:
        from threadpoolctl import threadpool_limits

        self.clf.set_params(C=C)
        with threadpool_limits(1):
            self.clf.fit(x, y, sample_weight=w / w.mean())

    def predict(self, texts, dense) -> np.ndarray:
        return self.clf.predict(self.features(texts, dense, fit=False))
