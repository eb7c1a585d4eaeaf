"""The scorer's fast paths give exactly what the slow ones give (issue 16: speed without
changing a figure)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from boilerbench.evaluate.compat import TOKEN

TRICKY = "ab Z_09 é ß ñ ² ½ \u0301 \u2019 \u2014 \u00a0 я Ω 中 \u200d \u203f \u0663 \u2160 \ufb01 \n .,"


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(TRICKY), min_size=1, max_size=40), data=st.data())
def test_label_token_counts_are_the_counts_of_the_labelled_tokens(text, data):
    """The AEB-only scoring counts gold tokens without building them: the same counts, with
    spans cutting words anywhere and text left outside every span."""
    from collections import Counter

    from boilerbench.document import Span
    from boilerbench.tokenize import label_token_counts, labelled_tokens

    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=8))) | {0, len(text)})
    spans = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        label = data.draw(st.sampled_from(["body", "promo", "title", None]))
        if label is not None and "\n" not in text[a:b]:
            spans.append(Span(a, b, label))
    expected = Counter(labelled_tokens(text, spans)[1])
    assert Counter({k: v for k, v in label_token_counts(text, spans).items() if v}) == expected


def test_aeb_only_scoring_records_the_gold_counts_full_scoring_does():
    from boilerbench import Document, Prediction, score

    rows = [("title", "Ferry fares rise"), ("body", "Fares rise by a fifth in April."), ("promo", "Subscribe now")]
    fresh = [Document.from_rows(f"d{i}", rows[: 2 + i % 2]) for i in range(3)]
    preds = [Prediction(d.id, body="Fares rise by a fifth") for d in fresh]
    only = score(fresh, preds, n_resamples=20, fields=())
    assert all("_token_view" not in d.__dict__ for d in fresh)  # counted, not tokenized
    full = score([Document.from_rows(f"d{i}", rows[: 2 + i % 2]) for i in range(3)], preds, n_resamples=20)
    assert only.columns.gold.tolist() == full.columns.gold.tolist()
    assert only.summary["compat"] == full.summary["compat"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY + "\U0001d400\U0001f600\ud800_"), max_size=60))
def test_token_keys_are_one_per_compat_token_and_equal_exactly_for_equal_tokens(text):
    """The compatibility score's keys come from numpy passes over code points, not from the
    token strings: one key per `re` `\\w+` token, in order, and equal keys for equal tokens."""
    import numpy as np

    from boilerbench.evaluate.compat import line_view, token_keys

    words, keys = TOKEN.findall(text), token_keys(text).tolist()
    assert len(keys) == len(words)
    for i in range(len(words)):
        for j in range(len(words)):
            assert (keys[i] == keys[j]) == (words[i] == words[j])
    line_keys, counts = line_view(text)
    assert np.array_equal(line_keys, token_keys(text))
    assert counts.tolist() == [len(TOKEN.findall(line)) for line in text.split("\n")]


def test_token_keys_of_the_same_token_agree_across_texts_and_positions():
    from boilerbench.evaluate.compat import token_keys

    a, b = token_keys("Ferry fares rise"), token_keys("x " * 5000 + "rise, Ferry! fares\n")
    assert sorted(a.tolist()) == sorted(b[-3:].tolist())


def test_on_ascii_text_re_finds_the_tokenizer_s_tokens():
    """`tokens` reads ASCII text with `re` (a cheaper call): both take the same word characters."""
    from boilerbench.tokenize import _ASCII_WORD, WORD, tokens

    ascii_chars = "".join(map(chr, range(128)))
    assert [c for c in ascii_chars if _ASCII_WORD.fullmatch(c)] == [c for c in ascii_chars if WORD.fullmatch(c)]
    assert tokens("Fares_2 rise; by-law x\ty") == WORD.findall("Fares_2 rise; by-law x\ty")


def test_a_long_text_is_keyed_in_pieces_with_the_same_keys(monkeypatch):
    """Texts longer than compat.PIECE are keyed piece by piece, cut at white space (memory kept
    bounded): the keys and token starts are those of the text keyed whole."""
    import numpy as np

    from boilerbench.evaluate import compat

    text = "Ferry fares rise\nby a fifth, the operator said. " * 40 + "x" * 300 + " end"
    whole = compat._piece_keys(text)
    monkeypatch.setattr(compat, "PIECE", 64)
    pieces = compat._keys_and_starts(text)
    assert np.array_equal(pieces[0], whole[0]) and np.array_equal(pieces[1], whole[1])
    assert len(pieces[0]) == len(TOKEN.findall(text))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_predicted_lines_equal_to_document_lines_are_not_tokenized_and_align_the_same(data):
    """align_text takes a predicted line equal to a raw line of the document from the
    document's tokens: the alignment is the one of tokenizing every predicted line."""
    import numpy as np

    from boilerbench import Document
    from boilerbench.evaluate.align import align_text, doc_tokens
    from boilerbench.evaluate.scoring import gold_doc_tokens

    pool = ["Ferry fares rise", "Fares rise, by a fifth!", "Subscribe now", "café owners say", "", "By Ann Rain",
            "Fares rise by a fifth", "x² ½ y"]
    rows = data.draw(st.lists(st.tuples(st.sampled_from(["body", "promo", "title"]), st.sampled_from(pool)),
                              min_size=1, max_size=8))
    doc = Document.from_rows("d1", [(label, text) for label, text in rows])
    lines = data.draw(st.lists(st.sampled_from(pool + ["Ferry fares rise today"]), max_size=8))
    text = "\n".join(lines)
    with_lines = gold_doc_tokens(doc)
    without = doc_tokens(with_lines.words, with_lines.labels, doc.line_token_counts)
    assert with_lines.lines and not without.lines
    for target in (0, 1, 2):
        a, b = align_text(text, with_lines, target), align_text(text, without, target)
        assert a[0] == b[0] and np.array_equal(a[1], b[1])


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(TRICKY + "\n\n"), min_size=1, max_size=50), data=st.data())
def test_labelled_tokens_fast_path_matches_token_by_token_labelling(text, data):
    """The line-at-a-time labelling (one span a line, lines of one label, split lines) gives each
    token the label of the span holding its first character, as `Document.tokens` does token by
    token; and the counts per line are the tokens of each line."""
    from boilerbench.document import Document, Span
    from boilerbench.tokenize import labelled_token_runs, tokens

    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=10))) | {0, len(text)})
    spans = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        label = data.draw(st.sampled_from(["body", "promo", None]))
        if label is not None:  # spans never cross a line end: cut them there
            pos = a
            for piece in text[a:b].split("\n"):
                if piece:
                    spans.append(Span(pos, pos + len(piece), label))
                pos += len(piece) + 1
    doc = Document(id="d", publisher="p", language="en", split="test", provenance="authored", license="MIT",
                   text=text, spans=tuple(spans))
    words, runs, counts = labelled_token_runs(text, spans)
    assert list(zip(words, [label for label, n in runs for _ in range(n)], strict=True)) == \
        [(t.text, t.label) for t in doc.tokens]
    assert counts == [len(tokens(line)) for line in text.split("\n")]


@settings(max_examples=400, deadline=None)
@given(a=st.text(alphabet=st.sampled_from("ab a_b, \n\U0001d400é"), max_size=12),
       b=st.text(alphabet=st.sampled_from("ab a_b, \n\U0001d400é"), max_size=12))
def test_an_exact_page_is_told_from_code_points_exactly_when_the_tokens_agree(a, b):
    """Exact pages (the accuracy) are confirmed from the tokens' code points and lengths, not
    from token strings: the same verdict as comparing `re.findall`'s tokens."""
    from boilerbench.evaluate.compat import _same_tokens, _signature, page_score

    assert _same_tokens(_signature(a), _signature(b)) == (TOKEN.findall(a) == TOKEN.findall(b))
    assert page_score(a, b).exact == (TOKEN.findall(a) == TOKEN.findall(b))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_sklearn_line_stats_counted_in_c_are_the_character_loops(text):
    """The sklearn baseline's character shares counted with map/filter give the values of the
    character-by-character definition (the shipped model's features are unchanged)."""
    import math

    from boilerbench.baselines.sklearn_model import GLUED, _line_stats
    from boilerbench.tokenize import tokens

    stripped = text.strip()
    letters = [c for c in stripped if c.isalpha()]
    n = max(len(stripped), 1)
    assert _line_stats(text) == [
        math.log1p(len(tokens(stripped))), math.log1p(len(stripped)),
        sum(c.isupper() for c in letters) / max(len(letters), 1),
        sum(c.isdigit() for c in stripped) / n,
        sum(not c.isalnum() and not c.isspace() for c in stripped) / n,
        float(stripped.endswith((".", "!", "?", '"', "”", "»"))), float(bool(GLUED.search(stripped))),
        float(stripped[:1].isupper())]
