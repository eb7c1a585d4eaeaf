"""Run, score and rank as one library function: what `boilerbench leaderboard`, `export` and the
tests call.

The corpus has two tracks: `real` (real pages labelled by annotators) and `authored` (invented
pages of hard cases). The leaderboard ranks each track on its own, the real track first.
Extractors are fitted once, on the train split of every track of the corpus (or of the bundled
corpus, when the scored corpus has no train split, or of `train_corpus`), and then run on each
track. An extractor that reads HTML runs only on a track whose documents have their page source:
a line-reading run and an HTML-reading run never share a name.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boilerbench.document import Document
from boilerbench.errors import UserError
from boilerbench.evaluate.ranking import Entry, rank
from boilerbench.labels import SPLITS, TRACKS
from boilerbench.loader import load_corpus
from boilerbench.prediction import Prediction

if TYPE_CHECKING:
    from boilerbench.evaluate.predictions import PredictionsFile
    from boilerbench.evaluate.results import Results


@dataclass
class Board:
    """One track's ranked leaderboard."""

    track: str | None
    split: str | None
    documents: list[Document]
    ranked: list[tuple[int, Entry]]
    skipped: list[str] = field(default_factory=list)  # extractors that could not read this track's input
    predictions: dict[str, list[Prediction]] = field(default_factory=dict)  # entry name -> a run's predictions
    prediction_files: dict[str, str] = field(default_factory=dict)  # entry name -> the predictions file scored

    @property
    def entries(self) -> list[Entry]:
        return [e for _, e in self.ranked]


def _note(message: str) -> None:
    print(message, file=sys.stderr)


def default_extractors() -> list[str]:
    """The default leaderboard: the bundled line-reading baselines. HTML extractors are named
    explicitly (they cost more and need page sources), and so are installed plugins: installing a
    package never changes the default leaderboard or what the gate checks."""
    from .registry import BUILTINS

    return sorted(BUILTINS)


_TASKS: list[tuple[list[Document], PredictionsFile, dict[str, Any]]] | None = None
"""What forked scoring workers read (inherited, never pickled)."""


def _score_task(i: int) -> Results:
    from boilerbench.evaluate.scoring import score

    assert _TASKS is not None  # set by score_in_parallel before the workers fork
    docs, file, kwargs = _TASKS[i]
    return score(docs, file, **kwargs)


def score_in_parallel(tasks: list[tuple[list[Document], PredictionsFile]], *, jobs: int,
                      **kwargs: Any) -> list[Results]:
    """`score(docs, predictions_file, **kwargs)` for each task, spread over `jobs` forked processes
    (each predictions file is scored on its own, so many files go twice as fast on two cores);
    in order, and in this process where fork is not available or there is one task.

    >>> from boilerbench import Document, Prediction
    >>> doc = Document.from_rows("d1", [("title", "Fares rise"), ("body", "Ferry fares rise in April.")])
    >>> files = [[Prediction("d1", body="Ferry fares rise in April.")], [Prediction("d1", body="Fares rise")]]
    >>> [r.value("body", "recall") for r in score_in_parallel([([doc], f) for f in files], jobs=2, n_resamples=0)]
    [1.0, 0.0]
    """
    import multiprocessing

    from boilerbench.evaluate.scoring import score, warm

    global _TASKS
    if jobs <= 1 or len(tasks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [score(docs, file, **kwargs) for docs, file in tasks]
    warm({id(d): d for docs, _ in tasks for d in docs}.values(), sizes={len(docs) for docs, _ in tasks},
         **{k: kwargs[k] for k in ("n_resamples", "seed", "fields") if k in kwargs})  # once here, not per worker
    _TASKS = [(docs, file, kwargs) for docs, file in tasks]
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(tasks))) as pool:
            return pool.map(_score_task, range(len(tasks)), chunksize=1)
    finally:
        _TASKS = None


def training_documents(corpus: Sequence[Document], train_corpus: str | Path | None,
                       note: Callable[[str], None]) -> list[Document]:
    """What learned baselines are fitted on: the train (and validation) documents of the corpus,
    or of `train_corpus`, or, when the corpus has none, of the bundled corpus (said in one line)."""
    if train_corpus is not None:
        docs = list(load_corpus(train_corpus))
        if not any(d.split == "train" for d in docs):
            raise UserError(f"--train-corpus {train_corpus}: it has no train split")
        return docs
    if any(d.split == "train" for d in corpus):
        return list(corpus)
    note("the corpus has no train split: learned baselines are fitted on the bundled corpus's train split")
    return list(load_corpus())


def leaderboard(
    corpus: str | Path | Sequence[Document] | None = None,
    *,
    split: str = "test",
    tracks: Sequence[str] | None = None,
    extractors: Sequence[str] | None = None,
    predictions: Sequence[str | Path] = (),
    jobs: int = 1,
    timeout: float = 30.0,
    n_resamples: int = 1000,
    progress: bool = False,
    train_corpus: str | Path | None = None,
    train_track: str | None = None,
    metric: str = "boilerbench",
    compat_only: bool = False,
    note: Callable[[str], None] = _note,
) -> tuple[list[Board], dict[str, float]]:
    """Run extractors (and score predictions files) on each track's `split`, and rank them: what
    `boilerbench leaderboard` does, as a function.

    Parameters
    ----------
    corpus : str, Path, sequence of Document or None
        The bundled corpus (None), a path (folder, JSONL, exported Hub folder), or documents.
    split : str, default "test"
        train, validation, test or all.
    tracks : sequence of str, optional
        The tracks to rank, in order; default every track the corpus holds, real first.
    extractors : sequence of str, optional
        Registered names or `module:attr`; default `default_extractors()` unless `predictions`
        are given.
    predictions : sequence of paths
        Predictions files, scored on each track whose documents they cover.
    jobs, timeout : int, float
        Worker processes per extractor, and seconds per document before it counts as failed.
    n_resamples : int, default 1000
        Bootstrap resamples for the intervals and the rank groups.
    progress : bool, default False
        A progress bar on stderr.
    train_corpus : str or Path, optional
        Where learned baselines are fitted instead of the corpus's train split.
    train_track : str, optional
        Fit learned baselines on this track's train split only.
    metric : {"boilerbench", "aeb"}
        Rank by body F1, or by the article-extraction-benchmark's F1.
    compat_only : bool, default False
        With `metric="aeb"`, compute the article-extraction-benchmark's figures alone (no
        alignment, most of scoring's time): for the AEB table only, as such results hold no body
        figures to write, gate or break down.
    note : callable
        Where one-line notes go (stderr by default).

    Returns
    -------
    boards : list of Board
        One per track: `board.ranked` is [(rank group, Entry)], best first; `entry.results` the
        `Results`. Rows of a rank group are not significantly different.
    timings : dict
        Seconds spent extracting (`extract`) and scoring (`score`).

    Raises
    ------
    UserError (a ValueError)
        An unknown split, track or extractor; no documents to rank; a predictions file that
        covers none of them; two entries of one name; an extractor whose fit() fails.
    NotFoundError (a FileNotFoundError)
        A corpus or predictions path that does not exist.

    Example
    -------
    >>> from boilerbench import Document, leaderboard
    >>> rows = [("title", "Ferry fares rise"), ("body", "Passengers will pay more from April, the operator said."),
    ...         ("promo", "Subscribe")]
    >>> docs = [Document.from_rows(f"d{i}", rows[: 2 + i % 2]) for i in range(4)]
    >>> boards, _ = leaderboard(docs, extractors=["keep-all", "c4"], n_resamples=200)
    >>> [(rank, entry.name, round(entry.results.value("body", "f1"), 2)) for rank, entry in boards[0].ranked]
    [(1, 'keep-all', 0.84), (2, 'c4', 0.0)]
    """
    from boilerbench.evaluate.predictions import check_against, check_fingerprint, read_any_predictions, resolve_ids
    from boilerbench.evaluate.scoring import score

    from .interface import html_of
    from .registry import PreparationFailed, learns, load_extractor, ready
    from .runner import failed_predictions, run_extractor

    if jobs < 1:
        raise UserError("--jobs must be at least 1")
    if n_resamples < 0:
        raise UserError("--resamples must be 0 or more")
    if not timeout > 0:
        raise UserError("--timeout must be a positive number of seconds")
    if split != "all" and split not in SPLITS:
        raise UserError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)} or all")
    docs_all = list(corpus) if isinstance(corpus, Sequence) and not isinstance(corpus, str) else list(
        load_corpus(corpus))
    present = [t for t in TRACKS if any(d.track == t for d in docs_all)]
    for t in tracks or ():
        if t not in TRACKS:
            raise UserError(f"unknown track {t!r}; expected one of {', '.join(TRACKS)}")
        if t not in present:
            raise UserError(f"the corpus has no documents of track {t!r}")
    chosen = list(tracks) if tracks else present
    by_track = {t: [d for d in docs_all if d.track == t and (split == "all" or d.split == split)] for t in chosen}
    for t, docs in by_track.items():
        if not docs:
            raise UserError(f"the corpus has no documents of track {t!r} in split {split!r}")
    names = list(extractors) if extractors is not None else ([] if predictions else default_extractors())
    per_track: dict[str, list[Entry]] = {t: [] for t in chosen}
    # where each entry's predictions are: a run's list, or the file scored
    sources: dict[str, dict[str, list[Prediction] | str]] = {t: {} for t in chosen}
    skipped: dict[str, list[str]] = {t: [] for t in chosen}
    timings = {"extract": 0.0, "score": 0.0}
    if compat_only and metric != "aeb":
        raise UserError("compat_only goes with metric='aeb'")
    only = () if compat_only else None  # the AEB table needs its score alone: no alignment
    split_field = None if split == "all" else split
    training: list[Document] | None = None
    extractors_loaded = [load_extractor(name) for name in names]  # an unknown name stops before any run
    files = [(path, resolve_ids(read_any_predictions(path), {d.id for d in docs_all})) for path in predictions]
    def score_run(extractor: Any, reads: str, runnable: dict[str, list[Document]], preds: dict[str, Prediction], *,
                  between: Callable[[], None] | None) -> None:
        """Score one extractor's run on each track; `between` is called before each document is
        scored (it takes the next prediction of the run in progress, whose workers meanwhile go
        on: scoring overlaps extraction)."""
        waited = 0.0

        def documents(docs: list[Document]) -> Iterator[Document]:
            nonlocal waited
            for d in docs:
                if between is not None:
                    started = time.perf_counter()
                    between()
                    waited += time.perf_counter() - started
                yield d

        for t, docs in runnable.items():
            started, waited = time.perf_counter(), 0.0
            results = score(documents(docs), [preds[d.id] for d in docs if d.id in preds],
                            extractor={"name": extractor.name, "version": str(extractor.version)},
                            split=split_field, n_resamples=n_resamples, fields=only)
            timings["score"] += time.perf_counter() - started - waited
            read = reads
            if reads == "html" and any(html_of(d)[1] for d in docs):
                read = "html-rendered-from-lines"
            per_track[t].append(Entry(results, read))
            sources[t][extractor.name] = [preds[d.id] for d in docs if d.id in preds]

    previous: tuple[Any, str, dict[str, list[Document]], dict[str, Prediction]] | None = None  # not scored yet
    for extractor in extractors_loaded:
        reads = getattr(extractor, "input", "text")
        runnable = {t: docs for t, docs in by_track.items()
                    if reads != "html" or all(d.html is not None or d.html_path is not None for d in docs)}
        for t in by_track:
            if t not in runnable:
                skipped[t].append(extractor.name)
        if not runnable:
            note(f"{extractor.name} reads HTML and no chosen track has page sources: left out")
            continue
        if learns(extractor) and training is None:
            training = training_documents(docs_all, train_corpus, note)
            if train_track is not None:
                training = [d for d in training if d.track == train_track]
                if not any(d.split == "train" for d in training):
                    raise UserError(f"--train-track {train_track}: no train documents of that track")
        started = time.perf_counter()
        targets = [d for docs in runnable.values() for d in docs]
        try:
            ready(extractor, training if training is not None else docs_all, targets)
        except PreparationFailed as e:  # isolated like a failing extract(): every document records it
            note(f"{extractor.name}: {e}; every document is recorded as failed")
            stream: Iterator[Prediction] = iter(failed_predictions(targets, e.failure))
        else:
            stream = run_extractor(extractor, targets, timeout=timeout, jobs=jobs, progress=progress)
        preds: dict[str, Prediction] = {}

        def pull(stream: Iterator[Prediction] = stream, preds: dict[str, Prediction] = preds) -> None:
            """One more prediction of the run in progress."""
            p = next(stream, None)
            if p is not None:
                preds[p.id] = p

        scored_before = timings["score"]
        if previous is not None:  # the previous run is scored while this one's workers extract
            score_run(*previous, between=pull)
        for p in stream:
            preds[p.id] = p
        timings["extract"] += time.perf_counter() - started - (timings["score"] - scored_before)
        previous = (extractor, reads, runnable, preds)
    if previous is not None:
        score_run(*previous, between=None)
    tasks = []
    for path, file in files:
        covered = set(file.predictions)
        hit = [t for t, docs in by_track.items() if any(d.id in covered for d in docs)]
        if not hit:
            raise UserError(f"{path}: none of its predictions is for a document of the chosen tracks and split")
        for t in hit:
            problems = check_against(file, {d.id: d for d in by_track[t]}, {d.id for d in docs_all}) \
                or check_fingerprint(file, {d.id: d for d in docs_all})
            if problems:
                raise UserError(problems)
            tasks.append((path, t, file))
    started = time.perf_counter()
    scored = score_in_parallel([(by_track[t], file) for _, t, file in tasks], jobs=jobs,
                               split=split_field, n_resamples=n_resamples, fields=only)
    timings["score"] += time.perf_counter() - started
    for (path, t, file), results in zip(tasks, scored, strict=True):
        per_track[t].append(Entry(results, file.header.get("input", "text")))
        sources[t][results.summary["extractor"]["name"]] = str(path)
    boards = []
    for t in chosen:
        entries = per_track[t]
        seen: set[str] = set()
        for entry in entries:
            if entry.name in seen:
                raise UserError(f"two entries are named {entry.name!r} (track {t}); give each its own name: "
                                "`boilerbench run ... --name NAME` (for --command, two commands of the same "
                                "program need it), or the predictions header's extractor name")
            seen.add(entry.name)
        if entries:
            boards.append(Board(t, split_field, by_track[t], rank(entries, n_resamples=n_resamples, metric=metric),
                                skipped[t], {n: v for n, v in sources[t].items() if isinstance(v, list)},
                                {n: v for n, v in sources[t].items() if isinstance(v, str)}))
    if not boards:
        raise UserError("nothing to rank: no extractor registered or named, and no predictions file")
    return boards, timings
