"""Build the work sheets of the real track (a maintainer's tool; not shipped, not run by users).

It renders the pages of the article-extraction-benchmark (all of them) and of WCXB (article pages,
chosen as below), leaves out pages whose dump loses the article (the source's gold body covered
below 0.9 by the lines that align into it), assigns splits by publisher (registered domain), and
writes for each page:

- `corpus/_pages/<id>.html.gz`: the page source, shipped so HTML extractors read the real page;
- `WORK/prefill/<id>.sheet`: the numbered lines, each with the label pre-filled from the
  source's own human gold (`body` for a line that mostly aligns into the gold body, `title` for
  the line equal to the gold headline, `?` for every other line), for the first annotator;
- `WORK/blind/<id>.sheet`: the same lines with no label, for the second-pass annotators;
- `WORK/manifest.json`: the header of every document (id, publisher, url, language, split,
  provenance, licence, source) and the pre-fill, so that disagreements with the source gold can
  be counted after annotation.

No label in a sheet is gold: annotators read every line and type the label sheets
(`WORK/labels/<id>.labels`) from which `tools/apply_labels.py` writes the corpus files.

Selection of WCXB pages: the article pages of dev and test alike, ranked by how news-like they
are (a news or magazine domain word, a news-like URL path, a named author and a date; guides,
how-tos and shop blogs rank lower), ties broken by a hash of the id; dumps of more than 600
lines are not selected, to keep annotation within reach. Splits: publishers are ordered by a
hash of their name and filled into test, then validation, then train, so that no publisher is
in two splits.

    python tools/build_real_track.py ../shared/external WORK --wcxb 345
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

from boilerbench.importing import Page, html_lines, import_pages, read_aeb, read_wcxb, registered_domain

NEWS_DOMAIN = re.compile(
    r"news|times|post|herald|tribune|journal|guardian|bbc|cnn|reuters|apnews|npr|gazette|daily|magazine|mag\b|"
    r"press|wired|verge|techcrunch|forbes|atlantic|economist|vox|axios|politico|independent|telegraph|"
    r"register|chronicle|observer|review|report|insider|wire|today|weekly|express|mirror|standard|sun\b|"
    r"bloomberg|cnbc|nbc|abc|cbs|fox|sky|euronews|aljazeera|dw\.com|spiegel|zeit|lemonde|elpais|"
    r"arstechnica|engadget|gizmodo|zdnet|theregister|nature|science|scientificamerican|newyorker|nytimes|"
    r"washingtonpost|latimes|usatoday|time\.com|slate|salon|vice|buzzfeed|huffpost|mashable|digitaltrends",
    re.IGNORECASE)
NEWS_PATH = re.compile(r"/(news|story|stories|article|articles|opinion|politics|world|business|science|"
                       r"tech|technology|culture|sport|sports|health|features?|analysis|blog/20\d\d)/|/20\d\d/",
                       re.IGNORECASE)
GUIDE = re.compile(r"how-to|guide|tutorial|best-|/product|/shop|/services?/|pricing|cost", re.IGNORECASE)
MIN_COVERAGE = 0.9
MAX_LINES = 600


def news_score(page: Page) -> int:
    score = 0
    if NEWS_DOMAIN.search(page.domain or registered_domain(page.url)):
        score += 2
    if page.url and NEWS_PATH.search(page.url):
        score += 1
    if page.author and page.publish_date:
        score += 1
    if page.url and GUIDE.search(page.url):
        score -= 1
    return score


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def prefill(labels: list[str]) -> list[str]:
    """The pre-fill shown to the first annotator: the source gold's body and title, `?` for the rest
    (the silver `other` and `byline` guesses are not shown: those labels are typed by hand)."""
    return [lab if lab in ("body", "title") else "?" for lab in labels]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("external", type=Path, help="the folder holding article-extraction-benchmark/ and wcxb/")
    ap.add_argument("work", type=Path, help="where the sheets go")
    ap.add_argument("--wcxb", type=int, default=345, help="WCXB pages to select")
    ap.add_argument("--corpus", type=Path, default=Path("corpus"))
    ap.add_argument("--test", type=int, default=210, help="documents in the test split, at least")
    ap.add_argument("--validation", type=int, default=68, help="documents in the validation split, at least")
    args = ap.parse_args()

    chosen, excluded = [], []
    for source, pages, licence in (
        ("aeb", read_aeb(args.external / "article-extraction-benchmark"), "MIT"),
        ("wcxb", read_wcxb(args.external / "wcxb"), "CC-BY-4.0"),
    ):
        candidates = []
        for page in pages:
            key = page.key if source == "wcxb" else f"aeb-{page.key[:12]}"
            page = Page(**{**page.__dict__, "key": key})
            item = next(import_pages([page], provenance=f"imported:{source}", license=licence))
            doc = item.document
            n_lines = doc.text.count("\n") + 1 if doc.text else 0
            if not doc.text or item.coverage < MIN_COVERAGE:
                excluded.append({"id": doc.id, "source": page.source, "coverage": round(item.coverage, 3),
                                 "reason": "no visible text" if not doc.text else "dump loses the article"})
                continue
            candidates.append((page, item, n_lines))
        if source == "wcxb":
            candidates = [c for c in candidates if c[2] <= MAX_LINES]
            candidates.sort(key=lambda c: (-news_score(c[0]), digest(c[0].key)))
            candidates = candidates[: args.wcxb]
        chosen.extend(candidates)
        print(f"{source}: {len(candidates)} pages chosen", file=sys.stderr)

    by_publisher: dict[str, list] = {}
    for page, item, _ in chosen:
        by_publisher.setdefault(registered_domain(page.url), []).append((page, item))
    order = sorted(by_publisher, key=digest)
    split_of: dict[str, str] = {}
    counts = {"test": 0, "validation": 0, "train": 0}
    for publisher in order:
        n = len(by_publisher[publisher])
        split = ("test" if counts["test"] < args.test else
                 "validation" if counts["validation"] < args.validation else "train")
        split_of[publisher] = split
        counts[split] += n
    print(f"splits: {counts}; {len(order)} publishers", file=sys.stderr)

    (args.work / "prefill").mkdir(parents=True, exist_ok=True)
    (args.work / "blind").mkdir(parents=True, exist_ok=True)
    pages_dir = args.corpus / "_pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    manifest = []
    for publisher in order:
        for page, item in by_publisher[publisher]:
            doc = item.document
            lines = doc.text.split("\n")
            assert lines == html_lines(page.html)
            labels = [s.label for s in doc.spans]
            fill = prefill(labels)
            (pages_dir / f"{doc.id}.html.gz").write_bytes(gzip.compress(page.html.encode("utf-8"), mtime=0))
            width = len(str(len(lines)))
            head = f"# {doc.id}  {page.url or ''}\n# source gold headline: {page.title or '(none)'}\n"
            rows = [f"{i:>{width}} [{f:5}] {line}\n" for i, (f, line) in enumerate(zip(fill, lines, strict=True), 1)]
            (args.work / "prefill" / f"{doc.id}.sheet").write_text(head + "".join(rows), encoding="utf-8")
            blind = [f"{i:>{width}} {line}\n" for i, line in enumerate(lines, 1)]
            (args.work / "blind" / f"{doc.id}.sheet").write_text(f"# {doc.id}  {page.url or ''}\n" + "".join(blind),
                                                                encoding="utf-8")
            manifest.append({
                "id": doc.id, "publisher": publisher, "url": page.url, "language": doc.language,
                "split": split_of[publisher], "provenance": doc.provenance, "license": doc.license,
                "source": page.source, "coverage": round(item.coverage, 4), "lines": len(lines),
                "text_sha256": digest(doc.text), "prefill": fill,
            })
    (args.work / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    (args.work / "excluded.json").write_text(json.dumps(excluded, indent=1), encoding="utf-8")
    print(f"{len(manifest)} documents; {len(excluded)} pages left out (coverage below {MIN_COVERAGE})",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
