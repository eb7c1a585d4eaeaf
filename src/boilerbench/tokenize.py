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


def line_tokens(text: str) -> list[list[str]]:
    """The tokens of each raw line (lines split on `\\n`)."""
    return [tokens(line) for line in text.split("\n")]


def labelled_tokens(text: str, spans) -> tuple[list[str], list[str | None]]:
    """The tokens of `text` with the label of the span holding each token's first character
    (None where no span does)."""
    words, labels, _ = labelled_line_tokens(text, spans)
    return words, labels


def labelled_line_tokens(text: str, spans) -> tuple[list[str], list[str | None], list[int]]:
    """`labelled_tokens` plus the number of tokens on each raw line, in one pass. Fast path for
    scoring: a line covered by spans of a single label is tokenized in one call; only lines split
    between labels go token by token."""
    words: list[str] = []
    labels: list[str | None] = []
    counts: list[int] = []
    k, n = 0, len(spans)
    for (line_start, line), toks in zip(_lines(text), line_tokens(text), strict=True):
        line_end = line_start + len(line)
        first = k
        while k < n and spans[k].start < line_end:
            k += 1
        line_spans = spans[first:k]
        counts.append(len(toks))
        if not line_spans:
            words += toks
            labels += [None] * len(toks)
        elif len(line_spans) == 1 and line_spans[0].start == line_start and line_spans[0].end == line_end:
            words += toks  # the common case: one span holds the whole line
            labels += [line_spans[0].label] * len(toks)
        elif len({s.label for s in line_spans}) == 1 and _covers_all_words(line, line_start, line_spans):
            words += toks
            labels += [line_spans[0].label] * len(toks)
        else:
            j = 0
            for start, _end, word in iter_tokens(line):
                pos = line_start + start
                while j < len(line_spans) and line_spans[j].end <= pos:
                    j += 1
                inside = j < len(line_spans) and line_spans[j].start <= pos
                words.append(word)
                labels.append(line_spans[j].label if inside else None)
    return words, labels, counts


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _covers_all_words(line: str, line_start: int, spans) -> bool:
    """True when the text outside the spans of this line holds no word character."""
    pos = line_start
    for s in spans:
        if s.start > pos and WORD.search(line, pos - line_start, s.start - line_start):
            return False
        pos = s.end
    return not WORD.search(line, pos - line_start)
