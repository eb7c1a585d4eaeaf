"""Run every registered extractor (or those named, or precomputed predictions files) on a split,
score them, and print one row per extractor ranked by body F1, with rank groups of extractors
whose difference is not significant under the paired bootstrap. Writes one results JSON per
extractor and the combined table to --out; --check gates the results against a baseline."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..atomic import ensure_writable, write_text_atomic
from ..errors import UserError
from ..flags import non_negative_float, non_negative_int, positive_float, positive_int

README_START = "<!-- leaderboard:start -->"
README_END = "<!-- leaderboard:end -->"


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, where the platform says), at least 1."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")
    p.add_argument("--split", default="test", help="split to run on, or 'all' (default: test)")
    p.add_argument("--track", nargs="+", choices=("real", "authored"), default=None,
                   help="tracks to rank, in order (default: every track of the corpus, real first)")
    p.add_argument("--train-corpus", default=None, metavar="PATH",
                   help="fit learned baselines on this corpus's train split (default: the scored corpus's, "
                        "else the bundled corpus's)")
    p.add_argument("--train-track", default=None, choices=("real", "authored"),
                   help="fit learned baselines on this track's train split only")
    p.add_argument("--extractor", nargs="+", default=None, metavar="NAME", help="only these (names or module:attr)")
    p.add_argument("--predictions", nargs="+", default=[], metavar="FILE", help="add precomputed predictions files")
    p.add_argument("--jobs", type=positive_int, default=usable_cpus(),
                   help=f"worker processes per extractor (default: the CPUs this process may use: {usable_cpus()})")
    p.add_argument("--timeout", type=positive_float, default=30.0, help="seconds per document (default 30)")
    p.add_argument("--format", choices=("text", "md", "json", "csv", "html"), default="text",
                   help="text: a padded table for a terminal, 120 columns wide, with a legend (default); md: the "
                        "README's Markdown table; html: a self-contained page, sortable, intervals drawn as bars")
    p.add_argument("--wide", action="store_true", help="with --format text: every column, every interval")
    p.add_argument("--metric", choices=("boilerbench", "aeb"), default="boilerbench",
                   help="aeb: rank by the article-extraction-benchmark's F1 and show its figures (for its "
                        "stored outputs: --predictions aeb/output/*.json --corpus aeb.jsonl)")
    p.add_argument("--out", default=None, help="folder for results JSON, the table and plots")
    p.add_argument("--plot", action="store_true", help="write PNG plots to --out")
    p.add_argument("--by", choices=("language", "publisher", "difficulty"), help="also break the figures down")
    p.add_argument("--resamples", type=non_negative_int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--check", default=None, metavar="BASELINE", help="gate the results against this baseline")
    p.add_argument("--tolerance", type=non_negative_float, default=None,
                   help="absolute tolerance of the gate (default 0.005)")
    p.add_argument("--update", action="store_true", help="with --check: rewrite the baseline")
    p.add_argument("--allow-regression", action="store_true", help="with --update: accept worse values")
    p.add_argument("--junit", default=None, metavar="FILE", help="with --check: also write the outcome as JUnit XML")
    p.add_argument("--readme", default=None, metavar="README.md",
                   help="rewrite the leaderboard between the markers of this file")
    p.add_argument("--no-progress", action="store_true")


TRACK_TITLES = {
    "real": "Real pages",
    "authored": "Authored hard cases",
    None: "All tracks",
}


def build(args: argparse.Namespace):
    """Run, score and rank on each chosen track; returns (boards, timings)."""
    from boilerbench.baselines.benchmark import leaderboard

    return leaderboard(args.corpus, split=args.split, tracks=args.track, extractors=args.extractor,
                       predictions=args.predictions, jobs=args.jobs, timeout=args.timeout,
                       n_resamples=args.resamples, progress=not args.no_progress,
                       train_corpus=getattr(args, "train_corpus", None),
                       train_track=getattr(args, "train_track", None),
                       metric=getattr(args, "metric", "boilerbench"),
                       # the AEB table alone needs no alignment; written, gated or broken-down results do
                       compat_only=(getattr(args, "metric", "boilerbench") == "aeb" and not args.out
                                    and not args.check and not args.by))


def board_heading(board, fmt: str) -> str:
    title = f"{TRACK_TITLES.get(board.track, board.track)}: {len(board.documents)} documents of the " \
            f"{board.split or 'whole'} split"
    if board.skipped:
        title += f" ({', '.join(board.skipped)} left out: no page sources)"
    if fmt == "text":
        return f"{title}\n\n"
    return f"## {title}\n\n" if fmt == "md" else title


def check_flags(args: argparse.Namespace) -> None:
    """Flags that cannot work are refused before any extractor runs."""
    if args.plot and not args.out:
        raise UserError("--plot needs --out DIR")
    if args.wide and args.format != "text":
        raise UserError(f"--wide goes with --format text (the terminal table); --format {args.format} shows "
                        "every column already")
    if (args.update or args.allow_regression) and not args.check:
        raise UserError("--update and --allow-regression go with --check BASELINE")
    if args.check and not args.update and not Path(args.check).exists():
        raise UserError(f"--check {args.check}: no such baseline file (create it with --update)")
    if args.check and Path(args.check).exists():
        from boilerbench.evaluate.gate import read_baseline

        read_baseline(args.check)  # unreadable or invalid: said now, not after the run
    if args.check and args.update:
        ensure_writable(args.check, "--check")
    if args.junit and not args.check:
        raise UserError("--junit goes with --check BASELINE")
    from .ci_report import check_junit_path

    check_junit_path(args.junit)
    if args.readme:
        try:
            text = Path(args.readme).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise UserError(f"--readme {args.readme}: no such file") from None
        except (OSError, UnicodeDecodeError) as e:
            raise UserError(f"--readme {args.readme}: cannot read it: {getattr(e, 'strerror', None) or e}") from None
        if README_START not in text or README_END not in text:
            raise UserError(f"--readme {args.readme}: no '{README_START}' ... '{README_END}' markers to write between")
    if args.out:
        ensure_writable(args.out, "--out", folder=True)
    for path in args.predictions:
        if not Path(path).is_file():
            raise UserError(f"--predictions {path}: no such file")


def run(args: argparse.Namespace) -> int:
    from boilerbench.evaluate.ranking import aeb_rows, breakdown, render, render_breakdown
    from boilerbench.evaluate.ranking import rows as body_rows

    rows = aeb_rows if args.metric == "aeb" else body_rows
    from boilerbench.evaluate.results_json import write_results

    from ..atomic import write_json_atomic

    check_flags(args)
    started = time.perf_counter()
    boards, timings = build(args)
    texts = []
    for board in boards:
        text = render(rows(board.ranked), args.format, wide=args.wide)
        if args.format in ("md", "text") and len(boards) > 1:
            text = board_heading(board, args.format) + text
        texts.append(text)
        if args.by and args.format in ("md", "text"):  # machine formats stay parseable: breakdowns go to --out
            texts.append("\n" + render_breakdown(breakdown(board.entries, board.documents, args.by), args.by,
                                                  [e.name for e in board.entries]))
    if args.format == "json" and len(boards) > 1:
        import json

        out_text = json.dumps({b.track: json.loads(render(rows(b.ranked), "json")) for b in boards}, indent=1,
                              ensure_ascii=False) + "\n"
    elif args.format == "csv" and len(boards) > 1:
        out_text = "".join(_csv_with_track(b, render, i == 0, rows) for i, b in enumerate(boards))
    elif args.format == "html":
        from boilerbench.evaluate.board_views import html_page

        out_text = html_page([(board_heading(b, "html") if len(boards) > 1 else "", render(rows(b.ranked), "html"))
                              for b in boards], board_legend(boards, args))
    else:
        out_text = "\n".join(texts)
        if args.format == "text":
            out_text += "\n" + board_legend(boards, args)
    print(out_text, end="")
    if args.out:
        from ..paths import distinct, output_file

        out = Path(args.out)
        if out.exists() and not out.is_dir():
            raise UserError(f"--out {out}: exists and is not a folder")
        targets = []  # every results file's path first, so that a refused name writes nothing
        for board in boards:
            for e in board.entries:
                parts = [("results", "folder")] + ([(board.track, "track")] if board.track else [])
                targets.append((output_file(out, *parts, (e.name, "extractor name"), suffix=".json"), e, board))
        distinct(((path, f"{board.track}/{e.name}") for path, e, board in targets), "extractors")
        for path, e, _ in targets:
            write_results(path, e.results)
        for board in boards:
            write_worst(out, board, args.corpus)
            if args.by:
                write_json_atomic(output_file(out, (f"by-{args.by}-{board.track or 'all'}", "breakdown"),
                                              suffix=".json"),
                                  breakdown(board.entries, board.documents, args.by))
        write_text_atomic(output_file(out, (f"leaderboard.{'txt' if args.format == 'text' else args.format}",
                                            "table")), out_text)
        if args.plot:
            from boilerbench.evaluate.plots import plot

            for board in boards:
                plot(board.entries, output_file(out, (board.track or "all", "track")) if len(boards) > 1 else out)
    if args.readme:
        update_readme(Path(args.readme), readme_block(boards, args.resamples))
    wall = time.perf_counter() - started
    n_entries = sum(len(b.entries) for b in boards)
    n_docs = sum(len(b.documents) for b in boards)
    print(f"\n{n_entries} runs on {n_docs} documents in {wall:.1f} s: extractors "
          f"{timings['extract']:.1f} s, scoring {timings['score']:.1f} s.", file=sys.stderr)
    if args.check:
        from boilerbench.evaluate.gate import run_gate

        from .ci_report import report, report_refusal

        try:
            outcome = run_gate([e.results for b in boards for e in b.entries], args.check, tolerance=args.tolerance,
                               update=args.update, allow_regression=args.allow_regression)
        except UserError as e:  # refused to compare: CI still gets its file, saying why
            report_refusal(str(e), args.check, args.junit)
            raise
        print(outcome.report, end="", file=sys.stderr if outcome.passed else sys.stdout)
        report(outcome, args.check, args.junit)
        return 0 if outcome.passed else 1
    return 0


def board_legend(boards, args: argparse.Namespace) -> str:
    """The footnote of the text and HTML forms, with the settings the boards were scored with."""
    from boilerbench.evaluate.board_views import legend

    config = boards[0].entries[0].results.summary["config"]
    return legend(n_resamples=config["n_resamples"], seed=config["seed"], confidence=config["confidence"],
                  metric=args.metric, form="html" if args.format == "html" else "wide" if args.wide else "text")


WORST = 10


def write_worst(out: Path, board, corpus: str | None) -> None:
    """Per extractor, `worst/<track>/<name>.md`: its 10 documents of lowest body F1, each with the
    `boilerbench diff` command that shows it. A run's predictions are written beside
    (`predictions/<track>/<name>.jsonl`) for that command to read; a predictions file is named as given."""
    import shlex

    from boilerbench.evaluate.predictions import write_predictions
    from boilerbench.evaluate.worst import worst_documents

    from ..paths import output_file
    from ..tables import markdown_table

    track = board.track or "all"
    for e in board.entries:
        source = board.prediction_files.get(e.name)
        if source is None:
            source = str(output_file(out, ("predictions", "folder"), (track, "track"), (e.name, "extractor name"),
                                     suffix=".jsonl"))
            write_predictions(source, board.predictions.get(e.name, []),
                              header={"extractor": {"name": e.name, "version": e.version}, "input": e.input,
                                      "split": board.split})
        where = f" --corpus {shlex.quote(str(corpus))}" if corpus else ""
        cells = []
        for k, w in enumerate(worst_documents(e.results, WORST), 1):
            note = " (failed: " + w["failure"].splitlines()[0].replace("|", "/") + ")" if w["failure"] else (
                " (no prediction)" if w["missing"] else "")
            command = f"boilerbench diff {shlex.quote(w['id'])} --predictions {shlex.quote(source)}{where}"
            cells.append([k, f"{w['id']}{note}", w["publisher"], _num(w["precision"]), _num(w["recall"]),
                          _num(w["f1"]), f"`{command}`"])
        rows = [f"# {e.name} {e.version}: the {WORST} worst documents ({track} track, {board.split or 'whole'} split)",
                "", "Lowest body F1 first (documents without gold body text left out). Each command shows the "
                "document's gold and predicted labels side by side.", "",
                markdown_table(["#", "document", "publisher", "body P", "body R", "body F1", "see it"], cells,
                               "rllrrrl").rstrip("\n")]
        write_text_atomic(output_file(out, ("worst", "folder"), (track, "track"), (e.name, "extractor name"),
                                      suffix=".md"), "\n".join(rows) + "\n")


def _num(x) -> str:
    return "–" if x is None or x != x else f"{x:.3f}"


def _csv_with_track(board, render, first: bool, rows) -> str:
    """One board's CSV rows with a leading track column (the header only for the first board)."""
    lines = render(rows(board.ranked), "csv").splitlines()
    head = [f"track,{lines[0]}"] if first else []
    return "\n".join(head + [f"{board.track},{x}" for x in lines[1:]]) + "\n"


def readme_block(boards, resamples: int) -> str:
    return f"{README_START}\n{readme_markdown(boards, resamples)}\n{README_END}"


def readme_markdown(boards, resamples: int) -> str:
    """The tables of the README and the dataset card: one per track, with its caption."""
    return tables_markdown([(b.track, b.split, len(b.documents), b.ranked) for b in boards], resamples)


def tables_markdown(sections, resamples: int,
                    made_by: str = "Generated by `boilerbench leaderboard --readme README.md`.") -> str:
    """One table per (track, split, number of documents, ranked entries), with the caption."""
    from boilerbench.evaluate.ranking import render, rows

    parts = []
    for track, split, n_documents, ranked in sections:
        table = render(rows(ranked, speed=False), "md")
        parts.append(f"**{TRACK_TITLES.get(track, track)}** ({n_documents} documents of the "
                     f"{split or 'whole'} split):\n\n{table}")
    if resamples:
        parts.append(f"95% bootstrap intervals over documents ({resamples} resamples, seed 0); rows with the same "
                     f"rank are not significantly different (paired bootstrap, p >= 0.05). {made_by}")
    else:
        parts.append(f"Scored without the bootstrap (0 resamples): no intervals, and ranks are not tested. {made_by}")
    return "\n".join(parts)


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
