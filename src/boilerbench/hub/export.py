"""Write an exported folder: data/<split>-00000-of-00001.parquet with `datasets` features, and
the dataset card. Documents whose licence does not allow redistribution, or is unknown, are left
out unless asked for."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from boilerbench.document import Document
from boilerbench.errors import UserError
from boilerbench.labels import SPLITS

from .card import CardInput, dataset_card
from .rows import features, optional_columns, restricted, row_of, unknown_license


def export(documents: Iterable[Document], out: Path, *, splits: list[str] | None = None,
           include_restricted: bool = False, include_unknown_license: bool = False,
           leaderboard: str | None = None, with_html: bool = False, repo_id: str | None = None) -> dict[str, Any]:
    """Write `out/data/<split>-00000-of-00001.parquet` and `out/README.md`; returns a summary."""
    import datasets
    from datasets import Dataset

    from boilerbench.atomic import write_text_atomic
    from boilerbench.stats import corpus_stats, stats_markdown

    datasets.disable_progress_bars()

    splits = splits or list(SPLITS)
    docs = [d for d in documents if d.split in splits]
    unknown = [d for d in docs if unknown_license(d)]
    kept = [d for d in docs if (include_restricted or not restricted(d))
            and (include_unknown_license or not unknown_license(d))]
    left_restricted = sum(1 for d in docs if restricted(d)) if not include_restricted else 0
    left_unknown = len(unknown) if not include_unknown_license else 0
    if not kept:
        raise UserError("nothing to export: no document in those splits may be redistributed "
                        "(use --include-restricted, or --include-unknown-license for pages imported without one)")
    optional = optional_columns(kept, with_html=with_html)
    data_dir = out / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    for old in data_dir.glob("*.parquet"):
        old.unlink()
    files: dict[str, dict[str, Any]] = {}
    for split in splits:
        rows = [row_of(d, optional, with_html=with_html) for d in sorted(kept, key=lambda d: d.id) if d.split == split]
        if not rows:
            continue
        path = data_dir / f"{split}-00000-of-00001.parquet"
        table = {k: [r[k] for r in rows] for k in rows[0]}
        dataset = Dataset.from_dict(table, features=features(optional))
        staging = data_dir / f".{split}.parquet.partial"
        dataset.to_parquet(str(staging))
        staging.replace(path)  # a crash never leaves a half-written data file
        files[split] = {"path": path, "documents": len(rows), "num_bytes": int(dataset.data.nbytes),
                        "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    card = dataset_card(CardInput(kept, files, optional, left_restricted, left_unknown, include_restricted,
                                  include_unknown_license, stats_markdown(corpus_stats(kept)), leaderboard, repo_id))
    write_text_atomic(out / "README.md", card)
    return {"documents": len(kept), "left_out": left_restricted + left_unknown, "left_out_restricted": left_restricted,
            "left_out_unknown": left_unknown, "files": files}
