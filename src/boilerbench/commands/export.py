"""Export the corpus as a folder ready for the Hugging Face Hub: data/<split>-00000-of-00001.parquet
with `datasets` features, and a dataset card (README.md) with its metadata, the label definitions,
the statistics, the leaderboard and a citation. Documents whose licence does not allow
redistribution are left out unless --include-restricted."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UserError
from ..labels import SPLITS
from ..loader import load_corpus


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, help="folder to write")
    p.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")
    p.add_argument("--split", nargs="+", default=None, choices=SPLITS, help="splits to export (default: all)")
    p.add_argument("--track", default=None, choices=("real", "authored"), help="only this track (default: both; "
                   "every row has a track column)")
    p.add_argument("--include-restricted", action="store_true", help="also export documents whose licence does "
                   "not allow redistribution")
    p.add_argument("--with-html", action="store_true", help="include the page sources of the real pages in the "
                   "html column (about 100 MB more before compression)")
    p.add_argument("--no-leaderboard", action="store_true", help="do not run the baselines for the card's "
                   "leaderboard")


def card_leaderboard(corpus: str | None, track: str | None = None) -> str | None:
    """The deterministic baselines' leaderboard on the test split, as the README shows it."""
    from boilerbench.baselines.benchmark import leaderboard
    from boilerbench.baselines.registry import DETERMINISTIC

    from .leaderboard import readme_markdown

    try:
        boards, _ = leaderboard(corpus, split="test", extractors=list(DETERMINISTIC), timeout=60.0,
                                tracks=[track] if track else None, note=lambda _: None)
    except UserError:
        return None
    return readme_markdown(boards, 1000)


def run(args: argparse.Namespace) -> int:
    from ..atomic import ensure_writable
    from ..hub import export

    out = Path(args.out)
    ensure_writable(out, "--out", folder=True)
    docs = list(load_corpus(args.corpus, track=args.track))
    leaderboard = None if args.no_leaderboard else card_leaderboard(args.corpus, args.track)
    summary = export(docs, out, splits=args.split, include_restricted=args.include_restricted,
                     leaderboard=leaderboard, with_html=args.with_html)
    for split, f in summary["files"].items():
        print(f"{f['path']}: {f['documents']} documents ({split})", file=sys.stderr)
    print(f"{out / 'README.md'}: dataset card; {summary['left_out']} restricted document(s) left out",
          file=sys.stderr)
    return 0
