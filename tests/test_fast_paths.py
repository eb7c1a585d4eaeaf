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
