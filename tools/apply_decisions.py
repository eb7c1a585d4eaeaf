"""Write an adjudicator's decisions into the first-pass label sheets (a maintainer's tool).

Reads a TSV of decisions (`ID<TAB>LINE<TAB>DECISION[<TAB>...]`, where DECISION is a label or
`split LABEL1 "first piece" LABEL2`), and rewrites `WORK/labels1/ID.labels` with those lines
changed, keeping the sheet's notes and adding one saying which lines were adjudicated. The
sheets as the first annotator left them are kept once in `WORK/labels1.orig/`. It transcribes
decisions; it makes none.

    python tools/apply_decisions.py WORK WORK/adjudicated/adj-01.tsv [...]
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from label_sheets import SPLIT, LineLabel, read_labels, sheet_lines


def parse_decision(text: str, n: int) -> LineLabel:
    text = text.strip()
    if text.startswith("split"):
        m = SPLIT.match(f"{n} {text}")
        if not m:
            raise ValueError(f"cannot read decision {text!r}")
        return LineLabel(m.group(2), (m.group(2), json.loads(m.group(3)), m.group(4)))
    return LineLabel(text)


def write_sheet(path: Path, labels: list[LineLabel], notes: str) -> None:
    rows = []
    k = 0
    while k < len(labels):
        lab = labels[k]
        if lab.split is not None:
            first, piece, second = lab.split
            rows.append(f"{k + 1} split {first} {json.dumps(piece, ensure_ascii=False)} {second}")
            k += 1
            continue
        j = k
        while j + 1 < len(labels) and labels[j + 1].split is None and labels[j + 1].label == lab.label:
            j += 1
        rows.append(f"{k + 1}-{j + 1} {lab.label}" if j > k else f"{k + 1} {lab.label}")
        k = j + 1
    if notes:
        rows.append(f"notes: {notes}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def main() -> int:
    work = Path(sys.argv[1])
    decisions: dict[str, dict[int, LineLabel]] = {}
    for tsv in sys.argv[2:]:
        for lineno, raw in enumerate(Path(tsv).read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            parts = raw.split("\t")
            try:
                n = int(parts[1])
                decisions.setdefault(parts[0].strip(), {})[n] = parse_decision(parts[2], n)
            except (IndexError, ValueError) as e:
                print(f"{tsv}:{lineno}: {e}", file=sys.stderr)
                return 1
    backup = work / "labels1.orig"
    backup.mkdir(exist_ok=True)
    changed = 0
    for doc_id, lines in sorted(decisions.items()):
        path = work / "labels1" / f"{doc_id}.labels"
        if not (backup / path.name).exists():
            shutil.copy2(path, backup / path.name)
        raw_lines = sheet_lines(work / "blind" / f"{doc_id}.sheet")
        labels, notes, problems = read_labels(path, raw_lines)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
        touched = []
        for n, decision in sorted(lines.items()):
            if decision.split is not None and not raw_lines[n - 1].startswith(decision.split[1]):
                print(f"{doc_id}:{n}: the split's first piece is not the start of the line", file=sys.stderr)
                return 1
            if labels[n - 1] != decision:
                labels[n - 1] = decision
                touched.append(n)
                changed += 1
        if touched:
            note = f"Adjudicated lines {', '.join(map(str, touched))}."
            notes = f"{notes} {note}".strip() if note not in notes else notes
        write_sheet(path, labels, notes)
        _, _, problems = read_labels(path, raw_lines)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
    print(f"{changed} line(s) changed in {len(decisions)} sheet(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
