"""Documents per second of every bundled baseline, beside a plain tokenizing pass.

Each baseline is fitted as `boilerbench run` fits it, then extracts every document of the
bundled corpus in this process (no worker isolation, so the figure is the extractor's own
speed); the figure is the median over --runs runs. trafilatura reads the minimal HTML rendering
of each document, as it does in the benchmark. Last, the wall time of the full leaderboard and
its split between extractors and scoring.

    python benchmarks/baseline_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from boilerbench import load_corpus
    from boilerbench.baselines.interface import unlabelled
    from boilerbench.baselines.registry import BUILTINS, load_extractor, ready
    from boilerbench.tokenize import tokens

    corpus = list(load_corpus())
    docs = [unlabelled(d) for d in corpus]

    def rate(fn) -> float:
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            for d in docs:
                fn(d)
            times.append(time.perf_counter() - started)
        return len(docs) / statistics.median(times)

    reference = rate(lambda d: tokens(d.text))
    print(f"{len(docs)} documents, median of {args.runs} runs")
    print("| extractor | version | documents/s | time against the tokenizing pass |")
    print("|---|---|---:|---:|")
    print(f"| (tokenizing pass) | | {reference:,.0f} | 1.0x |")
    for name in BUILTINS:
        ext = ready(load_extractor(name), corpus, docs)
        r = rate(ext.extract)
        print(f"| {name} | {ext.version} | {r:,.0f} | {reference / r:,.1f}x |", flush=True)
    leaderboard_time()



def leaderboard_time() -> None:
    """Wall time of the full leaderboard on the bundled corpus with every bundled baseline, and
    how it splits between running extractors (fitting included) and scoring."""
    from boilerbench import leaderboard
    from boilerbench.baselines.registry import BUILTINS

    started = time.perf_counter()
    boards, timings = leaderboard(extractors=list(BUILTINS), timeout=60.0, n_resamples=1000)
    docs = [d for b in boards for d in b.documents]
    wall = time.perf_counter() - started
    other = wall - timings["extract"] - timings["score"]
    print(f"\nFull leaderboard ({len(BUILTINS)} baselines, {len(docs)} test documents, 1,000 resamples): "
          f"{wall:.1f} s wall; extractors {timings['extract']:.1f} s ({timings['extract'] / wall:.0%}), "
          f"scoring {timings['score']:.1f} s ({timings['score'] / wall:.0%}), loading and ranking "
          f"{other:.1f} s ({other / wall:.0%}).")


if __name__ == "__main__":
    main()
