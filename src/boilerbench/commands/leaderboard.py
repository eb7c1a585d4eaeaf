"""Run every registered extractor (or those named, or precomputed predictions files) on a split,
score them, and print one row per extractor ranked by body F1, with rank groups of extractors
whose difference is not significant under the paired bootstrap. Writes one results JSON per
extractor and the combined table to --out; --check gates the results against a baseline."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..atomic import write_text_atomic
from ..errors import UserError
from ..loader import load_corpus

README_START = "<!-- leaderboard:start -->"
README_END = "<!-- leaderboard:end -->"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")
    p.add_argument("--split", default="test", help="split to run on, or 'all' (default: test)")
    p.add_argument("--extractor", nargs="+", default=None, metavar="NAME", help="only these (names or module:attr)")
    p.add_argument("--predictions", nargs="+", default=[], metavar="FILE", help="add precomputed predictions files")
    p.add_argument("--jobs", type=int, default=1, help="worker processes per extractor (default 1)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds per document (default 30)")
    p.add_argument("--format", choices=("md", "json", "csv", "html"), default="md")
    p.add_argument("--out", default=None, help="folder for results JSON, the table and plots")
    p.add_argument("--plot", action="store_true", help="write PNG plots to --out")
    p.add_argument("--by", choices=("language", "publisher", "difficulty"), help="also break the figures down")
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--check", default=None, metavar="BASELINE", help="gate the results against this baseline")
    p.add_argument("--tolerance", type=float, default=None, help="absolute tolerance of the gate (default 0.005)")
    p.add_argument("--update", action="store_true", help="with --check: rewrite the baseline")
    p.add_argument("--allow-regression", action="store_true", help="with --update: accept worse values")
    p.add_argument("--readme", default=None, metavar="README.md",
                   help="rewrite the leaderboard between the markers of this file")
    p.add_argument("--no-progress", action="store_true")


def build(args: argparse.Namespace):
    """Run, score and rank; returns (entries ranked, documents, table rows, timings)."""
    from boilerbench.baselines.interface import html_of
    from boilerbench.baselines.registry import BUILTINS, HTML_EXTRACTORS, available, load_extractor, ready
    from boilerbench.baselines.runner import run_extractor
    from boilerbench.evaluate.leaderboard import Entry, rank
    from boilerbench.evaluate.predictions import check_against, read_predictions
    from boilerbench.evaluate.scoring import score

    from .run import select

    if args.jobs < 1:
        raise UserError("--jobs must be at least 1")
    if args.resamples < 0:
        raise UserError("--resamples must be 0 or more")
    corpus = list(load_corpus(args.corpus))
    docs = select(corpus, args.split)
    split = None if args.split == "all" else args.split
    names = args.extractor if args.extractor is not None else (
        [] if args.predictions else sorted((n for n in available() if n not in HTML_EXTRACTORS),
                                           key=lambda n: (n not in BUILTINS, n)))
    entries, timings = [], {"extract": 0.0, "score": 0.0}
    for name in names:
        extractor = load_extractor(name)
        started = time.perf_counter()
        ready(extractor, corpus, docs)
        preds = list(run_extractor(extractor, docs, timeout=args.timeout, jobs=args.jobs,
                                   progress=not args.no_progress))
        timings["extract"] += time.perf_counter() - started
        reads = getattr(extractor, "input", "text")
        if reads == "html" and any(html_of(d)[1] for d in docs):
            reads = "html-rendered-from-lines"
        started = time.perf_counter()
        results = score(docs, preds, extractor={"name": extractor.name, "version": str(extractor.version)},
                        split=split, n_resamples=args.resamples)
        timings["score"] += time.perf_counter() - started
        entries.append(Entry(results, reads))
    for path in args.predictions:
        file = read_predictions(path)
        problems = check_against(file, {d.id: d for d in docs}, {d.id for d in corpus})
        if problems:
            raise UserError(problems)
        started = time.perf_counter()
        results = score(docs, file, split=split, n_resamples=args.resamples)
        timings["score"] += time.perf_counter() - started
        entries.append(Entry(results, file.header.get("input", "text")))
    if not entries:
        raise UserError("nothing to rank: no extractor registered or named, and no predictions file")
    seen: set[str] = set()
    for e in entries:
        if e.name in seen:
            raise UserError(f"two entries are named {e.name!r}; rename one (predictions header or --name)")
        seen.add(e.name)
    return rank(entries, n_resamples=args.resamples), docs, timings


def run(args: argparse.Namespace) -> int:
    from boilerbench.evaluate.leaderboard import breakdown, render, render_breakdown, rows
    from boilerbench.evaluate.results import write_results

    from ..atomic import write_json_atomic

    started = time.perf_counter()
    ranked, docs, timings = build(args)
    entries = [e for _, e in ranked]
    table = rows(ranked)
    text = render(table, args.format)
    print(text, end="")
    if args.by:
        by = breakdown(entries, docs, args.by)
        print()
        print(render_breakdown(by, args.by, [e.name for e in entries]), end="")
    if args.out:
        out = Path(args.out)
        for e in entries:
            write_results(out / "results" / f"{e.name}.json", e.results)
        suffix = {"md": "md", "json": "json", "csv": "csv", "html": "html"}[args.format]
        write_text_atomic(out / f"leaderboard.{suffix}", text)
        if args.by:
            write_json_atomic(out / f"by-{args.by}.json", breakdown(entries, docs, args.by))
        if args.plot:
            from boilerbench.evaluate.plots import plot

            plot(entries, out)
    elif args.plot:
        raise UserError("--plot needs --out DIR")
    if args.readme:
        update_readme(Path(args.readme), readme_block(ranked, args))
    wall = time.perf_counter() - started
    print(f"\n{len(entries)} extractors on {len(docs)} documents in {wall:.1f} s: extractors "
          f"{timings['extract']:.1f} s, scoring {timings['score']:.1f} s.", file=sys.stderr)
    if args.check:
        from ..gating import run_gate

        outcome = run_gate([e.results for e in entries], args.check, tolerance=args.tolerance, update=args.update,
                           allow_regression=args.allow_regression)
        print(outcome.report, end="", file=sys.stderr if outcome.passed else sys.stdout)
        return 0 if outcome.passed else 1
    if args.update or args.allow_regression:
        raise UserError("--update and --allow-regression go with --check BASELINE")
    return 0


def readme_block(ranked, args: argparse.Namespace) -> str:
    from boilerbench.evaluate.leaderboard import render, rows

    table = render(rows(ranked, speed=False), "md")
    n = ranked[0][1].results.summary["n_documents"]
    return (f"{README_START}\n{table}\n{n} documents of the {args.split} split; 95% bootstrap intervals over "
            f"documents ({args.resamples} resamples, seed 0); rows with the same rank are not significantly "
            "different (paired bootstrap, p >= 0.05). Generated by `boilerbench leaderboard --readme README.md`."
            f"\n{README_END}")


def update_readme(path: Path, block: str) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    if README_START not in text or README_END not in text:
        raise UserError(f"{path}: no '{README_START}' ... '{README_END}' markers to write between")
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    write_text_atomic(path, head + block + tail)
