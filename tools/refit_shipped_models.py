"""Fit the learned baselines on the bundled corpus and ship the fitted numbers with the package
(a maintainer's tool; run it after changing the corpus's train or validation split or the
sklearn baseline's code). A test fails while the shipped model does not match them.

    python tools/refit_shipped_models.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

FITTED = Path(__file__).resolve().parents[1] / "baselines" / "fitted"


def main() -> int:
    os.environ["BOILERBENCH_CACHE"] = str(FITTED)
    from boilerbench import load_corpus
    from boilerbench.baselines.registry import ready
    from boilerbench.baselines.sklearn_model import SklearnLines, cache_key

    corpus = list(load_corpus())
    train = [d for d in corpus if d.split == "train"]
    tuning = [d for d in corpus if d.split in ("train", "validation")]
    key = cache_key(train, tuning)
    FITTED.mkdir(exist_ok=True)
    for stale in FITTED.glob("sklearn-*"):
        if key not in stale.name:
            stale.unlink()
    ready(SklearnLines(), corpus, [])
    print(f"shipped sklearn-{key}: {sorted(p.name for p in FITTED.glob('sklearn-*'))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
