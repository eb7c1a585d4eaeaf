"""The dataset card (README.md of an exported folder): metadata for the Hub, what the corpus is,
how to load it, a data example, statistics, licences, how it was made and by whom, its
limitations, the leaderboard and a citation. `export` and `publish` both build it here."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from boilerbench.document import Document
from boilerbench.labels import LABELS

from .rows import REDISTRIBUTABLE, features

PRETTY_NAME = "boilerbench"


@dataclass
class CardInput:
    """What the card says, gathered by the export."""

    docs: list[Document]
    files: dict[str, dict[str, Any]]
    optional: tuple[str, ...]
    left_out_restricted: int
    left_out_unknown: int
    include_restricted: bool
    include_unknown_license: bool
    stats: str
    leaderboard: str | None
    repo_id: str | None = None


def size_category(n: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                        (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")):
        if n < limit:
            return name
    return "n>10M"


def card_metadata(c: CardInput):
    from huggingface_hub import DatasetCardData

    licenses = sorted({d.license for d in c.docs})
    license_tag: str | list[str] = ([lic.lower() for lic in licenses] if all(lic in REDISTRIBUTABLE for lic in licenses)
                                    else "other")
    if isinstance(license_tag, list) and len(license_tag) == 1:
        license_tag = license_tag[0]
    return DatasetCardData(
        license=license_tag,
        language=sorted({d.language.split("-")[0].lower() for d in c.docs}),
        task_categories=["token-classification"],
        tags=["boilerplate-removal", "web-content-extraction", "main-content-extraction", "benchmark"],
        pretty_name=PRETTY_NAME,
        size_categories=[size_category(len(c.docs))],
        annotations_creators=["other"],
        configs=[{"config_name": "default",
                  "data_files": [{"split": s, "path": f"data/{s}-*.parquet"} for s in c.files]}],
        dataset_info={"features": features(c.optional)._to_yaml_list(),
                      "splits": [{"name": s, "num_bytes": f["num_bytes"], "num_examples": f["documents"]}
                                 for s, f in c.files.items()]},
    )


def usage(c: CardInput) -> str:
    """How to load it: with `datasets`, for token classification, and with boilerbench."""
    source = f'"{c.repo_id}"' if c.repo_id else '"path/to/this/folder"'
    where = "" if c.repo_id else "  # or the dataset's ORG/NAME on the Hub"
    split = next(iter(c.files))
    return f"""```python
from datasets import load_dataset

ds = load_dataset({source}){where}
names = ds["{split}"].features["line_labels"].feature.names  # {list(LABELS)}
doc = ds["{split}"][0]
for line, label in zip(doc["lines"], doc["line_labels"]):
    print(f"{{names[label] if label >= 0 else '':6}} | {{line}}")
```

For token classification, `tokens` and `ner_tags` are the columns token-classification scripts
read (Hugging Face's `run_ner.py` finds them by these names; the tag names are the same six
labels). To score an extractor on it with boilerbench: `boilerbench leaderboard --corpus
path/to/this/folder` (every boilerbench command's `--corpus` reads an exported folder)."""


def data_example(c: CardInput, n_lines: int = 6, n_tokens: int = 12) -> str:
    """A few lines and tokens of the first document of the first split, from its headline on, as JSON."""
    from .rows import row_of

    split = next(iter(c.files))
    doc = min((d for d in c.docs if d.split == split), key=lambda d: d.id)
    row = row_of(doc)
    a = next((k for k, line in enumerate(doc.lines) if line.label in ("title", "body")), 0)
    a = max(0, a - 1)
    t = sum(doc.line_token_counts[:a])
    shown = {k: row[k] for k in ("id", "publisher", "language", "track", "provenance", "license")}
    shown["lines"] = row["lines"][a : a + n_lines]
    shown["line_labels"] = row["line_labels"][a : a + n_lines]
    shown["tokens"] = row["tokens"][t : t + n_tokens]
    shown["ner_tags"] = row["ner_tags"][t : t + n_tokens]
    names = ", ".join(f"{i} = {name}" for i, name in enumerate(LABELS))
    body = ",\n".join(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in shown.items())
    return (f"Lines {a + 1} to {a + n_lines} of `{doc.id}` ({split} split), and their first {n_tokens} tokens "
            f"(labels: {names}; -1 for an empty line):\n\n```json\n{{\n{body}\n}}\n```")


def licence_note(c: CardInput) -> str:
    parts = []
    if c.left_out_restricted:
        parts.append(f"{c.left_out_restricted} document(s) whose licence does not allow redistribution were left "
                     "out (export with `--include-restricted` to keep them).")
    if c.left_out_unknown:
        parts.append(f"{c.left_out_unknown} document(s) imported with `license: unknown` were left out (export with "
                     "`--include-unknown-license` to keep them).")
    if not parts:
        parts.append("No document was left out.")
    if c.include_restricted:
        parts.append("Restricted documents are included.")
    if c.include_unknown_license and any(d.license == "unknown" for d in c.docs):
        parts.append("Documents of unknown licence are included: check their licences before redistributing.")
    return " ".join(parts)


def annotators(c: CardInput) -> str:
    tracks = {d.track for d in c.docs}
    parts = []
    if "real" in tracks:
        parts.append("- **Real track**: twenty-three first-pass annotators took batches of 12 to 30 pages each; "
                     "five others annotated a fifth of the pages a second time, blind (the raw numbered lines "
                     "and the guidelines only); a third annotator adjudicated every disagreement, unaware of "
                     "which pass said what. Each document's `notes` record its pre-fill and the annotator's notes.")
    if "authored" in tracks:
        parts.append("- **Authored track**: seven annotators wrote and labelled the documents of five publishers "
                     "each; four others annotated a second pass independently, and the disagreements were "
                     "adjudicated.")
    parts.append("- All annotators worked from the same guidelines (GUIDELINES.md in the repository); the "
                 "corpus README gives the agreement between passes (`boilerbench agreement` recomputes it).")
    return "\n".join(parts)


def limitations(c: CardInput) -> str:
    tracks = {d.track for d in c.docs}
    parts = [
        "- **Annotators of one kind.** Both annotation passes were made by annotators of one kind from the "
        "same guidelines: high agreement says the guidelines decide these pages nearly unambiguously for such "
        "annotators, not that people of another background would label them the same, and it cannot reveal "
        "a bias both passes share.",
        "- **One rendering.** The dumps come from boilerbench's own HTML renderer (one visible block per line); "
        "other scrapers keep other text and cut it into other lines, so figures on these dumps need not "
        "carry over to theirs.",
        f"- **Small.** {len(c.docs)} documents: intervals are wide for rare labels (`title`, `byline`) and for "
        "breakdowns by publisher or language.",
    ]
    if "real" in tracks:
        parts += [
            "- **Which real pages.** News and article pages of two public benchmarks, mostly in English; WCXB "
            "pages were chosen for being news-like and at most 600 lines long, and pages whose dump lost most "
            "of the article were left out, so pages that render badly are under-represented.",
            "- **Pre-fill.** The first pass started from the source benchmark's own main text as a `body` "
            "pre-fill, which may anchor it towards the source's gold where the blind second pass agreed.",
        ]
    if "authored" in tracks:
        parts.append("- **Authored pages are invented.** Written for the project to hold hard cases, they are "
                     "shaped unlike real dumps (`boilerbench stats --shape` shows how) and contain fewer truly "
                     "ambiguous lines; rank extractors on the real track first.")
    return "\n".join(parts)


def dataset_card(c: CardInput) -> str:
    from huggingface_hub import DatasetCard

    hashes = "\n".join(f"- `data/{s}-00000-of-00001.parquet`: {f['documents']} documents, sha256 `{f['sha256']}`"
                       for s, f in c.files.items())
    labels = "\n".join(f"- `{name}`" for name in LABELS)
    optional = {"html": "`html` the page source (real pages)", "reference_body": "`reference_body` the source "
                "benchmark's own gold body", "reference": "`reference` its other gold (JSON)"}
    extra = ("; and " + ", ".join(optional[k] for k in c.optional)) if c.optional else ""
    body = f"""
# boilerbench

Plain-text dumps of news, magazine and blog pages, one block per line, with every line (and
every piece of a mixed line) labelled by an annotator as one of six kinds:

{labels}

`title` is the article's headline; `byline` its authors, dates and author bios; `body` the
article itself; `promo` the site selling itself (newsletters, subscriptions, paywall nags);
`teaser` links to other content; `other` menus, footers, captions, share buttons, ads markers
and comments. The annotation guidelines settle the edge cases.

Each row holds the raw `text`, its `lines` with one label each (`line_labels`, -1 for an empty
line; a line split between kinds carries the label covering most of its tokens), the exact
labelled character `spans` (end exclusive), and the token view: `tokens` with one label each
(`ner_tags`){extra}.

## Use it

{usage(c)}

## A data example

{data_example(c)}

## Statistics

{c.stats}
## Licences and sources

{licence_note(c)} Every row names its `track`, `provenance`, `source` and `license`.

- **Real track** (`track: real`): real news and article pages from two public benchmarks, whose
  text belongs to their publishers and is redistributed under the benchmarks' licences:
  - Zyte's article-extraction-benchmark (`imported:aeb`), © Zyte (Scrapinghub), **MIT**;
  - WCXB v1.0, the Web Content eXtraction Benchmark, by Murrough Foley (`imported:wcxb`,
    repository Murrough-Foley/web-content-extraction-benchmark), **CC-BY-4.0**.
- **Authored track** (`track: authored`): documents written for the project, **CC-BY-4.0**.

## How it was made

The real pages were rendered from their HTML to text dumps (one visible block per line) and
labelled line by line by annotators following the guidelines, from a pre-fill of the source
benchmark's own main text; a fifth of them were annotated a second time, blind, and the
disagreements adjudicated. The authored documents were written for the project about invented
events, people and places, modelled on the layouts of real page dumps, and labelled line by line.
No code wrote labels. Splits are by publisher (the registered domain, for real pages). The
corpus's README in the repository gives the agreement figures and the decisions taken against
the sources' gold.

## Annotators

{annotators(c)}

## Limitations

{limitations(c)}

## Leaderboard

{c.leaderboard or "Run `boilerbench leaderboard` for the current figures."}

## Files

{hashes}

## Citation

```bibtex
@misc{{boilerbench,
  title  = {{boilerbench: an annotated benchmark for boilerplate removal in plain-text page dumps}},
  year   = {{2026}},
  note   = {{Version 0.1}}
}}
```
"""
    return str(DatasetCard(f"---\n{card_metadata(c).to_yaml()}\n---\n{body}"))
