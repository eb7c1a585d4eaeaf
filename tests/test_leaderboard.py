"""The leaderboard, its README block, and the regression gate."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import ROOT
from helpers import run_cli

from boilerbench import load_corpus
from boilerbench.baselines.benchmark import leaderboard
from boilerbench.baselines.registry import DETERMINISTIC
from boilerbench.commands.leaderboard import README_END, README_START, readme_block
from boilerbench.evaluate import Prediction, score
from boilerbench.evaluate.results import read_results, write_results
from boilerbench.testing import assert_no_regression

TEST = [d for d in load_corpus(track="authored") if d.split == "test"]
FAST = ["keep-all", "length", "c4", "ccnet"]


@pytest.fixture(scope="session")
def main_boards():
    """The main job, run once per test session: every deterministic baseline on both tracks."""
    boards, _ = leaderboard(extractors=list(DETERMINISTIC), jobs=2, timeout=60.0, n_resamples=1000)
    return boards


@pytest.mark.slow
def test_readme_leaderboard_is_current(main_boards):
    """The README's leaderboard block is what `boilerbench leaderboard --readme README.md` writes for
    the deterministic baselines; regenerate it with that command when this fails."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    current = text[text.index(README_START): text.index(README_END) + len(README_END)]
    assert current == readme_block(main_boards, 1000)


@pytest.mark.slow
def test_main_job_ranks_the_real_track_first(main_boards):
    assert [b.track for b in main_boards] == ["real", "authored"]
    assert len(main_boards[0].documents) >= 200
    assert {e.name for e in main_boards[0].entries} == set(DETERMINISTIC)
    assert all(e.results.summary["track"] == b.track for b in main_boards for e in b.entries)


def test_project_gate_covers_exactly_the_gated_extractors():
    """`.ci/baseline.json` gates exactly the extractors of `registry.DETERMINISTIC`, each on exactly the
    metrics of `metric_table.TRACKED` (a metric added to the table needs `check --update`)."""
    from boilerbench.evaluate.metric_table import TRACKED

    baseline = json.loads((ROOT / ".ci" / "baseline.json").read_text(encoding="utf-8"))
    assert sorted(baseline["tracks"]) == ["authored", "real"]
    for track, section in baseline["tracks"].items():
        assert sorted(section["extractors"]) == sorted(DETERMINISTIC), track
        for name, entry in section["extractors"].items():
            assert sorted(entry["metrics"]) == sorted(m.key for m in TRACKED), (track, name)


def test_leaderboard_on_a_test_only_corpus_fits_on_the_bundled_train_split(tmp_path, capsys):
    mine = tmp_path / "mine.jsonl"
    mine.write_text("".join(d.dumps() + "\n" for d in TEST[:6]), encoding="utf-8")
    code, out, err = run_cli(capsys, "leaderboard", "--corpus", mine, "--extractor", "length", "sklearn",
                             "--no-progress", "--resamples", "0", "--format", "md")
    assert code == 0, err
    assert "fitted on the bundled corpus's train split" in err and err.count("fitted on the bundled") == 1
    rows = [ln for ln in out.splitlines() if ln.startswith("| ") and ln.split("|")[1].strip().isdigit()]
    assert len(rows) == 2
    code, _, err = run_cli(capsys, "leaderboard", "--corpus", mine, "--extractor", "length", "--train-corpus", mine,
                           "--no-progress", "--resamples", "0")
    assert code == 1 and "has no train split" in err


def test_leaderboard_formats_outputs_and_plots(tmp_path, capsys):
    out = tmp_path / "lb"
    code, text, err = run_cli(capsys, "leaderboard", "--extractor", *FAST, "--no-progress", "--out", out, "--plot",
                              "--by", "publisher", "--resamples", "100", "--jobs", "2", "--track", "authored",
                              "--format", "md")
    assert code == 0, err
    lines = [ln for ln in text.splitlines() if ln.startswith("| ")]
    assert lines[0].startswith("| rank | extractor | input | body P")
    assert "Body F1 by publisher" in text and "| alpenkurier |" in text
    assert sorted(p.name for p in (out / "results" / "authored").iterdir()) == sorted(f"{n}.json" for n in FAST)
    for name in FAST:
        assert read_results(out / "results" / "authored" / f"{name}.json").summary["extractor"]["name"] == name
    assert (out / "precision_recall.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "leakage.png").stat().st_size > 1000
    assert (out / "leaderboard.md").read_text() in text
    # ranked by body F1, and ranks never decrease
    ranks = [int(ln.split("|")[1]) for ln in lines[1 : 1 + len(FAST)]]
    assert ranks == sorted(ranks) and ranks[0] == 1


@pytest.mark.parametrize("fmt", ["json", "csv", "html"])
def test_leaderboard_other_formats(capsys, fmt):
    code, text, _ = run_cli(capsys, "leaderboard", "--extractor", "keep-all", "c4", "--no-progress", "--format", fmt,
                            "--resamples", "50", "--track", "authored")
    assert code == 0
    if fmt == "json":
        table = json.loads(text)
        assert [r["extractor"] for r in table] == ["c4", "keep-all"]
        assert table[0]["body_f1"]["value"] > table[1]["body_f1"]["value"]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows[0]["extractor"] == "c4" and float(rows[1]["body_recall"]) == 1.0
    else:
        assert text.startswith("<!DOCTYPE html>") and 'data-v="keep-all">keep-all<span class="v">v1</span>' in text


def test_leaderboard_difficulty_and_language_breakdowns(capsys):
    for by, marker in (("difficulty", "| Q1 ("), ("language", "| de |")):
        code, text, _ = run_cli(capsys, "leaderboard", "--extractor", "keep-all", "--no-progress", "--by", by,
                                "--resamples", "20", "--track", "authored", "--format", "md")
        assert code == 0 and marker in text


def test_identical_extractors_share_a_rank(tmp_path, capsys):
    from boilerbench.evaluate import write_predictions

    for name in ("twin-a", "twin-b"):
        write_predictions(tmp_path / f"{name}.jsonl", [Prediction(d.id, body=d.text) for d in TEST],
                          header={"extractor": {"name": name, "version": "1"}})
    code, text, _ = run_cli(capsys, "leaderboard", "--predictions", tmp_path / "twin-a.jsonl",
                            tmp_path / "twin-b.jsonl", "--extractor", "c4", "--no-progress", "--resamples", "200",
                            "--track", "authored", "--format", "md")
    assert code == 0
    ranks = {ln.split("|")[2].strip(): int(ln.split("|")[1]) for ln in text.splitlines()
             if ln.startswith("| ") and ln.split("|")[1].strip().isdigit()}
    assert ranks["twin-a 1"] == ranks["twin-b 1"] > ranks["c4 1"]


LEADERBOARD_ERRORS = {
    "plot without out": (["--plot"], "--plot needs --out DIR"),
    "update without check": (["--update"], "--update and --allow-regression go with --check"),
    "bad jobs": (["--jobs", "0"], "argument --jobs: '0': give a whole number, 1 or more"),
    "readme without markers": (["--readme", "{tmp}/plain.md"], "no '<!-- leaderboard:start -->'"),
    "missing readme": (["--readme", "{tmp}/none.md"], "no such file"),
}


@pytest.mark.parametrize("case", sorted(LEADERBOARD_ERRORS))
def test_leaderboard_errors(tmp_path, capsys, case):
    (tmp_path / "plain.md").write_text("# no markers\n")
    extra, message = LEADERBOARD_ERRORS[case]
    extra = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    code, _, err = run_cli(capsys, "leaderboard", "--extractor", "keep-all", "--no-progress", "--resamples", "0",
                           *extra)
    assert code == 1 and message in err, err
    assert (tmp_path / "plain.md").read_text() == "# no markers\n"


# --- the gate ------------------------------------------------------------------------------------

def results_for(name: str, keep: float, tmp_path) -> str:
    """Results of an extractor that keeps each body line with probability-free rule: the first
    `keep` share of body lines plus all promo lines."""
    preds = []
    for d in TEST:
        body = [ln.text for ln in d.lines if ln.label == "body"]
        kept = body[: max(1, int(len(body) * keep))] + [ln.text for ln in d.lines if ln.label == "promo"]
        preds.append(Prediction(d.id, body="\n".join(kept)))
    r = score(TEST, preds, extractor={"name": name, "version": "1"}, split="test", n_resamples=0)
    path = tmp_path / f"{name}-{keep}.json"
    write_results(path, r)
    return str(path)


def test_gate_passes_fails_and_updates(tmp_path, capsys):
    good = results_for("mine", 1.0, tmp_path)
    worse = results_for("mine", 0.5, tmp_path)
    baseline = tmp_path / "baseline.json"
    assert run_cli(capsys, "check", good, "--baseline", baseline, "--update")[0] == 0
    data = json.loads(baseline.read_text())
    recall = read_results(good).value("body", "recall")
    section = data["tracks"]["authored"]
    assert section["extractors"]["mine"]["metrics"]["body_recall"] == round(recall, 6) and data["tolerance"] == 0.005
    code, _, err = run_cli(capsys, "check", good, "--baseline", baseline)
    assert code == 0 and "No regression" in err
    code, out, _ = run_cli(capsys, "check", worse, "--baseline", baseline)
    assert code == 1 and f"| mine (authored) | body_recall | {recall:.4f} |" in out and "regressed" in out
    before = baseline.read_text()
    code, out, _ = run_cli(capsys, "check", worse, "--baseline", baseline, "--update")
    assert code == 1 and "Refusing to update" in out and baseline.read_text() == before
    assert run_cli(capsys, "check", worse, "--baseline", baseline, "--update", "--allow-regression")[0] == 0
    section = json.loads(baseline.read_text())["tracks"]["authored"]
    assert section["extractors"]["mine"]["metrics"]["body_recall"] < recall
    # within the tolerance: passes
    assert run_cli(capsys, "check", worse, "--baseline", baseline, "--tolerance", "0.5")[0] == 0


def test_gate_fingerprint_change_is_an_error_unless_updating(tmp_path, capsys):
    path = results_for("mine", 1.0, tmp_path)
    baseline = tmp_path / "baseline.json"
    assert run_cli(capsys, "check", path, "--baseline", baseline, "--update")[0] == 0
    data = json.loads(baseline.read_text())
    data["tracks"]["authored"]["corpus_fingerprint"] = "sha256:" + "0" * 64
    baseline.write_text(json.dumps(data))
    code, _, err = run_cli(capsys, "check", path, "--baseline", baseline)
    assert code == 1 and "the corpus changed" in err
    assert run_cli(capsys, "check", path, "--baseline", baseline, "--update")[0] == 0


def test_gate_missing_extractor_and_folders(tmp_path, capsys):
    folder = tmp_path / "results"
    folder.mkdir()
    a = results_for("a", 1.0, folder)
    results_for("b", 1.0, folder)
    baseline = tmp_path / "baseline.json"
    assert run_cli(capsys, "check", folder, "--baseline", baseline, "--update")[0] == 0
    code, out, _ = run_cli(capsys, "check", a, "--baseline", baseline)
    assert code == 1 and "| b (authored) | (all) |" in out and "missing" in out


def test_gate_reads_a_version_1_baseline(tmp_path, capsys):
    path = results_for("mine", 1.0, tmp_path)
    r = read_results(path)
    from boilerbench.evaluate.gate import tracked

    old = {"boilerbench_baseline": 1, "corpus_fingerprint": r.summary["corpus_fingerprint"], "split": "test",
           "tolerance": 0.005, "extractors": {"mine": {"version": "1", "metrics": tracked(r)}}}
    r.summary["track"] = None  # results made before tracks: checked against the one section
    write_results(tmp_path / "old.json", r)
    (tmp_path / "baseline.json").write_text(json.dumps(old))
    code, _, err = run_cli(capsys, "check", tmp_path / "old.json", "--baseline", tmp_path / "baseline.json")
    assert code == 0 and "No regression" in err


GATE_ERRORS = {
    "no baseline": (lambda t: ["check", results_for("x", 1.0, t), "--baseline", t / "none.json"],
                    "no such baseline file"),
    "bad baseline": (lambda t: ["check", results_for("x", 1.0, t), "--baseline", t / "bad.json"],
                     "not a valid baseline JSON file"),
    "invalid baseline": (lambda t: ["check", results_for("x", 1.0, t), "--baseline", t / "invalid.json"],
                         "is not valid under any of the given schemas"),
    "bad results": (lambda t: ["check", t / "bad.json", "--baseline", t / "none.json"], "not a valid results JSON"),
    "empty folder": (lambda t: ["check", t / "empty", "--baseline", t / "none.json"], "no results JSON files"),
    "allow without update": (lambda t: ["check", results_for("x", 1.0, t), "--baseline", t / "none.json",
                                        "--allow-regression"], "--allow-regression goes with --update"),
}


@pytest.mark.parametrize("case", sorted(GATE_ERRORS))
def test_gate_errors(tmp_path, capsys, case):
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "invalid.json").write_text(json.dumps({"boilerbench_baseline": 1, "corpus_fingerprint": "sha256:"
                                                       + "a" * 64, "split": "test", "tolerance": 0.005}))
    (tmp_path / "empty").mkdir()
    make, message = GATE_ERRORS[case]
    code, out, err = run_cli(capsys, *make(tmp_path))
    assert code == 1 and message in out + err, out + err


def test_assert_no_regression(tmp_path):
    baseline = tmp_path / "baseline.json"
    good = read_results(results_for("mine", 1.0, tmp_path))
    worse = read_results(results_for("mine", 0.5, tmp_path))
    from boilerbench.evaluate.gate import run_gate

    assert run_gate([good], baseline, update=True).passed
    assert_no_regression(good, baseline)
    with pytest.raises(AssertionError, match="body_recall"):
        assert_no_regression(worse, baseline)


def test_example_workflow_uses_the_gate():
    text = (ROOT / "examples" / "github-actions.yml").read_text()
    assert "boilerbench leaderboard" in text and "--check" in text and "--command" in text


@pytest.mark.parametrize("fmt", ["json", "csv", "html"])
def test_breakdowns_leave_machine_formats_parseable(capsys, fmt):
    code, text, _ = run_cli(capsys, "leaderboard", "--extractor", "keep-all", "--no-progress", "--format", fmt,
                            "--by", "language", "--resamples", "0")
    assert code == 0 and "Body F1 by" not in text
    if fmt == "json":
        assert set(json.loads(text)) == {"real", "authored"}
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {r["track"] for r in rows} == {"real", "authored"}


def test_nan_never_passes_the_gate(tmp_path, capsys):
    good = results_for("mine", 1.0, tmp_path)
    worse = results_for("mine", 0.5, tmp_path)
    baseline = tmp_path / "baseline.json"
    assert run_cli(capsys, "check", good, "--baseline", baseline, "--update")[0] == 0
    for flag in ("nan", "inf", "-1"):
        code, _, err = run_cli(capsys, "check", worse, "--baseline", baseline, "--tolerance", flag)
        assert code == 1 and "argument --tolerance" in err, flag
        assert "not a finite number" in err or "0 or more" in err, flag
    text = baseline.read_text()
    baseline.write_text(text.replace('"tolerance": 0.005', '"tolerance": NaN'))
    code, _, err = run_cli(capsys, "check", worse, "--baseline", baseline)
    assert code == 1 and "NaN is not a JSON number" in err
    baseline.write_text(text)
    data = json.loads((tmp_path / "mine-0.5.json").read_text())
    data["micro"]["body"]["recall"]["value"] = None  # NaN is written as null: the figure is missing
    (tmp_path / "nan.json").write_text(json.dumps(data))
    code, out, _ = run_cli(capsys, "check", tmp_path / "nan.json", "--baseline", baseline)
    assert code == 1 and "missing" in out and "body_recall" in out


def test_deeply_nested_json_is_a_message_not_a_traceback(tmp_path, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000 + "]" * 100000)
    code, _, err = run_cli(capsys, "check", deep, "--baseline", tmp_path / "b.json")
    assert code == 1 and "nested too deeply" in err


def test_results_say_where_they_came_from_and_the_gate_refuses_other_settings(tmp_path, capsys):
    path = results_for("mine", 1.0, tmp_path)
    data = json.loads(open(path).read())
    prov = data["provenance"]
    assert prov["boilerbench"] and prov["python"] and prov["platform"] and prov["created"]
    assert set(prov["packages"]) >= {"numpy", "rapidfuzz", "scikit-learn"}
    baseline = tmp_path / "baseline.json"
    assert run_cli(capsys, "check", path, "--baseline", baseline, "--update")[0] == 0
    assert json.loads(baseline.read_text())["tracks"]["authored"]["settings"]["zero_division"] == 0.0
    r = score(TEST, [Prediction(d.id, body=d.text) for d in TEST], extractor={"name": "mine", "version": "1"},
              split="test", n_resamples=0, zero_division=1.0)
    write_results(tmp_path / "z1.json", r)
    code, _, err = run_cli(capsys, "check", tmp_path / "z1.json", "--baseline", baseline)
    assert code == 1 and "other settings than the baseline" in err and "zero_division 1.0 (baseline 0.0)" in err
    old = dict(data, metric_version="1.0")
    (tmp_path / "old.json").write_text(json.dumps(old))
    code, _, err = run_cli(capsys, "check", tmp_path / "old.json", "--baseline", baseline)
    assert code == 1 and "made with metric version 1.0" in err and "score the predictions again" in err
