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
    """(JSON form, file, row number, problems) of every row. Only the folder's own
    `data/<split>-*.parquet` files are read, with pyarrow: never through `datasets.load_dataset`,
    whose dataset card (`README.md`'s `data_files`) could point at files outside the folder."""
    import pyarrow.parquet as pq

    from boilerbench.labels import SPLITS

    from .rows import json_of

    root = path.resolve()
    for file in sorted((path / "data").glob("*.parquet")):
        where = str(file)
        split = file.name.split("-", 1)[0]
        if split not in SPLITS:
            yield None, where, None, [Problem(where, None, f"not a split's data file: expected "
                                                           f"{'|'.join(SPLITS)}-*.parquet")]
            continue
        if root not in file.resolve().parents:
            yield None, where, None, [Problem(where, None, f"lies outside {path} (a link): not read")]
            continue
        try:
            rows = pq.read_table(file).to_pylist()
        except Exception as e:  # noqa: BLE001 - pyarrow raises many kinds; all mean the file is not readable
            yield None, where, None, [Problem(where, None, f"cannot read the exported data: {type(e).__name__}: {e}")]
            continue
        for i, row in enumerate(rows):
            try:
                data = json_of(row, split)
            except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
                yield None, where, i + 1, [Problem(where, i + 1, f"not a boilerbench row: {type(e).__name__}: {e}")]
                continue
            yield data, where, i + 1, []
