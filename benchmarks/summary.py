"""The performance issue's four figures side by side, each measured as a user meets it (fresh
processes from the shell), beside its aim:

- loading the 181 imported AEB pages (`load_speed.py`), aim under 0.3 s;
- scoring divided by a plain tokenizing pass over the same texts (`scoring_speed.py`, both
  tracks, one scale), aim at most 2.0;
- seconds per system on the article-extraction-benchmark job (`aeb_job.py`) against the
  reference's 0.9 s, aim at least 10 times faster;
- the main job's cold wall time (`main_job.py`), aim under 20 s.

    python benchmarks/summary.py [--runs 3] [--docs 2000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PROBE = "import time; t = time.perf_counter(); s = 0\nfor i in range(10**7): s += i\nprint(time.perf_counter() - t)"


def probe(processes: int = 1) -> float:
    """Seconds for a fixed pure-Python loop in fresh processes (with 2, two at once, the slower):
    the machine's speed at the time. On this project's VM one loop takes 0.7 to 1.2 s from one
    quarter of an hour to the next, two at once also depend on what shares its cores, and every
    figure below moves with them; printed before and after, so a reader can tell."""
    running = [subprocess.Popen([sys.executable, "-c", PROBE], stdout=subprocess.PIPE, text=True)
               for _ in range(processes)]
    return max(float(p.communicate()[0]) for p in running)


def main() -> None:
    import aeb_job
    import load_speed
    import main_job

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per figure (the median is shown)")
    parser.add_argument("--docs", type=int, default=2000, help="documents scored for the scoring/tokenizing ratio")
    parser.add_argument("--aeb", type=Path, default=aeb_job.default_aeb())
    args = parser.parse_args()

    before = probe(), probe(2)
    load = load_speed.measure(args.aeb, args.runs)["aeb"]["seconds"]
    ratios = [json.loads(subprocess.run([sys.executable, str(HERE / "scoring_speed.py"), "--one", str(args.docs)],
                                        check=True, capture_output=True, text=True).stdout)
              for _ in range(args.runs)]
    ratio = sorted(r["score_s"] / r["tokenize_s"] for r in ratios)[len(ratios) // 2]
    aeb = aeb_job.measure(args.aeb, args.runs)
    main = main_job.measure(args.runs)
    rows = [
        ("load the 181 AEB pages, s", f"{load:.2f}", "< 0.3", load < 0.3),
        (f"scoring / tokenizing ({args.docs:,} documents)", f"{ratio:.2f}", "<= 2.0", ratio <= 2.0),
        ("AEB job, s per system (reference 0.9)", f"{aeb['per_system_s']:.3f} ({aeb['speedup']:.1f}x)",
         "<= 0.09 (10x)", aeb["per_system_s"] <= 0.09),
        ("main job, cold wall s", f"{main['median_s']:.1f}", "< 20", main["median_s"] < 20),
    ]
    after = probe(), probe(2)
    print(f"Median of {args.runs} fresh processes each (the speed probe, a fixed Python loop alone and two at "
          f"once: {before[0]:.2f} and {before[1]:.2f} s before, {after[0]:.2f} and {after[1]:.2f} s after):")
    print("| figure | measured | aim | met |")
    print("|---|---:|---:|---|")
    for name, value, aim, met in rows:
        print(f"| {name} | {value} | {aim} | {'yes' if met else 'no'} |")


if __name__ == "__main__":
    main()
