"""Align predicted text to a document's tokens, in order, to credit each predicted token to the
gold label of the document token it came from.

1. Lines first. Extractors mostly copy whole lines, so predicted lines are matched to identical
   document lines (same tokens) by a longest common subsequence over lines. Where a predicted
   line could sit on several identical document lines, it goes to the one with the most tokens
   of the label being scored (the benefit of the doubt), then the earliest.
2. Then tokens, between those anchors: a longest common subsequence of the token sequences
   (rapidfuzz's bit-parallel LCS over token strings: O(n*m/64), no quadratic Python loop and no
   autojunk heuristics).
3. Then repeated text, in those gaps: around each run of predicted tokens aligned to text of
   another label, a window is re-aligned exactly, keeping the number of matches, then preferring predicted text
   kept in the fewest contiguous pieces (text an extractor copied stays together), then more
   tokens of the scored label, then the earliest copies; only where an unaligned copy of a run
   token with the scored label lies inside the window.

So a body that repeats the headline, or a body sentence quoted by a teaser, is credited as body;
a promo printed twice and kept once is credited to its first copy (promo either way); a stray
"the" of a kept promo line is not moved onto a dropped body paragraph. Everything is
deterministic, and a labelled prediction turned into text is aligned to the lines it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import LCSseq

from boilerbench.tokenize import line_tokens

PAD = 24  # aligned tokens on each side of a run that a window may re-align


@dataclass(frozen=True)
class DocTokens:
    """A document's tokens as the aligner reads them."""

    words: list[str]
    labels: np.ndarray  # label id of each token
    line_bounds: np.ndarray  # token index where each raw line starts, and the total at the end


def doc_tokens(words: list[str], labels: np.ndarray, line_counts: list[int]) -> DocTokens:
    bounds = np.concatenate([[0], np.cumsum(line_counts)]).astype(np.int64)
    return DocTokens(words, np.asarray(labels), bounds)


def align_text(text: str, doc: DocTokens, target: int) -> tuple[list[str], np.ndarray]:
    """Tokenize predicted text and align it: (tokens, index of the aligned document token or -1)."""
    pred_lines = [t for t in line_tokens(text) if t]
    pred = [w for line in pred_lines for w in line]
    match = np.full(len(pred), -1, dtype=np.int64)
    if not pred or not doc.words:
        return pred, match
    is_target = doc.labels == target
    anchors = _anchor_lines(pred_lines, doc, is_target, match)
    # tokens in the gaps between anchored lines; anchored lines stay where they are
    for (pa, pb), (da, db) in _gaps(anchors, len(pred), len(doc.words)):
        if pa < pb and da < db:
            local = align(pred[pa:pb], doc.words[da:db], doc.labels[da:db], target)
            match[pa:pb] = np.where(local >= 0, local + da, -1)
    return pred, match


def _anchor_lines(pred_lines, doc: DocTokens, is_target, match) -> list[tuple[int, int, int]]:
    """Match whole predicted lines to identical document lines; returns (pred token start,
    doc token start, length) for each anchored line, in order."""
    keys: dict[tuple[str, ...], int] = {}
    doc_keys = [keys.setdefault(tuple(doc.words[doc.line_bounds[i] : doc.line_bounds[i + 1]]), len(keys))
                for i in range(len(doc.line_bounds) - 1)]
    pred_keys = [keys.setdefault(tuple(line), len(keys)) for line in pred_lines]
    empty = keys.get(())
    pairs = [(b.a + k, b.b + k) for b in LCSseq.opcodes(pred_keys, doc_keys).as_matching_blocks()
             for k in range(b.size) if doc_keys[b.b + k] != empty]
    # the benefit of the doubt: move a line onto an identical free copy with more target tokens
    if len(set(doc_keys)) < len(doc_keys):
        cum = np.concatenate([[0], np.cumsum(is_target)])
        target_count = cum[doc.line_bounds[1:]] - cum[doc.line_bounds[:-1]]
        used = {d for _, d in pairs}
        for k, (p, d) in enumerate(pairs):
            lo = pairs[k - 1][1] + 1 if k else 0
            hi = pairs[k + 1][1] if k + 1 < len(pairs) else len(doc_keys)
            best = d
            for c in range(lo, hi):
                if doc_keys[c] == doc_keys[d] and c not in used and target_count[c] > target_count[best]:
                    best = c
            if best != d:
                used.discard(d)
                used.add(best)
                pairs[k] = (p, best)
    pred_starts = np.concatenate([[0], np.cumsum([len(line) for line in pred_lines])])
    anchors = []
    for p, d in pairs:
        ps, ds, n = int(pred_starts[p]), int(doc.line_bounds[d]), len(pred_lines[p])
        match[ps : ps + n] = np.arange(ds, ds + n)
        anchors.append((ps, ds, n))
    return anchors


def _gaps(anchors, n_pred: int, n_doc: int):
    pa = da = 0
    for ps, ds, n in anchors:
        yield (pa, ps), (da, ds)
        pa, da = ps + n, ds + n
    yield (pa, n_pred), (da, n_doc)


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
