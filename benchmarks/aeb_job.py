"""The article-extraction-benchmark job, timed as a user runs it: every stored output of the
benchmark ranked in one `boilerbench leaderboard --predictions ... --metric aeb` call (181 pages,
1,000 bootstrap resamples), in a fresh process; prints seconds per system beside the reference.

The reference is the benchmark's own `evaluate.py`, which is not in `../shared` (only its data
and outputs are); the figure beside ours is the one measured on this machine for the public
benchmarks issue (about 0.9 s per system, median of 2). Importing the pages is done once, before
timing, as a user does once. Each predictions file is scored on its own, spread over the CPUs
(`--jobs`, by default all the process may use).

    python benchmarks/aeb_job.py [--aeb ../shared/external/article-extraction-benchmark] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REFERENCE_SECONDS_PER_SYSTEM = 0.9  # evaluate.py of the benchmark, as measured for issue 14


def default_aeb() -> Path:
    return Path(__file__).resolve().parents[2] / "shared" / "external" / "article-extraction-benchmark"


def executable() -> str:
    """The `boilerbench` command of this Python."""
    return shutil.which("boilerbench") or str(Path(sys.executable).with_name("boilerbench"))


def import_aeb(aeb: Path, folder: str) -> Path:
    """The benchmark's pages imported once (as a user does, before anything is timed)."""
    corpus = Path(folder) / "aeb.jsonl"
    subprocess.run([executable(), "import", "aeb", str(aeb), "-o", str(corpus)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return corpus


def measure(aeb: Path, runs: int = 3) -> dict[str, float]:
    """Seconds for the whole job (median of `runs` fresh processes) and per system."""
    exe = executable()
    outputs = sorted((aeb / "output").glob("*.json"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = import_aeb(aeb, tmp)
        walls = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([exe, "leaderboard", "--predictions", *map(str, outputs), "--corpus", str(corpus),
                            "--metric", "aeb", "--resamples", "1000", "--no-progress"], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls.append(time.perf_counter() - started)
    wall = statistics.median(walls)
    return {"systems": len(outputs), "runs": len(walls), "wall_s": wall, "per_system_s": wall / len(outputs),
            "reference_per_system_s": REFERENCE_SECONDS_PER_SYSTEM,
            "speedup": REFERENCE_SECONDS_PER_SYSTEM / (wall / len(outputs))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aeb", type=Path, default=default_aeb())
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    r = measure(args.aeb, args.runs)
    print(f"{r['systems']} stored outputs, 181 pages, 1,000 resamples, one fresh process, median of {r['runs']}:")
    print("| | seconds | seconds per system | reference s/system | reference / ours |")
    print("|---|---:|---:|---:|---:|")
    print(f"| boilerbench leaderboard --metric aeb | {r['wall_s']:.1f} | {r['per_system_s']:.2f} | "
          f"{r['reference_per_system_s']} | {r['speedup']:.1f}x |")


if __name__ == "__main__":
    main()
