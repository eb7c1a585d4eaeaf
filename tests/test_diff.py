"""`boilerbench diff`: one document's gold and predicted labels side by side."""

from __future__ import annotations

import json

import pytest
from helpers import make_doc, run_cli

from boilerbench.commands.diff import text_diff
from boilerbench.evaluate import Prediction, score

# the corpus_dir document's raw lines: title; byline + body (a split line); blank; promo
DOC = "acme-sample"


def write_preds(path, *records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_label_predictions_mark_the_lines_that_disagree(corpus_dir, tmp_path, capsys):
    preds = write_preds(tmp_path / "p.jsonl", {"id": DOC, "labels": ["title", "body", None, "body"]})
    code, out, _ = run_cli(capsys, "diff", DOC, "--predictions", preds, "--corpus", corpus_dir, "--color", "never")
    assert code == 0 and "\033[" not in out
    rows = {line.split()[0]: line for line in out.splitlines() if line[:4].strip().isdigit()}
    assert rows["1"].split()[1:3] == ["title", "title"] and "!" not in rows["1"]
    assert rows["4"].split()[1:4] == ["promo", "body", "!"] and rows["4"].endswith("Sign up for our newsletter.")
    assert "labels predictions" in out and "body F1" in out


def test_colour_is_used_only_when_asked_or_on_a_terminal(corpus_dir, tmp_path, capsys):
    preds = write_preds(tmp_path / "p.jsonl", {"id": DOC, "labels": ["title", "body", None, "body"]})
    _, out, _ = run_cli(capsys, "diff", DOC, "--predictions", preds, "--corpus", corpus_dir, "--color", "always")
    assert "\033[31mpromo" in out  # the gold label in show's colours
    _, out, _ = run_cli(capsys, "diff", DOC, "--predictions", preds, "--corpus", corpus_dir)  # captured: no tty
    assert "\033[" not in out


def test_text_predictions_show_what_each_token_was_credited_to(corpus_dir, tmp_path, capsys):
    body = "The council met on Tuesday.\nSign up for our newsletter.\nWords nowhere in it"
    preds = write_preds(tmp_path / "p.jsonl", {"id": DOC, "body": body})
    code, out, _ = run_cli(capsys, "diff", DOC, "--predictions", preds, "--corpus", corpus_dir, "--color", "never")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines() if line[:4].strip().isdigit()}
    assert rows["1"].split()[1:3] == ["title", "-"] and "!" not in rows["1"]  # title not scored: left out is fine
    # a partly credited line: the credited tokens are bracketed, the body it missed is marked
    assert rows["2"].split()[1:4] == ["body", "body", "5/10"] and rows["2"].split()[4] == "!"
    assert rows["2"].endswith("By Jane Doe, PORT ELLIS — [The council met on Tuesday].")
    assert rows["4"].split()[1:4] == ["promo", "body", "!"]  # promo kept as body
    assert "matches nothing in the document (4 tokens)" in out and "  Words nowhere in it" in out
    _, out, _ = run_cli(capsys, "diff", DOC, "--predictions", preds, "--corpus", corpus_dir, "--color", "always")
    assert "\033[1;31mSign up for our newsletter\033[0m" in out  # credited to body, gold promo: wrong


def test_the_diff_counts_what_the_scorer_counts():
    doc = make_doc([("title", "Rain today"), ("body", "Rain fell all day in the town today."),
                    ("promo", "Subscribe today"), ("body", "It will rain again today.")])
    pred = Prediction(doc.id, body="It will rain again today.\nRain today\nSubscribe now today")
    diff = text_diff(doc, pred, ("body",))
    entry = score([doc], [pred], n_resamples=0).documents[0]
    states = [state for line in diff.lines for _, state in line.pieces]
    credited = sum(entry["credit"]["body"].values())
    assert states.count("right") + states.count("wrong") == credited
    assert states.count("right") == entry["credit"]["body"]["body"]
    assert sum(len(r.split()) for r in diff.unmatched.get("body", [])) == entry["unmatched"]["body"]


ERRORS = {
    "unknown id": (["acme-sampel"], "no document with id 'acme-sampel' in the corpus; did you mean acme-sample?"),
    "not in the file": ([DOC], "no prediction for document 'acme-sample' (the file holds 1 predictions)"),
    "wrong line count": ([DOC], "document 'acme-sample': 2 labels for 4 lines"),
    "no such file": ([DOC], "no such predictions file"),
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_diff_errors(corpus_dir, tmp_path, capsys, case):
    argv, message = ERRORS[case]
    preds = tmp_path / "p.jsonl"
    if case == "not in the file":
        write_preds(preds, {"id": "other-doc", "body": "x"})
    elif case == "wrong line count":
        write_preds(preds, {"id": DOC, "labels": ["title", "body"]})
    elif case != "no such file":
        write_preds(preds, {"id": DOC, "body": "x"})
    code, out, err = run_cli(capsys, "diff", *argv, "--predictions", preds, "--corpus", corpus_dir)
    assert code == 1 and message in err and out == "", err


def test_leaderboard_out_lists_each_extractors_worst_documents_with_their_diff(tmp_path, capsys):
    import shlex

    docs = [make_doc([("title", f"Headline {k}"), ("body", "word " * (3 + k)), ("promo", "Subscribe " * (12 - k))],
                     doc_id=f"doc-{k:02d}") for k in range(12)]
    corpus = tmp_path / "mine.jsonl"
    corpus.write_text("".join(d.dumps() + "\n" for d in docs), encoding="utf-8")
    kept = ({"id": d.id, "body": d.lines[1].text if k % 2 else d.lines[2].text} for k, d in enumerate(docs))
    mine = write_preds(tmp_path / "mine-preds.jsonl", *kept)
    out = tmp_path / "lb"
    code, _, err = run_cli(capsys, "leaderboard", "--corpus", corpus, "--extractor", "keep-all", "--predictions", mine,
                           "--resamples", "0", "--no-progress", "--out", out)
    assert code == 0, err
    for name in ("keep-all", "mine-preds"):
        text = (out / "worst" / "authored" / f"{name}.md").read_text()
        rows = [ln for ln in text.splitlines() if ln.startswith("| ") and ln.split("|")[1].strip().isdigit()]
        assert len(rows) == 10
        f1s = [float(r.split("|")[6]) for r in rows]
        per_doc = {d["id"]: d["scores"]["body"]["f1"]
                   for d in json.loads((out / "results" / "authored" / f"{name}.json").read_text())["documents"]}
        assert f1s == sorted(f1s) and f1s == [round(f, 3) for f in sorted(per_doc.values())[:10]]
        assert all(abs(per_doc[r.split("|")[2].strip()] - f) < 1e-3 for r, f in zip(rows, f1s, strict=True))
        command = rows[0].split("`")[1]
        argv = shlex.split(command)
        assert argv[:2] == ["boilerbench", "diff"] and "--corpus" in argv
        code, shown, err = run_cli(capsys, *argv[1:], "--color", "never")
        assert code == 0 and argv[2] in shown, err
    assert f"--predictions {mine}" in (out / "worst" / "authored" / "mine-preds.md").read_text()
    assert (out / "predictions" / "authored" / "keep-all.jsonl").exists()


def test_a_benchmarks_own_results_file_is_matched_to_the_imported_ids(tmp_path, capsys):
    doc = make_doc([("title", "Storm closes the harbour"), ("body", "The harbour closed at noon."),
                    ("other", "Share this")], doc_id="wcxb-dev-0224")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(doc.dumps() + "\n", encoding="utf-8")
    results = tmp_path / "tool.json"
    results.write_text(json.dumps({"extractor": "tool", "results": [
        {"file_id": "0224", "extracted": {"main_content": "The harbour closed at noon.", "title": "Storm"}}]}))
    code, out, err = run_cli(capsys, "diff", "wcxb-dev-0224", "--predictions", results, "--corpus", corpus,
                             "--color", "never")
    assert code == 0 and "(tool published, text predictions)" in out, err
    rows = {line.split()[0]: line for line in out.splitlines() if line[:4].strip().isdigit()}
    assert rows["2"].split()[1:3] == ["body", "body"] and rows["1"].split()[1:4] == ["title", "title", "1/4"]
