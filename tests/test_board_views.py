"""The leaderboard for people: the terminal table fits 120 columns and carries a legend, the full
form is one flag away, the HTML page is self-contained and sortable, and plot labels do not collide."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from helpers import run_cli

from boilerbench.baselines.registry import BUILTINS, HTML_EXTRACTORS
from boilerbench.evaluate.board_views import display_name, html_page, html_table, legend, text_view
from boilerbench.evaluate.metric_table import TRACKED
from boilerbench.evaluate.plots import label_positions
from boilerbench.evaluate.ranking import MD_COLUMNS, render
from boilerbench.tables import width


def fake_rows(extra: tuple[str, ...] = ()) -> list[dict]:
    """A row for every bundled extractor (and `extra` names), with the longest input it can show."""
    out = []
    for i, name in enumerate(sorted({**BUILTINS, **HTML_EXTRACTORS}) + list(extra)):
        row = {"rank": i + 1, "extractor": name, "version": "2.3.1", "input": "html-rendered-from-lines"}
        for m in TRACKED:
            row[m.key] = 12 if m.count else {"value": 0.8 - i / 100, "low": 0.75 - i / 100, "high": 0.9 - i / 100}
        row.update(title_f1=None, documents=210, documents_per_second=12345.6)
        out.append(row)
    return out


def test_the_terminal_table_fits_120_columns_with_a_legend():
    text = text_view(fake_rows()) + legend(n_resamples=1000)
    assert max(width(line) for line in text.splitlines()) <= 120
    assert "trafilatura-lines v2.3.1" in text and "0.80 ±0.10" in text and "html*" in text
    assert "Intervals: 95% percentile bootstrap" in text and "tied" in text and "Leakage:" in text
    header = text.splitlines()[1].split()
    assert header[:3] == ["rank", "extractor", "input"] and header[-1] == "fail"


def test_a_long_plugin_name_is_cut_rather_than_wrapped():
    text = text_view(fake_rows(("my-organisations-very-long-extractor-name",)))
    assert max(width(line) for line in text.splitlines()) <= 120 and "my-organisations-very-l…" in text


def test_the_wide_table_has_every_column_and_interval():
    text = text_view(fake_rows(), wide=True)
    header = text.splitlines()[0]
    assert all(h in header for _, h in MD_COLUMNS)
    assert "0.80 [0.75, 0.90]" in text and "12,346" in text


def test_versions_read_as_versions():
    assert display_name("sklearn", "1") == "sklearn v1"
    assert display_name("AutoExtract", "published") == "AutoExtract (published)"
    assert display_name("mine", "") == "mine"


def test_the_default_leaderboard_is_the_padded_table(capsys):
    code, text, _ = run_cli(capsys, "leaderboard", "--extractor", "keep-all", "c4", "--no-progress", "--resamples",
                            "20", "--track", "authored")
    assert code == 0 and "|" not in text
    lines = text.splitlines()
    assert max(width(line) for line in lines) <= 120
    rows = [ln.split() for ln in lines if ln.strip()[:1].isdigit()]
    assert [r[1:3] for r in rows] == [["c4", "v1"], ["keep-all", "v1"]]
    assert any(ln.startswith("Rank: by body F1") for ln in lines)
    code, wide, _ = run_cli(capsys, "leaderboard", "--extractor", "keep-all", "--no-progress", "--resamples", "20",
                            "--track", "authored", "--wide")
    assert code == 0 and "docs/s" in wide and "[" in wide


class Checker(HTMLParser):
    """Tags must close in order; external resources are counted."""

    VOID = {"meta", "br", "img", "link", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.external, self.seen = [], 0, set()

    def handle_starttag(self, tag, attrs):
        self.seen.add(tag)
        self.external += sum(1 for k, v in attrs if k in ("src", "href") and v and "//" in v)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, tag


def test_the_html_page_is_self_contained_sortable_and_explained():
    page = html_page([("Real pages", html_table(fake_rows())), ("Authored hard cases", html_table(fake_rows()[:2]))],
                     legend(n_resamples=1000, form="html"))
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == [] and checker.external == 0
    assert {"style", "script", "table", "thead", "tbody"} <= checker.seen
    assert page.count('class="bar"') == (len(fake_rows()) + 2) * (sum(1 for m in TRACKED if not m.count) - 1)
    assert "aria-sort" in page and "addEventListener" in page
    assert "each bar spans the interval" in page and "tied" in page
    assert render(fake_rows(), "html") == html_table(fake_rows())


def test_the_html_command_writes_one_page(capsys):
    code, text, _ = run_cli(capsys, "leaderboard", "--extractor", "keep-all", "--no-progress", "--resamples", "0",
                            "--format", "html", "--track", "authored")
    assert code == 0 and text.count("<!DOCTYPE html>") == 1 and text.count('<table class="board">') == 1
    Checker().feed(text)


def test_markdown_keeps_the_readme_form():
    text = render(fake_rows(), "md")
    assert text.splitlines()[0].startswith("| rank | extractor | input | body P |")
    assert "| trafilatura-lines 2.3.1 |" in text


@pytest.mark.parametrize("ys", [[0.5, 0.5, 0.5], [0.49, 0.5, 0.505, 0.9]])
def test_labels_of_points_at_recall_one_do_not_collide(ys):
    points = [(1.0, y) for y in ys]
    heights = label_positions(points, near=0.05, gap=0.02)
    ordered = sorted(heights)
    assert all(b - a >= 0.02 - 1e-12 for a, b in zip(ordered, ordered[1:], strict=False))
    assert heights[-1] == ys[-1] or ys[-1] < 0.9  # a point far from the others keeps its own height
    assert label_positions([(0.2, 0.5), (0.9, 0.5)], near=0.05, gap=0.02) == [0.5, 0.5]
