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
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from .document import Document, Span
from .errors import Problem, UserError
from .tokenize import tokens

BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div",
         "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
         "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
         "tfoot", "th", "thead", "tr", "ul", "button", "label", "legend", "option"}
SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed", "canvas", "select",
        "textarea", "input", "math"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _hidden(el) -> bool:
    return (el.get("hidden") is not None or el.get("aria-hidden") == "true"
            or bool(HIDDEN_STYLE.search(el.get("style") or "")) or (el.get("type") or "").lower() == "hidden")


def html_lines(html: str | bytes) -> list[str]:
    """The visible text blocks of a page, one per line, whitespace collapsed."""
    import lxml.html

    if isinstance(html, bytes) and not html.strip() or isinstance(html, str) and not html.strip():
        return []
    root = lxml.html.document_fromstring(html)
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buf).split())
        if text:
            lines.append(text)
        buf.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else None  # comments and processing instructions have none
        if tag is not None and tag.lower() not in SKIP and not _hidden(el):
            block = tag.lower() in BLOCK
            if block:
                flush()
            if el.text:
                buf.append(el.text)
            for child in el:
                walk(child)
            if block:
                flush()
        if el.tail:
            buf.append(el.tail)

    walk(root)
    flush()
    return lines


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

    @property
    def coverage(self) -> float:
        return self.covered / self.gold_tokens if self.gold_tokens else 1.0


def silver_document(doc_id: str, html: str, body: str, *, url: str | None, provenance: str, license: str,
                    publisher: str | None = None, language: str | None = None) -> Imported:
    from rapidfuzz.distance import LCSseq

    lines = html_lines(html)
    line_toks = [tokens(line) for line in lines]
    page = [t for lt in line_toks for t in lt]
    gold = tokens(body)
    page_to_gold = np.full(len(page), -1)
    for b in LCSseq.opcodes(page, gold).as_matching_blocks():
        page_to_gold[b.a : b.a + b.size] = np.arange(b.b, b.b + b.size)
    aligned = page_to_gold >= 0
    head = tokens(headline(html) or "")
    labels: list[str] = []
    pos = 0
    for lt in line_toks:
        share = aligned[pos : pos + len(lt)].mean() if lt else 0.0
        labels.append("body" if share > 0.5 else "other")
        pos += len(lt)
    first_body = next((i for i, lab in enumerate(labels) if lab == "body"), len(labels))
    for i in range(len(lines)):
        if head and line_toks[i] == head and (i < first_body or labels[i] != "body"):
            labels[i] = "title"
            break
    # gold tokens covered: aligned to a token of a body line
    covered = 0
    pos = 0
    for lt, lab in zip(line_toks, labels, strict=True):
        if lab == "body":
            covered += int((page_to_gold[pos : pos + len(lt)] >= 0).sum())
        pos += len(lt)
    text = "\n".join(lines)
    spans, start = [], 0
    for line, lab in zip(lines, labels, strict=True):
        spans.append(Span(start, start + len(line), lab))
        start += len(line) + 1
    host = (urlparse(url).hostname or "unknown") if url else "unknown"
    doc = Document(
        id=doc_id, publisher=publisher or re.sub(r"^www\d*\.", "", host), language=language or page_language(html),
        split="test", provenance=provenance, license=license, text=text, spans=tuple(spans), url=url,
        notes=f"Silver labels derived from the gold body: {covered}/{len(gold)} gold tokens fall in body lines.",
        html=html, reference_body=body)
    return Imported(doc, len(gold), covered)


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


def read_aeb(folder: Path) -> Iterator[tuple[str, str, str, str | None]]:
    """(id, html, gold body, url) for every page of an article-extraction-benchmark checkout."""
    truth_path = folder / "ground-truth.json"
    try:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(Problem(str(truth_path), None, "no ground-truth.json: is this the "
                                                       "article-extraction-benchmark folder?")) from None
    except ValueError as e:
        raise UserError(Problem(str(truth_path), None, f"not valid JSON: {e}")) from None
    for key in sorted(truth):
        path = folder / "html" / f"{key}.html.gz"
        try:
            data = gzip.decompress(path.read_bytes())
        except (OSError, EOFError) as e:
            raise UserError(Problem(str(path), None, f"cannot read the page: {e}")) from None
        yield key, _decode(data), truth[key].get("articleBody") or "", truth[key].get("url")


def read_jsonl_pages(path: Path) -> Iterator[tuple[str, str, str, str | None]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as e:
        raise UserError(Problem(str(path), None, f"cannot read the file: {e.strerror}")) from None
    with handle:
        for lineno, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except ValueError as e:
                raise UserError(Problem(str(path), lineno, f"not valid JSON: {e}")) from None
            missing = [k for k in ("id", "html", "body")
                       if not isinstance(data, dict) or not isinstance(data.get(k), str)]
            if missing:
                raise UserError(Problem(str(path), lineno, f"each line needs string fields id, html and body "
                                                           f"(missing or not a string: {', '.join(missing)})"))
            yield data["id"], data["html"], data["body"], data.get("url")


def read_folder_pages(folder: Path) -> Iterator[tuple[str, str, str, str | None]]:
    pages = sorted(folder.glob("*.html"))
    if not pages:
        raise UserError(Problem(str(folder), None, "no .html files in this folder"))
    for page in pages:
        body = page.with_suffix(".txt")
        if not body.exists():
            raise UserError(Problem(str(page), None, f"no matching gold body file {body.name}"))
        yield page.stem, _decode(page.read_bytes()), body.read_text(encoding="utf-8"), None


def import_pages(pages, *, provenance: str, license: str) -> Iterator[Imported]:
    from lxml.etree import ParserError

    from .validation import SAFE_ID

    for key, html, body, url in pages:
        doc_id = key if SAFE_ID.match(key) and ".." not in key else re.sub(r"[^A-Za-z0-9._-]", "-", key).strip("-.")
        try:
            yield silver_document(doc_id, html, body, url=url, provenance=provenance, license=license)
        except (ParserError, ValueError) as e:
            raise UserError(f"page {key!r}: cannot parse its HTML: {e}") from None
