"""Label Studio: the labelling config, documents as tasks, and finished annotations back into
source files.

Label Studio measures region offsets in UTF-16 code units (JavaScript strings), so a text with
emoji or other astral characters gets offsets that Python, which counts code points, would read
wrong: every region is checked (`text[start:end] == value.text`) and repaired from UTF-16 units
where that is what they are. The task's own text is authoritative (annotators may have fixed a
typo after export); CRLF line ends are normalised to LF with offsets moved to match.

Regions become spans by the guidelines: a region across a line end is cut there; whitespace
between two regions of a line goes to the left one, whitespace before a line's first region to
that region; empty or whitespace-only lines stay unlabelled; any other unlabelled character, or
two overlapping regions, is an error naming the task.

Several annotations of one task: `latest` (the default) takes the most recently updated one that
is neither cancelled nor empty; `each` writes one file per annotator, under a folder per
annotator, for the agreement report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .document import HEADER_FIELDS, Document, Span
from .errors import Problem, UserError
from .labels import LABELS
from .validation import check_header

FROM_NAME = "label"
TO_NAME = "text"
COLOURS = {"title": "#8e44ad", "byline": "#16a085", "body": "#2c3e50", "promo": "#c0392b", "teaser": "#d68910",
           "other": "#7f8c8d"}


def labelling_config() -> str:
    labels = "\n".join(f'    <Label value="{label}" background="{COLOURS[label]}"/>' for label in LABELS)
    return f"""<View>
  <Style>.htx-text {{ white-space: pre-wrap; }}</Style>
  <Labels name="{FROM_NAME}" toName="{TO_NAME}">
{labels}
  </Labels>
  <Text name="{TO_NAME}" value="$text" granularity="symbol"/>
</View>
"""


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def to_utf16(text: str, offset: int) -> int:
    return utf16_len(text[:offset])


def utf16_index(text: str) -> dict[int, int]:
    """Every UTF-16 offset that falls between code points, mapped to its code-point offset
    (one pass over the text; an offset inside a surrogate pair is not in it)."""
    out = {0: 0}
    units = 0
    for i, ch in enumerate(text, 1):
        units += 2 if ord(ch) > 0xFFFF else 1
        out[units] = i
    return out


def task_of(doc: Document, prediction_spans: Iterable[Span] | None = None, model_version: str | None = None):
    """A Label Studio task for a document: its text and header fields, and optionally a
    baseline's labels as a prediction (offsets in UTF-16 units, as Label Studio counts)."""
    data = {"text": doc.text, "doc_id": doc.id, **{k: v for k, v in doc.header().items() if k != "id"}}
    task: dict[str, Any] = {"data": data}
    if prediction_spans is not None:
        task["predictions"] = [{"model_version": model_version or "unknown", "result": [
            {"from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
             "value": {"start": to_utf16(doc.text, s.start), "end": to_utf16(doc.text, s.end),
                       "text": doc.text[s.start : s.end], "labels": [s.label]}}
            for s in prediction_spans]}]
    return task


@dataclass
class Imported:
    document: Document
    annotator: str


def _task_name(task: dict[str, Any], index: int) -> str:
    data = task.get("data") if isinstance(task.get("data"), dict) else {}
    return f"task {task.get('id', index + 1)}" + (f" ({data['doc_id']})" if data.get("doc_id") else "")


def _annotator(annotation: dict[str, Any]) -> str:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("id")
    return str(who if who is not None else "unknown")


def _normalise_crlf(text: str) -> tuple[str, list[int]]:
    """Text with CRLF (and lone CR) as LF, and the map from old offsets to new ones."""
    out, mapping = [], []
    pos = 0
    i = 0
    while i < len(text):
        mapping.append(pos)
        ch = text[i]
        if ch == "\r":
            if i + 1 < len(text) and text[i + 1] == "\n":
                i += 1
                mapping.append(pos)
            out.append("\n")
        else:
            out.append(ch)
        pos += 1
        i += 1
    mapping.append(pos)
    return "".join(out), mapping


def regions_to_spans(text: str, regions: list[tuple[int, int, str]], where: str) -> tuple[Span, ...]:
    regions = sorted(regions)
    for (s1, e1, _), (s2, e2, _) in zip(regions, regions[1:], strict=False):
        if s2 < e1:
            raise UserError(f"{where}: regions {s1}-{e1} and {s2}-{e2} overlap")
    pieces: list[list] = []  # per-line pieces [start, end, label]
    for start, end, label in regions:
        pos = start
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl == -1 else nl
            if stop > pos:
                pieces.append([pos, stop, label])
            pos = stop + 1 if nl != -1 else end
    # gaps inside a line: whitespace joins the region on its left (or, at the line start, its right)
    spans: list[list] = []
    for piece in pieces:
        line_start = text.rfind("\n", 0, piece[0]) + 1
        if spans and text.rfind("\n", 0, spans[-1][1]) + 1 == line_start:
            gap = text[spans[-1][1] : piece[0]]
            if gap and not gap.strip():
                spans[-1][1] = piece[0]
        else:
            lead = text[line_start : piece[0]]
            if lead and not lead.strip():
                piece[0] = line_start
        spans.append(piece)
    # trailing whitespace of a line joins its last region
    spans.sort()
    for k, span in enumerate(spans):
        line_end = text.find("\n", span[1])
        line_end = len(text) if line_end == -1 else line_end
        rest = text[span[1] : line_end]
        later = k + 1 < len(spans) and spans[k + 1][0] < line_end  # spans are sorted: only the next can
        if rest and not rest.strip() and not later:
            span[1] = line_end
    pos = 0
    for s, e, _ in [*spans, [len(text), len(text), None]]:
        gap = text[pos:s]
        if gap.strip():
            i = pos + next(j for j, ch in enumerate(gap) if not ch.isspace())
            line = text.count("\n", 0, i) + 1
            raise UserError(f"{where}: character {i} ({text[i]!r}) on line {line} has no label")
        pos = max(pos, e)
    return tuple(Span(s, e, lab) for s, e, lab in spans)


def document_of(task: dict[str, Any], annotation: dict[str, Any], where: str) -> Document:
    data = task["data"]
    raw = data.get("text")
    if not isinstance(raw, str):
        raise UserError(f"{where}: the task has no data.text")
    text, mapping = _normalise_crlf(raw)
    found = []
    results = annotation.get("result") or []
    if not isinstance(results, list):
        raise UserError(f"{where}: the annotation's result is not a list of regions")
    for k, result in enumerate(results):
        if not isinstance(result, dict):
            raise UserError(f"{where}: result[{k}] is not an object")
        if result.get("type") != "labels":
            continue
        value = result.get("value") or {}
        if not isinstance(value, dict):
            raise UserError(f"{where}: result[{k}].value is not an object")
        labels = value.get("labels") or []
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise UserError(f"{where}: result[{k}].value.labels is not a list of label names")
        if len(labels) != 1 or labels[0] not in LABELS:
            raise UserError(f"{where}: region {value.get('start')}-{value.get('end')} has labels {labels}; expected "
                            f"one of {', '.join(LABELS)}")
        start, end, shown = value.get("start"), value.get("end"), value.get("text")
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) \
                or isinstance(end, bool):
            raise UserError(f"{where}: a region has no integer start and end")
        if shown is not None and not isinstance(shown, str):
            raise UserError(f"{where}: region {start}-{end} has a text that is not a string")
        found.append((start, end, shown, labels[0]))
    # One export counts offsets one way: in UTF-16 units (Label Studio's) when every region's text
    # matches that way, else in code points when every region matches so. Deciding per region
    # could read two identical short regions both ways and make them collide.
    to_index = utf16_index(raw)
    utf16 = [(to_index.get(s), to_index.get(e)) for s, e, _, _ in found]
    if all(s16 is not None and e16 is not None and (shown is None or raw[s16:e16] == shown)
           for (s16, e16), (_, _, shown, _) in zip(utf16, found, strict=True)):
        offsets = utf16
    else:
        offsets = [(s, e) for s, e, _, _ in found]
        for (s, e, shown, _) in found:
            if shown is not None and raw[s:e] != shown:
                raise UserError(f"{where}: region {s}-{e} does not match its text {shown!r} (in code points "
                                "or UTF-16 units): was the task's text edited after it was annotated?")
    regions = []
    for (start, end), (s0, e0, _, label) in zip(offsets, found, strict=True):
        if not 0 <= start < end <= len(raw):
            raise UserError(f"{where}: region {s0}-{e0} lies outside the text")
        regions.append((mapping[start], mapping[end], label))
    header = {k: data.get(k) for k in HEADER_FIELDS if k != "id"}
    header["id"] = data.get("doc_id")
    wrong = [k if k != "id" else "doc_id" for k, v in header.items() if v is not None and not isinstance(v, str)]
    if wrong:
        raise UserError(f"{where}: data.{', data.'.join(wrong)} must be text")
    problems = check_header({k: v for k, v in header.items() if v is not None})
    if problems:
        raise UserError(f"{where}: " + "; ".join(p.message for p in problems))
    notes = header.get("notes")
    if task.get("predictions"):
        versions = ", ".join(sorted({str(p.get("model_version", "unknown")) for p in task["predictions"]}))
        mark = f"Annotated from pre-annotations by {versions}, which biases it towards that baseline."
        notes = f"{notes} {mark}" if notes else mark
    spans = regions_to_spans(text, regions, where)
    return Document(text=text, spans=spans, **{**header, "notes": notes})


def import_export(tasks: Any, source: str, policy: str = "latest") -> list[Imported]:
    if not isinstance(tasks, list):
        raise UserError(Problem(source, None, "expected a Label Studio JSON export: a list of tasks"))
    out = []
    first: dict[tuple[str, str], str] = {}  # (annotator, document id) -> the task that gave it
    for index, task in enumerate(tasks):
        where = f"{source}: {_task_name(task if isinstance(task, dict) else {}, index)}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise UserError(f"{where}: not a task (no data)")
        raw_annotations = task.get("annotations") or []
        if not isinstance(raw_annotations, list):
            raise UserError(f"{where}: its annotations are not a list")
        annotations = [a for a in raw_annotations if isinstance(a, dict)]
        usable = [a for a in annotations if not a.get("was_cancelled") and a.get("result")]
        if not usable:
            state = "was cancelled" if any(a.get("was_cancelled") for a in annotations) else "has no annotation"
            raise UserError(f"{where}: {state}; finish or skip it before importing")
        if policy == "latest":
            chosen = [max(usable, key=lambda a: (str(a.get("updated_at") or a.get("created_at") or ""),
                                                 a.get("id") if isinstance(a.get("id"), int) else 0))]
        else:
            chosen = usable
        for annotation in chosen:
            item = Imported(document_of(task, annotation, where), _annotator(annotation))
            key = (item.annotator if policy == "each" else "", item.document.id)
            if key in first:
                by = f" by annotator {item.annotator!r}" if policy == "each" else ""
                raise UserError(f"{where}: document {item.document.id!r} is annotated{by} in "
                                f"{first[key]} too; each document may appear once")
            first[key] = where.removeprefix(f"{source}: ")
            out.append(item)
    return out


def read_export(path: Path) -> Any:
    from .atomic import read_json

    return read_json(path, "Label Studio", missing="no such file")

