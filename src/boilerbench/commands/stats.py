"""Corpus statistics: documents, lines and tokens per split, publisher, language and label."""

from __future__ import annotations

import argparse
import json

from ..loader import load_corpus
from ..stats import corpus_stats, stats_markdown


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")
    p.add_argument("--split", default=None, help="only this split")
    p.add_argument("--format", choices=("md", "json"), default="md")


def run(args: argparse.Namespace) -> int:
    stats = corpus_stats(load_corpus(args.corpus, split=args.split))
    if args.format == "json":
        print(json.dumps(stats, indent=2))
    else:
        print(stats_markdown(stats), end="")
    return 0
