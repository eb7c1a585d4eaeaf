"""Flags that cannot work are refused before any extractor runs: every case here fails the test
if an extractor is started (the runner is replaced by one that raises)."""

from __future__ import annotations

import json

import pytest
from helpers import run_cli


@pytest.fixture(autouse=True)
def nothing_runs(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an extractor ran before the flags were checked")

    monkeypatch.setattr("boilerbench.baselines.runner.run_extractor", refuse)


def _unwritable_parent(t):
    (t / "afile").write_text("x")
    return t / "afile" / "sub"


LEADERBOARD = {
    "plot without out": (lambda t: ["--plot"], "--plot needs --out DIR"),
    "missing baseline": (lambda t: ["--check", t / "none.json"], "no such baseline file (create it with --update)"),
    "unreadable baseline": (lambda t: ["--check", t / "bad.json"], "not a valid baseline JSON file"),
    "invalid baseline": (lambda t: ["--check", t / "invalid.json"], "invalid.json"),
    "missing readme": (lambda t: ["--readme", t / "NOPE.md"], "--readme"),
    "readme without markers": (lambda t: ["--readme", t / "plain.md"], "markers to write between"),
    "out is a file": (lambda t: ["--out", t / "plain.md"], "exists and is not a folder"),
    "out cannot be made": (lambda t: ["--out", _unwritable_parent(t)], "cannot create the folder"),
    "junit without check": (lambda t: ["--junit", t / "j.xml"], "--junit goes with --check BASELINE"),
    "junit is a folder": (lambda t: ["--check", t / "none.json", "--update", "--junit", t],
                          "is a folder; give a file name"),
    "unknown extractor after a known one": (lambda t: ["--extractor", "keep-all", "nope"], "unknown extractor 'nope'"),
    "missing predictions": (lambda t: ["--predictions", t / "none.jsonl"], "none.jsonl: no such file"),
}


@pytest.mark.parametrize("case", sorted(LEADERBOARD))
def test_leaderboard_refuses_flags_before_running(tmp_path, capsys, case):
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "invalid.json").write_text(json.dumps({"boilerbench_baseline": 2}))
    (tmp_path / "plain.md").write_text("# no markers\n")
    make, message = LEADERBOARD[case]
    code, out, err = run_cli(capsys, "leaderboard", "--extractor", "keep-all", "--no-progress", *make(tmp_path))
    assert code == 1 and message in err, err
    assert out == "" and (tmp_path / "plain.md").read_text() == "# no markers\n"


def test_run_refuses_an_output_it_cannot_write_before_running(tmp_path, capsys):
    code, _, err = run_cli(capsys, "run", "keep-all", "-o", _unwritable_parent(tmp_path) / "p.jsonl")
    assert code == 1 and "-o " in err and "cannot create the folder" in err
    code, _, err = run_cli(capsys, "run", "keep-all", "-o", tmp_path)
    assert code == 1 and "is a folder; give a file name" in err


def test_score_refuses_an_output_it_cannot_write_before_scoring(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("boilerbench.commands.score.load_corpus", lambda *a, **k: pytest.fail("the corpus was read"))
    preds = tmp_path / "p.jsonl"
    preds.write_text('{"id": "x", "body": ""}\n')
    code, _, err = run_cli(capsys, "score", preds, "-o", tmp_path)
    assert code == 1 and "is a folder; give a file name" in err
