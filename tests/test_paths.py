"""Path safety: every name that becomes part of a path goes through `boilerbench.paths`, and the
names that would leave the output folder are refused with a message saying what they were."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import run_cli

from boilerbench.errors import UserError
from boilerbench.paths import distinct, input_file, output_file, safe_component

# --- the one function -------------------------------------------------------------------------


@pytest.mark.parametrize("name, why", [
    ("../../x", "holds a '/'"),
    ("/etc/passwd", "holds a '/'"),
    ("..\\..\\x", "holds a '\\'"),
    ("", "is empty"),
    ("   ", "is empty"),
    ("a\x00b", "control character"),
    ("a\nb", "control character"),
    ("..", "only dots"),
    (".", "only dots"),
    ("x" * 201, "longer than 200 bytes"),
    ("é" * 101, "longer than 200 bytes"),
    ("!!!", "no letter or digit"),
    (None, "not a string"),
    (42, "not a string"),
], ids=["dotdot", "absolute", "backslash", "empty", "blank", "nul", "newline", "dotdot-only", "dot",
        "long", "long-utf8", "no-letters", "none", "number"])
def test_unsafe_names_are_refused_naming_what_they_were(name, why):
    with pytest.raises(UserError) as info:
        safe_component(name, "annotator")
    message = str(info.value)
    assert "annotator" in message and why in message, message


@pytest.mark.parametrize("name, safe", [
    ("keep-all", "keep-all"), ("My Extractor", "My-Extractor"), ("jane@example.org", "jane@example.org"),
    ("v1.2_beta+x", "v1.2_beta+x"), (".hidden", "hidden"), ("a:b", "a-b"), ("x" * 200, "x" * 200),
])
def test_safe_names_stay_or_are_cleaned(name, safe):
    assert safe_component(name, "name") == safe


def test_output_file_stays_inside_its_folder(tmp_path):
    assert output_file(tmp_path, ("ann", "annotator"), ("p", "publisher"), ("d", "document id"), suffix=".txt") \
        == tmp_path / "ann" / "p" / "d.txt"
    (tmp_path / "link").symlink_to(tmp_path.parent)
    with pytest.raises(UserError, match="lies outside"):
        output_file(tmp_path, ("link", "publisher"), ("x", "document id"))


def test_input_file_refuses_names_that_would_change(tmp_path):
    assert input_file(tmp_path, "0001", "page id", ".json") == tmp_path / "0001.json"
    with pytest.raises(UserError, match="page id 'a b' is not a plain file name"):
        input_file(tmp_path, "a b", "page id")


def test_distinct_refuses_two_names_on_one_file(tmp_path):
    with pytest.raises(UserError, match="'a b' and 'a-b' would both be written"):
        distinct([(tmp_path / "a-b.json", "a b"), (tmp_path / "a-b.json", "a-b")], "extractors")


# --- every place that builds a path uses it ----------------------------------------------------

SAFE_CALLS = {"safe_component", "output_file", "input_file"}
PATHY = re.compile(r"(path|dir|folder|out|root|base|pages|stage|target|file)s?$", re.IGNORECASE)

# Paths built from a name that does not come from the user's data, each with the reason. A new
# path built from a variable must use `boilerbench.paths` or be added here with its reason.
ALLOWED = {
    ("src/boilerbench/loader.py", 'pages / f"{doc.id}.html.gz"'):
        "a read path; doc.id passed check_header (SAFE_ID, no '..') before the document exists",
    ("src/boilerbench/loader.py", 'path / doc.publisher / f"{doc.id}.txt"'):
        "only the `where` of a message; nothing is opened",
    ("src/boilerbench/loader.py", "path / doc.publisher"): "only the `where` of a message",
    ("src/boilerbench/hub/export.py", 'data_dir / f"{split}-00000-of-00001.parquet"'): "split is one of SPLITS",
    ("src/boilerbench/hub/export.py", 'data_dir / f".{split}.parquet.partial"'): "split is one of SPLITS",
    ("src/boilerbench/importing.py", "folder / split"): "split is one of WCXB_SPLITS (argparse choices)",
    ("src/boilerbench/schemas.py", 'schema_dir() / f"{name}.schema.json"'): "name is one of our schema names",
    ("src/boilerbench/atomic.py", 'stage / f"{i}.new"'): "a number",
    ("src/boilerbench/atomic.py", 'stage / f"{i}.old"'): "a number",
    ("src/boilerbench/paths.py", "path / name"): "the implementation: name passed safe_component",
    ("src/boilerbench/paths.py", "path / (names[-1] + suffix)"): "the implementation: passed safe_component",
    ("src/boilerbench/paths.py", "Path(folder) / (name + suffix)"): "the implementation: checked plain",
    ("baselines/sklearn_model.py", None): "the model cache: file names are content hashes",
}


def _is_safe(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        return name in SAFE_CALLS
    if isinstance(node, ast.JoinedStr):
        return all(_is_safe(v.value) if isinstance(v, ast.FormattedValue) else True for v in node.values)
    return False


def _pathy(node: ast.AST) -> bool:
    """Whether an expression looks like a path (so that `x / y` joins paths, not numbers)."""
    if isinstance(node, ast.Name):
        return bool(PATHY.search(node.id))
    if isinstance(node, ast.Attribute):
        return bool(PATHY.search(node.attr))
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        return name in ("Path", "bundled_corpus", "schema_dir", "cache_dir") or name in SAFE_CALLS
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return _pathy(node.left) or (isinstance(node.right, (ast.Constant, ast.JoinedStr))
                                     and isinstance(getattr(node.right, "value", ""), str))
    return False


def path_joins(tree: ast.AST):
    """Every `a / b` that joins paths with a part that is not a literal or a safe call, every
    `joinpath`/`os.path.join` with such a part, and every `Path(f"...")`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and _pathy(node.left):
            if not _is_safe(node.right):
                yield node
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in ("joinpath", "join") and isinstance(func, ast.Attribute) and (
                    name == "joinpath" or ast.unparse(func.value) == "os.path"):
                if not all(_is_safe(a) for a in node.args):
                    yield node
            elif name == "Path" and any(isinstance(a, (ast.JoinedStr, ast.BinOp)) for a in node.args):
                yield node


def _sources():
    for folder in ("src/boilerbench", "evaluate", "baselines"):
        yield from sorted((ROOT / folder).rglob("*.py"))


def test_every_path_built_from_a_name_goes_through_safe_component():
    allowed = {(rel, ast.unparse(ast.parse(code)) if code else None): key for key in ALLOWED for rel, code in [key]}
    unexplained, used = [], set()
    for file in _sources():
        rel = file.relative_to(ROOT).as_posix()
        for node in path_joins(ast.parse(file.read_text(encoding="utf-8"))):
            code = ast.unparse(node)
            for key in ((rel, code), (rel, None)):
                if key in allowed:
                    used.add(allowed[key])
                    break
            else:
                unexplained.append(f"{rel}:{node.lineno}: {code}")
    assert not unexplained, "paths built from names without boilerbench.paths.safe_component:\n" + \
        "\n".join(unexplained)
    assert set(ALLOWED) == used, f"stale ALLOWED entries: {set(ALLOWED) - used}"


def test_the_scan_finds_an_unsafe_join():
    """The scan itself can fail: a name joined straight onto an output folder is caught."""
    tree = ast.parse('out = Path(args.out)\nwrite(out / "results" / f"{e.name}.json")\nx = a / b\n')
    assert [ast.unparse(n) for n in path_joins(tree)] == ["out / 'results' / f'{e.name}.json'"]
    assert not list(path_joins(ast.parse("out / safe_component(x, 'y')\nout / f\"{safe_component(x, 'y')}.j\"")))


# --- behaviour at the places the issue found ----------------------------------------------------

def _ls_task(doc_id: str, annotator, publisher: str = "acme") -> dict:
    text = "A headline\nThe body."
    return {"id": 1, "data": {"text": text, "doc_id": doc_id, "publisher": publisher, "language": "en",
                              "split": "test", "provenance": "authored", "license": "CC-BY-4.0"},
            "annotations": [{"id": 1, "completed_by": annotator,
                             "result": [{"type": "labels", "value": {"start": 0, "end": 10, "text": "A headline",
                                                                      "labels": ["title"]}},
                                        {"type": "labels", "value": {"start": 11, "end": 20, "text": "The body.",
                                                                      "labels": ["body"]}}]}]}


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")} if folder.exists() else set()


@pytest.mark.parametrize("annotator, message", [
    ({"email": "../../x"}, "annotator '../../x' cannot name a file or folder: it holds a '/'"),
    ({"email": "/tmp/abs"}, "annotator '/tmp/abs' cannot name a file or folder"),
    ("", "annotator '' cannot name a file or folder: it is empty"),
    ({"email": "a\x00b"}, "control character"),
    ({"email": "y" * 300}, "longer than 200 bytes"),
    ({"id": ".."}, "only dots"),
], ids=["dotdot", "absolute", "empty", "nul", "long", "dots"])
def test_labelstudio_each_refuses_unsafe_annotators(tmp_path, capsys, annotator, message):
    export = tmp_path / "in" / "export.json"
    export.parent.mkdir()
    export.write_text(json.dumps([_ls_task("acme-1", annotator)]))
    before = _files(tmp_path)
    code, _, err = run_cli(capsys, "labelstudio", "import", export, "--out", tmp_path / "a" / "b" / "out",
                           "--annotators", "each")
    assert code == 1 and message in err, err
    assert _files(tmp_path) == before  # nothing written anywhere, not even the --out folder


def test_labelstudio_each_writes_a_safe_annotator_folder(tmp_path, capsys):
    export = tmp_path / "export.json"
    export.write_text(json.dumps([_ls_task("acme-1", {"email": "jane@example.org"})]))
    code, _, err = run_cli(capsys, "labelstudio", "import", export, "--out", tmp_path / "out", "--annotators", "each")
    assert code == 0, err
    assert _files(tmp_path / "out") == {"jane@example.org", "jane@example.org/acme", "jane@example.org/acme/acme-1.txt"}


def test_labelstudio_annotators_that_collide_are_refused(tmp_path, capsys):
    export = tmp_path / "export.json"
    tasks = [_ls_task("acme-1", {"email": "a b"}), {**_ls_task("acme-1", {"email": "a-b"}), "id": 2}]
    export.write_text(json.dumps(tasks))
    code, _, err = run_cli(capsys, "labelstudio", "import", export, "--out", tmp_path / "out", "--annotators", "each")
    assert code == 1 and "would both be written to" in err, err
    assert not (tmp_path / "out").exists()


@pytest.fixture
def predictions_named(tmp_path, corpus_dir):
    """A predictions file for the corpus_dir document whose header names the extractor `name`."""
    def make(name: str, file: str = "p.jsonl") -> Path:
        path = tmp_path / file
        header = {"boilerbench_predictions": 1, "extractor": {"name": name, "version": "1"}}
        path.write_text(json.dumps(header) + "\n" + json.dumps({"id": "acme-sample", "body": "x"}) + "\n")
        return path
    return make


@pytest.mark.parametrize("name", ["../../escaped", "/abs/escaped", "..", "a\x00b"])
def test_leaderboard_out_refuses_unsafe_extractor_names(tmp_path, capsys, corpus_dir, predictions_named, name):
    preds = predictions_named(name)
    out = tmp_path / "board" / "out"
    code, _, err = run_cli(capsys, "leaderboard", "--corpus", corpus_dir, "--split", "train", "--predictions", preds,
                           "--out", out, "--resamples", "0", "--no-progress")
    assert code == 1 and "extractor name" in err and "cannot name a file or folder" in err, err
    assert not out.exists() or not list(out.iterdir())  # at most the folder the user named, empty
    assert not list(tmp_path.rglob("escaped*")) and not Path("/abs").exists()


def test_score_output_folder_refuses_unsafe_extractor_names(tmp_path, capsys, corpus_dir, predictions_named):
    a, b = predictions_named("../../escaped", "a.jsonl"), predictions_named("fine", "b.jsonl")
    code, _, err = run_cli(capsys, "score", a, b, "--corpus", corpus_dir, "--split", "train", "--resamples", "0",
                           "-o", tmp_path / "res")
    assert code == 1 and "extractor name '../../escaped'" in err, err
    res = tmp_path / "res"
    assert (not res.exists() or not list(res.iterdir())) and not list(tmp_path.parent.rglob("escaped*"))


def test_aeb_page_ids_cannot_read_outside_the_folder(tmp_path, capsys):
    folder = tmp_path / "aeb"
    (folder / "html").mkdir(parents=True)
    (folder / "ground-truth.json").write_text(json.dumps({"../../secret": {"articleBody": "x", "url": None}}))
    code, _, err = run_cli(capsys, "import", "aeb", folder, "-o", tmp_path / "out.jsonl")
    assert code == 1 and "page id '../../secret'" in err and "ground-truth.json" in err, err
    assert not (tmp_path / "out.jsonl").exists()
