"""Label Studio: `config` prints the labelling config (the six labels, text shown with its line
breaks); `export` writes one task per document (--pre-annotate EXTRACTOR adds a baseline's labels
as predictions); `import` turns a Label Studio JSON export into source files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import UserError
from ..labels import SPLITS
from ..loader import load_corpus


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("config", help="print the labelling config")
    ex = sub.add_parser("export", help="write documents as Label Studio tasks")
    ex.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")
    ex.add_argument("--split", nargs="+", choices=SPLITS, default=None)
    ex.add_argument("--pre-annotate", metavar="EXTRACTOR", default=None,
                    help="add this extractor's labels as predictions (never for this corpus's gold)")
    ex.add_argument("-o", "--output", required=True, help="tasks JSON to write")
    im = sub.add_parser("import", help="turn a Label Studio JSON export into source files")
    im.add_argument("export", type=Path, help="the JSON export")
    im.add_argument("--out", required=True, type=Path, help="folder for <publisher>/<id>.txt files")
    im.add_argument("--annotators", choices=("latest", "each"), default="latest",
                    help="latest: the most recent annotation of a task; each: one file per annotator in "
                         "OUT/<annotator>/ (for `boilerbench agreement`)")


def run(args: argparse.Namespace) -> int:
    from ..atomic import write_text_atomic
    from ..labelstudio import import_export, labelling_config, read_export, task_of

    if args.action == "config":
        print(labelling_config(), end="")
        return 0
    if args.action == "export":
        corpus = list(load_corpus(args.corpus))
        docs = [d for d in corpus if args.split is None or d.split in args.split]
        if not docs:
            raise UserError("no documents to export")
        tasks = []
        if args.pre_annotate:
            from boilerbench.baselines.interface import unlabelled
            from boilerbench.baselines.registry import PreparationFailed, load_extractor, ready
            from boilerbench.baselines.runner import run_extractor
            from boilerbench.evaluate.predictions import spans_of

            try:
                extractor = ready(load_extractor(args.pre_annotate), corpus, docs)
            except PreparationFailed as e:
                raise UserError(f"--pre-annotate {args.pre_annotate}: {e}") from None
            version = f"{extractor.name} {extractor.version}"
            for doc, pred in zip(docs, run_extractor(extractor, docs), strict=True):
                if pred.failure or pred.is_text:
                    raise UserError(f"{doc.id}: {args.pre_annotate} gave no line labels to pre-annotate with"
                                    + (f" ({pred.failure})" if pred.failure else ""))
                tasks.append(task_of(unlabelled(doc), spans_of(pred, doc), version))
        else:
            tasks = [task_of(d) for d in docs]
        write_text_atomic(Path(args.output), json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
        print(f"{len(tasks)} tasks -> {args.output}", file=sys.stderr)
        return 0
    from ..atomic import write_files_atomic
    from ..paths import distinct, output_file
    from ..source_format import render

    if args.out.exists() and not args.out.is_dir():
        raise UserError(f"--out {args.out}: exists and is not a folder")
    imported = import_export(read_export(args.export), str(args.export), args.annotators)
    targets = []
    for item in imported:
        parts = [(item.document.publisher, "publisher"), (item.document.id, "document id")]
        if args.annotators == "each":
            parts.insert(0, (item.annotator, "annotator"))
        targets.append((output_file(args.out, *parts, suffix=".txt"), item))
    distinct(((path, f"{item.annotator}/{item.document.id}") for path, item in targets), "annotations")
    write_files_atomic(args.out, {path: render(item.document) for path, item in targets})
    print(f"{len(imported)} documents -> {args.out}", file=sys.stderr)
    return 0
