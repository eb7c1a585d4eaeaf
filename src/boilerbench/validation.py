"""Checks beyond the JSON Schema: what makes a document's spans and header valid.

Each check returns `Finding`s that say which header field, span or character is at fault,
so that the source-file reader and the JSONL reader can each turn them into `file:line`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import REQUIRED_FIELDS, Document
from .labels import LABELS, SPLITS, TRACKS

SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
PROVENANCE = re.compile(r"^(seed|authored|imported:[A-Za-z0-9._-]+)$")
_NON_SPACE = re.compile(r"\S")


@dataclass(frozen=True)
class Finding:
    message: str
    field: str | None = None  # a header field
    span: int | None = None  # an index into doc.spans
    char: int | None = None  # an offset into doc.text


def check_header(values: dict[str, str | None]) -> list[Finding]:
    out = []
    for name in REQUIRED_FIELDS:
        if not values.get(name):
            out.append(Finding(f"missing header field '{name}'", field=name))
    doc_id = values.get("id")
    if doc_id and (not SAFE_ID.match(doc_id) or ".." in doc_id):
        out.append(Finding(
            f"id {doc_id!r} is not safe as a file name: use letters, digits, '.', '_' and '-', "
            "starting with a letter or digit, and no '..'", field="id"))
    publisher = values.get("publisher")
    if publisher and (not SAFE_ID.match(publisher) or ".." in publisher):
        out.append(Finding(f"publisher {publisher!r} is not safe as a folder name", field="publisher"))
    split = values.get("split")
    if split and split not in SPLITS:
        out.append(Finding(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}", field="split"))
    language = values.get("language")
    if language and not BCP47.match(language):
        out.append(Finding(f"language {language!r} is not a BCP 47 tag such as 'en' or 'de-CH'",
                           field="language"))
    provenance = values.get("provenance")
    if provenance and not PROVENANCE.match(provenance):
        out.append(Finding(f"provenance {provenance!r} must be 'seed', 'authored' or 'imported:<dataset>'",
                           field="provenance"))
    track = values.get("track")
    if track is not None and track not in TRACKS:
        out.append(Finding(f"unknown track {track!r}; expected one of {', '.join(TRACKS)}", field="track"))
    url = values.get("url")
    if url is not None and not re.match(r"^https?://\S+$", url):
        out.append(Finding(f"url {url!r} is not an http(s) URL", field="url"))
    return out


def _where(k: int, s) -> str:  # built only for a span at fault
    return f"span {k} ({s.start}-{s.end}, {s.label})"


def check_spans(text: str, spans) -> list[Finding]:
    """Spans are sorted, non-empty, inside the text, do not overlap or cross a line end,
    carry known labels, and together cover every non-whitespace character.

    >>> from boilerbench.document import Span
    >>> [f.message for f in check_spans("Hi there\\nBye", [Span(0, 8, "title")])]
    ["character 9 ('B') has no label"]
    """
    out: list[Finding] = []
    n = len(text)
    if "\r" in text:
        out.append(Finding("text contains a carriage return: line ends must be '\\n' alone",
                           char=text.index("\r")))
    if not text.strip():
        out.append(Finding("empty document: there is no text to label"))
        return out
    prev_end = 0
    in_order = True  # sorted and apart: the gaps between spans are found in this same pass
    gaps = []
    for k, s in enumerate(spans):
        start, end = s.start, s.end
        if s.label not in LABELS:
            out.append(Finding(f"unknown label {s.label!r}; expected one of {', '.join(LABELS)}", span=k))
        if not 0 <= start < end <= n:
            out.append(Finding(f"{_where(k, s)} is empty or lies outside the text of {n} characters", span=k))
            continue
        if start < prev_end:
            out.append(Finding(f"{_where(k, s)} overlaps or comes before the span ending at {prev_end}", span=k))
            in_order = False
        elif start > prev_end:
            gaps.append((prev_end, start))
        nl = text.find("\n", start, end)
        if nl != -1:
            out.append(Finding(f"{_where(k, s)} crosses a line end at character {nl}", span=k))
        if end > prev_end:
            prev_end = end
    if not in_order:  # coverage from the spans sorted
        covered_to = 0
        gaps = []
        for start, end in sorted((s.start, s.end) for s in spans if 0 <= s.start < s.end <= n):
            if start > covered_to:
                gaps.append((covered_to, start))
            covered_to = max(covered_to, end)
        prev_end = covered_to
    gaps.append((prev_end, n))
    # coverage: every non-whitespace character lies in some span (one finding a line)
    reported_lines: set[int] = set()
    for start, end in gaps:
        m = _NON_SPACE.search(text, start, end)  # no slice copied per gap
        if m:
            pos = m.start()
            line = text.count("\n", 0, pos)
            if line not in reported_lines:
                reported_lines.add(line)
                out.append(Finding(f"character {pos} ({text[pos]!r}) has no label", char=pos))
    return out


def check_document(doc: Document) -> list[Finding]:
    return check_header(doc.header()) + check_spans(doc.text, doc.spans)
