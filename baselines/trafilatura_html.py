"""trafilatura, the real package (Barbaresi 2021), under two names that never mix: `trafilatura`
reads the document's page source (real pages), `trafilatura-lines` the minimal rendering of its
lines (one `<p>` per line), as a line filter on any dump. Its text output is the body; its title and
author metadata are the title and byline fields, so all three are scored in text mode.
Parameters are trafilatura's defaults (no comments, no tables-only mode, its own fallbacks).
"""

from __future__ import annotations

from boilerbench.document import Document
from boilerbench.prediction import Prediction

from .interface import Baseline, html_of, minimal_html, package_version


class Trafilatura(Baseline):
    name = "trafilatura"
    input = "html"

    def page(self, document: Document) -> str:
        return html_of(document)[0]

    @property
    def version(self) -> str:  # type: ignore[override]
        return package_version("trafilatura")

    def extract(self, document: Document) -> Prediction:
        import trafilatura

        page = self.page(document)
        result = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, deduplicate=False,
                                             url=document.url)
        if result is None:
            return Prediction(document.id, body="", title="", byline="")
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        return Prediction(document.id, body=data.get("text") or "", title=data.get("title") or "",
                          byline=data.get("author") or "")


class TrafilaturaLines(Trafilatura):
    """trafilatura on a `<p>`-per-line rendering of the dump: what it can do without page structure."""

    name = "trafilatura-lines"
    input = "text"

    def page(self, document: Document) -> str:
        return minimal_html(document)
