"""Issue #15's findings, one test each: a message naming the place, a non-zero exit, no
traceback, nothing written outside the output folder and nothing half-written."""

from __future__ import annotations

import gzip
import json
import os
import threading
from pathlib import Path

import pytest
from helpers import make_doc, run_cli

from boilerbench.loader import fingerprint, load_corpus

DOC = "acme-sample"


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder below `folder` with its content (None for folders)."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def write_preds(path: Path, records: list[dict], header: dict | None = None) -> Path:
    lines = [json.dumps({"boilerbench_predictions": 1, **header})] if header else []
    lines += [json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n")
    return path


# --- imports -------------------------------------------------------------------------------------

def test_import_jsonl_bad_byte_is_reported_at_its_line(tmp_path, capsys):
    src = tmp_path / "pages.jsonl"
    src.write_bytes(b'{"id": "a", "html": "<p>one two</p>", "body": "one two"}\n{"id": "b", "html": "\xff"}\n')
    code, _, err = run_cli(capsys, "import", "jsonl", src, "-o", tmp_path / "out.jsonl", "--license", "MIT")
    assert code == 1 and f"{src}:2: not valid UTF-8" in err, err
    assert not (tmp_path / "out.jsonl").exists()


def test_import_folder_non_utf8_gold_body_names_the_file(tmp_path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "p.html").write_text("<p>one two</p>")
    (folder / "p.txt").write_bytes(b"one\ntwo \xfe\n")
    code, _, err = run_cli(capsys, "import", "folder", folder, "-o", tmp_path / "out.jsonl", "--license", "MIT")
    assert code == 1 and f"{folder / 'p.txt'}:2: the gold body is not valid UTF-8" in err, err
    assert not (tmp_path / "out.jsonl").exists()


def aeb_folder(tmp_path: Path, truth) -> Path:
    folder = tmp_path / "aeb"
    (folder / "html").mkdir(parents=True)
    (folder / "html" / "p1.html.gz").write_bytes(gzip.compress(b"<p>one two</p>"))
    (folder / "ground-truth.json").write_text(json.dumps(truth))
    return folder


@pytest.mark.parametrize("truth, message", [
    ([{"articleBody": "x"}], "expected an object mapping page ids"),
    ({"p1": "one two"}, "page 'p1': expected an object with articleBody and url"),
    ({"p1": {"articleBody": 3}}, "page 'p1': articleBody and url must be strings"),
    ({"p1": {"articleBody": "x", "url": ["u"]}}, "page 'p1': articleBody and url must be strings"),
], ids=["list", "string-entry", "number-body", "list-url"])
def test_aeb_ground_truth_of_the_wrong_shape(tmp_path, capsys, truth, message):
    folder = aeb_folder(tmp_path, truth)
    code, _, err = run_cli(capsys, "import", "aeb", folder, "-o", tmp_path / "out.jsonl")
    assert code == 1 and "ground-truth.json" in err and message in err, err
    assert not (tmp_path / "out.jsonl").exists()


def test_import_errors_name_the_input_line_not_the_output(tmp_path, capsys):
    src = tmp_path / "pages.jsonl"
    src.write_text(json.dumps({"id": "a", "html": "<p>one two</p>", "body": "one two"}) + "\n"
                   + json.dumps({"id": "b", "html": "<p>three four</p>", "body": "three", "url": "ftp://x"}) + "\n")
    out = tmp_path / "out.jsonl"
    code, _, err = run_cli(capsys, "import", "jsonl", src, "-o", out, "--license", "MIT")
    assert code == 1 and f"{src}:2: page 'b'" in err and "http(s) URL" in err, err
    assert str(out) not in err and not out.exists()


def test_two_pages_sharing_an_id_say_which_and_where(tmp_path, capsys):
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps({"id": i, "html": f"<p>{t}</p>", "body": t}) + "\n"
                           for i, t in (("a b", "one two"), ("x", "five six"), ("a-b", "three four"))))
    code, _, err = run_cli(capsys, "import", "jsonl", src, "-o", tmp_path / "out.jsonl", "--license", "MIT")
    assert code == 1 and f"{src}:3: page id 'a-b' is given twice (first in {src}:1)" in err, err


def test_a_page_nested_deeper_than_libxml2_reads_is_warned_about(tmp_path, capsys):
    html = "<html><body><p>top text here</p>" + "<div>" * 300 + "<p>deep</p>" + "</div>" * 300 + "</body></html>"
    src = tmp_path / "pages.jsonl"
    src.write_text(json.dumps({"id": "deep", "html": html, "body": "top text here"}) + "\n")
    code, _, err = run_cli(capsys, "import", "jsonl", src, "-o", tmp_path / "out.jsonl", "--license", "MIT")
    assert code == 0, err
    assert f"warning: page 'deep' ({src}:1): the page is nested deeper than libxml2 reads" in err, err


@pytest.mark.parametrize("url", ["http://[::1]/a", "http://[2001:db8::1]:8080/p", "http://[::1"])
def test_an_ipv6_host_does_not_abort_an_import(tmp_path, capsys, url):
    src = tmp_path / "pages.jsonl"
    src.write_text(json.dumps({"id": "a", "html": "<p>one two</p>", "body": "one two", "url": url}) + "\n"
                   + json.dumps({"id": "b", "html": "<p>three four</p>", "body": "three four"}) + "\n")
    code, _, err = run_cli(capsys, "import", "jsonl", src, "-o", tmp_path / "out.jsonl", "--license", "MIT")
    assert code == 0, err
    docs = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [d["publisher"] for d in docs] == ["unknown", "unknown"]


# --- Label Studio --------------------------------------------------------------------------------

def ls_task(task_id: int, doc_id: str, result=None) -> dict:
    text = "A headline\nThe body."
    regions = [{"type": "labels", "value": {"start": 0, "end": 10, "text": "A headline", "labels": ["title"]}},
               {"type": "labels", "value": {"start": 11, "end": 20, "text": "The body.", "labels": ["body"]}}]
    return {"id": task_id, "data": {"text": text, "doc_id": doc_id, "publisher": "acme", "language": "en",
                                    "split": "test", "provenance": "authored", "license": "CC-BY-4.0"},
            "annotations": [{"id": task_id, "completed_by": {"email": "a@x.org"},
                             "result": regions if result is None else result}]}


@pytest.mark.parametrize("result, message", [
    (["not a region"], "result[0] is not an object"),
    ([{"type": "labels", "value": "title"}], "result[0].value is not an object"),
    ([{"type": "labels", "value": {"start": 0, "end": 10, "labels": "title"}}], "result[0].value.labels is not a list"),
    ({"type": "labels"}, "the annotation's result is not a list"),
], ids=["result-string", "value-string", "labels-string", "result-object"])
def test_labelstudio_entries_that_are_not_objects(tmp_path, capsys, result, message):
    export = tmp_path / "export.json"
    export.write_text(json.dumps([ls_task(7, "acme-1", result)]))
    code, _, err = run_cli(capsys, "labelstudio", "import", export, "--out", tmp_path / "out")
    assert code == 1 and f"{export}: task 7 (acme-1): {message}" in err, err
    assert not (tmp_path / "out").exists()


def test_labelstudio_two_tasks_with_one_document_id(tmp_path, capsys):
    export = tmp_path / "export.json"
    export.write_text(json.dumps([ls_task(1, "acme-1"), ls_task(2, "acme-1")]))
    code, _, err = run_cli(capsys, "labelstudio", "import", export, "--out", tmp_path / "out")
    assert code == 1 and "task 2 (acme-1): document 'acme-1' is annotated in task 1 (acme-1) too" in err, err
    assert not (tmp_path / "out").exists()


def test_labelstudio_import_writes_all_or_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    (out / "acme").mkdir(parents=True)
    (out / "acme" / "acme-1.txt").write_text("the old file\n")
    (out / "acme" / "acme-2.txt").mkdir()  # the second write fails: a folder is in the way
    before = snapshot(out)
    export = tmp_path / "export.json"
    export.write_text(json.dumps([ls_task(1, "acme-1"), ls_task(2, "acme-2"), ls_task(3, "acme-3")]))
    code, _, err = run_cli(capsys, "labelstudio", "import", export, "--out", out)
    assert code == 1 and f"{out / 'acme' / 'acme-2.txt'}: cannot write the file" in err, err
    assert "nothing was written" in err
    assert snapshot(out) == before  # acme-1 is the old file again, acme-3 never appeared, no staging left


# --- numeric flags -------------------------------------------------------------------------------

@pytest.mark.parametrize("argv, flag", [
    (["run", "keep-all", "-o", "{tmp}/p.jsonl", "--timeout", "nan"], "--timeout"),
    (["run", "keep-all", "-o", "{tmp}/p.jsonl", "--timeout", "inf"], "--timeout"),
    (["run", "keep-all", "-o", "{tmp}/p.jsonl", "--timeout", "-3"], "--timeout"),
    (["score", "{tmp}/p.jsonl", "--seed", "-1"], "--seed"),
    (["score", "{tmp}/p.jsonl", "--resamples", "-5"], "--resamples"),
    (["score", "{tmp}/p.jsonl", "--confidence", "nan"], "--confidence"),
    (["score", "{tmp}/p.jsonl", "--confidence", "1.5"], "--confidence"),
    (["leaderboard", "--timeout", "0"], "--timeout"),
    (["leaderboard", "--timeout", "nan"], "--timeout"),
    (["leaderboard", "--jobs", "0"], "--jobs"),
    (["leaderboard", "--resamples", "-1"], "--resamples"),
    (["leaderboard", "--check", "{tmp}/b.json", "--tolerance", "nan"], "--tolerance"),
    (["check", "{tmp}/r.json", "--baseline", "{tmp}/b.json", "--tolerance", "-1"], "--tolerance"),
    (["check", "{tmp}/r.json", "--baseline", "{tmp}/b.json", "--tolerance", "Infinity"], "--tolerance"),
], ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_numeric_flags_refuse_meaningless_values(tmp_path, capsys, argv, flag):
    code, _, err = run_cli(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert code != 0 and f"argument {flag}:" in err, err
    assert not list(tmp_path.iterdir())


# --- extractors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("extractor, reason", [
    ("misbehaving_extractors:FailingFit", "fit() failed: RuntimeError: cannot learn"),
    ("misbehaving_extractors:FailingPrepare", "prepare() failed: KeyError: 'missing'"),
])
def test_fit_and_prepare_failures_are_recorded_like_extract_failures(tmp_path, capsys, corpus_dir, extractor, reason):
    from boilerbench.evaluate.predictions import read_predictions

    out = tmp_path / "p.jsonl"
    code, _, err = run_cli(capsys, "run", extractor, "--corpus", corpus_dir, "--split", "train", "-o", out,
                           "--no-progress")
    assert code == 1 and "every document failed" in err and reason in err, err
    failure = read_predictions(out).predictions[DOC].failure
    first, *frames = failure.splitlines()
    assert first == reason and frames and "misbehaving_extractors.py" in frames[-1], failure


def test_a_failing_fit_does_not_stop_the_leaderboard(tmp_path, capsys, corpus_dir):
    code, out, err = run_cli(capsys, "leaderboard", "--corpus", corpus_dir, "--split", "train", "--resamples", "0",
                             "--extractor", "misbehaving_extractors:FailingFit", "keep-all", "--no-progress",
                             "--format", "json")
    assert code == 0, err
    names = {row["extractor"]: row for row in json.loads(out)} if out.strip().startswith("[") else json.loads(out)
    assert "keep-all" in str(names) and "failing-fit" in str(names)
    assert "failing-fit: fit() failed: RuntimeError: cannot learn" in err


# --- results, predictions, corpus -------------------------------------------------------------------

@pytest.fixture
def results_file(tmp_path, corpus_dir, capsys):
    preds = write_preds(tmp_path / "p.jsonl", [{"id": DOC, "labels": ["title", "byline", None, "promo"]}])
    res = tmp_path / "r.json"
    code, _, err = run_cli(capsys, "score", preds, "--corpus", corpus_dir, "--split", "train", "--resamples", "0",
                           "-o", res)
    assert code == 0, err
    return res


@pytest.mark.parametrize("damage, message", [
    (lambda d: d["documents"][0]["credit"].pop("body"), "documents[0] (acme-sample): no credit counts for 'body'"),
    (lambda d: d["documents"][0]["unmatched"].pop("title"),
     "documents[0] (acme-sample): no unmatched count for 'title'"),
    (lambda d: d["documents"][0]["credit"]["body"].pop("(none)"), "'(none)' is a required property"),
    (lambda d: d["documents"][0].pop("line_confusion"), "need a 7x7 line_confusion"),
    (lambda d: d["documents"][0].update(line_confusion=[[1.5]]), "need a 7x7 line_confusion"),
], ids=["credit", "unmatched", "credit-column", "line-confusion", "line-confusion-shape"])
def test_check_on_results_lacking_what_it_reads(tmp_path, capsys, results_file, damage, message):
    data = json.loads(results_file.read_text())
    damage(data)
    results_file.write_text(json.dumps(data))
    before = results_file.read_bytes()
    code, _, err = run_cli(capsys, "check", results_file, "--baseline", tmp_path / "b.json", "--update")
    assert code == 1 and f"{results_file}: " in err and message in err, err
    assert results_file.read_bytes() == before and not (tmp_path / "b.json").exists()


def test_predictions_from_another_corpus_version_are_refused(tmp_path, capsys, corpus_dir):
    preds = write_preds(tmp_path / "p.jsonl", [{"id": DOC, "body": "PORT ELLIS"}],
                        {"extractor": {"name": "x", "version": "1"}, "corpus_fingerprint": "sha256:" + "0" * 64})
    args = ["score", preds, "--corpus", corpus_dir, "--split", "train", "--resamples", "0"]
    code, _, err = run_cli(capsys, *args)
    assert code == 1 and f"{preds}:1: made on another version of the corpus" in err and "--any-corpus" in err, err
    code, out, err = run_cli(capsys, *args, "--any-corpus")
    assert code == 0 and "warning:" in err and "another version of the corpus" in err, err
    # the same corpus: no word
    good = fingerprint(list(load_corpus(corpus_dir)))
    write_preds(preds, [{"id": DOC, "body": "PORT ELLIS"}],
                {"extractor": {"name": "x", "version": "1"}, "corpus_fingerprint": good})
    code, out, err = run_cli(capsys, *args)
    assert code == 0 and "another version" not in err, err


def test_leaderboard_refuses_predictions_from_another_corpus_version(tmp_path, capsys, corpus_dir):
    preds = write_preds(tmp_path / "p.jsonl", [{"id": DOC, "body": "PORT ELLIS"}],
                        {"extractor": {"name": "x", "version": "1"}, "corpus_fingerprint": "sha256:" + "1" * 64})
    code, _, err = run_cli(capsys, "leaderboard", "--corpus", corpus_dir, "--split", "train", "--resamples", "0",
                           "--predictions", preds, "--no-progress")
    assert code == 1 and "made on another version of the corpus" in err, err


def test_validate_refuses_an_empty_jsonl(tmp_path, capsys):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    code, out, err = run_cli(capsys, "validate", empty)
    assert code == 1 and f"{empty}: no documents: the file is empty" in out, out + err


def test_validate_reports_a_bad_byte_at_its_line(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(make_doc([("body", "one two")], doc_id="a").dumps().encode() + b"\n{\"id\": \"\xff\"}\n"
                       + make_doc([("body", "three")], doc_id="b").dumps().encode() + b"\n")
    code, out, err = run_cli(capsys, "validate", corpus)
    assert code == 1 and f"{corpus}:2: not valid UTF-8" in out, out
    assert "2 valid document(s), 1 with problems" in err


def test_predictions_bad_byte_is_reported_at_its_line(tmp_path, capsys, corpus_dir):
    preds = tmp_path / "p.jsonl"
    preds.write_bytes(b'{"id": "acme-sample", "body": "x"}\n{"id": "\xff"}\n')
    code, _, err = run_cli(capsys, "score", preds, "--corpus", corpus_dir, "--split", "train")
    assert code == 1 and f"{preds}:2: not valid UTF-8" in err, err


def test_validate_skips_a_named_pipe(tmp_path, capsys, corpus_dir):
    fifo = corpus_dir / "acme" / "pipe.txt"
    os.mkfifo(fifo)
    result = {}
    worker = threading.Thread(target=lambda: result.update(zip(("code", "out", "err"),
                                                              run_cli(capsys, "validate", corpus_dir), strict=True)))
    worker.start()
    worker.join(20)
    if worker.is_alive():  # unblock the reader before failing, so that the test run does not hang
        with open(fifo, "w"):
            pass
        worker.join()
        pytest.fail("validate blocked on a named pipe")
    assert result["code"] == 0 and f"{fifo}: not a regular file: skipped" in result["err"], result


def test_a_named_pipe_given_as_a_file_is_refused(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, out, err = run_cli(capsys, "validate", fifo)
    assert code == 1 and f"{fifo}: not a regular file" in out, out


@pytest.mark.parametrize("command", ["score", "run", "import"])
def test_output_naming_an_existing_folder_names_the_users_path(tmp_path, capsys, corpus_dir, command):
    folder = tmp_path / "existing"
    folder.mkdir()
    if command == "score":
        preds = write_preds(tmp_path / "p.jsonl", [{"id": DOC, "body": "x"}])
        argv = ["score", preds, "--corpus", corpus_dir, "--split", "train", "--resamples", "0", "-o", folder]
    elif command == "run":
        argv = ["run", "keep-all", "--corpus", corpus_dir, "--split", "train", "-o", folder, "--no-progress"]
    else:
        src = tmp_path / "pages.jsonl"
        src.write_text(json.dumps({"id": "a", "html": "<p>one two</p>", "body": "one two"}) + "\n")
        argv = ["import", "jsonl", src, "-o", folder, "--license", "MIT"]
    code, _, err = run_cli(capsys, *argv)
    assert code == 1 and f"{folder}: is a folder" in err, err
    assert list(folder.iterdir()) == []  # no temporary file left behind either


def test_an_exported_folder_reads_only_its_own_files(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from boilerbench.hub.rows import row_of

    folder = tmp_path / "exported"
    (folder / "data").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    inside, outside = make_doc([("body", "inside text")], doc_id="in"), make_doc([("body", "outside")], doc_id="out")
    pq.write_table(pa.Table.from_pylist([row_of(inside)]), folder / "data" / "test-00000-of-00001.parquet")
    pq.write_table(pa.Table.from_pylist([row_of(outside)]), tmp_path / "outside" / "x.parquet")
    (folder / "README.md").write_text("---\nconfigs:\n- config_name: default\n  data_files:\n  - split: test\n"
                                      "    path: ../outside/x.parquet\n---\n# card\n")
    assert [d.id for d in load_corpus(folder)] == ["in"]
