"""Import HTML pages with gold bodies as documents (JSONL): `aeb DIR` reads Zyte's
article-extraction-benchmark checkout; `jsonl FILE` reads lines of {id, html, body[, url]};
`folder DIR` reads page.html files with matching page.txt gold bodies. Line labels are silver:
derived from the gold body, not annotated. Prints how much of the gold body the body lines
cover, per page with --per-page, and overall."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..errors import UserError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=("aeb", "jsonl", "folder"), help="what to import")
    p.add_argument("source", type=Path, help="the benchmark folder, the JSONL file, or the folder of pages")
    p.add_argument("-o", "--output", required=True, help="documents JSONL to write")
    p.add_argument("--name", default=None, help="dataset name for provenance imported:NAME (default: the kind)")
    p.add_argument("--license", default="MIT", help="licence of the imported pages (default MIT, as the "
                   "article-extraction-benchmark's data)")
    p.add_argument("--per-page", action="store_true", help="print the coverage of every page")


def run(args: argparse.Namespace) -> int:
    from ..atomic import write_text_atomic
    from ..importing import import_pages, read_aeb, read_folder_pages, read_jsonl_pages
    from ..loader import document_from_json
    from ..schemas import schema_errors

    name = args.name or args.kind
    if not re.fullmatch(r"[A-Za-z0-9._-]+", name):
        raise UserError(f"--name {name!r}: use letters, digits, '.', '_' and '-'")
    if not args.source.exists():
        raise UserError(f"{args.source}: no such file or folder")
    reader = {"aeb": read_aeb, "jsonl": read_jsonl_pages, "folder": read_folder_pages}[args.kind]
    imported = []
    for item in import_pages(reader(args.source), provenance=f"imported:{name}", license=args.license):
        data = item.document.to_json()
        doc, problems = document_from_json(data, str(args.output), None)
        if problems or schema_errors("document", data):
            raise UserError(problems or f"page {item.document.id}: the imported document is invalid")
        imported.append(item)
        if args.per_page:
            print(f"{item.document.id}: {item.covered}/{item.gold_tokens} gold tokens in body lines "
                  f"({item.coverage:.3f})")
    if not imported:
        raise UserError(f"{args.source}: no pages to import")
    ids = [i.document.id for i in imported]
    if len(set(ids)) != len(ids):
        raise UserError(f"{args.source}: two pages share an id")
    write_text_atomic(Path(args.output), "".join(i.document.dumps() + "\n" for i in imported))
    gold = sum(i.gold_tokens for i in imported)
    covered = sum(i.covered for i in imported)
    worst = min(imported, key=lambda i: i.coverage)
    print(f"{len(imported)} pages -> {args.output}; silver labels cover {covered:,}/{gold:,} gold body tokens "
          f"({covered / max(gold, 1):.4f}); lowest page {worst.document.id} ({worst.coverage:.3f})", file=sys.stderr)
    return 0
