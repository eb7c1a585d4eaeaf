"""The gate as the CLI and the pytest helper share it: check results against a baseline file,
optionally update it, and say what happened."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, UserError


@dataclass
class GateOutcome:
    passed: bool
    report: str
    findings: list = field(default_factory=list)  # (track, Finding) of every metric checked
    tolerance: float | None = None


def run_gate(results: list, baseline_path: str | Path, *, tolerance: float | None = None, update: bool = False,
             allow_regression: bool = False) -> GateOutcome:
    """Check results against the baseline, one track's section at a time (results of the real
    track against the `real` section, and so on); with `update`, rewrite the sections of the
    tracks given and keep the others."""
    from boilerbench.evaluate.gate import (
        DEFAULT_TOLERANCE,
        as_tracks,
        check,
        findings_table,
        read_baseline,
        track_key,
        updated_section,
    )

    from .atomic import write_json_atomic

    if not results:
        raise UserError("no results to check")
    path = Path(baseline_path)
    groups: dict[str, list] = {}
    for r in results:
        groups.setdefault(track_key(r), []).append(r)
    baseline = None if update and not path.exists() else as_tracks(read_baseline(path))
    tol = tolerance if tolerance is not None else (baseline or {}).get("tolerance", DEFAULT_TOLERANCE)
    import math

    if not (isinstance(tol, (int, float)) and math.isfinite(tol) and tol >= 0):
        raise UserError(f"--tolerance {tol!r}: give a finite number, 0 or more")
    sections = dict((baseline or {}).get("tracks", {}))
    findings, regressed, missing, by_track = [], [], [], []
    for track, group in sorted(groups.items()):
        fingerprints = {r.summary["corpus_fingerprint"] for r in group}
        splits = {r.summary["split"] for r in group}
        if len(fingerprints) > 1 or len(splits) > 1:
            raise UserError(f"the results of track {track!r} come from different corpora or splits; "
                            "check them separately")
        fingerprint, split = fingerprints.pop(), splits.pop()
        section = sections.get(track)
        if baseline is not None and section is None and not update:
            raise UserError(Problem(str(path), None, f"the baseline has no section for track {track!r}; rerun "
                                                     "with --update to add it"))
        if section is not None and section["corpus_fingerprint"] != fingerprint and not update:
            raise UserError(Problem(str(path), None, f"the corpus changed (track {track}): its fingerprint is "
                                                     f"{fingerprint}, the baseline's {section['corpus_fingerprint']}; "
                                                     "rerun with --update to accept the new corpus"))
        if section is not None and section["split"] != split and not update:
            raise UserError(Problem(str(path), None, f"the baseline is for split {section['split']!r}, "
                                                     f"the results for {split!r} (track {track})"))
        if section is not None and section.get("settings") and not update:
            from boilerbench.evaluate.gate import settings_of

            for r in group:
                mine = settings_of(r)
                differ = [f"{k} {mine[k]!r} (baseline {section['settings'][k]!r})" for k in mine
                          if section["settings"].get(k) != mine[k]]
                if differ:
                    raise UserError(Problem(str(path), None, f"{r.summary['extractor']['name']} ({track}) was scored "
                                                             f"with other settings than the baseline: "
                                                             f"{'; '.join(differ)}; they cannot be compared"))
        found = check(group, section or {}, tol) if section is not None else []
        for f in found:
            f.extractor = f"{f.extractor} ({track})" if track != "all" else f.extractor
        findings += found
        by_track += [(track, f) for f in found]
        regressed += [f for f in found if f.status == "regressed"]
        missing += [f for f in found if f.status == "missing"]
        if update:
            sections[track] = updated_section(group, section if section is not None and
                                              section["corpus_fingerprint"] == fingerprint else None,
                                              fingerprint, split)
    if update:
        if regressed and not allow_regression:
            return GateOutcome(False, "Refusing to update: these values would get worse (pass --allow-regression "
                                      "to accept):\n\n" + findings_table(regressed), by_track, tol)
        write_json_atomic(path, {"boilerbench_baseline": 2, "tolerance": tol, "tracks": dict(sorted(sections.items()))})
        return GateOutcome(True, f"Updated {path} with {len(results)} result(s) on track(s) "
                                 f"{', '.join(sorted(groups))}.\n", by_track, tol)
    if regressed or missing:
        return GateOutcome(False, f"Regression against {path} (tolerance {tol:g}):\n\n" + findings_table(findings),
                           by_track, tol)
    improved = sum(1 for f in findings if f.status == "improved")
    new = sorted({f.extractor for f in findings if f.status == "new"})
    note = f" New extractors not in the baseline: {', '.join(new)}." if new else ""
    return GateOutcome(True, f"No regression against {path}: {len(findings)} metrics checked, {improved} "
                             f"improved (tolerance {tol:g}).{note}\n", by_track, tol)
