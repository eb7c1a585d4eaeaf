"""Import HTML pages that come with a gold body text (Zyte's article-extraction-benchmark, or any
dataset of that shape) as boilerbench documents.

Each page is rendered to a text dump like ours: one visible text block per line (lxml; script,
style, template and hidden elements skipped; block elements break lines; whitespace collapsed).
Its lines then get *silver* labels, derived from the gold body by aligning the two, not typed by
an annotator: `body` when most of the line's tokens align into the gold body, `title` for the
line that matches the page's headline (og:title, else the first h1), `other` otherwise. The
page's HTML and its gold body are kept in the document (`html`, `reference_body`), so HTML
extractors read the real page and the compatibility metric scores against the real gold.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from .atomic import read_json
from .document import Document, Span
from .errors import Problem, UserError
from .html_render import html_lines
from .jsonl import json_lines
from .paths import input_file
from .tokenize import tokens


def headline(html: str | bytes) -> str | None:
    import lxml.html

    root = lxml.html.document_fromstring(html)
    for xpath in ('//meta[@property="og:title"]/@content', "//h1"):
        found = root.xpath(xpath)
        if found:
            text = found[0] if isinstance(found[0], str) else found[0].text_content()
            text = " ".join(text.split())
            if text:
                return text
    return None


def page_language(html: str | bytes) -> str:
    import lxml.html

    lang = (lxml.html.document_fromstring(html).get("lang") or "").strip().split("-")[0].split("_")[0].lower()
    return lang if re.fullmatch(r"[a-z]{2,3}", lang) else "en"


@dataclass
class Imported:
    document: Document
    gold_tokens: int
    covered: int  # gold tokens that align into lines labelled body
    page: Page | None = None  # what it was imported from (for messages)

    @property
    def coverage(self) -> float:
        return self.covered / self.gold_tokens if self.gold_tokens else 1.0


@dataclass(frozen=True)
class Page:
    """One page of a benchmark with a gold body: what every reader yields. The optional fields
    are the extra gold that some datasets carry (WCXB: title, author, date, snippets)."""

    key: str
    html: str
    body: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    publish_date: str | None = None
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    source: str | None = None  # "dataset/split/page id", for the document's header
    where: str | None = None  # the input file the page came from, for messages
    line: int | None = None  # its line there (JSONL)
    page_type: str | None = None
    domain: str | None = None

    def reference(self) -> dict[str, Any] | None:
        """The extra gold, in the document's `reference` field (None when there is none)."""
        ref: dict[str, Any] = {}
        for key in ("title", "author", "publish_date"):
            if getattr(self, key):
                ref[key] = getattr(self, key)
        if self.with_snippets:
            ref["with"] = list(self.with_snippets)
        if self.without_snippets:
            ref["without"] = list(self.without_snippets)
        return ref or None


def align_to_gold(line_toks: list[list[str]], gold: list[str]) -> np.ndarray:
    """For every page token, the index of the gold-body token it aligns to (LCS), or -1."""
    from rapidfuzz.distance import LCSseq

    page = [t for lt in line_toks for t in lt]
    page_to_gold = np.full(len(page), -1)
    for b in LCSseq.opcodes(page, gold).as_matching_blocks():
        page_to_gold[b.a : b.a + b.size] = np.arange(b.b, b.b + b.size)
    return page_to_gold


def silver_labels(lines: list[str], body: str, *, title: str | None = None, author: str | None = None,
                  publish_date: str | None = None) -> tuple[list[str], int, int]:
    """Silver line labels from a gold body: `body` when most of a line's tokens align into it,
    `title` for the first line equal to the headline (before the body, or outside it), `byline`
    for a line outside the body that holds the gold author or date, `other` otherwise. Returns
    the labels, the gold tokens, and the gold tokens that fall in body lines."""
    line_toks = [tokens(line) for line in lines]
    gold = tokens(body)
    page_to_gold = align_to_gold(line_toks, gold)
    aligned = page_to_gold >= 0
    labels: list[str] = []
    pos = 0
    for lt in line_toks:
        share = aligned[pos : pos + len(lt)].mean() if lt else 0.0
        labels.append("body" if share > 0.5 else "other")
        pos += len(lt)
    head = tokens(title or "")
    first_body = next((i for i, lab in enumerate(labels) if lab == "body"), len(labels))
    for i in range(len(lines)):
        if head and line_toks[i] == head and (i < first_body or labels[i] != "body"):
            labels[i] = "title"
            break
    marks = [tokens(x) for x in (author, _date_words(publish_date)) if x]
    for i, lt in enumerate(line_toks):
        if labels[i] == "other" and lt and len(lt) <= 40 and any(m and _contains(lt, m) for m in marks):
            labels[i] = "byline"
    covered = 0
    pos = 0
    for lt, lab in zip(line_toks, labels, strict=True):
        if lab == "body":
            covered += int((page_to_gold[pos : pos + len(lt)] >= 0).sum())
        pos += len(lt)
    return labels, len(gold), covered


def _contains(haystack: list[str], needle: list[str]) -> bool:
    low = [t.lower() for t in haystack]
    want = [t.lower() for t in needle]
    return any(low[i : i + len(want)] == want for i in range(len(low) - len(want) + 1))


def _date_words(date: str | None) -> str | None:
    """The year-month-day of an ISO date as it may be printed (`2025-10-13` matches `2025-10-13`
    only: other spellings are left to the annotator)."""
    if not date:
        return None
    found = re.match(r"\d{4}-\d{2}-\d{2}", date)
    return found.group(0) if found else None


def silver_document(doc_id: str, html: str, body: str, *, url: str | None, provenance: str, license: str,
                    publisher: str | None = None, language: str | None = None, page: Page | None = None) -> Imported:
    lines = html_lines(html, where=f"page {doc_id!r}" + (f" ({page.where}{f':{page.line}' if page.line else ''})"
                                                        if page is not None and page.where else ""))
    title = page.title if page is not None and page.title else headline(html)
    labels, gold_tokens, covered = silver_labels(
        lines, body, title=title, author=page.author if page else None,
        publish_date=page.publish_date if page else None)
    text = "\n".join(lines)
    spans, start = [], 0
    for line, lab in zip(lines, labels, strict=True):
        spans.append(Span(start, start + len(line), lab))
        start += len(line) + 1
    doc = Document(
        id=doc_id, publisher=publisher or registered_domain(url), language=language or page_language(html),
        split="test", provenance=provenance, license=license, text=text, spans=tuple(spans), url=url,
        source=page.source if page is not None else None,
        notes=f"Silver labels derived from the gold body: {covered}/{gold_tokens} gold tokens fall in body lines.",
        html=html, reference_body=body, reference=page.reference() if page is not None else None)
    return Imported(doc, gold_tokens, covered, page)


# Second-level labels under which a country-code TLD registers names (bbc.co.uk, abc.net.au).
SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gob", "nic", "mil"}


def registered_domain(url: str | None) -> str:
    """The publisher of a page: its host's registered domain, without a public-suffix list
    (`https://www.bbc.co.uk/news/x` gives `bbc.co.uk`, `https://edition.cnn.com/` gives
    `cnn.com`); `unknown` when the URL has no usable host.

    >>> registered_domain("https://www.bbc.co.uk/news/x"), registered_domain("http://[::1]/a")
    ('bbc.co.uk', 'unknown')
    """
    try:
        host = (urlparse(url).hostname or "") if url else ""
    except ValueError:
        host = ""
    labels = [x for x in host.lower().rstrip(".").split(".") if x]
    if len(labels) < 2 or not all(re.fullmatch(r"[a-z0-9-]+", x) for x in labels) or labels[-1].isdigit():
        return "unknown"
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _decode(data: bytes) -> str:
    """The page as text: its declared charset, else UTF-8, else Latin-1 (which never fails)."""
    found = CHARSET.search(data[:4096])
    for codec in ([found.group(1).decode("ascii")] if found else []) + ["utf-8"]:
        try:
            return XML_DECLARATION.sub("", data.decode(codec))
        except (LookupError, UnicodeDecodeError):
            continue
    return XML_DECLARATION.sub("", data.decode("latin-1"))


def read_aeb(folder: Path) -> Iterator[Page]:
    """(id, html, gold body, url) for every page of an article-extraction-benchmark checkout."""
    truth_path = folder / "ground-truth.json"
    truth = read_json(truth_path, "ground-truth", missing="no ground-truth.json: is this the "
                                                           "article-extraction-benchmark folder?")
    if not isinstance(truth, dict):
        raise UserError(Problem(str(truth_path), None, "expected an object mapping page ids to "
                                                       "{\"articleBody\": ..., \"url\": ...}"))
    for key in sorted(truth):
        entry = truth[key]
        if not isinstance(entry, dict):
            raise UserError(Problem(str(truth_path), None, f"page {key!r}: expected an object with articleBody "
                                                           "and url"))
        body, url = entry.get("articleBody"), entry.get("url")
        if body is not None and not isinstance(body, str) or url is not None and not isinstance(url, str):
            raise UserError(Problem(str(truth_path), None, f"page {key!r}: articleBody and url must be strings"))
        path = input_file(folder / "html", key, f"{truth_path}: page id", ".html.gz")
        try:
            data = gzip.decompress(path.read_bytes())
        except (OSError, EOFError) as e:
            raise UserError(Problem(str(path), None, f"cannot read the page: {e}")) from None
        yield Page(key, _decode(data), body or "", url, source=f"aeb/{key}", where=str(path))


WCXB_SPLITS = ("dev", "test")
WCXB_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")


def _wcxb_truth(path: Path) -> dict[str, Any]:
    """A WCXB ground-truth file, checked: every field the import reads has its type."""
    data = read_json(path, "ground-truth", missing="no ground-truth file for this page")
    truth = data.get("ground_truth") if isinstance(data, dict) else None
    if not isinstance(truth, dict):
        raise UserError(Problem(str(path), None, "expected an object with a 'ground_truth' object"))
    if truth.get("main_content") is not None and not isinstance(truth["main_content"], str):
        raise UserError(Problem(str(path), None, "ground_truth.main_content must be a string"))
    for key in ("title", "author", "publish_date"):
        if truth.get(key) is not None and not isinstance(truth[key], str):
            raise UserError(Problem(str(path), None, f"ground_truth.{key} must be a string or null"))
    for key in ("with", "without"):
        value = truth.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise UserError(Problem(str(path), None, f"ground_truth.{key} must be a list of strings"))
    if data.get("url") is not None and not isinstance(data["url"], str):
        raise UserError(Problem(str(path), None, "url must be a string"))
    return data


def read_wcxb(folder: Path, *, splits: tuple[str, ...] = WCXB_SPLITS,
              page_types: tuple[str, ...] = ("article",)) -> Iterator[Page]:
    """Every page of a WCXB checkout (`{dev,test}/html/NNNN.html.gz`, `{dev,test}/ground-truth/
    NNNN.json`, `metadata.json`) of the chosen splits and page types, in split and id order.

    >>> pages = read_wcxb(Path("wcxb"), splits=("dev",))  # doctest: +SKIP
    """
    meta_path = folder / "metadata.json"
    meta = read_json(meta_path, "metadata", missing="no metadata.json: is this a WCXB folder?")
    files = meta.get("files") if isinstance(meta, dict) else None
    if not isinstance(files, dict) or not all(isinstance(v, dict) for v in files.values()):
        raise UserError(Problem(str(meta_path), None, "expected a 'files' object of page entries"))
    for split in splits:
        keys = sorted(k for k, v in files.items() if v.get("split") == split and v.get("page_type") in page_types)
        for key in keys:
            truth_path = input_file(folder / split / "ground-truth", key, f"{meta_path}: page id", ".json")
            html_path = input_file(folder / split / "html", key, f"{meta_path}: page id", ".html.gz")
            if not truth_path.exists() and not html_path.exists():
                continue  # a subset of the benchmark: the metadata lists pages that are not here
            data = _wcxb_truth(truth_path)
            if data["ground_truth"].get("main_content") is None:
                print(f"{truth_path}: no main_content; page left out", file=sys.stderr)
                continue
            try:
                html = _decode(gzip.decompress(html_path.read_bytes()))
            except (OSError, EOFError) as e:
                raise UserError(Problem(str(html_path), None, f"cannot read the page: {e}")) from None
            truth = data["ground_truth"]
            domain = files[key].get("domain")
            yield Page(key=f"wcxb-{split}-{key}", html=html, body=truth["main_content"], url=data.get("url") or None,
                       title=truth.get("title"), author=truth.get("author"),
                       publish_date=truth.get("publish_date"), with_snippets=tuple(truth.get("with", [])),
                       without_snippets=tuple(truth.get("without", [])), source=f"wcxb/{split}/{key}",
                       page_type=files[key].get("page_type"), domain=domain if isinstance(domain, str) else None,
                       where=str(html_path))


def read_jsonl_pages(path: Path) -> Iterator[Page]:
    if path.is_dir():
        raise UserError(Problem(str(path), None, "is a folder: `import jsonl` reads a JSONL file"))
    try:
        handle = path.open("rb")
    except OSError as e:
        raise UserError(Problem(str(path), None, f"cannot read the file: {e.strerror}")) from None
    with handle:
        for lineno, data, problem in json_lines(handle, str(path)):
            if problem:
                raise UserError(problem)
            missing = [k for k in ("id", "html", "body")
                       if not isinstance(data, dict) or not isinstance(data.get(k), str)]
            if missing:
                raise UserError(Problem(str(path), lineno, f"each line needs string fields id, html and body "
                                                           f"(missing or not a string: {', '.join(missing)})"))
            url = data.get("url")
            if url is not None and not isinstance(url, str):
                raise UserError(Problem(str(path), lineno, "url must be a string"))
            yield Page(data["id"], data["html"], data["body"], url, where=str(path), line=lineno)


def read_folder_pages(folder: Path) -> Iterator[Page]:
    pages = sorted(folder.glob("*.html"))
    if not pages:
        raise UserError(Problem(str(folder), None, "no .html files in this folder"))
    for page in pages:
        body = page.with_suffix(".txt")
        if not body.exists():
            raise UserError(Problem(str(page), None, f"no matching gold body file {body.name}"))
        try:
            gold = body.read_bytes().decode("utf-8")
        except UnicodeDecodeError as e:
            line = body.read_bytes()[: e.start].count(b"\n") + 1
            raise UserError(Problem(str(body), line, "the gold body is not valid UTF-8")) from None
        yield Page(page.stem, _decode(page.read_bytes()), gold, where=str(page))


def import_pages(pages, *, provenance: str, license: str) -> Iterator[Imported]:
    from lxml.etree import ParserError

    from .validation import SAFE_ID

    for page in pages:
        key = page.key
        doc_id = key if SAFE_ID.match(key) and ".." not in key else re.sub(r"[^A-Za-z0-9._-]", "-", key).strip("-.")
        try:
            yield silver_document(doc_id, page.html, page.body, url=page.url, provenance=provenance, license=license,
                                  page=page)
        except (ParserError, ValueError) as e:
            raise UserError(Problem(page.where or "import", page.line, f"page {key!r}: cannot parse its HTML: {e}")) \
                from None
