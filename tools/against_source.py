"""Count, per source, the lines where the real track's gold decides against the source's own gold
(reads the corpus and the source datasets; writes nothing).

For every real document it renders the page again, marks the lines that mostly align into the
source's gold body (the pre-fill rule, `boilerbench.importing.silver_labels`), and compares them
with the annotated labels: a line the source counted as body that the annotators labelled
otherwise (a caption, a byline, a "Read more" link...), and a line it left out that they
labelled body.

    python tools/against_source.py ../shared/external
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from boilerbench import load_corpus
from boilerbench.importing import read_aeb, read_wcxb, silver_labels


def main() -> int:
    external = Path(sys.argv[1])
    gold: dict[str, tuple[str, str | None]] = {}
    for page in read_aeb(external / "article-extraction-benchmark"):
        gold[f"aeb/{page.key}"] = (page.body, None)
    for page in read_wcxb(external / "wcxb"):
        gold[page.source] = (page.body, page.title)
    counts: dict[str, Counter] = {}
    for doc in load_corpus(track="real"):
        body, title = gold[doc.source]
        lines = [line for line in doc.lines]
        silver, _, _ = silver_labels([line.text for line in lines], body, title=title)
        c = counts.setdefault(doc.source.split("/")[0], Counter())
        c["documents"] += 1
        for line, pre in zip(lines, silver, strict=True):
            if line.label is None:
                continue
            c["lines"] += 1
            c["source body"] += pre == "body"
            c["gold body"] += line.label == "body"
            if pre == "body" and line.label != "body":
                c[f"source body, gold {line.label}"] += 1
            elif pre != "body" and line.label == "body":
                c["not source body, gold body"] += 1
    print(json.dumps({k: dict(sorted(v.items())) for k, v in sorted(counts.items())}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
