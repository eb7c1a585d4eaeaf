"""The one JSONL reading loop: documents, predictions and imported pages are all read with it, so
a blank line, bad JSON, JSON nested too deeply and bytes that are not UTF-8 read the same way
everywhere, each problem naming the file and line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .errors import Problem


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_line(raw: str, where: str, lineno: int) -> tuple[Any, Problem | None]:
    """One line's JSON value, or the problem with it (NaN and Infinity are not JSON: refused)."""
    try:
        return json.loads(raw, parse_constant=_no_constant), None
    except RecursionError:
        return None, Problem(where, lineno, "not valid JSON: nested too deeply")
    except ValueError as e:
        return None, Problem(where, lineno, f"not valid JSON: {e}")


_fast_loads: Callable[[bytes], Any] | None
try:  # a JSON parser in Rust: a line of the AEB pages (megabytes of HTML) parses 2-3 times faster
    from orjson import loads as _fast_loads
except ImportError:  # pragma: no cover - a dependency; the standard library's reading stands alone
    _fast_loads = None

NOT_FAST = object()
"""What `fast_value` returns for a line it leaves to `json_lines`."""


def fast_value(line: bytes) -> Any:
    """A line's JSON value by the fast parser, or NOT_FAST for every line it refuses (bad JSON or
    UTF-8, NaN, numbers out of range, a lone surrogate escape, a blank line, no fast parser).
    Callers accept its value only when it needs no message (a document without a problem), and
    read every other line again with `json_lines`: messages, and values that the two parsers
    read differently (an integer beyond 64 bits is a float to orjson), come from one path.

    >>> fast_value(b'{"id": "a"}\\n') if _fast_loads else {'id': 'a'}
    {'id': 'a'}
    >>> fast_value(b'{"id": NaN}') is NOT_FAST
    True
    """
    if _fast_loads is None:
        return NOT_FAST
    try:
        return _fast_loads(line)
    except ValueError:  # orjson.JSONDecodeError is one
        return NOT_FAST


def json_lines(lines: Iterable[str | bytes], where: str,
               start: int = 1) -> Iterator[tuple[int, Any, Problem | None]]:
    """(line number, value, None) for each non-blank line, or (line number, None, problem) for a
    line that is not JSON. Lines given as bytes are decoded one by one, so that bytes that are not
    UTF-8 are reported on their own line and the lines after them still read; lines given as text
    from a decoding file end at the first bad byte with one problem. Lines are numbered from
    `start`."""
    lineno = start - 1
    try:
        for lineno, line in enumerate(lines, start):
            if isinstance(line, bytes):
                try:
                    raw = line.decode("utf-8")
                except UnicodeDecodeError as e:
                    yield lineno, None, Problem(where, lineno, f"not valid UTF-8 (byte {e.start + 1} of the line)")
                    continue
            else:
                raw = line
            if raw and not raw.isspace():  # (not strip(): no copy of a megabyte line)
                value, problem = parse_line(raw, where, lineno)
                yield lineno, value, problem
    except UnicodeDecodeError:
        yield lineno + 1, None, Problem(where, lineno + 1, "the file is not valid UTF-8")
