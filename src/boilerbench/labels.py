"""The closed label vocabulary, defined once for the whole project.

`schema/document.schema.json` repeats it as an enum; a test keeps the two in step.
"""

from __future__ import annotations

LABELS: tuple[str, ...] = ("title", "byline", "body", "promo", "teaser", "other")
"""Every gold and predicted label, in the order used for reports and class ids."""

LABEL_IDS: dict[str, int] = {label: i for i, label in enumerate(LABELS)}

BOILERPLATE_LABELS: tuple[str, ...] = tuple(label for label in LABELS if label != "body")
"""Labels whose text should not end up in an extracted body (what leakage measures)."""

SPLITS: tuple[str, ...] = ("train", "validation", "test")

TRACKS: tuple[str, ...] = ("real", "authored")
"""`real`: real pages (rendered from public benchmarks' HTML) labelled by annotators; `authored`:
documents this project wrote, kept as a second table of hard cases."""
