"""trafilatura, the real package (Barbaresi 2021), on HTML.

It reads the document's page source where there is one, else the minimal rendering of its
lines (one `<p>` per line, which the run records). Its text output is the body; its title and
author metadata are the title and byline fields, so all three are scored in text mode.
Parameters are trafilatura's defaults (no comments, no tables-only mode, its own fallbacks).
"""

from __future__ import annotations

from boilerbench.document import Document
from boilerbench.evaluate.predictions import Prediction

from .interface import Baseline, html_of, package_version


class Trafilatura(Baseline):
    name = "trafilatura"
    input = "html"

    @property
    def version(self) -> str:  # type: ignore[override]
        return package_version("trafilatura")

    def extract(self, document: Document) -> Prediction:
        import trafilatura

        page, _ = html_of(document)
        result = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, deduplicate=False,
                                             url=document.url)
        if result is None:
            return Prediction(document.id, body="", title="", byline="")
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        return Prediction(document.id, body=data.get("text") or "", title=data.get("title") or "",
                          byline=data.get("author") or "")
