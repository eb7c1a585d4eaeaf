"""A document as a dataset row, and a row back as a document's JSON form.

Columns: the metadata, the raw `text`, its `lines` with one label each (`line_labels`, -1 for an
empty line), the labelled character `spans`, and a token view for token-classification scripts
(`tokens` and `ner_tags`, the column names Hugging Face's run_ner.py looks for, with the same
ClassLabel names). `html`, `reference_body` and `reference` are columns only when some exported
document has them (page sources with --with-html; the gold of imported benchmarks).
"""

from __future__ import annotations

import json
from typing import Any

from boilerbench.document import Document
from boilerbench.labels import LABEL_IDS, LABELS

REDISTRIBUTABLE = {"CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "MIT", "Apache-2.0"}
UNKNOWN_LICENSE = "unknown"
OPTIONAL = ("html", "reference_body", "reference")


def restricted(doc: Document) -> bool:
    """A licence that does not allow redistribution (a known one: see `unknown_license`)."""
    return doc.license not in REDISTRIBUTABLE and not unknown_license(doc)


def unknown_license(doc: Document) -> bool:
    """Pages imported without saying their licence: never redistributed unless asked."""
    return doc.license.strip().lower() == UNKNOWN_LICENSE


def features(optional: tuple[str, ...] = ()):
    """The dataset's features; `optional` names the optional columns present."""
    from datasets import ClassLabel, Features, List, Value

    label = ClassLabel(names=list(LABELS))
    columns = {
        "id": Value("string"), "publisher": Value("string"), "language": Value("string"), "url": Value("string"),
        "provenance": Value("string"), "license": Value("string"), "notes": Value("string"),
        "track": Value("string"), "source": Value("string"),
        "text": Value("string"),
        "lines": List(Value("string")),
        "line_labels": List(label),
        "spans": List({"start": Value("int32"), "end": Value("int32"), "label": label}),
        "tokens": List(Value("string")),
        "ner_tags": List(label),
    }
    columns.update({name: Value("string") for name in OPTIONAL if name in optional})
    return Features(columns)


def optional_columns(docs: list[Document], *, with_html: bool) -> tuple[str, ...]:
    """The optional columns some of these documents fill."""
    present = {"html": with_html and any(d.html is not None or d.html_path is not None for d in docs)
               or any(d.html is not None for d in docs),
               "reference_body": any(d.reference_body is not None for d in docs),
               "reference": any(d.reference is not None for d in docs)}
    return tuple(name for name in OPTIONAL if present[name])


def row_of(doc: Document, optional: tuple[str, ...] = (), *, with_html: bool = False) -> dict[str, Any]:
    """A document as a dataset row. A token without a label (none: every token lies in a labelled
    span) would be -1, like an empty line."""
    words, labels = doc.labelled_tokens
    row = {
        "id": doc.id, "publisher": doc.publisher, "language": doc.language, "url": doc.url,
        "provenance": doc.provenance, "license": doc.license, "notes": doc.notes,
        "track": doc.track, "source": doc.source, "text": doc.text,
        "lines": [line.text for line in doc.lines],
        "line_labels": [LABEL_IDS[line.label] if line.label else -1 for line in doc.lines],
        "spans": [{"start": s.start, "end": s.end, "label": LABEL_IDS[s.label]} for s in doc.spans],
        "tokens": list(words),
        "ner_tags": [LABEL_IDS[lab] if lab else -1 for lab in labels],
    }
    if "html" in optional:
        row["html"] = doc.page_html() if with_html else doc.html
    if "reference_body" in optional:
        row["reference_body"] = doc.reference_body
    if "reference" in optional:
        row["reference"] = json.dumps(doc.reference, ensure_ascii=False) if doc.reference is not None else None
    return row


def json_of(row: dict[str, Any], split: str) -> dict[str, Any]:
    """A dataset row in the documents' JSON form (for validation and `Document.from_json`)."""
    data = {k: row[k] for k in ("id", "publisher", "language", "provenance", "license", "text")}
    data.update(split=split, url=row.get("url"), notes=row.get("notes"), html=row.get("html"),
                reference_body=row.get("reference_body"), track=row.get("track"), source=row.get("source"),
                reference=json.loads(row["reference"]) if row.get("reference") else None)
    data["spans"] = [{"start": s["start"], "end": s["end"], "label": LABELS[s["label"]]} for s in row["spans"]]
    return {k: v for k, v in data.items() if v is not None}
