"""WCXB's own figures (the Web Content eXtraction Benchmark, Foley 2026), as its stored results
compute them, so that `score --metric wcxb` gives back the benchmark's numbers.

Per page, against the gold `main_content`:

- content precision, recall and F1: over the *sets* of lower-cased whitespace-separated words
  of the extraction and of the gold. (The benchmark's README shows a bag of `\\w+` words
  instead; its stored per-page results are reproduced only by the set of whitespace words,
  which a test checks on the five pages of `test/results/rs-trafilatura_results.json`.
  `words="readme"` computes the README's variant.)
- content accuracy: the longest common subsequence of the lower-cased whitespace words, over
  the gold's word count (not defined in the README; inferred, and it reproduces all five
  stored pages exactly).
- `with` snippets found and `without` snippets kept: case-insensitive substring tests against
  the extraction, as shares of each page's snippets.
- title match: the extracted title equals the gold title after lower-casing and collapsing
  whitespace (not defined in the README, and the stored pages cannot settle it: their titles
  are identical).

Corpus figures are means over pages, as in the stored `metrics`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

FIELDS = ("content_precision", "content_recall", "content_f1", "content_accuracy", "with_snippets_percentage",
          "without_snippets_percentage", "title_match")


@dataclass(frozen=True)
class Gold:
    """What WCXB scores a page against."""

    main_content: str
    title: str | None = None
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()


def content_prf(predicted: str, reference: str, *, words: str = "stored") -> tuple[float, float, float]:
    """Precision, recall and F1 of the extracted words against the gold's.

    >>> content_prf("The cat sat", "the cat sat down")
    (1.0, 0.75, 0.8571428571428571)
    """
    if words == "readme":
        pred: Counter[str] | set[str] = Counter(re.findall(r"\w+", predicted.lower()))
        ref: Counter[str] | set[str] = Counter(re.findall(r"\w+", reference.lower()))
        overlap = sum((pred & ref).values())  # type: ignore[operator]
        n_pred, n_ref = sum(pred.values()), sum(ref.values())  # type: ignore[union-attr]
    else:
        pred, ref = set(predicted.lower().split()), set(reference.lower().split())
        overlap, n_pred, n_ref = len(pred & ref), len(pred), len(ref)
    if not n_ref:
        return (1.0, 1.0, 1.0) if not n_pred else (0.0, 0.0, 0.0)
    if not n_pred:
        return 0.0, 0.0, 0.0
    p, r = overlap / n_pred, overlap / n_ref
    return p, r, (2 * p * r / (p + r) if p + r > 0 else 0.0)


def content_accuracy(predicted: str, reference: str) -> float:
    """The longest common subsequence of lower-cased whitespace words over the gold's word count."""
    from rapidfuzz.distance import LCSseq

    ref = reference.lower().split()
    if not ref:
        return 1.0 if not predicted.split() else 0.0
    return LCSseq.similarity(predicted.lower().split(), ref) / len(ref)


def snippet_share(snippets: tuple[str, ...], text: str) -> float | None:
    """The share of snippets found in the text, case-insensitively; None for a page without any."""
    if not snippets:
        return None
    low = text.lower()
    return sum(s.lower() in low for s in snippets) / len(snippets)


def title_match(predicted: str | None, gold: str | None) -> float | None:
    if not gold:
        return None

    def norm(s: str | None) -> str:
        return " ".join((s or "").lower().split())

    return float(norm(predicted) == norm(gold))


def page_figures(gold: Gold, body: str, title: str | None = None, *, words: str = "stored") -> dict[str, float | None]:
    """All of WCXB's per-page figures for one extraction.

    >>> g = Gold("the cat sat down", "Cats", ("cat sat",), ("Menu",))
    >>> page_figures(g, "The cat sat", "cats")["without_snippets_percentage"]
    0.0
    """
    p, r, f = content_prf(body, gold.main_content, words=words)
    return {"content_precision": p, "content_recall": r, "content_f1": f,
            "content_accuracy": content_accuracy(body, gold.main_content),
            "with_snippets_percentage": snippet_share(gold.with_snippets, body),
            "without_snippets_percentage": snippet_share(gold.without_snippets, body),
            "title_match": title_match(title, gold.title)}


def corpus_figures(pages: list[dict[str, float | None]]) -> dict[str, Any]:
    """Means over pages (pages without snippets or without a gold title are left out of those
    means), as WCXB's `metrics`."""
    out: dict[str, Any] = {"pages": len(pages)}
    for name in FIELDS:
        values = [v for v in (p[name] for p in pages) if v is not None]
        key = "title_match_rate" if name == "title_match" else name
        out[key] = float(np.mean(values)) if values else None
    return out


def gold_of(doc) -> Gold:
    """A document's WCXB gold: the imported page's own gold where it has it, else the body and
    title of its line labels."""
    ref = doc.reference or {}
    body = doc.reference_body if doc.reference_body is not None else "\n".join(
        doc.text[s.start : s.end] for s in doc.spans if s.label == "body")
    title = ref.get("title") or " ".join(doc.text[s.start : s.end] for s in doc.spans if s.label == "title") or None
    return Gold(body, title, tuple(ref.get("with", ())), tuple(ref.get("without", ())))
