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
from pathlib import Path
from typing import Any

from boilerbench.document import Document
from boilerbench.prediction import Prediction, empty_prediction

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
            result = ("error", failure_text(e))
        conn.send((*result, time.perf_counter() - started))


def failure_text(error: BaseException, stage: str | None = None) -> str:
    """Why an extractor failed, as the predictions file keeps it: the exception on the first
    line (after the stage, such as `fit() failed:`), then the last frames of its traceback."""
    import traceback

    head = f"{type(error).__name__}: {error}"
    head = (f"{stage} failed: {head}" if stage else head)[:500]
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    lines = [f"  at {Path(f.filename).name}:{f.lineno} in {f.name}" + (f": {f.line.strip()}"[:160] if f.line else "")
             for f in frames]
    return "\n".join([head, *lines])


def failed_predictions(documents: Iterable[Document], failure: str) -> list[Prediction]:
    """Every document's prediction when the extractor could not be prepared: empty, failure kept."""
    return [empty_prediction(d.id, failure) for d in documents]


def timed_out(doc_id: str, timeout: float, started: float) -> Prediction:
    """The recorded failure of a document that took longer than the timeout."""
    return empty_prediction(doc_id, f"timed out after {timeout:g} s", time.perf_counter() - started)


def died(doc_id: str, code: int | None, started: float) -> Prediction:
    """The recorded failure of a document whose worker process died (with its exit code, if known)."""
    where = f" (exit code {code})" if code is not None else ""
    return empty_prediction(doc_id, f"the extractor's process died{where}", time.perf_counter() - started)


def answer(doc_id: str, status: str, value: Any, seconds: float) -> Prediction:
    """A worker's answer: the prediction with its time, or the failure it reported."""
    return replace(value, seconds=seconds) if status == "ok" else empty_prediction(doc_id, value, seconds)


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
                return timed_out(doc.id, timeout, started)
            status, value, seconds = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            code = None
            if self.process is not None:
                self.process.join(timeout=5)
                code = self.process.exitcode
            self.kill()
            return died(doc.id, code, started)
        return answer(doc.id, status, value, seconds)


def run_extractor(extractor, documents: Iterable[Document], *, timeout: float = DEFAULT_TIMEOUT,
                  progress: bool = False, total: int | None = None, jobs: int = 1) -> Iterator[Prediction]:
    """Predictions for each document, in order; failures recorded, never raised. With jobs > 1
    the documents are spread over that many worker processes."""
    docs = [unlabelled(d) for d in documents]
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total or len(docs), desc=getattr(extractor, "name", "extractor"), unit="doc",
                   file=sys.stderr, leave=True)
    try:
        if jobs <= 1:
            worker = Worker(extractor)
            try:
                for doc in docs:
                    yield worker.extract(doc, timeout)
                    if bar is not None:
                        bar.update(1)
            finally:
                worker.stop()
        else:
            yield from _run_parallel(extractor, docs, timeout, jobs, bar)
    finally:
        if bar is not None:
            bar.close()


def _run_parallel(extractor, docs: list[Document], timeout: float, jobs: int, bar) -> Iterator[Prediction]:
    from multiprocessing.connection import wait

    workers = [Worker(extractor) for _ in range(min(jobs, len(docs)) or 1)]
    results: dict[int, Prediction] = {}
    busy: dict[Worker, tuple[int, float]] = {}  # worker -> (document index, start time)
    pending = iter(range(len(docs)))
    next_out = 0
    try:
        while next_out < len(docs):
            for w in workers:
                if w not in busy:
                    i = next(pending, None)
                    if i is None:
                        break
                    if w.process is None:
                        w.start()
                    try:
                        w.conn.send(docs[i])
                    except (OSError, BrokenPipeError):
                        w.kill()
                        results[i] = died(docs[i].id, None, time.perf_counter())
                        continue
                    busy[w] = (i, time.perf_counter())
            if busy:
                now = time.perf_counter()
                wait_for = max(0.0, min(start + timeout - now for _, start in busy.values()))
                ready = wait([w.conn for w in busy], timeout=wait_for)
                for w in list(busy):
                    i, start = busy[w]
                    if w.conn in ready:
                        try:
                            status, value, seconds = w.conn.recv()
                        except (EOFError, OSError):
                            w.process.join(timeout=5)
                            code = w.process.exitcode
                            w.kill()
                            results[i] = died(docs[i].id, code, start)
                        else:
                            results[i] = answer(docs[i].id, status, value, seconds)
                        del busy[w]
                    elif time.perf_counter() - start >= timeout:
                        w.kill()
                        results[i] = timed_out(docs[i].id, timeout, start)
                        del busy[w]
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1
                if bar is not None:
                    bar.update(1)
    finally:
        for w in workers:
            w.stop()
