"""Label Studio round trips, written from its documented JSON export format: tasks with `data`,
and `annotations` whose `result` regions carry `value.start`, `value.end` (UTF-16 code units, as
JavaScript counts), `value.text` and `value.labels`."""

from __future__ import annotations

import json

import pytest
from helpers import run_cli

from boilerbench import load_corpus
from boilerbench.document import Document, Span
from boilerbench.labelstudio import labelling_config, task_of, to_utf16
from boilerbench.source_format import read

CORPUS = list(load_corpus())



def region(text: str, start: int, end: int, label: str, *, utf16: bool = True) -> dict:
    s, e = (to_utf16(text, start), to_utf16(text, end)) if utf16 else (start, end)
    return {"id": f"r{start}", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
            "value": {"start": s, "end": e, "text": text[start:end], "labels": [label]}}


def annotation(text: str, spans, *, who="alice@example.org", updated="2026-01-02T10:00:00Z", cancelled=False,
               ann_id=1, utf16=True) -> dict:
    return {"id": ann_id, "completed_by": {"id": 1, "email": who}, "was_cancelled": cancelled, "ground_truth": False,
            "created_at": updated, "updated_at": updated, "lead_time": 12.5,
            "result": [region(text, s.start, s.end, s.label, utf16=utf16) for s in spans]}


def export_of(doc: Document, *annotations) -> dict:
    task = task_of(doc)
    return {"id": 7, "data": task["data"], "annotations": list(annotations), "predictions": [],
            "created_at": "2026-01-01T00:00:00Z"}


def do_import(tmp_path, capsys, tasks, *extra):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return run_cli(capsys, "labelstudio", "import", path, "--out", tmp_path / "out", *extra)


def imported(tmp_path, doc_id, publisher="p") -> Document:
    parsed = read(tmp_path / "out" / publisher / f"{doc_id}.txt")
    assert parsed.problems == []
    return parsed.document


def make(text: str, labels: list[str]) -> Document:
    spans, pos = [], 0
    for line, label in zip(text.split("\n"), labels, strict=True):
        if line.strip():
            spans.append(Span(pos, pos + len(line), label))
        pos += len(line) + 1
    return Document(id="ls-doc", publisher="p", language="en", split="train", provenance="authored",
                    license="CC-BY-4.0", text=text, spans=tuple(spans))


def test_config_shows_line_breaks_and_all_labels():
    config = labelling_config()
    assert "white-space: pre-wrap" in config
    assert all(f'<Label value="{label}"' in config for label in ("title", "byline", "body", "promo", "teaser", "other"))


def test_round_trip_of_the_corpus(tmp_path, capsys):
    """Every authored document and every fifth real one (the real pages are long and alike in
    form: the sample keeps the test quick), through Label Studio and back, unchanged."""
    sample = [d for d in CORPUS if d.track == "authored"] + [d for d in CORPUS if d.track == "real"][::5]
    tasks = [export_of(d, annotation(d.text, d.spans)) for d in sample]
    assert do_import(tmp_path, capsys, tasks)[0] == 0
    back = {d.id: d for d in load_corpus(tmp_path / "out")}
    assert back == {d.id: d for d in sample}


def test_emoji_offsets_in_utf16_units_are_repaired(tmp_path, capsys):
    doc = make("Party 🎉🎉 tonight\nThe band 🎸 plays at nine.\nSign up 📧 now", ["title", "body", "promo"])
    assert do_import(tmp_path, capsys, [export_of(doc, annotation(doc.text, doc.spans))])[0] == 0
    assert imported(tmp_path, "ls-doc") == doc


def test_code_point_offsets_are_accepted_too(tmp_path, capsys):
    doc = make("Party 🎉 tonight\nThe band plays.", ["title", "body"])
    assert do_import(tmp_path, capsys, [export_of(doc, annotation(doc.text, doc.spans, utf16=False))])[0] == 0
    assert imported(tmp_path, "ls-doc") == doc


def test_crlf_text_is_normalised(tmp_path, capsys):
    doc = make("Headline here\nBody text here.", ["title", "body"])
    task = export_of(doc)
    crlf = doc.text.replace("\n", "\r\n")
    task["data"]["text"] = crlf
    task["annotations"] = [{"id": 1, "completed_by": 1, "was_cancelled": False, "updated_at": "2026-01-01",
                            "result": [region(crlf, 0, 13, "title"), region(crlf, 15, 30, "body")]}]
    assert do_import(tmp_path, capsys, [task])[0] == 0
    assert imported(tmp_path, "ls-doc") == doc


def test_right_to_left_line(tmp_path, capsys):
    doc = make("כותרת החדשות\nהמועצה התכנסה ביום שלישי.\nمرحبا بالعالم", ["title", "body", "other"])
    assert do_import(tmp_path, capsys, [export_of(doc, annotation(doc.text, doc.spans))])[0] == 0
    assert imported(tmp_path, "ls-doc") == doc


def test_whitespace_gaps_and_regions_across_lines(tmp_path, capsys):
    text = "  Headline  \nBy Ann,  CITY — text.\n   \nEnd."
    regions = [(2, 10, "title"), (13, 20, "byline"), (22, 34, "body"), (39, 43, "other")]
    task = export_of(make("x", ["body"]))
    task["data"]["text"] = text
    task["annotations"] = [{"id": 1, "completed_by": 1, "updated_at": "1",
                            "result": [region(text, *r) for r in regions]}]
    assert do_import(tmp_path, capsys, [task])[0] == 0
    doc = imported(tmp_path, "ls-doc")
    assert [(text[s.start:s.end], s.label) for s in doc.spans] == [
        ("  Headline  ", "title"), ("By Ann,  ", "byline"), ("CITY — text.", "body"), ("End.", "other")]
    # one region selected across two lines is cut at the line end
    task["annotations"][0]["result"] = [region(text, 0, 34, "body"), region(text, 39, 43, "other")]
    assert do_import(tmp_path, capsys, [task])[0] == 0
    assert [s.label for s in imported(tmp_path, "ls-doc").spans] == ["body", "body", "other"]


def test_several_annotators(tmp_path, capsys):
    doc = make("Headline\nBody text.", ["title", "body"])
    other = make("Headline\nBody text.", ["title", "promo"])
    task = export_of(doc, annotation(doc.text, doc.spans, who="alice@example.org", updated="2026-01-02T10:00:00Z"),
                     annotation(other.text, other.spans, who="bob@example.org", updated="2026-01-03T10:00:00Z",
                                ann_id=2))
    assert do_import(tmp_path, capsys, [task])[0] == 0
    assert imported(tmp_path, "ls-doc").spans == other.spans  # the latest
    code, _, _ = do_import(tmp_path, capsys, [task], "--annotators", "each")
    assert code == 0
    out = tmp_path / "out"
    assert read(out / "alice@example.org" / "p" / "ls-doc.txt").document.spans == doc.spans
    assert read(out / "bob@example.org" / "p" / "ls-doc.txt").document.spans == other.spans
    code, report, _ = run_cli(capsys, "agreement", out / "bob@example.org", "--corpus", out / "alice@example.org")
    assert code == 0 and "Cohen's kappa" in report


def test_text_edited_after_export_is_authoritative(tmp_path, capsys):
    doc = make("Headline\nBody txt.", ["title", "body"])
    task = export_of(doc)
    task["data"]["text"] = "Headline\nBody text, fixed."
    fixed = make(task["data"]["text"], ["title", "body"])
    task["annotations"] = [annotation(fixed.text, fixed.spans)]
    assert do_import(tmp_path, capsys, [task])[0] == 0
    assert imported(tmp_path, "ls-doc").text == "Headline\nBody text, fixed."


def test_pre_annotation_is_recorded_in_notes(tmp_path, capsys):
    tasks_path = tmp_path / "tasks.json"
    small = tmp_path / "three.jsonl"  # three test documents; `length` fits on the bundled train split
    small.write_text("".join(d.dumps() + "\n" for d in [d for d in CORPUS if d.split == "test"][:3]), encoding="utf-8")
    code, _, _ = run_cli(capsys, "labelstudio", "export", "--corpus", small, "--split", "test", "--pre-annotate",
                         "length", "-o", tasks_path)
    assert code == 0
    tasks = json.loads(tasks_path.read_text())
    assert tasks[0]["predictions"][0]["model_version"].startswith("length")
    doc = next(d for d in CORPUS if d.id == tasks[0]["data"]["doc_id"])
    tasks[0]["annotations"] = [annotation(doc.text, doc.spans)]
    assert do_import(tmp_path, capsys, tasks[:1])[0] == 0
    assert "pre-annotations by length" in imported(tmp_path, doc.id, doc.publisher).notes


def test_plain_export_has_one_task_per_document(tmp_path, capsys):
    path = tmp_path / "tasks.json"
    assert run_cli(capsys, "labelstudio", "export", "-o", path)[0] == 0
    tasks = json.loads(path.read_text())
    assert len(tasks) == len(CORPUS) and all("predictions" not in t for t in tasks)


def _edited(doc):
    task = export_of(doc, annotation(doc.text, doc.spans))
    task["data"]["text"] = "Headline\nBody TEXT."
    return task


DOC = make("Headline\nBody text.", ["title", "body"])
ERRORS = {
    "overlap": (lambda: [export_of(DOC, {**annotation(DOC.text, DOC.spans), "result": [
        region(DOC.text, 0, 8, "title"), region(DOC.text, 5, 19, "body")]})], "overlap"),
    "cancelled": (lambda: [export_of(DOC, annotation(DOC.text, DOC.spans, cancelled=True))], "was cancelled"),
    "empty": (lambda: [export_of(DOC, {**annotation(DOC.text, DOC.spans), "result": []})], "has no annotation"),
    "no annotations": (lambda: [export_of(DOC)], "has no annotation"),
    "uncovered": (lambda: [export_of(DOC, annotation(DOC.text, DOC.spans[:1]))],
                  "character 9 ('B') on line 2 has no label"),
    "unknown label": (lambda: [export_of(DOC, {**annotation(DOC.text, DOC.spans), "result": [
        {**region(DOC.text, 0, 8, "title"), "value": {"start": 0, "end": 8, "text": "Headline", "labels": ["head"]}},
        region(DOC.text, 9, 19, "body")]})], "has labels ['head']"),
    "text edited after annotation": (lambda: [_edited(DOC)], "does not match its text"),
    "not a list": (lambda: {"tasks": []}, "expected a Label Studio JSON export: a list of tasks"),
    "missing header": (lambda: [{**export_of(DOC, annotation(DOC.text, DOC.spans)), "data": {"text": DOC.text}}],
                       "missing header field"),
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_import_errors_name_the_task(tmp_path, capsys, case):
    make_tasks, message = ERRORS[case]
    code, _, err = do_import(tmp_path, capsys, make_tasks())
    assert code == 1 and message in err, err
    if isinstance(make_tasks(), list):
        assert "task 7" in err
    assert not (tmp_path / "out").exists()


def test_import_bad_json(tmp_path, capsys):
    (tmp_path / "export.json").write_text("{nope")
    code, _, err = run_cli(capsys, "labelstudio", "import", tmp_path / "export.json", "--out", tmp_path / "out")
    assert code == 1 and "not a valid Label Studio JSON file" in err
