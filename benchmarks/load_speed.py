"""How long loading a corpus takes, timed as a user meets it: in a fresh process.

Times `list(load_corpus(PATH))` (imports done first, outside the timing) for the imported AEB
pages (181 documents with their HTML, one JSONL of about 37 MB: structure and spans checked in
code, not by the JSON Schema, which `boilerbench validate` still runs) and for the bundled corpus
(680 source files); median of --runs fresh processes each. The aim for the AEB pages is 0.3 s.

    python benchmarks/load_speed.py [--aeb ../shared/external/article-extraction-benchmark] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

AIM_AEB_SECONDS = 0.3

TIMER = """
import json, sys, time
from boilerbench import load_corpus
path = sys.argv[1] if len(sys.argv) > 1 else None
started = time.perf_counter()
docs = list(load_corpus(path))
print(json.dumps({"documents": len(docs), "seconds": time.perf_counter() - started}))
"""


def timed_load(path: Path | None, runs: int) -> dict[str, float]:
    outs = [json.loads(subprocess.run([sys.executable, "-c", TIMER, *([str(path)] if path else [])], check=True,
                                      capture_output=True, text=True).stdout) for _ in range(runs)]
    return {"documents": outs[0]["documents"], "seconds": statistics.median(o["seconds"] for o in outs)}


def measure(aeb: Path, runs: int = 5) -> dict[str, dict[str, float]]:
    from aeb_job import import_aeb

    with tempfile.TemporaryDirectory() as tmp:
        return {"aeb": timed_load(import_aeb(aeb, tmp), runs), "bundled": timed_load(None, runs)}


def main() -> None:
    from aeb_job import default_aeb

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aeb", type=Path, default=default_aeb())
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    r = measure(args.aeb, args.runs)
    print(f"`list(load_corpus(PATH))` in a fresh process, median of {args.runs}:")
    print("| corpus | documents | seconds | aim |")
    print("|---|---:|---:|---:|")
    print(f"| imported AEB pages (JSONL with HTML) | {r['aeb']['documents']} | {r['aeb']['seconds']:.2f} | "
          f"{AIM_AEB_SECONDS} |")
    print(f"| bundled corpus (source files) | {r['bundled']['documents']} | {r['bundled']['seconds']:.2f} | – |")


if __name__ == "__main__":
    main()
