"""The document JSON's structure, checked in code.

Loading a corpus must be cheap next to scoring it: a full JSON Schema pass over every span of
every document (jsonschema resolves a `$ref` per span) took 6.4 of 7.9 seconds of scoring the
AEB pages. So the loader checks here what `schema/document.schema.json` says, field by field,
and `boilerbench validate` still runs the schema itself. A property test keeps the two in step.

This check is also stricter than the schema where the code needs it to be: span offsets must be
integers, not integral floats (JSON Schema's `integer` accepts `0.0`, which cannot slice text),
and no string may hold a lone surrogate (JSON's `"\\ud800"` escape decodes to one, which cannot
be written as UTF-8).
"""

from __future__ import annotations

from typing import Any

from .labels import LABELS, SPLITS, TRACKS
from .validation import BCP47, PROVENANCE, SAFE_ID

# Strings read against a pattern (the header checks' own, used with fullmatch: no trailing newline).
_PATTERNED = {"id": (SAFE_ID, "is not safe as a file name"), "publisher": (SAFE_ID, "is not safe as a file name"),
              "language": (BCP47, "is not a BCP 47 tag"),
              "provenance": (PROVENANCE, "is not 'seed', 'authored' or 'imported:<dataset>'")}

_REQUIRED = ("id", "publisher", "language", "split", "provenance", "license", "text", "spans")
_OPTIONAL_STRINGS = ("url", "notes", "source", "html", "reference_body")
_ALLOWED = frozenset(_REQUIRED + _OPTIONAL_STRINGS + ("track", "reference"))
_REFERENCE_STRINGS = ("title", "author", "publish_date")
_REFERENCE_LISTS = ("with", "without")
_SPAN_KEYS = frozenset(("start", "end", "label"))
_LABEL_SET = frozenset(LABELS)


def _is_int(value: Any) -> bool:
    return type(value) is int  # bool is an int subclass, and 0.0 is not an offset


def surrogate_at(text: str) -> int | None:
    """The offset of the first lone surrogate in `text`, or None.

    >>> surrogate_at("ok"), surrogate_at("a\\ud800b")
    (None, 1)
    """
    try:
        text.encode("utf-8")
        return None
    except UnicodeEncodeError as e:
        return e.start


def _string_problem(path: str, value: Any, *, nullable: bool, surrogates: bool = True) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        expected = "a string or null" if nullable else "a string"
        return f"{path}: {value!r:.40} is not {expected}"
    at = surrogate_at(value) if surrogates else None
    if at is not None:
        return f"{path}: holds a lone surrogate (\\u{ord(value[at]):04x}) at character {at}, which is not Unicode text"
    return None


def structure_problems(data: Any, *, surrogates: bool = True) -> list[str]:
    """What is wrong with a document's JSON form, as `path: message` strings ([] when it is
    well formed); the same verdicts as the JSON Schema, plus integer offsets and no lone surrogates
    (`surrogates=False` skips that search, for a value from a parser that refuses them: the
    strings of a document hold megabytes of HTML).

    >>> structure_problems({"id": "a"})[0]
    "document: missing required field 'publisher'"
    >>> ok = {"id": "a", "publisher": "p", "language": "en", "split": "test", "provenance": "authored",
    ...       "license": "MIT", "text": "x", "spans": [{"start": 0, "end": 1, "label": "body"}]}
    >>> structure_problems(ok)
    []
    >>> structure_problems({**ok, "spans": [{"start": 0.0, "end": 1, "label": "body"}]})
    ["['spans'][0]['start']: 0.0 is not an integer"]
    """
    if not isinstance(data, dict):
        return [f"document: expected a JSON object, not {type(data).__name__}"]
    out = [f"document: missing required field {name!r}" for name in _REQUIRED if name not in data]
    out += [f"document: unknown field {name!r}" for name in data if name not in _ALLOWED]
    for name, (pattern, what) in _PATTERNED.items():
        if name in data:
            problem = _string_problem(f"[{name!r}]", data[name], nullable=False, surrogates=surrogates)
            if problem is None and not pattern.fullmatch(data[name]):
                problem = f"[{name!r}]: {data[name]!r} {what}"
            if problem:
                out.append(problem)
    if "split" in data and data["split"] not in SPLITS:
        out.append(f"['split']: {data['split']!r:.40} is not one of {list(SPLITS)}")
    for name in ("license", "text"):
        if name in data:
            problem = _string_problem(f"[{name!r}]", data[name], nullable=False, surrogates=surrogates)
            if problem is None and not data[name]:
                problem = f"[{name!r}]: is empty"
            if problem:
                out.append(problem)
    for name in _OPTIONAL_STRINGS:
        if name in data:
            problem = _string_problem(f"[{name!r}]", data[name], nullable=True, surrogates=surrogates)
            if problem:
                out.append(problem)
    if "track" in data and data["track"] is not None and data["track"] not in TRACKS:
        out.append(f"['track']: {data['track']!r:.40} is not one of {list(TRACKS)} or null")
    if "reference" in data:
        out += _reference_problems(data["reference"], surrogates)
    if "spans" in data:
        out += _span_problems(data["spans"])
    return out


def _reference_problems(reference: Any, surrogates: bool) -> list[str]:
    if reference is None:
        return []
    if not isinstance(reference, dict):
        return [f"['reference']: {reference!r:.40} is not an object or null"]
    out = [f"['reference']: unknown field {name!r}" for name in reference
           if name not in _REFERENCE_STRINGS + _REFERENCE_LISTS]
    for name in _REFERENCE_STRINGS:
        if name in reference:
            problem = _string_problem(f"['reference'][{name!r}]", reference[name], nullable=True, surrogates=surrogates)
            if problem:
                out.append(problem)
    for name in _REFERENCE_LISTS:
        if name in reference:
            items = reference[name]
            if not isinstance(items, list):
                out.append(f"['reference'][{name!r}]: {items!r:.40} is not a list")
                continue
            for i, item in enumerate(items):
                problem = _string_problem(f"['reference'][{name!r}][{i}]", item, nullable=False, surrogates=surrogates)
                if problem:
                    out.append(problem)
    return out


def _span_problems(spans: Any) -> list[str]:
    if not isinstance(spans, list):
        return [f"['spans']: {spans!r:.40} is not a list"]
    out = []
    for i, span in enumerate(spans):
        if (type(span) is dict and span.keys() == _SPAN_KEYS and type(span["start"]) is int
                and type(span["end"]) is int and span["start"] >= 0 and span["end"] >= 1
                and type(span["label"]) is str and span["label"] in _LABEL_SET):
            continue  # the usual span, checked without building a message
        where = f"['spans'][{i}]"
        if not isinstance(span, dict):
            out.append(f"{where}: {span!r:.40} is not an object")
            continue
        if span.keys() != _SPAN_KEYS:
            out += [f"{where}: missing required field {k!r}" for k in ("start", "end", "label") if k not in span]
            out += [f"{where}: unknown field {k!r}" for k in span if k not in _SPAN_KEYS]
        for key, minimum in (("start", 0), ("end", 1)):
            if key in span:
                value = span[key]
                if not _is_int(value):
                    out.append(f"{where}[{key!r}]: {value!r:.40} is not an integer")
                elif value < minimum:
                    out.append(f"{where}[{key!r}]: {value} is less than the minimum of {minimum}")
        if "label" in span and span["label"] not in LABELS:
            out.append(f"{where}['label']: {span['label']!r:.40} is not one of {list(LABELS)}")
    return out
