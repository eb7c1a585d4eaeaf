"""Score a predictions JSONL against the gold labels: per-label precision, recall and F1 with
bootstrap intervals, leakage of each label into the body, and the article-extraction-benchmark
body score. With -o, writes the results JSON (schema/results.schema.json) atomically."""

from __future__ import annotations

import argparse
import json
import math

from ..errors import Problem, UserError
from ..loader import load_corpus


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("predictions", help="predictions JSONL (see schema/predictions.schema.json), or an "
                   "article-extraction-benchmark output .json")
    p.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")
    p.add_argument("--split", default="test", help="split to score, or 'all' (default: test)")
    p.add_argument("--format", choices=("md", "json", "row"), default="md",
                   help="md: the full report; json: the results; row: one summary table row (with --header, "
                        "the header first)")
    p.add_argument("--metric", choices=("boilerbench", "aeb"), default="boilerbench",
                   help="aeb: print only the article-extraction-benchmark's body score, in its table's layout")
    p.add_argument("--header", action="store_true", help="with --format row, print the table header first")
    p.add_argument("-o", "--output", default=None, help="write the results JSON here")
    p.add_argument("--name", default=None, help="extractor name (default: from the file's header or name)")
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--confidence", type=float, default=0.95)
    p.add_argument("--zero-division", default="0", choices=("0", "1", "nan"),
                   help="value of a 0/0 precision or recall (default 0: an empty prediction scores 0)")


def run(args: argparse.Namespace) -> int:
    from boilerbench.evaluate.predictions import check_against, read_any_predictions
    from boilerbench.evaluate.results import results_markdown, write_results
    from boilerbench.evaluate.scoring import score

    if args.resamples < 0:
        raise UserError("--resamples must be 0 or more")
    if not 0 < args.confidence < 1:
        raise UserError("--confidence must lie between 0 and 1")
    from ..labels import SPLITS

    if args.split != "all" and args.split not in SPLITS:
        raise UserError(f"unknown split {args.split!r}; expected one of {', '.join(SPLITS)} or all")
    split = None if args.split == "all" else args.split
    every = list(load_corpus(args.corpus))
    documents = [d for d in every if split is None or d.split == split]
    if split is not None and not documents:
        raise UserError(f"the corpus has no documents in split {split!r}")
    file = read_any_predictions(args.predictions)
    problems: list[Problem] = check_against(file, {d.id: d for d in documents}, {d.id for d in every})
    if problems:
        raise UserError(problems)
    extractor = file.extractor
    if args.name:
        extractor["name"] = args.name
    results = score(documents, file, extractor=extractor, split=split, n_resamples=args.resamples, seed=args.seed,
                    confidence=args.confidence, zero_division=math.nan if args.zero_division == "nan"
                    else float(args.zero_division))
    if args.output:
        write_results(args.output, results)
    if args.metric == "aeb":
        from boilerbench.evaluate.compat import aeb_figures, aeb_row

        figures = aeb_figures(results.columns.compat, n_resamples=args.resamples, seed=args.seed)
        if args.header:
            print(f"{'':<20} {'version':<12} {'F1':<14} {'precision':<14} {'recall':<14} accuracy")
        print(aeb_row(extractor["name"], extractor["version"], figures))
    elif args.format == "json":
        print(json.dumps(results.to_json(), ensure_ascii=False, indent=1))
    elif args.format == "row":
        from boilerbench.evaluate.results import summary_row, summary_row_header

        if args.header:
            print(summary_row_header())
        print(summary_row(results))
    else:
        print(results_markdown(results), end="")
    return 0
