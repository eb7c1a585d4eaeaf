"""`check` speaks CI: JUnit XML and GitHub Actions annotations."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from helpers import make_doc, run_cli

from boilerbench.evaluate import Prediction, score
from boilerbench.evaluate.gate import tracked
from boilerbench.evaluate.results import write_results

DOCS = [make_doc([("title", f"Headline {k}"), ("body", "Rain fell on the town all day long."),
                  ("body", f"The river rose {k} metres by the evening."), ("promo", "Subscribe to our newsletter.")],
                 doc_id=f"doc-{k}") for k in range(4)]


def results_file(tmp_path, name: str, keep_second: bool, promo: bool = False):
    preds = [Prediction(d.id, body="\n".join([d.lines[1].text] + [d.lines[2].text] * keep_second
                                             + [d.lines[3].text] * promo)) for d in DOCS]
    r = score(DOCS, preds, extractor={"name": name, "version": "1"}, split="test", n_resamples=0)
    path = tmp_path / f"{name}-{keep_second}-{promo}.json"
    write_results(path, r)
    return path, r


@pytest.fixture
def gate(tmp_path, capsys):
    good, r = results_file(tmp_path, "mine", True)
    baseline = tmp_path / "baseline.json"
    assert run_cli(capsys, "check", good, "--baseline", baseline, "--update")[0] == 0
    worse, _ = results_file(tmp_path, "mine", False, promo=True)
    return good, worse, baseline, r


def test_junit_has_a_testcase_per_metric_and_a_failure_per_regression(gate, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    good, worse, baseline, r = gate
    junit = tmp_path / "reports" / "gate.xml"
    code, out, _ = run_cli(capsys, "check", worse, "--baseline", baseline, "--junit", junit)
    assert code == 1 and "::error" not in out
    root = ET.parse(junit).getroot()
    cases = root.findall("testsuite/testcase")
    assert sorted(c.get("name") for c in cases) == sorted(tracked(r))
    assert {c.get("classname") for c in cases} == {"boilerbench.authored.mine"}
    failed = {c.get("name"): c.find("failure") for c in cases if c.find("failure") is not None}
    assert set(failed) >= {"body_recall", "body_f1", "leakage_promo"} and "failures" not in failed
    assert root.get("failures") == str(len(failed)) == root.find("testsuite").get("failures")
    assert "in the baseline, now" in failed["body_recall"].get("message")
    assert not list(tmp_path.glob("reports/.gate.xml.*"))  # written atomically: no temporary left
    code, _, _ = run_cli(capsys, "check", good, "--baseline", baseline, "--junit", junit)
    root = ET.parse(junit).getroot()
    assert code == 0 and root.get("failures") == "0" and len(root.findall("testsuite/testcase")) == len(cases)


def test_github_actions_gets_one_error_annotation_per_regression(gate, tmp_path, capsys, monkeypatch):
    good, worse, baseline, _ = gate
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run_cli(capsys, "check", worse, "--baseline", baseline)
    annotations = [ln for ln in out.splitlines() if ln.startswith("::error ")]
    regressed = [ln for ln in out.splitlines() if ln.startswith("| mine") and ln.endswith("| regressed |")]
    assert code == 1 and len(annotations) == len(regressed) > 0
    assert any(a.startswith("::error title=boilerbench gate%3A mine (authored) body_recall regressed::")
               for a in annotations)
    code, out, _ = run_cli(capsys, "check", good, "--baseline", baseline)
    assert code == 0 and "::error" not in out


def test_junit_to_a_folder_is_refused_before_checking(gate, tmp_path, capsys):
    _, worse, baseline, _ = gate
    code, _, err = run_cli(capsys, "check", worse, "--baseline", baseline, "--junit", tmp_path)
    assert code == 1 and f"--junit {tmp_path}: is a folder; give a file name" in err


def test_leaderboard_junit_needs_check(capsys, tmp_path):
    code, _, err = run_cli(capsys, "leaderboard", "--extractor", "keep-all", "--junit", tmp_path / "j.xml")
    assert code == 1 and "--junit goes with --check BASELINE" in err


def test_leaderboard_check_writes_junit_too(tmp_path, capsys):
    import json

    corpus = tmp_path / "docs.jsonl"
    corpus.write_text("".join(d.dumps() + "\n" for d in DOCS), encoding="utf-8")
    preds = tmp_path / "mine.jsonl"
    preds.write_text("".join(json.dumps({"id": d.id, "body": d.lines[1].text}) + "\n" for d in DOCS))
    flags = ["--predictions", preds, "--corpus", corpus, "--resamples", "0", "--no-progress"]
    baseline = tmp_path / "baseline.json"
    assert run_cli(capsys, "leaderboard", *flags, "--check", baseline, "--update")[0] == 0
    code, _, err = run_cli(capsys, "leaderboard", *flags, "--check", baseline, "--junit", tmp_path / "j.xml")
    root = ET.parse(tmp_path / "j.xml").getroot()
    assert code == 0 and root.get("failures") == "0" and int(root.get("tests")) > 5, err


def test_a_refused_comparison_still_gives_ci_its_file_and_annotation(gate, tmp_path, capsys, monkeypatch):
    """Results of other documents: the gate compares nothing, and says so in the JUnit file and
    as an annotation, so a CI reporter never finds the file missing."""
    _, _, baseline, _ = gate
    other = [make_doc([("title", "Another"), ("body", "Something else happened.")], doc_id="other")]
    path = tmp_path / "other.json"
    write_results(path, score(other, [Prediction("other", body="Something")], extractor={"name": "mine",
                                                                                        "version": "1"},
                              split="test", n_resamples=0))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    junit = tmp_path / "gate.xml"
    code, out, err = run_cli(capsys, "check", path, "--baseline", baseline, "--junit", junit)
    assert code == 1 and "fingerprint" in err
    error = ET.parse(junit).getroot().find("testsuite/testcase/error")
    assert error is not None and "fingerprint" in error.text
    assert out.startswith("::error title=boilerbench gate%3A refused to compare::")
