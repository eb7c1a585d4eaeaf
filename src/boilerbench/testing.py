"""Helpers for users' own test suites: fail a test when an extractor's figures regress.

Example
-------
Results made in Python gate against a baseline the CLI made, as long as they score the same
documents with the same settings (`score`'s defaults are the CLI's):

>>> import contextlib, io, tempfile
>>> from boilerbench import load_corpus, score
>>> from boilerbench.baselines.simple import KeepAll
>>> from boilerbench.cli import main
>>> baseline = tempfile.mkdtemp() + "/baseline.json"
>>> with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
...     code = main(["leaderboard", "--extractor", "keep-all", "--track", "authored", "--resamples", "0",
...                  "--no-progress", "--check", baseline, "--update"])
>>> code
0
>>> docs = list(load_corpus(split="test", track="authored"))
>>> results = score(docs, [KeepAll().extract(d) for d in docs], extractor={"name": "keep-all", "version": "1"})
>>> assert_no_regression(results, baseline)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from boilerbench.evaluate.gate import check
from boilerbench.evaluate.results import Results


def assert_no_regression(results: Results | Sequence[Results], baseline: str | Path, *,
                         tolerance: float | None = None) -> None:
    """Fail with a table of what dropped if any tracked metric of these results (one `Results` or a
    list) is worse than the baseline file by more than the tolerance (absolute; default: the
    baseline's, else 0.005). See `boilerbench.check` for the errors it raises."""
    outcome = check(results, baseline, tolerance=tolerance)
    if not outcome.passed:
        raise AssertionError(outcome.report)
