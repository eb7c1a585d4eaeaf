"""Write the real track's corpus files from the annotators' label sheets (a maintainer's tool).

For every document of `WORK/manifest.json` with a first-pass sheet in `WORK/labels1/`, it
renders the page again from `corpus/_pages/<id>.html.gz` (and checks that the text is the one
the annotator read), turns the sheet's rows into spans (one per line, two for a `split` row)
and writes `corpus/<publisher>/<id>.txt`. Second-pass sheets (`WORK/labels2/`) go to
`corpus/_second_pass/<publisher>/<id>.txt`. It transcribes; it decides no label.

It also counts, per source, the lines where the first annotator decided against the source's
gold (a line pre-filled `body` that is not body, a line not pre-filled `body` that is), and
writes them to `WORK/against_source.json` for `corpus/README.md`.

    python tools/apply_labels.py WORK
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from label_sheets import read_labels

from boilerbench.document import Document, Span
from boilerbench.importing import html_lines
from boilerbench.source_format import render

LICENCE_NOTE = {
    "aeb": "Zyte's article-extraction-benchmark (MIT)",
    "wcxb": "WCXB v1.0, the Web Content eXtraction Benchmark, by Murrough Foley (CC-BY-4.0)",
}


def spans_of(lines: list[str], labels) -> tuple[Span, ...]:
    out, start = [], 0
    for line, lab in zip(lines, labels, strict=True):
        if lab.split is None:
            out.append(Span(start, start + len(line), lab.label))
        else:
            first, piece, second = lab.split
            out.append(Span(start, start + len(piece), first))
            out.append(Span(start + len(piece), start + len(line), second))
        start += len(line) + 1
    return tuple(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("work", type=Path)
    ap.add_argument("--corpus", type=Path, default=Path("corpus"))
    args = ap.parse_args()
    manifest = json.loads((args.work / "manifest.json").read_text(encoding="utf-8"))
    against: dict[str, Counter] = {}
    written = {"first": 0, "second": 0}
    missing = []
    bad = 0
    for entry in manifest:
        doc_id = entry["id"]
        html = gzip.decompress((args.corpus / "_pages" / f"{doc_id}.html.gz").read_bytes()).decode("utf-8")
        lines = html_lines(html)
        text = "\n".join(lines)
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != entry["text_sha256"]:
            print(f"{doc_id}: the rendering changed since the sheet was made", file=sys.stderr)
            return 1
        dataset = entry["source"].split("/")[0]
        for which, folder, target in (("first", "labels1", args.corpus),
                                      ("second", "labels2", args.corpus / "_second_pass")):
            sheet = args.work / folder / f"{doc_id}.labels"
            if not sheet.exists():
                if which == "first":
                    missing.append(doc_id)
                continue
            labels, notes, problems = read_labels(sheet, lines)
            if problems:
                print("\n".join(problems), file=sys.stderr)
                bad += 1
                continue
            if which == "first":
                c = against.setdefault(dataset, Counter())
                for pre, lab in zip(entry["prefill"], labels, strict=True):
                    c["lines"] += 1
                    if pre == "body" and lab.label != "body":
                        c[f"body->{lab.label}"] += 1
                    elif pre != "body" and lab.label == "body":
                        c["not body->body"] += 1
                    if pre == "title" and lab.label != "title":
                        c["title->" + lab.label] += 1
                    elif pre != "title" and lab.label == "title":
                        c["not title->title"] += 1
                    if lab.split is not None:
                        c["split lines"] += 1
                c["documents"] += 1
                pre_body = sum(p == "body" for p in entry["prefill"])
                changed = sum((p == "body") != (lab.label == "body") for p, lab in zip(entry["prefill"], labels,
                                                                                         strict=True))
                title_from = ("the title line from the source's gold title" if dataset == "wcxb" else
                              "the title line from the page's og:title or h1 (the source has no gold title; every "
                              "AEB headline was re-decided blind, see corpus/README.md)")
                note = (f"Real page from {LICENCE_NOTE[dataset]}, page {entry['source']}, rendered with "
                        f"boilerbench's HTML renderer. Pre-fill: {pre_body} lines pre-filled body from the source's "
                        f"own human gold body, and {title_from}; an annotator read every line, confirmed or "
                        f"changed it, and typed byline, promo, teaser and other by hand; {changed} line(s) decided "
                        f"against the source's body.")
            else:
                note = ("Second annotation pass, blind: from the raw lines and the guidelines alone, without the "
                        "pre-fill or the first labels.")
            if notes:
                note += " Annotator: " + notes
            doc = Document(
                id=doc_id, publisher=entry["publisher"], url=entry["url"], language=entry["language"],
                split=entry["split"], provenance=entry["provenance"], license=entry["license"], track="real",
                source=entry["source"], notes=note, text=text, spans=spans_of(lines, labels))
            path = target / doc.publisher / f"{doc_id}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(doc), encoding="utf-8")
            written[which] += 1
    (args.work / "against_source.json").write_text(
        json.dumps({k: dict(v) for k, v in against.items()}, indent=1), encoding="utf-8")
    print(f"wrote {written['first']} documents and {written['second']} second-pass documents; "
          f"{len(missing)} without a first-pass sheet; {bad} sheets with problems", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
