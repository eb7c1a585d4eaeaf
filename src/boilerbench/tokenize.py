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

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:
    import numpy as np

WORD = regex.compile(r"\w+")
_ASCII_WORD = re.compile(r"\w+")  # on ASCII text, the same tokens as WORD (a test checks every character)


def iter_tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield `(start, end, token)` for every word token of `text`."""
    for match in WORD.finditer(text):
        word = match.group()
        if not word.isascii():
            word = unicodedata.normalize("NFC", word)
        yield match.start(), match.end(), word


def tokens(text: str) -> list[str]:
    """The token strings of `text`, in order.

    >>> tokens("Ferry fares rise, cafe\u0301s say")
    ['Ferry', 'fares', 'rise', 'cafés', 'say']
    """
    if text.isascii():  # the same runs by `re`, whose call costs less (most lines of a page are ASCII)
        return _ASCII_WORD.findall(text)
    return [unicodedata.normalize("NFC", w) for w in WORD.findall(text)]


def line_tokens(text: str) -> list[list[str]]:
    """The tokens of each raw line (lines split on `\\n`)."""
    return [tokens(line) for line in text.split("\n")]


def labelled_tokens(text: str, spans) -> tuple[list[str], list[str | None]]:
    """The tokens of `text` with the label of the span holding each token's first character
    (None where no span does)."""
    words, labels, _ = labelled_line_tokens(text, spans)
    return words, labels


def labelled_line_tokens(text: str, spans) -> tuple[list[str], list[str | None], list[int]]:
    """`labelled_tokens` plus the number of tokens on each raw line, in one pass."""
    words, runs, counts = labelled_token_runs(text, spans)
    return words, [label for label, n in runs for _ in range(n)], counts


def labelled_token_runs(text: str, spans) -> tuple[list[str], list[tuple[str | None, int]], list[int]]:
    """The tokens of `text`, their labels as runs (label, number of tokens) in order, and the
    number of tokens on each raw line. Fast path for scoring: a line covered by spans of a
    single label is tokenized in one call and is one run (no label a token); only lines split
    between labels go token by token.

    >>> from boilerbench.document import Span
    >>> labelled_token_runs("Fares rise\\nin April", [Span(0, 10, "body"), Span(11, 13, "body"), Span(14, 19, "promo")])
    (['Fares', 'rise', 'in', 'April'], [('body', 2), ('body', 1), ('promo', 1)], [2, 2])
    """
    words: list[str] = []
    runs: list[tuple[str | None, int]] = []
    counts: list[int] = []
    k, n = 0, len(spans)
    line_end = -1
    for line in text.split("\n"):
        line_start = line_end + 1
        line_end = line_start + len(line)
        toks = tokens(line)
        counts.append(len(toks))
        if k < n and spans[k].start < line_end:
            span = spans[k]
            if span.start == line_start and span.end == line_end and (k + 1 == n or spans[k + 1].start > line_end):
                k += 1  # the common case: one span holds the whole line
                if toks:
                    words += toks
                    runs.append((span.label, len(toks)))
                continue
        first = k
        while k < n and spans[k].start < line_end:
            k += 1
        if not toks:
            continue
        line_spans = spans[first:k]
        if not line_spans:
            words += toks
            runs.append((None, len(toks)))
        elif len({s.label for s in line_spans}) == 1 and _covers_all_words(line, line_start, line_spans):
            words += toks
            runs.append((line_spans[0].label, len(toks)))
        else:
            j = 0
            for start, _end, word in iter_tokens(line):
                pos = line_start + start
                while j < len(line_spans) and line_spans[j].end <= pos:
                    j += 1
                inside = j < len(line_spans) and line_spans[j].start <= pos
                words.append(word)
                runs.append((line_spans[j].label if inside else None, 1))
    return words, runs, counts


def label_token_counts(text: str, spans) -> dict[str | None, int]:
    """How many tokens each label holds (None: tokens outside every span), as `labelled_tokens`
    labels them, without building the tokens: where the tokens start is read off the text's
    code points in a few numpy passes, and each span counts the starts it holds (a token counts
    for the span holding its first character). Spans sorted and apart, as in a valid document.

    >>> from boilerbench.document import Span
    >>> label_token_counts("Fares rise\\nSubscribe now", [Span(0, 10, "body"), Span(11, 20, "promo")])
    {'body': 2, 'promo': 1, None: 1}
    """
    import numpy as np  # here, not at the top: `import boilerbench` stays cheap

    starts = token_starts(text)
    counts: dict[str | None, int] = {}
    if spans:
        held = (np.searchsorted(starts, [s.end for s in spans]) - np.searchsorted(starts, [s.start for s in spans]))
        for s, n in zip(spans, held.tolist(), strict=True):
            if n:
                counts[s.label] = counts.get(s.label, 0) + n
    outside = len(starts) - sum(counts.values())
    if outside:
        counts[None] = outside
    return counts


def token_starts(text: str) -> np.ndarray:
    """Where each token of `text` starts (a numpy array of offsets), from its code points: a
    token starts at a word character after a character that is none.

    >>> token_starts("Fares rise, cafe\u0301s").tolist()
    [0, 6, 12]
    """
    import numpy as np

    if not text:
        return np.zeros(0, dtype=np.int64)
    _, word = word_characters(text, WORD)
    return np.flatnonzero(word[1:-1] > word[:-2])


def word_characters(text: str, pattern: Any) -> tuple[np.ndarray, np.ndarray]:
    """The code points of a non-empty `text` (uint32, one a character) and, for each, whether
    `pattern` (`\\w+`: ours, or `re`'s for the compatibility score) takes it as a word character:
    int8, padded with a non-word character at either end. Read off the pattern itself, a
    character of the Basic Multilingual Plane from a table and one beyond it on its own.

    >>> word_characters("a b", WORD)[1].tolist()
    [0, 1, 0, 1, 0]
    """
    import numpy as np  # here, not at the top: `import boilerbench` stays cheap

    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    word = np.zeros(len(text) + 2, dtype=np.int8)
    table = _word_table(pattern)
    if text.isascii() or int(cp.max()) < 0x10000:
        word[1:-1] = table[cp]
    else:  # characters beyond the BMP (emoji, mathematical letters) one by one
        word[1:-1] = table[np.minimum(cp, 0xFFFF)]
        for at in np.flatnonzero(cp > 0xFFFF).tolist():
            word[at + 1] = pattern.match(text, at, at + 1) is not None
    return cp, word


_WORD_TABLES: dict[Any, np.ndarray] = {}


def _word_table(pattern: Any) -> np.ndarray:
    """For each character of the Basic Multilingual Plane, whether `pattern` takes it (kept per
    pattern)."""
    if pattern not in _WORD_TABLES:
        import numpy as np

        table = np.zeros(0x10000, dtype=bool)
        plane = "".join(map(chr, range(0xD800))) + "\x00" * 0x800 + "".join(map(chr, range(0xE000, 0x10000)))
        for m in pattern.finditer(plane):  # (the surrogates' places held by NUL, which is no word character)
            table[m.start() : m.end()] = True
        _WORD_TABLES[pattern] = table
    return _WORD_TABLES[pattern]


def _covers_all_words(line: str, line_start: int, spans) -> bool:
    """True when the text outside the spans of this line holds no word character."""
    pos = line_start
    for s in spans:
        if s.start > pos and WORD.search(line, pos - line_start, s.start - line_start):
            return False
        pos = s.end
    return not WORD.search(line, pos - line_start)
