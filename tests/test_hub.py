"""Hub export, the dataset card, loading back with `datasets`, and publishing (with a recording
stand-in for HfApi: tests never touch the network)."""

from __future__ import annotations

import pytest
from helpers import run_cli

from boilerbench import load_corpus
from boilerbench.cli import main
from boilerbench.hub import features, publish, restricted

CORPUS = list(load_corpus())


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")



@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "full"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        assert main(["export", "--out", str(out)]) == 0
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
        assert run_cli(capsys, "export", "--out", out, "--no-leaderboard")[0] == 0
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
    for heading in ("## Statistics", "## How it was made", "## Leaderboard", "## Citation", "@misc{boilerbench"):
        assert heading in card.text
    assert "| rank | extractor | input | body P |" in card.text  # the leaderboard table
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


def test_commands_accept_an_exported_folder(exported, capsys):
    code, out, _ = run_cli(capsys, "stats", "--corpus", exported, "--format", "json")
    assert code == 0 and '"documents": 154' in out
    assert run_cli(capsys, "validate", exported)[0] == 0


def test_export_errors(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    code, _, err = run_cli(capsys, "export", "--out", tmp_path / "file", "--no-leaderboard")
    assert code == 1 and "is not a folder" in err


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
