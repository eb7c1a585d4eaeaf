"""Run an extractor over documents with every document isolated from the others.

The extractor runs in a worker process. A document on which it raises, returns the wrong type,
or takes longer than the timeout gets an empty prediction with the failure recorded, and the
run goes on (a hung worker is killed and a fresh one started). Documents reach the extractor
without their gold labels.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from boilerbench.evaluate.predictions import Prediction, empty_prediction

from boilerbench.document import Document

from .interface import to_prediction, unlabelled

DEFAULT_TIMEOUT = 30.0


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _serve(conn, extractor) -> None:  # pragma: no cover - runs in the worker process
    os.dup2(2, 1)  # what the extractor prints goes to stderr, never into our output
    sys.stdout = sys.stderr
    while True:
        try:
            doc = conn.recv()
        except EOFError:
            return
        if doc is None:
            return
        started = time.perf_counter()
        try:
            result: tuple[str, Any] = ("ok", to_prediction(doc, extractor.extract(doc)))
        except BaseException as e:  # the extractor's own failure, recorded for this document
            result = ("error", f"{type(e).__name__}: {e}"[:500])
        conn.send((*result, time.perf_counter() - started))


class Worker:
    def __init__(self, extractor):
        self.extractor = extractor
        self.process = None
        self.conn = None

    def start(self) -> None:
        ctx = _context()
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, self.extractor), daemon=True)
        self.process.start()
        child.close()
        self.conn = parent

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()
        self.process = None

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.conn.close()
            self.process = None

    def extract(self, doc: Document, timeout: float) -> Prediction:
        if self.process is None:
            self.start()
        started = time.perf_counter()
        try:
            self.conn.send(doc)
            if not self.conn.poll(timeout):
                self.kill()
                return empty_prediction(doc.id, f"timed out after {timeout:g} s", time.perf_counter() - started)
            status, value, seconds = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            code = None
            if self.process is not None:
                self.process.join(timeout=5)
                code = self.process.exitcode
            self.kill()
            return empty_prediction(doc.id, f"the extractor's process died (exit code {code})",
                                    time.perf_counter() - started)
        if status == "ok":
            return replace(value, seconds=seconds)
        return empty_prediction(doc.id, value, seconds)


def run_extractor(extractor, documents: Iterable[Document], *, timeout: float = DEFAULT_TIMEOUT,
                  progress: bool = False, total: int | None = None) -> Iterator[Prediction]:
    """Predictions for each document, in order; failures recorded, never raised."""
    docs = [unlabelled(d) for d in documents]
    worker = Worker(extractor)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total or len(docs), desc=getattr(extractor, "name", "extractor"), unit="doc",
                   file=sys.stderr, leave=True)
    try:
        for doc in docs:
            yield worker.extract(doc, timeout)
            if bar is not None:
                bar.update(1)
    finally:
        worker.stop()
        if bar is not None:
            bar.close()
