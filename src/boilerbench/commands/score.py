"""Score a predictions JSONL against the gold labels: per-label precision, recall and F1 with
bootstrap intervals, leakage of each label into the body, and the article-extraction-benchmark
body score. With -o, writes the results JSON (schema/results.schema.json) atomically."""

from __future__ import annotations

import argparse
import json
import math
import sys
import warnings

from ..errors import Problem, UserError
from ..flags import fraction, non_negative_int
from ..loader import load_corpus


def add_arguments(p: argparse.ArgumentParser) -> None:
    from boilerbench.evaluate.metric_table import TRACKED

    p.formatter_class = argparse.RawDescriptionHelpFormatter
    import textwrap

    p.epilog = "tracked metrics (what the gate checks and the leaderboard shows):\n" + "\n".join(
        textwrap.fill(m.card(), 100, initial_indent="  ", subsequent_indent="      ") for m in TRACKED)
    p.add_argument("predictions", nargs="+", help="predictions JSONL files (see schema/predictions.schema.json), "
                   "article-extraction-benchmark outputs (.json) or WCXB results files; the corpus is loaded once")
    p.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")
    p.add_argument("--split", default="test", help="split to score, or 'all' (default: test)")
    p.add_argument("--track", default=None, choices=("real", "authored"),
                   help="score the documents of this track (default: the tracks the predictions cover)")
    p.add_argument("--format", choices=("md", "json", "row"), default="md",
                   help="md: the full report; json: the results; row: one summary table row (with --header, "
                        "the header first)")
    p.add_argument("--metric", choices=("boilerbench", "aeb", "wcxb"), default="boilerbench",
                   help="aeb: print only the article-extraction-benchmark's body score, in its table's layout; "
                        "wcxb: WCXB's own figures (word precision, recall, F1, accuracy, snippets, title match)")
    p.add_argument("--wcxb-words", choices=("stored", "readme"), default="stored",
                   help="wcxb: the words compared: sets of whitespace words, as WCXB's stored results (default), "
                        "or the bag of \\w+ words of its README")
    p.add_argument("--header", action="store_true", help="with --format row, print the table header first")
    p.add_argument("-o", "--output", default=None, help="write the results JSON here (with several predictions "
                   "files: a folder, one NAME.json each)")
    p.add_argument("--name", default=None, help="extractor name (default: from the file's header or name)")
    p.add_argument("--resamples", type=non_negative_int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=non_negative_int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--confidence", type=fraction, default=0.95)
    p.add_argument("--any-corpus", action="store_true",
                   help="score predictions whose header says they were made on another version of the corpus "
                        "(a warning instead of an error)")
    p.add_argument("--zero-division", default="0", choices=("0", "1", "nan", "warn"),
                   help="value of a 0/0 precision or recall (default 0: an empty prediction scores 0; warn: 0, "
                        "with a warning for each figure that fell back, as scikit-learn)")


def run(args: argparse.Namespace) -> int:
    from boilerbench.evaluate.predictions import check_against, check_fingerprint, read_any_predictions, resolve_ids
    from boilerbench.evaluate.results_json import write_results
    from boilerbench.evaluate.scoring import score

    if args.resamples < 0:
        raise UserError("--resamples must be 0 or more")
    if not 0 < args.confidence < 1:
        raise UserError("--confidence must lie between 0 and 1")
    from ..labels import SPLITS

    if args.split != "all" and args.split not in SPLITS:
        raise UserError(f"unknown split {args.split!r}; expected one of {', '.join(SPLITS)} or all")
    split = None if args.split == "all" else args.split
    if args.seed < 0:
        raise UserError("--seed must be 0 or more")
    if args.name and len(args.predictions) > 1:
        raise UserError("--name names one predictions file; give one file, or name them in their headers")
    if args.output:
        from ..atomic import ensure_writable

        ensure_writable(args.output, "-o", folder=len(args.predictions) > 1)
    every = list(load_corpus(args.corpus))
    in_split = [d for d in every if split is None or d.split == split]
    if split is not None and not in_split:
        raise UserError(f"the corpus has no documents in split {split!r}")
    zero_division = ("warn" if args.zero_division == "warn" else math.nan if args.zero_division == "nan"
                     else float(args.zero_division))
    known = {d.id for d in every}
    by_id = {d.id: d for d in every}
    files = [resolve_ids(read_any_predictions(path), known) for path in args.predictions]
    names = [f.extractor["name"] if not args.name else args.name for f in files]
    if len(set(names)) != len(names):
        raise UserError(f"two predictions files are named alike ({', '.join(sorted(names))}); give each a "
                        "different extractor name in its header")
    targets = []
    if args.output and len(files) > 1:  # one NAME.json each in the folder -o names
        from pathlib import Path

        from ..paths import distinct, output_file

        if Path(args.output).exists() and not Path(args.output).is_dir():
            raise UserError(f"-o {args.output}: exists and is not a folder (with several predictions files, "
                            "-o names a folder)")
        targets = [output_file(Path(args.output), (name, "extractor name"), suffix=".json") for name in names]
        distinct(zip(targets, names, strict=True), "extractors")
    for n, file in enumerate(files):
        if args.track is not None:
            documents = [d for d in in_split if d.track == args.track]
            if not documents:
                raise UserError(f"--track {args.track}: the corpus has no such documents in split {args.split!r}")
        else:
            covered = {d.track for d in in_split if d.id in file.predictions}
            documents = [d for d in in_split if d.track in covered] or in_split
        problems: list[Problem] = check_against(file, {d.id: d for d in documents}, {d.id for d in every})
        if problems:
            raise UserError(problems)
        changed = check_fingerprint(file, by_id)
        if changed and not args.any_corpus:
            raise UserError([*changed, Problem(file.path, None, "(--any-corpus scores it anyway, with a warning)")])
        for problem in changed:
            print(f"warning: {problem}", file=sys.stderr)
        if file.predictions and not any(d.id in file.predictions for d in documents):
            raise UserError(f"{file.path}: none of its predictions is for a document of split {args.split!r}"
                            + (f" and track {args.track!r}" if args.track else "") + "; score the split it was run on")
        extractor = file.extractor
        if args.metric == "wcxb":
            wcxb_report(args, file, documents, names[n], first=n == 0)
            continue
        extractor["name"] = names[n]
        with warnings.catch_warnings(record=True) as caught:  # each file's 0/0 warnings, said as a message
            warnings.simplefilter("always")
            results = score(documents, file, extractor=extractor, split=split, n_resamples=args.resamples,
                            seed=args.seed, confidence=args.confidence, zero_division=zero_division,
                            fields=() if args.metric == "aeb" and not args.output else None)
        for w in caught:
            print(f"boilerbench: warning: {file.path}: {w.message}", file=sys.stderr)
        if args.output:
            target = targets[n] if targets else args.output
            write_results(target, results)
        report(args, results, extractor, first=n == 0, many=len(files) > 1)
    return 0


def report(args: argparse.Namespace, results, extractor: dict[str, str], *, first: bool, many: bool) -> None:
    from boilerbench.evaluate.report import results_markdown

    if args.metric == "aeb":
        from boilerbench.evaluate.compat import aeb_figures, aeb_row

        figures = aeb_figures(results.columns.compat, n_resamples=args.resamples, seed=args.seed)
        if args.format == "json":  # the same figures as the table: each a value and its bootstrap deviation
            print(json.dumps({"extractor": extractor["name"], "version": extractor["version"],
                              "metrics": {k: {"value": v, "std": sd} for k, (v, sd) in figures.items()}},
                             ensure_ascii=False))
            return
        if args.header and first:
            print(f"{'':<20} {'version':<12} {'F1':<14} {'precision':<14} {'recall':<14} accuracy")
        print(aeb_row(extractor["name"], extractor["version"], figures))
    elif args.format == "json":
        print(json.dumps(results.to_json(), ensure_ascii=False, indent=None if many else 1))
    elif args.format == "row":
        from boilerbench.evaluate.report import summary_row, summary_row_header

        if args.header and first:
            print(summary_row_header())
        print(summary_row(results))
    else:
        print(results_markdown(results), end="")


def wcxb_report(args: argparse.Namespace, file, documents, name: str, *, first: bool) -> None:
    """WCXB's figures over the documents with a prediction (as its results files: pages it ran on)."""
    from boilerbench.evaluate.predictions import as_text
    from boilerbench.evaluate.wcxb import corpus_figures, gold_of, page_figures

    pages = []
    for doc in documents:
        pred = file.predictions.get(doc.id)
        if pred is None:
            continue
        text = as_text(pred, doc)
        pages.append({"id": doc.id, **page_figures(gold_of(doc), text.body or "", text.title,
                                                   words=args.wcxb_words)})
    figures = corpus_figures(pages)
    if args.format == "json":
        print(json.dumps({"extractor": name, "metrics": figures, "pages": pages}, indent=1))
        return
    cols = ("content_f1", "content_precision", "content_recall", "content_accuracy", "with_snippets_percentage",
            "without_snippets_percentage", "title_match_rate")
    from ..tables import markdown_table

    def cell(v):
        return "–" if v is None else f"{v:.3f}"

    table = markdown_table(["extractor", "pages", "F1", "precision", "recall", "accuracy", "with found",
                            "without kept", "title match"],
                           [[name, figures["pages"], *(cell(figures[c]) for c in cols)]]).splitlines()
    print("\n".join(table if first else table[2:]))
