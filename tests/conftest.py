"""Shared fixtures: paths, a valid source document to break, and the shared data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Fitted models go to a cache of this test session (never the user's): the shipped models are
# still read, and whatever is fitted here is fitted once per session.
if "BOILERBENCH_CACHE" not in os.environ:
    import tempfile

    os.environ["BOILERBENCH_CACHE"] = tempfile.mkdtemp(prefix="boilerbench-test-cache-")
SHARED = ROOT.parent / "shared"

VALID_HEADER = """---
id: acme-sample
publisher: acme
language: en
split: train
provenance: authored
license: CC-BY-4.0
---
"""
VALID_ROWS = """title  | A sample headline
byline | By Jane Doe,\x20
body  +| PORT ELLIS — The council met on Tuesday.
       |
promo  | Sign up for our newsletter.
"""


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A corpus folder holding one valid document, acme/acme-sample.txt."""
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "acme-sample.txt").write_text(VALID_HEADER + VALID_ROWS, encoding="utf-8")
    return tmp_path


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test where it is absent (a user's clone) but failing
    under CI=true, where it is always present."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing under CI")
        pytest.skip(f"{path} is absent (it ships beside the repository, not in it)")
    return path
