"""The compiled form of a document: raw text plus labelled character spans.

Everything downstream (scoring, baselines, export) reads this form; the source files of
`corpus/` and the JSON form are two ways to write it down.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .labels import LABEL_IDS, LABELS
from .tokenize import iter_tokens, label_token_counts, labelled_token_runs

if TYPE_CHECKING:
    import numpy as np

HEADER_FIELDS: tuple[str, ...] = (
    "id", "publisher", "url", "language", "split", "provenance", "license", "track", "source", "notes",
)
REQUIRED_FIELDS: tuple[str, ...] = ("id", "publisher", "language", "split", "provenance", "license")


@dataclass(frozen=True, order=True)
class Span:
    """Characters `start` (inclusive) to `end` (exclusive) of the text carry `label`."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Token:
    """A word token with its character offsets and the gold label of its first character."""

    start: int
    end: int
    text: str
    label: str | None


def majority_label(weighted: Iterable[tuple[str, int]]) -> str | None:
    """The label with the most tokens among (label, tokens) pieces, ties to the label seen first:
    how a split line gets its label, for gold lines and predicted ones alike. None for no pieces."""
    totals: dict[str, int] = {}
    for label, n in weighted:
        totals[label] = totals.get(label, 0) + n
    best = max(totals.values(), default=0)
    return next((label for label, n in totals.items() if n == best), None)


@dataclass(frozen=True)
class Line:
    """One raw line (the text between two `\\n`), with the spans that label it."""

    number: int  # 1-based, as an editor counts
    start: int
    end: int
    text: str
    spans: tuple[Span, ...]

    @property
    def is_split(self) -> bool:
        return len({s.label for s in self.spans}) > 1

    @cached_property
    def label(self) -> str | None:
        """The line's label: None for an unlabelled (blank) line; for a split line, the label
        that covers the most tokens, ties going to the one that comes first."""
        if len({s.label for s in self.spans}) <= 1:
            return self.spans[0].label if self.spans else None
        pieces = (self.text[s.start - self.start : s.end - self.start] for s in self.spans)
        return majority_label((s.label, sum(1 for _ in iter_tokens(piece)))
                              for s, piece in zip(self.spans, pieces, strict=True))


@dataclass(frozen=True)
class Document:
    """One page dump with its gold labels: the raw text and labelled character spans.

    Parameters
    ----------
    id, publisher, language, split, provenance, license : str
        The header (see the README's document format); `split` is train, validation or test.
    text : str
        The raw lines joined with newlines, byte for byte as the dump has them.
    spans : tuple of Span
        Labelled character spans, sorted, not overlapping, never across a line end.
    url, notes, track, source : str, optional
        More header; `track` (real or authored) is derived from `provenance` when not given.

    Raises
    ------
    Nothing here: `boilerbench validate` and the loaders check documents (`load_corpus` raises
    `UserError`, a `ValueError`, at the first bad one).

    Example
    -------
    >>> doc = Document.from_rows("d1", [("title", "Ferry fares rise"), ("body", "Fares rise by a fifth.")])
    >>> doc.track, [t.text for t in doc.tokens][:3], doc.lines[1].label
    ('authored', ['Ferry', 'fares', 'rise'], 'body')
    """

    id: str
    publisher: str
    language: str
    split: str
    provenance: str
    license: str
    text: str
    spans: tuple[Span, ...]
    url: str | None = None
    notes: str | None = None
    track: str | None = None
    """`real` (a real page with annotator labels) or `authored` (invented text); when the header
    does not say, `imported:` provenance means real and anything else authored."""
    source: str | None = None
    """Where a real page comes from: `dataset/split/page id` (for example `wcxb/dev/0224`)."""
    html: str | None = field(default=None, repr=False)
    reference_body: str | None = field(default=None, repr=False)
    """For imported pages: the dataset's own gold body text, which the compatibility metric
    scores against (the line labels of such a page are derived from it)."""
    reference: dict[str, Any] | None = field(default=None, repr=False)
    """For imported pages: the dataset's other gold (title, author, publish_date, and the `with`
    and `without` snippets of WCXB)."""
    html_path: str | None = field(default=None, repr=False, compare=False)
    """Where the page source lies when it ships beside the corpus (`corpus/_pages/<id>.html.gz`)
    instead of inside the document; `page_html()` reads either."""

    @classmethod
    def from_rows(cls, id: str, rows: Sequence[tuple[str | None, str]], *, split: str = "test",
                  publisher: str = "example", language: str = "en", provenance: str = "authored",
                  license: str = "CC-BY-4.0", **metadata: Any) -> Document:
        """A document from (label, raw line) rows, one span per labelled non-empty line: the
        quickest way to build one in code (a label of None leaves a line unlabelled).

        Example
        -------
        >>> doc = Document.from_rows("d1", [("title", "Ferry fares rise"), ("body", "Fares rise in April.")])
        >>> [(line.label, doc.text[line.start:line.end]) for line in doc.lines]
        [('title', 'Ferry fares rise'), ('body', 'Fares rise in April.')]
        """
        spans, pos = [], 0
        for label, line in rows:
            if label is not None and line:
                spans.append(Span(pos, pos + len(line), label))
            pos += len(line) + 1
        return cls(id=id, publisher=publisher, language=language, split=split, provenance=provenance,
                   license=license, text="\n".join(line for _, line in rows), spans=tuple(spans), **metadata)

    def __post_init__(self) -> None:
        if self.track is None:
            derived = "real" if (self.provenance or "").startswith("imported:") else "authored"
            object.__setattr__(self, "track", derived)

    def page_html(self) -> str | None:
        """The page's HTML, from the document or from the shipped page file; None for text-only
        documents."""
        if self.html is not None:
            return self.html
        if self.html_path is None:
            return None
        import gzip

        with open(self.html_path, "rb") as handle:
            return gzip.decompress(handle.read()).decode("utf-8")

    def header(self) -> dict[str, str]:
        """The metadata fields that are set, in their canonical order."""
        return {k: getattr(self, k) for k in HEADER_FIELDS if getattr(self, k) is not None}

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        out: list[Line] = []
        spans = self.spans
        i = 0
        start = 0
        for number, raw in enumerate(self.text.split("\n"), 1):
            end = start + len(raw)
            # valid spans never cross a line end, so each belongs to the line it starts in
            j = i
            while j < len(spans) and spans[j].start < end:
                j += 1
            out.append(Line(number, start, end, raw, tuple(spans[i:j])))
            i = j
            start = end + 1
        return tuple(out)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        starts = [s.start for s in self.spans]
        out = []
        for start, end, text in iter_tokens(self.text):
            k = bisect.bisect_right(starts, start) - 1
            label = None
            if k >= 0 and self.spans[k].start <= start < self.spans[k].end:
                label = self.spans[k].label
            out.append(Token(start, end, text, label))
        return tuple(out)

    @cached_property
    def digest(self) -> bytes:
        """A hash of what scoring reads of the document: id, split, text and spans (32 bytes);
        the corpus fingerprint combines them. Kept, as a leaderboard scores each document once
        per extractor."""
        payload = [self.id, self.split, self.text, [[s.start, s.end, s.label] for s in self.spans]]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).digest()

    @cached_property
    def _token_view(self) -> tuple[list[str], list[tuple[str | None, int]], list[int]]:
        """Tokens, their labels as runs (label, count), tokens per line."""
        return labelled_token_runs(self.text, self.spans)

    @cached_property
    def _token_labels(self) -> list[str | None]:
        return [label for label, n in self._token_view[1] for _ in range(n)]

    @cached_property
    def label_token_counts(self) -> dict[str | None, int]:
        """How many gold tokens each label holds (None: outside every span), counted without
        building the tokens: what scoring for the article-extraction-benchmark's score alone
        records, where the tokens themselves are never read."""
        if "_token_view" in self.__dict__:
            counts: dict[str | None, int] = {}
            for label, n in self._token_view[1]:
                counts[label] = counts.get(label, 0) + n
            return counts
        return label_token_counts(self.text, self.spans)

    @cached_property
    def token_label_ids(self) -> np.ndarray:
        """Each token's gold label as its index in LABELS, len(LABELS) where none: what scoring
        counts, kept (read-only) as every extractor of a leaderboard is scored on it."""
        import numpy as np  # here, not at the top: `import boilerbench` stays cheap

        ids: dict[str | None, int] = {None: len(LABELS)}
        ids.update(LABEL_IDS)
        runs = self._token_view[1]
        out = np.repeat(np.fromiter((ids[label] for label, _ in runs), dtype=np.int64, count=len(runs)),
                        np.fromiter((n for _, n in runs), dtype=np.int64, count=len(runs)))
        out.setflags(write=False)
        return out

    @property
    def token_words(self) -> list[str]:
        """The token strings (what `labelled_tokens` pairs with labels), without the labels."""
        return self._token_view[0]

    @property
    def labelled_tokens(self) -> tuple[list[str], list[str | None]]:
        """Token strings and their gold labels, computed fast (the same as `tokens`)."""
        return self._token_view[0], self._token_labels

    @property
    def line_token_counts(self) -> list[int]:
        """How many tokens each raw line holds."""
        return self._token_view[2]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.header())
        data["text"] = self.text
        data["spans"] = [{"start": s.start, "end": s.end, "label": s.label} for s in self.spans]
        page = self.page_html()  # a shipped page source goes into the JSON form: it stands alone
        if page is not None:
            data["html"] = page
        if self.reference_body is not None:
            data["reference_body"] = self.reference_body
        if self.reference is not None:
            data["reference"] = self.reference
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        """Build a document from its JSON form, which must already be valid under
        `schema/document.schema.json` (see `boilerbench.validation.document_from_json`)."""
        spans = tuple(Span(s["start"], s["end"], s["label"]) for s in data["spans"])
        kwargs: dict[str, Any] = {k: data.get(k) for k in HEADER_FIELDS}
        return cls(text=data["text"], spans=spans, html=data.get("html"), reference_body=data.get("reference_body"),
                   reference=data.get("reference"), **kwargs)

    def dumps(self) -> str:
        """One JSONL line."""
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=False)


def label_counts(doc: Document) -> dict[str, dict[str, int]]:
    """Lines and tokens per label (split lines count under their majority label)."""
    lines = Counter(line.label for line in doc.lines if line.label is not None)
    toks = Counter(label for label in doc.labelled_tokens[1] if label is not None)
    return {label: {"lines": lines.get(label, 0), "tokens": toks.get(label, 0)} for label in LABELS}


def document_digest(doc: Document) -> bytes:
    """A hash of what scoring reads of a document: id, split, text and spans (32 bytes)."""
    return doc.digest


def combine_digests(digests: Iterable[bytes]) -> str:
    """The corpus fingerprint from per-document digests, independent of their order."""
    return "sha256:" + hashlib.sha256("\n".join(d.hex() for d in sorted(digests)).encode()).hexdigest()


def fingerprint(documents: Iterable[Document]) -> str:
    """A hash of the documents as scored, independent of their order: what the gate compares to
    refuse a baseline of other documents."""
    return combine_digests(document_digest(d) for d in documents)
