"""The scorer's fast paths give exactly what the slow ones give (issue 16: speed without
changing a figure)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from boilerbench.evaluate.compat import TOKEN, same_tokens
from boilerbench.tokenize import tokens

TRICKY = "ab Z_09 é ß ñ ² ½ \u0301 \u2019 \u2014 \u00a0 я Ω 中 \u200d \u203f \u0663 \u2160 \ufb01 \n .,"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=30))
def test_same_tokens_means_the_compat_tokenizer_agrees(text):
    if same_tokens(text):
        assert TOKEN.findall(text) == tokens(text)


def test_same_tokens_takes_latin_text_and_refuses_the_rest():
    assert same_tokens("Señor Müller’s café — 3 days")
    assert not same_tokens("x² ½")  # re's \w takes them, ours does not
    assert not same_tokens("cafe\u0301")  # a combining mark: NFC folds it
    assert not same_tokens("Привет")


def test_below_u0300_every_character_is_nfc_stable_with_class_0():
    """The premise of `same_tokens`: UAX #15's quick check says YES for any string of them."""
    for c in map(chr, range(0x300)):
        assert unicodedata.combining(c) == 0
        assert unicodedata.normalize("NFC", c) == c
        assert unicodedata.is_normalized("NFC", c)


def test_the_one_class_scan_finds_what_the_alternation_did():
    """`same_tokens` scans with one character class: a word character for `re` at or above
    U+0300, or one of the low characters the two `\\w` disagree on; every code point checked."""
    import re

    from boilerbench.evaluate.compat import _LOW, _UNSAFE_RE

    alternation = re.compile(r"[^\W\x00-\u02ff]|[" + re.escape(_LOW) + "]")
    everything = "".join(map(chr, range(0x110000)))
    assert _UNSAFE_RE.findall(everything) == alternation.findall(everything)
