"""Extractors: every baseline from the CLI, failure isolation, the registry, and fitting hygiene."""

from __future__ import annotations

import functools
import json
import sys
import textwrap

import pytest
from helpers import run_cli

from boilerbench import load_corpus
from boilerbench.baselines.registry import BUILTINS, available, load_extractor, ready
from boilerbench.evaluate import read_predictions, read_results
from boilerbench.schemas import schema_errors

CORPUS = list(load_corpus())
TEST = [d for d in CORPUS if d.split == "test" and d.track == "authored"]



@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_every_baseline_runs_and_scores(tmp_path, capsys, name):
    corpus = tmp_path / "five.jsonl"  # five test documents (learned baselines fit on the bundled train split)
    corpus.write_text("".join(d.dumps() + "\n" for d in TEST[:5]), encoding="utf-8")
    preds = tmp_path / f"{name}.jsonl"
    code, _, err = run_cli(capsys, "run", name, "-o", preds, "--no-progress", "--corpus", corpus)
    assert code == 0, err
    file = read_predictions(preds)
    for line in preds.read_text().splitlines():
        assert schema_errors("predictions", json.loads(line)) == []
    assert set(file.predictions) == {d.id for d in TEST[:5]}
    assert not [p.failure for p in file.predictions.values() if p.failure]
    assert file.header["extractor"]["name"] == name
    code, _, _ = run_cli(capsys, "score", preds, "-o", tmp_path / "r.json", "--resamples", "50", "--corpus", corpus)
    assert code == 0
    results = read_results(tmp_path / "r.json")
    assert results["n_failures"] == 0 and 0 < results.value("body", "f1") <= 1


def test_html_input_is_recorded_as_what_was_read(tmp_path, capsys):
    preds = tmp_path / "t.jsonl"
    authored = tmp_path / "authored.jsonl"  # authored documents have no page source
    authored.write_text("".join(d.dumps() + "\n" for d in TEST[:3]), encoding="utf-8")
    assert run_cli(capsys, "run", "trafilatura", "-o", preds, "--no-progress", "--corpus", authored)[0] == 0
    assert read_predictions(preds).header["input"] == "html-rendered-from-lines"
    real = [d for d in CORPUS if d.track == "real" and d.split == "test"][:4]
    small = tmp_path / "real.jsonl"  # real pages carry their page source: the extractor reads the HTML
    small.write_text("".join(d.dumps() + "\n" for d in real), encoding="utf-8")
    for name in ("trafilatura", "justext-html"):
        assert run_cli(capsys, "run", name, "-o", preds, "--no-progress", "--corpus", small)[0] == 0
        file = read_predictions(preds)
        assert file.header["input"] == "html" and any(p.body for p in file.predictions.values())
    assert run_cli(capsys, "run", "trafilatura-lines", "-o", preds, "--no-progress", "--corpus", small)[0] == 0
    assert read_predictions(preds).header["input"] == "text"


def test_real_documents_link_their_page_source():
    real = [d for d in CORPUS if d.track == "real"]
    assert real and all(d.html_path is not None for d in real)
    assert "<html" in real[0].page_html().lower()


def test_failures_are_isolated_and_recorded(tmp_path, capsys):
    preds = tmp_path / "m.jsonl"
    code, out, err = run_cli(capsys, "run", "misbehaving_extractors:Misbehaving", "-o", preds, "--timeout", "2",
                             "--no-progress", "--track", "authored")
    assert code == 0
    assert "raw bytes" not in out  # what the extractor printed went to stderr, not into our output
    got = read_predictions(preds).predictions
    ids = [d.id for d in TEST]
    first_line, *frames = got[ids[0]].failure.splitlines()
    assert first_line == "ValueError: boom"  # the reason, then the last frames of the traceback
    assert frames and 'raise ValueError("boom")' in frames[-1]
    assert got[ids[1]].failure == "timed out after 2 s"
    assert got[ids[2]].failure.startswith("TypeError: extract() returned int")
    assert got[ids[3]].failure is None and got[ids[3]].body == "printed garbage, then returned a body"
    assert got[ids[4]].failure == "the extractor's process died (exit code 3)"
    assert all(got[i].failure is None and got[i].body == d.text for i, d in zip(ids[5:], TEST[5:], strict=True))
    assert all(got[i].body == "" for i in ids[:3])
    code, out, _ = run_cli(capsys, "score", preds, "--resamples", "0", "--track", "authored")
    assert code == 0 and "Failures: 4." in out and "timed out" in out


COMMANDS = {
    "echo": (f"{sys.executable} -c \"import sys; sys.stdout.write(sys.stdin.read())\"", None),
    "never exits": (f"{sys.executable} -c \"import time; time.sleep(3600)\"", "did not finish within 1 s"),
    "fails": (f"{sys.executable} -c \"import sys; sys.exit('no luck')\"", "exited with status 1: no luck"),
    "garbage": (f"{sys.executable} -c \"import sys; sys.stdout.buffer.write(bytes([255, 254]))\"",
                "output is not valid UTF-8"),
    "missing program": ("/no/such/program --flag", "cannot run '/no/such/program'"),
}


@pytest.fixture
def small_corpus(tmp_path):
    """Three test documents as a JSONL corpus, so that per-document timeouts stay cheap."""
    path = tmp_path / "small.jsonl"
    path.write_text("".join(d.dumps() + "\n" for d in TEST[:3]), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(COMMANDS))
def test_command_extractor(tmp_path, capsys, small_corpus, case):
    command, failure = COMMANDS[case]
    preds = tmp_path / "c.jsonl"
    code, _, err = run_cli(capsys, "run", "--command", command, "-o", preds, "--timeout", "1", "--no-progress",
                           "--corpus", small_corpus)
    assert code == (0 if failure is None else 1), err  # a run in which every document failed exits 1
    assert failure is None or "every document failed" in err
    got = read_predictions(preds).predictions
    first = got[TEST[0].id]
    if failure is None:
        assert first.failure is None and first.body.rstrip("\n") == TEST[0].text
    else:
        assert failure in (first.failure or ""), first.failure
        assert all(p.body == "" for p in got.values())


def test_no_baseline_sees_the_test_split_when_fitted(monkeypatch):
    import misbehaving_extractors as m

    seen: list = []
    for name in sorted(BUILTINS):
        ext = load_extractor(name)
        for hook in ("fit", "prepare"):
            original = getattr(ext, hook, None)
            if original is None:
                continue

            @functools.wraps(original)
            def record(*args, _hook=hook, _orig=original, _name=name):
                seen.append((_name, _hook, [d for arg in args for d in arg]))
                return _orig(*args)

            monkeypatch.setattr(ext, hook, record)
        ready(ext, CORPUS, TEST)
    fitted = [(name, d) for name, hook, docs in seen if hook == "fit" for d in docs]
    assert fitted and not [name for name, d in fitted if d.split == "test"]
    prepared = [d for _, hook, docs in seen if hook == "prepare" for d in docs]
    assert prepared and all(d.spans == () for d in prepared)  # unlabelled
    rec = load_extractor("misbehaving_extractors:factory")
    ready(rec, CORPUS, TEST)
    assert {d.split for d in m.Recording.seen_fit} == {"train", "validation"}


def test_plugin_through_entry_points(tmp_path, monkeypatch, capsys):
    (tmp_path / "bb_plugin_demo.py").write_text(textwrap.dedent('''
        class FirstLine:
            name = "first-line"
            version = "0.1"
            def extract(self, document):
                return document.text.split("\\n", 1)[0]
    '''))
    dist = tmp_path / "bb_plugin_demo-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: bb-plugin-demo\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[boilerbench.extractors]\nfirst-line = bb_plugin_demo:FirstLine\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert available()["first-line"] == "bb_plugin_demo:FirstLine"
    preds = tmp_path / "p.jsonl"
    assert run_cli(capsys, "run", "first-line", "-o", preds, "--no-progress", "--track", "authored")[0] == 0
    assert read_predictions(preds).predictions[TEST[0].id].body == TEST[0].text.split("\n", 1)[0]
    assert "first-line" in run_cli(capsys, "extractors")[1]


ERRORS = {
    "unknown name": (["run", "nope", "-o", "x.jsonl"], "unknown extractor 'nope'"),
    "bad module": (["run", "no_such_module_xyz:thing", "-o", "x.jsonl"], "cannot import 'no_such_module_xyz'"),
    "bad attr": (["run", "misbehaving_extractors:nothing", "-o", "x.jsonl"], "has no attribute 'nothing'"),
    "not an extractor": (["run", "misbehaving_extractors:not_an_extractor", "-o", "x.jsonl"],
                         "has no name, version and extract(document)"),
    "both": (["run", "keep-all", "--command", "cat", "-o", "x.jsonl"], "not both or neither"),
    "neither": (["run", "-o", "x.jsonl"], "not both or neither"),
    "bad split": (["run", "keep-all", "--split", "dev", "-o", "x.jsonl"], "unknown split 'dev'"),
    "bad timeout": (["run", "keep-all", "--timeout", "0", "-o", "x.jsonl"],
                    "argument --timeout: '0': give a number above 0"),
    "empty command": (["run", "--command", "  ", "-o", "x.jsonl"], "--command needs a command"),
    "nothing to tune": (["tune", "keep-all"], "has no parameters chosen from data"),
    "unwritable output": (["run", "keep-all", "-o", "/proc/no-such-dir/x.jsonl", "--no-progress"], "/proc/no-such-dir"),
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_run_errors(tmp_path, monkeypatch, capsys, case):
    monkeypatch.chdir(tmp_path)
    argv, message = ERRORS[case]
    code, _, err = run_cli(capsys, *argv)
    assert code == 1 and message in err, err
    assert not (tmp_path / "x.jsonl").exists()


def test_tune_prints_the_length_curve_and_the_cross_validated_scores(capsys):
    code, out, _ = run_cli(capsys, "tune", "length")
    assert code == 0 and "(chosen)" in out
    code, out, _ = run_cli(capsys, "tune", "sklearn")
    assert code == 0 and "GroupKFold" in out and out.count("(chosen)") == 1


# --- the rules baseline: integrity and regressions --------------------------------------------

def test_every_rules_pattern_fires_on_train_or_validation():
    import re

    from boilerbench.baselines import rules

    lines = [line.text.strip() for d in CORPUS if d.split in ("train", "validation") for line in d.lines
             if line.text.strip()]
    unused = []
    for name, patterns in rules.PATTERNS.items():
        flags = 0 if name == "byline" else re.IGNORECASE
        unused += [(name, p) for p in patterns if not any(re.search(p, line, flags) for line in lines)]
    assert not unused, unused


def _rules_labels(rows):
    from helpers import make_doc

    from boilerbench.baselines.rules import Rules

    doc = make_doc(rows)
    return list(Rules().extract(doc).labels)


def test_rules_inline_read_more_link_does_not_swallow_the_rest_of_the_article():
    rows = [("title", "Harbour board backs the new ferry"),
            ("body", "The harbour board voted on Tuesday to buy a second ferry for the island route."),
            ("teaser", "Read more: Why the old ferry failed its inspection"),
            ("other", "Advertisement"),
            ("body", "Short line without a stop"),
            ("other", "Advertisement"),
            ("body", "The new boat will carry 300 passengers and sail from May, the board said on Tuesday."),
            ("body", "Crews start training next week")]
    labels = _rules_labels(rows)
    assert labels[2] == "teaser"
    assert labels[6] == "body" and labels[7] != "teaser"


def test_rules_byline_needs_a_capitalised_name_and_bio_no_article():
    rows = [("title", "Terminal closes early"),
            ("body", "By noon the terminal was empty."),
            ("body", "The Quillbook has no front light, and its battery lasts three weeks on a charge."),
            ("byline", "By Mara Lindqvist")]
    labels = _rules_labels(rows)
    assert labels[1] != "byline" and labels[2] != "byline"
    assert labels[3] == "byline"


def test_shipped_sklearn_model_matches_the_corpus_and_the_code():
    """The fitted numbers shipped in baselines/fitted/ are read only for the key they were made
    with: rerun `python tools/refit_shipped_models.py` when this fails."""
    from boilerbench.baselines.sklearn_model import cache_key, shipped_dir

    train = [d for d in CORPUS if d.split == "train"]
    tuning = [d for d in CORPUS if d.split in ("train", "validation")]
    key = cache_key(train, tuning)
    assert (shipped_dir() / f"sklearn-{key}.json").exists() and (shipped_dir() / f"sklearn-{key}.npz").exists()


def test_sklearn_fits_for_real_and_reads_back_the_same_model(tmp_path, monkeypatch):
    """A fit on a small corpus, cached as plain numbers and read back: the same labels."""
    from boilerbench.baselines.sklearn_model import SklearnLines

    monkeypatch.setenv("BOILERBENCH_CACHE", str(tmp_path))
    authored = [d for d in CORPUS if d.track == "authored"]
    train = [d for d in authored if d.split == "train"][:40]
    a = SklearnLines()
    a.fit(train)
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".npz"]
    b = SklearnLines()
    b.fit(train)  # from the cache
    assert b.C == a.C and b.cv_scores == a.cv_scores
    assert [a.extract(d).labels for d in TEST[:8]] == [b.extract(d).labels for d in TEST[:8]]


@pytest.mark.parametrize("charset", ["ISO8859_1", "windows-874", "x-no-such-charset"])
def test_goose3_reads_pages_whose_declared_charset_python_does_not_know(charset):
    from dataclasses import replace

    from boilerbench.baselines.html_extractors import Goose

    page = (f'<html><head><meta charset="{charset}"><title>Ferry fares rise</title></head><body><article>'
            + "".join(f"<p>The harbour board voted on day {i} to raise the ferry fares by a fifth, it said.</p>"
                      for i in range(8)) + "</article></body></html>")
    doc = replace(TEST[0], html=page)
    pred = Goose().extract(doc)
    assert "harbour board voted" in pred.body


def test_extractor_metadata_lives_in_the_catalog(capsys):
    """`boilerbench extractors` prints the catalog; each bundled extractor's class reads the input the
    catalog says; the registry's lists come from it."""
    from boilerbench.baselines.catalog import CATALOG
    from boilerbench.baselines.registry import BUILTINS, DETERMINISTIC, HTML_EXTRACTORS

    code, out, _ = run_cli(capsys, "extractors")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:4] == ["name", "version", "input", "gated"]
    for about in CATALOG:
        row = next(ln.split() for ln in lines if ln.split()[0] == about.name)
        assert row[2] == about.input and row[3] == ("yes" if about.gated else "no")
        assert getattr(load_extractor(about.name), "input", "text") == about.input
    assert set(BUILTINS) | set(HTML_EXTRACTORS) == {a.name for a in CATALOG}
    assert DETERMINISTIC == tuple(a.name for a in CATALOG if a.gated)


def test_an_unknown_extractor_name_suggests_the_closest(capsys):
    code, _, err = run_cli(capsys, "run", "rulez", "-o", "x.jsonl")
    assert code == 1 and "unknown extractor 'rulez'; did you mean 'rules'?" in err
