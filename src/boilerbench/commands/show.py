"""Print a document as its source rows, with the labels in colour on a terminal."""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import UserError
from ..loader import load_corpus
from ..source_format import render

COLOURS = {"title": "1;35", "byline": "36", "body": "0", "promo": "31", "teaser": "33", "other": "2"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help="document id")
    p.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")


def colourise(row: str) -> str:
    label = row[:6].strip()
    code = COLOURS.get(label)
    return f"\033[{code}m{row}\033[0m" if code else row


def run(args: argparse.Namespace) -> int:
    doc = next((d for d in load_corpus(args.corpus) if d.id == args.id), None)
    if doc is None:
        raise UserError(f"no document with id {args.id!r} in the corpus")
    colour = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    text = render(doc)
    if colour:
        head, _, rows = text.partition("\n---\n")
        text = head + "\n---\n" + "\n".join(colourise(r) for r in rows.split("\n"))
    print(text, end="" if text.endswith("\n") else "\n")
    return 0
