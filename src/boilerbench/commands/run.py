"""Run an extractor over a split of the corpus and write its predictions (JSONL, atomically).

EXTRACTOR is a registered name (`boilerbench extractors` lists them), or `module:attr`; or give
--command 'CMD ARGS' to run an external program that reads the document text on stdin and
writes the extracted body on stdout. Each document is isolated: an extractor that raises, hangs
past --timeout or returns the wrong type on one document gets an empty prediction there, the
failure is recorded, and the run goes on."""

from __future__ import annotations

import argparse
import sys

from ..errors import UserError
from ..flags import positive_float
from ..labels import SPLITS
from ..loader import fingerprint, load_corpus


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("extractor", nargs="?", help="registered name or module:attr")
    p.add_argument("--command", help="an external extractor: text on stdin, body on stdout (no shell)")
    p.add_argument("--name", default=None, help="the extractor's name in the predictions (default: for --command, "
                   "the program, or the script an interpreter runs; give one to tell two commands apart)")
    p.add_argument("--version", dest="extractor_version", default=None, metavar="VERSION",
                   help="the extractor's version in the predictions (default: 'command' for --command)")
    p.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")
    p.add_argument("--split", default="test", help="split to run on, or 'all' (default: test)")
    p.add_argument("--track", default=None, choices=("real", "authored"), help="only this track (default: both)")
    p.add_argument("--train-corpus", default=None, metavar="PATH",
                   help="fit a learned extractor on this corpus's train split (default: the corpus's own, else "
                        "the bundled corpus's)")
    p.add_argument("-o", "--output", required=True, help="predictions JSONL to write")
    p.add_argument("--timeout", type=positive_float, default=30.0, help="seconds per document (default 30)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def select(corpus, split: str):
    if split != "all" and split not in SPLITS:
        raise UserError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)} or all")
    docs = [d for d in corpus if split == "all" or d.split == split]
    if not docs:
        raise UserError(f"the corpus has no documents in split {split!r}")
    return docs


def make_extractor(args: argparse.Namespace):
    from boilerbench.baselines.command import CommandExtractor
    from boilerbench.baselines.registry import load_extractor

    if bool(args.extractor) == bool(args.command):
        raise UserError("give either an EXTRACTOR or --command, not both or neither")
    if args.timeout <= 0:
        raise UserError("--timeout must be positive")
    if args.command:
        try:
            return CommandExtractor(args.command, timeout=args.timeout, name=args.name,
                                    version=args.extractor_version)
        except ValueError as e:
            raise UserError(str(e)) from None
    extractor = load_extractor(args.extractor)
    for attr, value in (("name", args.name), ("version", args.extractor_version)):
        if value:
            try:
                setattr(extractor, attr, value)
            except (AttributeError, TypeError):
                raise UserError(f"--{attr}: extractor {args.extractor!r} does not let its {attr} be set") from None
    return extractor


def run(args: argparse.Namespace) -> int:
    from boilerbench.baselines.benchmark import training_documents
    from boilerbench.baselines.interface import html_of
    from boilerbench.baselines.registry import PreparationFailed, learns, ready
    from boilerbench.baselines.runner import failed_predictions, run_extractor
    from boilerbench.evaluate.predictions import write_predictions

    from ..atomic import ensure_writable

    extractor = make_extractor(args)
    ensure_writable(args.output, "-o")
    corpus = list(load_corpus(args.corpus))
    docs = select([d for d in corpus if args.track is None or d.track == args.track], args.split)
    training = (training_documents(corpus, args.train_corpus, lambda m: print(m, file=sys.stderr))
                if learns(extractor) else corpus)
    try:
        ready(extractor, training, docs)
    except PreparationFailed as e:  # isolated like a failing extract(): recorded for every document
        preds = failed_predictions(docs, e.failure)
    else:
        preds = list(run_extractor(extractor, docs, timeout=args.timeout + (1 if args.command else 0),
                                   progress=not args.no_progress))
    reads = getattr(extractor, "input", "text")
    if reads == "html" and any(html_of(d)[1] for d in docs):
        reads = "html-rendered-from-lines"
    header = {"extractor": {"name": extractor.name, "version": str(extractor.version)}, "input": reads,
              "split": None if args.split == "all" else args.split, "corpus_fingerprint": fingerprint(docs)}
    write_predictions(args.output, preds, header=header)
    failures = [p for p in preds if p.failure]
    seconds = sum(p.seconds or 0 for p in preds)
    rate = f", {len(preds) / seconds:.1f} documents/s" if seconds > 0 else ""
    print(f"{extractor.name} {extractor.version}: {len(preds)} documents, {len(failures)} failures{rate} "
          f"-> {args.output}", file=sys.stderr)
    for p in failures[:10]:
        print(f"  {p.id}: {p.failure.splitlines()[0]}", file=sys.stderr)
    if preds and len(failures) == len(preds):
        print(f"every document failed: the predictions file {args.output} records why", file=sys.stderr)
        return 1
    return 0
