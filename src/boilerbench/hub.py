"""Export the corpus as a Hugging Face dataset folder (parquet data and a dataset card), publish
it with huggingface_hub, and read such a folder back as documents.

An exported folder reads back into documents identical to the source: `load_corpus(folder)`
and every command's --corpus accept it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .atomic import write_text_atomic
from .document import Document
from .errors import Problem, UserError
from .labels import LABEL_IDS, LABELS, SPLITS

REDISTRIBUTABLE = {"CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "MIT", "Apache-2.0"}
PRETTY_NAME = "boilerbench"


def features():
    from datasets import ClassLabel, Features, List, Value

    label = ClassLabel(names=list(LABELS))
    return Features({
        "id": Value("string"), "publisher": Value("string"), "language": Value("string"), "url": Value("string"),
        "provenance": Value("string"), "license": Value("string"), "notes": Value("string"),
        "track": Value("string"), "source": Value("string"),
        "text": Value("string"),
        "lines": List(Value("string")),
        "line_labels": List(label),
        "spans": List({"start": Value("int32"), "end": Value("int32"), "label": label}),
        "html": Value("string"),
        "reference_body": Value("string"),
        "reference": Value("string"),
    })


def row_of(doc: Document, *, with_html: bool = False) -> dict[str, Any]:
    """A document as a dataset row; a line's label is -1 where it has none (an empty line). The
    page source is included with `with_html` (real pages ship theirs beside the corpus)."""
    return {
        "id": doc.id, "publisher": doc.publisher, "language": doc.language, "url": doc.url,
        "provenance": doc.provenance, "license": doc.license, "notes": doc.notes,
        "track": doc.track, "source": doc.source, "text": doc.text,
        "lines": [line.text for line in doc.lines],
        "line_labels": [LABEL_IDS[line.label] if line.label else -1 for line in doc.lines],
        "spans": [{"start": s.start, "end": s.end, "label": LABEL_IDS[s.label]} for s in doc.spans],
        "html": doc.page_html() if with_html else doc.html, "reference_body": doc.reference_body,
        "reference": json.dumps(doc.reference, ensure_ascii=False) if doc.reference is not None else None,
    }


def json_of(row: dict[str, Any], split: str) -> dict[str, Any]:
    """A dataset row in the documents' JSON form (for validation and `Document.from_json`)."""
    data = {k: row[k] for k in ("id", "publisher", "language", "provenance", "license", "text")}
    data.update(split=split, url=row.get("url"), notes=row.get("notes"), html=row.get("html"),
                reference_body=row.get("reference_body"), track=row.get("track"), source=row.get("source"),
                reference=json.loads(row["reference"]) if row.get("reference") else None)
    data["spans"] = [{"start": s["start"], "end": s["end"], "label": LABELS[s["label"]]} for s in row["spans"]]
    return {k: v for k, v in data.items() if v is not None}


def restricted(doc: Document) -> bool:
    return doc.license not in REDISTRIBUTABLE


def size_category(n: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                        (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")):
        if n < limit:
            return name
    return "n>10M"


def export(documents: Iterable[Document], out: Path, *, splits: list[str] | None = None,
           include_restricted: bool = False, leaderboard: str | None = None,
           with_html: bool = False) -> dict[str, Any]:
    """Write `out/data/<split>-00000-of-00001.parquet` and `out/README.md`; returns a summary."""
    import datasets
    from datasets import Dataset

    from .stats import corpus_stats, stats_markdown

    datasets.disable_progress_bars()

    splits = splits or list(SPLITS)
    docs = [d for d in documents if d.split in splits]
    kept = [d for d in docs if include_restricted or not restricted(d)]
    left_out = len(docs) - len(kept)
    if not kept:
        raise UserError("nothing to export: no document in those splits may be redistributed "
                        "(use --include-restricted)")
    data_dir = out / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    for old in data_dir.glob("*.parquet"):
        old.unlink()
    files: dict[str, dict[str, Any]] = {}
    for split in splits:
        rows = [row_of(d, with_html=with_html) for d in sorted(kept, key=lambda d: d.id) if d.split == split]
        if not rows:
            continue
        path = data_dir / f"{split}-00000-of-00001.parquet"
        table = {k: [r[k] for r in rows] for k in rows[0]}
        dataset = Dataset.from_dict(table, features=features())
        staging = data_dir / f".{split}.parquet.partial"
        dataset.to_parquet(str(staging))
        staging.replace(path)  # a crash never leaves a half-written data file
        files[split] = {"path": path, "documents": len(rows), "num_bytes": int(dataset.data.nbytes),
                        "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    card = dataset_card(kept, files, left_out, include_restricted, stats_markdown(corpus_stats(kept)), leaderboard)
    write_text_atomic(out / "README.md", card)
    return {"documents": len(kept), "left_out": left_out, "files": files}


def dataset_card(docs: list[Document], files: dict[str, dict[str, Any]], left_out: int, include_restricted: bool,
                 stats: str, leaderboard: str | None) -> str:
    from huggingface_hub import DatasetCard, DatasetCardData

    licenses = sorted({d.license for d in docs})
    license_tag: str | list[str] = ([lic.lower() for lic in licenses] if all(lic in REDISTRIBUTABLE for lic in licenses)
                                    else "other")
    if isinstance(license_tag, list) and len(license_tag) == 1:
        license_tag = license_tag[0]
    languages = sorted({d.language.split("-")[0].lower() for d in docs})
    data = DatasetCardData(
        license=license_tag,
        language=languages,
        task_categories=["token-classification"],
        tags=["boilerplate-removal", "web-content-extraction", "main-content-extraction", "benchmark"],
        pretty_name=PRETTY_NAME,
        size_categories=[size_category(len(docs))],
        annotations_creators=["other"],
        configs=[{"config_name": "default",
                  "data_files": [{"split": s, "path": f"data/{s}-*.parquet"} for s in files]}],
        dataset_info={"features": features()._to_yaml_list(),
                      "splits": [{"name": s, "num_bytes": f["num_bytes"], "num_examples": f["documents"]}
                                 for s, f in files.items()]},
    )
    restricted_note = (f"{left_out} document(s) whose licence does not allow redistribution were left out "
                       "(export with `--include-restricted` to keep them)." if left_out else
                       "No document was left out." + (" Restricted documents are included." if include_restricted
                                                      else ""))
    hashes = "\n".join(f"- `data/{s}-00000-of-00001.parquet`: {f['documents']} documents, sha256 `{f['sha256']}`"
                       for s, f in files.items())
    labels = "\n".join(f"- `{name}`" for name in LABELS)
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
line; a line split between kinds carries the label covering most of its tokens), and the exact
labelled character `spans` (end exclusive).

## Statistics

{stats}
## Licences and sources

{restricted_note} Every row names its `track`, `provenance`, `source` and `license`.

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

## Leaderboard

{leaderboard or "Run `boilerbench leaderboard` for the current figures."}

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
    return str(DatasetCard(f"---\n{data.to_yaml()}\n---\n{body}"))


def is_exported(path: Path) -> bool:
    return path.is_dir() and (path / "data").is_dir() and any((path / "data").glob("*.parquet"))


def read_exported(path: Path) -> Iterator[tuple[Document | None, list[Problem]]]:
    """Documents of an exported folder, validated. Only the folder's own `data/<split>-*.parquet`
    files are read, with pyarrow: never through `datasets.load_dataset`, whose dataset card
    (`README.md`'s `data_files`) could point at files outside the folder."""
    import pyarrow.parquet as pq

    from .loader import document_from_json

    root = path.resolve()
    for file in sorted((path / "data").glob("*.parquet")):
        where = str(file)
        split = file.name.split("-", 1)[0]
        if split not in SPLITS:
            yield None, [Problem(where, None, f"not a split's data file: expected {'|'.join(SPLITS)}-*.parquet")]
            continue
        if root not in file.resolve().parents:
            yield None, [Problem(where, None, f"lies outside {path} (a link): not read")]
            continue
        try:
            rows = pq.read_table(file).to_pylist()
        except Exception as e:  # noqa: BLE001 - pyarrow raises many kinds; all mean the file is not readable
            yield None, [Problem(where, None, f"cannot read the exported data: {type(e).__name__}: {e}")]
            continue
        for i, row in enumerate(rows):
            try:
                data = json_of(row, split)
            except (KeyError, TypeError, ValueError, IndexError) as e:
                yield None, [Problem(where, i + 1, f"not a boilerbench row: {type(e).__name__}: {e}")]
                continue
            yield document_from_json(data, where, i + 1)


def publish(folder: Path, repo_id: str, *, private: bool = False, revision: str | None = None,
            dry_run: bool = False, api=None) -> str:
    """Upload an exported folder to the Hub as a dataset repository. The token comes from
    HF_TOKEN or the login cache, through huggingface_hub; it is never printed."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    listing = "\n".join(f"{p.relative_to(folder)}  {p.stat().st_size:,} bytes" for p in files)
    if dry_run:
        return f"Would upload {len(files)} files to the dataset {repo_id}" + (
            f" (revision {revision})" if revision else "") + ":\n" + listing + "\n"
    if api is None:
        from huggingface_hub import HfApi

        api = HfApi()
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        if revision:
            api.create_branch(repo_id, branch=revision, repo_type="dataset", exist_ok=True)
        api.upload_folder(repo_id=repo_id, folder_path=str(folder), repo_type="dataset", revision=revision,
                          commit_message="Upload boilerbench")
    except Exception as e:
        raise UserError(hub_error_message(e, repo_id)) from None
    return f"Uploaded {len(files)} files to https://huggingface.co/datasets/{repo_id}\n"


def hub_error_message(error: Exception, repo_id: str) -> str:
    status = getattr(getattr(error, "response", None), "status_code", None)
    name = type(error).__name__
    if name == "LocalTokenNotFoundError" or status == 401:
        return ("the Hugging Face Hub rejected the token (or there is none): set HF_TOKEN or run "
                "`hf auth login` with a token that has write access")
    if status == 403:
        return f"the token has no permission to create or write to the dataset {repo_id!r}"
    if status is not None:
        return f"the Hugging Face Hub answered {status} for {repo_id!r}: {str(error).splitlines()[0][:200]}"
    if isinstance(error, (OSError, ConnectionError)) or "Connect" in name or "Timeout" in name:
        return f"cannot reach the Hugging Face Hub ({name}): check the network connection"
    return f"publishing to {repo_id!r} failed: {name}: {str(error)[:200]}"

