"""The one tokenizer of the project: Unicode word characters, NFC, case kept.

A token is a maximal run of word characters as the `regex` module defines them for
Unicode (Unicode TR18: letters, combining marks, decimal digits, connector punctuation
and join controls). Marks count as word characters, so "cafe\u0301" is one token even in
NFD, which Python's `re` would cut in two. Offsets are characters of the raw text; the
token's string is NFC-normalised so that NFC and NFD spellings compare equal, and case
is kept. Everything else (spaces, punctuation, symbols, emoji) separates tokens.

When a token straddles a span boundary (an annotator split a line inside a word), it
takes the label of the span that holds its first character.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

WORD = regex.compile(r"\w+")


def iter_tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield `(start, end, token)` for every word token of `text`."""
    for match in WORD.finditer(text):
        word = match.group()
        if not word.isascii():
            word = unicodedata.normalize("NFC", word)
        yield match.start(), match.end(), word


def tokens(text: str) -> list[str]:
    """The token strings of `text`, in order."""
    words = WORD.findall(text)
    if text.isascii():
        return words
    return [unicodedata.normalize("NFC", w) for w in words]
