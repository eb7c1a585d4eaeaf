"""Read an exported folder back: its rows in the documents' JSON form, with where each came
from. The loader validates them into documents (this module does not import the loader)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from boilerbench.errors import Problem


def is_exported(path: Path) -> bool:
    return path.is_dir() and (path / "data").is_dir() and any((path / "data").glob("*.parquet"))


def exported_rows(path: Path) -> Iterator[tuple[dict[str, Any] | None, str, int | None, list[Problem]]]:
    """(JSON form, file, row number, problems) of every row, read with `datasets.load_dataset`."""
    import datasets
    from datasets import load_dataset

    from .rows import json_of

    datasets.disable_progress_bars()
    datasets.logging.set_verbosity_error()
    try:
        dataset = load_dataset(str(path), keep_in_memory=True)
    except Exception as e:  # datasets raises many kinds; all mean the folder is not readable
        yield None, str(path), None, [Problem(str(path), None, f"cannot read the exported dataset: "
                                                                f"{type(e).__name__}: {e}")]
        return
    for split in dataset:
        where = str(path / "data" / f"{split}-00000-of-00001.parquet")
        for i, row in enumerate(dataset[split]):
            yield json_of(row, split), where, i + 1, []
