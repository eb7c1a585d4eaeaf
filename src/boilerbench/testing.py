"""Helpers for users' own test suites.

    from boilerbench.testing import assert_no_regression

    def test_my_extractor_does_not_regress():
        results = score(load_corpus(split="test"), my_predictions)
        assert_no_regression(results, "tests/boilerbench-baseline.json")
"""

from __future__ import annotations

from pathlib import Path

from boilerbench.evaluate.gate import run_gate


def assert_no_regression(results, baseline: str | Path, *, tolerance: float | None = None) -> None:
    """Fail with a table of what dropped if any tracked metric of these results (one `Results` or a
    list) is worse than the baseline file by more than the tolerance (absolute; default: the
    baseline's, else 0.005)."""
    outcome = run_gate(results if isinstance(results, list) else [results], baseline, tolerance=tolerance)
    if not outcome.passed:
        raise AssertionError(outcome.report)
