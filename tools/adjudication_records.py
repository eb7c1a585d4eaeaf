"""Summarise the annotation records in corpus/_records/ (reads them and the corpus; writes
nothing): the second pass's disputed lines by kind and whose label the adjudicator took, and the
blind re-check of the AEB headlines against the corpus's `title` lines.

    python tools/adjudication_records.py
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

from boilerbench import load_corpus

RECORDS = Path(__file__).resolve().parents[1] / "corpus" / "_records"


def main() -> int:
    rows = list(csv.DictReader((RECORDS / "second-pass-adjudication.tsv").open(encoding="utf-8"), delimiter="\t"))
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        decision = r["decision"]
        first, second = decision == r["first_pass"], decision == r["second_pass"]
        by_kind[r["kind"]]["lines"] += 1
        by_kind[r["kind"]]["first pass kept" if first else "second pass taken" if second else "neither"] += 1
    print(f"{len(rows)} disputed lines in {len({r['id'] for r in rows})} documents")
    print("| kind | lines | first pass kept | second pass taken | neither |\n|---|---:|---:|---:|---:|")
    for kind, c in sorted(by_kind.items(), key=lambda kv: -kv[1]["lines"]):
        print(f"| {kind} | {c['lines']} | {c['first pass kept']} | {c['second pass taken']} | {c['neither']} |")
    titles = {d.id: next((ln.number for ln in d.lines if ln.label == "title"), None)
              for d in load_corpus(track="real") if d.source.startswith("aeb/")}
    blind = list(csv.DictReader((RECORDS / "aeb-headlines-blind.tsv").open(encoding="utf-8"), delimiter="\t"))
    same = sum(1 for b in blind if str(titles.get(b["id"])) == b["title_line"] or
               (titles.get(b["id"]) is None and b["title_line"] == "none"))
    print(f"AEB headlines re-decided blind: {same} of {len(blind)} on the corpus's title line")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
