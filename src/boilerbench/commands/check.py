"""The CI gate: compare results JSON files (or folders of them, as `leaderboard --out` writes)
against a baseline. Exits 1 with a table of what dropped when a tracked metric of any extractor
is worse than the baseline by more than the tolerance; --update rewrites the baseline (never
making a value worse without --allow-regression)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UserError
from ..flags import non_negative_float
from .ci_report import check_junit_path, report, report_refusal


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("results", nargs="+", help="results JSON files, or folders holding them")
    p.add_argument("--baseline", required=True, help="the baseline JSON (schema/baseline.schema.json)")
    p.add_argument("--tolerance", type=non_negative_float, default=None,
                   help="absolute tolerance (default: the baseline's, else 0.005)")
    p.add_argument("--track", default=None, choices=("real", "authored"),
                   help="check only the results of this track (default: every track, each against its section)")
    p.add_argument("--update", action="store_true", help="rewrite the baseline with these results")
    p.add_argument("--allow-regression", action="store_true", help="with --update: accept worse values")
    p.add_argument("--junit", default=None, metavar="FILE",
                   help="also write the outcome as JUnit XML (a testcase per tracked metric, extractor and track)")


def run(args: argparse.Namespace) -> int:
    from boilerbench.evaluate.gate import run_gate
    from boilerbench.evaluate.results_json import read_results

    if args.allow_regression and not args.update:
        raise UserError("--allow-regression goes with --update")
    check_junit_path(args.junit)
    files: list[Path] = []
    for item in map(Path, args.results):
        if item.is_dir():
            found = sorted(item.rglob("*.json"))
            if not found:
                raise UserError(f"{item}: no results JSON files in this folder")
            files += found
        else:
            files.append(item)
    results = [read_results(f) for f in files]
    if args.track is not None:
        results = [r for r in results if r.summary.get("track") == args.track]
        if not results:
            raise UserError(f"--track {args.track}: none of the results is of that track")
    try:
        outcome = run_gate(results, args.baseline, tolerance=args.tolerance,
                           update=args.update, allow_regression=args.allow_regression)
    except UserError as e:  # the gate refused to compare: CI still gets its file, saying why
        report_refusal(str(e), args.baseline, args.junit)
        raise
    print(outcome.report, end="", file=sys.stdout if not outcome.passed else sys.stderr)
    report(outcome, args.baseline, args.junit)
    return 0 if outcome.passed else 1
