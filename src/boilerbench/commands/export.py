"""Export the corpus as a folder ready for the Hugging Face Hub: data/<split>-00000-of-00001.parquet
with `datasets` features, and a dataset card (README.md) with its metadata, the label definitions,
how to load it, a data example, the statistics, the annotators, the limitations, the leaderboard and
a citation. Documents whose licence does not allow redistribution are left out unless
--include-restricted, and pages imported with `license: unknown` unless --include-unknown-license."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UserError
from ..labels import SPLITS
from ..loader import load_corpus


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, help="folder to write")
    add_export_arguments(p)


def add_export_arguments(p: argparse.ArgumentParser) -> None:
    """What `export` and `publish` share: they build the same folder and the same card."""
    p.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")
    p.add_argument("--split", nargs="+", default=None, choices=SPLITS, help="splits to export (default: all)")
    p.add_argument("--track", default=None, choices=("real", "authored"), help="only this track (default: both; "
                   "every row has a track column)")
    p.add_argument("--include-restricted", action="store_true", help="also export documents whose licence does "
                   "not allow redistribution")
    p.add_argument("--include-unknown-license", action="store_true", help="also export pages imported with "
                   "`license: unknown`")
    p.add_argument("--with-html", action="store_true", help="include the page sources of the real pages in the "
                   "html column (about 100 MB more before compression)")
    p.add_argument("--no-leaderboard", action="store_true", help="do not put a leaderboard in the card")
    p.add_argument("--leaderboard-from", default=None, metavar="DIR",
                   help="the card's leaderboard from these results (a `leaderboard --out` folder) instead of "
                        "running the baselines")
    p.add_argument("--leaderboard-resamples", type=int, default=1000, metavar="N",
                   help="bootstrap resamples when the card's leaderboard is run (default 1000)")


def check_export_flags(args: argparse.Namespace) -> None:
    if args.leaderboard_from and args.no_leaderboard:
        raise UserError("--leaderboard-from and --no-leaderboard: give one")
    if args.leaderboard_from and not Path(args.leaderboard_from).is_dir():
        raise UserError(f"--leaderboard-from {args.leaderboard_from}: no such folder")
    if args.leaderboard_resamples < 0:
        raise UserError("--leaderboard-resamples must be 0 or more")


def card_leaderboard(args: argparse.Namespace, docs) -> str | None:
    """The card's leaderboard: none, the tables of a results folder, or the deterministic
    baselines run on the test split, as the README shows it."""
    if args.no_leaderboard:
        return None
    if args.leaderboard_from:
        return leaderboard_from_results(Path(args.leaderboard_from), docs)
    from boilerbench.baselines.benchmark import leaderboard
    from boilerbench.baselines.registry import DETERMINISTIC

    from .leaderboard import readme_markdown

    try:
        boards, _ = leaderboard(args.corpus, split="test", extractors=list(DETERMINISTIC), timeout=60.0,
                                tracks=[args.track] if args.track else None, note=lambda _: None,
                                n_resamples=args.leaderboard_resamples)
    except UserError:
        return None
    return readme_markdown(boards, args.leaderboard_resamples)


def leaderboard_from_results(folder: Path, docs) -> str:
    """Rank the results JSON files of a folder (its `results/` when it has one), one table per
    track; each track's results must have been scored on this corpus's documents."""
    from boilerbench.evaluate.ranking import Entry, rank
    from boilerbench.evaluate.results import read_results

    from ..loader import fingerprint
    from .leaderboard import tables_markdown

    root = folder / "results" if (folder / "results").is_dir() else folder
    files = sorted(root.rglob("*.json"))
    if not files:
        raise UserError(f"--leaderboard-from {folder}: no results JSON files in it")
    by_track: dict[str | None, list] = {}
    for f in files:
        r = read_results(f)
        by_track.setdefault(r.summary.get("track"), []).append(r)
    sections = []
    order = sorted(by_track, key=lambda t: ({"real": 0, "authored": 1}.get(t or "", 2), t or ""))
    resamples = 0
    for track in order:
        group = by_track[track]
        split = group[0].summary["split"]
        scored = [d for d in docs if (track is None or d.track == track) and (split is None or d.split == split)]
        mine = fingerprint(scored)
        stale = [r.summary["extractor"]["name"] for r in group if r.summary["corpus_fingerprint"] != mine]
        if stale:
            raise UserError(f"--leaderboard-from {folder}: the results of {', '.join(stale)} (track {track}) were "
                            "scored on other documents than the ones exported")
        resamples = group[0].summary["config"]["n_resamples"]
        sections.append((track, split, group[0].summary["n_documents"],
                         rank([Entry(r) for r in group], n_resamples=resamples)))
    return tables_markdown(sections, resamples, "Ranked from the results of `boilerbench leaderboard --out`.")


def export_folder(args: argparse.Namespace, out: Path, repo_id: str | None = None) -> dict:
    """Export as the flags say: what `export` writes and `publish` uploads."""
    from ..hub.export import export

    docs = list(load_corpus(args.corpus, track=args.track))
    return export(docs, out, splits=args.split, include_restricted=args.include_restricted,
                  include_unknown_license=args.include_unknown_license, leaderboard=card_leaderboard(args, docs),
                  with_html=args.with_html, repo_id=repo_id)


def run(args: argparse.Namespace) -> int:
    from ..atomic import ensure_writable

    check_export_flags(args)
    out = Path(args.out)
    ensure_writable(out, "--out", folder=True)
    summary = export_folder(args, out)
    for split, f in summary["files"].items():
        print(f"{f['path']}: {f['documents']} documents ({split})", file=sys.stderr)
    print(f"{out / 'README.md'}: dataset card; {summary['left_out_restricted']} restricted and "
          f"{summary['left_out_unknown']} unknown-licence document(s) left out", file=sys.stderr)
    return 0
