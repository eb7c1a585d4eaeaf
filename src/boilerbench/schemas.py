"""The JSON Schemas in `schema/`, shipped inside the package, and validation against them."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema


def schema_dir() -> Path:
    import boilerbench.schema as package

    return Path(next(iter(package.__path__)))


@cache
def load_schema(name: str) -> dict[str, Any]:
    """`name` is e.g. 'document' for `schema/document.schema.json`."""
    schema: dict[str, Any] = json.loads((schema_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))
    return schema


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = load_schema(name)
    return jsonschema.Draft202012Validator({**inline_refs(schema, schema.get("$defs", {})),
                                            "$defs": schema.get("$defs", {})})


def inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with each local `{"$ref": "#/$defs/NAME"}` replaced by that definition: the same
    verdicts, without a reference lookup per span (which made validating a document's thousands of
    spans cost seconds). Our schemas' references are local and never recursive.

    >>> inline_refs({"items": {"$ref": "#/$defs/x"}}, {"x": {"type": "integer"}})
    {'items': {'type': 'integer'}}
    """
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and len(node) == 1:
            return inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [inline_refs(v, defs) for v in node]
    return node


def schema_errors(name: str, instance: Any) -> list[str]:
    """Readable messages, each naming the JSON path of what is wrong."""
    out = []
    for err in sorted(validator(name).iter_errors(instance), key=lambda e: list(e.absolute_path)):
        path = "".join(f"[{p!r}]" if isinstance(p, str) else f"[{p}]" for p in err.absolute_path)
        out.append(f"{path or 'document'}: {err.message}")
    return out
