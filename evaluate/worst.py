"""The documents an extractor did worst on: lowest body F1 first, to look at with `boilerbench
diff`. Documents without gold body tokens are left out (their body F1 says nothing)."""

from __future__ import annotations

import math
from typing import Any

from .results import Results


def worst_documents(results: Results, n: int = 10) -> list[dict[str, Any]]:
    """The `n` documents of lowest body F1 (ties by id): id, publisher, body precision, recall and
    F1, and the extractor's failure on it, if any."""
    rows = []
    for entry in results.documents:
        if not entry["gold"]["body"]:
            continue
        scores = entry["scores"]["body"]
        f1 = scores["f1"]
        rows.append({"id": entry["id"], "publisher": entry["publisher"], "precision": scores["precision"],
                     "recall": scores["recall"], "f1": f1, "failure": entry["failure"],
                     "missing": entry["missing"], "_key": -1.0 if f1 is None or math.isnan(f1) else f1})
    rows.sort(key=lambda r: (r["_key"], r["id"]))
    return [{k: v for k, v in r.items() if k != "_key"} for r in rows[:n]]
