"""Import HTML pages with gold bodies as documents (JSONL): `aeb DIR` reads Zyte's
article-extraction-benchmark checkout; `jsonl FILE` reads lines of {id, html, body[, url]};
`folder DIR` reads NAME.html pages, each with its gold body in NAME.txt; `wcxb DIR` reads a WCXB
checkout (its splits and page types chosen with --wcxb-split and --page-type), keeping its title,
author, date and snippets. Line labels are silver:
derived from the gold body, not annotated. Prints how much of the gold body the body lines
cover, per page with --per-page, and overall."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..errors import Problem, UserError

KNOWN_LICENSES = {"aeb": "MIT", "wcxb": "CC-BY-4.0"}  # the benchmarks' own data licences


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..importing import WCXB_SPLITS, WCXB_TYPES

    p.add_argument("kind", choices=("aeb", "wcxb", "jsonl", "folder"), help="what to import")
    p.add_argument("source", type=Path, help="the benchmark folder, the JSONL file, or the folder of pages")
    p.add_argument("-o", "--output", required=True, help="documents JSONL to write")
    p.add_argument("--name", default=None, help="dataset name for provenance imported:NAME (default: the kind)")
    p.add_argument("--license", default=None, metavar="SPDX-ID",
                   help="licence of the imported pages: required for jsonl and folder (your pages: say which, "
                        "or 'unknown', which export and publish leave out); aeb: MIT, wcxb: CC-BY-4.0 by default")
    p.add_argument("--per-page", action="store_true", help="print the coverage of every page")
    p.add_argument("--wcxb-split", nargs="+", choices=WCXB_SPLITS, default=list(WCXB_SPLITS),
                   help="wcxb: the benchmark's splits to import (default both)")
    p.add_argument("--page-type", nargs="+", choices=WCXB_TYPES, default=["article"],
                   help="wcxb: the page types to import (default article)")


def run(args: argparse.Namespace) -> int:
    from ..atomic import write_text_atomic
    from ..importing import import_pages, read_aeb, read_folder_pages, read_jsonl_pages, read_wcxb
    from ..loader import document_from_json

    name = args.name or args.kind
    if not re.fullmatch(r"[A-Za-z0-9._-]+", name):
        raise UserError(f"--name {name!r}: use letters, digits, '.', '_' and '-'")
    if not args.source.exists():
        raise UserError(f"{args.source}: no such file or folder")
    if args.license is None:
        if args.kind in ("jsonl", "folder"):
            raise UserError(f"import {args.kind}: give the pages' licence with --license (an SPDX id such as "
                            "CC-BY-4.0), or --license unknown: export and publish then leave them out unless "
                            "--include-unknown-license")
        args.license = KNOWN_LICENSES[args.kind]
    if not args.license.strip() or any(c.isspace() for c in args.license):
        raise UserError(f"--license {args.license!r}: give one SPDX id (no spaces), or 'unknown'")
    if args.kind == "wcxb":
        pages = read_wcxb(args.source, splits=tuple(args.wcxb_split), page_types=tuple(args.page_type))
    else:
        pages = {"aeb": read_aeb, "jsonl": read_jsonl_pages, "folder": read_folder_pages}[args.kind](args.source)
    imported = []
    empty = []
    same: list[str] = []
    seen_text: dict[str, str] = {}
    for item in import_pages(pages, provenance=f"imported:{name}", license=args.license):
        if not item.document.text:
            empty.append(item.document.id)
            continue
        first = seen_text.setdefault(item.document.text, item.document.id)
        if first != item.document.id:  # a corpus holds each text once (the loader checks it)
            same.append(f"{item.document.id} (same text as {first})")
            continue
        data = item.document.to_json()
        page = item.page
        where, line = (page.where, page.line) if page is not None and page.where else (str(args.source), None)
        doc, problems = document_from_json(data, where, line)
        if problems:
            raise UserError([Problem(where, line, f"page {item.document.id!r} cannot be imported: {p.message}")
                             for p in problems])
        imported.append(item)
        if args.per_page:
            print(f"{item.document.id}: {item.covered}/{item.gold_tokens} gold tokens in body lines "
                  f"({item.coverage:.3f})")
    if empty:
        print(f"left out {len(empty)} page(s) with no visible text (a script renders them): {', '.join(empty)}",
              file=sys.stderr)
    if same:
        print(f"left out {len(same)} page(s) whose dump repeats an earlier page's: {', '.join(same)}", file=sys.stderr)
    if not imported:
        raise UserError(f"{args.source}: no pages to import")
    first: dict[str, str] = {}
    for i in imported:
        page = i.page
        here = (f"{page.where}:{page.line}" if page.line else page.where) if page is not None and page.where \
            else str(args.source)
        if i.document.id in first:
            raise UserError(Problem(here, None, f"page id {i.document.id!r} is given twice (first in "
                                                f"{first[i.document.id]}); two pages may not share an id"))
        first[i.document.id] = here
    write_text_atomic(Path(args.output), "".join(i.document.dumps() + "\n" for i in imported))
    gold = sum(i.gold_tokens for i in imported)
    covered = sum(i.covered for i in imported)
    worst = min(imported, key=lambda i: i.coverage)
    print(f"{len(imported)} pages -> {args.output}; silver labels cover {covered:,}/{gold:,} gold body tokens "
          f"({covered / max(gold, 1):.4f}); lowest page {worst.document.id} ({worst.coverage:.3f})", file=sys.stderr)
    return 0
