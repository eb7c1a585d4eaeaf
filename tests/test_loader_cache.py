"""A corpus read once in a process is served again only while its files are byte for byte the
same: a changed file (even one of the same size, written within the same clock tick) is read again."""

from __future__ import annotations

import json
import os

from conftest import VALID_HEADER, VALID_ROWS

from boilerbench import load_corpus

GOOD = {"id": "a-1", "publisher": "p", "language": "en", "split": "test", "provenance": "authored",
        "license": "MIT", "text": "Hello world", "spans": [{"start": 0, "end": 11, "label": "body"}]}


def test_an_unchanged_jsonl_is_served_again_and_a_changed_one_read_again(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    first = list(load_corpus(path))
    assert list(load_corpus(path))[0] is first[0]  # served again
    stat = path.stat()
    path.write_text(json.dumps({**GOOD, "text": "Hello World"}) + "\n", encoding="utf-8")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same modification time
    again = list(load_corpus(path))
    assert again[0] is not first[0] and again[0].text == "Hello World"


def test_a_changed_source_file_is_read_again(corpus_dir):
    first = list(load_corpus(corpus_dir))
    assert list(load_corpus(corpus_dir))[0] is first[0]
    file = corpus_dir / "acme" / "acme-sample.txt"
    stat = file.stat()
    file.write_text(VALID_HEADER + VALID_ROWS.replace("promo ", "other "), encoding="utf-8")  # same size
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = list(load_corpus(corpus_dir))
    assert again[0] is not first[0] and [line.label for line in again[0].lines][-1] == "other"


def test_a_kept_corpus_names_its_page_sources_by_absolute_path(tmp_path, monkeypatch):
    (tmp_path / "c" / "acme").mkdir(parents=True)
    (tmp_path / "c" / "acme" / "acme-sample.txt").write_text(VALID_HEADER + VALID_ROWS, encoding="utf-8")
    (tmp_path / "c" / "_pages").mkdir()
    import gzip

    (tmp_path / "c" / "_pages" / "acme-sample.html.gz").write_bytes(gzip.compress(b"<html><p>x</p></html>"))
    monkeypatch.chdir(tmp_path)
    first = list(load_corpus("c"))
    monkeypatch.chdir(tmp_path / "c")
    assert list(load_corpus(tmp_path / "c"))[0].page_html() == first[0].page_html() == "<html><p>x</p></html>"
