"""The regression gate: compare results against a committed baseline of tracked metrics.

A metric regresses when it gets worse by more than the tolerance (absolute, 0.005 by default):
figures where higher is better (body precision, recall and F1, title and byline F1, the
article-extraction-benchmark F1) must not fall below the baseline minus the tolerance; leakage
must not rise above the baseline plus the tolerance; failures must not rise at all. A different
corpus fingerprint is an error, unless the baseline is being updated. An update never makes a
value worse unless regressions are explicitly allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .results import Results

DEFAULT_TOLERANCE = 0.005
HIGHER = ("body_precision", "body_recall", "body_f1", "title_f1", "byline_f1", "compat_f1")
LOWER = ("leakage_promo", "leakage_teaser", "leakage_byline", "leakage_other")


def tracked(results: Results) -> dict[str, float]:
    """The gated figures of a results object; a figure that is not a finite number is left out
    (so that a gate against a baseline holding it reports it missing, never as passed)."""
    import math

    s = results.summary
    out: dict[str, float] = {}

    def put(name: str, value) -> None:
        if value is not None and math.isfinite(float(value)):
            out[name] = round(float(value), 6)

    for field in ("body", "title", "byline"):
        if field in s["micro"]:
            for metric in (("precision", "recall", "f1") if field == "body" else ("f1",)):
                put(f"{field}_{metric}", s["micro"][field][metric]["value"])
    for lab in ("promo", "teaser", "byline", "other"):
        put(f"leakage_{lab}", s["leakage"][lab]["value"])
    put("compat_f1", s["compat"]["f1"]["value"])
    out["failures"] = int(s["n_failures"])
    return out


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
    """Whether the current value is a regression; a value that is not a finite number always is
    (NaN compares false with everything, and must never pass the gate)."""
    import math

    if not (math.isfinite(current) and math.isfinite(baseline)):
        return True
    if metric == "failures":
        return current > baseline
    if metric in LOWER:
        return current > baseline + tolerance
    return current < baseline - tolerance


def better(metric: str, baseline: float, current: float) -> bool:
    if metric == "failures" or metric in LOWER:
        return current < baseline
    return current > baseline


def check(results: list[Results], baseline: dict[str, Any], tolerance: float) -> list[Finding]:
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
    lines = ["| extractor | metric | baseline | current | change | status |", "|---|---|---:|---:|---:|---|"]
    for f in shown:
        base = "–" if f.baseline is None else f"{f.baseline:.4f}" if f.metric != "failures" else str(f.baseline)
        cur = "–" if f.current is None else f"{f.current:.4f}" if f.metric != "failures" else str(f.current)
        delta = "–" if f.delta is None else f"{f.delta:+.4f}"
        lines.append(f"| {f.extractor} | {f.metric} | {base} | {cur} | {delta} | {f.status} |")
    return "\n".join(lines) + "\n"


def read_baseline(path) -> dict[str, Any]:
    from boilerbench.atomic import read_json
    from boilerbench.errors import Problem, UserError
    from boilerbench.schemas import schema_errors

    data = read_json(path, "baseline", missing="no such baseline file (create it with --update)")
    errors = schema_errors("baseline", data)
    if errors:
        raise UserError([Problem(str(path), None, e) for e in errors[:10]])
    return data
