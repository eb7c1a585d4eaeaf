"""The regression gate: compare results against a committed baseline of tracked metrics, as the
CLI (`check`, `leaderboard --check`) and the pytest helper (`boilerbench.testing`) share it.

The tracked metrics, their direction and headers come from `metric_table.TRACKED`. A metric
regresses when it gets worse by more than the tolerance (absolute, 0.005 by default):
figures where higher is better (body precision, recall and F1, title and byline F1, the
article-extraction-benchmark F1) must not fall below the baseline minus the tolerance; leakage
must not rise above the baseline plus the tolerance; failures must not rise at all. A different
corpus fingerprint is an error, unless the baseline is being updated. An update never makes a
value worse unless regressions are explicitly allowed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boilerbench.atomic import read_json, write_json_atomic
from boilerbench.errors import Problem, UserError
from boilerbench.schemas import schema_errors
from boilerbench.tables import markdown_table

from .metric_table import BY_KEY, tracked_values
from .results import Results

DEFAULT_TOLERANCE = 0.005


def tracked(results: Results) -> dict[str, float]:
    """The gated figures of a results object (`metric_table.TRACKED`); a figure that is not a
    finite number is left out, so that a gate against a baseline holding it reports it missing."""
    return tracked_values(results.summary)


@dataclass
class Finding:
    extractor: str
    metric: str
    baseline: float | None
    current: float | None
    status: str  # ok, regressed, improved, new, missing

    @property
    def delta(self) -> float | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline


def worse(metric: str, baseline: float, current: float, tolerance: float) -> bool:
    """Whether the current value of a tracked metric is a regression (see `Metric.worse`)."""
    return BY_KEY[metric].worse(baseline, current, tolerance)


def better(metric: str, baseline: float, current: float) -> bool:
    return BY_KEY[metric].improved(baseline, current)


def findings(results: list[Results], baseline: dict[str, Any], tolerance: float) -> list[Finding]:
    """Every tracked metric of every extractor of one baseline section, with its status."""
    findings = []
    current = {r.summary["extractor"]["name"]: tracked(r) for r in results}
    for name, entry in sorted(baseline.get("extractors", {}).items()):
        if name not in current:
            findings.append(Finding(name, "(all)", None, None, "missing"))
            continue
        for metric, base in sorted(entry["metrics"].items()):
            now = current[name].get(metric)
            if now is None:
                findings.append(Finding(name, metric, base, None, "missing"))
            elif worse(metric, base, now, tolerance):
                findings.append(Finding(name, metric, base, now, "regressed"))
            else:
                findings.append(Finding(name, metric, base, now, "improved" if better(metric, base, now) else "ok"))
    for name in sorted(set(current) - set(baseline.get("extractors", {}))):
        findings += [Finding(name, m, None, v, "new") for m, v in sorted(current[name].items())]
    return findings


def track_key(results: Results) -> str:
    """The baseline section a results file belongs to: its track, or `all` for mixed tracks."""
    return results.summary.get("track") or "all"


def as_tracks(baseline: dict[str, Any]) -> dict[str, Any]:
    """A baseline in its current form (one section per track); a version-1 baseline, made before
    tracks existed, becomes the section `all`."""
    if baseline.get("boilerbench_baseline") == 1:
        section = {k: baseline[k] for k in ("corpus_fingerprint", "split", "extractors")}
        return {"boilerbench_baseline": 2, "tolerance": baseline["tolerance"], "tracks": {"all": section}}
    return baseline


def updated_section(results: list[Results], section: dict[str, Any] | None, fingerprint: str,
                    split: str | None) -> dict[str, Any]:
    """One track's section with every run extractor's current values (others kept as they were)."""
    extractors = dict((section or {}).get("extractors", {}))
    for r in results:
        extractors[r.summary["extractor"]["name"]] = {"version": str(r.summary["extractor"].get("version", "")),
                                                      "metrics": tracked(r)}
    return {"corpus_fingerprint": fingerprint, "split": split, "settings": settings_of(results[0]),
            "extractors": dict(sorted(extractors.items()))}


def settings_of(results: Results) -> dict[str, Any]:
    """What must agree for two results to be compared: the metric version and zero_division."""
    return {"metric_version": results.summary["metric_version"],
            "zero_division": results.summary["config"]["zero_division"]}


def findings_table(findings: list[Finding], *, only_problems: bool = True) -> str:
    shown = [f for f in findings if not only_problems or f.status in ("regressed", "missing")]

    def number(metric: str, v: float | None) -> str:
        return "–" if v is None else str(v) if BY_KEY.get(metric) is not None and BY_KEY[metric].count else f"{v:.4f}"

    rows = [[f.extractor, f.metric, number(f.metric, f.baseline), number(f.metric, f.current),
             "–" if f.delta is None else f"{f.delta:+.4f}", f.status] for f in shown]
    return markdown_table(["extractor", "metric", "baseline", "current", "change", "status"], rows,
                          align="llrrrl")


def read_baseline(path: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = read_json(path, "baseline", missing="no such baseline file (create it with --update)")
    errors = schema_errors("baseline", data)
    if errors:
        raise UserError([Problem(str(path), None, e) for e in errors[:10]])
    return data


@dataclass
class GateOutcome:
    passed: bool
    report: str
    findings: list[tuple[str, Finding]] = field(default_factory=list)  # (track, Finding) of every metric checked
    tolerance: float | None = None


def check(results: Results | Sequence[Results], baseline: str | Path, *, tolerance: float | None = None,
          update: bool = False, allow_regression: bool = False) -> GateOutcome:
    """The regression gate: check results against a baseline file, one track's section at a time.

    Results of the real track are checked against the baseline's `real` section, and so on.
    Every metric of `metric_table.TRACKED` may not get worse by more than the tolerance; with
    `update`, the sections of the tracks given are rewritten (atomically) and the others kept.

    Parameters
    ----------
    results : Results or sequence of Results
        Scored on the same corpus and split as the baseline, with the same settings.
    baseline : str or Path
        The baseline JSON (`schema/baseline.schema.json`); with `update`, it may not exist yet.
    tolerance : float, optional
        Absolute tolerance; default the baseline's, else 0.005.
    update : bool, default False
        Rewrite the baseline with these results.
    allow_regression : bool, default False
        With `update`: accept values that get worse.

    Returns
    -------
    GateOutcome
        `passed`, and `report`: a sentence, or a Markdown table of what regressed or is missing.

    Raises
    ------
    UserError (a ValueError)
        No results; results of different corpora or splits in one track; a corpus fingerprint,
        split or settings (zero_division, metric version) other than the baseline's; a baseline
        without the track's section; a tolerance that is not a finite number >= 0.
    NotFoundError (a FileNotFoundError and UserError)
        The baseline file does not exist (and `update` is not given).

    Example
    -------
    >>> import tempfile, pathlib
    >>> from boilerbench import Document, Prediction, score, check
    >>> doc = Document.from_rows("d1", [("body", "Fares rise in April."), ("promo", "Subscribe today.")])
    >>> good = score([doc], [Prediction("d1", body="Fares rise in April.")], n_resamples=0,
    ...              extractor={"name": "mine", "version": "1"})
    >>> baseline = pathlib.Path(tempfile.mkdtemp()) / "baseline.json"
    >>> check(good, baseline, update=True).passed
    True
    >>> leaky = score([doc], [Prediction("d1", body="Fares rise in April.\\nSubscribe today.")], n_resamples=0,
    ...               extractor={"name": "mine", "version": "1"})
    >>> outcome = check(leaky, baseline)
    >>> outcome.passed, "leakage_promo" in outcome.report
    (False, True)
    """
    results = [results] if isinstance(results, Results) else list(results)

    if not results:
        raise UserError("no results to check")
    path = Path(baseline)
    groups: dict[str, list[Results]] = {}
    for r in results:
        groups.setdefault(track_key(r), []).append(r)
    base = None if update and not path.exists() else as_tracks(read_baseline(path))
    tol = tolerance if tolerance is not None else (base or {}).get("tolerance", DEFAULT_TOLERANCE)
    if not (isinstance(tol, (int, float)) and math.isfinite(tol) and tol >= 0):
        raise UserError(f"--tolerance {tol!r}: give a finite number, 0 or more")
    sections = dict((base or {}).get("tracks", {}))
    every, regressed, missing, by_track = [], [], [], []
    for track, group in sorted(groups.items()):
        fingerprints = {r.summary["corpus_fingerprint"] for r in group}
        splits = {r.summary["split"] for r in group}
        if len(fingerprints) > 1 or len(splits) > 1:
            raise UserError(f"the results of track {track!r} come from different corpora or splits; "
                            "check them separately")
        fingerprint, split = fingerprints.pop(), splits.pop()
        section = sections.get(track)
        if base is not None and section is None and not update:
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
            for r in group:
                mine = settings_of(r)
                differ = [f"{k} {mine[k]!r} (baseline {section['settings'][k]!r})" for k in mine
                          if section["settings"].get(k) != mine[k]]
                if differ:
                    raise UserError(Problem(str(path), None, f"{r.summary['extractor']['name']} ({track}) was scored "
                                                             f"with other settings than the baseline: "
                                                             f"{'; '.join(differ)}; they cannot be compared"))
        found = findings(group, section or {}, tol) if section is not None else []
        for f in found:
            f.extractor = f"{f.extractor} ({track})" if track != "all" else f.extractor
        every += found
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
        return GateOutcome(False, f"Regression against {path} (tolerance {tol:g}):\n\n" + findings_table(every),
                           by_track, tol)
    improved = sum(1 for f in every if f.status == "improved")
    new = sorted({f.extractor for f in every if f.status == "new"})
    note = f" New extractors not in the baseline: {', '.join(new)}." if new else ""
    return GateOutcome(True, f"No regression against {path}: {len(every)} metrics checked, {improved} "
                             f"improved (tolerance {tol:g}).{note}\n", by_track, tol)


run_gate = check  # the name the CLI used before the gate moved here
