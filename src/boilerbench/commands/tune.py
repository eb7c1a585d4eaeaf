"""Fit a baseline as `run` does (on the train split, tuning on train plus validation) and print how
its parameters were chosen: the length threshold's train F1 curve, the sklearn model's
cross-validated scores."""

from __future__ import annotations

import argparse
import statistics

from ..errors import UserError
from ..loader import load_corpus
from ..tables import markdown_table


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("extractor", help="registered name or module:attr")
    p.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")


def run(args: argparse.Namespace) -> int:
    from boilerbench.baselines.registry import PreparationFailed, load_extractor, ready

    extractor = load_extractor(args.extractor)
    corpus = list(load_corpus(args.corpus))
    try:
        ready(extractor, corpus, [])
    except PreparationFailed as e:
        raise UserError(f"extractor {args.extractor!r}: {e}") from None
    if getattr(extractor, "tuning", None):
        print(f"{extractor.name}: body F1 on the train split for each minimum line length (tokens)")
        print(markdown_table(["N", "train body F1"],
                             [[n, f"{f1:.4f}" + (" (chosen)" if n == extractor.min_words else "")]
                              for n, f1 in extractor.tuning], align="rr"), end="")
    elif getattr(extractor, "cv_scores", None):
        folds = len(next(iter(extractor.cv_scores.values())))
        print(f"{extractor.name}: token-weighted macro F1, {folds}-fold GroupKFold over publishers, "
              "train plus validation")
        print(markdown_table(["C", "mean", "folds"],
                             [[f"{c:g}", f"{statistics.mean(scores):.4f}" + (" (chosen)" if c == extractor.C else ""),
                               ", ".join(f"{s:.4f}" for s in scores)] for c, scores in extractor.cv_scores.items()],
                             align="rrl"), end="")
    else:
        raise UserError(f"{extractor.name} has no parameters chosen from data")
    return 0
