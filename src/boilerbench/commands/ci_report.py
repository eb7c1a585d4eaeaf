"""The gate's outcome as CI systems read it: JUnit XML (one testcase per tracked metric, extractor
and track; a failure for each regression or missing figure) and, on GitHub Actions, one
`::error` workflow command per failure, which GitHub shows as an annotation on the run."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

FAILING = ("regressed", "missing")


def _bare(extractor: str, track: str) -> str:
    return extractor.removesuffix(f" ({track})")


def failure_message(track: str, f, tolerance: float | None) -> str:
    """One line saying what got worse, by how much, against which tolerance."""
    name = _bare(f.extractor, track)
    if f.metric == "(all)":
        return f"{name} ({track}): in the baseline but not in the results"
    if f.current is None:
        return f"{name} ({track}) {f.metric}: no finite value in the results (baseline {f.baseline})"
    tol = "" if tolerance is None or f.metric == "failures" else f", tolerance {tolerance:g}"
    return f"{name} ({track}) {f.metric}: {f.baseline:.4g} in the baseline, now {f.current:.4g} ({f.delta:+.4g}{tol})"


def junit_xml(outcome, baseline: str) -> str:
    """JUnit XML of a gate outcome: a testsuite per track, a testcase per extractor and metric."""
    root = ET.Element("testsuites", name="boilerbench gate")
    suites: dict[str, ET.Element] = {}
    counts: dict[str, list[int]] = {}
    for track, f in outcome.findings:
        suite = suites.get(track)
        if suite is None:
            suite = suites[track] = ET.SubElement(root, "testsuite", name=f"boilerbench gate: {track} track")
            counts[track] = [0, 0]
        case = ET.SubElement(suite, "testcase", classname=f"boilerbench.{track}.{_bare(f.extractor, track)}",
                             name=f.metric)
        counts[track][0] += 1
        if not outcome.passed and f.status in FAILING:
            counts[track][1] += 1
            failure = ET.SubElement(case, "failure", message=failure_message(track, f, outcome.tolerance),
                                    type=f.status)
            failure.text = f"against {baseline}"
    for track, suite in suites.items():
        suite.set("tests", str(counts[track][0]))
        suite.set("failures", str(counts[track][1]))
        suite.set("errors", "0")
    root.set("tests", str(sum(c[0] for c in counts.values())))
    root.set("failures", str(sum(c[1] for c in counts.values())))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _escape(value: str, *, prop: bool = False) -> str:
    """GitHub's escaping of workflow command data (and, for properties, of `:` and `,`)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def github_annotations(outcome, baseline: str) -> list[str]:
    """`::error title=...::message` lines, one per failing finding."""
    if outcome.passed:
        return []
    lines = []
    for track, f in outcome.findings:
        if f.status in FAILING:
            title = f"boilerbench gate: {_bare(f.extractor, track)} ({track}) {f.metric} {f.status}"
            lines.append(f"::error title={_escape(title, prop=True)}::"
                         f"{_escape(failure_message(track, f, outcome.tolerance) + f' (baseline {baseline})')}")
    return lines


def check_junit_path(path: str | None) -> None:
    """Refuse a --junit path that cannot be written, before any work."""
    from ..atomic import ensure_writable

    if path is not None:
        ensure_writable(path, "--junit")


def report(outcome, baseline: str, junit: str | None) -> None:
    """Write the JUnit file (atomically) and, under GitHub Actions, print the annotations."""
    from ..atomic import write_text_atomic

    if junit:
        write_text_atomic(junit, junit_xml(outcome, baseline))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in github_annotations(outcome, baseline):
            print(line)


def report_refusal(message: str, baseline: str, junit: str | None) -> None:
    """When the gate refuses to compare (another corpus, other settings), CI still gets a file
    and an annotation saying why: one errored testcase, and an `::error` line on GitHub Actions."""
    from ..atomic import write_text_atomic

    if junit:
        root = ET.Element("testsuites", name="boilerbench gate", tests="1", failures="0", errors="1")
        suite = ET.SubElement(root, "testsuite", name="boilerbench gate", tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname="boilerbench.gate", name="compare with the baseline")
        error = ET.SubElement(case, "error", message=message.splitlines()[0] if message else "refused",
                              type="refused")
        error.text = f"{message}\n(baseline {baseline})"
        ET.indent(root)
        write_text_atomic(junit, '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")
                          + "\n")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(f"::error title={_escape('boilerbench gate: refused to compare', prop=True)}::{_escape(message)}")
