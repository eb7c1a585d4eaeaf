"""Results as Markdown: the full report (in the manner of scikit-learn's classification_report)
and the one-row summary of `score --format row`."""

from __future__ import annotations

import math

from boilerbench.labels import BOILERPLATE_LABELS
from boilerbench.tables import markdown_table

from .metric_table import TRACKED, Metric
from .results import Results


def _fmt(fig: dict[str, float] | None, digits: int = 3) -> str:
    if fig is None or fig.get("value") is None or (isinstance(fig["value"], float) and math.isnan(fig["value"])):
        return "n/a"
    low, high = fig.get("low"), fig.get("high")
    if low is None or high is None or math.isnan(low):
        return f"{fig['value']:.{digits}f}"
    return f"{fig['value']:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


def results_markdown(results: Results) -> str:
    s = results.summary
    conf = int(round(s["config"]["confidence"] * 100))
    out = [f"**{s['extractor']['name']}** {s['extractor'].get('version', '')} · split {s['split'] or 'all'} · "
           f"{s['n_documents']} documents · {s['mode']} predictions · {conf}% bootstrap intervals "
           f"({s['config']['n_resamples']} resamples, seed {s['config']['seed']})", ""]
    out.append(markdown_table(["label", "precision", "recall", "F1", "support (tokens)", "macro F1"],
                              [[name, _fmt(s["micro"][name]["precision"]), _fmt(s["micro"][name]["recall"]),
                                _fmt(s["micro"][name]["f1"]), f"{s['micro'][name]['support']:,}",
                                _fmt(s["macro"][name]["f1"])] for name in s["fields"]]).rstrip("\n"))
    out += ["", "Leakage into the body (share of each label's gold tokens kept in the extracted body):", "",
            markdown_table(list(BOILERPLATE_LABELS), [[_fmt(s["leakage"][lab]) for lab in BOILERPLATE_LABELS]],
                           "r" * len(BOILERPLATE_LABELS)).rstrip("\n"), ""]
    c = s["compat"]
    out.append(f"article-extraction-benchmark body score: precision {_fmt(c['precision'])}, recall "
               f"{_fmt(c['recall'])}, F1 {_fmt(c['f1'])}, accuracy {_fmt(c['accuracy'])}")
    if "lines" in s:
        out += ["", markdown_table(["label (lines)", "precision", "recall", "F1", "support"],
                                   [[lab, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}",
                                     f"{v['support']:,}"] for lab, v in s["lines"].items()]).rstrip("\n")]
    out += ["", f"Missing predictions: {s['n_missing']}. Failures: {s['n_failures']}."]
    for f in s["failures"][:10]:
        out.append(f"- {f['id']}: {f['failure'].splitlines()[0] if f['failure'] else f['failure']}")
    return "\n".join(out) + "\n"


def summary_row_header() -> str:
    header = ["extractor", *(m.header for m in TRACKED)]
    return markdown_table(header, []).rstrip("\n")


def summary_row(results: Results) -> str:
    """One markdown table row: every tracked metric (`metric_table`), figures with their
    intervals, "–" for a field the extractor does not give."""
    s = results.summary

    def cell(m: Metric) -> str:
        fig = m.figure(s)
        if fig is None:
            return "–"
        return str(fig) if m.count else _fmt(fig, m.digits)

    name = f"{s['extractor']['name']} {s['extractor'].get('version', '')}".strip()
    return markdown_table(["extractor", *(m.header for m in TRACKED)], [[name, *map(cell, TRACKED)]]).splitlines()[-1]
