"""The source format of `corpus/`: a header, then one row per raw line (or line piece).

    ---
    id: theweek-us-russia-talks
    publisher: theweek
    language: en
    split: test
    provenance: seed
    license: LicenseRef-publisher-copyright
    ---
    title  | U.S., Russia to hold high-stakes talks on Ukraine
    byline | By Jane Doe,
    body  +| WASHINGTON — The Senate ...
           |

A row is a label, spaces, a bar, one space, and the raw line verbatim (leading and
trailing spaces kept). A row whose bar is `+|` continues the raw line of the row above,
so a line whose parts carry different labels is written as several rows and the raw line
is their concatenation. A row without a label may hold only whitespace: a bare `|` is an
empty raw line. The header is a strict subset of YAML: `key: value`, the value plain or
double-quoted as a JSON string. `render(parse(file)) == file` for canonical files, and
`parse(render(doc)) == doc` for every valid document.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .document import HEADER_FIELDS, Document, Span
from .errors import Problem
from .labels import LABELS
from .validation import Finding, check_header, check_spans

LABEL_WIDTH = max(len(label) for label in LABELS)
ROW = re.compile(r"(?P<label>[^\s|+]*)(?P<pad> *)(?P<mark>\+?\|)(?P<rest>.*)", re.S)
HEADER_LINE = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<sp> ?)(?P<value>.*)", re.S)
# A plain YAML scalar that every YAML loader reads back as this very string.
PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")
_YAML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _plain_ok(value: str) -> bool:
    return (
        bool(PLAIN.fullmatch(value))
        and value == value.strip()
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and not any(c.isspace() and c != " " for c in value)
        and not _YAML_UNSAFE.search(value)
        and "\ufeff" not in value
    )


def quote(value: str) -> str:
    """A header value as written: plain where YAML reads it back unchanged, else JSON-quoted."""
    if _plain_ok(value):
        return value
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).replace(
        "\u0085", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace(
        "\ufeff", "\\ufeff")


def row(label: str | None, content: str, *, continuation: bool) -> str:
    mark = "+|" if continuation else " |"
    head = (label or "").ljust(LABEL_WIDTH) + mark
    return head + (" " + content if content else "")


def render(doc: Document) -> str:
    """The canonical source file of a document."""
    out = ["---"]
    out += [f"{k}: {quote(v)}" for k, v in doc.header().items()]
    out.append("---")
    for line in doc.lines:
        pieces: list[tuple[str | None, str]] = []
        pos = line.start
        for s in line.spans:
            if s.start > pos:
                pieces.append((None, doc.text[pos : s.start]))
            pieces.append((s.label, doc.text[s.start : s.end]))
            pos = s.end
        if pos < line.end or not pieces:
            pieces.append((None, doc.text[pos : line.end]))
        out += [row(label, content, continuation=k > 0) for k, (label, content) in enumerate(pieces)]
    return "\n".join(out) + "\n"


@dataclass
class Parsed:
    document: Document | None
    problems: list[Problem]
    field_lines: dict[str, int] = field(default_factory=dict)


def parse(source: str, where: str = "<string>") -> Parsed:
    """Parse a source file's text. Problems name `where` and the file line."""
    problems: list[Problem] = []

    def problem(line: int | None, message: str) -> None:
        problems.append(Problem(where, line, message))

    lines = source.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != "---":
        problem(1, "the file must start with a '---' line that opens the header")
        return Parsed(None, problems)
    try:
        close = lines.index("---", 1)
    except ValueError:
        problem(1, "the header opened here is never closed by a '---' line")
        return Parsed(None, problems)

    values: dict[str, str] = {}
    field_line: dict[str, int] = {}
    for i in range(1, close):
        lineno = i + 1
        m = HEADER_LINE.fullmatch(lines[i])
        if not m:
            problem(lineno, f"malformed header line {lines[i]!r}: expected 'key: value'")
            continue
        key, value = m["key"], m["value"]
        if key not in HEADER_FIELDS:
            problem(lineno, f"unknown header field {key!r}; expected one of {', '.join(HEADER_FIELDS)}")
            continue
        if key in values:
            problem(lineno, f"header field {key!r} is given twice (first on line {field_line[key]})")
            continue
        if not value or not m["sp"]:
            problem(lineno, f"header field {key!r} has no value: write '{key}: value'")
            continue
        if value.startswith('"'):
            try:
                decoded = json.loads(value)
            except ValueError:
                decoded = None
            if not isinstance(decoded, str):
                problem(lineno, f"header field {key!r}: {value!r} is not a valid double-quoted string")
                continue
            value = decoded
        elif not _plain_ok(value):
            problem(lineno, f"header field {key!r}: put the value in double quotes, as YAML would "
                            "read it differently")
            continue
        values[key] = value
        field_line[key] = lineno

    text_parts: list[str] = []  # raw lines
    spans: list[Span] = []
    span_rows: list[int] = []
    line_rows: list[int] = []  # file line of the first row of each raw line
    offset = 0  # character offset of the current raw line's end
    pieces: list[tuple[str | None, str, int]] = []

    def flush() -> None:
        nonlocal offset
        if not pieces:
            return
        if len(pieces) == 1:  # the usual raw line: one row
            label, content, lineno = pieces[0]
            start = offset + 1 if text_parts else offset
            if label is not None and content:
                spans.append(Span(start, start + len(content), label))
                span_rows.append(lineno)
            text_parts.append(content)
            line_rows.append(lineno)
            offset = start + len(content)
            pieces.clear()
            return
        if len(pieces) > 1:
            for k, (label, content, lineno) in enumerate(pieces):
                if not content:
                    problem(lineno, "empty piece in a split line: drop the row")
                elif label is None and k > 0 and pieces[k - 1][0] is None:
                    problem(lineno, "two unlabelled pieces in a row: merge them into one row")
        start = offset if not text_parts else offset + 1
        pos = start
        for label, content, lineno in pieces:
            if label is not None and content:
                spans.append(Span(pos, pos + len(content), label))
                span_rows.append(lineno)
            pos += len(content)
        text_parts.append("".join(c for _, c, _ in pieces))
        line_rows.append(pieces[0][2])
        offset = pos
        pieces.clear()

    for i in range(close + 1, len(lines)):
        lineno = i + 1
        m = ROW.fullmatch(lines[i])
        if not m:
            problem(lineno, f"malformed row {lines[i][:40]!r}: expected 'LABEL | raw line' "
                            "(a label, a bar, one space, the text), or a bare '|' for an empty line")
            continue
        label, mark, rest = m["label"] or None, m["mark"], m["rest"]
        if rest and not rest.startswith(" "):
            problem(lineno, "put one space between the bar and the raw line")
            continue
        content = rest[1:]
        if label is not None and label not in LABELS:
            problem(lineno, f"unknown label {label!r}; expected one of {', '.join(LABELS)}")
            label = "other"  # keep going so later rows are still checked
        if label is None and content.strip():
            problem(lineno, "this row has text but no label")
        if label is not None and not content:
            problem(lineno, "a labelled row needs text: write an empty raw line as a bare '|'")
        if mark == "+|":
            if not pieces:
                problem(lineno, "a '+|' row continues the raw line above, but there is none")
                continue
        else:
            flush()
        pieces.append((label, content, lineno))
    flush()

    text = "\n".join(text_parts)
    doc = Document(text=text, spans=tuple(spans), **{k: values.get(k) for k in HEADER_FIELDS})
    body_line = close + 2
    # the header is checked even when rows are broken; the spans only when every row parsed
    findings = check_header(values) + ([] if problems else check_spans(text, doc.spans))
    for f in findings:
        problem(_line_of(f, field_line, span_rows, line_rows, text, body_line), f.message)
    problems.sort(key=lambda p: p.line or 0)
    return Parsed(None if problems else doc, problems, field_line)


def _line_of(f: Finding, field_line, span_rows, line_rows, text, body_line) -> int:
    if f.field is not None:
        return field_line.get(f.field, 1)
    if f.span is not None:
        return span_rows[f.span]
    if f.char is not None:
        return line_rows[text.count("\n", 0, f.char)]
    return body_line


def read(path: Path) -> Parsed:
    """Read a source file, rejecting what an editor may have slipped in (BOM, CRLF, not UTF-8),
    and check that its id and publisher match its file and folder names."""
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        return Parsed(None, [Problem(where, None, f"cannot read the file: {e.strerror}")])
    if data.startswith(b"\xef\xbb\xbf"):
        return Parsed(None, [Problem(where, 1, "the file starts with a byte-order mark (BOM): "
                                               "save it as UTF-8 without BOM")])
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        return Parsed(None, [Problem(where, line, f"the file is not valid UTF-8 (byte 0x{data[e.start]:02x} "
                                                  f"at offset {e.start})")])
    if "\r" in source:
        line = source[: source.index("\r")].count("\n") + 1
        return Parsed(None, [Problem(where, line, "CRLF line ends (or a stray carriage return): "
                                                  "save the file with LF line ends")])
    parsed = parse(source, where)
    doc = parsed.document
    if doc is not None:
        if path.stem != doc.id:
            parsed.problems.append(Problem(
                where, parsed.field_lines["id"],
                f"id {doc.id!r} does not match the file name {path.name!r}: name the file '{doc.id}.txt'"))
        if path.parent.name != doc.publisher:
            parsed.problems.append(Problem(
                where, parsed.field_lines["publisher"],
                f"publisher {doc.publisher!r} does not match the folder {path.parent.name!r}: "
                "documents live in corpus/<publisher>/"))
        if parsed.problems:
            parsed.document = None
    return parsed
