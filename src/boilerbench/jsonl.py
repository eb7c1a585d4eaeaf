"""The one JSONL reading loop: documents, predictions and imported pages are all read with it, so
a blank line, bad JSON, JSON nested too deeply and bytes that are not UTF-8 read the same way
everywhere, each problem naming the file and line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import Problem


def parse_line(raw: str, where: str, lineno: int) -> tuple[Any, Problem | None]:
    """One line's JSON value, or the problem with it."""
    try:
        return json.loads(raw), None
    except RecursionError:
        return None, Problem(where, lineno, "not valid JSON: nested too deeply")
    except ValueError as e:
        return None, Problem(where, lineno, f"not valid JSON: {e}")


def json_lines(lines: Iterable[str], where: str) -> Iterator[tuple[int, Any, Problem | None]]:
    """(line number, value, None) for each non-blank line, or (line number, None, problem) for a
    line that is not JSON; bytes that are not UTF-8 end the file with one problem."""
    lineno = 0
    try:
        for lineno, raw in enumerate(lines, 1):
            if raw.strip():
                value, problem = parse_line(raw, where, lineno)
                yield lineno, value, problem
    except UnicodeDecodeError:
        yield lineno + 1, None, Problem(where, lineno + 1, "the file is not valid UTF-8")
