"""How fast the scorer is, against a plain tokenizing pass over the same texts.

Scales the bundled corpus up (documents repeated under new ids, each scored afresh) to N
documents at 1x (default 10,000, about 6.5 million tokens) and to 4x and 16x, streams
(document, text prediction) pairs through `score_pairs`, and prints for each scale: documents/s,
tokens/s, the ratio of scoring time to a tokenizing pass over the same document and prediction
texts, the bootstrap's time on top, and the peak memory of the process (each scale runs in its
own process so peaks do not carry over). The prediction of each document is realistic: its body
lines with every tenth dropped, plus its promo lines.

The two passes take turns, 100 documents at a time, and neither timing holds the building of
the pairs: before, the tokenizing pass ran first over everything and paid the corpus's
first-use costs (its lines, computed once), which flattered the ratio by a fifth to a third.

    python benchmarks/scoring_speed.py [--docs 10000] [--scales 1,4,16] [--track real|authored]

`--track authored` scores the same texts as the figures measured before the real track existed,
for a like-for-like comparison of scorer versions.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import replace
from itertools import islice

CHUNK = 100  # documents tokenized, then scored, in turn


def stream(n_docs: int, track: str | None = None):
    from boilerbench import load_corpus
    from boilerbench.evaluate.predictions import Prediction

    base = list(load_corpus(track=track))
    bodies = []
    for d in base:
        kept, k = [], 0
        for line in d.lines:
            if line.label == "body":
                k += 1
                if k % 10:
                    kept.append(line.text)
            elif line.label == "promo":
                kept.append(line.text)
        bodies.append("\n".join(kept))
    for i in range(n_docs):
        d = base[i % len(base)]
        doc = replace(d, id=f"{d.id}-{i}")
        yield doc, Prediction(doc.id, body=bodies[i % len(base)])


def one(n_docs: int, track: str | None = None) -> dict:
    from functools import lru_cache

    from boilerbench import load_corpus
    from boilerbench.evaluate import compat
    from boilerbench.evaluate.figures import summarise
    from boilerbench.evaluate.scoring import score_pairs
    from boilerbench.tokenize import tokens

    # The scaled corpus repeats each base document's text; scoring keeps per-text caches (a gold
    # body is scored against every extractor of a leaderboard), which would make the repeats
    # free here. One extractor over distinct documents never hits them: keep one entry only.
    compat._gold_side = lru_cache(maxsize=1)(compat._gold_side.__wrapped__)
    compat.line_view = lru_cache(maxsize=1)(compat.line_view.__wrapped__)
    # Load the corpus before either pass is timed: the loader serves a corpus read once again from
    # memory, so otherwise the tokenizing pass alone paid for reading it (0.8 s, a third of the
    # pass at 2,000 documents), which flattered the ratio at small scales.
    list(load_corpus(track=track))
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    clock = {"tokenize": 0.0, "score": 0.0, "tokens": 0}

    def alternating():
        """The pairs in chunks of CHUNK: each chunk tokenized (timed), then scored (timed from its
        first pair given to the scorer to its last one scored). The two passes alternate every
        few hundred milliseconds, so that the machine's drift in speed (this VM's varies by a
        tenth from minute to minute) weighs on both alike."""
        pairs = stream(n_docs, track)
        while chunk := list(islice(pairs, CHUNK)):
            started = time.perf_counter()
            for doc, pred in chunk:
                clock["tokens"] += len(tokens(doc.text)) + len(tokens(pred.body))
            clock["tokenize"] += time.perf_counter() - started
            started = time.perf_counter()
            yield from chunk
            clock["score"] += time.perf_counter() - started

    results = score_pairs(alternating(), text_fields=("body",), n_resamples=0)
    tokenize_s, score_s, n_tokens = clock["tokenize"], clock["score"], clock["tokens"]
    started = time.perf_counter()
    s = results.summary
    summarise(results.columns, mode="text", fields=("body",), extractor=s["extractor"], split=None,
              fingerprint=s["corpus_fingerprint"], config={**s["config"], "n_resamples": 1000}, scoring_seconds=0)
    bootstrap_s = time.perf_counter() - started
    return {"documents": n_docs, "tokens": n_tokens, "tokenize_s": tokenize_s, "score_s": score_s,
            "bootstrap_s": bootstrap_s, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "start_mb": rss_start / 1024, "body_f1": results.value("body", "f1")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000, help="documents at 1x")
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--track", choices=("real", "authored"), default=None)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.track)))
        return
    print("| scale | documents | tokens | docs/s | tokens/s | scoring / tokenizing | bootstrap (1,000) s | "
          "peak memory MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for scale in (int(s) for s in args.scales.split(",")):
        track = ["--track", args.track] if args.track else []
        out = subprocess.run([sys.executable, __file__, "--one", str(args.docs * scale), *track], capture_output=True,
                             text=True, check=True).stdout
        r = json.loads(out)
        print(f"| {scale}x | {r['documents']:,} | {r['tokens']:,} | {r['documents'] / r['score_s']:,.0f} | "
              f"{r['tokens'] / r['score_s']:,.0f} | {r['score_s'] / r['tokenize_s']:.2f} | {r['bootstrap_s']:.1f} | "
              f"{r['peak_mb']:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
