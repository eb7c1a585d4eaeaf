from boilerbench.labels import LABELS, SPLITS
from boilerbench.schemas import load_schema


def test_schema_label_enum_matches_code():
    schema = load_schema("document")
    assert tuple(schema["$defs"]["label"]["enum"]) == LABELS


def test_schema_split_enum_matches_code():
    assert tuple(load_schema("document")["properties"]["split"]["enum"]) == SPLITS


def test_guidelines_define_every_label():
    from conftest import ROOT

    text = (ROOT / "corpus" / "GUIDELINES.md").read_text(encoding="utf-8")
    for label in LABELS:
        assert f"| `{label}` |" in text, label


def test_every_schema_uses_the_same_labels():
    for name in ("predictions", "results"):
        assert tuple(load_schema(name)["$defs"]["label"]["enum"]) == LABELS, name
