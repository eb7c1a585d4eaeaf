"""jusText, the real package (Pomikálek 2011), as a line classifier.

Each non-empty line is one paragraph of a minimal page (`<p>` per line) and goes through
jusText's own classifier with the stoplist of the document's language; a paragraph jusText
keeps is `body`, one it marks as boilerplate is `other`. A document that carries its page
source is extracted from that HTML instead, and scored as text. Parameters are jusText's
defaults (length_low 70, length_high 200, stopwords_low 0.30, stopwords_high 0.32,
max_link_density 0.2, max_heading_distance 200), as published with the package.
"""

from __future__ import annotations

from boilerbench.document import Document
from boilerbench.html_render import paragraphs_page
from boilerbench.prediction import Prediction

from .interface import Baseline, package_version

STOPLISTS = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch",
             "pt": "Portuguese", "pl": "Polish", "cs": "Czech"}


def stoplist_for(language: str) -> frozenset[str]:
    import justext

    return justext.get_stoplist(STOPLISTS.get(language.split("-")[0].lower(), "English"))


class JusText(Baseline):
    name = "justext"

    @property
    def version(self) -> str:  # type: ignore[override]
        return package_version("jusText")

    def extract(self, document: Document) -> Prediction:
        import justext

        stoplist = stoplist_for(document.language)
        lines = [(i, line.text) for i, line in enumerate(document.lines) if line.text.strip()]
        page = paragraphs_page((t for _, t in lines), sep="")
        paragraphs = justext.justext(page.encode("utf-8"), stoplist, encoding="utf-8")
        labels: list[str | None] = [None] * len(document.lines)
        if len(paragraphs) != len(lines):
            raise RuntimeError(f"jusText returned {len(paragraphs)} paragraphs for {len(lines)} lines")
        for (i, _), p in zip(lines, paragraphs, strict=True):
            labels[i] = "other" if p.is_boilerplate else "body"
        return Prediction(document.id, labels=tuple(labels))


class JusTextHtml(JusText):
    """jusText as published: the classifier on the page source, its good paragraphs as the body.
    A second name, so that a run on the lines and a run on the HTML are never mixed up."""

    name = "justext-html"
    input = "html"

    def extract(self, document: Document) -> Prediction:
        import justext

        from .interface import html_of

        page, _ = html_of(document)
        paragraphs = justext.justext(page.encode("utf-8"), stoplist_for(document.language), encoding="utf-8")
        return Prediction(document.id, body="\n".join(p.text for p in paragraphs if not p.is_boilerplate))
