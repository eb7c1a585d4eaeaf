"""Importing Zyte's article-extraction-benchmark and reproducing its published table."""

from __future__ import annotations

import json
import re

import pytest
from conftest import shared_path
from helpers import run_cli

from boilerbench import load_corpus
from boilerbench.cli import main
from boilerbench.importing import html_lines, silver_document


@pytest.fixture(scope="module")
def aeb(tmp_path_factory):
    folder = shared_path("external", "article-extraction-benchmark")
    out = tmp_path_factory.mktemp("aeb") / "aeb.jsonl"
    assert main(["import", "aeb", str(folder), "-o", str(out)]) == 0
    return folder, out


def published() -> dict[str, list[dict[str, float]]]:
    """Every row of every table in published-results.txt: name -> rows of (value, ±) figures."""
    text = shared_path("external", "article-extraction-benchmark", "published-results.txt").read_text()
    rows: dict[str, list[dict[str, float]]] = {}
    pattern = re.compile(r"^\s{4}(\S+)\s+.*?((?:\d\.\d{3} ± \d\.\d{3}\s*){4})$")
    for line in text.splitlines():
        m = pattern.match(line)
        if m:
            nums = [float(x) for x in re.findall(r"\d\.\d{3}", m.group(2))]
            keys = ("f1", "f1_pm", "precision", "precision_pm", "recall", "recall_pm", "accuracy", "accuracy_pm")
            rows.setdefault(m.group(1), []).append(dict(zip(keys, nums, strict=True)))
    return rows


ALIASES = {"newspaper": ["newspaper4k"], "readability": ["readability", "readability-lxml"]}


def test_all_pages_import_with_silver_labels(aeb, capsys):
    _, out = aeb
    docs = list(load_corpus(out))
    assert len(docs) == 181
    assert all(d.html and d.reference_body is not None and d.provenance == "imported:aeb" for d in docs)
    assert all(d.split == "test" for d in docs)
    counts = [re.search(r"(\d+)/(\d+) gold tokens", d.notes).groups() for d in docs]
    covered, gold = sum(int(c) for c, _ in counts), sum(int(g) for _, g in counts)
    assert covered / gold > 0.99
    assert run_cli(capsys, "validate", out)[0] == 0


def aeb_line_figures(text: str) -> dict[str, float]:
    nums = [float(x) for x in re.findall(r"\d\.\d{3}", text.split(None, 2)[2])]
    return dict(zip(("f1", "f1_pm", "precision", "precision_pm", "recall", "recall_pm", "accuracy", "accuracy_pm"),
                    nums, strict=True))


def matches(ours: dict[str, float], row: dict[str, float]) -> bool:
    return (all(ours[k] == row[k] for k in ("f1", "precision", "recall", "accuracy"))
            and all(abs(ours[k] - row[k]) <= 0.003 for k in ("f1_pm", "precision_pm", "recall_pm", "accuracy_pm")))


@pytest.mark.slow
def test_every_stored_output_reproduces_the_published_table(aeb, capsys):
    from boilerbench.evaluate.compat import aeb_figures, aeb_row
    from boilerbench.evaluate.predictions import read_aeb_output
    from boilerbench.evaluate.scoring import score

    folder, out = aeb
    table = published()
    docs = list(load_corpus(out))
    outputs = sorted((folder / "output").glob("*.json"))
    assert len(outputs) >= 15
    for path in outputs:
        file = read_aeb_output(path)
        results = score(docs, file, n_resamples=0)
        ours = aeb_line_figures(aeb_row(path.stem, "v", aeb_figures(results.columns.compat)))
        candidates = [row for name in ALIASES.get(path.stem, [path.stem]) for row in table.get(name, [])]
        assert candidates, f"{path.stem} has no published row"
        assert any(matches(ours, row) for row in candidates), (path.stem, ours, candidates)
    # and once through the command line
    code, text, err = run_cli(capsys, "score", folder / "output" / "trafilatura.json", "--corpus", out,
                              "--metric", "aeb", "--header")
    assert code == 0, err
    assert any(matches(aeb_line_figures(text.splitlines()[1]), row) for row in table["trafilatura"])


@pytest.mark.slow
def test_trafilatura_live_on_imported_html(aeb, tmp_path, capsys):
    _, out = aeb
    preds = tmp_path / "t.jsonl"
    assert run_cli(capsys, "run", "trafilatura", "--corpus", out, "-o", preds, "--no-progress")[0] == 0
    code, text, _ = run_cli(capsys, "score", preds, "--corpus", out, "--metric", "aeb", "--resamples", "100")
    f1 = float(text.split()[2])
    assert code == 0 and abs(f1 - 0.958) <= 0.03
    header = json.loads(preds.read_text().splitlines()[0])
    assert header["input"] == "html"  # the real page, not a rendering of the lines


def test_leaderboard_on_imported_data(aeb, capsys):
    _, out = aeb
    code, text, _ = run_cli(capsys, "leaderboard", "--corpus", out, "--extractor", "html-text", "keep-all",
                            "--no-progress", "--resamples", "50")
    assert code == 0 and "keep-all" in text and "html-text" in text


def test_html_rendering_skips_hidden_and_script_and_breaks_blocks():
    html = ("<html><head><title>T</title><style>p{}</style></head><body><h1>Head  line</h1>"
            "<p>First <b>para</b>\n graph.</p><script>var x;</script><div hidden>secret</div>"
            "<p style='display: none'>gone</p><ul><li>one</li><li>two</li></ul>tail<br>after<!-- c --></body></html>")
    assert html_lines(html) == ["Head line", "First para graph.", "one", "two", "tail", "after"]


def test_silver_labels_follow_the_gold_body():
    html = ("<html><head><meta property='og:title' content='Big news today'></head><body><nav>Home News</nav>"
            "<h1>Big news today</h1><p>The council met on Tuesday and agreed the plan.</p>"
            "<p>Sign up for our newsletter</p><p>It starts in May.</p></body></html>")
    imported = silver_document("x1", html, "The council met on Tuesday and agreed the plan. It starts in May.",
                               url="https://www.example.com/a", provenance="imported:test", license="MIT")
    doc = imported.document
    assert [(ln.text, ln.label) for ln in doc.lines] == [
        ("Home News", "other"), ("Big news today", "title"),
        ("The council met on Tuesday and agreed the plan.", "body"), ("Sign up for our newsletter", "other"),
        ("It starts in May.", "body")]
    assert imported.coverage == 1.0 and doc.publisher == "example.com"


def test_generic_formats(tmp_path, capsys):
    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({"id": "p1", "html": "<p>Menu</p><p>Real text here.</p>", "body": "Real text here."})
                     + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli(capsys, "import", "jsonl", pages, "-o", out, "--name", "mine", "--license", "CC0-1.0")[0] == 0
    doc = next(iter(load_corpus(out)))
    assert doc.provenance == "imported:mine" and [ln.label for ln in doc.lines] == ["other", "body"]
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text("<p>Nav</p><p>Body text of a.</p>", encoding="utf-8")
    (folder / "a.txt").write_text("Body text of a.", encoding="utf-8")
    assert run_cli(capsys, "import", "folder", folder, "-o", tmp_path / "f.jsonl", "--license", "unknown")[0] == 0
    assert next(iter(load_corpus(tmp_path / "f.jsonl"))).id == "a"


IMPORT_ERRORS = {
    "missing fields": ("jsonl", lambda t: _write(t / "p.jsonl", '{"id": "x", "html": "<p>a</p>"}\n'),
                       "p.jsonl:1: each line needs string fields id, html and body"),
    "bad json": ("jsonl", lambda t: _write(t / "p.jsonl", "{oops\n"), "p.jsonl:1: not valid JSON"),
    "no txt": ("folder", lambda t: _write(t / "d" / "a.html", "<p>x</p>").parent, "no matching gold body file a.txt"),
    "empty folder": ("folder", lambda t: _mkdir(t / "e"), "no .html files in this folder"),
    "not aeb": ("aeb", lambda t: _mkdir(t / "e"), "no ground-truth.json"),
    "missing source": ("aeb", lambda t: t / "nope", "no such file or folder"),
    "unparsable html": ("jsonl", lambda t: _write(t / "p.jsonl", '{"id": "x", "html": "<!-- -->", "body": "b"}\n'),
                        "page 'x': cannot parse its HTML"),
}


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _mkdir(path):
    path.mkdir()
    return path


@pytest.mark.parametrize("case", sorted(IMPORT_ERRORS))
def test_import_errors(tmp_path, capsys, case):
    kind, make, message = IMPORT_ERRORS[case]
    licence = ["--license", "CC-BY-4.0"] if kind in ("jsonl", "folder") else []
    code, _, err = run_cli(capsys, "import", kind, make(tmp_path), "-o", tmp_path / "out.jsonl", *licence)
    assert code == 1 and message in err, err
    assert not (tmp_path / "out.jsonl").exists()
