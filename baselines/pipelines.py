"""The line filters of LLM pre-training pipelines, applied to our lines: a line they keep is
`body`, a line they drop is `other`. They judge text quality, not page structure, and were
written for English; they run here on every language as they would in such a pipeline.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from boilerbench.document import Document
from boilerbench.prediction import Prediction

from .interface import Baseline


def _labels(doc: Document, keep) -> Prediction:
    return Prediction(doc.id, labels=tuple(None if not line.text.strip() else "body" if keep(line.text) else "other"
                                           for line in doc.lines))


class C4(Baseline):
    """C4's line rules (Raffel et al. 2020, "Exploring the limits of transfer learning", §2.2),
    with the constants of TensorFlow Datasets' c4_utils as also used by datatrove's C4 filter:
    - keep only lines ending in a terminal punctuation mark: `.`, `?`, `!`, `"`;
    - drop lines ending in an ellipsis (`...`);
    - keep only lines of at least 5 words (whitespace-separated);
    - drop lines containing "javascript", or a policy phrase ("terms of use", "privacy policy",
      "cookie policy", "uses cookies", "use of cookies", "use cookies");
    - page rules: a page containing "lorem ipsum" or a curly bracket, or with fewer than 3
      sentences left, is dropped whole (sentences counted as runs ending in . ? !).
    Not reimplemented: the bad-words page filter (a word list C4 downloads) and language ID."""

    name = "c4"
    version = "1"
    END_MARKS = (".", "?", "!", '"')
    MIN_WORDS = 5
    MIN_SENTENCES = 3
    POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")

    def keep(self, line: str) -> bool:
        text = line.strip()
        lower = text.lower()
        return (text.endswith(self.END_MARKS) and not text.endswith("...") and len(text.split()) >= self.MIN_WORDS
                and "javascript" not in lower and not any(p in lower for p in self.POLICY))

    def extract(self, document: Document) -> Prediction:
        lower = document.text.lower()
        kept = [line.text for line in document.lines if line.text.strip() and self.keep(line.text)]
        sentences = sum(len(re.findall(r"[^.?!]+[.?!]+", line)) for line in kept)
        if "lorem ipsum" in lower or "{" in document.text or sentences < self.MIN_SENTENCES:
            return _labels(document, lambda _: False)
        return _labels(document, self.keep)


COUNTER = re.compile(r"^\W*\d[\d.,]*\s*[kKmM]?\s*(likes?|shares?|comments?|retweets?|reposts?|views?|followers?|"
                     r"reactions?|replies|reply|votes?|kommentare?|commentaires?|comentarios?|me gusta)\W*$",
                     re.IGNORECASE)
SHORT_START = re.compile(r"^\W*(sign[ -]?in|sign[ -]?up|log[ -]?in|register|subscribe|share|follow us|"
                         r"skip to|back to top|print|email)\b", re.IGNORECASE)
SHORT_END = re.compile(r"(read more|continue reading|see more|show more|learn more|click here)\W*$", re.IGNORECASE)
SHORT_ANYWHERE = re.compile(r"(items? in (your )?cart|all rights reserved|cookie|newsletter)", re.IGNORECASE)


class RefinedWeb(Baseline):
    """Line rules of web pre-training pipelines.

    RefinedWeb's line-wise corrections (Penedo et al. 2023, Appendix G.2) drop a line that:
    - is mainly uppercase (here: more than half of its letters);
    - is only numerical (digits, punctuation and spaces);
    - is a counter ("3 likes", "12 comments");
    - is a single word;
    - is short (at most 10 words) and matches a boilerplate pattern at its start ("sign-in"), its
      end ("Read more...") or anywhere ("items in cart"); RefinedWeb edits such lines, we drop them.
    Gopher's quality rules (Rae et al. 2021, Appendix A) count lines ending in an ellipsis as
    boilerplate; such lines are dropped too. FineWeb's extra rules (Penedo et al. 2024) are
    document-level ratios, not line filters, and are not reimplemented."""

    name = "refinedweb"
    version = "1"
    SHORT_WORDS = 10
    UPPER_SHARE = 0.5

    def keep(self, line: str) -> bool:
        text = line.strip()
        words = text.split()
        letters = [c for c in text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > self.UPPER_SHARE:
            return False
        if not letters and any(c.isdigit() for c in text):
            return False
        if COUNTER.match(text) or len(words) <= 1:
            return False
        if text.endswith(("...", "…")):
            return False
        if len(words) <= self.SHORT_WORDS and (SHORT_START.search(text) or SHORT_END.search(text)
                                               or SHORT_ANYWHERE.search(text)):
            return False
        return True

    def extract(self, document: Document) -> Prediction:
        return _labels(document, self.keep)


def ccnet_normalize(line: str) -> str:
    """CCNet's paragraph normalisation (Wenzek et al. 2020, §3.1): lower case, digits to 0,
    accents and punctuation removed, spaces collapsed."""
    text = line.lower()
    if not text.isascii():  # ASCII has no accents to strip
        text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    text = _DIGIT.sub("0", text)
    text = _NOT_ALNUM.sub(" ", text)  # what is neither alphanumeric (str.isalnum) nor space
    return " ".join(text.split())


_DIGIT = re.compile(r"\d")
_NOT_ALNUM = re.compile(r"[^\w\s]|_")  # re's \w is str.isalnum() plus "_"


@lru_cache(maxsize=1 << 18)
def ccnet_hash(line: str) -> bytes:
    """The first 64 bits of the SHA-1 of the normalised line (kept per line text: `ccnet` and
    `sklearn` hash the same lines when they prepare and again when they extract)."""
    return hashlib.sha1(ccnet_normalize(line).encode("utf-8")).digest()[:8]


class CCNet(Baseline):
    """CCNet's deduplication (Wenzek et al. 2020, §3.1), by publisher: a line whose normalised
    hash (first 64 bits of SHA-1) occurs in at least 2 documents of the same publisher among the
    documents being extracted is boilerplate (`other`); the rest is `body`. CCNet deduplicates
    within shards of a crawl; the publisher is our shard. Unsupervised: `prepare` reads the text
    of the documents to be extracted, never their labels."""

    name = "ccnet"
    version = "1"
    MIN_DOCUMENTS = 2

    def __init__(self):
        self.counts: dict[str, Counter[bytes]] = defaultdict(Counter)

    def prepare(self, documents: Sequence[Document]) -> None:
        self.counts = defaultdict(Counter)
        for doc in documents:
            self.counts[doc.publisher].update({ccnet_hash(line) for line in doc.text.split("\n") if line.strip()})

    def extract(self, document: Document) -> Prediction:
        counts = self.counts.get(document.publisher, Counter())
        return _labels(document, lambda text: counts[ccnet_hash(text)] < self.MIN_DOCUMENTS)
