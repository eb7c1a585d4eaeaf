"""What every bundled extractor is, in one place: name, where its code lies, the input it reads,
the reference it reimplements or wraps, where its parameters come from, and whether it is gated
(run by the default leaderboard, checked by `.ci/baseline.json`, shown in the README block). The
registry, the gate's list and `boilerbench extractors` read it; each extractor's version is its
class's `version`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class About:
    name: str
    target: str  # "module:attr"
    input: str  # "text" (the dump) or "html" (the page source)
    what: str
    reference: str
    parameters: str  # where its parameters come from
    deterministic: bool = True  # the same documents give the same output, run after run
    gated: bool = False


_B = "boilerbench.baselines."
CATALOG: tuple[About, ...] = (
    About("keep-all", _B + "simple:KeepAll", "text", "every line is body: the floor", "–", "none", gated=True),
    About("length", _B + "simple:Length", "text", "lines of at least N tokens are body", "–",
          "N by body F1 on train (`boilerbench tune length`)", gated=True),
    About("rules", _B + "rules:Rules", "text", "hand-written patterns for the six labels, in four languages",
          "corpus/GUIDELINES.md", "written from the guidelines, checked on train and validation", gated=True),
    About("c4", _B + "pipelines:C4", "text", "C4's line rules", "Raffel et al. 2020; TFDS c4_utils",
          "the paper and TFDS's c4_utils", gated=True),
    About("refinedweb", _B + "pipelines:RefinedWeb", "text", "RefinedWeb's line-wise corrections and Gopher's "
          "ellipsis rule", "Penedo et al. 2023; Rae et al. 2021", "the papers", gated=True),
    About("ccnet", _B + "pipelines:CCNet", "text", "normalised-line deduplication across a publisher's documents",
          "Wenzek et al. 2020", "the paper", gated=True),
    About("justext", _B + "justext_lines:JusText", "text", "jusText's classifier on the lines",
          "the jusText package", "jusText's defaults, the document language's stoplist", gated=True),
    About("trafilatura-lines", _B + "trafilatura_html:TrafilaturaLines", "text",
          "trafilatura on a <p>-per-line rendering of the dump", "the trafilatura package", "trafilatura's defaults",
          gated=True),
    About("sklearn", _B + "sklearn_model:SklearnLines", "text", "logistic regression over line features",
          "scikit-learn", "C by GroupKFold on train+validation (`tune sklearn`); fitted on train", gated=True),
    About("trafilatura", _B + "trafilatura_html:Trafilatura", "html", "trafilatura on the page source",
          "the trafilatura package", "trafilatura's defaults"),
    About("justext-html", _B + "justext_lines:JusTextHtml", "html", "jusText on the page source",
          "the jusText package", "jusText's defaults"),
    About("readability", _B + "html_extractors:Readability", "html", "readability-lxml's summary",
          "the readability-lxml package", "its defaults"),
    About("goose3", _B + "html_extractors:Goose", "html", "goose3's article text (declared charsets normalised)",
          "the goose3 package", "its defaults"),
    About("html-text", _B + "html_extractors:HtmlText", "html", "all the visible text of the page",
          "the html-text package", "its defaults"),
)
BY_NAME: dict[str, About] = {a.name: a for a in CATALOG}
