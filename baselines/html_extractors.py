"""HTML extractors from PyPI, run on a document's page source (or the minimal rendering of its
lines when it has none, which the run records). Each is scored in text mode; defaults as
published with each package.

- `readability`: readability-lxml (a port of Arc90's Readability): the summary's text blocks as
  the body, `short_title()` as the title.
- `goose3`: Goose3's article extractor (image fetching off, so nothing goes to the network):
  `cleaned_text` as the body, the title and authors as title and byline.
- `html-text`: html-text's `extract_text`: all visible text, the upper bound on recall.

They are registered as extractors but are not part of the default leaderboard of the bundled
(text-only) corpus; run them with `--extractor readability goose3 html-text`.
"""

from __future__ import annotations

import re

from boilerbench.document import Document
from boilerbench.html_render import html_lines
from boilerbench.prediction import Prediction

from .interface import Baseline, html_of, package_version


class Readability(Baseline):
    name = "readability"
    input = "html"

    @property
    def version(self) -> str:  # type: ignore[override]
        return package_version("readability-lxml")

    def extract(self, document: Document) -> Prediction:
        from readability import Document as ReadabilityDocument

        page, _ = html_of(document)
        doc = ReadabilityDocument(page)
        return Prediction(document.id, body="\n".join(html_lines(doc.summary(html_partial=True))),
                          title=doc.short_title() or "")


META_CHARSET = re.compile(r"""(<meta[^>]+charset\s*=\s*["']?)([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def utf8_declared(page: str) -> str:
    """The page with its declared charset set to utf-8: it is already decoded text, and a name
    Python does not know (`ISO8859_1`, `windows-874`) makes goose3 fail.

    >>> utf8_declared('<meta charset="ISO8859_1">')
    '<meta charset="utf-8">'
    """
    return META_CHARSET.sub(lambda m: m.group(1) + "utf-8", page)


class Goose(Baseline):
    name = "goose3"
    input = "html"

    @property
    def version(self) -> str:  # type: ignore[override]
        return package_version("goose3")

    def extract(self, document: Document) -> Prediction:
        from goose3 import Goose as GooseExtractor

        page = utf8_declared(html_of(document)[0])
        with GooseExtractor({"enable_image_fetching": False, "http_timeout": 1}) as goose:
            article = goose.extract(raw_html=page)
        return Prediction(document.id, body=article.cleaned_text or "", title=article.title or "",
                          byline=", ".join(article.authors or []))


class HtmlText(Baseline):
    name = "html-text"
    input = "html"

    @property
    def version(self) -> str:  # type: ignore[override]
        return package_version("html-text")

    def extract(self, document: Document) -> Prediction:
        import html_text

        page, _ = html_of(document)
        return Prediction(document.id, body=html_text.extract_text(page))
