"""The gate as the CLI and the pytest helper share it: check results against a baseline file,
optionally update it, and say what happened."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, UserError


@dataclass
class GateOutcome:
    passed: bool
    report: str


def run_gate(results: list, baseline_path: str | Path, *, tolerance: float | None = None, update: bool = False,
             allow_regression: bool = False) -> GateOutcome:
    from boilerbench.evaluate.gate import DEFAULT_TOLERANCE, check, findings_table, read_baseline, updated_baseline

    from .atomic import write_json_atomic

    if not results:
        raise UserError("no results to check")
    path = Path(baseline_path)
    fingerprints = {r.summary["corpus_fingerprint"] for r in results}
    splits = {r.summary["split"] for r in results}
    if len(fingerprints) > 1 or len(splits) > 1:
        raise UserError("the results come from different corpora or splits; check them separately")
    fingerprint, split = fingerprints.pop(), splits.pop()
    if update and not path.exists():
        baseline = None
    else:
        baseline = read_baseline(path)
    tol = tolerance if tolerance is not None else (baseline or {}).get("tolerance", DEFAULT_TOLERANCE)
    if baseline is not None and baseline["corpus_fingerprint"] != fingerprint and not update:
        raise UserError(Problem(str(path), None, f"the corpus changed: its fingerprint is {fingerprint}, the "
                                                 f"baseline's {baseline['corpus_fingerprint']}; rerun with --update "
                                                 "to accept the new corpus"))
    if baseline is not None and (baseline["split"] != split) and not update:
        raise UserError(Problem(str(path), None, f"the baseline is for split {baseline['split']!r}, "
                                                 f"the results for {split!r}"))
    findings = check(results, baseline or {}, tol) if baseline is not None else []
    regressed = [f for f in findings if f.status == "regressed"]
    missing = [f for f in findings if f.status == "missing"]
    if update:
        if regressed and not allow_regression:
            return GateOutcome(False, "Refusing to update: these values would get worse (pass --allow-regression "
                                      "to accept):\n\n" + findings_table(regressed))
        write_json_atomic(path, updated_baseline(results, baseline, fingerprint, split, tol))
        return GateOutcome(True, f"Updated {path} with {len(results)} extractor(s).\n")
    if regressed or missing:
        return GateOutcome(False, f"Regression against {path} (tolerance {tol:g}):\n\n" + findings_table(findings))
    improved = sum(1 for f in findings if f.status == "improved")
    new = sorted({f.extractor for f in findings if f.status == "new"})
    note = f" New extractors not in the baseline: {', '.join(new)}." if new else ""
    return GateOutcome(True, f"No regression against {path}: {len(findings)} metrics checked, {improved} "
                             f"improved (tolerance {tol:g}).{note}\n")
