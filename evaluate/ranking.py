"""The leaderboard: one row per extractor, ranked by body F1, with rank groups from the paired
bootstrap, and breakdowns by language, publisher or difficulty.

Rank groups: rows are sorted by body F1; a row joins the group of the row above when the paired
bootstrap of their body F1 difference against that group's first row is not significant
(p >= 0.05); otherwise it starts a new group. Rows that share a group number are tied.

Difficulty strata follow Bevendorff et al. 2023: a document's difficulty is its share of
boilerplate (non-body) tokens, and the strata are cut at the quartiles of that share over the
documents scored.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from boilerbench.document import Document
from boilerbench.tables import markdown_table

from .comparison import compare
from .metric_table import LEAKAGE_LABELS, TRACKED
from .report import _fmt
from .results import Results

ALPHA = 0.05
LEAKAGE = LEAKAGE_LABELS


@dataclass
class Entry:
    results: Results
    input: str = "text"

    @property
    def name(self) -> str:
        return str(self.results.summary["extractor"]["name"])

    @property
    def version(self) -> str:
        return str(self.results.summary["extractor"].get("version", ""))

    @property
    def docs_per_second(self) -> float | None:
        v = self.results.summary["timing"].get("documents_per_second")
        return None if v is None else float(v)


def rank(entries: list[Entry], *, n_resamples: int = 1000, seed: int = 0,
         metric: str = "boilerbench") -> list[tuple[int, Entry]]:
    """(rank group, entry), best body F1 first (`metric="aeb"`: best article-extraction-benchmark
    F1 first, groups from the paired bootstrap of that F1)."""
    field = "compat" if metric == "aeb" else "body"

    def key(e: Entry) -> float:
        if field == "compat":
            return float(e.results.summary["compat"]["f1"]["value"])
        return _value(e.results, "body", "f1")

    ordered = sorted(entries, key=lambda e: (-key(e), e.name))
    out: list[tuple[int, Entry]] = []
    group, leader = 0, None
    for e in ordered:
        if leader is None or compare(leader.results, e.results, field=field, n_resamples=n_resamples,
                                     seed=seed)["p_value"] < ALPHA:
            group += 1
            leader = e
        out.append((group, e))
    return out


def _value(results: Results, field: str, metric: str) -> float:
    v = results.summary["micro"].get(field, {}).get(metric, {}).get("value")
    return float("nan") if v is None else v


AEB_COLUMNS = [("rank", "rank"), ("extractor", "extractor"), ("aeb_f1", "AEB F1"), ("aeb_precision", "precision"),
               ("aeb_recall", "recall"), ("aeb_accuracy", "accuracy"), ("documents", "pages")]


def aeb_rows(ranked: list[tuple[int, Entry]]) -> list[dict[str, Any]]:
    """The article-extraction-benchmark's figures per entry, with 95% bootstrap intervals."""
    out = []
    for group, e in ranked:
        c = e.results.summary["compat"]
        out.append({"rank": group, "extractor": e.name, "version": e.version,
                    **{f"aeb_{k}": c[k] for k in ("f1", "precision", "recall", "accuracy")},
                    "documents": e.results.summary["n_documents"]})
    return out


def rows(ranked: list[tuple[int, Entry]], *, speed: bool = True) -> list[dict[str, Any]]:
    """One row per entry: rank, name, version, input, every tracked metric (`metric_table`) and
    the documents scored; with `speed`, documents per second."""
    out = []
    for group, e in ranked:
        s = e.results.summary
        row: dict[str, Any] = {"rank": group, "extractor": e.name, "version": e.version, "input": e.input}
        row.update({m.key: m.figure(s) for m in TRACKED})
        row["documents"] = s["n_documents"]
        if speed:
            row["documents_per_second"] = e.docs_per_second
        out.append(row)
    return out


MD_COLUMNS = ([("rank", "rank"), ("extractor", "extractor"), ("input", "input")]
              + [(m.key, m.header) for m in TRACKED if not m.count] + [("documents_per_second", "docs/s")]
              + [(m.key, m.header) for m in TRACKED if m.count])


def _cell(key: str, value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, dict):
        return _fmt(value, 2)
    if key == "documents_per_second":
        return f"{value:,.0f}"
    if key == "extractor":
        return str(value)
    return str(value)


def render(table: list[dict[str, Any]], fmt: str, *, wide: bool = False) -> str:
    """One board's rows as `md` (the README's form), `json`, `csv`, `text` (padded for a terminal,
    compact unless `wide`) or `html` (a sortable `<table>`; `board_views.html_page` makes the page)."""
    if fmt in ("text", "html"):
        from .board_views import html_table, text_view

        return text_view(table, wide=wide) if fmt == "text" else html_table(table)
    columns = AEB_COLUMNS if table and "aeb_f1" in table[0] else MD_COLUMNS
    present = [(k, h) for k, h in columns if any(k in r for r in table)]
    if fmt == "json":
        return json.dumps(table, indent=1, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        flat = []
        for r in table:
            f: dict[str, Any] = {}
            for k, v in r.items():
                if isinstance(v, dict):
                    f[k], f[f"{k}_low"], f[f"{k}_high"] = v.get("value"), v.get("low"), v.get("high")
                else:
                    f[k] = v
            flat.append(f)
        writer = csv.DictWriter(buf, fieldnames=list(flat[0]) if flat else ["rank"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        return buf.getvalue()
    cells = [[_cell(k, r.get(k)) if k != "extractor" else f"{r['extractor']} {r['version']}".strip()
              for k, _ in present] for r in table]
    return markdown_table([h for _, h in present], cells, "".join("l" if k == "extractor" else "r" for k, _ in present))


def boilerplate_share(doc: Document) -> float:
    _, labels = doc.labelled_tokens
    return 1 - sum(1 for lab in labels if lab == "body") / max(len(labels), 1)


def strata(documents: list[Document], by: str) -> tuple[list[str], dict[str, str]]:
    """The strata names in order, and each document's stratum."""
    if by in ("language", "publisher"):
        of = {d.id: getattr(d, by) for d in documents}
        return sorted(set(of.values())), of
    if by == "difficulty":
        shares = {d.id: boilerplate_share(d) for d in documents}
        cuts = np.quantile(list(shares.values()), [0.25, 0.5, 0.75])
        edges = [0.0, *cuts, 1.0]
        names = [f"Q{i + 1} ({edges[i]:.2f}-{edges[i + 1]:.2f})" for i in range(4)]
        of = {i: names[int(np.searchsorted(cuts, s, side="right"))] for i, s in shares.items()}
        return names, of
    raise ValueError(f"unknown breakdown {by!r}")


def breakdown(entries: list[Entry], documents: list[Document], by: str) -> list[dict[str, Any]]:
    """Body F1 and promo/teaser leakage of every extractor within each stratum."""
    names, of = strata(documents, by)
    out = []
    for name in names:
        row: dict[str, Any] = {by: name, "documents": sum(1 for v in of.values() if v == name), "extractors": {}}
        for e in entries:
            keep = np.array([of.get(i) == name for i in e.results.ids])
            sub = e.results.subset(keep)
            row["extractors"][e.name] = {"body_f1": sub.summary["micro"]["body"]["f1"],
                                         **{f"leakage_{lab}": sub.summary["leakage"][lab] for lab in LEAKAGE}}
        out.append(row)
    return out


def render_breakdown(table: list[dict[str, Any]], by: str, names: list[str]) -> str:
    return f"Body F1 by {by}:\n\n" + markdown_table(
        [by, "documents", *names],
        [[row[by], row["documents"], *(_fmt(row["extractors"][n]["body_f1"], 2) for n in names)] for row in table])

