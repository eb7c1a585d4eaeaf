"""Align predicted text to a document's tokens, to credit each predicted token to the gold label
of the document token it came from. The order of the predicted lines never matters; the order
of the tokens within a line does (this is not a bag of words).

1. Every predicted line is aligned on its own, anywhere in the document, and each document
   token is credited at most once. Lines are taken longest first (then by their text, so the
   order they come in changes nothing): a long block is never left without credit because a
   short line took its place first.
2. First, lines that are copies of a whole document line whose tokens are all still free take
   that line; where there are several such copies, the one with the most tokens of the label
   being scored (the benefit of the doubt), then the one next to text already taken (copied
   text stays together: a box heading goes with its box), then the earliest.
3. Then every other line is aligned to the document's free tokens. A line of up to 64 tokens by
   an exact alignment that keeps, in this order, the most matches, the fewest pieces, the most
   tokens of the scored label and the earliest copies; a longer line by a longest common
   subsequence (rapidfuzz's bit-parallel LCS over token ids: O(n*m/64), no quadratic Python
   loop and no autojunk heuristics), then step 4.
4. Repeated text in long lines: around each run of a line's tokens aligned to text of another label, a
   window is re-aligned exactly, keeping the number of matches, then preferring text kept in the
   fewest contiguous pieces (text an extractor copied stays together), then more tokens of the
   scored label, then the earliest copies; only where a free copy of a run token with the
   scored label lies inside the window.

So a body that repeats the headline, or a body sentence quoted by a teaser, is credited as body;
a promo printed twice and kept once is credited to its first copy (promo either way); an
article printed twice and kept once gets full body recall; an author line moved after the
article keeps its credit, and so does the article. Everything is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import LCSseq

from boilerbench.tokenize import line_tokens, tokens

PAD = 24  # aligned tokens on each side of a run that a window may re-align
SHORT = 64  # lines up to this many tokens are aligned by the exact weighted LCS over the whole document


@dataclass(frozen=True)
class DocTokens:
    """A document's tokens as the aligner reads them."""

    words: list[str]
    labels: np.ndarray  # label id of each token
    line_bounds: np.ndarray  # token index where each raw line starts, and the total at the end
    lines: tuple[str, ...] = ()  # the raw lines, when known: a predicted line equal to one is not tokenized


def doc_tokens(words: list[str], labels: np.ndarray, line_counts: list[int], lines: Sequence[str] = ()) -> DocTokens:
    bounds = np.concatenate([[0], np.cumsum(line_counts)]).astype(np.int64)
    return DocTokens(words, np.asarray(labels), bounds, tuple(lines))


def _predicted_lines(text: str, doc: DocTokens, bounds: list[int]) -> list[tuple[list[str], int]]:
    """The tokens of each line of predicted text, with the document line it is a copy of by its
    raw text (-1: none). Such a line has that line's tokens (the same text, the same tokens); the
    others are tokenized."""
    if not doc.lines:
        return [(line, -1) for line in line_tokens(text)]
    known: dict[str, int] = {}
    for d, raw in enumerate(doc.lines):
        known.setdefault(raw, d)
    words = doc.words
    out = []
    for raw in text.split("\n"):
        d = known.get(raw, -1)
        out.append((words[bounds[d] : bounds[d + 1]], d) if d >= 0 else (tokens(raw), -1))
    return out


def align_text(text: str, doc: DocTokens, target: int) -> tuple[list[str], np.ndarray]:
    """Tokenize predicted text and align it: (tokens, index of the aligned document token or -1).

    >>> import numpy as np
    >>> dt = doc_tokens(["By", "Ann", "Rain", "fell", "today"], np.array([1, 1, 2, 2, 2]), [2, 3])
    >>> align_text("Rain fell today\\nBy Ann", dt, 2)[1].tolist()
    [2, 3, 4, 0, 1]
    """
    bounds = doc.line_bounds.tolist()
    found = [(t, d) for t, d in _predicted_lines(text, doc, bounds) if t]
    pred_lines = [t for t, _ in found]
    pred = [w for line in pred_lines for w in line]
    if not pred or not doc.words:
        return pred, np.full(len(pred), -1, dtype=np.int64)
    n_doc = len(doc.words)
    is_target = doc.labels == target
    # The copy phase works on Python lists and a bytearray (1: free): per line, numpy's fixed
    # cost of a call was most of the work.
    before = np.concatenate([[0], np.cumsum(is_target)])[doc.line_bounds]  # target tokens before each line
    targets = (before[1:] - before[:-1]).tolist()  # ... and in each
    copies: dict[tuple[str, ...], list[int]] = {}
    same: list[list[int]] = []  # the document lines with each line's tokens (itself included)
    words = doc.words
    for d in range(len(bounds) - 1):
        a, b = bounds[d], bounds[d + 1]
        same.append(copies.setdefault(tuple(words[a:b]), []) if b > a else [])
        if b > a:
            same[d].append(d)
    free = bytearray(b"\x01") * n_doc
    matched = [-1] * len(pred)
    starts = [0]
    for line in pred_lines:
        starts.append(starts[-1] + len(line))
    rest = []
    for i in sorted(range(len(pred_lines)), key=lambda k: (-len(pred_lines[k]), pred_lines[k])):
        line = pred_lines[i]
        copy_of = found[i][1]
        candidates = same[copy_of] if copy_of >= 0 else copies.get(tuple(line), ())
        best, best_key = -1, None
        for d in candidates:
            a, b = bounds[d], bounds[d + 1]
            if free.find(0, a, b) < 0:  # all free
                if len(candidates) == 1:
                    best = d
                    break
                together = int(a > 0 and not free[a - 1]) + int(b < n_doc and not free[b])
                key = (targets[d], together, -d)
                if best_key is None or key > best_key:
                    best, best_key = d, key
        if best < 0:
            rest.append(i)
            continue
        ps, a, n = starts[i], bounds[best], len(line)
        matched[ps : ps + n] = range(a, a + n)
        free[a : a + n] = bytes(n)
    match = np.array(matched, dtype=np.int64)
    if not rest:
        return pred, match
    free_mask = np.frombuffer(bytes(free), dtype=np.uint8).astype(bool)
    vocab: dict[str, int] = {}  # token ids for the LCS, only when a line is not a copy of a document line
    doc_ids = np.fromiter((vocab.setdefault(w, len(vocab)) for w in words), dtype=np.int64, count=n_doc)
    for i in rest:  # still longest first
        line = pred_lines[i]
        ps, n = starts[i], len(line)
        idx = np.flatnonzero(free_mask)
        if not len(idx):
            break
        line_ids = [vocab.get(w, -1 - k) for k, w in enumerate(line)]  # unknown words match nothing
        window = doc_ids[idx].tolist()
        if n <= SHORT:
            local = _weighted_lcs(line_ids, window, is_target[idx])
        else:
            local = align(line_ids, window, doc.labels[idx], target)
        got = np.where(local >= 0, idx[np.maximum(local, 0)], -1)
        match[ps : ps + n] = got
        free_mask[got[got >= 0]] = False
    return pred, match


def align(pred: list[str], doc: list[str], doc_labels: np.ndarray, target: int) -> np.ndarray:
    """Token-level alignment alone (no line anchors): for each predicted token, the index of the
    aligned document token, or -1."""
    match = np.full(len(pred), -1, dtype=np.int64)
    if not pred or not doc:
        return match
    for b in LCSseq.opcodes(pred, doc).as_matching_blocks():
        if b.size:
            match[b.a : b.a + b.size] = np.arange(b.b, b.b + b.size)
    is_target = np.asarray(doc_labels) == target
    for _ in range(3):
        if not _prefer_target(pred, doc, is_target, match):
            break
    return match


def _prefer_target(pred, doc, is_target, match) -> bool:
    matched = np.flatnonzero(match >= 0)
    if not len(matched):
        return False
    off = ~is_target[match[matched]]
    if not off.any():
        return False
    free_target = is_target.copy()
    free_target[match[matched]] = False
    free_tokens: dict[str, list[int]] = {}
    for i in np.flatnonzero(free_target):
        free_tokens.setdefault(doc[i], []).append(int(i))
    if not free_tokens:
        return False
    changed = False
    n = len(matched)
    k = 0
    while k < n:
        if not off[k]:
            k += 1
            continue
        last = k
        while last + 1 < n and off[last + 1]:
            last += 1
        lo_k, hi_k = max(0, k - PAD), min(n - 1, last + PAD)
        pa, pb = matched[lo_k], matched[hi_k] + 1
        da, db = match[pa], match[matched[hi_k]] + 1
        if lo_k == 0:
            pa, da = 0, 0
        if hi_k == n - 1:
            pb, db = len(pred), len(doc)
        run_tokens = {pred[i] for i in matched[k : last + 1]}
        if any(da <= p < db for t in run_tokens for p in free_tokens.get(t, ())):
            new = _weighted_lcs(pred[pa:pb], doc[da:db], is_target[da:db])
            new = np.where(new >= 0, new + da, -1)
            if not np.array_equal(new, match[pa:pb]):
                match[pa:pb] = new
                changed = True
        k = hi_k + 1
    return changed


def _weighted_lcs(a: list[str], b: list[str], is_target: np.ndarray) -> np.ndarray:
    """Exact alignment of a to b maximising, in this order: matches, matches that continue the
    previous match in both sequences, matches to target text; earliest copies in b on ties.
    Two DP tables (best prefix alignment S, best ending in a match E), each row by numpy."""
    n, m = len(a), len(b)
    vocab: dict[str, int] = {}
    ai = np.array([vocab.setdefault(t, len(vocab)) for t in a], dtype=np.int64)
    bi = np.array([vocab.setdefault(t, len(vocab)) for t in b], dtype=np.int64)
    unit = n + 1
    weight = 2 * unit * unit + is_target.astype(np.int64)  # a match, plus 1 on target text
    bonus = unit  # a match that continues the previous one
    neg = np.iinfo(np.int64).min // 4
    S = np.zeros((n + 1, m + 1), dtype=np.int64)
    E = np.full((n + 1, m + 1), neg, dtype=np.int64)
    for i in range(1, n + 1):
        eq = bi == ai[i - 1]
        e = np.maximum(S[i - 1, :-1] + weight, E[i - 1, :-1] + weight + bonus)
        E[i, 1:] = np.where(eq, e, neg)
        S[i, 1:] = np.maximum.accumulate(np.maximum(S[i - 1, 1:], E[i, 1:]))
    out = np.full(n, -1, dtype=np.int64)
    i, j, in_match = n, m, False  # in_match: the cell must end in a match (E), not just S
    while i > 0 and j > 0:
        if not in_match:
            if S[i, j] == S[i, j - 1]:
                j -= 1
                continue
            if S[i, j] == S[i - 1, j] and S[i, j] != E[i, j]:
                i -= 1
                continue
        # (i, j) is a match; did it continue a match at (i-1, j-1)?
        out[i - 1] = j - 1
        w = weight[j - 1]
        in_match = i > 1 and j > 1 and E[i - 1, j - 1] > neg and E[i, j] == E[i - 1, j - 1] + w + bonus
        i -= 1
        j -= 1
    return out
