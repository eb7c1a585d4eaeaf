"""Corpus statistics: documents, lines and tokens per split, publisher, language and label."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from .document import Document
from .labels import LABELS, SPLITS


def corpus_stats(documents: Iterable[Document]) -> dict[str, Any]:
    groups: dict[str, dict[str, Counter[str]]] = {
        key: defaultdict(Counter) for key in ("split", "publisher", "language")
    }
    by_label: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    total: Counter[str] = Counter()
    meta: dict[str, dict[str, set[str]]] = {"split": defaultdict(set), "language": defaultdict(set)}
    for doc in documents:
        meta["split"][doc.publisher].add(doc.split)
        meta["language"][doc.publisher].add(doc.language)
        n_lines = sum(1 for line in doc.lines if line.label is not None)
        n_tokens = len(doc.tokens)
        row = Counter(documents=1, lines=n_lines, tokens=n_tokens)
        total.update(row)
        for key in groups:
            groups[key][getattr(doc, key)].update(row)
        for line in doc.lines:
            if line.label is not None:
                by_label[line.label]["lines"] += 1
        for tok in doc.tokens:
            if tok.label is not None:
                by_label[tok.label]["tokens"] += 1
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
        "split": table(groups["split"], [s for s in SPLITS if s in groups["split"]]),
        "language": table(groups["language"], sorted(groups["language"])),
        "publisher": publishers,
        "label": table(by_label, LABELS),
    }


def markdown_table(header: list[str], rows: list[list[Any]]) -> str:
    def fmt(v: Any) -> str:
        return f"{v:,}" if isinstance(v, int) else str(v)

    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in
                                                            range(len(header))) + "|"]
    lines += ["| " + " | ".join(fmt(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def stats_markdown(stats: dict[str, Any]) -> str:
    parts = []
    t = stats["total"]
    parts.append(f"{t['documents']:,} documents, {t['lines']:,} labelled lines, {t['tokens']:,} tokens.")
    for key in ("split", "language", "label"):
        rows = [[k, v["documents"], v["lines"], v["tokens"]] for k, v in stats[key].items()]
        parts.append(markdown_table([key, "documents", "lines", "tokens"], rows))
    rows = [[k, v["split"], v["language"], v["documents"], v["lines"], v["tokens"]]
            for k, v in stats["publisher"].items()]
    parts.append(markdown_table(["publisher", "split", "language", "documents", "lines", "tokens"], rows))
    return "\n\n".join(parts) + "\n"
