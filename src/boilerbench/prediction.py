"""What an extractor says about one document: a label per raw line, labelled character spans, or
extracted text. Part of the core (beside `Document`) so that extractors and readers of
predictions need nothing of the scorer; `boilerbench.evaluate.Prediction` is the same class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .document import Span

TEXT_FIELDS = ("body", "title", "byline")


@dataclass(frozen=True)
class Prediction:
    """One document's prediction, in one of three forms.

    Parameters
    ----------
    id : str
        The document's id.
    labels : tuple of str or None, optional
        A label (or None) for every raw line of the document.
    spans : tuple of Span, optional
        Labelled character spans over the document's text.
    body, title, byline : str, optional
        Extracted text: the form of extractors that return text. Lines in any order.
    failure : str, optional
        Why the extractor produced nothing (scored as an empty prediction and counted).
    seconds : float, optional
        Time the extractor took on the document.

    Example
    -------
    >>> Prediction("d1", body="The article.").is_text
    True
    >>> Prediction("d1", labels=("title", "body")).to_json()
    {'id': 'd1', 'labels': ['title', 'body']}
    """

    id: str
    labels: tuple[str | None, ...] | None = None
    spans: tuple[Span, ...] | None = None
    body: str | None = None
    title: str | None = None
    byline: str | None = None
    failure: str | None = None
    seconds: float | None = None

    @property
    def is_text(self) -> bool:
        return self.labels is None and self.spans is None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id}
        if self.labels is not None:
            data["labels"] = list(self.labels)
        elif self.spans is not None:
            data["spans"] = [{"start": s.start, "end": s.end, "label": s.label} for s in self.spans]
        else:
            for name in TEXT_FIELDS:
                if getattr(self, name) is not None:
                    data[name] = getattr(self, name)
            data.setdefault("body", "")
        if self.failure is not None:
            data["failure"] = self.failure
        if self.seconds is not None:
            data["seconds"] = round(self.seconds, 6)
        return data


def empty_prediction(doc_id: str, failure: str | None = None, seconds: float | None = None) -> Prediction:
    return Prediction(doc_id, body="", failure=failure, seconds=seconds)


def record_errors(data: Any) -> list[str]:
    """What is wrong with one prediction record of the JSON form (empty if nothing)."""
    from .schemas import schema_errors


    if not isinstance(data, dict):
        return ["a prediction must be a JSON object"]
    doc = f"document {data['id']!r}: " if isinstance(data.get("id"), str) else ""
    forms = [k for k in ("labels", "spans", "body") if k in data]
    if len(forms) > 1:
        return [doc + f"give one form of prediction, not {' and '.join(forms)}"]
    if "id" in data and not forms and not data.get("failure"):
        return [doc + "no prediction: give 'labels', 'spans' or 'body'"]
    errors = schema_errors("predictions", data)
    return [doc + e for e in errors]


def prediction_from_json(data: dict[str, Any]) -> Prediction:
    """A prediction from a record that `record_errors` found nothing wrong with."""
    spans = data.get("spans")
    labels = data.get("labels")
    text_fields = {k: data.get(k) for k in TEXT_FIELDS}
    if labels is None and spans is None and text_fields["body"] is None:
        text_fields["body"] = ""  # a recorded failure with nothing predicted
    return Prediction(
        data["id"],
        labels=tuple(labels) if labels is not None else None,
        spans=tuple(sorted(Span(s["start"], s["end"], s["label"]) for s in spans)) if spans is not None else None,
        failure=data.get("failure"), seconds=data.get("seconds"), **text_fields,
    )
