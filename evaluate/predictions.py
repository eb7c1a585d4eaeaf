"""Predictions: what an extractor says about each document, read from and written to JSONL.

One JSON object a line (`schema/predictions.schema.json`), in one of three forms:
- `{"id": ..., "labels": [label or null, ...]}`: a label for every raw line of the document;
- `{"id": ..., "spans": [{"start", "end", "label"}, ...]}`: labelled character spans;
- `{"id": ..., "body": "...", "title": "...", "byline": "..."}`: extracted text (title and
  byline optional).
Optional `failure` (why the extractor produced nothing) and `seconds`. An optional first line
`{"boilerbench_predictions": 1, "extractor": {"name", "version"}, ...}` names the extractor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from boilerbench.atomic import atomic_writer, read_json
from boilerbench.document import Document, Span
from boilerbench.errors import NotFoundError, Problem, UserError
from boilerbench.jsonl import json_lines
from boilerbench.labels import LABELS
from boilerbench.prediction import (  # noqa: F401 - Prediction and empty_prediction re-exported
    TEXT_FIELDS,
    Prediction,
    empty_prediction,
    prediction_from_json,
    record_errors,
)
from boilerbench.schemas import schema_errors


def spans_of(prediction: Prediction, doc: Document) -> tuple[Span, ...]:
    """A labelled prediction as spans over the document's text: line labels become one span a
    non-empty line, and spans that run across line ends are cut at them."""
    if prediction.labels is not None:
        return tuple(Span(line.start, line.end, label) for line, label in zip(doc.lines, prediction.labels,
                                                                              strict=True)
                     if label is not None and line.end > line.start)
    out = []
    for s in prediction.spans or ():
        start = s.start
        while True:
            nl = doc.text.find("\n", start, s.end)
            if nl == -1:
                if s.end > start:
                    out.append(Span(start, s.end, s.label))
                break
            if nl > start:
                out.append(Span(start, nl, s.label))
            start = nl + 1
    return tuple(out)


def as_text(prediction: Prediction, doc: Document) -> Prediction:
    """A labelled prediction turned into the text form: each field is its spans' text, one per line."""
    if prediction.is_text:
        return prediction
    spans = spans_of(prediction, doc)
    body, title, byline = ("\n".join(doc.text[s.start : s.end] for s in spans if s.label == name)
                           for name in TEXT_FIELDS)
    return Prediction(prediction.id, body=body, title=title, byline=byline, failure=prediction.failure,
                      seconds=prediction.seconds)


@dataclass
class PredictionsFile:
    path: str
    header: dict[str, Any] = field(default_factory=dict)
    predictions: dict[str, Prediction] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # id -> line number

    @property
    def extractor(self) -> dict[str, str]:
        ext = self.header.get("extractor") or {}
        return {"name": ext.get("name") or Path(self.path).stem, "version": str(ext.get("version") or "unknown")}


def read_predictions(path: str | Path) -> PredictionsFile:
    """Read a predictions JSONL; every problem names the file and line. Raises `UserError`."""
    path = Path(path)
    where = str(path)
    out = PredictionsFile(where)
    problems: list[Problem] = []
    if path.exists() and not path.is_file():
        raise UserError(Problem(where, None, "not a regular file: give a predictions JSONL file"))
    try:
        raw_lines = path.read_bytes().split(b"\n")  # decoded line by line: a bad byte is reported on its line
    except FileNotFoundError:
        raise NotFoundError(Problem(where, None, "no such predictions file")) from None
    except OSError as e:
        raise UserError(Problem(where, None, f"cannot read the predictions file: {e.strerror}")) from None
    for lineno, data, problem in json_lines(raw_lines, where):
        if problem:
            problems.append(problem)
            continue
        if isinstance(data, dict) and "boilerbench_predictions" in data:
            if out.predictions or out.header:
                problems.append(Problem(where, lineno, "the header line may only come first"))
            errors = schema_errors("predictions", data)
            if errors:
                problems += [Problem(where, lineno, e) for e in errors]
            else:
                out.header = data
            continue
        errors = record_errors(data)
        if errors:
            problems += [Problem(where, lineno, e) for e in errors]
            continue
        doc_id = data["id"]
        if doc_id in out.predictions:
            problems.append(Problem(where, lineno, f"duplicate prediction for document {doc_id!r} "
                                                   f"(first on line {out.lines[doc_id]})"))
            continue
        out.predictions[doc_id] = prediction_from_json(data)
        out.lines[doc_id] = lineno
    if problems:
        raise UserError(problems)
    return out


def check_against(file: PredictionsFile, documents: dict[str, Document], known_ids: set[str]) -> list[Problem]:
    """Problems of predictions that only the documents reveal: unknown ids, wrong line counts,
    spans outside the text or overlapping."""
    problems = []
    for doc_id, pred in file.predictions.items():
        line = file.lines.get(doc_id)
        if doc_id not in known_ids:
            problems.append(Problem(file.path, line, f"unknown document id {doc_id!r}: it is not in the corpus"))
            continue
        doc = documents.get(doc_id)
        if doc is None:
            continue  # in the corpus, but not in the split being scored
        if pred.labels is not None and len(pred.labels) != len(doc.lines):
            problems.append(Problem(file.path, line, f"document {doc_id!r}: {len(pred.labels)} labels for "
                                                     f"{len(doc.lines)} lines"))
        if pred.spans is not None:
            end = 0
            for s in pred.spans:
                if not 0 <= s.start < s.end <= len(doc.text) or s.start < end:
                    problems.append(Problem(file.path, line, f"document {doc_id!r}: span {s.start}-{s.end} is "
                                                             "empty, overlaps another or lies outside the text"))
                    break
                end = s.end
    return problems


def check_fingerprint(file: PredictionsFile, documents: dict[str, Document]) -> list[Problem]:
    """Predictions made on another version of the corpus: the header's corpus fingerprint (of the
    documents the run saw) against the same documents of this corpus. A changed document means
    changed gold, so scores would compare unlike things: an error, unless the caller allows it."""
    from boilerbench.document import fingerprint

    recorded = file.header.get("corpus_fingerprint")
    if not isinstance(recorded, str) or not file.predictions:
        return []
    docs = [documents[i] for i in file.predictions if i in documents]
    if len(docs) != len(file.predictions):
        return []  # unknown ids are check_against's to report
    current = fingerprint(docs)
    if current == recorded:
        return []
    return [Problem(file.path, 1, f"made on another version of the corpus: its header's corpus fingerprint is "
                                  f"{recorded}, these {len(docs)} documents of this corpus give {current}: the gold "
                                  "changed since; run the extractor again")]


def write_predictions(path: str | Path, predictions: Iterable[Prediction],
                      header: dict[str, Any] | None = None) -> None:
    """Write predictions JSONL atomically, streaming them line by line."""
    with atomic_writer(path) as f:
        if header:
            f.write(json.dumps({"boilerbench_predictions": 1, **header}, ensure_ascii=False) + "\n")
        for p in predictions:
            f.write(json.dumps(p.to_json(), ensure_ascii=False) + "\n")


assert set(TEXT_FIELDS) <= set(LABELS)



def read_aeb_output(path: str | Path, data: Any = None) -> PredictionsFile:
    """Predictions in the article-extraction-benchmark's output format: a JSON object mapping page
    ids to {"articleBody": text}, possibly wrapped as {"version": ..., "output": {...}}."""
    path = Path(path)
    where = str(path)
    if data is None:
        data = read_json(path, "predictions")
    version = "published"
    if isinstance(data, dict) and isinstance(data.get("output"), dict) and "version" in data:
        version, data = str(data["version"]), data["output"]
    if not isinstance(data, dict):
        raise UserError(Problem(where, None, "expected a JSON object mapping page ids to {\"articleBody\": ...}"))
    out = PredictionsFile(where, header={"extractor": {"name": path.stem, "version": version}})
    for key, value in data.items():
        body = value.get("articleBody") if isinstance(value, dict) else None
        if body is not None and not isinstance(body, str):
            raise UserError(Problem(where, None, f"page {key!r}: articleBody is not a string"))
        out.predictions[key] = Prediction(key, body=body or "")
    return out


def read_wcxb_results(path: str | Path, data: Any = None) -> PredictionsFile:
    """Predictions in WCXB's results format: {"extractor": name, "results": [{"file_id",
    "extracted": {"main_content", "title", ...}}, ...]}. Page ids are WCXB's file ids; `resolve_ids`
    matches them to imported documents (`wcxb-<split>-<file id>`)."""
    path = Path(path)
    where = str(path)
    if data is None:
        data = read_json(path, "predictions")
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise UserError(Problem(where, None, "expected WCXB results: an object with a 'results' list"))
    name = data.get("extractor") if isinstance(data.get("extractor"), str) else path.stem
    out = PredictionsFile(where, header={"extractor": {"name": name, "version": "published"}})
    for k, item in enumerate(results):
        extracted = item.get("extracted") if isinstance(item, dict) else None
        key = item.get("file_id") if isinstance(item, dict) else None
        if not isinstance(key, str) or not isinstance(extracted, dict):
            raise UserError(Problem(where, None, f"results[{k}]: needs a string 'file_id' and an 'extracted' object"))
        body, title = extracted.get("main_content") or "", extracted.get("title")
        if not isinstance(body, str) or (title is not None and not isinstance(title, str)):
            raise UserError(Problem(where, None, f"results[{k}] (page {key}): main_content and title must be strings"))
        out.predictions[key] = Prediction(key, body=body, title=title or "")
    return out


def read_any_predictions(path: str | Path) -> PredictionsFile:
    """A predictions JSONL; or a .json file: WCXB results (an object with a 'results' list) or an
    article-extraction-benchmark output."""
    if Path(path).suffix != ".json":
        return read_predictions(path)
    data = read_json(Path(path), "predictions", fast=True)  # only strings are read from either format
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return read_wcxb_results(path, data)
    return read_aeb_output(path, data)


def resolve_ids(file: PredictionsFile, known_ids: set[str]) -> PredictionsFile:
    """Page ids of a benchmark's own outputs matched to the imported documents: an id the corpus
    does not hold becomes `wcxb-<split>-<id>` or `aeb-<id prefix>` when exactly one document has
    that name. Everything else is left for `check_against` to report."""
    by_suffix: dict[str, list[str]] = {}
    for doc_id in known_ids:
        m = re.fullmatch(r"wcxb-(?:dev|test)-(.+)", doc_id)
        if m:
            by_suffix.setdefault(m.group(1), []).append(doc_id)
    renamed: dict[str, Prediction] = {}
    for key, pred in file.predictions.items():
        target = key
        if key not in known_ids:
            found = by_suffix.get(key, [])
            if len(found) == 1:
                target = found[0]
            elif f"aeb-{key[:12]}" in known_ids:
                target = f"aeb-{key[:12]}"
        renamed[target] = pred if target == key else replace(pred, id=target)
    file.predictions = renamed
    return file
