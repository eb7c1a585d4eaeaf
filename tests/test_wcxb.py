"""WCXB: the importer, the benchmark's own figures (reproduced from its stored results), and its
results format as predictions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import shared_path
from helpers import run_cli

from boilerbench.evaluate.wcxb import Gold, content_accuracy, content_prf, page_figures

STORED = ("4011", "4015", "4016", "4017", "4021")


@pytest.fixture(scope="module")
def five_pages(tmp_path_factory) -> Path:
    """The five test pages of the stored rs-trafilatura results, imported as documents."""
    from boilerbench.importing import import_pages, read_wcxb

    root = shared_path("external", "wcxb")
    pages = [p for p in read_wcxb(root, splits=("test",), page_types=("article", "collection", "product"))
             if p.key.rsplit("-", 1)[-1] in STORED]
    out = tmp_path_factory.mktemp("wcxb") / "five.jsonl"
    out.write_text("".join(i.document.dumps() + "\n" for i in import_pages(pages, provenance="imported:wcxb",
                                                                           license="CC-BY-4.0")), encoding="utf-8")
    return out


def test_stored_rs_trafilatura_figures_are_reproduced_exactly(five_pages, capsys):
    results = shared_path("external", "wcxb", "test", "results", "rs-trafilatura_results.json")
    stored = json.loads(results.read_text(encoding="utf-8"))
    code, out, _ = run_cli(capsys, "score", results, "--corpus", five_pages, "--metric", "wcxb", "--format", "json")
    assert code == 0
    ours = json.loads(out)
    by_page = {p["id"].rsplit("-", 1)[-1]: p for p in ours["pages"]}
    assert sorted(by_page) == sorted(STORED)
    for page in stored["results"]:
        mine, theirs = by_page[page["file_id"]], page["evaluation"]
        for key in ("content_precision", "content_recall", "content_f1", "content_accuracy",
                    "with_snippets_percentage", "without_snippets_percentage"):
            assert mine[key] == theirs[key], (page["file_id"], key)
        assert bool(mine["title_match"]) == theirs["title_match"]
    for key, value in stored["metrics"].items():
        assert ours["metrics"][key] == pytest.approx(value, abs=1e-15), key


def test_word_figures_by_hand():
    assert content_prf("a b c", "a b c d") == (1.0, 0.75, pytest.approx(6 / 7))
    assert content_prf("A a b", "a b") == (1.0, 1.0, 1.0)  # sets of words, as the stored results
    assert content_prf("A a b", "a b", words="readme")[0] == pytest.approx(2 / 3)  # a bag of words
    assert content_prf("", "a") == (0.0, 0.0, 0.0) and content_prf("", "") == (1.0, 1.0, 1.0)
    assert content_accuracy("b a c", "a b c") == pytest.approx(2 / 3)  # in order
    figures = page_figures(Gold("the cat sat", "Cats", ("Cat sat",), ("menu", "cookies")), "The cat sat. Menu", "cats")
    assert figures["with_snippets_percentage"] == 1.0 and figures["without_snippets_percentage"] == 0.5
    assert figures["title_match"] == 1.0


def _mini_wcxb(tmp_path: Path, keys=("0001", "0002")) -> Path:
    """A WCXB folder of two of the shared pages, in the benchmark's layout."""
    src = shared_path("external", "wcxb")
    meta = json.loads((src / "metadata.json").read_text(encoding="utf-8"))
    root = tmp_path / "wcxb"
    for sub in ("dev/html", "dev/ground-truth"):
        (root / sub).mkdir(parents=True)
    for key in keys:
        shutil.copy(src / "dev" / "html" / f"{key}.html.gz", root / "dev" / "html")
        shutil.copy(src / "dev" / "ground-truth" / f"{key}.json", root / "dev" / "ground-truth")
    meta["files"] = {k: meta["files"][k] for k in keys}
    (root / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    return root


def test_import_wcxb_keeps_the_gold_and_reports_coverage(tmp_path, capsys):
    root = _mini_wcxb(tmp_path)
    out = tmp_path / "w.jsonl"
    code, _, err = run_cli(capsys, "import", "wcxb", root, "-o", out)
    assert code == 0 and "gold body tokens" in err
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == ["wcxb-dev-0001", "wcxb-dev-0002"]
    first = docs[0]
    assert first["license"] == "CC-BY-4.0" and first["source"] == "wcxb/dev/0001"
    assert first["reference_body"] and first["reference"]["title"] and first["reference"]["with"]
    assert {s["label"] for s in first["spans"]} >= {"body", "other"}


def test_import_wcxb_selects_splits_and_page_types(tmp_path, capsys):
    root = _mini_wcxb(tmp_path)
    code, _, err = run_cli(capsys, "import", "wcxb", root, "-o", tmp_path / "x.jsonl", "--page-type", "forum")
    assert code == 1 and "no pages to import" in err


@pytest.mark.parametrize("truth, message", [
    ("[1, 2]", "expected an object with a 'ground_truth' object"),
    ('{"ground_truth": {"main_content": 3}}', "ground_truth.main_content must be a string"),
    ('{"ground_truth": {"main_content": "x", "with": "a"}}', "ground_truth.with must be a list of strings"),
    ("{not json", "not a valid ground-truth JSON file"),
])
def test_import_wcxb_names_a_malformed_ground_truth_file(tmp_path, capsys, truth, message):
    root = _mini_wcxb(tmp_path)
    bad = root / "dev" / "ground-truth" / "0002.json"
    bad.write_text(truth, encoding="utf-8")
    out = tmp_path / "w.jsonl"
    code, _, err = run_cli(capsys, "import", "wcxb", root, "-o", out)
    assert code == 1 and str(bad) in err and message in err
    assert not out.exists()


def test_import_wcxb_without_metadata_says_so(tmp_path, capsys):
    code, _, err = run_cli(capsys, "import", "wcxb", tmp_path, "-o", tmp_path / "w.jsonl")
    assert code == 1 and "no metadata.json" in err


def test_wcxb_results_file_with_a_bad_entry_is_named(tmp_path, capsys, five_pages):
    bad = tmp_path / "bad_results.json"
    bad.write_text(json.dumps({"extractor": "x", "results": [{"file_id": "4011", "extracted": "oops"}]}))
    code, _, err = run_cli(capsys, "score", bad, "--corpus", five_pages, "--metric", "wcxb")
    assert code == 1 and str(bad) in err and "results[0]" in err

