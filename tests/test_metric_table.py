"""The one table of tracked metrics drives the gate, the leaderboard rows and the score row."""

from __future__ import annotations

import copy

import pytest
from helpers import make_doc

from boilerbench.evaluate import Prediction, score
from boilerbench.evaluate.gate import findings, tracked
from boilerbench.evaluate.metric_table import HIGHER, LOWER, TRACKED, metric, tracked_values
from boilerbench.evaluate.ranking import MD_COLUMNS, Entry, rows
from boilerbench.evaluate.results import summary_row, summary_row_header

DOCS = [make_doc([("title", "Ferry fares rise"), ("body", "Passengers will pay more from April."),
                  ("promo", "Subscribe to the briefing today.")], "a"),
        make_doc([("byline", "By Mara Lind"), ("body", "The harbour opens a new quay next year."),
                  ("teaser", "Read more: storms hit the coast"), ("other", "Share this page")], "b")]


@pytest.fixture(scope="module")
def results():
    preds = [Prediction("a", body="Passengers will pay more from April.\nSubscribe to the briefing today.",
                        title="Ferry fares rise", byline=""),
             Prediction("b", body="The harbour opens a new quay next year.", title="", byline="By Mara Lind")]
    return score(DOCS, preds, extractor={"name": "mine", "version": "1"}, n_resamples=20)


def test_every_metric_has_a_reading_a_direction_and_a_header():
    keys = [m.key for m in TRACKED]
    assert len(set(keys)) == len(keys) and len({m.header for m in TRACKED}) == len(keys)
    for m in TRACKED:
        assert m.better in (HIGHER, LOWER) and m.reads and m.header and m.digits >= 0
    with pytest.raises(KeyError, match="unknown tracked metric 'nope'"):
        metric("nope")


def test_every_tracked_metric_is_found_in_real_results(results):
    assert sorted(tracked(results)) == sorted(m.key for m in TRACKED)
    assert tracked(results)["leakage_promo"] == 1.0 and tracked(results)["body_recall"] == 1.0


@pytest.mark.parametrize("m", TRACKED, ids=lambda m: m.key)
@pytest.mark.parametrize("direction", ["worse", "better"])
def test_the_gate_catches_each_tracked_metric_getting_worse(results, m, direction):
    """Moving one figure of the table the wrong way (0.1, or one failure) is a regression of that
    metric and of no other; moving it the right way is an improvement."""
    step = 1 if m.count else 0.1
    worse = step if m.better == LOWER else -step
    baseline = tracked(results)
    changed = copy.deepcopy(results)
    if direction == "worse":
        current = baseline[m.key] + worse
    else:  # a baseline that was worse than these results
        current, baseline = baseline[m.key], {**baseline, m.key: baseline[m.key] + worse}
    if m.count:
        changed.summary[m.path[0]] = current
    else:
        m.figure(changed.summary)["value"] = current
    found = {f.metric: f.status for f in findings([changed], {"extractors": {"mine": {"metrics": baseline}}}, 0.005)}
    assert found.pop(m.key) == ("regressed" if direction == "worse" else "improved")
    assert set(found.values()) == {"ok"}


def test_leaderboard_rows_and_the_score_row_show_every_tracked_metric(results):
    row = rows([(1, Entry(results))])[0]
    assert all(m.key in row for m in TRACKED)
    assert [k for k, _ in MD_COLUMNS if k in {m.key for m in TRACKED}] == [m.key for m in TRACKED]
    header = summary_row_header().splitlines()[0]
    assert header == "| extractor | " + " | ".join(m.header for m in TRACKED) + " |"
    assert summary_row(results).count("|") == header.count("|")


def test_a_figure_that_is_not_finite_is_left_out():
    summary = {"micro": {"body": {"f1": {"value": float("nan")}}}, "n_failures": 0}
    assert tracked_values(summary) == {"failures": 0}


def test_score_help_carries_each_metric_card():
    import argparse

    from boilerbench.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices["score"]
    text = " ".join(sub.format_help().split())
    for m in TRACKED:
        assert " ".join(m.card().split()) in text, m.key
    assert "higher is better" in metric("body_f1").card() and "Zyte" in metric("compat_f1").card()
