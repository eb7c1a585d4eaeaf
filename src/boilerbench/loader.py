"""Reading documents: the bundled corpus, a folder of source files, or a JSONL of compiled ones."""

from __future__ import annotations

import dataclasses
import hashlib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from . import source_format
from .document import Document, combine_digests, document_digest, fingerprint  # noqa: F401 - re-exported
from .document_structure import structure_problems
from .errors import NotFoundError, Problem, UserError
from .jsonl import NOT_FAST, fast_value, json_lines, parse_line
from .schemas import schema_errors
from .validation import check_document


def bundled_corpus() -> Path:
    """The corpus that ships inside the package (the repository's `corpus/`)."""
    import boilerbench.corpus as package

    return Path(next(iter(package.__path__)))


def source_files(folder: Path) -> list[Path]:
    """The document files below a corpus folder: `<publisher>/<id>.txt`, sorted. Folders whose
    names start with `.` or `_` are not part of the corpus (`_second_pass/` holds the agreement
    study's second annotation)."""
    return sorted(p for p in folder.rglob("*.txt")
                  if not any(part.startswith((".", "_")) for part in p.relative_to(folder).parts[:-1]))


def read_jsonl(path: Path, *, schema: bool = False,
               digest: Any = None) -> Iterator[tuple[Document | None, list[Problem]]]:
    """The documents of a JSONL file, one a line, each with its problems (`schema`: also run the
    full JSON Schema, as `validate` does; `digest`: a hashlib object fed the bytes as they are read)."""
    where = str(path)
    if not path.is_file():
        yield None, [Problem(where, None, "not a regular file: not read")]
        return
    try:
        # decoded line by line, so that a bad byte is reported on its own line; a 1 MB buffer reads
        # a line of megabytes of HTML in a few copies (the default took three times as long)
        handle = path.open("rb", buffering=1 << 20)
    except OSError as e:
        yield None, [Problem(where, None, f"cannot read the file: {e.strerror}")]
        return
    with handle:
        seen = False
        lines = handle if digest is None else _hashed(handle, digest)
        for lineno, line in enumerate(lines, 1):  # a binary handle: bytes, line by line
            data = fast_value(line)
            if data is not NOT_FAST:
                doc, problems = document_from_json(data, where, lineno, schema=schema, surrogates=False)
                if not problems:  # a line with a problem is read again below: one path for messages
                    seen = True
                    yield doc, problems
                    continue
            for lineno_, data, problem in json_lines((line,), where, lineno):
                seen = True
                yield (None, [problem]) if problem else document_from_json(data, where, lineno_, schema=schema)
        if not seen:
            yield None, [Problem(where, None, "no documents: the file is empty")]


def _hashed(lines: Iterable[bytes], digest: Any) -> Iterator[bytes]:
    for line in lines:
        digest.update(line)
        yield line


def document_from_json_line(raw: str, where: str, lineno: int, *,
                            schema: bool = False) -> tuple[Document | None, list[Problem]]:
    data, problem = parse_line(raw, where, lineno)
    return (None, [problem]) if problem else document_from_json(data, where, lineno, schema=schema)


def document_from_json(data: Any, where: str, lineno: int | None, *, schema: bool = False,
                       surrogates: bool = True) -> tuple[Document | None, list[Problem]]:
    """The structure checked in code (`document_structure`; with `schema`, the full JSON Schema
    too), then the semantic checks; problems name `where:lineno` and the id. `surrogates=False`
    skips looking for lone surrogates, for a value from a parser that refuses them."""
    errors = structure_problems(data, surrogates=surrogates)
    if schema and not errors:
        errors = schema_errors("document", data)
    doc_id = data.get("id") if isinstance(data, dict) else None
    prefix = f"document {doc_id!r}: " if isinstance(doc_id, str) else ""
    if errors:
        return None, [Problem(where, lineno, prefix + e) for e in errors]
    doc = Document.from_json(data)
    findings = check_document(doc)
    if findings:
        return None, [Problem(where, lineno, prefix + f.message) for f in findings]
    return doc, []


def read_path(path: Path, *, schema: bool = False,
              digest: Any = None) -> Iterator[tuple[Document | None, list[Problem]]]:
    """Every document under `path` with its problems, one bad document not stopping the rest.
    `path` is a folder of source files, a source file, a JSONL of documents, or a folder exported
    for the Hugging Face Hub (`boilerbench export`)."""
    from .hub.read import exported_rows, is_exported

    if is_exported(path):
        for data, where, row, problems in exported_rows(path):
            yield (None, problems) if data is None else document_from_json(data, where, row, schema=schema)
    elif path.is_dir():
        pages = path.resolve() / "_pages"  # absolute: a kept corpus outlives a change of folder
        for file in source_files(path):
            if not file.is_file():  # a named pipe or a device would block or never end: skipped
                print(f"{file}: not a regular file: skipped", file=sys.stderr)
                continue
            parsed = source_format.read(file)
            doc = parsed.document
            if doc is not None and doc.html is None and pages.is_dir():
                page = pages / f"{doc.id}.html.gz"
                if page.is_file():
                    doc = dataclasses.replace(doc, html_path=str(page))
            yield doc, parsed.problems
    elif path.suffix == ".jsonl":
        yield from read_jsonl(path, schema=schema, digest=digest)
    elif path.suffix == ".txt" and path.exists() and not path.is_file():
        yield None, [Problem(str(path), None, "not a regular file: not read")]
    elif path.suffix == ".txt":
        parsed = source_format.read(path)
        yield parsed.document, parsed.problems
    elif not path.exists():
        yield None, [Problem(str(path), None, "no such file or folder")]
    else:
        yield None, [Problem(str(path), None, "not a corpus: expected a folder of .txt source files "
                                              "or a .jsonl of documents")]


def read_documents(paths: Iterable[Path], *, schema: bool = False,
                   digest: Any = None) -> Iterator[tuple[Document | None, list[Problem]]]:
    """Like `read_path` over several paths, adding the checks across documents:
    ids are unique, and no two documents have the same text."""
    seen_ids: dict[str, str] = {}
    seen_text: dict[str, str] = {}
    for path in paths:
        for doc, problems in read_path(path, schema=schema, digest=digest):
            if doc is not None:
                where = (str(path / doc.publisher / f"{doc.id}.txt") if path.is_dir() and not (path / "data").is_dir()
                         else str(path))
                digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
                if doc.id in seen_ids:
                    problems = problems + [Problem(where, None, f"duplicate id {doc.id!r} "
                                                                f"(also in {seen_ids[doc.id]})")]
                elif digest in seen_text:
                    problems = problems + [Problem(where, None, f"document {doc.id!r} has the same text as "
                                                                f"{seen_text[digest]}")]
                seen_ids.setdefault(doc.id, where)
                seen_text.setdefault(digest, f"document {doc.id!r}")
                if problems:
                    doc = None
            yield doc, problems


def load_corpus(path: str | Path | None = None, *, split: str | None = None,
                track: str | None = None) -> Iterator[Document]:
    """Iterate lazily over the documents of a corpus.

    Parameters
    ----------
    path : str or Path, optional
        A folder of source files, a source file, a JSONL of documents, or a folder exported for
        the Hugging Face Hub; default the bundled corpus.
    split : str, optional
        Only the documents of this split: train, validation or test.
    track : str, optional
        Only the documents of this track: real or authored.

    Returns
    -------
    iterator of Document

    Raises
    ------
    UserError (a ValueError)
        An unknown split or track; at the first bad document, every problem it has, each naming
        the file and line.
    NotFoundError (a FileNotFoundError)
        `path` does not exist.

    Example
    -------
    >>> from boilerbench import load_corpus
    >>> docs = list(load_corpus(split="test", track="authored"))
    >>> len(docs) > 0, {d.split for d in docs}, {d.track for d in docs}
    (True, {'test'}, {'authored'})
    """
    from .labels import SPLITS, TRACKS

    if split is not None and split not in SPLITS:
        raise UserError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    if track is not None and track not in TRACKS:
        raise UserError(f"unknown track {track!r}; expected one of {', '.join(TRACKS)}")
    root = bundled_corpus() if path is None else Path(path)
    if not root.exists():
        raise NotFoundError(Problem(str(root), None, "no such file or folder"))
    if _is_small_jsonl(root) and not any(k[0] == str(root.resolve()) for k in _READ):
        # never read in this process: nothing to serve, so its bytes are hashed as they are read
        digest = _new_digest()
        digest.update(root.name.encode() + b"\0")  # as `_signature` names the file
        documents: Iterable[Document] = _read_all(root, None, digest)
    else:
        key = _signature(root)
        kept = _READ.get(key) if key is not None else None
        documents = kept if kept is not None else _read_all(root, key)
    for doc in documents:
        if (split is None or doc.split == split) and (track is None or doc.track == track):
            yield doc


_READ: dict[tuple[Any, ...], list[Document]] = {}
_KEEP = 4  # corpora kept per process
KEEP_BYTES = 256 * 2**20  # larger corpora (their files' bytes) are not kept


def _read_all(root: Path, key: tuple[Any, ...] | None, digest: Any = None) -> Iterator[Document]:
    """Documents of `root` as read, raising at the first bad one; once all are read without a
    problem they are kept for the next `load_corpus` of the same unchanged files, under `key`, or
    under the content hash `digest` was fed while reading (the same key `_signature` gives)."""
    kept: list[Document] = []
    for doc, problems in read_documents([root], digest=digest):
        if problems:
            raise UserError(problems)
        if doc is not None:
            kept.append(doc)
            yield doc
    if digest is not None:
        key = (str(root.resolve()), digest.hexdigest())
    if key is not None:
        _keep(key, kept)


def _keep(key: tuple[Any, ...], documents: list[Document]) -> None:
    while len(_READ) >= _KEEP:
        _READ.pop(next(iter(_READ)))
    _READ[key] = documents


def _is_small_jsonl(root: Path) -> bool:
    try:
        return root.suffix == ".jsonl" and root.is_file() and root.stat().st_size <= KEEP_BYTES
    except OSError:
        return False


def _new_digest() -> Any:
    return hashlib.sha1(usedforsecurity=False)  # fast (hardware SHA on most CPUs); a content address, as in git


def _signature(root: Path) -> tuple[Any, ...] | None:
    """What a corpus's documents depend on: a hash of every file's name and bytes (a folder of
    source files, with its page sources' names, or one JSONL file); None for what is not kept (an
    exported folder, read through `datasets`). Documents are immutable, so a corpus read once in a
    process is served again while its files are byte for byte the same: a test session or a script
    loads the bundled corpus many times, and hashing its files costs a tenth of parsing them."""
    from .hub.read import is_exported

    digest = _new_digest()
    try:
        if root.is_file() and root.suffix == ".jsonl":
            files = [root]
        elif root.is_dir() and not is_exported(root):
            files = source_files(root)
            pages = root / "_pages"
            if pages.is_dir():
                digest.update("\0".join(sorted(p.name for p in pages.iterdir())).encode())
        else:
            return None
        if sum(f.stat().st_size for f in files) > KEEP_BYTES:
            return None  # a corpus this large is streamed, never kept
        for file in files:
            digest.update(str(file.relative_to(root) if file != root else file.name).encode() + b"\0")
            digest.update(file.read_bytes())
    except (OSError, ValueError):
        return None
    return (str(root.resolve()), digest.hexdigest())
