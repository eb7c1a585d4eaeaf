"""The scorer: hand-computed figures, properties, repeated text, zero_division, intervals."""

from __future__ import annotations

import math
import random
from collections import Counter

import numpy as np
import pytest
from helpers import make_doc
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import confusion_matrix

from boilerbench import load_corpus
from boilerbench.evaluate import Prediction, prf_from_counts, score
from boilerbench.evaluate.align import align_text
from boilerbench.evaluate.comparison import compare
from boilerbench.evaluate.predictions import as_text
from boilerbench.evaluate.scoring import gold_doc_tokens
from boilerbench.labels import LABEL_IDS, LABELS

DOC = make_doc([
    ("title", "Council backs new ferry"),                # 4 tokens
    ("byline", "By Ana Ruiz"),                           # 3
    ("body", "The council voted on Tuesday to fund a second ferry."),  # 10
    ("promo", "Sign up for our morning newsletter."),    # 6
    ("body", "It will sail from May."),                  # 5
    ("teaser", "Read more: Harbour fees rise"),          # 5
])


def test_hand_computed_text_scores():
    # body: 10 + 5 gold tokens; the prediction keeps the first paragraph, the promo, and two
    # words that are nowhere in the document
    pred = Prediction("d", body="The council voted on Tuesday to fund a second ferry.\n"
                                "Sign up for our morning newsletter.\nbanana split")
    r = score([DOC], [pred], n_resamples=0)
    body = r["micro"]["body"]
    # TP 10, FP 6 (promo) + 2 (unmatched), FN 5
    assert body["precision"]["value"] == pytest.approx(10 / 18)
    assert body["recall"]["value"] == pytest.approx(10 / 15)
    assert body["f1"]["value"] == pytest.approx(2 * 10 / (2 * 10 + 8 + 5))
    assert r.leakage("promo") == 1.0
    assert r.leakage("title") == 0.0 and r.leakage("teaser") == 0.0
    assert r["leakage"]["promo"]["tokens"] == 6


def test_hand_computed_label_scores():
    labels = ("title", "body", "body", "body", "body", "other")  # byline and promo kept as body
    r = score([DOC], [Prediction("d", labels=labels)], n_resamples=0)
    # predicted body: byline 3 + body 10 + promo 6 + body 5 tokens, of which 15 are body
    assert r.value("body", "precision") == pytest.approx(15 / 24)
    assert r.value("body", "recall") == 1.0
    assert r.value("title", "f1") == 1.0
    assert r.value("teaser", "recall") == 0.0
    assert r.value("other", "precision") == 0.0
    assert r.leakage("byline") == 1.0 and r.leakage("promo") == 1.0
    assert r["lines"]["body"]["precision"] == pytest.approx(2 / 4)


def test_confusion_matrix_matches_scikit_learn():
    doc = next(d for d in load_corpus() if d.id == "theweek-us-russia-talks")
    rng = random.Random(3)
    labels = tuple(rng.choice(LABELS + (None,)) for _ in doc.lines)
    r = score([doc], [Prediction(doc.id, labels=labels)], n_resamples=0)
    gold = [t.label or "(none)" for t in doc.tokens]
    line_of = {}
    for line, lab in zip(doc.lines, labels, strict=True):
        for i in range(line.start, line.end + 1):
            line_of[i] = lab or "(none)"
    pred = [line_of[t.start] for t in doc.tokens]
    expected = confusion_matrix(gold, pred, labels=list(LABELS) + ["(none)"])
    assert np.array_equal(np.array(r["confusion"]["tokens"]), expected)


@pytest.mark.parametrize("zero_division", [0.0, 1.0])
def test_figures_from_counts_are_scikit_learns(zero_division):
    """prf_from_counts gives scikit-learn's precision, recall and F1, 0/0 cases included."""
    from sklearn.metrics import precision_recall_fscore_support as sk

    y_true = ["body", "body", "promo", "title", "promo", "other"]
    y_pred = ["body", "promo", "promo", "body", "other", "other"]
    labels = list(LABELS)  # byline and teaser appear in neither: 0/0 everywhere
    tp = np.array([sum(t == p == lab for t, p in zip(y_true, y_pred, strict=True)) for lab in labels])
    fp = np.array([sum(p == lab for p in y_pred) for lab in labels]) - tp
    fn = np.array([sum(t == lab for t in y_true) for lab in labels]) - tp
    ours = prf_from_counts(tp, fp, fn, zero_division=zero_division)
    theirs = sk(y_true, y_pred, labels=labels, zero_division=zero_division)[:3]
    for a, b in zip(ours, theirs, strict=True):
        assert np.allclose(a, b, equal_nan=True)


# --- properties over the bundled corpus -------------------------------------------------------

# The authored documents and a fixed sample of real ones: the properties hold on both tracks.
CORPUS = list(load_corpus(track="authored")) + list(load_corpus(track="real"))[::12]


def _piece_tokens(doc, span):
    from boilerbench.tokenize import tokens

    return tokens(doc.text[span.start : span.end])


def unambiguous(doc) -> bool:
    """A document where a labelled prediction and its text form must score the same: every gold
    span's tokens occur once in the document (no repeated text for the benefit of the doubt to
    move), and no token straddles a span boundary (a split inside a glued word)."""
    words = [t.text for t in doc.tokens]
    starts = {}
    for i, w in enumerate(words):
        starts.setdefault(w, []).append(i)
    bounds = {s.start for s in doc.spans} | {s.end for s in doc.spans}
    if any(t.start < b < t.end for t in doc.tokens for b in bounds):
        return False
    for span in doc.spans:
        piece = _piece_tokens(doc, span)
        if not piece:
            continue
        hits = sum(1 for i in starts.get(piece[0], ()) if words[i : i + len(piece)] == piece)
        if hits != 1:
            return False
    return True


CLEAN = [d for d in CORPUS if unambiguous(d)]


def gold_labels(doc):
    return Prediction(doc.id, labels=tuple(line.label for line in doc.lines))


def gold_spans(doc):
    return Prediction(doc.id, spans=doc.spans)


def test_perfect_prediction_scores_one_with_no_leakage():
    for docs, make in ((CORPUS, gold_spans), (CLEAN, lambda d: as_text(gold_spans(d), d))):
        r = score(docs, [make(d) for d in docs], n_resamples=20)
        for name in r.fields:
            for metric in ("precision", "recall", "f1"):
                assert r.value(name, metric) == 1.0, (name, metric)
                assert r.value(name, metric, "macro") == 1.0
        assert all(r.leakage(lab) == 0.0 for lab in r["leakage"])
        assert r["compat"]["f1"]["value"] == 1.0


def test_empty_prediction_has_recall_zero_and_counts_in_precision():
    r = score(CORPUS, [Prediction(d.id, body="") for d in CORPUS], n_resamples=20)
    assert r.value("body", "recall") == 0.0
    assert r.value("body", "precision") == 0.0  # zero_division=0: never dropped silently
    assert r.value("body", "precision", "macro") == 0.0
    r1 = score(CORPUS, [Prediction(d.id, body="") for d in CORPUS], n_resamples=0, zero_division=1.0)
    assert r1.value("body", "precision") == 1.0 and r1.value("body", "recall") == 0.0
    rn = score(CORPUS, [Prediction(d.id, body="") for d in CORPUS], n_resamples=0, zero_division=math.nan)
    assert math.isnan(rn.value("body", "precision"))


def test_missing_prediction_is_an_empty_one_and_reported():
    r = score(CORPUS[:3], [Prediction(CORPUS[0].id, body=CORPUS[0].text)], n_resamples=0)
    assert r["n_missing"] == 2 and r["missing"] == [CORPUS[1].id, CORPUS[2].id]
    assert r.documents[1]["scores"]["body"]["recall"] == 0.0


def test_keep_all_has_recall_one_and_precision_the_body_share():
    r = score(CORPUS, [Prediction(d.id, body=d.text) for d in CORPUS], n_resamples=0)
    body = sum(d.labelled_tokens[1].count("body") for d in CORPUS)
    total = sum(len(d.labelled_tokens[1]) for d in CORPUS)
    assert r.value("body", "recall") == 1.0
    assert r.value("body", "precision") == pytest.approx(body / total)
    assert all(r.leakage(lab) == 1.0 for lab in r["leakage"])


def test_document_order_changes_nothing():
    preds = [Prediction(d.id, body="\n".join(line.text for line in d.lines[::2])) for d in CORPUS]
    a = score(CORPUS, preds, n_resamples=50)
    shuffled = CORPUS[:]
    random.Random(1).shuffle(shuffled)
    b = score(shuffled, preds[::-1], n_resamples=50)
    for name in a.fields:
        for metric in ("precision", "recall", "f1"):
            assert a.value(name, metric) == pytest.approx(b.value(name, metric))
            assert a.value(name, metric, "macro") == pytest.approx(b.value(name, metric, "macro"))
    for lab in a["leakage"]:
        assert a.leakage(lab) == pytest.approx(b.leakage(lab))


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from([LABELS + (None,), ("title", "promo", "body"),
                                                          ("body", "teaser"), ("body",), ("other",)]))
def test_labels_and_their_text_score_the_same(rnd, choices):
    docs = rnd.sample(CLEAN, 3)
    labelled = [Prediction(d.id, labels=tuple(rnd.choice(choices) if line.label else None for line in d.lines))
                for d in docs]
    as_label = score(docs, labelled, n_resamples=0)
    texts = []
    for p, d in zip(labelled, docs, strict=True):  # the text form, its lines in any order
        t = as_text(p, d)
        fields = {}
        for name in ("body", "title", "byline"):
            lines = (getattr(t, name) or "").split("\n")
            rnd.shuffle(lines)
            fields[name] = "\n".join(lines)
        texts.append(Prediction(d.id, **fields))
    as_texts = score(docs, texts, n_resamples=0)
    for name in ("title", "byline", "body"):
        for metric in ("precision", "recall", "f1"):
            assert as_texts.value(name, metric) == pytest.approx(as_label.value(name, metric)), (name, metric)
    for lab in as_label["leakage"]:
        assert as_texts.leakage(lab) == pytest.approx(as_label.leakage(lab), nan_ok=True), lab


def test_labels_and_their_text_agree_exactly_without_repeated_text():
    doc = DOC
    for labels in [("title", "body", "body", "body", "body", "other"), ("body",) * 6, (None,) * 6,
                   ("other", "byline", "body", "promo", "promo", "body")]:
        p = Prediction("d", labels=labels)
        a = score([doc], [p], n_resamples=0)
        b = score([doc], [as_text(p, doc)], n_resamples=0)
        for name in ("title", "byline", "body"):
            for metric in ("precision", "recall", "f1"):
                assert a.value(name, metric) == pytest.approx(b.value(name, metric)), (labels, name, metric)
        for lab in a["leakage"]:
            assert a.leakage(lab) == pytest.approx(b.leakage(lab), nan_ok=True)


# --- repeated text ---------------------------------------------------------------------------

def credited(doc, text, target="body"):
    dt = gold_doc_tokens(doc)
    _, m = align_text(text, dt, LABEL_IDS[target])
    return [LABELS[dt.labels[i]] if i >= 0 else None for i in m]


def test_title_repeated_in_body_is_credited_to_the_body():
    doc = make_doc([("title", "Storm hits coast"), ("body", "Storm hits coast as winds reach gale force")])
    assert credited(doc, "Storm hits coast as winds reach gale force") == ["body"] * 8


def test_teaser_quoting_the_body_is_credited_to_the_body():
    doc = make_doc([("body", "Winds reached gale force"), ("body", "Ferries stopped"),
                    ("teaser", "Ferries stopped")])
    assert credited(doc, "Winds reached gale force Ferries stopped") == ["body"] * 6


def test_promo_printed_twice_and_kept_once_is_promo_once():
    doc = make_doc([("body", "One two three"), ("promo", "Join us today"), ("promo", "Join us today"),
                    ("body", "four five")])
    r = score([doc], [Prediction("d", body="One two three Join us today four five")], n_resamples=0)
    assert r["leakage"]["promo"]["tokens"] == 3 and r.leakage("promo") == 0.5
    assert credited(doc, "One two three Join us today four five") == ["body"] * 3 + ["promo"] * 3 + ["body"] * 2


# --- block order (the aligner does not punish it) ------------------------------------------------

def test_long_body_after_its_author_line_keeps_its_credit():
    # an extractor returns the article as one long line, then the author's name, whose only copy
    # stands above the article in the dump: both keep their credit
    paragraphs = [f"Paragraph {i} tells how the harbour board met again on day {i} and voted." for i in range(40)]
    doc = make_doc([("other", "Menu Home News Sport"), ("byline", "Mara Lindqvist"), ("title", "Ferry fares rise"),
                    *[("body", p) for p in paragraphs], ("teaser", "Most read: Tolls return")])
    pred = Prediction("d", body=" ".join(paragraphs) + "\nMara Lindqvist")
    r = score([doc], [pred], n_resamples=0)
    assert r.value("body", "recall") == 1.0
    assert r.leakage("byline") == 1.0


def test_article_printed_twice_and_kept_once_has_full_recall():
    body = ["The council met at noon.", "It voted to fund the ferry.", "Work starts in May."]
    doc = make_doc([("title", "Ferry funded"), *[("body", b) for b in body], ("other", "Print edition"),
                    *[("other", b) for b in body]])
    for kept in (body, body[::-1]):
        r = score([doc], [Prediction("d", body="\n".join(kept))], n_resamples=0)
        assert r.value("body", "recall") == 1.0 and r.value("body", "precision") == 1.0


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_shuffling_predicted_lines_changes_no_figure(rnd):
    docs = rnd.sample(CORPUS, 3)
    preds, shuffled = [], []
    for d in docs:
        lines = [line.text for line in d.lines if line.text.strip() and rnd.random() < 0.6]
        preds.append(Prediction(d.id, body="\n".join(lines), title=lines[0] if lines else ""))
        lines = lines[:]
        rnd.shuffle(lines)
        shuffled.append(Prediction(d.id, body="\n".join(lines), title=preds[-1].title))
    a = score(docs, preds, n_resamples=0)
    b = score(docs, shuffled, n_resamples=0)
    assert a.to_json()["micro"] == b.to_json()["micro"]
    assert a.to_json()["leakage"] == b.to_json()["leakage"]


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_moving_a_short_line_to_the_start_never_lowers_body_recall(rnd):
    d = rnd.choice(CORPUS)
    lines = [line.text for line in d.lines if line.label == "body"]
    extra = [line.text for line in d.lines if line.label not in (None, "body") and len(line.text.split()) <= 4]
    lines = lines + ([rnd.choice(extra)] if extra else [])
    if len(lines) < 2:
        return
    moved = [lines[-1]] + lines[:-1]
    a = score([d], [Prediction(d.id, body="\n".join(lines))], n_resamples=0)
    b = score([d], [Prediction(d.id, body="\n".join(moved))], n_resamples=0)
    assert b.value("body", "recall") >= a.value("body", "recall")


def _promo_text_is_unique(d) -> bool:
    """Every promo line's text occurs on no other line: where it does ("Chicago" as a promo and as
    a menu item), the repeated-text rule may credit the other copy, and the premise fails."""
    texts = Counter(line.text.strip() for line in d.lines)
    return all(texts[line.text.strip()] == 1 for line in d.lines if line.label == "promo")


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([d for d in CORPUS if any(line.label == "promo" for line in d.lines)
                        and _promo_text_is_unique(d)]))
def test_gold_body_with_every_promo_line_appended_leaks_all_promo(d):
    body = [d.text[s.start : s.end] for s in d.spans if s.label == "body"]
    promo = [d.text[s.start : s.end] for s in d.spans if s.label == "promo"]
    r = score([d], [Prediction(d.id, body="\n".join(body + promo))], n_resamples=0)
    assert r.leakage("promo") == 1.0


def test_alignment_is_deterministic():
    doc = next(d for d in CORPUS if d.id == "theweek-us-russia-talks")
    text = "\n".join(line.text for line in doc.lines if line.label != "title")
    runs = {tuple(credited(doc, text)) for _ in range(3)}
    assert len(runs) == 1


# --- intervals and comparison ------------------------------------------------------------------

def test_bootstrap_is_seeded_and_configurable():
    preds = [Prediction(d.id, body="\n".join(line.text for line in d.lines[1::2])) for d in CORPUS]
    a = score(CORPUS, preds, n_resamples=200, seed=7)
    b = score(CORPUS, preds, n_resamples=200, seed=7)
    c = score(CORPUS, preds, n_resamples=200, seed=8)
    fa, fc = a["micro"]["body"]["f1"], c["micro"]["body"]["f1"]
    assert fa == b["micro"]["body"]["f1"]
    assert (fa["low"], fa["high"]) != (fc["low"], fc["high"])
    assert fa["low"] <= fa["value"] <= fa["high"]
    wide = score(CORPUS, preds, n_resamples=200, seed=7, confidence=0.99)["micro"]["body"]["f1"]
    assert wide["low"] <= fa["low"] and wide["high"] >= fa["high"]


def test_paired_comparison():
    keep_all = score(CORPUS, [Prediction(d.id, body=d.text) for d in CORPUS], n_resamples=300)
    perfect = score(CORPUS, [as_text(gold_spans(d), d) for d in CORPUS], n_resamples=300)
    diff = compare(perfect, keep_all, n_resamples=300)
    assert diff["difference"] == pytest.approx(1 - keep_all.value("body", "f1"))
    assert diff["p_value"] < 0.01 and diff["low"] > 0
    same = compare(keep_all, keep_all, n_resamples=300)
    assert same["difference"] == 0.0 and same["p_value"] == 1.0


def test_compare_needs_the_same_documents():
    a = score(CORPUS[:5], [], n_resamples=0)
    b = score(CORPUS[1:6], [], n_resamples=0)
    with pytest.raises(ValueError, match="same documents"):
        compare(a, b)


def test_zero_division_must_be_explicit_and_valid():
    with pytest.raises(ValueError, match="zero_division"):
        score(CORPUS[:1], [], zero_division=0.5)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "Ünï", "x_1"]), max_size=14),
       st.lists(st.sampled_from(["a", "b", "c", "Ünï", "x_1"]), max_size=14))
def test_packed_shingles_match_the_counter_reference(gold, pred):
    """The compatibility score as computed (hashed, packed shingles) against the benchmark's own
    definition on Counters of token tuples."""
    from boilerbench.evaluate.compat import page_score, shingles

    gs, ps = shingles(gold), shingles(pred)
    tp = sum((gs & ps).values())
    fp, fn = sum(ps.values()) - tp, sum(gs.values()) - tp
    total = (tp + fp + fn) or 1
    page = page_score(" ".join(gold), " ".join(pred))
    assert (page.tp, page.fp, page.fn) == pytest.approx((tp / total, fp / total, fn / total))
    assert page.exact == (gold == pred)


def test_score_row_format(tmp_path, capsys):
    from boilerbench.cli import main
    from boilerbench.evaluate import write_predictions

    path = tmp_path / "p.jsonl"
    write_predictions(path, [Prediction(d.id, body=d.text) for d in CORPUS if d.split == "test"],
                      header={"extractor": {"name": "keep-all", "version": "1"}})
    assert main(["score", str(path), "--format", "row", "--header", "--resamples", "10"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("| extractor | body P") and out[2].startswith("| keep-all 1 | 0.")
    assert out[2].count("|") == out[0].count("|")


def test_an_unknown_predicted_label_is_a_value_error():
    doc = CORPUS[0]
    with pytest.raises(ValueError, match="unknown label 'bogus'"):
        score([doc], [Prediction(doc.id, labels=("bogus",) * len(doc.lines))], n_resamples=0)
