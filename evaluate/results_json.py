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
    missing = _document_gaps(docs, fields, data["mode"])
    if missing:
        raise UserError([Problem(where, None, m) for m in missing[:10]])
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


def _document_gaps(docs: list[dict[str, Any]], fields: list[str], mode: str) -> list[str]:
    """What the schema lets pass but reading needs: per-document credit and unmatched counts for
    every scored field, and in labels mode a K x K line confusion of whole numbers."""
    out = []
    for i, d in enumerate(docs):
        name = f"documents[{i}] ({d['id']})"
        for field in fields:
            credit = d["credit"].get(field)
            if credit is None:
                out.append(f"{name}: no credit counts for {field!r}")
            elif any(c not in credit for c in COLUMNS):
                out.append(f"{name}: credit.{field} lacks {', '.join(c for c in COLUMNS if c not in credit)}")
            if field not in d["unmatched"]:
                out.append(f"{name}: no unmatched count for {field!r}")
        if mode == "labels":
            conf = d.get("line_confusion")
            if not (isinstance(conf, list) and len(conf) == K and all(
                    isinstance(row, list) and len(row) == K and all(type(x) is int and x >= 0 for x in row)
                    for row in conf)):
                out.append(f"{name}: labels-mode results need a {K}x{K} line_confusion of whole numbers")
    return out


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


