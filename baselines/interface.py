"""What an extractor is, and how its output becomes a `Prediction`.

An extractor is anything with a `name`, a `version` and an `extract(document)` method that
returns a prediction: a `Prediction`, a body string, a list of line labels, or a dict in the
predictions JSON form. It declares the input it reads in `input`: "text" (the dump, the default)
or "html" (the page source where a document carries it, else `minimal_html` of its lines, and
the run records that). Optional hooks: `fit(documents)` learns from labelled documents (the
train split only), `prepare(documents)` sees the unlabelled documents about to be extracted
(for methods that look across documents, such as CCNet's line deduplication).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Protocol, runtime_checkable

from boilerbench.document import Document, Span
from boilerbench.html_render import paragraphs_page
from boilerbench.labels import LABELS
from boilerbench.prediction import Prediction, prediction_from_json, record_errors


@runtime_checkable
class Extractor(Protocol):
    name: str
    version: str

    def extract(self, document: Document) -> Any: ...


class Baseline:
    """Base class of the bundled baselines: text input, nothing to fit."""

    name = "baseline"
    version = "1"
    input = "text"

    def fit(self, documents: Sequence[Document]) -> None:
        """Learn from labelled documents of the train split. Default: nothing to learn."""

    def prepare(self, documents: Sequence[Document]) -> None:
        """See the unlabelled documents about to be extracted. Default: nothing."""

    def extract(self, document: Document) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


class FunctionExtractor:
    """A plain function `extract(document)` as an extractor: named after the function (after its
    module when the function is called `extract`, so two modules' `extract` functions do not
    clash), version "unknown" (give `--name`/`--version` to `boilerbench run` to say more)."""

    input = "text"

    def __init__(self, fn):
        self.fn = fn
        self.name = getattr(fn, "__name__", "function")
        if self.name == "extract":
            self.name = str(getattr(fn, "__module__", None) or "extract").rsplit(".", 1)[-1]
        self.version = "unknown"

    def extract(self, document: Document) -> Any:
        return self.fn(document)


def package_version(distribution: str) -> str:
    """The installed version of a package an extractor wraps, or "not installed"."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "not installed"


def unlabelled(doc: Document) -> Document:
    """The document as an extractor may see it: text and metadata, no gold spans."""
    return replace(doc, spans=())


def minimal_html(doc: Document) -> str:
    """A page rendering of a text-only document, one <p> per non-empty line."""
    return paragraphs_page(doc.text.split("\n"), language=doc.language)


def html_of(doc: Document) -> tuple[str, bool]:
    """(page source, True if it was rendered from the lines because the document has none)."""
    page = doc.page_html()
    return (page, False) if page else (minimal_html(doc), True)


def line_labels(doc: Document, labels: Sequence[str | None]) -> Prediction:
    return Prediction(doc.id, labels=tuple(labels))


def to_prediction(doc: Document, output: Any) -> Prediction:
    """Normalise what an extractor returned; raises TypeError or ValueError with a message that
    says what was wrong, which the runner records as the document's failure."""
    if isinstance(output, Prediction):
        pred = output if output.id == doc.id else replace(output, id=doc.id)
    elif isinstance(output, str):
        pred = Prediction(doc.id, body=output)
    elif isinstance(output, (list, tuple)):
        pred = Prediction(doc.id, labels=tuple(output))
    elif isinstance(output, dict):
        data = {"id": doc.id, **{k: v for k, v in output.items() if k != "id"}}
        errors = record_errors(data)
        if errors:
            raise ValueError("; ".join(errors))
        pred = prediction_from_json(data)
    else:
        raise TypeError(f"extract() returned {type(output).__name__}; expected a Prediction, a body string, "
                        "a list of line labels or a dict")
    if pred.labels is not None:
        if len(pred.labels) != len(doc.lines):
            raise ValueError(f"{len(pred.labels)} line labels for {len(doc.lines)} lines")
        bad = [lab for lab in pred.labels if lab is not None and lab not in LABELS]
        if bad:
            raise ValueError(f"unknown label {bad[0]!r}")
    if pred.spans is not None:
        end = 0
        for s in pred.spans:
            if not isinstance(s, Span) or s.label not in LABELS or not 0 <= s.start < s.end <= len(doc.text) \
                    or s.start < end:
                raise ValueError(f"invalid span {s!r}")
            end = s.end
    for name in ("body", "title", "byline"):
        value = getattr(pred, name)
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    return pred
