"""Score an extractor's predictions against the gold labels.

Two kinds of prediction, one scorer. Everything reduces, per document, to counts: for each
predicted field f (a label), how many predicted-f tokens are credited to each gold label, how
many align to nothing, and the gold token counts. Precision, recall and F1 of f, and the
leakage of every other label into the body, follow from those counts, pooled over documents
(micro) or per document and averaged (macro).

- Labelled predictions (line labels or spans) give each document token a predicted label; the
  counts are a confusion matrix over tokens (and one over lines).
- Text predictions are tokenized and aligned to the document's tokens (`align`); a predicted
  token is credited to the gold label of the token it aligns to, and one that aligns to nothing
  counts against precision.
A labelled prediction turned into text (`as_text`) scores the same body figures.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from boilerbench.document import Document, Span, combine_digests, document_digest, majority_label
from boilerbench.labels import LABEL_IDS, LABELS
from boilerbench.prediction import Prediction
from boilerbench.tokenize import labelled_tokens, tokens

from . import compat
from .align import DocTokens, align_text, doc_tokens
from .bootstrap import DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED
from .figures import field_counts, summarise
from .metrics import UndefinedMetricWarning, ZeroDivision, check_zero_division
from .predictions import PredictionsFile, as_text, spans_of
from .results import ColumnsBuilder, Results

INFER = "infer"
"""`split=INFER` (the default): the split the documents share, as the CLI records it."""

NONE = len(LABELS)  # the column of tokens without a (predicted or gold) label
K = len(LABELS) + 1
BODY = LABEL_IDS["body"]


_ID_OF: dict[str | None, int] = {**{k: v for k, v in LABEL_IDS.items()}, None: NONE}


def _ids(labels: list[str | None]) -> np.ndarray:
    try:
        return np.fromiter(map(_ID_OF.__getitem__, labels), dtype=np.int64, count=len(labels))
    except KeyError as e:  # a prediction built in Python, not read (and checked) from a file
        raise ValueError(f"unknown label {e.args[0]!r}; expected one of {', '.join(LABELS)} or None") from None


def gold_arrays(doc: Document) -> tuple[list[str], np.ndarray]:
    return doc.token_words, doc.token_label_ids


def gold_counts(doc: Document) -> np.ndarray:
    """The gold tokens of each label (the last column: none), counted without tokenizing the
    document into a list when it has not been already."""
    counts = doc.label_token_counts
    return np.array([counts.get(label, 0) for label in LABELS] + [counts.get(None, 0)], dtype=np.int64)


def gold_doc_tokens(doc: Document) -> DocTokens:
    words, gold = gold_arrays(doc)
    return doc_tokens(words, gold, doc.line_token_counts, doc.text.split("\n"))


def line_label_ids(doc: Document, spans: Sequence[Span]) -> np.ndarray:
    """The label of each labelled gold line, under `spans` (gold or predicted), as for gold:
    the label covering most of the line's tokens, ties to the first."""
    out = []
    k = 0
    for line in doc.lines:
        if line.label is None:
            while k < len(spans) and spans[k].start < line.end + 1:
                k += 1
            continue
        pieces = []
        while k < len(spans) and spans[k].start < line.end + 1:
            s = spans[k]
            pieces.append((s.label, len(tokens(doc.text[s.start : s.end]))))
            k += 1
        label = majority_label(pieces)
        out.append(NONE if label is None else LABEL_IDS[label])
    return np.array(out, dtype=np.int64)


def score_labels(doc: Document, pred: Prediction) -> dict[str, Any]:
    """Counts for a labelled prediction: token confusion (gold x predicted) and line confusion."""
    words, gold = gold_arrays(doc)
    labelled = [i for i, line in enumerate(doc.lines) if line.label is not None]
    if pred.labels is not None:  # one label a line: each token and labelled line takes its line's, no tokenizing
        if len(pred.labels) != len(doc.lines):
            raise ValueError(f"prediction {pred.id!r}: {len(pred.labels)} labels for {len(doc.lines)} lines")
        line_ids = _ids(list(pred.labels))
        predicted = np.repeat(line_ids, doc.line_token_counts)
        pred_lines = line_ids[labelled]
    else:
        spans = spans_of(pred, doc)
        _, pred_labels = labelled_tokens(doc.text, spans)
        predicted = _ids(pred_labels)
        pred_lines = line_label_ids(doc, spans)
    conf = np.bincount(gold * K + predicted, minlength=K * K).reshape(K, K)
    gold_lines = np.array([_ID_OF[doc.lines[i].label] for i in labelled], dtype=np.int64)
    line_conf = np.bincount(gold_lines * K + pred_lines, minlength=K * K).reshape(K, K)
    return {
        "gold": np.bincount(gold, minlength=K),
        "credit": conf[:, : len(LABELS)].T.copy(),  # credit[f, L]: predicted f, gold L
        "unmatched": np.zeros(len(LABELS), dtype=np.int64),
        "line_confusion": line_conf,
        "compat": (_compat_lines(doc, pred.labels) if pred.labels is not None
                   else _compat(doc, as_text(pred, doc).body or "")),
    }


def score_text(doc: Document, pred: Prediction, fields: tuple[str, ...]) -> dict[str, Any]:
    """Counts for a text prediction: each field's tokens aligned to the document's tokens
    (no fields: the gold counts and the compatibility score alone, with no alignment)."""
    if not fields:
        return {"gold": gold_counts(doc), "credit": np.zeros((len(LABELS), K), dtype=np.int64),
                "unmatched": np.zeros(len(LABELS), dtype=np.int64), "line_confusion": None,
                "compat": _compat(doc, pred.body or "")}
    dt = gold_doc_tokens(doc)
    gold = dt.labels
    credit = np.zeros((len(LABELS), K), dtype=np.int64)
    unmatched = np.zeros(len(LABELS), dtype=np.int64)
    for name, (predicted, match) in text_alignments(dt, pred, fields).items():
        f = LABEL_IDS[name]
        hit = match[match >= 0]
        credit[f] = np.bincount(gold[hit], minlength=K)
        unmatched[f] = len(predicted) - len(hit)
    return {"gold": np.bincount(gold, minlength=K), "credit": credit, "unmatched": unmatched,
            "line_confusion": None, "compat": _compat(doc, pred.body or "")}


def text_alignments(dt: DocTokens, pred: Prediction,
                    fields: tuple[str, ...]) -> dict[str, tuple[list[str], np.ndarray]]:
    """Each text field's tokens and the document token each is credited to (-1: none), as the
    scorer counts them; `boilerbench diff` shows the same alignment."""
    return {name: align_text(getattr(pred, name) or "", dt, LABEL_IDS[name]) for name in fields}


def _compat(doc: Document, predicted_body: str) -> np.ndarray:
    row: np.ndarray = compat.columns([compat.page_score(_gold_body(doc), predicted_body)])[0]
    return row


def _compat_lines(doc: Document, labels: tuple[str | None, ...]) -> np.ndarray:
    """`_compat` of a prediction of one label a line: its body's tokens are those of its body
    lines, taken from the document's tokens, with no text built or tokenized."""
    keys, counts = compat.line_view(doc.text)
    is_body = [label == "body" for label in labels]
    selected = keys[np.repeat(np.array(is_body, dtype=bool), counts)]
    page = compat.page_score_hashed(_gold_body(doc), selected,
                                    lambda: "\n".join(line for line, keep in zip(doc.text.split("\n"), is_body,
                                                                                  strict=True) if keep))
    row: np.ndarray = compat.columns([page])[0]
    return row


def _gold_body(doc: Document) -> str:
    if doc.reference_body is not None:
        return doc.reference_body
    return "\n".join(doc.text[s.start : s.end] for s in doc.spans if s.label == "body")


def score(
    documents: Iterable[Document],
    predictions: Mapping[str, Prediction] | Iterable[Prediction] | PredictionsFile,
    *,
    zero_division: ZeroDivision = 0.0,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = DEFAULT_CONFIDENCE,
    extractor: Mapping[str, str] | None = None,
    split: str | None = INFER,
    fields: tuple[str, ...] | None = None,
) -> Results:
    """Score predictions against documents: micro and macro figures per label, leakage of each
    label into the body, the article-extraction-benchmark score, and bootstrap intervals.

    The defaults are the CLI's (`boilerbench score`), so results made here gate against a
    baseline the CLI made. A document without a prediction is scored as an empty prediction
    and listed as missing. Predictions are scored as text if any of them is text (labelled ones
    are turned into text); otherwise as labels.

    Parameters
    ----------
    documents : iterable of Document
        The gold documents, e.g. `load_corpus(split="test", track="real")`.
    predictions : iterable or mapping of Prediction, or a PredictionsFile
        At most one per document id; a prediction for an id not among the documents is ignored.
    zero_division : {0, 1, nan, "warn"}, default 0
        The value of a 0/0 precision, recall or F1, as in scikit-learn: "warn" is 0 with one
        `UndefinedMetricWarning` per figure that fell back; nan leaves such documents out of
        macro means. "warn" and 0 give the same results (recorded as 0).
    n_resamples : int, default 1000
        Bootstrap resamples over documents (0: no intervals).
    seed : int, default 0
        The bootstrap's seed.
    confidence : float, default 0.95
        The intervals' coverage.
    extractor : mapping, optional
        `{"name": ..., "version": ...}` recorded in the results (a PredictionsFile's own header
        otherwise; "unnamed" without either).
    split : str or None, default: inferred
        The split recorded in the results (the gate compares it with the baseline's): by
        default the split all documents share, None when they mix splits.
    fields : tuple of str, optional
        The text fields scored (default: the body, and the title and byline where predicted);
        `fields=()` computes the article-extraction-benchmark score alone (what `--metric aeb`
        reports), skipping the alignment, which is most of scoring's time.

    Returns
    -------
    Results
        The figures (`results.value("body", "f1")`, `results.leakage("promo")`, the JSON form
        in `results.summary`) and the per-document counts they come from.

    Raises
    ------
    ValueError
        A bad `zero_division`, `n_resamples` or `confidence`.

    Example
    -------
    >>> from boilerbench import Document, Prediction, score
    >>> doc = Document.from_rows("d1", [("title", "Ferry fares rise"), ("body", "Fares rise by a fifth in April."),
    ...                                 ("promo", "Subscribe to the Harbor Briefing.")])
    >>> results = score([doc], [Prediction("d1", body="Fares rise by a fifth in April.")], n_resamples=0)
    >>> results.value("body", "f1"), results.leakage("promo"), results.split
    (1.0, 0.0, 'test')
    """
    if isinstance(predictions, PredictionsFile):
        extractor = extractor or predictions.extractor
        predictions = predictions.predictions
    if not isinstance(predictions, Mapping):
        predictions = {p.id: p for p in predictions}
    if split == INFER:
        documents = list(documents)
        splits = {d.split for d in documents}
        split = splits.pop() if len(splits) == 1 else None
    if fields is not None:
        return score_pairs(((doc, predictions.get(doc.id)) for doc in documents), text_fields=tuple(fields),
                           zero_division=zero_division, n_resamples=n_resamples, seed=seed, confidence=confidence,
                           extractor=extractor, split=split)
    return score_pairs(((doc, predictions.get(doc.id)) for doc in documents), text_fields=scored_fields(predictions),
                       zero_division=zero_division, n_resamples=n_resamples, seed=seed, confidence=confidence,
                       extractor=extractor, split=split)


def scored_fields(predictions: Mapping[str, Prediction]) -> tuple[str, ...] | None:
    """The text fields scored for these predictions (the body, and the title and byline where
    any prediction gives them), or None to score them as labels (none of them is text)."""
    if not any(p.is_text for p in predictions.values()):
        return None
    return ("body",) + tuple(n for n in ("title", "byline")
                             if any(getattr(as_text_if(p), n) is not None for p in predictions.values()))


def score_pairs(
    pairs: Iterable[tuple[Document, Prediction | None]],
    *,
    text_fields: tuple[str, ...] | None,
    zero_division: ZeroDivision = 0.0,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = DEFAULT_CONFIDENCE,
    extractor: Mapping[str, str] | None = None,
    split: str | None = None,
) -> Results:
    """`score` over a stream of (document, prediction or None) pairs, holding only per-document
    counts: the way to score a corpus too large to keep in memory. `text_fields` are the fields
    scored in text mode (e.g. ("body",)); None scores labelled predictions."""
    z = check_zero_division(zero_division)
    if n_resamples < 0:
        raise ValueError("n_resamples must be >= 0")
    if not 0 < confidence < 1:
        raise ValueError("confidence must lie between 0 and 1")
    text_mode = text_fields is not None
    if text_fields is not None and not set(text_fields) <= set(LABELS):
        raise ValueError(f"unknown fields {sorted(set(text_fields) - set(LABELS))}; expected labels of {LABELS}")
    started = time.perf_counter()
    columns = ColumnsBuilder(labels_mode=not text_mode)
    digests = []
    tracks = set()
    for doc, pred in pairs:
        digests.append(document_digest(doc))
        tracks.add(doc.track)
        missing = pred is None
        if pred is None:
            pred = Prediction(doc.id, body="") if text_mode else Prediction(doc.id, labels=(None,) * len(doc.lines))
        if text_fields is not None:
            counts = score_text(doc, as_text(pred, doc), text_fields)
        else:
            counts = score_labels(doc, pred)
        columns.add(id=doc.id, publisher=doc.publisher, language=doc.language, missing=missing,
                    failure=pred.failure, seconds=pred.seconds, **counts)
    results = summarise(
        columns.build(),
        mode="text" if text_mode else "labels",
        fields=text_fields if text_fields is not None else LABELS,
        extractor=dict(extractor or {"name": "unnamed", "version": "unknown"}),
        split=split,
        track=tracks.pop() if len(tracks) == 1 else None,
        fingerprint=combine_digests(digests),
        config={"n_resamples": n_resamples, "seed": seed, "confidence": confidence,
                "zero_division": None if np.isnan(z) else z},
        scoring_seconds=time.perf_counter() - started,
    )
    results.summary["provenance"] = provenance()
    if isinstance(zero_division, str):  # "warn"
        warn_undefined(results)
    return results


def warm(documents: Iterable[Document], *, sizes: Iterable[int] = (), n_resamples: int = DEFAULT_RESAMPLES,
         seed: int = DEFAULT_SEED, fields: tuple[str, ...] | None = None) -> None:
    """Compute what scoring keeps of each document (its digest, gold token labels, the gold body's
    compatibility tokens) and of the process (the bootstrap's draws for each number of documents
    in `sizes`), once: forked scoring workers then inherit it instead of each computing it again.
    `fields=()`: for the article-extraction-benchmark's score alone (gold counts, no tokens).

    >>> from boilerbench import Document
    >>> warm([Document.from_rows("d1", [("body", "Fares rise.")])], sizes=[1], n_resamples=10)
    """
    from .bootstrap import cache_weights

    for doc in documents:
        document_digest(doc)
        if fields == ():
            gold_counts(doc)
        else:
            gold_arrays(doc)
        compat.gold_side(_gold_body(doc))
    for n in sizes:
        cache_weights(n, n_resamples, seed)
    _environment()
    import numpy.ma  # noqa: F401 - np.unique and np.quantile import it on first use: once here, not in each worker


def warn_undefined(results: Results) -> None:
    """One `UndefinedMetricWarning` per figure that was 0/0 and took 0: pooled (micro) figures,
    and per-document ones of the macro means (with how many documents)."""
    import warnings

    cols = results.columns
    counts = field_counts(cols.gold, cols.credit, cols.unmatched, results.fields)  # (n, F, 3): TP, FP, FN
    for j, name in enumerate(results.fields):
        tp, fp, fn = counts[:, j, 0], counts[:, j, 1], counts[:, j, 2]
        pooled = {"precision": tp.sum() + fp.sum() == 0, "recall": tp.sum() + fn.sum() == 0}
        for metric, undefined in pooled.items():
            if undefined:
                warnings.warn(f"{name} {metric} (micro) is 0/0: no {'predicted' if metric == 'precision' else 'gold'}"
                              f" {name} tokens; set to 0 (zero_division)", UndefinedMetricWarning, stacklevel=3)
        scored = tp + fn > 0  # macro means cover documents with gold tokens of the label
        empty = int((scored & (tp + fp == 0)).sum())
        if empty:
            warnings.warn(f"{name} precision is 0/0 in {empty} document(s) with no predicted {name} tokens; "
                          "set to 0 in the macro mean (zero_division)", UndefinedMetricWarning, stacklevel=3)


def provenance() -> dict[str, Any]:
    """Where a results object came from: the boilerbench version, when, on which Python and
    platform, and the versions of the packages scoring depends on (its settings, corpus
    fingerprint and extractor are in the results beside it)."""
    import datetime

    env = _environment()
    return {"boilerbench": env["boilerbench"],
            "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "python": env["python"], "platform": env["platform"], "packages": dict(env["packages"])}


@lru_cache(maxsize=1)
def _environment() -> dict[str, Any]:
    """What does not change within a process (read once: package metadata costs milliseconds)."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    from boilerbench.version import __version__

    return {"boilerbench": __version__, "python": platform.python_version(),
            "platform": platform.platform(),
            "packages": {name: installed(name) for name in ("numpy", "rapidfuzz", "regex", "scikit-learn")}}


def as_text_if(p: Prediction) -> Prediction:
    """Field presence of a prediction: labelled ones have every field."""
    if p.is_text:
        return p
    return Prediction(p.id, body="", title="", byline="")
