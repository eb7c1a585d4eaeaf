"""Show one document as a predictions file scored it: every raw line with its gold label beside
the predicted one. For labelled predictions, the predicted label of each line; for text
predictions, which document tokens the scorer credited to which field (the same alignment the
scores come from), and the predicted text that matched nothing. Lines marked `!` disagree."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections import Counter
from dataclasses import dataclass

from ..errors import Problem, UserError
from ..loader import load_corpus

# ANSI colours: a line's labels as `boilerbench show` colours them; tokens by what they got
from .show import COLOURS

RIGHT, WRONG, MISSED, RESET = "\033[32m", "\033[1;31m", "\033[4;33m", "\033[0m"
MARK = "!"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help="document id")
    p.add_argument("--predictions", required=True, metavar="FILE",
                   help="predictions JSONL (or an AEB output / WCXB results .json) holding this document")
    p.add_argument("--corpus", default=None, help="corpus folder or .jsonl (default: the bundled corpus)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour the labels and tokens (auto: on a terminal, unless NO_COLOR is set)")


@dataclass(frozen=True)
class LineView:
    """One raw line as the diff shows it."""

    number: int
    gold: str | None
    predicted: str  # the predicted label, or for text what the line's tokens were credited to ("-": nothing)
    agrees: bool
    text: str
    pieces: tuple[tuple[str, str | None], ...] = ()  # text mode: (text, "right"|"wrong"|"missed"|None)


@dataclass(frozen=True)
class DocumentDiff:
    mode: str  # "labels" or "text"
    fields: tuple[str, ...]
    lines: tuple[LineView, ...]
    unmatched: dict[str, list[str]]  # text mode: per field, runs of predicted tokens aligned to nothing


def find_document(corpus: str | None, doc_id: str):
    """The document with this id and every id of the corpus, or a message naming the closest ids."""
    ids, found = [], None
    for doc in load_corpus(corpus):
        ids.append(doc.id)
        if doc.id == doc_id:
            found = doc
    if found is not None:
        return found, ids
    close = difflib.get_close_matches(doc_id, ids, n=5, cutoff=0.5)
    if not close:
        close = sorted(i for i in ids if doc_id.lower() in i.lower())[:5]
    hint = f"; did you mean {', '.join(close)}?" if close else " (`boilerbench stats` lists the corpus)"
    raise UserError(f"no document with id {doc_id!r} in the corpus{hint}")


def label_diff(doc, pred) -> DocumentDiff:
    """Labelled predictions: each labelled line's predicted label, as the line figures count it."""
    from boilerbench.evaluate.predictions import spans_of
    from boilerbench.evaluate.scoring import NONE, line_label_ids
    from boilerbench.labels import LABELS

    predicted = iter(line_label_ids(doc, spans_of(pred, doc)).tolist())
    views = []
    for line in doc.lines:
        if line.label is None:
            views.append(LineView(line.number, None, "", True, line.text))
            continue
        p = next(predicted)
        label = "-" if p == NONE else LABELS[p]
        views.append(LineView(line.number, line.label, label, label == line.label, line.text))
    return DocumentDiff("labels", tuple(LABELS), tuple(views), {})


def text_diff(doc, pred, fields: tuple[str, ...]) -> DocumentDiff:
    """Text predictions: the scorer's alignment, token by token. A token is right when it was
    credited to its gold label, wrong when credited to another field, missed when its gold label
    is a scored field that did not get it."""
    from boilerbench.evaluate.scoring import gold_doc_tokens, text_alignments

    dt = gold_doc_tokens(doc)
    credited: list[list[str]] = [[] for _ in dt.words]
    unmatched: dict[str, list[str]] = {}
    for name, (words, match) in text_alignments(dt, pred, fields).items():
        runs, run = [], []
        for word, m in zip(words, match.tolist(), strict=True):
            if m >= 0:
                credited[m].append(name)
                if run:
                    runs.append(" ".join(run))
                    run = []
            else:
                run.append(word)
        if run:
            runs.append(" ".join(run))
        if runs:
            unmatched[name] = runs
    tokens = doc.tokens
    bounds = dt.line_bounds.tolist()
    views = []
    for k, line in enumerate(doc.lines):
        toks = range(bounds[k], bounds[k + 1])
        pieces, pos, states = [], line.start, []
        for t in toks:
            tok = tokens[t]
            got = "+".join(credited[t]) or None
            state = ("right" if got == tok.label else "wrong") if got else ("missed" if tok.label in fields else None)
            states.append(state)
            if tok.start > pos:
                pieces.append((doc.text[pos : tok.start], None))
            pieces.append((doc.text[tok.start : tok.end], state))
            pos = tok.end
        if pos < line.end:
            pieces.append((doc.text[pos : line.end], None))
        kinds = Counter("+".join(credited[t]) or "-" for t in toks)
        if not kinds:
            summary = ""
        elif len(kinds) == 1:
            summary = next(iter(kinds))
        else:
            top, n = max(((k2, n2) for k2, n2 in kinds.items() if k2 != "-"), key=lambda kv: kv[1])
            summary = f"{top} {n}/{len(toks)}"
        agrees = all(s in (None, "right") for s in states)
        views.append(LineView(line.number, line.label, summary, agrees, line.text, tuple(pieces)))
    return DocumentDiff("text", fields, tuple(views), unmatched)


def render(diff: DocumentDiff, colour: bool) -> str:
    """The diff as aligned columns: line number, gold, predicted, mark, text."""
    gw = max([4] + [len(v.gold or "") for v in diff.lines])
    pw = max([9] + [len(v.predicted) for v in diff.lines])
    head = f"{'line':>4}  {'gold':<{gw}}  {'predicted':<{pw}}    text"
    out = [head]
    for v in diff.lines:
        gold, predicted = f"{v.gold or '':<{gw}}", f"{v.predicted:<{pw}}"
        mark = MARK if not v.agrees else " "
        text = v.text
        if diff.mode == "text" and v.pieces:
            text = "".join(_piece(s, state, colour) for s, state in _runs(v.pieces)) \
                if colour or (v.predicted not in ("-", "") and " " in v.predicted) else v.text
        if colour:
            gold = _paint(gold, COLOURS.get(v.gold or ""))
            label = v.predicted.split(" ")[0]
            predicted = _paint(predicted, COLOURS.get(label) if label in COLOURS else None)
            if mark != " ":
                mark = f"{WRONG}{mark}{RESET}"
        out.append(f"{v.number:>4}  {gold}  {predicted}  {mark} {text}".rstrip())
    for name, runs in diff.unmatched.items():
        n = sum(len(r.split()) for r in runs)
        out.append(f"\nPredicted {name} text that matches nothing in the document ({n} tokens):")
        out += [f"  {r}" for r in runs]
    return "\n".join(out) + "\n"


def _runs(pieces):
    """Neighbouring pieces of the same state joined, with the spaces between tokens of one run."""
    merged: list[list] = []
    for k, (s, state) in enumerate(pieces):
        if state is None and s.isspace() and merged and 0 < k < len(pieces) - 1 and pieces[k + 1][1] == merged[-1][1]:
            merged[-1][0] += s
        elif merged and merged[-1][1] == state:
            merged[-1][0] += s
        else:
            merged.append([s, state])
    return merged


def _piece(s: str, state: str | None, colour: bool) -> str:
    if colour:
        code = {"right": RIGHT, "wrong": WRONG, "missed": MISSED}.get(state or "")
        return f"{code}{s}{RESET}" if code else s
    return f"[{s}]" if state in ("right", "wrong") else s


def _paint(s: str, code: str | None) -> str:
    return f"\033[{code}m{s}{RESET}" if code else s


def legend(diff: DocumentDiff, colour: bool) -> str:
    if diff.mode == "labels":
        return f"`{MARK}`: the predicted label differs from the gold label; `-`: no label predicted."
    fields = ", ".join(diff.fields)
    where = ("green: credited to its gold label; red: credited to another field; underlined: a token of a "
             "scored field left out" if colour else "[...]: the tokens of a partly credited line that were credited")
    return (f"predicted: what the line's tokens were credited to (fields scored: {fields}; `-`: nothing); "
            f"`{MARK}`: some token is credited to a field other than its gold label, or a {fields} token is "
            f"left out. {where}.")


def run(args: argparse.Namespace) -> int:
    from boilerbench.evaluate.predictions import (
        PredictionsFile,
        as_text,
        check_against,
        read_any_predictions,
        resolve_ids,
    )
    from boilerbench.evaluate.scoring import score_pairs, scored_fields

    doc, ids = find_document(args.corpus, args.id)
    file = resolve_ids(read_any_predictions(args.predictions), set(ids))  # a benchmark's own page ids too
    pred = file.predictions.get(doc.id)
    if pred is None:
        raise UserError(Problem(args.predictions, None, f"no prediction for document {doc.id!r} "
                                                        f"(the file holds {len(file.predictions)} predictions)"))
    one = PredictionsFile(file.path, file.header, {doc.id: pred}, {doc.id: file.lines.get(doc.id, 0)})
    problems = check_against(one, {doc.id: doc}, {doc.id})
    if problems:
        raise UserError(problems)
    fields = scored_fields(file.predictions)  # as `score` scores the whole file
    text_mode = fields is not None
    diff = text_diff(doc, as_text(pred, doc), fields) if text_mode else label_diff(doc, pred)
    results = score_pairs([(doc, pred)], text_fields=fields, n_resamples=0, extractor=file.extractor)
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                        and not os.environ.get("NO_COLOR"))
    ext = file.extractor
    figures = ", ".join(f"{f} F1 {results.value(f, 'f1'):.3f}" for f in (diff.fields if text_mode else ("body",
                        "title", "byline")))
    print(f"{doc.id} ({doc.track} track, {doc.split} split) against {args.predictions} "
          f"({ext['name']} {ext['version']}, {diff.mode} predictions): body P {results.value('body', 'precision'):.3f}"
          f" R {results.value('body', 'recall'):.3f}; {figures}")
    if pred.failure:
        print(f"The extractor failed on this document: {pred.failure}")
    print(legend(diff, colour) + "\n")
    print(render(diff, colour), end="")
    return 0
