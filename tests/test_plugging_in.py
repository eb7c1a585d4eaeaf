"""Plugging in an extractor: module:attr from the current folder, a plain function, --command
with --name, and plugins that run only when named."""

from __future__ import annotations

import json
import sys
import textwrap

import pytest
from helpers import run_cli

from boilerbench.baselines.benchmark import default_extractors
from boilerbench.baselines.registry import BUILTINS, available
from boilerbench.evaluate.predictions import read_predictions

MODULE = textwrap.dedent('''
    class Mine:
        name = "mine"
        version = "2.1"
        def extract(self, document):
            return document.text.split("\\n", 1)[0]

    def first_line(document):
        return document.text.split("\\n", 1)[0]

    def two_arguments(document, other):
        return ""

    def extract(document):
        return document.text
''')


@pytest.fixture
def in_my_folder(tmp_path, monkeypatch):
    """The current folder holds my_extractor_mod.py, and is not on sys.path (as with the
    `boilerbench` script, unlike `python -m`)."""
    (tmp_path / "my_extractor_mod.py").write_text(MODULE)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p not in ("", str(tmp_path))])
    monkeypatch.delitem(sys.modules, "my_extractor_mod", raising=False)
    return tmp_path


def header(path) -> dict:
    return read_predictions(path).header["extractor"]


def test_module_attr_runs_from_the_current_folder(in_my_folder, corpus_dir, capsys):
    code, _, err = run_cli(capsys, "run", "my_extractor_mod:Mine", "-o", "p.jsonl", "--corpus", corpus_dir,
                           "--split", "train", "--no-progress")
    assert code == 0, err
    assert header(in_my_folder / "p.jsonl") == {"name": "mine", "version": "2.1"}
    assert read_predictions(in_my_folder / "p.jsonl").predictions["acme-sample"].body == "A sample headline"


def test_a_plain_function_is_an_extractor_named_after_it(in_my_folder, corpus_dir, capsys):
    code, _, err = run_cli(capsys, "run", "my_extractor_mod:first_line", "-o", "p.jsonl", "--corpus", corpus_dir,
                           "--split", "train", "--no-progress")
    assert code == 0, err
    assert header(in_my_folder / "p.jsonl") == {"name": "first_line", "version": "unknown"}
    assert read_predictions(in_my_folder / "p.jsonl").predictions["acme-sample"].body == "A sample headline"
    code, _, err = run_cli(capsys, "run", "my_extractor_mod:first_line", "--name", "firsts", "--version", "3",
                           "-o", "q.jsonl", "--corpus", corpus_dir, "--split", "train", "--no-progress")
    assert code == 0 and header(in_my_folder / "q.jsonl") == {"name": "firsts", "version": "3"}


def test_a_function_of_two_arguments_is_refused_with_what_is_expected(in_my_folder, capsys):
    code, _, err = run_cli(capsys, "run", "my_extractor_mod:two_arguments", "-o", "p.jsonl")
    assert code == 1 and "extractor 'my_extractor_mod:two_arguments' is a function of 2 arguments" in err
    assert "a function extract(document)" in err and not (in_my_folder / "p.jsonl").exists()


def test_commands_take_a_name_and_two_of_one_program_must_differ(tmp_path, corpus_dir, capsys):
    script = tmp_path / "head_line.py"
    script.write_text("import sys\nprint(sys.stdin.read().split('\\n')[0])\n")
    run = ["--corpus", corpus_dir, "--split", "train", "--no-progress"]
    assert run_cli(capsys, "run", "--command", f"{sys.executable} {script}", "-o", tmp_path / "a.jsonl", *run)[0] == 0
    assert header(tmp_path / "a.jsonl") == {"name": "head_line", "version": "command"}
    again = f"{sys.executable} {script} --x"
    assert run_cli(capsys, "run", "--command", again, "-o", tmp_path / "b.jsonl", *run)[0] == 0
    code, _, err = run_cli(capsys, "leaderboard", "--predictions", tmp_path / "a.jsonl", tmp_path / "b.jsonl",
                           "--corpus", corpus_dir, "--split", "train", "--resamples", "0", "--no-progress")
    assert code == 1 and "two entries are named 'head_line'" in err and "--name NAME" in err
    assert run_cli(capsys, "run", "--command", f"{sys.executable} {script} --x", "--name", "head-x", "--version",
                   "0.2", "-o", tmp_path / "b.jsonl", *run)[0] == 0
    assert header(tmp_path / "b.jsonl") == {"name": "head-x", "version": "0.2"}
    code, out, err = run_cli(capsys, "leaderboard", "--predictions", tmp_path / "a.jsonl", tmp_path / "b.jsonl",
                             "--corpus", corpus_dir, "--split", "train", "--resamples", "0", "--no-progress",
                             "--format", "md")
    assert code == 0 and "head-x 0.2" in out and "head_line command" in out, err


def test_an_installed_plugin_runs_only_when_named(tmp_path_factory, monkeypatch, capsys, corpus_dir):
    tmp_path = tmp_path_factory.mktemp("plugin")
    site = tmp_path / "site"  # beside the corpus folder, not in it
    dist = site / "bb_plugin_two-0.1.dist-info"
    dist.mkdir(parents=True)
    (site / "bb_plugin_two.py").write_text(MODULE)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: bb-plugin-two\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[boilerbench.extractors]\nmine-plugin = bb_plugin_two:Mine\n")
    monkeypatch.syspath_prepend(str(site))
    assert available()["mine-plugin"] == "bb_plugin_two:Mine"
    assert default_extractors() == sorted(BUILTINS)  # the default leaderboard (and so the gate) leave it out
    code, out, _ = run_cli(capsys, "leaderboard", "--extractor", "mine-plugin", "--corpus", corpus_dir, "--split",
                           "train", "--resamples", "0", "--no-progress", "--format", "json")
    assert code == 0 and [r["extractor"] for r in json.loads(out)] == ["mine"]
    from boilerbench.commands import extractors

    monkeypatch.setattr("boilerbench.baselines.registry.load_extractor",
                        lambda name: type("E", (), {"version": "1", "input": "text"})())
    code, out, _ = run_cli(capsys, "extractors")
    line = next(ln for ln in out.splitlines() if ln.startswith("mine-plugin"))
    assert code == 0 and line.split()[3] == "plugin" and "run when named" in out
    assert extractors.__doc__ and "plugins" in extractors.__doc__


def test_a_function_called_extract_is_named_after_its_module(in_my_folder, corpus_dir, capsys):
    code, _, err = run_cli(capsys, "run", "my_extractor_mod:extract", "-o", "p.jsonl", "--corpus", corpus_dir,
                           "--split", "train", "--no-progress")
    assert code == 0, err
    assert header(in_my_folder / "p.jsonl") == {"name": "my_extractor_mod", "version": "unknown"}


@pytest.mark.parametrize("spec", ["./my_extractor_mod.py:extract", "../mod:extract", "my_extractor_mod.py:extract"])
def test_a_path_instead_of_a_module_is_a_message(in_my_folder, capsys, spec):
    code, _, err = run_cli(capsys, "run", spec, "-o", "p.jsonl", "--no-progress")
    assert code == 1 and "is a path; give a module name" in err and not (in_my_folder / "p.jsonl").exists()
