"""Results as JSON (`schema/results.schema.json`): read (checked against the schema and the
metric version) and written atomically, NaN written as null."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from boilerbench.atomic import read_json, write_json_atomic
from boilerbench.errors import Problem, UserError
from boilerbench.labels import LABEL_IDS, LABELS
from boilerbench.schemas import schema_errors

from .results import COLUMNS, COMPAT_KEYS, METRIC_VERSION, Columns, K, Results


def results_from_json(data: dict[str, Any], where: str = "<results>") -> Results:
    errors = schema_errors("results", data)
    if errors:
        raise UserError([Problem(where, None, e) for e in errors[:10]])
    if data["metric_version"] != METRIC_VERSION:
        raise UserError(Problem(where, None, f"made with metric version {data['metric_version']}; this boilerbench "
                                             f"scores with {METRIC_VERSION}: score the predictions again"))
    docs = data["documents"]
    fields = data["fields"]
    n = len(docs)
    credit = np.zeros((n, len(LABELS), K), dtype=np.int32)
    unmatched = np.zeros((n, len(LABELS)), dtype=np.int32)
    for i, d in enumerate(docs):
        for name in fields:
            credit[i, LABEL_IDS[name]] = [d["credit"][name][c] for c in COLUMNS]
            unmatched[i, LABEL_IDS[name]] = d["unmatched"][name]
    cols = Columns(
        [d["id"] for d in docs], [d["publisher"] for d in docs], [d["language"] for d in docs],
        np.array([d["missing"] for d in docs], dtype=bool), [d["failure"] for d in docs],
        [d["seconds"] for d in docs],
        np.array([[d["gold"][c] for c in COLUMNS] for d in docs], dtype=np.int32).reshape(n, K), credit, unmatched,
        np.array([[d["compat"][k] for k in COMPAT_KEYS] for d in docs], dtype=float).reshape(n, 5),
        np.array([d["line_confusion"] for d in docs], dtype=np.int32).reshape(n, K, K)
        if data["mode"] == "labels" else None)
    return Results({k: v for k, v in data.items() if k != "documents"}, cols)


def read_results(path: str | Path) -> Results:
    return results_from_json(read_json(path, "results"), str(path))


def _clean(obj: Any) -> Any:
    """JSON has no NaN: undefined figures are written as null."""
    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else obj
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if isinstance(obj, np.generic):
        return _clean(obj.item())
    return obj


def write_results(path: str | Path, results: Results) -> None:
    data = results.to_json()
    errors = schema_errors("results", data)
    if errors:  # a bug of ours, not the user's: refuse to write an invalid file
        raise AssertionError("results do not match schema/results.schema.json: " + "; ".join(errors[:5]))
    write_json_atomic(path, data)


