"""`boilerbench score`: results, the schema, atomic writes, and one test per predictions error."""

from __future__ import annotations

import json
import re

import pytest
from conftest import shared_path

from boilerbench import load_corpus
from boilerbench.cli import main
from boilerbench.evaluate import Prediction, read_results, write_predictions
from boilerbench.evaluate.compat import columns, from_sums, page_score
from boilerbench.schemas import schema_errors

TEST_DOCS = [d for d in load_corpus() if d.split == "test"]
OTHER = next(d for d in load_corpus() if d.split == "train")


def write(tmp_path, lines: list[str]):
    path = tmp_path / "preds.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_score_writes_schema_valid_results(tmp_path, capsys):
    preds = tmp_path / "keep-all.jsonl"
    write_predictions(preds, [Prediction(d.id, body=d.text) for d in TEST_DOCS],
                      header={"extractor": {"name": "keep-all", "version": "1"}})
    out_path = tmp_path / "out" / "results.json"
    code, out, _ = run(capsys, "score", preds, "-o", out_path, "--resamples", "100")
    assert code == 0 and "| body |" in out
    data = json.loads(out_path.read_text())
    assert schema_errors("results", data) == []
    assert data["extractor"] == {"name": "keep-all", "version": "1"}
    assert data["split"] == "test" and data["n_documents"] == len(TEST_DOCS)
    assert read_results(out_path).value("body", "recall") == 1.0
    assert [p.name for p in out_path.parent.iterdir()] == ["results.json"]  # no temporary left behind


def test_score_json_format_and_labels(tmp_path, capsys):
    # the gold as spans (line labels would lose the minor piece of a split line)
    path = write(tmp_path, [json.dumps({"id": d.id, "spans": [{"start": s.start, "end": s.end, "label": s.label}
                                                              for s in d.spans]})
                            for d in TEST_DOCS])
    code, out, _ = run(capsys, "score", path, "--format", "json", "--resamples", "0")
    assert code == 0
    data = json.loads(out)
    assert data["mode"] == "labels" and data["micro"]["title"]["f1"]["value"] == 1.0


def test_predictions_of_other_splits_are_ignored(tmp_path, capsys):
    path = write(tmp_path, [json.dumps({"id": OTHER.id, "body": ""}), json.dumps({"id": TEST_DOCS[0].id, "body": ""})])
    code, out, _ = run(capsys, "score", path, "--resamples", "0")
    same_track = [d for d in TEST_DOCS if d.track == TEST_DOCS[0].track]  # the track the predictions cover
    assert code == 0 and f"Missing predictions: {len(same_track) - 1}" in out


def test_predictions_of_another_split_only_are_an_error(tmp_path, capsys):
    path = write(tmp_path, [json.dumps({"id": OTHER.id, "body": ""})])
    code, _, err = run(capsys, "score", path, "--resamples", "0")
    assert code == 1 and "none of its predictions is for a document of split 'test'" in err


ERRORS = {
    "not json": (["{oops"], 1, "not valid JSON"),
    "unknown id": ([json.dumps({"id": "no-such-doc", "body": "x"})], 1, "unknown document id 'no-such-doc'"),
    "duplicate id": ([json.dumps({"id": TEST_DOCS[0].id, "body": "x"})] * 2, 2, "duplicate prediction"),
    "two forms": ([json.dumps({"id": TEST_DOCS[0].id, "body": "x", "labels": []})], 1, "give one form"),
    "no form": ([json.dumps({"id": TEST_DOCS[0].id})], 1, "no prediction: give 'labels', 'spans' or 'body'"),
    "unknown label": ([json.dumps({"id": TEST_DOCS[0].id, "labels": ["headline"]})], 1,
                      "'headline' is not valid"),
    "wrong line count": ([json.dumps({"id": TEST_DOCS[0].id, "labels": ["body"]})], 1, "1 labels for"),
    "bad span": ([json.dumps({"id": TEST_DOCS[0].id, "spans": [{"start": 5, "end": 10 ** 7, "label": "body"}]})],
                 1, "lies outside the text"),
    "not an object": (["[1, 2]"], 1, "must be a JSON object"),
    "unknown field": ([json.dumps({"id": TEST_DOCS[0].id, "body": "x", "score": 3})], 1,
                      "Additional properties are not allowed"),
    "late header": ([json.dumps({"id": TEST_DOCS[0].id, "body": "x"}), json.dumps({"boilerbench_predictions": 1})],
                    2, "the header line may only come first"),
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_predictions_errors_name_file_and_line(tmp_path, capsys, case):
    lines, lineno, message = ERRORS[case]
    path = write(tmp_path, lines)
    code, _, err = run(capsys, "score", path, "--resamples", "0")
    assert code == 1
    assert re.search(rf"{re.escape(str(path))}:{lineno}: .*{re.escape(message)}", err), err


def test_missing_predictions_file(tmp_path, capsys):
    code, _, err = run(capsys, "score", tmp_path / "nope.jsonl")
    assert code == 1 and "no such predictions file" in err


def test_bad_options(tmp_path, capsys):
    path = write(tmp_path, [])
    assert run(capsys, "score", path, "--resamples", "-1")[0] == 1
    assert run(capsys, "score", path, "--confidence", "1.5")[0] == 1
    code, _, err = run(capsys, "score", path, "--split", "dev")
    assert code == 1 and "unknown split 'dev'" in err


def test_empty_predictions_file_scores_every_document_as_missing(tmp_path, capsys):
    code, out, _ = run(capsys, "score", write(tmp_path, []), "--resamples", "0")
    assert code == 0 and f"Missing predictions: {len(TEST_DOCS)}" in out


# --- the compatibility metric against the article-extraction-benchmark's published table ---------

def published_latest() -> dict[str, dict[str, float]]:
    text = shared_path("external", "article-extraction-benchmark", "published-results.txt").read_text()
    block = text.split("Results of the latest evaluation::", 1)[1].split("\n\n", 2)[1]
    out = {}
    for line in block.splitlines():
        parts = line.split()
        if len(parts) >= 14:
            out[parts[0]] = {"f1": float(parts[2]), "precision": float(parts[5]), "recall": float(parts[8]),
                             "accuracy": float(parts[11])}
    return out


@pytest.mark.parametrize("system", ["trafilatura", "readability", "justext", "goose3", "html-text",
                                    "beautifulsoup", "go_trafilatura", "rs_trafilatura", "readability_js"])
def test_compat_metric_reproduces_published_table(system):
    base = shared_path("external", "article-extraction-benchmark")
    gold = json.loads((base / "ground-truth.json").read_text())
    out = json.loads((base / "output" / f"{system}.json").read_text())
    if "output" in out and "version" in out:
        out = out["output"]
    pages = [page_score(gold[k].get("articleBody", ""), (out.get(k) or {}).get("articleBody") or "") for k in gold]
    ours = from_sums(columns(pages).sum(axis=0), len(pages))
    published = published_latest()[system]
    for key in ("f1", "precision", "recall", "accuracy"):
        assert round(float(ours[key]), 3) == published[key], key


def test_metric_aeb_writes_gates_and_breaks_down_full_results(tmp_path, capsys):
    """--metric aeb skips the alignment only for its table: results written, broken down or
    gated carry every figure (an AEB-only results file would fail its schema)."""
    from boilerbench.evaluate.results import read_results

    docs = [d for d in TEST_DOCS if d.track == "authored"]
    path = write(tmp_path, [json.dumps({"id": d.id, "body": d.text}) for d in docs])
    code, out, err = run(capsys, "score", path, "--metric", "aeb", "-o", tmp_path / "a.json", "--resamples", "20")
    assert code == 0, err
    assert read_results(tmp_path / "a.json").value("body", "recall") == 1.0
    code, out, err = run(capsys, "leaderboard", "--predictions", path, "--metric", "aeb", "--track", "authored",
                         "--out", tmp_path / "lb", "--by", "language", "--resamples", "20", "--no-progress")
    assert code == 0, err
    assert read_results(next((tmp_path / "lb" / "results" / "authored").iterdir())).value("body", "recall") == 1.0


def test_predictions_files_scored_in_forked_processes_score_as_in_one():
    from boilerbench.baselines.benchmark import score_in_parallel
    from boilerbench.evaluate import Prediction

    docs = [d for d in TEST_DOCS if d.track == "authored"]
    files = [[Prediction(d.id, body="\n".join(line.text for line in d.lines[k::3])) for d in docs] for k in range(3)]
    tasks = [(docs, f) for f in files]

    def figures(results):
        return [{k: v for k, v in r.to_json().items() if k not in ("timing", "provenance")} for r in results]

    assert figures(score_in_parallel(tasks, jobs=2, n_resamples=50)) == figures(
        score_in_parallel(tasks, jobs=1, n_resamples=50))


def test_metric_aeb_as_json_gives_the_same_figures_as_the_table(tmp_path, capsys):
    docs = [d for d in TEST_DOCS if d.track == "authored"]
    path = write(tmp_path, [json.dumps({"id": d.id, "body": d.text}) for d in docs])
    code, out, err = run(capsys, "score", path, "--metric", "aeb", "--format", "json", "--resamples", "20")
    assert code == 0, err
    data = json.loads(out)
    code, row, _ = run(capsys, "score", path, "--metric", "aeb", "--resamples", "20")
    assert f"{data['metrics']['f1']['value']:.3f} ± {data['metrics']['f1']['std']:.3f}" in row


def test_zero_division_warn_names_each_file_in_its_warnings(tmp_path, capsys):
    docs = [d for d in TEST_DOCS if d.track == "authored"]
    empty = [json.dumps({"id": d.id, "body": ""}) for d in docs]
    a, b = write(tmp_path, empty), tmp_path / "b.jsonl"
    b.write_text(a.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, "score", a, b, "--zero-division", "warn", "--resamples", "0")
    assert code == 0
    for path in (a, b):  # one line per figure that fell back, for each file (not once per code location)
        assert f"boilerbench: warning: {path}: body precision (micro) is 0/0" in err
    assert "UndefinedMetricWarning" not in err and "return score_pairs" not in err
