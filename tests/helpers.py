"""Small builders for evaluator tests."""

from __future__ import annotations

from boilerbench.document import Document, Span


def make_doc(rows: list[tuple[str, str]], doc_id: str = "d", split: str = "test", publisher: str = "p") -> Document:
    """A document from (label, line) rows, one span a line."""
    spans, pos = [], 0
    for label, line in rows:
        if line:
            spans.append(Span(pos, pos + len(line), label))
        pos += len(line) + 1
    return Document(id=doc_id, publisher=publisher, language="en", split=split, provenance="authored",
                    license="CC-BY-4.0", text="\n".join(line for _, line in rows), spans=tuple(spans))


def run_cli(capsys, *argv):
    """Run the CLI in-process: (exit code, stdout, stderr); never a traceback."""
    from boilerbench.cli import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err
