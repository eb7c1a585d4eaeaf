"""Property tests: parse(render(doc)) == doc and render(parse(file)) == file."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boilerbench.document import Document, Span
from boilerbench.labels import LABELS, SPLITS
from boilerbench.loader import document_from_json
from boilerbench.source_format import parse, quote, render

TRICKY = ["|", "+|", "#", "---", "--", ":", ": ", " #", "\t", "  ", "body", "promo |", "title  |",
          "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u200b", "\u200d", "\u200e", "\ufeff",
          "\U0001f600", "\U0001f1e9\U0001f1ea", "e\u0301", "\u0915\u093f", "\u2028", "\x0b", "\x0c", "\x85",
          "\u00a0", "\u3000", '"', "'", "\\", "{", "[", "&", "*", "!", "%", "@", "`", ">", "~"]
text_char = st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs",))
content = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(text_char, min_size=1, max_size=6)),
                   max_size=5).map("".join)
whitespace = st.text(st.sampled_from([" ", "\t", "\u00a0", "\u3000", "\x0b", "\u2028"]), max_size=3)
label = st.sampled_from(LABELS)


@st.composite
def line_pieces(draw) -> list[tuple[str | None, str]]:
    """The pieces of one raw line, as an annotator may write them."""
    if draw(st.booleans()):
        return [(None, draw(whitespace))]
    pieces: list[tuple[str | None, str]] = []
    for _ in range(draw(st.integers(1, 3))):
        if pieces and pieces[-1][0] is not None and draw(st.integers(0, 3)) == 0:
            pieces.append((None, draw(whitespace.filter(bool))))
        pieces.append((draw(label), draw(content.filter(bool))))
    return pieces


header_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
safe_id = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_-]{0,15}\Z")


@st.composite
def documents(draw) -> Document:
    lines = draw(st.lists(line_pieces(), min_size=1, max_size=8))
    lines.append([(draw(label), "x" + draw(content))])  # at least one token
    draw(st.randoms()).shuffle(lines)
    text_parts, spans, pos = [], [], 0
    for pieces in lines:
        for lab, piece in pieces:
            if lab is not None:
                spans.append(Span(pos, pos + len(piece), lab))
            pos += len(piece)
        text_parts.append("".join(p for _, p in pieces))
        pos += 1
    return Document(
        id=draw(safe_id), publisher=draw(safe_id),
        language=draw(st.sampled_from(["en", "de", "fr-CA", "es-419", "no"])),
        split=draw(st.sampled_from(SPLITS)),
        provenance=draw(st.sampled_from(["seed", "authored", "imported:aeb"])),
        license=draw(header_text), text="\n".join(text_parts), spans=tuple(spans),
        url=draw(st.none() | st.from_regex(r"\Ahttps://[a-z]{1,8}\.example/[a-z0-9/_-]{0,10}\Z")),
        notes=draw(st.none() | header_text),
    )


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_parse_render_document(doc):
    parsed = parse(render(doc))
    assert parsed.problems == []
    assert parsed.document == doc


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_render_parse_file(doc):
    file = render(doc)
    assert render(parse(file).document) == file


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_json_round_trip(doc):
    back, problems = document_from_json(doc.to_json(), "x.jsonl", 1)
    assert problems == []
    assert back == doc


@given(header_text)
def test_header_values_read_back_the_same_in_yaml(value):
    loaded = yaml.load(f"notes: {quote(value)}\n", Loader=yaml.BaseLoader)
    assert loaded == {"notes": value}


def test_lines_view_follows_rows():
    doc = parse(render(Document(id="a", publisher="p", language="en", split="train", provenance="authored",
                                license="CC-BY-4.0", text="Head\nBy A, CITY — some text\n\nend",
                                spans=(Span(0, 4, "title"), Span(5, 11, "byline"), Span(11, 27, "body"),
                                       Span(29, 32, "other"))))).document
    assert [(ln.text, ln.label, ln.is_split) for ln in doc.lines] == [
        ("Head", "title", False), ("By A, CITY — some text", "body", True), ("", None, False), ("end", "other", False)]


def test_tokens_are_nfc_and_straddling_tokens_take_first_label():
    text = "cafe\u0301 timethe"
    doc = Document(id="a", publisher="p", language="en", split="train", provenance="authored",
                   license="x", text=text, spans=(Span(0, 10, "teaser"), Span(10, len(text), "other")))
    assert [(t.text, t.label) for t in doc.tokens] == [("caf\u00e9", "teaser"), ("timethe", "teaser")]


def test_split_line_label_ties_go_to_the_first_piece():
    doc = Document(id="a", publisher="p", language="en", split="train", provenance="authored",
                   license="x", text="By A, CITY text", spans=(Span(0, 6, "byline"), Span(6, 15, "body")))
    assert doc.lines[0].label == "byline"


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_fast_labelled_tokens_match_token_view(doc):
    words, labels = doc.labelled_tokens
    assert words == [t.text for t in doc.tokens]
    assert labels == [t.label for t in doc.tokens]
    assert doc.line_token_counts == [sum(1 for t in doc.tokens if line.start <= t.start <= line.end)
                                     for line in doc.lines]
