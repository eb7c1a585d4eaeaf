"""Corpus statistics: documents, lines and tokens per split, publisher, language and label."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from .document import Document
from .labels import LABELS, SPLITS, TRACKS


def corpus_stats(documents: Iterable[Document]) -> dict[str, Any]:
    groups: dict[str, dict[str, Counter[str]]] = {
        key: defaultdict(Counter) for key in ("track", "split", "publisher", "language")
    }
    by_label: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    total: Counter[str] = Counter()
    meta: dict[str, dict[str, set[str]]] = {"split": defaultdict(set), "language": defaultdict(set)}
    for doc in documents:
        meta["split"][doc.publisher].add(doc.split)
        meta["language"][doc.publisher].add(doc.language)
        n_lines = sum(1 for line in doc.lines if line.label is not None)
        token_labels = doc.labelled_tokens[1]  # the fast view: 1.1 million Token objects cost seconds
        n_tokens = len(token_labels)
        row = Counter(documents=1, lines=n_lines, tokens=n_tokens)
        total.update(row)
        for key in groups:
            groups[key][getattr(doc, key)].update(row)
        for line in doc.lines:
            if line.label is not None:
                by_label[line.label]["lines"] += 1
        for label, count in Counter(token_labels).items():
            if label is not None:
                by_label[label]["tokens"] += count
        for label in {s.label for s in doc.spans}:
            by_label[label]["documents"] += 1

    def table(counter_map, order) -> dict[str, dict[str, int]]:
        return {k: {c: counter_map[k][c] for c in ("documents", "lines", "tokens")} for k in order}

    publishers = table(groups["publisher"], sorted(groups["publisher"]))
    for name, row in publishers.items():
        row["split"] = "/".join(sorted(meta["split"][name], key=SPLITS.index))  # type: ignore[assignment]
        row["language"] = "/".join(sorted(meta["language"][name]))  # type: ignore[assignment]

    return {
        "total": {c: total[c] for c in ("documents", "lines", "tokens")},
        "track": table(groups["track"], [t for t in TRACKS if t in groups["track"]]),
        "split": table(groups["split"], [s for s in SPLITS if s in groups["split"]]),
        "language": table(groups["language"], sorted(groups["language"])),
        "publisher": publishers,
        "label": table(by_label, LABELS),
    }


def markdown_table(header: list[str], rows: list[list[Any]]) -> str:
    """`tables.markdown_table` with counts written with thousands separators, no final newline."""
    from .tables import markdown_table as table

    return table(header, [[f"{v:,}" if isinstance(v, int) else v for v in r] for r in rows]).rstrip("\n")


def stats_markdown(stats: dict[str, Any], *, publishers: bool = True) -> str:
    parts = []
    t = stats["total"]
    parts.append(f"{t['documents']:,} documents, {t['lines']:,} labelled lines, {t['tokens']:,} tokens.")
    for key in ("track", "split", "language", "label"):
        rows = [[k, v["documents"], v["lines"], v["tokens"]] for k, v in stats[key].items()]
        parts.append(markdown_table([key, "documents", "lines", "tokens"], rows))
    if publishers:
        rows = [[k, v["split"], v["language"], v["documents"], v["lines"], v["tokens"]]
                for k, v in stats["publisher"].items()]
        parts.append(markdown_table(["publisher", "split", "language", "documents", "lines", "tokens"], rows))
    else:
        parts.append(f"{len(stats['publisher']):,} publishers (`boilerbench stats` lists them).")
    return "\n\n".join(parts) + "\n"


def document_shape(doc: Document) -> dict[str, float]:
    """How a page dump is shaped, per document: the measures that set real pages apart from
    invented ones. The article region runs from the first to the last body line."""
    lines = [line for line in doc.lines if line.label is not None]
    counts = doc.line_token_counts
    n_tokens = {line.number: counts[line.number - 1] for line in lines}
    body_at = [k for k, line in enumerate(lines) if line.label == "body"]
    inside = pieces = 0
    if body_at:
        previous_body = True
        for line in lines[body_at[0] : body_at[-1] + 1]:
            if line.label != "body":
                inside += 1
                pieces += previous_body
            previous_body = line.label == "body"
    non_body = [line for line in lines if line.label != "body"]
    _, labels = doc.labelled_tokens
    labelled = [lab for lab in labels if lab is not None]
    return {
        "non_body_inside_article": inside,
        "non_body_pieces_inside_article": pieces,
        "non_body_lines_10_plus_tokens": sum(1 for line in non_body if n_tokens[line.number] >= 10),
        "non_body_lines_3_or_fewer_tokens": sum(1 for line in non_body if n_tokens[line.number] <= 3),
        "article_start_share": body_at[0] / len(lines) if body_at else 1.0,
        "body_token_share": sum(1 for lab in labelled if lab == "body") / max(len(labelled), 1),
    }


SHAPE_MEASURES = (
    ("non_body_inside_article", "non-body lines inside the article (median)"),
    ("non_body_pieces_inside_article", "in how many pieces (median)"),
    ("non_body_lines_10_plus_tokens", "non-body lines of 10+ tokens (median)"),
    ("non_body_lines_3_or_fewer_tokens", "non-body lines of 3 tokens or fewer (median)"),
    ("article_start_share", "where the article starts, share of lines (median)"),
    ("body_token_share", "body share of tokens, p10 to p90"),
)


def shape_stats(documents: Iterable[Document]) -> dict[str, dict[str, Any]]:
    """Per track and split: the median of each shape measure (p10 and p90 of the body share).

    >>> from boilerbench import load_corpus
    >>> sorted(shape_stats(load_corpus(track="authored")))[:2]
    ['authored/test', 'authored/train']
    """
    import numpy as np

    groups: dict[str, list[dict[str, float]]] = defaultdict(list)
    for doc in documents:
        groups[f"{doc.track}/{doc.split}"].append(document_shape(doc))
    out: dict[str, dict[str, Any]] = {}
    for key in sorted(groups, key=lambda k: (k.split("/")[0] != "real", SPLITS.index(k.split("/")[1]))):
        rows = groups[key]
        stats: dict[str, Any] = {"documents": len(rows)}
        for name, _ in SHAPE_MEASURES:
            values = np.array([r[name] for r in rows], dtype=float)
            if name == "body_token_share":
                stats[name] = [round(float(np.quantile(values, 0.1)), 2), round(float(np.quantile(values, 0.9)), 2)]
            else:
                stats[name] = round(float(np.median(values)), 2)
        out[key] = stats
    return out


def shape_markdown(shape: dict[str, dict[str, Any]]) -> str:
    """The shape measures side by side, one column per track and split."""
    keys = list(shape)
    rows = [["documents", *[shape[k]["documents"] for k in keys]]]
    for name, title in SHAPE_MEASURES:
        cells = []
        for k in keys:
            v = shape[k][name]
            cells.append(f"{v[0]:.2f} to {v[1]:.2f}" if isinstance(v, list) else
                         f"{v:.0%}" if name == "article_start_share" else f"{v:g}")
        rows.append([title, *cells])
    return markdown_table(["measure", *keys], rows) + "\n"
