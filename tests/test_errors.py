"""One test per error message a user can meet when reading documents, through the CLI:
a message naming the file and line, exit 1, no traceback, no file changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import VALID_HEADER, VALID_ROWS

from boilerbench.cli import main

FILE = "acme/acme-sample.txt"


def run_validate(capsys, *paths: Path) -> tuple[int, str]:
    code = main(["validate", *map(str, paths)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out


def assert_reports(capsys, corpus_dir: Path, data: bytes, line: int, message: str) -> None:
    path = corpus_dir / FILE
    path.write_bytes(data)
    code, out = run_validate(capsys, corpus_dir)
    assert code == 1
    assert f"{path}:{line}: " in out, out
    assert message in out, out
    assert path.read_bytes() == data  # nothing was changed


SOURCE_CASES = {
    "malformed row": (VALID_HEADER + "body   | fine\nthis row has no bar\n", 10, "malformed row"),
    "unknown label": (VALID_HEADER + "bodyy  | text\n", 9, "unknown label 'bodyy'"),
    "no space after bar": (VALID_HEADER + "body   |text\n", 9, "put one space between the bar"),
    "text without label": (VALID_HEADER + "       | text\n", 9, "has text but no label"),
    "labelled empty row": (VALID_HEADER + "body   | x\nbody   |\n", 10, "a labelled row needs text"),
    "orphan continuation": (VALID_HEADER + "body  +| text\n", 9, "continues the raw line above"),
    "two unlabelled pieces": (VALID_HEADER + "body   | a\n      +|  \n      +| \t\n", 11, "two unlabelled pieces"),
    "empty piece": (VALID_HEADER + "       |\nbody  +| text\n", 9, "empty piece in a split line"),
    "empty document": (VALID_HEADER + "       |\n", 9, "empty document"),
    "no header": ("title  | x\n", 1, "must start with a '---' line"),
    "header not closed": ("---\nid: acme-sample\n", 1, "never closed"),
    "malformed header line": (VALID_HEADER.replace("language: en", "language en") + VALID_ROWS, 4,
                              "malformed header line"),
    "unknown header field": (VALID_HEADER.replace("license:", "licence:") + VALID_ROWS, 7,
                             "unknown header field 'licence'"),
    "duplicate header field": (VALID_HEADER.replace("split: train\n", "split: train\nsplit: test\n") + VALID_ROWS,
                               6, "given twice"),
    "empty header value": (VALID_HEADER.replace("split: train", "split:") + VALID_ROWS, 5, "has no value"),
    "bad quoted value": (VALID_HEADER.replace("CC-BY-4.0", '"CC-BY') + VALID_ROWS, 7,
                         "not a valid double-quoted string"),
    "value needs quotes": (VALID_HEADER + VALID_ROWS).replace("license: CC-BY-4.0", "license: a: b"),
    "missing header field": (VALID_HEADER.replace("split: train\n", "") + VALID_ROWS, 1,
                             "missing header field 'split'"),
    "unknown split": (VALID_HEADER.replace("split: train", "split: dev") + VALID_ROWS, 5, "unknown split 'dev'"),
    "bad language": (VALID_HEADER.replace("language: en", "language: english!") + VALID_ROWS, 4, "BCP 47"),
    "bad provenance": (VALID_HEADER.replace("provenance: authored", "provenance: scraped") + VALID_ROWS, 6,
                       "provenance 'scraped'"),
    "bad url": (VALID_HEADER.replace("language: en", "url: www.example.com\nlanguage: en") + VALID_ROWS, 4,
                "not an http(s) URL"),
    "id does not match file": (VALID_HEADER.replace("id: acme-sample", "id: acme-other") + VALID_ROWS, 2,
                               "does not match the file name"),
    "publisher does not match folder": (VALID_HEADER.replace("publisher: acme", "publisher: zeta") + VALID_ROWS,
                                        3, "does not match the folder"),
    "unsafe id": (VALID_HEADER.replace("id: acme-sample", "id: ../etc") + VALID_ROWS, 2, "not safe as a file name"),
}
SOURCE_CASES["value needs quotes"] = (SOURCE_CASES["value needs quotes"], 7, "put the value in double quotes")


@pytest.mark.parametrize("case", sorted(SOURCE_CASES))
def test_source_file_error(capsys, corpus_dir, case):
    text, line, message = SOURCE_CASES[case]
    assert_reports(capsys, corpus_dir, text.encode("utf-8"), line, message)


def test_not_utf8(capsys, corpus_dir):
    data = (VALID_HEADER + "body   | caf").encode() + b"\xe9\n"
    assert_reports(capsys, corpus_dir, data, 9, "not valid UTF-8")


def test_bom(capsys, corpus_dir):
    assert_reports(capsys, corpus_dir, b"\xef\xbb\xbf" + (VALID_HEADER + VALID_ROWS).encode(), 1,
                   "byte-order mark")


def test_crlf(capsys, corpus_dir):
    data = (VALID_HEADER + VALID_ROWS).replace("\n", "\r\n").encode()
    assert_reports(capsys, corpus_dir, data, 1, "CRLF line ends")


def test_one_bad_document_does_not_hide_the_others(capsys, corpus_dir):
    (corpus_dir / "acme" / "acme-b.txt").write_text(VALID_HEADER.replace("acme-sample", "acme-b")
                                                    + "bodyy  | x\n", encoding="utf-8")
    (corpus_dir / "acme" / "acme-c.txt").write_text(VALID_HEADER.replace("acme-sample", "acme-c")
                                                    + "       | x\n", encoding="utf-8")
    code, out = run_validate(capsys, corpus_dir)
    assert code == 1
    assert "acme-b.txt:9: unknown label" in out and "acme-c.txt:9: this row has text" in out


def test_duplicate_id_across_paths(capsys, corpus_dir, tmp_path_factory):
    other = tmp_path_factory.mktemp("other") / "acme"
    other.mkdir()
    (other / "acme-sample.txt").write_text(VALID_HEADER + "body   | different text\n", encoding="utf-8")
    code, out = run_validate(capsys, corpus_dir, other.parent)
    assert code == 1 and "duplicate id 'acme-sample'" in out


def test_duplicate_text(capsys, corpus_dir):
    (corpus_dir / "acme" / "acme-copy.txt").write_text(
        VALID_HEADER.replace("acme-sample", "acme-copy") + VALID_ROWS, encoding="utf-8")
    code, out = run_validate(capsys, corpus_dir)
    assert code == 1 and "has the same text as document 'acme-copy'" in out


def test_missing_path(capsys, tmp_path):
    code, out = run_validate(capsys, tmp_path / "nope")
    assert code == 1 and f"{tmp_path / 'nope'}: no such file or folder" in out


def test_not_a_corpus(capsys, tmp_path):
    (tmp_path / "x.csv").write_text("a,b\n")
    code, out = run_validate(capsys, tmp_path / "x.csv")
    assert code == 1 and "not a corpus" in out


# --- the JSONL form --------------------------------------------------------------------------

GOOD_JSON = {"id": "j1", "publisher": "acme", "language": "en", "split": "test", "provenance": "authored",
             "license": "CC-BY-4.0", "text": "Head\nBody text.",
             "spans": [{"start": 0, "end": 4, "label": "title"}, {"start": 5, "end": 15, "label": "body"}]}


def jsonl_case(capsys, tmp_path, record, message, raw: str | None = None):
    path = tmp_path / "docs.jsonl"
    first = json.dumps({**GOOD_JSON, "id": "j0", "text": "Other\nText here."})
    data = first + "\n" + (raw if raw is not None else json.dumps(record)) + "\n"
    path.write_text(data, encoding="utf-8")
    code, out = run_validate(capsys, path)
    assert code == 1
    assert f"{path}:2: " in out and message in out, out
    assert path.read_text(encoding="utf-8") == data


def test_jsonl_valid(capsys, tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(GOOD_JSON) + "\n", encoding="utf-8")
    assert run_validate(capsys, path)[0] == 0


def test_jsonl_overlapping_span(capsys, tmp_path):
    spans = [{"start": 0, "end": 4, "label": "title"}, {"start": 3, "end": 15, "label": "body"}]
    jsonl_case(capsys, tmp_path, {**GOOD_JSON, "spans": spans}, "overlaps")


def test_jsonl_span_outside_text(capsys, tmp_path):
    spans = GOOD_JSON["spans"] + [{"start": 15, "end": 40, "label": "other"}]
    jsonl_case(capsys, tmp_path, {**GOOD_JSON, "spans": spans}, "lies outside the text")


def test_jsonl_span_crosses_line_end(capsys, tmp_path):
    jsonl_case(capsys, tmp_path, {**GOOD_JSON, "spans": [{"start": 0, "end": 15, "label": "body"}]},
               "crosses a line end")


def test_jsonl_uncovered_character(capsys, tmp_path):
    jsonl_case(capsys, tmp_path, {**GOOD_JSON, "spans": GOOD_JSON["spans"][:1]}, "character 5 ('B') has no label")


def test_jsonl_unknown_label(capsys, tmp_path):
    spans = [{"start": 0, "end": 4, "label": "headline"}, GOOD_JSON["spans"][1]]
    jsonl_case(capsys, tmp_path, {**GOOD_JSON, "spans": spans}, "'headline' is not one of")


def test_jsonl_carriage_return(capsys, tmp_path):
    record = {**GOOD_JSON, "text": "Head\r\nBody text",
              "spans": [{"start": 0, "end": 4, "label": "title"}, {"start": 6, "end": 15, "label": "body"}]}
    jsonl_case(capsys, tmp_path, record, "carriage return")


def test_jsonl_schema_error_names_the_field(capsys, tmp_path):
    record = {k: v for k, v in GOOD_JSON.items() if k != "license"}
    jsonl_case(capsys, tmp_path, record, "document 'j1': document: missing required field 'license'")


def test_jsonl_not_json(capsys, tmp_path):
    jsonl_case(capsys, tmp_path, None, "not valid JSON", raw="{oops")


def test_a_reader_that_goes_away_stops_the_command_quietly(monkeypatch, capsys):
    """`boilerbench extractors | head -1`: the closed pipe ends the command with exit 1, no traceback."""
    import os

    from boilerbench.cli import main

    read_end, write_end = os.pipe()
    os.close(read_end)
    with capsys.disabled(), open(write_end, "w", buffering=1) as closed:
        monkeypatch.setattr("sys.stdout", closed)
        assert main(["extractors"]) == 1
