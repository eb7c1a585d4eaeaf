"""Hub export, the dataset card, loading back with `datasets`, and publishing (with a recording
stand-in for HfApi: tests never touch the network)."""

from __future__ import annotations

import json

import pytest
from helpers import run_cli

from boilerbench import load_corpus
from boilerbench.cli import main
from boilerbench.hub.publish import publish
from boilerbench.hub.rows import features, restricted

CORPUS = list(load_corpus())


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")



@pytest.fixture(scope="module")
def results_dir(tmp_path_factory):
    """A `leaderboard --out` folder, made by scoring two cheap predictions (no extractor runs)."""
    from boilerbench.evaluate import Prediction, score
    from boilerbench.evaluate.results import write_results

    out = tmp_path_factory.mktemp("lb")
    for track in ("real", "authored"):
        docs = [d for d in CORPUS if d.track == track and d.split == "test"]
        for name, body in (("everything", lambda d: d.text),
                           ("gold-body", lambda d: "\n".join(ln.text for ln in d.lines if ln.label == "body"))):
            r = score(docs, [Prediction(d.id, body=body(d)) for d in docs], extractor={"name": name, "version": "1"},
                      split="test", n_resamples=50)
            write_results(out / "results" / track / f"{name}.json", r)
    return out


@pytest.fixture(scope="module")
def exported(tmp_path_factory, results_dir):
    out = tmp_path_factory.mktemp("export") / "full"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        assert main(["export", "--out", str(out), "--leaderboard-from", str(results_dir)]) == 0
    return out


def test_round_trip_gives_identical_documents(tmp_path, capsys):
    out = tmp_path / "all"
    assert run_cli(capsys, "export", "--out", out, "--include-restricted", "--no-leaderboard")[0] == 0
    back = {d.id: d for d in load_corpus(out)}
    assert back == {d.id: d for d in CORPUS}


def test_restricted_documents_are_left_out_and_counted(exported):
    back = {d.id for d in load_corpus(exported)}
    left_out = [d for d in CORPUS if restricted(d)]
    assert left_out and back == {d.id for d in CORPUS if not restricted(d)}
    card = (exported / "README.md").read_text()
    assert f"{len(left_out)} document(s) whose licence does not allow redistribution were left out" in card


def test_export_is_deterministic(tmp_path, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert run_cli(capsys, "export", "--out", out, "--no-leaderboard", "--split", "validation")[0] == 0
    for path in sorted((a / "data").iterdir()):
        assert path.read_bytes() == (b / "data" / path.name).read_bytes(), path.name
    assert (a / "README.md").read_text() == (b / "README.md").read_text()


def test_dataset_card_metadata_and_body(exported):
    from huggingface_hub import DatasetCard

    card = DatasetCard.load(exported / "README.md")
    data = card.data.to_dict()
    assert data["license"] == ["cc-by-4.0", "mit"]  # the authored and WCXB pages; the AEB pages
    assert {"de", "en", "es", "fr"} <= set(data["language"])
    assert data["task_categories"] and data["tags"] and data["pretty_name"] == "boilerbench"
    assert data["size_categories"] == ["n<1K"] and data["annotations_creators"]
    assert [f["split"] for f in data["configs"][0]["data_files"]] == ["train", "validation", "test"]
    assert [f["name"] for f in data["dataset_info"]["features"]][:3] == ["id", "publisher", "language"]
    assert "Murrough Foley" in card.text and "CC-BY-4.0" in card.text and "article-extraction-benchmark" in card.text
    for heading in ("## Use it", "## A data example", "## Statistics", "## How it was made", "## Annotators",
                    "## Limitations", "## Leaderboard", "## Citation", "@misc{boilerbench"):
        assert heading in card.text
    assert "| rank | extractor | input | body P |" in card.text  # the leaderboard table, from the results
    assert "| 1 | gold-body 1 | text | 1.00 [1.00, 1.00]" in card.text and "| 2 | everything 1 |" in card.text
    assert "**Real pages** (210 documents" in card.text and "(50 resamples, seed 0)" in card.text
    assert 'load_dataset("path/to/this/folder")' in card.text and '["tokens"]' not in card.text
    assert "twenty-three first-pass annotators" in card.text and "**Authored pages are invented.**" in card.text
    for label in ("`title`", "`byline`", "`body`", "`promo`", "`teaser`", "`other`"):
        assert label in card.text


def test_loaded_with_datasets_features(exported):
    from datasets import load_dataset

    ds = load_dataset(str(exported))
    assert set(ds) == {"train", "validation", "test"}
    assert ds["test"].features == features()
    assert ds["test"].features["line_labels"].feature.names == ["title", "byline", "body", "promo", "teaser", "other"]
    row = ds["test"][0]
    assert len(row["lines"]) == len(row["line_labels"]) == row["text"].count("\n") + 1
    # the token view, as token-classification scripts read it
    assert ds["test"].features["ner_tags"].feature.names == ds["test"].features["line_labels"].feature.names
    doc = next(d for d in CORPUS if d.id == row["id"])
    words, labels = doc.labelled_tokens
    names = ds["test"].features["ner_tags"].feature.names
    assert row["tokens"] == words and [names[t] for t in row["ner_tags"]] == labels
    # no always-empty column: the bundled corpus has no reference gold, and page sources only with --with-html
    assert not {"html", "reference_body", "reference"} & set(ds["test"].column_names)


def test_the_card_example_is_real_data(exported):
    import json
    import re

    card = (exported / "README.md").read_text()
    example = json.loads(re.search(r"## A data example.*?```json\n(.*?)```", card, re.S).group(1))
    doc = next(d for d in CORPUS if d.id == example["id"])
    lines = [ln.text for ln in doc.lines]
    start = lines.index(example["lines"][0])
    assert lines[start : start + len(example["lines"])] == example["lines"]
    assert example["tokens"][0] in doc.labelled_tokens[0]


def test_imported_gold_columns_are_kept_when_documents_have_them(tmp_path, capsys):
    from datasets import load_dataset

    from boilerbench.importing import import_pages, read_jsonl_pages

    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({"id": "p1", "html": "<h1>Head line</h1><p>Menu</p><p>Real text here.</p>",
                                 "body": "Real text here."}) + "\n", encoding="utf-8")
    assert run_cli(capsys, "import", "jsonl", pages, "-o", tmp_path / "mine.jsonl", "--license", "CC0-1.0")[0] == 0
    assert run_cli(capsys, "export", "--out", tmp_path / "x", "--corpus", tmp_path / "mine.jsonl",
                   "--no-leaderboard")[0] == 0
    ds = load_dataset(str(tmp_path / "x"))
    split = next(iter(ds))
    assert ds[split][0]["reference_body"] == "Real text here." and "html" in ds[split].column_names
    assert next(iter(load_corpus(tmp_path / "x"))).reference_body == "Real text here."
    assert import_pages and read_jsonl_pages  # the importer the command uses


def test_commands_accept_an_exported_folder(tmp_path, capsys):
    out = tmp_path / "validation"  # one split keeps `validate` (the full JSON Schema, span by span) quick
    assert run_cli(capsys, "export", "--out", out, "--no-leaderboard", "--split", "validation")[0] == 0
    code, text, _ = run_cli(capsys, "stats", "--corpus", out, "--format", "json")
    expected = sum(1 for d in CORPUS if d.split == "validation" and not restricted(d))
    assert code == 0 and json.loads(text)["total"]["documents"] == expected
    code, _, err = run_cli(capsys, "validate", out)
    assert code == 0 and f"{expected} valid document(s)" in err


def test_export_errors(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    code, _, err = run_cli(capsys, "export", "--out", tmp_path / "file", "--no-leaderboard")
    assert code == 1 and "is not a folder" in err
    code, _, err = run_cli(capsys, "export", "--out", tmp_path / "y", "--leaderboard-from", tmp_path / "none")
    assert code == 1 and "--leaderboard-from" in err and "no such folder" in err


def test_a_results_folder_of_another_corpus_is_refused(tmp_path, capsys, results_dir):
    one = next(d for d in CORPUS if d.track == "authored" and d.split == "test")
    path = tmp_path / "one.jsonl"
    path.write_text(one.dumps() + "\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "export", "--out", tmp_path / "x", "--corpus", path, "--leaderboard-from",
                           results_dir)
    assert code == 1 and "were scored on other documents than the ones exported" in err


# --- licences ---------------------------------------------------------------------------------

def test_import_of_your_own_pages_needs_a_licence(tmp_path, capsys):
    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({"id": "p1", "html": "<p>Menu</p><p>Real text here.</p>", "body": "Real text here."})
                     + "\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "import", "jsonl", pages, "-o", tmp_path / "out.jsonl")
    assert code == 1 and "give the pages' licence with --license" in err and "--license unknown" in err
    assert not (tmp_path / "out.jsonl").exists()
    code, _, err = run_cli(capsys, "import", "jsonl", pages, "-o", tmp_path / "out.jsonl", "--license", "CC BY")
    assert code == 1 and "give one SPDX id" in err


def test_unknown_licences_are_left_out_of_exports_unless_asked(tmp_path, capsys):
    pages = tmp_path / "pages.jsonl"
    pages.write_text("".join(json.dumps({"id": f"p{k}", "html": f"<p>Menu</p><p>Text number {k} here.</p>",
                                         "body": f"Text number {k} here."}) + "\n" for k in range(2)),
                     encoding="utf-8")
    assert run_cli(capsys, "import", "jsonl", pages, "-o", tmp_path / "u.jsonl", "--license", "unknown")[0] == 0
    assert {d.license for d in load_corpus(tmp_path / "u.jsonl")} == {"unknown"}
    code, _, err = run_cli(capsys, "export", "--out", tmp_path / "x", "--corpus", tmp_path / "u.jsonl",
                           "--no-leaderboard")
    assert code == 1 and "nothing to export" in err and "--include-unknown-license" in err
    code, _, err = run_cli(capsys, "export", "--out", tmp_path / "x", "--corpus", tmp_path / "u.jsonl",
                           "--no-leaderboard", "--include-restricted")
    assert code == 1 and "nothing to export" in err  # unknown is not merely restricted
    code, _, err = run_cli(capsys, "export", "--out", tmp_path / "x", "--corpus", tmp_path / "u.jsonl",
                           "--no-leaderboard", "--include-unknown-license")
    assert code == 0 and {d.id for d in load_corpus(tmp_path / "x")} == {"p0", "p1"}
    card = (tmp_path / "x" / "README.md").read_text()
    assert "Documents of unknown licence are included" in card
    code, out, _ = run_cli(capsys, "publish", "--repo-id", "org/bb", "--corpus", tmp_path / "u.jsonl",
                           "--no-leaderboard", "--dry-run")
    assert code == 1  # publish leaves them out too


def test_nothing_redistributable(tmp_path, capsys):
    seed = next(d for d in CORPUS if restricted(d))
    path = tmp_path / "seed.jsonl"
    path.write_text(seed.dumps() + "\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "export", "--out", tmp_path / "x", "--corpus", path, "--no-leaderboard")
    assert code == 1 and "nothing to export" in err


# --- publishing --------------------------------------------------------------------------------

class RecordingApi:
    def __init__(self, fail: Exception | None = None):
        self.calls: list[tuple] = []
        self.fail = fail

    def create_repo(self, repo_id, **kw):
        self.calls.append(("create_repo", repo_id, kw))
        if self.fail:
            raise self.fail

    def create_branch(self, repo_id, **kw):
        self.calls.append(("create_branch", repo_id, kw))

    def upload_folder(self, **kw):
        self.calls.append(("upload_folder", kw["repo_id"], kw))


def test_publish_uploads_the_folder(exported):
    api = RecordingApi()
    message = publish(exported, "org/boilerbench", private=True, revision="v1", api=api)
    assert [c[0] for c in api.calls] == ["create_repo", "create_branch", "upload_folder"]
    assert api.calls[0][2] == {"repo_type": "dataset", "private": True, "exist_ok": True}
    upload = api.calls[2][2]
    assert upload["folder_path"] == str(exported) and upload["repo_type"] == "dataset" and upload["revision"] == "v1"
    assert "Uploaded" in message


def test_publish_builds_the_same_card_as_export(tmp_path, capsys, monkeypatch):
    import huggingface_hub

    from boilerbench.evaluate import Prediction, score
    from boilerbench.evaluate.results import write_results

    docs = [d for d in CORPUS if d.split == "test"][:3] + [d for d in CORPUS if d.split == "test"][-3:]
    small = tmp_path / "small.jsonl"
    small.write_text("".join(d.dumps() + "\n" for d in docs), encoding="utf-8")
    for track in {d.track for d in docs}:
        mine = [d for d in docs if d.track == track]
        r = score(mine, [Prediction(d.id, body=d.text) for d in mine], extractor={"name": "all", "version": "1"},
                  split="test", n_resamples=0)
        write_results(tmp_path / "lb" / "results" / track / "all.json", r)
    cards = []

    class Capture(RecordingApi):
        def upload_folder(self, **kw):
            from pathlib import Path

            cards.append((Path(kw["folder_path"]) / "README.md").read_text())

    monkeypatch.setattr(huggingface_hub, "HfApi", lambda *a, **k: Capture())
    flags = ["--corpus", small, "--leaderboard-from", tmp_path / "lb"]
    code, _, err = run_cli(capsys, "publish", "--repo-id", "org/bb", *flags)
    assert code == 0, err
    assert run_cli(capsys, "export", "--out", tmp_path / "x", *flags)[0] == 0
    exported_card = (tmp_path / "x" / "README.md").read_text()
    assert "| 1 | all 1 | text |" in cards[0]  # publish's card has the leaderboard too
    assert cards[0] == exported_card.replace('load_dataset("path/to/this/folder")  # or the dataset\'s ORG/NAME on '
                                             'the Hub', 'load_dataset("org/bb")')


def test_publish_dry_run_lists_files(exported, capsys, monkeypatch):
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "HfApi", lambda *a, **k: pytest.fail("dry run must not reach the Hub"))
    code, out, _ = run_cli(capsys, "publish", "--repo-id", "org/bb", "--folder", exported, "--dry-run")
    assert code == 0 and "README.md" in out and "data/test-00000-of-00001.parquet" in out and "bytes" in out


def http_error(status: int):
    import httpx2
    from huggingface_hub.errors import HfHubHTTPError

    return HfHubHTTPError(f"{status} error", response=httpx2.Response(status, request=httpx2.Request(
        "POST", "https://huggingface.co/api/repos/create")))


@pytest.mark.parametrize("error, message", [
    (lambda: http_error(401), "rejected the token"),
    (lambda: http_error(403), "no permission to create or write"),
    (lambda: ConnectionError("no route to host"), "cannot reach the Hugging Face Hub"),
])
def test_publish_errors_are_clear_and_never_show_the_token(exported, capsys, monkeypatch, error, message):
    import huggingface_hub

    monkeypatch.setenv("HF_TOKEN", "hf_secretTOKEN123")
    api = RecordingApi(fail=error())
    monkeypatch.setattr(huggingface_hub, "HfApi", lambda *a, **k: api)
    code, out, err = run_cli(capsys, "publish", "--repo-id", "org/bb", "--folder", exported)
    assert code == 1 and message in err
    assert "hf_secretTOKEN123" not in out + err


def test_publish_bad_arguments(tmp_path, capsys):
    assert "not of the form ORG/NAME" in run_cli(capsys, "publish", "--repo-id", "nope", "--dry-run")[2]
    code, _, err = run_cli(capsys, "publish", "--repo-id", "org/bb", "--folder", tmp_path, "--dry-run")
    assert code == 1 and "not an exported folder" in err
