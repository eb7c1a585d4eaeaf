"""The loader's structural check in code agrees with the document JSON Schema, and is stricter
only where the code needs it (integer offsets, no lone surrogates)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from boilerbench.document_structure import structure_problems
from boilerbench.loader import document_from_json_line
from boilerbench.schemas import schema_errors

GOOD = {"id": "a-1", "publisher": "p", "language": "en", "split": "test", "provenance": "authored",
        "license": "MIT", "text": "Hello world", "spans": [{"start": 0, "end": 11, "label": "body"}]}

scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 20), st.floats(-1, 20, allow_nan=False),
                    st.sampled_from(["", "x", "en", "test", "real", "body", "imported:x", "../x", "1.0"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.sampled_from(["start", "end", "label", "x"]),
                                                                       inner, max_size=4)), max_leaves=6)
FIELDS = sorted(set(GOOD) | {"url", "notes", "track", "source", "html", "reference_body", "reference", "extra"})


def mutate(data: dict, field: str, value) -> dict:
    out = json.loads(json.dumps(data))
    if value == "<delete>":
        out.pop(field, None)
    else:
        out[field] = value
    return out


@settings(max_examples=300, deadline=None)
@given(field=st.sampled_from(FIELDS), value=st.one_of(values, st.just("<delete>")),
       span_field=st.sampled_from(["start", "end", "label", "extra"]), span_value=values)
def test_code_check_agrees_with_the_schema(field, value, span_field, span_value):
    for data in (mutate(GOOD, field, value),
                 mutate(GOOD, "spans", [{**GOOD["spans"][0], span_field: span_value}])):
        by_code, by_schema = structure_problems(data), schema_errors("document", data)
        spans = data.get("spans") if isinstance(data.get("spans"), list) else []
        stricter = any(isinstance(s, dict) and any(type(s.get(k)) is float for k in ("start", "end")) for s in spans)
        if stricter:  # 3.0 is an integer to JSON Schema and not to the code
            assert by_code
        else:
            assert bool(by_code) == bool(by_schema), (data, by_code, by_schema)


def test_integral_float_offsets_are_a_message_not_a_crash():
    line = json.dumps({**GOOD, "spans": [{"start": 0.0, "end": 11, "label": "body"}]})
    doc, problems = document_from_json_line(line, "docs.jsonl", 3)
    assert doc is None
    assert str(problems[0]) == "docs.jsonl:3: document 'a-1': ['spans'][0]['start']: 0.0 is not an integer"


def test_a_lone_surrogate_is_a_message_naming_the_field_and_character():
    line = json.dumps(GOOD).replace("Hello world", "Hello \\ud800orld")
    doc, problems = document_from_json_line(line, "docs.jsonl", 2)
    assert doc is None
    assert "docs.jsonl:2: document 'a-1': ['text']: holds a lone surrogate (\\ud800) at character 6" in str(problems[0])


def test_validate_still_runs_the_full_schema(tmp_path, capsys, monkeypatch):
    from helpers import run_cli

    from boilerbench import loader

    calls = []
    monkeypatch.setattr(loader, "schema_errors", lambda name, data: calls.append(name) or [])
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "validate", path)
    assert code == 0 and calls == ["document"], err
    list(loader.load_corpus(path))
    assert calls == ["document"]  # loading does not


# The fast reading of JSONL documents (orjson, when a document needs no message) and the
# standard library's give the same documents and the same messages, line for line.
RAW_VALUES = ["123456789012345678901234567890", "1e400", "-0", "0.0", "NaN", '"\\ud800x"', '"\\ud83d\\ude00"',
              '"caf\\u00e9"', '"a\\u0000b"', "[1,]", "{}", "true", '"\\/"', "1E2", "-1"]


@settings(max_examples=200, deadline=None)
@given(docs=st.lists(st.tuples(st.sampled_from(FIELDS + ["<span start>", "<span end>"]), st.sampled_from(RAW_VALUES)),
                     min_size=1, max_size=4),
       extra=st.lists(st.sampled_from([b"", b"  ", b"\xff\xfe", b"\xef\xbb\xbf{}", b"[]", b"{\"id\": 1}"]), max_size=2))
def test_the_fast_jsonl_reading_agrees_with_the_standard_library(tmp_path_factory, docs, extra):
    import pytest

    from boilerbench import jsonl
    from boilerbench.loader import read_jsonl

    if jsonl._fast_loads is None:
        pytest.skip("orjson is not installed: there is only the standard library's reading")
    lines = []
    for n, (field, raw) in enumerate(docs):
        data = {**GOOD, "id": f"d{n}", "text": f"Hello world {n}",
                "spans": [{"start": 0, "end": 13 + len(str(n)), "label": "body"}]}
        line = json.dumps(data)
        marker = "__VALUE__"
        if field == "<span start>":
            line = line.replace('"start": 0', f'"start": {raw}')
        elif field == "<span end>":
            line = line.replace(f'"end": {13 + len(str(n))}', f'"end": {raw}')
        else:
            line = json.dumps({**data, field: marker}).replace(f'"{marker}"', raw)
        lines.append(line.encode())
    path = tmp_path_factory.mktemp("fast") / "docs.jsonl"
    path.write_bytes(b"\n".join(lines + extra) + b"\n")

    def read() -> list:
        return [(doc.to_json() if doc else None, [str(p) for p in problems]) for doc, problems in read_jsonl(path)]

    fast = read()
    saved, jsonl._fast_loads = jsonl._fast_loads, None
    try:
        assert read() == fast
    finally:
        jsonl._fast_loads = saved


def test_a_clean_document_line_is_read_by_the_fast_parser(tmp_path, monkeypatch):
    import pytest

    from boilerbench import jsonl, loader

    if jsonl._fast_loads is None:
        pytest.skip("orjson is not installed")
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps({**GOOD, "id": "b", "split": "nope"}) + "\n", encoding="utf-8")
    read_again = []
    monkeypatch.setattr(loader, "json_lines", lambda lines, where, start: read_again.append(start) or
                        jsonl.json_lines(lines, where, start))
    results = list(loader.read_jsonl(path))
    assert [doc.id if doc else None for doc, _ in results] == ["a-1", None]
    assert read_again == [2]  # only the line with a problem goes through the standard library
    assert "['split']: 'nope' is not one of" in str(results[1][1][0])
