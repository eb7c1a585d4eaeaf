"""Corpus statistics: documents, lines and tokens per track, split, publisher, language and label;
with --shape, how the dumps of each track and split are shaped."""

from __future__ import annotations

import argparse
import json

from ..loader import load_corpus
from ..stats import corpus_stats, stats_markdown


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")
    p.add_argument("--split", default=None, help="only this split")
    p.add_argument("--track", default=None, choices=("real", "authored"), help="only this track")
    p.add_argument("--shape", action="store_true", help="how the dumps are shaped, per track and split: "
                   "non-body lines inside the article, short and long non-body lines, where the article "
                   "starts, the body share of tokens")
    p.add_argument("--format", choices=("md", "json"), default="md")
    p.add_argument("--no-publishers", action="store_true", help="md: leave out the table of publishers")


def run(args: argparse.Namespace) -> int:
    if args.shape:
        from ..stats import shape_markdown, shape_stats

        shape = shape_stats(load_corpus(args.corpus, split=args.split, track=args.track))
        print(json.dumps(shape, indent=2) if args.format == "json" else shape_markdown(shape), end="")
        return 0
    stats = corpus_stats(load_corpus(args.corpus, split=args.split, track=args.track))
    if args.format == "json":
        print(json.dumps(stats, indent=2))
    else:
        print(stats_markdown(stats, publishers=not args.no_publishers), end="")
    return 0
