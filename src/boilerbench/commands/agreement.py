"""Inter-annotator agreement: the corpus against an independent second annotation of some of its
documents (by default the bundled `corpus/_second_pass/`). Token-level Cohen's kappa, overall and
per label, the confusion between the passes, and with --disagreements every differing line."""

from __future__ import annotations

import argparse
import json

from ..loader import bundled_corpus, load_corpus


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("second", nargs="?", default=None, help="folder of second-pass source files "
                   "(default: corpus/_second_pass)")
    p.add_argument("--corpus", default=None, help="the first pass (default: the bundled corpus)")
    p.add_argument("--track", default=None, choices=("real", "authored"), help="only documents of this track")
    p.add_argument("--format", choices=("md", "json"), default="md")
    p.add_argument("--disagreements", action="store_true", help="list every line labelled differently")


def run(args: argparse.Namespace) -> int:
    from ..agreement import agreement, agreement_markdown

    second = args.second or str(bundled_corpus() / "_second_pass")
    result = agreement(load_corpus(args.corpus, track=args.track), load_corpus(second, track=args.track))
    if args.format == "json":
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        print(agreement_markdown(result, disagreements=args.disagreements), end="")
    return 0
