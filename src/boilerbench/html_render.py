"""HTML and lines, both ways, as the importers and the HTML-reading baselines share them: the
visible text blocks of a page as lines (`html_lines`), and lines as a page of one `<p>` each
(`paragraphs_page`, what line-reading runs of HTML extractors see)."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable
from typing import Any

BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div",
         "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
         "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
         "tfoot", "th", "thead", "tr", "ul", "button", "label", "legend", "option"}
SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed", "canvas", "select",
        "textarea", "input", "math"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _hidden(el: Any) -> bool:
    return (el.get("hidden") is not None or el.get("aria-hidden") == "true"
            or bool(HIDDEN_STYLE.search(el.get("style") or "")) or (el.get("type") or "").lower() == "hidden")


def html_lines(html: str | bytes, where: str | None = None) -> list[str]:
    """The visible text blocks of a page, one per line, whitespace collapsed. libxml2 stops
    reading below 256 levels of nesting: the text there is lost, and when `where` names the
    page a warning says so on stderr."""
    import sys

    import lxml.html

    if isinstance(html, bytes) and not html.strip() or isinstance(html, str) and not html.strip():
        return []
    parser = lxml.html.HTMLParser()
    root = lxml.html.document_fromstring(html, parser=parser)
    if where is not None and any("Excessive depth" in e.message for e in parser.error_log):
        print(f"warning: {where}: the page is nested deeper than libxml2 reads (256 levels); the text below "
              "that depth is left out of the dump", file=sys.stderr)
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buf).split())
        if text:
            lines.append(text)
        buf.clear()

    def walk(el: Any) -> None:
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



def paragraphs_page(lines: Iterable[str], *, language: str | None = None, sep: str = "\n") -> str:
    """A page of one `<p>` per line (lines escaped, blank ones skipped). With `language`, a full
    HTML5 document (doctype, `lang`, charset, empty title); without, the bare
    `<html><body>...</body></html>` that jusText's own examples feed it."""
    paragraphs = sep.join(f"<p>{html_lib.escape(line)}</p>" for line in lines if line.strip())
    if language is None:
        return f"<html><body>{paragraphs}</body></html>"
    return (f'<!DOCTYPE html>\n<html lang="{html_lib.escape(language)}"><head><meta charset="utf-8">'
            f"<title></title></head>\n<body>\n{paragraphs}\n</body></html>\n")
