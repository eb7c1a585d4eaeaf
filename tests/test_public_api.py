"""The public API: importable from `boilerbench` and `boilerbench.evaluate`, documented with runnable
examples (run here as doctests), standard exceptions, and `score()` defaults that match the CLI's."""

from __future__ import annotations

import doctest
import importlib
import inspect
import subprocess
import sys
import warnings

import pytest
from conftest import ROOT
from helpers import run_cli

import boilerbench
import boilerbench.evaluate
from boilerbench import Document, NotFoundError, Prediction, UserError, score

PUBLIC = ("load_corpus", "Document", "Prediction", "score", "compare", "Results", "leaderboard", "check")
FUNCTIONS = ("load_corpus", "score", "compare", "leaderboard", "check")

# Modules whose examples run as doctests (each fast: tiny in-memory documents, or one track's test split).
DOCTESTED = ("boilerbench.document", "boilerbench.prediction", "boilerbench.loader", "boilerbench.tables",
             "boilerbench.testing", "boilerbench.evaluate.scoring", "boilerbench.evaluate.comparison",
             "boilerbench.evaluate.results", "boilerbench.evaluate.gate", "boilerbench.baselines.benchmark",
             "boilerbench.importing", "boilerbench.paths", "boilerbench.tokenize", "boilerbench.jsonl",
             "boilerbench.validation", "boilerbench.document_structure", "boilerbench.atomic", "boilerbench.schemas",
             "boilerbench.stats", "boilerbench.evaluate.align", "boilerbench.evaluate.compat",
             "boilerbench.evaluate.wcxb", "boilerbench.baselines.html_extractors")


def test_every_module_with_examples_runs_them():
    """No module's examples are left out of DOCTESTED (an example with a raw line end in a plain
    docstring, say, would otherwise break unseen)."""
    import pkgutil

    with_examples = []
    for package in ("boilerbench", "boilerbench.evaluate", "boilerbench.baselines", "boilerbench.commands",
                    "boilerbench.hub"):
        for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
            name = f"{package}.{info.name}"
            if any(t.examples for t in doctest.DocTestFinder().find(importlib.import_module(name))):
                with_examples.append(name)
    assert sorted(set(with_examples) - set(DOCTESTED)) == []


@pytest.mark.parametrize("name", PUBLIC)
def test_public_names_come_from_both_packages(name):
    assert getattr(boilerbench, name) is getattr(boilerbench.evaluate, name)
    assert name in boilerbench.__all__ and name in boilerbench.evaluate.__all__


@pytest.mark.parametrize("name", PUBLIC)
def test_each_public_name_has_a_numpydoc_docstring(name):
    doc = inspect.getdoc(getattr(boilerbench, name)) or ""
    sections = ("Parameters", "Returns", "Raises", "Example") if name in FUNCTIONS else ("Parameters", "Example")
    for section in sections:
        assert f"\n{section}\n" + "-" * len(section) in doc, (name, section)
    assert ">>> " in doc


@pytest.mark.parametrize("module", DOCTESTED)
def test_examples_run(module, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0, module


def test_import_boilerbench_stays_cheap():
    """The scorer (numpy) and the baselines load on first use, not on `import boilerbench`."""
    code = ("import sys, boilerbench; print(sorted(m for m in ('numpy', 'boilerbench.evaluate.scoring', "
            "'boilerbench.baselines.benchmark', 'sklearn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import PackageNotFoundError, version

    try:
        expected = version("boilerbench")
    except PackageNotFoundError:  # a bare checkout: pyproject's
        expected = next(ln.split('"')[1] for ln in (ROOT / "pyproject.toml").read_text().splitlines()
                        if ln.startswith("version"))
    assert boilerbench.__version__ == expected


DOCS = [Document.from_rows("a", [("title", "Ferry fares rise"), ("body", "Fares rise in April."),
                                 ("byline", "By Mara Lind")]),
        Document.from_rows("b", [("body", "The quay opens next year."), ("promo", "Subscribe now.")])]


def test_zero_division_warn_is_zero_with_one_warning_per_figure_that_fell_back():
    empty = [Prediction("a", body=""), Prediction("b", body="")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warned = score(DOCS, empty, zero_division="warn", n_resamples=10)
    assert [str(w.message) for w in caught if issubclass(w.category, boilerbench.evaluate.UndefinedMetricWarning)] == [
        "body precision (micro) is 0/0: no predicted body tokens; set to 0 (zero_division)",
        "body precision is 0/0 in 2 document(s) with no predicted body tokens; set to 0 in the macro mean "
        "(zero_division)"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 0 is the same figures, silently
        zero = score(DOCS, empty, zero_division=0, n_resamples=10)
    assert warned.summary["micro"] == zero.summary["micro"] and warned.summary["macro"] == zero.summary["macro"]
    assert warned.summary["config"]["zero_division"] == 0.0  # so it gates against a baseline made with 0


@pytest.mark.parametrize("bad", ["0", "ignore", 0.5, True, None])
def test_zero_division_refuses_anything_else(bad):
    with pytest.raises(ValueError, match='zero_division must be "warn", 0, 1 or nan'):
        score(DOCS, [], zero_division=bad)


@pytest.mark.parametrize(("zero_division", "macro_precision"), [(0, 0.5), (1, 1.0), (float("nan"), 1.0)])
def test_zero_division_as_scikit_learn(zero_division, macro_precision):
    """Document a predicts nothing: its precision is 0/0, which is 0, 1, or left out of the mean (nan)."""
    preds = [Prediction("a", body=""), Prediction("b", body="The quay opens next year.")]
    r = score(DOCS, preds, zero_division=zero_division, n_resamples=0)
    assert r.value("body", "precision", "macro") == macro_precision


def test_results_have_a_short_repr_and_typed_accessors():
    r = score(DOCS, [Prediction("a", body="Fares rise in April."), Prediction("b", body="Subscribe now.")],
              extractor={"name": "mine", "version": "2"}, n_resamples=20)
    assert len(repr(r)) < 160 and repr(r).startswith("Results(extractor='mine 2', track='authored', split='test'")
    assert r.split == "test" and r.track == "authored" and r.n_documents == 2 and r.fingerprint.startswith("sha256:")
    assert isinstance(r.value("body", "f1"), float) and isinstance(r.leakage("promo"), float)
    low, high = r.interval("body", "f1")
    assert low <= r.value("body", "f1") <= high


def test_the_split_is_inferred_as_the_cli_records_it():
    assert score(DOCS, [], n_resamples=0).split == "test"
    mixed = [DOCS[0], Document.from_rows("c", [("body", "Another one.")], split="train")]
    assert score(mixed, [], n_resamples=0).split is None
    assert score(DOCS, [], n_resamples=0, split=None).split is None


def test_library_errors_are_standard_exceptions(tmp_path, capsys):
    from boilerbench import load_corpus
    from boilerbench.evaluate import read_predictions

    assert issubclass(UserError, ValueError) and issubclass(NotFoundError, FileNotFoundError)
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        list(load_corpus(tmp_path / "none"))
    with pytest.raises(FileNotFoundError) as caught:
        read_predictions(tmp_path / "none.jsonl")
    assert caught.value.filename == str(tmp_path / "none.jsonl")
    assert str(caught.value).endswith("no such predictions file")
    with pytest.raises(ValueError, match="unknown split 'dev'"):
        list(load_corpus(split="dev"))
    code, _, err = run_cli(capsys, "score", tmp_path / "none.jsonl", "--track", "authored")
    assert code == 1 and err.strip() == f"{tmp_path / 'none.jsonl'}: no such predictions file"


def test_the_package_ships_its_type_information():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert (ROOT / "src" / "boilerbench" / "py.typed").is_file() and '"boilerbench" = ["py.typed"]' in text
    assert "[tool.mypy]" in text and "python tools/typecheck.py" in (ROOT / ".ci" / "run").read_text()
