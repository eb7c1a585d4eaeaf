"""A scikit-learn line classifier for all six labels.

Features of a line and its neighbours: length (tokens and characters, log-scaled), shares of
uppercase letters, digits and punctuation, terminal punctuation, a glued lower-to-upper case
join (teaser titles with their section label), relative and absolute position, the same length
and punctuation features of the previous and next lines, repetition within the document (and
whether this is the first copy: real pages print body text twice), the share of the
publisher's other documents that contain the same (CCNet-normalised) line, where the line
stands against the article core (the run from the first to the last line of 20+ tokens) and the
local density of long text (late body lines are not bylines), whether a comments heading came
before it (comments are not body), its overlap with the words of the page's URL (a headline
shares them; navigation near the top does not), and character 2-4-gram TF-IDF of the line.
A multinomial LogisticRegression, with each line weighted
by its token count (the scorer counts tokens).

Trained at first use, in seconds, on the train split only. Its one hyper-parameter, the inverse
regularisation C, is chosen by 3-fold GroupKFold over publishers on train plus validation
(token-weighted macro F1 over the six labels); the final model is then fitted on train alone.
Fits run single-threaded (faster here than BLAS threads on a matrix this size), with lbfgs at
tol 1e-3 and at most 10,000 character n-grams, so that training takes seconds.
`boilerbench tune sklearn` prints the cross-validated scores.

A fitted model is cached as plain numbers (a JSON file of the character n-gram vocabulary and
the chosen C with its scores, an .npz of the IDF weights, the scaler and the coefficients; never
a pickle) under `$BOILERBENCH_CACHE` (default `~/.cache/boilerbench`), keyed by the training
documents' fingerprint and this module's source: a cache made from other data or other code is
never read. (The numbers are plain, and scikit-learn only applies them, so its version is not
part of the key.) `BOILERBENCH_CACHE=off` turns it off.
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
    letters = list(filter(str.isalpha, stripped))  # (map and filter: the character loops run in C)
    n = max(len(stripped), 1)
    alnum, space = sum(map(str.isalnum, stripped)), sum(map(str.isspace, stripped))
    return [
        math.log1p(len(toks)), math.log1p(len(stripped)),
        sum(map(str.isupper, letters)) / max(len(letters), 1),
        sum(map(str.isdigit, stripped)) / n,
        (len(stripped) - alnum - space) / n,  # neither alphanumeric nor space (no character is both)
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


COMMENT_MARK = re.compile(r"^(\d+\s+)?(comments?|responses?|replies|reply|leave a (reply|comment)|join the "
                          r"discussion|add a comment|discussion)\b", re.IGNORECASE)
LONG = 20  # tokens: a line of the running text


def _slug_words(url: str | None) -> set[str]:
    """The words of a URL's path, lower-cased: a headline shares them, a menu item rarely."""
    if not url:
        return set()
    from urllib.parse import urlparse

    try:
        path = urlparse(url).path
    except ValueError:
        return set()
    return {w for w in re.split(r"[^a-z0-9]+", path.lower()) if len(w) > 2 and not w.isdigit()}


def line_rows(doc: Document, repetition: PublisherRepetition) -> tuple[list[str], np.ndarray, list[int]]:
    """Texts, dense features and indexes of the non-empty lines of a document.

    Besides each line's own look and its neighbours', the features place the line against the
    page: inside or outside the run of long lines (the article core), the local density of long
    text, after a comments heading, its overlap with the URL's words (headlines share them),
    and, for text printed twice, whether this is the first copy."""
    idx = [i for i, line in enumerate(doc.lines) if line.text.strip()]
    texts = [doc.lines[i].text.strip() for i in idx]
    stats = [_line_stats(t) for t in texts]
    counts = Counter(t.lower() for t in texts)
    n = len(idx)
    n_tok = np.array([len(tokens(t)) for t in texts], dtype=float)
    long_at = np.flatnonzero(n_tok >= LONG)
    first_long, last_long = (int(long_at[0]), int(long_at[-1])) if len(long_at) else (n, -1)
    cum_long = np.concatenate([[0.0], np.cumsum(np.where(n_tok >= LONG, n_tok, 0.0))])
    cum_all = np.concatenate([[0.0], np.cumsum(n_tok)])
    slug = _slug_words(doc.url)
    comment_from = next((k for k, t in enumerate(texts) if k > first_long and len(t) < 40 and COMMENT_MARK.match(t)),
                        n)
    seen: set[str] = set()
    rows = []
    for k, t in enumerate(texts):
        prev = stats[k - 1] if k > 0 else [0.0] * len(stats[0])
        nxt = stats[k + 1] if k + 1 < n else [0.0] * len(stats[0])
        lo, hi = max(0, k - 5), min(n, k + 6)
        density = (cum_long[hi] - cum_long[lo]) / max(cum_all[hi] - cum_all[lo], 1.0)
        words = {w.lower() for w in tokens(t)}
        key = t.lower()
        repeated = counts[key] > 1
        first_copy = key not in seen
        seen.add(key)
        rows.append(stats[k] + prev[:2] + prev[5:6] + nxt[:2] + nxt[5:6] + [
            k / max(n - 1, 1), math.log1p(k), float(k == 0), float(repeated), repetition.share(doc, t),
            float(repeated and first_copy), float(first_long <= k <= last_long), float(k < first_long),
            float(k > last_long), density, float(k >= comment_from),
            len(words & slug) / max(len(slug), 1), float(bool(slug) and len(words & slug) >= min(3, len(slug))),
            (k - first_long) / max(n, 1)])
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
        once per fold; each C is fitted from scratch (a warm start from the previous C stops at
        once at this tolerance, which would score every C alike)."""
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
        `tuning_documents` (train plus validation) when given, else over `documents`. A model
        fitted before on the same documents by the same code is read from the cache."""
        import sys

        key = cache_key(documents, tuning_documents or documents)
        cached = load_cached(key)
        if cached is not None:
            self.model, self.C, self.cv_scores = cached
            return
        n_lines = sum(1 for d in documents for line in d.lines if line.text.strip())
        print(f"sklearn: choosing C by {FOLDS}-fold cross-validation, then fitting on {len(documents)} documents "
              f"({n_lines:,} lines); cached after the first time", file=sys.stderr, flush=True)
        self.cv_scores = self.cross_validate(tuning_documents or documents)
        self.C = max(C_GRID, key=lambda c: (float(np.mean(self.cv_scores[c])), -c))
        texts, dense, y, w, _ = self._dataset(documents)
        self.model = _Model(self.C)
        self.model.train(self.model.features(texts, dense, fit=True), y, w, self.C)
        save_cached(key, self.model, self.C, self.cv_scores)

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
        self.clf = LogisticRegression(C=C, max_iter=3000, tol=1e-3)

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


# -- the cache: plain numbers, keyed by data and code ---------------------------------------------

def cache_dir():
    """Where fitted models are cached, or None when caching is off."""
    import os
    from pathlib import Path

    value = os.environ.get("BOILERBENCH_CACHE", "")
    if value.lower() in ("off", "0", "no"):
        return None
    return Path(value) if value else Path.home() / ".cache" / "boilerbench"


def cache_key(train: Sequence[Document], tuning: Sequence[Document]) -> str:
    """A hash of what the fit depends on: the documents (fingerprints of both sets) and this
    module's source."""
    import hashlib
    from pathlib import Path

    from boilerbench.loader import fingerprint

    h = hashlib.sha256()
    for part in (fingerprint(train), fingerprint(tuning), Path(__file__).read_bytes()):
        h.update(part if isinstance(part, bytes) else part.encode())
    return h.hexdigest()[:32]


def save_cached(key: str, model: _Model, C: float, cv_scores: dict[float, list[float]]) -> None:
    import json
    import os
    import tempfile

    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        meta = {"C": C, "cv_scores": [[c, v] for c, v in cv_scores.items()],
                "vocabulary": {k: int(v) for k, v in model.tfidf.vocabulary_.items()},
                "classes": [str(c) for c in model.clf.classes_]}
        arrays = {"idf": model.tfidf.idf_, "mean": model.scaler.mean_, "scale": model.scaler.scale_,
                  "var": model.scaler.var_, "coef": model.clf.coef_, "intercept": model.clf.intercept_}
        for name, write in ((f"sklearn-{key}.json", lambda f: f.write(json.dumps(meta).encode())),
                            (f"sklearn-{key}.npz", lambda f: np.savez(f, **arrays))):
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                write(handle)
            os.replace(tmp, folder / name)
    except OSError:
        pass  # a cache that cannot be written is only slower next time


def shipped_dir():
    """Models fitted on the bundled corpus, shipped with the package (same format and keys as the
    cache): a fresh install runs the leaderboard without fitting. Made by
    `tools/refit_shipped_models.py`; a test checks that they match the corpus and this code."""
    from pathlib import Path

    return Path(__file__).with_name("fitted")


def load_cached(key: str):
    """(model, C, cv scores) from the cache or the shipped models, or None when neither holds a
    valid entry for this key."""
    for folder in (cache_dir(), shipped_dir()):
        if folder is not None and (folder / f"sklearn-{key}.json").exists():
            found = _load(folder, key)
            if found is not None:
                return found
    return None


def _load(folder, key: str):
    import json

    try:
        meta = json.loads((folder / f"sklearn-{key}.json").read_text(encoding="utf-8"))
        with np.load(folder / f"sklearn-{key}.npz", allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        model = _Model(float(meta["C"]))
        model.tfidf.set_params(vocabulary={k: int(v) for k, v in meta["vocabulary"].items()})
        model.tfidf.vocabulary_ = model.tfidf.vocabulary
        model.tfidf.fixed_vocabulary_ = True
        model.tfidf.idf_ = arrays["idf"]
        model.scaler.mean_, model.scaler.scale_, model.scaler.var_ = arrays["mean"], arrays["scale"], arrays["var"]
        model.scaler.n_features_in_ = len(arrays["mean"])
        model.clf.classes_ = np.array(meta["classes"])
        model.clf.coef_, model.clf.intercept_ = arrays["coef"], arrays["intercept"]
        model.clf.n_features_in_ = arrays["coef"].shape[1]
        cv = {float(c): [float(x) for x in v] for c, v in meta["cv_scores"]}
        return model, float(meta["C"]), cv
    except (OSError, ValueError, KeyError, TypeError):
        return None
