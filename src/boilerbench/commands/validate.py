"""Check documents: the header, every row, the spans (JSONL: against the full JSON Schema), and uniqueness
across the corpus.
Prints `path:line: message` for every problem and exits 1 if there are any. Changes no file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..loader import bundled_corpus, read_documents


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="corpus folders, source files or .jsonl files (default: the bundled corpus)")


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [bundled_corpus()]
    good = bad = 0
    for doc, problems in read_documents(paths, schema=True):
        for problem in problems:
            print(problem)
        if problems:
            bad += 1
        elif doc is not None:
            good += 1
    summary = f"{good} valid document(s), {bad} with problems"
    print(summary, file=sys.stderr)
    if not good and not bad:  # nothing was checked: say so, rather than pass
        print(f"{', '.join(map(str, paths))}: no documents found", file=sys.stderr)
        return 1
    return 1 if bad else 0
