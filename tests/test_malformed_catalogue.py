"""The malformed-input catalogue: bad documents, JSONL, predictions, results, baselines, imports
(aeb, wcxb, jsonl, folder), Label Studio exports, extractors and CLI flags. Every case runs the CLI
in-process on tiny inputs in tmp_path and asserts what the project promises for bad input:

- a message naming the place (file and line, document id or flag),
- a non-zero exit,
- no traceback,
- no input changed, and no output file appeared or changed.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import VALID_HEADER, VALID_ROWS
from helpers import make_doc, run_cli

Setup = Callable[[Path], list]


@dataclass(frozen=True)
class Case:
    id: str
    setup: Setup  # builds the inputs in tmp_path, returns the CLI arguments
    message: str  # a substring of the output, naming the place; {tmp} is tmp_path
    writes: tuple[str, ...] = ()  # files the command writes by design even when it exits non-zero
    xfail: str | None = None


CASES: list[Case] = []


def case(id: str, message: str, *, writes: tuple[str, ...] = (), xfail: str | None = None):
    def register(setup: Setup) -> Setup:
        CASES.append(Case(id, setup, message, writes, xfail))
        return setup
    return register


def add(id: str, setup: Setup, message: str, **kw) -> None:
    CASES.append(Case(id, setup, message, **kw))


# --- builders ------------------------------------------------------------------------------------

def corpus(t: Path) -> Path:
    """A source corpus: acme-sample (train) and acme-other (test)."""
    folder = t / "corpus"
    (folder / "acme").mkdir(parents=True, exist_ok=True)
    (folder / "acme" / "acme-sample.txt").write_text(VALID_HEADER + VALID_ROWS, encoding="utf-8")
    other = VALID_HEADER.replace("acme-sample", "acme-other").replace("split: train", "split: test")
    (folder / "acme" / "acme-other.txt").write_text(other + "title  | Another headline\nbody   | Other text.\n",
                                                    encoding="utf-8")
    return folder


def write(t: Path, name: str, content: str | bytes) -> Path:
    path = t / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def lines(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def doc_json(doc_id: str = "a", text: str = "one two", **changes) -> dict:
    data = make_doc([("body", text)], doc_id=doc_id).to_json()
    data.update(changes)
    return data


DEEP = "[" * 100_000 + "]" * 100_000


# --- documents: validate ---------------------------------------------------------------------------

add("validate: no such path", lambda t: ["validate", t / "none"], "{tmp}/none: no such file or folder")
add("validate: not a corpus file", lambda t: ["validate", write(t, "x.csv", "a,b\n")], "{tmp}/x.csv: not a corpus")
add("validate: empty jsonl", lambda t: ["validate", write(t, "c.jsonl", "")], "{tmp}/c.jsonl: no documents")
add("validate: blank jsonl", lambda t: ["validate", write(t, "c.jsonl", "\n \n")], "{tmp}/c.jsonl: no documents")
add("validate: empty folder", lambda t: ["validate", (t / "empty").mkdir() or t / "empty"], "no documents found")
add("validate: jsonl not JSON", lambda t: ["validate", write(t, "c.jsonl", "{nope\n")],
    "{tmp}/c.jsonl:1: not valid JSON")
add("validate: jsonl bad byte on line 2", lambda t: ["validate", write(t, "c.jsonl", json.dumps(doc_json()).encode()
                                                                       + b"\n\xff\n")],
    "{tmp}/c.jsonl:2: not valid UTF-8")
add("validate: jsonl nested too deeply", lambda t: ["validate", write(t, "c.jsonl", DEEP + "\n")],
    "{tmp}/c.jsonl:1: not valid JSON: nested too deeply")
add("validate: jsonl line is a list", lambda t: ["validate", write(t, "c.jsonl", "[1, 2]\n")], "{tmp}/c.jsonl:1: ")
add("validate: jsonl line is a string", lambda t: ["validate", write(t, "c.jsonl", '"doc"\n')], "{tmp}/c.jsonl:1: ")
add("validate: jsonl missing id", lambda t: ["validate", write(t, "c.jsonl", lines(
    {k: v for k, v in doc_json().items() if k != "id"}))], "{tmp}/c.jsonl:1: ")
add("validate: jsonl span outside the text", lambda t: ["validate", write(t, "c.jsonl", lines(
    doc_json(spans=[{"start": 0, "end": 99, "label": "body"}])))], "{tmp}/c.jsonl:1: document 'a'")
add("validate: jsonl unknown label", lambda t: ["validate", write(t, "c.jsonl", lines(
    doc_json(spans=[{"start": 0, "end": 7, "label": "bodyy"}])))], "{tmp}/c.jsonl:1: document 'a'")
add("validate: jsonl NaN offset", lambda t: ["validate", write(t, "c.jsonl", lines(json.dumps(
    doc_json()).replace('"start": 0', '"start": NaN')))], "{tmp}/c.jsonl:1: ")
add("validate: jsonl unsafe id", lambda t: ["validate", write(t, "c.jsonl", lines(doc_json(doc_id="../x")))],
    "not safe as a file name")
add("validate: jsonl unknown split", lambda t: ["validate", write(t, "c.jsonl", lines(doc_json(split="dev")))],
    "{tmp}/c.jsonl:1: document 'a': ['split']: 'dev' is not one of")
add("validate: jsonl duplicate id", lambda t: ["validate", write(t, "c.jsonl", lines(doc_json(), doc_json(
    text="three four")))], "duplicate id 'a'")
add("validate: jsonl same text twice", lambda t: ["validate", write(t, "c.jsonl", lines(doc_json(), doc_json(
    doc_id="b")))], "has the same text as document 'a'")
add("validate: jsonl text not a string", lambda t: ["validate", write(t, "c.jsonl", lines({**doc_json(), "text": 5}))],
    "{tmp}/c.jsonl:1: ")
add("validate: jsonl lone surrogate in the text", lambda t: ["validate", write(t, "c.jsonl", lines(json.dumps(
    doc_json(text="one two")).replace("one two", "one \\ud800")))], "{tmp}/c.jsonl:1: ")
add("validate: jsonl integral float offsets", lambda t: ["validate", write(t, "c.jsonl", lines(json.dumps(
    doc_json()).replace('"start": 0', '"start": 0.0')))], "{tmp}/c.jsonl:1: ")
add("validate: source not UTF-8", lambda t: ["validate", write(t, "c/acme/acme-sample.txt", (
    VALID_HEADER + VALID_ROWS).encode() + b"body   | \xff\n")], "{tmp}/c/acme/acme-sample.txt:")
add("validate: source unknown label", lambda t: ["validate", write(t, "c/acme/acme-sample.txt",
                                                                    VALID_HEADER + "bodyy  | text\n")],
    "{tmp}/c/acme/acme-sample.txt:9: unknown label 'bodyy'")
add("validate: source id unsafe", lambda t: ["validate", write(t, "c/acme/acme-sample.txt", VALID_HEADER.replace(
    "id: acme-sample", "id: ../x") + VALID_ROWS)], "{tmp}/c/acme/acme-sample.txt:2: ")


@case("validate: named pipe given as a file", "{tmp}/p.txt: not a regular file")
def _fifo(t):
    os.mkfifo(t / "p.txt")
    return ["validate", t / "p.txt"]


# --- predictions: score ----------------------------------------------------------------------------

def score(t: Path, content: str | bytes, *extra, name: str = "p.jsonl") -> list:
    return ["score", write(t, name, content), "--corpus", corpus(t), "--split", "train", "--resamples", "0", *extra]


SAMPLE = "acme-sample"
add("score: no such file", lambda t: ["score", t / "none.jsonl", "--corpus", corpus(t)],
    "{tmp}/none.jsonl: no such predictions file")
add("score: not JSON on line 2", lambda t: score(t, lines({"id": SAMPLE, "body": "x"}, "{nope")),
    "{tmp}/p.jsonl:2: not valid JSON")
add("score: bad byte on line 2", lambda t: score(t, b'{"id": "acme-sample", "body": "x"}\n{"\xff": 1}\n'),
    "{tmp}/p.jsonl:2: not valid UTF-8")
add("score: nested too deeply", lambda t: score(t, DEEP + "\n"), "{tmp}/p.jsonl:1: not valid JSON: nested too deeply")
add("score: NaN seconds", lambda t: score(t, '{"id": "acme-sample", "body": "x", "seconds": NaN}\n'),
    "{tmp}/p.jsonl:1: not valid JSON: NaN is not a JSON number")
add("score: record is a list", lambda t: score(t, "[1]\n"), "{tmp}/p.jsonl:1: a prediction must be a JSON object")
add("score: two forms", lambda t: score(t, lines({"id": SAMPLE, "body": "x", "labels": []})),
    "{tmp}/p.jsonl:1: document 'acme-sample': give one form of prediction")
add("score: no form", lambda t: score(t, lines({"id": SAMPLE})),
    "{tmp}/p.jsonl:1: document 'acme-sample': no prediction")
add("score: duplicate prediction", lambda t: score(t, lines({"id": SAMPLE, "body": "x"}, {"id": SAMPLE, "body": "y"})),
    "{tmp}/p.jsonl:2: duplicate prediction for document 'acme-sample' (first on line 1)")
add("score: unknown id", lambda t: score(t, lines({"id": "nope", "body": "x"})),
    "{tmp}/p.jsonl:1: unknown document id 'nope'")
add("score: wrong number of labels", lambda t: score(t, lines({"id": SAMPLE, "labels": ["body"]})),
    "{tmp}/p.jsonl:1: document 'acme-sample': 1 labels for 4 lines")
add("score: unknown label", lambda t: score(t, lines({"id": SAMPLE, "labels": ["bodyy", None, None, None]})),
    "{tmp}/p.jsonl:1: ")
add("score: span outside the text", lambda t: score(t, lines({"id": SAMPLE, "spans": [
    {"start": 0, "end": 9999, "label": "body"}]})), "{tmp}/p.jsonl:1: document 'acme-sample': span 0-9999")
add("score: body not a string", lambda t: score(t, lines({"id": SAMPLE, "body": 5})), "{tmp}/p.jsonl:1: ")
add("score: header not first", lambda t: score(t, lines({"id": SAMPLE, "body": "x"}, {
    "boilerbench_predictions": 1, "extractor": {"name": "x", "version": "1"}})),
    "{tmp}/p.jsonl:2: the header line may only come first")
add("score: another corpus version", lambda t: score(t, lines({
    "boilerbench_predictions": 1, "extractor": {"name": "x", "version": "1"},
    "corpus_fingerprint": "sha256:" + "0" * 64}, {"id": SAMPLE, "body": "x"})),
    "{tmp}/p.jsonl:1: made on another version of the corpus")
add("score: none of the split", lambda t: score(t, lines({"id": "acme-other", "body": "x"})),
    "{tmp}/p.jsonl: none of its predictions is for a document of split 'train'")
add("score: a folder", lambda t: ["score", (t / "d.jsonl").mkdir() or t / "d.jsonl", "--corpus", corpus(t)],
    "{tmp}/d.jsonl: not a regular file")
add("score: aeb output not an object", lambda t: score(t, "[1, 2]", name="p.json"),
    "{tmp}/p.json: expected a JSON object mapping page ids")
add("score: aeb articleBody not a string", lambda t: score(t, json.dumps({SAMPLE: {"articleBody": 3}}),
                                                           name="p.json"),
    "{tmp}/p.json: page 'acme-sample': articleBody is not a string")
add("score: aeb output NaN", lambda t: score(t, '{"acme-sample": {"articleBody": NaN}}', name="p.json"),
    "{tmp}/p.json: not a valid predictions JSON file")
add("score: wcxb results entry", lambda t: score(t, json.dumps({"results": ["x"]}), name="p.json"),
    "{tmp}/p.json: results[0]: needs a string 'file_id'")
add("score: wcxb main_content not a string", lambda t: score(t, json.dumps({"results": [
    {"file_id": SAMPLE, "extracted": {"main_content": 1}}]}), name="p.json"),
    "{tmp}/p.json: results[0] (page acme-sample): main_content and title must be strings")
add("score: -o names an existing folder", lambda t: score(t, lines({"id": SAMPLE, "body": "x"}), "-o",
                                                         (t / "out").mkdir() or t / "out"),
    "{tmp}/out: is a folder")
add("score: unknown split", lambda t: score(t, lines({"id": SAMPLE, "body": "x"})) + ["--split", "dev"],
    "unknown split 'dev'")
def score_two(t: Path, first: str, second: str, *extra, second_name: str = "q.jsonl") -> list:
    return ["score", write(t, "p.jsonl", first), write(t, second_name, second), "--corpus", corpus(t), "--split",
            "train", "--resamples", "0", *extra]


add("score: --name with two files", lambda t: score_two(t, lines({"id": SAMPLE, "body": "x"}), lines(
    {"id": SAMPLE, "body": "y"}), "--name", "n"), "--name names one predictions file")
add("score: two files named alike", lambda t: score_two(t, lines({"id": SAMPLE, "body": "x"}), lines(
    {"id": SAMPLE, "body": "y"}), "-o", t / "res", second_name="sub/p.jsonl"), "two predictions files are named alike")
# (the output folder, made when the flags are checked, is removed again when the command fails)
add("score: unsafe extractor name for -o folder", lambda t: score_two(t, lines(
    {"boilerbench_predictions": 1, "extractor": {"name": "../../x", "version": "1"}}, {"id": SAMPLE, "body": "x"}),
    lines({"id": SAMPLE, "body": "y"}), "-o", t / "res"), "extractor name '../../x' cannot name a file or folder")


# --- results and baselines: check ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> tuple[str, str]:
    """A valid results file (labels mode) and a baseline made from it, as text."""
    from boilerbench.cli import main

    t = tmp_path_factory.mktemp("scored")
    preds = write(t, "p.jsonl", lines({"id": SAMPLE, "labels": ["title", "byline", None, "promo"]}))
    assert main(["score", str(preds), "--corpus", str(corpus(t)), "--split", "train", "--resamples", "0",
                 "-o", str(t / "r.json")]) == 0
    assert main(["check", str(t / "r.json"), "--baseline", str(t / "b.json"), "--update"]) == 0
    return (t / "r.json").read_text(), (t / "b.json").read_text()


CHECK_CASES: list[tuple[str, Callable[[dict, dict], tuple[object, object]], list[str], str]] = [
    # (id, damage(results, baseline) -> (results content, baseline content), extra args, message)
    ("check: results not JSON", lambda r, b: ("{nope", b), [], "{tmp}/r.json: not a valid results JSON file"),
    ("check: results NaN", lambda r, b: (json.dumps(r).replace('"seed": 0', '"seed": NaN'), b), [],
     "{tmp}/r.json: not a valid results JSON file"),
    ("check: results nested too deeply", lambda r, b: (DEEP, b), [], "{tmp}/r.json: not a valid results JSON file"),
    ("check: results empty object", lambda r, b: ({}, b), [], "{tmp}/r.json: "),
    ("check: results a list", lambda r, b: ([], b), [], "{tmp}/r.json: "),
    ("check: results old metric version", lambda r, b: ({**r, "metric_version": "1.0"}, b), [],
     "{tmp}/r.json: made with metric version 1.0"),
    ("check: results lacking credit", lambda r, b: (
        {**r, "documents": [{**r["documents"][0], "credit": {}}]}, b), [],
     "{tmp}/r.json: documents[0] (acme-sample): no credit counts"),
    ("check: results lacking line_confusion", lambda r, b: (
        {**r, "documents": [{k: v for k, v in r["documents"][0].items() if k != "line_confusion"}]}, b), [],
     "{tmp}/r.json: documents[0] (acme-sample): labels-mode results need a 7x7 line_confusion"),
    ("check: results negative count", lambda r, b: (
        {**r, "n_failures": -1}, b), [], "{tmp}/r.json: "),
    ("check: baseline not JSON", lambda r, b: (r, "{nope"), [], "{tmp}/b.json: not a valid baseline JSON file"),
    ("check: baseline NaN tolerance", lambda r, b: (r, json.dumps(b).replace('"tolerance": 0.005',
                                                                             '"tolerance": NaN')), [],
     "{tmp}/b.json: not a valid baseline JSON file"),
    ("check: baseline schema", lambda r, b: (r, {"boilerbench_baseline": 2}), [], "{tmp}/b.json: "),
    ("check: baseline other corpus", lambda r, b: (r, json.loads(json.dumps(b).replace(
        r["corpus_fingerprint"], "sha256:" + "0" * 64))), [], "{tmp}/b.json: the corpus changed"),
    ("check: missing baseline", lambda r, b: (r, None), [], "{tmp}/b.json: no such baseline file"),
    ("check: --allow-regression without --update", lambda r, b: (r, b), ["--allow-regression"],
     "--allow-regression goes with --update"),
    ("check: --tolerance nan", lambda r, b: (r, b), ["--tolerance", "nan"], "argument --tolerance"),
    ("check: --tolerance -1", lambda r, b: (r, b), ["--tolerance", "-1"], "argument --tolerance"),
    ("check: --track with none", lambda r, b: (r, b), ["--track", "real"], "--track real: none of the results"),
]


def _check_setup(damage, extra):
    def setup(t: Path, scored) -> list:
        r, b = damage(json.loads(scored[0]), json.loads(scored[1]))
        for name, content in (("r.json", r), ("b.json", b)):
            if content is not None:
                write(t, name, content if isinstance(content, str) else json.dumps(content))
        return ["check", t / "r.json", "--baseline", t / "b.json", *extra]
    setup.needs_scored = True
    return setup


for _id, _damage, _extra, _message in CHECK_CASES:
    add(_id, _check_setup(_damage, _extra), _message)
add("check: no such results file", lambda t: ["check", t / "none.json", "--baseline", t / "b.json"],
    "{tmp}/none.json: no such results file")
add("check: empty results folder", lambda t: ["check", (t / "res").mkdir() or t / "res", "--baseline", t / "b.json"],
    "{tmp}/res: no results JSON files in this folder")


# --- imports ---------------------------------------------------------------------------------------

def imp(kind: str, source: Path, t: Path, *extra) -> list:
    return ["import", kind, source, "-o", t / "out.jsonl", "--license", "MIT", *extra]


def aeb(t: Path, truth, pages: dict[str, bytes] | None = None) -> Path:
    folder = t / "aeb"
    (folder / "html").mkdir(parents=True)
    write(folder, "ground-truth.json", truth if isinstance(truth, str) else json.dumps(truth))
    for key, data in (pages if pages is not None else {"p1": gzip.compress(b"<p>one two</p>")}).items():
        write(folder / "html", f"{key}.html.gz", data)
    return folder


add("import aeb: no such folder", lambda t: imp("aeb", t / "none", t), "{tmp}/none: no such file or folder")
add("import aeb: no ground truth", lambda t: imp("aeb", (t / "aeb").mkdir() or t / "aeb", t),
    "{tmp}/aeb/ground-truth.json: no ground-truth.json")
add("import aeb: ground truth not JSON", lambda t: imp("aeb", aeb(t, "{nope"), t),
    "{tmp}/aeb/ground-truth.json: not a valid ground-truth JSON file")
add("import aeb: ground truth NaN", lambda t: imp("aeb", aeb(t, '{"p1": {"articleBody": NaN}}'), t),
    "{tmp}/aeb/ground-truth.json: not a valid ground-truth JSON file")
add("import aeb: ground truth a list", lambda t: imp("aeb", aeb(t, [{"articleBody": "x"}]), t),
    "{tmp}/aeb/ground-truth.json: expected an object mapping page ids")
add("import aeb: entry a string", lambda t: imp("aeb", aeb(t, {"p1": "one two"}), t),
    "{tmp}/aeb/ground-truth.json: page 'p1': expected an object")
add("import aeb: body a number", lambda t: imp("aeb", aeb(t, {"p1": {"articleBody": 1}}), t),
    "{tmp}/aeb/ground-truth.json: page 'p1': articleBody and url must be strings")
add("import aeb: unsafe page id", lambda t: imp("aeb", aeb(t, {"../../x": {"articleBody": "x"}}), t),
    "page id '../../x' cannot name a file or folder")
add("import aeb: page missing", lambda t: imp("aeb", aeb(t, {"p2": {"articleBody": "x"}}), t),
    "{tmp}/aeb/html/p2.html.gz: cannot read the page")
add("import aeb: page not gzip", lambda t: imp("aeb", aeb(t, {"p1": {"articleBody": "x"}}, {"p1": b"<p>x</p>"}), t),
    "{tmp}/aeb/html/p1.html.gz: cannot read the page")


def wcxb(t: Path, meta, truth=None, html: bytes | None = b"<p>one two</p>") -> Path:
    folder = t / "wcxb"
    folder.mkdir()
    write(folder, "metadata.json", meta if isinstance(meta, str) else json.dumps(meta))
    if truth is not None:
        write(folder, "dev/ground-truth/0001.json", truth if isinstance(truth, str) else json.dumps(truth))
    if html is not None:
        write(folder, "dev/html/0001.html.gz", gzip.compress(html))
    return folder


META = {"files": {"0001": {"split": "dev", "page_type": "article"}}}
TRUTH = {"url": "https://example.org/a", "ground_truth": {"main_content": "one two"}}
add("import wcxb: no metadata", lambda t: imp("wcxb", (t / "wcxb").mkdir() or t / "wcxb", t),
    "{tmp}/wcxb/metadata.json: no metadata.json")
add("import wcxb: metadata not JSON", lambda t: imp("wcxb", wcxb(t, "{nope"), t),
    "{tmp}/wcxb/metadata.json: not a valid metadata JSON file")
add("import wcxb: files not an object", lambda t: imp("wcxb", wcxb(t, {"files": []}), t),
    "{tmp}/wcxb/metadata.json: expected a 'files' object")
add("import wcxb: file entry a string", lambda t: imp("wcxb", wcxb(t, {"files": {"0001": "dev"}}), t),
    "{tmp}/wcxb/metadata.json: expected a 'files' object of page entries")
add("import wcxb: unsafe page id", lambda t: imp("wcxb", wcxb(t, {"files": {"../x": {
    "split": "dev", "page_type": "article"}}}), t), "page id '../x' cannot name a file or folder")
add("import wcxb: truth not an object", lambda t: imp("wcxb", wcxb(t, META, []), t),
    "{tmp}/wcxb/dev/ground-truth/0001.json: expected an object with a 'ground_truth' object")
add("import wcxb: main_content a number", lambda t: imp("wcxb", wcxb(t, META, {"ground_truth": {
    "main_content": 1}}), t), "{tmp}/wcxb/dev/ground-truth/0001.json: ground_truth.main_content must be a string")
add("import wcxb: with not a list", lambda t: imp("wcxb", wcxb(t, META, {"ground_truth": {
    "main_content": "x", "with": "y"}}), t), "ground_truth.with must be a list of strings")
add("import wcxb: url a number", lambda t: imp("wcxb", wcxb(t, META, {**TRUTH, "url": 1}), t),
    "{tmp}/wcxb/dev/ground-truth/0001.json: url must be a string")
add("import wcxb: page missing", lambda t: imp("wcxb", wcxb(t, META, TRUTH, html=None), t),
    "{tmp}/wcxb/dev/html/0001.html.gz: cannot read the page")
add("import wcxb: truth NaN", lambda t: imp("wcxb", wcxb(t, META, '{"ground_truth": {"main_content": NaN}}'), t),
    "{tmp}/wcxb/dev/ground-truth/0001.json: not a valid ground-truth JSON file")

PAGE = {"id": "a", "html": "<p>one two</p>", "body": "one two"}
add("import jsonl: no such file", lambda t: imp("jsonl", t / "none.jsonl", t), "{tmp}/none.jsonl: no such file")
add("import jsonl: a folder", lambda t: imp("jsonl", (t / "d.jsonl").mkdir() or t / "d.jsonl", t),
    "{tmp}/d.jsonl: is a folder")
add("import jsonl: not JSON on line 2", lambda t: imp("jsonl", write(t, "p.jsonl", lines(PAGE, "{nope")), t),
    "{tmp}/p.jsonl:2: not valid JSON")
add("import jsonl: bad byte on line 2", lambda t: imp("jsonl", write(t, "p.jsonl", lines(PAGE).encode() + b"\xff\n"),
                                                      t), "{tmp}/p.jsonl:2: not valid UTF-8")
add("import jsonl: nested too deeply", lambda t: imp("jsonl", write(t, "p.jsonl", DEEP + "\n"), t),
    "{tmp}/p.jsonl:1: not valid JSON: nested too deeply")
add("import jsonl: NaN", lambda t: imp("jsonl", write(t, "p.jsonl", '{"id": "a", "html": NaN}\n'), t),
    "{tmp}/p.jsonl:1: not valid JSON")
add("import jsonl: line a list", lambda t: imp("jsonl", write(t, "p.jsonl", "[1]\n"), t),
    "{tmp}/p.jsonl:1: each line needs string fields id, html and body")
add("import jsonl: body missing", lambda t: imp("jsonl", write(t, "p.jsonl", lines({"id": "a", "html": "x"})), t),
    "{tmp}/p.jsonl:1: each line needs string fields id, html and body (missing or not a string: body)")
add("import jsonl: url a number", lambda t: imp("jsonl", write(t, "p.jsonl", lines({**PAGE, "url": 3})), t),
    "{tmp}/p.jsonl:1: url must be a string")
add("import jsonl: url not http", lambda t: imp("jsonl", write(t, "p.jsonl", lines({**PAGE, "url": "ftp://x"})), t),
    "{tmp}/p.jsonl:1: page 'a' cannot be imported")
add("import jsonl: two pages share an id", lambda t: imp("jsonl", write(t, "p.jsonl", lines(
    PAGE, {**PAGE, "html": "<p>three four</p>", "body": "three"})), t),
    "{tmp}/p.jsonl:2: page id 'a' is given twice (first in {tmp}/p.jsonl:1)")
add("import jsonl: no visible text", lambda t: imp("jsonl", write(t, "p.jsonl", lines(
    {**PAGE, "html": "<script>x()</script>"})), t), "{tmp}/p.jsonl: no pages to import")
add("import jsonl: bad --name", lambda t: imp("jsonl", write(t, "p.jsonl", lines(PAGE)), t, "--name", "a b"),
    "--name 'a b'")
add("import jsonl: -o an existing folder", lambda t: ["import", "jsonl", write(t, "p.jsonl", lines(PAGE)), "-o",
                                                      (t / "o").mkdir() or t / "o", "--license", "MIT"],
    "{tmp}/o: is a folder")
add("import folder: no pages", lambda t: imp("folder", (t / "f").mkdir() or t / "f", t),
    "{tmp}/f: no .html files in this folder")
add("import folder: no gold body", lambda t: imp("folder", write(t, "f/p.html", "<p>x</p>").parent, t),
    "{tmp}/f/p.html: no matching gold body file p.txt")


@case("import folder: gold body not UTF-8", "{tmp}/f/p.txt:1: the gold body is not valid UTF-8")
def _gold_bytes(t):
    write(t, "f/p.html", "<p>one two</p>")
    write(t, "f/p.txt", b"one \xff two\n")
    return imp("folder", t / "f", t)


# --- Label Studio exports ----------------------------------------------------------------------------

def ls_task(task_id: int = 7, doc_id: str = "acme-1", *, result=None, data=None, annotation=None) -> dict:
    text = "A headline\nThe body."
    regions = [{"type": "labels", "value": {"start": 0, "end": 10, "text": "A headline", "labels": ["title"]}},
               {"type": "labels", "value": {"start": 11, "end": 20, "text": "The body.", "labels": ["body"]}}]
    base = {"text": text, "doc_id": doc_id, "publisher": "acme", "language": "en", "split": "test",
            "provenance": "authored", "license": "CC-BY-4.0"}
    ann = {"id": task_id, "completed_by": {"email": "a@x.org"}, "result": regions if result is None else result}
    return {"id": task_id, "data": {**base, **(data or {})}, "annotations": [{**ann, **(annotation or {})}]}


def region(start, end, text, labels) -> dict:
    return {"type": "labels", "value": {"start": start, "end": end, "text": text, "labels": labels}}


def ls(t: Path, export, *extra) -> list:
    content = export if isinstance(export, str) else json.dumps(export)
    return ["labelstudio", "import", write(t, "export.json", content), "--out", t / "out", *extra]


WHERE = "{tmp}/export.json: task 7 (acme-1): "
add("labelstudio: no such file", lambda t: ["labelstudio", "import", t / "none.json", "--out", t / "out"],
    "{tmp}/none.json: no such file")
add("labelstudio: not JSON", lambda t: ls(t, "{nope"), "{tmp}/export.json: not a valid Label Studio JSON file")
add("labelstudio: NaN", lambda t: ls(t, "[NaN]"), "{tmp}/export.json: not a valid Label Studio JSON file")
add("labelstudio: nested too deeply", lambda t: ls(t, DEEP), "{tmp}/export.json: not a valid Label Studio JSON")
add("labelstudio: not a list", lambda t: ls(t, {"tasks": []}), "{tmp}/export.json: expected a Label Studio JSON")
add("labelstudio: task a string", lambda t: ls(t, ["task"]), "{tmp}/export.json: task 1: not a task")
add("labelstudio: no annotation", lambda t: ls(t, [{**ls_task(), "annotations": []}]), WHERE + "has no annotation")
add("labelstudio: annotations not a list", lambda t: ls(t, [{**ls_task(), "annotations": {"a": 1}}]),
    WHERE + "its annotations are not a list")
add("labelstudio: cancelled", lambda t: ls(t, [ls_task(annotation={"was_cancelled": True})]), WHERE + "was cancelled")
add("labelstudio: result not a list", lambda t: ls(t, [ls_task(result={"type": "labels"})]),
    WHERE + "the annotation's result is not a list")
add("labelstudio: result entry a string", lambda t: ls(t, [ls_task(result=["r"])]),
    WHERE + "result[0] is not an object")
add("labelstudio: value a string", lambda t: ls(t, [ls_task(result=[{"type": "labels", "value": "v"}])]),
    WHERE + "result[0].value is not an object")
add("labelstudio: labels a string", lambda t: ls(t, [ls_task(result=[region(0, 10, "A headline", "title")])]),
    WHERE + "result[0].value.labels is not a list")
add("labelstudio: unknown label", lambda t: ls(t, [ls_task(result=[region(0, 10, "A headline", ["head"])])]),
    WHERE + "region 0-10 has labels ['head']")
add("labelstudio: two labels", lambda t: ls(t, [ls_task(result=[region(0, 10, "A headline", ["title", "body"])])]),
    WHERE + "region 0-10 has labels")
add("labelstudio: start not an integer", lambda t: ls(t, [ls_task(result=[region("0", 10, "A headline", ["title"])])]),
    WHERE + "a region has no integer start and end")
add("labelstudio: start a boolean", lambda t: ls(t, [ls_task(result=[region(False, 10, "A headline", ["title"])])]),
    WHERE + "a region has no integer start and end")
add("labelstudio: region outside the text", lambda t: ls(t, [ls_task(result=[region(0, 99, None, ["title"])])]),
    WHERE + "region 0-99 lies outside the text")
add("labelstudio: regions overlap", lambda t: ls(t, [ls_task(result=[region(0, 10, "A headline", ["title"]),
                                                                     region(5, 20, None, ["body"])])]),
    WHERE + "regions 0-10 and 5-20 overlap")
add("labelstudio: unlabelled text", lambda t: ls(t, [ls_task(result=[region(0, 10, "A headline", ["title"])])]),
    WHERE + "character 11 ('T') on line 2 has no label")
add("labelstudio: region text differs", lambda t: ls(t, [ls_task(result=[region(0, 10, "Other", ["title"])])]),
    WHERE + "region 0-10 does not match its text 'Other'")
add("labelstudio: no data.text", lambda t: ls(t, [ls_task(data={"text": None})]), WHERE + "the task has no data.text")
add("labelstudio: bad split", lambda t: ls(t, [ls_task(data={"split": "dev"})]), WHERE + "unknown split 'dev'")
add("labelstudio: unsafe document id", lambda t: ls(t, [ls_task(doc_id="../../x")]),
    "{tmp}/export.json: task 7 (../../x): id '../../x' is not safe as a file name")
add("labelstudio: two tasks, one document", lambda t: ls(t, [ls_task(1), ls_task(7)]),
    WHERE + "document 'acme-1' is annotated in task 1 (acme-1) too")
add("labelstudio: unsafe annotator", lambda t: ls(t, [ls_task(annotation={"completed_by": {"email": "../../x"}})],
                                                 "--annotators", "each"),
    "annotator '../../x' cannot name a file or folder")
add("labelstudio: --out a file", lambda t: ["labelstudio", "import", write(t, "export.json", json.dumps([ls_task()])),
                                            "--out", write(t, "out", "x")],
    "--out {tmp}/out: exists and is not a folder")


# --- extractors: run -------------------------------------------------------------------------------

def run(t: Path, *args) -> list:
    return ["run", *args, "--corpus", corpus(t), "--split", "train", "-o", t / "p.jsonl", "--no-progress"]


add("run: unknown extractor", lambda t: run(t, "nope"), "unknown extractor 'nope'")
add("run: module cannot be imported", lambda t: run(t, "no_such_module_x:X"), "cannot import 'no_such_module_x'")
add("run: attribute missing", lambda t: run(t, "misbehaving_extractors:Nope"),
    "'misbehaving_extractors' has no attribute 'Nope'")
add("run: not an extractor", lambda t: run(t, "misbehaving_extractors:not_an_extractor"),
    "has no name, version and extract(document)")
add("run: not module:attr", lambda t: run(t, "misbehaving_extractors:"), "is not of the form 'module:attr'")
add("run: extractor and --command", lambda t: run(t, "keep-all", "--command", "cat"), "give either an EXTRACTOR")
add("run: neither extractor nor --command", lambda t: run(t), "give either an EXTRACTOR or --command")
add("run: unknown split", lambda t: run(t, "keep-all") + ["--split", "dev"], "unknown split 'dev'")
add("run: split with no documents", lambda t: run(t, "keep-all") + ["--split", "validation"],
    "the corpus has no documents in split 'validation'")
add("run: -o an existing folder", lambda t: ["run", "keep-all", "--corpus", corpus(t), "--split", "train", "-o",
                                             (t / "o").mkdir() or t / "o"], "{tmp}/o: is a folder")
add("run: fit() raises", lambda t: run(t, "misbehaving_extractors:FailingFit"),
    "fit() failed: RuntimeError: cannot learn", writes=("p.jsonl",))
add("run: prepare() raises", lambda t: run(t, "misbehaving_extractors:FailingPrepare"),
    "prepare() failed: KeyError", writes=("p.jsonl",))
add("run: bad corpus", lambda t: ["run", "keep-all", "--corpus", write(t, "c.jsonl", "{nope\n"), "-o", t / "p.jsonl"],
    "{tmp}/c.jsonl:1: not valid JSON")

# --- numeric and other flags ----------------------------------------------------------------------------

FLAG_CASES = [
    (["run", "keep-all", "-o", "{tmp}/p.jsonl", "--timeout", "nan"], "argument --timeout"),
    (["run", "keep-all", "-o", "{tmp}/p.jsonl", "--timeout", "inf"], "argument --timeout"),
    (["run", "keep-all", "-o", "{tmp}/p.jsonl", "--timeout", "0"], "argument --timeout"),
    (["run", "keep-all", "-o", "{tmp}/p.jsonl", "--timeout", "soon"], "argument --timeout: 'soon' is not a number"),
    (["score", "{tmp}/p.jsonl", "--seed", "-1"], "argument --seed"),
    (["score", "{tmp}/p.jsonl", "--seed", "1.5"], "argument --seed: '1.5' is not a whole number"),
    (["score", "{tmp}/p.jsonl", "--resamples", "-1"], "argument --resamples"),
    (["score", "{tmp}/p.jsonl", "--confidence", "nan"], "argument --confidence"),
    (["score", "{tmp}/p.jsonl", "--confidence", "0"], "argument --confidence"),
    (["score", "{tmp}/p.jsonl", "--confidence", "-Infinity"], "argument --confidence"),
    (["leaderboard", "--timeout", "0"], "argument --timeout"),
    (["leaderboard", "--timeout", "-1"], "argument --timeout"),
    (["leaderboard", "--timeout", "NaN"], "argument --timeout"),
    (["leaderboard", "--jobs", "0"], "argument --jobs"),
    (["leaderboard", "--jobs", "-2"], "argument --jobs"),
    (["leaderboard", "--resamples", "-1"], "argument --resamples"),
    (["leaderboard", "--tolerance", "inf"], "argument --tolerance"),
    (["leaderboard", "--plot"], "--plot needs --out DIR"),
    (["leaderboard", "--wide", "--format", "md"], "--wide goes with --format text"),
    (["leaderboard", "--update"], "--update and --allow-regression go with --check"),
    (["score", "{tmp}/p.jsonl", "--split", "dev"], "unknown split 'dev'"),
]
for _argv, _message in FLAG_CASES:
    add(" ".join(_argv).replace("{tmp}/", ""), (lambda argv: lambda t: [
        (write(t, "p.jsonl", lines({"id": SAMPLE, "body": "x"})) if a == "{tmp}/p.jsonl" else a.format(tmp=t))
        for a in argv])(_argv), _message)


# --- the test -----------------------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, bytes | None]:
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        out[rel] = p.read_bytes() if p.is_file() else None  # a named pipe or a folder: its presence only
    return out


def _param(c: Case):
    marks = [pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else []
    return pytest.param(c, id=c.id, marks=marks)


@pytest.mark.parametrize("c", [_param(c) for c in CASES])
def test_malformed_input(c: Case, tmp_path, capsys, request):
    if getattr(c.setup, "needs_scored", False):
        argv = c.setup(tmp_path, request.getfixturevalue("scored"))
    else:
        argv = c.setup(tmp_path)
    before = snapshot(tmp_path)
    code, out, err = run_cli(capsys, *argv)  # asserts no traceback
    message = c.message.format(tmp=tmp_path)
    assert code == 1, f"exit {code}\n{out}\n{err}"
    assert message in out + err, f"expected {message!r} in:\n{out}{err}"
    after = snapshot(tmp_path)
    for name in c.writes:
        after.pop(name, None)
    assert after == before, f"files changed: {set(after.items()) ^ set(before.items())}"


def test_the_catalogue_is_large_and_its_ids_unique():
    ids = [c.id for c in CASES]
    assert len(ids) >= 100 and len(set(ids)) == len(ids), len(ids)
