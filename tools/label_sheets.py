"""Read and check the label sheets that annotators type for the real track (a maintainer's tool).

An annotator reads a page's numbered lines (`WORK/prefill/<id>.sheet` or `WORK/blind/<id>.sheet`)
and types a label sheet, `<id>.labels`: one row per run of lines, in order, covering every line
exactly once.

    # optional comment rows start with '#'
    1-58 other
    59 title
    60 byline
    61-120 body
    121 split byline "By Jane Doe, " body
    notes: one line on any decision the guidelines did not settle

A `split` row labels one line in two pieces: the first piece is the JSON string given (the
exact start of the line), the rest takes the second label. This tool only checks a sheet and
turns it into one label per line; it decides nothing.

    python tools/label_sheets.py check WORK/blind/<id>.sheet WORK/labels2/<id>.labels
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

LABELS = ("title", "byline", "body", "promo", "teaser", "other")
ROW = re.compile(r"^(\d+)(?:\s*-\s*(\d+))?\s+(\w+)\s*$")
SPLIT = re.compile(r'^(\d+)\s+split\s+(\w+)\s+("(?:[^"\\]|\\.)*")\s+(\w+)\s*$')
SHEET_LINE = re.compile(r"^\s*(\d+) (?:\[[a-z? ]{5}\] )?(.*)$")


@dataclass
class LineLabel:
    label: str
    split: tuple[str, str, str] | None = None  # (first label, first piece, second label)


def sheet_lines(sheet: Path) -> list[str]:
    """The raw lines of a work sheet, in order (the number and any pre-fill stripped)."""
    out = []
    for raw in sheet.read_text(encoding="utf-8").split("\n"):
        if not raw or raw.startswith("#"):
            continue
        m = SHEET_LINE.match(raw)
        if not m or int(m.group(1)) != len(out) + 1:
            raise ValueError(f"{sheet}: unexpected sheet row {raw[:60]!r}")
        out.append(m.group(2))
    return out


def read_labels(path: Path, lines: list[str]) -> tuple[list[LineLabel], str, list[str]]:
    """One label per line, the notes, and the problems found (empty when the sheet is good)."""
    problems: list[str] = []
    notes = ""
    out: list[LineLabel | None] = [None] * len(lines)
    expect = 1
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        row = raw.strip()
        if not row or row.startswith("#"):
            continue
        if row.lower().startswith("notes:"):
            notes = (notes + " " + row[6:].strip()).strip()
            continue
        m = SPLIT.match(row)
        if m:
            n, first, piece, second = int(m.group(1)), m.group(2), json.loads(m.group(3)), m.group(4)
            if first not in LABELS or second not in LABELS:
                problems.append(f"{path}:{lineno}: unknown label in {row!r}")
                continue
            if n != expect:
                problems.append(f"{path}:{lineno}: expected line {expect} next, got {n}")
            if not (1 <= n <= len(lines)) or not lines[n - 1].startswith(piece) or not piece or piece == lines[n - 1]:
                problems.append(f"{path}:{lineno}: the first piece is not a proper start of line {n}")
                expect = n + 1
                continue
            out[n - 1] = LineLabel(first, (first, piece, second))
            expect = n + 1
            continue
        m = ROW.match(row)
        if not m:
            problems.append(f"{path}:{lineno}: cannot read {row!r}")
            continue
        a = int(m.group(1))
        b = int(m.group(2) or a)
        label = m.group(3)
        if label not in LABELS:
            problems.append(f"{path}:{lineno}: unknown label {label!r}")
            continue
        if a != expect:
            problems.append(f"{path}:{lineno}: expected line {expect} next, got {a}")
        if b < a or b > len(lines):
            problems.append(f"{path}:{lineno}: bad range {a}-{b} (the page has {len(lines)} lines)")
            continue
        for i in range(a, b + 1):
            out[i - 1] = LineLabel(label)
        expect = b + 1
    missing = [i + 1 for i, x in enumerate(out) if x is None]
    if missing:
        problems.append(f"{path}: {len(missing)} line(s) without a label, first {missing[:10]}")
    return [x for x in out if x is not None], notes, problems


def main() -> int:
    if len(sys.argv) != 4 or sys.argv[1] != "check":
        print("usage: label_sheets.py check SHEET LABELS", file=sys.stderr)
        return 2
    lines = sheet_lines(Path(sys.argv[2]))
    labels, _, problems = read_labels(Path(sys.argv[3]), lines)
    for p in problems:
        print(p)
    if not problems:
        counts: dict[str, int] = {}
        for x in labels:
            counts[x.label] = counts.get(x.label, 0) + 1
        print(f"ok: {len(lines)} lines; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
